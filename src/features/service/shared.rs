//! What the service screens share: a case's kind in the UI language, its lateness badge and
//! the row that lists it.

use guanxi_core::service::case::{CaseStatus, ServiceCase};
use guanxi_core::service::timing::{late, Late};
use guanxi_core::Settings;
use leptos::prelude::*;

use crate::i18n::{I18n, Labelled, Lang, K};
use crate::platform::clock;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

/// The kind's name in the UI language; an id the settings no longer list is shown as stored.
pub fn kind_name(settings: &Settings, kind: &str, i18n: I18n) -> String {
    let zh = i18n.lang() == Lang::ZhCn;
    settings
        .case_kinds
        .iter()
        .find(|k| k.id == kind)
        .map(|k| k.name(zh).to_string())
        .unwrap_or_else(|| kind.to_string())
}

/// Whether the case is late now, by the settings' targets.
pub fn late_now(case: &ServiceCase, settings: &Settings) -> Option<Late> {
    late(case, &settings.case_targets, clock::now_local())
}

/// A local time as lists show it.
pub fn when(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// The status as a pill, coloured by how open it is.
#[component]
pub fn StatusPill(status: CaseStatus) -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    let class = if status.is_open() {
        "badge case-open"
    } else {
        "badge"
    };
    view! { <span class=class data-testid="case-status">{move || i18n.t(status.key())}</span> }
}

/// "Response late" or "Resolution late", or nothing for a case on time.
#[component]
pub fn LateBadge(late: Option<Late>) -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    late.map(|l| {
        let key = match l {
            Late::Response => K::CaseLateResponse,
            Late::Resolution => K::CaseLateResolution,
        };
        view! { <span class="badge stale-badge" data-testid="case-late">{move || i18n.t(key)}</span> }
    })
}

/// One case in a list: subject (a link), customer, kind, priority, status, opening, owner.
#[component]
pub fn CaseRow(case: ServiceCase, #[prop(optional)] show_customer: bool) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let (kind, lateness) = data
        .settings
        .with_untracked(|s| (kind_name(s, &case.kind, i18n), late_now(&case, s)));
    let customer = show_customer.then(|| {
        let id = case.customer_id;
        view! { <A href=format!("/customers/{id}") attr:class="muted">{data.customer_name(id)}</A> }
    });
    let priority = case.priority;
    view! {
        <li class="case-row" class:late=lateness.is_some() data-testid="case-row">
            <div class="case-main">
                <A href=format!("/cases/{}", case.id) attr:data-testid="case-link">{case.subject.clone()}</A>
                {customer}
            </div>
            <div class="case-meta">
                <span class="badge">{kind}</span>
                <span class="muted">{move || i18n.t(priority.key())}</span>
                <StatusPill status=case.status/>
                <LateBadge late=lateness/>
                <span class="muted when">{when(case.opened_at)}</span>
                {(!case.owner.is_empty()).then(|| view! { <span class="muted">{case.owner.clone()}</span> })}
            </div>
        </li>
    }
}
