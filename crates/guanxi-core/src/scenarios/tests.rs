//! Scenario checks against hand-worked examples, the files' round trips and refusals, the
//! teacher's table, and the shipped scenarios.

use chrono::NaiveDate;

use crate::analysis::fixtures::{customer, deal, id, won};
use crate::io::backup::BackupData;
use crate::model::ids::Timestamp;
use crate::model::records::{FollowUpStatus, ValueClass};
use crate::service::case::CaseStatus;
use crate::service::commands::blank_case;

use super::check::{expected, verdict, ExpectedValue, Formula, RecordRef};
use super::course::{course_scenarios, SCENARIO_APP_VERSION};
use super::file::{read_scenario, write_scenario, Scenario, ScenarioError};
use super::work::{
    read_work, table_csv, tables, write_work, CsvWords, Student, Submitted, WorkError,
};
use super::{Answer, Brief, Condition, CustomerSet, Expects, Figure, Question, Text};

fn number(figure: Figure, tolerance: f64) -> Question {
    Question {
        id: "q".into(),
        prompt: Text::new("问", "Q"),
        expects: Expects::Number { figure, tolerance },
    }
}

/// The course's example: two open deals at 80%, ¥800,000 and ¥240,000; one won and one lost
/// deal that the forecast leaves out.
fn pipeline() -> BackupData {
    let mut data = BackupData {
        customers: vec![customer(1, "2026-01-05"), customer(2, "2026-02-01")],
        ..Default::default()
    };
    let mut a = deal(10, 1, 800_000, "negotiation", "2026-04-01", None);
    a.title = "ERP".into();
    a.owner = "王磊".into();
    let mut b = deal(11, 2, 240_000, "negotiation", "2026-04-02", None);
    b.title = "WMS".into();
    b.owner = "王磊".into();
    data.opportunities = vec![
        a,
        b,
        won(12, 1, 500_000, "2026-03-01"),
        deal(13, 2, 90_000, "lost", "2026-02-01", Some("2026-03-01")),
    ];
    data
}

#[test]
fn the_weighted_forecast_of_the_course_example_is_832000_with_its_working() {
    let data = pipeline();
    let q = number(
        Figure::WeightedPipeline {
            owner: String::new(),
        },
        0.5,
    );
    let e = expected(&q, &data);
    assert_eq!(e.value, ExpectedValue::Number(Some(832_000.0)));
    assert_eq!(e.working.formula, Formula::WeightedPipeline);
    let lines: Vec<(&str, &str)> = e
        .working
        .lines
        .iter()
        .map(|l| (l.label.as_str(), l.expression.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("ERP", "800,000 × 80% = 640,000"),
            ("WMS", "240,000 × 80% = 192,000")
        ]
    );
    assert_eq!(
        e.working.lines[0].record,
        Some(RecordRef::Opportunity(id(10)))
    );
    assert_eq!(e.working.result, "¥832,000");

    assert!(verdict(&q, &Answer::Number(832_000.0), &data).correct);
    assert!(verdict(&q, &Answer::Number(832_000.4), &data).correct);
    assert!(!verdict(&q, &Answer::Number(832_001.0), &data).correct);
    // The unweighted sum is the classic mistake.
    assert!(!verdict(&q, &Answer::Number(1_040_000.0), &data).correct);
    assert!(!verdict(&q, &Answer::Number(f64::NAN), &data).correct);
    assert!(!verdict(&q, &Answer::Choice(0), &data).correct);
}

#[test]
fn the_forecast_of_one_owner_counts_only_theirs() {
    let mut data = pipeline();
    data.opportunities[1].owner = "李娜".into();
    let q = number(
        Figure::WeightedPipeline {
            owner: "李娜".into(),
        },
        0.0,
    );
    assert_eq!(
        expected(&q, &data).value,
        ExpectedValue::Number(Some(192_000.0))
    );
}

