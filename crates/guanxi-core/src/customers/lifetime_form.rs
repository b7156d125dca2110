//! The form for the typed parts of a customer's lifetime profit: amounts in the default
//! currency, blank for 0, never negative (costs are entered as positive amounts).

use crate::model::ids::Timestamp;
use crate::model::money::{amount_text, parse_amount};
use crate::model::records::{Customer, LifetimeManual, Record};
use crate::model::validate::{Field, FieldError, Problem};

/// The five terms, in the order of [`LifetimePart`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LifetimeForm {
    pub parts: [String; 5],
}

/// Which term a [`Field::LifetimePart`] error is about, by index.
pub const LIFETIME_PARTS: [LifetimePart; 5] = [
    LifetimePart::CrossSell,
    LifetimePart::CostSavings,
    LifetimePart::AcquisitionCost,
    LifetimePart::Discounts,
    LifetimePart::ReferralDamage,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LifetimePart {
    CrossSell,
    CostSavings,
    AcquisitionCost,
    Discounts,
    ReferralDamage,
}

fn slot(m: &mut LifetimeManual, part: LifetimePart) -> &mut i64 {
    match part {
        LifetimePart::CrossSell => &mut m.cross_sell,
        LifetimePart::CostSavings => &mut m.cost_savings,
        LifetimePart::AcquisitionCost => &mut m.acquisition_cost,
        LifetimePart::Discounts => &mut m.discounts,
        LifetimePart::ReferralDamage => &mut m.referral_damage,
    }
}

impl LifetimeForm {
    /// The stored terms as text; 0 shows as blank.
    pub fn from_record(c: &Customer, currency: &str) -> Self {
        let mut m = c.lifetime_manual;
        let parts = LIFETIME_PARTS.map(|p| match *slot(&mut m, p) {
            0 => String::new(),
            v => amount_text(v, currency),
        });
        LifetimeForm { parts }
    }

    /// The customer with the typed terms, a new revision if anything changed; every bad
    /// amount is reported, and nothing is changed then.
    pub fn apply(
        &self,
        existing: &Customer,
        currency: &str,
        now: Timestamp,
    ) -> Result<Customer, Vec<FieldError>> {
        let mut m = LifetimeManual::default();
        let mut errors = Vec::new();
        for (i, (part, text)) in LIFETIME_PARTS.iter().zip(&self.parts).enumerate() {
            let value = if text.trim().is_empty() {
                Ok(0)
            } else {
                parse_amount(text, currency).and_then(|v| {
                    if v < 0 {
                        Err(Problem::NegativeAmount)
                    } else {
                        Ok(v)
                    }
                })
            };
            match value {
                Ok(v) => *slot(&mut m, *part) = v,
                Err(p) => errors.push(FieldError::new(Field::LifetimePart(i), p)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut r = existing.clone();
        if r.lifetime_manual != m {
            r.lifetime_manual = m;
            r.touch(now);
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::commands::blank_customer;
    use crate::model::ids::Id;

    #[test]
    fn typed_terms_are_stored_and_bad_ones_reported_together() {
        let c = blank_customer(Id::from_u128(1), Timestamp(1));
        let form = LifetimeForm {
            parts: [
                "1,200".into(),
                "".into(),
                "800.5".into(),
                " ".into(),
                "0".into(),
            ],
        };
        let r = form.apply(&c, "CNY", Timestamp(2)).unwrap();
        assert_eq!(
            r.lifetime_manual,
            LifetimeManual {
                cross_sell: 120_000,
                cost_savings: 0,
                acquisition_cost: 80_050,
                discounts: 0,
                referral_damage: 0,
            }
        );
        assert_eq!(r.rev, c.rev + 1);
        assert_eq!(
            LifetimeForm::from_record(&r, "CNY").parts,
            ["1200", "", "800.50", "", ""].map(String::from)
        );
        // Saving the same again is no new revision.
        assert_eq!(form.apply(&r, "CNY", Timestamp(3)).unwrap().rev, r.rev);
        let bad = LifetimeForm {
            parts: ["-1".into(), "abc".into(), "".into(), "".into(), "".into()],
        };
        assert_eq!(
            bad.apply(&c, "CNY", Timestamp(2)).unwrap_err(),
            vec![
                FieldError::new(Field::LifetimePart(0), Problem::NegativeAmount),
                FieldError::new(Field::LifetimePart(1), Problem::InvalidAmount),
            ]
        );
    }
}
