//! The case list (`/cases`): filters for status, kind, owner, lateness and the period the
//! cases were opened in (`p`, as the analysis writes it) in the URL, newest first, late cases
//! marked.

use std::collections::HashSet;

use guanxi_core::analysis::period::Period;
use guanxi_core::analysis::period_key::PeriodKey;
use guanxi_core::service::case::{CaseStatus, ServiceCase};
use guanxi_core::service::figures::cases_opened_in;
use guanxi_core::Id;
use leptos::prelude::*;

use crate::features::analysis::period::period_label;
use crate::features::service::shared::{late_now, CaseRow};
use crate::i18n::{Labelled, Lang, K};
use crate::ui::empty::EmptyState;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

const PATH: &str = "/cases";

/// The `status` filter: blank means the open ones, `all` every status, else one status.
fn status_matches(filter: &str, status: CaseStatus) -> bool {
    match filter {
        "" => status.is_open(),
        "all" => true,
        one => CaseStatus::parse(one) == Some(status),
    }
}

#[component]
pub fn CaseListPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let (status, kind, owner, late) = (
        query_param("status"),
        query_param("kind"),
        query_param("owner"),
        query_param("late"),
    );
    let period_param = query_param("p");
    let period = Memo::new(move |_| PeriodKey::parse(&period_param.get()));
    // The cases the service figures count for the period, when one is in the URL.
    let in_period = Memo::new(move |_| {
        let (start, end) = period.get()?.range();
        let p = Period::custom(start, end).ok()?;
        Some(data.cases.with(|k| {
            data.customers.with(|c| {
                cases_opened_in(k, c, p)
                    .iter()
                    .map(|c| c.id)
                    .collect::<HashSet<Id>>()
            })
        }))
    });
    let set = use_query_setter(PATH);
    let any_case = Memo::new(move |_| data.live_cases(|it| it.next().is_some()));
    let shown = Memo::new(move |_| {
        let (status, kind, owner, late_only) =
            (status.get(), kind.get(), owner.get(), late.get() == "1");
        let settings = data.settings.get();
        let in_period = in_period.get();
        let mut list: Vec<ServiceCase> = data.live_cases(|all| {
            all.filter(|c| status_matches(&status, c.status))
                .filter(|c| kind.is_empty() || c.kind == kind)
                .filter(|c| owner.is_empty() || c.owner == owner)
                .filter(|c| !late_only || late_now(c, &settings).is_some())
                .filter(|c| in_period.as_ref().is_none_or(|ids| ids.contains(&c.id)))
                .cloned()
                .collect()
        });
        list.sort_by(|a, b| b.opened_at.cmp(&a.opened_at).then(b.id.cmp(&a.id)));
        list
    });
    let owners = Memo::new(move |_| {
        let mut names: Vec<String> = data.settings.with(|s| s.owners.clone());
        data.live_cases(|all| {
            for c in all {
                if !c.owner.is_empty() && !names.contains(&c.owner) {
                    names.push(c.owner.clone());
                }
            }
        });
        names
    });
    let set_status = set.clone();
    let set_kind = set.clone();
    let set_owner = set.clone();
    let set_period = set.clone();
    let period_chip = move || {
        period.get().map(|p| {
            let label = period_label(p, i18n);
            let clear = set_period.clone();
            view! {
                <ul class="chips case-period"><li class="chip" data-testid="case-period-chip">
                    {i18n.fmt(K::CasePeriodChip, &[("period", &label)])}
                    <button type="button" class="chip-x" data-testid="case-period-clear"
                        aria-label=i18n.fmt(K::CasePeriodClear, &[("period", &label)])
                        on:click=move |_| clear(&[("p", None)])>"×"</button>
                </li></ul>
            }
        })
    };
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::CasesTitle)}</h1>
            <div class="actions">
                <A href="/knowledge" attr:class="btn" attr:data-testid="knowledge-link">{move || i18n.t(K::NavKnowledge)}</A>
                <A href="/cases/new" attr:class="btn btn-primary" attr:data-testid="new-case">{move || i18n.t(K::CaseNew)}</A>
            </div>
        </div>
        <div class="toolbar">
            <label class="filter">
                <span>{move || i18n.t(K::CaseStatusLabel)}</span>
                <select class="input" data-testid="case-status-filter"
                    on:change=move |ev| set_status(&[("status", Some(event_target_value(&ev)))])>
                    <option value="" selected=move || status.get().is_empty()>{move || i18n.t(K::CaseFilterOpen)}</option>
                    <option value="all" selected=move || status.get() == "all">{move || i18n.t(K::CaseFilterAll)}</option>
                    {CaseStatus::ALL.map(|s| view! {
                        <option value=s.as_str() selected=move || status.get() == s.as_str()>{move || i18n.t(s.key())}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(K::CaseKindLabel)}</span>
                <select class="input" data-testid="case-kind-filter"
                    on:change=move |ev| set_kind(&[("kind", Some(event_target_value(&ev)))])>
                    <option value="" selected=move || kind.get().is_empty()>{move || i18n.t(K::CaseFilterAnyKind)}</option>
                    {move || {
                        let zh = i18n.lang() == Lang::ZhCn;
                        data.settings.with(|s| s.case_kinds.iter().map(|k| {
                            let id = k.id.clone();
                            let v = id.clone();
                            view! { <option value=id selected=move || kind.get() == v>{k.name(zh).to_string()}</option> }
                        }).collect_view())
                    }}
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(K::FieldOwner)}</span>
                <select class="input" data-testid="case-owner-filter"
                    on:change=move |ev| set_owner(&[("owner", Some(event_target_value(&ev)))])>
                    <option value="" selected=move || owner.get().is_empty()>{move || i18n.t(K::CaseFilterAnyOwner)}</option>
                    {move || owners.get().into_iter().map(|o| {
                        let v = o.clone();
                        view! { <option value=o.clone() selected=move || owner.get() == v>{o.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="check-label">
                <input type="checkbox" data-testid="case-late-filter" prop:checked=move || late.get() == "1"
                    on:change=move |ev| set(&[("late", event_target_checked(&ev).then(|| "1".to_string()))])/>
                <span>{move || i18n.t(K::CaseFilterLate)}</span>
            </label>
        </div>
        {period_chip}
        {move || {
            if !any_case.get() {
                return view! {
                    <EmptyState
                        title=Signal::derive(move || i18n.t(K::CasesTitle).to_string())
                        body=Signal::derive(move || i18n.t(K::CasesEmpty).to_string())
                    />
                }.into_any();
            }
            let list = shown.get();
            if list.is_empty() {
                return view! { <p class="muted card" data-testid="cases-none">{i18n.t(K::CasesNoMatch)}</p> }.into_any();
            }
            let n = list.len();
            view! {
                <section class="card">
                    <p class="muted" data-testid="case-count">{i18n.fmt(K::CaseCount, &[("n", &n.to_string())])}</p>
                    <ul class="case-list">
                        {list.into_iter().map(|c| view! { <CaseRow case=c show_customer=true/> }).collect_view()}
                    </ul>
                </section>
            }.into_any()
        }}
    }
}
