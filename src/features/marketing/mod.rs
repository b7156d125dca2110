//! Marketing: campaigns with their costs, members, lead lists and results.

pub mod campaign;
pub mod campaign_form;
pub mod campaigns;
pub mod costs;
pub mod leads;
pub mod members;
pub mod results;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::path;

#[component(transparent)]
pub fn MarketingRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/campaigns") view=campaigns::CampaignListPage/>
            <Route path=path!("/campaigns/new") view=campaign_form::CampaignFormPage/>
            <Route path=path!("/campaigns/:id") view=campaign::CampaignPage/>
            <Route path=path!("/campaigns/:id/edit") view=campaign_form::CampaignFormPage/>
        </ParentRoute>
    }
    .into_inner()
}
