//! Create or edit a customer. Edits stay in the form until saved; cancel loses nothing stored.

use guanxi_core::customers::duplicates::{find_duplicates, MatchReason};
use guanxi_core::customers::forms::CustomerForm;
use guanxi_core::model::form::RecordForm;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::store::Batch;
use guanxi_core::{CustomerKind, Id, Lifecycle, SizeBand, ValueClass};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::features::customers::lifecycle::{LifecycleReasonField, ReferredByField};
use crate::features::customers::opt_out::OptOutFields;
use crate::features::customers::yearless::yearless_note;
use crate::features::system::not_found::NotFoundPage;
use crate::i18n::K;
use crate::platform::clock;
use crate::state::use_data;
use crate::ui::form::{bind, error_for, EnumField, TextAreaField, TextField};
use crate::ui::labeled_list::LabeledList;
use crate::ui::link::A;
use crate::ui::save::{use_kit, use_saver, Kit};

#[component]
pub fn CustomerFormPage() -> impl IntoView {
    let data = use_data();
    let params = use_params_map();
    let editing = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    // The stored record being edited, looked up once the list has loaded and then kept: a
    // re-read after another tab's write must neither wipe what the user is typing nor move
    // the edit's base revision (a stale base is what lets the save be caught as a conflict).
    let existing = Memo::new(move |prev: Option<&Option<guanxi_core::Customer>>| {
        let id = editing.get();
        if let Some(Some(kept)) = prev.filter(|p| p.as_ref().map(|c| c.id) == id) {
            return Some(kept.clone());
        }
        id.and_then(|id| data.live_customer(id))
    });
    move || match (editing.get(), existing.get()) {
        (Some(_), None) => view! { <NotFoundPage/> }.into_any(),
        (_, existing) => {
            let form = existing
                .as_ref()
                .map(CustomerForm::from_record)
                .unwrap_or_default();
            view! { <CustomerEditor initial=form existing=existing/> }.into_any()
        }
    }
}

