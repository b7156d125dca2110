//! What the pivot screen needs around [`crate::analysis::pivot`] that is not maths: the names
//! its dimensions and measures travel under in URLs (`?rows=industry&cols=lifecycle&measure=
//! won_value`), reading its keys back into the values they name (for labels), and the table
//! as CSV bytes.
//!
//! The URL names are part of bookmarked and shared links, so they never change once shipped.

use crate::analysis::pivot::{Dimension, Measure};
use crate::io::csv_export::{neutralize_formula, UTF8_BOM};
use crate::model::records::{Lifecycle, SizeBand, ValueClass};

/// Every dimension, in the order a picker lists them.
pub const DIMENSIONS: [Dimension; 11] = [
    Dimension::Industry,
    Dimension::Region,
    Dimension::Size,
    Dimension::Source,
    Dimension::Owner,
    Dimension::ValueClass,
    Dimension::Lifecycle,
    Dimension::CreationMonth,
    Dimension::CreationQuarter,
    Dimension::CloseMonth,
    Dimension::DealStage,
];

/// Every measure, in the order a picker lists them.
pub const MEASURES: [Measure; 5] = [
    Measure::Customers,
    Measure::Deals,
    Measure::WonValue,
    Measure::WeightedPipeline,
    Measure::Collections,
];

/// The URL name of a dimension.
pub fn dimension_name(d: Dimension) -> &'static str {
    match d {
        Dimension::Industry => "industry",
        Dimension::Region => "region",
        Dimension::Size => "size",
        Dimension::Source => "source",
        Dimension::Owner => "owner",
        Dimension::ValueClass => "value_class",
        Dimension::Lifecycle => "lifecycle",
        Dimension::CreationMonth => "created_month",
        Dimension::CreationQuarter => "created_quarter",
        Dimension::CloseMonth => "close_month",
        Dimension::DealStage => "deal_stage",
    }
}

/// The URL name of a measure.
pub fn measure_name(m: Measure) -> &'static str {
    match m {
        Measure::Customers => "customers",
        Measure::Deals => "deals",
        Measure::WonValue => "won_value",
        Measure::WeightedPipeline => "weighted_pipeline",
        Measure::Collections => "collections",
    }
}

/// Reads [`dimension_name`], ignoring ASCII case and surrounding blanks (hand-edited URLs).
pub fn parse_dimension(s: &str) -> Option<Dimension> {
    DIMENSIONS
        .into_iter()
        .find(|d| dimension_name(*d).eq_ignore_ascii_case(s.trim()))
}

/// Reads [`measure_name`], ignoring ASCII case and surrounding blanks.
pub fn parse_measure(s: &str) -> Option<Measure> {
    MEASURES
        .into_iter()
        .find(|m| measure_name(*m).eq_ignore_ascii_case(s.trim()))
}

/// Whether a measure's cells hold customer ids (otherwise deal ids).
pub fn records_are_customers(m: Measure) -> bool {
    m == Measure::Customers
}

/// Whether a measure's values are money in minor units (otherwise counts).
pub fn is_money(m: Measure) -> bool {
    !matches!(m, Measure::Customers | Measure::Deals)
}

/// The size band a [`Dimension::Size`] key names (`micro` … `enterprise`).
pub fn size_of_key(key: &str) -> Option<SizeBand> {
    Some(match key {
        "micro" => SizeBand::Micro,
        "small" => SizeBand::Small,
        "medium" => SizeBand::Medium,
        "large" => SizeBand::Large,
        "enterprise" => SizeBand::Enterprise,
        _ => return None,
    })
}

/// The stage a [`Dimension::Lifecycle`] key names (`prospect` … `termination`).
pub fn lifecycle_of_key(key: &str) -> Option<Lifecycle> {
    Some(match key {
        "prospect" => Lifecycle::Prospect,
        "development" => Lifecycle::Development,
        "growth" => Lifecycle::Growth,
        "maturity" => Lifecycle::Maturity,
        "decline" => Lifecycle::Decline,
        "termination" => Lifecycle::Termination,
        _ => return None,
    })
}

/// The class a [`Dimension::ValueClass`] key names (`A`, `B`, `C`).
pub fn class_of_key(key: &str) -> Option<ValueClass> {
    ValueClass::ALL
        .into_iter()
        .find(|c| format!("{c:?}") == key)
}

/// Year and month of a month key (`2025-03`: two digits after the dash).
pub fn month_of_key(key: &str) -> Option<(i32, u32)> {
    let (y, m) = key.split_once('-')?;
    let month: u32 = m.parse().ok().filter(|_| m.len() == 2)?;
    (1..=12)
        .contains(&month)
        .then_some((y.parse().ok()?, month))
}

