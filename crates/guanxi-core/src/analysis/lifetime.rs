//! Customer lifetime value, two ways the course teaches it.
//!
//! *Lifetime profit* (客户终身利润), what a customer has brought so far: base profit (its won
//! deals, all time, × margin), plus cross-sell contribution, cost savings and referral value
//! (the profit of the won deals of the customers it referred), minus costs (acquisition cost,
//! price discounts and referral damage). The deals come from the records;
//! the other terms are typed by the user into [`LifetimeInputs`].
//!
//! *Forecast CLV*, the textbook formula for what a customer will bring:
//! `CLV = m × r ÷ (1 + d − r)`, m the yearly margin, r the retention rate, d the discount rate.
//! Rates are basis points (1% = 100 bp) so the formula is exact until its one rounding.

use crate::analysis::ratio::round_div;
use crate::analysis::scope::{default_currency, live_customers, live_deals, LeftOutDeal};
use crate::analysis::value::{margin_of, profit};
use crate::model::ids::Id;
use crate::model::records::{Customer, LifetimeManual, Opportunity, Settings, StageOutcome};
use crate::pipeline::opportunity::outcome_of;

/// The terms of lifetime profit that are not in the records, in minor units of the default
/// currency, all 0 unless the user types them. Costs are entered as positive amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LifetimeInputs {
    pub cross_sell: i64,
    pub cost_savings: i64,
    pub acquisition_cost: i64,
    pub discounts: i64,
    pub referral_damage: i64,
}

impl From<LifetimeManual> for LifetimeInputs {
    fn from(m: LifetimeManual) -> Self {
        LifetimeInputs {
            cross_sell: m.cross_sell,
            cost_savings: m.cost_savings,
            acquisition_cost: m.acquisition_cost,
            discounts: m.discounts,
            referral_damage: m.referral_damage,
        }
    }
}

impl LifetimeInputs {
    /// These terms with the acquisition cost the campaigns that won the customer spent on it
    /// (see [`crate::marketing::roi::acquisition_costs`]) when none was typed: a typed cost is
    /// the user's better knowledge and wins. Whether the campaigns' figure was used comes back
    /// too, so the screen can say where the number came from.
    pub fn with_campaign_acquisition(mut self, from_campaigns: &[(Id, i64)]) -> (Self, bool) {
        let used = self.acquisition_cost == 0 && !from_campaigns.is_empty();
        if used {
            self.acquisition_cost = from_campaigns
                .iter()
                .fold(0i64, |sum, (_, cost)| sum.saturating_add(*cost));
        }
        (self, used)
    }
}

/// Won deals (all time, default currency) of one customer, and the profit on them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DealProfit {
    pub customer: Id,
    pub deals: Vec<Id>,
    pub revenue: i64,
    pub margin_percent: Option<u8>,
    /// `revenue × margin ÷ 100`, rounded once; `None` without a margin.
    pub profit: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifetimeProfit {
    pub currency: String,
    /// The customer's own won deals: the base profit.
    pub base: DealProfit,
    pub inputs: LifetimeInputs,
    /// One line per counted customer it referred.
    pub referrals: Vec<DealProfit>,
    /// The sum of the referrals' profits; `None` if one has no margin.
    pub referral_value: Option<i64>,
    /// acquisition cost + discounts + referral damage.
    pub costs: i64,
    /// base + cross-sell + cost savings + referral value − costs; `None` when a margin is
    /// missing (the screen asks for one instead of showing a wrong total).
    pub total: Option<i64>,
    /// Won deals in another currency, of the customer or its referrals, not added.
    pub left_out: Vec<LeftOutDeal>,
}

fn deal_profit(
    c: &Customer,
    deals: &[&Opportunity],
    settings: &Settings,
    currency: &str,
    left_out: &mut Vec<LeftOutDeal>,
) -> DealProfit {
    let mut line = DealProfit {
        customer: c.id,
        deals: Vec::new(),
        revenue: 0,
        margin_percent: margin_of(c, settings),
        profit: None,
    };
    let won = deals
        .iter()
        .filter(|o| o.customer_id == c.id && outcome_of(o, settings) == StageOutcome::Won);
    for o in won {
        match LeftOutDeal::check(o, settings, currency) {
            Some(left) => left_out.push(left),
            None => {
                line.deals.push(o.id);
                line.revenue = line.revenue.saturating_add(o.amount);
            }
        }
    }
    line.profit = line.margin_percent.map(|m| profit(line.revenue, m));
    line
}

