//! One search over everything (the Ctrl/Cmd+K box): customers, contacts, deals, follow-ups,
//! service cases and contact-log entries, grouped by kind, each group most recently changed
//! first, with how many matched in all.

use crate::customers::bulk::Everything;
use crate::model::records::{Contact, Customer, FollowUp, Interaction, Opportunity};
use crate::search::index::{query_terms, SearchIndex, Searchable};
use crate::service::case::ServiceCase;

/// Up to a handful of one kind's matches, and how many there are.
#[derive(Clone, Debug)]
pub struct Group<'a, R> {
    pub shown: Vec<&'a R>,
    pub total: usize,
}

impl<R> Group<'_, R> {
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

/// What a search over everything found.
#[derive(Clone, Debug)]
pub struct Found<'a> {
    pub customers: Group<'a, Customer>,
    pub contacts: Group<'a, Contact>,
    pub opportunities: Group<'a, Opportunity>,
    pub follow_ups: Group<'a, FollowUp>,
    pub cases: Group<'a, ServiceCase>,
    pub interactions: Group<'a, Interaction>,
}

impl Found<'_> {
    pub fn total(&self) -> usize {
        self.customers.total
            + self.contacts.total
            + self.opportunities.total
            + self.follow_ups.total
            + self.cases.total
            + self.interactions.total
    }
}

fn group<'a, R: Searchable>(
    records: &'a [R],
    index: &SearchIndex,
    terms: &[String],
    per_kind: usize,
) -> Group<'a, R> {
    let mut found: Vec<&R> = if terms.is_empty() {
        Vec::new()
    } else {
        records
            .iter()
            .filter(|r| r.is_live() && index.matches(*r, terms))
            .collect()
    };
    let total = found.len();
    found.sort_by(|a, b| {
        b.updated_at()
            .cmp(&a.updated_at())
            .then(a.id().cmp(&b.id()))
    });
    found.truncate(per_kind);
    Group {
        shown: found,
        total,
    }
}

/// Every live record matching `query` (see [`crate::search::index`]), up to `per_kind` of
/// each kind. A blank query finds nothing. Records the index does not hold (the contact log,
/// read for the search) are matched on the spot.
pub fn search_everything<'a>(
    all: Everything<'a>,
    index: &SearchIndex,
    query: &str,
    per_kind: usize,
) -> Found<'a> {
    let terms = query_terms(query);
    Found {
        customers: group(all.customers, index, &terms, per_kind),
        contacts: group(all.contacts, index, &terms, per_kind),
        opportunities: group(all.opportunities, index, &terms, per_kind),
        follow_ups: group(all.follow_ups, index, &terms, per_kind),
        cases: group(all.cases, index, &terms, per_kind),
        interactions: group(all.interactions, index, &terms, per_kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::Timestamp;
    use crate::model::records::Record;

    #[test]
    fn finds_every_kind_by_text_pinyin_and_digits_grouped_newest_first() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let data = crate::demo::generate(
            200,
            crate::demo::DemoLang::Zh,
            7,
            today,
            Timestamp(1_772_700_000_000),
        );
        let mut index = SearchIndex::default();
        index.add_all(&data.customers);
        index.add_all(&data.contacts);
        index.add_all(&data.opportunities);
        index.add_all(&data.follow_ups);
        index.add_all(&data.cases);
        let all = Everything {
            customers: &data.customers,
            contacts: &data.contacts,
            opportunities: &data.opportunities,
            follow_ups: &data.follow_ups,
            cases: &data.cases,
            interactions: &data.interactions,
            ..Default::default()
        };
        // A contact found by the pinyin initials of their name, and by their phone's digits.
        let contact = data
            .contacts
            .iter()
            .find(|c| c.is_live() && !c.phones.is_empty())
            .unwrap();
        let initials = crate::search::pinyin::romanize(&contact.name, true)
            .unwrap()
            .initials;
        let found = search_everything(all, &index, &initials, 1_000);
        assert!(found.contacts.shown.iter().any(|c| c.id == contact.id));
        let digits: String = contact.phones[0]
            .value
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let found = search_everything(all, &index, &digits, 1_000);
        assert!(found.contacts.shown.iter().any(|c| c.id == contact.id));

        // A deal by a word of its title; the group is capped, the total is not.
        let deal = data.opportunities.iter().find(|o| o.is_live()).unwrap();
        let word: String = deal.title.chars().take(2).collect();
        let found = search_everything(all, &index, &word, 2);
        let matching = data
            .opportunities
            .iter()
            .filter(|o| o.is_live() && o.title.to_lowercase().contains(&word.to_lowercase()))
            .count();
        assert!(found.opportunities.total >= matching && matching > 0);
        assert!(found.opportunities.shown.len() <= 2);
        assert!(found
            .opportunities
            .shown
            .windows(2)
            .all(|w| w[0].updated_at >= w[1].updated_at));

        // The contact log is matched on the spot (it is not in the index).
        let entry = data
            .interactions
            .iter()
            .find(|i| i.is_live() && i.summary.chars().count() > 3)
            .unwrap();
        let bit: String = entry.summary.chars().take(4).collect();
        assert!(search_everything(all, &index, &bit, 1_000)
            .interactions
            .shown
            .iter()
            .any(|i| i.id == entry.id));

        assert_eq!(search_everything(all, &index, "  ", 5).total(), 0);
        assert_eq!(search_everything(all, &index, "qqqqxxxx", 5).total(), 0);
    }
}
