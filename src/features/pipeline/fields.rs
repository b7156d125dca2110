//! The fields of the opportunity form. The probability follows the stage unless a number is
//! typed, which overrides it (and is marked so); a won or lost stage asks for reason and date.

use guanxi_core::customers::query::fold;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::pipeline::forms::OpportunityForm;
use guanxi_core::pipeline::opportunity::{find_stage, first_open_stage, pipeline_stages};
use guanxi_core::{Id, StageOutcome};
use leptos::prelude::*;

use crate::features::pipeline::shared::stage_name;
use crate::i18n::K;
use crate::ui::form::{bind, error_for, FormField, TextAreaField, TextField};
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn OpportunityFields(
    form: RwSignal<OpportunityForm>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    // Live campaigns, latest first, and the one the deal names even if it is in the trash.
    let campaigns = Memo::new(move |_| {
        let named = form.with(|f| f.campaign_id);
        let mut list: Vec<_> = data.campaigns.with(|all| {
            all.iter()
                .filter(|c| c.deleted_at.is_none() || Some(c.id) == named)
                .map(|c| (c.starts, c.id, c.name.clone()))
                .collect()
        });
        list.sort_by_key(|c| std::cmp::Reverse(c.0));
        list.into_iter()
            .map(|(_, id, name)| (id, name))
            .collect::<Vec<_>>()
    });
    let customers = Memo::new(move |_| {
        let chosen = form.with(|f| f.customer_id);
        data.live_customers(|all| {
            let mut list: Vec<(Id, String)> = all
                .filter(|c| !c.archived || Some(c.id) == chosen)
                .map(|c| (c.id, c.name.clone()))
                .collect();
            list.sort_by_key(|(_, n)| fold(n));
            list
        })
    });
    // The chosen stage, or the first open one while the choice is unknown.
    let stage = Memo::new(move |_| {
        let id = form.with(|f| f.stage.clone());
        data.settings.with(|s| {
            find_stage(s, &id)
                .cloned()
                .unwrap_or_else(|| first_open_stage(s).clone())
        })
    });
    let closing = Memo::new(move |_| stage.with(|s| s.outcome.is_closed()));
    let default_p = Memo::new(move |_| stage.with(|s| s.default_probability()));
    let overridden = Memo::new(move |_| {
        let typed = form.with(|f| f.probability.trim().parse::<u8>().ok());
        !closing.get() && typed.is_some_and(|p| p != default_p.get())
    });
    let (probability, set_probability) = bind(form, |f| &f.probability, |f, v| f.probability = v);
    let customer_error = error_for(errors, Field::Customer);
    let title_error = error_for(errors, Field::OpportunityTitle);
    let amount_error = error_for(errors, Field::Amount);

    view! {
        <div class="form-grid">
            <FormField label=K::FieldCustomer id="customer" error=customer_error required=true>
                <select id="customer" class="input" data-testid="opp-customer"
                    aria-invalid=move || customer_error.get().is_some().to_string()
                    on:change=move |ev| form.update(|f| f.customer_id = event_target_value(&ev).parse().ok())>
                    <option value="" selected=move || form.with(|f| f.customer_id.is_none())>{move || i18n.t(K::PickCustomer)}</option>
                    {move || customers.get().into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=move || form.with(|f| f.customer_id == Some(id))>{name}</option>
                    }).collect_view()}
                </select>
            </FormField>
            <TextField label=K::FieldOpportunityTitle id="opp-title" error=title_error required=true flag_invalid=true
                bind=bind(form, |f| &f.title, |f, v| f.title = v)/>
            <div class="amount-row">
                <TextField label=K::FieldAmount id="amount" error=amount_error required=true flag_invalid=true
                    bind=bind(form, |f| &f.amount, |f, v| f.amount = v)/>
                <TextField label=K::FieldCurrency id="currency" error=error_for(errors, Field::Currency)
                    bind=bind(form, |f| &f.currency, |f, v| f.currency = v)/>
            </div>
            <FormField label=K::FieldStage id="stage" error=error_for(errors, Field::Stage)>
                <select id="stage" class="input" data-testid="opp-stage"
                    on:change=move |ev| form.update(|f| f.stage = event_target_value(&ev))>
                    {move || data.settings.with(|s| pipeline_stages(s).iter().map(|st| {
                        let (id, name) = (st.id.clone(), stage_name(st, i18n));
                        let v = id.clone();
                        view! { <option value=id selected=move || stage.with(|s| s.id == v)>{name}</option> }
                    }).collect_view())}
                </select>
            </FormField>
            <div class="field" class:has-error=move || error_for(errors, Field::Probability).get().is_some()>
                <label for="probability">
                    {move || i18n.t(K::FieldProbability)}
                    {move || overridden.get().then(|| view! {
                        <span class="badge prob overridden" data-testid="form-overridden">{i18n.t(K::ProbabilityOverridden)}</span>
                    })}
                </label>
                <div class="inline-input">
                    <input id="probability" class="input" type="number" min="0" max="100" inputmode="numeric"
                        data-testid="opp-probability"
                        disabled=move || closing.get()
                        placeholder=move || default_p.get().to_string()
                        prop:value=move || if closing.get() { String::new() } else { probability.get() }
                        on:input=move |ev| set_probability.run(event_target_value(&ev))/>
                    {move || overridden.get().then(|| view! {
                        <button type="button" class="btn btn-ghost btn-sm" data-testid="reset-probability"
                            on:click=move |_| form.update(|f| f.probability.clear())>{i18n.t(K::UseStageDefault)}</button>
                    })}
                </div>
                <p class="hint">{move || i18n.fmt(K::ProbabilityDefaultHint, &[("p", &default_p.get().to_string())])}</p>
                {move || error_for(errors, Field::Probability).get().map(|m| view! { <p class="error">{m}</p> })}
            </div>
            <TextField label=K::FieldExpectedClose id="expected-close" kind="date" error=error_for(errors, Field::ExpectedClose)
                bind=bind(form, |f| &f.expected_close, |f, v| f.expected_close = v)/>
            <TextField label=K::FieldOwner id="opp-owner" error=error_for(errors, Field::Owner) list="opp-owner-options"
                bind=bind(form, |f| &f.owner, |f, v| f.owner = v)>
                <datalist id="opp-owner-options">
                    {move || data.settings.with(|s| s.owners.iter().map(|o| view! { <option value=o.clone()></option> }).collect_view())}
                </datalist>
            </TextField>
            <TextField label=K::FieldSource id="opp-source" error=error_for(errors, Field::Source)
                bind=bind(form, |f| &f.source, |f, v| f.source = v)/>
            <FormField label=K::CampaignField id="opp-campaign">
                <select id="opp-campaign" class="input" data-testid="opp-campaign" on:change=move |ev| {
                    let chosen = event_target_value(&ev).parse::<Id>().ok().and_then(|id| data.live_campaign(id));
                    form.update(|f| {
                        // The source says where the deal came from; a campaign chosen names it.
                        if let Some(c) = &chosen {
                            if f.source.trim().is_empty() {
                                f.source = c.name.clone();
                            }
                        }
                        f.campaign_id = chosen.map(|c| c.id);
                    });
                }>
                    <option value="" selected=move || form.with(|f| f.campaign_id.is_none())>{move || i18n.t(K::CampaignFieldNone)}</option>
                    {move || campaigns.get().into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=move || form.with(|f| f.campaign_id == Some(id))>{name}</option>
                    }).collect_view()}
                </select>
            </FormField>
            <TextField label=K::FieldCompetitors id="competitors" hint=K::FieldTagsHint error=error_for(errors, Field::Competitors)
                bind=bind(form, |f| &f.competitors, |f, v| f.competitors = v)/>
            <TextField label=K::FieldNextStep id="next-step" error=error_for(errors, Field::NextStep)
                bind=bind(form, |f| &f.next_step, |f, v| f.next_step = v)/>
        </div>
        {move || closing.get().then(|| {
            let won = stage.with(|s| s.outcome == StageOutcome::Won);
            let reasons = data.settings.with_untracked(|s| if won { s.close_reasons_won.clone() } else { s.close_reasons_lost.clone() });
            view! {
                <div class="form-grid closing-fields">
                    <TextField label=K::FieldCloseReason id="close-reason-field" error=error_for(errors, Field::CloseReason) required=true
                        list="close-reason-options" bind=bind(form, |f| &f.close_reason, |f, v| f.close_reason = v)>
                        <datalist id="close-reason-options">
                            {reasons.into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
                        </datalist>
                    </TextField>
                    <TextField label=K::FieldClosedOn id="closed-on" kind="date" error=error_for(errors, Field::ClosedOn)
                        bind=bind(form, |f| &f.closed_on, |f, v| f.closed_on = v)/>
                </div>
            }
        })}
        <TextAreaField label=K::FieldNotes id="opp-notes" rows=3 error=error_for(errors, Field::Notes)
            bind=bind(form, |f| &f.notes, |f, v| f.notes = v)/>
    }
}
