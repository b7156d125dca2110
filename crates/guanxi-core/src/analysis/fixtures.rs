//! Records for the analyses' worked examples: small, dated, in CNY unless said.

use chrono::NaiveDate;

use crate::customers::commands::blank_customer;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{Customer, Lifecycle, LifecycleChange, Opportunity};
use crate::pipeline::commands::blank_opportunity;

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Noon UTC on the day.
pub fn at(s: &str) -> Timestamp {
    Timestamp(
        day(s)
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis(),
    )
}

pub fn id(n: u128) -> Id {
    Id::from_u128(n)
}

/// Customer `n`, created on `created`, a prospect since then.
pub fn customer(n: u128, created: &str) -> Customer {
    let mut c = blank_customer(id(n), at(created));
    c.name = format!("客户{n}");
    c.lifecycle_history = vec![LifecycleChange {
        on: day(created),
        from: None,
        to: Lifecycle::Prospect,
        reason: String::new(),
    }];
    c
}

/// Moves `c` to `to` on `on`, recording the move as the app does.
pub fn move_to(c: &mut Customer, to: Lifecycle, on: &str, reason: &str) {
    let from = c.lifecycle;
    c.lifecycle_history.push(LifecycleChange {
        on: day(on),
        from: Some(from),
        to,
        reason: reason.into(),
    });
    c.lifecycle = to;
}

/// Deal `n` of customer `customer` for `yuan` (in fen: × 100), created on `created`, in stage
/// `stage` (a default stage id); a closed stage gets `closed_on` = `closed`.
pub fn deal(
    n: u128,
    customer: u128,
    yuan: i64,
    stage: &str,
    created: &str,
    closed: Option<&str>,
) -> Opportunity {
    let mut o = blank_opportunity(id(n), id(customer), at(created));
    o.amount = yuan * 100;
    o.currency = "CNY".into();
    o.stage = stage.into();
    o.probability = match stage {
        "qualification" => 10,
        "needs_analysis" => 30,
        "proposal" => 50,
        "negotiation" => 80,
        "won" => 100,
        _ => 0,
    };
    o.closed_on = closed.map(day);
    o
}

/// A won deal created and closed on `closed`.
pub fn won(n: u128, customer: u128, yuan: i64, closed: &str) -> Opportunity {
    deal(n, customer, yuan, "won", closed, Some(closed))
}
