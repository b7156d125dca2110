//! Settings: the sales pipeline — default currency, stale days, the stages and the reasons the
//! win and loss dialogs offer.

use guanxi_core::model::money::parse_currency;
use guanxi_core::Settings;
use leptos::prelude::*;

use crate::features::pipeline::shared::commit_on_enter;
use crate::features::settings::reasons::ReasonList;
use crate::features::settings::stages::StageEditor;
use crate::i18n::{problem_text, K};
use crate::state::Change;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn PipelineSettings() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let currency_error = RwSignal::new(None::<String>);
    let save = move |settings: Settings| {
        saver.commit(Change::Settings(settings), move |_| {
            toasts.success(i18n.t(K::Saved))
        });
    };
    view! {
        <section class="card" id="pipeline" data-testid="pipeline-card">
            <h2>{move || i18n.t(K::PipelineTitle)}</h2>
            <p class="muted small">{move || i18n.t(K::PipelineExplain)}</p>
            <div class="row-form">
                <label class="filter">
                    <span>{move || i18n.t(K::DefaultCurrency)}</span>
                    <input class="input narrow" data-testid="default-currency" maxlength="3" on:keydown=commit_on_enter
                        prop:value=move || data.settings.with(|s| s.currency.clone())
                        on:change=move |ev| match parse_currency(&event_target_value(&ev)) {
                            Ok(code) => {
                                currency_error.set(None);
                                let mut s = data.settings_to_edit();
                                s.currency = code;
                                save(s);
                            }
                            Err(p) => currency_error.set(Some(problem_text(i18n, &p))),
                        }/>
                </label>
                <label class="filter">
                    <span>{move || i18n.t(K::StaleDays)}</span>
                    <input class="input narrow" type="number" min="0" max="3650" data-testid="stale-days" on:keydown=commit_on_enter
                        prop:value=move || data.settings.with(|s| s.stale_days.to_string())
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                let mut s = data.settings_to_edit();
                                s.stale_days = n.min(3650);
                                save(s);
                            }
                        }/>
                </label>
                {move || currency_error.get().map(|e| view! { <p class="error" data-testid="currency-error">{e}</p> })}
            </div>
            <h3>{move || i18n.t(K::FieldStage)}</h3>
            <StageEditor/>
            <div class="form-grid reasons">
                <ReasonList label=K::CloseReasonsWon testid="reasons-won" get=|s| &s.close_reasons_won set=|s, v| s.close_reasons_won = v/>
                <ReasonList label=K::CloseReasonsLost testid="reasons-lost" get=|s| &s.close_reasons_lost set=|s, v| s.close_reasons_lost = v/>
            </div>
        </section>
    }
}
