//! Customer service: the case list, a case's page with its moves, the case form, quick logging
//! from anywhere, the case sections of the customer page and the day's work, and the
//! knowledge base the desk searches while handling a case.

pub mod cite;
pub mod detail;
pub mod form;
pub mod knowledge;
pub mod list;
pub mod moves;
pub mod quick;
pub mod sections;
pub mod shared;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::path;

#[component(transparent)]
pub fn ServiceRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/cases") view=list::CaseListPage/>
            <Route path=path!("/cases/new") view=form::CaseFormPage/>
            <Route path=path!("/cases/:id") view=detail::CasePage/>
            <Route path=path!("/cases/:id/edit") view=form::CaseFormPage/>
            <Route path=path!("/knowledge") view=knowledge::KnowledgePage/>
            <Route path=path!("/knowledge/new") view=knowledge::ArticlePage/>
            <Route path=path!("/knowledge/:id") view=knowledge::ArticlePage/>
        </ParentRoute>
    }
    .into_inner()
}
