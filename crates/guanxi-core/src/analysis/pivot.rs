//! The pivot table (数据透视): one measure broken down by two dimensions, with row, column and
//! grand totals, and behind every cell the ids of the records it was computed from.
//!
//! What each measure counts (all in the default currency; deals in another are left out and
//! listed):
//! - customers: counted customers created by the end of the period;
//! - deals: deals created in the period;
//! - won value: deals won with a close date in the period, by amount;
//! - weighted pipeline: deals open now, by amount × probability ÷ 100 rounded as
//!   [`crate::model::money::weighted`] does (a snapshot: the period is not used);
//! - collections: payments received in the period, per deal.
//!
//! Customer dimensions of a deal are its customer's, except owner and source, which deals have
//! their own of. Broken down by a deal dimension (close month, deal stage), a customer is
//! counted in the cell of each of its deals, or under the blank key if it has none; counts are
//! of distinct records, so a row total counts such a customer once even when two cells in the
//! row hold it. Blank values are grouped under the empty key, always last.

use std::collections::BTreeMap;

use chrono::Datelike;
use chrono::NaiveDate;

use crate::analysis::period::Period;
use crate::analysis::scope::{
    created_on, default_currency, live_customers, live_deals, LeftOutDeal,
};
use crate::analysis::value::won_in;
use crate::customers::lifecycle::{history, stage_on};
use crate::model::ids::Id;
use crate::model::records::{Customer, Lifecycle, Opportunity, Settings, SizeBand, ValueClass};
use crate::pipeline::opportunity::{
    close_date, is_open, outcome_of, pipeline_stages, stage_of, weighted_value,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    Industry,
    Region,
    /// Keys `micro` … `enterprise`; unknown is blank.
    Size,
    Source,
    Owner,
    /// Keys `A`, `B`, `C`.
    ValueClass,
    /// The stage at the end of the period, keys `prospect` … `termination`.
    Lifecycle,
    /// Of the record measured (customer or deal), key `2025-03`.
    CreationMonth,
    /// Of the record measured, key `2025-Q1`.
    CreationQuarter,
    /// Of closed deals, key `2025-03`; open deals are blank.
    CloseMonth,
    /// The deal's stage id, in board order.
    DealStage,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    Customers,
    Deals,
    WonValue,
    WeightedPipeline,
    Collections,
}

impl Measure {
    fn is_count(self) -> bool {
        matches!(self, Measure::Customers | Measure::Deals)
    }
}

/// A figure and the records behind it (for drill-down), each id once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PivotCell {
    /// A count, or minor units of the default currency.
    pub value: i64,
    pub records: Vec<Id>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pivot {
    pub period: Period,
    pub rows: Dimension,
    pub columns: Dimension,
    pub measure: Measure,
    pub currency: String,
    pub row_keys: Vec<String>,
    pub column_keys: Vec<String>,
    /// `cells[row][column]`, every combination present (empty ones are 0).
    pub cells: Vec<Vec<PivotCell>>,
    pub row_totals: Vec<PivotCell>,
    pub column_totals: Vec<PivotCell>,
    pub grand_total: PivotCell,
    pub left_out: Vec<LeftOutDeal>,
}

/// One record measured: a customer or a deal (`id`), its customer, and the deal that deal
/// dimensions read (for a customer broken down by a deal dimension, one of its deals).
struct Fact<'a> {
    id: Id,
    customer: &'a Customer,
    deal: Option<&'a Opportunity>,
    amount: i64,
}

impl Fact<'_> {
    /// The deal when the record measured is a deal (not a customer's deal).
    fn measured_deal(&self) -> Option<&Opportunity> {
        self.deal.filter(|o| o.id == self.id)
    }
}

fn month_key(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn quarter_key(d: NaiveDate) -> String {
    format!("{:04}-Q{}", d.year(), d.month().div_ceil(3))
}

fn size_key(s: SizeBand) -> &'static str {
    match s {
        SizeBand::Unknown => "",
        SizeBand::Micro => "micro",
        SizeBand::Small => "small",
        SizeBand::Medium => "medium",
        SizeBand::Large => "large",
        SizeBand::Enterprise => "enterprise",
    }
}

