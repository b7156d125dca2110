//! Settings: customers' value and loss — the churn reasons asked for when a customer moves to
//! decline or termination, the default gross margin that turns value into profit, and each
//! owner's monthly collections target.

use guanxi_core::model::money::{amount_text, format_money, parse_amount};
use guanxi_core::model::validate::percent;
use guanxi_core::{OwnerTarget, Settings};
use leptos::prelude::*;

use crate::features::pipeline::shared::commit_on_enter;
use crate::features::settings::reasons::ReasonList;
use crate::i18n::{problem_text, K};
use crate::state::Change;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn ValueSettings() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let error = RwSignal::new(None::<String>);
    let save = move |settings: Settings| {
        error.set(None);
        saver.commit(Change::Settings(settings), move |_| {
            toasts.success(i18n.t(K::Saved))
        });
    };
    let currency = move || data.settings.with(|s| s.currency.clone());
    let set_target = move |owner: String, text: String| {
        let mut s = data.settings_to_edit();
        s.collection_targets.retain(|t| t.owner != owner);
        if !text.trim().is_empty() {
            match parse_amount(&text, &s.currency) {
                Ok(monthly) if monthly >= 0 => {
                    s.collection_targets.push(OwnerTarget { owner, monthly })
                }
                Ok(_) => {
                    return error.set(Some(problem_text(
                        i18n,
                        &guanxi_core::model::validate::Problem::NegativeAmount,
                    )))
                }
                Err(p) => return error.set(Some(problem_text(i18n, &p))),
            }
        }
        save(s);
    };
    let targets = move || {
        data.settings.with(|s| {
            s.owners
                .iter()
                .map(|owner| {
                    let target = s
                        .collection_targets
                        .iter()
                        .find(|t| &t.owner == owner)
                        .map(|t| amount_text(t.monthly, &s.currency))
                        .unwrap_or_default();
                    let name = owner.clone();
                    view! {
                        <label class="filter">
                            <span>{owner.clone()}</span>
                            <input class="input narrow" inputmode="decimal" data-testid="collection-target"
                                aria-label=i18n.fmt(K::CollectionTargetOf, &[("owner", owner)])
                                on:keydown=commit_on_enter prop:value=target
                                on:change=move |ev| set_target(name.clone(), event_target_value(&ev))/>
                        </label>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="card" id="value" data-testid="value-card">
            <h2>{move || i18n.t(K::ValueSettingsTitle)}</h2>
            <p class="muted small">{move || i18n.t(K::ValueSettingsExplain)}</p>
            <div class="row-form">
                <label class="filter">
                    <span>{move || i18n.t(K::DefaultGrossMargin)}</span>
                    <input class="input narrow" inputmode="numeric" data-testid="default-margin" on:keydown=commit_on_enter
                        prop:value=move || data.settings.with(|s| s.gross_margin_percent.map(|p| p.to_string()).unwrap_or_default())
                        on:change=move |ev| match percent(&event_target_value(&ev)) {
                            Ok(p) => {
                                let mut s = data.settings_to_edit();
                                s.gross_margin_percent = p;
                                save(s);
                            }
                            Err(p) => error.set(Some(problem_text(i18n, &p))),
                        }/>
                </label>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="value-error">{e}</p> })}
            <h3>{move || i18n.fmt(K::CollectionTargets, &[("example", &format_money(10_000_000, &currency()))])}</h3>
            {move || data.settings.with(|s| s.owners.is_empty()).then(|| view! { <p class="muted small">{i18n.t(K::CollectionTargetsNoOwners)}</p> })}
            <div class="row-form">{targets}</div>
            <div class="form-grid reasons">
                <ReasonList label=K::ChurnReasons testid="reasons-churn" get=|s| &s.churn_reasons set=|s, v| s.churn_reasons = v/>
            </div>
        </section>
    }
}
