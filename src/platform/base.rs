//! Where the app is served from: the site root or a sub-path such as `/guanxi/` (a project
//! page). The first script in index.html works it out and writes it as the document's `<base>`,
//! so the assets load by relative URLs from any depth; the router, and the few plain links that
//! bypass it, take the same base from here.

use std::sync::OnceLock;

static BASE: OnceLock<String> = OnceLock::new();

/// The path the app lives under, without the trailing slash: `""` at the site root.
pub fn base() -> &'static str {
    BASE.get_or_init(|| {
        let uri = leptos::prelude::document().base_uri().ok().flatten();
        let path = uri
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| url.pathname())
            .unwrap_or_default();
        path.trim_end_matches('/').to_string()
    })
}

/// An app path (`/customers`) as the browser must see it under the base.
pub fn href(path: &str) -> String {
    format!("{}{path}", base())
}

/// The app path of a browser path: the base taken off.
pub fn app_path(pathname: &str) -> &str {
    pathname.strip_prefix(base()).unwrap_or(pathname)
}
