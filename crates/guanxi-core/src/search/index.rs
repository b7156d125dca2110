//! The search index: what a search matches in each record, worked out once per stored
//! version of the record instead of on every keystroke.
//!
//! A term matches when it appears in the name, company, notes, tags, phones or e-mails, all
//! folded (case and full-width); a term of digits also matches a phone ignoring spaces and
//! dashes; a term of Latin letters also matches the pinyin of the name and company, run
//! together ("zhangwei", so "zhang wei" and "zhangw" match too) or as initials ("zw").

use std::collections::HashMap;

use crate::model::ids::Id;
use crate::model::records::{
    Contact, Customer, CustomerKind, FollowUp, Interaction, Opportunity, Record,
};
use crate::model::validate::fold_width_char;
use crate::search::pinyin;
use crate::service::case::ServiceCase;

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

/// The words of a record a search looks at, by how they are matched.
#[derive(Default)]
pub struct Words<'a> {
    /// Matched folded (case and width), as typed.
    pub fields: Vec<&'a str>,
    /// Also matched by their digits alone.
    pub phones: Vec<&'a str>,
    /// Also matched by their pinyin; `true` for a person's name (its first character is a
    /// surname). The first is the record's name, which its sort key comes from.
    pub pinyin: Vec<(&'a str, bool)>,
}

/// A record a search can find.
pub trait Searchable: Record {
    fn words(&self) -> Words<'_>;
}

impl Searchable for Customer {
    fn words(&self) -> Words<'_> {
        let person = self.kind == CustomerKind::Person;
        let mut fields = vec![self.name.as_str(), &self.company, &self.notes];
        fields.extend(self.tags.iter().map(String::as_str));
        fields.extend(
            self.phones
                .iter()
                .chain(&self.emails)
                .map(|l| l.value.as_str()),
        );
        Words {
            fields,
            phones: self.phones.iter().map(|l| l.value.as_str()).collect(),
            pinyin: vec![(&self.name, person), (&self.company, false)],
        }
    }
}

impl Searchable for Contact {
    fn words(&self) -> Words<'_> {
        let mut fields = vec![
            self.name.as_str(),
            &self.title,
            &self.department,
            &self.notes,
        ];
        fields.extend(
            self.phones
                .iter()
                .chain(&self.emails)
                .map(|l| l.value.as_str()),
        );
        Words {
            fields,
            phones: self.phones.iter().map(|l| l.value.as_str()).collect(),
            pinyin: vec![(&self.name, true)],
        }
    }
}

impl Searchable for Opportunity {
    fn words(&self) -> Words<'_> {
        Words {
            fields: vec![&self.title, &self.notes],
            pinyin: vec![(&self.title, false)],
            ..Default::default()
        }
    }
}

impl Searchable for FollowUp {
    fn words(&self) -> Words<'_> {
        Words {
            fields: vec![&self.purpose, &self.place, &self.result],
            pinyin: vec![(&self.purpose, false)],
            ..Default::default()
        }
    }
}

impl Searchable for ServiceCase {
    fn words(&self) -> Words<'_> {
        Words {
            fields: vec![&self.subject, &self.description, &self.resolution],
            pinyin: vec![(&self.subject, false)],
            ..Default::default()
        }
    }
}

impl Searchable for Interaction {
    fn words(&self) -> Words<'_> {
        Words {
            fields: vec![
                &self.summary,
                &self.outcome,
                &self.competitor_news,
                &self.customer_opinion,
            ],
            ..Default::default()
        }
    }
}

/// What a search matches in one record, for the version with `rev`.
///
/// Its four texts are kept end to end in one allocation of their exact size: at 100,000
/// customers and half a million other records, four growable strings each would hold tens of
/// megabytes of spare capacity and allocation overhead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordText {
    rev: u32,
    updated: i64,
    /// [`RecordText::text`], [`RecordText::digits`], [`RecordText::pinyin`] and
    /// [`RecordText::name_key`], end to end.
    all: Box<str>,
    /// Where the digits, the pinyin and the name key start in `all`.
    starts: [u32; 3],
}

impl RecordText {
    pub fn of<R: Searchable>(r: &R) -> Self {
        let words = r.words();
        let mut all = String::new();
        for part in &words.fields {
            all.push_str(&fold_search(part));
            all.push('\n');
        }
        let digits_start = all.len();
        for p in &words.phones {
            all.extend(p.chars().filter(char::is_ascii_digit));
            all.push('\n');
        }
        let pinyin_start = all.len();
        let add = |all: &mut String, romanized: Option<pinyin::Romanized>| {
            if let Some(r) = romanized {
                for form in [r.full, r.initials] {
                    all.push_str(&form);
                    all.push('\n');
                }
            }
        };
        // The name is read once for its pinyin and its sort key.
        let mut name_key = String::new();
        for (i, (part, person)) in words.pinyin.iter().enumerate() {
            if i == 0 {
                let (romanized, key) =
                    pinyin::romanize_and_sort_key(&fold_search(part.trim()), *person);
                add(&mut all, romanized);
                name_key = key;
            } else {
                add(&mut all, pinyin::romanize(part, *person));
            }
        }
        let name_start = all.len();
        all.push_str(&name_key);
        RecordText {
            rev: r.rev(),
            updated: r.updated_at().0,
            all: all.into_boxed_str(),
            starts: [digits_start, pinyin_start, name_start].map(|n| n as u32),
        }
    }

