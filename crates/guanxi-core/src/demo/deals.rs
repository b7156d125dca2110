//! The demo's sales opportunities, following each customer's lifecycle history: the first
//! purchase on the day a prospect became a development customer, further deals opened about
//! monthly while the customer is being worked (more often while growing, rarely while
//! declining, never after it left), won or lost when they closed, still open when they would
//! close after today. Won deals have their collections (回款): most paid in full in one to
//! three instalments, some only in part, recent ones often not yet.
//!
//! Amounts follow the customer's size, times a per-customer wallet, so a few large customers
//! bring most of the value and the ABC classes computed from it follow Pareto by themselves.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::customers::lifecycle::stage_on;
use crate::demo::generator::{reasons_in, DemoData, Gen};
use crate::demo::history::{day_of, ended_on};
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    default_close_reasons_lost, default_close_reasons_won, default_stages, Collection, Customer,
    CustomerKind, FollowUpStatus, Lifecycle, Opportunity, SizeBand, Stage, StageOutcome,
};
use crate::pipeline::opportunity::resolve_probability;

/// `day` at `hour`:00 UTC, kept between `lo` and `hi`.
fn at_hour(day: NaiveDate, hour: u32, lo: Timestamp, hi: Timestamp) -> Timestamp {
    let t = day
        .and_hms_opt(hour, 0, 0)
        .expect("valid time")
        .and_utc()
        .timestamp_millis();
    Timestamp(t.clamp(lo.0, hi.0.max(lo.0)))
}

/// A deal's amount range in thousands of yuan, by what kind of customer buys it.
fn thousands(c: &Customer) -> (i64, i64) {
    match (c.kind, c.size) {
        (CustomerKind::Person, _) => (5, 30),
        (_, SizeBand::Unknown | SizeBand::Micro) => (8, 40),
        (_, SizeBand::Small) => (10, 60),
        (_, SizeBand::Medium) => (20, 100),
        (_, SizeBand::Large) => (30, 180),
        (_, SizeBand::Enterprise) => (50, 300),
    }
}

/// How a deal in the plan ends.
#[derive(Clone, Copy, PartialEq)]
enum Plan {
    /// The first purchase: won on the day the customer moved to development.
    FirstPurchase,
    /// Worked from the day it opened; won, lost or still open as the history allows.
    Regular,
}

/// The payments on a deal won on `closed`: 1–3 instalments from the close on, one in ten
/// deals never paid in full; only those made by `today`.
fn collections(g: &mut Gen, amount: i64, unit: i64, closed: NaiveDate) -> Vec<Collection> {
    let n = g.rng.weighted(&[(1usize, 50), (2, 30), (3, 20)]);
    let round = |v: i64| (v / unit * unit).max(unit);
    let mut parts: Vec<i64> = match n {
        1 => vec![amount],
        2 => {
            let first = round(amount * g.rng.range(30, 70) / 100);
            vec![first, amount - first]
        }
        _ => {
            let first = round(amount * 3 / 10);
            let second = round(amount * 4 / 10);
            vec![first, second, amount - first - second]
        }
    };
    parts.retain(|&p| p > 0);
    if g.rng.chance(10) {
        // Partly paid: the last instalment never came (or only half of a single payment).
        if parts.len() > 1 {
            parts.pop();
        } else {
            parts[0] = round(amount / 2);
        }
    }
    let mut day = closed + Duration::days(g.rng.range(0, 45));
    let mut paid = Vec::new();
    for amount in parts {
        if day > g.today {
            break;
        }
        paid.push(Collection { on: day, amount });
        day += Duration::days(g.rng.range(20, 60));
    }
    paid
}

