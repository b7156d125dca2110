//! Editing the sales pipeline's stages in Settings.
//!
//! Every edit returns the whole new stage list together with the opportunities it had to
//! change, or the reasons it cannot be made. Opportunities store stage ids, never names or
//! positions, so renaming and reordering change no opportunity at all. The edits that would
//! leave opportunities behind are guarded: a stage still in use cannot change its outcome or
//! simply disappear (removing it needs a target stage of the same outcome, and the moved
//! opportunities come back in [`StageEdit::changed`]).
//!
//! Save order for the caller: write [`StageEdit::changed`] first, then the settings. If the
//! second write fails, every opportunity still sits in a stage that exists.

use chrono::NaiveDate;

use crate::model::ids::{Id, Timestamp};
use crate::model::records::{Opportunity, Record, Stage, StageOutcome};
use crate::model::validate::SHORT_MAX;
use crate::pipeline::opportunity::enter_stage;

/// What is wrong with a stage list or a stage edit. The UI owns the wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum StageProblem {
    #[error("the stage has no id")]
    BlankId,
    #[error("another stage has the same id")]
    DuplicateId,
    /// Both names are blank.
    #[error("the stage has no name")]
    BlankName,
    #[error("the name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("the probability is above 100%")]
    ProbabilityOutOfRange,
    /// A won stage must be 100% and a lost one 0%.
    #[error("a won stage is 100% and a lost one 0%")]
    ClosedProbability,
    #[error("the pipeline needs an open stage")]
    NoOpenStage,
    #[error("the pipeline needs a won stage")]
    NoWonStage,
    #[error("the pipeline needs a lost stage")]
    NoLostStage,
    #[error("no such stage")]
    UnknownStage,
    /// The edit would strand this many opportunities (trashed ones included, so restoring one
    /// later still finds its stage).
    #[error("{count} opportunities are in this stage")]
    InUse { count: usize },
    /// Opportunities can only be moved to a stage with the same outcome, so that won ones
    /// stay won (with their reason and date) and open ones stay open.
    #[error("the target stage has another outcome")]
    TargetOutcomeDiffers,
    /// The target of a removal is the stage being removed.
    #[error("the target is the stage being removed")]
    TargetIsRemoved,
}

/// A problem, with the position (in the list as it would be after the edit) of the stage it
/// concerns; `None` for problems of the list as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("stage {index:?}: {problem}")]
pub struct StageError {
    pub index: Option<usize>,
    pub problem: StageProblem,
}

impl StageError {
    pub fn new(index: Option<usize>, problem: StageProblem) -> Self {
        StageError { index, problem }
    }

    fn whole(problem: StageProblem) -> Vec<StageError> {
        vec![StageError::new(None, problem)]
    }
}

/// The result of an edit: the new list for the settings, and the opportunities to write with
/// it (already touched; empty for most edits).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StageEdit {
    pub stages: Vec<Stage>,
    pub changed: Vec<Opportunity>,
}

