//! Opportunities as a table: search, filters and sort in the URL, totals of what is shown.

use guanxi_core::pipeline::forecast::forecast;
use guanxi_core::pipeline::list::{filter_sort_opportunities, OpportunitySortKey};
use leptos::prelude::*;

use crate::features::pipeline::filters::OpportunityFilters;
use crate::features::pipeline::row::{row, OppRow, Row};
use crate::features::pipeline::shared::{
    money_lines, money_view, use_customer_names, use_opp_filter, use_stale,
};
use crate::i18n::K;
use crate::ui::empty::ListGate;
use crate::ui::list::{count_text, use_list_query, NewColumn};
use crate::ui::save::{use_kit, Kit};

const PAGE_SIZE: usize = 100;

/// What the list shows: the rows and the sums of all of them (not just the page).
#[derive(Clone, Debug, PartialEq)]
struct Listing {
    rows: Vec<Row>,
    open: Vec<String>,
    weighted: Vec<String>,
    won: Vec<String>,
}

/// The sortable columns, in the order the table shows them.
const COLUMNS: [(OpportunitySortKey, K); 7] = [
    (OpportunitySortKey::Title, K::FieldOpportunityTitle),
    (OpportunitySortKey::Customer, K::FieldCustomer),
    (OpportunitySortKey::Stage, K::FieldStage),
    (OpportunitySortKey::Amount, K::FieldAmount),
    (OpportunitySortKey::Probability, K::FieldProbability),
    (OpportunitySortKey::Weighted, K::WeightedAmount),
    (OpportunitySortKey::CloseDate, K::FieldExpectedClose),
];

#[component]
pub fn OpportunityListPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let query = use_list_query(
        "/opportunities/list",
        OpportunitySortKey::CloseDate,
        NewColumn::OwnDirectionFirstPage,
    );
    let (search, sort, dir) = (query.search, query.sort, query.dir);
    let filter = use_opp_filter();
    let names = use_customer_names();
    let stale = use_stale();
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
    let (pages, page) = query.paging(move || found.with(|f| f.rows.len()), PAGE_SIZE);
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
    let count = move || {
        let (n, t) = (found.with(|f| f.rows.len()), total.get());
        count_text(i18n, n, t, K::OppCount, K::OppCountFiltered)
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
        <div class="toolbar">
            {query.search_box("opp-search", K::SearchOpportunities)}
            <span class="muted count" data-testid="opp-count">{count}</span>
        </div>
        <OpportunityFilters path="/opportunities/list" with_stage=true/>
        <div class="stats opp-stats">
            {sum_line(K::ForecastUnweighted, |f| f.open.clone(), "list-open-total")}
            {sum_line(K::ForecastWeighted, |f| f.weighted.clone(), "list-weighted-total")}
            {sum_line(K::ForecastWon, |f| f.won.clone(), "list-won-total")}
        </div>
        <ListGate empty=Signal::derive(move || {
            found.with(|f| f.rows.is_empty()).then(|| if total.get() == 0 {
                (K::NoOpportunitiesTitle, K::NoOpportunitiesBody, false)
            } else {
                (K::NoMatchingOpportunities, K::NoMatchBody, false)
            })
        })>
                <table class="table opp-table" data-testid="opp-table">
                    <thead><tr>
                        {query.headers(&COLUMNS, "opp-sort-")}
                        <th>{move || i18n.t(K::FieldOwner)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || visible.get() key=|r| r.clone() let:r>
                            <OppRow r=r/>
                        </For>
                    </tbody>
                </table>
        </ListGate>
        {query.pager(page, pages, false)}
    }
}
