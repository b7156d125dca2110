//! Commands for the contact log and follow-ups, by the rules in [`crate::customers::commands`]:
//! pure functions, time passed in, every change through [`Record::touch`].

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::activity::forms::{FollowUpForm, InteractionForm};
use crate::model::form::record_form;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{FollowUp, FollowUpStatus, Interaction, Record};
use crate::model::validate::FieldError;
use crate::store::Batch;

pub(crate) fn blank_interaction(
    id: Id,
    customer_id: Id,
    at: NaiveDateTime,
    now: Timestamp,
) -> Interaction {
    Interaction {
        id,
        created_at: now,
        updated_at: now,
        deleted_at: None,
        rev: 1,
        customer_id,
        contact_id: None,
        at,
        kind: Default::default(),
        summary: String::new(),
        outcome: String::new(),
        attachments: Vec::new(),
        opportunity_id: None,
        competitor_news: String::new(),
        customer_opinion: String::new(),
    }
}

pub(crate) fn blank_follow_up(id: Id, customer_id: Id, due: NaiveDate, now: Timestamp) -> FollowUp {
    FollowUp {
        id,
        created_at: now,
        updated_at: now,
        deleted_at: None,
        rev: 1,
        customer_id,
        contact_id: None,
        due,
        time: None,
        kind: Default::default(),
        purpose: String::new(),
        place: String::new(),
        owner: String::new(),
        status: FollowUpStatus::Open,
        result: String::new(),
        opportunity_id: None,
        recurrence: None,
    }
}

