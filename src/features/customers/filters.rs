//! The customer list's filters, read from and written to the URL.

use guanxi_core::customers::list_url::{
    class_tag, size_tag, stage_tag, CustomerSelection, FILTER_PARAMS, SEARCH_PARAM,
};
use guanxi_core::customers::query::{facets, CustomerFilter};
use guanxi_core::{Lifecycle, SizeBand, ValueClass};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::{Labelled, K};
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

/// The filter currently in the URL, read as saved segments read theirs.
pub fn use_url_filter() -> Memo<CustomerFilter> {
    let selection = use_url_selection();
    Memo::new(move |_| selection.with(|s| s.filter.clone()))
}

/// The search and filter currently in the URL.
pub fn use_url_selection() -> Memo<CustomerSelection> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            let get = |k: &str| q.get(k);
            CustomerSelection {
                search: get(SEARCH_PARAM).unwrap_or_default().trim().to_string(),
                filter: CustomerFilter::from_params(get),
            }
        })
    })
}

#[component]
pub fn CustomerFilters() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let set = use_query_setter("/customers");
    let facets = Memo::new(move |_| data.customers.with(|all| facets(all)));
    let values: Vec<Memo<String>> = FILTER_PARAMS.iter().map(|k| query_param(k)).collect();
    let active_count = Memo::new(move |_| values.iter().filter(|v| !v.get().is_empty()).count());

    // One <select> per filter: (param, label, options as (value, text) pairs).
    let set_one = set.clone();
    let select = move |param: &'static str, label: K, options: Signal<Vec<(String, String)>>| {
        let set = set_one.clone();
        let current = query_param(param);
        view! {
            <label class="filter">
                <span>{move || i18n.t(label)}</span>
                <select
                    class="input"
                    data-testid=format!("filter-{param}")
                    on:change=move |ev| set(&[(param, Some(event_target_value(&ev))), ("page", None)])
                >
                    <option value="" selected=move || current.get().is_empty()>
                        {move || i18n.t(K::FilterAny)}
                    </option>
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .map(|(value, text)| {
                                let v = value.clone();
                                view! {
                                    <option value=value selected=move || current.get() == v>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        }
    };
    let plain = move |get: fn(&guanxi_core::customers::query::Facets) -> &Vec<String>| {
        Signal::derive(move || {
            facets.with(|f| get(f).iter().map(|v| (v.clone(), v.clone())).collect())
        })
    };
    let stages = Signal::derive(move || {
        Lifecycle::ALL
            .into_iter()
            .map(|s| (stage_tag(s), i18n.t(s.key()).to_string()))
            .collect()
    });
    let classes = Signal::derive(move || {
        ValueClass::ALL
            .into_iter()
            .map(|c| (class_tag(c), i18n.t(c.key()).to_string()))
            .collect()
    });
    let sizes = Signal::derive(move || {
        SizeBand::ALL
            .into_iter()
            .map(|s| (size_tag(s), i18n.t(s.key()).to_string()))
            .collect()
    });
    let archived = Signal::derive(move || {
        vec![
            (
                "archived".to_string(),
                i18n.t(K::FilterArchivedOnly).to_string(),
            ),
            ("all".to_string(), i18n.t(K::FilterArchivedAll).to_string()),
        ]
    });
    let clear = {
        let set = set.clone();
        move |_| {
            let changes: Vec<(&'static str, Option<String>)> = FILTER_PARAMS
                .iter()
                .map(|k| (*k, None))
                .chain([("page", None)])
                .collect();
            set(&changes);
        }
    };

    view! {
        <details class="filters" data-testid="filters">
            <summary>
                {move || i18n.t(K::Filters)}
                {move || (active_count.get() > 0).then(|| view! { <span class="badge">{active_count.get()}</span> })}
            </summary>
            <div class="filter-grid">
                {select("industry", K::FieldIndustry, plain(|f| &f.industries))}
                {select("region", K::FieldRegion, plain(|f| &f.regions))}
                {select("source", K::FieldSource, plain(|f| &f.sources))}
                {select("owner", K::FieldOwner, plain(|f| &f.owners))}
                {select("tag", K::FieldTags, plain(|f| &f.tags))}
                {select("stage", K::FieldLifecycle, stages)}
                {select("class", K::FieldValueClass, classes)}
                {select("size", K::FieldSize, sizes)}
                {select("archived", K::FieldArchived, archived)}
            </div>
            <button class="btn btn-ghost" on:click=clear>{move || i18n.t(K::ClearFilters)}</button>
        </details>
    }
}
