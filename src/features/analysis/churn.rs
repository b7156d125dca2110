//! Growth and churn: new and lost customers per month, the churn rate and the group's
//! lifecycle (1 ÷ churn rate), why customers left, the stages at the end of the period and the
//! moves between stages.

use guanxi_core::analysis::growth::{growth, GrowthReport};
use guanxi_core::analysis::period::Period;
use guanxi_core::analysis::ratio::Ratio;
use guanxi_core::Lifecycle;
use leptos::prelude::*;

use crate::features::analysis::period::{use_period, PeriodSelector};
use crate::features::analysis::working::{Figure, Working};
use crate::features::pipeline::shared::close_reason;
use crate::i18n::{I18n, Labelled, K};
use crate::ui::chart::{BarChart, LineChart, Series};
use crate::ui::save::{use_kit, Kit};

/// A ratio as a percent with one decimal ("10.0%"), or "—" when undefined.
pub fn percent_text(r: Ratio) -> String {
    r.percent(1)
        .map_or_else(|| "—".into(), |p| format!("{}.{}%", p / 10, p % 10))
}

/// A ratio as a number with two decimals ("2.50"), or "—".
pub fn decimal_text(r: Ratio) -> String {
    r.scaled(2)
        .map_or_else(|| "—".into(), |v| format!("{}.{:02}", v / 100, v % 100))
}

/// The growth report for the period in the URL.
pub fn use_growth() -> Memo<Option<GrowthReport>> {
    let Kit { data, .. } = use_kit();
    let period = use_period();
    Memo::new(move |_| {
        let (start, end) = period.get().range();
        let p = Period::custom(start, end).ok()?;
        Some(data.customers.with(|c| growth(c, p)))
    })
}

/// The churn rate and the group lifecycle as figures with their working.
pub fn churn_figures(r: &GrowthReport, i18n: I18n) -> impl IntoView {
    let rate = r.churn_rate;
    let rate_working = Working {
        formula: i18n.t(K::ChurnRateFormula).into(),
        inputs: vec![
            (
                i18n.t(K::ChurnLostFromStart).into(),
                rate.numerator.to_string(),
            ),
            (i18n.t(K::ChurnAtStart).into(), rate.denominator.to_string()),
        ],
        arithmetic: format!(
            "{} ÷ {} = {}",
            rate.numerator,
            rate.denominator,
            percent_text(rate)
        ),
        records: None,
        customers: r.lost_from_start.clone(),
    };
    let (life_value, life_working) = match r.lifecycle {
        Some(l) => (
            i18n.fmt(
                K::LifecycleYears,
                &[
                    ("years", &decimal_text(l.years)),
                    ("periods", &decimal_text(l.periods)),
                ],
            ),
            Working {
                formula: i18n.t(K::GroupLifecycleFormula).into(),
                inputs: vec![(i18n.t(K::ChurnRate).into(), percent_text(rate))],
                arithmetic: format!(
                    "1 ÷ ({} ÷ {}) = {} ÷ {} = {} · {}",
                    rate.numerator,
                    rate.denominator,
                    l.periods.numerator,
                    l.periods.denominator,
                    decimal_text(l.periods),
                    i18n.fmt(K::YearsShort, &[("years", &decimal_text(l.years))])
                ),
                records: None,
                customers: Vec::new(),
            },
        ),
        None => (
            i18n.t(K::LifecycleInfinite).into(),
            Working {
                formula: i18n.t(K::GroupLifecycleFormula).into(),
                inputs: vec![(i18n.t(K::ChurnRate).into(), percent_text(rate))],
                arithmetic: i18n.t(K::LifecycleInfiniteWhy).into(),
                records: None,
                customers: Vec::new(),
            },
        ),
    };
    let new: Vec<_> = r
        .months
        .iter()
        .flat_map(|m| m.new.iter().copied())
        .collect();
    let churned: Vec<_> = r.churned().map(|c| c.customer).collect();
    let net = new.len() as i64 - churned.len() as i64;
    let counts = |formula: K, ids: Vec<guanxi_core::Id>| Working {
        formula: i18n.t(formula).into(),
        inputs: Vec::new(),
        arithmetic: String::new(),
        records: None,
        customers: ids,
    };
    view! {
        <Figure label=i18n.t(K::NewCustomersInPeriod) value=new.len().to_string() working=counts(K::NewCustomersFormula, new.clone()) testid="fig-new"/>
        <Figure label=i18n.t(K::ChurnedCustomers) value=churned.len().to_string() working=counts(K::ChurnedFormula, churned.clone()) testid="fig-churned"/>
        <Figure label=i18n.t(K::NetGrowth) value=format!("{net:+}")
            working=Working { formula: i18n.t(K::NetGrowthFormula).into(), inputs: Vec::new(), arithmetic: format!("{} − {} = {net:+}", new.len(), churned.len()), records: None, customers: Vec::new() }
            testid="fig-net"/>
        <Figure label=i18n.t(K::ChurnRate) value=percent_text(rate) working=rate_working testid="fig-churn-rate"/>
        <Figure label=i18n.t(K::GroupLifecycle) value=life_value working=life_working testid="fig-lifecycle"/>
    }
}

