//! A customer's opportunities on their page: open ones first, then the latest closed.

use guanxi_core::model::money::{currency_of, format_money};
use guanxi_core::pipeline::collections::customer_balance;
use guanxi_core::pipeline::opportunity::{opportunities_of, probability_of, stage_of};
use guanxi_core::{Id, StageOutcome};
use leptos::prelude::*;

use crate::features::customers::detail::collections::{paid_line, CollectionsDialog};
use crate::features::pipeline::shared::{close_reason, stage_name};
use crate::i18n::K;
use crate::ui::form::FormField;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Item {
    id: Id,
    title: String,
    stage: String,
    outcome: StageOutcome,
    amount: String,
    probability: u8,
    date: Option<String>,
    reason: String,
    /// For a won deal: what was paid and what is still owed.
    paid: Option<String>,
}

#[component]
pub fn CustomerOpportunities(customer: Id) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let items = Memo::new(move |_| {
        data.settings.with(|s| {
            data.opportunities.with(|all| {
                opportunities_of(customer, all, s)
                    .into_iter()
                    .map(|o| {
                        let stage = stage_of(o, s);
                        Item {
                            id: o.id,
                            title: o.title.clone(),
                            stage: stage_name(stage, i18n),
                            outcome: stage.outcome,
                            amount: format_money(o.amount, &currency_of(o, s)),
                            probability: probability_of(o, s),
                            date: o.closed_on.or(o.expected_close).map(|d| d.to_string()),
                            reason: close_reason(&o.close_reason, i18n),
                            paid: (stage.outcome == StageOutcome::Won)
                                .then(|| paid_line(o, s, i18n)),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // What the customer still owes on won deals, per currency.
    let owed = Memo::new(move |_| {
        data.settings.with(|s| {
            data.opportunities.with(|all| {
                let sums = customer_balance(opportunities_of(customer, all, s), s);
                sums.iter()
                    .map(|(c, v)| format_money(v, c))
                    .collect::<Vec<_>>()
            })
        })
    });
    let paying = RwSignal::new(None::<Id>);
    let paying_open = RwSignal::new(false);
    view! {
        <section class="card" data-testid="customer-opportunities">
            <div class="card-head">
                <h2>{move || i18n.t(K::NavOpportunities)}</h2>
                <A href=format!("/opportunities/new?customer={customer}") attr:class="btn btn-sm" attr:data-testid="customer-new-opportunity">
                    {move || format!("+ {}", i18n.t(K::NewOpportunity))}
                </A>
            </div>
            {move || {
                let list = items.get();
                if list.is_empty() {
                    return view! { <p class="muted">{i18n.t(K::NoCustomerOpportunities)}</p> }.into_any();
                }
                view! {
                    <ul class="list">
                        {list.into_iter().map(|o| view! {
                            <li class="opp-item" data-testid="customer-opportunity">
                                <A href=format!("/opportunities/{}", o.id) attr:class="opp-item-title">{o.title}</A>
                                <span class=format!("badge outcome-{:?}", o.outcome) data-testid="customer-opportunity-stage">{o.stage}</span>
                                <strong class="amount">{o.amount}</strong>
                                {(o.outcome == StageOutcome::Open).then(|| view! { <span class="muted">{format!("{}%", o.probability)}</span> })}
                                {o.date.map(|d| view! { <span class="when">{d}</span> })}
                                {(!o.reason.is_empty()).then(|| view! { <span class="sub">{o.reason}</span> })}
                                {o.paid.map(|line| {
                                    let id = o.id;
                                    view! {
                                        <span class="sub" data-testid="deal-paid">{line}</span>
                                        <button type="button" class="btn btn-sm" data-testid="record-payment"
                                            on:click=move |_| { paying.set(Some(id)); paying_open.set(true); }>
                                            {move || i18n.t(K::Collections)}
                                        </button>
                                    }
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                    {move || {
                        let owed = owed.get();
                        (!owed.is_empty()).then(|| view! {
                            <p class="muted small" data-testid="customer-owed">{i18n.fmt(K::CustomerOwes, &[("amount", &i18n.join(owed))])}</p>
                        })
                    }}
                }.into_any()
            }}
            <CollectionsDialog deal=paying open=paying_open/>
        </section>
    }
}

/// The "opportunity" picker of the interaction and follow-up forms, so that work on a deal is
/// linked to it (the timeline tags it, and it counts as the deal's activity). Shown only when
/// the customer has opportunities.
#[component]
pub fn OpportunityPicker(
    customer: Id,
    id: &'static str,
    #[prop(into)] value: Signal<Option<Id>>,
    #[prop(into)] on_change: Callback<Option<Id>>,
) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let options = Memo::new(move |_| {
        data.settings.with(|s| {
            data.opportunities.with(|all| {
                opportunities_of(customer, all, s)
                    .into_iter()
                    .map(|o| (o.id, o.title.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    move || {
        (!options.with(Vec::is_empty)).then(|| {
            view! {
                <FormField label=K::FieldOpportunity id=id>
                    <select id=id class="input" data-testid=id
                        on:change=move |ev| on_change.run(event_target_value(&ev).parse::<Id>().ok())>
                        <option value="" selected=move || value.get().is_none()>{move || i18n.t(K::NoOne)}</option>
                        {move || options.get().into_iter().map(|(oid, title)| view! {
                            <option value=oid.to_string() selected=move || value.get() == Some(oid)>{title}</option>
                        }).collect_view()}
                    </select>
                </FormField>
            }
        })
    }
}
