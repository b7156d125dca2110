//! vCard export and import: the round trip, what phones and address books really write, and
//! never panicking on whatever a user picks as a `.vcf` file.

use chrono::NaiveDate;
use guanxi_core::io::vcard::{export_vcards, parse_vcards, VCardContact, VCardError};
use guanxi_core::*;
use proptest::prelude::*;

fn customer(n: u128, name: &str) -> Customer {
    let mut c: Customer =
        serde_json::from_value(serde_json::json!({"id": Id::from_u128(n)})).unwrap();
    c.name = name.into();
    c
}

fn contact(n: u128, customer: u128, name: &str) -> Contact {
    let mut c: Contact = serde_json::from_value(serde_json::json!({
        "id": Id::from_u128(n), "customer_id": Id::from_u128(customer)
    }))
    .unwrap();
    c.name = name.into();
    c
}

fn wang() -> Contact {
    let mut c = contact(11, 1, "王小明");
    c.title = "采购经理".into();
    c.department = "采购部".into();
    c.phones = vec![
        Labeled::new(Label::Mobile, "139 0000 1111"),
        Labeled::new(Label::Work, "010-12345678转123"),
        Labeled::new(Label::Home, "010-87654321"),
        Labeled::new(Label::Fax, "010-12345679"),
        Labeled::new(Label::Other, "400-810-8888"),
    ];
    c.emails = vec![
        Labeled::new(Label::Work, "wangxm@xingchen.example.cn"),
        Labeled::new(Label::Home, "xiaoming@example.com"),
        Labeled::new(Label::Other, "用户@例子.中国"),
    ];
    c.birthday = NaiveDate::from_ymd_opt(1985, 5, 1);
    c.notes = "周一上午不方便, 下午可以; 见面前\\先打电话\n第二行\r\n第三行 🍵".into();
    c
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn export_writes_vcard_4_with_crlf_and_typed_properties() {
    let out = export_vcards(&[wang()], &[customer(1, "北京星辰科技有限公司")]);
    assert!(out.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{out}");
    assert!(out.ends_with("END:VCARD\r\n"));
    assert!(
        !out.replace("\r\n", "").contains('\n'),
        "bare LF in {out:?}"
    );
    for line in [
        "FN:王小明",
        "N:王;小明;;;",
        "ORG:北京星辰科技有限公司;采购部",
        "TITLE:采购经理",
        "TEL;TYPE=cell:139 0000 1111",
        "TEL;TYPE=work:010-12345678转123",
        "TEL;TYPE=home:010-87654321",
        "TEL;TYPE=fax:010-12345679",
        "TEL:400-810-8888",
        "EMAIL;TYPE=work:wangxm@xingchen.example.cn",
        "EMAIL;TYPE=home:xiaoming@example.com",
        "EMAIL:用户@例子.中国",
        "BDAY:19850501",
        "UID:urn:uuid:00000000-0000-0000-0000-00000000000b",
    ] {
        assert!(
            out.contains(&format!("\r\n{line}\r\n")),
            "{line} missing in {out}"
        );
    }
    let note = out.replace("\r\n ", "");
    assert!(
        note.contains(
            "NOTE:周一上午不方便\\, 下午可以\\; 见面前\\\\先打电话\\n第二行\\n第三行 🍵\r\n"
        ),
        "{note}"
    );
}

#[test]
fn export_folds_long_lines_at_75_octets_without_splitting_characters() {
    let mut c = wang();
    c.notes = "很长的备注🙂".repeat(40);
    let out = export_vcards(&[c.clone()], &[]);
    let mut folded = 0;
    for line in out.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        folded += usize::from(line.starts_with(' '));
    }
    assert!(folded > 5);
    assert_eq!(parse_vcards(&out).unwrap()[0].note, c.notes);
}

#[test]
fn export_skips_trashed_contacts_and_contacts_of_trashed_customers() {
    let mut gone_customer = customer(2, "已删除公司");
    gone_customer.deleted_at = Some(Timestamp(5));
    let mut trashed = contact(12, 1, "已删除的人");
    trashed.deleted_at = Some(Timestamp(5));
    let out = export_vcards(
        &[wang(), trashed, contact(13, 2, "公司已删除")],
        &[customer(1, "甲"), gone_customer],
    );
    assert_eq!(out.matches("BEGIN:VCARD").count(), 1);
    assert!(out.contains("FN:王小明"));
    // A contact whose customer is unknown is still exported, just without ORG.
    let orphan = export_vcards(&[contact(14, 99, "孤儿")], &[]);
    assert!(orphan.contains("FN:孤儿") && !orphan.contains("ORG"));
    assert_eq!(export_vcards(&[], &[]), "");
}

#[test]
fn round_trip_preserves_what_a_vcard_can_carry() {
    let mut latin = contact(15, 1, "John Smith");
    latin.emails = vec![Labeled::new(Label::Work, "john@example.com")];
    let out = export_vcards(&[wang(), latin], &[customer(1, "北京星辰, 有限公司; 总部")]);
    let cards = parse_vcards(&out).unwrap();
    let w = wang();
    assert_eq!(
        cards[0],
        VCardContact {
            name: "王小明".into(),
            org: "北京星辰, 有限公司; 总部".into(),
            title: "采购经理".into(),
            phones: w.phones.clone(),
            emails: w.emails.clone(),
            birthday: w.birthday,
            birthday_month_day: None,
            // A CR LF pair is one line break in vCard.
            note: "周一上午不方便, 下午可以; 见面前\\先打电话\n第二行\n第三行 🍵".into(),
            // The export writes the department as ORG's second component.
            department: "采购部".into(),
            ..Default::default()
        }
    );
    assert_eq!(cards[1].name, "John Smith");
    assert!(out.contains("N:Smith;John;;;"));
}

#[test]
fn labels_vcard_cannot_carry_for_email_read_back_as_other() {
    let mut c = contact(16, 1, "李雷");
    c.emails = vec![
        Labeled::new(Label::Mobile, "a@example.com"),
        Labeled::new(Label::Fax, "b@example.com"),
    ];
    let cards = parse_vcards(&export_vcards(&[c], &[])).unwrap();
    assert!(cards[0].emails.iter().all(|e| e.label == Label::Other));
}

#[test]
fn parses_an_apple_export() {
    let cards = parse_vcards(&fixture("apple-3.0.vcf")).unwrap();
    assert_eq!(cards.len(), 2);
    let w = &cards[0];
    assert_eq!(w.name, "王小明");
    assert_eq!(w.org, "北京星辰科技有限公司");
    assert_eq!(w.title, "采购经理");
    assert_eq!(
        w.phones,
        vec![
            Labeled::new(Label::Mobile, "139 0000 1111"),
            Labeled::new(Label::Work, "010-12345678"),
            Labeled::new(Label::Fax, "010-12345679"),
        ]
    );
    assert_eq!(
        w.emails,
        vec![
            Labeled::new(Label::Other, "wangxm@xingchen.example.cn"),
            Labeled::new(Label::Home, "xiaoming@example.com"),
        ]
    );
    assert_eq!(w.birthday, NaiveDate::from_ymd_opt(1985, 5, 1));
    assert_eq!(
        w.note,
        "周一上午不方便\n喜欢喝茶, 尤其是普洱; 不喝咖啡。这一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长，需要折行。"
    );
    let o = &cards[1];
    assert_eq!(o.name, "欧阳娜娜");
    assert_eq!(
        o.phones,
        vec![Labeled::new(Label::Mobile, "+86 137 0000 2222")]
    );
    // Apple's "no year" placeholder is not a birthday in 1604: month and day are kept alone.
    assert_eq!(o.birthday, None);
    assert!(o.birthday_month_day.is_some());
}

#[test]
fn parses_a_google_export() {
    let cards = parse_vcards(&fixture("google-3.0.vcf")).unwrap();
    // The third card has no name at all and is skipped.
    assert_eq!(cards.len(), 2);
    let l = &cards[0];
    assert_eq!((l.name.as_str(), l.org.as_str()), ("李雷", "上海新公司"));
    assert_eq!(l.title, "工程师");
    assert_eq!(
        l.phones,
        vec![
            Labeled::new(Label::Mobile, "+86 139 0000 0000"),
            Labeled::new(Label::Home, "021-87654321"),
            Labeled::new(Label::Other, "400-810-8888"),
        ]
    );
    assert_eq!(
        l.emails,
        vec![
            Labeled::new(Label::Work, "lilei@example.com"),
            Labeled::new(Label::Other, "lei.li@gmail.example"),
        ]
    );
    assert_eq!(l.birthday, NaiveDate::from_ymd_opt(1985, 12, 24));
    assert_eq!(l.note, "第一次见面在展会\n第二次在公司");
    // No FN: the name is built from N, given name first for a Latin name.
    assert_eq!(cards[1].name, "John Smith");
    assert_eq!(
        cards[1].emails,
        vec![Labeled::new(Label::Home, "john@example.com")]
    );
}

#[test]
fn parses_an_android_2_1_export_with_quoted_printable() {
    let text = fixture("android-2.1.vcf");
    assert!(!text.contains('\r'), "this fixture uses LF line endings");
    let cards = parse_vcards(&text).unwrap();
    assert_eq!(cards.len(), 2);
    let h = &cards[0];
    assert_eq!(h.name, "韩梅梅");
    assert_eq!(h.org, "广州贸易公司");
    assert_eq!(
        h.phones,
        vec![
            Labeled::new(Label::Mobile, "13700001111"),
            Labeled::new(Label::Home, "021-87654321"),
            Labeled::new(Label::Fax, "021-87654322"),
        ]
    );
    assert_eq!(h.emails, vec![Labeled::new(Label::Home, "han@example.com")]);
    // Soft line breaks in the middle of a UTF-8 character still decode.
    assert_eq!(
        h.note,
        "喜欢旅行，去过很多地方；下次约在广州塔附近的茶楼见面，记得提前一天确认时间。"
    );
    assert_eq!(h.birthday, NaiveDate::from_ymd_opt(1992, 3, 15));
    // No FN: a Chinese name is family + given without a space.
    assert_eq!(cards[1].name, "张三");
    assert_eq!(cards[1].phones[0].label, Label::Mobile);
}

#[test]
fn parsing_is_case_insensitive_and_tolerant() {
    let text =
        "begin:vcard\nversion:4.0\nfn:赵六\nItem1.tel;Type=\"CELL,VOICE\":tel:+86-138-0013-8000\n\
                email;type=work:mailto:zhao@example.com\nbday:--0501\nend:vcard\n\
                BEGIN:VCARD\nFN:没有结尾\nTEL;VALUE=uri;TYPE=home:tel:010-1234";
    let cards = parse_vcards(text).unwrap();
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0].name, "赵六");
    assert_eq!(
        cards[0].phones,
        vec![Labeled::new(Label::Mobile, "+86-138-0013-8000")]
    );
    assert_eq!(
        cards[0].emails,
        vec![Labeled::new(Label::Work, "zhao@example.com")]
    );
    assert_eq!(cards[0].birthday, None);
    // A file cut off before END:VCARD still yields its last card.
    assert_eq!(cards[1].name, "没有结尾");
    assert_eq!(cards[1].phones, vec![Labeled::new(Label::Home, "010-1234")]);
}

