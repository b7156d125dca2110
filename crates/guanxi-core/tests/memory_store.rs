//! The in-memory store keeps the same promises as the IndexedDB one: reads see what was
//! written, and a failed batch writes nothing.

use chrono::NaiveDate;
use futures::executor::block_on;
use guanxi_core::activity::commands::{complete_follow_up, create_follow_up};
use guanxi_core::activity::forms::FollowUpForm;
use guanxi_core::customers::commands::{create_contact, create_customer};
use guanxi_core::customers::forms::{ContactForm, CustomerForm};
use guanxi_core::model::trash::trash;
use guanxi_core::store::{Batch, MemoryStore, Store, StoreError};
use guanxi_core::*;

const NOW: Timestamp = Timestamp(1_772_700_000_000);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
}

fn customer(n: u128, name: &str) -> Customer {
    let form = CustomerForm {
        name: name.into(),
        ..Default::default()
    };
    create_customer(&form, Id::from_u128(n), NOW, today()).unwrap()
}

fn contact(n: u128, customer: Id, name: &str) -> Contact {
    let form = ContactForm {
        customer_id: Some(customer),
        name: name.into(),
        ..Default::default()
    };
    create_contact(&form, Id::from_u128(n), NOW, today()).unwrap()
}

fn follow_up(n: u128, customer: Id) -> FollowUp {
    let form = FollowUpForm {
        customer_id: Some(customer),
        due: "2026-03-06".into(),
        purpose: "回访".into(),
        ..Default::default()
    };
    create_follow_up(&form, Id::from_u128(n), NOW, today()).unwrap()
}

#[test]
fn write_then_read_back() {
    block_on(async {
        let store = MemoryStore::new();
        assert!(store.is_empty());
        let (a, b) = (customer(1, "甲公司"), customer(2, "乙公司"));
        let (ca, cb) = (contact(11, a.id, "张三"), contact(12, b.id, "李四"));
        let ca2 = contact(13, a.id, "王五");
        let batch = Batch::new()
            .put(a.clone())
            .put(b.clone())
            .put(ca.clone())
            .put(cb.clone())
            .put(ca2.clone());
        store.write(batch).await.unwrap();
        assert_eq!(store.len(), 5);

        assert_eq!(store.get::<Customer>(a.id).await.unwrap(), Some(a.clone()));
        assert_eq!(store.get::<Contact>(cb.id).await.unwrap(), Some(cb.clone()));
        // An id of another kind is not found under this kind.
        assert_eq!(store.get::<Contact>(a.id).await.unwrap(), None);
        assert_eq!(
            store.get::<Customer>(Id::from_u128(99)).await.unwrap(),
            None
        );

        assert_eq!(
            store.all::<Customer>().await.unwrap(),
            vec![a.clone(), b.clone()]
        );
        assert_eq!(
            store.all::<Contact>().await.unwrap(),
            vec![ca.clone(), cb.clone(), ca2.clone()]
        );
        assert!(store.all::<Interaction>().await.unwrap().is_empty());

        assert_eq!(
            store.by_customer::<Contact>(a.id).await.unwrap(),
            vec![ca, ca2]
        );
        assert_eq!(store.by_customer::<Contact>(b.id).await.unwrap(), vec![cb]);
        assert_eq!(store.by_customer::<Customer>(b.id).await.unwrap(), vec![b]);
    });
}

#[test]
fn a_put_replaces_and_tombstones_stay_readable() {
    block_on(async {
        let store = MemoryStore::new();
        let a = customer(1, "甲公司");
        store.write(Batch::new().put(a.clone())).await.unwrap();
        let gone = trash(&a, Timestamp(NOW.0 + 1));
        store.write(Batch::new().put(gone.clone())).await.unwrap();
        assert_eq!(store.len(), 1);
        let read = store.get::<Customer>(a.id).await.unwrap().unwrap();
        assert_eq!((read.deleted_at, read.rev), (Some(Timestamp(NOW.0 + 1)), 2));
    });
}

