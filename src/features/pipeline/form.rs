//! Create or edit an opportunity (`/opportunities/new?customer=<id>`, `/opportunities/<id>`).
//! Winning through the form asks about the customer's stage just as the board does.

use guanxi_core::model::form::RecordForm;
use guanxi_core::model::validate::FieldError;
use guanxi_core::pipeline::forms::OpportunityForm;
use guanxi_core::{Id, Opportunity};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::features::pipeline::fields::OpportunityFields;
use crate::features::pipeline::moves::dialogs::MoveDialogs;
use crate::features::pipeline::moves::provide_mover;
use crate::features::system::not_found::NotFoundPage;
use crate::i18n::K;
use crate::platform::clock;
use crate::state::DbStatus;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::query_param;

#[component]
pub fn OpportunityFormPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let params = use_params_map();
    let customer = query_param("customer");
    let campaign = query_param("campaign");
    let editing = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    // Looked up once and kept, like the customer form: a re-read must neither wipe the typing
    // nor move the edit's base revision (so a conflicting save is caught).
    let existing = Memo::new(move |prev: Option<&Option<Opportunity>>| {
        let id = editing.get();
        if let Some(Some(kept)) = prev.filter(|p| p.as_ref().map(|o| o.id) == id) {
            return Some(kept.clone());
        }
        id.and_then(|id| data.live_opportunity(id))
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
                    Some(o) => OpportunityForm::from_record(o),
                    None => {
                        let mut form = data
                            .settings
                            .with_untracked(|s| OpportunityForm::new(s, preset));
                        // From a campaign member's row: the deal names its campaign.
                        if let Some(c) = campaign
                            .get_untracked()
                            .parse::<Id>()
                            .ok()
                            .and_then(|id| data.live_campaign(id))
                        {
                            form.campaign_id = Some(c.id);
                            form.source = c.name;
                        }
                        form
                    }
                };
                view! { <OpportunityEditor initial=form existing=existing from_customer=preset/> }
                    .into_any()
            }
        }
    }
}

#[component]
fn OpportunityEditor(
    initial: OpportunityForm,
    existing: Option<Opportunity>,
    from_customer: Option<Id>,
) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let mover = provide_mover();
    let form = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let is_new = existing.is_none();
    let existing = StoredValue::new(existing);
    // Back where the user came from: the customer's page, or the board.
    let back = match from_customer {
        Some(c) if is_new => format!("/customers/{c}"),
        _ => "/opportunities".to_string(),
    };
    let back_after = back.clone();
    // A back link names where it goes: "back to <customer>" when it returns to the customer.
    let back_label = move || match from_customer {
        Some(c) if is_new => i18n.fmt(K::BackToCustomer, &[("name", &data.customer_name(c))]),
        _ => i18n.t(K::BackToOpportunities).to_string(),
    };
    let confirm_delete = RwSignal::new(false);
    let navigate = use_navigate();
    // A deal entered by mistake goes to the trash, where it can be restored until emptied.
    let delete = Callback::new(move |_| {
        let Some(o) = existing.get_value() else {
            return;
        };
        let navigate = navigate.clone();
        let trashed = guanxi_core::model::trash::trash(&o, clock::now());
        saver.save(guanxi_core::store::Batch::new().put(trashed), move || {
            toasts.success(i18n.t(K::MovedToTrash));
            navigate("/opportunities", Default::default());
        });
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if mover.busy.get_untracked() {
            return;
        }
        let current = form.get_untracked();
        let settings = data.settings.get_untracked();
        let (now, today) = (clock::now(), clock::today());
        let result = current.save(
            existing.get_value().as_ref(),
            &settings,
            Id::random(),
            now,
            today,
        );
        match result {
            Ok(saved) => {
                errors.set(Vec::new());
                let previous = existing.get_value();
                mover.finish(
                    previous.as_ref(),
                    saved,
                    i18n.t(K::Saved).to_string(),
                    Some(back_after.clone()),
                    false,
                );
            }
            Err(errs) => {
                errors.set(errs);
                toasts.error(i18n.t(K::FixErrors));
            }
        }
    };
    let customer_link = move || {
        let id = form.with(|f| f.customer_id)?;
        let name = data.customer_name(id);
        (!name.is_empty()).then(|| {
            view! { <A href=format!("/customers/{id}") attr:class="back" attr:data-testid="opp-customer-link">{name}</A> }
        })
    };

    view! {
        <div class="page-head">
            <div>
                <A href=back.clone() attr:class="back" attr:data-testid="back-link">{move || format!("← {}", back_label())}</A>
                <h1>{move || i18n.t(if is_new { K::NewOpportunity } else { K::EditOpportunity })}</h1>
                {move || (!is_new).then(customer_link)}
            </div>
        </div>
        <form class="card form" on:submit=submit novalidate data-testid="opportunity-form">
            <OpportunityFields form=form errors=errors/>
            <div class="form-actions">
                {(!is_new).then(|| view! {
                    <button type="button" class="btn btn-danger-ghost" data-testid="delete-opportunity"
                        on:click=move |_| confirm_delete.set(true)>{move || i18n.t(K::Delete)}</button>
                })}
                <A href=back attr:class="btn btn-ghost">{move || i18n.t(K::Cancel)}</A>
                <button type="submit" class="btn btn-primary" data-testid="save" disabled=move || mover.busy.get()>
                    {move || i18n.t(if mover.busy.get() { K::Saving } else { K::Save })}
                </button>
            </div>
        </form>
        <MoveDialogs/>
        <ConfirmDialog open=confirm_delete title=Signal::derive(move || i18n.t(K::DeleteOpportunityTitle).to_string())
            confirm_label=K::Delete danger=true on_confirm=delete>
            <p>{move || i18n.fmt(K::DeleteCustomerBody, &[("name", &form.with(|f| f.title.clone()))])}</p>
        </ConfirmDialog>
    }
}