#[component]
fn CustomerEditor(initial: CustomerForm, existing: Option<guanxi_core::Customer>) -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let navigate = use_navigate();
    let form = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saver = use_saver();
    let is_new = existing.is_none();
    let existing = StoredValue::new(existing);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saver.busy() {
            return;
        }
        let current = form.get_untracked();
        let (now, today) = (clock::now(), clock::today());
        let result = current.save(existing.get_value().as_ref(), &(), Id::random(), now, today);
        let customer = match result {
            Ok(c) => c,
            Err(errs) => {
                errors.set(errs);
                toasts.error(i18n.t(K::FixErrors));
                return;
            }
        };
        errors.set(Vec::new());
        let navigate = navigate.clone();
        let id = customer.id;
        saver.save(Batch::new().put(customer), move || {
            toasts.success(i18n.t(K::Saved));
            navigate(&format!("/customers/{id}"), Default::default());
        });
    };

    let name_error = error_for(errors, Field::Name);
    let editing_id = existing.get_value().map(|c| c.id);
    // Warn while typing when name, phone or e-mail matches someone already stored.
    let duplicates = Memo::new(move |_| {
        let (name, phones, emails) = form.with(|f| {
            let values = |list: &[guanxi_core::Labeled]| {
                list.iter().map(|l| l.value.clone()).collect::<Vec<_>>()
            };
            (f.name.clone(), values(&f.phones), values(&f.emails))
        });
        data.customers.with(|all| {
            find_duplicates(&name, &phones, &emails, all, editing_id)
                .into_iter()
                .take(5)
                .filter_map(|m| {
                    all.iter()
                        .find(|c| c.id == m.id)
                        .map(|c| (c.id, c.name.clone(), m.reasons))
                })
                .collect::<Vec<_>>()
        })
    });
    let back = existing
        .get_value()
        .map(|c| format!("/customers/{}", c.id))
        .unwrap_or_else(|| "/customers".into());

    view! {
        <div class="page-head">
            <h1>
                {move || i18n.t(if is_new { K::NewCustomerTitle } else { K::EditCustomerTitle })}
            </h1>
        </div>
        {move || {
            let found = duplicates.get();
            (!found.is_empty()).then(|| view! {
                <div class="alert alert-warn" role="status" data-testid="duplicate-warning">
                    <strong>{i18n.t(K::PossibleDuplicates)}</strong>
                    <ul>
                        {found.into_iter().map(|(id, name, reasons)| {
                            let why = i18n.join(reasons.iter().map(|r| i18n.t(match r {
                                MatchReason::Name => K::FieldName,
                                MatchReason::Phone => K::FieldPhones,
                                MatchReason::Email => K::FieldEmails,
                            })));
                            view! { <li><A href=format!("/customers/{id}")>{name}</A>{format!(" ({})", i18n.fmt(K::SameAs, &[("what", &why)]))}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
        <form class="card form" on:submit=submit novalidate data-testid="customer-form">
            <div class="form-grid">
                <TextField label=K::FieldName id="name" error=name_error required=true flag_invalid=true
                    bind=bind(form, |f| &f.name, |f, v| f.name = v)/>
                <EnumField label=K::FieldKind id="kind" options=&[CustomerKind::Company, CustomerKind::Person]
                    bind=bind(form, |f| &f.kind, |f, v| f.kind = v)/>
                <TextField label=K::FieldCompany id="company" error=error_for(errors, Field::Company)
                    bind=bind(form, |f| &f.company, |f, v| f.company = v)/>
                <TextField label=K::FieldIndustry id="industry" error=error_for(errors, Field::Industry)
                    bind=bind(form, |f| &f.industry, |f, v| f.industry = v)/>
                <EnumField label=K::FieldSize id="size" options=&SizeBand::ALL
                    bind=bind(form, |f| &f.size, |f, v| f.size = v)/>
                <TextField label=K::FieldRegion id="region" error=error_for(errors, Field::Region)
                    bind=bind(form, |f| &f.region, |f, v| f.region = v)/>
                <TextField label=K::FieldSource id="source" error=error_for(errors, Field::Source)
                    bind=bind(form, |f| &f.source, |f, v| f.source = v)/>
                <TextField label=K::FieldOwner id="owner" error=error_for(errors, Field::Owner) list="owner-options"
                    bind=bind(form, |f| &f.owner, |f, v| f.owner = v)>
                    <datalist id="owner-options">
                        {move || data.settings.with(|s| s.owners.iter().map(|o| view! { <option value=o.clone()></option> }).collect_view())}
                    </datalist>
                </TextField>
                <EnumField label=K::FieldLifecycle id="lifecycle" options=&Lifecycle::ALL
                    bind=bind(form, |f| &f.lifecycle, |f, v| f.lifecycle = v)/>
                <LifecycleReasonField form=form errors=errors stored=existing.get_value().map(|c| c.lifecycle)/>
                <EnumField label=K::FieldValueClass id="value_class" options=&ValueClass::ALL
                    bind=bind(form, |f| &f.value_class, |f, v| f.value_class = v)/>
                <TextField label=K::FieldAnnualRevenue id="annual_revenue" hint=K::AnnualRevenueHint error=error_for(errors, Field::AnnualRevenue)
                    bind=bind(form, |f| &f.annual_revenue, |f, v| f.annual_revenue = v)/>
                <TextField label=K::FieldGrossMargin id="gross_margin" hint=K::GrossMarginHint error=error_for(errors, Field::GrossMargin)
                    bind=bind(form, |f| &f.gross_margin_percent, |f, v| f.gross_margin_percent = v)/>
                <ReferredByField form=form this=existing.get_value().map(|c| c.id)/>
                <TextField label=K::FieldTags id="tags" hint=K::FieldTagsHint error=error_for(errors, Field::Tags)
                    bind=bind(form, |f| &f.tags, |f, v| f.tags = v)/>
                <TextField label=K::FieldBirthday id="birthday" kind="date" error=error_for(errors, Field::Birthday)
                    bind=bind(form, |f| &f.birthday, |f, v| f.birthday = v)>
                    {yearless_note(form, |f: &CustomerForm| f.birthday_month_day, |f| f.birthday_month_day = None)}
                </TextField>
            </div>
            <LabeledList form=form errors=errors phones=true get=|f: &CustomerForm| &f.phones get_mut=|f: &mut CustomerForm| &mut f.phones/>
            <LabeledList form=form errors=errors phones=false get=|f: &CustomerForm| &f.emails get_mut=|f: &mut CustomerForm| &mut f.emails/>
            <TextField label=K::FieldAddress id="address" error=error_for(errors, Field::Address)
                bind=bind(form, |f| &f.address, |f, v| f.address = v)/>
            <TextAreaField label=K::FieldNotes id="notes" rows=4 error=error_for(errors, Field::Notes)
                bind=bind(form, |f| &f.notes, |f, v| f.notes = v)/>
            <OptOutFields form=form errors=errors id="customer"
                get=|f: &CustomerForm| &f.opt_out get_mut=|f: &mut CustomerForm| &mut f.opt_out/>
            <div class="form-actions">
                <A href=back attr:class="btn btn-ghost">{move || i18n.t(K::Cancel)}</A>
                <button type="submit" class="btn btn-primary" data-testid="save" disabled=move || saver.pending()>
                    {move || i18n.t(if saver.pending() { K::Saving } else { K::Save })}
                </button>
            </div>
        </form>
    }
}
