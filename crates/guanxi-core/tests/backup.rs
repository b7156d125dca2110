//! Backup files: the layout, the checks that refuse bad files, the repairs that save partly
//! damaged ones, and restore planning.

use chrono::{NaiveDate, NaiveTime};
use futures::executor::block_on;
use guanxi_core::activity::recurrence::{Recurrence, RepeatUnit};
use guanxi_core::io::backup::{
    export_backup, plan_restore, read_backup, AttachmentData, BackupData, BackupError, Counts,
    RestoreMode, RestoreSummary, FORMAT_VERSION,
};
use guanxi_core::marketing::campaign::{
    Campaign, CampaignKind, CostLine, Member, MemberSource, Response,
};
use guanxi_core::marketing::greetings::{Holiday, HolidayDate};
use guanxi_core::service::case::{
    CaseChannel, CaseEvent, CaseKind, CasePriority, CaseStatus, CaseTarget, CaseTargets,
    ServiceCase,
};
use guanxi_core::service::knowledge::Article;
use guanxi_core::store::{MemoryStore, Store};
use guanxi_core::*;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

const NOW: Timestamp = Timestamp(1_772_700_000_000);

fn id(n: u128) -> Id {
    Id::from_u128(n)
}

fn customer(n: u128, name: &str, updated: i64) -> Customer {
    let mut c: Customer = serde_json::from_value(serde_json::json!({"id": id(n)})).unwrap();
    c.name = name.into();
    c.created_at = Timestamp(1);
    c.updated_at = Timestamp(updated);
    c
}

fn contact(n: u128, customer: u128, name: &str, updated: i64) -> Contact {
    let mut c: Contact =
        serde_json::from_value(serde_json::json!({"id": id(n), "customer_id": id(customer)}))
            .unwrap();
    c.name = name.into();
    c.updated_at = Timestamp(updated);
    c
}

fn interaction(n: u128, customer: u128, updated: i64) -> Interaction {
    let mut i: Interaction = serde_json::from_value(serde_json::json!({
        "id": id(n), "customer_id": id(customer), "at": "2026-03-01T10:30:00"
    }))
    .unwrap();
    i.updated_at = Timestamp(updated);
    i
}

fn follow_up(n: u128, customer: u128, updated: i64) -> FollowUp {
    let mut f: FollowUp = serde_json::from_value(serde_json::json!({
        "id": id(n), "customer_id": id(customer), "due": "2026-03-10"
    }))
    .unwrap();
    f.updated_at = Timestamp(updated);
    f
}

fn opportunity(n: u128, customer: u128, updated: i64) -> Opportunity {
    let mut o: Opportunity = serde_json::from_value(serde_json::json!({
        "id": id(n), "customer_id": id(customer), "title": "ERP 二期", "amount": 80_000_000,
        "currency": "CNY", "stage": "negotiation", "probability": 80
    }))
    .unwrap();
    o.updated_at = Timestamp(updated);
    o
}

fn attachment(n: u128, interaction: u128, bytes: &[u8]) -> AttachmentData {
    AttachmentData {
        id: id(n),
        interaction_id: id(interaction),
        name: format!("file-{n}.bin"),
        mime: "application/octet-stream".into(),
        size: bytes.len() as u64,
        data: bytes.to_vec(),
    }
}

fn sample() -> BackupData {
    let mut i = interaction(21, 1, 5);
    i.attachments.push(AttachmentRef {
        id: id(31),
        name: "file-31.bin".into(),
        mime: "application/octet-stream".into(),
        size: 3,
    });
    BackupData {
        customers: vec![customer(1, "北京星辰 🌟", 5), customer(2, "陈小红", 5)],
        contacts: vec![contact(11, 1, "王小明", 5)],
        interactions: vec![i],
        follow_ups: vec![follow_up(41, 1, 5)],
        opportunities: vec![opportunity(51, 1, 5)],
        cases: Vec::new(),
        articles: Vec::new(),
        campaigns: Vec::new(),
        attachments: vec![attachment(31, 21, &[0, 255, 7])],
        settings: Settings {
            owners: vec!["张伟".into(), "李娜".into()],
            ..Default::default()
        },
        language: Some("zh-CN".into()),
    }
}

fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file around hand-written `data` JSON with a correct checksum, to test repairs.
fn file_with_data(data: &str) -> String {
    format!(
        r#"{{"format":"guanxi-backup","format_version":1,"app_version":"t","created_at":5,"checksum":"sha256:{}","data":{data}}}"#,
        sha256_hex(data)
    )
}

