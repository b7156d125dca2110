//! Customers: the list with its filters, saved segments, export and bulk actions, the form,
//! and the detail page (contacts, timeline, interactions, follow-ups, deals, opt-outs).

pub mod bulk_bar;
pub mod detail;
pub mod export;
pub mod filters;
pub mod form;
pub mod lifecycle;
pub mod list;
pub mod opt_out;
pub mod segments;
pub mod yearless;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::path;

/// The customer list, the form (new and edit) and the detail page.
#[component(transparent)]
pub fn CustomerRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/customers") view=Outlet>
            <Route path=path!("") view=list::CustomersPage/>
            <Route path=path!("/new") view=form::CustomerFormPage/>
            <Route path=path!("/:id") view=detail::CustomerDetailPage/>
            <Route path=path!("/:id/edit") view=form::CustomerFormPage/>
        </ParentRoute>
    }
    .into_inner()
}
