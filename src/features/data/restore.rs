//! Restoring a backup file: read and check it, show what it holds, then replace or merge in
//! one transaction. A bad file changes nothing and says why, in the user's language.

use guanxi_core::io::backup::{read_backup, BackupData, BackupError, BackupInfo, RestoreMode};
use guanxi_core::io::sealed::{read_encrypted_backup, EncryptedBackup};
use leptos::prelude::*;

use crate::i18n::{store_error_text, I18n, K};
use crate::state::{Change, Committed};
use crate::ui::dialog::ConfirmDialog;
use crate::ui::file_pick::{chosen_file, file_card_head, file_error, read_file};
use crate::ui::save::{use_kit, Kit};

pub fn backup_error_text(i18n: I18n, error: &BackupError) -> String {
    match error {
        BackupError::Empty => i18n.t(K::BackupEmpty).into(),
        BackupError::NotJson => i18n.t(K::BackupNotJson).into(),
        BackupError::WrongKind => i18n.t(K::BackupWrongKind).into(),
        BackupError::Truncated => i18n.t(K::BackupTruncated).into(),
        BackupError::TooNew { found, supported } => i18n.fmt(
            K::BackupTooNew,
            &[
                ("found", &found.to_string()),
                ("supported", &supported.to_string()),
            ],
        ),
        BackupError::ChecksumMismatch => i18n.t(K::BackupChecksum).into(),
        // The reason names internal fields; the user needs to know only that the file is
        // damaged and that nothing changed.
        BackupError::Invalid(_) => i18n.t(K::BackupInvalid).into(),
    }
}

