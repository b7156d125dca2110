//! The IndexedDB adapter against the real thing: headless Chromium via wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use guanxi::platform::db::{self, Db, Durability, Migration, Writes, MIGRATIONS};
use guanxi_core::activity::commands::complete_follow_up;
use guanxi_core::activity::recurrence::{Recurrence, RepeatUnit};
use guanxi_core::store::{Batch, Store, StoreError};
use guanxi_core::{
    Contact, Customer, FollowUp, FollowUpStatus, Id, Interaction, InteractionKind, Record,
    Timestamp,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh, empty database for one test.
async fn fresh(name: &str) -> Db {
    Db::delete_named(name)
        .await
        .expect("delete old test database");
    Db::open_named(name, db::latest_version())
        .await
        .expect("open test database")
}

fn customer(n: u128, name: &str) -> Customer {
    Customer {
        id: Id::from_u128(n),
        created_at: Timestamp(1_000),
        updated_at: Timestamp(1_000 + n as i64),
        deleted_at: None,
        rev: 1,
        name: name.into(),
        kind: Default::default(),
        company: String::new(),
        industry: "制造".into(),
        size: Default::default(),
        region: "上海".into(),
        source: String::new(),
        tags: vec!["重点".into(), "🚀".into()],
        lifecycle: Default::default(),
        value_class: Default::default(),
        owner: "李雷".into(),
        phones: vec![],
        emails: vec![],
        address: String::new(),
        birthday: NaiveDate::from_ymd_opt(1990, 2, 28),
        birthday_month_day: None,
        notes: "第一行\n第二行".into(),
        archived: false,
        merged_into: None,
        lifecycle_history: Vec::new(),
        annual_revenue: None,
        gross_margin_percent: None,
        referred_by: None,
        lifetime_manual: Default::default(),
        marketing_opt_out: None,
    }
}

fn contact(n: u128, customer: Id) -> Contact {
    Contact {
        id: Id::from_u128(n),
        created_at: Timestamp(1),
        updated_at: Timestamp(1),
        deleted_at: None,
        rev: 1,
        customer_id: customer,
        name: format!("联系人 {n}"),
        title: String::new(),
        department: String::new(),
        reports_to: None,
        phones: vec![],
        emails: vec![],
        birthday: None,
        birthday_month_day: None,
        notes: String::new(),
        marketing_opt_out: None,
    }
}

fn follow_up(n: u128, customer: Id, due: &str) -> FollowUp {
    FollowUp {
        id: Id::from_u128(n),
        created_at: Timestamp(1),
        updated_at: Timestamp(1),
        deleted_at: None,
        rev: 1,
        customer_id: customer,
        contact_id: None,
        opportunity_id: None,
        due: due.parse().unwrap(),
        time: None,
        kind: InteractionKind::Call,
        purpose: format!("purpose {n}"),
        place: String::new(),
        owner: String::new(),
        status: FollowUpStatus::Open,
        result: String::new(),
        recurrence: None,
    }
}

#[wasm_bindgen_test]
async fn write_then_read_back_identical() {
    let db = fresh("t-write-read").await;
    let mut c = customer(1, "北京星辰科技 ✨");
    // An opt-out (a field newer than the stored schema) comes back as written.
    c.marketing_opt_out = Some(guanxi_core::OptOut {
        on: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        channel: guanxi_core::OptOutChannel::Email,
        note: "电话中要求".into(),
    });
    db.write(Batch::new().put(c.clone())).await.unwrap();
    assert_eq!(db.get::<Customer>(c.id).await.unwrap(), Some(c.clone()));
    assert_eq!(db.all::<Customer>().await.unwrap(), vec![c.clone()]);
    assert_eq!(db.get::<Customer>(Id::from_u128(99)).await.unwrap(), None);

    // A second write of the same id replaces, never duplicates.
    let mut changed = c.clone();
    changed.name = "改名".into();
    changed.touch(Timestamp(5_000));
    db.write(Batch::new().put(changed.clone())).await.unwrap();
    let all = db.all::<Customer>().await.unwrap();
    assert_eq!(all, vec![changed]);
    assert_eq!(all[0].rev, 2);
}

#[wasm_bindgen_test]
async fn multi_kind_batch_and_customer_index() {
    let db = fresh("t-index").await;
    let a = customer(1, "A");
    let b = customer(2, "B");
    let batch = Batch::new()
        .put(a.clone())
        .put(b.clone())
        .put(contact(11, a.id))
        .put(contact(12, a.id))
        .put(contact(13, b.id));
    db.write(batch).await.unwrap();

    let mut of_a: Vec<Id> = db
        .by_customer::<Contact>(a.id)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    of_a.sort();
    assert_eq!(of_a, vec![Id::from_u128(11), Id::from_u128(12)]);
    assert_eq!(db.by_customer::<Contact>(b.id).await.unwrap().len(), 1);
    assert!(db
        .by_customer::<Interaction>(a.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(db.by_customer::<Customer>(a.id).await.unwrap(), vec![a]);
}

#[wasm_bindgen_test]
async fn due_date_index_returns_a_range() {
    let db = fresh("t-due").await;
    let c = customer(1, "C");
    let batch = Batch::new()
        .put(follow_up(21, c.id, "2026-11-30"))
        .put(follow_up(22, c.id, "2026-12-01"))
        .put(follow_up(23, c.id, "2026-12-07"))
        .put(follow_up(24, c.id, "2026-12-08"));
    db.write(batch).await.unwrap();
    let from = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let mut ids: Vec<Id> = db
        .follow_ups_due_between(from, to)
        .await
        .unwrap()
        .iter()
        .map(|f| f.id)
        .collect();
    ids.sort();
    assert_eq!(ids, vec![Id::from_u128(22), Id::from_u128(23)]);
}

#[wasm_bindgen_test]
async fn completing_a_repeating_follow_up_stores_the_next_with_its_rule() {
    let db = fresh("t-recurrence").await;
    let c = customer(1, "月末贸易");
    let mut f = follow_up(31, c.id, "2028-01-31");
    let start = NaiveDate::from_ymd_opt(2028, 1, 31).unwrap();
    f.recurrence = Some(Recurrence::new(1, RepeatUnit::Months, start));
    // Written as a record from before repeats existed: no recurrence field at all.
    let older = follow_up(32, c.id, "2028-01-31");
    db.write(
        Batch::new()
            .put(c.clone())
            .put(f.clone())
            .put(older.clone()),
    )
    .await
    .unwrap();
    assert_eq!(db.get::<FollowUp>(older.id).await.unwrap(), Some(older));

    let done_at = start.and_hms_opt(10, 0, 0).unwrap();
    let completion = complete_follow_up(
        &f,
        "已对账",
        done_at,
        Id::from_u128(41),
        Id::from_u128(42),
        Timestamp(9_000),
    );
    db.write(completion.batch()).await.unwrap();
    let next = db
        .get::<FollowUp>(Id::from_u128(42))
        .await
        .unwrap()
        .expect("the next follow-up is stored with the completion");
    assert_eq!(next.due, NaiveDate::from_ymd_opt(2028, 2, 29).unwrap());
    assert_eq!(next.status, FollowUpStatus::Open);
    let rule = next.recurrence.expect("the next one repeats too");
    assert_eq!((rule.start, rule.occurrence), (start, 1));
    let done = db.get::<FollowUp>(f.id).await.unwrap().unwrap();
    assert_eq!(
        (done.status, done.recurrence),
        (FollowUpStatus::Done, f.recurrence)
    );
    assert!(db
        .get::<Interaction>(Id::from_u128(41))
        .await
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn purge_removes_for_good() {
    let db = fresh("t-purge").await;
    let c = customer(1, "C");
    db.write(Batch::new().put(c.clone())).await.unwrap();
    db.write(Batch::new().purge(Customer::KIND, c.id))
        .await
        .unwrap();
    assert_eq!(db.get::<Customer>(c.id).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_failure_midway_leaves_nothing_behind() {
    let db = fresh("t-atomic").await;
    let kept = customer(1, "already stored");
    db.write(Batch::new().put(kept.clone())).await.unwrap();

    // Two good records, then one the browser rejects (no `id` for the key path).
    let good_a = db::encode(&customer(2, "a")).unwrap();
    let good_b = db::encode(&contact(3, kept.id)).unwrap();
    let bad = js_sys::Object::new();
    js_sys::Reflect::set(&bad, &"name".into(), &"no id".into()).unwrap();
    let writes = Writes {
        puts: vec![
            ("customers", good_a),
            ("contacts", good_b),
            ("customers", JsValue::from(bad)),
        ],
        ..Default::default()
    };
    let result = db.write_encoded(&writes, Durability::Strict).await;
    assert!(
        matches!(result, Err(StoreError::Data(_))),
        "expected a data error, got {result:?}"
    );
    assert_eq!(db.all::<Customer>().await.unwrap(), vec![kept.clone()]);
    assert!(db.all::<Contact>().await.unwrap().is_empty());

    // The connection is still usable afterwards.
    db.write(Batch::new().put(customer(4, "after")))
        .await
        .unwrap();
    assert_eq!(db.all::<Customer>().await.unwrap().len(), 2);
}

/// Writes the schema-1 fixture into a database opened at version 1, as an old build would.
async fn v1_database(name: &str) {
    old_database(name, 1).await;
}

/// Writes the fixture (whose record shape has not changed since schema 1) into a database
/// opened at an older `version`, as the build of that version would have.
async fn old_database(name: &str, version: u32) {
    Db::delete_named(name).await.unwrap();
    let old = Db::open_named(name, version)
        .await
        .expect("open at an old version");
    assert_eq!(old.version(), version);
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/db-v1.json")).unwrap();
    let mut puts = Vec::new();
    for store in ["customers", "contacts", "interactions", "follow_ups"] {
        for record in fixture[store].as_array().unwrap() {
            puts.push((store, db::encode(record).unwrap()));
        }
    }
    let writes = Writes {
        puts,
        ..Default::default()
    };
    old.write_encoded(&writes, Durability::Strict)
        .await
        .unwrap();
    old.close();
}

#[wasm_bindgen_test]
async fn opening_a_version_1_database_runs_the_migrations() {
    let name = "t-migrate-v1";
    v1_database(name).await;

    let db = Db::open_named(name, db::latest_version()).await.unwrap();
    assert_eq!(db.version(), db::latest_version());
    // Data written by version 1 decodes unchanged…
    let customers = db.all::<Customer>().await.unwrap();
    assert_eq!(customers.len(), 1);
    assert_eq!(customers[0].name, "杭州青竹茶业");
    assert_eq!(customers[0].tags, vec!["茶", "VIP"]);
    // A record from before the lifecycle history reads as its stage since its creation day.
    let history = guanxi_core::customers::lifecycle::history(&customers[0]);
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].from, history[0].to, history[0].on),
        (
            None,
            customers[0].lifecycle,
            customers[0].created_at.to_datetime().date_naive()
        )
    );
    assert_eq!(db.all::<Contact>().await.unwrap()[0].name, "陈静");
    // …and the indexes added by migration 2 cover the old records.
    let due = db
        .follow_ups_due_between(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].purpose, "确认春茶订单");
    let at: Vec<Interaction> = db
        .by_index(
            db::BY_AT,
            idb::Query::Key(JsValue::from_str("2026-11-02T10:30:00")),
        )
        .await
        .unwrap();
    assert_eq!(at.len(), 1);
}

#[wasm_bindgen_test]
async fn lifecycle_history_collections_and_lifetime_terms_round_trip() {
    let db = fresh("t-history-round-trip").await;
    let mut c = customer(1, "北方重工");
    c.lifecycle = guanxi_core::Lifecycle::Decline;
    c.lifecycle_history = vec![
        guanxi_core::LifecycleChange {
            on: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            from: None,
            to: guanxi_core::Lifecycle::Growth,
            reason: String::new(),
        },
        guanxi_core::LifecycleChange {
            on: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            from: Some(guanxi_core::Lifecycle::Growth),
            to: guanxi_core::Lifecycle::Decline,
            reason: "竞争对手 Competitor".into(),
        },
    ];
    c.annual_revenue = Some(12_000_000);
    c.gross_margin_percent = Some(35);
    c.referred_by = Some(Id::from_u128(9));
    c.lifetime_manual.acquisition_cost = 50_000;
    let mut deal = guanxi_core::Opportunity {
        collections: vec![guanxi_core::Collection {
            on: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
            amount: 30_000,
        }],
        ..serde_json::from_str(r#"{"id":"00000000-0000-0000-0000-000000000002","customer_id":"00000000-0000-0000-0000-000000000001","stage":"won","amount":100000}"#).unwrap()
    };
    deal.rev = 1;
    db.write(Batch::new().put(c.clone()).put(deal.clone()))
        .await
        .unwrap();
    assert_eq!(db.all::<Customer>().await.unwrap(), vec![c]);
    assert_eq!(
        db.all::<guanxi_core::Opportunity>().await.unwrap(),
        vec![deal]
    );
}

#[wasm_bindgen_test]
async fn service_cases_and_articles_round_trip_and_list_by_customer() {
    use guanxi_core::service::commands::{create_case, move_case, CaseForm, CaseMove};
    use guanxi_core::service::knowledge::{save_article, Article, ArticleForm};
    let db = fresh("t-cases-round-trip").await;
    let at = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let form = CaseForm {
        customer_id: Some(Id::from_u128(1)),
        kind: "complaint".into(),
        subject: "送货延误".into(),
        ..Default::default()
    };
    let settings = guanxi_core::Settings::default();
    let opened = create_case(&form, &settings, Id::from_u128(5), at, Timestamp(1)).unwrap();
    let step = CaseMove {
        to: guanxi_core::service::case::CaseStatus::Closed,
        at: at + chrono::Duration::hours(3),
        note: "已补发".into(),
        satisfaction: Some(4),
    };
    let closed = move_case(&opened, &step, Timestamp(2)).unwrap();
    let article = save_article(
        &ArticleForm {
            title: "延误处理".into(),
            body: "先致歉，再补发。".into(),
            tags: "物流".into(),
        },
        None,
        Id::from_u128(6),
        Timestamp(1),
    )
    .unwrap();
    db.write(Batch::new().put(closed.clone()).put(article.clone()))
        .await
        .unwrap();
    let mine: Vec<guanxi_core::service::case::ServiceCase> =
        db.by_customer(Id::from_u128(1)).await.unwrap();
    assert_eq!(mine, vec![closed]);
    assert_eq!(db.all::<Article>().await.unwrap(), vec![article]);
}

#[wasm_bindgen_test]
async fn campaigns_round_trip_with_members_costs_and_linked_deals() {
    use guanxi_core::marketing::campaign::{
        add_cost, add_members, save_campaign, set_response, Campaign, CampaignForm, CostForm,
        MemberSource, Response,
    };
    let db = fresh("t-campaigns-round-trip").await;
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let form = CampaignForm {
        name: "春季展会".into(),
        budget: "30000".into(),
        ..Default::default()
    };
    let c = save_campaign(&form, None, "CNY", Id::from_u128(80), Timestamp(1)).unwrap();
    let cost = CostForm {
        label: "展位".into(),
        amount: "20000".into(),
        on: "2026-03-01".into(),
    };
    let c = add_cost(&c, &cost, "CNY", Id::from_u128(81), Timestamp(2)).unwrap();
    let c = add_members(
        &c,
        &[(Id::from_u128(1), Some(Id::from_u128(2)))],
        MemberSource::LeadList,
        day,
        Timestamp(3),
    )
    .campaign;
    let c = set_response(&c, Id::from_u128(1), Response::Responded, day, Timestamp(4)).unwrap();
    let mut deal: guanxi_core::Opportunity = serde_json::from_str(
        r#"{"id":"00000000-0000-0000-0000-000000000003","customer_id":"00000000-0000-0000-0000-000000000001","stage":"won","amount":100000}"#,
    )
    .unwrap();
    deal.campaign_id = Some(c.id);
    deal.rev = 1;
    db.write(Batch::new().put(c.clone()).put(deal.clone()))
        .await
        .unwrap();
    assert_eq!(db.all::<Campaign>().await.unwrap(), vec![c]);
    assert_eq!(
        db.all::<guanxi_core::Opportunity>().await.unwrap()[0].campaign_id,
        Some(Id::from_u128(80))
    );
}

#[wasm_bindgen_test]
async fn every_old_version_upgrades_to_the_latest() {
    for version in 1..db::latest_version() {
        let name = format!("t-upgrade-from-{version}");
        old_database(&name, version).await;
        let db = Db::open_named(&name, db::latest_version()).await.unwrap();
        assert_eq!(db.version(), db::latest_version(), "from version {version}");
        assert_eq!(db.all::<Customer>().await.unwrap().len(), 1);
        assert_eq!(db.all::<FollowUp>().await.unwrap().len(), 2);
        // The stores and indexes of every later migration exist and work on the old data.
        let due = db
            .follow_ups_due_between(
                NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(due.len(), 1, "from version {version}");
        assert_eq!(
            db.settings().await.unwrap(),
            guanxi_core::Settings::default()
        );
        assert!(db
            .store_names()
            .contains(&db::ATTACHMENTS_STORE.to_string()));
        assert!(db
            .all::<guanxi_core::Opportunity>()
            .await
            .unwrap()
            .is_empty());
        assert!(db
            .all::<guanxi_core::marketing::Campaign>()
            .await
            .unwrap()
            .is_empty());
        db.close();
    }
}

fn failing_step(_: &idb::Database, _: &idb::Transaction) -> Result<(), idb::Error> {
    Err(idb::Error::InvalidStorageType)
}

/// The shipped migrations plus a step that fails, as a buggy release would have.
static WITH_BROKEN_STEP: [Migration; 3] = [MIGRATIONS[0], MIGRATIONS[1], failing_step];

#[wasm_bindgen_test]
async fn a_failing_migration_keeps_the_old_version_and_can_run_again() {
    let name = "t-migrate-fail";
    v1_database(name).await;

    let result = Db::open_with(name, 3, &WITH_BROKEN_STEP).await;
    assert!(
        matches!(&result, Err(StoreError::Aborted { name, .. }) if name == "MigrationError"),
        "expected the upgrade to fail, got {:?}",
        result.as_ref().err()
    );

    // Still version 1, and migration 2 did not half-apply either: the whole upgrade rolled back.
    let old = Db::open_named(name, 1).await.unwrap();
    assert_eq!(old.version(), 1);
    assert_eq!(old.all::<Customer>().await.unwrap().len(), 1);
    let due = old
        .follow_ups_due_between(
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
        )
        .await;
    assert!(due.is_err(), "the by_due index must not exist at version 1");
    old.close();

    // The fixed release runs the migrations cleanly.
    let db = Db::open_named(name, db::latest_version()).await.unwrap();
    assert_eq!(db.version(), db::latest_version());
    assert_eq!(db.all::<FollowUp>().await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn opening_a_newer_database_is_refused_not_downgraded() {
    let name = "t-too-new";
    Db::delete_named(name).await.unwrap();
    let newer = Db::open_named(name, db::latest_version()).await.unwrap();
    newer.close();
    let result = Db::open_named(name, 1).await;
    assert!(
        matches!(result, Err(StoreError::VersionTooNew { .. })),
        "got {:?}",
        result.as_ref().err()
    );
}

#[wasm_bindgen_test]
async fn a_replace_that_fails_midway_keeps_the_old_data() {
    // Restore with "replace everything" clears every store and writes the backup in one
    // transaction; if a write fails, the clear must roll back too.
    let db = fresh("t-replace-atomic").await;
    let kept = customer(1, "原有客户");
    db.write(Batch::new().put(kept.clone()).put(contact(2, kept.id)))
        .await
        .unwrap();
    let bad = js_sys::Object::new();
    js_sys::Reflect::set(&bad, &"name".into(), &"no id".into()).unwrap();
    let writes = Writes {
        clear: db::ALL_STORES.to_vec(),
        puts: vec![
            ("customers", db::encode(&customer(3, "backup")).unwrap()),
            ("customers", JsValue::from(bad)),
        ],
        ..Default::default()
    };
    assert!(db.write_encoded(&writes, Durability::Strict).await.is_err());
    assert_eq!(db.all::<Customer>().await.unwrap(), vec![kept]);
    assert_eq!(db.all::<Contact>().await.unwrap().len(), 1);
}

/// A checked write whose record changed since it was read (another tab saved first) is refused
/// inside the transaction, and nothing of its batch lands; an unchecked write is not refused.
#[wasm_bindgen_test]
async fn a_stale_checked_write_is_a_conflict_and_writes_nothing() {
    let db = fresh("t-conflict").await;
    let base = customer(1, "甲公司");
    db.write(Batch::new().put(base.clone())).await.unwrap();

    let mut first = base.clone();
    first.name = "甲公司（另一个标签页）".into();
    first.rev = 2;
    db.write(Batch::new().put(first.clone()).checked())
        .await
        .unwrap();

    let mut stale = base.clone();
    stale.name = "甲公司（本标签页）".into();
    stale.rev = 2;
    let bystander = customer(2, "乙公司");
    let refused = db
        .write(Batch::new().put(bystander.clone()).put(stale).checked())
        .await;
    assert_eq!(
        refused,
        Err(StoreError::Conflict {
            kind: guanxi_core::RecordKind::Customer,
            id: base.id,
            stored: 2,
            attempted: 2,
        })
    );
    assert_eq!(db.get::<Customer>(base.id).await.unwrap(), Some(first));
    assert_eq!(db.get::<Customer>(bystander.id).await.unwrap(), None);

    // A new record (nothing stored yet) and a fresh edit pass the check.
    let mut fresh_edit = base.clone();
    fresh_edit.rev = 3;
    db.write(
        Batch::new()
            .put(bystander.clone())
            .put(fresh_edit)
            .checked(),
    )
    .await
    .unwrap();
    assert_eq!(db.get::<Customer>(base.id).await.unwrap().unwrap().rev, 3);
}

/// Sealed records round-trip through real IndexedDB and WebCrypto; their stored form has no
/// readable content; a different key cannot open them and says so.
#[wasm_bindgen_test]
async fn sealed_records_round_trip_and_a_wrong_key_is_refused() {
    use guanxi::platform::crypto::Cipher;
    use guanxi::platform::db::Sealing;
    let db = fresh("t-sealed").await;
    let (cipher, info) = Cipher::create("correct horse battery").await.unwrap();
    let sealed = db.with_sealing(Some(Sealing {
        cipher,
        info: info.clone(),
    }));
    let c = customer(1, "机密客户");
    let f = follow_up(2, c.id, "2026-12-01");
    sealed
        .write(Batch::new().put(c.clone()).put(f.clone()))
        .await
        .unwrap();
    assert_eq!(sealed.all::<Customer>().await.unwrap(), vec![c.clone()]);
    // The due-date index still works on sealed follow-ups.
    let due = sealed
        .follow_ups_due_between(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(due, vec![f]);

    let raw = db.raw_values("customers").await.unwrap();
    let text = js_sys::JSON::stringify(&raw[0])
        .unwrap()
        .as_string()
        .unwrap();
    assert!(
        !text.contains("机密客户") && !text.contains("李雷"),
        "{text}"
    );

    // Without a key: locked; with another passphrase's key: refused as tampered.
    assert_eq!(db.all::<Customer>().await, Err(StoreError::Locked));
    let (other, other_info) = Cipher::create("another passphrase").await.unwrap();
    let wrong = db.with_sealing(Some(Sealing {
        cipher: other,
        info: other_info,
    }));
    assert_eq!(wrong.all::<Customer>().await, Err(StoreError::Tampered));
    assert!(matches!(
        Cipher::unlock("not it at all", &info).await,
        Err(guanxi::platform::crypto::CryptoError::WrongPassphrase)
    ));
}
