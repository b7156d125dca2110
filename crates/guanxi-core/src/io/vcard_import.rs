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
use crate::io::vcard::VCardContact;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{Contact, Customer, CustomerKind, Labeled};
use crate::model::validate;
use crate::store::Batch;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct VCardImportPlan {
    pub batch: Batch,
    pub contacts_added: usize,
    pub customers_created: usize,
    /// Cards already present (same name under the same customer) or invalid.
    pub skipped: usize,
}

fn valid_phones(items: &[Labeled]) -> Vec<Labeled> {
    items
        .iter()
        .filter(|l| validate::phone(&l.value).is_ok())
        .cloned()
        .collect()
}

fn valid_emails(items: &[Labeled]) -> Vec<Labeled> {
    items
        .iter()
        .filter(|l| validate::email(&l.value).is_ok())
        .cloned()
        .collect()
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
        if name.is_empty() {
            plan.skipped += 1;
            continue;
        }
        let org = card.org.trim();
        if org.is_empty() {
            // A private person: the card is the customer.
            let key = normalize_name(name);
            if by_name.iter().any(|(n, _)| *n == key) {
                plan.skipped += 1;
                continue;
            }
            let form = CustomerForm {
                name: name.to_string(),
                kind: CustomerKind::Person,
                phones: valid_phones(&card.phones),
                emails: valid_emails(&card.emails),
                birthday: date_text(card.birthday),
                notes: card.note.clone(),
                ..Default::default()
            };
            match create_customer(&form, ids(), now, today) {
                Ok(mut customer) => {
                    customer.birthday_month_day = card.birthday_month_day;
                    by_name.push((key, customer.id));
                    plan.batch
                        .puts
                        .push(crate::model::records::Record::into_any(customer));
                    plan.customers_created += 1;
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
        let form = ContactForm {
            customer_id: Some(customer_id),
            name: name.to_string(),
            title: card.title.clone(),
            phones: valid_phones(&card.phones),
            emails: valid_emails(&card.emails),
            birthday: date_text(card.birthday),
            notes: card.note.clone(),
            ..Default::default()
        };
        match create_contact(&form, ids(), now, today) {
            Ok(mut contact) => {
                contact.birthday_month_day = card.birthday_month_day;
                existing.push((customer_id, contact_key));
                plan.batch
                    .puts
                    .push(crate::model::records::Record::into_any(contact));
                plan.contacts_added += 1;
            }
            Err(_) => plan.skipped += 1,
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{AnyRecord, Label};

    fn card(name: &str, org: &str, phone: &str) -> VCardContact {
        VCardContact {
            name: name.into(),
            org: org.into(),
            title: "经理".into(),
            phones: vec![Labeled::new(Label::Mobile, phone)],
            emails: vec![Labeled::new(Label::Work, "not an email")],
            birthday: NaiveDate::from_ymd_opt(1990, 5, 1),
            birthday_month_day: None,
            note: String::new(),
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
