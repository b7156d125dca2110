//! Records must survive JSON unchanged (IndexedDB values and backup files are JSON), and a
//! record written by an older schema, with fields missing, must still decode.

use chrono::{NaiveDate, NaiveTime};
use guanxi_core::activity::recurrence::{Recurrence, RepeatUnit};
use guanxi_core::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
    json
}

fn customer() -> Customer {
    Customer {
        id: Id::from_u128(1),
        created_at: Timestamp(1_772_700_000_000),
        updated_at: Timestamp(1_772_700_060_000),
        deleted_at: Some(Timestamp(1_772_700_120_000)),
        rev: 3,
        name: "深圳市腾飞科技有限公司 🚀".into(),
        kind: CustomerKind::Company,
        company: "腾飞集团".into(),
        industry: "软件".into(),
        size: SizeBand::Large,
        region: "华南".into(),
        source: "转介绍".into(),
        tags: vec!["VIP".into(), "重点客户".into(), "🔥".into()],
        lifecycle: Lifecycle::Maturity,
        value_class: ValueClass::A,
        owner: "李雷".into(),
        phones: vec![Labeled::new(Label::Work, "0755-8601 3388转8001")],
        emails: vec![Labeled::new(Label::Other, "用户@例子.中国")],
        address: "深圳市南山区\n科技园 \"A\" 栋".into(),
        birthday: NaiveDate::from_ymd_opt(1990, 2, 28),
        birthday_month_day: None,
        notes: "喜欢喝茶 🍵; likes \\ backslashes".into(),
        archived: true,
        merged_into: Some(Id::from_u128(9)),
        lifecycle_history: vec![
            LifecycleChange {
                on: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(),
                from: None,
                to: Lifecycle::Growth,
                reason: String::new(),
            },
            LifecycleChange {
                on: NaiveDate::from_ymd_opt(2026, 3, 6).unwrap(),
                from: Some(Lifecycle::Growth),
                to: Lifecycle::Decline,
                reason: "服务 Service：响应慢".into(),
            },
        ],
        annual_revenue: Some(12_000_000),
        gross_margin_percent: Some(35),
        referred_by: Some(Id::from_u128(4)),
        lifetime_manual: LifetimeManual {
            acquisition_cost: 50_000,
            ..Default::default()
        },
        marketing_opt_out: None,
    }
}

fn contact() -> Contact {
    Contact {
        id: Id::from_u128(2),
        created_at: Timestamp(10),
        updated_at: Timestamp(20),
        deleted_at: None,
        rev: 2,
        customer_id: Id::from_u128(1),
        name: "王芳".into(),
        title: "采购总监".into(),
        department: "采购部".into(),
        reports_to: Some(Id::from_u128(3)),
        phones: vec![Labeled::new(Label::Mobile, "+86 138-0013-8000")],
        emails: vec![Labeled::new(Label::Work, "wang.fang@example.com")],
        birthday: None,
        birthday_month_day: None,
        notes: "😀".into(),
        marketing_opt_out: Some(OptOut {
            on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            channel: OptOutChannel::Message,
            note: "回复 TD 退订".into(),
        }),
    }
}

fn interaction() -> Interaction {
    Interaction {
        id: Id::from_u128(4),
        created_at: Timestamp(10),
        updated_at: Timestamp(10),
        deleted_at: None,
        rev: 1,
        customer_id: Id::from_u128(1),
        contact_id: Some(Id::from_u128(2)),
        at: NaiveDate::from_ymd_opt(2026, 3, 5)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap(),
        kind: InteractionKind::Visit,
        summary: "上门拜访，演示新版本".into(),
        outcome: "客户满意 👍".into(),
        attachments: vec![AttachmentRef {
            id: Id::from_u128(5),
            name: "合同草案.docx".into(),
            mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into(),
            size: 48_213,
        }],
        opportunity_id: Some(Id::from_u128(7)),
        competitor_news: "对手报价更低".into(),
        customer_opinion: String::new(),
    }
}

fn follow_up() -> FollowUp {
    FollowUp {
        id: Id::from_u128(6),
        created_at: Timestamp(10),
        updated_at: Timestamp(30),
        deleted_at: None,
        rev: 4,
        customer_id: Id::from_u128(1),
        contact_id: None,
        due: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
        time: NaiveTime::from_hms_opt(14, 30, 0),
        kind: InteractionKind::Call,
        purpose: "生日问候 🎂".into(),
        place: "北京市朝阳区".into(),
        owner: "韩梅梅".into(),
        status: FollowUpStatus::Done,
        result: "已致电".into(),
        opportunity_id: None,
        recurrence: Some(Recurrence {
            every: 2,
            unit: RepeatUnit::Weekday(chrono::Weekday::Mon),
            start: NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
            occurrence: 5,
        }),
    }
}

