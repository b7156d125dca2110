//! The scenario file: one JSON file with the brief, the questions and, inside it as text, a
//! backup file with the dataset, so the dataset is checked (checksum) and repaired exactly as
//! a restored backup is. A teacher writes one from their current data and a brief (Settings →
//! scenarios); the app ships three (see [`super::course`]).

use serde::{Deserialize, Serialize};

use crate::io::backup::{read_backup, BackupData, BackupError};
use crate::model::ids::Timestamp;

use super::{Brief, Expects, Question};

pub const FORMAT: &str = "guanxi-scenario";
pub const FORMAT_VERSION: u32 = 1;

/// A scenario as the app holds it (the dataset is kept apart, as [`BackupData`]).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Short and stable (`b2b-forecast`): a student's work names the scenario by it.
    pub id: String,
    pub brief: Brief,
    pub questions: Vec<Question>,
    /// Whether students see the working (formula, inputs, records) with each verdict; a
    /// teacher may hide it for a graded exercise.
    pub show_working: bool,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    format_version: u32,
    #[serde(flatten)]
    scenario: Scenario,
    /// A whole backup file, as text.
    dataset: String,
}

/// Why a file is not a scenario the app can start.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    #[error("the file is not a Guanxi scenario")]
    WrongKind,
    #[error("scenario format {found} is newer than this app supports ({supported})")]
    TooNew { found: u32, supported: u32 },
    #[error("invalid scenario: {0}")]
    Invalid(String),
    #[error("the scenario's data: {0}")]
    Dataset(BackupError),
}

/// Writes a scenario file; `dataset` is written as a backup made at `now`.
pub fn write_scenario(
    scenario: &Scenario,
    dataset: &BackupData,
    app_version: &str,
    now: Timestamp,
) -> String {
    let envelope = Envelope {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        scenario: scenario.clone(),
        dataset: crate::io::backup::export_backup(dataset, app_version, now),
    };
    serde_json::to_string_pretty(&envelope).expect("a scenario serializes")
}

/// Reads a scenario file and its dataset, refusing one whose questions do not hold together.
pub fn read_scenario(text: &str) -> Result<(Scenario, BackupData), ScenarioError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| ScenarioError::WrongKind)?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ScenarioError::WrongKind);
    }
    let found = value
        .get("format_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| ScenarioError::Invalid("format_version is missing".into()))?;
    if found > u64::from(FORMAT_VERSION) {
        return Err(ScenarioError::TooNew {
            found: u32::try_from(found).unwrap_or(u32::MAX),
            supported: FORMAT_VERSION,
        });
    }
    let envelope: Envelope =
        serde_json::from_value(value).map_err(|e| ScenarioError::Invalid(e.to_string()))?;
    validate(&envelope.scenario)?;
    let (_, data) = read_backup(&envelope.dataset).map_err(ScenarioError::Dataset)?;
    Ok((envelope.scenario, data))
}

/// A scenario whose questions a student can answer: ids present and distinct, every choice
/// question with its correct option among its options.
pub fn validate(scenario: &Scenario) -> Result<(), ScenarioError> {
    let invalid = |why: String| Err(ScenarioError::Invalid(why));
    if scenario.id.trim().is_empty() {
        return invalid("the scenario has no id".into());
    }
    let mut seen = std::collections::HashSet::new();
    for q in &scenario.questions {
        if q.id.trim().is_empty() || !seen.insert(q.id.as_str()) {
            return invalid(format!("question id {:?} is blank or repeated", q.id));
        }
        if let Expects::Choice { options, correct } = &q.expects {
            if *correct >= options.len() {
                return invalid(format!("question {} has no option {}", q.id, correct + 1));
            }
        }
        if let Expects::Number { tolerance, .. } = &q.expects {
            if !tolerance.is_finite() || *tolerance < 0.0 {
                return invalid(format!("question {} has a bad tolerance", q.id));
            }
        }
    }
    Ok(())
}

/// The questions a scenario asks, by id.
pub fn question<'a>(scenario: &'a Scenario, id: &str) -> Option<&'a Question> {
    scenario.questions.iter().find(|q| q.id == id)
}