/// `today` is accepted for symmetry with the other commands; interactions have no rule that
/// needs it yet.
pub fn create_interaction(
    form: &InteractionForm,
    id: Id,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Interaction, Vec<FieldError>> {
    let _ = today;
    form.apply(blank_interaction(id, id, NaiveDateTime::default(), now))
}

/// Keeps the attachments of `existing`, which the form does not edit.
pub fn update_interaction(
    existing: &Interaction,
    form: &InteractionForm,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Interaction, Vec<FieldError>> {
    let _ = today;
    let mut r = form.apply(existing.clone())?;
    r.touch(now);
    Ok(r)
}

/// A new follow-up is always open.
pub fn create_follow_up(
    form: &FollowUpForm,
    id: Id,
    now: Timestamp,
    today: NaiveDate,
) -> Result<FollowUp, Vec<FieldError>> {
    let _ = today;
    form.apply(blank_follow_up(id, id, NaiveDate::default(), now))
}

/// Keeps the status and result of `existing`: editing a plan does not reopen or close it.
pub fn update_follow_up(
    existing: &FollowUp,
    form: &FollowUpForm,
    now: Timestamp,
    today: NaiveDate,
) -> Result<FollowUp, Vec<FieldError>> {
    let _ = today;
    let mut r = form.apply(existing.clone())?;
    r.touch(now);
    Ok(r)
}

/// What completing a follow-up changes: the follow-up, its log entry and, when it repeats,
/// the next follow-up of its series.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    pub done: FollowUp,
    pub log: Interaction,
    pub next: Option<FollowUp>,
}

impl Completion {
    /// Everything in one batch, so the history never shows a completion without its log entry
    /// and a series never loses its next date.
    pub fn batch(self) -> Batch {
        let batch = Batch::new().put(self.done).put(self.log);
        match self.next {
            Some(next) => batch.put(next),
            None => batch,
        }
    }
}

/// Marks the follow-up done and creates the log entry that records it, because a completed
/// call or visit is itself a contact with the customer and belongs in the contact history.
///
/// A repeating follow-up also plans the next one (id `next_id`, the same plan, open): on the
/// first date of its series after this occurrence that is after both this one's due date and
/// the day of the contact. So a contact made late stands for the dates it missed instead of
/// leaving a pile of overdue copies, and one done early still leaves the next in its place.
///
/// `at` is when the contact happened (local wall-clock time), `now` when it was recorded. The
/// result is stored trimmed; check its length first with
/// [`crate::activity::forms::validate_follow_up_result`].
pub fn complete_follow_up(
    f: &FollowUp,
    result: &str,
    at: NaiveDateTime,
    interaction_id: Id,
    next_id: Id,
    now: Timestamp,
) -> Completion {
    let result = result.trim().to_string();
    let mut done = f.clone();
    done.status = FollowUpStatus::Done;
    done.result = result.clone();
    done.touch(now);
    let mut log = blank_interaction(interaction_id, f.customer_id, at, now);
    log.contact_id = f.contact_id;
    log.kind = f.kind;
    log.summary = f.purpose.clone();
    log.outcome = result;
    log.opportunity_id = f.opportunity_id;
    let next = f
        .recurrence
        .and_then(|rule| rule.next_after(f.due.max(at.date())))
        .map(|(rule, due)| FollowUp {
            id: next_id,
            created_at: now,
            updated_at: now,
            deleted_at: None,
            rev: 1,
            due,
            status: FollowUpStatus::Open,
            result: String::new(),
            recurrence: Some(rule),
            // The rest of the plan (who, what, where, at what time) carries over.
            ..f.clone()
        });
    Completion { done, log, next }
}

/// Cancelled rather than deleted, so the history shows that a planned contact was dropped.
/// Cancelling a repeating follow-up ends its series: nothing further is planned.
pub fn cancel_follow_up(f: &FollowUp, now: Timestamp) -> FollowUp {
    let mut r = f.clone();
    r.status = FollowUpStatus::Cancelled;
    r.touch(now);
    r
}

/// Moves the follow-up to a new day and time. It becomes open again even if it was done or
/// cancelled, since giving it a new date means it is still to be done; an earlier result is
/// kept for the record. A repeating follow-up keeps its place in the series, so the dates after
/// it stay where they were.
pub fn reschedule_follow_up(
    f: &FollowUp,
    due: NaiveDate,
    time: Option<NaiveTime>,
    now: Timestamp,
) -> FollowUp {
    let mut r = f.clone();
    r.due = due;
    r.time = time;
    r.status = FollowUpStatus::Open;
    r.touch(now);
    r
}

record_form!(InteractionForm => Interaction, create_interaction, update_interaction);
record_form!(FollowUpForm => FollowUp, create_follow_up, update_follow_up);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::activity::recurrence::{Recurrence, Repeat, RepeatForm, RepeatUnit};
    use crate::customers::commands::tests::{today, T0, T1};
    use crate::model::records::{AttachmentRef, InteractionKind};

    fn at(h: u32, m: u32) -> NaiveDateTime {
        today().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn interaction_commands_keep_attachments() {
        let form = InteractionForm {
            customer_id: Some(Id::from_u128(1)),
            contact_id: Some(Id::from_u128(20)),
            at: "2026-03-05T10:15".into(),
            kind: InteractionKind::Meeting,
            summary: "季度回顾".into(),
            outcome: "".into(),
            opportunity_id: Some(Id::from_u128(60)),
            competitor_news: " 对方降价 ".into(),
            customer_opinion: "".into(),
        };
        let mut i = create_interaction(&form, Id::from_u128(30), T0, today()).unwrap();
        assert_eq!(i.opportunity_id, Some(Id::from_u128(60)));
        assert_eq!(i.competitor_news, "对方降价");
        assert_eq!(
            (i.id, i.customer_id, i.contact_id, i.at, i.rev),
            (
                Id::from_u128(30),
                Id::from_u128(1),
                Some(Id::from_u128(20)),
                at(10, 15),
                1
            )
        );
        assert_eq!(
            (i.created_at, i.updated_at, i.kind),
            (T0, T0, InteractionKind::Meeting)
        );
        assert!(i.attachments.is_empty());
        let file = AttachmentRef {
            id: Id::from_u128(99),
            name: "报价单.pdf".into(),
            mime: "application/pdf".into(),
            size: 1234,
        };
        i.attachments.push(file.clone());
        let mut edit = InteractionForm::from_record(&i);
        edit.outcome = "同意试用".into();
        let u = update_interaction(&i, &edit, T1, today()).unwrap();
        assert_eq!(u.attachments, vec![file]);
        assert_eq!(
            (u.outcome.as_str(), u.rev, u.updated_at, u.created_at),
            ("同意试用", 2, T1, T0)
        );
    }

    pub fn follow_up() -> FollowUp {
        let form = FollowUpForm {
            customer_id: Some(Id::from_u128(1)),
            contact_id: Some(Id::from_u128(20)),
            due: "2026-03-06".into(),
            time: "14:00".into(),
            kind: InteractionKind::Visit,
            purpose: " 送样品 ".into(),
            place: "望京".into(),
            owner: "李雷".into(),
            opportunity_id: Some(Id::from_u128(60)),
            repeat: Default::default(),
        };
        create_follow_up(&form, Id::from_u128(40), T0, today()).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// [`follow_up`], due on `due` and repeating every month from then.
    fn monthly(due: NaiveDate) -> FollowUp {
        let mut form = FollowUpForm::from_record(&follow_up());
        form.due = due.to_string();
        form.repeat = RepeatForm {
            repeat: Repeat::Months,
            every: "1".into(),
            ..Default::default()
        };
        create_follow_up(&form, Id::from_u128(40), T0, today()).unwrap()
    }

    fn complete_on(f: &FollowUp, day: NaiveDate, next_id: u128) -> Completion {
        let at = day.and_hms_opt(11, 0, 0).unwrap();
        complete_follow_up(
            f,
            "ok",
            at,
            Id::from_u128(500 + next_id),
            Id::from_u128(next_id),
            T1,
        )
    }

    #[test]
    fn completing_a_repeating_follow_up_plans_the_next() {
        let f = monthly(d(2026, 1, 31));
        let Completion { done, log, next } = complete_on(&f, d(2026, 1, 31), 70);
        let next = next.expect("a monthly follow-up plans the next");
        assert_eq!(next.due, d(2026, 2, 28));
        assert_eq!(
            (next.id, next.rev, next.created_at, next.updated_at),
            (Id::from_u128(70), 1, T1, T1)
        );
        assert_eq!(
            (next.status, next.result.as_str()),
            (FollowUpStatus::Open, "")
        );
        // The plan carries over: the same customer, contact, kind, purpose, place, time, owner
        // and opportunity, and the same series one date further.
        let same_plan = FollowUp {
            id: f.id,
            due: f.due,
            created_at: f.created_at,
            updated_at: f.updated_at,
            recurrence: f.recurrence,
            ..next.clone()
        };
        assert_eq!(same_plan, f);
        let rule = next.recurrence.unwrap();
        assert_eq!((rule.start, rule.occurrence), (d(2026, 1, 31), 1));
        assert_eq!(done.recurrence, f.recurrence);
        let batch = Completion {
            done: done.clone(),
            log: log.clone(),
            next: Some(next.clone()),
        }
        .batch();
        assert_eq!(
            batch.puts,
            vec![done.into_any(), log.into_any(), next.clone().into_any()]
        );
        // The series keeps the 31st: after February comes March 31, then April 30.
        let third = complete_on(&next, d(2026, 2, 27), 71).next.unwrap();
        assert_eq!(third.due, d(2026, 3, 31));
        let fourth = complete_on(&third, d(2026, 3, 31), 72).next.unwrap();
        assert_eq!(fourth.due, d(2026, 4, 30));
        // In a leap year February has its 29th.
        let leap = complete_on(&monthly(d(2028, 1, 31)), d(2028, 1, 31), 73)
            .next
            .unwrap();
        assert_eq!(leap.due, d(2028, 2, 29));
    }

    #[test]
    fn a_late_completion_skips_the_dates_it_missed() {
        // Due Jan 31, done on Mar 3: February's date has passed, so the next is March 31
        // rather than an overdue February copy.
        let next = complete_on(&monthly(d(2026, 1, 31)), d(2026, 3, 3), 70)
            .next
            .unwrap();
        assert_eq!(next.due, d(2026, 3, 31));
        assert_eq!(next.recurrence.unwrap().occurrence, 2);
        // Done on the day of a later date: that date is the one just done.
        let next = complete_on(&monthly(d(2026, 1, 31)), d(2026, 3, 31), 70)
            .next
            .unwrap();
        assert_eq!(next.due, d(2026, 4, 30));
    }

    #[test]
    fn rescheduling_moves_one_date_and_cancelling_ends_the_series() {
        let f = monthly(d(2026, 3, 31));
        // Moved earlier and done then: the next is still April's date, not March 31 again.
        let moved = reschedule_follow_up(&f, d(2026, 3, 27), None, T1);
        assert_eq!(moved.recurrence, f.recurrence);
        let next = complete_on(&moved, d(2026, 3, 27), 70).next.unwrap();
        assert_eq!(next.due, d(2026, 4, 30));
        // Moved later, past the start of April: the series stays on the month's end.
        let moved = reschedule_follow_up(&f, d(2026, 4, 3), None, T1);
        let next = complete_on(&moved, d(2026, 4, 3), 70).next.unwrap();
        assert_eq!(next.due, d(2026, 4, 30));
        let cancelled = cancel_follow_up(&f, T1);
        assert_eq!(cancelled.status, FollowUpStatus::Cancelled);
    }

    #[test]
    fn editing_the_rule_starts_a_new_series_from_the_due_date() {
        let f = monthly(d(2026, 1, 31));
        let second = complete_on(&f, d(2026, 1, 31), 70).next.unwrap();
        // Saving the form unchanged keeps the series (and its month end).
        let same =
            update_follow_up(&second, &FollowUpForm::from_record(&second), T1, today()).unwrap();
        assert_eq!(same.recurrence, second.recurrence);
        assert_eq!(
            complete_on(&same, d(2026, 2, 28), 71).next.unwrap().due,
            d(2026, 3, 31)
        );
        // A weekly rule counts from this follow-up's date (Sat Feb 28) on.
        let mut form = FollowUpForm::from_record(&second);
        form.repeat.repeat = Repeat::Weeks;
        let weekly = update_follow_up(&second, &form, T1, today()).unwrap();
        assert_eq!(
            weekly.recurrence,
            Some(Recurrence::new(1, RepeatUnit::Weeks, d(2026, 2, 28)))
        );
        assert_eq!(
            complete_on(&weekly, d(2026, 2, 28), 72).next.unwrap().due,
            d(2026, 3, 7)
        );
        // "Does not repeat" ends the series: completing plans nothing.
        form.repeat.repeat = Repeat::Never;
        let once = update_follow_up(&weekly, &form, T1, today()).unwrap();
        assert_eq!(once.recurrence, None);
        assert_eq!(complete_on(&once, d(2026, 2, 28), 73).next, None);
    }

    #[test]
    fn follow_up_create_and_update_keep_status() {
        let f = follow_up();
        assert_eq!(
            (f.id, f.rev, f.created_at, f.updated_at, f.status),
            (Id::from_u128(40), 1, T0, T0, FollowUpStatus::Open)
        );
        assert_eq!(f.purpose, "送样品");
        assert_eq!(f.time, NaiveTime::from_hms_opt(14, 0, 0));
        let done = complete_follow_up(
            &f,
            "ok",
            at(15, 0),
            Id::from_u128(41),
            Id::from_u128(42),
            T1,
        )
        .done;
        let mut edit = FollowUpForm::from_record(&done);
        edit.place = "国贸".into();
        let u = update_follow_up(&done, &edit, Timestamp(T1.0 + 1), today()).unwrap();
        assert_eq!(
            (u.status, u.result.as_str(), u.place.as_str(), u.rev),
            (FollowUpStatus::Done, "ok", "国贸", 3)
        );
    }

    #[test]
    fn complete_follow_up_logs_an_interaction() {
        let f = follow_up();
        let Completion { done, log, next } = complete_follow_up(
            &f,
            "  客户签收 ✅ ",
            at(14, 20),
            Id::from_u128(50),
            Id::from_u128(51),
            T1,
        );
        // A follow-up that does not repeat plans nothing further.
        assert_eq!(next, None);
        assert_eq!(done.status, FollowUpStatus::Done);
        assert_eq!(done.result, "客户签收 ✅");
        assert_eq!((done.rev, done.updated_at, done.created_at), (2, T1, T0));
        assert_eq!(done.due, f.due);

        assert_eq!(log.id, Id::from_u128(50));
        assert_eq!(
            (log.customer_id, log.contact_id),
            (f.customer_id, f.contact_id)
        );
        assert_eq!(log.kind, InteractionKind::Visit);
        assert_eq!(log.at, at(14, 20));
        assert_eq!(log.summary, "送样品");
        assert_eq!(log.outcome, "客户签收 ✅");
        // The log entry belongs to the same opportunity as the plan.
        assert_eq!(log.opportunity_id, Some(Id::from_u128(60)));
        assert_eq!(
            (log.rev, log.created_at, log.updated_at, log.deleted_at),
            (1, T1, T1, None)
        );
        assert!(log.attachments.is_empty());
    }

    #[test]
    fn cancel_and_reschedule() {
        let f = follow_up();
        let c = cancel_follow_up(&f, T1);
        assert_eq!(
            (c.status, c.rev, c.updated_at),
            (FollowUpStatus::Cancelled, 2, T1)
        );
        let new_due = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        let r = reschedule_follow_up(&c, new_due, None, Timestamp(T1.0 + 1));
        assert_eq!(
            (r.due, r.time, r.status, r.rev),
            (new_due, None, FollowUpStatus::Open, 3)
        );
        let t = NaiveTime::from_hms_opt(8, 30, 0);
        let r = reschedule_follow_up(&f, new_due, t, T0);
        assert_eq!((r.time, r.rev, r.updated_at), (t, 2, T0));
    }
}
