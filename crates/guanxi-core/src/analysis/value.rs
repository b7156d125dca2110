//! A customer's value and profit in a period, the input of the ABC (80/20) analysis.
//!
//! Value is what the customer's won deals closed in the period bring, in the default currency.
//! A customer whose business is not tracked deal by deal has a yearly revenue typed by hand
//! (`annual_revenue`); where set, it replaces the deal sum, prorated by days:
//! `annual × days of the period ÷ days of the year` (365, or 366 in a leap year; a period
//! across two years adds each year's part). Profit is `value × gross margin% ÷ 100`, the margin
//! being the customer's own or the settings' default; no margin, no profit (the screen shows
//! value only). Both divisions round once, to the nearest minor unit, halves away from zero
//! ([`round_div`]).

use std::collections::HashMap;

use chrono::Datelike;

use crate::analysis::abc::{classify, AbcTable, AbcThresholds};
use crate::analysis::period::{days_in_year, Period};
use crate::analysis::ratio::{round_div, Ratio};
use crate::analysis::scope::{default_currency, live_customers, live_deals, LeftOutDeal};
use crate::model::ids::Id;
use crate::model::records::{Customer, Opportunity, Settings, StageOutcome, ValueClass};
use crate::pipeline::opportunity::{close_date, outcome_of};

/// Where a customer's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueSource {
    /// The sum of its won deals closed in the period.
    Deals,
    /// Its typed yearly revenue, prorated to the period.
    Manual,
}

/// The working of a prorated yearly revenue: `annual_revenue × share`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prorated {
    pub annual_revenue: i64,
    /// The part of a year the period is: days ÷ 365 (or 366). A period across two years has
    /// the denominator 365 × 366 = 133,590 so both parts add exactly.
    pub share: Ratio,
}

/// One customer's value in the period, with its working.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerValue {
    pub customer: Id,
    /// In minor units of the default currency.
    pub value: i64,
    pub source: ValueSource,
    /// The won deals added up (empty when the value is manual).
    pub deals: Vec<Id>,
    /// Set when the value is manual.
    pub prorated: Option<Prorated>,
    /// The gross margin used, in percent: the customer's own, else the settings' default.
    pub margin_percent: Option<u8>,
    /// `value × margin ÷ 100`, rounded; `None` without a margin.
    pub profit: Option<i64>,
}

/// Every counted customer's value in the period, in the order the customers were given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueReport {
    pub period: Period,
    /// The default currency every amount is in.
    pub currency: String,
    pub rows: Vec<CustomerValue>,
    pub total_value: i64,
    /// The sum of the profits that could be worked out (see `without_margin`).
    pub total_profit: i64,
    /// Customers with no margin, whose profit is missing from `total_profit`.
    pub without_margin: Vec<Id>,
    /// Won deals in the period in another currency, not added (customers valued by deals only).
    pub left_out: Vec<LeftOutDeal>,
}

/// The part of a year `period` is, counting each calendar year's days against that year's
/// length.
pub fn year_share(period: Period) -> Ratio {
    let years: Vec<(i32, u64)> = period
        .months()
        .fold(Vec::new(), |mut acc: Vec<(i32, u64)>, m| {
            let y = m.start().year();
            match acc.last_mut() {
                Some((last, days)) if *last == y => *days += u64::from(m.days()),
                _ => acc.push((y, u64::from(m.days()))),
            }
            acc
        });
    if let [(y, days)] = years[..] {
        return Ratio::new(days, u64::from(days_in_year(y)));
    }
    const BOTH: u64 = 365 * 366;
    let numerator = years
        .iter()
        .map(|&(y, days)| days * (BOTH / u64::from(days_in_year(y))))
        .sum();
    Ratio::new(numerator, BOTH)
}

/// A yearly revenue prorated to `period`, rounded half away from zero.
pub fn prorate(annual_revenue: i64, period: Period) -> Prorated {
    Prorated {
        annual_revenue,
        share: year_share(period),
    }
}

