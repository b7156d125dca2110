//! Saved segments: a customer-list selection (search and filters) kept under a name, so a
//! group such as "Shanghai software A customers" can be shown, counted and exported again.
//!
//! A segment stores the list's query string ([`CustomerSelection::to_query`]) rather than
//! the customers it matched: it is a rule, so customers edited into or out of it are counted
//! at once. Segments live in [`Settings`] and so travel with backups.

use serde::{Deserialize, Serialize};

use crate::customers::list_url::CustomerSelection;
use crate::customers::query::{facet_key, matching_customers};
use crate::model::ids::Id;
use crate::model::records::{Customer, Settings};

/// The longest segment name, in characters: it has to fit a sidebar.
pub const SEGMENT_NAME_MAX: usize = 60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub id: Id,
    pub name: String,
    /// The customer list's query, canonical (see [`CustomerSelection::to_query`]).
    #[serde(default)]
    pub query: String,
}

impl Segment {
    /// The search and filters this segment stands for.
    pub fn selection(&self) -> CustomerSelection {
        CustomerSelection::parse(&self.query)
    }
}

/// Why a segment could not be saved, renamed or deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentProblem {
    NameRequired,
    NameTooLong {
        max: usize,
    },
    /// Another segment has this name (compared ignoring case, width and outer spaces).
    NameTaken,
    /// The list is not filtered: a segment of every customer says nothing.
    NoFilter,
    /// The segment is gone (deleted in another tab).
    NotFound,
}

/// The name, trimmed, if it is valid and no segment other than `except` has it.
fn check_name(
    segments: &[Segment],
    name: &str,
    except: Option<Id>,
) -> Result<String, SegmentProblem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SegmentProblem::NameRequired);
    }
    if name.chars().count() > SEGMENT_NAME_MAX {
        return Err(SegmentProblem::NameTooLong {
            max: SEGMENT_NAME_MAX,
        });
    }
    let key = facet_key(name);
    if segments
        .iter()
        .any(|s| Some(s.id) != except && facet_key(&s.name) == key)
    {
        return Err(SegmentProblem::NameTaken);
    }
    Ok(name.to_string())
}

/// `settings` with a new segment `id` named `name` for `selection`, appended.
pub fn save_segment(
    settings: &Settings,
    id: Id,
    name: &str,
    selection: &CustomerSelection,
) -> Result<Settings, SegmentProblem> {
    let name = check_name(&settings.segments, name, None)?;
    if selection.is_everything() {
        return Err(SegmentProblem::NoFilter);
    }
    let mut next = settings.clone();
    next.segments.push(Segment {
        id,
        name,
        query: selection.to_query(),
    });
    Ok(next)
}

/// `settings` with segment `id` renamed.
pub fn rename_segment(settings: &Settings, id: Id, name: &str) -> Result<Settings, SegmentProblem> {
    let name = check_name(&settings.segments, name, Some(id))?;
    let mut next = settings.clone();
    let segment = next
        .segments
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or(SegmentProblem::NotFound)?;
    segment.name = name;
    Ok(next)
}

/// `settings` without segment `id`.
pub fn delete_segment(settings: &Settings, id: Id) -> Result<Settings, SegmentProblem> {
    let mut next = settings.clone();
    let before = next.segments.len();
    next.segments.retain(|s| s.id != id);
    if next.segments.len() == before {
        return Err(SegmentProblem::NotFound);
    }
    Ok(next)
}

/// The customers `selection` selects: exactly the rows the customer list shows for it, in
/// stored order.
pub fn selected_customers<'a>(
    customers: &'a [Customer],
    selection: &CustomerSelection,
) -> Vec<&'a Customer> {
    matching_customers(customers, &selection.search, &selection.filter)
}

/// How many customers each segment selects, in the segments' order.
pub fn segment_counts(customers: &[Customer], segments: &[Segment]) -> Vec<(Id, usize)> {
    segments
        .iter()
        .map(|s| (s.id, selected_customers(customers, &s.selection()).len()))
        .collect()
}