#[test]
fn a_failing_batch_leaves_nothing_behind() {
    block_on(async {
        let store = MemoryStore::new();
        let a = customer(1, "甲公司");
        store.write(Batch::new().put(a.clone())).await.unwrap();

        let f = follow_up(20, a.id);
        let activity::commands::Completion { done, log, .. } = complete_follow_up(
            &f,
            "已完成",
            today().and_hms_opt(10, 0, 0).unwrap(),
            Id::from_u128(21),
            Id::from_u128(22),
            NOW,
        );
        let renamed = Customer {
            name: "改名".into(),
            ..a.clone()
        };
        store.fail_next_write_after(2);
        let err = store
            .write(
                Batch::new()
                    .put(done.clone())
                    .put(log.clone())
                    .put(renamed)
                    .purge(RecordKind::Customer, a.id),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Aborted { .. }), "{err:?}");
        assert_eq!(store.len(), 1);
        assert_eq!(store.get::<Customer>(a.id).await.unwrap(), Some(a.clone()));
        assert_eq!(store.get::<FollowUp>(done.id).await.unwrap(), None);
        assert_eq!(store.get::<Interaction>(log.id).await.unwrap(), None);

        // The injected failure is one-shot: the same batch succeeds next time.
        store
            .write(Batch::new().put(done.clone()).put(log.clone()))
            .await
            .unwrap();
        assert_eq!(store.get::<FollowUp>(done.id).await.unwrap(), Some(done));
        assert_eq!(
            store.by_customer::<Interaction>(a.id).await.unwrap(),
            vec![log]
        );
    });
}

#[test]
fn a_failure_on_the_first_operation_or_a_purge_also_rolls_back() {
    block_on(async {
        let store = MemoryStore::new();
        let a = customer(1, "甲公司");
        let b = customer(2, "乙公司");
        store.write(Batch::new().put(a.clone())).await.unwrap();
        store.fail_next_write_after(0);
        assert!(store.write(Batch::new().put(b.clone())).await.is_err());
        assert_eq!(store.all::<Customer>().await.unwrap(), vec![a.clone()]);

        // Fails at the purge, after the put was applied to the working copy.
        store.fail_next_write_after(1);
        assert!(store
            .write(
                Batch::new()
                    .put(b.clone())
                    .purge(RecordKind::Customer, a.id)
            )
            .await
            .is_err());
        assert_eq!(store.all::<Customer>().await.unwrap(), vec![a]);
    });
}

#[test]
fn purge_removes_for_good() {
    block_on(async {
        let store = MemoryStore::new();
        let a = customer(1, "甲公司");
        let ca = contact(11, a.id, "张三");
        store
            .write(Batch::new().put(a.clone()).put(ca.clone()))
            .await
            .unwrap();
        store
            .write(
                Batch::new()
                    .purge(RecordKind::Contact, ca.id)
                    // Purging a record that is not there is not an error.
                    .purge(RecordKind::Contact, Id::from_u128(404)),
            )
            .await
            .unwrap();
        assert_eq!(store.get::<Contact>(ca.id).await.unwrap(), None);
        assert!(store.by_customer::<Contact>(a.id).await.unwrap().is_empty());
        assert_eq!(store.get::<Customer>(a.id).await.unwrap(), Some(a));
        assert_eq!(store.len(), 1);
        assert!(Batch::new().is_empty());
    });
}

