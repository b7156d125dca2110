//! The texts' placeholders, checked against each other and against every call in the app that
//! fills them, so a renamed `{name}` cannot leave a raw placeholder on screen.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::{Lang, ALL, K};

/// The `{name}` placeholders in a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        let name = &rest[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            found.insert(name.to_string());
        }
        rest = &rest[close + 1..];
    }
    found
}

fn key_named(name: &str) -> Option<K> {
    ALL.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
}

/// One `fmt(K::Key, &[("a", …), ("b", …)])` call in the app's source.
#[derive(Debug)]
struct Call {
    place: String,
    key: String,
    names: BTreeSet<String>,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names of the tuples at the top level of a `&[…]` argument list: `("n", x), ("m", y)`.
fn tuple_names(args: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let bytes = args.as_bytes();
    let mut depth = 0i32;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' => {
                if depth == 0 && bytes[i] == b'(' && args[i + 1..].trim_start().starts_with('"') {
                    let after = args[i + 1..].trim_start();
                    if let Some(end) = after[1..].find('"') {
                        names.insert(after[1..1 + end].to_string());
                    }
                }
                depth += 1;
            }
            b')' | b']' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    names
}

/// Every call that fills a literal key's placeholders, in the files under `dir`.
fn calls_in(dir: &Path) -> (Vec<Call>, usize) {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    let mut calls = Vec::new();
    let mut indirect = 0;
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        let mut from = 0;
        while let Some(at) = text[from..].find("fmt(") {
            let start = from + at + "fmt(".len();
            from = start;
            let rest = text[start..].trim_start();
            let Some(after_k) = rest.strip_prefix("K::") else {
                if !rest.starts_with("&self") && !rest.starts_with("f:") {
                    indirect += 1;
                }
                continue;
            };
            let key: String = after_k
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let rest = after_k[key.len()..].trim_start();
            let Some(rest) = rest.strip_prefix(',') else {
                continue;
            };
            let Some(rest) = rest.trim_start().strip_prefix("&[") else {
                continue;
            };
            // The argument list ends at the `]` that closes `&[`.
            let mut depth = 1;
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                match c {
                    '[' | '(' => depth += 1,
                    ']' | ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let line = text[..start].lines().count();
            calls.push(Call {
                place: format!("{}:{line}", file.display()),
                key,
                names: tuple_names(&rest[..end]),
            });
        }
    }
    (calls, indirect)
}

