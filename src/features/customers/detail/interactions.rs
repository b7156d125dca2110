//! Logging contact with a customer in place, with attached files kept as blobs in IndexedDB.

use guanxi_core::activity::commands::create_interaction;
use guanxi_core::activity::forms::InteractionForm;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::store::Batch;
use guanxi_core::{AttachmentRef, Id, InteractionKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::features::customers::detail::opportunities::OpportunityPicker;
use crate::features::settings::page::human_bytes;
use crate::i18n::K;
use crate::platform::clock;
use crate::platform::db::AttachmentBlob;
use crate::state::Change;
use crate::ui::form::{bind, error_for, EnumField, FormField, TextAreaField, TextField};
use crate::ui::save::{use_kit, use_saver, Kit};

/// Files chosen in a file input, in order.
fn chosen_files(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
pub fn LogInteraction(customer: Id) -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let blank = move || InteractionForm {
        customer_id: Some(customer),
        at: clock::now_local().format("%Y-%m-%dT%H:%M").to_string(),
        ..Default::default()
    };
    let form = RwSignal::new(blank());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let file_error = RwSignal::new(None::<String>);
    let files = NodeRef::<leptos::html::Input>::new();
    let saver = use_saver();
    let contacts = Memo::new(move |_| {
        data.live_contacts(|all| {
            all.filter(|c| c.customer_id == customer)
                .map(|c| (c.id, c.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = files
            .get_untracked()
            .map(|i| chosen_files(&i))
            .unwrap_or_default();
        let limit = data.settings.with_untracked(|s| s.attachment_limit_bytes);
        if let Some(big) = chosen.iter().find(|f| f.size() as u64 > limit) {
            file_error.set(Some(i18n.fmt(
                K::FileTooLarge,
                &[("name", &big.name()), ("max", &human_bytes(limit as f64))],
            )));
            return;
        }
        file_error.set(None);
        let mut interaction = match create_interaction(
            &form.get_untracked(),
            Id::random(),
            clock::now(),
            clock::today(),
        ) {
            Ok(i) => i,
            Err(errs) => {
                errors.set(errs);
                return;
            }
        };
        errors.set(Vec::new());
        let blobs: Vec<AttachmentBlob> = chosen
            .into_iter()
            .map(|file| AttachmentBlob {
                reference: AttachmentRef {
                    id: Id::random(),
                    name: file.name(),
                    mime: file.type_(),
                    size: file.size() as u64,
                },
                interaction_id: interaction.id,
                blob: file.unchecked_into(),
            })
            .collect();
        interaction.attachments = blobs.iter().map(|b| b.reference.clone()).collect();
        let change = Change::EditWithFiles {
            batch: Batch::new().put(interaction),
            add: blobs,
            remove: Vec::new(),
        };
        saver.commit(change, move |_| {
            toasts.success(i18n.t(K::Saved));
            form.set(blank());
            if let Some(input) = files.get_untracked() {
                input.set_value("");
            }
        });
    };
    view! {
        <section class="card">
            <h2>{move || i18n.t(K::LogInteraction)}</h2>
            <form class="inline-form" on:submit=submit novalidate data-testid="interaction-form">
                <div class="form-grid">
                    <EnumField label=K::FieldKind id="interaction-kind" options=&InteractionKind::ALL
                        bind=bind(form, |f| &f.kind, |f, v| f.kind = v)/>
                    <TextField label=K::FieldWhen id="interaction-at" kind="datetime-local" error=error_for(errors, Field::At)
                        bind=bind(form, |f| &f.at, |f, v| f.at = v)/>
                    <FormField label=K::FieldContact id="interaction-contact">
                        <select id="interaction-contact" class="input" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| f.contact_id = v.parse::<Id>().ok());
                        }>
                            <option value="" selected=move || form.with(|f| f.contact_id.is_none())>{move || i18n.t(K::NoOne)}</option>
                            {move || contacts.get().into_iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=move || form.with(|f| f.contact_id == Some(id))>{name}</option>
                            }).collect_view()}
                        </select>
                    </FormField>
                    <OpportunityPicker customer=customer id="interaction-opportunity"
                        value=Signal::derive(move || form.with(|f| f.opportunity_id))
                        on_change=Callback::new(move |v| form.update(|f| f.opportunity_id = v))/>
                    <TextField label=K::FieldOutcome id="interaction-outcome" error=error_for(errors, Field::Outcome)
                        bind=bind(form, |f| &f.outcome, |f, v| f.outcome = v)/>
                </div>
                <TextAreaField label=K::FieldSummary id="interaction-summary" rows=3 error=error_for(errors, Field::Summary) required=true
                    bind=bind(form, |f| &f.summary, |f, v| f.summary = v)/>
                // Optional, for the daily report: folded so quick logging stays quick.
                <details class="more-fields" data-testid="interaction-more">
                    <summary>{move || i18n.t(K::MarketNotes)}</summary>
                    <div class="form-grid">
                        <TextField label=K::FieldCompetitorNews id="interaction-competitor" error=error_for(errors, Field::CompetitorNews)
                            bind=bind(form, |f| &f.competitor_news, |f, v| f.competitor_news = v)/>
                        <TextField label=K::FieldCustomerOpinion id="interaction-opinion" error=error_for(errors, Field::CustomerOpinion)
                            bind=bind(form, |f| &f.customer_opinion, |f, v| f.customer_opinion = v)/>
                    </div>
                </details>
                <FormField label=K::Attachments id="interaction-files" error=Signal::derive(move || file_error.get())>
                    <input id="interaction-files" class="input file" type="file" multiple node_ref=files data-testid="interaction-files"/>
                </FormField>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="save-interaction" disabled=move || saver.pending()>
                        {move || i18n.t(if saver.pending() { K::Saving } else { K::Save })}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// Offers a stored attachment as a download, named as it was uploaded.
pub async fn download_attachment(
    data: crate::state::Data,
    reference: AttachmentRef,
) -> Result<(), String> {
    let blob = data
        .attachment(reference.id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("missing")?;
    crate::ui::download::save_blob(&reference.name, &blob)
}
