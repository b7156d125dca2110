//! ABC (Pareto) classes: customers ranked by their value in a period, A while the customers
//! ranked above them bring less than the A share of the total (80% by default), B while they
//! bring less than the B share (95%), C for the rest.
//!
//! The rule is the one used for ABC inventory analysis: customers are added to A until A
//! reaches the threshold, so the customer that crosses 80% is still A, and the top customer is
//! A even when it alone brings more than 80%. A customer who brought nothing is C. All
//! comparisons are in integers (minor currency units), so the cut is exact.

use crate::model::ids::Id;
use crate::model::records::ValueClass;

/// The cumulative shares, in whole percent, up to which classes A and B reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AbcThresholds {
    pub a_percent: u8,
    pub b_percent: u8,
}

impl Default for AbcThresholds {
    fn default() -> Self {
        AbcThresholds {
            a_percent: 80,
            b_percent: 95,
        }
    }
}

/// One customer in the ranking, with the figures a student checks by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AbcRow {
    pub customer: Id,
    /// Value in the period, in minor units.
    pub value: i64,
    /// Sum of the values of this customer and every customer ranked above it.
    pub cumulative: i64,
    pub class: ValueClass,
}

/// The ranking, best first, and the total it is measured against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AbcTable {
    pub rows: Vec<AbcRow>,
    pub total: i64,
    pub thresholds: AbcThresholds,
}

impl AbcRow {
    /// This customer's cumulative share of `total` in tenths of a percent, rounded half up
    /// (for display; the class was decided on the exact integers).
    pub fn cumulative_permille(&self, total: i64) -> i64 {
        permille(self.cumulative, total)
    }
}

fn permille(part: i64, total: i64) -> i64 {
    if total <= 0 {
        return 0;
    }
    let (part, total) = (i128::from(part), i128::from(total));
    ((part * 1000 * 2 + total) / (total * 2)) as i64
}

/// Ranks `values` (customer and value in minor units) by value, highest first; equal values
/// keep the order given, so a caller that passes customers sorted by name gets a ranking a
/// student can reproduce. Negative values (refunds exceeding sales) count as zero.
pub fn classify(values: &[(Id, i64)], thresholds: AbcThresholds) -> AbcTable {
    let mut ranked: Vec<(Id, i64)> = values.iter().map(|&(id, v)| (id, v.max(0))).collect();
    // A stable sort, so equal values keep the order given.
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let total: i64 = ranked.iter().map(|r| r.1).sum();
    let (a, b) = (
        i128::from(thresholds.a_percent),
        i128::from(thresholds.b_percent.max(thresholds.a_percent)),
    );
    let mut cumulative = 0i64;
    let rows = ranked
        .into_iter()
        .map(|(customer, value)| {
            // The share of the customers ranked above this one, compared as
            // before / total < percent / 100, i.e. before × 100 < percent × total.
            let before = i128::from(cumulative) * 100;
            let total = i128::from(total);
            let class = if value == 0 {
                ValueClass::C
            } else if before < a * total {
                ValueClass::A
            } else if before < b * total {
                ValueClass::B
            } else {
                ValueClass::C
            };
            cumulative += value;
            AbcRow {
                customer,
                value,
                cumulative,
                class,
            }
        })
        .collect();
    AbcTable {
        rows,
        total,
        thresholds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: u128) -> Vec<Id> {
        (1..=n).map(Id::from_u128).collect()
    }

    fn classes(t: &AbcTable) -> String {
        t.rows
            .iter()
            .map(|r| match r.class {
                ValueClass::A => 'A',
                ValueClass::B => 'B',
                ValueClass::C => 'C',
            })
            .collect()
    }

    #[test]
    fn the_80_20_cut_on_ten_customers() {
        // Values (in yuan ×100 fen), total 100:
        //   rank  value  before  cumulative  class
        //    1     40      0        40        A  (0% < 80%)
        //    2     20     40        60        A  (40% < 80%)
        //    3     12     60        72        A  (60% < 80%)
        //    4      8     72        80        A  (72% < 80%; A now holds 80%)
        //    5      6     80        86        B  (80% is not < 80%, but < 95%)
        //    6      5     86        91        B
        //    7      4     91        95        B
        //    8      3     95        98        C  (95% is not < 95%)
        //    9      1     98        99        C
        //   10      1     99       100        C
        // Four customers of ten (40%) bring 80% of the value.
        let id = ids(10);
        let yuan = [1, 4, 3, 40, 6, 12, 5, 20, 8, 1];
        let values: Vec<(Id, i64)> = id.iter().zip(yuan).map(|(&i, y)| (i, y * 100)).collect();
        let t = classify(&values, AbcThresholds::default());
        assert_eq!(t.total, 10_000);
        assert_eq!(classes(&t), "AAAABBBCCC");
        let order: Vec<i64> = t.rows.iter().map(|r| r.value / 100).collect();
        assert_eq!(order, [40, 20, 12, 8, 6, 5, 4, 3, 1, 1]);
        let cumulative: Vec<i64> = t
            .rows
            .iter()
            .map(|r| r.cumulative_permille(t.total))
            .collect();
        assert_eq!(
            cumulative,
            [400, 600, 720, 800, 860, 910, 950, 980, 990, 1000]
        );
        // Equal values keep the given order: customer 1 (1 yuan) before customer 10.
        assert_eq!(t.rows[8].customer, id[0]);
        assert_eq!(t.rows[9].customer, id[9]);
    }

    #[test]
    fn the_customer_that_crosses_the_threshold_is_still_a() {
        // 70 + 20 + 10: before the second customer 70% < 80%, so A (A ends at 90%); before the
        // third 90%, so B.
        let id = ids(3);
        let t = classify(
            &[(id[0], 70), (id[1], 20), (id[2], 10)],
            AbcThresholds::default(),
        );
        assert_eq!(classes(&t), "AAB");
        // One customer bringing 90% alone is A; the rest share 10%.
        let t = classify(
            &[(id[0], 90), (id[1], 6), (id[2], 4)],
            AbcThresholds::default(),
        );
        assert_eq!(classes(&t), "ABC");
    }

    #[test]
    fn nothing_brought_is_c_and_editable_thresholds_move_the_cut() {
        let id = ids(4);
        let values = [(id[0], 50), (id[1], 30), (id[2], 20), (id[3], 0)];
        assert_eq!(
            classify(&values, AbcThresholds::default()).rows[3].class,
            ValueClass::C
        );
        // At 50/80: before the second 50% is not < 50%, so B; before the third 80%, so C.
        let t = classify(
            &values,
            AbcThresholds {
                a_percent: 50,
                b_percent: 80,
            },
        );
        assert_eq!(classes(&t), "ABCC");
        // No value at all: everyone C, no division by zero.
        let t = classify(&[(id[0], 0), (id[1], -5)], AbcThresholds::default());
        assert_eq!((classes(&t), t.total), ("CC".to_string(), 0));
        assert_eq!(t.rows[0].cumulative_permille(t.total), 0);
    }
}
