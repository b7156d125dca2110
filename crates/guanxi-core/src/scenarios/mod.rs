//! Course scenarios: a dataset with a brief (title, story, goals, tasks) and questions the app
//! checks against the student's own data; the student's work as one file; and the teacher's
//! table of many students' work.
//!
//! - [`file`]: the scenario file (a backup file inside, so the dataset is read, checked and
//!   repaired exactly as a backup is).
//! - [`check`]: what a question expects, computed from the data with its working, and the
//!   verdict on an answer.
//! - [`work`]: the student's work file and the teacher's table.
//! - [`course`]: the scenarios that ship with the app, built from the course's cases.

pub mod check;
pub mod course;
pub mod file;
pub mod work;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::model::ids::Id;
use crate::model::records::ValueClass;

/// Words in both languages: every text of a scenario is written twice.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: &str, en: &str) -> Self {
        Text {
            zh: zh.to_string(),
            en: en.to_string(),
        }
    }

    /// The Chinese or the English words; the other language when one is blank.
    pub fn get(&self, chinese: bool) -> &str {
        match (
            chinese,
            self.zh.trim().is_empty(),
            self.en.trim().is_empty(),
        ) {
            (true, false, _) | (false, _, true) => &self.zh,
            _ => &self.en,
        }
    }
}

/// What the student reads first.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(default)]
pub struct Brief {
    pub title: Text,
    pub story: Text,
    pub goals: Vec<Text>,
    pub tasks: Vec<Text>,
}

/// One question: its words and how its answer is checked.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Question {
    /// Stable within the scenario (`q1`), so answers and the teacher's columns match.
    pub id: String,
    pub prompt: Text,
    pub expects: Expects,
}

/// The kinds of answer, and what each is checked against.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expects {
    /// A number, right within `tolerance` (in the figure's unit) of the figure computed from
    /// the student's data at the time of checking.
    Number { figure: Figure, tolerance: f64 },
    /// One of the options; `correct` is its index.
    Choice { options: Vec<Text>, correct: usize },
    /// A set of customers the student marks, right when it is exactly the set computed.
    Customers { set: CustomerSet },
    /// Something the student does in the data; right when the data shows it done.
    Task { condition: Condition },
}

/// A number the course teaches, computed from the data.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "of", rename_all = "snake_case")]
pub enum Figure {
    /// A number given in the scenario (for questions about the story, not the data).
    Fixed { value: f64 },
    /// Σ amount × probability over the open opportunities (of one owner when given), in the
    /// default currency's major unit (yuan).
    WeightedPipeline {
        #[serde(default)]
        owner: String,
    },
    /// How many service cases are still open (new, in progress or waiting).
    OpenCases,
    /// The average of the customers' satisfaction verdicts (1–5) on the cases that have one.
    AverageSatisfaction,
    /// A campaign's ROI in percent: (won gross profit − cost) ÷ cost × 100.
    CampaignRoi { campaign: String },
}

/// A set of customers computed from the data.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "of", rename_all = "snake_case")]
pub enum CustomerSet {
    /// The customers of one ABC class by their value in a calendar year (80% / 95%).
    AbcClass { class: ValueClass, year: i32 },
}

/// A state of the data a task must reach.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "of", rename_all = "snake_case")]
pub enum Condition {
    /// Nothing live is left with this owner: no customer, no open opportunity, no open
    /// follow-up, no open case (a handover done in full).
    NothingOwnedBy { owner: String },
}

/// A student's answer to one question.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Number(f64),
    Choice(usize),
    Customers(Vec<Id>),
    /// "I have done it": the data is checked.
    Done,
}