#[test]
fn both_languages_have_the_same_placeholders() {
    let mut wrong = Vec::new();
    for (key, name) in ALL {
        let (zh, en) = (key.text(Lang::ZhCn), key.text(Lang::En));
        if placeholders(zh) != placeholders(en) {
            wrong.push(format!("{name}: {zh:?} / {en:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "placeholders differ:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_call_fills_exactly_the_placeholders_of_its_text() {
    // The app's views, and this crate's own words for the domain.
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut calls = calls_in(&here.join("../../src")).0;
    let own = calls_in(&here.join("src")).0;
    calls.extend(own.into_iter().filter(|c| !c.place.contains("tests.rs")));
    // The app fills placeholders in dozens of places; finding none means the scan is broken.
    assert!(calls.len() > 50, "only {} calls found", calls.len());
    let mut wrong = Vec::new();
    for call in &calls {
        let Some(key) = key_named(&call.key) else {
            wrong.push(format!("{}: no key {}", call.place, call.key));
            continue;
        };
        for lang in [Lang::ZhCn, Lang::En] {
            let wanted = placeholders(key.text(lang));
            if wanted != call.names {
                wrong.push(format!(
                    "{}: {} in {:?} has {:?}, the call gives {:?}",
                    call.place, call.key, lang, wanted, call.names
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scan_sees_a_misnamed_placeholder() {
    // A call naming `{count}` for a text that says `{n}` must be reported.
    let dir = std::env::temp_dir().join(format!("guanxi-i18n-scan-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("page.rs"),
        "fn f() { i18n.fmt(K::OppCount, &[(\"count\", &n.to_string())]); }",
    )
    .unwrap();
    let (calls, _) = calls_in(&dir);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].key, "OppCount");
    assert_eq!(calls[0].names, BTreeSet::from(["count".to_string()]));
    let wanted = placeholders(K::OppCount.text(Lang::En));
    assert_ne!(wanted, calls[0].names);
}

#[test]
fn placeholders_are_read_from_text() {
    assert_eq!(
        placeholders("{n} of {total} — {not a name} {}"),
        BTreeSet::from(["n".to_string(), "total".to_string()])
    );
}

mod words {
    use guanxi_core::io::csv_import::{
        report_csv, ImportProblem, Outcome, RowProblem, RowResult, SetAside, Target,
    };
    use guanxi_core::model::validate::{Field, FieldError, Problem};
    use guanxi_core::Id;

    use crate::words::{outcome_text, problem_text};
    use crate::Lang;

    fn rows() -> Vec<RowResult> {
        let stored = Id::from_u128(7);
        let row = |line, outcome, name: &str| RowResult {
            line,
            outcome,
            name: name.into(),
            duplicate_of: None,
            set_aside: Vec::new(),
        };
        vec![
            row(2, Outcome::Skipped(stored), "北京星辰科技"),
            row(3, Outcome::Created, "=新客户"),
            row(
                4,
                Outcome::Rejected(vec![
                    RowProblem::Import(ImportProblem::UnknownValue {
                        field: Target::ValueClass,
                        value: "X".into(),
                    }),
                    RowProblem::Import(ImportProblem::MissingName),
                    RowProblem::Customer(FieldError::new(Field::Phone(0), Problem::InvalidPhone)),
                ]),
                "",
            ),
            row(
                5,
                Outcome::Rejected(vec![
                    RowProblem::Contact(FieldError::new(Field::Email(0), Problem::InvalidEmail)),
                    RowProblem::Import(ImportProblem::DuplicateInFile { first_line: 2 }),
                ]),
                "云帆",
            ),
        ]
    }

    #[test]
    fn the_import_report_in_chinese_uses_chinese_punctuation() {
        let report = report_csv(&rows(), &Lang::ZhCn);
        let lines: Vec<&str> = report.split("\r\n").collect();
        assert_eq!(lines[0], "行号,名称,结果,原因");
        assert_eq!(lines[1], "2,北京星辰科技,与已有客户重复，跳过,");
        // A name from the file cannot smuggle a formula into the report.
        assert_eq!(lines[2], "3,'=新客户,新建,");
        assert_eq!(
            lines[3],
            "4,,拒绝,价值等级的值“X”无法识别；缺少名称；电话：电话号码格式不正确"
        );
        assert_eq!(
            lines[4],
            "5,云帆,拒绝,联系人 · 邮箱：邮箱格式不正确；与文件中前面的行重复 (#2)"
        );
    }

    #[test]
    fn the_import_report_in_english() {
        let report = report_csv(&rows(), &Lang::En);
        let lines: Vec<&str> = report.split("\r\n").collect();
        assert_eq!(lines[0], "Line,Name,Outcome,Reasons");
        assert_eq!(
            lines[1],
            "2,北京星辰科技,\"matches an existing customer, skipped\","
        );
        assert_eq!(
            lines[3],
            "4,,rejected,unknown Value class “X”; no name; Phones: Not a valid phone number"
        );
    }

    #[test]
    fn a_set_aside_value_is_named_in_both_languages() {
        let mut row = rows()[1].clone();
        row.set_aside = vec![SetAside {
            field: Target::Phone,
            column: "电话".into(),
            value: "-5".into(),
        }];
        let zh = report_csv(std::slice::from_ref(&row), &Lang::ZhCn);
        assert_eq!(
            zh.split("\r\n").nth(1),
            Some("3,'=新客户,新建（部分值另存到备注）,电话“-5”（列“电话”）已写入备注")
        );
        let en = report_csv(&[row], &Lang::En);
        assert_eq!(
            en.split("\r\n").nth(1),
            Some("3,'=新客户,Created with set-aside values,Phones “-5” (column “电话”) put into the notes")
        );
    }

    #[test]
    fn repeat_rules_in_words() {
        use guanxi_core::activity::recurrence::{Recurrence, RepeatUnit, Weekday};

        use crate::words::recurrence_text;
        // Any date: the words do not depend on it.
        let day = guanxi_core::model::validate::date("2026-03-04")
            .unwrap()
            .unwrap();
        let rule = |every, unit| Recurrence::new(every, unit, day);
        let both = |r: Recurrence| {
            (
                recurrence_text(Lang::ZhCn, &r),
                recurrence_text(Lang::En, &r),
            )
        };
        assert_eq!(
            both(rule(1, RepeatUnit::Days)),
            ("每天".into(), "Daily".into())
        );
        assert_eq!(
            both(rule(3, RepeatUnit::Days)),
            ("每 3 天".into(), "Every 3 days".into())
        );
        assert_eq!(
            both(rule(1, RepeatUnit::Weeks)),
            ("每周".into(), "Weekly".into())
        );
        assert_eq!(
            both(rule(2, RepeatUnit::Weeks)),
            ("每 2 周".into(), "Every 2 weeks".into())
        );
        assert_eq!(
            both(rule(1, RepeatUnit::Months)),
            ("每月".into(), "Monthly".into())
        );
        assert_eq!(
            both(rule(6, RepeatUnit::Months)),
            ("每 6 个月".into(), "Every 6 months".into())
        );
        assert_eq!(
            both(rule(1, RepeatUnit::Weekday(Weekday::Mon))),
            ("每周一".into(), "Every Monday".into())
        );
        assert_eq!(
            both(rule(2, RepeatUnit::Weekday(Weekday::Sun))),
            ("每 2 周的周日".into(), "Every 2 weeks on Sunday".into())
        );
        assert_eq!(
            problem_text(Lang::ZhCn, &Problem::NotInRange { min: 1, max: 24 }),
            "请输入 1 到 24 之间的整数"
        );
    }

    #[test]
    fn a_rejected_row_on_screen_says_why() {
        let outcome = &rows()[2].outcome;
        assert_eq!(
            outcome_text(Lang::En, outcome),
            "rejected: unknown Value class “X”; no name; Phones: Not a valid phone number"
        );
        assert_eq!(
            problem_text(Lang::ZhCn, &Problem::TooLong { max: 200 }),
            "太长（最多 200 个字符）"
        );
    }
}
