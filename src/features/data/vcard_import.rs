//! Importing contacts from vCard files (phones, Outlook, Google, Apple).

use guanxi_core::io::vcard::{parse_vcards, VCardError};
use guanxi_core::io::vcard_import::plan_vcard_import;
use guanxi_core::Id;
use leptos::prelude::*;

use crate::i18n::{store_error_text, K};
use crate::platform::clock;
use crate::state::Change;
use crate::ui::file_pick::{chosen_file, file_card_head, file_error, read_file};
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn VCardImport() -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    // What the last import did, kept on screen (the toast goes away).
    let report = RwSignal::new(Vec::<String>::new());
    let on_file = move |_| {
        let Some(file) = chosen_file(input) else {
            return;
        };
        error.set(None);
        report.set(Vec::new());
        leptos::task::spawn_local(async move {
            let text = match read_file(i18n, file).await {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(message) => return error.set(Some(message)),
            };
            let cards = match parse_vcards(&text) {
                Ok(cards) => cards,
                Err(VCardError::Empty) | Err(VCardError::NotVCard) => {
                    return error.set(Some(i18n.t(K::VCardNotVCard).into()))
                }
            };
            let plan = data.customers.with_untracked(|c| {
                data.contacts.with_untracked(|p| {
                    plan_vcard_import(&cards, c, p, &mut Id::random, clock::now(), clock::today())
                })
            });
            let (added, created, skipped) =
                (plan.contacts_added, plan.customers_created, plan.skipped);
            let properties: Vec<String> = plan
                .skipped_properties
                .iter()
                .map(|(name, n)| format!("{name} ×{n}"))
                .collect();
            match data.commit(Change::Import(plan.batch)).await {
                Ok(_) => {
                    let mut lines = vec![i18n.fmt(
                        K::VCardImported,
                        &[
                            ("contacts", &added.to_string()),
                            ("customers", &created.to_string()),
                            ("skipped", &skipped.to_string()),
                        ],
                    )];
                    if !properties.is_empty() {
                        let list = properties.join(i18n.t(K::ListSeparator));
                        lines.push(i18n.fmt(K::VCardSkippedProperties, &[("list", &list)]));
                    }
                    toasts.success(lines.join(" "));
                    report.set(lines);
                }
                Err(e) => toasts.error(store_error_text(i18n, &e)),
            }
            if let Some(i) = input.get_untracked() {
                i.set_value("");
            }
        });
    };
    view! {
        <section class="card" data-testid="vcard-import">
            {file_card_head(K::VCardImportTitle, K::VCardImportExplain, ".vcf,text/vcard,text/x-vcard", input, "vcard-file", on_file)}
            {file_error(error, "vcard-error")}
            <div data-testid="vcard-report">
                {move || report.get().into_iter().map(|line| view! { <p class="muted">{line}</p> }).collect_view()}
            </div>
        </section>
    }
}
