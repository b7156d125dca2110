//! Commands for the contact log and follow-ups, by the rules in [`crate::customers::commands`]:
//! pure functions, time passed in, every change through [`Record::touch`].

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::activity::forms::{FollowUpForm, InteractionForm};
use crate::model::form::record_form;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{FollowUp, FollowUpStatus, Interaction, Record};
use crate::model::validate::FieldError;

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

/// Marks the follow-up done and creates the log entry that records it, because a completed
/// call or visit is itself a contact with the customer and belongs in the contact history.
/// Write both in one batch so the history never shows one without the other.
///
/// `at` is when the contact happened (local wall-clock time), `now` when it was recorded. The
/// result is stored trimmed; check its length first with
/// [`crate::activity::forms::validate_follow_up_result`].
pub fn complete_follow_up(
    f: &FollowUp,
    result: &str,
    at: NaiveDateTime,
    interaction_id: Id,
    now: Timestamp,
) -> (FollowUp, Interaction) {
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
    (done, log)
}

/// Cancelled rather than deleted, so the history shows that a planned contact was dropped.
pub fn cancel_follow_up(f: &FollowUp, now: Timestamp) -> FollowUp {
    let mut r = f.clone();
    r.status = FollowUpStatus::Cancelled;
    r.touch(now);
    r
}

/// Moves the follow-up to a new day and time. It becomes open again even if it was done or
/// cancelled, since giving it a new date means it is still to be done; an earlier result is
/// kept for the record.
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
        };
        create_follow_up(&form, Id::from_u128(40), T0, today()).unwrap()
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
        let done = complete_follow_up(&f, "ok", at(15, 0), Id::from_u128(41), T1).0;
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
        let (done, log) =
            complete_follow_up(&f, "  客户签收 ✅ ", at(14, 20), Id::from_u128(50), T1);
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