#[test]
fn export_writes_the_documented_layout_with_a_checksum_of_the_data_text() {
    let data = sample();
    let file = export_backup(&data, "0.1.0", NOW);
    let prefix = r#"{"format":"guanxi-backup","format_version":1,"app_version":"0.1.0","created_at":1772700000000,"checksum":"sha256:"#;
    assert!(file.starts_with(prefix), "{}", &file[..200]);
    let data_start = file.find(r#","data":"#).unwrap() + r#","data":"#.len();
    let data_text = &file[data_start..file.len() - 1];
    assert_eq!(data_text, serde_json::to_string(&data).unwrap());
    let checksum = &file[prefix.len()..prefix.len() + 64];
    assert_eq!(checksum, sha256_hex(data_text));
    // Attachment bytes are a base64 string, not an array of numbers.
    assert!(data_text.contains(r#""data":"AP8H""#), "{data_text}");

    let (info, back) = read_backup(&file).unwrap();
    assert_eq!(back, data);
    assert_eq!(info.format_version, FORMAT_VERSION);
    assert_eq!(info.app_version, "0.1.0");
    assert_eq!(info.created_at, NOW);
    assert_eq!(
        info.counts,
        Counts {
            customers: 2,
            contacts: 1,
            interactions: 1,
            follow_ups: 1,
            opportunities: 1,
            cases: 0,
            articles: 0,
            campaigns: 0,
            attachments: 1
        }
    );
    assert_eq!((info.dropped, info.repaired, info.duplicates), (0, 0, 0));
}

#[test]
fn app_version_is_escaped_into_valid_json() {
    let file = export_backup(&BackupData::default(), "0.1.0 \"beta\"\\x", NOW);
    let (info, data) = read_backup(&file).unwrap();
    assert_eq!(info.app_version, "0.1.0 \"beta\"\\x");
    assert_eq!(data, BackupData::default());
}

#[test]
fn reads_the_v1_fixture() {
    let text = include_str!("fixtures/backup-v1.json");
    let (info, data) = read_backup(text).unwrap();
    assert_eq!(info.format_version, 1);
    assert_eq!(info.app_version, "0.1.0");
    assert_eq!(info.created_at, Timestamp(1_772_700_000_000));
    assert_eq!((info.dropped, info.repaired, info.duplicates), (0, 0, 0));
    let names: Vec<&str> = data.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["北京星辰科技有限公司 🌟", "陈小红"]);
    assert_eq!(data.customers[0].tags, ["重点", "VIP 🚀"]);
    assert_eq!(data.customers[0].notes, "年底前续签合同，\"加急\"\\备注");
    assert_eq!(data.customers[0].lifecycle, Lifecycle::Growth);
    assert_eq!(data.customers[0].value_class, ValueClass::A);
    // Fields the fixture leaves out take their defaults.
    assert_eq!(data.customers[1].kind, CustomerKind::Person);
    assert_eq!(data.customers[1].region, "");
    assert_eq!(
        data.customers[1].birthday,
        NaiveDate::from_ymd_opt(1988, 8, 8)
    );
    assert_eq!(data.contacts[0].name, "王小明");
    assert_eq!(data.contacts[0].phones.len(), 2);
    assert_eq!(data.interactions[0].kind, InteractionKind::Visit);
    assert_eq!(data.interactions[0].attachments[0].name, "拜访纪要.txt");
    let file = &data.attachments[0];
    assert_eq!(file.interaction_id, data.interactions[0].id);
    assert_eq!(
        String::from_utf8(file.data.clone()).unwrap(),
        "拜访纪要：客户很满意 👍\n"
    );
    assert_eq!(file.size, file.data.len() as u64);
    assert_eq!(data.follow_ups[0].time, NaiveTime::from_hms_opt(9, 30, 0));
    assert_eq!(data.follow_ups[0].status, FollowUpStatus::Open);
    assert_eq!(data.settings.owners, ["张伟", "李娜"]);
    assert_eq!(data.language.as_deref(), Some("zh-CN"));
    // Written before opportunities existed: none, and the default pipeline in the settings.
    assert!(data.opportunities.is_empty());
    assert_eq!(info.counts.opportunities, 0);
    assert_eq!(data.settings.stages, default_stages());
    assert_eq!(data.settings.currency, "CNY");
    assert_eq!(data.interactions[0].opportunity_id, None);
}

#[test]
fn refuses_what_is_not_a_backup() {
    assert_eq!(read_backup(""), Err(BackupError::Empty));
    assert_eq!(read_backup(" \n\t"), Err(BackupError::Empty));
    assert_eq!(read_backup("\u{feff}"), Err(BackupError::Empty));
    for text in [
        "[]",
        "{}",
        "42",
        "null",
        r#""guanxi-backup""#,
        r#"{"type":"excalidraw","version":2,"elements":[]}"#,
        r#"{"format":"something-else","format_version":1,"data":{}}"#,
        r#"{"format":42}"#,
    ] {
        assert_eq!(read_backup(text), Err(BackupError::WrongKind), "{text}");
    }
    for text in [
        "hello",
        "{'single': 1}",
        "{\"a\":1}}",
        "名称,电话\n张三,13800138000",
    ] {
        assert_eq!(read_backup(text), Err(BackupError::NotJson), "{text}");
    }
    let csv = "name,phone,email\nZhang San,13800138000,z@example.com\n";
    assert!(matches!(
        read_backup(csv),
        Err(BackupError::NotJson | BackupError::WrongKind)
    ));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let file = format!("\u{feff}{}", export_backup(&sample(), "0.1.0", NOW));
    assert_eq!(read_backup(&file).unwrap().1, sample());
}

#[test]
fn every_truncation_is_reported_as_truncated() {
    let file = export_backup(&sample(), "0.1.0", NOW);
    let bytes = file.as_bytes();
    let mut checked = 0;
    for n in (0..bytes.len()).step_by(97) {
        // A cut may fall inside a UTF-8 character, as a cut download would.
        let text = String::from_utf8_lossy(&bytes[..n]);
        let want = if n == 0 {
            BackupError::Empty
        } else {
            BackupError::Truncated
        };
        assert_eq!(read_backup(&text), Err(want), "cut at {n}");
        checked += 1;
    }
    assert!(checked > 5);
}

#[test]
fn a_changed_byte_in_data_is_a_checksum_mismatch() {
    let file = export_backup(&sample(), "0.1.0", NOW);
    // Still valid JSON, only one letter of a name differs.
    let changed = file.replacen("陈小红", "陈小绿", 1);
    assert_ne!(changed, file);
    assert_eq!(read_backup(&changed), Err(BackupError::ChecksumMismatch));
    // A flipped ASCII byte inside the data.
    let at = file.find("file-31.bin").unwrap();
    let mut bytes = file.clone().into_bytes();
    bytes[at] ^= 0x01;
    let flipped = String::from_utf8(bytes).unwrap();
    assert_eq!(read_backup(&flipped), Err(BackupError::ChecksumMismatch));
    // Reformatting the data (a pretty-printer) also changes the hashed text.
    let data_at = file.find(r#","data":"#).unwrap() + r#","data":"#.len();
    let spaced = format!("{} {}", &file[..data_at + 1], &file[data_at + 1..]);
    assert_eq!(read_backup(&spaced), Err(BackupError::ChecksumMismatch));
}

#[test]
fn the_checksum_must_be_present_and_sha256() {
    let file = export_backup(&sample(), "0.1.0", NOW);
    let start = file.find("\"checksum\"").unwrap();
    let end = file[start..].find(',').unwrap() + start + 1;
    let without = format!("{}{}", &file[..start], &file[end..]);
    assert!(matches!(
        read_backup(&without),
        Err(BackupError::Invalid(_))
    ));
    let md5 = file.replacen("\"sha256:", "\"md5:", 1);
    assert!(matches!(read_backup(&md5), Err(BackupError::Invalid(_))));
    // Upper-case hex is the same checksum.
    let hex_at = file.find("sha256:").unwrap() + 7;
    let upper = format!(
        "{}{}{}",
        &file[..hex_at],
        file[hex_at..hex_at + 64].to_ascii_uppercase(),
        &file[hex_at + 64..]
    );
    assert!(read_backup(&upper).is_ok());
}

#[test]
fn a_newer_format_is_too_new_and_a_bad_version_invalid() {
    let file = export_backup(&sample(), "0.1.0", NOW);
    let newer = file.replacen("\"format_version\":1", "\"format_version\":99", 1);
    assert_eq!(
        read_backup(&newer),
        Err(BackupError::TooNew {
            found: 99,
            supported: 1
        })
    );
    let huge = file.replacen("\"format_version\":1", "\"format_version\":99999999999", 1);
    assert!(matches!(
        read_backup(&huge),
        Err(BackupError::TooNew {
            found: u32::MAX,
            ..
        })
    ));
    for version in ["0", "-1", "1.5", "\"1\"", "null"] {
        let bad = file.replacen(
            "\"format_version\":1",
            &format!("\"format_version\":{version}"),
            1,
        );
        assert!(
            matches!(read_backup(&bad), Err(BackupError::Invalid(_))),
            "{version}"
        );
    }
}

#[test]
fn structurally_wrong_data_is_invalid() {
    for data in [
        "[]",
        "42",
        "\"text\"",
        r#"{"customers":{}}"#,
        r#"{"attachments":5}"#,
    ] {
        assert!(
            matches!(
                read_backup(&file_with_data(data)),
                Err(BackupError::Invalid(_))
            ),
            "{data}"
        );
    }
    let no_data = r#"{"format":"guanxi-backup","format_version":1,"checksum":"sha256:00"}"#;
    assert!(matches!(read_backup(no_data), Err(BackupError::Invalid(_))));
}

#[test]
fn an_empty_data_object_is_an_empty_backup() {
    let (info, data) = read_backup(&file_with_data("{}")).unwrap();
    assert_eq!(data, BackupData::default());
    assert_eq!(info.counts, Counts::default());
    assert_eq!(info.app_version, "t");
}

#[test]
fn unreadable_records_are_dropped_and_counted() {
    let (good, other) = (id(1), id(2));
    let data = format!(
        r#"{{"customers":[
            {{"id":"{good}","name":"好"}},
            {{"id":"not-a-uuid","name":"坏"}},
            {{"name":"没有 id"}},
            "just text",
            {{"id":"{other}","name":"另一个"}}
        ],
        "contacts":[{{"id":"{}","name":"no customer_id"}}],
        "interactions":[{{"id":"{}","customer_id":"{good}","at":"yesterday"}}],
        "follow_ups":[{{"id":"{}","customer_id":"{good}"}}],
        "opportunities":[{{"id":"{}","title":"no customer_id"}},{{"id":"{}","customer_id":"{good}","amount":"lots","stage":"won"}}],
        "attachments":[
            {{"id":"{}","interaction_id":"{}","data":"!!not base64!!"}},
            {{"id":"{}","interaction_id":"{}"}}
        ]}}"#,
        id(11),
        id(21),
        id(41),
        id(51),
        id(52),
        id(31),
        id(21),
        id(32),
        id(21)
    );
    let (info, data) = read_backup(&file_with_data(&data)).unwrap();
    let names: Vec<&str> = data.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["好", "另一个"]);
    assert!(data.contacts.is_empty());
    assert!(data.interactions.is_empty());
    assert!(data.follow_ups.is_empty());
    assert!(data.attachments.is_empty());
    // An opportunity without its customer is dropped; one with a bad amount is repaired.
    assert_eq!(data.opportunities.len(), 1);
    assert_eq!(
        (
            data.opportunities[0].amount,
            data.opportunities[0].stage.as_str()
        ),
        (0, "won")
    );
    assert_eq!(info.repaired, 1);
    assert_eq!(info.dropped, 3 + 1 + 1 + 1 + 1 + 2);
    assert_eq!(info.counts.customers, 2);
}

