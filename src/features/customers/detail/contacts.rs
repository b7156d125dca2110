//! A customer's contact persons, shown as the small organisation tree that `reports_to` forms.

use guanxi_core::customers::forms::ContactForm;
use guanxi_core::model::form::RecordForm;
use guanxi_core::model::trash::trash;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::store::Batch;
use guanxi_core::{Contact, Id};
use leptos::prelude::*;

use crate::features::customers::opt_out::{opt_out_badge, OptOutFields};
use crate::features::customers::yearless::yearless_note;
use crate::i18n::K;
use crate::platform::clock;
use crate::ui::form::{bind, error_for, FormField, TextAreaField, TextField};
use crate::ui::labeled_list::LabeledList;
use crate::ui::save::{use_kit, Kit};

/// Contacts in tree order with their depth; a broken or cyclic `reports_to` chain puts the
/// contact at the top level instead of hiding it.
fn tree(contacts: &[Contact]) -> Vec<(usize, Contact)> {
    let ids: std::collections::HashSet<Id> = contacts.iter().map(|c| c.id).collect();
    let mut out = Vec::new();
    let mut placed = std::collections::HashSet::new();
    fn walk(
        parent: Option<Id>,
        depth: usize,
        all: &[Contact],
        ids: &std::collections::HashSet<Id>,
        placed: &mut std::collections::HashSet<Id>,
        out: &mut Vec<(usize, Contact)>,
    ) {
        for c in all.iter().filter(|c| {
            let boss = c.reports_to.filter(|b| ids.contains(b) && *b != c.id);
            boss == parent
        }) {
            if placed.insert(c.id) {
                out.push((depth, c.clone()));
                walk(Some(c.id), depth + 1, all, ids, placed, out);
            }
        }
    }
    walk(None, 0, contacts, &ids, &mut placed, &mut out);
    // Members of a reporting cycle have no root; list them rather than lose them.
    for c in contacts {
        if placed.insert(c.id) {
            out.push((0, c.clone()));
        }
    }
    out
}

