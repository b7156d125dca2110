//! Filters and selections live in the URL, so reload, back and shared links keep them.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// A function that changes some query parameters of the current page (`None` removes one),
/// keeps the rest, and replaces the history entry so typing does not flood "back".
pub fn use_query_setter(path: &'static str) -> impl Fn(&[(&'static str, Option<String>)]) + Clone {
    let query = use_query_map();
    let navigate = use_navigate();
    move |changes: &[(&'static str, Option<String>)]| {
        let mut params = query.get_untracked();
        for (key, value) in changes {
            match value {
                Some(v) if !v.is_empty() => params.replace(*key, v.clone()),
                _ => {
                    params.remove(key);
                }
            }
        }
        navigate(
            &format!("{path}{}", params.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    }
}

/// One query parameter as a memo (empty string when absent).
pub fn query_param(key: &'static str) -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(key).unwrap_or_default())
}
