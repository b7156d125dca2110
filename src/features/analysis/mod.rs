//! Analysis as the course teaches it: value classes (ABC), growth and churn, the sales funnel
//! and the dashboard of key figures, each with its working. The maths is in
//! `guanxi_core::analysis`; these screens gather the records, pick the period and draw.

pub mod abc;
pub mod churn;
pub mod clv;
pub mod dashboard;
pub mod funnel;
pub mod lifetime;
pub mod period;
pub mod pivot;
pub mod service;
pub mod working;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::i18n::K;
use crate::platform::base;
use crate::ui::save::{use_kit, Kit};

/// The analysis screens share a head: title, tabs and the period selector.
#[component(transparent)]
pub fn AnalysisRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/analysis") view=AnalysisLayout>
            <Route path=path!("") view=dashboard::DashboardPage/>
            <Route path=path!("/abc") view=abc::AbcPage/>
            <Route path=path!("/churn") view=churn::ChurnPage/>
            <Route path=path!("/funnel") view=funnel::FunnelPage/>
            <Route path=path!("/lifetime") view=lifetime::LifetimePage/>
            <Route path=path!("/pivot") view=pivot::PivotPage/>
        </ParentRoute>
    }
    .into_inner()
}

const TABS: [(&str, K); 6] = [
    ("/analysis", K::DashboardTitle),
    ("/analysis/abc", K::AbcTitle),
    ("/analysis/churn", K::GrowthTitle),
    ("/analysis/funnel", K::FunnelTitle),
    ("/analysis/lifetime", K::LifetimeTitle),
    ("/analysis/pivot", K::PivotTitle),
];

#[component]
fn AnalysisLayout() -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    let location = use_location();
    // Tabs keep the period (and nothing else) when switching.
    let period = move || {
        location
            .query
            .with(|q| q.get("p"))
            .map(|p| format!("?p={p}"))
            .unwrap_or_default()
    };
    let path = move || location.pathname.with(|p| base::app_path(p).to_string());
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::NavAnalysis)}</h1>
        </div>
        <nav class="analysis-tabs" aria-label=move || i18n.t(K::NavAnalysis)>
            {TABS.iter().map(|(href, label)| {
                let href = *href;
                view! {
                    <a href=move || format!("{}{}", base::href(href), period())
                        aria-current=move || (path() == href).then_some("page")>
                        {move || i18n.t(*label)}
                    </a>
                }
            }).collect_view()}
        </nav>
        <Outlet/>
    }
}
