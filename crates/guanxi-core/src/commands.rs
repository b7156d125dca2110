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

use crate::forms::{ContactForm, CustomerForm, FollowUpForm, InteractionForm};
use crate::ids::{Id, Timestamp};
use crate::records::{Contact, Customer, FollowUp, FollowUpStatus, Interaction, Record};
use crate::validate::FieldError;

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

/// Marks the follow-up done and creates the log entry that records it, because a completed
/// call or visit is itself a contact with the customer and belongs in the contact history.
/// Write both in one batch so the history never shows one without the other.
///
/// `at` is when the contact happened (local wall-clock time), `now` when it was recorded. The
/// result is stored trimmed; check its length first with
/// [`crate::forms::validate_follow_up_result`].
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
