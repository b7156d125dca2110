//! Actions on many records at once: bulk edits from the list's selection, handing a
//! departing rep's customers to a colleague, and emptying the trash.
//!
//! Like the commands, these only compute a [`Batch`]; the caller writes it in one transaction
//! so a bulk edit is all-or-nothing. Only records that actually change are in a batch, so a
//! repeated click writes nothing and creates no spurious revisions.

use std::collections::HashSet;

use crate::customers::lifecycle;
use crate::marketing::campaign::Campaign;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    Contact, Customer, FollowUp, FollowUpStatus, Interaction, Lifecycle, Opportunity, Record,
    RecordKind, Settings, ValueClass,
};
use crate::model::trash::{restore, trash};
use crate::model::validate::{fold_width, SHORT_MAX};
use crate::pipeline::opportunity::is_open;
use crate::service::case::ServiceCase;
use crate::service::knowledge::Article;
use crate::store::Batch;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkAction {
    AddTag(String),
    RemoveTag(String),
    SetOwner(String),
    SetLifecycle(Lifecycle),
    SetValueClass(ValueClass),
    Archive,
    Unarchive,
    Trash,
    Restore,
}

fn tag_key(t: &str) -> String {
    fold_width(t.trim()).to_lowercase()
}

/// `c` after `action`, or `None` when the action would not change it.
fn changed(c: &Customer, action: &BulkAction, now: Timestamp) -> Option<Customer> {
    match action {
        BulkAction::Trash => return (c.deleted_at.is_none()).then(|| trash(c, now)),
        BulkAction::Restore => return (c.deleted_at.is_some()).then(|| restore(c, now)),
        // Editing records in the trash is almost certainly a selection mistake, and would
        // change what a restore brings back.
        _ if c.deleted_at.is_some() => return None,
        _ => {}
    }
    let mut r = c.clone();
    match action {
        BulkAction::AddTag(tag) => {
            let tag = tag.trim();
            let key = tag_key(tag);
            // A tag the form would reject (blank or too long) is not added behind its back.
            if tag.is_empty()
                || tag.chars().count() > SHORT_MAX
                || r.tags.iter().any(|t| tag_key(t) == key)
            {
                return None;
            }
            r.tags.push(tag.to_string());
        }
        BulkAction::RemoveTag(tag) => {
            let key = tag_key(tag);
            r.tags.retain(|t| tag_key(t) != key);
        }
        BulkAction::SetOwner(owner) => r.owner = owner.trim().to_string(),
        BulkAction::SetLifecycle(l) => r.lifecycle = *l,
        BulkAction::SetValueClass(v) => r.value_class = *v,
        BulkAction::Archive => r.archived = true,
        BulkAction::Unarchive => r.archived = false,
        BulkAction::Trash | BulkAction::Restore => unreachable!("handled above"),
    }
    if r == *c {
        return None;
    }
    // A bulk move has no one to ask for a reason; the history still records the move.
    lifecycle::note_change(c, &mut r, now.to_datetime().date_naive(), "");
    r.touch(now);
    Some(r)
}

/// Applies `action` to the customers whose id is in `ids` (duplicates in `ids` count once).
///
/// Customers in the trash are only affected by [`BulkAction::Restore`]; every other action
/// skips them. Trashing tombstones the customers only: see [`trash_customer`].
pub fn apply_bulk(
    customers: &[Customer],
    ids: &[Id],
    action: &BulkAction,
    now: Timestamp,
) -> Batch {
    let ids: HashSet<Id> = ids.iter().copied().collect();
    customers
        .iter()
        .filter(|c| ids.contains(&c.id))
        .filter_map(|c| changed(c, action, now))
        .fold(Batch::new(), Batch::put)
}

/// Gives each listed customer its new value class (from an ABC analysis), in one batch so the
/// whole classification is written in one transaction or not at all. Customers in the trash,
/// unknown ids and classes already held are skipped.
pub fn set_classes(customers: &[Customer], classes: &[(Id, ValueClass)], now: Timestamp) -> Batch {
    let by_id: std::collections::HashMap<Id, &Customer> =
        customers.iter().map(|c| (c.id, c)).collect();
    classes
        .iter()
        .filter_map(|(id, class)| {
            let c = by_id.get(id)?;
            changed(c, &BulkAction::SetValueClass(*class), now)
        })
        .fold(Batch::new(), Batch::put)
}

