//! Create or edit a campaign (`/campaigns/new`, `/campaigns/<id>/edit`): name, kind, dates,
//! budget, target segment, owner and notes. Costs and members are edited on its page.

use guanxi_core::analysis::scope::default_currency;
use guanxi_core::marketing::campaign::{save_campaign, CampaignForm, CampaignKind};
use guanxi_core::marketing::Campaign;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::store::Batch;
use guanxi_core::Id;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::features::system::not_found::NotFoundPage;
use crate::i18n::K;
use crate::platform::clock;
use crate::state::DbStatus;
use crate::ui::form::{bind, error_for, EnumField, FormField, TextAreaField, TextField};
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn CampaignFormPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let params = use_params_map();
    let editing = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    // Read once per id: a change elsewhere must not wipe what is being typed.
    let existing = Memo::new(move |_| {
        editing
            .get()
            .and_then(|id| untrack(|| data.live_campaign(id)))
    });
    move || {
        if data.status.get() == DbStatus::Opening {
            return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
        }
        match (editing.get(), existing.get()) {
            (Some(_), None) => view! { <NotFoundPage/> }.into_any(),
            (_, existing) => {
                let currency = data.settings.with_untracked(default_currency);
                let form = existing
                    .as_ref()
                    .map(|c| CampaignForm::from_record(c, &currency))
                    .unwrap_or_default();
                view! { <CampaignEditor initial=form existing=existing/> }.into_any()
            }
        }
    }
}

#[component]
fn CampaignEditor(initial: CampaignForm, existing: Option<Campaign>) -> impl IntoView {
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
        Some(c) => format!("/campaigns/{}", c.id),
        None => "/campaigns".to_string(),
    };
    let existing = StoredValue::new(existing);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saver.busy() {
            return;
        }
        let currency = data.settings.with_untracked(default_currency);
        let result = form.with_untracked(|f| {
            save_campaign(
                f,
                existing.get_value().as_ref(),
                &currency,
                Id::random(),
                clock::now(),
            )
        });
        match result {
            Ok(c) => {
                errors.set(Vec::new());
                let to = format!("/campaigns/{}", c.id);
                let navigate = navigate.clone();
                saver.save(Batch::new().put(c), move || {
                    toasts.success(i18n.t(K::CampaignSaved));
                    navigate(&to, Default::default());
                });
            }
            Err(errs) => {
                errors.set(errs);
                toasts.error(i18n.t(K::FixErrors));
            }
        }
    };
    view! {
        <div class="page-head">
            <div>
                <A href=back.clone() attr:class="back" attr:data-testid="back-link">{move || format!("← {}", i18n.t(K::BackToCampaigns))}</A>
                <h1>{move || i18n.t(if is_new { K::CampaignNew } else { K::CampaignEdit })}</h1>
            </div>
        </div>
        <form class="card form" on:submit=submit novalidate data-testid="campaign-form">
            <div class="form-grid">
                <TextField label=K::CampaignName id="campaign-name" error=error_for(errors, Field::CampaignName) required=true flag_invalid=true
                    bind=bind(form, |f| &f.name, |f, v| f.name = v)/>
                <EnumField label=K::CampaignKindLabel id="campaign-kind" options=&CampaignKind::ALL
                    bind=bind(form, |f| &f.kind, |f, v| f.kind = v)/>
                <TextField label=K::CampaignStarts id="campaign-starts" kind="date" error=error_for(errors, Field::StartsOn) flag_invalid=true
                    bind=bind(form, |f| &f.starts, |f, v| f.starts = v)/>
                <TextField label=K::CampaignEnds id="campaign-ends" kind="date" error=error_for(errors, Field::EndsOn) flag_invalid=true
                    bind=bind(form, |f| &f.ends, |f, v| f.ends = v)/>
                <TextField label=K::CampaignBudget id="campaign-budget" error=error_for(errors, Field::Budget) flag_invalid=true
                    bind=bind(form, |f| &f.budget, |f, v| f.budget = v)/>
                <FormField label=K::CampaignSegment id="campaign-segment">
                    <select id="campaign-segment" class="input" data-testid="campaign-segment"
                        on:change=move |ev| form.update(|f| f.segment = event_target_value(&ev).parse().ok())>
                        <option value="" selected=move || form.with(|f| f.segment.is_none())>{move || i18n.t(K::CampaignNoSegment)}</option>
                        {move || data.settings.with(|s| s.segments.iter().map(|seg| {
                            let id = seg.id;
                            view! { <option value=id.to_string() selected=move || form.with(|f| f.segment == Some(id))>{seg.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </FormField>
                <TextField label=K::FieldOwner id="campaign-owner" error=error_for(errors, Field::Owner) list="campaign-owner-options"
                    bind=bind(form, |f| &f.owner, |f, v| f.owner = v)>
                    <datalist id="campaign-owner-options">
                        {move || data.settings.with(|s| s.owners.iter().map(|o| view! { <option value=o.clone()></option> }).collect_view())}
                    </datalist>
                </TextField>
            </div>
            <TextAreaField label=K::FieldNotes id="campaign-notes" rows=3 error=error_for(errors, Field::Notes)
                bind=bind(form, |f| &f.notes, |f, v| f.notes = v)/>
            <div class="form-actions">
                <A href=back attr:class="btn btn-ghost">{move || i18n.t(K::Cancel)}</A>
                <button type="submit" class="btn btn-primary" data-testid="save" disabled=move || saver.pending()>
                    {move || i18n.t(if saver.pending() { K::Saving } else { K::Save })}
                </button>
            </div>
        </form>
    }
}
