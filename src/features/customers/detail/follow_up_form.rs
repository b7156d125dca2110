//! Planning the next contact with a customer.

use guanxi_core::activity::commands::create_follow_up;
use guanxi_core::activity::forms::FollowUpForm;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::store::Batch;
use guanxi_core::{Customer, Id, InteractionKind};
use leptos::prelude::*;

use crate::features::customers::detail::opportunities::OpportunityPicker;
use crate::i18n::{store_error_text, use_i18n, K};
use crate::platform::clock;
use crate::state::use_data;
use crate::ui::form::{bind_text, error_for, EnumSelect, FormField, TextInput};
use crate::ui::toast::use_toasts;

#[component]
pub fn PlanFollowUp(customer: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let toasts = use_toasts();
    let id = customer.id;
    let blank = move || FollowUpForm {
        customer_id: Some(id),
        due: (clock::today() + chrono::Duration::days(1)).to_string(),
        place: customer.region.clone(),
        owner: customer.owner.clone(),
        ..Default::default()
    };
    let blank = StoredValue::new(blank());
    let form = RwSignal::new(blank.get_value());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let (due, set_due) = bind_text(form, |f| &f.due, |f, v| f.due = v);
    let (time, set_time) = bind_text(form, |f| &f.time, |f, v| f.time = v);
    let (purpose, set_purpose) = bind_text(form, |f| &f.purpose, |f, v| f.purpose = v);
    let (place, set_place) = bind_text(form, |f| &f.place, |f, v| f.place = v);
    // The team list, plus the customer's owner if the list no longer names them.
    let owners = Memo::new(move |_| {
        let mut names = data.settings.with(|s| s.owners.clone());
        let current = form.with(|f| f.owner.clone());
        if !current.is_empty() && !names.contains(&current) {
            names.push(current);
        }
        names
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match create_follow_up(
            &form.get_untracked(),
            Id::random(),
            clock::now(),
            clock::today(),
        ) {
            Err(errs) => errors.set(errs),
            Ok(follow_up) => {
                errors.set(Vec::new());
                leptos::task::spawn_local(async move {
                    match data.save(Batch::new().put(follow_up)).await {
                        Ok(()) => {
                            toasts.success(i18n.t(K::Saved));
                            form.set(blank.get_value());
                        }
                        Err(e) => toasts.error(store_error_text(i18n, &e)),
                    }
                });
            }
        }
    };
    view! {
        <section class="card">
            <h2>{move || i18n.t(K::PlanFollowUp)}</h2>
            <form class="inline-form" on:submit=submit novalidate data-testid="follow-up-form">
                <div class="form-grid">
                    <FormField label=K::FieldDue id="follow-up-due" error=error_for(errors, Field::Due) required=true>
                        <TextInput id="follow-up-due" kind="date" value=due on_input=set_due/>
                    </FormField>
                    <FormField label=K::FieldTime id="follow-up-time" error=error_for(errors, Field::Time)>
                        <TextInput id="follow-up-time" kind="time" value=time on_input=set_time/>
                    </FormField>
                    <FormField label=K::FieldKind id="follow-up-kind">
                        <EnumSelect id="follow-up-kind" options=&InteractionKind::ALL
                            value=Signal::derive(move || form.with(|f| f.kind))
                            on_change=Callback::new(move |v| form.update(|f| f.kind = v))/>
                    </FormField>
                    <FormField label=K::FieldOwner id="follow-up-owner">
                        <select id="follow-up-owner" class="input" on:change=move |ev| form.update(|f| f.owner = event_target_value(&ev))>
                            <option value="" selected=move || form.with(|f| f.owner.is_empty())>{move || i18n.t(K::NoOwner)}</option>
                            {move || owners.get().into_iter().map(|o| {
                                let value = o.clone();
                                view! { <option value=o.clone() selected=move || form.with(|f| f.owner == value)>{o.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </FormField>
                    <FormField label=K::FieldPurpose id="follow-up-purpose" error=error_for(errors, Field::Purpose)>
                        <TextInput id="follow-up-purpose" value=purpose on_input=set_purpose/>
                    </FormField>
                    <FormField label=K::FieldPlace id="follow-up-place" error=error_for(errors, Field::Place)>
                        <TextInput id="follow-up-place" value=place on_input=set_place/>
                    </FormField>
                    <OpportunityPicker customer=id id="follow-up-opportunity"
                        value=Signal::derive(move || form.with(|f| f.opportunity_id))
                        on_change=Callback::new(move |v| form.update(|f| f.opportunity_id = v))/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="save-follow-up">{move || i18n.t(K::Save)}</button>
                </div>
            </form>
        </section>
    }
}