/// The records that have an owner, for [`handover`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Owned<'a> {
    pub customers: &'a [Customer],
    pub follow_ups: &'a [FollowUp],
    pub opportunities: &'a [Opportunity],
    pub cases: &'a [ServiceCase],
}

/// Hands everything `from` is responsible for over to `to`: their customers not in the trash
/// (archived ones too, so nothing is left with someone who has left), their open follow-ups
/// and their open opportunities not in the trash. Done and cancelled follow-ups and won and
/// lost opportunities keep their owner, because they record who did the work (and who won
/// the deal). Owners compare after trimming; handing over to the same person is a no-op.
/// A blank `from` hands over the unassigned records, which is how "assign all unowned" works.
/// Open service cases move like open follow-ups.
pub fn handover(from: &str, to: &str, owned: Owned, settings: &Settings, now: Timestamp) -> Batch {
    let Owned {
        customers,
        follow_ups,
        opportunities,
        cases,
    } = owned;
    let (from, to) = (from.trim(), to.trim());
    if from == to {
        return Batch::new();
    }
    let mut batch = Batch::new();
    for c in customers {
        if c.deleted_at.is_none() && c.owner.trim() == from {
            let mut r = c.clone();
            r.owner = to.to_string();
            r.touch(now);
            batch = batch.put(r);
        }
    }
    for f in follow_ups {
        if f.deleted_at.is_none() && f.status == FollowUpStatus::Open && f.owner.trim() == from {
            let mut r = f.clone();
            r.owner = to.to_string();
            r.touch(now);
            batch = batch.put(r);
        }
    }
    for o in opportunities {
        // `is_open` also leaves out the trash.
        if is_open(o, settings) && o.owner.trim() == from {
            let mut r = o.clone();
            r.owner = to.to_string();
            r.touch(now);
            batch = batch.put(r);
        }
    }
    // Open cases only, like follow-ups: a closed case stays with whoever handled it.
    for c in cases {
        if c.is_live() && c.status.is_open() && c.owner.trim() == from {
            let mut r = c.clone();
            r.owner = to.to_string();
            r.touch(now);
            batch = batch.put(r);
        }
    }
    batch
}

/// Trashes a customer. Only the customer is tombstoned: its contacts, log, follow-ups and
/// opportunities stay as they are, in the trash with it (lists and exports skip records of
/// trashed customers, [`crate::pipeline::list::filter_sort_opportunities`] included, so the board
/// and forecast built on it do too; [`empty_trash`] purges them with it), and come back
/// unchanged when it is restored with [`crate::model::trash::restore`]. Tombstoning them too
/// would make a restore unable to tell them from records trashed on their own.
pub fn trash_customer(c: &Customer, now: Timestamp) -> Customer {
    trash(c, now)
}

/// Purges for good every trashed customer, every record of a trashed customer, and every
/// trashed contact, interaction, follow-up, opportunity, case, article and campaign. Each
/// record is purged once.
///
/// Not covered, for the caller: attachment bytes of purged interactions (see
/// [`purged_attachments`]), and links to purged records (`reports_to`, `contact_id`,
/// `opportunity_id`) in records that stay, which the UI must treat as absent.
pub fn empty_trash(all: &Everything) -> Batch {
    let trashed: HashSet<Id> = all
        .customers
        .iter()
        .filter(|c| c.deleted_at.is_some())
        .map(|c| c.id)
        .collect();
    let mut batch = Batch::new();
    for c in all.customers.iter().filter(|c| trashed.contains(&c.id)) {
        batch = batch.purge(RecordKind::Customer, c.id);
    }
    fn purge_all<R: Record>(mut batch: Batch, records: &[R], trashed: &HashSet<Id>) -> Batch {
        for r in records {
            if r.deleted_at().is_some() || trashed.contains(&r.customer_id()) {
                batch = batch.purge(R::KIND, r.id());
            }
        }
        batch
    }
    batch = purge_all(batch, all.contacts, &trashed);
    batch = purge_all(batch, all.interactions, &trashed);
    batch = purge_all(batch, all.follow_ups, &trashed);
    batch = purge_all(batch, all.opportunities, &trashed);
    batch = purge_all(batch, all.cases, &trashed);
    batch = purge_all(batch, all.articles, &trashed);
    purge_all(batch, all.campaigns, &trashed)
}

