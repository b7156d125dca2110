use super::*;
use crate::analysis::fixtures::{at, customer, deal, id};

/// Deals created in Q1 2025 on the default board (qualification → needs analysis → proposal →
/// negotiation → won / lost), plus a few around them.
fn deals() -> Vec<Opportunity> {
    let mut d = Vec::new();
    let mut n = 100;
    let mut add = |stage: &str, yuan: i64, created: &str, closed: Option<&str>| {
        n += 1;
        d.push(deal(n, 1, yuan, stage, created, closed));
    };
    for _ in 0..4 {
        add("qualification", 10_000, "2025-01-02", None);
    }
    for _ in 0..3 {
        add("needs_analysis", 20_000, "2025-01-02", None);
    }
    for _ in 0..2 {
        add("proposal", 30_000, "2025-01-02", None);
    }
    add("negotiation", 50_000, "2025-01-02", None);
    // Won: 5 Jan → 4 Feb is 30 days; 1 Feb → 3 Mar is 28 + 2 = 30 days.
    add("won", 100_000, "2025-01-05", Some("2025-02-04"));
    add("won", 60_000, "2025-02-01", Some("2025-03-03"));
    // Lost, with their reasons.
    add("lost", 10_000, "2025-01-02", Some("2025-02-10"));
    add("lost", 40_000, "2025-01-02", Some("2025-02-11"));
    add("lost", 20_000, "2025-01-02", Some("2025-02-12"));
    d[12].close_reason = "价格 Price".into();
    d[13].close_reason = " 价格 Price".into();
    d[14].close_reason = "竞争对手 Competitor".into();
    // Won in dollars, 1 → 11 March: 10 days. Counted, value left out.
    let mut usd = deal(118, 1, 9_000, "won", "2025-03-01", Some("2025-03-11"));
    usd.currency = "USD".into();
    // Created in 2024, won 10 January: 30 + 10 = 40 days. In the win rate, not the funnel.
    let old = deal(119, 1, 80_000, "won", "2024-12-01", Some("2025-01-10"));
    // In the trash, and of a trashed customer: nowhere.
    let mut trashed = deal(120, 1, 70_000, "won", "2025-01-02", Some("2025-01-03"));
    trashed.deleted_at = Some(at("2025-01-04"));
    let orphan = deal(121, 2, 70_000, "won", "2025-01-02", Some("2025-01-03"));
    d.extend([usd, old, trashed, orphan]);
    d
}

fn customers() -> Vec<Customer> {
    let mut gone = customer(2, "2024-01-01");
    gone.deleted_at = Some(at("2025-01-01"));
    vec![customer(1, "2024-01-01"), gone]
}

#[test]
fn funnel_counts_conversions_and_values() {
    let q1 = Period::quarter(2025, 1).unwrap();
    let r = funnel(
        &customers(),
        &deals(),
        &Settings::default(),
        q1,
        FunnelScope::Created,
    );
    // Reached each stage (open: their stage and those before; won: every open stage; lost:
    // lost only). Won = 2 in CNY + 1 in USD = 3.
    //   qualification  4 + 3 + 2 + 1 + 3 = 13
    //   needs analysis     3 + 2 + 1 + 3 =  9
    //   proposal               2 + 1 + 3 =  6
    //   negotiation                1 + 3 =  4
    //   won 3, lost 3
    let counts: Vec<(&str, usize)> = r
        .stages
        .iter()
        .map(|s| (s.stage.as_str(), s.deals.len()))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("qualification", 13),
            ("needs_analysis", 9),
            ("proposal", 6),
            ("negotiation", 4),
            ("won", 3),
            ("lost", 3)
        ]
    );
    // Values in ¥1,000 (the won deals bring 100 + 60 = 160 in CNY):
    //   qualification 4×10 + 3×20 + 2×30 + 50 + 160 = 370
    //   needs analysis       3×20 + 2×30 + 50 + 160 = 330
    //   proposal                    2×30 + 50 + 160 = 270
    //   negotiation                        50 + 160 = 210
    //   won 160, lost 10 + 40 + 20 = 70
    let values: Vec<i64> = r.stages.iter().map(|s| s.value / 100_000).collect();
    assert_eq!(values, [370, 330, 270, 210, 160, 70]);
    // Conversions: 9/13 ≈ 69.2%, 6/9 ≈ 66.7%, 4/6 ≈ 66.7%, 3/4 = 75%.
    let conv: Vec<(&str, &str, Ratio, Option<u64>)> = r
        .conversions
        .iter()
        .map(|c| (c.from.as_str(), c.to.as_str(), c.rate, c.rate.percent(1)))
        .collect();
    assert_eq!(
        conv,
        vec![
            (
                "qualification",
                "needs_analysis",
                Ratio::new(9, 13),
                Some(692)
            ),
            ("needs_analysis", "proposal", Ratio::new(6, 9), Some(667)),
            ("proposal", "negotiation", Ratio::new(4, 6), Some(667)),
            ("negotiation", "won", Ratio::new(3, 4), Some(750)),
        ]
    );
    assert_eq!(r.left_out.len(), 1);
    assert_eq!(
        (r.left_out[0].opportunity, r.left_out[0].currency.as_str()),
        (id(118), "USD")
    );
}

