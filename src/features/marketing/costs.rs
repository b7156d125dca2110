//! A campaign's cost lines: what each item cost, the total against the budget, and a row to
//! add one.

use guanxi_core::analysis::scope::default_currency;
use guanxi_core::marketing::campaign::{add_cost, remove_cost, CostForm};
use guanxi_core::marketing::Campaign;
use guanxi_core::model::money::format_money;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::store::Batch;
use guanxi_core::Id;
use leptos::prelude::*;

use crate::features::marketing::campaign::latest;
use crate::i18n::K;
use crate::platform::clock;
use crate::ui::form::{bind, error_for, TextField};
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn CostsCard(id: Id, campaign: Memo<Option<Campaign>>) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let form = RwSignal::new(CostForm::default());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let currency = Memo::new(move |_| data.settings.with(default_currency));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(c) = latest(data, id) else { return };
        if saver.busy() {
            return;
        }
        let result = form.with_untracked(|f| {
            add_cost(&c, f, &currency.get_untracked(), Id::random(), clock::now())
        });
        match result {
            Ok(updated) => {
                errors.set(Vec::new());
                saver.save(Batch::new().put(updated), move || {
                    form.set(CostForm::default());
                    toasts.success(i18n.t(K::CampaignSaved));
                });
            }
            Err(e) => errors.set(e),
        }
    };
    let remove = move |line: Id| {
        let Some(updated) = latest(data, id).and_then(|c| remove_cost(&c, line, clock::now()))
        else {
            return;
        };
        saver.save(Batch::new().put(updated), move || {
            toasts.success(i18n.t(K::CampaignSaved))
        });
    };
    let lines = move || {
        let cur = currency.get();
        campaign.with(|c| {
            let c = c.as_ref()?;
            let total = c.cost();
            let over = (c.budget > 0 && total > c.budget).then(|| total - c.budget);
            Some(view! {
                {if c.costs.is_empty() {
                    view! { <p class="muted" data-testid="costs-empty">{i18n.t(K::CostsEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <table class="table" data-testid="cost-table">
                            <thead><tr>
                                <th>{i18n.t(K::CostLabel)}</th>
                                <th>{i18n.t(K::CostDate)}</th>
                                <th class="num">{i18n.t(K::CostAmount)}</th>
                                <th><span class="sr-only">{i18n.t(K::Delete)}</span></th>
                            </tr></thead>
                            <tbody>
                                {c.costs.iter().map(|l| {
                                    let line = l.id;
                                    let name = i18n.fmt(K::CostRemove, &[("name", &l.label)]);
                                    view! {
                                        <tr data-testid="cost-row">
                                            <td>{l.label.clone()}</td>
                                            <td>{l.on.map(|d| d.to_string()).unwrap_or_default()}</td>
                                            <td class="num">{format_money(l.amount, &cur)}</td>
                                            <td><button type="button" class="btn btn-sm btn-ghost" aria-label=name.clone() title=name
                                                on:click=move |_| remove(line)>"×"</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
                <p data-testid="cost-total">{i18n.fmt(K::CostTotal, &[("cost", &format_money(total, &cur)), ("budget", &format_money(c.budget, &cur))])}</p>
                {over.map(|o| view! { <p class="error" data-testid="over-budget">{i18n.fmt(K::CostOverBudget, &[("over", &format_money(o, &cur))])}</p> })}
            })
        })
    };
    view! {
        <section class="card" data-testid="costs-card">
            <h2>{move || i18n.t(K::CostsTitle)}</h2>
            {lines}
            <form class="form inline-form" on:submit=add novalidate data-testid="cost-form">
                <div class="form-grid">
                    <TextField label=K::CostLabel id="cost-label" error=error_for(errors, Field::CostLabel) flag_invalid=true
                        bind=bind(form, |f| &f.label, |f, v| f.label = v)/>
                    <TextField label=K::CostAmount id="cost-amount" error=error_for(errors, Field::CostAmount) flag_invalid=true
                        bind=bind(form, |f| &f.amount, |f, v| f.amount = v)/>
                    <TextField label=K::CostDate id="cost-date" kind="date" error=error_for(errors, Field::CostDate) flag_invalid=true
                        bind=bind(form, |f| &f.on, |f, v| f.on = v)/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn" data-testid="add-cost" disabled=move || saver.pending()>{move || i18n.t(K::CostAdd)}</button>
                </div>
            </form>
        </section>
    }
}