#[test]
fn bad_fields_are_reset_to_defaults_and_the_record_kept() {
    let data = format!(
        r#"{{"customers":[{{"id":"{}","name":"甲","lifecycle":"reborn","tags":"x","region":"北京","rev":-3}}],
        "follow_ups":[{{"id":"{}","customer_id":"{}","due":"2026-03-10","time":"25:99","purpose":"回访"}}],
        "attachments":[{{"id":"{}","interaction_id":"{}","size":999999,"data":"AQID","name":7}}],
        "settings":{{"owners":"张伟","care_days":{{"a":7}}}},
        "language":42}}"#,
        id(1),
        id(41),
        id(1),
        id(31),
        id(21)
    );
    let (info, data) = read_backup(&file_with_data(&data)).unwrap();
    let c = &data.customers[0];
    assert_eq!((c.name.as_str(), c.region.as_str()), ("甲", "北京"));
    assert_eq!(c.lifecycle, Lifecycle::Prospect);
    assert!(c.tags.is_empty());
    assert_eq!(c.rev, 0);
    let f = &data.follow_ups[0];
    assert_eq!((f.time, f.purpose.as_str()), (None, "回访"));
    // The size is recomputed from the bytes rather than believed.
    let a = &data.attachments[0];
    assert_eq!(
        (a.data.as_slice(), a.size, a.name.as_str()),
        (&[1u8, 2, 3][..], 3, "")
    );
    assert!(data.settings.owners.is_empty());
    assert_eq!(data.settings.care_days.a, 7);
    assert_eq!(data.language, None);
    assert_eq!((info.repaired, info.dropped), (4, 0));
}