/// Checks a stage list: every stage has a unique non-blank id and a name (in either
/// language, at most [`SHORT_MAX`] characters), an open stage's probability is at most 100 and
/// a won or lost stage's is 100 or 0; and the pipeline has at least one open, one won and one
/// lost stage, so that every move the board offers has somewhere to go. Per-stage problems
/// come first, in list order, then those of the whole list.
pub fn validate_stages(stages: &[Stage]) -> Result<(), Vec<StageError>> {
    let mut errors = Vec::new();
    for (i, s) in stages.iter().enumerate() {
        let mut problem = None;
        if s.id.trim().is_empty() {
            problem = Some(StageProblem::BlankId);
        } else if stages[..i].iter().any(|o| o.id == s.id) {
            problem = Some(StageProblem::DuplicateId);
        } else if s.name_zh.trim().is_empty() && s.name_en.trim().is_empty() {
            problem = Some(StageProblem::BlankName);
        } else if [&s.name_zh, &s.name_en]
            .iter()
            .any(|n| n.trim().chars().count() > SHORT_MAX)
        {
            problem = Some(StageProblem::NameTooLong { max: SHORT_MAX });
        } else if s.probability > 100 {
            problem = Some(StageProblem::ProbabilityOutOfRange);
        } else if s.outcome.is_closed() && s.probability != s.default_probability() {
            problem = Some(StageProblem::ClosedProbability);
        }
        if let Some(p) = problem {
            errors.push(StageError::new(Some(i), p));
        }
    }
    for (outcome, problem) in [
        (StageOutcome::Open, StageProblem::NoOpenStage),
        (StageOutcome::Won, StageProblem::NoWonStage),
        (StageOutcome::Lost, StageProblem::NoLostStage),
    ] {
        if !stages.iter().any(|s| s.outcome == outcome) {
            errors.push(StageError::new(None, problem));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn checked(stages: Vec<Stage>, changed: Vec<Opportunity>) -> Result<StageEdit, Vec<StageError>> {
    validate_stages(&stages)?;
    Ok(StageEdit { stages, changed })
}

fn position(stages: &[Stage], id: &str) -> Result<usize, Vec<StageError>> {
    stages
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| StageError::whole(StageProblem::UnknownStage))
}

/// How many opportunities (trashed ones included) store this stage id.
pub fn stage_usage(id: &str, opportunities: &[Opportunity]) -> usize {
    opportunities.iter().filter(|o| o.stage == id).count()
}

/// A new stage for [`add_stage`], with a fresh id (pass `Id::random()`; a UUID so that an id
/// is never reused, even across devices, and an old opportunity can never land in a new
/// stage by accident). Names are trimmed; a won or lost stage gets 100% or 0%.
pub fn new_stage(
    id: Id,
    name_zh: &str,
    name_en: &str,
    probability: u8,
    outcome: StageOutcome,
) -> Stage {
    let mut s = Stage::new(
        id.to_string(),
        name_zh.trim(),
        name_en.trim(),
        probability,
        outcome,
    );
    s.probability = s.default_probability();
    s
}

/// Inserts `stage` at position `at` (clamped to the end).
pub fn add_stage(stages: &[Stage], at: usize, stage: Stage) -> Result<StageEdit, Vec<StageError>> {
    let mut next = stages.to_vec();
    next.insert(at.min(next.len()), stage);
    checked(next, Vec::new())
}

/// Renames a stage (names trimmed). Opportunities keep the id, so none changes.
pub fn rename_stage(
    stages: &[Stage],
    id: &str,
    name_zh: &str,
    name_en: &str,
) -> Result<StageEdit, Vec<StageError>> {
    let i = position(stages, id)?;
    let mut next = stages.to_vec();
    next[i].name_zh = name_zh.trim().to_string();
    next[i].name_en = name_en.trim().to_string();
    checked(next, Vec::new())
}

/// Moves a stage to position `to` (clamped to the end); the board shows columns in this order.
pub fn move_stage(stages: &[Stage], id: &str, to: usize) -> Result<StageEdit, Vec<StageError>> {
    let i = position(stages, id)?;
    let mut next = stages.to_vec();
    let stage = next.remove(i);
    next.insert(to.min(next.len()), stage);
    checked(next, Vec::new())
}

/// Changes an open stage's default probability. The opportunities in it that follow the
/// default (not overridden) take the new number, so the stored probability matches what
/// [`crate::pipeline::opportunity::probability_of`] counts; overridden ones keep theirs. A won
/// or lost stage's probability is fixed by its outcome.
pub fn set_stage_probability(
    stages: &[Stage],
    id: &str,
    probability: u8,
    opportunities: &[Opportunity],
    now: Timestamp,
) -> Result<StageEdit, Vec<StageError>> {
    let i = position(stages, id)?;
    let mut next = stages.to_vec();
    if probability > 100 {
        return Err(vec![StageError::new(
            Some(i),
            StageProblem::ProbabilityOutOfRange,
        )]);
    }
    if next[i].outcome.is_closed() {
        if probability == next[i].default_probability() {
            return checked(next, Vec::new());
        }
        return Err(vec![StageError::new(
            Some(i),
            StageProblem::ClosedProbability,
        )]);
    }
    next[i].probability = probability;
    let changed = opportunities
        .iter()
        .filter(|o| o.stage == id && !o.probability_overridden && o.probability != probability)
        .map(|o| {
            let mut r = o.clone();
            r.probability = probability;
            r.touch(now);
            r
        })
        .collect();
    checked(next, changed)
}

/// Makes a stage open, won or lost. Refused with [`StageProblem::InUse`] while opportunities
/// are in it (a change of outcome would turn open deals into won ones without a reason or a
/// date): move them first. Becoming won or lost sets the probability to 100 or 0.
pub fn set_stage_outcome(
    stages: &[Stage],
    id: &str,
    outcome: StageOutcome,
    opportunities: &[Opportunity],
) -> Result<StageEdit, Vec<StageError>> {
    let i = position(stages, id)?;
    let mut next = stages.to_vec();
    if next[i].outcome == outcome {
        return checked(next, Vec::new());
    }
    let count = stage_usage(id, opportunities);
    if count > 0 {
        return Err(vec![StageError::new(
            Some(i),
            StageProblem::InUse { count },
        )]);
    }
    next[i].outcome = outcome;
    next[i].probability = next[i].default_probability();
    checked(next, Vec::new())
}

/// Removes a stage.
///
/// Without `move_to`, refused with [`StageProblem::InUse`] and the count while any
/// opportunity (trashed ones included) is in it. With `move_to`, those opportunities move to
/// that stage, which must have the same outcome ([`StageProblem::TargetOutcomeDiffers`]):
/// open ones follow the new stage's default probability unless overridden, closed ones keep
/// their reason and date. A pipeline that would lose its last open, won or lost stage is
/// refused as by [`validate_stages`].
pub fn remove_stage(
    stages: &[Stage],
    id: &str,
    move_to: Option<&str>,
    opportunities: &[Opportunity],
    now: Timestamp,
    today: NaiveDate,
) -> Result<StageEdit, Vec<StageError>> {
    let i = position(stages, id)?;
    let removed = &stages[i];
    let in_use: Vec<&Opportunity> = opportunities.iter().filter(|o| o.stage == id).collect();
    let changed = match (move_to, in_use.len()) {
        (_, 0) => Vec::new(),
        (None, count) => {
            return Err(vec![StageError::new(
                Some(i),
                StageProblem::InUse { count },
            )])
        }
        (Some(target), _) => {
            if target == id {
                return Err(StageError::whole(StageProblem::TargetIsRemoved));
            }
            let target = &stages[position(stages, target)?];
            if target.outcome != removed.outcome {
                return Err(StageError::whole(StageProblem::TargetOutcomeDiffers));
            }
            in_use
                .into_iter()
                .map(|o| {
                    let mut r = o.clone();
                    let wanted = r.probability_overridden.then_some(r.probability);
                    let reason = r.close_reason.clone();
                    let closed_on = r.closed_on.unwrap_or(today);
                    enter_stage(&mut r, target, wanted, &reason, closed_on);
                    r.touch(now);
                    r
                })
                .collect()
        }
    };
    let mut next = stages.to_vec();
    next.remove(i);
    checked(next, changed)
}

/// A close-reason list as edited: trimmed, blanks and repeats dropped, order kept.
pub fn clean_reasons(reasons: &[String]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for r in reasons.iter().map(|r| r.trim()) {
        if !r.is_empty() && !kept.iter().any(|k| k == r) {
            kept.push(r.to_string());
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{default_stages, Settings};
    use crate::pipeline::opportunity::tests::{opp, today, T0, T1};
    use crate::pipeline::opportunity::{probability_of, stage_of};

    fn ids(stages: &[Stage]) -> Vec<&str> {
        stages.iter().map(|s| s.id.as_str()).collect()
    }

    fn err(index: Option<usize>, problem: StageProblem) -> Vec<StageError> {
        vec![StageError::new(index, problem)]
    }

    #[test]
    fn the_default_pipeline_is_valid() {
        assert_eq!(validate_stages(&default_stages()), Ok(()));
    }

    #[test]
    fn validation_reports_each_stage_then_the_list() {
        let stages = vec![
            Stage::new(" ", "甲", "", 10, StageOutcome::Open),
            Stage::new("a", "", " ", 10, StageOutcome::Open),
            Stage::new("b", "乙", "", 101, StageOutcome::Open),
            Stage::new("b", "丙", "", 10, StageOutcome::Open),
            Stage::new("c", "x".repeat(SHORT_MAX + 1), "", 10, StageOutcome::Open),
            Stage::new("w", "赢", "", 90, StageOutcome::Won),
        ];
        assert_eq!(
            validate_stages(&stages),
            Err(vec![
                StageError::new(Some(0), StageProblem::BlankId),
                StageError::new(Some(1), StageProblem::BlankName),
                StageError::new(Some(2), StageProblem::ProbabilityOutOfRange),
                StageError::new(Some(3), StageProblem::DuplicateId),
                StageError::new(Some(4), StageProblem::NameTooLong { max: SHORT_MAX }),
                StageError::new(Some(5), StageProblem::ClosedProbability),
                StageError::new(None, StageProblem::NoLostStage),
            ])
        );
        assert_eq!(
            validate_stages(&[]),
            Err(vec![
                StageError::new(None, StageProblem::NoOpenStage),
                StageError::new(None, StageProblem::NoWonStage),
                StageError::new(None, StageProblem::NoLostStage),
            ])
        );
    }

    #[test]
    fn rename_and_reorder_keep_opportunities_where_they_are() {
        let mut settings = Settings::default();
        let o = opp(1, 1, "proposal", 100);
        let edit = rename_stage(&settings.stages, "proposal", " 报价 ", "Quote").unwrap();
        assert!(edit.changed.is_empty());
        settings.stages = edit.stages;
        assert_eq!(stage_of(&o, &settings).name(true), "报价");
        assert_eq!(stage_of(&o, &settings).name(false), "Quote");
        assert_eq!(
            rename_stage(&settings.stages, "proposal", "", " "),
            Err(err(Some(2), StageProblem::BlankName))
        );
        assert_eq!(
            rename_stage(&settings.stages, "nope", "a", "b"),
            Err(err(None, StageProblem::UnknownStage))
        );

        let edit = move_stage(&settings.stages, "proposal", 0).unwrap();
        assert_eq!(
            ids(&edit.stages),
            [
                "proposal",
                "qualification",
                "needs_analysis",
                "negotiation",
                "won",
                "lost"
            ]
        );
        settings.stages = edit.stages;
        assert_eq!(stage_of(&o, &settings).id, "proposal");
        assert_eq!(probability_of(&o, &settings), 50);
        let edit = move_stage(&settings.stages, "proposal", 99).unwrap();
        assert_eq!(ids(&edit.stages).last(), Some(&"proposal"));
    }

    #[test]
    fn adding_a_stage() {
        let stages = default_stages();
        let demo = new_stage(
            Id::from_u128(7),
            " 产品演示 ",
            "Demo",
            40,
            StageOutcome::Open,
        );
        assert_eq!(demo.id, "00000000-0000-0000-0000-000000000007");
        assert_eq!(demo.name_zh, "产品演示");
        let edit = add_stage(&stages, 2, demo.clone()).unwrap();
        assert_eq!(ids(&edit.stages)[2], demo.id);
        assert_eq!(edit.stages.len(), 7);
        // A second one with the same id is refused, as is a nameless one.
        assert_eq!(
            add_stage(&edit.stages, 99, demo.clone()),
            Err(err(Some(7), StageProblem::DuplicateId))
        );
        let nameless = new_stage(Id::from_u128(8), "", "", 40, StageOutcome::Open);
        assert_eq!(
            add_stage(&stages, 0, nameless),
            Err(err(Some(0), StageProblem::BlankName))
        );
        // A won stage is created at 100% whatever was asked.
        let won = new_stage(
            Id::from_u128(9),
            "框架协议",
            "Framework",
            40,
            StageOutcome::Won,
        );
        assert_eq!(won.probability, 100);
        assert!(add_stage(&stages, 99, won).is_ok());
    }

    #[test]
    fn a_new_default_probability_reaches_the_opportunities_that_follow_it() {
        let stages = default_stages();
        let follows = opp(1, 1, "proposal", 100);
        let mut overridden = opp(2, 1, "proposal", 100);
        overridden.probability = 70;
        overridden.probability_overridden = true;
        let elsewhere = opp(3, 1, "negotiation", 100);
        let all = vec![follows.clone(), overridden, elsewhere];
        let edit = set_stage_probability(&stages, "proposal", 60, &all, T1).unwrap();
        assert_eq!(edit.stages[2].probability, 60);
        assert_eq!(edit.changed.len(), 1);
        let changed = &edit.changed[0];
        assert_eq!(
            (
                changed.id,
                changed.probability,
                changed.rev,
                changed.updated_at
            ),
            (follows.id, 60, 2, T1)
        );
        assert!(!changed.probability_overridden);

        assert_eq!(
            set_stage_probability(&stages, "proposal", 101, &all, T1),
            Err(err(Some(2), StageProblem::ProbabilityOutOfRange))
        );
        assert_eq!(
            set_stage_probability(&stages, "won", 90, &all, T1),
            Err(err(Some(4), StageProblem::ClosedProbability))
        );
        assert!(set_stage_probability(&stages, "won", 100, &all, T1).is_ok());
    }

    #[test]
    fn outcome_changes_only_for_unused_stages() {
        let stages = default_stages();
        let all = vec![opp(1, 1, "negotiation", 100)];
        assert_eq!(
            set_stage_outcome(&stages, "negotiation", StageOutcome::Won, &all),
            Err(err(Some(3), StageProblem::InUse { count: 1 }))
        );
        let edit = set_stage_outcome(&stages, "proposal", StageOutcome::Won, &all).unwrap();
        assert_eq!(
            (edit.stages[2].outcome, edit.stages[2].probability),
            (StageOutcome::Won, 100)
        );
        // Turning the only lost stage into an open one would leave no way to lose.
        assert_eq!(
            set_stage_outcome(&stages, "lost", StageOutcome::Open, &[]),
            Err(err(None, StageProblem::NoLostStage))
        );
        assert!(set_stage_outcome(&stages, "lost", StageOutcome::Lost, &all).is_ok());
    }

    #[test]
    fn removing_a_used_stage_needs_a_target_of_the_same_outcome() {
        let settings = Settings::default();
        let follows = opp(1, 1, "proposal", 100);
        let mut overridden = opp(2, 1, "proposal", 100);
        overridden.probability = 70;
        overridden.probability_overridden = true;
        let mut trashed = opp(3, 1, "proposal", 100);
        trashed.deleted_at = Some(T0);
        let won = opp(4, 1, "won", 100);
        let other = opp(5, 1, "needs_analysis", 100);
        let all = vec![follows, overridden, trashed, won.clone(), other];
        let stages = &settings.stages;

        assert_eq!(
            remove_stage(stages, "proposal", None, &all, T1, today()),
            Err(err(Some(2), StageProblem::InUse { count: 3 }))
        );
        assert_eq!(
            remove_stage(stages, "proposal", Some("won"), &all, T1, today()),
            Err(err(None, StageProblem::TargetOutcomeDiffers))
        );
        assert_eq!(
            remove_stage(stages, "proposal", Some("proposal"), &all, T1, today()),
            Err(err(None, StageProblem::TargetIsRemoved))
        );
        assert_eq!(
            remove_stage(stages, "proposal", Some("nope"), &all, T1, today()),
            Err(err(None, StageProblem::UnknownStage))
        );

        let edit =
            remove_stage(stages, "proposal", Some("negotiation"), &all, T1, today()).unwrap();
        assert_eq!(
            ids(&edit.stages),
            [
                "qualification",
                "needs_analysis",
                "negotiation",
                "won",
                "lost"
            ]
        );
        let moved: Vec<(u128, &str, u8, bool, u32)> = edit
            .changed
            .iter()
            .map(|o| {
                (
                    o.id.0.as_u128(),
                    o.stage.as_str(),
                    o.probability,
                    o.probability_overridden,
                    o.rev,
                )
            })
            .collect();
        assert_eq!(
            moved,
            vec![
                (1, "negotiation", 80, false, 2),
                (2, "negotiation", 70, true, 2),
                (3, "negotiation", 80, false, 2),
            ]
        );
        assert_eq!(edit.changed[2].deleted_at, Some(T0), "still in the trash");

        // After the edit every opportunity is in a stage that exists.
        let after = Settings {
            stages: edit.stages.clone(),
            ..Default::default()
        };
        for o in edit.changed.iter().chain([&all[3], &all[4]]) {
            assert!(crate::pipeline::opportunity::find_stage(&after, &o.stage).is_some());
        }

        // A second won stage can take the won deals, keeping their reason and date.
        let mut with_framework = stages.clone();
        with_framework.push(new_stage(
            Id::from_u128(9),
            "框架协议",
            "Framework",
            0,
            StageOutcome::Won,
        ));
        let edit = remove_stage(
            &with_framework,
            "won",
            Some(&with_framework[6].id.clone()),
            &all,
            T1,
            today(),
        )
        .unwrap();
        let w = &edit.changed[0];
        assert_eq!(
            (w.id, w.close_reason.as_str(), w.closed_on, w.probability),
            (won.id, won.close_reason.as_str(), won.closed_on, 100)
        );

        // The last lost stage cannot go, even unused.
        assert_eq!(
            remove_stage(stages, "lost", None, &[], T1, today()),
            Err(err(None, StageProblem::NoLostStage))
        );
        // An unused stage goes without a target.
        assert_eq!(
            remove_stage(stages, "qualification", None, &all, T1, today())
                .unwrap()
                .stages
                .len(),
            5
        );
    }

    #[test]
    fn reasons_are_cleaned() {
        let list: Vec<String> = [" 价格 Price ", "", "价格 Price", "竞争对手", "  "]
            .map(String::from)
            .to_vec();
        assert_eq!(clean_reasons(&list), vec!["价格 Price", "竞争对手"]);
    }
}
