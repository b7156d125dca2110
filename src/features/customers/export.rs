//! Export of what the customer list shows (its filter, search or segment) as customers CSV,
//! contacts CSV or vCard; "for marketing" leaves out whoever opted out and says how many.

use std::collections::HashMap;

use guanxi_core::io::csv_export::{contacts_csv, selected_customers_csv, with_utf8_bom};
use guanxi_core::io::vcard::export_vcards;
use guanxi_core::marketing::opt_out::{marketing_reachable, whole_selection};
use guanxi_core::marketing::segments::active_segment;
use guanxi_core::{Contact, Customer, Id, OptOutChannel};
use leptos::prelude::*;

use crate::features::customers::filters::use_url_selection;
use crate::i18n::{Lang, K};
use crate::platform::clock;
use crate::ui::download::save_bytes;
use crate::ui::form::EnumSelect;
use crate::ui::save::{use_kit, Kit};

#[derive(Clone, Copy, PartialEq)]
enum Format {
    CustomersCsv,
    ContactsCsv,
    VCard,
}

/// A file made from the selection: its text, how many records it holds and how many were
/// left out for an opt-out.
struct Made {
    text: String,
    written: usize,
    left_out: usize,
}

/// The file in `format` for the customers `ids` (in that order), leaving out opted-out
/// customers and contacts when `marketing` names a channel.
fn make(
    format: Format,
    ids: &[Id],
    all: &[Customer],
    contacts: &[Contact],
    marketing: Option<OptOutChannel>,
    zh: bool,
) -> Made {
    let by_id: HashMap<Id, &Customer> = all.iter().map(|c| (c.id, c)).collect();
    let selected: Vec<&Customer> = ids.iter().filter_map(|id| by_id.get(id).copied()).collect();
    let reach = match marketing {
        Some(channel) => marketing_reachable(&selected, contacts, channel),
        None => whole_selection(&selected, contacts),
    };
    match format {
        Format::CustomersCsv => Made {
            written: reach.customers.len(),
            text: selected_customers_csv(reach.customers.iter().copied(), zh),
            left_out: reach.customers_left_out,
        },
        Format::ContactsCsv => Made {
            written: reach.contacts.len(),
            text: contacts_csv(reach.contacts.iter().copied(), all, zh),
            left_out: reach.contacts_left_out,
        },
        Format::VCard => Made {
            written: reach.contacts.len(),
            text: export_vcards(reach.contacts.iter().copied(), all),
            left_out: reach.contacts_left_out,
        },
    }
}

/// The export panel for the list's matching customers `found` (ids in list order).
#[component]
pub fn ListExport(found: Memo<Vec<Id>>) -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let selection = use_url_selection();
    let segment = Memo::new(move |_| {
        data.settings.with(|s| {
            selection.with(|sel| active_segment(&s.segments, sel).map(|s| s.name.clone()))
        })
    });
    let for_marketing = RwSignal::new(false);
    let channel = RwSignal::new(OptOutChannel::All);
    let status = RwSignal::new(None::<String>);

    let scope = move || {
        let n = found.with(Vec::len).to_string();
        match segment.get() {
            Some(name) => i18n.fmt(K::ExportSegmentScope, &[("name", &name), ("n", &n)]),
            None => i18n.fmt(K::ExportListScope, &[("n", &n)]),
        }
    };
    let export = move |format: Format| {
        let zh = i18n.lang() == Lang::ZhCn;
        let marketing = for_marketing
            .get_untracked()
            .then(|| channel.get_untracked());
        let made = found.with_untracked(|ids| {
            data.customers.with_untracked(|all| {
                data.contacts
                    .with_untracked(|contacts| make(format, ids, all, contacts, marketing, zh))
            })
        });
        let today = clock::today();
        let (name, mime, bytes, done) = match format {
            Format::CustomersCsv => (
                format!("guanxi-customers-{today}.csv"),
                "text/csv;charset=utf-8",
                with_utf8_bom(&made.text),
                K::ExportedCustomers,
            ),
            Format::ContactsCsv => (
                format!("guanxi-contacts-{today}.csv"),
                "text/csv;charset=utf-8",
                with_utf8_bom(&made.text),
                K::ExportedContacts,
            ),
            Format::VCard => (
                format!("guanxi-contacts-{today}.vcf"),
                "text/vcard;charset=utf-8",
                made.text.into_bytes(),
                K::ExportedContacts,
            ),
        };
        if let Err(e) = save_bytes(&name, mime, &bytes) {
            return toasts.error(e);
        }
        let mut said = i18n.fmt(done, &[("n", &made.written.to_string())]);
        if marketing.is_some() {
            // Chinese sentences follow one another without a space.
            if i18n.lang() == Lang::En {
                said.push(' ');
            }
            said.push_str(&i18n.fmt(K::ExportLeftOut, &[("n", &made.left_out.to_string())]));
        }
        status.set(Some(said));
    };
    let button = move |format: Format, label: K, testid: &'static str| {
        view! {
            <button class="btn btn-sm" data-testid=testid on:click=move |_| export(format)>
                {move || i18n.t(label)}
            </button>
        }
    };

    view! {
        <details class="list-export" data-testid="list-export">
            <summary>{move || i18n.t(K::ExportList)}</summary>
            <p class="muted small" data-testid="export-scope">{scope}</p>
            <label class="check-label">
                <input type="checkbox" data-testid="export-marketing" prop:checked=move || for_marketing.get()
                    on:change=move |_| for_marketing.update(|m| *m = !*m)/>
                {move || i18n.t(K::ExportForMarketing)}
            </label>
            {move || for_marketing.get().then(|| view! {
                <label class="filter">
                    <span>{move || i18n.t(K::ExportMarketingChannel)}</span>
                    <EnumSelect id="export-channel" options=&OptOutChannel::ALL
                        value=Signal::derive(move || channel.get())
                        on_change=Callback::new(move |c: OptOutChannel| channel.set(c))/>
                </label>
            })}
            <div class="row-form">
                {button(Format::CustomersCsv, K::ExportCustomersCsv, "list-export-customers")}
                {button(Format::ContactsCsv, K::ExportContactsCsv, "list-export-contacts")}
                {button(Format::VCard, K::ExportContactsVCard, "list-export-vcard")}
            </div>
            <p class="small" role="status" data-testid="export-status">{move || status.get()}</p>
        </details>
    }
}
