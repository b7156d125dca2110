//! Merging two customer records that turned out to be the same customer.
//!
//! A merge loses nothing: the survivor gains whatever the absorbed record knew that it did
//! not, every contact, log entry, follow-up, opportunity and service case moves over, and the absorbed
//! record goes to the trash (not away) with a pointer to the survivor, so the merge can be
//! understood later.

use std::collections::HashSet;

use crate::marketing::campaign::{repoint_members, Campaign};
use crate::marketing::OptOut;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    Contact, Customer, FollowUp, Interaction, Labeled, Opportunity, Record, SizeBand,
};
use crate::model::validate::{fold_width, normalize_email, normalize_phone_digits};
use crate::service::case::ServiceCase;
use crate::store::Batch;

/// What to merge. The slices are the records of the ABSORBED customer (trashed ones included,
/// so that restoring one later brings it back under the survivor); records of any other
/// customer in them are ignored rather than stolen.
#[derive(Clone, Copy, Debug)]
pub struct MergeInput<'a> {
    pub survivor: &'a Customer,
    pub absorbed: &'a Customer,
    pub contacts: &'a [Contact],
    pub interactions: &'a [Interaction],
    pub follow_ups: &'a [FollowUp],
    /// Moved like follow-ups. Their links from log entries and follow-ups (by id) need no
    /// change, since both sides move to the survivor together.
    pub opportunities: &'a [Opportunity],
    /// Service cases, moved like opportunities.
    pub cases: &'a [ServiceCase],
    /// Every campaign: those with the absorbed customer as a member get the survivor instead.
    pub campaigns: &'a [Campaign],
}

fn fill(target: &mut String, from: &str) {
    if target.trim().is_empty() && !from.trim().is_empty() {
        *target = from.to_string();
    }
}

/// Appends the rows of `from` whose key is not already present (blank keys are never added).
fn union_rows(target: &mut Vec<Labeled>, from: &[Labeled], key: fn(&str) -> String) {
    let mut seen: HashSet<String> = target.iter().map(|r| key(&r.value)).collect();
    for row in from {
        let k = key(&row.value);
        if !k.is_empty() && seen.insert(k) {
            target.push(row.clone());
        }
    }
}

fn phone_key(s: &str) -> String {
    normalize_phone_digits(s)
}

fn email_key(s: &str) -> String {
    normalize_email(s)
}

/// The survivor as it is after the merge (not yet touched).
fn merged_survivor(survivor: &Customer, absorbed: &Customer) -> Customer {
    let mut s = survivor.clone();
    fill(&mut s.company, &absorbed.company);
    fill(&mut s.industry, &absorbed.industry);
    fill(&mut s.region, &absorbed.region);
    fill(&mut s.source, &absorbed.source);
    fill(&mut s.address, &absorbed.address);
    // The survivor's owner stays responsible; only an unowned survivor takes the other's.
    fill(&mut s.owner, &absorbed.owner);
    if s.size == SizeBand::Unknown {
        s.size = absorbed.size;
    }
    s.birthday = s.birthday.or(absorbed.birthday);
    s.birthday_month_day = match s.birthday {
        Some(_) => None,
        None => s.birthday_month_day.or(absorbed.birthday_month_day),
    };

    let mut seen: HashSet<String> = s.tags.iter().map(|t| tag_key(t)).collect();
    for tag in &absorbed.tags {
        if !tag.trim().is_empty() && seen.insert(tag_key(tag)) {
            s.tags.push(tag.clone());
        }
    }
    union_rows(&mut s.phones, &absorbed.phones, phone_key);
    union_rows(&mut s.emails, &absorbed.emails, email_key);
    // The value inputs of the analyses fill gaps like the text fields; the lifecycle history
    // is the survivor's (the absorbed one's stays on its tombstone in the trash).
    s.annual_revenue = s.annual_revenue.or(absorbed.annual_revenue);
    s.gross_margin_percent = s.gross_margin_percent.or(absorbed.gross_margin_percent);
    s.referred_by = s
        .referred_by
        .or(absorbed.referred_by)
        .filter(|r| *r != s.id && *r != absorbed.id);
    if s.lifetime_manual.is_empty() {
        s.lifetime_manual = absorbed.lifetime_manual;
    }
    // One person's refusal of marketing outlives the duplicate it was recorded on.
    s.marketing_opt_out = OptOut::combine(
        s.marketing_opt_out.as_ref(),
        absorbed.marketing_opt_out.as_ref(),
    );

    // Both notes are kept (the absorbed one after a blank line) unless they say the same thing.
    // The result may exceed the notes length limit; the next edit will then ask to shorten it,
    // which beats silently cutting text off.
    let theirs = absorbed.notes.trim();
    if !theirs.is_empty() && theirs != s.notes.trim() {
        s.notes = if s.notes.trim().is_empty() {
            absorbed.notes.clone()
        } else {
            format!("{}\n\n{}", s.notes.trim_end(), absorbed.notes.trim_start())
        };
    }
    s
}

