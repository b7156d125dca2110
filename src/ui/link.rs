//! The app's link: the router's `<A>`, under the sub-path the app is served from.

use leptos::prelude::*;
use leptos_router::components::ToHref;
use leptos_router::components::A as RouterLink;

use crate::platform::base;

/// `<A href="/customers/12">`: the router resolves only relative links against its base, so an
/// app path gets the base (src/platform/base.rs) in front here, once for every link.
#[component]
pub fn A<H>(href: H, children: Children) -> impl IntoView
where
    H: ToHref + Send + Sync + 'static,
{
    view! { <RouterLink href=move || base::href(&href.to_href()())>{children()}</RouterLink> }
}
