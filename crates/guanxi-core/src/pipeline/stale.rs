//! Opportunities that have gone quiet: the day of each one's latest activity, and the flag
//! for open ones left longer than the settings allow.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::activity::daily_report::local_date;
use crate::model::ids::Id;
use crate::model::records::{FollowUp, Interaction, Opportunity, Settings, StageOutcome};
use crate::pipeline::opportunity::outcome_of;

/// The day of each opportunity's latest activity: its own last change (`updated_at`, in
/// local time), the log entries linked to it (their local `at`) and the follow-ups linked to
/// it (their last change: planning, completing or rescheduling is work on the deal). Records
/// in the trash do not count. Every opportunity given has an entry.
///
/// `tz_offset_minutes` is east of UTC, as for [`local_date`].
pub fn last_activity(
    opportunities: &[Opportunity],
    interactions: &[Interaction],
    follow_ups: &[FollowUp],
    tz_offset_minutes: i32,
) -> HashMap<Id, NaiveDate> {
    let mut last: HashMap<Id, NaiveDate> = opportunities
        .iter()
        .map(|o| (o.id, local_date(o.updated_at, tz_offset_minutes)))
        .collect();
    let mut bump = |id: Option<Id>, d: NaiveDate| {
        if let Some(l) = id.and_then(|id| last.get_mut(&id)) {
            *l = (*l).max(d);
        }
    };
    for i in interactions.iter().filter(|i| i.deleted_at.is_none()) {
        bump(i.opportunity_id, i.at.date());
    }
    for f in follow_ups.iter().filter(|f| f.deleted_at.is_none()) {
        bump(
            f.opportunity_id,
            local_date(f.updated_at, tz_offset_minutes),
        );
    }
    last
}

/// Whether an open opportunity has gone more than [`Settings::stale_days`] days without
/// activity (see [`last_activity`]), the same "more than" as the customer care list. Won,
/// lost and trashed opportunities are never stale; `stale_days` 0 turns the flag off, and an
/// unknown last activity (`None`) raises no flag.
pub fn is_stale(
    opportunity: &Opportunity,
    last_activity: Option<NaiveDate>,
    today: NaiveDate,
    settings: &Settings,
) -> bool {
    let Some(last) = last_activity else {
        return false;
    };
    settings.stale_days > 0
        && opportunity.deleted_at.is_none()
        && outcome_of(opportunity, settings) == StageOutcome::Open
        && (today - last).num_days() > i64::from(settings.stale_days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::commands::{blank_follow_up, blank_interaction};
    use crate::model::ids::Timestamp;
    use crate::pipeline::opportunity::move_to_stage;
    use crate::pipeline::opportunity::tests::{d, opp, today, T0, T1};

    fn id(n: u128) -> Id {
        Id::from_u128(n)
    }

    #[test]
    fn activity_and_the_stale_flag() {
        let s = Settings::default();
        // Created 2026-01-10 (UTC noon), never touched since.
        let created = Timestamp(
            d(2026, 1, 10)
                .and_hms_opt(12, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis(),
        );
        let mut o = opp(1, 1, "proposal", 100);
        o.created_at = created;
        o.updated_at = created;
        let mut other = o.clone();
        other.id = id(2);
        let opps = vec![o.clone(), other.clone()];

        let mut call = blank_interaction(
            id(20),
            id(1),
            d(2026, 2, 1).and_hms_opt(10, 0, 0).unwrap(),
            T0,
        );
        call.opportunity_id = Some(o.id);
        let mut trashed_call = blank_interaction(
            id(21),
            id(1),
            d(2026, 3, 1).and_hms_opt(10, 0, 0).unwrap(),
            T0,
        );
        trashed_call.opportunity_id = Some(o.id);
        trashed_call.deleted_at = Some(T0);
        let unlinked = blank_interaction(
            id(22),
            id(1),
            d(2026, 3, 4).and_hms_opt(10, 0, 0).unwrap(),
            T0,
        );
        let mut plan = blank_follow_up(id(30), id(1), d(2026, 3, 20), created);
        plan.opportunity_id = Some(other.id);
        // Planned on 2026-02-20 at 20:00 UTC, which is the 21st in Beijing.
        plan.updated_at = Timestamp(
            d(2026, 2, 20)
                .and_hms_opt(20, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis(),
        );
        let last = last_activity(&opps, &[call, trashed_call, unlinked], &[plan], 480);
        assert_eq!(last[&o.id], d(2026, 2, 1));
        assert_eq!(last[&other.id], d(2026, 2, 21));
        assert_eq!(last_activity(&opps, &[], &[], 0)[&o.id], d(2026, 1, 10));

        // 30 days is the limit; stale from the 31st.
        let t = d(2026, 3, 3);
        assert!(!is_stale(&o, Some(d(2026, 2, 1)), t, &s));
        assert!(is_stale(&o, Some(d(2026, 2, 1)), d(2026, 3, 4), &s));
        assert!(!is_stale(&o, None, t, &s));
        let off = Settings {
            stale_days: 0,
            ..Default::default()
        };
        assert!(!is_stale(&o, Some(d(2025, 1, 1)), t, &off));
        let won = move_to_stage(&o, "won", "价格优势 Price", &s, T1, today()).unwrap();
        assert!(!is_stale(&won, Some(d(2025, 1, 1)), t, &s));
        let mut gone = o.clone();
        gone.deleted_at = Some(T1);
        assert!(!is_stale(&gone, Some(d(2025, 1, 1)), t, &s));
    }
}
