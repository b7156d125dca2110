//! Filters and selections live in the URL, so reload, back and shared links keep them.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::i18n::{use_i18n, K};
use crate::platform::clock;

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

/// The day a dated page shows (`day` in the URL, today when absent or invalid), with the
/// date input that changes it.
#[derive(Clone, Copy)]
pub struct DayParam {
    path: &'static str,
    pub day: Memo<chrono::NaiveDate>,
}

/// The `day` parameter of the page at `path`.
pub fn use_day_param(path: &'static str) -> DayParam {
    let param = query_param("day");
    let day = Memo::new(move |_| {
        param
            .get()
            .parse::<chrono::NaiveDate>()
            .unwrap_or_else(|_| clock::today())
    });
    DayParam { path, day }
}

impl DayParam {
    /// The labelled date input (test id `testid`) that writes `day`.
    pub fn picker(self, testid: &'static str) -> impl IntoView {
        let (i18n, set, day) = (use_i18n(), use_query_setter(self.path), self.day);
        view! {
            <label class="filter">
                <span>{move || i18n.t(K::Day)}</span>
                <input class="input" type="date" data-testid=testid prop:value=move || day.get().to_string()
                    on:change=move |ev| set(&[("day", Some(event_target_value(&ev)))])/>
            </label>
        }
    }
}
