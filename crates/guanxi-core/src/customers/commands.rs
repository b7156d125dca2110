//! Commands: the only way the UI turns forms and actions into records to store.
//!
//! They are pure functions returning new records, never writing anything, so the caller
//! decides how to batch them (a completed follow-up and its log entry go into one transaction)
//! and so every rule here is testable without a browser. Time comes in as arguments (`now`,
//! `today`) because this crate has no clock.
//!
//! Bookkeeping rules: a created record starts at revision 1 with `created_at == updated_at ==
//! now`; every change goes through [`Record::touch`], which bumps the revision and never moves
//! `updated_at` backwards, so a stale copy can always be told from a fresh one.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::activity::forms::{FollowUpForm, InteractionForm};
use crate::customers::forms::{ContactForm, CustomerForm};
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    Contact, Customer, FollowUp, FollowUpStatus, Interaction, Opportunity, Record, Settings,
};
use crate::model::validate::FieldError;
use crate::pipeline::forms::OpportunityForm;

/// A new customer with nothing but bookkeeping, for forms to fill in.
pub(crate) fn blank_customer(id: Id, now: Timestamp) -> Customer {
    Customer {
        id,
        created_at: now,
        updated_at: now,
        deleted_at: None,
        rev: 1,
        name: String::new(),
        kind: Default::default(),
        company: String::new(),
        industry: String::new(),
        size: Default::default(),
        region: String::new(),
        source: String::new(),
        tags: Vec::new(),
        lifecycle: Default::default(),
        value_class: Default::default(),
        owner: String::new(),
        phones: Vec::new(),
        emails: Vec::new(),
        address: String::new(),
        birthday: None,
        notes: String::new(),
        archived: false,
        merged_into: None,
    }
}

pub(crate) fn blank_contact(id: Id, customer_id: Id, now: Timestamp) -> Contact {
    Contact {
        id,
        created_at: now,
        updated_at: now,
        deleted_at: None,
        rev: 1,
        customer_id,
        name: String::new(),
        title: String::new(),
        department: String::new(),
        reports_to: None,
        phones: Vec::new(),
        emails: Vec::new(),
        birthday: None,
        notes: String::new(),
    }
}

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

/// An opportunity with nothing but bookkeeping; the form sets the stage and currency.
pub(crate) fn blank_opportunity(id: Id, customer_id: Id, now: Timestamp) -> Opportunity {
    Opportunity {
        id,
        created_at: now,
        updated_at: now,
        deleted_at: None,
        rev: 1,
        customer_id,
        title: String::new(),
        amount: 0,
        currency: String::new(),
        stage: String::new(),
        probability: 0,
        probability_overridden: false,
        expected_close: None,
        owner: String::new(),
        source: String::new(),
        competitors: Vec::new(),
        next_step: String::new(),
        close_reason: String::new(),
        closed_on: None,
        notes: String::new(),
    }
}

