//! What a campaign achieved, with the working the course asks for:
//!
//! - response rate = members who responded ÷ members
//! - cost per lead = cost ÷ members who became an opportunity (or won)
//! - cost per won customer = cost ÷ members who won
//! - conversion = members who won ÷ members (and ÷ leads)
//! - won amount = the won deals whose source is the campaign
//! - ROI = (gross profit on those deals − cost) ÷ cost
//!
//! A member's response is the one typed, raised by the facts: a deal naming the campaign
//! makes its customer a lead, a won one a win. A customer with such a deal who was never
//! added still counts, as a member who came "through a deal", so the wins and the members
//! they are divided by agree. Only counted customers (not trashed, not merged away) count, and
//! money in the default currency only; deals in another are listed, not converted.

use std::collections::{HashMap, HashSet};

use crate::analysis::ratio::{round_div, Ratio};
use crate::analysis::scope::{default_currency, live_customers, LeftOutDeal};
use crate::analysis::value::{margin_of, profit};
use crate::marketing::campaign::{Campaign, MemberSource, Response};
use crate::model::ids::Id;
use crate::model::records::{Customer, Opportunity, Settings, StageOutcome};
use crate::pipeline::opportunity::outcome_of;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRow {
    pub customer: Id,
    pub contact: Option<Id>,
    /// `None` for a customer who came only through a deal naming the campaign.
    pub source: Option<MemberSource>,
    pub typed: Response,
    /// The response the figures count: the typed one raised by the customer's deals.
    pub response: Response,
    /// This customer's deals naming the campaign, won or not.
    pub deals: Vec<Id>,
    /// The won ones' amount (default currency).
    pub won_amount: i64,
}

/// A signed ratio for ROI, which is negative when the campaign lost money.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Roi {
    /// Won gross profit − cost.
    pub gain: i64,
    /// Cost; never 0 (no ROI without a cost).
    pub cost: i64,
}

