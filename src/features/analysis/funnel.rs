//! The sales funnel: deals that reached each stage with their value, the conversion between
//! stages, the win rate, the average days to close and why deals were lost.

use guanxi_core::analysis::funnel::{funnel, FunnelReport, FunnelScope};
use guanxi_core::analysis::period::Period;
use guanxi_core::model::money::format_money;
use guanxi_core::pipeline::opportunity::find_stage;
use guanxi_core::Id;
use leptos::prelude::*;

use crate::features::analysis::churn::{decimal_text, percent_text};
use crate::features::analysis::period::{use_period, PeriodSelector};
use crate::features::analysis::working::{Figure, Working};
use crate::features::pipeline::shared::{close_reason, stage_name};
use crate::i18n::{I18n, K};
use crate::ui::chart::{FunnelChart, FunnelStep};
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

/// The funnel for the period and scope in the URL (`scope=worked` or created, the default).
pub fn use_funnel() -> Memo<Option<FunnelReport>> {
    let Kit { data, .. } = use_kit();
    let period = use_period();
    let scope = query_param("scope");
    Memo::new(move |_| {
        let (start, end) = period.get().range();
        let p = Period::custom(start, end).ok()?;
        let scope = if scope.get() == "worked" {
            FunnelScope::Worked
        } else {
            FunnelScope::Created
        };
        Some(data.settings.with(|s| {
            data.customers
                .with(|c| data.opportunities.with(|o| funnel(c, o, s, p, scope)))
        }))
    })
}

/// Links to the deals behind a figure, by title.
#[component]
pub fn DealLinks(ids: Vec<Id>) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let n = ids.len();
    let links = move || {
        data.opportunities.with(|all| {
            let titles: std::collections::HashMap<_, _> =
                all.iter().map(|o| (o.id, o.title.as_str())).collect();
            ids.iter()
                .take(200)
                .map(|id| {
                    let title = titles.get(id).copied().unwrap_or_default().to_string();
                    view! { <li><A href=format!("/opportunities/{id}")>{title}</A></li> }
                })
                .collect_view()
        })
    };
    view! {
        <details class="drill" data-testid="figure-deals">
            <summary>{move || i18n.fmt(K::ShowDeals, &[("n", &n.to_string())])}</summary>
            <ul class="chips">{links}</ul>
        </details>
    }
}

/// Win rate and days to close as figures with their working.
pub fn funnel_figures(r: &FunnelReport, i18n: I18n) -> impl IntoView {
    let won = r.won_in_period.len();
    let lost = r.lost_in_period.len();
    let win = Working {
        formula: i18n.t(K::WinRateFormula).into(),
        inputs: vec![
            (i18n.t(K::WonDeals).into(), won.to_string()),
            (i18n.t(K::LostDeals).into(), lost.to_string()),
        ],
        arithmetic: format!("{won} ÷ ({won} + {lost}) = {}", percent_text(r.win_rate)),
        records: Some((
            "/opportunities/list?status=won".into(),
            i18n.t(K::WonDealsList).into(),
        )),
        customers: Vec::new(),
    };
    let d = r.days_to_close;
    let days = Working {
        formula: i18n.t(K::DaysToCloseFormula).into(),
        inputs: vec![
            (i18n.t(K::TotalDays).into(), d.numerator.to_string()),
            (i18n.t(K::WonDeals).into(), d.denominator.to_string()),
        ],
        arithmetic: format!("{} ÷ {} = {}", d.numerator, d.denominator, decimal_text(d)),
        records: None,
        customers: Vec::new(),
    };
    view! {
        <Figure label=i18n.t(K::WinRate) value=percent_text(r.win_rate) working=win testid="fig-win-rate"/>
        <Figure label=i18n.t(K::DaysToClose) value=decimal_text(d) working=days testid="fig-days-to-close"/>
    }
}