#[component]
pub fn ContactsCard(customer: Id) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let editing = RwSignal::new(None::<Option<Contact>>);
    let mine = Memo::new(move |_| {
        let mut list: Vec<Contact> = data.contacts_of(customer);
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    });
    let remove = move |c: Contact| {
        saver.save(Batch::new().put(trash(&c, clock::now())), move || {
            toasts.success(i18n.t(K::Deleted))
        });
    };
    view! {
        <section class="card" data-testid="contacts-card">
            <div class="card-head">
                <h2>{move || i18n.t(K::Contacts)}</h2>
                <button class="btn btn-add" data-testid="add-contact" on:click=move |_| editing.set(Some(None))>
                    {move || format!("+ {}", i18n.t(K::AddContact))}
                </button>
            </div>
            {move || editing.get().map(|existing| view! {
                <ContactEditor customer=customer existing=existing on_done=Callback::new(move |_| editing.set(None))/>
            })}
            {move || {
                let rows = tree(&mine.get());
                if rows.is_empty() {
                    return view! { <p class="muted">{i18n.t(K::NoContacts)}</p> }.into_any();
                }
                view! {
                    <ul class="org-tree">
                        {rows.into_iter().map(|(depth, c)| {
                            let (for_edit, for_remove) = (c.clone(), c.clone());
                            let phones = c.phones.iter().chain(c.emails.iter()).map(|l| l.value.clone()).collect::<Vec<_>>().join(" · ");
                            view! {
                                <li data-depth=depth.min(4).to_string() data-testid="contact-row">
                                    <div class="org-main">
                                        <strong>{c.name.clone()}</strong>
                                        <span class="muted">{[c.title.clone(), c.department.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</span>
                                        <span class="sub">{phones}</span>
                                        {opt_out_badge(c.marketing_opt_out.clone(), "contact-opt-out-badge")}
                                        {(!c.notes.is_empty()).then(|| view! {
                                            <p class="sub contact-note" data-testid="contact-notes">{c.notes.clone()}</p>
                                        })}
                                    </div>
                                    <button class="btn btn-ghost btn-sm" on:click=move |_| editing.set(Some(Some(for_edit.clone())))>{i18n.t(K::Edit)}</button>
                                    <button class="btn btn-ghost btn-sm" on:click=move |_| remove(for_remove.clone())>{i18n.t(K::Delete)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ContactEditor(customer: Id, existing: Option<Contact>, on_done: Callback<()>) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let mut initial = existing
        .as_ref()
        .map(ContactForm::from_record)
        .unwrap_or_default();
    initial.customer_id = Some(customer);
    let form = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let own_id = existing.as_ref().map(|c| c.id);
    let existing = StoredValue::new(existing);
    let colleagues = Memo::new(move |_| {
        data.live_contacts(|all| {
            all.filter(|c| c.customer_id == customer && Some(c.id) != own_id)
                .map(|c| (c.id, c.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = form.get_untracked();
        let (now, today) = (clock::now(), clock::today());
        let result = current.save(existing.get_value().as_ref(), &(), Id::random(), now, today);
        match result {
            Err(errs) => errors.set(errs),
            Ok(contact) => saver.save(Batch::new().put(contact), move || {
                toasts.success(i18n.t(K::Saved));
                on_done.run(());
            }),
        }
    };
    view! {
        <form class="inline-form" on:submit=submit novalidate data-testid="contact-form">
            <div class="form-grid">
                <TextField label=K::FieldName id="contact-name" error=error_for(errors, Field::Name) required=true
                    bind=bind(form, |f| &f.name, |f, v| f.name = v)/>
                <TextField label=K::FieldTitle id="contact-title" error=error_for(errors, Field::Title)
                    bind=bind(form, |f| &f.title, |f, v| f.title = v)/>
                <TextField label=K::FieldDepartment id="contact-department" error=error_for(errors, Field::Department)
                    bind=bind(form, |f| &f.department, |f, v| f.department = v)/>
                <FormField label=K::FieldReportsTo id="contact-reports-to" error=error_for(errors, Field::ReportsTo)>
                    <select id="contact-reports-to" class="input" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| f.reports_to = v.parse::<Id>().ok());
                    }>
                        <option value="">{move || i18n.t(K::NoOne)}</option>
                        {move || colleagues.get().into_iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=move || form.with(|f| f.reports_to == Some(id))>{name}</option>
                        }).collect_view()}
                    </select>
                </FormField>
                <TextField label=K::FieldBirthday id="contact-birthday" kind="date" error=error_for(errors, Field::Birthday)
                    bind=bind(form, |f| &f.birthday, |f, v| f.birthday = v)>
                    {yearless_note(form, |f: &ContactForm| f.birthday_month_day, |f| f.birthday_month_day = None)}
                </TextField>
            </div>
            <LabeledList form=form errors=errors phones=true get=|f: &ContactForm| &f.phones get_mut=|f: &mut ContactForm| &mut f.phones/>
            <LabeledList form=form errors=errors phones=false get=|f: &ContactForm| &f.emails get_mut=|f: &mut ContactForm| &mut f.emails/>
            <TextAreaField label=K::FieldNotes id="contact-notes-input" rows=3 error=error_for(errors, Field::Notes)
                bind=bind(form, |f| &f.notes, |f, v| f.notes = v)/>
            <OptOutFields form=form errors=errors id="contact"
                get=|f: &ContactForm| &f.opt_out get_mut=|f: &mut ContactForm| &mut f.opt_out/>
            <div class="form-actions">
                <button type="button" class="btn btn-ghost" on:click=move |_| on_done.run(())>{move || i18n.t(K::Cancel)}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-contact">{move || i18n.t(K::Save)}</button>
            </div>
        </form>
    }
}
