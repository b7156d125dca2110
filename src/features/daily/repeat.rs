//! Repeating follow-ups in the views: the repeat fields of a follow-up form and the marker a
//! repeating follow-up carries in lists.

use guanxi_core::activity::recurrence::{Recurrence, Repeat, RepeatForm, WEEKDAYS};
use leptos::prelude::*;

use crate::i18n::{recurrence_text, use_i18n, K};
use crate::ui::form::{EnumField, EnumSelect, FormField, TextField};

/// The repeat choice, its count and (for "on a weekday") the weekday; the count and weekday
/// appear only when they apply. Grid items of the form they sit in.
#[component]
pub fn RepeatFields(
    /// The prefix of the controls' ids, unique on the page.
    #[prop(into)]
    id: String,
    /// The value and its setter, as [`crate::ui::form::bind`] gives them.
    bind: (Signal<RepeatForm>, Callback<RepeatForm>),
    /// The count's error, if any.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (value, set) = bind;
    // A memo, so that typing the count re-renders nothing around it (the input keeps focus).
    let repeat = Memo::new(move |_| value.with(|v| v.repeat));
    let edit = move |change: &dyn Fn(&mut RepeatForm)| {
        let mut v = value.get_untracked();
        change(&mut v);
        set.run(v);
    };
    let every = (
        Signal::derive(move || value.with(|v| v.every.clone())),
        Callback::new(move |s: String| edit(&|v| v.every = s.clone())),
    );
    let weekday = (
        Signal::derive(move || value.with(|v| v.weekday)),
        Callback::new(move |d| edit(&|v| v.weekday = d)),
    );
    let (select_id, every_id, weekday_id) = (
        format!("{id}-repeat"),
        format!("{id}-every"),
        format!("{id}-weekday"),
    );
    view! {
        <FormField label=K::RecurField id=select_id.clone()>
            <EnumSelect id=select_id options=&Repeat::ALL
                value=Signal::derive(move || repeat.get())
                on_change=Callback::new(move |r| edit(&|v| v.repeat = r))/>
            {move || (repeat.get() == Repeat::Months).then(|| view! {
                <p class="hint">{move || i18n.t(K::RecurMonthHint)}</p>
            })}
        </FormField>
        {move || (repeat.get() != Repeat::Never).then(|| view! {
            <TextField label=K::RecurEvery id=every_id.clone() kind="number" error=error flag_invalid=true required=true bind=every/>
        })}
        {move || (repeat.get() == Repeat::Weekday).then(|| view! {
            <EnumField label=K::RecurOn id=weekday_id.clone() options=&WEEKDAYS bind=weekday/>
        })}
    }
}

/// "↻ Monthly" beside a repeating follow-up; read out as "Repeats: Monthly".
#[component]
pub fn RepeatMarker(rule: Recurrence) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="badge repeat-badge" data-testid="repeat-marker">
            <span aria-hidden="true">{move || format!("↻ {}", recurrence_text(i18n, &rule))}</span>
            <span class="sr-only">
                {move || i18n.fmt(K::RecurRepeats, &[("rule", &recurrence_text(i18n, &rule))])}
            </span>
        </span>
    }
}
