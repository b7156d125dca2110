//! Commands for customers and contacts.
//!
//! Commands are the only way the UI turns forms and actions into records to store. Each
//! capability keeps its own next to its forms ([`crate::activity::commands`],
//! [`crate::pipeline::commands`]); the trash, the same for every record, is
//! [`crate::model::trash`].
//!
//! They are pure functions returning new records, never writing anything, so the caller
//! decides how to batch them (a completed follow-up and its log entry go into one transaction)
//! and so every rule here is testable without a browser. Time comes in as arguments (`now`,
//! `today`) because this crate has no clock.
//!
//! Bookkeeping rules: a created record starts at revision 1 with `created_at == updated_at ==
//! now`; every change goes through [`Record::touch`], which bumps the revision and never moves
//! `updated_at` backwards, so a stale copy can always be told from a fresh one.

use chrono::NaiveDate;

use crate::customers::forms::{ContactForm, CustomerForm};
use crate::customers::lifecycle;
use crate::model::form::record_form;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{Contact, Customer, Record};
use crate::model::validate::{Field, FieldError, Problem};

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
        birthday_month_day: None,
        notes: String::new(),
        archived: false,
        merged_into: None,
        lifecycle_history: Vec::new(),
        annual_revenue: None,
        gross_margin_percent: None,
        referred_by: None,
        lifetime_manual: Default::default(),
        marketing_opt_out: None,
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
        birthday_month_day: None,
        notes: String::new(),
        marketing_opt_out: None,
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
    let mut c = form.apply(blank_customer(id, now), today)?;
    lifecycle::start(&mut c, &form.lifecycle_reason);
    Ok(c)
}

/// Keeps the id, creation time and tombstone of `existing`; everything the form shows is
/// replaced by the form's values.
pub fn update_customer(
    existing: &Customer,
    form: &CustomerForm,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Customer, Vec<FieldError>> {
    // A customer being lost needs a reason, asked for here and not in the form itself: an
    // import may create customers already in decline, with no one to ask.
    let reason_missing = existing.lifecycle != form.lifecycle
        && lifecycle::needs_reason(form.lifecycle)
        && form.lifecycle_reason.trim().is_empty();
    let missing = FieldError::new(Field::LifecycleReason, Problem::Required);
    let mut r = form.apply(existing.clone(), today).map_err(|mut errors| {
        if reason_missing {
            errors.push(missing);
        }
        errors
    })?;
    if reason_missing {
        return Err(vec![missing]);
    }
    lifecycle::note_change(existing, &mut r, today, &form.lifecycle_reason);
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

record_form!(CustomerForm => Customer, create_customer, update_customer);
record_form!(ContactForm => Contact, create_contact, update_contact);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::records::{Label, Labeled, Lifecycle};
    use crate::model::trash::trash;
    use crate::model::validate::{Field, Problem};

    pub const T0: Timestamp = Timestamp(1_772_700_000_000);
    pub const T1: Timestamp = Timestamp(1_772_700_060_000);

    pub fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    }

    pub fn customer_form() -> CustomerForm {
        CustomerForm {
            name: " 北京某某科技 ".into(),
            tags: "VIP、重点".into(),
            phones: vec![Labeled::new(Label::Work, "010-12345678转8")],
            ..Default::default()
        }
    }

    #[test]
    fn a_record_form_saves_new_or_edits_the_record_it_is_given() {
        use crate::model::form::RecordForm;
        let form = customer_form();
        let new = form.save(None, &(), Id::from_u128(1), T0, today()).unwrap();
        assert_eq!(
            new,
            create_customer(&form, Id::from_u128(1), T0, today()).unwrap()
        );
        let renamed = CustomerForm {
            name: "上海分公司".into(),
            ..form
        };
        // The id given for a new record is ignored when editing.
        let edited = renamed
            .save(Some(&new), &(), Id::from_u128(9), T1, today())
            .unwrap();
        assert_eq!(edited.id, new.id);
        assert_eq!(edited.name, "上海分公司");
        assert_eq!(edited.rev, new.rev + 1);
        assert_eq!(
            edited,
            update_customer(&new, &renamed, T1, today()).unwrap()
        );
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
    fn moving_a_customer_to_decline_asks_why_and_keeps_the_answer() {
        let c = create_customer(&customer_form(), Id::from_u128(1), T0, today()).unwrap();
        assert_eq!(c.lifecycle_history.len(), 1);
        let mut form = CustomerForm::from_record(&c);
        form.lifecycle = Lifecycle::Decline;
        assert_eq!(
            update_customer(&c, &form, T1, today()),
            Err(vec![FieldError::new(
                Field::LifecycleReason,
                Problem::Required
            )])
        );
        // Other errors are reported together with the missing reason.
        form.name = String::new();
        assert_eq!(
            update_customer(&c, &form, T1, today()).unwrap_err().len(),
            2
        );
        form.name = "甲".into();
        form.lifecycle_reason = "服务 Service".into();
        let moved = update_customer(&c, &form, T1, today()).unwrap();
        let last = moved.lifecycle_history.last().unwrap();
        assert_eq!(
            (last.on, last.from, last.to, last.reason.as_str()),
            (
                today(),
                Some(Lifecycle::Prospect),
                Lifecycle::Decline,
                "服务 Service"
            )
        );
        // Staying in decline while editing something else asks nothing more.
        let mut again = CustomerForm::from_record(&moved);
        again.notes = "续约无望".into();
        let edited = update_customer(&moved, &again, T1, today()).unwrap();
        assert_eq!(edited.lifecycle_history, moved.lifecycle_history);
        // Creating a customer already in decline (an import) needs no reason.
        let mut new = customer_form();
        new.lifecycle = Lifecycle::Termination;
        assert!(create_customer(&new, Id::from_u128(2), T0, today()).is_ok());
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
}
