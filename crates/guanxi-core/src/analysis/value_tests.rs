use super::*;
use crate::analysis::fixtures::{at, customer, day, deal, id, won};
use crate::model::records::ValueClass::{A, B, C};

/// Ten customers, values in Q1 2025 (¥10,000s): 1, 4, 3, 40, 6, 12, 5, 20, 8, 1 — total 100,
/// the ten-customer example of the ABC lesson, reached through deals and one manual revenue.
fn ten_customers() -> (Vec<Customer>, Vec<Opportunity>, Settings) {
    let mut customers: Vec<Customer> = (1..=12).map(|n| customer(n, "2024-06-01")).collect();
    customers[3].value_class = A; // customer 4: already A, no change to write
    customers[9].value_class = B; // customer 10: B, will become C
    customers[3].gross_margin_percent = Some(30);
    // Customer 6 is valued by hand: ¥486,666.67 a year; Q1 2025 is 31 + 28 + 31 = 90 days,
    // 48,666,667 fen × 90 ÷ 365 = 12,000,000.08 → 12,000,000 fen (¥120,000).
    customers[5].annual_revenue = Some(48_666_667);
    customers[10].deleted_at = Some(at("2025-02-01"));
    customers[11].merged_into = Some(id(1));
    let mut deals = vec![
        won(101, 1, 10_000, "2025-01-10"),
        won(102, 2, 40_000, "2025-02-10"),
        won(103, 3, 30_000, "2025-03-10"),
        // Customer 4: ¥300,000 + ¥100,000, the second on the last day of the quarter.
        won(104, 4, 300_000, "2025-01-15"),
        won(105, 4, 100_000, "2025-03-31"),
        won(106, 5, 60_000, "2025-02-01"),
        won(107, 6, 99_999, "2025-02-01"), // ignored: customer 6 is valued by hand
        won(108, 7, 50_000, "2025-02-01"),
        won(109, 8, 200_000, "2025-02-01"),
        won(110, 9, 80_000, "2025-02-01"),
        won(111, 10, 10_000, "2025-02-01"),
        // Not counted: closed after the quarter, lost, in the trash, of a trashed or merged
        // customer, and in dollars (listed as left out).
        won(112, 2, 77_000, "2025-04-01"),
        deal(113, 3, 55_000, "lost", "2025-01-01", Some("2025-02-02")),
        won(114, 5, 66_000, "2025-02-01"),
        won(115, 11, 88_000, "2025-02-01"),
        won(116, 12, 88_000, "2025-02-01"),
        won(117, 8, 5_000, "2025-02-01"),
    ];
    deals[13].deleted_at = Some(at("2025-02-03"));
    deals[16].currency = "USD".into();
    let settings = Settings {
        gross_margin_percent: Some(25),
        ..Settings::default()
    };
    (customers, deals, settings)
}

#[test]
fn values_and_the_80_20_cut_on_ten_customers() {
    let (customers, deals, settings) = ten_customers();
    let q1 = Period::quarter(2025, 1).unwrap();
    let report = customer_values(&customers, &deals, &settings, q1);
    let wan = 1_000_000; // ¥10,000 in fen
    let values: Vec<i64> = report.rows.iter().map(|r| r.value / wan).collect();
    assert_eq!(values, [1, 4, 3, 40, 6, 12, 5, 20, 8, 1]);
    assert_eq!(
        report.rows.len(),
        10,
        "trashed and merged customers left out"
    );
    assert_eq!(report.total_value, 100 * wan);
    assert_eq!(report.rows[3].deals, vec![id(104), id(105)]);
    let manual = &report.rows[5];
    assert_eq!(
        (manual.source, manual.deals.len(), manual.prorated),
        (
            ValueSource::Manual,
            0,
            Some(Prorated {
                annual_revenue: 48_666_667,
                share: Ratio::new(90, 365)
            })
        )
    );
    // Profit: customer 4 at its own 30%: ¥400,000 × 30% = ¥120,000; the other ¥600,000 at the
    // default 25% = ¥150,000; total ¥270,000.
    assert_eq!(report.rows[3].profit, Some(12 * wan));
    assert_eq!(report.rows[3].margin_percent, Some(30));
    assert_eq!(report.rows[0].profit, Some(wan / 4));
    assert_eq!(report.total_profit, 27 * wan);
    assert!(report.without_margin.is_empty());
    assert_eq!(
        report.left_out,
        vec![LeftOutDeal {
            opportunity: id(117),
            customer: id(8),
            currency: "USD".into(),
            amount: 500_000
        }]
    );

    // Ranked: 40 20 12 8 | 6 5 4 | 3 1 1 → A A A A | B B B | C C C (as in abc.rs: 4 customers
    // of 10 bring 40 + 20 + 12 + 8 = 80% of the value).
    let table = classify_values(&report, AbcThresholds::default());
    let by_customer: Vec<ValueClass> = (1..=10)
        .map(|n| {
            table
                .rows
                .iter()
                .find(|r| r.customer == id(n))
                .unwrap()
                .class
        })
        .collect();
    assert_eq!(by_customer, [C, B, C, A, B, A, B, A, A, C]);
    // Applying writes only the differences: customer 4 is already A and customers 1 and 3
    // already C; customer 10 goes from B to C. In ranking order: 8, 6, 9, 5, 7, 2, 10.
    let changes: Vec<(Id, ValueClass, ValueClass)> = class_changes(&customers, &table)
        .iter()
        .map(|c| (c.customer, c.old, c.new))
        .collect();
    assert_eq!(
        changes,
        vec![
            (id(8), C, A),
            (id(6), C, A),
            (id(9), C, A),
            (id(5), C, B),
            (id(7), C, B),
            (id(2), C, B),
            (id(10), B, C),
        ]
    );
}

#[test]
fn prorating_and_rounding() {
    // One day of leap year 2024: ¥1.83 × 1 ÷ 366 = 0.5 fen → 1 fen (half away from zero).
    let leap_day = Period::custom(day("2024-02-29"), day("2024-02-29")).unwrap();
    assert_eq!(prorate(183, leap_day).value(), 1);
    assert_eq!(prorate(182, leap_day).value(), 0);
    // 31 Dec 2024 (a leap year) and 1 Jan 2025: 1/366 + 1/365 = (365 + 366) / 133,590.
    let across = Period::custom(day("2024-12-31"), day("2025-01-01")).unwrap();
    assert_eq!(year_share(across), Ratio::new(731, 133_590));
    assert_eq!(prorate(133_590, across).value(), 731);
    // A whole year is the whole revenue.
    let y = Period::year(2025).unwrap();
    assert_eq!(
        (year_share(y), prorate(12_345, y).value()),
        (Ratio::new(365, 365), 12_345)
    );
    // Profit 5 fen × 10% = 0.5 → 1; 4 fen × 10% = 0.4 → 0; margins above 100 are capped.
    assert_eq!((profit(5, 10), profit(4, 10)), (1, 0));
    let mut c = customer(1, "2024-01-01");
    c.gross_margin_percent = Some(150);
    assert_eq!(margin_of(&c, &Settings::default()), Some(100));
}

#[test]
fn without_a_margin_there_is_no_profit() {
    let customers = vec![customer(1, "2024-01-01")];
    let deals = vec![won(101, 1, 1_000, "2025-01-02")];
    let jan = Period::month(2025, 1).unwrap();
    let report = customer_values(&customers, &deals, &Settings::default(), jan);
    assert_eq!(report.rows[0].value, 100_000);
    assert_eq!(report.rows[0].profit, None);
    assert_eq!(
        (report.total_profit, report.without_margin.clone()),
        (0, vec![id(1)])
    );
}