fn lifecycle_key(s: Lifecycle) -> &'static str {
    match s {
        Lifecycle::Prospect => "prospect",
        Lifecycle::Development => "development",
        Lifecycle::Growth => "growth",
        Lifecycle::Maturity => "maturity",
        Lifecycle::Decline => "decline",
        Lifecycle::Termination => "termination",
    }
}

fn class_key(c: ValueClass) -> &'static str {
    match c {
        ValueClass::A => "A",
        ValueClass::B => "B",
        ValueClass::C => "C",
    }
}

fn key_of(dim: Dimension, f: &Fact, settings: &Settings, period: Period) -> String {
    let c = f.customer;
    let measured = f.measured_deal();
    let created = measured.map_or_else(|| c.created_at.to_datetime().date_naive(), created_on);
    let text = match dim {
        Dimension::Industry => c.industry.clone(),
        Dimension::Region => c.region.clone(),
        Dimension::Size => size_key(c.size).to_string(),
        Dimension::Source => measured.map_or(&c.source, |o| &o.source).clone(),
        Dimension::Owner => measured.map_or(&c.owner, |o| &o.owner).clone(),
        Dimension::ValueClass => class_key(c.value_class).to_string(),
        Dimension::Lifecycle => stage_on(&history(c), period.end())
            .map_or("", lifecycle_key)
            .to_string(),
        Dimension::CreationMonth => month_key(created),
        Dimension::CreationQuarter => quarter_key(created),
        Dimension::CloseMonth => f
            .deal
            .filter(|o| outcome_of(o, settings).is_closed())
            .and_then(|o| close_date(o, settings))
            .map(month_key)
            .unwrap_or_default(),
        Dimension::DealStage => f
            .deal
            .map(|o| stage_of(o, settings).id.clone())
            .unwrap_or_default(),
    };
    text.trim().to_string()
}

/// The fixed order of a dimension's keys, where it has one (others sort by text).
fn fixed_order(dim: Dimension, settings: &Settings) -> Vec<String> {
    match dim {
        Dimension::Size => SizeBand::ALL.map(|s| size_key(s).to_string()).to_vec(),
        Dimension::ValueClass => ValueClass::ALL.map(|c| class_key(c).to_string()).to_vec(),
        Dimension::Lifecycle => Lifecycle::ALL
            .map(|s| lifecycle_key(s).to_string())
            .to_vec(),
        Dimension::DealStage => pipeline_stages(settings)
            .iter()
            .map(|s| s.id.clone())
            .collect(),
        _ => Vec::new(),
    }
}

fn sort_keys(keys: &mut [String], dim: Dimension, settings: &Settings) {
    let order = fixed_order(dim, settings);
    let rank = |k: &String| order.iter().position(|o| o == k).unwrap_or(order.len());
    keys.sort_by(|a, b| (a.is_empty(), rank(a), a).cmp(&(b.is_empty(), rank(b), b)));
}