    /// Folded fields, one per line, so a term never matches across two fields.
    pub(crate) fn text(&self) -> &str {
        &self.all[..self.starts[0] as usize]
    }

    /// Each phone's digits, one per line.
    pub(crate) fn digits(&self) -> &str {
        &self.all[self.starts[0] as usize..self.starts[1] as usize]
    }

    /// The pinyin of the name and company, run together and as initials, one per line.
    pub(crate) fn pinyin(&self) -> &str {
        &self.all[self.starts[1] as usize..self.starts[2] as usize]
    }

    /// The name's sort key ([`pinyin::sort_key`] of the folded name).
    pub fn name_key(&self) -> &str {
        &self.all[self.starts[2] as usize..]
    }

    /// Whether this was worked out from `r` as it is now.
    pub fn is_for<R: Record>(&self, r: &R) -> bool {
        self.rev == r.rev() && self.updated == r.updated_at().0
    }

    /// Whether every term matches (see the module docs); no terms match everything.
    pub fn matches(&self, terms: &[String]) -> bool {
        terms.iter().all(|t| {
            self.text().contains(t.as_str())
                || (t.bytes().all(|b| b.is_ascii_digit()) && self.digits().contains(t.as_str()))
                || (t.bytes().all(|b| b.is_ascii_lowercase()) && self.pinyin().contains(t.as_str()))
        })
    }
}

/// [`RecordText`] for every customer, contact, deal, follow-up and case, updated as records
/// are written. Ids are unique across kinds, so one map holds them all.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: HashMap<Id, RecordText>,
}

impl SearchIndex {
    /// An index of the customers alone.
    pub fn build(customers: &[Customer]) -> Self {
        let mut index = SearchIndex::default();
        index.add_all(customers);
        index
    }

    /// Adds (or brings up to date) every record of one kind.
    pub fn add_all<R: Searchable>(&mut self, records: &[R]) {
        self.entries.reserve(records.len());
        for r in records {
            self.upsert(r);
        }
    }

    /// Makes room for `more` entries at once. Growing a step at a time would hold the old
    /// table and the new one together at each step: with half a million records, tens of
    /// megabytes of wasm memory that is never given back.
    pub fn reserve(&mut self, more: usize) {
        self.entries.reserve(more);
    }

    /// Adds the records that have no entry yet, leaving every existing entry as it is.
    pub fn add_missing<R: Searchable>(&mut self, records: &[R]) {
        for r in records {
            self.entries
                .entry(r.id())
                .or_insert_with(|| RecordText::of(r));
        }
    }

    /// Records a record's new version (a trashed one stays: the trash searches too).
    pub fn upsert<R: Searchable>(&mut self, r: &R) {
        self.entries.insert(r.id(), RecordText::of(r));
    }

    /// Forgets a purged record.
    pub fn remove(&mut self, id: Id) {
        self.entries.remove(&id);
    }

    /// The entry for `r` if it is up to date; `None` for a record not indexed or indexed at
    /// another version (the caller then works it out on the spot).
    pub fn get<R: Record>(&self, r: &R) -> Option<&RecordText> {
        self.entries.get(&r.id()).filter(|e| e.is_for(r))
    }

    /// Whether `r` matches `terms`, through its entry when up to date.
    pub fn matches<R: Searchable>(&self, r: &R, terms: &[String]) -> bool {
        match self.get(r) {
            Some(text) => text.matches(terms),
            None => RecordText::of(r).matches(terms),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::records::{Label, Labeled};

    /// Names that fold, romanise and sort in different ways (polyphonic surnames, a place,
    /// full-width letters), for the search tests.
    pub(crate) const NAMES: [&str; 8] = [
        "张伟",
        "曾丽",
        "王芳",
        "Acme",
        "重庆火锅",
        "李娜",
        "单强",
        "ＡＢＣ",
    ];

    /// A repeatable stream of numbers below `n` (xorshift), for randomised tests.
    pub(crate) fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    /// A person with a name, a company and a phone (none when empty), for the search tests.
    pub(crate) fn person(n: u128, name: &str, company: &str, phone: &str) -> Customer {
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
        RecordText::of(c).matches(&query_terms(query))
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
        let names = NAMES;
        let mut next = numbers(0x9e37_79b9_7f4a_7c15);
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

    /// The background fill after a load adds what is missing and keeps an entry written
    /// meanwhile, which is newer than the loaded copy.
    #[test]
    fn adding_the_missing_keeps_newer_entries() {
        let loaded = vec![person(5, "张伟", "", ""), person(6, "王芳", "", "")];
        let mut edited = loaded[0].clone();
        edited.name = "李娜".into();
        edited.rev += 1;
        let mut index = SearchIndex::default();
        index.upsert(&edited);
        index.add_missing(&loaded);
        assert!(index.get(&edited).is_some());
        assert!(index.get(&loaded[0]).is_none());
        assert!(index.get(&loaded[1]).is_some());
        assert!(index.matches(&edited, &query_terms("lina")));
        assert!(index.matches(&loaded[1], &query_terms("wf")));
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