#[test]
fn win_rate_days_to_close_and_lost_reasons() {
    let q1 = Period::quarter(2025, 1).unwrap();
    let r = funnel(
        &customers(),
        &deals(),
        &Settings::default(),
        q1,
        FunnelScope::Created,
    );
    // Closed in Q1: won 2 (CNY) + 1 (USD) + 1 (created in 2024) = 4, lost 3.
    // Win rate 4 ÷ (4 + 3) = 4/7 ≈ 57.1%.
    assert_eq!(r.win_rate, Ratio::new(4, 7));
    assert_eq!(r.win_rate.percent(1), Some(571));
    // Days to close: 30 + 30 + 10 + 40 = 110 over 4 deals = 27.5 days.
    assert_eq!(r.days_to_close, Ratio::new(110, 4));
    assert_eq!(r.days_to_close.scaled(1), Some(275));
    // Lost: 价格 Price twice (¥10,000 + ¥40,000), 竞争对手 Competitor once (¥20,000).
    assert_eq!(
        r.lost_reasons,
        vec![
            LostReason {
                reason: "价格 Price".into(),
                count: 2,
                value: 5_000_000
            },
            LostReason {
                reason: "竞争对手 Competitor".into(),
                count: 1,
                value: 2_000_000
            },
        ]
    );
}

#[test]
fn deals_worked_in_a_period() {
    // In February: open since November (yes), lost in December (no), won in January (no),
    // created in March (no), won in February (yes).
    let d = vec![
        deal(1, 1, 100, "proposal", "2024-11-01", None),
        deal(2, 1, 100, "lost", "2024-11-01", Some("2024-12-01")),
        deal(3, 1, 100, "won", "2024-11-01", Some("2025-01-31")),
        deal(4, 1, 100, "qualification", "2025-03-01", None),
        deal(5, 1, 100, "won", "2025-01-15", Some("2025-02-01")),
    ];
    let feb = Period::month(2025, 2).unwrap();
    let r = funnel(
        &customers(),
        &d,
        &Settings::default(),
        feb,
        FunnelScope::Worked,
    );
    assert_eq!(r.stages[0].deals, vec![id(1), id(5)]);
    assert_eq!(r.stages[2].deals, vec![id(1), id(5)]);
    assert_eq!(r.stages[3].deals, vec![id(5)]);
    // Nothing lost in February: the win rate is 1 ÷ 1, and with no deals, undefined.
    assert_eq!(r.win_rate, Ratio::new(1, 1));
    let r = funnel(
        &customers(),
        &[],
        &Settings::default(),
        feb,
        FunnelScope::Worked,
    );
    assert_eq!(
        (r.win_rate.percent(1), r.days_to_close.scaled(0)),
        (None, None)
    );
}
