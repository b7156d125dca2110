//! The unlock screen: shown instead of the pages while the data is encrypted and this tab has
//! no key. A wrong passphrase reads nothing and changes nothing.

use leptos::prelude::*;

use crate::i18n::{store_error_text, K};
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn UnlockScreen() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let typed = passphrase.get_untracked();
            match data.unlock(&typed).await {
                Ok(()) => passphrase.set(String::new()),
                Err(guanxi_core::store::StoreError::Locked) => {
                    error.set(Some(i18n.t(K::WrongPassphrase).into()))
                }
                Err(e) => error.set(Some(store_error_text(i18n, &e))),
            }
            busy.set(false);
        });
    };

    view! {
        <div data-testid="unlock">
            <div class="page-head"><h1>{move || i18n.t(K::UnlockTitle)}</h1></div>
            <form class="card form" on:submit=submit>
                <p>{move || i18n.t(K::UnlockExplain)}</p>
                <div class="field">
                    <label for="unlock-passphrase">{move || i18n.t(K::Passphrase)}</label>
                    <input id="unlock-passphrase" class="input" type="password" autocomplete="current-password"
                        data-testid="unlock-passphrase"
                        prop:value=move || passphrase.get()
                        on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                </div>
                {move || error.get().map(|e| view! { <div class="alert alert-error" role="alert" data-testid="unlock-error">{e}</div> })}
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" data-testid="unlock-submit" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(K::Working) } else { i18n.t(K::Unlock) }}
                    </button>
                </div>
                <p class="muted small">{move || i18n.t(K::ForgottenPassphrase)}</p>
            </form>
        </div>
    }
}
