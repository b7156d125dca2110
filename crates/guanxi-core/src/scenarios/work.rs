//! A student's work as one file — who, which scenario, the answers, and the data they were
//! given against, with a checksum — and the teacher's table of many such files.
//!
//! The teacher's table checks every answer again against the data inside the file (the
//! student's own verdicts are not stored), and reads the files in memory only: opening thirty
//! students' work never touches the teacher's data, and two students' records never meet.
//! The checksum tells a damaged or hand-edited file; it is not a signature, so it cannot stop a
//! student who rewrites the file and its checksum on purpose.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::io::backup::{export_backup, read_backup, sha256_hex, BackupData, BackupError};
use crate::model::ids::{Id, Timestamp};

use super::check::verdict;
use super::file::{validate, Scenario, ScenarioError};
use super::{Answer, Question};

pub const FORMAT: &str = "guanxi-work";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Student {
    pub name: String,
    /// Class or student number, as the teacher asked for it.
    pub class_id: String,
}

/// The last answer the student submitted to a question.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Submitted {
    pub question: String,
    pub answer: Answer,
    pub at: Timestamp,
}

#[derive(Serialize, Deserialize)]
struct Body {
    student: Student,
    scenario: Scenario,
    answers: Vec<Submitted>,
    /// The student's data as a backup file.
    dataset: String,
}

/// One student's work, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Work {
    pub student: Student,
    pub scenario: Scenario,
    pub answers: Vec<Submitted>,
    pub data: BackupData,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkError {
    #[error("the file is not a student's work")]
    WrongKind,
    #[error("work format {found} is newer than this app supports ({supported})")]
    TooNew { found: u32, supported: u32 },
    #[error("the file was changed or damaged (checksum mismatch)")]
    ChecksumMismatch,
    #[error("invalid work file: {0}")]
    Invalid(String),
    #[error("the work's data: {0}")]
    Dataset(BackupError),
}

/// Writes a student's work: `data` is their data now, `answers` their latest answers.
pub fn write_work(
    student: &Student,
    scenario: &Scenario,
    answers: &[Submitted],
    data: &BackupData,
    app_version: &str,
    now: Timestamp,
) -> String {
    let body = Body {
        student: student.clone(),
        scenario: scenario.clone(),
        answers: answers.to_vec(),
        dataset: export_backup(data, app_version, now),
    };
    let body = serde_json::to_string(&body).expect("work serializes");
    format!(
        r#"{{"format":"{FORMAT}","format_version":{FORMAT_VERSION},"checksum":"sha256:{}","work":{body}}}"#,
        sha256_hex(body.as_bytes())
    )
}

/// Reads a work file, checking its checksum, its scenario and its data.
pub fn read_work(text: &str) -> Result<Work, WorkError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let envelope: HashMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|_| WorkError::WrongKind)?;
    let field = |name: &str| envelope.get(name).map(|raw| raw.get());
    let format: Option<String> = field("format").and_then(|f| serde_json::from_str(f).ok());
    if format.as_deref() != Some(FORMAT) {
        return Err(WorkError::WrongKind);
    }
    let found: u64 = field("format_version")
        .and_then(|v| serde_json::from_str(v).ok())
        .ok_or_else(|| WorkError::Invalid("format_version is missing".into()))?;
    if found > u64::from(FORMAT_VERSION) {
        return Err(WorkError::TooNew {
            found: u32::try_from(found).unwrap_or(u32::MAX),
            supported: FORMAT_VERSION,
        });
    }
    let body = field("work").ok_or_else(|| WorkError::Invalid("work is missing".into()))?;
    let checksum: String = field("checksum")
        .and_then(|c| serde_json::from_str(c).ok())
        .ok_or_else(|| WorkError::Invalid("checksum is missing".into()))?;
    let expected = checksum
        .strip_prefix("sha256:")
        .ok_or_else(|| WorkError::Invalid("unsupported checksum".into()))?;
    if !expected.eq_ignore_ascii_case(&sha256_hex(body.as_bytes())) {
        return Err(WorkError::ChecksumMismatch);
    }
    let body: Body = serde_json::from_str(body).map_err(|e| WorkError::Invalid(e.to_string()))?;
    validate(&body.scenario).map_err(|e| match e {
        ScenarioError::Invalid(why) => WorkError::Invalid(why),
        other => WorkError::Invalid(other.to_string()),
    })?;
    let (_, data) = read_backup(&body.dataset).map_err(WorkError::Dataset)?;
    Ok(Work {
        student: body.student,
        scenario: body.scenario,
        answers: body.answers,
        data,
    })
}

