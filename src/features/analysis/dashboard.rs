//! The dashboard: the period's key figures, each with its working and a link to the records or
//! the analysis behind it, and sales-process control per owner.

use guanxi_core::analysis::period::Period;
use guanxi_core::analysis::ratio::Ratio;
use guanxi_core::analysis::sales_control::{sales_control, OwnerControl};
use guanxi_core::model::money::format_money;
use guanxi_core::pipeline::collections::open_balance;
use guanxi_core::ValueClass;
use leptos::prelude::*;

use crate::features::analysis::abc::use_values;
use crate::features::analysis::churn::{churn_figures, percent_text, use_growth};
use crate::features::analysis::funnel::{funnel_figures, use_funnel};
use crate::features::analysis::period::{use_period, PeriodSelector};
use crate::features::analysis::service::{service_figure_cards, use_service, CasesByTable};
use crate::features::analysis::working::{Figure, Working};
use crate::i18n::K;
use crate::platform::clock;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let period = use_period();
    let values = use_values();
    let growth = use_growth();
    let funnel = use_funnel();
    let service = use_service();
    let p = move || period.get().to_string();
    let currency = move || data.settings.with(|s| s.currency.clone());
    // Collections dated in the period and what is still owed now, default currency only.
    let money = Memo::new(move |_| {
        let (start, end) = period.get().range();
        data.settings.with(|s| {
            data.opportunities.with(|all| {
                let mut collected = (0i64, Vec::new());
                let mut owed = (0i64, Vec::new());
                for o in all.iter().filter(|o| {
                    o.deleted_at.is_none() && (o.currency.is_empty() || o.currency == s.currency)
                }) {
                    let paid: i64 = o
                        .collections
                        .iter()
                        .filter(|c| c.on >= start && c.on <= end)
                        .map(|c| c.amount)
                        .sum();
                    if paid > 0 {
                        collected.0 += paid;
                        collected.1.push(o.id);
                    }
                    let due = open_balance(o, s);
                    if due > 0 {
                        owed.0 += due;
                        owed.1.push(o.id);
                    }
                }
                (collected, owed)
            })
        })
    });
    let value_figures = move || {
        let r = values.get()?;
        let cur = currency();
        let buyers: Vec<_> = r
            .rows
            .iter()
            .filter(|row| row.value > 0)
            .map(|row| row.customer)
            .collect();
        let value = Working {
            formula: i18n.t(K::ValueFormula).into(),
            inputs: vec![(i18n.t(K::BuyingCustomers).into(), buyers.len().to_string())],
            arithmetic: String::new(),
            records: Some((
                format!("/analysis/abc?p={}", p()),
                i18n.t(K::AbcTitle).into(),
            )),
            customers: buyers,
        };
        let profit = Working {
            formula: i18n.t(K::ProfitFormula).into(),
            inputs: vec![(
                i18n.t(K::WithoutMargin).into(),
                r.without_margin.len().to_string(),
            )],
            arithmetic: String::new(),
            records: None,
            customers: Vec::new(),
        };
        let a: Vec<_> = data.customers.with(|all| {
            all.iter()
                .filter(|c| {
                    c.deleted_at.is_none()
                        && c.merged_into.is_none()
                        && c.value_class == ValueClass::A
                })
                .map(|c| c.id)
                .collect()
        });
        let a_ratio = Ratio::new(a.len() as u64, r.rows.len() as u64);
        let a_working = Working {
            formula: i18n.t(K::AShareFormula).into(),
            inputs: vec![],
            arithmetic: format!("{} ÷ {} = {}", a.len(), r.rows.len(), percent_text(a_ratio)),
            records: Some((
                "/customers?class=A&archived=all".into(),
                i18n.t(K::AbcStoredList).into(),
            )),
            customers: Vec::new(),
        };
        Some(view! {
            <Figure label=i18n.t(K::TotalValue) value=format_money(r.total_value, &cur) working=value testid="fig-value"/>
            <Figure label=i18n.t(K::TotalProfit) value=format_money(r.total_profit, &cur) working=profit testid="fig-profit"/>
            <Figure label=i18n.t(K::AShare) value=percent_text(a_ratio) working=a_working testid="fig-a-share"/>
        })
    };
    let money_figures = move || {
        let ((collected, paid_deals), (owed, owing_deals)) = money.get();
        let cur = currency();
        let working = |formula: K, n: usize| Working {
            formula: i18n.t(formula).into(),
            inputs: vec![(i18n.t(K::DealsCount).into(), n.to_string())],
            arithmetic: String::new(),
            records: Some((
                "/opportunities/list?status=won".into(),
                i18n.t(K::WonDealsList).into(),
            )),
            customers: Vec::new(),
        };
        view! {
            <Figure label=i18n.t(K::CollectedInPeriod) value=format_money(collected, &cur) working=working(K::CollectedFormula, paid_deals.len()) testid="fig-collected"/>
            <Figure label=i18n.t(K::OwedNow) value=format_money(owed, &cur) working=working(K::OwedFormula, owing_deals.len()) testid="fig-owed"/>
        }
    };
    let control = Memo::new(move |_| {
        let (start, end) = period.get().range();
        let p = Period::custom(start, end).ok()?;
        Some(data.settings.with(|s| {
            data.customers.with(|c| {
                data.follow_ups.with(|f| {
                    data.opportunities
                        .with(|o| sales_control(c, f, o, s, p, clock::today()))
                })
            })
        }))
    });
    let control_rows = move || {
        let cur = currency();
        control.get().unwrap_or_default().into_iter().map(|r: OwnerControl| {
            let owner = if r.owner.is_empty() { i18n.t(K::NoOwner).to_string() } else { r.owner.clone() };
            let target = match (r.target, r.target_met) {
                (Some(t), Some(met)) => format!("{} / {} ({})", format_money(r.collected, &cur), format_money(t, &cur), percent_text(met)),
                _ => format_money(r.collected, &cur),
            };
            view! {
                <tr data-testid="control-row">
                    <th scope="row">{owner}</th>
                    <td class="num">{r.visits.len()}</td>
                    <td class="num">{format!("{} ÷ {} = {}", r.effective_visits.len(), r.visits.len(), percent_text(r.effective_rate))}</td>
                    <td class="num">{format!("{} ÷ {}", r.won.len(), r.visits.len())}</td>
                    <td class="num">{r.developed.len()}</td>
                    <td class="num">{target}</td>
                    <td class="num">{r.overdue.len()}</td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <PeriodSelector path="/analysis"/>
        <div class="figures" data-testid="dashboard">
            {value_figures}
            {move || growth.get().map(|r| churn_figures(&r, i18n))}
            {move || funnel.get().map(|r| funnel_figures(&r, i18n))}
            {money_figures}
        </div>
        <h2 class="section-title">{move || i18n.t(K::ServiceQuality)}</h2>
        <div class="figures" data-testid="service-figures">
            {move || service.get().map(|f| service_figure_cards(&f, i18n, &p()))}
        </div>
        {move || service.get().map(|f| view! { <CasesByTable figures=f/> })}
        <section class="card">
            <h2>{move || i18n.t(K::SalesControl)}</h2>
            <p class="muted small">{move || i18n.t(K::SalesControlExplain)}</p>
            <div class="chart-scroll" tabindex="0" role="group" aria-label=move || i18n.t(K::SalesControl)>
                <table class="table compact" data-testid="sales-control">
                    <thead><tr>
                        <th scope="col">{move || i18n.t(K::FieldOwner)}</th>
                        <th scope="col" class="num">{move || i18n.t(K::Visits)}</th>
                        <th scope="col" class="num">{move || i18n.t(K::EffectiveVisitRate)}</th>
                        <th scope="col" class="num">{move || i18n.t(K::WonPerVisit)}</th>
                        <th scope="col" class="num">{move || i18n.t(K::Developed)}</th>
                        <th scope="col" class="num">{move || i18n.t(K::CollectedVsTarget)}</th>
                        <th scope="col" class="num">{move || i18n.t(K::OverdueFollowUps)}</th>
                    </tr></thead>
                    <tbody>{control_rows}</tbody>
                </table>
            </div>
        </section>
    }
}
