//! Service quality on the dashboard: the figures of [`guanxi_core::service::figures`] for the
//! period in the URL, each with its working, and the cases by kind, channel and status.

use guanxi_core::analysis::period::Period;
use guanxi_core::analysis::ratio::Ratio;
use guanxi_core::service::figures::{service_figures, Average, GroupChurn, ServiceFigures};
use leptos::prelude::*;

use crate::features::analysis::churn::{decimal_text, percent_text};
use crate::features::analysis::period::use_period;
use crate::features::analysis::working::{Figure, Working};
use crate::features::service::shared::kind_name;
use crate::i18n::{I18n, Labelled, K};
use crate::ui::save::{use_kit, Kit};

/// The service figures for the period in the URL.
pub fn use_service() -> Memo<Option<ServiceFigures>> {
    let Kit { data, .. } = use_kit();
    let period = use_period();
    Memo::new(move |_| {
        let (start, end) = period.get().range();
        let p = Period::custom(start, end).ok()?;
        Some(data.cases.with(|k| {
            data.customers
                .with(|c| data.settings.with(|s| service_figures(k, c, s, p)))
        }))
    })
}

/// The case list showing the figures' cases: every status, opened in the dashboard's period.
fn cases_link(i18n: I18n, p: &str) -> Option<(String, String)> {
    Some((
        format!("/cases?status=all&p={p}"),
        i18n.t(K::ServiceCasesLink).into(),
    ))
}

fn average(
    i18n: I18n,
    p: &str,
    label: K,
    formula: K,
    avg: &Average,
    testid: &'static str,
) -> impl IntoView {
    let hours = avg.hours();
    let value = match hours.is_defined() {
        true => i18n.fmt(K::HoursValue, &[("hours", &decimal_text(hours))]),
        false => "—".into(),
    };
    let working = Working {
        formula: i18n.t(formula).into(),
        inputs: vec![
            (
                i18n.t(K::MinutesTotal).into(),
                avg.total_minutes.to_string(),
            ),
            (i18n.t(K::CasesCounted).into(), avg.cases.len().to_string()),
        ],
        arithmetic: format!(
            "{} ÷ ({} × 60) = {}",
            avg.total_minutes,
            avg.cases.len(),
            decimal_text(hours)
        ),
        records: cases_link(i18n, p),
        customers: Vec::new(),
    };
    view! { <Figure label=i18n.t(label) value=value working=working testid=testid/> }
}

fn share(
    i18n: I18n,
    p: &str,
    label: K,
    formula: K,
    r: Ratio,
    testid: &'static str,
) -> impl IntoView {
    let working = Working {
        formula: i18n.t(formula).into(),
        inputs: Vec::new(),
        arithmetic: format!("{} ÷ {} = {}", r.numerator, r.denominator, percent_text(r)),
        records: cases_link(i18n, p),
        customers: Vec::new(),
    };
    view! { <Figure label=i18n.t(label) value=percent_text(r) working=working testid=testid/> }
}

fn churn(i18n: I18n, label: K, g: &GroupChurn, testid: &'static str) -> impl IntoView {
    let r = g.rate();
    let working = Working {
        formula: i18n.t(K::ChurnComplaintFormula).into(),
        inputs: vec![
            (
                i18n.t(K::ChurnLostFromStart).into(),
                g.lost.len().to_string(),
            ),
            (
                i18n.t(K::ChurnAtStart).into(),
                g.customers.len().to_string(),
            ),
        ],
        arithmetic: format!("{} ÷ {} = {}", r.numerator, r.denominator, percent_text(r)),
        records: None,
        customers: g.lost.clone(),
    };
    view! { <Figure label=i18n.t(label) value=percent_text(r) working=working testid=testid/> }
}

