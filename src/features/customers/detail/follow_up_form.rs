//! Planning the next contact with a customer, once or repeating.

use guanxi_core::activity::commands::create_follow_up;
use guanxi_core::activity::forms::FollowUpForm;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::store::Batch;
use guanxi_core::{Customer, Id, InteractionKind};
use leptos::prelude::*;

use crate::features::customers::detail::opportunities::OpportunityPicker;
use crate::features::daily::repeat::RepeatFields;
use crate::i18n::K;
use crate::platform::clock;
use crate::ui::form::{bind, error_for, EnumField, FormField, TextField};
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn PlanFollowUp(customer: Customer) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
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
                saver.save(Batch::new().put(follow_up), move || {
                    toasts.success(i18n.t(K::Saved));
                    form.set(blank.get_value());
                });
            }
        }
    };
    view! {
        <section class="card">
            <h2>{move || i18n.t(K::PlanFollowUp)}</h2>
            <form class="inline-form" on:submit=submit novalidate data-testid="follow-up-form">
                <div class="form-grid">
                    <TextField label=K::FieldDue id="follow-up-due" kind="date" error=error_for(errors, Field::Due) required=true
                        bind=bind(form, |f| &f.due, |f, v| f.due = v)/>
                    <TextField label=K::FieldTime id="follow-up-time" kind="time" error=error_for(errors, Field::Time)
                        bind=bind(form, |f| &f.time, |f, v| f.time = v)/>
                    <EnumField label=K::FieldKind id="follow-up-kind" options=&InteractionKind::ALL
                        bind=bind(form, |f| &f.kind, |f, v| f.kind = v)/>
                    <FormField label=K::FieldOwner id="follow-up-owner">
                        <select id="follow-up-owner" class="input" on:change=move |ev| form.update(|f| f.owner = event_target_value(&ev))>
                            <option value="" selected=move || form.with(|f| f.owner.is_empty())>{move || i18n.t(K::NoOwner)}</option>
                            {move || owners.get().into_iter().map(|o| {
                                let value = o.clone();
                                view! { <option value=o.clone() selected=move || form.with(|f| f.owner == value)>{o.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </FormField>
                    <TextField label=K::FieldPurpose id="follow-up-purpose" error=error_for(errors, Field::Purpose)
                        bind=bind(form, |f| &f.purpose, |f, v| f.purpose = v)/>
                    <TextField label=K::FieldPlace id="follow-up-place" error=error_for(errors, Field::Place)
                        bind=bind(form, |f| &f.place, |f, v| f.place = v)/>
                    <OpportunityPicker customer=id id="follow-up-opportunity"
                        value=Signal::derive(move || form.with(|f| f.opportunity_id))
                        on_change=Callback::new(move |v| form.update(|f| f.opportunity_id = v))/>
                    <RepeatFields id="follow-up" error=error_for(errors, Field::RepeatEvery)
                        bind=bind(form, |f| &f.repeat, |f, v| f.repeat = v)/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="save-follow-up">{move || i18n.t(K::Save)}</button>
                </div>
            </form>
        </section>
    }
}
