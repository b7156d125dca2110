//! Settings → encryption at rest: turn it on with a passphrase, change the passphrase, lock
//! this tab, or turn it off. Every change rewrites all data in one transaction.

use guanxi_core::io::sealed::{check_new_passphrase, PassphraseProblem};
use leptos::prelude::*;

use crate::i18n::{I18n, K};
use crate::state::Change;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::save::{use_kit, use_saver, Kit};

pub fn passphrase_problem_text(i18n: I18n, problem: PassphraseProblem) -> String {
    match problem {
        PassphraseProblem::TooShort { min } => {
            i18n.fmt(K::PassphraseTooShort, &[("min", &min.to_string())])
        }
        PassphraseProblem::Mismatch => i18n.t(K::PassphraseMismatch).into(),
    }
}

#[component]
pub fn EncryptionSettings() -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let saver = use_saver();
    let confirm_off = RwSignal::new(false);

    let run = move |passphrase: Option<String>, done: K| {
        saver.commit(Change::Encryption(passphrase), move |_| {
            first.set(String::new());
            second.set(String::new());
            toasts.success(i18n.t(done));
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (a, b) = (first.get_untracked(), second.get_untracked());
        match check_new_passphrase(&a, &b) {
            Err(p) => problem.set(Some(passphrase_problem_text(i18n, p))),
            Ok(()) => {
                problem.set(None);
                let done = if data.encrypted.get_untracked() {
                    K::PassphraseChanged
                } else {
                    K::EncryptionOn
                };
                run(Some(a), done);
            }
        }
    };

    view! {
        <section class="card" data-testid="encryption-card">
            <h2>{move || i18n.t(K::EncryptionTitle)}</h2>
            <p class="muted small">{move || i18n.t(K::EncryptionExplain)}</p>
            <p data-testid="encryption-state">
                <strong>{move || i18n.t(if data.encrypted.get() { K::EncryptionStateOn } else { K::EncryptionStateOff })}</strong>
            </p>
            <div class="alert alert-warn" role="note">{move || i18n.t(K::ForgottenPassphrase)}</div>
            <form class="form" on:submit=submit>
                <div class="form-grid">
                    <div class="field">
                        <label for="new-passphrase">{move || i18n.t(if data.encrypted.get() { K::NewPassphrase } else { K::Passphrase })}</label>
                        <input id="new-passphrase" class="input" type="password" autocomplete="new-password" data-testid="new-passphrase"
                            prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="repeat-passphrase">{move || i18n.t(K::RepeatPassphrase)}</label>
                        <input id="repeat-passphrase" class="input" type="password" autocomplete="new-password" data-testid="repeat-passphrase"
                            prop:value=move || second.get() on:input=move |ev| second.set(event_target_value(&ev))/>
                    </div>
                </div>
                {move || problem.get().map(|p| view! { <p class="error" role="alert" data-testid="passphrase-problem">{p}</p> })}
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" data-testid="encrypt-submit" disabled=move || saver.pending()>
                        {move || if saver.pending() { i18n.t(K::Working) } else if data.encrypted.get() { i18n.t(K::ChangePassphrase) } else { i18n.t(K::TurnOnEncryption) }}
                    </button>
                    {move || data.encrypted.get().then(|| view! {
                        <button class="btn" type="button" data-testid="lock-now" on:click=move |_| data.lock()>{i18n.t(K::LockNow)}</button>
                        <button class="btn btn-danger" type="button" data-testid="encryption-off" disabled=move || saver.pending()
                            on:click=move |_| confirm_off.set(true)>{i18n.t(K::TurnOffEncryption)}</button>
                    })}
                </div>
            </form>
        </section>
        <ConfirmDialog
            open=confirm_off
            title=Signal::derive(move || i18n.t(K::TurnOffEncryption).to_string())
            confirm_label=K::TurnOffEncryption
            danger=Signal::derive(|| true)
            on_confirm=Callback::new(move |_| run(None, K::EncryptionOff))
        >
            <p>{move || i18n.t(K::TurnOffExplain)}</p>
        </ConfirmDialog>
    }
}
