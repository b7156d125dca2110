//! Opportunities as a table: search, filters and sort in the URL, totals of what is shown.

use guanxi_core::customers::query::SortDir;
use guanxi_core::pipeline::forecast::forecast;
use guanxi_core::pipeline::list::{filter_sort_opportunities, OpportunitySortKey};
use leptos::prelude::*;

use crate::features::pipeline::filters::{OppHead, OppView, OpportunityFilters};
use crate::features::pipeline::row::{row, OppRow, Row};
use crate::features::pipeline::shared::{
    money_lines, money_view, use_customer_names, use_opp_filter, use_stale,
};
use crate::i18n::{use_i18n, K};
use crate::state::{use_data, DbStatus};
use crate::ui::empty::EmptyState;
use crate::ui::url::{query_param, use_query_setter};

const PAGE_SIZE: usize = 100;

/// What the list shows: the rows and the sums of all of them (not just the page).
#[derive(Clone, Debug, PartialEq)]
struct Listing {
    rows: Vec<Row>,
    open: Vec<String>,
    weighted: Vec<String>,
    won: Vec<String>,
}

#[component]
pub fn OpportunityListPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let set = use_query_setter("/opportunities/list");
    let search = query_param("q");
    let sort_param = query_param("sort");
    let dir_param = query_param("dir");
    let page_param = query_param("page");
    let filter = use_opp_filter();
    let names = use_customer_names();
    let stale = use_stale();
    let sort = Memo::new(move |_| {
        OpportunitySortKey::parse(&sort_param.get()).unwrap_or(OpportunitySortKey::CloseDate)
    });
    let dir = Memo::new(move |_| {
        SortDir::parse(&dir_param.get()).unwrap_or_else(|| sort.get().default_dir())
    });
    let total = Memo::new(move |_| data.live_opportunities(|it| it.count()));
    // Rows, plus the open, weighted and won sums of everything that matches.
    let found = Memo::new(move |_| {
        let (q, f, key, d) = (search.get(), filter.get(), sort.get(), dir.get());
        data.settings.with(|s| {
            data.customers.with(|customers| {
                data.opportunities.with(|all| {
                    let found = filter_sort_opportunities(all, customers, s, &q, &f, key, d);
                    let sums = forecast(found.iter().copied(), s).total;
                    let rows = names.with(|n| {
                        stale.with(|st| found.iter().map(|o| row(o, s, n, st, i18n)).collect())
                    });
                    Listing {
                        rows,
                        open: money_lines(&sums.open_total, &s.currency),
                        weighted: money_lines(&sums.weighted, &s.currency),
                        won: money_lines(&sums.won, &s.currency),
                    }
                })
            })
        })
    });
    let pages = Memo::new(move |_| found.with(|f| f.rows.len().div_ceil(PAGE_SIZE)).max(1));
    let page = Memo::new(move |_| {
        page_param
            .get()
            .parse::<usize>()
            .unwrap_or(1)
            .clamp(1, pages.get())
    });
    let visible = Memo::new(move |_| {
        let start = (page.get() - 1) * PAGE_SIZE;
        found.with(|f| {
            f.rows
                .iter()
                .skip(start)
                .take(PAGE_SIZE)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let count_text = move || {
        let (n, t) = (found.with(|f| f.rows.len()), total.get());
        if n == t {
            i18n.fmt(K::OppCount, &[("n", &t.to_string())])
        } else {
            i18n.fmt(
                K::OppCountFiltered,
                &[("n", &n.to_string()), ("total", &t.to_string())],
            )
        }
    };
    let set_search = set.clone();
    let set_page = set.clone();
    let header = move |key: OpportunitySortKey, label: K| {
        let set = set.clone();
        let aria = move || match (sort.get() == key, dir.get()) {
            (true, SortDir::Asc) => "ascending",
            (true, SortDir::Desc) => "descending",
            _ => "none",
        };
        view! {
            <th aria-sort=aria>
                <button class="sort" data-testid=format!("opp-sort-{}", key.as_str()) on:click=move |_| {
                    let next = if sort.get_untracked() == key {
                        if dir.get_untracked() == SortDir::Asc { SortDir::Desc } else { SortDir::Asc }
                    } else {
                        key.default_dir()
                    };
                    set(&[("sort", Some(key.as_str().into())), ("dir", Some(next.as_str().into())), ("page", None)]);
                }>
                    {move || i18n.t(label)}
                    <span class="sort-mark" aria-hidden="true">{move || match (sort.get() == key, dir.get()) {
                        (true, SortDir::Asc) => "↑",
                        (true, SortDir::Desc) => "↓",
                        _ => "",
                    }}</span>
                </button>
            </th>
        }
    };
    let sum_line = move |label: K, pick: fn(&Listing) -> Vec<String>, testid: &'static str| {
        view! {
            <div class="stat small-stat">
                <span>{move || i18n.t(label)}</span>
                <strong data-testid=testid>{move || money_view(found.with(pick))}</strong>
            </div>
        }
    };

    view! {
        <OppHead view=OppView::List/>
        <div class="toolbar">
            <input class="input search" type="search" data-testid="opp-search"
                aria-label=move || i18n.t(K::SearchOpportunities)
                placeholder=move || i18n.t(K::SearchOpportunities)
                prop:value=move || search.get()
                on:input=move |ev| set_search(&[("q", Some(event_target_value(&ev))), ("page", None)])/>
            <span class="muted count" data-testid="opp-count">{count_text}</span>
        </div>
        <OpportunityFilters path="/opportunities/list" with_stage=true/>
        <div class="stats opp-stats">
            {sum_line(K::ForecastUnweighted, |f| f.open.clone(), "list-open-total")}
            {sum_line(K::ForecastWeighted, |f| f.weighted.clone(), "list-weighted-total")}
            {sum_line(K::ForecastWon, |f| f.won.clone(), "list-won-total")}
        </div>
        {move || {
            if data.status.get() == DbStatus::Opening {
                return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
            }
            if found.with(|f| f.rows.is_empty()) {
                return view! {
                    <EmptyState
                        title=Signal::derive(move || i18n.t(if total.get() == 0 { K::NoOpportunitiesTitle } else { K::NoMatchingOpportunities }).to_string())
                        body=Signal::derive(move || i18n.t(if total.get() == 0 { K::NoOpportunitiesBody } else { K::NoMatchBody }).to_string())
                    />
                }.into_any();
            }
            view! {
                <table class="table opp-table" data-testid="opp-table">
                    <thead><tr>
                        {header(OpportunitySortKey::Title, K::FieldOpportunityTitle)}
                        {header(OpportunitySortKey::Customer, K::FieldCustomer)}
                        {header(OpportunitySortKey::Stage, K::FieldStage)}
                        {header(OpportunitySortKey::Amount, K::FieldAmount)}
                        {header(OpportunitySortKey::Probability, K::FieldProbability)}
                        {header(OpportunitySortKey::Weighted, K::WeightedAmount)}
                        {header(OpportunitySortKey::CloseDate, K::FieldExpectedClose)}
                        <th>{move || i18n.t(K::FieldOwner)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || visible.get() key=|r| r.clone() let:r>
                            <OppRow r=r/>
                        </For>
                    </tbody>
                </table>
            }.into_any()
        }}
        {move || (pages.get() > 1).then(|| {
            let (current, set_page) = (page.get(), set_page.clone());
            let go = move |p: usize| set_page(&[("page", Some(p.to_string()))]);
            let go2 = go.clone();
            view! {
                <nav class="pager" aria-label="pages">
                    <button class="btn btn-ghost" disabled={current <= 1} on:click=move |_| go(current - 1)>"‹"</button>
                    <span class="muted">{format!("{current} / {}", pages.get())}</span>
                    <button class="btn btn-ghost" disabled={current >= pages.get()} on:click=move |_| go2(current + 1)>"›"</button>
                </nav>
            }
        })}
    }
}
