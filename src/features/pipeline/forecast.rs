//! The sales forecast: the weighted pipeline by expected close month and by owner, next to the
//! unweighted open total and the won amount, each per currency.

use guanxi_core::pipeline::forecast::forecast;
use guanxi_core::pipeline::forecast::ForecastLine;
use leptos::prelude::*;

use crate::features::pipeline::filters::OpportunityFilters;
use crate::features::pipeline::shared::{money_lines, money_view, use_opp_filter, with_any_stage};
use crate::i18n::K;
use crate::ui::save::{use_kit, Kit};

/// One forecast row, formatted.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    label: Option<String>,
    open_count: usize,
    open_total: Vec<String>,
    weighted: Vec<String>,
    won_count: usize,
    won: Vec<String>,
}

fn line(label: Option<String>, l: &ForecastLine, currency: &str) -> Line {
    Line {
        label,
        open_count: l.open_count,
        open_total: money_lines(&l.open_total, currency),
        weighted: money_lines(&l.weighted, currency),
        won_count: l.won_count,
        won: money_lines(&l.won, currency),
    }
}

/// Whether a line has anything the table shows: months and owners with only lost deals are
/// left out (they would be a row of zeros).
fn counts(l: &ForecastLine) -> bool {
    l.open_count + l.won_count > 0
}

#[derive(Clone, Debug, PartialEq)]
struct Figures {
    by_month: Vec<Line>,
    by_owner: Vec<Line>,
    total: Line,
}

#[component]
pub fn ForecastPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let filter = use_opp_filter();
    let figures = Memo::new(move |_| {
        with_any_stage(data, filter, |s, found| {
            let fc = forecast(found.iter().copied(), s);
            Figures {
                by_month: fc
                    .by_month
                    .iter()
                    .filter(|m| counts(&m.line))
                    .map(|m| line(m.month.map(|m| m.to_string()), &m.line, &s.currency))
                    .collect(),
                by_owner: fc
                    .by_owner
                    .iter()
                    .filter(|o| counts(&o.line))
                    .map(|o| {
                        let name = Some(o.owner.clone()).filter(|n| !n.is_empty());
                        line(name, &o.line, &s.currency)
                    })
                    .collect(),
                total: line(None, &fc.total, &s.currency),
            }
        })
    });
    let table = move |first: K, blank: K, rows: fn(&Figures) -> Vec<Line>, testid: &'static str| {
        let row = move |l: Line, total: bool| {
            let label = match (total, l.label) {
                (true, _) => i18n.t(K::ForecastTotal).to_string(),
                (false, Some(label)) => label,
                (false, None) => i18n.t(blank).to_string(),
            };
            view! {
                <tr class:total-row=total data-testid=if total { "forecast-total" } else { "forecast-row" }>
                    <td class="cell-main" data-testid="forecast-label">{label}</td>
                    <td class="num" data-label=i18n.t(K::ForecastOpen)>{l.open_count}</td>
                    <td class="num" data-label=i18n.t(K::ForecastUnweighted) data-testid="forecast-open">{money_view(l.open_total)}</td>
                    <td class="num strong" data-label=i18n.t(K::ForecastWeighted) data-testid="forecast-weighted">{money_view(l.weighted)}</td>
                    <td class="num" data-label=i18n.t(K::ForecastWon) data-testid="forecast-won">
                        <span class="won-cell">
                            {money_view(l.won)}
                            {(l.won_count > 0).then(|| view! { <span class="sub">{format!("× {}", l.won_count)}</span> })}
                        </span>
                    </td>
                </tr>
            }
        };
        view! {
            <table class="table forecast-table" data-testid=testid>
                <thead><tr>
                    <th>{move || i18n.t(first)}</th>
                    <th class="num">{move || i18n.t(K::ForecastOpen)}</th>
                    <th class="num">{move || i18n.t(K::ForecastUnweighted)}</th>
                    <th class="num">{move || i18n.t(K::ForecastWeighted)}</th>
                    <th class="num">{move || i18n.t(K::ForecastWon)}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let f = figures.get();
                        rows(&f)
                            .into_iter()
                            .map(|l| row(l, false))
                            .chain(std::iter::once(row(f.total, true)))
                            .collect_view()
                    }}
                </tbody>
            </table>
        }
    };
    view! {
        <OpportunityFilters path="/forecast"/>
        <p class="muted small">{move || i18n.t(K::ForecastExplain)}</p>
        <section class="card flush">
            <h2>{move || i18n.t(K::ForecastByMonth)}</h2>
            {table(K::ForecastMonth, K::NoDate, |f| f.by_month.clone(), "forecast-by-month")}
        </section>
        <section class="card flush">
            <h2>{move || i18n.t(K::ByOwner)}</h2>
            {table(K::FieldOwner, K::NoOwner, |f| f.by_owner.clone(), "forecast-by-owner")}
        </section>
    }
}
