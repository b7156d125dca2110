//! The customer list's filters, read from and written to the URL.

use guanxi_core::customers::query::{facets, ArchivedFilter, CustomerFilter};
use guanxi_core::{Lifecycle, SizeBand, ValueClass};
use leptos::prelude::*;

use crate::i18n::{Labelled, K};
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

/// Query parameter names; short, since they show in the address bar.
pub const FILTER_PARAMS: [&str; 9] = [
    "industry", "size", "region", "source", "stage", "class", "owner", "tag", "archived",
];

fn size_tag(s: SizeBand) -> String {
    format!("{s:?}").to_lowercase()
}
fn stage_tag(s: Lifecycle) -> String {
    format!("{s:?}").to_lowercase()
}

/// The filter currently in the URL.
pub fn use_url_filter() -> Memo<CustomerFilter> {
    let p: Vec<Memo<String>> = FILTER_PARAMS.iter().map(|k| query_param(k)).collect();
    Memo::new(move |_| {
        let text = |i: usize| Some(p[i].get()).filter(|s| !s.is_empty());
        CustomerFilter {
            industry: text(0),
            size: text(1).and_then(|t| SizeBand::ALL.into_iter().find(|s| size_tag(*s) == t)),
            region: text(2),
            source: text(3),
            lifecycle: text(4)
                .and_then(|t| Lifecycle::ALL.into_iter().find(|s| stage_tag(*s) == t)),
            value_class: text(5)
                .and_then(|t| ValueClass::ALL.into_iter().find(|c| format!("{c:?}") == t)),
            owner: text(6),
            tag: text(7),
            archived: match p[8].get().as_str() {
                "archived" => ArchivedFilter::Archived,
                "all" => ArchivedFilter::All,
                _ => ArchivedFilter::Active,
            },
        }
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
            .map(|c| (format!("{c:?}"), i18n.t(c.key()).to_string()))
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
