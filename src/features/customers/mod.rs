//! Customers: the list with its filters and bulk actions, the form, and the detail page
//! (contacts, timeline, interactions, follow-ups, deals).

pub mod bulk_bar;
pub mod detail;
pub mod filters;
pub mod form;
pub mod list;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// The customer list, the form (new and edit) and the detail page.
#[component(transparent)]
pub fn CustomerRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/customers") view=list::CustomersPage/>
        <Route path=path!("/customers/new") view=form::CustomerFormPage/>
        <Route path=path!("/customers/:id") view=detail::CustomerDetailPage/>
        <Route path=path!("/customers/:id/edit") view=form::CustomerFormPage/>
    }
    .into_inner()
}
