//! Turning parsed vCards into contacts under the right customers.
//!
//! A card's ORG names its customer: an existing customer with the same normalised name, else a
//! new company customer (one per distinct ORG in the file). A card without ORG is a private
//! person, so it becomes a person customer of its own. Phone numbers and addresses that do not
//! validate are dropped rather than failing the card, because phone exports are full of
//! half-formatted numbers; a card that still does not validate is skipped and counted.

use chrono::NaiveDate;

use crate::customers::commands::{create_contact, create_customer};
use crate::customers::duplicates::normalize_name;
use crate::customers::forms::{ContactForm, CustomerForm};
use crate::io::vcard::{CardKind, VCardContact};
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{AnyRecord, Contact, Customer, CustomerKind, Labeled, MonthDay};
use crate::model::validate;
use crate::model::validate::fold_width;
use crate::store::Batch;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct VCardImportPlan {
    pub batch: Batch,
    pub contacts_added: usize,
    pub customers_created: usize,
    /// Cards already present (same name under the same customer), invalid, or not a person
    /// or organisation (`KIND:group`).
    pub skipped: usize,
    /// Properties of imported cards that nothing was stored from, by name with their count,
    /// in the order first met: unknown ones (`PHOTO`, `X-ABLABEL`), and values that did not
    /// validate (a `TEL` that is no phone number, a `BDAY` in the future).
    pub skipped_properties: Vec<(String, usize)>,
}

impl VCardImportPlan {
    fn skip_property(&mut self, name: &str) {
        match self.skipped_properties.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => self.skipped_properties.push((name.to_string(), 1)),
        }
    }
}

/// The card's values that pass validation; each one that does not is counted as skipped.
struct Checked {
    phones: Vec<Labeled>,
    emails: Vec<Labeled>,
    birthday: String,
    month_day: Option<MonthDay>,
}

fn check_card(card: &VCardContact, today: NaiveDate, plan: &mut VCardImportPlan) -> Checked {
    let mut keep = |items: &[Labeled], name: &str, ok: fn(&str) -> bool| {
        let mut kept = Vec::new();
        for item in items {
            if ok(&item.value) {
                kept.push(item.clone());
            } else {
                plan.skip_property(name);
            }
        }
        kept
    };
    let phones = keep(&card.phones, "TEL", |v| validate::phone(v).is_ok());
    let emails = keep(&card.emails, "EMAIL", |v| validate::email(v).is_ok());
    let mut birthday = date_text(card.birthday);
    if validate::birthday(&birthday, today).is_err() {
        birthday.clear();
        plan.skip_property("BDAY");
    }
    Checked {
        phones,
        emails,
        birthday,
        month_day: card.birthday_month_day,
    }
}

