//! The customer search index: what a search matches in each customer, worked out once per
//! stored version of the customer instead of on every keystroke.
//!
//! A term matches when it appears in the name, company, notes, tags, phones or e-mails, all
//! folded (case and full-width); a term of digits also matches a phone ignoring spaces and
//! dashes; a term of Latin letters also matches the pinyin of the name and company, run
//! together ("zhangwei", so "zhang wei" and "zhangw" match too) or as initials ("zw").

use std::collections::HashMap;

use crate::model::ids::Id;
use crate::model::records::{Customer, CustomerKind};
use crate::model::validate::fold_width_char;
use crate::search::pinyin;

/// Folds text for matching: full-width forms to ASCII, then lower case.
pub fn fold_search(s: &str) -> String {
    s.chars()
        .map(fold_width_char)
        .flat_map(char::to_lowercase)
        .collect()
}

/// A query's terms: split at blanks (full-width ones too), each folded.
pub fn query_terms(query: &str) -> Vec<String> {
    fold_search(query)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// What a search matches in one customer, for the version with `rev`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerText {
    rev: u32,
    updated: i64,
    /// Folded fields, one per line, so a term never matches across two fields.
    text: String,
    /// Each phone's digits, one per line.
    digits: String,
    /// The pinyin of the name and company, run together and as initials, one per line.
    pinyin: String,
    /// The name's sort key ([`pinyin::sort_key`] of the folded name).
    pub name_key: String,
}

impl CustomerText {
    pub fn of(c: &Customer) -> Self {
        let mut text = String::new();
        let fields = [&c.name, &c.company, &c.notes].into_iter();
        let values = c.phones.iter().chain(c.emails.iter()).map(|l| &l.value);
        for part in fields.chain(c.tags.iter()).chain(values) {
            text.push_str(&fold_search(part));
            text.push('\n');
        }
        let mut digits = String::new();
        for p in &c.phones {
            digits.extend(p.value.chars().filter(char::is_ascii_digit));
            digits.push('\n');
        }
        let person = c.kind == CustomerKind::Person;
        let mut pinyin = String::new();
        for (part, person) in [(&c.name, person), (&c.company, false)] {
            if let Some(r) = pinyin::romanize(part, person) {
                for form in [r.full, r.initials] {
                    pinyin.push_str(&form);
                    pinyin.push('\n');
                }
            }
        }
        let folded_name = fold_search(c.name.trim());
        CustomerText {
            rev: c.rev,
            updated: c.updated_at.0,
            text,
            digits,
            pinyin,
            name_key: pinyin::sort_key(&folded_name, person),
        }
    }

    /// Whether this was worked out from `c` as it is now.
    pub fn is_for(&self, c: &Customer) -> bool {
        self.rev == c.rev && self.updated == c.updated_at.0
    }

    /// Whether every term matches (see the module docs); no terms match everything.
    pub fn matches(&self, terms: &[String]) -> bool {
        terms.iter().all(|t| {
            self.text.contains(t.as_str())
                || (t.bytes().all(|b| b.is_ascii_digit()) && self.digits.contains(t.as_str()))
                || (t.bytes().all(|b| b.is_ascii_lowercase()) && self.pinyin.contains(t.as_str()))
        })
    }
}

/// [`CustomerText`] for every customer, updated as records are written.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: HashMap<Id, CustomerText>,
}

impl SearchIndex {
    pub fn build(customers: &[Customer]) -> Self {
        SearchIndex {
            entries: customers
                .iter()
                .map(|c| (c.id, CustomerText::of(c)))
                .collect(),
        }
    }

    /// Records a customer's new version (a trashed one stays: the trash searches too).
    pub fn upsert(&mut self, c: &Customer) {
        self.entries.insert(c.id, CustomerText::of(c));
    }

    /// Forgets a purged customer.
    pub fn remove(&mut self, id: Id) {
        self.entries.remove(&id);
    }

    /// The entry for `c` if it is up to date; `None` for a customer not indexed or indexed
    /// at another version (the caller then works it out on the spot).
    pub fn get(&self, c: &Customer) -> Option<&CustomerText> {
        self.entries.get(&c.id).filter(|e| e.is_for(c))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Label, Labeled};

    fn person(n: u128, name: &str, company: &str, phone: &str) -> Customer {
        let mut c =
            crate::customers::commands::blank_customer(Id::from_u128(n), Default::default());
        c.name = name.into();
        c.kind = CustomerKind::Person;
        c.company = company.into();
        if !phone.is_empty() {
            c.phones.push(Labeled::new(Label::Mobile, phone));
        }
        c
    }

    fn finds(c: &Customer, query: &str) -> bool {
        CustomerText::of(c).matches(&query_terms(query))
    }

    #[test]
    fn pinyin_full_spaced_partial_and_initials() {
        let c = person(1, "张伟", "重庆山城科技", "");
        for q in [
            "zhangwei",
            "zhang wei",
            "ZhangWei",
            "zw",
            "zhangw",
            "chongqing",
            "cqsckj",
            "张",
        ] {
            assert!(finds(&c, q), "{q}");
        }
        for q in ["zhongqing", "wang", "zx"] {
            assert!(!finds(&c, q), "{q}");
        }
    }

    #[test]
    fn case_width_and_phone_digits_fold() {
        let mut c = person(2, "Alice Ｗong", "", "138-0013 8000");
        c.tags.push("VIP".into());
        for q in [
            "alice",
            "WONG",
            "ｖｉｐ",
            "13800138000",
            "0013 8000",
            "１３８",
        ] {
            assert!(finds(&c, q), "{q}");
        }
        assert!(!finds(&c, "13900"));
    }

    #[test]
    fn a_term_never_matches_across_two_fields() {
        let c = person(3, "Ann", "Bell", "");
        assert!(!finds(&c, "annbell"));
    }

    /// Random edits applied one by one leave the index equal to one built from scratch.
    #[test]
    fn incremental_updates_equal_a_rebuild() {
        let names = [
            "张伟",
            "曾丽",
            "王芳",
            "Acme",
            "重庆火锅",
            "李娜",
            "单强",
            "ＡＢＣ",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut customers: Vec<Customer> = Vec::new();
        let mut index = SearchIndex::default();
        for step in 0..2_000u32 {
            match next(3) {
                0 | 1 if customers.len() < 40 || next(2) == 0 => {
                    let n = next(1_000) as u128;
                    let name = names[next(names.len())];
                    let mut c = person(n, name, names[next(names.len())], "13812345678");
                    if let Some(old) = customers.iter().find(|o| o.id == c.id) {
                        c.rev = old.rev + 1;
                    }
                    c.updated_at.0 = i64::from(step);
                    customers.retain(|o| o.id != c.id);
                    customers.push(c.clone());
                    index.upsert(&c);
                }
                _ if !customers.is_empty() => {
                    let gone = customers.remove(next(customers.len()));
                    index.remove(gone.id);
                }
                _ => {}
            }
        }
        let rebuilt = SearchIndex::build(&customers);
        assert_eq!(index.entries, rebuilt.entries);
        assert!(customers.iter().all(|c| index.get(c).is_some()));
    }

    #[test]
    fn a_stale_entry_is_not_used() {
        let mut c = person(4, "张伟", "", "");
        let index = SearchIndex::build(std::slice::from_ref(&c));
        assert!(index.get(&c).is_some());
        c.rev += 1;
        assert!(index.get(&c).is_none());
    }
}