impl Prorated {
    pub fn value(&self) -> i64 {
        round_div(
            i128::from(self.annual_revenue) * i128::from(self.share.numerator),
            i128::from(self.share.denominator.max(1)),
        )
    }
}

/// The gross margin that applies to `c`: its own, else the settings' default; capped at 100.
pub fn margin_of(c: &Customer, settings: &Settings) -> Option<u8> {
    c.gross_margin_percent
        .or(settings.gross_margin_percent)
        .map(|m| m.min(100))
}

/// `value × margin_percent ÷ 100`, rounded half away from zero.
pub fn profit(value: i64, margin_percent: u8) -> i64 {
    round_div(i128::from(value) * i128::from(margin_percent), 100)
}

/// Won in `period` by the date it counts on ([`close_date`]).
pub(crate) fn won_in(o: &Opportunity, settings: &Settings, period: Period) -> bool {
    outcome_of(o, settings) == StageOutcome::Won
        && close_date(o, settings).is_some_and(|d| period.contains(d))
}

/// Every counted customer's value and profit in `period` (see the module docs for the rules).
pub fn customer_values(
    customers: &[Customer],
    opportunities: &[Opportunity],
    settings: &Settings,
    period: Period,
) -> ValueReport {
    let live = live_customers(customers);
    let currency = default_currency(settings);
    let mut won: HashMap<Id, Vec<&Opportunity>> = HashMap::new();
    for o in live_deals(opportunities, &live) {
        if won_in(o, settings, period) {
            won.entry(o.customer_id).or_default().push(o);
        }
    }
    let mut report = ValueReport {
        period,
        currency: currency.clone(),
        rows: Vec::new(),
        total_value: 0,
        total_profit: 0,
        without_margin: Vec::new(),
        left_out: Vec::new(),
    };
    for c in customers.iter().filter(|c| live.contains_key(&c.id)) {
        let deals = won.remove(&c.id).unwrap_or_default();
        let (value, source, counted, prorated) = match c.annual_revenue {
            Some(annual) => {
                let p = prorate(annual, period);
                (p.value(), ValueSource::Manual, Vec::new(), Some(p))
            }
            None => {
                let mut sum = 0i64;
                let mut counted = Vec::new();
                for o in deals {
                    match LeftOutDeal::check(o, settings, &currency) {
                        Some(left) => report.left_out.push(left),
                        None => {
                            sum = sum.saturating_add(o.amount);
                            counted.push(o.id);
                        }
                    }
                }
                (sum, ValueSource::Deals, counted, None)
            }
        };
        let margin_percent = margin_of(c, settings);
        let profit = margin_percent.map(|m| profit(value, m));
        report.total_value = report.total_value.saturating_add(value);
        match profit {
            Some(p) => report.total_profit = report.total_profit.saturating_add(p),
            None => report.without_margin.push(c.id),
        }
        report.rows.push(CustomerValue {
            customer: c.id,
            value,
            source,
            deals: counted,
            prorated,
            margin_percent,
            profit,
        });
    }
    report
}

/// The (customer, value) pairs [`classify`] ranks, in the report's order.
pub fn abc_values(report: &ValueReport) -> Vec<(Id, i64)> {
    report.rows.iter().map(|r| (r.customer, r.value)).collect()
}

/// The ABC classes of the customers in `report`.
pub fn classify_values(report: &ValueReport, thresholds: AbcThresholds) -> AbcTable {
    classify(&abc_values(report), thresholds)
}

/// One class "apply these classes" would write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClassChange {
    pub customer: Id,
    pub old: ValueClass,
    pub new: ValueClass,
}

/// The customers whose stored class differs from the one `table` gives them, in `table`'s
/// order; customers not in the table (or not counted) are left alone.
pub fn class_changes(customers: &[Customer], table: &AbcTable) -> Vec<ClassChange> {
    let live = live_customers(customers);
    table
        .rows
        .iter()
        .filter_map(|row| {
            let c = live.get(&row.customer)?;
            (c.value_class != row.class).then_some(ClassChange {
                customer: c.id,
                old: c.value_class,
                new: row.class,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "value_tests.rs"]
mod tests;