/// Adds an organisation card's phones, e-mails and note to the customer `id` if this import
/// creates it; `false` (nothing changed) for a stored customer.
fn merge_into_new(
    plan: &mut VCardImportPlan,
    id: Id,
    card: &VCardContact,
    today: NaiveDate,
) -> bool {
    let at = plan.batch.puts.iter().position(|r| match r {
        AnyRecord::Customer(c) => c.id == id,
        _ => false,
    });
    let Some(at) = at else {
        return false;
    };
    let checked = check_card(card, today, plan);
    let mut yearless_left = false;
    if let AnyRecord::Customer(c) = &mut plan.batch.puts[at] {
        for phone in checked.phones {
            let value = fold_width(&phone.value).trim().to_string();
            if !c.phones.iter().any(|p| p.value == value) {
                c.phones.push(Labeled::new(phone.label, value));
            }
        }
        for email in checked.emails {
            let value = fold_width(&email.value).trim().to_string();
            if !c.emails.iter().any(|e| e.value == value) {
                c.emails.push(Labeled::new(email.label, value));
            }
        }
        let note = card.note.trim();
        if !note.is_empty() && !c.notes.contains(note) {
            if !c.notes.is_empty() {
                c.notes.push('\n');
            }
            c.notes.push_str(note);
        }
        if let Some(md) = checked.month_day {
            // A yearless birthday fills an empty one; one that differs from what the customer
            // already has is not taken, and the report says so.
            if c.birthday.is_none() && c.birthday_month_day.is_none_or(|kept| kept == md) {
                c.birthday_month_day = Some(md);
            } else {
                yearless_left = true;
            }
        }
    }
    if yearless_left {
        plan.skip_property("BDAY");
    }
    if !card.title.trim().is_empty() {
        plan.skip_property("TITLE");
    }
    if !checked.birthday.is_empty() {
        plan.skip_property("BDAY");
    }
    for n in &card.unused {
        plan.skip_property(n);
    }
    true
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub fn plan_vcard_import(
    cards: &[VCardContact],
    customers: &[Customer],
    contacts: &[Contact],
    ids: &mut dyn FnMut() -> Id,
    now: Timestamp,
    today: NaiveDate,
) -> VCardImportPlan {
    let mut plan = VCardImportPlan::default();
    // Normalised customer name → id, for stored customers and ones this import creates.
    let mut by_name: Vec<(String, Id)> = customers
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| (normalize_name(&c.name), c.id))
        .collect();
    // (customer, normalised contact name) already present.
    let mut existing: Vec<(Id, String)> = contacts
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| (c.customer_id, normalize_name(&c.name)))
        .collect();

    for card in cards {
        let name = card.name.trim();
        if name.is_empty() || card.kind == CardKind::Other {
            plan.skipped += 1;
            continue;
        }
        let org = card.org.trim();
        if org.is_empty() || card.kind == CardKind::Org {
            // A private person, or an organisation's own card: the card is the customer.
            let (kind, name) = match card.kind {
                CardKind::Org => (CustomerKind::Company, name),
                _ => (CustomerKind::Person, name),
            };
            let key = normalize_name(name);
            if let Some(&(_, id)) = by_name.iter().find(|(n, _)| *n == key) {
                // An organisation's card for a company an earlier card of this file named in
                // its ORG: its numbers and notes go to that new customer.
                if card.kind == CardKind::Org && merge_into_new(&mut plan, id, card, today) {
                    continue;
                }
                plan.skipped += 1;
                continue;
            }
            let mut trial = VCardImportPlan::default();
            let checked = check_card(card, today, &mut trial);
            let form = CustomerForm {
                name: name.to_string(),
                kind,
                // An organisation's card names its company in ORG; a person has none.
                company: if kind == CustomerKind::Company && org != name {
                    org.to_string()
                } else {
                    String::new()
                },
                phones: checked.phones,
                emails: checked.emails,
                birthday: checked.birthday,
                notes: card.note.clone(),
                ..Default::default()
            };
            match create_customer(&form, ids(), now, today) {
                Ok(mut customer) => {
                    customer.birthday_month_day = checked.month_day;
                    by_name.push((key, customer.id));
                    plan.batch
                        .puts
                        .push(crate::model::records::Record::into_any(customer));
                    plan.customers_created += 1;
                    for (n, count) in trial.skipped_properties {
                        for _ in 0..count {
                            plan.skip_property(&n);
                        }
                    }
                    // A customer has no job title or department.
                    if !card.title.trim().is_empty() {
                        plan.skip_property("TITLE");
                    }
                    if !card.department.is_empty() {
                        plan.skip_property("ORG");
                    }
                    for n in &card.unused {
                        plan.skip_property(n);
                    }
                }
                Err(_) => plan.skipped += 1,
            }
            continue;
        }
        let org_key = normalize_name(org);
        let customer_id = match by_name.iter().find(|(n, _)| *n == org_key) {
            Some((_, id)) => *id,
            None => {
                let form = CustomerForm {
                    name: org.to_string(),
                    kind: CustomerKind::Company,
                    ..Default::default()
                };
                match create_customer(&form, ids(), now, today) {
                    Ok(customer) => {
                        let id = customer.id;
                        by_name.push((org_key, id));
                        plan.batch
                            .puts
                            .push(crate::model::records::Record::into_any(customer));
                        plan.customers_created += 1;
                        id
                    }
                    Err(_) => {
                        plan.skipped += 1;
                        continue;
                    }
                }
            }
        };
        let contact_key = normalize_name(name);
        if existing
            .iter()
            .any(|(c, n)| *c == customer_id && *n == contact_key)
        {
            plan.skipped += 1;
            continue;
        }
        let mut trial = VCardImportPlan::default();
        let checked = check_card(card, today, &mut trial);
        let form = ContactForm {
            customer_id: Some(customer_id),
            name: name.to_string(),
            title: card.title.clone(),
            department: card.department.clone(),
            phones: checked.phones,
            emails: checked.emails,
            birthday: checked.birthday,
            notes: card.note.clone(),
            ..Default::default()
        };
        match create_contact(&form, ids(), now, today) {
            Ok(mut contact) => {
                contact.birthday_month_day = checked.month_day;
                existing.push((customer_id, contact_key));
                plan.batch
                    .puts
                    .push(crate::model::records::Record::into_any(contact));
                plan.contacts_added += 1;
                for (n, count) in trial.skipped_properties {
                    for _ in 0..count {
                        plan.skip_property(&n);
                    }
                }
                for n in &card.unused {
                    plan.skip_property(n);
                }
            }
            Err(_) => plan.skipped += 1,
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::Label;

    fn card(name: &str, org: &str, phone: &str) -> VCardContact {
        VCardContact {
            name: name.into(),
            org: org.into(),
            title: "经理".into(),
            phones: vec![Labeled::new(Label::Mobile, phone)],
            emails: vec![Labeled::new(Label::Work, "not an email")],
            birthday: NaiveDate::from_ymd_opt(1990, 5, 1),
            note: String::new(),
            ..Default::default()
        }
    }

    fn counter() -> impl FnMut() -> Id {
        let mut n = 1000u128;
        move || {
            n += 1;
            Id::from_u128(n)
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn orgs_map_to_existing_or_new_customers_once() {
        let mut stored =
            crate::demo::generate(1, crate::demo::DemoLang::Zh, 1, today(), Timestamp(0)).customers;
        stored[0].name = "北京星辰科技有限公司".into();
        let cards = vec![
            card("王小明", "北京星辰科技", "13800138000"),
            card("李雷", "上海新公司", "12345"),
            card("韩梅梅", "上海新公司", "13900139000"),
        ];
        let plan = plan_vcard_import(&cards, &stored, &[], &mut counter(), Timestamp(5), today());
        assert_eq!(plan.customers_created, 1);
        assert_eq!(plan.contacts_added, 3);
        assert_eq!(plan.skipped, 0);
        let contacts: Vec<&Contact> = plan
            .batch
            .puts
            .iter()
            .filter_map(|r| match r {
                AnyRecord::Contact(c) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(contacts[0].customer_id, stored[0].id);
        assert_eq!(contacts[1].customer_id, contacts[2].customer_id);
        // The invalid phone and e-mail were dropped, the valid ones kept.
        assert!(contacts[1].phones.is_empty());
        assert_eq!(contacts[2].phones[0].value, "13900139000");
        assert!(contacts[0].emails.is_empty());
        assert_eq!(contacts[0].birthday, NaiveDate::from_ymd_opt(1990, 5, 1));
    }

    #[test]
    fn a_yearless_birthday_is_kept_and_exported_as_it_came() {
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nBDAY:--0704\r\nEND:VCARD\r\n\
            BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bob\r\nORG:Acme\r\nBDAY:--12-24\r\nEND:VCARD\r\n";
        let cards = crate::io::vcard::parse_vcards(text).unwrap();
        let plan = plan_vcard_import(&cards, &[], &[], &mut counter(), Timestamp(5), today());
        let md = |month, day| Some(crate::model::records::MonthDay { month, day });
        let mut contacts = Vec::new();
        for r in &plan.batch.puts {
            match r {
                AnyRecord::Customer(c) if c.name == "Ada" => {
                    assert_eq!((c.birthday, c.birthday_month_day), (None, md(7, 4)));
                }
                AnyRecord::Contact(c) => contacts.push(c.clone()),
                _ => {}
            }
        }
        assert_eq!(contacts[0].birthday_month_day, md(12, 24));
        let out = crate::io::vcard::export_vcards(&contacts, &[]);
        assert!(out.contains("BDAY:--1224\r\n"), "{out}");
    }

    #[test]
    fn a_card_without_org_becomes_a_person_and_repeats_are_skipped() {
        let cards = vec![
            card("Ada Lovelace", "", "+44 20 7946 0000"),
            card("Ada Lovelace", "", ""),
        ];
        let plan = plan_vcard_import(&cards, &[], &[], &mut counter(), Timestamp(5), today());
        assert_eq!(plan.customers_created, 1);
        assert_eq!(plan.skipped, 1);
        match &plan.batch.puts[0] {
            AnyRecord::Customer(c) => {
                assert_eq!(c.kind, CustomerKind::Person);
                assert_eq!(c.phones.len(), 1);
            }
            other => panic!("expected a customer, got {other:?}"),
        }
        // Importing the same file again adds nothing.
        let stored: Vec<Customer> = plan
            .batch
            .puts
            .iter()
            .filter_map(|r| match r {
                AnyRecord::Customer(c) => Some(c.clone()),
                _ => None,
            })
            .collect();
        let again = plan_vcard_import(&cards, &stored, &[], &mut counter(), Timestamp(6), today());
        assert!(again.batch.is_empty());
        assert_eq!(again.skipped, 2);
    }
}