/// The service figures as cards.
/// `p` is the dashboard's period as the URL writes it, so the drill-down lists the same cases.
pub fn service_figure_cards(f: &ServiceFigures, i18n: I18n, p: &str) -> impl IntoView {
    let opened = Working {
        formula: i18n.t(K::CasesOpenedFormula).into(),
        inputs: Vec::new(),
        arithmetic: String::new(),
        records: cases_link(i18n, p),
        customers: Vec::new(),
    };
    let sat = f.satisfaction_average;
    let sat_working = Working {
        formula: i18n.t(K::SatisfactionFormula).into(),
        inputs: (1..=5)
            .map(|n| {
                (
                    i18n.fmt(K::SatisfactionOf, &[("n", &n.to_string())]),
                    f.satisfaction[n - 1].to_string(),
                )
            })
            .collect(),
        arithmetic: format!(
            "{} ÷ {} = {}",
            sat.numerator,
            sat.denominator,
            decimal_text(sat)
        ),
        records: cases_link(i18n, p),
        customers: Vec::new(),
    };
    let per100 = f.complaints_per_100;
    let per100_working = Working {
        formula: i18n.t(K::ComplaintsPer100Formula).into(),
        inputs: vec![
            (
                i18n.t(K::ComplaintsCount).into(),
                f.complaints.len().to_string(),
            ),
            (
                i18n.t(K::ChurnAtStart).into(),
                f.customers_at_start.to_string(),
            ),
        ],
        arithmetic: format!(
            "{} × 100 ÷ {} = {}",
            f.complaints.len(),
            f.customers_at_start,
            decimal_text(per100)
        ),
        records: cases_link(i18n, p),
        customers: Vec::new(),
    };
    view! {
        <Figure label=i18n.t(K::CasesOpened) value=f.opened.len().to_string() working=opened testid="fig-cases"/>
        {average(i18n, p, K::AvgResponse, K::AvgResponseFormula, &f.to_response, "fig-response")}
        {average(i18n, p, K::AvgResolution, K::AvgResolutionFormula, &f.to_resolution, "fig-resolution")}
        {share(i18n, p, K::RespondedInTime, K::RespondedInTimeFormula, f.responded_in_time, "fig-responded-in-time")}
        {share(i18n, p, K::ResolvedInTime, K::ResolvedInTimeFormula, f.resolved_in_time, "fig-resolved-in-time")}
        <Figure label=i18n.t(K::SatisfactionAverage) value=decimal_text(sat) working=sat_working testid="fig-satisfaction"/>
        <Figure label=i18n.t(K::ComplaintsPer100) value=decimal_text(per100) working=per100_working testid="fig-complaints"/>
        {churn(i18n, K::ChurnWithComplaint, &f.churn_with_complaint, "fig-churn-complaint")}
        {churn(i18n, K::ChurnWithoutComplaint, &f.churn_without_complaint, "fig-churn-no-complaint")}
    }
}

/// Cases by kind, channel and status, as one table of counts.
#[component]
pub fn CasesByTable(figures: ServiceFigures) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let kinds = data.settings.with_untracked(|s| {
        figures
            .by_kind
            .iter()
            .map(|g| (kind_name(s, &g.key, i18n), g.cases.len()))
            .collect::<Vec<_>>()
    });
    let channels = figures
        .by_channel
        .iter()
        .map(|g| (i18n.t(g.key.key()).to_string(), g.cases.len()));
    let statuses = figures
        .by_status
        .iter()
        .map(|g| (i18n.t(g.key.key()).to_string(), g.cases.len()));
    let rows = kinds
        .into_iter()
        .map(|r| (K::CaseKindLabel, r))
        .chain(channels.map(|r| (K::CaseChannelLabel, r)))
        .chain(statuses.map(|r| (K::CaseStatusLabel, r)))
        .map(|(group, (name, n))| {
            view! {
                <tr><td>{i18n.t(group)}</td><th scope="row">{name}</th><td class="num">{n}</td></tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{i18n.t(K::CasesBy)}</h2>
            <div class="chart-scroll" tabindex="0" role="group" aria-label=i18n.t(K::CasesBy)>
                <table class="table compact" data-testid="cases-by">
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
