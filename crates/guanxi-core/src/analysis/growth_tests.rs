use super::*;
use crate::analysis::fixtures::{at, customer, id, move_to};
use crate::customers::commands::blank_customer;
use Lifecycle::*;

/// Twenty customers at the start of Q1 2025, two of them lost in the quarter, plus the
/// customers a real list has around them.
fn cohort() -> Vec<Customer> {
    // c1–c20: prospects since 2024.
    let mut cs: Vec<Customer> = (1..=20).map(|n| customer(n, "2024-01-01")).collect();
    for c in &mut cs[2..7] {
        move_to(c, Growth, "2024-06-01", ""); // c3–c7 grew before the quarter
    }
    move_to(&mut cs[0], Termination, "2025-01-10", "价格 Price"); // c1 lost in January
    move_to(&mut cs[7], Decline, "2025-02-10", "竞争对手 Competitor"); // c8 declining
    move_to(&mut cs[2], Maturity, "2025-03-01", ""); // c3 matures
    move_to(&mut cs[1], Termination, "2025-03-15", " 服务 Service "); // c2 lost in March
                                                                      // c21: lost before the quarter, so not at the start.
    let mut c21 = customer(21, "2024-01-01");
    move_to(&mut c21, Termination, "2024-12-01", "搬迁 Moved");
    // c22: new in February, lost in March: in March's churn, not in the rate.
    let mut c22 = customer(22, "2025-02-05");
    move_to(&mut c22, Termination, "2025-03-20", "价格 Price");
    // c23: an old record without history, created 20 January at the growth stage.
    let mut c23 = blank_customer(id(23), at("2025-01-20"));
    c23.lifecycle = Growth;
    // c24: in the trash; c25: merged away. Neither counts anywhere.
    let mut c24 = customer(24, "2024-01-01");
    move_to(&mut c24, Termination, "2025-02-01", "其他 Other");
    c24.deleted_at = Some(at("2025-02-02"));
    let mut c25 = customer(25, "2025-01-05");
    c25.merged_into = Some(id(1));
    // c26: imported as a former customer: not new, not churned.
    let mut c26 = customer(26, "2025-01-07");
    c26.lifecycle_history[0].to = Termination;
    c26.lifecycle = Termination;
    cs.extend([c21, c22, c23, c24, c25, c26]);
    cs
}

#[test]
fn churn_rate_and_group_lifecycle_of_a_quarter() {
    let q1 = Period::quarter(2025, 1).unwrap();
    let r = growth(&cohort(), q1);
    // At the start (end of 31 Dec 2024): c1–c20, not c21 (terminated), not c24 (trash).
    assert_eq!(r.at_start, (1..=20).map(id).collect::<Vec<_>>());
    assert_eq!(r.lost_from_start, vec![id(1), id(2)]);
    // 2 lost ÷ 20 at the start = 10%.
    assert_eq!(r.churn_rate, Ratio::new(2, 20));
    assert_eq!(r.churn_rate.percent(1), Some(100));
    // Group lifecycle = 1 ÷ 10% = 20 ÷ 2 = 10 quarters = 10 × 3 months ÷ 12 = 2.5 years.
    let life = r.lifecycle.unwrap();
    assert_eq!(life.periods, Ratio::new(20, 2));
    assert_eq!(life.periods.scaled(0), Some(10));
    assert_eq!(life.years, Ratio::new(60, 24));
    assert_eq!(life.years.scaled(1), Some(25));
}

#[test]
fn new_and_churned_month_by_month() {
    let r = growth(&cohort(), Period::quarter(2025, 1).unwrap());
    let summary: Vec<(Vec<Id>, Vec<Id>, i64)> = r
        .months
        .iter()
        .map(|m| {
            let churned = m.churned.iter().map(|c| c.customer).collect();
            (m.new.clone(), churned, m.net)
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            // January: c23 new (c26 is a former customer, c25 merged); c1 lost: 1 − 1 = 0.
            (vec![id(23)], vec![id(1)], 0),
            // February: c22 new (c24's loss is in the trash): 1 − 0 = +1.
            (vec![id(22)], vec![], 1),
            // March: c2 and c22 lost: 0 − 2 = −2.
            (vec![], vec![id(2), id(22)], -2),
        ]
    );
    assert_eq!(r.months[2].churned[0].reason, "服务 Service");
    // Three moves to termination: 价格 Price twice (c1, c22), 服务 Service once (c2).
    let reasons: Vec<(&str, u64)> = r
        .churn_reasons
        .iter()
        .map(|c| (c.reason.as_str(), c.count))
        .collect();
    assert_eq!(reasons, vec![("价格 Price", 2), ("服务 Service", 1)]);
}

#[test]
fn stages_at_the_end_and_moves_within_the_period() {
    let r = growth(&cohort(), Period::quarter(2025, 1).unwrap());
    // On 31 March: prospects c9–c20 (12); growth c4–c7 and c23 (5); maturity c3; decline c8;
    // terminated c1, c2, c21, c22, c26 (5). 12 + 0 + 5 + 1 + 1 + 5 = 24 customers, all but
    // the trashed and merged ones.
    let counts: Vec<u64> = r.stages_at_end.iter().map(|s| s.1).collect();
    assert_eq!(counts, [12, 0, 5, 1, 1, 5]);
    // Moves in the quarter: prospect→termination 3 (c1, c2, c22), prospect→decline 1 (c8),
    // growth→maturity 1 (c3). The 2024 moves and first stages are not counted.
    let mut want = [[0u64; 6]; 6];
    want[index(Prospect)][index(Termination)] = 3;
    want[index(Prospect)][index(Decline)] = 1;
    want[index(Growth)][index(Maturity)] = 1;
    assert_eq!(r.moves, want);
}

#[test]
fn no_churn_means_an_infinite_lifecycle() {
    let cs: Vec<Customer> = (1..=3).map(|n| customer(n, "2024-01-01")).collect();
    let r = growth(&cs, Period::month(2025, 1).unwrap());
    assert_eq!(r.churn_rate, Ratio::new(0, 3));
    assert_eq!(r.churn_rate.percent(1), Some(0));
    assert_eq!(r.lifecycle, None);
    // Nobody at the start: the rate is undefined, not 0%.
    let r = growth(&cs, Period::year(2023).unwrap());
    assert_eq!((r.churn_rate.percent(1), r.lifecycle), (None, None));
    // A period that is not whole months counts its days against 365.25: 1 lost of 4 over
    // 30 days → 4 periods × 30 days = 120 days = 120 × 4 ÷ 1461 = 480/1461 years ≈ 0.33.
    let p = Period::custom("2025-01-01".parse().unwrap(), "2025-01-30".parse().unwrap()).unwrap();
    let life = group_lifecycle(Ratio::new(1, 4), p).unwrap();
    assert_eq!(life.years, Ratio::new(480, 1461));
    assert_eq!(life.years.scaled(2), Some(33));
}
