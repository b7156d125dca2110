//! Backup, restore, import and export: the only way data leaves or enters this browser.

use guanxi_core::io::backup::export_backup;
use guanxi_core::io::csv_export::{
    contacts_csv, customers_csv, follow_ups_csv, interactions_csv, with_utf8_bom,
};
use guanxi_core::io::gb18030::Gb18030Encoder;
use guanxi_core::io::ics::{export_ics, IcsLabels};
use guanxi_core::io::sealed::check_new_passphrase;
use guanxi_core::io::vcard::export_vcards;
use leptos::prelude::*;

use crate::features::data::backup_encrypt::BackupEncryptOption;
use crate::features::data::csv_import::CsvImport;
use crate::features::data::restore::RestoreBackup;
use crate::features::data::vcard_import::VCardImport;
use crate::features::settings::encryption::passphrase_problem_text;
use crate::i18n::{recurrence_text, store_error_text, Lang, K};
use crate::platform::clock;
use crate::platform::prefs;
use crate::state::InteractionScope;
use crate::ui::download::save_bytes;
use crate::ui::save::{use_kit, Kit};

/// The app's version, written into backups so a restore can tell where a file came from.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Builds the GB18030 encoder from the browser's own decoder (no tables in the wasm).
fn gb18030_encoder() -> Option<Gb18030Encoder> {
    let options = web_sys::TextDecoderOptions::new();
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    Some(Gb18030Encoder::from_decoder(|bytes| {
        decoder.decode_with_u8_array(bytes).unwrap_or_default()
    }))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Customers,
    Contacts,
    Interactions,
    FollowUps,
    Opportunities,
}