#[test]
fn a_nested_card_does_not_leak_into_its_parent() {
    let text = "BEGIN:VCARD\r\nFN:外层\r\nAGENT:BEGIN:VCARD\r\nBEGIN:VCARD\r\nFN:内层\r\nTEL:1\r\nEND:VCARD\r\nTEL:2\r\nEND:VCARD\r\n";
    let cards = parse_vcards(text).unwrap();
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].name, "外层");
    assert_eq!(cards[0].phones, vec![Labeled::new(Label::Other, "2")]);
}

#[test]
fn errors_only_when_nothing_is_a_vcard() {
    assert_eq!(parse_vcards(""), Err(VCardError::Empty));
    assert_eq!(parse_vcards("\u{feff} \r\n"), Err(VCardError::Empty));
    assert_eq!(parse_vcards("hello"), Err(VCardError::NotVCard));
    assert_eq!(
        parse_vcards("姓名,电话\n张三,13800138000\n"),
        Err(VCardError::NotVCard)
    );
    assert_eq!(
        parse_vcards("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
        Err(VCardError::NotVCard)
    );
    // Cards that are all nameless are a valid file with nothing to import.
    assert_eq!(parse_vcards("BEGIN:VCARD\nTEL:1\nEND:VCARD\n"), Ok(vec![]));
    // A byte-order mark does not hide the first card.
    assert_eq!(
        parse_vcards("\u{feff}BEGIN:VCARD\nFN:甲\nEND:VCARD\n").unwrap()[0].name,
        "甲"
    );
}

proptest! {
    #[test]
    fn random_text_never_panics(text in any::<String>()) {
        let _ = parse_vcards(&text);
    }

    #[test]
    fn vcard_shaped_noise_never_panics(
        lines in prop::collection::vec(
            r#"(item1\.)?(BEGIN|END|FN|N|TEL|EMAIL|BDAY|NOTE|ORG)?[;:=,"\\ a-zA-Z0-9王\-]{0,30}(:VCARD)?=?"#,
            0..30,
        )
    ) {
        let _ = parse_vcards(&lines.join("\r\n"));
        let _ = parse_vcards(&format!("BEGIN:VCARD\n{}", lines.join("\n ")));
    }

    #[test]
    fn exported_names_and_notes_survive(name in "[^\u{0}-\u{1f}\u{7f}-\u{9f}]{1,40}", note in any::<String>()) {
        prop_assume!(!name.trim().is_empty());
        let mut c = contact(1, 1, &name);
        c.notes = note.clone();
        let cards = parse_vcards(&export_vcards(&[c], &[])).unwrap();
        prop_assert_eq!(&cards[0].name, name.trim());
        // Control characters other than tab and line breaks are not allowed in vCard text,
        // and line breaks come back as LF; surrounding blanks are trimmed.
        let expected: String = note
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
            .collect();
        prop_assert_eq!(&cards[0].note, expected.trim());
    }
}