#[component]
pub fn RestoreBackup() -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let loaded = RwSignal::new(None::<(BackupInfo, StoredValue<BackupData>)>);
    let error = RwSignal::new(None::<String>);
    let mode = RwSignal::new(RestoreMode::Merge);
    let confirm = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    // An encrypted backup waits here for its passphrase before it is read at all.
    let sealed = RwSignal::new(None::<StoredValue<EncryptedBackup>>);
    let passphrase = RwSignal::new(String::new());

    let on_file = move |_| {
        let Some(file) = chosen_file(input) else {
            return;
        };
        loaded.set(None);
        error.set(None);
        sealed.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match read_file(i18n, file).await {
                Err(message) => Err(message),
                Ok(bytes) => match String::from_utf8(bytes) {
                    Err(_) => Err(backup_error_text(i18n, &BackupError::NotJson)),
                    Ok(text) => match read_encrypted_backup(&text) {
                        Some(Ok(file)) => {
                            sealed.set(Some(StoredValue::new(file)));
                            busy.set(false);
                            return;
                        }
                        Some(Err(e)) => Err(backup_error_text(i18n, &e)),
                        None => read_backup(&text).map_err(|e| backup_error_text(i18n, &e)),
                    },
                },
            };
            match result {
                Ok((info, backup)) => loaded.set(Some((info, StoredValue::new(backup)))),
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    let restore = Callback::new(move |_| {
        let Some((_, backup)) = loaded.get_untracked() else {
            return;
        };
        let chosen = mode.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match data
                .commit(Change::Restore(backup.get_value(), chosen))
                .await
            {
                Ok(Committed::Restored(s)) => {
                    toasts.success(i18n.fmt(
                        K::RestoreDone,
                        &[
                            ("added", &s.added.to_string()),
                            ("updated", &s.updated.to_string()),
                            ("kept", &s.kept_newer_local.to_string()),
                        ],
                    ));
                    loaded.set(None);
                    if let Some(i) = input.get_untracked() {
                        i.set_value("");
                        // The preview and its button are gone; a keyboard user carries on
                        // from the file box of the same card.
                        let _ = i.focus();
                    }
                }
                // A restore always reports its summary.
                Ok(Committed::Done) => loaded.set(None),
                Err(e) => toasts.error(store_error_text(i18n, &e)),
            }
            busy.set(false);
        });
    });
    let open_sealed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(file) = sealed.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let typed = passphrase.get_untracked();
            let result = match crate::platform::crypto::open_backup(&file.get_value(), &typed).await
            {
                Err(_) => Err(i18n.t(K::BackupWrongPassphrase).to_string()),
                Ok(text) => read_backup(&text).map_err(|e| backup_error_text(i18n, &e)),
            };
            match result {
                Ok((info, backup)) => {
                    sealed.set(None);
                    passphrase.set(String::new());
                    loaded.set(Some((info, StoredValue::new(backup))));
                }
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    let prompt = move || {
        sealed.get().map(|_| view! {
            <form class="form" on:submit=open_sealed data-testid="backup-unlock">
                <p>{i18n.t(K::BackupPassphraseNeeded)}</p>
                <div class="row-form">
                    <input class="input" type="password" autocomplete="off" data-testid="restore-passphrase"
                        aria-label=i18n.t(K::Passphrase)
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    <button class="btn btn-primary" type="submit" data-testid="restore-open" disabled=move || busy.get()>{i18n.t(K::OpenBackup)}</button>
                </div>
            </form>
        })
    };
    let summary = move || {
        loaded.get().map(|(info, _)| {
            let c = info.counts;
            view! {
                <div class="restore-summary" data-testid="restore-summary">
                    <p>{i18n.fmt(K::BackupHolds, &[
                        ("date", &info.created_at.to_datetime().with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string()),
                        ("version", &info.app_version),
                    ])}</p>
                    <ul class="counts">
                        <li><strong>{c.customers}</strong>" "{i18n.t(K::NavCustomers)}</li>
                        <li><strong>{c.contacts}</strong>" "{i18n.t(K::Contacts)}</li>
                        <li><strong>{c.interactions}</strong>" "{i18n.t(K::Interactions)}</li>
                        <li><strong>{c.follow_ups}</strong>" "{i18n.t(K::NavFollowUps)}</li>
                        <li data-testid="restore-count-opportunities"><strong>{c.opportunities}</strong>" "{i18n.t(K::NavOpportunities)}</li>
                        <li><strong>{c.attachments}</strong>" "{i18n.t(K::Attachments)}</li>
                    </ul>
                    {(info.dropped > 0).then(|| view! { <p class="muted small">{i18n.fmt(K::BackupDropped, &[("n", &info.dropped.to_string())])}</p> })}
                    <fieldset class="choice">
                        <label>
                            <input type="radio" name="restore-mode" data-testid="mode-merge"
                                prop:checked=move || mode.get() == RestoreMode::Merge on:change=move |_| mode.set(RestoreMode::Merge)/>
                            <span><strong>{i18n.t(K::RestoreMerge)}</strong><br/><span class="muted small">{i18n.t(K::RestoreMergeExplain)}</span></span>
                        </label>
                        <label>
                            <input type="radio" name="restore-mode" data-testid="mode-replace"
                                prop:checked=move || mode.get() == RestoreMode::Replace on:change=move |_| mode.set(RestoreMode::Replace)/>
                            <span><strong>{i18n.t(K::RestoreReplace)}</strong><br/><span class="muted small">{i18n.t(K::RestoreReplaceExplain)}</span></span>
                        </label>
                    </fieldset>
                    <button class="btn btn-primary" data-testid="restore-run" disabled=move || busy.get() on:click=move |_| confirm.set(true)>
                        {i18n.t(K::RestoreRun)}
                    </button>
                </div>
            }
        })
    };
    view! {
        <section class="card" data-testid="restore-card">
            {file_card_head(K::RestoreTitle, K::RestoreExplain, ".json,application/json", input, "restore-file", on_file)}
            {move || busy.get().then(|| view! { <p class="muted" role="status">{i18n.t(K::Working)}</p> })}
            {file_error(error, "restore-error")}
            {prompt}
            {summary}
        </section>
        <ConfirmDialog
            open=confirm
            title=Signal::derive(move || i18n.t(K::RestoreRun).to_string())
            confirm_label=K::RestoreRun
            danger=Signal::derive(move || mode.get() == RestoreMode::Replace)
            on_confirm=restore
        >
            <p>{move || i18n.t(if mode.get() == RestoreMode::Replace { K::RestoreReplaceConfirm } else { K::RestoreMergeConfirm })}</p>
        </ConfirmDialog>
    }
}
