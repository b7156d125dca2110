//! The sales funnel (销售漏斗): how many deals reached each stage of the pipeline, how many
//! went on to the next, the win rate, how long winning takes and why deals were lost.
//!
//! Deals keep no stage history, only their current stage, so "reached" is inferred from the
//! board order of [`Settings::stages`]:
//! - an open deal reached every open stage up to and including its current one;
//! - a won deal reached every open stage, and its won stage;
//! - a lost deal is counted in its lost stage only: where it dropped out is not recorded, so
//!   it is not guessed.
//!
//! A stage's count is then "deals at this stage or beyond", and the conversion from one open
//! stage to the next is the next count ÷ this count. Counts include every deal; values only
//! deals in the default currency (the others are listed once in `left_out`).

use std::collections::BTreeMap;

use crate::analysis::period::Period;
use crate::analysis::ratio::Ratio;
use crate::analysis::scope::{
    created_on, default_currency, live_customers, live_deals, LeftOutDeal,
};
use crate::model::ids::Id;
use crate::model::records::{Customer, Opportunity, Settings, StageOutcome};
use crate::pipeline::opportunity::{close_date, outcome_of, pipeline_stages, stage_of};

/// Which deals the funnel is drawn over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunnelScope {
    /// Deals created in the period.
    Created,
    /// Deals being worked in the period: created by its end, and open now or closed on or
    /// after its start.
    Worked,
}

/// One stage of the funnel, in board order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunnelStage {
    /// The [`crate::model::records::Stage::id`].
    pub stage: String,
    pub outcome: StageOutcome,
    /// The deals counted here (for drill-down).
    pub deals: Vec<Id>,
    /// Their amounts in the default currency, in minor units.
    pub value: i64,
}

/// The share of deals at one stage that reached the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversion {
    pub from: String,
    pub to: String,
    pub rate: Ratio,
}

/// A stored lost reason with its deals' count and value (default currency).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostReason {
    pub reason: String,
    pub count: u64,
    pub value: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunnelReport {
    pub period: Period,
    pub scope: FunnelScope,
    pub currency: String,
    pub stages: Vec<FunnelStage>,
    /// Between consecutive open stages, then from the last open stage to won (all won stages
    /// together, named by the first).
    pub conversions: Vec<Conversion>,
    /// Deals won and lost with a close date in the period (whatever the scope).
    pub won_in_period: Vec<Id>,
    pub lost_in_period: Vec<Id>,
    /// Won ÷ (won + lost) among those.
    pub win_rate: Ratio,
    /// Total days from creation to close of the deals won in the period ÷ how many: the
    /// average days to close. A close date before the creation day counts as 0 days.
    pub days_to_close: Ratio,
    /// The deals lost in the period by stored reason (trimmed), most frequent first.
    pub lost_reasons: Vec<LostReason>,
    /// Deals in the funnel in another currency: counted, but not in the values.
    pub left_out: Vec<LeftOutDeal>,
}

fn in_scope(o: &Opportunity, settings: &Settings, period: Period, scope: FunnelScope) -> bool {
    let created = created_on(o);
    match scope {
        FunnelScope::Created => period.contains(created),
        FunnelScope::Worked => {
            created <= period.end()
                && match outcome_of(o, settings) {
                    StageOutcome::Open => true,
                    _ => close_date(o, settings).is_none_or(|d| d >= period.start()),
                }
        }
    }
}

/// The funnel of the counted deals in `period` (see the module docs for what "reached" means).
pub fn funnel(
    customers: &[Customer],
    opportunities: &[Opportunity],
    settings: &Settings,
    period: Period,
    scope: FunnelScope,
) -> FunnelReport {
    let live = live_customers(customers);
    let deals = live_deals(opportunities, &live);
    let currency = default_currency(settings);
    let board = pipeline_stages(settings);
    let mut stages: Vec<FunnelStage> = board
        .iter()
        .map(|s| FunnelStage {
            stage: s.id.clone(),
            outcome: s.outcome,
            deals: Vec::new(),
            value: 0,
        })
        .collect();
    let open: Vec<usize> = (0..board.len())
        .filter(|&i| board[i].outcome == StageOutcome::Open)
        .collect();
    let mut left_out = Vec::new();
    for o in deals
        .iter()
        .filter(|o| in_scope(o, settings, period, scope))
    {
        let stage = stage_of(o, settings);
        let at = board.iter().position(|s| s.id == stage.id).unwrap_or(0);
        let reached: Vec<usize> = match stage.outcome {
            StageOutcome::Open => open.iter().copied().filter(|&i| i <= at).collect(),
            StageOutcome::Won => open.iter().copied().chain([at]).collect(),
            StageOutcome::Lost => vec![at],
        };
        let left = LeftOutDeal::check(o, settings, &currency);
        let amount = if left.is_some() { 0 } else { o.amount };
        left_out.extend(left);
        for i in reached {
            stages[i].deals.push(o.id);
            stages[i].value = stages[i].value.saturating_add(amount);
        }
    }
    let count = |i: usize| stages[i].deals.len() as u64;
    let mut conversions: Vec<Conversion> = open
        .windows(2)
        .map(|w| Conversion {
            from: stages[w[0]].stage.clone(),
            to: stages[w[1]].stage.clone(),
            rate: Ratio::new(count(w[1]), count(w[0])),
        })
        .collect();
    let won_stages: Vec<usize> = (0..board.len())
        .filter(|&i| board[i].outcome == StageOutcome::Won)
        .collect();
    if let (Some(&last), Some(&first_won)) = (open.last(), won_stages.first()) {
        conversions.push(Conversion {
            from: stages[last].stage.clone(),
            to: stages[first_won].stage.clone(),
            rate: Ratio::new(won_stages.iter().map(|&i| count(i)).sum(), count(last)),
        });
    }

    let mut won_in_period = Vec::new();
    let mut lost_in_period = Vec::new();
    let mut total_days = 0u64;
    let mut lost: BTreeMap<&str, (u64, i64)> = BTreeMap::new();
    for o in &deals {
        let Some(closed) = close_date(o, settings).filter(|d| period.contains(*d)) else {
            continue;
        };
        match outcome_of(o, settings) {
            StageOutcome::Won => {
                won_in_period.push(o.id);
                total_days += (closed - created_on(o)).num_days().max(0) as u64;
            }
            StageOutcome::Lost => {
                lost_in_period.push(o.id);
                let line = lost.entry(o.close_reason.trim()).or_default();
                line.0 += 1;
                if LeftOutDeal::check(o, settings, &currency).is_none() {
                    line.1 = line.1.saturating_add(o.amount);
                }
            }
            StageOutcome::Open => {}
        }
    }
    let mut lost_reasons: Vec<LostReason> = lost
        .into_iter()
        .map(|(reason, (count, value))| LostReason {
            reason: reason.to_string(),
            count,
            value,
        })
        .collect();
    lost_reasons.sort_by_key(|r| std::cmp::Reverse(r.count));
    let (won, closed) = (
        won_in_period.len() as u64,
        (won_in_period.len() + lost_in_period.len()) as u64,
    );
    FunnelReport {
        period,
        scope,
        currency,
        stages,
        conversions,
        win_rate: Ratio::new(won, closed),
        days_to_close: Ratio::new(total_days, won),
        won_in_period,
        lost_in_period,
        lost_reasons,
        left_out,
    }
}

#[cfg(test)]
#[path = "funnel_tests.rs"]
mod tests;