/// Year and quarter of a quarter key (`2025-Q1`).
pub fn quarter_of_key(key: &str) -> Option<(i32, u32)> {
    let (y, q) = key.split_once("-Q")?;
    let q: u32 = q.parse().ok()?;
    (1..=4).contains(&q).then_some((y.parse().ok()?, q))
}

/// A table of text as CSV bytes for Excel: UTF-8 with a byte order mark, CRLF line ends,
/// every cell formula-neutralised as the other exports are.
pub fn grid_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = UTF8_BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        for row in rows {
            let cells = row.iter().map(|c| neutralize_formula(c).into_owned());
            // Writing to a Vec cannot fail.
            let _ = w.write_record(cells);
        }
        let _ = w.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixtures::{customer, won};
    use crate::analysis::period::Period;
    use crate::analysis::pivot::pivot;
    use crate::model::records::Settings;

    #[test]
    fn names_read_back_and_are_unique() {
        for d in DIMENSIONS {
            assert_eq!(parse_dimension(dimension_name(d)), Some(d));
            let same = DIMENSIONS
                .iter()
                .filter(|o| dimension_name(**o) == dimension_name(d));
            assert_eq!(same.count(), 1);
        }
        for m in MEASURES {
            assert_eq!(parse_measure(measure_name(m)), Some(m));
            let same = MEASURES
                .iter()
                .filter(|o| measure_name(**o) == measure_name(m));
            assert_eq!(same.count(), 1);
        }
        assert_eq!(
            parse_dimension(" Value_Class "),
            Some(Dimension::ValueClass)
        );
        assert_eq!(parse_measure("WON_VALUE"), Some(Measure::WonValue));
        assert_eq!(parse_dimension("nonsense"), None);
        assert_eq!(parse_measure(""), None);
    }

    #[test]
    fn measures_say_what_their_records_are() {
        assert!(records_are_customers(Measure::Customers));
        assert!(!records_are_customers(Measure::WonValue));
        assert!(!is_money(Measure::Deals));
        assert!(is_money(Measure::Collections));
    }

    #[test]
    fn every_key_the_pivot_makes_reads_back() {
        let mut cs: Vec<_> = (1..=6).map(|n| customer(n, "2025-01-05")).collect();
        for (c, size) in cs.iter_mut().zip(SizeBand::ALL) {
            c.size = size;
        }
        cs[0].value_class = ValueClass::A;
        cs[1].value_class = ValueClass::B;
        let deals = vec![won(11, 1, 100, "2025-02-01")];
        let year = Period::year(2025).unwrap();
        let s = Settings::default();
        let keys = |d| {
            let p = pivot(
                &cs,
                &deals,
                &s,
                year,
                d,
                Dimension::CloseMonth,
                Measure::Customers,
            );
            (p.row_keys, p.column_keys)
        };
        let (sizes, months) = keys(Dimension::Size);
        assert_eq!(sizes.len(), 6);
        assert!(sizes[..5].iter().all(|k| size_of_key(k).is_some()));
        assert_eq!(sizes[5], "");
        assert_eq!(months[0], "2025-02");
        assert_eq!(month_of_key(&months[0]), Some((2025, 2)));
        let (classes, _) = keys(Dimension::ValueClass);
        assert_eq!(classes.len(), 3);
        assert!(classes.iter().all(|k| class_of_key(k).is_some()));
        let (stages, _) = keys(Dimension::Lifecycle);
        assert!(!stages.is_empty());
        assert!(stages.iter().all(|k| lifecycle_of_key(k).is_some()));
        let (quarters, _) = keys(Dimension::CreationQuarter);
        assert_eq!(quarters, vec!["2025-Q1".to_string()]);
        assert_eq!(quarter_of_key(&quarters[0]), Some((2025, 1)));
        assert_eq!(month_of_key("2025-3"), None);
        assert_eq!(month_of_key("2025-13"), None);
        assert_eq!(quarter_of_key("2025-Q5"), None);
    }

    #[test]
    fn csv_has_a_bom_quotes_and_neutralised_formulas() {
        let rows = vec![
            vec!["行业".to_string(), "A, B".into(), "合计".into()],
            vec!["=1+1".into(), "12.50".into(), "say \"hi\"".into()],
        ];
        let bytes = grid_csv(&rows);
        assert_eq!(&bytes[..3], &UTF8_BOM);
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(
            text,
            "行业,\"A, B\",合计\r\n'=1+1,12.50,\"say \"\"hi\"\"\"\r\n"
        );
    }
}
