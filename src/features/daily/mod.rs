//! A rep's daily work: follow-ups, the visit plan, the daily report and customer care.

pub mod care;
pub mod daily_report;
pub mod follow_up_actions;
pub mod follow_ups;
pub mod owner_filter;
pub mod repeat;
pub mod visit_plan;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::path;

/// Follow-ups, visit plan, daily report and care.
#[component(transparent)]
pub fn DailyRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    // One group (a route group is one nested route), no shared path or layout.
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/follow-ups") view=follow_ups::FollowUpsPage/>
            <Route path=path!("/visits") view=visit_plan::VisitPlanPage/>
            <Route path=path!("/report") view=daily_report::DailyReportPage/>
            <Route path=path!("/care") view=care::CarePage/>
        </ParentRoute>
    }
    .into_inner()
}
