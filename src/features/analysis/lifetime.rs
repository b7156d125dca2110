//! A customer's lifetime profit as the course defines it: what the customer brings (base
//! profit, cross-sell, cost savings, referral value) minus what it costs (acquisition,
//! discounts, referral damage). Deal-based terms come from the records; the others are typed
//! here and saved on the customer.

use guanxi_core::analysis::lifetime::{lifetime_profit, LifetimeInputs, LifetimeProfit};
use guanxi_core::customers::lifetime_form::LifetimeForm;
use guanxi_core::marketing::roi::acquisition_costs;
use guanxi_core::model::money::format_money;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::pipeline::opportunity::outcome_of;
use guanxi_core::store::Batch;
use guanxi_core::{Id, StageOutcome};
use leptos::prelude::*;

use crate::features::analysis::clv::ClvCalculator;
use crate::features::analysis::funnel::DealLinks;
use crate::i18n::K;
use crate::platform::clock;
use crate::ui::form::error_for;
use crate::ui::link::A;
use crate::ui::save::{use_kit, use_saver, Kit};
use crate::ui::url::{query_param, use_query_setter};

const PART_LABELS: [K; 5] = [
    K::LtCrossSell,
    K::LtCostSavings,
    K::LtAcquisition,
    K::LtDiscounts,
    K::LtReferralDamage,
];

#[component]
pub fn LifetimePage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let param = query_param("customer");
    let set = use_query_setter("/analysis/lifetime");
    let customer = Memo::new(move |_| param.get().parse::<Id>().ok());
    // The customers with the most won business, to pick from (one pass over the deals).
    let top = Memo::new(move |_| {
        data.settings.with(|s| {
            data.opportunities.with(|all| {
                let mut won: std::collections::HashMap<Id, i64> = Default::default();
                for o in all.iter().filter(|o| {
                    o.deleted_at.is_none()
                        && outcome_of(o, s) == StageOutcome::Won
                        && (o.currency.is_empty() || o.currency == s.currency)
                }) {
                    *won.entry(o.customer_id).or_default() += o.amount;
                }
                let mut list: Vec<(Id, i64)> = won.into_iter().collect();
                list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                list.truncate(12);
                list
            })
        })
    });
    let pick = move || {
        let currency = data.settings.with(|s| s.currency.clone());
        top.get().into_iter().map(|(id, v)| {
            let set = set.clone();
            view! {
                <li><button type="button" class="btn btn-sm" class:btn-primary=move || customer.get() == Some(id) data-testid="lifetime-pick"
                    on:click=move |_| set(&[("customer", Some(id.to_string()))])>
                    {data.customer_name(id)}" · "{format_money(v, &currency)}
                </button></li>
            }
        }).collect_view()
    };
    let result = Memo::new(move |_| {
        let id = customer.get()?;
        let typed: LifetimeInputs = data.live_customer(id)?.lifetime_manual.into();
        data.settings.with(|s| {
            data.customers.with(|c| {
                data.opportunities.with(|o| {
                    let spent = data.campaigns.with(|k| acquisition_costs(id, k, c, o, s));
                    let (inputs, used) = typed.with_campaign_acquisition(&spent);
                    let r = lifetime_profit(id, c, o, s, inputs)?;
                    Some((r, if used { spent } else { Vec::new() }))
                })
            })
        })
    });
    view! {
        <section class="card">
            <h2>{move || i18n.t(K::LifetimeTitle)}</h2>
            <p class="muted small">{move || i18n.t(K::LifetimeFormula)}</p>
            <h3>{move || i18n.t(K::LifetimePick)}</h3>
            <ul class="chips">{pick}</ul>
        </section>
        {move || match (customer.get(), result.get()) {
            (Some(id), Some((r, spent))) => view! { <Breakdown id=id r=r spent=spent/> }.into_any(),
            (Some(_), None) => view! { <p class="muted">{i18n.t(K::LifetimeNoCustomer)}</p> }.into_any(),
            _ => ().into_any(),
        }}
        <ClvCalculator/>
    }
}

fn money_or_dash(v: Option<i64>, currency: &str) -> String {
    v.map_or_else(|| "—".into(), |v| format_money(v, currency))
}