fn opportunity() -> Opportunity {
    Opportunity {
        id: Id::from_u128(7),
        created_at: Timestamp(10),
        updated_at: Timestamp(40),
        deleted_at: None,
        rev: 5,
        customer_id: Id::from_u128(1),
        title: "ERP 二期 🚀".into(),
        amount: 80_000_050,
        currency: "CNY".into(),
        stage: "won".into(),
        probability: 100,
        probability_overridden: false,
        expected_close: NaiveDate::from_ymd_opt(2026, 3, 31),
        owner: "李雷".into(),
        source: "展会".into(),
        competitors: vec!["用友".into(), "SAP".into()],
        next_step: "签合同".into(),
        close_reason: "价格优势 Price".into(),
        closed_on: NaiveDate::from_ymd_opt(2026, 3, 5),
        notes: "\"quoted\" \\ ok".into(),
        campaign_id: Some(Id::from_u128(90)),
        collections: vec![
            Collection {
                on: NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(),
                amount: 30_000_000,
            },
            Collection {
                on: NaiveDate::from_ymd_opt(2026, 4, 20).unwrap(),
                amount: 50_000_050,
            },
        ],
    }
}

#[test]
fn every_record_kind_round_trips_with_cjk_and_emoji() {
    let json = round_trip(&customer());
    // Stored as readable UTF-8, not escaped, so backups stay legible.
    assert!(json.contains("深圳市腾飞科技有限公司 🚀"), "{json}");
    assert!(json.contains("\"birthday\":\"1990-02-28\""), "{json}");
    assert!(json.contains("\"size\":\"large\""), "{json}");
    assert!(json.contains("\"value_class\":\"A\""), "{json}");
    assert!(json.contains("\"deleted_at\":1772700120000"), "{json}");
    assert!(
        json.contains("\"merged_into\":\"00000000-0000-0000-0000-000000000009\""),
        "{json}"
    );
    assert!(
        json.contains("\"id\":\"00000000-0000-0000-0000-000000000001\""),
        "{json}"
    );
    let json = round_trip(&contact());
    assert!(
        json.contains(
            r#""marketing_opt_out":{"on":"2026-03-01","channel":"message","note":"回复 TD 退订"}"#
        ),
        "{json}"
    );
    // A customer that never opted out is written as before the field existed.
    assert!(!round_trip(&customer()).contains("marketing_opt_out"));
    let json = round_trip(&interaction());
    assert!(json.contains("\"at\":\"2026-03-05T09:30:00\""), "{json}");
    let json = round_trip(&follow_up());
    assert!(json.contains("\"due\":\"2026-03-09\""), "{json}");
    assert!(json.contains("\"time\":\"14:30:00\""), "{json}");
    assert!(json.contains("\"status\":\"done\""), "{json}");
    assert!(
        json.contains(r#""recurrence":{"every":2,"unit":{"weekday":"Mon"},"start":"2026-01-31","occurrence":5}"#),
        "{json}"
    );
    let mut once = follow_up();
    once.recurrence = None;
    // A follow-up that does not repeat is stored as it was before repeats existed.
    assert!(!round_trip(&once).contains("recurrence"));
    let json = round_trip(&opportunity());
    // Money is an integer of minor units, never a float.
    assert!(json.contains("\"amount\":80000050,"), "{json}");
    assert!(json.contains("\"closed_on\":\"2026-03-05\""), "{json}");
    assert!(json.contains("\"stage\":\"won\""), "{json}");
}

/// A service case as a version without cases never wrote it: only the required fields, so
/// every other field must decode from its default.
fn service_case() -> guanxi_core::service::case::ServiceCase {
    serde_json::from_str(
        r#"{"id":"00000000-0000-0000-0000-000000000061","customer_id":"00000000-0000-0000-0000-000000000001","opened_at":"2026-03-02T09:00:00"}"#,
    )
    .unwrap()
}

#[test]
fn any_record_round_trips_with_its_kind_tag() {
    for any in [
        customer().into_any(),
        contact().into_any(),
        interaction().into_any(),
        follow_up().into_any(),
        opportunity().into_any(),
        service_case().into_any(),
        serde_json::from_str::<guanxi_core::service::knowledge::Article>(
            r#"{"id":"00000000-0000-0000-0000-000000000071","title":"冰箱不制冷"}"#,
        )
        .unwrap()
        .into_any(),
        serde_json::from_str::<guanxi_core::marketing::Campaign>(
            r#"{"id":"00000000-0000-0000-0000-000000000081","name":"春季展会","members":[{"customer_id":"00000000-0000-0000-0000-000000000001","added_on":"2026-03-01"}]}"#,
        )
        .unwrap()
        .into_any(),
    ] {
        let json = round_trip(&any);
        let tag = format!(
            "\"kind\":\"{}\"",
            match any.kind() {
                RecordKind::Customer => "customer",
                RecordKind::Contact => "contact",
                RecordKind::Interaction => "interaction",
                RecordKind::FollowUp => "follow_up",
                RecordKind::Opportunity => "opportunity",
                RecordKind::Case => "case",
                RecordKind::Article => "article",
                RecordKind::Campaign => "campaign",
            }
        );
        assert!(json.starts_with(&format!("{{{tag}")), "{json}");
    }
}

#[test]
fn older_customer_json_decodes_with_defaults() {
    let c: Customer =
        serde_json::from_str(r#"{"id":"00000000-0000-0000-0000-000000000001","name":"老客户"}"#)
            .unwrap();
    assert_eq!(c.id, Id::from_u128(1));
    assert_eq!(c.name, "老客户");
    assert_eq!(
        (c.created_at, c.updated_at, c.deleted_at, c.rev),
        (Timestamp(0), Timestamp(0), None, 0)
    );
    assert_eq!(c.kind, CustomerKind::Company);
    assert_eq!(c.size, SizeBand::Unknown);
    assert_eq!(c.lifecycle, Lifecycle::Prospect);
    assert_eq!(c.value_class, ValueClass::C);
    assert!(c.tags.is_empty() && c.phones.is_empty() && c.emails.is_empty());
    assert_eq!((c.birthday, c.archived, c.merged_into), (None, false, None));
    assert_eq!(c.company, "");
}

#[test]
fn older_records_of_other_kinds_decode_with_defaults() {
    let c: Contact = serde_json::from_str(
        r#"{"id":"00000000-0000-0000-0000-000000000002","customer_id":"00000000-0000-0000-0000-000000000001","phones":[{"value":"13800138000"}]}"#,
    )
    .unwrap();
    assert_eq!(c.customer_id, Id::from_u128(1));
    assert_eq!((c.name.as_str(), c.reports_to, c.rev), ("", None, 0));
    assert_eq!(c.phones, vec![Labeled::new(Label::Work, "13800138000")]);

    let i: Interaction = serde_json::from_str(
        r#"{"id":"00000000-0000-0000-0000-000000000004","customer_id":"00000000-0000-0000-0000-000000000001","at":"2026-03-05T09:30:00","attachments":[{"id":"00000000-0000-0000-0000-000000000005"}]}"#,
    )
    .unwrap();
    assert_eq!(
        (i.kind, i.contact_id, i.summary.as_str()),
        (InteractionKind::Call, None, "")
    );
    assert_eq!(i.attachments[0].size, 0);
    assert_eq!(i.attachments[0].name, "");

    let f: FollowUp = serde_json::from_str(
        r#"{"id":"00000000-0000-0000-0000-000000000006","customer_id":"00000000-0000-0000-0000-000000000001","due":"2026-03-09"}"#,
    )
    .unwrap();
    assert_eq!(f.due, NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
    assert_eq!(
        (f.time, f.status, f.result.as_str()),
        (None, FollowUpStatus::Open, "")
    );
    // Written before opportunities existed: no link; before repeats existed: does not repeat.
    assert_eq!((i.opportunity_id, f.opportunity_id), (None, None));
    assert_eq!(f.recurrence, None);

    let o: Opportunity = serde_json::from_str(
        r#"{"id":"00000000-0000-0000-0000-000000000007","customer_id":"00000000-0000-0000-0000-000000000001"}"#,
    )
    .unwrap();
    assert_eq!(
        (o.amount, o.currency.as_str(), o.stage.as_str()),
        (0, "", "")
    );
    assert_eq!((o.probability, o.probability_overridden), (0, false));
    assert!(o.competitors.is_empty() && o.closed_on.is_none() && o.expected_close.is_none());
}

#[test]
fn required_links_are_still_required() {
    // Without its customer a contact would be an orphan; failing loudly beats inventing one.
    assert!(
        serde_json::from_str::<Contact>(r#"{"id":"00000000-0000-0000-0000-000000000002"}"#)
            .is_err()
    );
    assert!(serde_json::from_str::<Opportunity>(
        r#"{"id":"00000000-0000-0000-0000-000000000007","title":"x"}"#
    )
    .is_err());
    assert!(serde_json::from_str::<FollowUp>(
        r#"{"id":"00000000-0000-0000-0000-000000000006","customer_id":"00000000-0000-0000-0000-000000000001"}"#
    )
    .is_err());
}
