//! Words for the pivot: dimension and measure names, the rule each measure counts by, and the
//! pivot's plain keys (`micro`, `A`, `2025-03`, stage ids) as labels in the UI language.

use guanxi_core::analysis::pivot::{Dimension, Measure, Pivot};
use guanxi_core::analysis::pivot_url::{
    class_of_key, is_money, lifecycle_of_key, month_of_key, quarter_of_key, size_of_key,
};
use guanxi_core::model::money::{amount_text, format_money};
use guanxi_core::pipeline::opportunity::pipeline_stages;
use guanxi_core::Settings;

use crate::features::pipeline::shared::stage_name;
use crate::i18n::{I18n, Labelled, K};

pub fn dimension_key(d: Dimension) -> K {
    match d {
        Dimension::Industry => K::PivotDimIndustry,
        Dimension::Region => K::PivotDimRegion,
        Dimension::Size => K::PivotDimSize,
        Dimension::Source => K::PivotDimSource,
        Dimension::Owner => K::PivotDimOwner,
        Dimension::ValueClass => K::PivotDimValueClass,
        Dimension::Lifecycle => K::PivotDimLifecycle,
        Dimension::CreationMonth => K::PivotDimCreationMonth,
        Dimension::CreationQuarter => K::PivotDimCreationQuarter,
        Dimension::CloseMonth => K::PivotDimCloseMonth,
        Dimension::DealStage => K::PivotDimDealStage,
    }
}

pub fn measure_key(m: Measure) -> K {
    match m {
        Measure::Customers => K::PivotMeasureCustomers,
        Measure::Deals => K::PivotMeasureDeals,
        Measure::WonValue => K::PivotMeasureWonValue,
        Measure::WeightedPipeline => K::PivotMeasureWeighted,
        Measure::Collections => K::PivotMeasureCollections,
    }
}

/// What the measure counts, in one sentence (the rules of `guanxi_core::analysis::pivot`).
pub fn rule_text(m: Measure, i18n: I18n, currency: &str) -> String {
    let key = match m {
        Measure::Customers => K::PivotRuleCustomers,
        Measure::Deals => K::PivotRuleDeals,
        Measure::WonValue => K::PivotRuleWonValue,
        Measure::WeightedPipeline => K::PivotRuleWeighted,
        Measure::Collections => K::PivotRuleCollections,
    };
    i18n.fmt(key, &[("currency", currency)])
}

/// A pivot key as a label: enum keys in words, months and quarters as the period selector
/// writes them, stage ids by the stage's name, blank as "(blank)", free text as it is.
pub fn key_label(dim: Dimension, key: &str, i18n: I18n, settings: &Settings) -> String {
    if key.is_empty() {
        return i18n.t(K::PivotBlank).into();
    }
    let word = |k: Option<K>| k.map(|k| i18n.t(k).to_string());
    let label = match dim {
        Dimension::Size => word(size_of_key(key).map(|s| s.key())),
        Dimension::Lifecycle => word(lifecycle_of_key(key).map(|s| s.key())),
        Dimension::ValueClass => word(class_of_key(key).map(|c| c.key())),
        Dimension::CreationMonth | Dimension::CloseMonth => month_of_key(key).map(|(y, m)| {
            i18n.fmt(
                K::PeriodMonthLabel,
                &[("year", &y.to_string()), ("month", &m.to_string())],
            )
        }),
        Dimension::CreationQuarter => quarter_of_key(key).map(|(y, q)| {
            i18n.fmt(
                K::PeriodQuarterLabel,
                &[("year", &y.to_string()), ("q", &q.to_string())],
            )
        }),
        Dimension::DealStage => pipeline_stages(settings)
            .iter()
            .find(|s| s.id == key)
            .map(|s| stage_name(s, i18n)),
        Dimension::Industry | Dimension::Region | Dimension::Source | Dimension::Owner => None,
    };
    label.unwrap_or_else(|| key.to_string())
}

/// The row and column labels of a pivot, in its key order.
pub fn axis_labels(p: &Pivot, i18n: I18n, settings: &Settings) -> (Vec<String>, Vec<String>) {
    let labels = |dim, keys: &[String]| {
        keys.iter()
            .map(|k| key_label(dim, k, i18n, settings))
            .collect()
    };
    (
        labels(p.rows, &p.row_keys),
        labels(p.columns, &p.column_keys),
    )
}

/// A figure for the screen: money with its currency, counts as integers.
pub fn value_text(m: Measure, value: i64, currency: &str) -> String {
    if is_money(m) {
        format_money(value, currency)
    } else {
        value.to_string()
    }
}

/// A figure for a spreadsheet: a plain number (no grouping, no symbol).
pub fn csv_value(m: Measure, value: i64, currency: &str) -> String {
    if is_money(m) {
        amount_text(value, currency)
    } else {
        value.to_string()
    }
}