/// The terms, the sum with its arithmetic, and the form for the typed terms.
#[component]
fn Breakdown(
    id: Id,
    r: LifetimeProfit,
    /// The campaigns whose cost per won customer stands in for an untyped acquisition cost.
    spent: Vec<(Id, i64)>,
) -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let saver = use_saver();
    let cur = r.currency.clone();
    let form = RwSignal::new(
        data.live_customer(id)
            .map(|c| LifetimeForm::from_record(&c, &cur))
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(c) = data.live_customer(id) else {
            return;
        };
        let currency = data.settings.with_untracked(|s| s.currency.clone());
        match form.get_untracked().apply(&c, &currency, clock::now()) {
            Ok(updated) => {
                errors.set(Vec::new());
                saver.save(Batch::new().put(updated), move || {
                    toasts.success(i18n.t(K::Saved))
                });
            }
            Err(e) => errors.set(e),
        }
    };
    let i = r.inputs;
    let m = |v: i64| format_money(v, &cur);
    let from_campaigns = (!spent.is_empty()).then(|| {
        let names = data.campaigns.with_untracked(|all| {
            i18n.join(
                spent
                    .iter()
                    .filter_map(|(c, _)| all.iter().find(|k| k.id == *c).map(|k| k.name.clone())),
            )
        });
        let text = i18n.fmt(
            K::AcquisitionFromCampaigns,
            &[("amount", &m(i.acquisition_cost)), ("names", &names)],
        );
        view! { <p class="muted small" data-testid="lifetime-from-campaigns">{text}</p> }
    });
    let base = money_or_dash(r.base.profit, &cur);
    let referral = money_or_dash(r.referral_value, &cur);
    let total = money_or_dash(r.total, &cur);
    let arithmetic = format!(
        "{base} + {} + {} + {referral} − ({} + {} + {}) = {total}",
        m(i.cross_sell),
        m(i.cost_savings),
        m(i.acquisition_cost),
        m(i.discounts),
        m(i.referral_damage)
    );
    let margin = r
        .base
        .margin_percent
        .map_or_else(|| i18n.t(K::NoMargin).to_string(), |p| format!("{p}%"));
    let referred = r.referrals.iter().map(|d| {
        let (who, profit) = (d.customer, money_or_dash(d.profit, &cur));
        view! { <li><A href=format!("/customers/{who}")>{data.customer_name(who)}</A>" · "{profit}</li> }
    }).collect_view();
    let inputs = PART_LABELS.iter().enumerate().map(|(n, label)| {
        let id = format!("lt-part-{n}");
        let error = error_for(errors, Field::LifetimePart(n));
        view! {
            <div class="field">
                <label for=id.clone()>{move || i18n.t(*label)}</label>
                <input id=id class="input" inputmode="decimal" data-testid="lifetime-part"
                    prop:value=move || form.with(|f| f.parts[n].clone())
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.parts[n] = v); }/>
                {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            </div>
        }
    }).collect_view();
    view! {
        <section class="card" data-testid="lifetime-breakdown">
            <div class="card-head">
                <h2><A href=format!("/customers/{id}")>{data.customer_name(id)}</A></h2>
                <strong class="figure-value" data-testid="lifetime-total">{total.clone()}</strong>
            </div>
            <dl class="props">
                <dt>{i18n.t(K::LtBase)}</dt>
                <dd>{format!("{} × {margin} = {base}", m(r.base.revenue))}<DealLinks ids=r.base.deals.clone()/></dd>
                <dt>{i18n.t(K::LtReferral)}</dt>
                <dd>{referral.clone()}<ul class="chips">{referred}</ul></dd>
                <dt>{i18n.t(K::LtCosts)}</dt><dd>{m(r.costs)}{from_campaigns}</dd>
            </dl>
            <p class="arithmetic" data-testid="arithmetic">{arithmetic}</p>
            {(!r.left_out.is_empty()).then(|| view! { <p class="alert alert-warn">{i18n.fmt(K::DealsLeftOut, &[("n", &r.left_out.len().to_string()), ("currency", &cur)])}</p> })}
            <form class="form" on:submit=save>
                <h3>{i18n.t(K::LtTyped)}</h3>
                <div class="form-grid">{inputs}</div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="lifetime-save">{move || i18n.t(K::Save)}</button>
                </div>
            </form>
        </section>
    }
}
