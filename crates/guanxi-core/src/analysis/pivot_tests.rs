use super::*;
use crate::analysis::fixtures::{at, customer, deal, id, won};
use crate::model::records::Collection;

fn customers() -> Vec<Customer> {
    let mut cs: Vec<Customer> = (1..=5).map(|n| customer(n, "2024-06-01")).collect();
    for (c, industry, region) in [
        (0, "制造", "华东"),
        (1, "制造", "华南"),
        (2, "零售", "华东"),
        (3, " ", "华东"), // blank industry
        (4, "制造", "华东"),
    ] {
        cs[c].industry = industry.into();
        cs[c].region = region.into();
    }
    cs[0].value_class = ValueClass::A;
    cs[1].value_class = ValueClass::B;
    cs[4].deleted_at = Some(at("2025-01-01"));
    cs
}

fn values(p: &Pivot, unit: i64) -> Vec<Vec<i64>> {
    p.cells
        .iter()
        .map(|row| row.iter().map(|c| c.value / unit).collect())
        .collect()
}

#[test]
fn won_value_by_industry_and_region_with_totals() {
    let mut usd = won(16, 1, 9_000, "2025-02-01");
    usd.currency = "USD".into();
    let deals = vec![
        won(11, 1, 100_000, "2025-01-10"),
        won(12, 1, 50_000, "2025-03-31"),
        won(21, 2, 30_000, "2025-02-01"),
        won(31, 3, 20_000, "2025-02-01"),
        won(32, 3, 70_000, "2025-04-01"), // after the quarter
        won(41, 4, 10_000, "2025-02-01"),
        won(51, 5, 90_000, "2025-02-01"), // customer in the trash
        deal(13, 1, 80_000, "proposal", "2025-01-01", None), // open
        usd,
    ];
    let q1 = Period::quarter(2025, 1).unwrap();
    let p = pivot(
        &customers(),
        &deals,
        &Settings::default(),
        q1,
        Dimension::Industry,
        Dimension::Region,
        Measure::WonValue,
    );
    // In ¥1,000:
    //              华东   华南 | total
    //   制造        150     30 |  180   (100 + 50; 30)
    //   零售         20      0 |   20
    //   (blank)      10      0 |   10
    //   total       180     30 |  210
    assert_eq!(p.row_keys, ["制造", "零售", ""]);
    assert_eq!(p.column_keys, ["华东", "华南"]);
    assert_eq!(values(&p, 100_000), [[150, 30], [20, 0], [10, 0]]);
    let totals = |cells: &[PivotCell]| cells.iter().map(|c| c.value / 100_000).collect::<Vec<_>>();
    assert_eq!(totals(&p.row_totals), [180, 20, 10]);
    assert_eq!(totals(&p.column_totals), [180, 30]);
    assert_eq!(p.grand_total.value, 21_000_000);
    // Drill-down: the deals behind 制造 × 华东, and an empty cell.
    assert_eq!(p.cells[0][0].records, [id(11), id(12)]);
    assert!(p.cells[1][1].records.is_empty());
    assert_eq!(p.grand_total.records.len(), 5);
    assert_eq!(p.left_out.len(), 1);
}

#[test]
fn customers_by_class_and_deal_stage_count_each_customer_once_per_total() {
    // Customer 1 has a won deal and an open proposal, customer 2 a won deal, customers 3 and 4
    // none (blank stage).
    let deals = vec![
        won(11, 1, 100, "2025-01-10"),
        deal(12, 1, 100, "proposal", "2025-01-10", None),
        won(21, 2, 100, "2025-01-10"),
    ];
    let p = pivot(
        &customers(),
        &deals,
        &Settings::default(),
        Period::quarter(2025, 1).unwrap(),
        Dimension::ValueClass,
        Dimension::DealStage,
        Measure::Customers,
    );
    //          proposal  won  (none) | total
    //   A          1      1      0   |   1   (customer 1 in two cells, once in the total)
    //   B          0      1      0   |   1
    //   C          0      0      2   |   2
    //   total      1      2      2   |   4
    assert_eq!(p.row_keys, ["A", "B", "C"]);
    assert_eq!(p.column_keys, ["proposal", "won", ""]);
    assert_eq!(values(&p, 1), [[1, 1, 0], [0, 1, 0], [0, 0, 2]]);
    let totals = |cells: &[PivotCell]| cells.iter().map(|c| c.value).collect::<Vec<_>>();
    assert_eq!(totals(&p.row_totals), [1, 1, 2]);
    assert_eq!(totals(&p.column_totals), [1, 2, 2]);
    assert_eq!(p.grand_total.value, 4);
}

