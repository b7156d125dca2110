//! Targets and elapsed times: when a case must be answered and solved, whether it is late, and
//! how long it took. Calendar time in whole minutes, so averages can be shown exactly.

use chrono::{Duration, NaiveDateTime};

use crate::service::case::{CaseTargets, ServiceCase};

/// What an open case is late for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Late {
    /// Nobody has answered within the response target.
    Response,
    /// Answered, but not resolved within the resolution target.
    Resolution,
}

/// When the case must have its first response, by its priority's target.
pub fn response_due(case: &ServiceCase, targets: &CaseTargets) -> Option<NaiveDateTime> {
    let t = targets.for_priority(case.priority)?;
    Some(case.opened_at + Duration::hours(i64::from(t.respond_hours)))
}

/// When the case must be resolved, by its priority's target.
pub fn resolve_due(case: &ServiceCase, targets: &CaseTargets) -> Option<NaiveDateTime> {
    let t = targets.for_priority(case.priority)?;
    Some(case.opened_at + Duration::hours(i64::from(t.resolve_hours)))
}

/// Whether an open case is past a target at `now`; `None` for a case on time, resolved or
/// closed (a resolved case is judged by [`resolved_in_time`] instead). An unanswered case past
/// both targets is late for its response first: that is what the desk must do next.
pub fn late(case: &ServiceCase, targets: &CaseTargets, now: NaiveDateTime) -> Option<Late> {
    if !case.status.is_open() {
        return None;
    }
    if case.first_response_at.is_none() && response_due(case, targets).is_some_and(|d| now > d) {
        return Some(Late::Response);
    }
    resolve_due(case, targets)
        .is_some_and(|d| now > d)
        .then_some(Late::Resolution)
}

/// Minutes from opening to the first response; `None` while unanswered.
pub fn minutes_to_response(case: &ServiceCase) -> Option<u64> {
    case.first_response_at
        .map(|at| minutes_between(case.opened_at, at))
}

/// Minutes from opening to the (latest) resolution; `None` while unresolved.
pub fn minutes_to_resolution(case: &ServiceCase) -> Option<u64> {
    case.resolved_at
        .map(|at| minutes_between(case.opened_at, at))
}

/// Whether the first response came within the target (at the due minute counts as in time);
/// `None` while unanswered or without a target.
pub fn responded_in_time(case: &ServiceCase, targets: &CaseTargets) -> Option<bool> {
    Some(case.first_response_at? <= response_due(case, targets)?)
}

/// Whether the resolution came within the target; `None` while unresolved or without a target.
pub fn resolved_in_time(case: &ServiceCase, targets: &CaseTargets) -> Option<bool> {
    Some(case.resolved_at? <= resolve_due(case, targets)?)
}

/// Whole minutes, never negative (a hand-edited time before the opening counts as 0).
fn minutes_between(from: NaiveDateTime, to: NaiveDateTime) -> u64 {
    u64::try_from((to - from).num_minutes()).unwrap_or(0)
}
