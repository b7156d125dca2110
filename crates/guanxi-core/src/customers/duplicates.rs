//! Finding likely duplicates before a customer is saved, so the same company is not entered
//! twice by two reps (the commonest way a shared customer list rots).

use std::collections::{HashMap, HashSet};

use crate::model::ids::Id;
use crate::model::records::Customer;
use crate::model::validate::{fold_width, normalize_email, normalize_phone_digits};

/// Why an existing customer looks like the one being entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchReason {
    Name,
    Phone,
    Email,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateMatch {
    pub id: Id,
    /// In [`MatchReason`] order, each at most once.
    pub reasons: Vec<MatchReason>,
}

/// Legal-form suffixes people add or leave out at will, lower-case. Longest first within a
/// family, so `有限责任公司` is removed whole rather than leaving `有限责任`.
const SUFFIXES: &[&str] = &[
    "有限责任公司",
    "股份有限公司",
    "有限公司",
    "公司",
    "corporation",
    "corp.",
    "gmbh",
    "llc",
    "inc.",
    "inc",
    "ltd.",
    "ltd",
    "co.",
];

/// Digits shorter than this are extensions or typos, too short to identify a line.
const PHONE_MIN_DIGITS: usize = 6;

/// A name reduced to what identifies the organisation: trimmed, width-folded, lower-cased,
/// inner blanks collapsed and legal-form suffixes removed, so "北京星辰科技有限公司" and
/// "北京星辰科技", or "Acme Co., Ltd." and "ACME", compare equal.
///
/// Latin suffixes are only removed as whole words ("Zinc" keeps its "inc"); Chinese has no word
/// breaks, and its suffixes are distinctive enough to remove wherever the name ends with them.
pub fn normalize_name(name: &str) -> String {
    let folded = fold_width(name).to_lowercase();
    let mut s = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let trimmed = s.trim_end_matches([' ', ',', '，', '、']);
        let stripped = SUFFIXES.iter().find_map(|suffix| {
            let rest = trimmed.strip_suffix(suffix)?;
            let latin = suffix.is_ascii();
            let at_word_start = rest
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            (!latin || at_word_start).then_some(rest)
        });
        match stripped {
            Some(rest) => s = rest.to_string(),
            None => {
                s = trimmed.to_string();
                break;
            }
        }
    }
    s
}

/// Existing customers that may be the one described by `name`, `phones` and `emails`.
///
/// Customers in the trash are ignored (including merged-away ones), as is `exclude`, the
/// customer being edited, which would otherwise match itself. A name of fewer than two
/// characters after [`normalize_name`] never matches: "A" or "王" says nothing. Phones compare
/// by [`normalize_phone_digits`] (numbers under six digits are ignored), e-mails by
/// [`normalize_email`]. Strongest matches (most reasons) first, then by name.
pub fn find_duplicates(
    name: &str,
    phones: &[String],
    emails: &[String],
    existing: &[Customer],
    exclude: Option<Id>,
) -> Vec<DuplicateMatch> {
    let name_key = normalize_name(name);
    let name_key = (name_key.chars().count() >= 2).then_some(name_key);
    let phone_keys: HashSet<String> = phones
        .iter()
        .map(|p| normalize_phone_digits(p))
        .filter(|d| d.len() >= PHONE_MIN_DIGITS)
        .collect();
    let email_keys: HashSet<String> = emails
        .iter()
        .map(|e| normalize_email(e))
        .filter(|e| !e.is_empty())
        .collect();

    let mut found: Vec<(DuplicateMatch, String)> = Vec::new();
    for c in existing {
        if c.deleted_at.is_some() || Some(c.id) == exclude {
            continue;
        }
        let mut reasons = Vec::new();
        if name_key
            .as_ref()
            .is_some_and(|k| *k == normalize_name(&c.name))
        {
            reasons.push(MatchReason::Name);
        }
        if !phone_keys.is_empty()
            && c.phones
                .iter()
                .any(|p| phone_keys.contains(&normalize_phone_digits(&p.value)))
        {
            reasons.push(MatchReason::Phone);
        }
        if !email_keys.is_empty()
            && c.emails
                .iter()
                .any(|e| email_keys.contains(&normalize_email(&e.value)))
        {
            reasons.push(MatchReason::Email);
        }
        if !reasons.is_empty() {
            found.push((DuplicateMatch { id: c.id, reasons }, c.name.to_lowercase()));
        }
    }
    found.sort_by(|(a, an), (b, bn)| {
        b.reasons
            .len()
            .cmp(&a.reasons.len())
            .then_with(|| an.cmp(bn))
            .then_with(|| a.id.cmp(&b.id))
    });
    found.into_iter().map(|(m, _)| m).collect()
}

