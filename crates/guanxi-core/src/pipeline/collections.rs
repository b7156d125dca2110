//! Collections (回款): payments received on a won deal, and what is still owed.
//!
//! Payments are recorded against the deal in its own currency, so an open balance is always
//! amount − paid in one currency; per customer the balances are kept per currency in [`Sums`].

use chrono::NaiveDate;

use crate::model::ids::Timestamp;
use crate::model::money::{currency_of, parse_amount, Sums};
use crate::model::records::{Collection, Opportunity, Record, Settings, StageOutcome};
use crate::model::validate::{self, Field, FieldError, Problem};
use crate::pipeline::opportunity::outcome_of;

/// Received so far, in the deal's currency.
pub fn paid(o: &Opportunity) -> i64 {
    o.collections.iter().map(|c| c.amount).sum()
}

/// Still owed on a won deal: amount − paid, never below zero (an overpayment is shown as paid
/// in full; the payments themselves stay as entered). Zero for open and lost deals, which owe
/// nothing yet.
pub fn open_balance(o: &Opportunity, settings: &Settings) -> i64 {
    if o.deleted_at.is_some() || outcome_of(o, settings) != StageOutcome::Won {
        return 0;
    }
    (o.amount - paid(o)).max(0)
}

/// What a customer still owes over all its won deals, per currency.
pub fn customer_balance<'a>(
    deals: impl IntoIterator<Item = &'a Opportunity>,
    settings: &Settings,
) -> Sums {
    let mut sums = Sums::new();
    for o in deals {
        let owed = open_balance(o, settings);
        if owed > 0 {
            sums.add(&currency_of(o, settings), owed);
        }
    }
    sums
}

/// Records a payment as typed: a date (not in the future) and a positive amount in the deal's
/// currency. Only a won deal takes payments; a payment larger than what is still owed is
/// refused, so a slip of the keyboard cannot mark a deal overpaid.
pub fn add_collection(
    o: &Opportunity,
    settings: &Settings,
    on: &str,
    amount: &str,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Opportunity, Vec<FieldError>> {
    let mut errors = Vec::new();
    if outcome_of(o, settings) != StageOutcome::Won {
        errors.push(FieldError::new(Field::Stage, Problem::NotWon));
    }
    let on = match validate::date(on) {
        Ok(Some(d)) if d > today => Err(Problem::DateInFuture),
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(Problem::Required),
        Err(p) => Err(p),
    };
    let on = on.map_err(|p| errors.push(FieldError::new(Field::CollectedOn, p)));
    let currency = currency_of(o, settings);
    let amount = match parse_amount(amount, &currency) {
        Ok(0) if !amount.trim().is_empty() => Err(Problem::InvalidAmount),
        Ok(0) => Err(Problem::Required),
        Ok(a) if a < 0 => Err(Problem::NegativeAmount),
        Ok(a) if a > open_balance(o, settings) => Err(Problem::MoreThanOwed),
        other => other,
    };
    let amount = amount.map_err(|p| errors.push(FieldError::new(Field::Collected, p)));
    match (on, amount) {
        (Ok(on), Ok(amount)) if errors.is_empty() => {
            let mut r = o.clone();
            // Kept in date order, a later entry of an earlier payment included.
            let at = r.collections.partition_point(|c| c.on <= on);
            r.collections.insert(at, Collection { on, amount });
            r.touch(now);
            Ok(r)
        }
        _ => Err(errors),
    }
}

/// Removes the payment at `index` (a payment entered by mistake).
pub fn remove_collection(o: &Opportunity, index: usize, now: Timestamp) -> Option<Opportunity> {
    (index < o.collections.len()).then(|| {
        let mut r = o.clone();
        r.collections.remove(index);
        r.touch(now);
        r
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::Id;
    use crate::pipeline::commands::blank_opportunity;

    const T0: Timestamp = Timestamp(1_772_700_000_000);
    const T1: Timestamp = Timestamp(1_772_700_060_000);

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    }

    fn won(amount: i64) -> Opportunity {
        let mut o = blank_opportunity(Id::from_u128(1), Id::from_u128(2), T0);
        o.stage = "won".into();
        o.probability = 100;
        o.currency = "CNY".into();
        o.amount = amount;
        o.closed_on = Some(today());
        o
    }

    #[test]
    fn payments_reduce_the_balance_until_paid_in_full() {
        let s = Settings::default();
        // A ¥1,000.00 deal: ¥300.00 on 3 March, then ¥700.00 entered for 1 March.
        let deal = won(100_000);
        let first = add_collection(&deal, &s, "2026-03-03", "300", T1, today()).unwrap();
        assert_eq!((paid(&first), open_balance(&first, &s)), (30_000, 70_000));
        assert_eq!(first.rev, deal.rev + 1);
        let second = add_collection(&first, &s, "2026-03-01", "700.00", T1, today()).unwrap();
        assert_eq!(open_balance(&second, &s), 0);
        let days: Vec<_> = second
            .collections
            .iter()
            .map(|c| c.on.to_string())
            .collect();
        assert_eq!(days, ["2026-03-01", "2026-03-03"]);
        // Paid in full: one more fen is more than owed.
        assert_eq!(
            add_collection(&second, &s, "2026-03-04", "0.01", T1, today()).unwrap_err(),
            vec![FieldError::new(Field::Collected, Problem::MoreThanOwed)]
        );
        let undone = remove_collection(&second, 0, T1).unwrap();
        assert_eq!(open_balance(&undone, &s), 70_000);
        assert!(remove_collection(&second, 2, T1).is_none());
    }

    #[test]
    fn bad_payments_are_refused_with_every_reason() {
        let s = Settings::default();
        let mut open = won(100_000);
        open.stage = "proposal".into();
        open.closed_on = None;
        assert_eq!(
            add_collection(&open, &s, "2026-03-06", "-5", T1, today()).unwrap_err(),
            vec![
                FieldError::new(Field::Stage, Problem::NotWon),
                FieldError::new(Field::CollectedOn, Problem::DateInFuture),
                FieldError::new(Field::Collected, Problem::NegativeAmount),
            ]
        );
        assert_eq!(open_balance(&open, &s), 0);
        let deal = won(100_000);
        assert_eq!(
            add_collection(&deal, &s, "", "", T1, today()).unwrap_err(),
            vec![
                FieldError::new(Field::CollectedOn, Problem::Required),
                FieldError::new(Field::Collected, Problem::Required),
            ]
        );
        assert_eq!(
            add_collection(&deal, &s, "2026-03-01", "0", T1, today()).unwrap_err(),
            vec![FieldError::new(Field::Collected, Problem::InvalidAmount)]
        );
    }

    #[test]
    fn a_customer_owes_per_currency() {
        let s = Settings::default();
        let a = add_collection(&won(100_000), &s, "2026-03-01", "250", T1, today()).unwrap();
        let mut b = won(5_000);
        b.currency = "USD".into();
        let mut trashed = won(9_999);
        trashed.deleted_at = Some(T1);
        let owed = customer_balance([&a, &b, &trashed], &s);
        assert_eq!(
            (owed.get("CNY"), owed.get("USD"), owed.len()),
            (75_000, 5_000, 2)
        );
    }
}