#[test]
fn weighted_pipeline_and_collections() {
    let mut a = deal(11, 1, 0, "proposal", "2025-01-02", None);
    a.amount = 10_000_001; // ¥100,000.01 at 50% = 5,000,000.5 fen → 5,000,001
    a.owner = "王".into();
    let mut b = deal(12, 2, 200_000, "negotiation", "2025-01-02", None); // 80%: ¥160,000
    b.owner = "李".into();
    let mut c = won(13, 1, 50_000, "2025-01-05");
    c.owner = "王".into();
    c.collections = vec![
        Collection {
            on: "2025-01-20".parse().unwrap(),
            amount: 1_000_000,
        },
        Collection {
            on: "2025-02-20".parse().unwrap(),
            amount: 500_000,
        },
        Collection {
            on: "2025-04-20".parse().unwrap(),
            amount: 999_999,
        },
    ];
    let deals = vec![a, b, c];
    let q1 = Period::quarter(2025, 1).unwrap();
    let run = |m| {
        pivot(
            &customers(),
            &deals,
            &Settings::default(),
            q1,
            Dimension::Owner,
            Dimension::Region,
            m,
        )
    };
    let w = run(Measure::WeightedPipeline);
    assert_eq!(w.row_keys, ["李", "王"]);
    assert_eq!(w.column_keys, ["华东", "华南"]);
    // 李's negotiation (customer 2, 华南): ¥200,000 × 80% = ¥160,000; 王's proposal
    // (customer 1, 华东): 10,000,001 × 50% = 5,000,000.5 → 5,000,001 fen. The won deal is
    // not pipeline.
    assert_eq!(values(&w, 1), [[0, 16_000_000], [5_000_001, 0]]);
    assert_eq!(w.grand_total.value, 16_000_000 + 5_000_001);
    // Collections in Q1: ¥10,000 + ¥5,000 (the April payment is outside).
    let c = run(Measure::Collections);
    assert_eq!(
        (c.row_keys.clone(), c.grand_total.value),
        (vec!["王".to_string()], 1_500_000)
    );
    assert_eq!(c.grand_total.records, [id(13)]);
}

#[test]
fn a_customer_broken_down_by_deal_keeps_its_own_owner_and_creation() {
    // Customer 1 (owner 张, created June 2024) has a deal owned by 王 created in 2025: counted
    // by customer, the owner and creation month are the customer's.
    let mut cs = customers();
    cs[0].owner = "张".into();
    let mut d = deal(11, 1, 100, "proposal", "2025-01-10", None);
    d.owner = "王".into();
    let p = pivot(
        &cs[..1],
        &[d],
        &Settings::default(),
        Period::quarter(2025, 1).unwrap(),
        Dimension::Owner,
        Dimension::DealStage,
        Measure::Customers,
    );
    assert_eq!(
        (p.row_keys, p.column_keys),
        (vec!["张".to_string()], vec!["proposal".to_string()])
    );
    let p = pivot(
        &cs[..1],
        &[],
        &Settings::default(),
        Period::quarter(2025, 1).unwrap(),
        Dimension::CreationQuarter,
        Dimension::CreationMonth,
        Measure::Customers,
    );
    assert_eq!(
        (p.row_keys, p.column_keys),
        (vec!["2024-Q2".to_string()], vec!["2024-06".to_string()])
    );
}
