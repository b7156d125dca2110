//! The lifecycle on the customer screens: the reason asked for when a customer is being lost,
//! and the history of moves on the customer page.

use guanxi_core::customers::forms::CustomerForm;
use guanxi_core::customers::lifecycle::{history, needs_reason};
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::{Customer, Lifecycle};
use leptos::prelude::*;

use crate::features::pipeline::shared::close_reason;
use crate::i18n::{Labelled, K};
use crate::ui::customer_pick::CustomerPick;
use crate::ui::form::{error_for, FormField};
use crate::ui::save::{use_kit, Kit};

/// A choice of churn reason, shown only while the form moves the customer from `stored` into
/// decline or termination. The reasons come from Settings; the stored text is the setting's
/// own (bilingual for the defaults), so every language reads the same reason.
#[component]
pub fn LifecycleReasonField(
    form: RwSignal<CustomerForm>,
    errors: RwSignal<Vec<FieldError>>,
    /// The stage the customer has in storage; `None` for a new customer.
    stored: Option<Lifecycle>,
) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let asked = move || {
        let now = form.with(|f| f.lifecycle);
        stored.is_some_and(|before| before != now) && needs_reason(now)
    };
    move || {
        asked().then(|| {
            view! {
                <FormField label=K::FieldLifecycleReason id="lifecycle_reason" required=true
                    error=error_for(errors, Field::LifecycleReason)>
                    <select id="lifecycle_reason" class="input" data-testid="lifecycle-reason"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| f.lifecycle_reason = v);
                        }>
                        <option value="" selected=move || form.with(|f| f.lifecycle_reason.is_empty())>
                            {move || i18n.t(K::ReasonPlaceholder)}
                        </option>
                        {move || data.settings.with(|s| s.churn_reasons.iter().map(|r| {
                            let stored = r.clone();
                            let shown = close_reason(r, i18n);
                            let value = stored.clone();
                            view! {
                                <option value=value selected=move || form.with(|f| f.lifecycle_reason == stored)>
                                    {shown}
                                </option>
                            }
                        }).collect_view())}
                    </select>
                </FormField>
            }
        })
    }
}

/// Every move of the customer's lifecycle, newest first, with the reason where one was given.
#[component]
pub fn LifecycleHistory(customer: Customer) -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    let moves = history(&customer);
    let rows = move || {
        moves
            .iter()
            .rev()
            .map(|m| {
                let stage = i18n.t(m.to.key());
                let what = match m.from {
                    Some(from) => format!("{} → {stage}", i18n.t(from.key())),
                    None => i18n.fmt(K::LifecycleStartedIn, &[("stage", stage)]),
                };
                let reason = (!m.reason.is_empty()).then(|| {
                    view! { <span class="muted">{format!(" · {}", close_reason(&m.reason, i18n))}</span> }
                });
                view! {
                    <li>
                        <time datetime=m.on.to_string()>{m.on.to_string()}</time>
                        " "<span>{what}</span>{reason}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" data-testid="lifecycle-history">
            <h2>{move || i18n.t(K::LifecycleHistory)}</h2>
            <ol class="timeline">{rows}</ol>
        </section>
    }
}

/// "Referred by": the referring customer with a button to clear it, and a search to pick one.
/// Kept here with the other fields that feed the analyses.
#[component]
pub fn ReferredByField(
    form: RwSignal<CustomerForm>,
    this: Option<guanxi_core::Id>,
) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let picked = RwSignal::new(form.with_untracked(|f| f.referred_by));
    let current = move || {
        let id = picked.get()?;
        Some(view! {
            <p class="split-row" data-testid="referred-by">
                <span>{data.customer_name(id)}</span>
                <button type="button" class="btn btn-sm btn-ghost" data-testid="referred-by-clear"
                    on:click=move |_| { picked.set(None); form.update(|f| f.referred_by = None); }>
                    {move || i18n.t(K::Remove)}
                </button>
            </p>
        })
    };
    let chosen = RwSignal::new(None::<guanxi_core::Id>);
    let on_pick = Callback::new(move |id| {
        picked.set(Some(id));
        form.update(|f| f.referred_by = Some(id));
    });
    view! {
        <div class="field">
            <span class="field-label">{move || i18n.t(K::FieldReferredBy)}</span>
            {current}
            {match this {
                Some(id) => view! { <CustomerPick picked=chosen exclude=id testid="referrer" label=K::FieldReferredBy on_pick=on_pick/> }.into_any(),
                None => view! { <CustomerPick picked=chosen testid="referrer" label=K::FieldReferredBy on_pick=on_pick/> }.into_any(),
            }}
        </div>
    }
}
