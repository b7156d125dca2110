//! The "encrypt this backup" option on the Data page: a checkbox and the passphrase twice.

use leptos::prelude::*;

use crate::i18n::{use_i18n, K};

#[component]
pub fn BackupEncryptOption(
    encrypt: RwSignal<bool>,
    first: RwSignal<String>,
    second: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="check-label">
            <input type="checkbox" data-testid="backup-encrypt" prop:checked=move || encrypt.get()
                on:change=move |ev| encrypt.set(event_target_checked(&ev))/>
            <span>{move || i18n.t(K::EncryptBackup)}</span>
        </label>
        {move || encrypt.get().then(|| view! {
            <div class="form-grid">
                <div class="field">
                    <label for="backup-passphrase">{i18n.t(K::Passphrase)}</label>
                    <input id="backup-passphrase" class="input" type="password" autocomplete="new-password"
                        data-testid="backup-passphrase"
                        prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="backup-passphrase-2">{i18n.t(K::RepeatPassphrase)}</label>
                    <input id="backup-passphrase-2" class="input" type="password" autocomplete="new-password"
                        data-testid="backup-passphrase-2"
                        prop:value=move || second.get() on:input=move |ev| second.set(event_target_value(&ev))/>
                </div>
            </div>
            <p class="muted small">{i18n.t(K::ForgottenPassphrase)}</p>
        })}
    }
}