fn rated_cases(verdicts: &[Option<u8>], open: usize) -> BackupData {
    let mut data = BackupData {
        customers: vec![customer(1, "2026-01-05")],
        ..Default::default()
    };
    let at = NaiveDate::from_ymd_opt(2026, 5, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    for (i, v) in verdicts.iter().enumerate() {
        let mut c = blank_case(id(100 + i as u128), id(1), at, Timestamp(0));
        c.subject = format!("case {i}");
        c.status = if i < open {
            CaseStatus::InProgress
        } else {
            CaseStatus::Closed
        };
        c.satisfaction = *v;
        data.cases.push(c);
    }
    data
}

#[test]
fn average_satisfaction_is_the_sum_of_verdicts_over_their_number() {
    // 5 + 4 + 2 = 11 over 3 verdicts = 3.666…; the unrated case does not count.
    let data = rated_cases(&[Some(5), Some(4), Some(2), None], 0);
    let q = number(Figure::AverageSatisfaction, 0.005);
    let e = expected(&q, &data);
    let ExpectedValue::Number(Some(v)) = e.value else {
        panic!("no value")
    };
    assert!((v - 11.0 / 3.0).abs() < 1e-12);
    assert_eq!(e.working.result, "3.67");
    assert_eq!(e.working.lines.last().unwrap().expression, "11 ÷ 3 = 3.67");
    assert!(verdict(&q, &Answer::Number(3.67), &data).correct);
    assert!(!verdict(&q, &Answer::Number(3.66), &data).correct);
    // No verdicts: no average, and no answer is right.
    let none = rated_cases(&[None], 0);
    assert_eq!(expected(&q, &none).value, ExpectedValue::Number(None));
    assert!(!verdict(&q, &Answer::Number(0.0), &none).correct);
}

#[test]
fn open_cases_are_counted_from_the_data_as_it_is_now() {
    let mut data = rated_cases(&[None, None, Some(4)], 2);
    let q = number(Figure::OpenCases, 0.0);
    assert!(verdict(&q, &Answer::Number(2.0), &data).correct);
    // The student closes one: the same answer is now wrong, the new count right.
    data.cases[0].status = CaseStatus::Closed;
    assert!(!verdict(&q, &Answer::Number(2.0), &data).correct);
    assert!(verdict(&q, &Answer::Number(1.0), &data).correct);
    // A trashed case does not count.
    data.cases[1].deleted_at = Some(Timestamp(1));
    assert!(verdict(&q, &Answer::Number(0.0), &data).correct);
}

#[test]
fn a_class_customers_are_those_ranked_before_80_percent() {
    // 2025 values 700, 200, 60, 40 (total 1,000): before them 0%, 70%, 90%, 96% → A, A, B, C.
    let mut data = BackupData::default();
    for n in 1..=4 {
        data.customers.push(customer(n, "2024-01-01"));
    }
    data.opportunities = vec![
        won(11, 1, 700, "2025-03-01"),
        won(12, 2, 200, "2025-04-01"),
        won(13, 3, 60, "2025-05-01"),
        won(14, 4, 40, "2025-06-01"),
        // Outside the year: not counted.
        won(15, 4, 5_000, "2026-01-02"),
    ];
    let q = Question {
        id: "q".into(),
        prompt: Text::default(),
        expects: Expects::Customers {
            set: CustomerSet::AbcClass {
                class: ValueClass::A,
                year: 2025,
            },
        },
    };
    assert!(verdict(&q, &Answer::Customers(vec![id(2), id(1)]), &data).correct);
    assert!(!verdict(&q, &Answer::Customers(vec![id(1)]), &data).correct);
    assert!(!verdict(&q, &Answer::Customers(vec![id(1), id(2), id(3)]), &data).correct);
    let e = expected(&q, &data);
    assert_eq!(e.working.lines[1].expression, "200 · 900‰ → A");
}

#[test]
fn a_handover_is_done_when_nothing_live_is_left_with_the_owner() {
    let mut data = pipeline();
    data.customers[0].owner = "王磊".into();
    let due = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let mut f = crate::activity::commands::blank_follow_up(id(30), id(1), due, Timestamp(0));
    f.owner = "王磊".into();
    data.follow_ups.push(f);
    let q = Question {
        id: "q".into(),
        prompt: Text::default(),
        expects: Expects::Task {
            condition: Condition::NothingOwnedBy {
                owner: "王磊".into(),
            },
        },
    };
    let e = expected(&q, &data);
    assert_eq!(e.value, ExpectedValue::Done(false));
    // The customer, both open deals and the follow-up are still his.
    assert_eq!(e.working.lines.len(), 4);
    assert!(!verdict(&q, &Answer::Done, &data).correct);

    data.customers[0].owner = "李娜".into();
    for o in &mut data.opportunities {
        o.owner = "李娜".into();
    }
    assert!(!verdict(&q, &Answer::Done, &data).correct);
    // A done follow-up may stay with him; an open one may not.
    data.follow_ups[0].status = FollowUpStatus::Done;
    assert!(verdict(&q, &Answer::Done, &data).correct);
}

fn small_scenario() -> Scenario {
    Scenario {
        id: "test".into(),
        brief: Brief {
            title: Text::new("测试", "Test"),
            ..Default::default()
        },
        questions: vec![
            Question {
                id: "q1".into(),
                prompt: Text::new("预测？", "Forecast?"),
                expects: Expects::Number {
                    figure: Figure::WeightedPipeline {
                        owner: String::new(),
                    },
                    tolerance: 0.5,
                },
            },
            Question {
                id: "q2".into(),
                prompt: Text::new("为什么？", "Why?"),
                expects: Expects::Choice {
                    options: vec![Text::new("甲", "A"), Text::new("乙", "B")],
                    correct: 1,
                },
            },
        ],
        show_working: true,
    }
}

#[test]
fn a_scenario_file_round_trips_and_bad_ones_are_refused() {
    let text = write_scenario(&small_scenario(), &pipeline(), "test", Timestamp(5));
    let (scenario, data) = read_scenario(&text).unwrap();
    assert_eq!(scenario, small_scenario());
    assert_eq!(data.opportunities.len(), 4);

    assert_eq!(read_scenario("{}"), Err(ScenarioError::WrongKind));
    assert_eq!(read_scenario("not json"), Err(ScenarioError::WrongKind));
    let newer = text.replace("\"format_version\": 1", "\"format_version\": 9");
    assert!(matches!(
        read_scenario(&newer),
        Err(ScenarioError::TooNew { found: 9, .. })
    ));
    let mut bad = small_scenario();
    if let Expects::Choice { correct, .. } = &mut bad.questions[1].expects {
        *correct = 2;
    }
    let bad = write_scenario(&bad, &pipeline(), "test", Timestamp(5));
    assert!(matches!(
        read_scenario(&bad),
        Err(ScenarioError::Invalid(_))
    ));
    // The dataset inside is a backup with its checksum: a changed record is refused.
    let tampered = text.replacen("800000", "800001", 1);
    assert_ne!(tampered, text);
    assert!(matches!(
        read_scenario(&tampered),
        Err(ScenarioError::Dataset(_))
    ));
}

fn work_of(name: &str, class_id: &str, data: &BackupData, answers: &[(&str, Answer)]) -> String {
    let answers: Vec<Submitted> = answers
        .iter()
        .map(|(q, a)| Submitted {
            question: q.to_string(),
            answer: a.clone(),
            at: Timestamp(9),
        })
        .collect();
    let student = Student {
        name: name.into(),
        class_id: class_id.into(),
    };
    write_work(
        &student,
        &small_scenario(),
        &answers,
        data,
        "test",
        Timestamp(10),
    )
}

#[test]
fn a_work_file_round_trips_and_a_changed_byte_is_refused() {
    let text = work_of(
        "张三",
        "1班",
        &pipeline(),
        &[("q1", Answer::Number(832_000.0))],
    );
    let work = read_work(&text).unwrap();
    assert_eq!(work.student.name, "张三");
    assert_eq!(work.answers.len(), 1);
    assert_eq!(work.data.opportunities.len(), 4);
    let changed = text.replacen("832000", "832001", 1);
    assert_eq!(read_work(&changed), Err(WorkError::ChecksumMismatch));
    assert_eq!(
        read_work("{\"format\":\"guanxi-backup\"}"),
        Err(WorkError::WrongKind)
    );
    assert_eq!(read_work(""), Err(WorkError::WrongKind));
}

#[test]
fn the_teacher_table_checks_each_answer_again_against_each_students_own_data() {
    // 张三 answered from the scenario's data; 李四 closed the 240,000 deal as won, so his
    // pipeline is 640,000 and the same 832,000 is wrong for him.
    let zhang = work_of(
        "张三",
        "1班",
        &pipeline(),
        &[("q1", Answer::Number(832_000.0)), ("q2", Answer::Choice(0))],
    );
    let mut his = pipeline();
    his.opportunities[1].stage = "won".into();
    his.opportunities[1].closed_on = NaiveDate::from_ymd_opt(2026, 6, 1);
    let li = work_of(
        "李四",
        "1班",
        &his,
        &[
            ("q1", Answer::Number(832_000.0)),
            ("q2", Answer::Choice(1)),
            ("q2", Answer::Choice(0)),
        ],
    );
    let wang = work_of("王五", "0班", &pipeline(), &[("q2", Answer::Choice(1))]);
    let works: Vec<_> = [li, zhang, wang]
        .iter()
        .map(|t| read_work(t).unwrap())
        .collect();
    let all = tables(&works);
    assert_eq!(all.len(), 1);
    let table = &all[0];
    let names: Vec<&str> = table.rows.iter().map(|r| r.student.name.as_str()).collect();
    assert_eq!(names, ["王五", "张三", "李四"]);
    let marks: Vec<Vec<Option<bool>>> = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.correct).collect())
        .collect();
    // 李四's last answer to q2 (A) counts, and it is wrong.
    assert_eq!(
        marks,
        [
            vec![None, Some(true)],
            vec![Some(true), Some(false)],
            vec![Some(false), Some(false)]
        ]
    );
    assert_eq!(table.rows[1].cells[1].answer.as_deref(), Some("A"));
    let words = CsvWords {
        student: "学生",
        class_id: "班级",
        right_count: "答对",
        right: "对",
        wrong: "错",
    };
    let csv = String::from_utf8(table_csv(table, &words)).unwrap();
    assert_eq!(
        csv,
        "\u{feff}学生,班级,q1,q1 ✓,q2,q2 ✓,答对\n王五,0班,,,B,对,1\n张三,1班,832000,对,A,错,1\n李四,1班,832000,错,A,错,0\n"
    );
}