/// The lifetime profit of `customer`; `None` if it does not count (trash, merged, unknown).
pub fn lifetime_profit(
    customer: Id,
    customers: &[Customer],
    opportunities: &[Opportunity],
    settings: &Settings,
    inputs: LifetimeInputs,
) -> Option<LifetimeProfit> {
    let live = live_customers(customers);
    let c = live.get(&customer)?;
    let deals = live_deals(opportunities, &live);
    let currency = default_currency(settings);
    let mut left_out = Vec::new();
    let base = deal_profit(c, &deals, settings, &currency, &mut left_out);
    let referrals: Vec<DealProfit> = customers
        .iter()
        .filter(|r| r.referred_by == Some(customer) && r.id != customer)
        .filter(|r| live.contains_key(&r.id))
        .map(|r| deal_profit(r, &deals, settings, &currency, &mut left_out))
        .collect();
    let referral_value = referrals
        .iter()
        .try_fold(0i64, |sum, r| Some(sum.saturating_add(r.profit?)));
    let costs = inputs
        .acquisition_cost
        .saturating_add(inputs.discounts)
        .saturating_add(inputs.referral_damage);
    let total = base.profit.zip(referral_value).map(|(b, r)| {
        b.saturating_add(inputs.cross_sell)
            .saturating_add(inputs.cost_savings)
            .saturating_add(r)
            .saturating_sub(costs)
    });
    Some(LifetimeProfit {
        currency,
        base,
        inputs,
        referrals,
        referral_value,
        costs,
        total,
        left_out,
    })
}

/// The inputs of the forecast formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClvInputs {
    /// m: the margin a customer brings in a year, in minor units.
    pub yearly_margin: i64,
    /// r: the share of customers kept each year, in basis points (80% = 8000).
    pub retention_bp: u32,
    /// d: the yearly discount rate, in basis points (10% = 1000).
    pub discount_bp: u32,
}

/// `m × r ÷ (1 + d − r)` with its working.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clv {
    pub inputs: ClvInputs,
    /// 1 + d − r, in basis points (the formula's denominator).
    pub denominator_bp: u32,
    /// In minor units, rounded half away from zero.
    pub value: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClvError {
    /// r ≥ 1 + d: the formula's denominator would be zero or negative (a customer kept for
    /// ever is worth more than any number).
    #[error("the retention rate must be below 1 + the discount rate")]
    RetentionTooHigh,
}

/// The forecast CLV: `m × r ÷ (1 + d − r)`.
pub fn clv(inputs: ClvInputs) -> Result<Clv, ClvError> {
    let one_plus_d = 10_000 + inputs.discount_bp;
    if inputs.retention_bp >= one_plus_d {
        return Err(ClvError::RetentionTooHigh);
    }
    let denominator_bp = one_plus_d - inputs.retention_bp;
    let value = round_div(
        i128::from(inputs.yearly_margin) * i128::from(inputs.retention_bp),
        i128::from(denominator_bp),
    );
    Ok(Clv {
        inputs,
        denominator_bp,
        value,
    })
}

/// What raising retention does to CLV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetentionWhatIf {
    pub before: Clv,
    pub after: Clv,
    /// The relative change of the exact (unrounded) CLV, in tenths of a percent, rounded half
    /// away from zero: `after ÷ before − 1`. `None` when the CLV before is 0.
    pub change_permille: Option<i64>,
}

/// CLV before and after raising retention by `points_bp` basis points (5 points = 500).
pub fn raise_retention(inputs: ClvInputs, points_bp: u32) -> Result<RetentionWhatIf, ClvError> {
    let before = clv(inputs)?;
    let after = clv(ClvInputs {
        retention_bp: inputs.retention_bp.saturating_add(points_bp),
        ..inputs
    })?;
    // after ÷ before = (r₂ ÷ D₂) ÷ (r₁ ÷ D₁) = r₂·D₁ ÷ (r₁·D₂); m cancels.
    let (r1, r2) = (
        i128::from(before.inputs.retention_bp),
        i128::from(after.inputs.retention_bp),
    );
    let (d1, d2) = (
        i128::from(before.denominator_bp),
        i128::from(after.denominator_bp),
    );
    let change_permille = (r1 != 0 && inputs.yearly_margin != 0)
        .then(|| round_div(1000 * (r2 * d1 - r1 * d2), r1 * d2));
    Ok(RetentionWhatIf {
        before,
        after,
        change_permille,
    })
}

#[cfg(test)]
#[path = "lifetime_tests.rs"]
mod tests;
