//! The recovery screen: shown instead of the pages when the database opens but its records do
//! not read. It only ever reads, except for the restore the user picks and confirms, so damaged
//! data is never wiped on the app's own initiative.

use guanxi_core::io::backup::export_backup;
use leptos::prelude::*;

use crate::features::data::page::APP_VERSION;
use crate::features::data::restore::RestoreBackup;
use crate::i18n::{store_error_text, K};
use crate::platform::clock;
use crate::ui::download::save_bytes;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn RecoveryScreen(error: guanxi_core::store::StoreError) -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let detail = StoredValue::new(error);

    let export = move |_| {
        leptos::task::spawn_local(async move {
            let (mut readable, skipped) = match data.readable().await {
                Ok(read) => read,
                Err(e) => return toasts.error(store_error_text(i18n, &e)),
            };
            readable.language = Some(i18n.lang().tag().to_string());
            let count = readable.customers.len()
                + readable.contacts.len()
                + readable.interactions.len()
                + readable.follow_ups.len()
                + readable.attachments.len();
            let text = export_backup(&readable, APP_VERSION, clock::now());
            let name = format!("guanxi-recovered-{}.json", clock::today());
            match save_bytes(&name, "application/json", text.as_bytes()) {
                Ok(()) => toasts.success(i18n.fmt(
                    K::RecoveryExported,
                    &[("n", &count.to_string()), ("bad", &skipped.to_string())],
                )),
                Err(e) => toasts.error(e),
            }
        });
    };
    let retry = move |_| {
        leptos::task::spawn_local(async move {
            if let Err(e) = data.reload().await {
                toasts.error(store_error_text(i18n, &e));
            }
        });
    };

    view! {
        <div data-testid="recovery">
            <div class="page-head"><h1>{move || i18n.t(K::RecoveryTitle)}</h1></div>
            <section class="card alert-error">
                <p>{move || i18n.t(K::RecoveryExplain)}</p>
                <p class="muted small" data-testid="recovery-detail">
                    {move || i18n.fmt(K::RecoveryDetail, &[("detail", &store_error_text(i18n, &detail.get_value()))])}
                </p>
                <div class="row-form">
                    <button class="btn btn-primary" data-testid="recovery-export" on:click=export>
                        {move || i18n.t(K::RecoveryExport)}
                    </button>
                    <button class="btn" data-testid="recovery-retry" on:click=retry>
                        {move || i18n.t(K::RecoveryRetry)}
                    </button>
                </div>
            </section>
            <p class="muted small">{move || i18n.t(K::RecoveryRestore)}</p>
            <RestoreBackup/>
        </div>
    }
}