/// Tags are the same tag when they differ only in case or width, as in
/// [`crate::model::form::split_tags`].
fn tag_key(t: &str) -> String {
    fold_width(t.trim()).to_lowercase()
}

/// One batch that merges `input.absorbed` into `input.survivor`: the updated survivor, every
/// related record of the absorbed customer re-pointed at the survivor, and the absorbed
/// customer tombstoned with `merged_into` set. Nothing is purged.
///
/// Kind, name, lifecycle, value class and the archive flag are the survivor's: the user chose
/// it as the record to keep. Merging a customer into itself yields an empty batch.
pub fn merge_customers(input: MergeInput, now: Timestamp) -> Batch {
    let (survivor, absorbed) = (input.survivor, input.absorbed);
    if survivor.id == absorbed.id {
        return Batch::new();
    }
    let mut batch = Batch::new();
    let mut s = merged_survivor(survivor, absorbed);
    s.touch(now);
    batch = batch.put(s);

    fn moved<R: Record>(
        r: &R,
        from: Id,
        to: Id,
        now: Timestamp,
        set: impl FnOnce(&mut R, Id),
    ) -> Option<R> {
        (r.customer_id() == from).then(|| {
            let mut r = r.clone();
            set(&mut r, to);
            r.touch(now);
            r
        })
    }
    let (from, to) = (absorbed.id, survivor.id);
    for c in input.contacts {
        if let Some(r) = moved(c, from, to, now, |r, id| r.customer_id = id) {
            batch = batch.put(r);
        }
    }
    for i in input.interactions {
        if let Some(r) = moved(i, from, to, now, |r, id| r.customer_id = id) {
            batch = batch.put(r);
        }
    }
    for f in input.follow_ups {
        if let Some(r) = moved(f, from, to, now, |r, id| r.customer_id = id) {
            batch = batch.put(r);
        }
    }
    for o in input.opportunities {
        if let Some(r) = moved(o, from, to, now, |r, id| r.customer_id = id) {
            batch = batch.put(r);
        }
    }
    for c in input.cases {
        if let Some(r) = moved(c, from, to, now, |r, id| r.customer_id = id) {
            batch = batch.put(r);
        }
    }
    for c in input.campaigns {
        if let Some(r) = repoint_members(c, from, to, now) {
            batch = batch.put(r);
        }
    }

    let mut gone = absorbed.clone();
    gone.deleted_at = Some(now);
    gone.merged_into = Some(survivor.id);
    gone.touch(now);
    batch.put(gone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::commands::{blank_follow_up, blank_interaction};
    use crate::customers::commands::{blank_contact, blank_customer};
    use crate::model::records::{AnyRecord, Label, Lifecycle, ValueClass};
    use crate::store::{MemoryStore, Store};
    use chrono::NaiveDate;
    use futures::executor::block_on;

    const T0: Timestamp = Timestamp(1_000);
    const NOW: Timestamp = Timestamp(5_000);

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    }

    fn pair() -> (Customer, Customer) {
        let mut s = blank_customer(Id::from_u128(1), T0);
        s.name = "北京星辰科技".into();
        s.industry = "软件".into();
        s.tags = vec!["VIP".into(), "北京".into()];
        s.phones = vec![Labeled::new(Label::Work, "010-12345678")];
        s.emails = vec![Labeled::new(Label::Work, "info@xc.example.cn")];
        s.notes = "喜欢喝茶".into();
        s.lifecycle = Lifecycle::Growth;
        s.value_class = ValueClass::A;

        let mut a = blank_customer(Id::from_u128(2), T0);
        a.name = "北京星辰科技有限公司".into();
        a.industry = "制造".into();
        a.region = "北京".into();
        a.source = "展会".into();
        a.owner = "韩梅梅".into();
        a.size = SizeBand::Large;
        a.address = "海淀区".into();
        a.birthday = NaiveDate::from_ymd_opt(2001, 1, 1);
        a.tags = vec!["vip".into(), "重点".into()];
        a.phones = vec![
            Labeled::new(Label::Work, "(010) 1234 5678"),
            Labeled::new(Label::Mobile, "13800138000"),
        ];
        a.emails = vec![
            Labeled::new(Label::Work, "INFO@xc.example.cn"),
            Labeled::new(Label::Work, "sales@xc.example.cn"),
        ];
        a.notes = "决策周期长".into();
        a.lifecycle = Lifecycle::Prospect;
        a.value_class = ValueClass::C;
        a.archived = true;
        a.annual_revenue = Some(5_000_000);
        a.referred_by = Some(Id::from_u128(1)); // the survivor itself: dropped
        a.lifetime_manual.acquisition_cost = 80_000;
        s.gross_margin_percent = Some(40);
        s.lifecycle_history = crate::customers::lifecycle::history(&s);
        (s, a)
    }

    fn customers_in(batch: &Batch) -> Vec<Customer> {
        batch
            .puts
            .iter()
            .filter_map(|r| match r {
                AnyRecord::Customer(c) => Some(c.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn survivor_gains_what_it_lacked_and_keeps_what_it_had() {
        let (s, a) = pair();
        let batch = merge_customers(
            MergeInput {
                survivor: &s,
                absorbed: &a,
                contacts: &[],
                interactions: &[],
                follow_ups: &[],
                opportunities: &[],
                cases: &[],
                campaigns: &[],
            },
            NOW,
        );
        assert!(batch.purges.is_empty());
        let cs = customers_in(&batch);
        let m = cs.iter().find(|c| c.id == s.id).unwrap();
        assert_eq!(m.name, "北京星辰科技");
        assert_eq!(m.industry, "软件", "filled fields stay");
        assert_eq!((m.region.as_str(), m.source.as_str()), ("北京", "展会"));
        assert_eq!((m.address.as_str(), m.size), ("海淀区", SizeBand::Large));
        assert_eq!(m.owner, "韩梅梅", "an unowned survivor takes the owner");
        assert_eq!(m.birthday, NaiveDate::from_ymd_opt(2001, 1, 1));
        assert_eq!(m.tags, vec!["VIP", "北京", "重点"]);
        let phones: Vec<&str> = m.phones.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(phones, vec!["010-12345678", "13800138000"]);
        let emails: Vec<&str> = m.emails.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(emails, vec!["info@xc.example.cn", "sales@xc.example.cn"]);
        assert_eq!(m.notes, "喜欢喝茶\n\n决策周期长");
        assert_eq!(
            (m.lifecycle, m.value_class, m.archived),
            (Lifecycle::Growth, ValueClass::A, false)
        );
        assert_eq!((m.rev, m.updated_at, m.deleted_at), (2, NOW, None));
        // Value inputs fill gaps; the survivor's history and margin stay.
        assert_eq!(
            (m.annual_revenue, m.gross_margin_percent),
            (Some(5_000_000), Some(40))
        );
        assert_eq!(m.referred_by, None, "a customer never refers itself");
        assert_eq!(m.lifetime_manual.acquisition_cost, 80_000);
        assert_eq!(m.lifecycle_history, s.lifecycle_history);

        let g = cs.iter().find(|c| c.id == a.id).unwrap();
        assert_eq!(
            (g.deleted_at, g.merged_into, g.rev),
            (Some(NOW), Some(s.id), 2)
        );
        assert_eq!(g.name, a.name, "the absorbed record is kept as it was");
    }

    #[test]
    fn owner_birthday_and_same_notes_are_kept() {
        let (mut s, mut a) = pair();
        s.owner = "李雷".into();
        s.birthday = NaiveDate::from_ymd_opt(1990, 6, 1);
        a.notes = " 喜欢喝茶 ".into();
        let m = merged_survivor(&s, &a);
        assert_eq!(m.owner, "李雷");
        assert_eq!(m.birthday, NaiveDate::from_ymd_opt(1990, 6, 1));
        assert_eq!(m.notes, "喜欢喝茶");
        s.notes = String::new();
        a.notes = "决策周期长".into();
        assert_eq!(merged_survivor(&s, &a).notes, "决策周期长");
        a.notes = "  ".into();
        s.notes = "x".into();
        assert_eq!(merged_survivor(&s, &a).notes, "x");
    }

    #[test]
    fn an_opt_out_on_either_record_survives_the_merge() {
        let (mut s, mut a) = pair();
        assert_eq!(merged_survivor(&s, &a).marketing_opt_out, None);
        let opt_out = |d, channel| crate::marketing::OptOut {
            on: NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
            channel,
            note: String::new(),
        };
        a.marketing_opt_out = Some(opt_out(4, crate::marketing::OptOutChannel::Email));
        assert_eq!(
            merged_survivor(&s, &a).marketing_opt_out,
            a.marketing_opt_out,
            "the survivor takes the absorbed record's opt-out"
        );
        s.marketing_opt_out = Some(opt_out(2, crate::marketing::OptOutChannel::Phone));
        assert_eq!(
            merged_survivor(&s, &a).marketing_opt_out,
            Some(opt_out(2, crate::marketing::OptOutChannel::All))
        );
    }

    #[test]
    fn merging_into_itself_does_nothing() {
        let (s, _) = pair();
        let batch = merge_customers(
            MergeInput {
                survivor: &s,
                absorbed: &s,
                contacts: &[],
                interactions: &[],
                follow_ups: &[],
                opportunities: &[],
                cases: &[],
                campaigns: &[],
            },
            NOW,
        );
        assert!(batch.is_empty());
    }

    #[test]
    fn related_records_move_and_counts_add_up_in_the_store() {
        block_on(async {
            let (s, a) = pair();
            let (sid, aid) = (s.id, a.id);
            let contact = |n: u128, c: Id| blank_contact(Id::from_u128(n), c, T0);
            let interaction = |n: u128, c: Id| {
                blank_interaction(Id::from_u128(n), c, day().and_hms_opt(9, 0, 0).unwrap(), T0)
            };
            let follow_up = |n: u128, c: Id| blank_follow_up(Id::from_u128(n), c, day(), T0);
            let s_contacts = [contact(10, sid)];
            let mut trashed_contact = contact(12, aid);
            trashed_contact.deleted_at = Some(T0);
            let a_contacts = vec![contact(11, aid), trashed_contact];
            let s_inter = [interaction(20, sid), interaction(21, sid)];
            let a_inter = vec![
                interaction(22, aid),
                interaction(23, aid),
                interaction(24, aid),
            ];
            let s_fu = [follow_up(30, sid)];
            let a_fu = vec![follow_up(31, aid), follow_up(32, aid)];
            let opportunity = |n: u128, c: Id| {
                let mut o =
                    crate::pipeline::opportunity::tests::opp(n, c.0.as_u128(), "proposal", 1000);
                (o.created_at, o.updated_at) = (T0, T0);
                o
            };
            let s_opp = [opportunity(40, sid)];
            let a_opp = vec![opportunity(41, aid)];
            // Someone else's record slipped into the input must not be stolen.
            let stranger = interaction(29, Id::from_u128(99));

            let store = MemoryStore::new();
            let mut setup = Batch::new()
                .put(s.clone())
                .put(a.clone())
                .put(stranger.clone());
            for c in s_contacts.iter().chain(&a_contacts) {
                setup = setup.put(c.clone());
            }
            for i in s_inter.iter().chain(&a_inter) {
                setup = setup.put(i.clone());
            }
            for f in s_fu.iter().chain(&a_fu) {
                setup = setup.put(f.clone());
            }
            for o in s_opp.iter().chain(&a_opp) {
                setup = setup.put(o.clone());
            }
            store.write(setup).await.unwrap();

            let a_cases = vec![{
                let form = crate::service::commands::CaseForm {
                    customer_id: Some(aid),
                    kind: "repair".into(),
                    subject: "漏水".into(),
                    ..Default::default()
                };
                let at = NaiveDate::from_ymd_opt(2026, 3, 1)
                    .unwrap()
                    .and_hms_opt(9, 0, 0)
                    .unwrap();
                let settings = crate::model::records::Settings::default();
                crate::service::commands::create_case(&form, &settings, Id::from_u128(45), at, T0)
                    .unwrap()
            }];
            let mut a_inter_input = a_inter.clone();
            a_inter_input.push(stranger);
            let batch = merge_customers(
                MergeInput {
                    survivor: &s,
                    absorbed: &a,
                    contacts: &a_contacts,
                    interactions: &a_inter_input,
                    follow_ups: &a_fu,
                    opportunities: &a_opp,
                    cases: &a_cases,
                    campaigns: &[],
                },
                NOW,
            );
            assert!(batch.purges.is_empty());
            // Survivor, absorbed, 2 contacts, 3 interactions, 2 follow-ups, 1 opportunity,
            // 1 case.
            assert_eq!(batch.puts.len(), 11);
            store.write(batch).await.unwrap();

            let contacts: Vec<Contact> = store.by_customer(sid).await.unwrap();
            let inters: Vec<Interaction> = store.by_customer(sid).await.unwrap();
            let fus: Vec<FollowUp> = store.by_customer(sid).await.unwrap();
            assert_eq!(contacts.len(), s_contacts.len() + a_contacts.len());
            assert_eq!(inters.len(), s_inter.len() + a_inter.len());
            assert_eq!(fus.len(), s_fu.len() + a_fu.len());
            assert!(store.by_customer::<Contact>(aid).await.unwrap().is_empty());
            assert!(store
                .by_customer::<Interaction>(aid)
                .await
                .unwrap()
                .is_empty());
            assert!(store.by_customer::<FollowUp>(aid).await.unwrap().is_empty());
            let opps: Vec<Opportunity> = store.by_customer(sid).await.unwrap();
            assert_eq!(opps.len(), 2);
            assert!(store
                .by_customer::<Opportunity>(aid)
                .await
                .unwrap()
                .is_empty());
            let cases: Vec<ServiceCase> = store.by_customer(sid).await.unwrap();
            assert_eq!(
                (cases.len(), cases[0].id, cases[0].rev),
                (1, Id::from_u128(45), 2)
            );
            let moved_opp = opps.iter().find(|o| o.id == Id::from_u128(41)).unwrap();
            assert_eq!((moved_opp.rev, moved_opp.updated_at), (2, NOW));
            // The trashed contact moved but stays in the trash; moved records are touched.
            let moved = contacts.iter().find(|c| c.id == Id::from_u128(12)).unwrap();
            assert_eq!(
                (moved.deleted_at, moved.rev, moved.updated_at),
                (Some(T0), 2, NOW)
            );
            let untouched = contacts.iter().find(|c| c.id == Id::from_u128(10)).unwrap();
            assert_eq!(untouched.rev, 1);
            let other: Option<Interaction> = store.get(Id::from_u128(29)).await.unwrap();
            assert_eq!(other.unwrap().customer_id, Id::from_u128(99));
            // Nothing is gone for good: the absorbed customer is a tombstone.
            let gone: Customer = store.get(aid).await.unwrap().unwrap();
            assert_eq!((gone.deleted_at, gone.merged_into), (Some(NOW), Some(sid)));
            // 2 customers, 3 contacts, 6 interactions (one a stranger's), 3 follow-ups, 2
            // opportunities, 1 case.
            assert_eq!(store.len(), 17);
        });
    }
}
