//! How complete a customer's profile is, so the list can show which records need work and the
//! detail page can say exactly what is missing.

use serde::{Deserialize, Serialize};

use crate::model::records::{Customer, CustomerKind, SizeBand};

/// A profile field that counts towards completeness. The name is not one: it is required, so
/// every saved customer has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    Industry,
    Size,
    Region,
    Source,
    Owner,
    Phone,
    Email,
    Address,
    Tags,
    Birthday,
    Contacts,
}

impl ProfileField {
    pub const ALL: [ProfileField; 11] = [
        ProfileField::Industry,
        ProfileField::Size,
        ProfileField::Region,
        ProfileField::Source,
        ProfileField::Owner,
        ProfileField::Phone,
        ProfileField::Email,
        ProfileField::Address,
        ProfileField::Tags,
        ProfileField::Birthday,
        ProfileField::Contacts,
    ];

    /// Whether the field means anything for this kind of customer: a person has a birthday but
    /// no head count or contact people of their own; a company the reverse.
    pub fn applies_to(self, kind: CustomerKind) -> bool {
        match self {
            ProfileField::Birthday => kind == CustomerKind::Person,
            ProfileField::Size | ProfileField::Contacts => kind == CustomerKind::Company,
            _ => true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    /// Filled fields as a share of applicable ones, rounded down so 100 means truly complete.
    pub percent: u8,
    /// The applicable fields still empty, in [`ProfileField::ALL`] order.
    pub missing: Vec<ProfileField>,
}

fn filled(s: &str) -> bool {
    !s.trim().is_empty()
}

/// Every applicable field weighs the same: the point is a to-do list, not a score of which
/// field matters most. `contact_count` is the customer's contacts not in the trash.
pub fn completeness(c: &Customer, contact_count: usize) -> Completeness {
    let mut total = 0u32;
    let mut missing = Vec::new();
    for field in ProfileField::ALL {
        if !field.applies_to(c.kind) {
            continue;
        }
        total += 1;
        let ok = match field {
            ProfileField::Industry => filled(&c.industry),
            ProfileField::Size => c.size != SizeBand::Unknown,
            ProfileField::Region => filled(&c.region),
            ProfileField::Source => filled(&c.source),
            ProfileField::Owner => filled(&c.owner),
            ProfileField::Phone => c.phones.iter().any(|p| filled(&p.value)),
            ProfileField::Email => c.emails.iter().any(|e| filled(&e.value)),
            ProfileField::Address => filled(&c.address),
            ProfileField::Tags => c.tags.iter().any(|t| filled(t)),
            ProfileField::Birthday => c.birthday.is_some() || c.birthday_month_day.is_some(),
            ProfileField::Contacts => contact_count > 0,
        };
        if !ok {
            missing.push(field);
        }
    }
    let done = total - missing.len() as u32;
    Completeness {
        percent: (done * 100 / total.max(1)) as u8,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::commands::blank_customer;
    use crate::model::ids::{Id, Timestamp};
    use crate::model::records::{Label, Labeled};
    use chrono::NaiveDate;
    use ProfileField::*;

    fn full_company() -> Customer {
        let mut c = blank_customer(Id::from_u128(1), Timestamp(0));
        c.name = "北京星辰科技有限公司".into();
        c.industry = "软件".into();
        c.size = SizeBand::Medium;
        c.region = "北京".into();
        c.source = "展会".into();
        c.owner = "李雷".into();
        c.phones = vec![Labeled::new(Label::Work, "010-12345678")];
        c.emails = vec![Labeled::new(Label::Work, "info@example.cn")];
        c.address = "北京市海淀区".into();
        c.tags = vec!["VIP".into()];
        c
    }

    #[test]
    fn empty_company_misses_its_ten_fields_in_order() {
        let c = blank_customer(Id::from_u128(1), Timestamp(0));
        let r = completeness(&c, 0);
        assert_eq!(r.percent, 0);
        assert_eq!(
            r.missing,
            vec![Industry, Size, Region, Source, Owner, Phone, Email, Address, Tags, Contacts]
        );
    }

    #[test]
    fn company_counts_contacts_and_size_not_birthday() {
        let c = full_company();
        assert_eq!(completeness(&c, 0).percent, 90);
        assert_eq!(completeness(&c, 0).missing, vec![Contacts]);
        assert_eq!(
            completeness(&c, 2),
            Completeness {
                percent: 100,
                missing: vec![]
            }
        );
        let mut c = c;
        c.size = SizeBand::Unknown;
        c.phones = vec![Labeled::new(Label::Work, "  ")];
        c.birthday = NaiveDate::from_ymd_opt(2000, 1, 1);
        // 8 of 10, birthday ignored; a blank phone row is not a phone.
        assert_eq!(completeness(&c, 1).percent, 80);
        assert_eq!(completeness(&c, 1).missing, vec![Size, Phone]);
    }

    #[test]
    fn person_counts_birthday_not_size_or_contacts() {
        let mut p = blank_customer(Id::from_u128(2), Timestamp(0));
        p.kind = CustomerKind::Person;
        p.name = "王芳".into();
        p.industry = "教育".into();
        p.size = SizeBand::Large; // ignored for a person
        let r = completeness(&p, 5);
        // 1 of 9 fields: 11.1 → 11.
        assert_eq!(r.percent, 11);
        assert_eq!(
            r.missing,
            vec![Region, Source, Owner, Phone, Email, Address, Tags, Birthday]
        );
        p.birthday = NaiveDate::from_ymd_opt(1990, 5, 1);
        // 2 of 9: 22.2 → 22 (rounded down, never up).
        assert_eq!(completeness(&p, 0).percent, 22);
        p.region = "上海".into();
        p.source = "转介绍".into();
        p.owner = "韩梅梅".into();
        p.phones = vec![Labeled::new(Label::Mobile, "13800138000")];
        p.emails = vec![Labeled::new(Label::Home, "wf@example.cn")];
        p.address = "上海".into();
        // 8 of 9: 88.9 → 88.
        assert_eq!(completeness(&p, 0).percent, 88);
        assert_eq!(completeness(&p, 0).missing, vec![Tags]);
    }

    #[test]
    fn profile_fields_serialize_snake_case() {
        assert_eq!(serde_json::to_string(&Contacts).unwrap(), "\"contacts\"");
        assert_eq!(serde_json::to_string(&Birthday).unwrap(), "\"birthday\"");
    }
}
