//! Marketing: holiday greetings (`/greetings`) — a holiday's greeting list of the customers and
//! contacts in chosen segments, opt-outs left out, exported or planned as follow-ups.

pub mod greeting_list;
pub mod greetings;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::path;

#[component(transparent)]
pub fn MarketingRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/greetings") view=greetings::GreetingsPage/>
        </ParentRoute>
    }
    .into_inner()
}
