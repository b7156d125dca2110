//! A campaign's page (`/campaigns/<id>`): what it is, its results with their working, its
//! costs, its members and their answers, and the lead-list import.

use chrono::NaiveDate;
use guanxi_core::analysis::scope::default_currency;
use guanxi_core::marketing::roi::{campaign_figures, CampaignFigures, Roi};
use guanxi_core::marketing::Campaign;
use guanxi_core::model::money::format_money;
use guanxi_core::store::Batch;
use guanxi_core::Id;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::features::marketing::costs::CostsCard;
use crate::features::marketing::leads::LeadImport;
use crate::features::marketing::members::MembersCard;
use crate::features::marketing::results::ResultsCard;
use crate::features::system::not_found::NotFoundPage;
use crate::i18n::{Labelled, K};
use crate::platform::clock;
use crate::state::DbStatus;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

/// Planned, running or ended on `today`, by its dates (no dates: running).
pub fn status_key(c: &Campaign, today: NaiveDate) -> K {
    match (c.starts, c.ends) {
        (Some(s), _) if today < s => K::CampaignPlanned,
        (_, Some(e)) if today > e => K::CampaignEnded,
        _ => K::CampaignRunning,
    }
}

/// ROI as a signed percent with one decimal ("−12.5%"), or "—".
pub fn roi_text(roi: Option<Roi>) -> String {
    roi.map_or_else(
        || "—".into(),
        |r| {
            let t = r.percent_tenths();
            let sign = if t < 0 { "−" } else { "" };
            format!("{sign}{}.{}%", t.abs() / 10, t.abs() % 10)
        },
    )
}

/// The campaign as stored now, for an edit to start from (untracked).
pub fn latest(data: crate::state::Data, id: Id) -> Option<Campaign> {
    untrack(|| data.live_campaign(id))
}

#[component]
pub fn CampaignPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    let campaign = Memo::new(move |_| id.get().and_then(|id| data.live_campaign(id)));
    move || {
        if data.status.get() == DbStatus::Opening {
            return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
        }
        match campaign.with(|c| c.as_ref().map(|c| c.id)) {
            None => view! { <NotFoundPage/> }.into_any(),
            Some(id) => view! { <CampaignView id=id campaign=campaign/> }.into_any(),
        }
    }
}

#[component]
fn CampaignView(id: Id, campaign: Memo<Option<Campaign>>) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let figures: Memo<Option<CampaignFigures>> = Memo::new(move |_| {
        let settings = data.settings.get();
        campaign.with(|c| {
            c.as_ref().map(|c| {
                data.customers.with(|customers| {
                    data.opportunities
                        .with(|deals| campaign_figures(c, customers, deals, &settings))
                })
            })
        })
    });
    let field = move |f: fn(&Campaign) -> String| {
        move || campaign.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    let confirm_delete = RwSignal::new(false);
    let navigate = use_navigate();
    let delete = Callback::new(move |()| {
        let Some(c) = latest(data, id) else { return };
        let trashed = guanxi_core::model::trash::trash(&c, clock::now());
        let navigate = navigate.clone();
        saver.save(Batch::new().put(trashed), move || {
            toasts.success(i18n.t(K::CampaignDeleted));
            navigate("/campaigns", Default::default());
        });
    });
    let today = clock::today();
    let facts = move || {
        campaign.with(|c| {
            let c = c.as_ref()?;
            let currency = data.settings.with(default_currency);
            let segment = c.segment.and_then(|s| {
                data.settings
                    .with(|st| st.segments.iter().find(|g| g.id == s).map(|g| g.name.clone()))
            });
            let dates = match (c.starts, c.ends) {
                (None, None) => String::new(),
                (s, e) => i18n.fmt(
                    K::CampaignDates,
                    &[
                        ("from", &s.map(|d| d.to_string()).unwrap_or_default()),
                        ("to", &e.map(|d| d.to_string()).unwrap_or_default()),
                    ],
                ),
            };
            let fact = |label: K, value: String| {
                (!value.is_empty()).then(|| view! { <div><dt>{i18n.t(label)}</dt><dd>{value}</dd></div> })
            };
            Some(view! {
                <dl class="case-facts" data-testid="campaign-facts">
                    {fact(K::CampaignDatesLabel, dates)}
                    {fact(K::CampaignBudget, if c.budget > 0 { format_money(c.budget, &currency) } else { String::new() })}
                    {fact(K::CampaignSegment, segment.unwrap_or_default())}
                    {fact(K::FieldOwner, c.owner.clone())}
                    {fact(K::FieldNotes, c.notes.clone())}
                </dl>
            })
        })
    };
    view! {
        <div class="page-head">
            <div>
                <A href="/campaigns" attr:class="back" attr:data-testid="back-link">{move || format!("← {}", i18n.t(K::BackToCampaigns))}</A>
                <h1 data-testid="campaign-name">{field(|c| c.name.clone())}</h1>
                <div class="badges">
                    <span class="badge">{move || campaign.with(|c| c.as_ref().map(|c| i18n.t(c.kind.key())))}</span>
                    <span class="badge">{move || campaign.with(|c| c.as_ref().map(|c| i18n.t(status_key(c, today))))}</span>
                </div>
            </div>
            <div class="actions">
                <A href=format!("/campaigns/{id}/edit") attr:class="btn" attr:data-testid="edit-campaign">{move || i18n.t(K::Edit)}</A>
                <button type="button" class="btn btn-danger-ghost" data-testid="delete-campaign"
                    on:click=move |_| confirm_delete.set(true)>{move || i18n.t(K::Delete)}</button>
            </div>
        </div>
        <section class="card">{facts}</section>
        <ResultsCard figures=figures/>
        <CostsCard id=id campaign=campaign/>
        <MembersCard id=id campaign=campaign figures=figures/>
        <LeadImport id=id campaign=campaign/>
        <ConfirmDialog open=confirm_delete title=Signal::derive(move || i18n.fmt(K::DeleteCampaignTitle, &[("name", &campaign.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default()))]))
            confirm_label=K::Delete danger=true on_confirm=delete>
            <p>{move || i18n.t(K::DeleteCampaignBody)}</p>
        </ConfirmDialog>
    }
}
