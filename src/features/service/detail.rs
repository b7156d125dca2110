//! One case (`/cases/<id>`): what was reported, its times against the targets, the moves
//! that are possible now, and its history.

use guanxi_core::service::case::ServiceCase;
use guanxi_core::service::timing::{
    minutes_to_resolution, minutes_to_response, resolve_due, response_due,
};
use guanxi_core::store::Batch;
use guanxi_core::Id;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::features::service::cite::CiteArticle;
use crate::features::service::moves::CaseMoves;
use crate::features::service::shared::{kind_name, late_now, when, LateBadge, StatusPill};
use crate::features::system::not_found::NotFoundPage;
use crate::i18n::{Labelled, K};
use crate::platform::clock;
use crate::state::DbStatus;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

/// Minutes as hours with one decimal ("2.5").
fn hours(minutes: u64) -> String {
    format!("{}.{}", minutes / 60, (minutes % 60) * 10 / 60)
}

#[component]
pub fn CasePage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    let case = Memo::new(move |_| id.get().and_then(|id| data.live_case(id)));
    move || {
        if data.status.get() == DbStatus::Opening {
            return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
        }
        match case.get() {
            None => view! { <NotFoundPage/> }.into_any(),
            Some(c) => view! { <CaseView case=c live=case/> }.into_any(),
        }
    }
}

#[component]
fn CaseView(case: ServiceCase, live: Memo<Option<ServiceCase>>) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let settings = data.settings.get_untracked();
    let kind = kind_name(&settings, &case.kind, i18n);
    let lateness = late_now(&case, &settings);
    let targets = &settings.case_targets;
    let (respond_by, resolve_by) = (response_due(&case, targets), resolve_due(&case, targets));
    let contact = case
        .contact_id
        .and_then(|p| {
            data.contacts_of(case.customer_id)
                .into_iter()
                .find(|c| c.id == p)
        })
        .map(|p| p.name);
    let confirm_delete = RwSignal::new(false);
    let navigate = use_navigate();
    let stored = StoredValue::new(case.clone());
    let delete = Callback::new(move |()| {
        let trashed = guanxi_core::model::trash::trash(&stored.get_value(), clock::now());
        let navigate = navigate.clone();
        saver.save(Batch::new().put(trashed), move || {
            toasts.success(i18n.t(K::MovedToTrash));
            navigate("/cases", Default::default());
        });
    });
    let fact = |label: K, value: String| view! { <div><dt>{move || i18n.t(label)}</dt><dd>{value}</dd></div> };
    let elapsed = |m: Option<u64>| m.map(|m| i18n.fmt(K::CaseElapsed, &[("hours", &hours(m))]));
    let response = match (case.first_response_at, respond_by) {
        (Some(at), _) => format!(
            "{} ({})",
            when(at),
            elapsed(minutes_to_response(&case)).unwrap_or_default()
        ),
        (None, Some(by)) => i18n.fmt(K::CaseRespondBy, &[("at", &when(by))]),
        (None, None) => i18n.t(K::CaseNoTarget).to_string(),
    };
    let resolved = match (case.resolved_at, resolve_by) {
        (Some(at), _) => format!(
            "{} ({})",
            when(at),
            elapsed(minutes_to_resolution(&case)).unwrap_or_default()
        ),
        (None, Some(by)) => i18n.fmt(K::CaseResolveBy, &[("at", &when(by))]),
        (None, None) => i18n.t(K::CaseNoTarget).to_string(),
    };
    let subject = case.subject.clone();
    view! {
        <div class="page-head">
            <div>
                <A href="/cases" attr:class="back" attr:data-testid="back-link">{move || format!("← {}", i18n.t(K::BackToCases))}</A>
                <h1 data-testid="case-subject">{case.subject.clone()}</h1>
                <div class="badges">
                    <StatusPill status=case.status/>
                    <LateBadge late=lateness/>
                    <span class="badge">{kind}</span>
                    <span class="badge">{move || i18n.t(case.priority.key())}</span>
                    {(case.reopened > 0).then(|| view! {
                        <span class="badge" data-testid="case-reopened">{i18n.fmt(K::CaseReopenedTimes, &[("n", &case.reopened.to_string())])}</span>
                    })}
                </div>
            </div>
            <div class="actions">
                <A href=format!("/cases/{}/edit", case.id) attr:class="btn" attr:data-testid="edit-case">{move || i18n.t(K::Edit)}</A>
                <button type="button" class="btn btn-danger-ghost" data-testid="delete-case"
                    on:click=move |_| confirm_delete.set(true)>{move || i18n.t(K::Delete)}</button>
            </div>
        </div>
        <section class="card">
            <CaseMoves case=live/>
        </section>
        <CiteArticle case=live/>
        <section class="card">
            <dl class="case-facts">
                <div>
                    <dt>{move || i18n.t(K::FieldCustomer)}</dt>
                    <dd><A href=format!("/customers/{}", case.customer_id) attr:data-testid="case-customer">{data.customer_name(case.customer_id)}</A></dd>
                </div>
                {contact.map(|name| fact(K::FieldContact, name))}
                {fact(K::CaseChannelLabel, i18n.t(case.channel.key()).to_string())}
                {fact(K::CaseOpenedAt, when(case.opened_at))}
                {fact(K::CaseFirstResponse, response)}
                {fact(K::CaseResolvedAt, resolved)}
                {case.closed_at.map(|at| fact(K::CaseClosedAt, when(at)))}
                {case.satisfaction.map(|n| fact(K::CaseSatisfaction, i18n.fmt(K::CaseStars, &[("n", &n.to_string())])))}
                {(!case.owner.is_empty()).then(|| fact(K::FieldOwner, case.owner.clone()))}
            </dl>
            {(!case.description.is_empty()).then(|| view! {
                <h2>{move || i18n.t(K::CaseDescription)}</h2>
                <p class="notes">{case.description.clone()}</p>
            })}
            {(!case.resolution.is_empty()).then(|| view! {
                <h2>{move || i18n.t(K::CaseResolution)}</h2>
                <p class="notes" data-testid="case-resolution">{case.resolution.clone()}</p>
            })}
        </section>
        <section class="card">
            <h2>{move || i18n.t(K::CaseHistory)}</h2>
            <ol class="list case-steps" data-testid="case-history">
                {case.history.iter().rev().cloned().map(|ev| {
                    let (status, reopened) = (ev.status, ev.reopened);
                    view! {
                        <li>
                            <span class="when">{when(ev.at)}</span>
                            <span class="badge">{move || i18n.t(if reopened { K::CaseReopenedEvent } else { status.key() })}</span>
                            <span>{ev.note}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        <ConfirmDialog open=confirm_delete title=Signal::derive(move || i18n.t(K::CaseDeleteTitle).to_string())
            confirm_label=K::Delete danger=true on_confirm=delete>
            <p>{i18n.fmt(K::CaseDeleteBody, &[("subject", &subject)])}</p>
        </ConfirmDialog>
    }
}
