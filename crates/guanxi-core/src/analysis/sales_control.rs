//! Sales-process control (销售过程控制) per owner and period, as the course's daily-report
//! chapter measures a sales rep: visits made, how many of them recorded a result, deals won
//! per visit, new customers developed, collections against the target, overdue follow-ups.
//!
//! Visits are the visit plan's follow-ups (kind visit) marked done with their due date in the
//! period, because the contact log has no owner and the plan does. A visit is *effective* when
//! it recorded a result. A customer is *developed* by its owner when it moved from prospect to
//! development in the period. Collections are the payments dated in the period on deals the
//! owner holds, in the default currency; the target is the monthly target × whole months of
//! the period (no target for a period that is not whole months).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::analysis::period::Period;
use crate::analysis::ratio::Ratio;
use crate::analysis::scope::{counts_customer, default_currency};
use crate::customers::lifecycle::history;
use crate::model::ids::Id;
use crate::model::records::{
    Customer, FollowUp, FollowUpStatus, InteractionKind, Lifecycle, Opportunity, Settings,
    StageOutcome,
};
use crate::pipeline::opportunity::{close_date, outcome_of};

/// One owner's figures; ids are kept for drill-down.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerControl {
    pub owner: String,
    pub visits: Vec<Id>,
    pub effective_visits: Vec<Id>,
    /// `effective_visits ÷ visits`.
    pub effective_rate: Ratio,
    pub won: Vec<Id>,
    /// `won ÷ visits`.
    pub won_per_visit: Ratio,
    pub developed: Vec<Id>,
    pub collected: i64,
    /// `None` without a target or for a period that is not whole months.
    pub target: Option<i64>,
    /// `collected ÷ target`.
    pub target_met: Option<Ratio>,
    pub overdue: Vec<Id>,
}

fn entry<'a>(by: &'a mut BTreeMap<String, OwnerControl>, owner: &str) -> &'a mut OwnerControl {
    let key = owner.trim().to_string();
    by.entry(key.clone()).or_insert_with(|| OwnerControl {
        owner: key,
        ..Default::default()
    })
}

