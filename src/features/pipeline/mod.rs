//! Sales opportunities: the board, the list and the forecast (one header, one filter in the
//! URL), the form and the stage moves.

pub mod board;
pub mod fields;
pub mod filters;
pub mod forecast;
pub mod form;
pub mod list;
pub mod moves;
pub mod row;
pub mod shared;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::platform::base;

use board::OpportunitiesPage;
use filters::{OppHead, OppView};
use forecast::ForecastPage;
use form::OpportunityFormPage;
use list::OpportunityListPage;

/// The pipeline's routes: board, list and forecast share their head (title, view switch, new)
/// in one layout, so switching views keeps it; the form stands alone.
#[component(transparent)]
pub fn PipelineRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <ParentRoute path=path!("") view=PipelineLayout>
                <Route path=path!("/opportunities") view=OpportunitiesPage/>
                <Route path=path!("/opportunities/list") view=OpportunityListPage/>
                <Route path=path!("/forecast") view=ForecastPage/>
            </ParentRoute>
            <Route path=path!("/opportunities/new") view=OpportunityFormPage/>
            <Route path=path!("/opportunities/:id") view=OpportunityFormPage/>
            <Route path=path!("/opportunities/:id/edit") view=OpportunityFormPage/>
        </ParentRoute>
    }
    .into_inner()
}

#[component]
fn PipelineLayout() -> impl IntoView {
    let location = use_location();
    let current = Memo::new(move |_| {
        location
            .pathname
            .with(|p| OppView::of_path(base::app_path(p)))
    });
    view! {
        {move || view! { <OppHead view=current.get()/> }}
        <Outlet/>
    }
}