#[component]
pub fn FunnelPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let report = use_funnel();
    let scope = query_param("scope");
    let set = use_query_setter("/analysis/funnel");
    let body = move || {
        let r = report.get()?;
        let name = |id: &str| {
            data.settings.with(|s| {
                find_stage(s, id)
                    .map(|st| stage_name(st, i18n))
                    .unwrap_or_else(|| id.to_string())
            })
        };
        let steps = r
            .stages
            .iter()
            .map(|st| FunnelStep {
                name: name(&st.stage),
                count: st.deals.len() as u64,
                shown: format!(
                    "{} · {}",
                    st.deals.len(),
                    format_money(st.value, &r.currency)
                ),
            })
            .collect();
        let rows = r
            .stages
            .iter()
            .map(|st| {
                view! {
                    <tr data-testid="funnel-stage">
                        <td>{name(&st.stage)}</td>
                        <td class="num">{st.deals.len()}</td>
                        <td class="num">{format_money(st.value, &r.currency)}</td>
                        <td><DealLinks ids=st.deals.clone()/></td>
                    </tr>
                }
            })
            .collect_view();
        let conversions = r.conversions.iter().map(|c| view! {
            <tr data-testid="funnel-conversion">
                <td>{format!("{} → {}", name(&c.from), name(&c.to))}</td>
                <td class="num">{format!("{} ÷ {}", c.rate.numerator, c.rate.denominator)}</td>
                <td class="num">{percent_text(c.rate)}</td>
            </tr>
        }).collect_view();
        let reasons = r.lost_reasons.iter().map(|l| {
            let reason = if l.reason.is_empty() { i18n.t(K::NoReasonGiven).to_string() } else { close_reason(&l.reason, i18n) };
            view! { <tr><td>{reason}</td><td class="num">{l.count}</td><td class="num">{format_money(l.value, &r.currency)}</td></tr> }
        }).collect_view();
        let left_out = (!r.left_out.is_empty()).then(|| view! {
            <p class="alert alert-warn">{i18n.fmt(K::DealsNotCounted, &[("n", &r.left_out.len().to_string()), ("currency", &r.currency)])}</p>
        });
        Some(view! {
            <div class="figures">{funnel_figures(&r, i18n)}</div>
            {left_out}
            <div class="detail-grid">
                <section class="card">
                    <h2>{i18n.t(K::FunnelTitle)}</h2>
                    <p class="muted small">{i18n.t(K::FunnelExplain)}</p>
                    <FunnelChart title=i18n.t(K::FunnelTitle) steps=steps testid="funnel-chart"/>
                </section>
                <section class="card">
                    <h2>{i18n.t(K::Conversions)}</h2>
                    <table class="table compact" data-testid="funnel-conversions"><tbody>{conversions}</tbody></table>
                </section>
            </div>
            <section class="card">
                <table class="table compact" data-testid="funnel-table">
                    <thead><tr>
                        <th scope="col">{i18n.t(K::FieldStage)}</th>
                        <th scope="col" class="num">{i18n.t(K::DealsCount)}</th>
                        <th scope="col" class="num">{i18n.t(K::FieldAmount)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
            <section class="card">
                <h2>{i18n.t(K::LostReasonsTitle)}</h2>
                <table class="table compact" data-testid="lost-reasons"><tbody>{reasons}</tbody></table>
            </section>
        })
    };
    view! {
        <PeriodSelector path="/analysis/funnel"/>
        <div class="period-bar">
            <label class="filter"><span>{move || i18n.t(K::FunnelScopeLabel)}</span>
                <select class="input" data-testid="funnel-scope" on:change=move |ev| set(&[("scope", Some(event_target_value(&ev)).filter(|v| v == "worked"))])>
                    <option value="created" selected=move || scope.get() != "worked">{move || i18n.t(K::FunnelScopeCreated)}</option>
                    <option value="worked" selected=move || scope.get() == "worked">{move || i18n.t(K::FunnelScopeWorked)}</option>
                </select>
            </label>
        </div>
        {body}
    }
}
