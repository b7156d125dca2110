//! Tests of [`crate::io::csv_import`], kept apart because the fixtures are long.

use super::*;
use crate::customers::commands::{blank_contact, blank_customer};
use crate::io::csv_export::{customers_csv, tests_support, with_utf8_bom};
use crate::model::records::AnyRecord;

const NOW: Timestamp = Timestamp(1_772_700_000_000);
const EARLIER: Timestamp = Timestamp(1_700_000_000_000);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
}

fn table(text: &str) -> Table {
    parse_table(text, detect_delimiter(text)).unwrap()
}

fn counter(start: u128) -> impl FnMut() -> Id {
    let mut n = start;
    move || {
        n += 1;
        Id::from_u128(n)
    }
}

fn plan_with(
    text: &str,
    existing: &[Customer],
    contacts: &[Contact],
    policy: DuplicatePolicy,
) -> ImportPlan {
    let t = table(text);
    let mapping = guess_mapping(&t.headers);
    let mut ids = counter(1000);
    plan_import(
        &t,
        &mapping,
        existing,
        contacts,
        policy,
        &mut ids,
        NOW,
        today(),
    )
}

fn plan(text: &str) -> ImportPlan {
    plan_with(text, &[], &[], DuplicatePolicy::Create)
}

fn customers(plan: &ImportPlan) -> Vec<Customer> {
    plan.batch
        .puts
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Customer(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn contacts(plan: &ImportPlan) -> Vec<Contact> {
    plan.batch
        .puts
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Contact(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn outcomes(plan: &ImportPlan) -> Vec<Outcome> {
    plan.rows.iter().map(|r| r.outcome.clone()).collect()
}

fn rejected(problems: Vec<RowProblem>) -> Outcome {
    Outcome::Rejected(problems)
}

fn import(p: ImportProblem) -> RowProblem {
    RowProblem::Import(p)
}

fn stored(n: u128, name: &str, phones: &[&str], emails: &[&str]) -> Customer {
    let mut c = blank_customer(Id::from_u128(n), EARLIER);
    c.name = name.into();
    c.phones = phones
        .iter()
        .map(|p| Labeled::new(Label::Work, *p))
        .collect();
    c.emails = emails
        .iter()
        .map(|e| Labeled::new(Label::Work, *e))
        .collect();
    c
}

fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

/// Decodes as the browser's `TextDecoder(label)` would (BOM removed).
fn browser_decode(bytes: &[u8], encoding: Encoding) -> String {
    let enc = encoding_rs::Encoding::for_label(encoding.label().as_bytes()).unwrap();
    enc.decode_with_bom_removal(bytes).0.into_owned()
}

const CHINESE_CSV: &str = "客户名称,联系人,手机,邮箱,等级,阶段,备注\r\n\
    北京星辰科技有限公司,张伟,138 0013 8000,zw@xingchen.cn,A类,稳定期,\"老客户，年底续约\"\r\n\
    上海云帆贸易,李娜,13900139000,,B,考察期,\r\n";

// --- encoding ------------------------------------------------------------------------------

#[test]
fn encoding_detection() {
    assert_eq!(detect_encoding(b"\xEF\xBB\xBFa,b"), Encoding::Utf8Bom);
    assert_eq!(detect_encoding(b"\xFF\xFEa\0"), Encoding::Utf16Le);
    assert_eq!(detect_encoding(b"\xFE\xFF\0a"), Encoding::Utf16Be);
    assert_eq!(detect_encoding("名称,电话\n".as_bytes()), Encoding::Utf8);
    assert_eq!(detect_encoding(b""), Encoding::Utf8);
    // UTF-16 without a BOM, ASCII and mostly-Chinese (一 is U+4E00: a NUL on the other side).
    assert_eq!(
        detect_encoding(&utf16("name,phone\n", true, false)),
        Encoding::Utf16Le
    );
    assert_eq!(
        detect_encoding(&utf16("name,phone\n", false, false)),
        Encoding::Utf16Be
    );
    let chinese = "客户名称,电话\n第一客户,13800138000\n";
    assert_eq!(
        detect_encoding(&utf16(chinese, true, false)),
        Encoding::Utf16Le
    );
    assert_eq!(
        detect_encoding(&utf16(chinese, false, false)),
        Encoding::Utf16Be
    );
    // A stray NUL in UTF-8 does not make it UTF-16.
    assert_eq!(
        detect_encoding("名称,电话\n张三,\0\n李四,13800138000\n".as_bytes()),
        Encoding::Utf8
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(CHINESE_CSV);
    assert_eq!(detect_encoding(&gbk), Encoding::Gb18030);
    assert_eq!(detect_encoding(b"caf\xE9,x"), Encoding::Gb18030);

    let labels: Vec<&str> = [
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Gb18030,
    ]
    .iter()
    .map(Encoding::label)
    .collect();
    assert_eq!(
        labels,
        ["utf-8", "utf-8", "utf-16le", "utf-16be", "gb18030"]
    );
}

#[test]
fn excel_utf8_with_bom() {
    let bytes = with_utf8_bom(CHINESE_CSV);
    assert_eq!(detect_encoding(&bytes), Encoding::Utf8Bom);
    // Decoded without removing the BOM: parse_table must remove it, or the first header
    // would not be recognised.
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{FEFF}'));
    assert_eq!(detect_delimiter(&text), b',');
    let t = parse_table(&text, b',').unwrap();
    assert_eq!(t.headers[0], "客户名称");
    assert_eq!(guess_mapping(&t.headers)[0], Target::Name);
    let p = plan(&text);
    assert_eq!((p.created, p.rejected), (2, 0));
    let cs = customers(&p);
    assert_eq!(cs[0].name, "北京星辰科技有限公司");
    assert_eq!(cs[0].value_class, ValueClass::A);
    assert_eq!(cs[0].lifecycle, Lifecycle::Maturity);
    assert_eq!(cs[0].notes, "老客户，年底续约");
    assert_eq!(
        cs[0].phones,
        vec![Labeled::new(Label::Mobile, "138 0013 8000")]
    );
    assert_eq!(cs[1].lifecycle, Lifecycle::Development);
    let ct = contacts(&p);
    assert_eq!(ct.len(), 2);
    assert_eq!((ct[0].name.as_str(), ct[0].customer_id), ("张伟", cs[0].id));
}

#[test]
fn gbk_from_chinese_windows_excel() {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(CHINESE_CSV);
    assert!(!unmappable);
    let encoding = detect_encoding(&bytes);
    assert_eq!(encoding, Encoding::Gb18030);
    let text = browser_decode(&bytes, encoding);
    assert_eq!(text, CHINESE_CSV);
    let p = plan(&text);
    let names: Vec<String> = customers(&p).into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["北京星辰科技有限公司", "上海云帆贸易"]);
}

#[test]
fn utf16le_unicode_text_from_excel() {
    // Excel's "Unicode text": UTF-16LE with BOM, tab-separated.
    let text = CHINESE_CSV
        .replace(',', "\t")
        .replace("\"老客户，年底续约\"", "老客户");
    let bytes = utf16(&text, true, true);
    let encoding = detect_encoding(&bytes);
    assert_eq!(encoding, Encoding::Utf16Le);
    let decoded = browser_decode(&bytes, encoding);
    assert_eq!(detect_delimiter(&decoded), b'\t');
    let p = plan(&decoded);
    assert_eq!(p.created, 2);
    assert_eq!(customers(&p)[0].notes, "老客户");
    // Also when the BOM was kept by the decoder.
    let kept = format!("\u{FEFF}{decoded}");
    assert_eq!(table(&kept).headers, table(&decoded).headers);
}

// --- delimiter and table --------------------------------------------------------------------

#[test]
fn delimiter_detection() {
    assert_eq!(detect_delimiter("a;b;c\n1;2;3\n4;5;6\n"), b';');
    assert_eq!(detect_delimiter("a\tb\n1\t2\n"), b'\t');
    assert_eq!(detect_delimiter("a,b\n1,2\n"), b',');
    // Quoted delimiters do not count: each line has one real semicolon, and commas only
    // inside quotes.
    assert_eq!(
        detect_delimiter("名称;地址\n\"甲\";\"北京, 朝阳, 望京\"\n\"乙\";\"上海, 浦东\"\n"),
        b';'
    );
    // Tab-separated with commas in the text.
    assert_eq!(
        detect_delimiter("名称\t地址\t备注\n甲\t北京,朝阳\t好\n乙\t上海\t一,二,三,四\n"),
        b'\t'
    );
    // A stray semicolon in a comma file.
    assert_eq!(
        detect_delimiter("名称,电话,备注\n甲,1,a;b\n乙,2,\n丙,3,\n"),
        b','
    );
    // One column, or nothing: comma.
    assert_eq!(detect_delimiter("名称\n甲\n乙\n"), b',');
    assert_eq!(detect_delimiter(""), b',');
    // A BOM does not disturb it.
    assert_eq!(detect_delimiter("\u{FEFF}a;b\n1;2\n"), b';');
}

#[test]
fn semicolon_and_tab_files_import() {
    let semi = "Name;Email;Phone\nAcme GmbH;info@acme.de;+49 30 1234567\n";
    let p = plan(semi);
    assert_eq!(p.created, 1);
    assert_eq!(customers(&p)[0].emails[0].value, "info@acme.de");
    let tab = "客户\t电话\n星辰\t010-12345678\n";
    let p = plan(tab);
    assert_eq!(customers(&p)[0].phones[0].value, "010-12345678");
}

#[test]
fn quoted_newlines_and_doubled_quotes() {
    let text =
        "名称,备注,电话\n\"甲\",\"第一行\n第二行 \"\"引号\"\"\",010-12345678\n乙,,13800138000\n";
    let t = table(text);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0][1], "第一行\n第二行 \"引号\"");
    // The second row starts on line 4 because the first spans lines 2 and 3.
    assert_eq!(t.lines, [2, 4]);
    assert!(t.ragged.is_empty());
    let p = plan(text);
    assert_eq!(customers(&p)[0].notes, "第一行\n第二行 \"引号\"");
    assert_eq!(p.rows[1].line, 4);
}

#[test]
fn table_trims_headers_and_drops_blank_rows() {
    let t = table("  名称 , 电话 \n\n,\n甲, 1 \n  ,  \n乙,2\n");
    assert_eq!(t.headers, ["名称", "电话"]);
    assert_eq!(t.rows, [vec!["甲", " 1 "], vec!["乙", "2"]]);
    assert_eq!(t.lines, [4, 6]);
}

#[test]
fn ragged_rows_are_reported_and_rejected() {
    let text = "名称,电话,地区\n甲,13800138000,北京\n乙,13900139000\n丙,13700137000,上海,多余\n丁,13600136000,广州,,\n";
    let t = table(text);
    assert_eq!(t.ragged, [3, 4, 5]);
    let p = plan(text);
    assert_eq!(
        outcomes(&p),
        [
            Outcome::Created,
            rejected(vec![import(ImportProblem::Ragged {
                expected: 3,
                found: 2
            })]),
            rejected(vec![import(ImportProblem::Ragged {
                expected: 3,
                found: 4
            })]),
            // Blank padding is harmless.
            Outcome::Created,
        ]
    );
    assert_eq!(p.rows[1].name, "乙");
}

#[test]
fn table_errors() {
    assert_eq!(parse_table("", b','), Err(CsvError::Empty));
    assert_eq!(parse_table("\u{FEFF} \r\n\n", b','), Err(CsvError::Empty));
    assert_eq!(parse_table(",,\n , \n", b','), Err(CsvError::NoHeader));
    let wide = vec!["c"; MAX_COLUMNS + 1].join(",");
    assert_eq!(
        parse_table(&wide, b','),
        Err(CsvError::TooManyColumns(MAX_COLUMNS + 1))
    );
    let ok = vec!["c"; MAX_COLUMNS].join(",");
    assert_eq!(parse_table(&ok, b',').unwrap().headers.len(), MAX_COLUMNS);
    let long_row = format!("a,b\n{wide}\n");
    assert_eq!(
        parse_table(&long_row, b','),
        Err(CsvError::TooManyColumns(MAX_COLUMNS + 1))
    );
    assert_eq!(
        parse_table("名称,备注\n甲,ok\n乙,\"没有结束\n丙,x\n", b','),
        Err(CsvError::Malformed { line: 3 })
    );
    // A quote inside an unquoted field is text, and a closed quote is fine.
    assert!(parse_table("名称,备注\n甲,5\"屏幕\n乙,\"a\"\"b\"\n", b',').is_ok());
    // Only a header: a table without rows.
    let t = parse_table("名称,电话\n", b',').unwrap();
    assert!(t.rows.is_empty());
}

#[test]
fn title_rows_above_the_header_are_skipped() {
    let t = table("2024年客户名单,,\n导出人：李雷,,\n名称,电话,地区\n甲,13800138000,北京\n");
    assert_eq!(t.headers, ["名称", "电话", "地区"]);
    assert_eq!(t.lines, [4]);
    // At most three title rows.
    let t = table("一\n二\n三\n四\n名称,电话\n甲,1\n");
    assert_eq!(t.headers, ["一"]);
    let t = table("一\n二\n三\n名称,电话\n甲,1\n");
    assert_eq!(t.headers, ["名称", "电话"]);
    // A one-column file keeps its header.
    let t = table("客户名称\n甲\n乙\n");
    assert_eq!(t.headers, ["客户名称"]);
    assert_eq!(t.rows.len(), 2);
    // A recognised column name alone on the first line is a header, not a title.
    let t = table("名称,,\n甲,1,2\n");
    assert_eq!(t.headers, ["名称", "", ""]);
    // Data rows are never mistaken for titles after a real header.
    let t = table("名称,电话\n甲,\n乙,13800138000\n");
    assert_eq!(t.headers, ["名称", "电话"]);
    assert_eq!(t.rows.len(), 2);
}

// --- mapping --------------------------------------------------------------------------------

#[test]
fn every_header_synonym() {
    use Target::*;
    let cases: &[(&str, Target)] = &[
        ("客户名称", Name),
        ("客户", Name),
        ("名称", Name),
        ("公司名称", Name),
        ("单位名称", Name),
        ("name", Name),
        ("Customer", Name),
        ("Company Name", Name),
        ("company_name", Name),
        ("联系人", ContactName),
        ("联系人姓名", ContactName),
        ("Contact", ContactName),
        ("Contact Person", ContactName),
        ("职务", ContactTitle),
        ("职位", ContactTitle),
        ("Title", ContactTitle),
        ("Position", ContactTitle),
        ("电话", Phone),
        ("座机", Phone),
        ("固话", Phone),
        ("Phone", Phone),
        ("Tel", Phone),
        ("TEL.", Phone),
        ("Telephone", Phone),
        ("手机", Mobile),
        ("手机号", Mobile),
        ("移动电话", Mobile),
        ("Mobile", Mobile),
        ("Cell", Mobile),
        ("邮箱", Email),
        ("电子邮件", Email),
        ("邮件", Email),
        ("email", Email),
        ("E-mail", Email),
        ("E_Mail", Email),
        ("行业", Industry),
        ("Industry", Industry),
        ("规模", Size),
        ("人数", Size),
        ("Size", Size),
        ("Employees", Size),
        ("地区", Region),
        ("区域", Region),
        ("城市", Region),
        ("省份", Region),
        ("Region", Region),
        ("City", Region),
        ("Area", Region),
        ("来源", Source),
        ("渠道", Source),
        ("Source", Source),
        ("Channel", Source),
        ("Lead Source", Source),
        ("标签", Tags),
        ("Tags", Tags),
        ("生命周期", Lifecycle),
        ("阶段", Lifecycle),
        ("Stage", Lifecycle),
        ("Lifecycle", Lifecycle),
        ("等级", ValueClass),
        ("价值等级", ValueClass),
        ("客户等级", ValueClass),
        ("Class", ValueClass),
        ("Grade", ValueClass),
        ("Tier", ValueClass),
        ("Value class", ValueClass),
        ("负责人", Owner),
        ("销售", Owner),
        ("业务员", Owner),
        ("Owner", Owner),
        ("Sales Rep", Owner),
        ("Account Manager", Owner),
        ("地址", Address),
        ("Address", Address),
        ("生日", Birthday),
        ("Birthday", Birthday),
        ("DOB", Birthday),
        ("备注", Notes),
        ("说明", Notes),
        ("Notes", Notes),
        ("Remark", Notes),
        ("Comments", Notes),
        ("客户类型", Kind),
        ("类型", Kind),
        ("Type", Kind),
        ("联系人电话", ContactPhone),
        ("Contact phone", ContactPhone),
        ("联系人邮箱", ContactEmail),
        ("Contact email", ContactEmail),
        // Blanks, case, width, punctuation and parenthesised notes are ignored.
        ("  ＮＡＭＥ ", Name),
        ("*客户名称", Name),
        ("电话（必填）", Phone),
        ("Size (employees)", Size),
        ("邮箱:", Email),
        ("不认识的列", Ignore),
        ("", Ignore),
    ];
    for &(header, want) in cases {
        // Next to a name column, so company synonyms are not promoted and nothing collides.
        let headers = vec![header.to_string()];
        let got = guess_mapping(&headers)[0];
        assert_eq!(got, want, "{header:?}");
    }
}

#[test]
fn company_synonyms_and_promotion() {
    let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for company in ["公司", "单位", "Company", "Organization", "ORG"] {
        // With a name column: company.
        assert_eq!(
            guess_mapping(&h(&["名称", company])),
            [Target::Name, Target::Company],
            "{company}"
        );
        // Without one: it names the customer.
        assert_eq!(
            guess_mapping(&h(&[company, "电话"])),
            [Target::Name, Target::Phone],
            "{company}"
        );
    }
    // Only the first company column is promoted; the second is the company.
    assert_eq!(
        guess_mapping(&h(&["公司", "单位"])),
        [Target::Name, Target::Company]
    );
    // Each single-valued target once, first wins; list targets (phones) take every column.
    assert_eq!(
        guess_mapping(&h(&["电话", "座机", "客户", "名称", "手机"])),
        [
            Target::Phone,
            Target::Phone,
            Target::Name,
            Target::Ignore,
            Target::Mobile
        ]
    );
    assert_eq!(Target::ALL.len(), 25);
    let json = serde_json::to_string(&Target::ContactEmail).unwrap();
    assert_eq!(json, "\"contact_email\"");
}

// --- contact exports ------------------------------------------------------------------------

/// Google Contacts' "Google CSV" export (the header row as Google writes it, trimmed to the
/// columns that carry data here).
#[test]
fn google_contacts_csv_keeps_name_company_every_phone_and_email() {
    let text = "Name,Given Name,Additional Name,Family Name,Birthday,Notes,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\n\
        ,Ada,,Lovelace,1990-07-04,Met at the fair,* Work,ada@example.com,Mobile,+44 20 7946 0000,Work,+44 20 7946 0001,,Analytical Engines Ltd,Countess\n";
    let t = table(text);
    assert_eq!(
        guess_mapping(&t.headers),
        [
            Target::Name,
            Target::GivenName,
            Target::GivenName,
            Target::FamilyName,
            Target::Birthday,
            Target::Notes,
            Target::Ignore,
            Target::Email,
            Target::Ignore,
            Target::Phone,
            Target::Ignore,
            Target::Phone,
            Target::Ignore,
            Target::Company,
            // A job title without a contact person to hold it is left for the user to map.
            Target::Ignore,
        ]
    );
    let p = plan(text);
    assert_eq!(p.created, 1, "{:?}", p.rows);
    let c = &customers(&p)[0];
    // The blank Name cell falls back to the given and family names.
    assert_eq!(c.name, "Ada Lovelace");
    assert_eq!(c.kind, CustomerKind::Person);
    assert_eq!(c.company, "Analytical Engines Ltd");
    let phones: Vec<&str> = c.phones.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(phones, ["+44 20 7946 0000", "+44 20 7946 0001"]);
    assert_eq!(c.emails[0].value, "ada@example.com");
    assert_eq!(c.birthday, NaiveDate::from_ymd_opt(1990, 7, 4));
    assert_eq!(c.notes, "Met at the fair");
}

/// Outlook's "Comma Separated Values" export: first, middle and last name, US dates, and a
/// `Title` that is the honorific (Mr., Ms.), not the job.
#[test]
fn outlook_csv_joins_the_name_and_reads_us_dates() {
    let text = "First Name,Middle Name,Last Name,Title,Suffix,Company,Department,Job Title,Business Phone,Mobile Phone,E-mail Address,Birthday,Notes\n\
        John,Q,Smith,Mr.,,Contoso Ltd,Sales,Sales Manager,(425) 555-0100,(425) 555-0199,john@contoso.example,5/1/1990,Trade fair\n";
    let p = plan(text);
    assert_eq!(p.created, 1, "{:?}", p.rows);
    let c = &customers(&p)[0];
    assert_eq!(c.name, "John Q Smith");
    assert_eq!(c.kind, CustomerKind::Person);
    assert_eq!(c.company, "Contoso Ltd");
    assert_eq!(c.phones.len(), 2);
    assert_eq!(c.phones[1].label, Label::Mobile);
    assert_eq!(c.emails[0].value, "john@contoso.example");
    assert_eq!(c.birthday, NaiveDate::from_ymd_opt(1990, 5, 1));
}

/// The exports as the tools write them, every column included (the e2e test imports the same
/// files through the browser's file input).
#[test]
fn real_google_and_outlook_exports_import_whole() {
    let google = include_str!("../../../../tests/fixtures/csv/google-contacts.csv");
    let p = plan(google);
    assert_eq!((p.created, p.rejected), (1, 0), "{:?}", p.rows);
    let c = &customers(&p)[0];
    assert_eq!(c.name, "Ada Lovelace");
    assert_eq!(c.company, "Analytical Engines Ltd");
    assert_eq!(c.address, "12 St James Sq, London");
    assert_eq!(c.phones.len(), 2);

    let outlook = include_str!("../../../../tests/fixtures/csv/outlook-contacts.csv");
    let p = plan(outlook);
    assert_eq!((p.created, p.rejected), (1, 0), "{:?}", p.rows);
    let c = &customers(&p)[0];
    assert_eq!(c.name, "John Q Smith");
    assert_eq!(c.company, "Contoso Ltd");
    // The home address is blank, so the business address is the one kept.
    assert_eq!(c.address, "One Microsoft Way, Redmond, WA 98052");
    let emails: Vec<&str> = c.emails.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(emails, ["john@contoso.example", "j.smith@example.org"]);
    assert_eq!(c.tags, ["Customers"]);
    assert_eq!(c.birthday, NaiveDate::from_ymd_opt(1990, 5, 1));
}

#[test]
fn a_chinese_split_name_is_family_name_first_without_a_space() {
    let p = plan("姓,名,手机\n张,伟,13800138000\n");
    assert_eq!(customers(&p)[0].name, "张伟");
    // A whole-name column wins over the parts.
    let p = plan("姓名,姓,名\n张伟（销售）,张,伟\n");
    assert_eq!(customers(&p)[0].name, "张伟（销售）");
}

// --- enum cells -----------------------------------------------------------------------------

#[test]
fn enum_cells_in_both_languages() {
    use Lifecycle::*;
    for (s, want) in [
        ("prospect", Prospect),
        ("Development", Development),
        ("growth", Growth),
        ("MATURITY", Maturity),
        ("decline", Decline),
        ("Terminated", Termination),
        ("termination", Termination),
    ] {
        assert_eq!(parse_lifecycle(s), Some(want), "{s:?}");
    }
    // The course's six stages, written in full, without 客户, without 期, or both; and the
    // older labels (考察期 …) that earlier files carry.
    for (stem, old, want) in [
        ("潜在", "潜在客户", Prospect),
        ("开发", "考察期", Development),
        ("成长", "形成期", Growth),
        ("成熟", "稳定期", Maturity),
        ("衰退", "退化期", Decline),
        ("终止", "终止", Termination),
    ] {
        let spellings = [
            format!("客户{stem}期"),
            format!("{stem}客户期"),
            format!("{stem}期"),
            format!("客户{stem}"),
            stem.to_string(),
            format!(" {stem}阶段 "),
            old.to_string(),
        ];
        for s in spellings {
            assert_eq!(parse_lifecycle(&s), Some(want), "{s:?}");
        }
    }
    for s in ["客户", "期", "", "成长中", "growing"] {
        assert_eq!(parse_lifecycle(s), None, "{s:?}");
    }

    for (s, want) in [
        ("A", ValueClass::A),
        ("a", ValueClass::A),
        ("A类", ValueClass::A),
        ("A 类（重要）", ValueClass::A),
        ("Ａ类", ValueClass::A),
        ("b", ValueClass::B),
        ("B级", ValueClass::B),
        ("C (regular)", ValueClass::C),
        ("Class C", ValueClass::C),
    ] {
        assert_eq!(parse_value_class(s), Some(want), "{s:?}");
    }
    for s in ["D", "AB", "类", "优质"] {
        assert_eq!(parse_value_class(s), None, "{s:?}");
    }

    for (s, want) in [
        ("企业", CustomerKind::Company),
        ("公司", CustomerKind::Company),
        ("企业客户", CustomerKind::Company),
        ("company", CustomerKind::Company),
        ("个人", CustomerKind::Person),
        ("个人客户", CustomerKind::Person),
        ("Person", CustomerKind::Person),
    ] {
        assert_eq!(parse_kind(s), Some(want), "{s:?}");
    }
    assert_eq!(parse_kind("政府"), None);

    use SizeBand::*;
    for (s, want) in [
        ("微型", Micro),
        ("小型", Small),
        ("中型", Medium),
        ("大型", Large),
        ("特大型", Enterprise),
        ("中型企业", Medium),
        ("微型（1–9 人）", Micro),
        ("micro", Micro),
        ("Small", Small),
        ("medium", Medium),
        ("LARGE", Large),
        ("enterprise", Enterprise),
        ("未知", Unknown),
        ("unknown", Unknown),
        ("1", Micro),
        ("9", Micro),
        ("10", Small),
        ("49", Small),
        ("50", Medium),
        ("249人", Medium),
        ("250", Large),
        ("999", Large),
        ("1000", Enterprise),
        ("1,200", Enterprise),
        ("1000+", Enterprise),
        ("1000人以上", Enterprise),
        ("50-99人", Medium),
        ("１２０", Medium),
        ("20 employees", Small),
    ] {
        assert_eq!(parse_size(s), Some(want), "{s:?}");
    }
    for s in ["0", "-5", "很多", "12.5", "企业", "1234567890"] {
        assert_eq!(parse_size(s), None, "{s:?}");
    }
}

#[test]
fn unknown_enum_text_rejects_the_row() {
    let p = plan("名称,等级,阶段,类型,规模\n甲,D,成长中,政府,很多\n乙,,,,\n");
    assert_eq!(
        p.rows[0].outcome,
        rejected(
            [
                (Target::ValueClass, "D"),
                (Target::Lifecycle, "成长中"),
                (Target::Kind, "政府"),
                (Target::Size, "很多"),
            ]
            .iter()
            .map(|&(field, value)| import(ImportProblem::UnknownValue {
                field,
                value: value.into()
            }))
            .collect()
        )
    );
    // Long values are cut in the problem (the cell is in the user's file anyway).
    let long = "甲".repeat(80);
    let p2 = plan(&format!("名称,等级\n乙,{long}\n"));
    assert_eq!(
        p2.rows[0].outcome,
        rejected(vec![import(ImportProblem::UnknownValue {
            field: Target::ValueClass,
            value: "甲".repeat(50)
        })])
    );
    // Blank enum cells take the defaults.
    let c = &customers(&p)[0];
    assert_eq!(
        (c.kind, c.size, c.lifecycle, c.value_class),
        (
            CustomerKind::Company,
            SizeBand::Unknown,
            Lifecycle::Prospect,
            ValueClass::C
        )
    );
}

// --- row validation -------------------------------------------------------------------------

#[test]
fn rows_are_validated_by_the_forms() {
    let text = "名称,电话,手机,邮箱,生日,联系人,职务,联系人电话,联系人邮箱\n\
        ,13800138000,,,,,,,\n\
        甲,12345,13800138000,bad@,2090-01-01,,,,\n\
        乙,,,,,,经理,,\n\
        丙,,,,,王五,,,wang@\n\
        丁,\"010-12345678/13800138000\",139 0013 9000; 137-0013-7000,\"a@x.cn, b@y.cn\",1990/5/1,赵六,总监,13600136000;010-87654321,zl@x.cn\n";
    let p = plan(text);
    let o = outcomes(&p);
    assert_eq!(o[0], rejected(vec![import(ImportProblem::MissingName)]));
    assert_eq!(
        o[1],
        rejected(vec![
            RowProblem::Customer(FieldError::new(Field::Phone(0), Problem::InvalidPhone)),
            RowProblem::Customer(FieldError::new(Field::Email(0), Problem::InvalidEmail)),
            RowProblem::Customer(FieldError::new(Field::Birthday, Problem::DateInFuture)),
        ])
    );
    assert_eq!(
        o[2],
        rejected(vec![import(ImportProblem::MissingContactName)])
    );
    assert_eq!(
        o[3],
        rejected(vec![RowProblem::Contact(FieldError::new(
            Field::Email(0),
            Problem::InvalidEmail
        ))])
    );
    assert_eq!(o[4], Outcome::Created);
    assert_eq!((p.created, p.rejected), (1, 4));
    let c = &customers(&p)[0];
    assert_eq!(
        c.phones,
        [
            Labeled::new(Label::Work, "010-12345678"),
            Labeled::new(Label::Work, "13800138000"),
            Labeled::new(Label::Mobile, "139 0013 9000"),
            Labeled::new(Label::Mobile, "137-0013-7000"),
        ]
    );
    assert_eq!(c.emails.len(), 2);
    assert_eq!(c.birthday, NaiveDate::from_ymd_opt(1990, 5, 1));
    let ct = &contacts(&p)[0];
    assert_eq!((ct.name.as_str(), ct.title.as_str()), ("赵六", "总监"));
    assert_eq!(
        ct.phones,
        [
            Labeled::new(Label::Mobile, "13600136000"),
            Labeled::new(Label::Work, "010-87654321"),
        ]
    );
    assert_eq!(ct.emails[0].value, "zl@x.cn");
    // Ids: customer first, then its contact; bookkeeping from `now`.
    assert_eq!(
        (c.id, ct.id, ct.customer_id),
        (Id::from_u128(1001), Id::from_u128(1002), c.id)
    );
    assert_eq!((c.rev, c.created_at, c.updated_at), (1, NOW, NOW));
    assert_eq!((ct.rev, ct.created_at), (1, NOW));
}

fn set_aside(duplicates: DuplicatePolicy) -> ImportOptions {
    ImportOptions::new(duplicates, BadFieldPolicy::SetAside, "导入时未能识别")
}

const BAD_VALUES: &str = "名称,电话,手机,邮箱,生日,等级,备注,联系人,联系人电话\n\
    甲,-5,13800138000,bad@,2090-01-01,D,老客户,王五,12\n\
    ,13800138001,,,,,,,\n\
    乙,010-12345678/x1,,,,,,,\n\
    丙,,,,,,,,13600136000\n";

#[test]
fn set_aside_imports_the_row_and_moves_each_bad_value_into_the_notes() {
    let t = table(BAD_VALUES);
    let mapping = guess_mapping(&t.headers);
    let p = plan_import(
        &t,
        &mapping,
        &[],
        &[],
        set_aside(DuplicatePolicy::Create),
        &mut counter(1000),
        NOW,
        today(),
    );
    assert_eq!((p.created, p.updated, p.skipped, p.rejected), (3, 0, 0, 1));
    let o = outcomes(&p);
    assert_eq!(o[1], rejected(vec![import(ImportProblem::MissingName)]));
    let aside = |field, column: &str, value: &str| SetAside {
        field,
        column: column.into(),
        value: value.into(),
    };
    assert_eq!(
        p.rows[0].set_aside,
        [
            aside(Target::Phone, "电话", "-5"),
            aside(Target::Email, "邮箱", "bad@"),
            aside(Target::Birthday, "生日", "2090-01-01"),
            aside(Target::ValueClass, "等级", "D"),
            aside(Target::ContactPhone, "联系人电话", "12"),
        ]
    );
    assert_eq!(p.rows[2].set_aside, [aside(Target::Phone, "电话", "x1")]);
    assert_eq!(
        p.rows[3].set_aside,
        [aside(Target::ContactPhone, "联系人电话", "13600136000")]
    );
    let cs = customers(&p);
    let jia = &cs[0];
    assert_eq!(jia.name, "甲");
    assert_eq!(jia.phones, [Labeled::new(Label::Mobile, "13800138000")]);
    assert!(jia.emails.is_empty());
    assert_eq!(jia.birthday, None);
    assert_eq!(jia.value_class, ValueClass::C);
    assert_eq!(
        jia.notes,
        "老客户\n导入时未能识别: 电话: -5\n导入时未能识别: 邮箱: bad@\n\
         导入时未能识别: 生日: 2090-01-01\n导入时未能识别: 等级: D\n\
         导入时未能识别: 联系人电话: 12"
    );
    assert_eq!(cs[1].name, "乙");
    assert_eq!(cs[1].phones, [Labeled::new(Label::Work, "010-12345678")]);
    assert_eq!(cs[1].notes, "导入时未能识别: 电话: x1");
    assert_eq!(cs[2].name, "丙");
    assert_eq!(cs[2].notes, "导入时未能识别: 联系人电话: 13600136000");
    // The contact person stays, without the bad number; 丙's orphan number made no contact.
    let ct = contacts(&p);
    assert_eq!(ct.len(), 1);
    assert_eq!((ct[0].name.as_str(), ct[0].customer_id), ("王五", jia.id));
    assert!(ct[0].phones.is_empty());
    // The report names field, column and value.
    let report = report_csv(&p.rows, &Plain);
    let lines: Vec<&str> = report.split("\r\n").collect();
    assert_eq!(
        lines[1],
        "2,甲,created with set-aside values,Phone [电话] -5 | Email [邮箱] bad@ | \
         Birthday [生日] 2090-01-01 | ValueClass [等级] D | ContactPhone [联系人电话] 12"
    );
    assert_eq!(
        lines[3],
        "4,乙,created with set-aside values,Phone [电话] x1"
    );
    // The preview predicts the same.
    let rows = preview(
        &t,
        &mapping,
        &[],
        today(),
        10,
        set_aside(DuplicatePolicy::Skip),
    );
    let created = rows
        .iter()
        .filter(|r| r.outcome == Outcome::Created)
        .count();
    assert_eq!((created, rows[0].set_aside.len()), (3, 5));
}

#[test]
fn reject_row_policy_refuses_rows_with_any_bad_value() {
    let t = table(BAD_VALUES);
    let mapping = guess_mapping(&t.headers);
    let strict = ImportOptions::new(DuplicatePolicy::Create, BadFieldPolicy::RejectRow, "x");
    let p = plan_import(
        &t,
        &mapping,
        &[],
        &[],
        strict.clone(),
        &mut counter(1000),
        NOW,
        today(),
    );
    assert_eq!((p.created, p.rejected), (0, 4));
    assert!(p.batch.puts.is_empty());
    assert_eq!(
        outcomes(&p)[0],
        rejected(vec![
            import(ImportProblem::UnknownValue {
                field: Target::ValueClass,
                value: "D".into()
            }),
            RowProblem::Customer(FieldError::new(Field::Phone(0), Problem::InvalidPhone)),
            RowProblem::Customer(FieldError::new(Field::Email(0), Problem::InvalidEmail)),
            RowProblem::Customer(FieldError::new(Field::Birthday, Problem::DateInFuture)),
            RowProblem::Contact(FieldError::new(Field::Phone(0), Problem::InvalidPhone)),
        ])
    );
    assert_eq!(
        outcomes(&p)[3],
        rejected(vec![import(ImportProblem::MissingContactName)])
    );
    assert!(p.rows.iter().all(|r| r.set_aside.is_empty()));
    let rows = preview(&t, &mapping, &[], today(), 10, strict);
    assert!(rows
        .iter()
        .all(|r| matches!(r.outcome, Outcome::Rejected(_))));
}

#[test]
fn set_aside_keeps_rejecting_rows_without_a_usable_name_or_with_overlong_notes() {
    let long_name = "名".repeat(NAME_MAX + 1);
    let long_notes = "注".repeat(TEXT_MAX);
    let text = format!("名称,电话,备注\n{long_name},-5,\n乙,-5,{long_notes}\n丙,-5,\n");
    let p = plan_import(
        &table(&text),
        &guess_mapping(&table(&text).headers),
        &[],
        &[],
        set_aside(DuplicatePolicy::Create),
        &mut counter(0),
        NOW,
        today(),
    );
    let o = outcomes(&p);
    assert_eq!(
        o[0],
        rejected(vec![
            RowProblem::Customer(FieldError::new(
                Field::Name,
                Problem::TooLong { max: NAME_MAX }
            )),
            RowProblem::Customer(FieldError::new(Field::Phone(0), Problem::InvalidPhone)),
        ])
    );
    // Notes already full: the row is refused for the value, as under RejectRow.
    assert_eq!(
        o[1],
        rejected(vec![RowProblem::Customer(FieldError::new(
            Field::Phone(0),
            Problem::InvalidPhone
        ))])
    );
    assert!(p.rows[1].set_aside.is_empty());
    assert_eq!(p.rows[2].set_aside.len(), 1);
    assert_eq!(o[2], Outcome::Created);
}

#[test]
fn yearless_birthdays_are_kept_without_inventing_a_year() {
    let p = plan("Name,Birthday\n甲,--07-04\n乙,--0229\n丙,1990-05-01\n丁,--13-01\n");
    let cs = customers(&p);
    let md = |month, day| Some(MonthDay { month, day });
    assert_eq!(
        cs.iter()
            .map(|c| (c.birthday, c.birthday_month_day))
            .collect::<Vec<_>>(),
        [
            (None, md(7, 4)),
            (None, md(2, 29)),
            (NaiveDate::from_ymd_opt(1990, 5, 1), None),
        ]
    );
    // Month 13 is no date at all: refused like any bad date.
    assert_eq!(
        outcomes(&p)[3],
        rejected(vec![RowProblem::Customer(FieldError::new(
            Field::Birthday,
            Problem::InvalidDate
        ))])
    );
    // The export writes it back as it came, and it imports again.
    let csv = customers_csv(&cs, true);
    assert!(csv.contains("--07-04"), "{csv}");
    let again = customers(&plan(&csv));
    assert_eq!(again[0].birthday_month_day, md(7, 4));
    // Stored as text, and a record without one is written exactly as before.
    let json = serde_json::to_value(&cs[0]).unwrap();
    assert_eq!(json["birthday_month_day"], "--07-04");
    assert!(serde_json::to_value(&cs[2])
        .unwrap()
        .get("birthday_month_day")
        .is_none());
}

/// 企业微信's member CSV template (the header of its "增量更新成员" / "全量覆盖成员" CSV,
/// as public code that feeds it writes it): every column is recognised or reported.
#[test]
fn wecom_member_template_imports_with_exact_values() {
    let text = include_str!("../../../../tests/fixtures/csv/wecom-members.csv");
    let t = table(text);
    let mapping = guess_mapping(&t.headers);
    use Target::*;
    assert_eq!(
        mapping,
        [
            Name, Ignore, Mobile, Email, Ignore, Ignore, Ignore, Ignore, Ignore, Ignore, Address,
            Phone, Ignore, Ignore
        ]
    );
    let p = plan_import(
        &t,
        &mapping,
        &[],
        &[],
        set_aside(DuplicatePolicy::Create),
        &mut counter(0),
        NOW,
        today(),
    );
    assert_eq!((p.created, p.rejected), (2, 0));
    let cs = customers(&p);
    let z = &cs[0];
    assert_eq!(z.name, "张三");
    assert_eq!(
        z.phones,
        [
            Labeled::new(Label::Work, "020-12345678"),
            Labeled::new(Label::Mobile, "13800138000"),
        ]
    );
    assert_eq!(
        z.emails,
        [Labeled::new(Label::Work, "zhangsan@example.com")]
    );
    assert_eq!(
        (z.address.as_str(), z.notes.as_str()),
        ("广州市海珠区新港中路", "")
    );
    let l = &cs[1];
    assert_eq!(l.name, "李四");
    assert_eq!(l.phones, [Labeled::new(Label::Mobile, "13900139000")]);
    assert!(l.emails.is_empty());
    assert_eq!(
        l.notes,
        "导入时未能识别: 邮箱: lisi@example\n导入时未能识别: 座机: -5"
    );
    let col = |header: &str, values| UnmappedColumn {
        header: header.into(),
        values,
    };
    assert_eq!(
        p.unmapped,
        [
            col("帐号", 2),
            col("所在部门", 2),
            col("职位", 2),
            col("性别", 2),
            col("是否部门内领导", 2),
            col("排序", 2),
            col("别名", 1),
            col("禁用", 2),
        ]
    );
}

#[test]
fn unmapped_columns_with_data_are_counted() {
    let text = "名称,微信,QQ,空列,电话\n甲,wx_jia,12345,,13800138000\n乙,wx_yi,,,\n丙,,,  ,\n";
    let t = table(text);
    let mapping = guess_mapping(&t.headers);
    assert_eq!(
        mapping,
        [
            Target::Name,
            Target::Ignore,
            Target::Ignore,
            Target::Ignore,
            Target::Phone
        ]
    );
    let p = plan_import(
        &t,
        &mapping,
        &[],
        &[],
        DuplicatePolicy::Create,
        &mut counter(0),
        NOW,
        today(),
    );
    let col = |header: &str, values| UnmappedColumn {
        header: header.into(),
        values,
    };
    assert_eq!(p.unmapped, [col("微信", 2), col("QQ", 1)]);
    // A mapping shorter than the table leaves the rest unmapped; the phone column now counts.
    assert_eq!(
        unmapped_columns(&t, &[Target::Name]),
        [col("微信", 2), col("QQ", 1), col("电话", 1)]
    );
}

#[test]
fn missing_name_column_and_short_mappings() {
    let t = table("电话,地区\n13800138000,北京\n");
    let mapping = guess_mapping(&t.headers);
    assert_eq!(mapping, [Target::Phone, Target::Region]);
    let p = plan_import(
        &t,
        &mapping,
        &[],
        &[],
        DuplicatePolicy::Create,
        &mut counter(0),
        NOW,
        today(),
    );
    assert_eq!(
        outcomes(&p),
        [rejected(vec![import(ImportProblem::MissingName)])]
    );
    // A mapping shorter than the row ignores the rest; longer is harmless.
    let t = table("名称,电话\n甲,bad\n");
    let p = plan_import(
        &t,
        &[Target::Name],
        &[],
        &[],
        DuplicatePolicy::Create,
        &mut counter(0),
        NOW,
        today(),
    );
    assert_eq!(p.created, 1);
    let long = [Target::Name, Target::Ignore, Target::Phone, Target::Email];
    let p = plan_import(
        &t,
        &long,
        &[],
        &[],
        DuplicatePolicy::Create,
        &mut counter(0),
        NOW,
        today(),
    );
    assert_eq!(p.created, 1);
}

#[test]
fn apostrophe_guard_is_removed_on_import() {
    let p = plan("名称,电话,备注\n甲,'+86 138 0013 8000,'=1+1\n乙,,'正常\n");
    let cs = customers(&p);
    assert_eq!(cs[0].phones[0].value, "+86 138 0013 8000");
    assert_eq!(cs[0].notes, "=1+1");
    // Only in front of a formula character.
    assert_eq!(cs[1].notes, "'正常");
}

// --- duplicates and policies ------------------------------------------------------------------

fn existing() -> Vec<Customer> {
    let mut a = stored(1, "北京星辰科技", &["010-12345678"], &["info@xingchen.cn"]);
    a.tags = vec!["老客户".into()];
    a.notes = "原备注".into();
    a.region = "北京".into();
    a.value_class = ValueClass::B;
    let b = stored(2, "上海云帆", &["13900139000"], &[]);
    let mut gone = stored(3, "已删除", &["13700137000"], &[]);
    gone.deleted_at = Some(EARLIER);
    vec![a, b, gone]
}

const POLICY_CSV: &str = "名称,电话,邮箱,地区,等级,标签,备注,联系人\n\
    北京星辰科技有限公司,010 1234 5678,sales@xingchen.cn,北京朝阳,A,\"VIP,老客户\",新备注,张伟\n\
    云帆,139-0013-9000,,,,,,\n\
    已删除,13700137000,,,,,,\n\
    全新客户,13600136000,,,,,,\n\
    全新客户有限公司,,,,,,,李四\n";

#[test]
fn policy_create_makes_new_customers_but_not_repeats_in_the_file() {
    let ex = existing();
    let p = plan_with(POLICY_CSV, &ex, &[], DuplicatePolicy::Create);
    assert_eq!(
        outcomes(&p),
        [
            Outcome::Created,
            Outcome::Created,
            Outcome::Created,
            Outcome::Created,
            rejected(vec![import(ImportProblem::DuplicateInFile {
                first_line: 5
            })]),
        ]
    );
    let dups: Vec<Option<Id>> = p.rows.iter().map(|r| r.duplicate_of).collect();
    assert_eq!(
        dups,
        // Matched by name and by phone; a trashed customer never matches.
        [Some(ex[0].id), Some(ex[1].id), None, None, None]
    );
    assert_eq!((p.created, p.updated, p.skipped, p.rejected), (4, 0, 0, 1));
    assert_eq!(customers(&p).len(), 4);
    assert_eq!(contacts(&p).len(), 1);
}

#[test]
fn policy_skip_leaves_stored_customers_alone() {
    let ex = existing();
    let p = plan_with(POLICY_CSV, &ex, &[], DuplicatePolicy::Skip);
    assert_eq!(
        outcomes(&p),
        [
            Outcome::Skipped(ex[0].id),
            Outcome::Skipped(ex[1].id),
            Outcome::Created,
            Outcome::Created,
            rejected(vec![import(ImportProblem::DuplicateInFile {
                first_line: 5
            })]),
        ]
    );
    assert_eq!((p.created, p.updated, p.skipped, p.rejected), (2, 0, 2, 1));
    let names: Vec<String> = customers(&p).into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["已删除", "全新客户"]);
    // The skipped row's contact is not added either.
    assert!(contacts(&p).is_empty());
}

#[test]
fn policy_update_fills_from_non_empty_cells() {
    let ex = existing();
    let mut known = blank_contact(Id::from_u128(50), ex[0].id, EARLIER);
    known.name = "张 伟".into();
    let p = plan_with(POLICY_CSV, &ex, &[known], DuplicatePolicy::Update);
    let created_dup = Id::from_u128(1002);
    assert_eq!(
        outcomes(&p),
        [
            Outcome::Updated(ex[0].id),
            // The same number written differently and no other cells: nothing to change.
            Outcome::Skipped(ex[1].id),
            Outcome::Created,
            Outcome::Created,
            // The repeat merges into the customer the earlier row created, and adds its contact.
            Outcome::Updated(created_dup),
        ]
    );
    assert_eq!((p.created, p.updated, p.skipped, p.rejected), (2, 2, 1, 0));
    let cs = customers(&p);
    let a = cs.iter().find(|c| c.id == ex[0].id).unwrap();
    // Identity and bookkeeping kept; one new revision.
    assert_eq!(a.name, "北京星辰科技");
    assert_eq!((a.created_at, a.rev, a.updated_at), (EARLIER, 2, NOW));
    assert_eq!(a.region, "北京朝阳");
    assert_eq!(a.value_class, ValueClass::A);
    assert_eq!(a.tags, ["老客户", "VIP"]);
    // Same number written differently is not added twice; the new e-mail is.
    assert_eq!(a.phones.len(), 1);
    assert_eq!(
        a.emails
            .iter()
            .map(|e| e.value.as_str())
            .collect::<Vec<_>>(),
        ["info@xingchen.cn", "sales@xingchen.cn"]
    );
    assert_eq!(a.notes, "原备注\n\n新备注");
    // Lifecycle was blank in the file: unchanged.
    assert_eq!(a.lifecycle, ex[0].lifecycle);
    assert!(
        cs.iter().all(|c| c.id != ex[1].id),
        "unchanged, not written"
    );
    // 张伟 already exists (spacing ignored); 李四 is new, on the customer created in the file.
    let ct = contacts(&p);
    assert_eq!(ct.len(), 1);
    assert_eq!(
        (ct[0].name.as_str(), ct[0].customer_id),
        ("李四", created_dup)
    );
}

#[test]
fn a_trashed_contact_does_not_count_as_existing() {
    let ex = existing();
    let mut trashed = blank_contact(Id::from_u128(60), ex[1].id, EARLIER);
    trashed.name = "王五".into();
    trashed.deleted_at = Some(EARLIER);
    let mut other_customer = blank_contact(Id::from_u128(61), ex[0].id, EARLIER);
    other_customer.name = "王五".into();
    let p = plan_with(
        "名称,联系人\n上海云帆,王五\n",
        &ex,
        &[trashed, other_customer],
        DuplicatePolicy::Update,
    );
    assert_eq!(outcomes(&p), [Outcome::Updated(ex[1].id)]);
    let ct = contacts(&p);
    assert_eq!((ct[0].name.as_str(), ct[0].customer_id), ("王五", ex[1].id));
    // Only the contact is new: the customer itself is not rewritten.
    assert_eq!(customers(&p).len(), 0);
}

#[test]
fn update_touches_once_and_skips_no_ops() {
    let ex = existing();
    let text = "名称,地区,备注\n北京星辰科技,上海,\n北京星辰科技,,补充\n北京星辰科技,上海,原备注\n";
    let p = plan_with(text, &ex, &[], DuplicatePolicy::Update);
    assert_eq!(
        outcomes(&p),
        [
            Outcome::Updated(ex[0].id),
            Outcome::Updated(ex[0].id),
            // Nothing new: nothing written.
            Outcome::Skipped(ex[0].id),
        ]
    );
    let cs = customers(&p);
    assert_eq!(cs.len(), 1, "one put per customer");
    assert_eq!((cs[0].rev, cs[0].region.as_str()), (2, "上海"));
    assert_eq!(cs[0].notes, "原备注\n\n补充");

    // A re-import of unchanged data writes nothing.
    let again = plan_with(
        "名称,地区\n北京星辰科技,北京\n",
        &ex,
        &[],
        DuplicatePolicy::Update,
    );
    assert_eq!(outcomes(&again), [Outcome::Skipped(ex[0].id)]);
    assert!(again.batch.is_empty());

    // A record changed in this import matches on what it gained: the second row finds it by
    // the phone the first row added.
    let text = "名称,电话\n北京星辰科技,13500135000\n另一个名字,135 0013 5000\n";
    let p = plan_with(text, &ex, &[], DuplicatePolicy::Update);
    assert_eq!(
        outcomes(&p),
        [Outcome::Updated(ex[0].id), Outcome::Skipped(ex[0].id)]
    );
}

#[test]
fn duplicates_within_the_file_by_phone_and_email() {
    let text = "名称,手机,邮箱\n甲公司,13800138000,\n乙公司,+86 138 0013 8000,\n丙公司,,x@y.cn\n丁公司,,X@Y.CN\n";
    let p = plan(text);
    assert_eq!(
        outcomes(&p),
        [
            Outcome::Created,
            rejected(vec![import(ImportProblem::DuplicateInFile {
                first_line: 2
            })]),
            Outcome::Created,
            rejected(vec![import(ImportProblem::DuplicateInFile {
                first_line: 4
            })]),
        ]
    );
}

// --- round trip -------------------------------------------------------------------------------

#[test]
fn export_then_import_reproduces_customers() {
    for zh in [true, false] {
        let sample = tests_support::sample();
        let live: Vec<&Customer> = sample.iter().filter(|c| c.deleted_at.is_none()).collect();
        let text = customers_csv(&sample, zh);
        let bytes = with_utf8_bom(&text);
        let decoded = browser_decode(&bytes, detect_encoding(&bytes));
        let t = parse_table(&decoded, detect_delimiter(&decoded)).unwrap();
        let mapping = guess_mapping(&t.headers);
        assert_eq!(
            mapping.iter().filter(|m| **m == Target::Ignore).count(),
            1,
            "only the archive column is unmapped: {mapping:?}"
        );
        let p = plan_import(
            &t,
            &mapping,
            &[],
            &[],
            DuplicatePolicy::Create,
            &mut counter(0),
            NOW,
            today(),
        );
        assert_eq!(p.rejected, 0, "{:?}", p.rows);
        let back = customers(&p);
        assert_eq!(back.len(), live.len());
        for (orig, new) in live.iter().zip(&back) {
            assert_eq!(new.name, orig.name);
            assert_eq!(
                (new.kind, new.size, new.lifecycle, new.value_class),
                (orig.kind, orig.size, orig.lifecycle, orig.value_class),
                "{}",
                orig.name
            );
            let values = |v: &[Labeled]| v.iter().map(|l| l.value.clone()).collect::<HashSet<_>>();
            assert_eq!(values(&new.phones), values(&orig.phones));
            // Mobiles stay mobiles; other labels come back as work numbers.
            for p in &orig.phones {
                let label = new
                    .phones
                    .iter()
                    .find(|n| n.value == p.value)
                    .unwrap()
                    .label;
                let want = if p.label == Label::Mobile {
                    Label::Mobile
                } else {
                    Label::Work
                };
                assert_eq!(label, want, "{}", p.value);
            }
            assert_eq!(values(&new.emails), values(&orig.emails));
            assert_eq!(new.tags, orig.tags);
            assert_eq!(
                (
                    &new.company,
                    &new.industry,
                    &new.region,
                    &new.source,
                    &new.owner
                ),
                (
                    &orig.company,
                    &orig.industry,
                    &orig.region,
                    &orig.source,
                    &orig.owner
                )
            );
            assert_eq!((&new.address, new.birthday), (&orig.address, orig.birthday));
            assert_eq!(new.notes, orig.notes);
            assert_eq!(
                new.marketing_opt_out, orig.marketing_opt_out,
                "{}",
                orig.name
            );
        }
        assert!(back.iter().any(|c| c.marketing_opt_out.is_some()));
        // Re-importing over the originals with Update finds every one and changes nothing.
        let p = plan_import(
            &t,
            &mapping,
            &sample,
            &[],
            DuplicatePolicy::Update,
            &mut counter(0),
            NOW,
            today(),
        );
        assert_eq!(p.skipped, live.len(), "{:?}", p.rows);
        assert!(p.batch.is_empty());
    }
}

#[test]
fn exported_enum_labels_parse_back() {
    use crate::io::csv_export::{kind_label, lifecycle_label, size_label, value_class_label};
    for zh in [true, false] {
        for k in [CustomerKind::Company, CustomerKind::Person] {
            assert_eq!(parse_kind(kind_label(k, zh)), Some(k));
        }
        for s in SizeBand::ALL {
            assert_eq!(parse_size(size_label(s, zh)), Some(s));
        }
        for l in Lifecycle::ALL {
            assert_eq!(parse_lifecycle(lifecycle_label(l, zh)), Some(l));
        }
        for c in ValueClass::ALL {
            assert_eq!(parse_value_class(value_class_label(c, zh)), Some(c));
        }
        // Beside a name column, as in an export (a lone company column would name the
        // customer).
        for t in Target::ALL {
            let headers = [Target::Name.label(zh).to_string(), t.label(zh).to_string()];
            let want = if t == Target::Name { Target::Ignore } else { t };
            assert_eq!(guess_mapping(&headers), [Target::Name, want], "{t:?}");
        }
    }
}

// --- preview and report -------------------------------------------------------------------------

#[test]
fn preview_validates_only_the_first_rows() {
    let ex = existing();
    let t = table(POLICY_CSV);
    let mapping = guess_mapping(&t.headers);
    let rows = preview(&t, &mapping, &ex, today(), 2, DuplicatePolicy::Create);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].outcome, Outcome::Created);
    assert_eq!(rows[0].duplicate_of, Some(ex[0].id));
    assert_eq!(rows[1].line, 3);
    let all = preview(&t, &mapping, &ex, today(), 100, DuplicatePolicy::Create);
    assert_eq!(
        all[4].outcome,
        rejected(vec![import(ImportProblem::DuplicateInFile {
            first_line: 5
        })])
    );
    assert!(preview(&t, &mapping, &ex, today(), 0, DuplicatePolicy::Create).is_empty());
}

