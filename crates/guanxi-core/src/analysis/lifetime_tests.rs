use super::*;
use crate::analysis::fixtures::{at, customer, deal, id, won};

#[test]
fn lifetime_profit_adds_every_term() {
    // Customer 1 at its own 30% margin; the default is 20%.
    let mut a = customer(1, "2022-01-01");
    a.gross_margin_percent = Some(30);
    let mut b = customer(2, "2023-01-01"); // referred by 1, default margin 20%
    b.referred_by = Some(id(1));
    let mut c = customer(3, "2023-01-01"); // referred by 1, 25%
    c.referred_by = Some(id(1));
    c.gross_margin_percent = Some(25);
    let mut d = customer(4, "2023-01-01"); // referred by 1 but in the trash
    d.referred_by = Some(id(1));
    d.deleted_at = Some(at("2024-01-01"));
    let mut e = customer(5, "2023-01-01"); // referred by someone else
    e.referred_by = Some(id(2));
    let mut usd = won(16, 1, 7_000, "2024-05-01");
    usd.currency = "USD".into();
    let mut c_deal = won(31, 3, 0, "2024-06-01");
    c_deal.amount = 1_234_567; // ¥12,345.67
    let deals = vec![
        won(11, 1, 100_000, "2023-03-01"),
        won(12, 1, 50_000, "2025-02-01"),
        deal(13, 1, 999_000, "proposal", "2025-01-01", None), // open: not profit yet
        deal(14, 1, 999_000, "lost", "2025-01-01", Some("2025-01-09")),
        usd,
        won(21, 2, 40_000, "2024-01-01"),
        c_deal,
        won(41, 4, 500_000, "2024-01-01"),
        won(51, 5, 500_000, "2024-01-01"),
    ];
    let settings = Settings {
        gross_margin_percent: Some(20),
        ..Settings::default()
    };
    let inputs = LifetimeInputs {
        cross_sell: 500_000,         // ¥5,000
        cost_savings: 200_000,       // ¥2,000
        acquisition_cost: 1_000_000, // ¥10,000
        discounts: 300_000,          // ¥3,000
        referral_damage: 100_000,    // ¥1,000
    };
    let lp = lifetime_profit(id(1), &[a, b, c, d, e], &deals, &settings, inputs).unwrap();
    // Base: (¥100,000 + ¥50,000) × 30% = ¥45,000.
    assert_eq!(lp.base.deals, vec![id(11), id(12)]);
    assert_eq!(
        (lp.base.revenue, lp.base.profit),
        (15_000_000, Some(4_500_000))
    );
    // Referrals: customer 2, ¥40,000 × 20% = ¥8,000; customer 3, ¥12,345.67 × 25%
    // = ¥3,086.4175 → ¥3,086.42. Together ¥11,086.42. Customer 4 is in the trash.
    let refs: Vec<(Id, Option<i64>)> = lp
        .referrals
        .iter()
        .map(|r| (r.customer, r.profit))
        .collect();
    assert_eq!(refs, vec![(id(2), Some(800_000)), (id(3), Some(308_642))]);
    assert_eq!(lp.referral_value, Some(1_108_642));
    // Costs: ¥10,000 + ¥3,000 + ¥1,000 = ¥14,000.
    assert_eq!(lp.costs, 1_400_000);
    // Total: 45,000 + 5,000 + 2,000 + 11,086.42 − 14,000 = ¥49,086.42.
    assert_eq!(lp.total, Some(4_908_642));
    assert_eq!(lp.left_out.len(), 1);
    assert_eq!(lp.left_out[0].opportunity, id(16));
}

#[test]
fn lifetime_profit_needs_a_margin() {
    let deals = vec![won(11, 1, 100, "2025-01-01")];
    let none = lifetime_profit(
        id(1),
        &[customer(1, "2025-01-01")],
        &deals,
        &Settings::default(),
        LifetimeInputs::default(),
    )
    .unwrap();
    assert_eq!((none.base.profit, none.total), (None, None));
    assert!(
        lifetime_profit(id(9), &[], &deals, &Settings::default(), Default::default()).is_none()
    );
}

#[test]
fn forecast_clv_of_the_textbook() {
    // m = ¥1,000, r = 80%, d = 10%: 1,000 × 0.8 ÷ (1 + 0.1 − 0.8) = 800 ÷ 0.3 = ¥2,666.67.
    let inputs = ClvInputs {
        yearly_margin: 100_000,
        retention_bp: 8_000,
        discount_bp: 1_000,
    };
    let v = clv(inputs).unwrap();
    assert_eq!((v.denominator_bp, v.value), (3_000, 266_667));
    // r = 110% with d = 10% divides by zero: refused, as is anything above.
    for r in [11_000, 12_000] {
        let bad = ClvInputs {
            retention_bp: r,
            ..inputs
        };
        assert_eq!(clv(bad), Err(ClvError::RetentionTooHigh));
    }
    // r = 0: nobody stays, worth nothing.
    assert_eq!(
        clv(ClvInputs {
            retention_bp: 0,
            ..inputs
        })
        .unwrap()
        .value,
        0
    );
}

#[test]
fn raising_retention_by_five_points() {
    // r 80% → 85%: 1,000 × 0.85 ÷ (1.1 − 0.85) = 850 ÷ 0.25 = ¥3,400.
    // Change: 3,400 ÷ 2,666.67 − 1 = (0.85 × 0.3) ÷ (0.8 × 0.25) − 1 = 0.255 ÷ 0.2 − 1 = 27.5%.
    let inputs = ClvInputs {
        yearly_margin: 100_000,
        retention_bp: 8_000,
        discount_bp: 1_000,
    };
    let w = raise_retention(inputs, 500).unwrap();
    assert_eq!((w.before.value, w.after.value), (266_667, 340_000));
    assert_eq!(w.change_permille, Some(275));
    // Raising to or past 1 + d is refused.
    assert_eq!(
        raise_retention(inputs, 3_000),
        Err(ClvError::RetentionTooHigh)
    );
}

#[test]
fn campaigns_supply_the_acquisition_cost_unless_one_was_typed() {
    let spent = [(id(900), 833_333), (id(901), 100_000)];
    let (inputs, used) = LifetimeInputs::default().with_campaign_acquisition(&spent);
    assert_eq!((inputs.acquisition_cost, used), (933_333, true));
    let typed = LifetimeInputs {
        acquisition_cost: 5_000,
        ..LifetimeInputs::default()
    };
    assert_eq!(typed.with_campaign_acquisition(&spent), (typed, false));
    assert_eq!(
        LifetimeInputs::default().with_campaign_acquisition(&[]),
        (LifetimeInputs::default(), false)
    );
}