/// Every stored record, by kind, trashed ones included: what emptying the trash looks through.
#[derive(Clone, Copy, Default)]
pub struct Everything<'a> {
    pub customers: &'a [Customer],
    pub contacts: &'a [Contact],
    pub interactions: &'a [Interaction],
    pub follow_ups: &'a [FollowUp],
    pub opportunities: &'a [Opportunity],
    pub cases: &'a [ServiceCase],
    /// Knowledge-base articles and campaigns belong to no customer: only their own trashing
    /// purges them.
    pub articles: &'a [Article],
    pub campaigns: &'a [Campaign],
}

/// The attachment ids whose bytes [`empty_trash`] orphans (those of the interactions it
/// purges), so the caller can delete them from the attachment store in the same step.
pub fn purged_attachments(customers: &[Customer], interactions: &[Interaction]) -> Vec<Id> {
    let trashed: HashSet<Id> = customers
        .iter()
        .filter(|c| c.deleted_at.is_some())
        .map(|c| c.id)
        .collect();
    interactions
        .iter()
        .filter(|i| i.deleted_at.is_some() || trashed.contains(&i.customer_id))
        .flat_map(|i| i.attachments.iter().map(|a| a.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::commands::{blank_follow_up, blank_interaction};
    use crate::customers::commands::{blank_contact, blank_customer};
    use crate::model::records::{AnyRecord, AttachmentRef};
    use chrono::NaiveDate;

    const T0: Timestamp = Timestamp(1_000);
    const NOW: Timestamp = Timestamp(9_000);

    fn id(n: u128) -> Id {
        Id::from_u128(n)
    }

    fn customer(n: u128, owner: &str, tags: &[&str]) -> Customer {
        let mut c = blank_customer(id(n), T0);
        c.name = format!("客户{n}");
        c.owner = owner.into();
        c.tags = tags.iter().map(|t| t.to_string()).collect();
        c
    }

    fn put_ids(batch: &Batch) -> Vec<u128> {
        batch.puts.iter().map(|r| r.id().0.as_u128()).collect()
    }

    fn put_customers(batch: &Batch) -> Vec<Customer> {
        batch
            .puts
            .iter()
            .map(|r| match r {
                AnyRecord::Customer(c) => c.clone(),
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn add_and_remove_tag_only_touch_records_that_change() {
        let cs = vec![
            customer(1, "", &["VIP"]),
            customer(2, "", &[]),
            customer(3, "", &[]),
        ];
        let b = apply_bulk(
            &cs,
            &[id(1), id(2), id(2)],
            &BulkAction::AddTag(" ｖｉｐ ".into()),
            NOW,
        );
        assert_eq!(put_ids(&b), vec![2], "1 already has it, 3 is not selected");
        let c2 = &put_customers(&b)[0];
        assert_eq!(
            (c2.tags.clone(), c2.rev, c2.updated_at),
            (vec!["ｖｉｐ".to_string()], 2, NOW)
        );

        let b = apply_bulk(
            &cs,
            &[id(1), id(2)],
            &BulkAction::RemoveTag("vip".into()),
            NOW,
        );
        assert_eq!(put_ids(&b), vec![1]);
        assert!(put_customers(&b)[0].tags.is_empty());

        assert!(apply_bulk(&cs, &[id(2)], &BulkAction::AddTag("  ".into()), NOW).is_empty());
        let long = "x".repeat(SHORT_MAX + 1);
        assert!(apply_bulk(&cs, &[id(2)], &BulkAction::AddTag(long), NOW).is_empty());
    }

    #[test]
    fn abc_classes_are_written_only_where_they_change() {
        let mut gone = customer(3, "", &[]);
        gone.deleted_at = Some(T0);
        let mut a = customer(1, "", &[]);
        a.value_class = ValueClass::A;
        let cs = vec![a, customer(2, "", &[]), gone];
        let b = set_classes(
            &cs,
            &[
                (id(1), ValueClass::A),
                (id(2), ValueClass::B),
                (id(3), ValueClass::A),
                (id(9), ValueClass::A),
            ],
            NOW,
        );
        assert_eq!(put_ids(&b), vec![2], "1 already A, 3 trashed, 9 unknown");
        let c2 = &put_customers(&b)[0];
        assert_eq!(
            (c2.value_class, c2.rev, c2.updated_at),
            (ValueClass::B, 2, NOW)
        );
    }

    #[test]
    fn setters_and_archive_skip_unchanged_and_trashed() {
        let mut gone = customer(3, "李雷", &[]);
        gone.deleted_at = Some(T0);
        let mut cs = vec![customer(1, "李雷", &[]), customer(2, "韩梅梅", &[]), gone];
        cs[1].lifecycle = Lifecycle::Growth;
        cs[1].archived = true;
        let all = [id(1), id(2), id(3)];

        let b = apply_bulk(&cs, &all, &BulkAction::SetOwner(" 李雷 ".into()), NOW);
        assert_eq!(put_ids(&b), vec![2]);
        assert_eq!(put_customers(&b)[0].owner, "李雷");

        let b = apply_bulk(&cs, &all, &BulkAction::SetLifecycle(Lifecycle::Growth), NOW);
        assert_eq!(put_ids(&b), vec![1]);
        assert_eq!(put_customers(&b)[0].lifecycle, Lifecycle::Growth);

        let b = apply_bulk(&cs, &all, &BulkAction::SetValueClass(ValueClass::A), NOW);
        assert_eq!(put_ids(&b), vec![1, 2]);
        assert!(put_customers(&b)
            .iter()
            .all(|c| c.value_class == ValueClass::A && c.rev == 2));

        assert_eq!(
            put_ids(&apply_bulk(&cs, &all, &BulkAction::Archive, NOW)),
            vec![1]
        );
        assert_eq!(
            put_ids(&apply_bulk(&cs, &all, &BulkAction::Unarchive, NOW)),
            vec![2]
        );
    }

    #[test]
    fn trash_and_restore_in_bulk() {
        let mut gone = customer(3, "", &[]);
        gone.deleted_at = Some(T0);
        let cs = vec![customer(1, "", &[]), gone];
        let b = apply_bulk(&cs, &[id(1), id(3)], &BulkAction::Trash, NOW);
        assert_eq!(put_ids(&b), vec![1]);
        assert_eq!(put_customers(&b)[0].deleted_at, Some(NOW));
        let b = apply_bulk(&cs, &[id(1), id(3)], &BulkAction::Restore, NOW);
        assert_eq!(put_ids(&b), vec![3]);
        assert_eq!(put_customers(&b)[0].deleted_at, None);
        assert_eq!(put_customers(&b)[0].rev, 2);
    }

    #[test]
    fn handover_moves_customers_and_open_follow_ups_only() {
        let mut gone = customer(3, "李雷", &[]);
        gone.deleted_at = Some(T0);
        let mut archived = customer(4, " 李雷 ", &[]);
        archived.archived = true;
        let cs = vec![
            customer(1, "李雷", &[]),
            customer(2, "韩梅梅", &[]),
            gone,
            archived,
        ];
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let fu = |n: u128, owner: &str, status: FollowUpStatus| {
            let mut f = blank_follow_up(id(n), id(1), day, T0);
            f.owner = owner.into();
            f.status = status;
            f
        };
        let mut trashed_fu = fu(14, "李雷", FollowUpStatus::Open);
        trashed_fu.deleted_at = Some(T0);
        let fus = vec![
            fu(11, "李雷", FollowUpStatus::Open),
            fu(12, "李雷", FollowUpStatus::Done),
            fu(13, "韩梅梅", FollowUpStatus::Open),
            trashed_fu,
            fu(15, "李雷", FollowUpStatus::Cancelled),
        ];
        let settings = Settings::default();
        let opp = |n: u128, owner: &str, stage: &str| {
            let mut o = crate::pipeline::opportunity::tests::opp(n, 1, stage, 1000);
            o.owner = owner.into();
            (o.created_at, o.updated_at) = (T0, T0);
            o
        };
        let mut trashed_opp = opp(24, "李雷", "proposal");
        trashed_opp.deleted_at = Some(T0);
        let mut stray = opp(25, " 李雷", "proposal");
        stray.stage = "from-elsewhere".into();
        let opps = vec![
            opp(21, "李雷", "proposal"),
            opp(22, "李雷", "won"),
            opp(23, "李雷", "lost"),
            trashed_opp,
            stray,
            opp(26, "韩梅梅", "negotiation"),
        ];
        let case = |n: u128, owner: &str, status| {
            let mut k = crate::service::commands::blank_case(id(n), id(1), Default::default(), T0);
            (k.owner, k.status) = (owner.into(), status);
            k
        };
        use crate::service::case::CaseStatus;
        let cases = vec![
            case(31, "李雷", CaseStatus::Waiting),
            case(32, "李雷", CaseStatus::Closed),
            case(33, "韩梅梅", CaseStatus::New),
        ];
        let owned = |cases| Owned {
            customers: &cs,
            follow_ups: &fus,
            opportunities: &opps,
            cases,
        };
        let b = handover("李雷 ", " 王小明", owned(&cases), &settings, NOW);
        assert_eq!(put_ids(&b), vec![1, 4, 11, 21, 25, 31]);
        for r in &b.puts {
            match r {
                AnyRecord::Customer(c) => assert_eq!((c.owner.as_str(), c.rev), ("王小明", 2)),
                AnyRecord::FollowUp(f) => assert_eq!((f.owner.as_str(), f.rev), ("王小明", 2)),
                AnyRecord::Opportunity(o) => {
                    assert_eq!((o.owner.as_str(), o.rev, o.updated_at), ("王小明", 2, NOW))
                }
                AnyRecord::Case(k) => assert_eq!((k.owner.as_str(), k.rev), ("王小明", 2)),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(handover("李雷", " 李雷", owned(&[]), &settings, NOW).is_empty());
        let unowned = vec![customer(5, "  ", &[]), customer(6, "李雷", &[])];
        assert_eq!(
            put_ids(&handover(
                "",
                "韩梅梅",
                Owned {
                    customers: &unowned,
                    ..Default::default()
                },
                &settings,
                NOW
            )),
            vec![5]
        );
    }

    #[test]
    fn trashing_a_customer_leaves_its_records_for_restore() {
        let c = customer(1, "", &[]);
        let t = trash_customer(&c, NOW);
        assert_eq!((t.deleted_at, t.rev), (Some(NOW), 2));
        let r = restore(&t, Timestamp(NOW.0 + 1));
        assert_eq!(r.deleted_at, None);
        // Its contact was never touched, so it is simply there again after the restore.
        let contact = blank_contact(id(10), c.id, T0);
        let opportunity = crate::pipeline::opportunity::tests::opp(20, 1, "proposal", 1);
        let batch = empty_trash(&Everything {
            customers: &[r],
            contacts: &[contact],
            opportunities: &[opportunity],
            ..Everything::default()
        });
        assert!(batch.is_empty());
    }

    #[test]
    fn empty_trash_purges_trashed_and_everything_of_trashed_customers_once() {
        let live = customer(1, "", &[]);
        let gone = trash_customer(&customer(2, "", &[]), NOW);
        let at = NaiveDate::from_ymd_opt(2026, 3, 5)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let day = at.date();
        let mut trashed_contact = blank_contact(id(11), live.id, T0);
        trashed_contact.deleted_at = Some(T0);
        let mut gone_contact_trashed = blank_contact(id(13), gone.id, T0);
        gone_contact_trashed.deleted_at = Some(T0);
        let contacts = vec![
            blank_contact(id(10), live.id, T0),
            trashed_contact,
            blank_contact(id(12), gone.id, T0),
            gone_contact_trashed,
        ];
        let mut trashed_inter = blank_interaction(id(21), live.id, at, T0);
        trashed_inter.deleted_at = Some(T0);
        trashed_inter.attachments.push(AttachmentRef {
            id: id(91),
            name: "a.pdf".into(),
            mime: "application/pdf".into(),
            size: 1,
        });
        let mut gone_inter = blank_interaction(id(22), gone.id, at, T0);
        gone_inter.attachments.push(AttachmentRef {
            id: id(92),
            name: "b.png".into(),
            mime: "image/png".into(),
            size: 1,
        });
        let mut live_inter = blank_interaction(id(20), live.id, at, T0);
        live_inter.attachments.push(AttachmentRef {
            id: id(90),
            name: "c.png".into(),
            mime: "image/png".into(),
            size: 1,
        });
        let interactions = vec![live_inter, trashed_inter, gone_inter];
        let mut trashed_fu = blank_follow_up(id(31), live.id, day, T0);
        trashed_fu.deleted_at = Some(T0);
        let follow_ups = vec![
            blank_follow_up(id(30), live.id, day, T0),
            trashed_fu,
            blank_follow_up(id(32), gone.id, day, T0),
        ];
        let opp = |n: u128, c: &Customer| {
            crate::pipeline::opportunity::tests::opp(n, c.id.0.as_u128(), "proposal", 1)
        };
        let mut trashed_opp = opp(41, &live);
        trashed_opp.deleted_at = Some(T0);
        let opportunities = vec![opp(40, &live), trashed_opp, opp(42, &gone)];
        let case = |n: u128, c: &Customer, trashed: bool| {
            let mut k = crate::service::commands::blank_case(id(n), c.id, Default::default(), T0);
            k.deleted_at = trashed.then_some(T0);
            k
        };
        let cases = vec![
            case(50, &live, false),
            case(51, &live, true),
            case(52, &gone, false),
        ];
        let article = |n: u128, trashed: bool| {
            let form = crate::service::knowledge::ArticleForm {
                title: "t".into(),
                body: "b".into(),
                tags: String::new(),
            };
            let mut a = crate::service::knowledge::save_article(&form, None, id(n), T0).unwrap();
            a.deleted_at = trashed.then_some(T0);
            a
        };
        let articles = vec![article(60, false), article(61, true)];
        let customers = vec![live, gone];
        let mut campaign = crate::marketing::campaign::save_campaign(
            &crate::marketing::campaign::CampaignForm {
                name: "春季展会".into(),
                ..Default::default()
            },
            None,
            "CNY",
            id(70),
            T0,
        )
        .unwrap();
        campaign.deleted_at = Some(T0);
        let b = empty_trash(&Everything {
            customers: &customers,
            contacts: &contacts,
            interactions: &interactions,
            follow_ups: &follow_ups,
            opportunities: &opportunities,
            cases: &cases,
            articles: &articles,
            campaigns: &[campaign],
        });
        assert!(b.puts.is_empty());
        let purged: Vec<(RecordKind, u128)> =
            b.purges.iter().map(|(k, i)| (*k, i.0.as_u128())).collect();
        assert_eq!(
            purged,
            vec![
                (RecordKind::Customer, 2),
                (RecordKind::Contact, 11),
                (RecordKind::Contact, 12),
                (RecordKind::Contact, 13),
                (RecordKind::Interaction, 21),
                (RecordKind::Interaction, 22),
                (RecordKind::FollowUp, 31),
                (RecordKind::FollowUp, 32),
                (RecordKind::Opportunity, 41),
                (RecordKind::Opportunity, 42),
                (RecordKind::Case, 51),
                (RecordKind::Case, 52),
                (RecordKind::Article, 61),
                (RecordKind::Campaign, 70),
            ]
        );
        assert_eq!(
            purged_attachments(&customers, &interactions),
            vec![id(91), id(92)]
        );
    }
}