#[component]
pub fn DataPage() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let gb = RwSignal::new(false);
    let last_backup = expect_context::<crate::app::LastBackup>().0;
    let today = clock::today().to_string();

    let (encrypt, pass1, pass2) = (
        RwSignal::new(false),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let backup = move |_| {
        let passphrase = encrypt.get_untracked().then(|| pass1.get_untracked());
        if let Some(p) = &passphrase {
            if let Err(problem) = check_new_passphrase(p, &pass2.get_untracked()) {
                return toasts.error(passphrase_problem_text(i18n, problem));
            }
        }
        saver.run(
            async move {
                let mut everything = data.everything().await?;
                everything.language = Some(i18n.lang().tag().to_string());
                let now = clock::now();
                let mut text = export_backup(&everything, APP_VERSION, now);
                if let Some(p) = &passphrase {
                    text = crate::platform::crypto::seal_backup(&text, p)
                        .await
                        .map_err(|e| guanxi_core::store::StoreError::Aborted {
                            name: "CryptoError".into(),
                            message: format!("{e:?}"),
                        })?;
                }
                save_bytes(
                    &format!("guanxi-backup-{}.json", clock::today()),
                    "application/json",
                    text.as_bytes(),
                )
                .map_err(guanxi_core::store::StoreError::Data)?;
                Ok::<_, guanxi_core::store::StoreError>(now)
            },
            move |now| {
                if let Err(name) = prefs::set_last_backup(now.millis()) {
                    toasts.error(i18n.fmt(K::PrefNotSaved, &[("name", &name)]));
                }
                last_backup.set(Some(now.millis()));
                toasts.success(i18n.t(K::BackupSaved));
            },
        );
    };
    let export = move |kind: Kind| {
        let today = today.clone();
        leptos::task::spawn_local(async move {
            let zh = i18n.lang() == Lang::ZhCn;
            let text = match kind {
                Kind::Customers => data.customers.with_untracked(|c| customers_csv(c, zh)),
                Kind::Contacts => data
                    .contacts
                    .with_untracked(|p| data.customers.with_untracked(|c| contacts_csv(p, c, zh))),
                Kind::FollowUps => data.follow_ups.with_untracked(|f| {
                    data.customers.with_untracked(|c| follow_ups_csv(f, c, zh))
                }),
                Kind::Opportunities => data.opportunities.with_untracked(|o| {
                    data.customers.with_untracked(|c| {
                        data.settings.with_untracked(|s| {
                            guanxi_core::io::csv_export::opportunities_csv(o, c, s, zh)
                        })
                    })
                }),
                Kind::Interactions => {
                    let all = data.interactions(InteractionScope::All).await;
                    match all {
                        Ok(list) => data.customers.with_untracked(|c| {
                            data.contacts
                                .with_untracked(|p| interactions_csv(&list, c, p, zh))
                        }),
                        Err(e) => return toasts.error(store_error_text(i18n, &e)),
                    }
                }
            };
            let name = match kind {
                Kind::Customers => "customers",
                Kind::Contacts => "contacts",
                Kind::Interactions => "interactions",
                Kind::FollowUps => "follow-ups",
                Kind::Opportunities => "opportunities",
            };
            let bytes = if gb.get_untracked() {
                match gb18030_encoder() {
                    Some(encoder) => encoder.encode(&text),
                    None => return toasts.error(i18n.t(K::NoGb18030)),
                }
            } else {
                with_utf8_bom(&text)
            };
            let charset = if gb.get_untracked() {
                "gb18030"
            } else {
                "utf-8"
            };
            if let Err(e) = save_bytes(
                &format!("guanxi-{name}-{today}.csv"),
                &format!("text/csv;charset={charset}"),
                &bytes,
            ) {
                toasts.error(e);
            }
        });
    };
    let vcards = move |_| {
        let text = data
            .contacts
            .with_untracked(|p| data.customers.with_untracked(|c| export_vcards(p, c)));
        if let Err(e) = save_bytes(
            &format!("guanxi-contacts-{}.vcf", clock::today()),
            "text/vcard;charset=utf-8",
            text.as_bytes(),
        ) {
            toasts.error(e);
        }
    };
    let calendar = move |_| {
        let kind = move |k: guanxi_core::InteractionKind| {
            i18n.t(crate::i18n::Labelled::key(&k)).to_string()
        };
        let repeat = move |rule: &guanxi_core::activity::recurrence::Recurrence| {
            i18n.fmt(K::RecurRepeats, &[("rule", &recurrence_text(i18n, rule))])
        };
        let labels = IcsLabels {
            kind: &kind,
            owner: i18n.t(K::FieldOwner),
            repeat: &repeat,
        };
        let text = data.follow_ups.with_untracked(|f| {
            data.customers
                .with_untracked(|c| export_ics(f, c, clock::now(), &labels))
        });
        if let Err(e) = save_bytes(
            &format!("guanxi-follow-ups-{}.ics", clock::today()),
            "text/calendar;charset=utf-8",
            text.as_bytes(),
        ) {
            toasts.error(e);
        }
    };
    let export_button = move |kind: Kind, label: K, id: &'static str| {
        let export = export.clone();
        view! { <button class="btn" data-testid=id on:click=move |_| export(kind)>{move || i18n.t(label)}</button> }
    };

    view! {
        <div class="page-head"><h1>{move || i18n.t(K::DataTitle)}</h1></div>
        <section class="card" data-testid="backup-card">
            <h2>{move || i18n.t(K::BackupTitle)}</h2>
            <p class="muted small">{move || i18n.t(K::BackupExplain)}</p>
            <p data-testid="last-backup">{move || match last_backup.get() {
                Some(ms) => i18n.fmt(K::LastBackup, &[("date", &guanxi_core::Timestamp(ms).to_datetime().with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())]),
                None => i18n.t(K::NeverBackedUp).to_string(),
            }}</p>
            <BackupEncryptOption encrypt=encrypt first=pass1 second=pass2/>
            <button class="btn btn-primary" data-testid="backup-download" on:click=backup>{move || i18n.t(K::BackupDownload)}</button>
        </section>
        <RestoreBackup/>
        <CsvImport/>
        <section class="card" data-testid="export-card">
            <h2>{move || i18n.t(K::ExportTitle)}</h2>
            <p class="muted small">{move || i18n.t(K::ExportExplain)}</p>
            <label class="check-label">
                <input type="checkbox" data-testid="export-gb18030" prop:checked=move || gb.get() on:change=move |_| gb.update(|g| *g = !*g)/>
                {move || i18n.t(K::ExportGb18030)}
            </label>
            <div class="row-form">
                {export_button(Kind::Customers, K::NavCustomers, "export-customers")}
                {export_button(Kind::Contacts, K::Contacts, "export-contacts")}
                {export_button(Kind::Interactions, K::Interactions, "export-interactions")}
                {export_button(Kind::FollowUps, K::NavFollowUps, "export-follow-ups")}
                {export_button(Kind::Opportunities, K::NavOpportunities, "export-opportunities")}
            </div>
            <h3>{move || i18n.t(K::OtherFormats)}</h3>
            <div class="row-form">
                <button class="btn" data-testid="export-vcard" on:click=vcards>{move || i18n.t(K::ExportVCard)}</button>
                <button class="btn" data-testid="export-ics" on:click=calendar>{move || i18n.t(K::ExportIcs)}</button>
            </div>
        </section>
        <VCardImport/>
    }
}