#[test]
fn every_shipped_question_has_an_answer_in_its_data() {
    for (scenario, data) in course_scenarios() {
        super::file::validate(&scenario).unwrap();
        for q in &scenario.questions {
            let e = expected(q, &data);
            match e.value {
                ExpectedValue::Number(v) => assert!(v.is_some(), "{} {}", scenario.id, q.id),
                ExpectedValue::Customers(set) => {
                    assert!(!set.is_empty(), "{} {}", scenario.id, q.id)
                }
                // A task starts undone: the student has something to do.
                ExpectedValue::Done(done) => assert!(!done, "{} {}", scenario.id, q.id),
                ExpectedValue::Choice(_) => {}
            }
        }
    }
    // The course's forecast: exactly the two deals of the story.
    let (scenario, data) = &course_scenarios()[0];
    let e = expected(&scenario.questions[0], data);
    assert_eq!(e.value, ExpectedValue::Number(Some(832_000.0)));
}

#[test]
fn the_shipped_files_are_what_the_course_builds() {
    // `cargo run -p guanxi-core --example scenarios` writes them.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/scenarios");
    for (scenario, data) in course_scenarios() {
        let path = dir.join(format!("{}.json", scenario.id));
        let stored = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run the scenarios example", path.display()));
        let built = write_scenario(&scenario, &data, SCENARIO_APP_VERSION, Timestamp(0));
        assert!(
            stored == built,
            "{} differs from what the course builds; run the scenarios example",
            path.display()
        );
        let (read, _) = read_scenario(&stored).unwrap();
        assert_eq!(read, scenario);
    }
}
