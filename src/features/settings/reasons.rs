//! A list of reasons edited as lines of text: the win and loss reasons of the pipeline and
//! the churn reasons of the lifecycle.

use guanxi_core::pipeline::stages::clean_reasons;
use guanxi_core::Settings;
use leptos::prelude::*;

use crate::i18n::K;
use crate::state::Change;
use crate::ui::save::{use_kit, Kit};

/// One reason a line; blank lines and repeats are dropped on saving.
#[component]
pub fn ReasonList(
    label: K,
    testid: &'static str,
    get: fn(&Settings) -> &Vec<String>,
    set: fn(&mut Settings, Vec<String>),
) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    view! {
        <div class="field">
            <label for=testid>{move || i18n.t(label)}</label>
            <textarea id=testid class="input" rows="5" data-testid=testid
                prop:value=move || data.settings.with(|s| get(s).join("\n"))
                on:change=move |ev| {
                    let lines: Vec<String> = event_target_value(&ev).lines().map(String::from).collect();
                    let mut s = data.settings_to_edit();
                    set(&mut s, clean_reasons(&lines));
                    saver.commit(Change::Settings(s), move |_| toasts.success(i18n.t(K::Saved)));
                }></textarea>
        </div>
    }
}