/// An answer as the table shows it: the number as typed, the option's letter, the customers'
/// names, or a tick for a task reported done.
pub fn answer_text(answer: &Answer, data: &BackupData) -> String {
    match answer {
        Answer::Number(n) => {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{n:.0}")
            } else {
                n.to_string()
            }
        }
        Answer::Choice(i) => option_letter(*i),
        Answer::Customers(ids) => {
            let mut names: Vec<String> = ids.iter().map(|id| customer_name(data, *id)).collect();
            names.sort();
            names.join(", ")
        }
        Answer::Done => "✓".into(),
    }
}

/// `A`, `B`, … for the options of a choice question.
pub fn option_letter(i: usize) -> String {
    match u8::try_from(i).ok().filter(|i| *i < 26) {
        Some(i) => char::from(b'A' + i).to_string(),
        None => (i + 1).to_string(),
    }
}

fn customer_name(data: &BackupData, id: Id) -> String {
    data.customers
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// One student's cell for one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The answer as shown; `None` when the student did not answer.
    pub answer: Option<String>,
    /// Right or wrong, checked again against the data in the file.
    pub correct: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub student: Student,
    pub cells: Vec<Cell>,
    pub right: usize,
}

/// The works of one scenario: its questions as the columns, one row per student.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub scenario_id: String,
    pub title: super::Text,
    pub questions: Vec<Question>,
    pub rows: Vec<Row>,
}

/// The teacher's tables, one per scenario in the order first seen; rows by class, then name.
pub fn tables(works: &[Work]) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    for work in works {
        let index = match tables
            .iter()
            .position(|t| t.scenario_id == work.scenario.id)
        {
            Some(i) => i,
            None => {
                tables.push(Table {
                    scenario_id: work.scenario.id.clone(),
                    title: work.scenario.brief.title.clone(),
                    questions: work.scenario.questions.clone(),
                    rows: Vec::new(),
                });
                tables.len() - 1
            }
        };
        let table = &mut tables[index];
        let cells: Vec<Cell> = table
            .questions
            .iter()
            .map(|q| {
                let submitted = work.answers.iter().rev().find(|a| a.question == q.id);
                match submitted {
                    None => Cell {
                        answer: None,
                        correct: None,
                    },
                    Some(s) => Cell {
                        answer: Some(answer_text(&s.answer, &work.data)),
                        correct: Some(verdict(q, &s.answer, &work.data).correct),
                    },
                }
            })
            .collect();
        let right = cells.iter().filter(|c| c.correct == Some(true)).count();
        table.rows.push(Row {
            student: work.student.clone(),
            cells,
            right,
        });
    }
    for table in &mut tables {
        table.rows.sort_by(|a, b| {
            (&a.student.class_id, &a.student.name).cmp(&(&b.student.class_id, &b.student.name))
        });
    }
    tables
}

/// The column words of the CSV, in the teacher's language.
pub struct CsvWords<'a> {
    pub student: &'a str,
    pub class_id: &'a str,
    pub right_count: &'a str,
    pub right: &'a str,
    pub wrong: &'a str,
}

/// The table as CSV: student, class, then for each question its answer and right/wrong, then
/// the number right. Starts with a byte-order mark so Excel reads UTF-8.
pub fn table_csv(table: &Table, words: &CsvWords) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut header = vec![words.student.to_string(), words.class_id.to_string()];
    for q in &table.questions {
        header.push(q.id.clone());
        header.push(format!("{} ✓", q.id));
    }
    header.push(words.right_count.to_string());
    out.write_record(&header).expect("writing to memory");
    for row in &table.rows {
        let mut record = vec![row.student.name.clone(), row.student.class_id.clone()];
        for cell in &row.cells {
            record.push(cell.answer.clone().unwrap_or_default());
            record.push(match cell.correct {
                Some(true) => words.right.to_string(),
                Some(false) => words.wrong.to_string(),
                None => String::new(),
            });
        }
        record.push(row.right.to_string());
        out.write_record(&record).expect("writing to memory");
    }
    out.into_inner().expect("writing to memory")
}
