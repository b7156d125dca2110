//! The period an analysis screen shows, kept in the URL (`?p=2026-Q4`) so a bookmarked or
//! shared link opens the same figures; a selector of month, quarter, year or custom dates.

use chrono::NaiveDate;
use guanxi_core::analysis::period_key::{PeriodKey, PeriodKind};
use leptos::prelude::*;

use crate::i18n::K;
use crate::platform::clock;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

/// The period in the URL, or the current year when absent or unreadable.
pub fn use_period() -> Memo<PeriodKey> {
    let param = query_param("p");
    Memo::new(move |_| {
        PeriodKey::parse(&param.get())
            .unwrap_or_else(|| PeriodKey::containing(PeriodKind::Year, clock::today()))
    })
}

const KINDS: [(PeriodKind, K, &str); 4] = [
    (PeriodKind::Month, K::PeriodMonth, "month"),
    (PeriodKind::Quarter, K::PeriodQuarter, "quarter"),
    (PeriodKind::Year, K::PeriodYear, "year"),
    (PeriodKind::Custom, K::PeriodCustom, "custom"),
];

/// Kind, previous / next, and for a custom period its two dates.
#[component]
pub fn PeriodSelector(path: &'static str) -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    let period = use_period();
    let set = use_query_setter(path);
    let go = {
        let set = set.clone();
        move |p: PeriodKey| set(&[("p", Some(p.to_string()))])
    };
    let (go_prev, go_next, go_kind) = (go.clone(), go.clone(), go.clone());
    let set_custom = move |start: Option<NaiveDate>, end: Option<NaiveDate>| {
        let (s0, e0) = period.get_untracked().range();
        let (start, end) = (start.unwrap_or(s0), end.unwrap_or(e0));
        // Dates typed the wrong way round are swapped rather than refused.
        let (start, end) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        go(PeriodKey::Custom { start, end });
    };
    let set_custom_end = set_custom.clone();
    view! {
        <div class="period-bar" role="group" aria-label=move || i18n.t(K::Period) data-testid="period-bar">
            <select class="input" data-testid="period-kind" aria-label=move || i18n.t(K::Period)
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some((kind, ..)) = KINDS.iter().find(|(.., name)| *name == v) {
                        let (_, end) = period.get_untracked().range();
                        let day = end.min(clock::today());
                        go_kind(PeriodKey::containing(*kind, day));
                    }
                }>
                {KINDS.iter().map(|(kind, label, name)| {
                    let kind = *kind;
                    view! { <option value=*name selected=move || period.get().kind() == kind>{move || i18n.t(*label)}</option> }
                }).collect_view()}
            </select>
            <button type="button" class="btn btn-ghost btn-sm" data-testid="period-prev" aria-label=move || i18n.t(K::PeriodPrevious)
                on:click=move |_| go_prev(period.get_untracked().previous())>"‹"</button>
            <strong class="period-label" data-testid="period-label">{move || period_label(period.get(), i18n)}</strong>
            <button type="button" class="btn btn-ghost btn-sm" data-testid="period-next" aria-label=move || i18n.t(K::PeriodNext)
                on:click=move |_| go_next(period.get_untracked().next())>"›"</button>
            {move || (period.get().kind() == PeriodKind::Custom).then(|| {
                let (start, end) = period.get().range();
                let set_start = set_custom.clone();
                let set_end = set_custom_end.clone();
                view! {
                    <input class="input" type="date" data-testid="period-start" aria-label=i18n.t(K::PeriodStart)
                        prop:value=start.to_string()
                        on:change=move |ev| set_start(event_target_value(&ev).parse().ok(), None)/>
                    <input class="input" type="date" data-testid="period-end" aria-label=i18n.t(K::PeriodEnd)
                        prop:value=end.to_string()
                        on:change=move |ev| set_end(None, event_target_value(&ev).parse().ok())/>
                }
            })}
        </div>
    }
}

/// "2026年第4季度" / "Q4 2026", and so on.
pub fn period_label(p: PeriodKey, i18n: crate::i18n::I18n) -> String {
    match p {
        PeriodKey::Month { year, month } => i18n.fmt(
            K::PeriodMonthLabel,
            &[("year", &year.to_string()), ("month", &month.to_string())],
        ),
        PeriodKey::Quarter { year, quarter } => i18n.fmt(
            K::PeriodQuarterLabel,
            &[("year", &year.to_string()), ("q", &quarter.to_string())],
        ),
        PeriodKey::Year { year } => i18n.fmt(K::PeriodYearLabel, &[("year", &year.to_string())]),
        PeriodKey::Custom { start, end } => format!("{start} – {end}"),
    }
}
