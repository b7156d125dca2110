//! The head of the opportunity pages (title, board / list / forecast, new) and their filter
//! bar, which lives in the URL so reloads and shared links keep it.

use std::collections::HashSet;

use guanxi_core::customers::query::fold;
use guanxi_core::pipeline::list::{opportunity_facets, StatusFilter};
use guanxi_core::Id;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::features::pipeline::shared::{stage_name, status_key, OPP_PARAMS};
use crate::i18n::{use_i18n, K};
use crate::platform::base;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OppView {
    Board,
    List,
    Forecast,
}

impl OppView {
    /// The view a path of the pipeline's route group shows.
    pub fn of_path(path: &str) -> OppView {
        match path.trim_end_matches('/') {
            "/opportunities/list" => OppView::List,
            "/forecast" => OppView::Forecast,
            _ => OppView::Board,
        }
    }
}

/// Title, view switch (keeping the filters) and the "new opportunity" button.
#[component]
pub fn OppHead(view: OppView) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let customer = query_param("customer");
    let tab = move |target: OppView, path: &'static str, label: K, testid: &'static str| {
        let href = move || format!("{}{}", base::href(path), query.read().to_query_string());
        view! {
            // A plain link (the router still handles it): <A> would also mark the board's
            // tab as current on the list, whose path it prefixes.
            <a href=href class=if view == target { "tab active" } else { "tab" } data-testid=testid
                aria-current=(view == target).then_some("page")>
                {move || i18n.t(label)}
            </a>
        }
    };
    let new_href = move || match customer.get() {
        c if c.is_empty() => "/opportunities/new".to_string(),
        c => format!("/opportunities/new?customer={c}"),
    };
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(if view == OppView::Forecast { K::ForecastTitle } else { K::NavOpportunities })}</h1>
            <div class="actions">
                <nav class="tabs" aria-label=move || i18n.t(K::NavOpportunities)>
                    {tab(OppView::Board, "/opportunities", K::ViewBoard, "view-board")}
                    {tab(OppView::List, "/opportunities/list", K::ViewList, "view-list")}
                    {tab(OppView::Forecast, "/forecast", K::ViewForecast, "view-forecast")}
                </nav>
                <A href=new_href attr:class="btn btn-primary" attr:data-testid="new-opportunity">
                    {move || i18n.t(K::NewOpportunity)}
                </A>
            </div>
        </div>
    }
}

/// Owner, customer, close month and status; the list adds the stage.
#[component]
pub fn OpportunityFilters(path: &'static str, #[prop(optional)] with_stage: bool) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let set = use_query_setter(path);
    let facets = Memo::new(move |_| {
        data.settings
            .with(|s| data.opportunities.with(|all| opportunity_facets(all, s)))
    });
    // Customers that have an opportunity, by name.
    let customers = Memo::new(move |_| {
        let with_deals: HashSet<Id> =
            data.live_opportunities(|it| it.map(|o| o.customer_id).collect());
        data.live_customers(|cs| {
            let mut found: Vec<(String, String)> = cs
                .filter(|c| with_deals.contains(&c.id))
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect();
            found.sort_by_key(|(_, name)| fold(name));
            found
        })
    });
    let select = {
        let set = set.clone();
        move |param: &'static str, label: K, options: Signal<Vec<(String, String)>>| {
            let set = set.clone();
            let current = query_param(param);
            view! {
                <label class="filter">
                    <span>{move || i18n.t(label)}</span>
                    <select class="input" data-testid=format!("opp-filter-{param}")
                        on:change=move |ev| set(&[(param, Some(event_target_value(&ev)))])>
                        <option value="" selected=move || current.get().is_empty()>{move || i18n.t(K::FilterAny)}</option>
                        {move || options.get().into_iter().map(|(value, text)| {
                            let v = value.clone();
                            view! { <option value=value selected=move || current.get() == v>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
            }
        }
    };
    let owners = Signal::derive(move || {
        facets.with(|f| f.owners.iter().map(|o| (o.clone(), o.clone())).collect())
    });
    let months = Signal::derive(move || {
        facets.with(|f| {
            f.months
                .iter()
                .map(|m| (m.to_string(), m.to_string()))
                .collect()
        })
    });
    let statuses = Signal::derive(move || {
        StatusFilter::ALL[1..]
            .iter()
            .map(|s| (s.as_str().to_string(), i18n.t(status_key(*s)).to_string()))
            .collect()
    });
    let stages = Signal::derive(move || {
        data.settings.with(|s| {
            guanxi_core::pipeline::opportunity::pipeline_stages(s)
                .iter()
                .map(|st| (st.id.clone(), stage_name(st, i18n)))
                .collect()
        })
    });
    let query = use_query_map();
    let active = Memo::new(move |_| {
        query.with(|q| {
            OPP_PARAMS
                .iter()
                .chain(&["stage"])
                .any(|k| q.get(k).is_some_and(|v| !v.is_empty()))
        })
    });
    let clear = move |_| {
        let changes: Vec<(&'static str, Option<String>)> = OPP_PARAMS
            .iter()
            .chain(&["stage"])
            .map(|k| (*k, None))
            .collect();
        set(&changes);
    };
    view! {
        <div class="filter-grid opp-filters" data-testid="opp-filters">
            {select("owner", K::FieldOwner, owners)}
            {select("customer", K::FieldCustomer, customers.into())}
            {select("month", K::FilterCloseMonth, months)}
            {select("status", K::FieldStatus, statuses)}
            {with_stage.then(|| select("stage", K::FieldStage, stages))}
            {move || active.get().then(|| view! {
                <button class="btn btn-ghost clear-filters" data-testid="opp-clear-filters" on:click=clear.clone()>
                    {i18n.t(K::ClearFilters)}
                </button>
            })}
        </div>
    }
}