/// The segment whose selection is the one shown, if any: the first saved with that query.
pub fn active_segment<'a>(
    segments: &'a [Segment],
    shown: &CustomerSelection,
) -> Option<&'a Segment> {
    let query = shown.to_query();
    if query.is_empty() {
        return None;
    }
    segments.iter().find(|s| s.selection().to_query() == query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::commands::blank_customer;
    use crate::customers::query::{filter_sort, ArchivedFilter, SortDir, SortKey};
    use crate::model::ids::Timestamp;
    use crate::model::records::{Lifecycle, ValueClass};

    fn selection(query: &str) -> CustomerSelection {
        CustomerSelection::parse(query)
    }

    #[test]
    fn names_are_required_bounded_and_unique_ignoring_case_and_width() {
        let s = Settings::default();
        let vip = selection("tag=VIP");
        let s = save_segment(&s, Id::from_u128(1), "  VIP 客户 ", &vip).unwrap();
        assert_eq!(s.segments[0].name, "VIP 客户");
        assert_eq!(s.segments[0].query, "tag=VIP");
        assert_eq!(
            save_segment(&s, Id::from_u128(2), "ｖｉｐ 客户", &vip),
            Err(SegmentProblem::NameTaken)
        );
        assert_eq!(
            save_segment(&s, Id::from_u128(2), "   ", &vip),
            Err(SegmentProblem::NameRequired)
        );
        let long = "长".repeat(SEGMENT_NAME_MAX + 1);
        assert_eq!(
            save_segment(&s, Id::from_u128(2), &long, &vip),
            Err(SegmentProblem::NameTooLong {
                max: SEGMENT_NAME_MAX
            })
        );
        assert!(save_segment(&s, Id::from_u128(2), &long[..SEGMENT_NAME_MAX * 3], &vip).is_ok());
        assert_eq!(
            save_segment(
                &s,
                Id::from_u128(2),
                "全部",
                &selection("?sort=name&archived=active")
            ),
            Err(SegmentProblem::NoFilter)
        );

        let s = save_segment(&s, Id::from_u128(2), "上海", &selection("region=上海")).unwrap();
        assert_eq!(
            rename_segment(&s, Id::from_u128(2), "vip 客户"),
            Err(SegmentProblem::NameTaken)
        );
        // Renaming to its own name in another spelling is fine.
        let renamed = rename_segment(&s, Id::from_u128(1), "VIP 客户们").unwrap();
        assert_eq!(renamed.segments[0].name, "VIP 客户们");
        assert_eq!(renamed.segments[1], s.segments[1]);
        assert_eq!(
            rename_segment(&s, Id::from_u128(9), "x"),
            Err(SegmentProblem::NotFound)
        );
        let fewer = delete_segment(&s, Id::from_u128(1)).unwrap();
        assert_eq!(fewer.segments.len(), 1);
        assert_eq!(fewer.segments[0].name, "上海");
        assert_eq!(
            delete_segment(&fewer, Id::from_u128(1)),
            Err(SegmentProblem::NotFound)
        );
    }

    #[test]
    fn a_segment_selects_what_the_list_shows_for_its_query() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let data = crate::demo::generate(
            300,
            crate::demo::DemoLang::Zh,
            11,
            today,
            Timestamp(1_772_700_000_000),
        );
        let customers = &data.customers;
        let owner = customers[0].owner.clone();
        let industry = customers[1].industry.clone();
        let queries = [
            format!("owner={owner}"),
            format!("industry={industry}&class=A"),
            "stage=growth&archived=all".to_string(),
            "q=科技&archived=archived".to_string(),
            "class=C&size=small".to_string(),
        ];
        let mut settings = Settings::default();
        for (i, q) in queries.iter().enumerate() {
            settings = save_segment(
                &settings,
                Id::from_u128(i as u128),
                &format!("s{i}"),
                &selection(q),
            )
            .unwrap();
        }
        let counts = segment_counts(customers, &settings.segments);
        let mut some_nonempty = false;
        for (segment, (id, count)) in settings.segments.iter().zip(counts) {
            let s = segment.selection();
            let listed = filter_sort(customers, &s.search, &s.filter, SortKey::Name, SortDir::Asc);
            let mut listed: Vec<Id> = listed.iter().map(|c| c.id).collect();
            let mut chosen: Vec<Id> = selected_customers(customers, &s)
                .iter()
                .map(|c| c.id)
                .collect();
            listed.sort();
            chosen.sort();
            assert_eq!(chosen, listed, "{}", segment.query);
            assert_eq!((id, count), (segment.id, listed.len()));
            some_nonempty |= count > 0;
        }
        assert!(some_nonempty, "the demo data fills at least one segment");
    }

    #[test]
    fn counts_follow_edits_and_the_active_segment_is_found_by_its_query() {
        let mut a = blank_customer(Id::from_u128(1), Timestamp(0));
        a.lifecycle = Lifecycle::Growth;
        a.value_class = ValueClass::A;
        let mut b = blank_customer(Id::from_u128(2), Timestamp(0));
        b.lifecycle = Lifecycle::Growth;
        let mut customers = vec![a, b];
        let s = save_segment(
            &Settings::default(),
            Id::from_u128(7),
            "成长期",
            &selection("stage=growth"),
        )
        .unwrap();
        assert_eq!(
            segment_counts(&customers, &s.segments),
            [(Id::from_u128(7), 2)]
        );
        customers[1].lifecycle = Lifecycle::Maturity;
        assert_eq!(segment_counts(&customers, &s.segments)[0].1, 1);
        customers[0].archived = true;
        assert_eq!(segment_counts(&customers, &s.segments)[0].1, 0);

        let shown = selection("?sort=name&page=2&stage=growth");
        assert_eq!(
            active_segment(&s.segments, &shown).map(|s| s.id),
            Some(Id::from_u128(7))
        );
        let mut all = shown.clone();
        all.filter.archived = ArchivedFilter::All;
        assert_eq!(active_segment(&s.segments, &all), None);
        assert_eq!(active_segment(&s.segments, &selection("")), None);
    }

    #[test]
    fn settings_without_segments_still_load_and_segments_round_trip() {
        let old: Settings = serde_json::from_str(r#"{"owners":["李雷"]}"#).unwrap();
        assert!(old.segments.is_empty());
        let s = save_segment(&old, Id::from_u128(3), "北京", &selection("region=北京")).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), s);
    }
}