/// The keys under which [`find_duplicates`] can match a customer: its normalised name (two
/// characters or more), each phone's digits (six or more) and each e-mail. Two customers that
/// match share at least one key, so an index on them narrows the search without changing it.
pub(crate) fn match_keys<'a>(
    name: &str,
    phones: impl IntoIterator<Item = &'a str>,
    emails: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut keys = Vec::new();
    let name = normalize_name(name);
    if name.chars().count() >= 2 {
        keys.push(format!("n:{name}"));
    }
    for p in phones {
        let digits = normalize_phone_digits(p);
        if digits.len() >= PHONE_MIN_DIGITS {
            keys.push(format!("p:{digits}"));
        }
    }
    for e in emails {
        let email = normalize_email(e);
        if !email.is_empty() {
            keys.push(format!("e:{email}"));
        }
    }
    keys
}

/// [`find_duplicates`] over a fixed list of customers, looked up by [`match_keys`] instead of
/// compared with every customer: for matching a whole list (a lead import) against thousands.
pub struct DuplicateIndex<'a> {
    customers: &'a [Customer],
    by_key: HashMap<String, Vec<usize>>,
}

impl<'a> DuplicateIndex<'a> {
    /// Customers in the trash are left out, as [`find_duplicates`] leaves them out.
    pub fn new(customers: &'a [Customer]) -> Self {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in customers.iter().enumerate() {
            if c.deleted_at.is_some() {
                continue;
            }
            let phones = c.phones.iter().map(|p| p.value.as_str());
            let emails = c.emails.iter().map(|e| e.value.as_str());
            for key in match_keys(&c.name, phones, emails) {
                let list = by_key.entry(key).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        DuplicateIndex { customers, by_key }
    }

    /// What [`find_duplicates`] over all the customers would return.
    pub fn find(&self, name: &str, phones: &[String], emails: &[String]) -> Vec<DuplicateMatch> {
        let keys = match_keys(
            name,
            phones.iter().map(String::as_str),
            emails.iter().map(String::as_str),
        );
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let list: Vec<Customer> = candidates
            .iter()
            .map(|&i| self.customers[i].clone())
            .collect();
        find_duplicates(name, phones, emails, &list, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::commands::blank_customer;
    use crate::model::ids::Timestamp;
    use crate::model::records::{Label, Labeled};
    use MatchReason::*;

    fn customer(n: u128, name: &str, phones: &[&str], emails: &[&str]) -> Customer {
        let mut c = blank_customer(Id::from_u128(n), Timestamp(0));
        c.name = name.into();
        c.phones = phones
            .iter()
            .map(|p| Labeled::new(Label::Work, *p))
            .collect();
        c.emails = emails
            .iter()
            .map(|e| Labeled::new(Label::Work, *e))
            .collect();
        c
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_normalize_suffixes_width_case_and_blanks() {
        for (a, b) in [
            ("北京星辰科技有限公司", "北京星辰科技"),
            ("北京星辰科技有限责任公司", "北京星辰科技"),
            ("北京星辰科技股份有限公司", "北京星辰科技"),
            ("北京星辰科技公司", "北京星辰科技"),
            ("  ＡＣＭＥ  Trading Co., Ltd. ", "acme trading"),
            ("Acme Inc.", "acme"),
            ("Acme, Inc", "acme"),
            ("Acme LLC", "acme"),
            ("Acme GmbH", "acme"),
            ("Acme Corp.", "acme"),
            ("Acme Corporation", "acme"),
            ("Acme   Widgets\tLtd", "acme widgets"),
        ] {
            assert_eq!(normalize_name(a), normalize_name(b), "{a:?} vs {b:?}");
        }
        assert_eq!(normalize_name("Acme Co., Ltd."), "acme");
        // Suffix letters inside a word stay.
        assert_eq!(normalize_name("Zinc"), "zinc");
        assert_eq!(normalize_name("Costco."), "costco.");
        assert_eq!(normalize_name("Bolted"), "bolted");
    }

    #[test]
    fn name_match_ignores_suffix_and_too_short_names() {
        let existing = vec![
            customer(1, "北京星辰科技", &[], &[]),
            customer(2, "公司", &[], &[]),
            customer(3, "A Ltd", &[], &[]),
        ];
        let found = find_duplicates("北京星辰科技有限公司", &[], &[], &existing, None);
        assert_eq!(
            found,
            vec![DuplicateMatch {
                id: Id::from_u128(1),
                reasons: vec![Name]
            }]
        );
        // "有限公司" normalizes to nothing and "A Inc." to one letter: no match.
        assert!(find_duplicates("有限公司", &[], &[], &existing, None).is_empty());
        assert!(find_duplicates("A Inc.", &[], &[], &existing, None).is_empty());
        assert!(find_duplicates("上海星辰科技", &[], &[], &existing, None).is_empty());
    }

    #[test]
    fn phones_and_emails_match_normalized() {
        let existing = vec![customer(
            1,
            "甲",
            &["+86 138-0013-8000", "转8"],
            &["Sales@Example.CN"],
        )];
        let found = find_duplicates(
            "乙",
            &strings(&["138 0013 8000"]),
            &strings(&[" sales@example.cn "]),
            &existing,
            None,
        );
        assert_eq!(found[0].reasons, vec![Phone, Email]);
        // Short numbers (an extension alone) are never evidence.
        assert!(find_duplicates("乙", &strings(&["8"]), &[], &existing, None).is_empty());
        assert!(find_duplicates("乙", &strings(&["13900139000"]), &[], &existing, None).is_empty());
        assert!(find_duplicates("乙", &[], &strings(&["  "]), &existing, None).is_empty());
    }

    #[test]
    fn skips_trashed_and_excluded_and_orders_by_strength_then_name() {
        let mut gone = customer(4, "星辰", &["13800138000"], &[]);
        gone.deleted_at = Some(Timestamp(1));
        let existing = vec![
            customer(1, "Zeta 星辰", &["13800138000"], &[]),
            customer(2, "星辰 Ltd", &["13800138000"], &["x@example.cn"]),
            customer(3, "Alpha", &[], &["x@example.cn"]),
            gone,
            customer(5, "星辰", &[], &[]),
        ];
        let found = find_duplicates(
            "星辰有限公司",
            &strings(&["13800138000"]),
            &strings(&["X@example.cn"]),
            &existing,
            Some(Id::from_u128(5)),
        );
        let got: Vec<(u128, Vec<MatchReason>)> = found
            .into_iter()
            .map(|m| (m.id.0.as_u128(), m.reasons))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, vec![Name, Phone, Email]),
                (3, vec![Email]),
                (1, vec![Phone]),
            ]
        );
    }

    #[test]
    fn the_index_finds_what_the_scan_finds() {
        let mut gone = customer(4, "星辰", &["13800138000"], &[]);
        gone.deleted_at = Some(Timestamp(1));
        let existing = vec![
            customer(1, "Zeta 星辰", &["13800138000"], &[]),
            customer(2, "星辰 Ltd", &["+86 138-0013-8000"], &["x@example.cn"]),
            customer(3, "Alpha", &[], &["X@Example.cn"]),
            gone,
            customer(5, "星辰", &[], &[]),
            customer(6, "公司", &["8"], &[]),
        ];
        let index = DuplicateIndex::new(&existing);
        for (name, phones, emails) in [
            (
                "星辰有限公司",
                vec!["138 0013 8000"],
                vec![" x@example.cn "],
            ),
            ("Alpha Inc.", vec![], vec![]),
            ("有限公司", vec!["8"], vec![]),
            ("乙", vec!["13900139000"], vec!["  "]),
            ("Zeta 星辰", vec![], vec![]),
        ] {
            let (phones, emails) = (strings(&phones), strings(&emails));
            let scanned = find_duplicates(name, &phones, &emails, &existing, None);
            assert_eq!(index.find(name, &phones, &emails), scanned, "{name}");
        }
        assert_eq!(
            index.find("星辰", &[], &[]).len(),
            2,
            "the trashed 星辰 is left out"
        );
    }
}