pub(super) fn generate_opportunities(g: &mut Gen, data: &mut DemoData) {
    let l = g.l;
    let stages = default_stages();
    let open_stages: Vec<&Stage> = stages
        .iter()
        .filter(|s| s.outcome == StageOutcome::Open)
        .collect();
    let won_stage = stages
        .iter()
        .find(|s| s.outcome == StageOutcome::Won)
        .expect("a won stage");
    let lost_stage = stages
        .iter()
        .find(|s| s.outcome == StageOutcome::Lost)
        .expect("a lost stage");
    // The default lists name each reason in both languages ("价格 Price"); a demo in one
    // language uses that language's half.
    let zh = g.zh();
    let won_reasons = reasons_in(default_close_reasons_won(), zh);
    let lost_reasons = reasons_in(default_close_reasons_lost(), zh);
    let mut interactions_of: HashMap<Id, Vec<usize>> = HashMap::new();
    for (i, x) in data.interactions.iter().enumerate() {
        interactions_of.entry(x.customer_id).or_default().push(i);
    }
    let mut follow_ups_of: HashMap<Id, Vec<usize>> = HashMap::new();
    for (i, f) in data.follow_ups.iter().enumerate() {
        follow_ups_of.entry(f.customer_id).or_default().push(i);
    }
    let today = g.today;
    for ci in 0..data.customers.len() {
        let c = &data.customers[ci];
        let history = c.lifecycle_history.clone();
        let ended = ended_on(&history);
        let created_on = day_of(c.created_at);
        let (lo, hi) = thousands(c);
        let wallet = g.rng.weighted(&[(1i64, 75), (2, 20), (3, 5)]);
        // A few customers are not tracked deal by deal: a yearly revenue typed by hand.
        if matches!(c.lifecycle, Lifecycle::Growth | Lifecycle::Maturity) && g.rng.chance(9) {
            let yearly = g.rng.range(lo, hi) * wallet * g.rng.range(2, 5) * 1_000 * 100;
            data.customers[ci].annual_revenue = Some(yearly);
            continue;
        }
        let c = &data.customers[ci];

        // The plan: when each deal opened and how it was meant to end.
        let mut plan: Vec<(NaiveDate, NaiveDate, Plan)> = Vec::new();
        for change in &history {
            // Also for a customer that came in buying (development from its first day).
            let became_customer = change.to == Lifecycle::Development
                && matches!(change.from, None | Some(Lifecycle::Prospect));
            if became_customer && g.rng.chance(85) {
                let opened = (change.on - Duration::days(g.rng.range(14, 75))).max(created_on);
                plan.push((opened, change.on, Plan::FirstPurchase));
            }
        }
        let mut day = created_on + Duration::days(g.rng.range(0, 30));
        while day <= today && ended.is_none_or(|e| day < e) {
            let chance = match stage_on(&history, day) {
                Some(Lifecycle::Prospect) => 6,
                Some(Lifecycle::Development) => 12,
                Some(Lifecycle::Growth) => 18,
                Some(Lifecycle::Maturity) => 15,
                Some(Lifecycle::Decline) => 6,
                _ => 0,
            };
            if g.rng.chance(chance) {
                let close = day + Duration::days(g.rng.range(10, 120));
                plan.push((day, close, Plan::Regular));
            }
            day += Duration::days(g.rng.range(20, 40));
        }

        let mut open_deals = 0;
        for (opened, planned_close, kind) in plan {
            // Where it ended: won, lost (at the latest when the customer left) or still open.
            let (stage, closed_on) = match kind {
                Plan::FirstPurchase => (won_stage, Some(planned_close)),
                Plan::Regular => match ended {
                    Some(end) if planned_close >= end => (lost_stage, Some(end)),
                    _ if planned_close <= today => {
                        let win = match stage_on(&history, planned_close) {
                            Some(Lifecycle::Development) => 45,
                            Some(Lifecycle::Growth | Lifecycle::Maturity) => 55,
                            Some(Lifecycle::Decline) => 25,
                            // A prospect that buys becomes a development customer, which
                            // the first purchase above stands for.
                            _ => 0,
                        };
                        if g.rng.chance(win) {
                            (won_stage, Some(planned_close))
                        } else {
                            (lost_stage, Some(planned_close))
                        }
                    }
                    _ => {
                        if c.archived || open_deals >= 2 {
                            continue;
                        }
                        open_deals += 1;
                        // Further along the longer it has been worked.
                        let done = (today - opened).num_days() * 4
                            / (planned_close - opened).num_days().max(1);
                        let k = if g.rng.chance(25) {
                            g.rng.below(open_stages.len() as u64) as usize
                        } else {
                            (done as usize).min(open_stages.len() - 1)
                        };
                        (open_stages[k], None)
                    }
                },
            };
            let yuan = g.rng.range(lo, hi) * wallet * 1_000;
            let (currency, amount, unit) = if g.rng.chance(5) {
                ("USD", (yuan / 7).max(100) / 100 * 100 * 100, 100 * 100)
            } else {
                ("CNY", yuan * 100, 100)
            };
            let minute = g.rng.range(9 * 60, 17 * 60);
            let created_at = Timestamp(
                (at_hour(opened, 0, c.created_at, g.now).0 + minute * 60_000)
                    .clamp(c.created_at.0, g.now.0.max(c.created_at.0)),
            );
            let opened_on = day_of(created_at).min(today);
            let closed_on = closed_on.map(|d| d.max(opened_on).min(today));
            let expected_close = match closed_on {
                Some(d) => Some(d + Duration::days(g.rng.range(-20, 20))),
                None if g.rng.chance(12) => Some(today - Duration::days(g.rng.range(1, 20))),
                None if g.rng.chance(90) => Some(planned_close.min(today + Duration::days(150))),
                None => None,
            };
            let wanted = (stage.outcome == StageOutcome::Open && g.rng.chance(15)).then(|| {
                let delta = *g.rng.pick(&[-10i64, -5, 5, 10, 15]);
                (i64::from(stage.probability) + delta).clamp(5, 95) as u8
            });
            let (probability, probability_overridden) = resolve_probability(stage, wanted);
            let close_reason = match stage.outcome {
                StageOutcome::Open => String::new(),
                StageOutcome::Won => g.rng.pick(&won_reasons).clone(),
                StageOutcome::Lost => g.rng.pick(&lost_reasons).clone(),
            };
            let competitors = match g.rng.weighted(&[(0usize, 65), (1, 25), (2, 10)]) {
                0 => Vec::new(),
                k => {
                    let mut picked: Vec<String> = Vec::new();
                    while picked.len() < k {
                        let name = g.rng.pick(l.competitors).to_string();
                        if !picked.contains(&name) {
                            picked.push(name);
                        }
                    }
                    picked
                }
            };
            let next_step = if stage.outcome == StageOutcome::Open && g.rng.chance(60) {
                g.rng.pick(l.next_steps).to_string()
            } else {
                String::new()
            };
            let paid = match (stage.outcome, closed_on) {
                (StageOutcome::Won, Some(d)) => collections(g, amount, unit, d),
                _ => Vec::new(),
            };
            // Closed deals were last touched when they closed or were last paid; half of the
            // open ones since they opened.
            let updated_at = match closed_on {
                Some(d) => {
                    let last = paid.last().map_or(d, |p| p.on.max(d));
                    at_hour(last, 18, created_at, g.now)
                }
                None if g.rng.chance(50) => {
                    Timestamp(created_at.0 + g.rng.range(0, g.now.0 - created_at.0))
                }
                None => created_at,
            };
            let o = Opportunity {
                id: g.rng.id(),
                created_at,
                updated_at,
                deleted_at: None,
                rev: if updated_at == created_at {
                    1
                } else {
                    g.rng.range(2, 6) as u32 + paid.len() as u32
                },
                customer_id: c.id,
                title: g.rng.pick(l.opportunity_titles).to_string(),
                amount,
                currency: currency.to_string(),
                stage: stage.id.clone(),
                probability,
                probability_overridden,
                expected_close,
                owner: c.owner.clone(),
                source: c.source.clone(),
                competitors,
                next_step,
                close_reason,
                closed_on,
                notes: String::new(),
                collections: paid,
                campaign_id: None,
            };
            // Link the work done on the customer while the deal was in play.
            let until = closed_on.unwrap_or(today);
            for &i in interactions_of.get(&c.id).into_iter().flatten() {
                let x = &mut data.interactions[i];
                let d = x.at.date();
                if x.opportunity_id.is_none() && d >= opened_on && d <= until && g.rng.chance(60) {
                    x.opportunity_id = Some(o.id);
                }
            }
            if closed_on.is_none() {
                for &i in follow_ups_of.get(&c.id).into_iter().flatten() {
                    let f = &mut data.follow_ups[i];
                    if f.opportunity_id.is_none()
                        && f.status == FollowUpStatus::Open
                        && g.rng.chance(50)
                    {
                        f.opportunity_id = Some(o.id);
                    }
                }
            }
            data.opportunities.push(o);
        }
    }
}
