//! Create or edit a case (`/cases/new?customer=<id>`, `/cases/<id>/edit`): what the customer
//! reported. The status moves on the case's page, never here.

use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::service::case::{CaseChannel, CasePriority, ServiceCase};
use guanxi_core::service::commands::{create_case, update_case, CaseForm};
use guanxi_core::store::Batch;
use guanxi_core::Id;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::features::system::not_found::NotFoundPage;
use crate::i18n::{Lang, K};
use crate::platform::clock;
use crate::state::DbStatus;
use crate::ui::customer_pick::CustomerPick;
use crate::ui::form::{bind, error_for, EnumField, FormField, TextAreaField, TextField};
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::query_param;

#[component]
pub fn CaseFormPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let params = use_params_map();
    let customer = query_param("customer");
    let editing = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    // Kept once found, so a re-read neither wipes the typing nor moves the edit's base revision.
    let existing = Memo::new(move |prev: Option<&Option<ServiceCase>>| {
        let id = editing.get();
        if let Some(Some(kept)) = prev.filter(|p| p.as_ref().map(|c| c.id) == id) {
            return Some(kept.clone());
        }
        id.and_then(|id| data.live_case(id))
    });
    move || {
        if data.status.get() == DbStatus::Opening {
            return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
        }
        match (editing.get(), existing.get()) {
            (Some(_), None) => view! { <NotFoundPage/> }.into_any(),
            (_, existing) => {
                let preset = customer.get_untracked().parse::<Id>().ok();
                let form = match &existing {
                    Some(c) => CaseForm::from_record(c),
                    None => data.settings.with_untracked(|s| CaseForm::new(s, preset)),
                };
                view! { <CaseEditor initial=form existing=existing/> }.into_any()
            }
        }
    }
}

#[component]
fn CaseEditor(initial: CaseForm, existing: Option<ServiceCase>) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let form = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let is_new = existing.is_none();
    let back = match &existing {
        Some(c) => format!("/cases/{}", c.id),
        None => match form.with_untracked(|f| f.customer_id) {
            Some(c) => format!("/customers/{c}"),
            None => "/cases".to_string(),
        },
    };
    let existing = StoredValue::new(existing);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = form.get_untracked();
        let settings = data.settings.get_untracked();
        let (at, now) = (clock::now_local(), clock::now());
        let result = match existing.get_value() {
            Some(old) => update_case(&old, &current, &settings, at, now),
            None => create_case(&current, &settings, Id::random(), at, now),
        };
        match result {
            Ok(case) => {
                errors.set(Vec::new());
                let to = format!("/cases/{}", case.id);
                let navigate = navigate.clone();
                saver.save(Batch::new().put(case), move || {
                    toasts.success(i18n.t(K::CaseSaved));
                    navigate(&to, Default::default());
                });
            }
            Err(errs) => {
                errors.set(errs);
                toasts.error(i18n.t(K::FixErrors));
            }
        }
    };
    let picked = RwSignal::new(form.with_untracked(|f| f.customer_id));
    let customer_error = error_for(errors, Field::Customer);
    let contacts = Memo::new(move |_| {
        form.with(|f| f.customer_id)
            .map(|c| data.contacts_of(c))
            .unwrap_or_default()
    });
    view! {
        <div class="page-head">
            <div>
                <A href=back.clone() attr:class="back" attr:data-testid="back-link">{move || format!("← {}", i18n.t(K::BackToCases))}</A>
                <h1>{move || i18n.t(if is_new { K::CaseNew } else { K::CaseEdit })}</h1>
            </div>
        </div>
        <form class="card form" on:submit=submit novalidate data-testid="case-form">
            <div class="form-grid">
                <FormField label=K::FieldCustomer id="case-customer" error=customer_error required=true>
                    {move || form.with(|f| f.customer_id).map(|c| view! {
                        <p data-testid="case-customer-name"><strong>{data.customer_name(c)}</strong></p>
                    })}
                    <CustomerPick picked=picked testid="case-customer" label=K::FieldCustomer
                        on_pick=Callback::new(move |id| form.update(|f| { f.customer_id = Some(id); f.contact_id = None; }))/>
                </FormField>
                <FormField label=K::FieldContact id="case-contact">
                    <select id="case-contact" class="input" data-testid="case-contact"
                        on:change=move |ev| form.update(|f| f.contact_id = event_target_value(&ev).parse().ok())>
                        <option value="" selected=move || form.with(|f| f.contact_id.is_none())>"—"</option>
                        {move || contacts.get().into_iter().map(|p| {
                            let id = p.id;
                            view! { <option value=id.to_string() selected=move || form.with(|f| f.contact_id == Some(id))>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </FormField>
                <FormField label=K::CaseKindLabel id="case-kind" error=error_for(errors, Field::CaseKind) required=true>
                    <select id="case-kind" class="input" data-testid="case-kind"
                        on:change=move |ev| form.update(|f| f.kind = event_target_value(&ev))>
                        {move || {
                            let zh = i18n.lang() == Lang::ZhCn;
                            data.settings.with(|s| s.case_kinds.iter().map(|k| {
                                let id = k.id.clone();
                                let v = id.clone();
                                view! { <option value=id selected=move || form.with(|f| f.kind == v)>{k.name(zh).to_string()}</option> }
                            }).collect_view())
                        }}
                    </select>
                </FormField>
                <EnumField label=K::CaseChannelLabel id="case-channel" options=&CaseChannel::ALL
                    bind=bind(form, |f| &f.channel, |f, v| f.channel = v)/>
                <EnumField label=K::CasePriorityLabel id="case-priority" options=&CasePriority::ALL
                    bind=bind(form, |f| &f.priority, |f, v| f.priority = v)/>
                <TextField label=K::CaseSubject id="case-subject" error=error_for(errors, Field::Subject) required=true flag_invalid=true
                    bind=bind(form, |f| &f.subject, |f, v| f.subject = v)/>
                <TextField label=K::FieldOwner id="case-owner" error=error_for(errors, Field::Owner) list="case-owner-options"
                    bind=bind(form, |f| &f.owner, |f, v| f.owner = v)>
                    <datalist id="case-owner-options">
                        {move || data.settings.with(|s| s.owners.iter().map(|o| view! { <option value=o.clone()></option> }).collect_view())}
                    </datalist>
                </TextField>
                <TextField label=K::CaseOpenedAt id="case-opened" kind="datetime-local" error=error_for(errors, Field::At)
                    bind=bind(form, |f| &f.opened_at, |f, v| f.opened_at = v)/>
            </div>
            <TextAreaField label=K::CaseDescription id="case-description" rows=4 error=error_for(errors, Field::Description)
                bind=bind(form, |f| &f.description, |f, v| f.description = v)/>
            <div class="form-actions">
                <A href=back attr:class="btn btn-ghost">{move || i18n.t(K::Cancel)}</A>
                <button type="submit" class="btn btn-primary" data-testid="save" disabled=move || saver.pending()>
                    {move || i18n.t(if saver.pending() { K::Saving } else { K::Save })}
                </button>
            </div>
        </form>
    }
}
