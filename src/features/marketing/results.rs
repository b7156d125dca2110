//! A campaign's results, each figure with its formula, its inputs and the records behind it.

use guanxi_core::analysis::ratio::Ratio;
use guanxi_core::marketing::roi::CampaignFigures;
use guanxi_core::model::money::format_money;
use leptos::prelude::*;

use crate::features::analysis::churn::percent_text;
use crate::features::analysis::working::{Figure, Working};
use crate::features::marketing::campaign::roi_text;
use crate::i18n::K;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn ResultsCard(figures: Memo<Option<CampaignFigures>>) -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    let n = |v: u64| v.to_string();
    move || {
        let f = figures.get()?;
        let cur = f.currency.clone();
        let money = |v: i64| format_money(v, &cur);
        let cost = money(f.cost);
        let ratio = |formula: K, r: Ratio| Working {
            formula: i18n.t(formula).to_string(),
            arithmetic: format!(
                "{} ÷ {} = {}",
                n(r.numerator),
                n(r.denominator),
                percent_text(r)
            ),
            ..Default::default()
        };
        let per = |formula: K, count: u64, value: Option<i64>| Working {
            formula: i18n.t(formula).to_string(),
            arithmetic: format!(
                "{cost} ÷ {} = {}",
                n(count),
                value.map(&money).unwrap_or_else(|| "—".into())
            ),
            ..Default::default()
        };
        let won_customers: Vec<_> = f
            .rows
            .iter()
            .filter(|r| r.response == guanxi_core::marketing::Response::Won)
            .map(|r| r.customer)
            .collect();
        let profit_text = f.won_profit.map(&money).unwrap_or_else(|| "—".into());
        let roi_working = Working {
            formula: i18n.t(K::WorkingRoi).to_string(),
            arithmetic: match (f.roi, f.cost, f.won_profit) {
                (Some(_), _, _) => {
                    format!("({profit_text} − {cost}) ÷ {cost} = {}", roi_text(f.roi))
                }
                (None, 0, _) => i18n.t(K::RoiNoCost).to_string(),
                _ => i18n.fmt(
                    K::RoiNoMargin,
                    &[("n", &f.missing_margin.len().to_string())],
                ),
            },
            customers: f.missing_margin.clone(),
            ..Default::default()
        };
        Some(view! {
            <h2 class="section-title">{i18n.t(K::FiguresTitle)}</h2>
            {(f.not_counted > 0).then(|| view! {
                <p class="muted">{i18n.fmt(K::MembersNotCounted, &[("n", &f.not_counted.to_string())])}</p>
            })}
            {(!f.left_out.is_empty()).then(|| view! {
                <p class="muted">{i18n.fmt(K::CampaignLeftOutDeals, &[("n", &f.left_out.len().to_string())])}</p>
            })}
            <div class="figures" data-testid="campaign-figures">
                <Figure label=i18n.t(K::FigureResponseRate) value=percent_text(f.response_rate)
                    working=ratio(K::WorkingResponse, f.response_rate) testid="fig-response"/>
                <Figure label=i18n.t(K::FigureCostPerLead) value=f.cost_per_lead.map(&money).unwrap_or_else(|| "—".into())
                    working=per(K::WorkingCostPerLead, f.leads, f.cost_per_lead) testid="fig-cost-per-lead"/>
                <Figure label=i18n.t(K::FigureCostPerWon) value=f.cost_per_won.map(&money).unwrap_or_else(|| "—".into())
                    working=per(K::WorkingCostPerWon, f.won_customers, f.cost_per_won) testid="fig-cost-per-won"/>
                <Figure label=i18n.t(K::FigureConversion) value=percent_text(f.conversion)
                    working=ratio(K::WorkingConversion, f.conversion) testid="fig-conversion"/>
                <Figure label=i18n.t(K::FigureLeadConversion) value=percent_text(f.lead_conversion)
                    working=ratio(K::WorkingLeadConversion, f.lead_conversion) testid="fig-lead-conversion"/>
                <Figure label=i18n.t(K::FigureWonAmount) value=money(f.won_amount)
                    working=Working {
                        formula: i18n.fmt(K::WorkingWonAmount, &[("n", &f.won_deals.len().to_string())]),
                        customers: won_customers.clone(),
                        ..Default::default()
                    } testid="fig-won-amount"/>
                <Figure label=i18n.t(K::FigureWonProfit) value=profit_text.clone()
                    working=Working { formula: i18n.t(K::WorkingWonProfit).to_string(), customers: won_customers, ..Default::default() }
                    testid="fig-won-profit"/>
                <Figure label=i18n.t(K::FigureRoi) value=roi_text(f.roi) working=roi_working testid="fig-roi"/>
            </div>
        })
    }
}
