//! Tests of the demo's 24 months of history: lifecycle moves, deals and collections, referrals
//! and value classes.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};

use crate::analysis::abc::{classify, AbcThresholds};
use crate::customers::lifecycle::{needs_reason, stage_on};
use crate::demo::generator::values;
use crate::demo::history::last_months;
use crate::demo::{demo_settings, generate, DemoData, DemoLang};
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    close_reason_in, default_churn_reasons, Customer, Lifecycle, ValueClass,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
}

/// 2026-03-05 10:00 UTC.
fn now() -> Timestamp {
    Timestamp(
        today()
            .and_hms_opt(10, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis(),
    )
}

fn created_on(c: &Customer) -> NaiveDate {
    c.created_at.to_datetime().date_naive()
}

fn month_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

/// Moves to termination per month of the last 13, and the customers active (development to
/// decline) at the start of each.
fn churn_by_month(data: &DemoData) -> Vec<(NaiveDate, usize, usize)> {
    last_months(today())
        .into_iter()
        .map(|(start, end)| {
            let before = start.pred_opt().unwrap();
            let active = data
                .customers
                .iter()
                .filter(|c| {
                    matches!(
                        stage_on(&c.lifecycle_history, before),
                        Some(
                            Lifecycle::Development
                                | Lifecycle::Growth
                                | Lifecycle::Maturity
                                | Lifecycle::Decline
                        )
                    )
                })
                .count();
            let left = data
                .customers
                .iter()
                .flat_map(|c| &c.lifecycle_history)
                .filter(|m| {
                    // Customers lost, not prospects given up.
                    m.to == Lifecycle::Termination
                        && m.from != Some(Lifecycle::Prospect)
                        && m.on >= start
                        && m.on <= end
                })
                .count();
            (start, left, active)
        })
        .collect()
}

#[test]
fn every_history_starts_at_creation_moves_forward_and_ends_at_the_current_stage() {
    for lang in [DemoLang::Zh, DemoLang::En] {
        let zh = lang == DemoLang::Zh;
        let reasons: HashSet<String> = default_churn_reasons()
            .iter()
            .map(|r| close_reason_in(r, zh))
            .collect();
        for seed in [1, 2026] {
            let data = generate(1000, lang, seed, today(), now());
            let mut moves = 0;
            for c in &data.customers {
                let h = &c.lifecycle_history;
                assert!(!h.is_empty(), "{}", c.name);
                assert_eq!(h[0].from, None);
                assert_eq!(h[0].on, created_on(c));
                assert!(h[0].reason.is_empty());
                assert_eq!(h.last().unwrap().to, c.lifecycle, "{}", c.name);
                for w in h.windows(2) {
                    assert!(w[0].on <= w[1].on, "{h:?}");
                    assert_eq!(w[1].from, Some(w[0].to), "{h:?}");
                    assert_ne!(w[1].to, w[0].to, "{h:?}");
                    assert_ne!(w[0].to, Lifecycle::Termination, "nothing after leaving");
                    assert_ne!(w[1].to, Lifecycle::Prospect, "never a prospect again");
                    if needs_reason(w[1].to) {
                        assert!(reasons.contains(&w[1].reason), "{lang:?} {:?}", w[1]);
                    } else {
                        assert_eq!(w[1].reason, "", "{:?}", w[1]);
                    }
                    moves += 1;
                }
                let last = h.last().unwrap();
                assert!(last.on <= today());
                // Every move was an edit of the record.
                assert!(c.updated_at.to_datetime().date_naive() >= last.on);
                assert!(c.rev as usize >= h.len());
            }
            assert!(moves > 1000, "{moves}");
        }
    }
}

#[test]
fn nothing_happens_before_a_customer_exists_or_after_it_left() {
    let data = generate(1000, DemoLang::Zh, 7, today(), now());
    let customers: HashMap<Id, &Customer> = data.customers.iter().map(|c| (c.id, c)).collect();
    for i in &data.interactions {
        let c = customers[&i.customer_id];
        assert!(i.at.date() >= created_on(c) && i.created_at >= c.created_at);
        if let Some(end) = crate::demo::history::ended_on(&c.lifecycle_history) {
            assert!(i.at.date() <= end, "{} called after leaving", c.name);
        }
    }
    for o in &data.opportunities {
        let c = customers[&o.customer_id];
        assert!(o.created_at >= c.created_at);
        if let Some(end) = crate::demo::history::ended_on(&c.lifecycle_history) {
            assert!(o.closed_on.is_some_and(|d| d <= end), "open after leaving");
        }
        if o.stage == "won" {
            let at_close = stage_on(&c.lifecycle_history, o.closed_on.unwrap());
            assert!(
                matches!(
                    at_close,
                    Some(
                        Lifecycle::Development
                            | Lifecycle::Growth
                            | Lifecycle::Maturity
                            | Lifecycle::Decline
                    )
                ),
                "won while {at_close:?}"
            );
        }
    }
}

#[test]
fn customers_join_over_24_months_more_of_them_lately() {
    let data = generate(2000, DemoLang::Zh, 2026, today(), now());
    let mut per_month: HashMap<(i32, u32), usize> = HashMap::new();
    for c in &data.customers {
        let d = created_on(c);
        assert!(d <= today() && d > today() - Months::new(25), "{d}");
        *per_month.entry(month_of(d)).or_default() += 1;
    }
    let first = today() - Months::new(24);
    let months: Vec<usize> = (1..=24)
        .map(|k| {
            per_month
                .get(&month_of(first + Months::new(k)))
                .copied()
                .unwrap_or(0)
        })
        .collect();
    assert!(months.iter().all(|&n| n > 20), "{months:?}");
    let older: usize = months[..12].iter().sum();
    let recent: usize = months[12..].iter().sum();
    assert!(recent > older * 13 / 10, "{older} then {recent}");
}

#[test]
fn about_three_percent_leave_each_month_and_some_every_month() {
    let data = generate(10_000, DemoLang::Zh, 2026, today(), now());
    let churn = churn_by_month(&data);
    let (left, active) = churn[..12]
        .iter()
        .fold((0, 0), |(l, a), &(_, left, active)| (l + left, a + active));
    let permille = left * 1000 / active;
    assert!((20..=40).contains(&permille), "{permille}‰ a month");
    for &(start, left, active) in &churn[..12] {
        let rate = left * 1000 / active;
        assert!((10..=60).contains(&rate), "{start}: {left} of {active}");
    }
    // Even a small demo shows churn in every one of the last 13 months.
    for seed in [1, 2, 3, 2026] {
        for lang in [DemoLang::Zh, DemoLang::En] {
            let data = generate(200, lang, seed, today(), now());
            for (start, left, _) in churn_by_month(&data) {
                assert!(left > 0, "seed {seed}: nobody left in {start}");
            }
        }
    }
}

#[test]
fn won_deals_have_their_collections() {
    let data = generate(1000, DemoLang::Zh, 2026, today(), now());
    let (mut full, mut part, mut none) = (0, 0, 0);
    for o in &data.opportunities {
        if o.stage != "won" {
            assert!(o.collections.is_empty(), "{o:?}");
            continue;
        }
        let closed = o.closed_on.unwrap();
        let mut paid = 0;
        for w in o.collections.windows(2) {
            assert!(w[0].on <= w[1].on);
        }
        for p in &o.collections {
            assert!(p.amount > 0 && p.on >= closed && p.on <= today(), "{o:?}");
            paid += p.amount;
        }
        assert!(paid <= o.amount, "{o:?}");
        assert!(
            o.updated_at.to_datetime().date_naive()
                >= o.collections.last().map_or(closed, |p| p.on).min(today())
        );
        match paid {
            0 => none += 1,
            p if p == o.amount => full += 1,
            _ => part += 1,
        }
    }
    assert!(
        full > part && part > 20 && none > 10,
        "{full} {part} {none}"
    );
}

#[test]
fn referrals_name_an_earlier_customer() {
    for lang in [DemoLang::Zh, DemoLang::En] {
        let data = generate(1000, lang, 2026, today(), now());
        let customers: HashMap<Id, &Customer> = data.customers.iter().map(|c| (c.id, c)).collect();
        let referral = if lang == DemoLang::Zh {
            "转介绍"
        } else {
            "Referral"
        };
        let mut n = 0;
        for c in &data.customers {
            if let Some(r) = c.referred_by {
                let referrer = customers[&r];
                assert_eq!(c.source, referral);
                assert!(referrer.created_at < c.created_at);
                assert_ne!(referrer.id, c.id);
                n += 1;
            }
        }
        assert!(n > 40, "{lang:?}: {n}");
    }
}

#[test]
fn value_classes_are_the_abc_classes_of_the_values() {
    for count in [200, 2000] {
        let data = generate(count, DemoLang::Zh, 2026, today(), now());
        let v = values(&data, today());
        let table = classify(&v, AbcThresholds::default());
        let class: HashMap<Id, ValueClass> =
            table.rows.iter().map(|r| (r.customer, r.class)).collect();
        for (c, (id, value)) in data.customers.iter().zip(&v) {
            assert_eq!(c.id, *id);
            assert_eq!(c.value_class, class[id]);
            if *value == 0 {
                assert_eq!(c.value_class, ValueClass::C);
            }
        }
        let a = data
            .customers
            .iter()
            .filter(|c| c.value_class == ValueClass::A)
            .count();
        let share = a * 100 / count;
        assert!((15..=25).contains(&share), "{count}: {share}% A");
        let revenue = data
            .customers
            .iter()
            .filter(|c| c.annual_revenue.is_some())
            .count();
        assert!(revenue > 0 && revenue * 100 / count <= 6, "{revenue}");
    }
}

#[test]
fn demo_settings_have_margin_and_collection_targets() {
    let data = generate(500, DemoLang::Zh, 2026, today(), now());
    let s = demo_settings(&data);
    assert_eq!(s.gross_margin_percent, Some(30));
    let owners: Vec<&str> = s
        .collection_targets
        .iter()
        .map(|t| t.owner.as_str())
        .collect();
    assert_eq!(
        owners,
        data.owners.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(s
        .collection_targets
        .iter()
        .all(|t| t.monthly > 0 && t.monthly % 1_000_000 == 0));
    let margins = data
        .customers
        .iter()
        .filter(|c| c.gross_margin_percent.is_some())
        .count();
    assert!(margins > 5, "{margins}");
}

/// Prints the demo's figures: `cargo test -p guanxi-core demo_figures -- --ignored --nocapture`.
#[test]
#[ignore]
fn demo_figures() {
    for count in [200usize, 1000, 10_000] {
        let t0 = std::time::Instant::now();
        let data = generate(count, DemoLang::Zh, 2026, today(), now());
        println!("== {count} customers ({:?})", t0.elapsed());
        let mut per_month: std::collections::BTreeMap<(i32, u32), usize> = Default::default();
        for c in &data.customers {
            *per_month.entry(month_of(created_on(c))).or_default() += 1;
        }
        println!(
            "joined per month: {:?}",
            per_month.values().collect::<Vec<_>>()
        );
        let mut stages: std::collections::BTreeMap<Lifecycle, usize> = Default::default();
        for c in &data.customers {
            *stages.entry(c.lifecycle).or_default() += 1;
        }
        println!("current stages: {stages:?}");
        let churn = churn_by_month(&data);
        println!(
            "left per month (last 13, of active at start): {:?}",
            churn
                .iter()
                .map(|(d, l, a)| format!("{}:{l}/{a}", d.format("%Y-%m")))
                .collect::<Vec<_>>()
        );
        let declines: usize = data
            .customers
            .iter()
            .flat_map(|c| &c.lifecycle_history)
            .filter(|m| m.to == Lifecycle::Decline)
            .count();
        let recovered: usize = data
            .customers
            .iter()
            .flat_map(|c| &c.lifecycle_history)
            .filter(|m| m.from == Some(Lifecycle::Decline) && m.to != Lifecycle::Termination)
            .count();
        let mut reasons: std::collections::BTreeMap<&str, usize> = Default::default();
        for m in data.customers.iter().flat_map(|c| &c.lifecycle_history) {
            if m.to == Lifecycle::Termination {
                *reasons.entry(m.reason.as_str()).or_default() += 1;
            }
        }
        println!("moves to decline {declines}, recovered from decline {recovered}, termination reasons {reasons:?}");
        let won: Vec<_> = data
            .opportunities
            .iter()
            .filter(|o| o.stage == "won")
            .collect();
        let lost = data
            .opportunities
            .iter()
            .filter(|o| o.stage == "lost")
            .count();
        let open = data.opportunities.len() - won.len() - lost;
        println!(
            "deals {}: won {}, lost {lost}, open {open}",
            data.opportunities.len(),
            won.len()
        );
        let mut won_per_month: std::collections::BTreeMap<(i32, u32), usize> = Default::default();
        for o in &won {
            *won_per_month
                .entry(month_of(o.closed_on.unwrap()))
                .or_default() += 1;
        }
        println!(
            "won per month: {:?}",
            won_per_month.values().collect::<Vec<_>>()
        );
        let full = won
            .iter()
            .filter(|o| o.collections.iter().map(|p| p.amount).sum::<i64>() == o.amount)
            .count();
        let none = won.iter().filter(|o| o.collections.is_empty()).count();
        println!(
            "collections: fully paid {full}, partly {}, unpaid {none}",
            won.len() - full - none
        );
        let referred = data
            .customers
            .iter()
            .filter(|c| c.referred_by.is_some())
            .count();
        let revenue = data
            .customers
            .iter()
            .filter(|c| c.annual_revenue.is_some())
            .count();
        let margin = data
            .customers
            .iter()
            .filter(|c| c.gross_margin_percent.is_some())
            .count();
        println!("referred {referred}, annual revenue {revenue}, margin override {margin}");
        let mut abc = [0usize; 3];
        for c in &data.customers {
            abc[c.value_class as usize] += 1;
        }
        let valued = values(&data, today()).iter().filter(|v| v.1 > 0).count();
        println!("ABC {abc:?} (with value {valued})");
        println!("targets {:?}", demo_settings(&data).collection_targets);
    }
}

#[test]
fn demo_settings_have_segments_that_select_customers_in_the_demo_language() {
    use crate::marketing::segments::segment_counts;
    for (lang, growth) in [
        (DemoLang::Zh, "成长期客户"),
        (DemoLang::En, "Customers in growth"),
    ] {
        let data = generate(100, lang, 2026, today(), now());
        let s = demo_settings(&data);
        let names: Vec<&str> = s.segments.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert_eq!(names[2], growth);
        assert!(
            s.segments[0].query.starts_with("region="),
            "{:?}",
            s.segments[0]
        );
        assert!(
            s.segments[1].query.contains("class=A"),
            "{:?}",
            s.segments[1]
        );
        for (id, n) in segment_counts(&data.customers, &s.segments) {
            assert!(n > 0, "{id:?} selects nobody");
        }
        // The same customers again: the segments are the same, ids included.
        assert_eq!(
            demo_settings(&generate(100, lang, 2026, today(), now())).segments,
            s.segments
        );
    }
}

#[test]
fn demo_campaigns_aim_at_segments_and_their_members_deals_give_them_results() {
    use crate::marketing::roi::campaign_figures;
    for lang in [DemoLang::Zh, DemoLang::En] {
        let data = generate(100, lang, 2026, today(), now());
        let settings = demo_settings(&data);
        assert_eq!(data.campaigns.len(), 3);
        let figures: Vec<_> = data
            .campaigns
            .iter()
            .map(|c| campaign_figures(c, &data.customers, &data.opportunities, &settings))
            .collect();
        for (c, f) in data.campaigns.iter().zip(&figures) {
            assert!(f.members > 0, "{} has no members", c.name);
            assert!(settings.segments.iter().any(|s| Some(s.id) == c.segment));
        }
        let (fair, launch) = (&figures[0], &figures[2]);
        assert!(
            fair.won_customers > 0 && fair.leads >= fair.won_customers,
            "{fair:?}"
        );
        assert_eq!(fair.cost, 6_500_000);
        assert!(fair.roi.is_some());
        assert_eq!((launch.cost, launch.responded, launch.roi), (0, 0, None));
        // Whoever answered "opted out" carries the opt-out, so no later campaign reaches them.
        for m in data.campaigns.iter().flat_map(|c| &c.members) {
            if m.response == crate::marketing::Response::OptedOut {
                let c = data
                    .customers
                    .iter()
                    .find(|c| c.id == m.customer_id)
                    .unwrap();
                assert!(c.marketing_opt_out.is_some());
            }
        }
        if lang == DemoLang::Zh {
            println!(
                "fair: members {} responded {} leads {} won {} amount {} roi {:?}",
                fair.members,
                fair.responded,
                fair.leads,
                fair.won_customers,
                fair.won_amount,
                fair.roi.map(|r| r.percent_tenths())
            );
        }
    }
}
