//! A customer's lifecycle history: every move between the course's six stages, with its date
//! and, for decline and termination, the reason.
//!
//! The history is kept on the customer record. Records written before it existed carry none,
//! and a write path that changes the stage without saying when (an import updating a row, a
//! hand-edited backup) can leave the last entry behind the current stage. [`history`] repairs
//! both on reading, the same way every time, so no migration has to rewrite sealed records
//! and no analysis sees a gap.

use chrono::NaiveDate;

use crate::model::records::{Customer, Lifecycle, LifecycleChange};

/// Whether moving to `stage` asks for a reason: the two stages where a customer is being lost.
pub fn needs_reason(stage: Lifecycle) -> bool {
    matches!(stage, Lifecycle::Decline | Lifecycle::Termination)
}

/// The calendar day of a record's creation (UTC: the crate has no time zone).
fn created_on(c: &Customer) -> NaiveDate {
    c.created_at.to_datetime().date_naive()
}

/// The customer's history as analyses read it, oldest first, never empty:
/// - no stored history: one entry, the current stage since the creation date;
/// - stored history whose last stage is not the current one: an entry for the unrecorded move,
///   dated at the last update.
pub fn history(c: &Customer) -> Vec<LifecycleChange> {
    let mut h = c.lifecycle_history.clone();
    match h.last() {
        None => h.push(LifecycleChange {
            on: created_on(c),
            from: None,
            to: c.lifecycle,
            reason: String::new(),
        }),
        Some(last) if last.to != c.lifecycle => {
            let on = c.updated_at.to_datetime().date_naive().max(last.on);
            let from = Some(last.to);
            h.push(LifecycleChange {
                on,
                from,
                to: c.lifecycle,
                reason: String::new(),
            });
        }
        Some(_) => {}
    }
    h
}

/// Records a move from `before` to the record's current stage on `on`, writing out the
/// implied first entry of an old record first so the stored history is complete. Does nothing
/// when the stage did not change. The reason is kept only for decline and termination.
pub fn note_change(before: &Customer, after: &mut Customer, on: NaiveDate, reason: &str) {
    // Leaves an untouched record byte for byte as it was, so an import that changes nothing
    // reports nothing changed.
    if before.lifecycle == after.lifecycle {
        return;
    }
    let mut h = history(before);
    let on = on.max(h.last().map_or(on, |l| l.on));
    h.push(LifecycleChange {
        on,
        from: Some(before.lifecycle),
        to: after.lifecycle,
        reason: if needs_reason(after.lifecycle) {
            reason.trim().to_string()
        } else {
            String::new()
        },
    });
    after.lifecycle_history = h;
}

/// Starts the history of a new customer: its stage on the creation day.
pub fn start(c: &mut Customer, reason: &str) {
    if c.lifecycle_history.is_empty() {
        c.lifecycle_history.push(LifecycleChange {
            on: created_on(c),
            from: None,
            to: c.lifecycle,
            reason: if needs_reason(c.lifecycle) {
                reason.trim().to_string()
            } else {
                String::new()
            },
        });
    }
}

/// The stage the customer was in at the end of `day`, or `None` before it existed.
pub fn stage_on(history: &[LifecycleChange], day: NaiveDate) -> Option<Lifecycle> {
    history
        .iter()
        .take_while(|change| change.on <= day)
        .last()
        .map(|change| change.to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::commands::blank_customer;
    use crate::model::ids::{Id, Timestamp};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> Timestamp {
        Timestamp(
            day(s)
                .and_hms_opt(12, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis(),
        )
    }

    fn customer(stage: Lifecycle) -> Customer {
        let mut c = blank_customer(Id::from_u128(1), at("2025-03-10"));
        c.lifecycle = stage;
        c
    }

    #[test]
    fn an_old_record_reads_as_its_stage_since_creation() {
        // A record from before the history existed: stored JSON without the field.
        let json = r#"{"id":"00000000-0000-0000-0000-000000000001","created_at":1741608000000,
            "updated_at":1741608000000,"name":"甲","lifecycle":"maturity"}"#;
        let c: Customer = serde_json::from_str(json).unwrap();
        assert!(c.lifecycle_history.is_empty());
        let h = history(&c);
        assert_eq!(
            h,
            vec![LifecycleChange {
                on: day("2025-03-10"),
                from: None,
                to: Lifecycle::Maturity,
                reason: String::new()
            }]
        );
        assert_eq!(stage_on(&h, day("2025-03-09")), None);
        assert_eq!(stage_on(&h, day("2025-03-10")), Some(Lifecycle::Maturity));
    }

    #[test]
    fn moves_are_recorded_with_their_reason_only_when_losing_the_customer() {
        let old = customer(Lifecycle::Growth);
        let mut next = old.clone();
        next.lifecycle = Lifecycle::Decline;
        note_change(&old, &mut next, day("2025-06-01"), " 价格 Price ");
        let mut last = next.clone();
        last.lifecycle = Lifecycle::Maturity;
        note_change(&next, &mut last, day("2025-07-01"), "ignored");
        let h = &last.lifecycle_history;
        let summary: Vec<_> = h
            .iter()
            .map(|c| (c.on.to_string(), c.from, c.to, c.reason.as_str()))
            .collect();
        use Lifecycle::*;
        assert_eq!(
            summary,
            vec![
                ("2025-03-10".into(), None, Growth, ""),
                ("2025-06-01".into(), Some(Growth), Decline, "价格 Price"),
                ("2025-07-01".into(), Some(Decline), Maturity, ""),
            ]
        );
        assert_eq!(stage_on(h, day("2025-06-30")), Some(Decline));
        assert_eq!(stage_on(h, day("2025-07-01")), Some(Maturity));
        // An edit that leaves the stage alone adds nothing.
        let mut same = last.clone();
        same.name = "乙".into();
        note_change(&last, &mut same, day("2025-08-01"), "");
        assert_eq!(same.lifecycle_history.len(), 3);
    }

    #[test]
    fn a_move_never_goes_back_in_time_and_an_unrecorded_move_is_repaired() {
        let old = customer(Lifecycle::Prospect);
        let mut next = old.clone();
        next.lifecycle = Lifecycle::Development;
        // A clock set wrong must not date the move before the customer existed.
        note_change(&old, &mut next, day("2024-01-01"), "");
        assert_eq!(next.lifecycle_history[1].on, day("2025-03-10"));
        // An import changed the stage without recording it.
        next.lifecycle = Lifecycle::Termination;
        next.updated_at = at("2025-09-09");
        let h = history(&next);
        assert_eq!(h.len(), 3);
        assert_eq!(
            (h[2].on, h[2].from, h[2].to),
            (
                day("2025-09-09"),
                Some(Lifecycle::Development),
                Lifecycle::Termination
            )
        );
    }
}