/// Two tabs read the same customer at revision 1 and both edit it: the second save must be
/// refused as a conflict, not silently overwrite the first.
#[test]
fn a_stale_checked_write_is_a_conflict_and_writes_nothing() {
    block_on(async {
        let store = MemoryStore::new();
        let base = customer(1, "甲公司");
        store.write(Batch::new().put(base.clone())).await.unwrap();

        let edit = |name: &str| {
            let form = CustomerForm {
                name: name.into(),
                ..Default::default()
            };
            guanxi_core::customers::commands::update_customer(
                &base,
                &form,
                Timestamp(NOW.0 + 1),
                today(),
            )
            .unwrap()
        };
        let first = edit("甲公司（北京）");
        let second = edit("甲公司（上海）");
        let other = customer(2, "乙公司");
        store
            .write(Batch::new().put(first.clone()).checked())
            .await
            .unwrap();
        let refused = store
            .write(Batch::new().put(other.clone()).put(second).checked())
            .await;
        assert_eq!(
            refused,
            Err(StoreError::Conflict {
                kind: RecordKind::Customer,
                id: base.id,
                stored: 2,
                attempted: 2,
            })
        );
        // Nothing of the refused batch landed, the new record in it included.
        assert_eq!(
            store.get::<Customer>(base.id).await.unwrap(),
            Some(first.clone())
        );
        assert_eq!(store.get::<Customer>(other.id).await.unwrap(), None);

        // An edit based on the fresh copy goes through, and an unchecked write (an import's
        // own decision) is never refused.
        let form = CustomerForm {
            name: "甲公司（广州）".into(),
            ..Default::default()
        };
        let fresh = guanxi_core::customers::commands::update_customer(
            &first,
            &form,
            Timestamp(NOW.0 + 2),
            today(),
        )
        .unwrap();
        assert_eq!(fresh.rev, 3);
        store
            .write(Batch::new().put(fresh).checked())
            .await
            .unwrap();
        store.write(Batch::new().put(base.clone())).await.unwrap();
        assert_eq!(
            store.get::<Customer>(base.id).await.unwrap().unwrap().rev,
            1
        );
    })
}

#[test]
fn winning_a_deal_stores_the_opportunity_and_the_promoted_customer_together() {
    use guanxi_core::pipeline::commands::create_opportunity;
    use guanxi_core::pipeline::forms::OpportunityForm;
    use guanxi_core::pipeline::opportunity::{lifecycle_after_win, move_to_stage, set_lifecycle};
    block_on(async {
        let settings = Settings::default();
        let store = MemoryStore::new();
        let a = customer(1, "甲公司");
        let form = OpportunityForm {
            title: "年度采购合同".into(),
            amount: "80万".into(),
            stage: "negotiation".into(),
            ..OpportunityForm::new(&settings, Some(a.id))
        };
        // The same id as the customer's: kinds live in separate stores.
        let o = create_opportunity(&form, &settings, a.id, NOW, today()).unwrap();
        store
            .write(Batch::new().put(a.clone()).put(o.clone()))
            .await
            .unwrap();
        assert_eq!(store.len(), 2);
        assert_eq!(
            store.by_customer::<Opportunity>(a.id).await.unwrap(),
            vec![o.clone()]
        );

        let later = Timestamp(NOW.0 + 1);
        let won = move_to_stage(&o, "won", "价格优势 Price", &settings, later, today()).unwrap();
        let all = store.all::<Opportunity>().await.unwrap();
        let lifecycle = lifecycle_after_win(&won, &a, &all, &settings).unwrap();
        let promoted = set_lifecycle(&a, lifecycle, later);
        store
            .write(Batch::new().put(won.clone()).put(promoted))
            .await
            .unwrap();
        let read = store.get::<Opportunity>(o.id).await.unwrap().unwrap();
        assert_eq!(
            (read.stage.as_str(), read.closed_on, read.rev),
            ("won", Some(today()), 2)
        );
        let c = store.get::<Customer>(a.id).await.unwrap().unwrap();
        assert_eq!(c.lifecycle, Lifecycle::Development);

        let names: std::collections::HashSet<&str> =
            RecordKind::ALL.iter().map(|k| k.store_name()).collect();
        assert_eq!(names.len(), RecordKind::ALL.len());
        assert_eq!(RecordKind::Opportunity.store_name(), "opportunities");
    });
}