#[component]
pub fn ChurnPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let report = use_growth();
    // The churn rate of each month on its own, for the line: a rate is per period, so the
    // months are computed one by one rather than split out of the whole period's rate.
    let monthly = Memo::new(move |_| {
        let r = report.get()?;
        Some(data.customers.with(|c| {
            r.months
                .iter()
                .map(|m| growth(c, m.month).churn_rate)
                .collect::<Vec<Ratio>>()
        }))
    });
    let body = move || {
        let r = report.get()?;
        let months: Vec<String> = r
            .months
            .iter()
            .map(|m| m.month.start().format("%Y-%m").to_string())
            .collect();
        let new: Vec<i64> = r.months.iter().map(|m| m.new.len() as i64).collect();
        let lost: Vec<i64> = r.months.iter().map(|m| m.churned.len() as i64).collect();
        let shown = |v: &[i64]| v.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let series = vec![
            Series {
                name: i18n.t(K::NewCustomersInPeriod).into(),
                shown: shown(&new),
                values: new,
            },
            Series {
                name: i18n.t(K::ChurnedCustomers).into(),
                shown: shown(&lost),
                values: lost,
            },
        ];
        let rates = monthly.get().unwrap_or_default();
        let rate_points: Vec<_> = rates
            .iter()
            .map(|rate| rate.percent(1).map(|p| (p as i64, percent_text(*rate))))
            .collect();
        let rate_months = months.clone();
        let reasons = r.churn_reasons.iter().map(|rc| {
            let reason = if rc.reason.is_empty() { i18n.t(K::NoReasonGiven).to_string() } else { close_reason(&rc.reason, i18n) };
            view! { <tr data-testid="churn-reason"><td>{reason}</td><td class="num">{rc.count}</td></tr> }
        }).collect_view();
        let stages = r
            .stages_at_end
            .iter()
            .map(|(s, n)| view! { <tr><td>{i18n.t(s.key())}</td><td class="num">{*n}</td></tr> })
            .collect_view();
        let head =
            Lifecycle::ALL.map(|s| view! { <th scope="col" class="num">{i18n.t(s.key())}</th> });
        let moves = Lifecycle::ALL
            .iter()
            .enumerate()
            .map(|(i, from)| {
                let cells = r.moves[i]
                    .iter()
                    .map(|n| view! { <td class="num" class:muted=*n == 0>{*n}</td> })
                    .collect_view();
                view! { <tr><th scope="row">{i18n.t(from.key())}</th>{cells}</tr> }
            })
            .collect_view();
        Some(view! {
            <div class="figures">{churn_figures(&r, i18n)}</div>
            <section class="card">
                <h2>{i18n.t(K::GrowthByMonth)}</h2>
                <BarChart title=i18n.t(K::GrowthByMonth) y_label=i18n.t(K::CustomersCount) categories=months series=series testid="growth-chart"/>
            </section>
            <section class="card">
                <h2>{i18n.t(K::ChurnRateByMonth)}</h2>
                <LineChart title=i18n.t(K::ChurnRateByMonth) y_label=i18n.t(K::ChurnRate) categories=rate_months points=rate_points testid="churn-rate-chart"/>
            </section>
            <div class="detail-grid">
                <section class="card">
                    <h2>{i18n.t(K::ChurnReasonsTitle)}</h2>
                    <table class="table compact" data-testid="churn-reasons"><tbody>{reasons}</tbody></table>
                </section>
                <section class="card">
                    <h2>{i18n.t(K::StagesAtEnd)}</h2>
                    <table class="table compact" data-testid="stages-at-end"><tbody>{stages}</tbody></table>
                </section>
            </div>
            <section class="card">
                <h2>{i18n.t(K::StageMoves)}</h2>
                <p class="muted small">{i18n.t(K::StageMovesExplain)}</p>
                <div class="chart-scroll" tabindex="0" role="group" aria-label=move || i18n.t(K::StageMoves)>
                    <table class="table compact" data-testid="stage-moves">
                        <thead><tr><th scope="col">{i18n.t(K::MoveFromTo)}</th>{head.into_iter().collect_view()}</tr></thead>
                        <tbody>{moves}</tbody>
                    </table>
                </div>
            </section>
        })
    };
    view! {
        <PeriodSelector path="/analysis/churn"/>
        {body}
    }
}