/// Report words that spell out what they were given, so the tests see the layout alone.
struct Plain;

impl ReportWords for Plain {
    fn headers(&self) -> [String; 4] {
        ["line", "name", "outcome", "reasons"].map(String::from)
    }
    fn outcome(&self, outcome: &Outcome) -> String {
        match outcome {
            Outcome::Created => "created",
            Outcome::Updated(_) => "updated",
            Outcome::Skipped(_) => "skipped",
            Outcome::Rejected(_) => "rejected",
        }
        .into()
    }
    fn reason(&self, reason: &RowProblem) -> String {
        match reason {
            RowProblem::Customer(e) => format!("customer {:?} {:?}", e.field, e.problem),
            RowProblem::Contact(e) => format!("contact {:?} {:?}", e.field, e.problem),
            RowProblem::Import(p) => format!("{p:?}"),
        }
    }
    fn reason_separator(&self) -> &'static str {
        " | "
    }
    fn set_aside_outcome(&self, outcome: &Outcome) -> String {
        format!("{} with set-aside values", self.outcome(outcome))
    }
    fn set_aside(&self, a: &SetAside) -> String {
        format!("{:?} [{}] {}", a.field, a.column, a.value)
    }
}

#[test]
fn report_lists_every_row_with_its_outcome_and_reasons() {
    let ex = existing();
    let text = "名称,等级,电话\n北京星辰科技,A,\n=新客户,,\n,X,12\n云帆,,13900139000\n";
    let p = plan_with(text, &ex, &[], DuplicatePolicy::Skip);
    let report = report_csv(&p.rows, &Plain);
    let lines: Vec<&str> = report.split("\r\n").collect();
    assert_eq!(lines[0], "line,name,outcome,reasons");
    assert_eq!(lines[1], "2,北京星辰科技,skipped,");
    // A name from the file cannot smuggle a formula into the report.
    assert_eq!(lines[2], "3,'=新客户,created,");
    // Every reason of a rejected row, in order, quoted as one cell where CSV needs it.
    assert_eq!(
        lines[3],
        "4,,rejected,\"UnknownValue { field: ValueClass, value: \"\"X\"\" } | MissingName | customer Phone(0) InvalidPhone\""
    );
    assert_eq!(lines[4], "5,云帆,skipped,");
    assert_eq!(lines[5], "");
    assert_eq!(lines.len(), 6);
}

