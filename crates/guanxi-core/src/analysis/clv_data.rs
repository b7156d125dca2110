//! What the data says the inputs of the textbook CLV formula are, for the last twelve months:
//! the retention rate (1 − churn rate) and the average yearly profit of a buying customer.

use chrono::{Duration, NaiveDate};

use crate::analysis::growth::growth;
use crate::analysis::period::Period;
use crate::analysis::ratio::{round_div, Ratio};
use crate::analysis::value::customer_values;
use crate::model::records::{Customer, Opportunity, Settings};

/// The inputs the data gives, with what they were computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClvFromData {
    pub period: Period,
    /// Customers at the start of the twelve months and those of them lost.
    pub churn_rate: Ratio,
    /// 10,000 − churn rate in basis points, rounded half up; `None` when nobody was there at
    /// the start.
    pub retention_bp: Option<u32>,
    /// Profit of the customers who bought in the twelve months, and how many they were.
    pub profit: i64,
    pub buyers: u64,
    /// `profit ÷ buyers`, rounded half away from zero; `None` without buyers or margin.
    pub yearly_margin: Option<i64>,
}

/// The twelve months up to and including `today`.
pub fn clv_from_data(
    customers: &[Customer],
    opportunities: &[Opportunity],
    settings: &Settings,
    today: NaiveDate,
) -> ClvFromData {
    let start = today - Duration::days(364);
    // `start <= today` always holds, so the period is valid.
    let period = Period::custom(start, today).unwrap_or_else(|_| unreachable!());
    let churn_rate = growth(customers, period).churn_rate;
    let retention_bp = churn_rate
        .scaled(4)
        .map(|churn| 10_000u32.saturating_sub(churn.min(10_000) as u32));
    let values = customer_values(customers, opportunities, settings, period);
    let buying: Vec<_> = values.rows.iter().filter(|r| r.value > 0).collect();
    let profit: i64 = buying.iter().filter_map(|r| r.profit).sum();
    let with_margin = buying.iter().filter(|r| r.profit.is_some()).count() as u64;
    let yearly_margin =
        (with_margin > 0).then(|| round_div(i128::from(profit), i128::from(with_margin)));
    ClvFromData {
        period,
        churn_rate,
        retention_bp,
        profit,
        buyers: with_margin,
        yearly_margin,
    }
}

/// A percentage as typed ("80", "80.5", "７.25%") in basis points (8,000, 8,050, 725); at most
/// two decimals and at most 1,000%.
pub fn parse_percent_bp(s: &str) -> Option<u32> {
    let folded = crate::model::validate::fold_width(s);
    let t = folded.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim_end();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 4 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let frac: u32 = format!("{frac:0<2}").parse().ok()?;
    let bp = whole * 100 + frac;
    (bp <= 100_000).then_some(bp)
}

/// Basis points as a percent with up to two decimals: 8,050 → "80.5", 725 → "7.25".
pub fn percent_bp_text(bp: u32) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn percents_as_typed() {
        use super::{parse_percent_bp as p, percent_bp_text as t};
        assert_eq!(
            [p("80"), p("80.5"), p("７.25%"), p(" 0 "), p("1000")],
            [Some(8_000), Some(8_050), Some(725), Some(0), Some(100_000)]
        );
        for bad in ["", "-5", "1.234", "abc", "1001", ".5"] {
            assert_eq!(p(bad), None, "{bad}");
        }
        assert_eq!([t(8_000), t(8_050), t(725)], ["80", "80.5", "7.25"]);
    }

    use super::*;
    use crate::customers::commands::blank_customer;
    use crate::model::ids::{Id, Timestamp};
    use crate::model::records::{Lifecycle, LifecycleChange};
    use crate::pipeline::commands::blank_opportunity;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn retention_and_margin_from_a_small_book() {
        // Four customers since 2024; one of them terminated on 2026-06-01, so the churn rate of
        // the twelve months 2025-12-01..2026-11-30 is 1 ÷ 4 = 25% and retention 75% (7,500 bp).
        let mut cs: Vec<Customer> = (1..=4)
            .map(|n| {
                let mut c = blank_customer(Id::from_u128(n), Timestamp(1_704_067_200_000));
                c.lifecycle = Lifecycle::Growth;
                c
            })
            .collect();
        cs[3].lifecycle = Lifecycle::Termination;
        cs[3].lifecycle_history = vec![
            LifecycleChange {
                on: d("2024-01-01"),
                from: None,
                to: Lifecycle::Growth,
                reason: String::new(),
            },
            LifecycleChange {
                on: d("2026-06-01"),
                from: Some(Lifecycle::Growth),
                to: Lifecycle::Termination,
                reason: String::new(),
            },
        ];
        // Two buyers at 30% margin: ¥1,000 and ¥333.33 → profit ¥300 + ¥100.00 (99.999 fen
        // rounds to 10,000 fen) = ¥400; ¥400 ÷ 2 = ¥200 a buyer.
        let deal = |n: u128, customer: u128, amount: i64| {
            let mut o = blank_opportunity(
                Id::from_u128(n),
                Id::from_u128(customer),
                Timestamp(1_704_067_200_000),
            );
            o.stage = "won".into();
            o.probability = 100;
            o.currency = "CNY".into();
            o.amount = amount;
            o.closed_on = Some(d("2026-03-01"));
            o
        };
        let opps = vec![deal(10, 1, 100_000), deal(11, 2, 33_333)];
        let settings = Settings {
            gross_margin_percent: Some(30),
            ..Settings::default()
        };
        let r = clv_from_data(&cs, &opps, &settings, d("2026-11-30"));
        assert_eq!(
            (r.period.start(), r.period.end()),
            (d("2025-12-01"), d("2026-11-30"))
        );
        assert_eq!(r.churn_rate, Ratio::new(1, 4));
        assert_eq!(r.retention_bp, Some(7_500));
        assert_eq!(
            (r.profit, r.buyers, r.yearly_margin),
            (40_000, 2, Some(20_000))
        );
    }
}