#[test]
fn settings_that_are_not_an_object_become_defaults() {
    let (info, data) = read_backup(&file_with_data(r#"{"settings":[1,2]}"#)).unwrap();
    assert_eq!(data.settings, Settings::default());
    assert_eq!(info.repaired, 1);
}

#[test]
fn duplicate_ids_keep_the_newest() {
    let data = BackupData {
        customers: vec![
            customer(1, "旧", 1),
            customer(2, "乙", 1),
            customer(1, "新", 3),
            customer(1, "同时", 3),
        ],
        opportunities: vec![opportunity(51, 1, 1), opportunity(51, 1, 4)],
        attachments: vec![attachment(31, 21, b"first"), attachment(31, 21, b"second")],
        ..Default::default()
    };
    let (info, back) = read_backup(&export_backup(&data, "0.1.0", NOW)).unwrap();
    let names: Vec<&str> = back.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["新", "乙"]);
    assert_eq!(back.attachments.len(), 1);
    assert_eq!(back.attachments[0].data, b"first");
    assert_eq!(back.opportunities.len(), 1);
    assert_eq!(back.opportunities[0].updated_at, Timestamp(4));
    assert_eq!(info.duplicates, 4);
}

#[test]
fn records_whose_customer_is_missing_are_kept() {
    let data = BackupData {
        contacts: vec![contact(11, 99, "孤儿", 1)],
        interactions: vec![interaction(21, 99, 1)],
        follow_ups: vec![follow_up(41, 99, 1)],
        opportunities: vec![opportunity(51, 99, 1)],
        attachments: vec![attachment(31, 98, b"x")],
        ..Default::default()
    };
    let (info, back) = read_backup(&export_backup(&data, "0.1.0", NOW)).unwrap();
    assert_eq!(back, data);
    assert_eq!(info.dropped, 0);
}

// ---------------------------------------------------------------------------------------------
// Restore planning

fn puts(plan: &guanxi_core::io::backup::RestorePlan) -> Vec<(RecordKind, Id)> {
    plan.batch.puts.iter().map(|r| (r.kind(), r.id())).collect()
}

#[test]
fn replace_puts_everything_and_clears_first() {
    let incoming = sample();
    let mut local = BackupData {
        customers: vec![customer(1, "北京星辰 🌟", 5), customer(3, "本地独有", 9)],
        attachments: vec![attachment(31, 21, b""), attachment(32, 21, b"")],
        settings: Settings {
            owners: vec!["本地".into()],
            ..Default::default()
        },
        ..Default::default()
    };
    local.customers[0].notes = "changed locally".into();
    let plan = plan_restore(incoming.clone(), &local, RestoreMode::Replace);
    assert!(plan.replace_all);
    assert_eq!(plan.batch.puts.len(), 6);
    assert!(plan.batch.purges.is_empty());
    assert_eq!(plan.settings, incoming.settings);
    assert_eq!(plan.attachments, incoming.attachments);
    assert_eq!(plan.remove_attachments, vec![id(32)]);
    assert_eq!(
        plan.summary,
        RestoreSummary {
            added: 5,
            updated: 1,
            kept_newer_local: 0,
            unchanged: 0,
            removed: 1
        }
    );
}

#[test]
fn replace_into_an_empty_store_yields_exactly_the_backup() {
    let incoming = sample();
    let plan = plan_restore(
        incoming.clone(),
        &BackupData::default(),
        RestoreMode::Replace,
    );
    assert_eq!(plan.summary.added, 6);
    let store = MemoryStore::new();
    block_on(store.write(plan.batch)).unwrap();
    assert_eq!(stored(&store), records_of(&incoming));
}

#[test]
fn merge_takes_only_strictly_newer_or_missing_records() {
    let local = BackupData {
        customers: vec![
            customer(1, "本地较旧", 5),
            customer(2, "本地较新", 9),
            customer(3, "同时-本地", 7),
            customer(4, "一样", 7),
            customer(6, "本地独有", 7),
        ],
        attachments: vec![attachment(31, 21, b"")],
        settings: Settings {
            owners: vec!["李娜".into(), "王芳".into()],
            care_days: CareDays { a: 1, b: 2, c: 3 },
            attachment_limit_bytes: 42,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut trashed_later = customer(7, "本地已删除", 9);
    trashed_later.deleted_at = Some(Timestamp(9));
    let mut local = local;
    local.customers.push(trashed_later);
    let incoming = BackupData {
        customers: vec![
            customer(1, "备份较新", 8),
            customer(2, "备份较旧", 8),
            customer(3, "同时-备份", 7),
            customer(4, "一样", 7),
            customer(5, "备份独有", 1),
            customer(7, "本地已删除", 4),
        ],
        attachments: vec![attachment(31, 21, b"old"), attachment(33, 21, b"new")],
        settings: Settings {
            owners: vec!["张伟".into(), " 李娜 ".into(), "".into()],
            ..Default::default()
        },
        ..Default::default()
    };
    let plan = plan_restore(incoming, &local, RestoreMode::Merge);
    assert!(!plan.replace_all);
    assert_eq!(
        puts(&plan),
        vec![(RecordKind::Customer, id(1)), (RecordKind::Customer, id(5))]
    );
    assert_eq!(
        plan.summary,
        RestoreSummary {
            added: 1,
            updated: 1,
            kept_newer_local: 3,
            unchanged: 1,
            removed: 0
        }
    );
    assert_eq!(plan.attachments.len(), 1);
    assert_eq!(plan.attachments[0].id, id(33));
    assert!(plan.remove_attachments.is_empty());
    assert_eq!(plan.settings.owners, ["李娜", "王芳", "张伟"]);
    assert_eq!(plan.settings.care_days, CareDays { a: 1, b: 2, c: 3 });
    assert_eq!(plan.settings.attachment_limit_bytes, 42);
}

#[test]
fn merge_covers_every_record_kind() {
    let local = BackupData {
        contacts: vec![contact(11, 1, "旧", 1)],
        interactions: vec![interaction(21, 1, 9)],
        opportunities: vec![opportunity(51, 1, 2), opportunity(52, 1, 9)],
        ..Default::default()
    };
    let incoming = BackupData {
        contacts: vec![contact(11, 1, "新", 2)],
        interactions: vec![interaction(21, 1, 3)],
        follow_ups: vec![follow_up(41, 1, 1)],
        opportunities: vec![
            opportunity(51, 1, 3),
            opportunity(52, 1, 4),
            opportunity(53, 1, 1),
        ],
        ..Default::default()
    };
    let plan = plan_restore(incoming, &local, RestoreMode::Merge);
    assert_eq!(
        puts(&plan),
        vec![
            (RecordKind::Contact, id(11)),
            (RecordKind::FollowUp, id(41)),
            (RecordKind::Opportunity, id(51)),
            (RecordKind::Opportunity, id(53)),
        ]
    );
    assert_eq!((plan.summary.updated, plan.summary.added), (2, 2));
    assert_eq!(plan.summary.kept_newer_local, 2);
}

#[test]
fn merge_brings_the_stages_and_reasons_the_backups_opportunities_need() {
    let mut local_settings = Settings::default();
    local_settings.stages[2].name_zh = "报价".into();
    local_settings.stages[2].probability = 60;
    local_settings.currency = "USD".into();
    local_settings.stale_days = 10;
    let mut incoming_settings = Settings::default();
    let demo = Stage::new("demo-id", "演示", "Demo", 40, StageOutcome::Open);
    let framework = Stage::new(
        "framework-id",
        "框架协议",
        "Framework",
        100,
        StageOutcome::Won,
    );
    incoming_settings.stages.insert(2, demo.clone());
    incoming_settings.stages.push(framework.clone());
    incoming_settings.stages.insert(
        0,
        Stage::new("first-id", "线索", "Lead", 5, StageOutcome::Open),
    );
    incoming_settings
        .close_reasons_lost
        .push(" 交期 Delivery ".into());
    incoming_settings
        .close_reasons_lost
        .push("价格 Price".into());
    let local = BackupData {
        settings: local_settings,
        ..Default::default()
    };
    let incoming = BackupData {
        settings: incoming_settings.clone(),
        ..Default::default()
    };
    let plan = plan_restore(incoming.clone(), &local, RestoreMode::Merge);
    let ids: Vec<&str> = plan.settings.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "first-id",
            "qualification",
            "needs_analysis",
            "demo-id",
            "proposal",
            "negotiation",
            "won",
            "lost",
            "framework-id"
        ]
    );
    // Local stages and preferences are kept as they were.
    assert_eq!(plan.settings.stages[4].name_zh, "报价");
    assert_eq!(plan.settings.stages[4].probability, 60);
    assert_eq!(
        (plan.settings.currency.as_str(), plan.settings.stale_days),
        ("USD", 10)
    );
    assert_eq!(
        plan.settings.close_reasons_lost.last().map(String::as_str),
        Some(" 交期 Delivery ")
    );
    assert_eq!(
        plan.settings.close_reasons_lost.len(),
        default_close_reasons_lost().len() + 1
    );
    // Merging again adds nothing; replacing takes the backup's settings as they are.
    let again = plan_restore(
        incoming.clone(),
        &BackupData {
            settings: plan.settings.clone(),
            ..Default::default()
        },
        RestoreMode::Merge,
    );
    assert_eq!(again.settings, plan.settings);
    let replaced = plan_restore(incoming, &local, RestoreMode::Replace);
    assert_eq!(replaced.settings, incoming_settings);
}

#[test]
fn plan_restore_collapses_duplicates_in_unchecked_input() {
    let incoming = BackupData {
        customers: vec![customer(1, "旧", 1), customer(1, "新", 2)],
        ..Default::default()
    };
    let plan = plan_restore(incoming, &BackupData::default(), RestoreMode::Replace);
    assert_eq!(plan.batch.puts.len(), 1);
    assert!(matches!(&plan.batch.puts[0], AnyRecord::Customer(c) if c.name == "新"));
}

// ---------------------------------------------------------------------------------------------
// Property tests

fn stored(store: &MemoryStore) -> Vec<AnyRecord> {
    block_on(async {
        let mut all: Vec<AnyRecord> = Vec::new();
        all.extend(
            store
                .all::<Customer>()
                .await
                .unwrap()
                .into_iter()
                .map(Record::into_any),
        );
        all.extend(
            store
                .all::<Contact>()
                .await
                .unwrap()
                .into_iter()
                .map(Record::into_any),
        );
        all.extend(
            store
                .all::<Interaction>()
                .await
                .unwrap()
                .into_iter()
                .map(Record::into_any),
        );
        all.extend(
            store
                .all::<FollowUp>()
                .await
                .unwrap()
                .into_iter()
                .map(Record::into_any),
        );
        all.extend(
            store
                .all::<Opportunity>()
                .await
                .unwrap()
                .into_iter()
                .map(Record::into_any),
        );
        all.extend(
            store
                .all::<ServiceCase>()
                .await
                .unwrap()
                .into_iter()
                .map(Record::into_any),
        );
        all.extend(
            store
                .all::<Article>()
                .await
                .unwrap()
                .into_iter()
                .map(Record::into_any),
        );
        all.extend(
            store
                .all::<Campaign>()
                .await
                .unwrap()
                .into_iter()
                .map(Record::into_any),
        );
        all.sort_by_key(|r| (r.kind(), r.id()));
        all
    })
}

fn records_of(data: &BackupData) -> Vec<AnyRecord> {
    let mut all: Vec<AnyRecord> = Vec::new();
    all.extend(data.customers.iter().cloned().map(Record::into_any));
    all.extend(data.contacts.iter().cloned().map(Record::into_any));
    all.extend(data.interactions.iter().cloned().map(Record::into_any));
    all.extend(data.follow_ups.iter().cloned().map(Record::into_any));
    all.extend(data.opportunities.iter().cloned().map(Record::into_any));
    all.extend(data.cases.iter().cloned().map(Record::into_any));
    all.extend(data.articles.iter().cloned().map(Record::into_any));
    all.extend(data.campaigns.iter().cloned().map(Record::into_any));
    all.sort_by_key(|r| (r.kind(), r.id()));
    all
}

/// Text of every kind that has bitten JSON writers: CJK, emoji, quotes and backslashes,
/// control characters, empty, and very long.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        3 => "[a-zA-Z0-9 ,;:\"\\\\/\n\r\t{}\\[\\]]{1,20}",
        3 => "[\u{4e00}-\u{9fa5}]{1,12}",
        2 => "[😀-🙏🚀-🛳]{1,6}",
        2 => any::<String>(),
        1 => (any::<char>(), Just(10_000usize)).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// Raw material from which a whole dataset is built deterministically, so one strategy
/// covers every field without a dozen nested tuples.
#[derive(Debug, Clone)]
struct Entropy {
    texts: Vec<String>,
    numbers: Vec<u64>,
    files: Vec<Vec<u8>>,
    sizes: [usize; 8],
}

fn entropy() -> impl Strategy<Value = Entropy> {
    (
        prop::collection::vec(text(), 24),
        prop::collection::vec(any::<u64>(), 24),
        prop::collection::vec(prop::collection::vec(any::<u8>(), 0..600), 0..=5),
        [
            0usize..4,
            0usize..4,
            0usize..4,
            0usize..4,
            0usize..4,
            0usize..4,
            0usize..4,
            0usize..4,
        ],
    )
        .prop_map(|(texts, numbers, files, sizes)| Entropy {
            texts,
            numbers,
            files,
            sizes,
        })
}

struct Builder<'a> {
    e: &'a Entropy,
    t: usize,
    n: usize,
    next_id: u128,
}