// --- robustness and scale -----------------------------------------------------------------------

/// A small deterministic generator, so a failure can be reproduced.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_input_never_panics() {
    // Bytes biased towards what matters to a CSV parser, plus arbitrary ones.
    let alphabet: &[&[u8]] = &[
        b",",
        b";",
        b"\t",
        b"\"",
        b"\n",
        b"\r",
        b"'",
        b"=",
        b"+",
        b" ",
        b"a",
        b"1",
        b"@",
        b"-",
        "名".as_bytes(),
        "，".as_bytes(),
        "\u{FEFF}".as_bytes(),
        b"\0",
        b"\xFF",
        b"\x81",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let ex = existing();
    for round in 0..400 {
        let len = (rng.next() % 400) as usize;
        let mut bytes = Vec::with_capacity(len);
        while bytes.len() < len {
            let r = rng.next();
            if r % 4 == 0 {
                bytes.push((r >> 8) as u8);
            } else {
                bytes.extend_from_slice(alphabet[(r >> 8) as usize % alphabet.len()]);
            }
        }
        let encoding = detect_encoding(&bytes);
        let text = browser_decode(&bytes, encoding);
        let delimiter = detect_delimiter(&text);
        let Ok(t) = parse_table(&text, delimiter) else {
            continue;
        };
        assert_eq!(t.rows.len(), t.lines.len());
        let mut mapping = guess_mapping(&t.headers);
        assert_eq!(mapping.len(), t.headers.len());
        if round % 2 == 0 {
            // Arbitrary user choices, repeats included.
            mapping = (0..t.headers.len() + 2)
                .map(|_| Target::ALL[rng.next() as usize % Target::ALL.len()])
                .collect();
        }
        for policy in [
            DuplicatePolicy::Create,
            DuplicatePolicy::Update,
            DuplicatePolicy::Skip,
        ] {
            let p = plan_import(
                &t,
                &mapping,
                &ex,
                &[],
                policy,
                &mut counter(1000),
                NOW,
                today(),
            );
            assert_eq!(p.rows.len(), t.rows.len());
            assert_eq!(p.created + p.updated + p.skipped + p.rejected, t.rows.len());
            let _ = report_csv(&p.rows, &Plain);
            // Setting values aside never rejects more rows than the strict import.
            let lenient = plan_import(
                &t,
                &mapping,
                &ex,
                &[],
                set_aside(policy),
                &mut counter(1000),
                NOW,
                today(),
            );
            assert_eq!(lenient.rows.len(), t.rows.len());
            assert!(lenient.rejected <= p.rejected);
            let _ = report_csv(&lenient.rows, &Plain);
        }
        let _ = preview(&t, &mapping, &ex, today(), 5, DuplicatePolicy::Create);
    }
}