/// Every fact the measure counts, and the deals left out for their currency.
fn facts<'a>(
    customers: &'a [Customer],
    opportunities: &'a [Opportunity],
    settings: &Settings,
    period: Period,
    measure: Measure,
    expand_customers: bool,
) -> (Vec<Fact<'a>>, Vec<LeftOutDeal>) {
    let live = live_customers(customers);
    let deals = live_deals(opportunities, &live);
    let currency = default_currency(settings);
    let mut left_out = Vec::new();
    let mut out = Vec::new();
    if measure == Measure::Customers {
        for c in customers.iter().filter(|c| live.contains_key(&c.id)) {
            if stage_on(&history(c), period.end()).is_none() {
                continue;
            }
            let own: Vec<&Opportunity> = deals
                .iter()
                .copied()
                .filter(|o| expand_customers && o.customer_id == c.id)
                .collect();
            let fact = |deal| Fact {
                id: c.id,
                customer: c,
                deal,
                amount: 0,
            };
            match own.is_empty() {
                true => out.push(fact(None)),
                false => out.extend(own.into_iter().map(|o| fact(Some(o)))),
            }
        }
        return (out, left_out);
    }
    for o in deals {
        let amount = match measure {
            Measure::Deals if period.contains(created_on(o)) => 0,
            Measure::WonValue if won_in(o, settings, period) => o.amount,
            Measure::WeightedPipeline if is_open(o, settings) => weighted_value(o, settings),
            Measure::Collections => {
                let paid: Vec<i64> = o
                    .collections
                    .iter()
                    .filter(|p| period.contains(p.on))
                    .map(|p| p.amount)
                    .collect();
                if paid.is_empty() {
                    continue;
                }
                paid.iter().fold(0i64, |s, a| s.saturating_add(*a))
            }
            _ => continue,
        };
        if !measure.is_count() {
            if let Some(left) = LeftOutDeal::check(o, settings, &currency) {
                left_out.push(left);
                continue;
            }
        }
        out.push(Fact {
            id: o.id,
            customer: live[&o.customer_id],
            deal: Some(o),
            amount,
        });
    }
    (out, left_out)
}

fn total<'f>(facts: impl Iterator<Item = &'f Fact<'f>>, count: bool) -> PivotCell {
    let mut cell = PivotCell::default();
    // A set beside the list keeps the grand total linear: 100,000 deals checked against a
    // growing list took seconds.
    let mut seen = std::collections::HashSet::new();
    for f in facts {
        if seen.insert(f.id) {
            cell.records.push(f.id);
        }
        cell.value = cell.value.saturating_add(f.amount);
    }
    if count {
        cell.value = cell.records.len() as i64;
    }
    cell
}

/// `measure` over `period`, broken down by `rows` × `columns` (see the module docs).
pub fn pivot(
    customers: &[Customer],
    opportunities: &[Opportunity],
    settings: &Settings,
    period: Period,
    rows: Dimension,
    columns: Dimension,
    measure: Measure,
) -> Pivot {
    let deal_dim = |d| matches!(d, Dimension::CloseMonth | Dimension::DealStage);
    let expand = deal_dim(rows) || deal_dim(columns);
    let (facts, left_out) = facts(customers, opportunities, settings, period, measure, expand);
    let keyed: Vec<(String, String, &Fact)> = facts
        .iter()
        .map(|f| {
            let r = key_of(rows, f, settings, period);
            (r, key_of(columns, f, settings, period), f)
        })
        .collect();
    let distinct = |mut keys: Vec<String>, dim| {
        sort_keys(&mut keys, dim, settings);
        keys.dedup();
        keys
    };
    let row_keys = distinct(keyed.iter().map(|k| k.0.clone()).collect(), rows);
    let column_keys = distinct(keyed.iter().map(|k| k.1.clone()).collect(), columns);
    let count = measure.is_count();
    let mut by_cell: BTreeMap<(&str, &str), Vec<&Fact>> = BTreeMap::new();
    for (r, c, f) in &keyed {
        by_cell
            .entry((r.as_str(), c.as_str()))
            .or_default()
            .push(*f);
    }
    let cells = row_keys
        .iter()
        .map(|r| {
            column_keys
                .iter()
                .map(|c| {
                    let facts = by_cell.get(&(r.as_str(), c.as_str()));
                    total(facts.into_iter().flatten().copied(), count)
                })
                .collect()
        })
        .collect();
    Pivot {
        period,
        rows,
        columns,
        measure,
        currency: default_currency(settings),
        row_totals: row_keys
            .iter()
            .map(|key| total(keyed.iter().filter(|k| &k.0 == key).map(|k| k.2), count))
            .collect(),
        column_totals: column_keys
            .iter()
            .map(|key| total(keyed.iter().filter(|k| &k.1 == key).map(|k| k.2), count))
            .collect(),
        grand_total: total(facts.iter(), count),
        row_keys,
        column_keys,
        cells,
        left_out,
    }
}

#[cfg(test)]
#[path = "pivot_tests.rs"]
mod tests;