/// Every owner named in the settings or in the records, in name order; a blank owner is
/// listed under "" so nothing goes uncounted.
pub fn sales_control(
    customers: &[Customer],
    follow_ups: &[FollowUp],
    opportunities: &[Opportunity],
    settings: &Settings,
    period: Period,
    today: NaiveDate,
) -> Vec<OwnerControl> {
    let mut by: BTreeMap<String, OwnerControl> = BTreeMap::new();
    for o in &settings.owners {
        entry(&mut by, o);
    }
    let live: std::collections::HashSet<Id> = customers
        .iter()
        .filter(|c| counts_customer(c))
        .map(|c| c.id)
        .collect();
    for f in follow_ups
        .iter()
        .filter(|f| f.deleted_at.is_none() && live.contains(&f.customer_id))
    {
        if f.status == FollowUpStatus::Open && f.due < today {
            entry(&mut by, &f.owner).overdue.push(f.id);
        }
        if f.kind == InteractionKind::Visit
            && f.status == FollowUpStatus::Done
            && period.contains(f.due)
        {
            let r = entry(&mut by, &f.owner);
            r.visits.push(f.id);
            if !f.result.trim().is_empty() {
                r.effective_visits.push(f.id);
            }
        }
    }
    for c in customers.iter().filter(|c| counts_customer(c)) {
        let developed = history(c).iter().any(|m| {
            m.to == Lifecycle::Development
                && m.from == Some(Lifecycle::Prospect)
                && period.contains(m.on)
        });
        if developed {
            entry(&mut by, &c.owner).developed.push(c.id);
        }
    }
    let currency = default_currency(settings);
    for o in opportunities
        .iter()
        .filter(|o| o.deleted_at.is_none() && live.contains(&o.customer_id))
    {
        if outcome_of(o, settings) != StageOutcome::Won {
            continue;
        }
        let r = entry(&mut by, &o.owner);
        if close_date(o, settings).is_some_and(|d| period.contains(d)) {
            r.won.push(o.id);
        }
        let same_currency = o.currency.trim().is_empty() || o.currency == currency;
        if same_currency {
            for c in o.collections.iter().filter(|c| period.contains(c.on)) {
                r.collected = r.collected.saturating_add(c.amount);
            }
        }
    }
    let months = period.whole_months();
    by.into_values()
        .map(|mut r| {
            let visits = r.visits.len() as u64;
            r.effective_rate = Ratio::new(r.effective_visits.len() as u64, visits);
            r.won_per_visit = Ratio::new(r.won.len() as u64, visits);
            r.target = settings
                .collection_targets
                .iter()
                .find(|t| t.owner.trim() == r.owner)
                .zip(months)
                .map(|(t, m)| t.monthly.saturating_mul(i64::from(m)));
            r.target_met = r
                .target
                .filter(|t| *t > 0)
                .map(|t| Ratio::new(r.collected.max(0) as u64, t as u64));
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::commands::blank_customer;
    use crate::model::ids::Timestamp;
    use crate::model::records::{Collection, LifecycleChange, OwnerTarget};
    use crate::pipeline::commands::blank_opportunity;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn visit(n: u128, owner: &str, due: &str, status: FollowUpStatus, result: &str) -> FollowUp {
        FollowUp {
            id: Id::from_u128(n),
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            deleted_at: None,
            rev: 1,
            customer_id: Id::from_u128(1),
            contact_id: None,
            due: d(due),
            time: None,
            kind: InteractionKind::Visit,
            purpose: String::new(),
            place: String::new(),
            owner: owner.into(),
            status,
            result: result.into(),
            opportunity_id: None,
            recurrence: None,
        }
    }

    #[test]
    fn one_rep_in_one_quarter() {
        use FollowUpStatus::*;
        let mut c = blank_customer(Id::from_u128(1), Timestamp(1_735_689_600_000)); // 2025-01-01
        c.owner = "李雷".into();
        c.lifecycle = Lifecycle::Development;
        c.lifecycle_history = vec![
            LifecycleChange {
                on: d("2025-01-01"),
                from: None,
                to: Lifecycle::Prospect,
                reason: String::new(),
            },
            LifecycleChange {
                on: d("2026-02-10"),
                from: Some(Lifecycle::Prospect),
                to: Lifecycle::Development,
                reason: String::new(),
            },
        ];
        // Q1 2026: four visits done (three with a result), one outside the quarter, one
        // cancelled; one open follow-up overdue on 2026-04-15.
        let fs = vec![
            visit(10, "李雷", "2026-01-05", Done, "谈了价格"),
            visit(11, "李雷", "2026-02-05", Done, "见到采购"),
            visit(12, "李雷", "2026-03-05", Done, ""),
            visit(13, "李雷", "2026-03-30", Done, "签约意向"),
            visit(14, "李雷", "2026-04-02", Done, "Q2"),
            visit(15, "李雷", "2026-03-10", Cancelled, ""),
            visit(16, "李雷", "2026-04-01", Open, ""),
        ];
        let mut won = blank_opportunity(Id::from_u128(20), Id::from_u128(1), Timestamp(0));
        (won.stage, won.probability, won.owner) = ("won".into(), 100, "李雷".into());
        won.amount = 1_000_000;
        won.closed_on = Some(d("2026-02-20"));
        won.collections = vec![
            Collection {
                on: d("2026-03-01"),
                amount: 400_000,
            },
            Collection {
                on: d("2026-04-01"),
                amount: 600_000,
            },
        ];
        let settings = Settings {
            owners: vec!["李雷".into(), "韩梅梅".into()],
            collection_targets: vec![OwnerTarget {
                owner: "李雷".into(),
                monthly: 200_000,
            }],
            ..Settings::default()
        };
        let q1 = Period::quarter(2026, 1).unwrap();
        let rows = sales_control(&[c], &fs, &[won], &settings, q1, d("2026-04-15"));
        assert_eq!(
            rows.iter().map(|r| r.owner.as_str()).collect::<Vec<_>>(),
            ["李雷", "韩梅梅"]
        );
        let li = &rows[0];
        // Visits 4, effective 3 → 3 ÷ 4 = 75%; won 1 ÷ 4 visits; developed 1.
        assert_eq!((li.visits.len(), li.effective_rate), (4, Ratio::new(3, 4)));
        assert_eq!(li.won_per_visit, Ratio::new(1, 4));
        assert_eq!(li.developed, vec![Id::from_u128(1)]);
        // Collected ¥4,000 in the quarter against ¥2,000 × 3 months = ¥6,000 → 66.7%.
        assert_eq!((li.collected, li.target), (400_000, Some(600_000)));
        assert_eq!(li.target_met.unwrap().percent(1), Some(667));
        assert_eq!(li.overdue, vec![Id::from_u128(16)]);
        assert_eq!(rows[1].target, None);
        assert!(!rows[1].effective_rate.is_defined());
    }
}
