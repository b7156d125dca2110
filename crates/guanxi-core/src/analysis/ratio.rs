//! Exact fractions and the one rounding rule the analyses use, so a figure on screen can be
//! shown as its working (2 / 20) and as a rounded percent (10.0%) that always agree.

/// A non-negative fraction kept as it was counted (not reduced), so a screen can show
/// "2 churned ÷ 20 at the start". A zero denominator means "not defined" (nothing to divide by).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ratio {
    pub numerator: u64,
    pub denominator: u64,
}

impl Ratio {
    pub fn new(numerator: u64, denominator: u64) -> Self {
        Ratio {
            numerator,
            denominator,
        }
    }

    /// Whether there was anything to divide by.
    pub fn is_defined(self) -> bool {
        self.denominator != 0
    }

    /// The value × 10^`decimals`, rounded half up (the fraction is never negative); `None`
    /// when undefined. `Ratio::new(1, 3).scaled(2)` is 33 (0.33).
    pub fn scaled(self, decimals: u32) -> Option<u64> {
        self.is_defined().then(|| {
            let n = u128::from(self.numerator) * 10u128.pow(decimals);
            let d = u128::from(self.denominator);
            u64::try_from((2 * n + d) / (2 * d)).unwrap_or(u64::MAX)
        })
    }

    /// The value in percent × 10^`decimals`, rounded half up: `Ratio::new(2, 20).percent(1)` is
    /// 100, read "10.0%". `None` when undefined.
    pub fn percent(self, decimals: u32) -> Option<u64> {
        Ratio::new(self.numerator.saturating_mul(100), self.denominator).scaled(decimals)
    }

    /// The fraction with numerator and denominator swapped; `None` when the numerator is 0
    /// (the inverse would be infinite).
    pub fn inverse(self) -> Option<Ratio> {
        (self.numerator != 0).then(|| Ratio::new(self.denominator, self.numerator))
    }

    /// The same value in lowest terms (for display next to the counted form).
    pub fn reduced(self) -> Ratio {
        let g = gcd(self.numerator, self.denominator).max(1);
        Ratio::new(self.numerator / g, self.denominator / g)
    }

    /// For charts only; never add these up.
    pub fn to_f64(self) -> Option<f64> {
        self.is_defined()
            .then(|| self.numerator as f64 / self.denominator as f64)
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `numerator ÷ denominator` rounded to the nearest integer, halves away from zero (so ¥0.005
/// becomes ¥0.01 and −¥0.005 becomes −¥0.01, the rule of [`crate::model::money::weighted`]).
/// Saturates at the ends of `i64`. `denominator` must be positive.
pub fn round_div(numerator: i128, denominator: i128) -> i64 {
    debug_assert!(denominator > 0);
    let half = denominator / 2;
    let q = if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    };
    // An odd denominator has no exact half, so (n ± d/2) / d already rounds correctly.
    i64::try_from(q).unwrap_or(if q > 0 { i64::MAX } else { i64::MIN })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_and_inverses() {
        let r = Ratio::new(2, 20);
        assert_eq!(r.percent(0), Some(10));
        assert_eq!(r.percent(1), Some(100));
        assert_eq!(r.reduced(), Ratio::new(1, 10));
        assert_eq!(r.inverse(), Some(Ratio::new(20, 2)));
        assert_eq!(Ratio::new(20, 2).scaled(0), Some(10));
        // 1/3 = 33.333…% → 33.3%; 2/3 = 66.666…% → 66.7%.
        assert_eq!(Ratio::new(1, 3).percent(1), Some(333));
        assert_eq!(Ratio::new(2, 3).percent(1), Some(667));
        // 1/8 = 12.5% → 13 (half up).
        assert_eq!(Ratio::new(1, 8).percent(0), Some(13));
        assert_eq!(Ratio::new(0, 0).percent(1), None);
        assert_eq!(Ratio::new(0, 5).inverse(), None);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_div(5, 10), 1);
        assert_eq!(round_div(4, 10), 0);
        assert_eq!(round_div(-5, 10), -1);
        assert_eq!(round_div(-4, 10), 0);
        assert_eq!(round_div(15, 10), 2);
        // 800 × 8000 / 3000 = 2133.33… → 2133; 1000 × 2 / 3 = 666.67 → 667.
        assert_eq!(round_div(800 * 8000, 3000), 2133);
        assert_eq!(round_div(2000, 3), 667);
        assert_eq!(round_div(i128::MAX / 2, 1), i64::MAX);
    }
}