impl Builder<'_> {
    fn text(&mut self) -> String {
        self.t += 1;
        self.e.texts[self.t % self.e.texts.len()].clone()
    }
    fn num(&mut self) -> u64 {
        self.n += 1;
        self.e.numbers[self.n % self.e.numbers.len()]
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[(self.num() % from.len() as u64) as usize]
    }
    fn id(&mut self) -> Id {
        // Unique, but otherwise random-looking.
        self.next_id += 1;
        Id::from_u128(((self.num() as u128) << 64) | self.next_id)
    }
    fn time(&mut self) -> Timestamp {
        Timestamp(self.num() as i64)
    }
    fn date(&mut self) -> NaiveDate {
        NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(self.num() % 73_000)
    }
    fn labeled(&mut self) -> Vec<Labeled> {
        (0..self.num() % 3)
            .map(|_| Labeled::new(self.pick(&Label::ALL), self.text()))
            .collect()
    }
    fn deleted(&mut self) -> Option<Timestamp> {
        (self.num() % 4 == 0).then(|| self.time())
    }
}

fn dataset(e: &Entropy) -> BackupData {
    let mut b = Builder {
        e,
        t: 0,
        n: 0,
        next_id: 0,
    };
    let customers: Vec<Customer> = (0..e.sizes[0])
        .map(|_| Customer {
            id: b.id(),
            created_at: b.time(),
            updated_at: b.time(),
            deleted_at: b.deleted(),
            rev: b.num() as u32,
            name: b.text(),
            kind: b.pick(&[CustomerKind::Company, CustomerKind::Person]),
            company: b.text(),
            industry: b.text(),
            size: b.pick(&SizeBand::ALL),
            region: b.text(),
            source: b.text(),
            tags: vec![b.text(), b.text()],
            lifecycle: b.pick(&Lifecycle::ALL),
            value_class: b.pick(&ValueClass::ALL),
            owner: b.text(),
            phones: b.labeled(),
            emails: b.labeled(),
            address: b.text(),
            birthday: (b.num() % 2 == 0).then(|| b.date()),
            birthday_month_day: None,
            notes: b.text(),
            archived: b.num() % 2 == 0,
            merged_into: (b.num() % 5 == 0).then(|| b.id()),
            lifecycle_history: vec![LifecycleChange {
                on: b.date(),
                from: (b.num() % 2 == 0).then(|| b.pick(&Lifecycle::ALL)),
                to: b.pick(&Lifecycle::ALL),
                reason: b.text(),
            }],
            annual_revenue: (b.num() % 2 == 0).then(|| b.num() as i64),
            gross_margin_percent: (b.num() % 2 == 0).then(|| b.num() as u8),
            referred_by: (b.num() % 3 == 0).then(|| b.id()),
            lifetime_manual: LifetimeManual {
                cross_sell: b.num() as i64,
                cost_savings: 0,
                acquisition_cost: b.num() as i64,
                discounts: 0,
                referral_damage: b.num() as i64,
            },
            marketing_opt_out: (b.num() % 2 == 0).then(|| OptOut {
                on: b.date(),
                channel: OptOutChannel::ALL[(b.num() % 5) as usize],
                note: b.text(),
            }),
        })
        .collect();
    let customer_of = |b: &mut Builder| match customers.len() {
        0 => b.id(),
        n => customers[(b.num() % n as u64) as usize].id,
    };
    let contacts: Vec<Contact> = (0..e.sizes[1])
        .map(|_| Contact {
            id: b.id(),
            created_at: b.time(),
            updated_at: b.time(),
            deleted_at: b.deleted(),
            rev: b.num() as u32,
            customer_id: customer_of(&mut b),
            name: b.text(),
            title: b.text(),
            department: b.text(),
            reports_to: (b.num() % 2 == 0).then(|| b.id()),
            phones: b.labeled(),
            emails: b.labeled(),
            birthday: (b.num() % 2 == 0).then(|| b.date()),
            birthday_month_day: None,
            notes: b.text(),
            marketing_opt_out: (b.num() % 2 == 0).then(|| OptOut {
                on: b.date(),
                channel: OptOutChannel::ALL[(b.num() % 5) as usize],
                note: b.text(),
            }),
        })
        .collect();
    let mut attachments: Vec<AttachmentData> = Vec::new();
    let mut interactions: Vec<Interaction> = (0..e.sizes[2])
        .map(|_| {
            let at = b.date().and_hms_milli_opt(
                (b.num() % 24) as u32,
                (b.num() % 60) as u32,
                (b.num() % 60) as u32,
                (b.num() % 1000) as u32,
            );
            Interaction {
                id: b.id(),
                created_at: b.time(),
                updated_at: b.time(),
                deleted_at: b.deleted(),
                rev: b.num() as u32,
                customer_id: customer_of(&mut b),
                contact_id: (b.num() % 2 == 0).then(|| b.id()),
                at: at.unwrap(),
                kind: b.pick(&InteractionKind::ALL),
                summary: b.text(),
                outcome: b.text(),
                attachments: Vec::new(),
                opportunity_id: (b.num() % 2 == 0).then(|| b.id()),
                competitor_news: b.text(),
                customer_opinion: b.text(),
            }
        })
        .collect();
    for bytes in &e.files {
        let interaction_id = match interactions.len() {
            0 => b.id(),
            n => interactions[(b.num() % n as u64) as usize].id,
        };
        let a = AttachmentData {
            id: b.id(),
            interaction_id,
            name: b.text(),
            mime: b.text(),
            size: bytes.len() as u64,
            data: bytes.clone(),
        };
        if let Some(i) = interactions.iter_mut().find(|i| i.id == interaction_id) {
            i.attachments.push(AttachmentRef {
                id: a.id,
                name: a.name.clone(),
                mime: a.mime.clone(),
                size: a.size,
            });
        }
        attachments.push(a);
    }
    let follow_ups: Vec<FollowUp> = (0..e.sizes[3])
        .map(|_| FollowUp {
            id: b.id(),
            created_at: b.time(),
            updated_at: b.time(),
            deleted_at: b.deleted(),
            rev: b.num() as u32,
            customer_id: customer_of(&mut b),
            contact_id: (b.num() % 2 == 0).then(|| b.id()),
            due: b.date(),
            time: (b.num() % 2 == 0).then(|| {
                NaiveTime::from_hms_opt(
                    (b.num() % 24) as u32,
                    (b.num() % 60) as u32,
                    (b.num() % 60) as u32,
                )
                .unwrap()
            }),
            kind: b.pick(&InteractionKind::ALL),
            purpose: b.text(),
            place: b.text(),
            owner: b.text(),
            status: b.pick(&[
                FollowUpStatus::Open,
                FollowUpStatus::Done,
                FollowUpStatus::Cancelled,
            ]),
            result: b.text(),
            opportunity_id: (b.num() % 2 == 0).then(|| b.id()),
            recurrence: (b.num() % 2 == 0).then(|| Recurrence {
                every: b.num() as u16,
                unit: b.pick(&[
                    RepeatUnit::Days,
                    RepeatUnit::Weeks,
                    RepeatUnit::Months,
                    RepeatUnit::Weekday(chrono::Weekday::Sun),
                ]),
                start: b.date(),
                occurrence: b.num() as u32,
            }),
        })
        .collect();
    let opportunities: Vec<Opportunity> = (0..e.sizes[4])
        .map(|_| Opportunity {
            id: b.id(),
            created_at: b.time(),
            updated_at: b.time(),
            deleted_at: b.deleted(),
            rev: b.num() as u32,
            customer_id: customer_of(&mut b),
            title: b.text(),
            amount: b.num() as i64,
            currency: b.text(),
            stage: b.text(),
            probability: b.num() as u8,
            probability_overridden: b.num() % 2 == 0,
            expected_close: (b.num() % 2 == 0).then(|| b.date()),
            owner: b.text(),
            source: b.text(),
            competitors: vec![b.text()],
            next_step: b.text(),
            close_reason: b.text(),
            closed_on: (b.num() % 2 == 0).then(|| b.date()),
            notes: b.text(),
            campaign_id: (b.num() % 2 == 0).then(|| b.id()),
            collections: vec![Collection {
                on: b.date(),
                amount: b.num() as i64,
            }],
        })
        .collect();
    let cases: Vec<ServiceCase> = (0..e.sizes[5])
        .map(|_| {
            let at = |b: &mut Builder| b.date().and_hms_opt((b.num() % 24) as u32, 0, 0).unwrap();
            ServiceCase {
                id: b.id(),
                created_at: b.time(),
                updated_at: b.time(),
                deleted_at: b.deleted(),
                rev: b.num() as u32,
                customer_id: customer_of(&mut b),
                contact_id: (b.num() % 2 == 0).then(|| b.id()),
                kind: b.text(),
                channel: b.pick(&CaseChannel::ALL),
                priority: b.pick(&CasePriority::ALL),
                subject: b.text(),
                description: b.text(),
                status: b.pick(&CaseStatus::ALL),
                owner: b.text(),
                opened_at: at(&mut b),
                first_response_at: (b.num() % 2 == 0).then(|| at(&mut b)),
                resolved_at: (b.num() % 2 == 0).then(|| at(&mut b)),
                closed_at: (b.num() % 2 == 0).then(|| at(&mut b)),
                resolution: b.text(),
                satisfaction: (b.num() % 2 == 0).then(|| (b.num() % 5 + 1) as u8),
                reopened: (b.num() % 3) as u32,
                article_id: (b.num() % 2 == 0).then(|| b.id()),
                history: vec![CaseEvent {
                    at: at(&mut b),
                    status: b.pick(&CaseStatus::ALL),
                    reopened: b.num() % 2 == 0,
                    note: b.text(),
                }],
            }
        })
        .collect();
    let articles: Vec<Article> = (0..e.sizes[6])
        .map(|_| Article {
            id: b.id(),
            created_at: b.time(),
            updated_at: b.time(),
            deleted_at: b.deleted(),
            rev: b.num() as u32,
            title: b.text(),
            body: b.text(),
            tags: vec![b.text()],
        })
        .collect();
    let campaigns: Vec<Campaign> = (0..e.sizes[7])
        .map(|_| Campaign {
            id: b.id(),
            created_at: b.time(),
            updated_at: b.time(),
            deleted_at: b.deleted(),
            rev: b.num() as u32,
            name: b.text(),
            kind: b.pick(&CampaignKind::ALL),
            starts: (b.num() % 2 == 0).then(|| b.date()),
            ends: (b.num() % 2 == 0).then(|| b.date()),
            budget: b.num() as i64,
            costs: vec![CostLine {
                id: b.id(),
                label: b.text(),
                amount: b.num() as i64,
                on: (b.num() % 2 == 0).then(|| b.date()),
            }],
            segment: (b.num() % 2 == 0).then(|| b.id()),
            owner: b.text(),
            notes: b.text(),
            members: vec![Member {
                customer_id: b.id(),
                contact_id: (b.num() % 2 == 0).then(|| b.id()),
                source: b.pick(&[
                    MemberSource::Segment,
                    MemberSource::LeadList,
                    MemberSource::Hand,
                ]),
                added_on: b.date(),
                response: b.pick(&Response::ALL),
                response_on: (b.num() % 2 == 0).then(|| b.date()),
            }],
        })
        .collect();
    BackupData {
        customers,
        contacts,
        interactions,
        follow_ups,
        opportunities,
        cases,
        articles,
        campaigns,
        attachments,
        settings: Settings {
            owners: vec![b.text(), b.text()],
            care_days: CareDays {
                a: b.num() as u32,
                b: b.num() as u32,
                c: b.num() as u32,
            },
            attachment_limit_bytes: b.num(),
            currency: b.text(),
            stages: vec![
                Stage::new(
                    b.text(),
                    b.text(),
                    b.text(),
                    b.num() as u8,
                    StageOutcome::Open,
                ),
                Stage::new(
                    b.text(),
                    b.text(),
                    b.text(),
                    b.num() as u8,
                    StageOutcome::Won,
                ),
            ],
            close_reasons_won: vec![b.text()],
            close_reasons_lost: vec![b.text(), b.text()],
            stale_days: b.num() as u32,
            churn_reasons: vec![b.text()],
            gross_margin_percent: (b.num() % 2 == 0).then(|| b.num() as u8),
            segments: vec![Segment {
                id: b.id(),
                name: b.text(),
                query: b.text(),
            }],
            collection_targets: vec![OwnerTarget {
                owner: b.text(),
                monthly: b.num() as i64,
            }],
            case_kinds: vec![CaseKind {
                id: b.text(),
                name_zh: b.text(),
                name_en: b.text(),
                complaint: b.num() % 2 == 0,
            }],
            case_targets: CaseTargets(vec![CaseTarget {
                priority: b.pick(&CasePriority::ALL),
                respond_hours: b.num() as u32,
                resolve_hours: b.num() as u32,
            }]),
            holidays: vec![
                Holiday {
                    id: b.text(),
                    name_zh: b.text(),
                    name_en: b.text(),
                    date: HolidayDate::PerYear {
                        dates: vec![b.date(), b.date()],
                    },
                },
                Holiday {
                    id: b.text(),
                    name_zh: b.text(),
                    name_en: b.text(),
                    date: HolidayDate::Fixed {
                        on: MonthDay { month: 2, day: 29 },
                    },
                },
            ],
        },
        language: (b.num() % 2 == 0).then(|| b.text()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn export_then_read_is_identity(e in entropy(), now in any::<i64>()) {
        let data = dataset(&e);
        let file = export_backup(&data, "0.1.0", Timestamp(now));
        let (info, back) = read_backup(&file).unwrap();
        prop_assert_eq!(&back, &data);
        prop_assert_eq!(info.created_at, Timestamp(now));
        prop_assert_eq!(info.counts, Counts::of(&data));
        prop_assert_eq!((info.dropped, info.repaired, info.duplicates), (0, 0, 0));
    }

    #[test]
    fn replace_into_empty_store_yields_exactly_the_records(e in entropy()) {
        let data = dataset(&e);
        let plan = plan_restore(data.clone(), &BackupData::default(), RestoreMode::Replace);
        prop_assert_eq!(&plan.attachments, &data.attachments);
        prop_assert_eq!(&plan.settings, &data.settings);
        let store = MemoryStore::new();
        block_on(store.write(plan.batch)).unwrap();
        prop_assert_eq!(stored(&store), records_of(&data));
    }

    #[test]
    fn merge_onto_itself_changes_nothing(e in entropy()) {
        let data = dataset(&e);
        let plan = plan_restore(data.clone(), &data, RestoreMode::Merge);
        prop_assert!(plan.batch.is_empty());
        prop_assert!(plan.attachments.is_empty());
        prop_assert_eq!(plan.summary.unchanged, records_of(&data).len());
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_backup(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_json_never_panics(text in r#"[\[\]{}",:0-9a-z .\-]{0,80}"#) {
        let _ = read_backup(&text);
        let _ = read_backup(&format!(r#"{{"format":"guanxi-backup","format_version":1,{text}"#));
    }

    #[test]
    fn damaged_files_never_panic(at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let file = export_backup(&sample(), "0.1.0", NOW);
        let mut bytes = file.into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let _ = read_backup(&String::from_utf8_lossy(&bytes));
    }
}