#[test]
fn ten_thousand_rows() {
    let mut text = String::from("客户名称,手机,邮箱,地区,等级,阶段,联系人\n");
    for i in 0..10_000u32 {
        text.push_str(&format!(
            "客户{i:05},139{i:08},c{i}@example.com,地区{},{},稳定期,联系人{i}\n",
            i % 30,
            ["A", "B", "C"][i as usize % 3]
        ));
    }
    // A thousand stored customers, every tenth row matching one of them by phone.
    let ex: Vec<Customer> = (0..1000u32)
        .map(|i| {
            stored(
                u128::from(i) + 1,
                &format!("旧客户{i}"),
                &[&format!("139{:08}", i * 10)],
                &[],
            )
        })
        .collect();
    let p = plan_with(&text, &ex, &[], DuplicatePolicy::Update);
    assert_eq!(p.rows.len(), 10_000);
    assert_eq!((p.created, p.updated, p.rejected), (9_000, 1_000, 0));
    assert_eq!(p.batch.puts.len(), 10_000 + 10_000);
    let p = plan_with(&text, &ex, &[], DuplicatePolicy::Create);
    assert_eq!(p.created, 10_000);
}

#[test]
fn a_note_about_the_whole_import_ends_the_report() {
    let mut report = String::from("line,name,outcome,reasons\r\n");
    push_report_note(&mut report, "未导入的列：“微信”（1 个值）, “QQ”（2 个值）");
    assert_eq!(
        report,
        "line,name,outcome,reasons\r\n,,,\"未导入的列：“微信”（1 个值）, “QQ”（2 个值）\"\r\n"
    );
    // A note that looks like a formula is neutralised like every other cell.
    let mut report = String::new();
    push_report_note(&mut report, "=cmd");
    assert_eq!(report, ",,,'=cmd\r\n");
}
