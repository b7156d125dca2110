//! The demo customers' lives: when each one joined over the last 24 months (a growing
//! business, so more of them lately) and how it moved through the lifecycle since, with the
//! reason for every move to decline or termination.
//!
//! Each life is a monthly random walk from the creation day to today: prospects become
//! development customers, those grow and mature, some decline and most of the declining ones
//! either recover or leave. The step chances are tuned so that about 3% of the active
//! customers (development to decline) leave each month. A last pass makes sure a demo of a
//! couple of hundred customers shows churn in every one of the last 13 calendar months (the
//! current one included), so a churn chart never has a hole that is only chance.

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::customers::lifecycle::needs_reason;
use crate::demo::generator::Rng;
use crate::model::ids::Timestamp;
use crate::model::records::{Lifecycle, LifecycleChange};

/// How far back the demo's history reaches.
pub(super) const HISTORY_DAYS: i64 = 730;

const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Activity {
    /// Never contacted.
    None,
    /// Only contacted 100 to 180 days ago.
    Stale,
    Active,
}

/// One customer's life, decided before its record is made.
pub(super) struct Life {
    pub(super) activity: Activity,
    /// Whole days between the creation and today (0: created within the last hour).
    pub(super) created_days: i64,
    pub(super) created_at: Timestamp,
    /// Oldest first; the first entry is the creation day, the last one the current stage.
    pub(super) history: Vec<LifecycleChange>,
}

/// The day the customer left, if it did.
pub(super) fn ended_on(history: &[LifecycleChange]) -> Option<NaiveDate> {
    history
        .last()
        .filter(|c| c.to == Lifecycle::Termination)
        .map(|c| c.on)
}

/// The calendar day of a timestamp (UTC, as [`crate::customers::lifecycle`] reads it).
pub(super) fn day_of(t: Timestamp) -> NaiveDate {
    t.to_datetime().date_naive()
}

/// Days before today a customer was created: half uniformly over the 24 months, half
/// leaning towards the recent end (the nearer of two uniform picks), so about three times as
/// many customers join in the latest month as in the first.
fn joined_days_ago(rng: &mut Rng) -> i64 {
    let days = if rng.chance(50) {
        rng.range(1, HISTORY_DAYS)
    } else {
        rng.range(1, HISTORY_DAYS).min(rng.range(1, HISTORY_DAYS))
    };
    days.max(1)
}

/// The next stage after about a month in `stage`, with chances in per mille.
fn step(rng: &mut Rng, stage: Lifecycle) -> Lifecycle {
    use Lifecycle::*;
    let moves: &[(Lifecycle, u64)] = match stage {
        Prospect => &[(Development, 170), (Termination, 20)],
        Development => &[(Growth, 150), (Decline, 35), (Termination, 25)],
        Growth => &[(Maturity, 100), (Decline, 35), (Termination, 15)],
        Maturity => &[(Decline, 30), (Termination, 10)],
        Decline => &[(Growth, 80), (Maturity, 45), (Termination, 180)],
        Termination => &[],
    };
    let mut n = rng.below(1000);
    for &(to, chance) in moves {
        if n < chance {
            return to;
        }
        n -= chance;
    }
    stage
}

/// A churn reason: price and competitors most often, moving away rarely.
fn churn_reason(rng: &mut Rng, reasons: &[String]) -> String {
    const WEIGHTS: [u64; 6] = [30, 15, 25, 15, 5, 10];
    let weighted: Vec<(usize, u64)> = (0..reasons.len())
        .map(|i| (i, WEIGHTS.get(i).copied().unwrap_or(10)))
        .collect();
    reasons[rng.weighted(&weighted)].clone()
}

/// The lives of `count` customers. `churn_reasons` are in the demo's language.
pub(super) fn lives(
    rng: &mut Rng,
    count: usize,
    today: NaiveDate,
    now: Timestamp,
    churn_reasons: &[String],
) -> Vec<Life> {
    let mut lives: Vec<Life> = (0..count)
        .map(|_| life(rng, today, now, churn_reasons))
        .collect();
    churn_every_month(rng, &mut lives, today, churn_reasons);
    lives
}