impl Roi {
    /// In percent × 10 (`-125` reads −12.5%), rounded half away from zero.
    pub fn percent_tenths(self) -> i64 {
        round_div(i128::from(self.gain) * 1000, i128::from(self.cost))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CampaignFigures {
    pub currency: String,
    pub rows: Vec<MemberRow>,
    /// Members whose customer no longer counts (trashed or merged away), left out.
    pub not_counted: usize,
    pub members: u64,
    pub responded: u64,
    pub opted_out: u64,
    pub leads: u64,
    pub won_customers: u64,
    pub won_deals: Vec<Id>,
    pub won_amount: i64,
    /// Σ won amount × the customer's gross margin; `None` while a winner has no margin (the
    /// screen names them rather than show a wrong ROI).
    pub won_profit: Option<i64>,
    pub missing_margin: Vec<Id>,
    pub budget: i64,
    pub cost: i64,
    pub response_rate: Ratio,
    pub conversion: Ratio,
    pub lead_conversion: Ratio,
    /// Cost ÷ leads, rounded once; `None` without leads.
    pub cost_per_lead: Option<i64>,
    /// Cost ÷ won customers: also each such customer's acquisition cost.
    pub cost_per_won: Option<i64>,
    /// `None` without a cost or without the profit.
    pub roi: Option<Roi>,
    pub left_out: Vec<LeftOutDeal>,
}

fn per(cost: i64, count: u64) -> Option<i64> {
    (count > 0).then(|| round_div(i128::from(cost), i128::from(count)))
}

/// The figures of `campaign` from the records as they are now.
pub fn campaign_figures(
    campaign: &Campaign,
    customers: &[Customer],
    opportunities: &[Opportunity],
    settings: &Settings,
) -> CampaignFigures {
    let live = live_customers(customers);
    let currency = default_currency(settings);
    let mut left_out = Vec::new();
    // Deals naming the campaign, by customer, in the order stored.
    let mut deals_of: HashMap<Id, Vec<&Opportunity>> = HashMap::new();
    let mut deal_order: Vec<Id> = Vec::new();
    for o in opportunities.iter().filter(|o| {
        o.campaign_id == Some(campaign.id)
            && o.deleted_at.is_none()
            && live.contains_key(&o.customer_id)
    }) {
        if !deals_of.contains_key(&o.customer_id) {
            deal_order.push(o.customer_id);
        }
        deals_of.entry(o.customer_id).or_default().push(o);
    }

    let mut rows = Vec::new();
    let mut won_deals = Vec::new();
    let mut not_counted = 0;
    let mut seen = HashSet::new();
    let mut row = |customer: Id, contact, source, typed| {
        let deals = deals_of.get(&customer).map(Vec::as_slice).unwrap_or(&[]);
        let mut won_amount = 0i64;
        let mut derived = None;
        for o in deals {
            let won = outcome_of(o, settings) == StageOutcome::Won;
            derived = derived.max(Some(if won {
                Response::Won
            } else {
                Response::Opportunity
            }));
            if won {
                won_deals.push(o.id);
                match LeftOutDeal::check(o, settings, &currency) {
                    Some(l) => left_out.push(l),
                    None => won_amount = won_amount.saturating_add(o.amount),
                }
            }
        }
        let response = match derived {
            // A deal is a fact: it raises the typed response, and outweighs an opt-out typed
            // before the customer came back to buy.
            Some(d) if typed == Response::OptedOut => d,
            Some(d) => d.max(typed),
            None => typed,
        };
        MemberRow {
            customer,
            contact,
            source,
            typed,
            response,
            deals: deals.iter().map(|o| o.id).collect(),
            won_amount,
        }
    };
    for m in &campaign.members {
        if !seen.insert(m.customer_id) {
            continue;
        }
        if !live.contains_key(&m.customer_id) {
            not_counted += 1;
            continue;
        }
        rows.push(row(m.customer_id, m.contact_id, Some(m.source), m.response));
    }
    for customer in deal_order {
        if seen.insert(customer) {
            rows.push(row(customer, None, None, Response::Targeted));
        }
    }

    let count = |f: &dyn Fn(Response) -> bool| rows.iter().filter(|r| f(r.response)).count() as u64;
    let members = rows.len() as u64;
    let responded = count(&|r| r.responded());
    let opted_out = count(&|r| r == Response::OptedOut);
    let leads = count(&|r| matches!(r, Response::Opportunity | Response::Won));
    let won_customers = count(&|r| r == Response::Won);

    let mut won_amount = 0i64;
    let mut won_profit = Some(0i64);
    let mut missing_margin = Vec::new();
    for r in rows.iter().filter(|r| r.won_amount != 0) {
        won_amount = won_amount.saturating_add(r.won_amount);
        match margin_of(live[&r.customer], settings) {
            Some(m) => won_profit = won_profit.map(|p| p.saturating_add(profit(r.won_amount, m))),
            None => {
                missing_margin.push(r.customer);
                won_profit = None;
            }
        }
    }

    let cost = campaign.cost();
    CampaignFigures {
        currency,
        not_counted,
        members,
        responded,
        opted_out,
        leads,
        won_customers,
        won_deals,
        won_amount,
        missing_margin,
        budget: campaign.budget,
        cost,
        response_rate: Ratio::new(responded, members),
        conversion: Ratio::new(won_customers, members),
        lead_conversion: Ratio::new(won_customers, leads),
        cost_per_lead: per(cost, leads),
        cost_per_won: per(cost, won_customers),
        roi: won_profit.filter(|_| cost > 0).map(|p| Roi {
            gain: p.saturating_sub(cost),
            cost,
        }),
        won_profit,
        left_out,
        rows,
    }
}

/// What campaigns spent to win `customer`: for each live campaign that counts it as won, the
/// campaign's cost per won customer. The lifetime-profit screen uses their sum as the
/// acquisition cost when none was typed.
pub fn acquisition_costs(
    customer: Id,
    campaigns: &[Campaign],
    customers: &[Customer],
    opportunities: &[Opportunity],
    settings: &Settings,
) -> Vec<(Id, i64)> {
    campaigns
        .iter()
        .filter(|c| c.deleted_at.is_none() && c.cost() > 0)
        .filter(|c| {
            c.member(customer).is_some()
                || opportunities
                    .iter()
                    .any(|o| o.customer_id == customer && o.campaign_id == Some(c.id))
        })
        .filter_map(|c| {
            let f = campaign_figures(c, customers, opportunities, settings);
            let won = f
                .rows
                .iter()
                .any(|r| r.customer == customer && r.response == Response::Won);
            won.then_some((c.id, f.cost_per_won?))
        })
        .collect()
}
