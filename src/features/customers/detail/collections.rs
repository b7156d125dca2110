//! Collections (回款) on a customer's won deals: record a payment, remove one entered by
//! mistake, and see what is still owed.

use guanxi_core::model::money::{currency_of, format_money};
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::pipeline::collections::{add_collection, open_balance, paid, remove_collection};
use guanxi_core::store::Batch;
use guanxi_core::Id;
use leptos::prelude::*;

use crate::i18n::K;
use crate::platform::clock;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::form::{error_for, FormField};
use crate::ui::save::{use_kit, use_saver, Kit};

/// "Paid ¥300.00 · owed ¥700.00" for a won deal.
pub fn paid_line(
    deal: &guanxi_core::Opportunity,
    settings: &guanxi_core::Settings,
    i18n: crate::i18n::I18n,
) -> String {
    let currency = currency_of(deal, settings);
    i18n.fmt(
        K::PaidAndOwed,
        &[
            ("paid", &format_money(paid(deal), &currency)),
            (
                "owed",
                &format_money(open_balance(deal, settings), &currency),
            ),
        ],
    )
}

/// The payments of the deal in `deal`, shown while `open`.
#[component]
pub fn CollectionsDialog(deal: RwSignal<Option<Id>>, open: RwSignal<bool>) -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let saver = use_saver();
    let on = RwSignal::new(clock::today().to_string());
    let amount = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let current = move || deal.get().and_then(|id| data.live_opportunity(id));
    let confirm = move |()| {
        let Some(o) = deal
            .get_untracked()
            .and_then(|id| data.live_opportunity(id))
        else {
            return;
        };
        let result = data.settings.with_untracked(|s| {
            add_collection(
                &o,
                s,
                &on.get_untracked(),
                &amount.get_untracked(),
                clock::now(),
                clock::today(),
            )
        });
        match result {
            Ok(updated) => {
                errors.set(Vec::new());
                amount.set(String::new());
                saver.save(Batch::new().put(updated), move || {
                    toasts.success(i18n.t(K::Saved))
                });
            }
            Err(errs) => {
                // The dialog closes on confirm; it opens again to show what to fix.
                errors.set(errs);
                open.set(true);
            }
        }
    };
    let remove = move |index: usize| {
        let Some(o) = current() else { return };
        if let Some(updated) = remove_collection(&o, index, clock::now()) {
            saver.save(Batch::new().put(updated), move || {
                toasts.success(i18n.t(K::Saved))
            });
        }
    };
    let stage_error = error_for(errors, Field::Stage);
    view! {
        <ConfirmDialog open=open title=Signal::derive(move || i18n.t(K::RecordPayment).to_string())
            confirm_label=K::RecordPayment on_confirm=Callback::new(confirm)>
            {move || current().map(|o| {
                let currency = data.settings.with(|s| currency_of(&o, s));
                let summary = data.settings.with(|s| paid_line(&o, s, i18n));
                view! {
                    <p><strong>{o.title.clone()}</strong>" · "{format_money(o.amount, &currency)}</p>
                    <p class="muted" data-testid="paid-line">{summary}</p>
                    <ul class="list">
                        {o.collections.iter().enumerate().map(|(i, c)| view! {
                            <li class="split-row" data-testid="collection">
                                <span>{c.on.to_string()}" · "{format_money(c.amount, &currency)}</span>
                                <button type="button" class="btn btn-sm btn-danger-ghost" data-testid="remove-collection"
                                    on:click=move |_| remove(i)>{move || i18n.t(K::Remove)}</button>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            })}
            {move || stage_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="form-grid">
                <FormField label=K::FieldCollectedOn id="collected-on" error=error_for(errors, Field::CollectedOn)>
                    <input id="collected-on" type="date" class="input" data-testid="collected-on"
                        prop:value=move || on.get() on:input=move |ev| on.set(event_target_value(&ev))/>
                </FormField>
                <FormField label=K::FieldCollected id="collected" error=error_for(errors, Field::Collected)>
                    <input id="collected" class="input" inputmode="decimal" data-testid="collected"
                        prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev))/>
                </FormField>
            </div>
        </ConfirmDialog>
    }
}