fn life(rng: &mut Rng, today: NaiveDate, now: Timestamp, churn_reasons: &[String]) -> Life {
    let activity = rng.weighted(&[
        (Activity::None, 12),
        (Activity::Stale, 18),
        (Activity::Active, 70),
    ]);
    let created_days = match activity {
        // Contacted 100 to 180 days ago, so it existed by then.
        Activity::Stale => 181 + joined_days_ago(rng) * (HISTORY_DAYS - 181) / HISTORY_DAYS,
        _ if rng.chance(3) => 0,
        _ => joined_days_ago(rng),
    };
    let created_at = if created_days == 0 {
        Timestamp((now.0 - rng.range(0, 3_600_000)).max(0))
    } else {
        let jitter = rng.range(0, DAY_MS / 2);
        Timestamp((now.0 - created_days * DAY_MS - jitter).max(0))
    };
    let created_on = day_of(created_at);
    // Some come in buying (a referral, an order at a trade show); most start as prospects.
    let mut stage = if rng.chance(20) {
        Lifecycle::Development
    } else {
        Lifecycle::Prospect
    };
    let mut history = vec![LifecycleChange {
        on: created_on,
        from: None,
        to: stage,
        reason: String::new(),
    }];
    let mut day = created_on;
    let mut last_reason = String::new();
    loop {
        day += Duration::days(rng.range(20, 40));
        if day > today {
            break;
        }
        let next = step(rng, stage);
        if next == stage {
            continue;
        }
        let reason = if !needs_reason(next) {
            String::new()
        } else if stage == Lifecycle::Decline && rng.chance(60) {
            // Left for the reason it was slipping away.
            last_reason.clone()
        } else {
            churn_reason(rng, churn_reasons)
        };
        last_reason.clone_from(&reason);
        history.push(LifecycleChange {
            on: day,
            from: Some(stage),
            to: next,
            reason,
        });
        stage = next;
        if stage == Lifecycle::Termination {
            break;
        }
    }
    Life {
        activity,
        created_days,
        created_at,
        history,
    }
}

/// The first day of each of the last 13 calendar months, oldest first, with the last day
/// that counts in it (today for the current month).
pub(super) fn last_months(today: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let this_month = today.with_day(1).expect("first of the month");
    (0..13u32)
        .rev()
        .map(|k| {
            let start = this_month - Months::new(k);
            let end = (start + Months::new(1) - Duration::days(1)).min(today);
            (start, end)
        })
        .collect()
}

/// Makes sure some customer (not merely a prospect) left in each of the last 13 months: where
/// the walk gave none, an active customer whose last move is older than the month leaves on
/// a day in it.
fn churn_every_month(
    rng: &mut Rng,
    lives: &mut [Life],
    today: NaiveDate,
    churn_reasons: &[String],
) {
    if lives.is_empty() {
        return;
    }
    let months = last_months(today);
    let mut churned = vec![false; months.len()];
    for life in lives.iter() {
        // A customer lost, not a prospect given up.
        let lost = life
            .history
            .last()
            .filter(|c| c.to == Lifecycle::Termination && c.from != Some(Lifecycle::Prospect));
        if let Some(end) = lost.map(|c| c.on) {
            if let Some(k) = months.iter().position(|&(s, e)| s <= end && end <= e) {
                churned[k] = true;
            }
        }
    }
    for (k, &(start, end)) in months.iter().enumerate() {
        if churned[k] {
            continue;
        }
        for _ in 0..200 {
            let i = rng.below(lives.len() as u64) as usize;
            let life = &mut lives[i];
            let last = life.history.last().expect("never empty");
            let active = matches!(
                last.to,
                Lifecycle::Development
                    | Lifecycle::Growth
                    | Lifecycle::Maturity
                    | Lifecycle::Decline
            );
            if !active || last.on >= start {
                continue;
            }
            let from = last.to;
            let on = start + Duration::days(rng.range(0, (end - start).num_days()));
            life.history.push(LifecycleChange {
                on,
                from: Some(from),
                to: Lifecycle::Termination,
                reason: churn_reason(rng, churn_reasons),
            });
            break;
        }
    }
}
