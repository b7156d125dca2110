//! The example vCards of RFC 6350 and RFC 2426, and an iCloud export with Apple's quirks,
//! imported through the same path as the app's file input: what each stores exactly, and
//! which properties the report names as not imported.

use chrono::NaiveDate;
use guanxi_core::io::vcard::parse_vcards;
use guanxi_core::io::vcard_import::{plan_vcard_import, VCardImportPlan};
use guanxi_core::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/vcard/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn import(name: &str) -> VCardImportPlan {
    let cards = parse_vcards(&fixture(name)).unwrap();
    let mut n = 0u128;
    let mut ids = move || {
        n += 1;
        Id::from_u128(n)
    };
    let today = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    plan_vcard_import(&cards, &[], &[], &mut ids, Timestamp(1), today)
}

fn customers(plan: &VCardImportPlan) -> Vec<Customer> {
    plan.batch
        .puts
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Customer(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn contacts(plan: &VCardImportPlan) -> Vec<Contact> {
    plan.batch
        .puts
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Contact(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn l(label: Label, value: &str) -> Labeled {
    Labeled::new(label, value)
}

fn skipped(list: &[(&str, usize)]) -> Vec<(String, usize)> {
    list.iter().map(|&(n, c)| (n.to_string(), c)).collect()
}

fn md(month: u32, day: u32) -> Option<MonthDay> {
    Some(MonthDay { month, day })
}

#[test]
fn rfc6350_author_card_keeps_the_extension_and_names_what_it_left() {
    let plan = import("rfc6350-author.vcf");
    assert_eq!(
        (plan.customers_created, plan.contacts_added, plan.skipped),
        (1, 1, 0)
    );
    let cs = customers(&plan);
    assert_eq!(
        (cs[0].name.as_str(), cs[0].kind),
        ("Viagenie", CustomerKind::Company)
    );
    let p = &contacts(&plan)[0];
    assert_eq!(p.name, "Simon Perreault");
    assert_eq!(p.customer_id, cs[0].id);
    assert_eq!(
        p.phones,
        [
            l(Label::Work, "+1-418-656-9254 ext. 102"),
            l(Label::Mobile, "+1-418-262-6501"),
        ]
    );
    assert_eq!(p.emails, [l(Label::Work, "simon.perreault@viagenie.ca")]);
    assert_eq!((p.birthday, p.birthday_month_day), (None, md(2, 3)));
    assert_eq!(
        (p.title.as_str(), p.department.as_str(), p.notes.as_str()),
        ("", "", "")
    );
    assert_eq!(
        plan.skipped_properties,
        skipped(&[
            ("ANNIVERSARY", 1),
            ("GENDER", 1),
            ("LANG", 2),
            ("ADR", 1),
            ("GEO", 1),
            ("KEY", 1),
            ("TZ", 1),
            ("URL", 1),
        ])
    );
}

#[test]
fn rfc6350_property_examples_in_one_card() {
    let plan = import("rfc6350-properties.vcf");
    assert_eq!(
        (plan.customers_created, plan.contacts_added, plan.skipped),
        (1, 0, 0)
    );
    let c = &customers(&plan)[0];
    assert_eq!(
        (c.name.as_str(), c.kind),
        ("Mr. John Q. Public, Esq.", CustomerKind::Person)
    );
    assert_eq!(
        c.phones,
        [
            l(Label::Home, "+1-555-555-5555 ext. 5555"),
            l(Label::Home, "+33-01-23-45-67"),
        ]
    );
    assert_eq!(
        c.emails,
        [
            l(Label::Work, "jqpublic@xyz.example.com"),
            l(Label::Other, "jane_doe@example.com"),
        ]
    );
    assert_eq!((c.birthday, c.birthday_month_day), (None, md(4, 15)));
    assert_eq!(
        c.notes,
        "This fax number is operational 0800 to 1715 EST, Mon-Fri."
    );
    // A customer has no job title; NICKNAME and ROLE have no field.
    assert_eq!(
        plan.skipped_properties,
        skipped(&[("TITLE", 1), ("NICKNAME", 1), ("ROLE", 1)])
    );
}

#[test]
fn rfc6350_kind_examples_org_individual_and_groups() {
    let plan = import("rfc6350-kinds.vcf");
    // The two KIND:group cards are neither customers nor contacts.
    assert_eq!(
        (plan.customers_created, plan.contacts_added, plan.skipped),
        (4, 1, 2)
    );
    let cs = customers(&plan);
    let summary: Vec<(&str, CustomerKind, &str)> = cs
        .iter()
        .map(|c| (c.name.as_str(), c.kind, c.company.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("ABC, Inc.", CustomerKind::Company, ""),
            ("ABC Marketing", CustomerKind::Company, "ABC, Inc."),
            ("John Doe", CustomerKind::Person, ""),
            ("Jane Doe", CustomerKind::Person, ""),
        ]
    );
    let jane = &contacts(&plan)[0];
    assert_eq!(
        (
            jane.name.as_str(),
            jane.department.as_str(),
            jane.customer_id
        ),
        ("Jane Doe", "North American Division / Marketing", cs[0].id)
    );
    // The organisation card's units have nowhere to go on a customer.
    assert_eq!(plan.skipped_properties, skipped(&[("ORG", 1)]));
}

#[test]
fn rfc2426_authors_cards() {
    let plan = import("rfc2426-authors.vcf");
    assert_eq!(
        (plan.customers_created, plan.contacts_added, plan.skipped),
        (2, 2, 0)
    );
    let cs = customers(&plan);
    assert_eq!(cs[0].name, "Lotus Development Corporation");
    assert_eq!(cs[1].name, "Netscape Communications Corp.");
    let ps = contacts(&plan);
    assert_eq!(
        (ps[0].name.as_str(), ps[0].customer_id),
        ("Frank Dawson", cs[0].id)
    );
    assert_eq!(
        ps[0].phones,
        [
            l(Label::Work, "+1-919-676-9515"),
            l(Label::Fax, "+1-919-676-9564")
        ]
    );
    assert_eq!(
        ps[0].emails,
        [
            l(Label::Other, "Frank_Dawson@Lotus.com"),
            l(Label::Other, "fdawson@earthlink.net"),
        ]
    );
    assert_eq!(
        (ps[1].name.as_str(), ps[1].customer_id),
        ("Tim Howes", cs[1].id)
    );
    assert_eq!(
        ps[1].phones,
        [
            l(Label::Work, "+1-415-937-3419"),
            l(Label::Fax, "+1-415-528-4164")
        ]
    );
    assert_eq!(ps[1].emails, [l(Label::Other, "howes@netscape.com")]);
    assert_eq!(plan.skipped_properties, skipped(&[("ADR", 2), ("URL", 1)]));
}

#[test]
fn icloud_export_groups_labels_company_cards_and_photos() {
    let plan = import("icloud-quirks.vcf");
    assert_eq!(
        (plan.customers_created, plan.contacts_added, plan.skipped),
        (2, 1, 0)
    );
    let cs = customers(&plan);
    // X-ABShowAs:COMPANY: the card is the company itself, not a person working there.
    let co = &cs[0];
    assert_eq!(
        (co.name.as_str(), co.kind),
        ("星辰贸易有限公司", CustomerKind::Company)
    );
    assert_eq!(co.phones, [l(Label::Work, "010-6552 9988")]);
    let w = &contacts(&plan)[0];
    assert_eq!(w.customer_id, co.id);
    assert_eq!(
        (w.name.as_str(), w.title.as_str(), w.department.as_str()),
        ("王小明", "采购经理", "采购部")
    );
    // item1.X-ABLabel:_$!<Mobile>!$_ labels item1.TEL, whatever its TYPE=pref says.
    assert_eq!(
        w.phones,
        [
            l(Label::Mobile, "+86 139 0000 1111"),
            l(Label::Work, "010-6552 9988 ext 8021"),
        ]
    );
    assert_eq!(w.emails, [l(Label::Work, "wangxm@xingchen.example.cn")]);
    // Apple's year placeholder 1604 is no year.
    assert_eq!((w.birthday, w.birthday_month_day), (None, md(7, 4)));
    let ada = &cs[1];
    assert_eq!(
        (ada.name.as_str(), ada.kind),
        ("Ada Lovelace", CustomerKind::Person)
    );
    assert_eq!(ada.phones, [l(Label::Other, "+44 20 7946 0958")]);
    assert_eq!(ada.emails, [l(Label::Home, "ada@example.org")]);
    assert_eq!(ada.birthday_month_day, md(12, 10));
    assert_eq!(ada.notes, "Met at the analytical engine meetup");
    // Custom labels (总机, 办公室) and the URL's label, the URL, the folded base64 PHOTO and
    // the social profile are named; PRODID and X-ABShowAs are not contact data left behind.
    assert_eq!(
        plan.skipped_properties,
        skipped(&[
            ("X-ABLABEL", 3),
            ("URL", 1),
            ("PHOTO", 1),
            ("X-SOCIALPROFILE", 1)
        ])
    );
}

#[test]
fn invalid_values_are_counted_by_property_name() {
    let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bad Values\r\nTEL:-5\r\nTEL:13800138000\r\n\
        EMAIL:not-an-email\r\nBDAY:20900101\r\nEND:VCARD\r\n";
    let cards = parse_vcards(text).unwrap();
    let mut n = 0u128;
    let mut ids = move || {
        n += 1;
        Id::from_u128(n)
    };
    let today = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let plan = plan_vcard_import(&cards, &[], &[], &mut ids, Timestamp(1), today);
    assert_eq!((plan.customers_created, plan.skipped), (1, 0));
    let c = &customers(&plan)[0];
    assert_eq!(c.phones, [l(Label::Other, "13800138000")]);
    assert!(c.emails.is_empty() && c.birthday.is_none());
    assert_eq!(
        plan.skipped_properties,
        skipped(&[("TEL", 1), ("EMAIL", 1), ("BDAY", 1)])
    );
}

#[test]
fn a_second_card_of_one_organisation_never_drops_a_birthday_silently() {
    // Two cards of one organisation: the first's yearless birthday is kept, the second's,
    // which differs, cannot be, and the report names it.
    let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Acme\r\nORG:Acme\r\nBDAY:--0101\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Acme\r\nORG:Acme\r\nBDAY:--0202\r\nEND:VCARD\r\n";
    let cards = parse_vcards(text).unwrap();
    let mut n = 0u128;
    let mut ids = move || {
        n += 1;
        Id::from_u128(n)
    };
    let today = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let plan = plan_vcard_import(&cards, &[], &[], &mut ids, Timestamp(1), today);
    let all = customers(&plan);
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0].birthday_month_day.map(|m| m.to_string()),
        Some("--01-01".into())
    );
    assert_eq!(plan.skipped_properties, vec![("BDAY".to_string(), 1)]);
}
