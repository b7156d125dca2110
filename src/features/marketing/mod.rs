//! Marketing: campaigns with their costs, members, lead lists and results, and holiday
//! greetings (a holiday's greeting list of the customers in chosen segments, opt-outs left
//! out, exported or planned as follow-ups).

pub mod campaign;
pub mod campaign_form;
pub mod campaigns;
pub mod costs;
pub mod greeting_list;
pub mod greetings;
pub mod leads;
pub mod members;
pub mod results;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::path;

/// Which marketing screen is shown, for the switch between them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MarketingView {
    Campaigns,
    Greetings,
}

/// The switch between campaigns and holiday greetings, in both screens' heads.
#[component]
pub fn MarketingTabs(current: MarketingView) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let tab = move |target: MarketingView,
                    href: &'static str,
                    label: crate::i18n::K,
                    testid: &'static str| {
        view! {
            <a href=crate::platform::base::href(href) class=if current == target { "tab active" } else { "tab" } data-testid=testid
                aria-current=(current == target).then_some("page")>{move || i18n.t(label)}</a>
        }
    };
    view! {
        <nav class="tabs" aria-label=move || i18n.t(crate::i18n::K::NavMarketing)>
            {tab(MarketingView::Campaigns, "/campaigns", crate::i18n::K::CampaignsTitle, "tab-campaigns")}
            {tab(MarketingView::Greetings, "/greetings", crate::i18n::K::GreetingsTitle, "tab-greetings")}
        </nav>
    }
}

#[component(transparent)]
pub fn MarketingRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/campaigns") view=campaigns::CampaignListPage/>
            <Route path=path!("/campaigns/new") view=campaign_form::CampaignFormPage/>
            <Route path=path!("/campaigns/:id") view=campaign::CampaignPage/>
            <Route path=path!("/campaigns/:id/edit") view=campaign_form::CampaignFormPage/>
            <Route path=path!("/greetings") view=greetings::GreetingsPage/>
        </ParentRoute>
    }
    .into_inner()
}