/// The id is passed in (not generated) so that the caller can reference the new customer in
/// the same batch, and so tests and seeded data are deterministic.
pub fn create_customer(
    form: &CustomerForm,
    id: Id,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Customer, Vec<FieldError>> {
    form.apply(blank_customer(id, now), today)
}

/// Keeps the id, creation time and tombstone of `existing`; everything the form shows is
/// replaced by the form's values.
pub fn update_customer(
    existing: &Customer,
    form: &CustomerForm,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Customer, Vec<FieldError>> {
    let mut r = form.apply(existing.clone(), today)?;
    r.touch(now);
    Ok(r)
}

pub fn create_contact(
    form: &ContactForm,
    id: Id,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Contact, Vec<FieldError>> {
    // The customer id is a placeholder until `apply` sets it (or fails for its absence).
    form.apply(blank_contact(id, id, now), Some(id), today)
}

/// The form's customer replaces the old one, so a contact can move to another customer.
pub fn update_contact(
    existing: &Contact,
    form: &ContactForm,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Contact, Vec<FieldError>> {
    let mut r = form.apply(existing.clone(), Some(existing.id), today)?;
    r.touch(now);
    Ok(r)
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

/// A new opportunity. Its probability is the stage's default unless the form overrides it;
/// created straight into a won or lost stage (entering a past deal), it needs a reason and
/// gets its close date (today if the form leaves it blank).
pub fn create_opportunity(
    form: &OpportunityForm,
    settings: &Settings,
    id: Id,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Opportunity, Vec<FieldError>> {
    // The customer id is a placeholder until `apply` sets it (or fails for its absence).
    form.apply(blank_opportunity(id, id, now), settings, today)
}

/// Everything the form shows is replaced, by the rules of
/// [`crate::pipeline::opportunity::move_to_stage`] for the stage: a blank probability follows the
/// (possibly new) stage's default, a number other than the default is an override.
pub fn update_opportunity(
    existing: &Opportunity,
    form: &OpportunityForm,
    settings: &Settings,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Opportunity, Vec<FieldError>> {
    let mut r = form.apply(existing.clone(), settings, today)?;
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

/// Moves a record to the trash (a tombstone, so other devices' copies and indexes see the
/// deletion and it can be undone). Trashing a record already in the trash returns it
/// unchanged, so its deletion time — which decides when the trash is emptied — stays the
/// first one.
pub fn trash<R: Record>(r: &R, now: Timestamp) -> R {
    let mut r = r.clone();
    if r.deleted_at().is_none() {
        r.set_deleted(Some(now), now);
    }
    r
}

/// Takes a record out of the trash. A record not in the trash is returned unchanged, so a
/// repeated click does not create a new revision.
pub fn restore<R: Record>(r: &R, now: Timestamp) -> R {
    let mut r = r.clone();
    if r.deleted_at().is_some() {
        r.set_deleted(None, now);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{AttachmentRef, InteractionKind, Label, Labeled};
    use crate::model::validate::{Field, Problem};

    const T0: Timestamp = Timestamp(1_772_700_000_000);
    const T1: Timestamp = Timestamp(1_772_700_060_000);

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    }

    fn at(h: u32, m: u32) -> NaiveDateTime {
        today().and_hms_opt(h, m, 0).unwrap()
    }

    fn customer_form() -> CustomerForm {
        CustomerForm {
            name: " 北京某某科技 ".into(),
            tags: "VIP、重点".into(),
            phones: vec![Labeled::new(Label::Work, "010-12345678转8")],
            ..Default::default()
        }
    }

    #[test]
    fn create_customer_sets_bookkeeping() {
        let c = create_customer(&customer_form(), Id::from_u128(1), T0, today()).unwrap();
        assert_eq!(c.id, Id::from_u128(1));
        assert_eq!(
            (c.rev, c.created_at, c.updated_at, c.deleted_at),
            (1, T0, T0, None)
        );
        assert_eq!(c.name, "北京某某科技");
        assert_eq!(c.tags, vec!["VIP", "重点"]);
        let bad = CustomerForm::default();
        assert_eq!(
            create_customer(&bad, Id::from_u128(1), T0, today()),
            Err(vec![FieldError::new(Field::Name, Problem::Required)])
        );
    }

    #[test]
    fn update_customer_keeps_identity_and_bumps_revision() {
        let c = create_customer(&customer_form(), Id::from_u128(1), T0, today()).unwrap();
        let mut form = CustomerForm::from_record(&c);
        form.name = "北京某某科技有限公司".into();
        let u = update_customer(&c, &form, T1, today()).unwrap();
        assert_eq!((u.id, u.created_at, u.rev, u.updated_at), (c.id, T0, 2, T1));
        assert_eq!(u.name, "北京某某科技有限公司");
        assert_eq!(u.phones, c.phones);

        // A clock set back must not make the edit look older than what it replaced.
        let earlier = Timestamp(T0.0 - 5_000);
        let v = update_customer(&u, &form, earlier, today()).unwrap();
        assert_eq!((v.rev, v.updated_at), (3, T1));

        form.emails = vec![Labeled::new(Label::Work, "bad@")];
        assert_eq!(
            update_customer(&u, &form, T1, today()),
            Err(vec![FieldError::new(
                Field::Email(0),
                Problem::InvalidEmail
            )])
        );
    }

    #[test]
    fn update_keeps_tombstone() {
        let c = create_customer(&customer_form(), Id::from_u128(1), T0, today()).unwrap();
        let trashed = trash(&c, T0);
        let u = update_customer(&trashed, &customer_form(), T1, today()).unwrap();
        assert_eq!(u.deleted_at, Some(T0));
    }

    #[test]
    fn contact_commands() {
        let form = ContactForm {
            customer_id: Some(Id::from_u128(1)),
            name: " 张伟 ".into(),
            reports_to: Some(Id::from_u128(21)),
            ..Default::default()
        };
        let c = create_contact(&form, Id::from_u128(20), T0, today()).unwrap();
        assert_eq!(
            (c.id, c.customer_id, c.rev, c.created_at, c.updated_at),
            (Id::from_u128(20), Id::from_u128(1), 1, T0, T0)
        );
        assert_eq!(c.name, "张伟");
        assert_eq!(c.reports_to, Some(Id::from_u128(21)));

        let mut moved = ContactForm::from_record(&c);
        moved.customer_id = Some(Id::from_u128(2));
        let u = update_contact(&c, &moved, T1, today()).unwrap();
        assert_eq!(
            (u.customer_id, u.rev, u.updated_at, u.created_at),
            (Id::from_u128(2), 2, T1, T0)
        );

        moved.reports_to = Some(c.id);
        assert_eq!(
            update_contact(&c, &moved, T1, today()),
            Err(vec![FieldError::new(
                Field::ReportsTo,
                Problem::SelfReference
            )])
        );
        let self_ref = ContactForm {
            reports_to: Some(Id::from_u128(20)),
            ..form
        };
        assert_eq!(
            create_contact(&self_ref, Id::from_u128(20), T0, today()),
            Err(vec![FieldError::new(
                Field::ReportsTo,
                Problem::SelfReference
            )])
        );
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
        };
        let mut i = create_interaction(&form, Id::from_u128(30), T0, today()).unwrap();
        assert_eq!(i.opportunity_id, Some(Id::from_u128(60)));
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

    fn follow_up() -> FollowUp {
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

    #[test]
    fn opportunity_commands() {
        let settings = Settings::default();
        let form = OpportunityForm {
            title: "ERP 二期".into(),
            amount: "80万".into(),
            stage: "negotiation".into(),
            ..OpportunityForm::new(&settings, Some(Id::from_u128(1)))
        };
        let o = create_opportunity(&form, &settings, Id::from_u128(70), T0, today()).unwrap();
        assert_eq!(
            (
                o.id,
                o.customer_id,
                o.rev,
                o.created_at,
                o.updated_at,
                o.deleted_at
            ),
            (Id::from_u128(70), Id::from_u128(1), 1, T0, T0, None)
        );
        assert_eq!(
            (o.amount, o.probability, o.probability_overridden),
            (80_000_000, 80, false)
        );

        let mut edit = OpportunityForm::from_record(&o);
        edit.stage = "won".into();
        edit.close_reason = "价格优势 Price".into();
        let won = update_opportunity(&o, &edit, &settings, T1, today()).unwrap();
        assert_eq!(
            (won.id, won.created_at, won.rev, won.updated_at),
            (o.id, T0, 2, T1)
        );
        assert_eq!((won.probability, won.closed_on), (100, Some(today())));

        let bad = OpportunityForm {
            customer_id: None,
            ..form
        };
        assert_eq!(
            create_opportunity(&bad, &settings, Id::from_u128(70), T0, today()),
            Err(vec![FieldError::new(Field::Customer, Problem::Required)])
        );
    }

    #[test]
    fn trash_and_restore_set_and_clear_the_tombstone() {
        let f = follow_up();
        let t = trash(&f, T1);
        assert_eq!((t.deleted_at, t.rev, t.updated_at), (Some(T1), 2, T1));
        // Trashing again keeps the first deletion time and makes no new revision.
        let later = Timestamp(T1.0 + 60_000);
        assert_eq!(trash(&t, later), t);
        let r = restore(&t, later);
        assert_eq!((r.deleted_at, r.rev, r.updated_at), (None, 3, later));
        assert_eq!(restore(&r, Timestamp(later.0 + 1)), r);
        // Generic over every kind of record.
        let c = create_customer(&customer_form(), Id::from_u128(1), T0, today()).unwrap();
        assert_eq!(trash(&c, T1).deleted_at, Some(T1));
        // A clock set back does not move updated_at backwards.
        let back = trash(&c, Timestamp(T0.0 - 1));
        assert_eq!(
            (back.deleted_at, back.updated_at),
            (Some(Timestamp(T0.0 - 1)), T0)
        );
    }
}
