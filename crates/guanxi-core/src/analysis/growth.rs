//! Customer growth and churn: new and lost customers month by month, the churn rate of a
//! period, the group lifecycle it implies (1 ÷ churn rate), why customers left, and how the
//! customers are spread over the six lifecycle stages.
//!
//! Every date comes from the lifecycle history as [`history`] repairs it. A customer is *new*
//! in the month of its history's first entry (its creation for records without one), unless
//! it was recorded as terminated from the start: an imported former customer is not growth.
//! A customer *churns* on a move to termination (从 any other stage to 客户终止期).
//!
//! The churn rate follows the course: customers lost in the period ÷ customers at the start.
//! "At the start" means existing and not terminated at the end of the day before the period.
//! Only those customers count in the numerator too (a customer who joined and left within the
//! period is shown among the month's churn but not in the rate), so the rate is never above
//! 100% and its inverse is a lifetime of the customers the period started with.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::analysis::period::Period;
use crate::analysis::ratio::Ratio;
use crate::analysis::scope::counts_customer;
use crate::customers::lifecycle::{history, stage_on};
use crate::model::ids::Id;
use crate::model::records::{Customer, Lifecycle};

/// One move to termination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Churn {
    pub customer: Id,
    pub on: NaiveDate,
    /// As stored (trimmed); empty when none was given.
    pub reason: String,
}

/// One month of the period (cut to the period at its ends).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthGrowth {
    pub month: Period,
    pub new: Vec<Id>,
    pub churned: Vec<Churn>,
    /// `new − churned`.
    pub net: i64,
}

/// How long the group of customers lasts at this churn rate: 1 ÷ churn rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupLifecycle {
    /// In periods like this one: customers at the start ÷ customers lost.
    pub periods: Ratio,
    /// In years. A period of whole calendar months is months ÷ 12 years long (a quarter is a
    /// quarter of a year whatever its days); any other period is days ÷ 365.25.
    pub years: Ratio,
}

/// A reason with how many customers gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReasonCount {
    pub reason: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrowthReport {
    pub period: Period,
    pub months: Vec<MonthGrowth>,
    /// Customers existing and not terminated at the start: the churn rate's denominator.
    pub at_start: Vec<Id>,
    /// Those of `at_start` who moved to termination in the period: its numerator.
    pub lost_from_start: Vec<Id>,
    /// `lost_from_start ÷ at_start` (undefined when nobody was there at the start).
    pub churn_rate: Ratio,
    /// `None` when nobody was lost: at a churn rate of 0 the lifecycle is infinite.
    pub lifecycle: Option<GroupLifecycle>,
    /// Every move to termination in the period, by reason, most frequent first.
    pub churn_reasons: Vec<ReasonCount>,
    /// How many customers were in each stage at the end of the period, in [`Lifecycle::ALL`]
    /// order (customers not yet existing are not counted).
    pub stages_at_end: [(Lifecycle, u64); 6],
    /// `moves[from][to]`: moves between stages within the period, indexed in
    /// [`Lifecycle::ALL`] order. A customer's first stage is not a move.
    pub moves: [[u64; 6]; 6],
}

impl GrowthReport {
    /// Every move to termination in the period, month by month.
    pub fn churned(&self) -> impl Iterator<Item = &Churn> {
        self.months.iter().flat_map(|m| m.churned.iter())
    }
}

fn index(stage: Lifecycle) -> usize {
    Lifecycle::ALL
        .iter()
        .position(|s| *s == stage)
        .expect("ALL lists every stage")
}

/// The group lifecycle at `churn_rate` for periods like `period` (see [`GroupLifecycle`]).
pub fn group_lifecycle(churn_rate: Ratio, period: Period) -> Option<GroupLifecycle> {
    let periods = churn_rate.inverse()?;
    let (n, d) = (periods.numerator, periods.denominator);
    let years = match period.whole_months() {
        Some(months) => Ratio::new(n * u64::from(months), d * 12),
        // 365.25 = 1461 / 4.
        None => Ratio::new(n * u64::from(period.days()) * 4, d * 1461),
    };
    Some(GroupLifecycle { periods, years })
}

/// Growth, churn and stages of the counted customers over `period`.
pub fn growth(customers: &[Customer], period: Period) -> GrowthReport {
    let mut months: Vec<MonthGrowth> = period
        .months()
        .map(|month| MonthGrowth {
            month,
            new: Vec::new(),
            churned: Vec::new(),
            net: 0,
        })
        .collect();
    let month_of = |day: NaiveDate| months.iter().position(|m| m.month.contains(day));
    let mut placed: Vec<(usize, Option<Id>, Option<Churn>)> = Vec::new();
    let mut at_start = Vec::new();
    let mut lost_from_start = BTreeSet::new();
    let mut stages_at_end = Lifecycle::ALL.map(|s| (s, 0u64));
    let mut moves = [[0u64; 6]; 6];
    let before = period.day_before();
    for c in customers.iter().filter(|c| counts_customer(c)) {
        let h = history(c);
        let there_at_start = before
            .and_then(|d| stage_on(&h, d))
            .is_some_and(|s| s != Lifecycle::Termination);
        if there_at_start {
            at_start.push(c.id);
        }
        if let Some(end) = stage_on(&h, period.end()) {
            stages_at_end[index(end)].1 += 1;
        }
        let first = &h[0];
        if first.to != Lifecycle::Termination {
            if let Some(m) = month_of(first.on) {
                placed.push((m, Some(c.id), None));
            }
        }
        for change in h.iter().filter(|ch| period.contains(ch.on)) {
            let Some(from) = change.from.filter(|f| *f != change.to) else {
                continue;
            };
            moves[index(from)][index(change.to)] += 1;
            if change.to == Lifecycle::Termination {
                if there_at_start {
                    lost_from_start.insert(c.id);
                }
                let churn = Churn {
                    customer: c.id,
                    on: change.on,
                    reason: change.reason.trim().to_string(),
                };
                placed.push((month_of(change.on).unwrap_or(0), None, Some(churn)));
            }
        }
    }
    for (m, new, churn) in placed {
        months[m].new.extend(new);
        months[m].churned.extend(churn);
    }
    for m in &mut months {
        m.churned.sort_by_key(|c| (c.on, c.customer));
        m.net = m.new.len() as i64 - m.churned.len() as i64;
    }
    let churn_rate = Ratio::new(lost_from_start.len() as u64, at_start.len() as u64);
    let mut report = GrowthReport {
        period,
        months,
        lost_from_start: at_start
            .iter()
            .copied()
            .filter(|id| lost_from_start.contains(id))
            .collect(),
        at_start,
        churn_rate,
        lifecycle: group_lifecycle(churn_rate, period),
        churn_reasons: Vec::new(),
        stages_at_end,
        moves,
    };
    report.churn_reasons = count_reasons(report.churned().map(|c| c.reason.as_str()));
    report
}

/// Reasons with their counts, most frequent first, then by text.
pub fn count_reasons<'a>(reasons: impl Iterator<Item = &'a str>) -> Vec<ReasonCount> {
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for r in reasons {
        *counts.entry(r).or_default() += 1;
    }
    let mut out: Vec<ReasonCount> = counts
        .into_iter()
        .map(|(reason, count)| ReasonCount {
            reason: reason.to_string(),
            count,
        })
        .collect();
    // Stable, so equal counts stay in text order.
    out.sort_by_key(|r| std::cmp::Reverse(r.count));
    out
}

#[cfg(test)]
#[path = "growth_tests.rs"]
mod tests;
