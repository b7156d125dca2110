//! The demo's saved segments, so the greeting list and campaigns have groups to aim at: the
//! customers of the commonest region, the A customers of the commonest industry among them,
//! and the customers in growth. Built from the generated customers without drawing a random
//! number, so adding them changed no record.

use std::collections::HashMap;

use crate::customers::list_url::CustomerSelection;
use crate::customers::query::CustomerFilter;
use crate::marketing::segments::{save_segment, selected_customers};
use crate::model::ids::Id;
use crate::model::records::{Customer, Lifecycle, Settings, ValueClass};

use super::DemoLang;

/// The segments' ids: fixed, so loading the demo twice finds its segments already there.
const SEGMENT_IDS: [u128; 3] = [
    0x6465_6d6f_0000_4000_8000_0000_0000_0001,
    0x6465_6d6f_0000_4000_8000_0000_0000_0002,
    0x6465_6d6f_0000_4000_8000_0000_0000_0003,
];

/// The value shared by most customers (the first met among equals), if any is set.
fn commonest<'a>(values: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, v) in values.filter(|v| !v.trim().is_empty()).enumerate() {
        counts.entry(v).or_insert((0, i)).0 += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
        .map(|(v, _)| v)
}

/// The demo's segments for `customers`, named in the demo's language; a segment that would
/// select nobody is left out.
pub(super) fn demo_segments(customers: &[Customer], lang: DemoLang) -> Vec<crate::Segment> {
    let zh = lang == DemoLang::Zh;
    let active = || customers.iter().filter(|c| !c.archived);
    let select = |f: &dyn Fn(&mut CustomerFilter)| {
        let mut s = CustomerSelection::default();
        f(&mut s.filter);
        s
    };
    let mut wanted: Vec<(String, CustomerSelection)> = Vec::new();
    if let Some(region) = commonest(active().map(|c| c.region.as_str())) {
        let name = match zh {
            true => format!("{region}客户"),
            false => format!("Customers in {region}"),
        };
        wanted.push((name, select(&|f| f.region = Some(region.to_string()))));
    }
    let a = active().filter(|c| c.value_class == ValueClass::A);
    if let Some(industry) = commonest(a.map(|c| c.industry.as_str())) {
        let name = match zh {
            true => format!("A 类{industry}客户"),
            false => format!("Class A in {industry}"),
        };
        wanted.push((
            name,
            select(&|f| {
                f.value_class = Some(ValueClass::A);
                f.industry = Some(industry.to_string());
            }),
        ));
    }
    let growth = match zh {
        true => "成长期客户",
        false => "Customers in growth",
    };
    wanted.push((
        growth.to_string(),
        select(&|f| f.lifecycle = Some(Lifecycle::Growth)),
    ));

    let mut settings = Settings::default();
    for ((name, selection), id) in wanted.iter().zip(SEGMENT_IDS) {
        if selected_customers(customers, selection).is_empty() {
            continue;
        }
        if let Ok(next) = save_segment(&settings, Id::from_u128(id), name, selection) {
            settings = next;
        }
    }
    settings.segments
}
