//! Sales opportunities: which stage one is in, how its probability follows the stage, what it
//! is worth weighted and when it counts, moving it through the pipeline, and what winning
//! means for the customer.
//!
//! The probability rule: an opportunity takes its stage's default probability and follows it
//! from stage to stage, until the user sets another number, which marks it overridden and
//! keeps it through later moves between open stages. Clearing the number (or
//! [`reset_probability`]) returns to the stage's default. Closing ends any override: a won
//! deal is 100% and a lost one 0%, whatever was estimated before, so the won and lost
//! columns never carry a leftover guess.
//!
//! Creating and editing through the form is in [`crate::pipeline::commands::create_opportunity`]
//! and [`crate::pipeline::commands::update_opportunity`]; both follow the same rules as
//! [`move_to_stage`].

use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::model::ids::{Id, Timestamp};
use crate::model::money;
use crate::model::records::{
    default_stages, Customer, Lifecycle, Opportunity, Record, Settings, Stage, StageOutcome,
};
use crate::model::validate::{Field, FieldError, Problem, SHORT_MAX};

static DEFAULT_STAGES: LazyLock<Vec<Stage>> = LazyLock::new(default_stages);

/// The pipeline to work with: the settings' stages, or the default ones if the list is empty
/// (settings damaged or edited by hand), so there is always a board to show.
pub fn pipeline_stages(settings: &Settings) -> &[Stage] {
    if settings.stages.is_empty() {
        &DEFAULT_STAGES
    } else {
        &settings.stages
    }
}

/// The stage with this id, if the settings list it.
pub fn find_stage<'s>(settings: &'s Settings, id: &str) -> Option<&'s Stage> {
    pipeline_stages(settings).iter().find(|s| s.id == id)
}

/// Where new opportunities start: the first open stage.
pub fn first_open_stage(settings: &Settings) -> &Stage {
    first_with(pipeline_stages(settings), StageOutcome::Open)
        .or_else(|| first_with(&DEFAULT_STAGES, StageOutcome::Open))
        .expect("the default pipeline has an open stage")
}

fn first_with(stages: &[Stage], outcome: StageOutcome) -> Option<&Stage> {
    stages.iter().find(|s| s.outcome == outcome)
}

/// The stage an opportunity is shown and counted in.
///
/// Normally the stage its id names. An id the settings do not know (settings restored from
/// another device, a stage removed by hand) does not make the opportunity disappear: a closed
/// one (with `closed_on`) goes to the first won stage if its probability is 100 or the first
/// lost stage if it is 0, and anything else to the first open stage, where the user will see
/// it and can move it. The stored id is left alone until the user does.
pub fn stage_of<'s>(opportunity: &Opportunity, settings: &'s Settings) -> &'s Stage {
    if let Some(stage) = find_stage(settings, &opportunity.stage) {
        return stage;
    }
    let stages = pipeline_stages(settings);
    let closed = match (opportunity.closed_on, opportunity.probability) {
        (Some(_), 100) => first_with(stages, StageOutcome::Won),
        (Some(_), 0) => first_with(stages, StageOutcome::Lost),
        _ => None,
    };
    closed.unwrap_or_else(|| first_open_stage(settings))
}

pub fn outcome_of(opportunity: &Opportunity, settings: &Settings) -> StageOutcome {
    stage_of(opportunity, settings).outcome
}

/// Still being worked: in an open stage (and not in the trash).
pub fn is_open(opportunity: &Opportunity, settings: &Settings) -> bool {
    opportunity.deleted_at.is_none() && outcome_of(opportunity, settings) == StageOutcome::Open
}

/// The probability to count with: the override if there is one and the stage is open,
/// otherwise the stage's current default. Reading it this way (rather than trusting the stored
/// number) means a changed stage default or an unknown stage id can never leave a stale
/// number in the forecast. The commands keep the stored `probability` equal to this.
pub fn probability_of(opportunity: &Opportunity, settings: &Settings) -> u8 {
    let stage = stage_of(opportunity, settings);
    if opportunity.probability_overridden && stage.outcome == StageOutcome::Open {
        opportunity.probability.min(100)
    } else {
        stage.default_probability()
    }
}

/// The date an opportunity counts on: the close date once won or lost (falling back to the
/// expected one if a closed record lacks it), the expected close date while open.
pub fn close_date(opportunity: &Opportunity, settings: &Settings) -> Option<NaiveDate> {
    if outcome_of(opportunity, settings).is_closed() {
        opportunity.closed_on.or(opportunity.expected_close)
    } else {
        opportunity.expected_close
    }
}

/// Amount × probability (as [`probability_of`] counts it), in minor units.
pub fn weighted_value(opportunity: &Opportunity, settings: &Settings) -> i64 {
    money::weighted(opportunity.amount, probability_of(opportunity, settings))
}

/// The probability an opportunity gets in `stage` when the user asks for `wanted` (`None`:
/// the stage's default), and whether that is an override. Asking for exactly the default is
/// not an override, so the opportunity keeps following its stage. In a closed stage the
/// outcome decides (see the module docs). The form's probability field can show this live.
pub fn resolve_probability(stage: &Stage, wanted: Option<u8>) -> (u8, bool) {
    let default = stage.default_probability();
    match wanted {
        Some(p) if stage.outcome == StageOutcome::Open && p != default => (p.min(100), true),
        _ => (default, false),
    }
}

/// Puts `r` into `stage` (no bookkeeping). Entering a closed stage records `reason` and the
/// close date; entering an open one clears both.
pub(crate) fn enter_stage(
    r: &mut Opportunity,
    stage: &Stage,
    wanted: Option<u8>,
    reason: &str,
    closed_on: NaiveDate,
) {
    r.stage = stage.id.clone();
    (r.probability, r.probability_overridden) = resolve_probability(stage, wanted);
    if stage.outcome.is_closed() {
        r.close_reason = reason.trim().to_string();
        r.closed_on = Some(closed_on);
    } else {
        r.close_reason.clear();
        r.closed_on = None;
    }
}

/// Why an opportunity cannot move to a stage. The UI owns the wording; each maps to a
/// [`FieldError`] for forms that show it next to a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("no such stage")]
    UnknownStage,
    /// Winning or losing needs a reason.
    #[error("a reason is required")]
    ReasonRequired,
    #[error("the reason is longer than {max} characters")]
    ReasonTooLong { max: usize },
}

impl From<MoveError> for FieldError {
    fn from(e: MoveError) -> Self {
        match e {
            MoveError::UnknownStage => FieldError::new(Field::Stage, Problem::UnknownStage),
            MoveError::ReasonRequired => FieldError::new(Field::CloseReason, Problem::Required),
            MoveError::ReasonTooLong { max } => {
                FieldError::new(Field::CloseReason, Problem::TooLong { max })
            }
        }
    }
}

/// Moves an opportunity to another stage, as a drop on the board does.
///
/// - Into an open stage: the probability follows the new stage's default unless overridden;
///   coming back from won or lost clears the close date and reason.
/// - Into a won or lost stage: `reason` is required (trimmed, at most [`SHORT_MAX`]
///   characters); the close date becomes `today`, the probability 100 or 0.
/// - Into the stage it is already in: nothing changes (no new revision), except that a closed
///   opportunity takes the new reason, keeping its close date.
///
/// `reason` is ignored for open stages. Winning may call for a lifecycle change of the
/// customer: ask [`lifecycle_after_win`].
pub fn move_to_stage(
    opportunity: &Opportunity,
    stage_id: &str,
    reason: &str,
    settings: &Settings,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Opportunity, MoveError> {
    let stage = find_stage(settings, stage_id).ok_or(MoveError::UnknownStage)?;
    if stage.outcome.is_closed() {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(MoveError::ReasonRequired);
        }
        if reason.chars().count() > SHORT_MAX {
            return Err(MoveError::ReasonTooLong { max: SHORT_MAX });
        }
    }
    let mut r = opportunity.clone();
    let same = r.stage == stage.id;
    let wanted = r.probability_overridden.then_some(r.probability);
    let closed_on = match r.closed_on {
        Some(d) if same => d,
        _ => today,
    };
    enter_stage(&mut r, stage, wanted, reason, closed_on);
    if r != *opportunity {
        r.touch(now);
    }
    Ok(r)
}

/// Drops the override: the probability becomes the stage's default again and follows the
/// stage from now on. Unchanged (no new revision) if it already did.
pub fn reset_probability(
    opportunity: &Opportunity,
    settings: &Settings,
    now: Timestamp,
) -> Opportunity {
    let mut r = opportunity.clone();
    r.probability = stage_of(&r, settings).default_probability();
    r.probability_overridden = false;
    if r != *opportunity {
        r.touch(now);
    }
    r
}

/// The lifecycle to offer when `won` has just been won: a prospect (潜在期) becomes a
/// customer in its development phase (开发期), or straight into growth (成长期) if it had
/// already won another opportunity, i.e. buys again. `None` when nothing should be offered:
/// the opportunity is not won, is not this customer's, or the customer is past prospect (a
/// deal does not decide where an established relationship stands) or in the trash.
///
/// `others` may include `won` itself (in any version) and other customers' opportunities;
/// both are ignored. Ask the user before applying it with [`set_lifecycle`].
pub fn lifecycle_after_win(
    won: &Opportunity,
    customer: &Customer,
    others: &[Opportunity],
    settings: &Settings,
) -> Option<Lifecycle> {
    if won.customer_id != customer.id
        || won.deleted_at.is_some()
        || customer.deleted_at.is_some()
        || customer.lifecycle != Lifecycle::Prospect
        || outcome_of(won, settings) != StageOutcome::Won
    {
        return None;
    }
    let won_before = others.iter().any(|o| {
        o.id != won.id
            && o.customer_id == customer.id
            && o.deleted_at.is_none()
            && outcome_of(o, settings) == StageOutcome::Won
    });
    Some(if won_before {
        Lifecycle::Growth
    } else {
        Lifecycle::Development
    })
}

/// The customer in `lifecycle`; unchanged (no new revision) if it already was.
pub fn set_lifecycle(customer: &Customer, lifecycle: Lifecycle, now: Timestamp) -> Customer {
    let mut r = customer.clone();
    if r.lifecycle != lifecycle {
        r.lifecycle = lifecycle;
        crate::customers::lifecycle::note_change(
            customer,
            &mut r,
            now.to_datetime().date_naive(),
            "",
        );
        r.touch(now);
    }
    r
}

/// The opportunities of one customer that are not in the trash, for its detail page: open
/// ones first in pipeline order, then closed ones, most recently closed first.
pub fn opportunities_of<'a>(
    customer: Id,
    opportunities: &'a [Opportunity],
    settings: &Settings,
) -> Vec<&'a Opportunity> {
    let stages = pipeline_stages(settings);
    let position = |o: &Opportunity| {
        let id = &stage_of(o, settings).id;
        stages.iter().position(|s| &s.id == id).unwrap_or(0)
    };
    let mut found: Vec<&Opportunity> = opportunities
        .iter()
        .filter(|o| o.customer_id == customer && o.deleted_at.is_none())
        .collect();
    found.sort_by(|a, b| {
        let key = |o: &Opportunity| {
            let open = outcome_of(o, settings) == StageOutcome::Open;
            (
                !open,
                std::cmp::Reverse(o.closed_on),
                position(o),
                o.expected_close.is_none(),
                o.expected_close,
                o.id,
            )
        };
        key(a).cmp(&key(b))
    });
    found
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::customers::commands::blank_customer;

    pub const T0: Timestamp = Timestamp(1_772_700_000_000);
    pub const T1: Timestamp = Timestamp(1_772_700_060_000);

    pub fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    }

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// An opportunity as the commands would create it in `stage` with `amount` yuan.
    pub fn opp(n: u128, customer: u128, stage: &str, amount_yuan: i64) -> Opportunity {
        let settings = Settings::default();
        let mut r = crate::pipeline::commands::blank_opportunity(
            Id::from_u128(n),
            Id::from_u128(customer),
            T0,
        );
        r.title = format!("商机{n}");
        r.amount = amount_yuan * 100;
        r.currency = "CNY".into();
        let stage = find_stage(&settings, stage).expect("a default stage");
        let reason = if stage.outcome.is_closed() {
            "价格 Price"
        } else {
            ""
        };
        enter_stage(&mut r, stage, None, reason, today());
        r
    }

    #[test]
    fn stage_lookup_and_fallbacks() {
        let s = Settings::default();
        let o = opp(1, 1, "proposal", 1);
        assert_eq!(stage_of(&o, &s).id, "proposal");
        assert_eq!(first_open_stage(&s).id, "qualification");

        // An id from elsewhere: open opportunities land in the first open stage…
        let mut stray = o.clone();
        stray.stage = "from-another-device".into();
        assert_eq!(stage_of(&stray, &s).id, "qualification");
        assert_eq!(outcome_of(&stray, &s), StageOutcome::Open);
        // …closed ones in a won or lost stage by their probability.
        stray.closed_on = Some(today());
        stray.probability = 100;
        assert_eq!(stage_of(&stray, &s).id, "won");
        stray.probability = 0;
        assert_eq!(stage_of(&stray, &s).id, "lost");
        stray.probability = 40;
        assert_eq!(stage_of(&stray, &s).id, "qualification");

        // No stages at all, or none open: the default pipeline stands in.
        let empty = Settings {
            stages: vec![],
            ..Default::default()
        };
        assert_eq!(stage_of(&o, &empty).id, "proposal");
        let closed_only = Settings {
            stages: vec![Stage::new("w", "赢", "Won", 100, StageOutcome::Won)],
            ..Default::default()
        };
        assert_eq!(stage_of(&o, &closed_only).id, "qualification");
    }

    #[test]
    fn probability_defaults_from_the_stage_and_overrides_stick() {
        let s = Settings::default();
        let proposal = find_stage(&s, "proposal").unwrap();
        assert_eq!(resolve_probability(proposal, None), (50, false));
        assert_eq!(resolve_probability(proposal, Some(50)), (50, false));
        assert_eq!(resolve_probability(proposal, Some(65)), (65, true));
        assert_eq!(resolve_probability(proposal, Some(0)), (0, true));
        let won = find_stage(&s, "won").unwrap();
        assert_eq!(resolve_probability(won, Some(65)), (100, false));
        let lost = find_stage(&s, "lost").unwrap();
        assert_eq!(resolve_probability(lost, Some(65)), (0, false));

        let mut o = opp(1, 1, "qualification", 100);
        assert_eq!((o.probability, o.probability_overridden), (10, false));
        // Follows the stage while not overridden.
        let moved = move_to_stage(&o, "proposal", "", &s, T1, today()).unwrap();
        assert_eq!(
            (moved.probability, moved.probability_overridden),
            (50, false)
        );
        assert_eq!((moved.rev, moved.updated_at), (2, T1));
        // An override survives moves between open stages.
        o.probability = 35;
        o.probability_overridden = true;
        let moved = move_to_stage(&o, "negotiation", "", &s, T1, today()).unwrap();
        assert_eq!(
            (moved.probability, moved.probability_overridden),
            (35, true)
        );
        assert_eq!(probability_of(&moved, &s), 35);
        // Reset returns to the stage's default.
        let reset = reset_probability(&moved, &s, T1);
        assert_eq!(
            (reset.probability, reset.probability_overridden),
            (80, false)
        );
        assert_eq!(reset.rev, moved.rev + 1);
        assert_eq!(reset_probability(&reset, &s, T1), reset, "no new revision");
    }

    #[test]
    fn probability_of_reads_the_current_stage_default() {
        let mut s = Settings::default();
        let o = opp(1, 1, "proposal", 100);
        assert_eq!(probability_of(&o, &s), 50);
        s.stages[2].probability = 60;
        assert_eq!(
            probability_of(&o, &s),
            60,
            "a changed default applies at once"
        );
        let mut over = o.clone();
        over.probability = 70;
        over.probability_overridden = true;
        assert_eq!(probability_of(&over, &s), 70);
        // A stray override in a closed stage does not count.
        over.stage = "won".into();
        assert_eq!(probability_of(&over, &s), 100);
    }

    #[test]
    fn winning_and_losing_need_a_reason_and_record_the_day() {
        let s = Settings::default();
        let mut o = opp(1, 1, "negotiation", 100);
        o.probability = 90;
        o.probability_overridden = true;
        assert_eq!(
            move_to_stage(&o, "won", "  ", &s, T1, today()),
            Err(MoveError::ReasonRequired)
        );
        assert_eq!(
            move_to_stage(&o, "lost", &"x".repeat(SHORT_MAX + 1), &s, T1, today()),
            Err(MoveError::ReasonTooLong { max: SHORT_MAX })
        );
        assert_eq!(
            move_to_stage(&o, "nope", "r", &s, T1, today()),
            Err(MoveError::UnknownStage)
        );
        assert_eq!(
            FieldError::from(MoveError::ReasonRequired),
            FieldError::new(Field::CloseReason, Problem::Required)
        );

        let won = move_to_stage(&o, "won", " 价格优势 Price ", &s, T1, today()).unwrap();
        assert_eq!(won.stage, "won");
        assert_eq!(won.close_reason, "价格优势 Price");
        assert_eq!(won.closed_on, Some(today()));
        assert_eq!((won.probability, won.probability_overridden), (100, false));
        assert_eq!((won.rev, won.updated_at), (2, T1));

        // The same stage again: unchanged, or only the reason changes, keeping the day.
        let later = d(2026, 3, 9);
        assert_eq!(
            move_to_stage(&won, "won", "价格优势 Price", &s, T1, later),
            Ok(won.clone())
        );
        let reworded = move_to_stage(&won, "won", "其他 Other", &s, T1, later).unwrap();
        assert_eq!((reworded.closed_on, reworded.rev), (Some(today()), 3));

        // Won → lost is a new close, on the new day.
        let lost = move_to_stage(&won, "lost", "竞争对手 Competitor", &s, T1, later).unwrap();
        assert_eq!((lost.probability, lost.closed_on), (0, Some(later)));

        // Reopening clears the close and follows the open stage's default.
        let reopened = move_to_stage(&lost, "proposal", "ignored", &s, T1, later).unwrap();
        assert_eq!(reopened.closed_on, None);
        assert_eq!(reopened.close_reason, "");
        assert_eq!(
            (reopened.probability, reopened.probability_overridden),
            (50, false)
        );
        assert!(is_open(&reopened, &s));
        assert!(!is_open(&lost, &s));

        // Dropping an open opportunity on its own column writes nothing.
        assert_eq!(
            move_to_stage(&reopened, "proposal", "", &s, T1, later),
            Ok(reopened.clone())
        );
    }

    #[test]
    fn winning_offers_to_promote_a_prospect() {
        let s = Settings::default();
        let mut c = blank_customer(Id::from_u128(1), T0);
        c.name = "甲".into();
        let won = opp(10, 1, "won", 100);
        let open = opp(11, 1, "proposal", 100);
        assert_eq!(
            lifecycle_after_win(&won, &c, &[], &s),
            Some(Lifecycle::Development)
        );
        assert_eq!(
            lifecycle_after_win(&won, &c, &[won.clone(), open.clone()], &s),
            Some(Lifecycle::Development),
            "itself and open ones do not count"
        );
        let earlier = opp(12, 1, "won", 100);
        let someone_elses = opp(13, 2, "won", 100);
        assert_eq!(
            lifecycle_after_win(&won, &c, std::slice::from_ref(&someone_elses), &s),
            Some(Lifecycle::Development)
        );
        assert_eq!(
            lifecycle_after_win(&won, &c, std::slice::from_ref(&earlier), &s),
            Some(Lifecycle::Growth),
            "a repeat purchase"
        );
        let mut trashed_earlier = earlier;
        trashed_earlier.deleted_at = Some(T1);
        assert_eq!(
            lifecycle_after_win(&won, &c, &[trashed_earlier], &s),
            Some(Lifecycle::Development)
        );
        // Nothing to offer: not won, not a prospect, someone else's, trashed customer.
        assert_eq!(lifecycle_after_win(&open, &c, &[], &s), None);
        assert_eq!(lifecycle_after_win(&someone_elses, &c, &[], &s), None);
        let mut grown = c.clone();
        grown.lifecycle = Lifecycle::Maturity;
        assert_eq!(lifecycle_after_win(&won, &grown, &[], &s), None);
        let mut gone = c.clone();
        gone.deleted_at = Some(T1);
        assert_eq!(lifecycle_after_win(&won, &gone, &[], &s), None);

        let promoted = set_lifecycle(&c, Lifecycle::Development, T1);
        assert_eq!(
            (promoted.lifecycle, promoted.rev, promoted.updated_at),
            (Lifecycle::Development, 2, T1)
        );
        // The win is in the customer's lifecycle history, dated the day of the win.
        let last = promoted.lifecycle_history.last().unwrap();
        assert_eq!(
            (last.from, last.to, last.on),
            (
                Some(Lifecycle::Prospect),
                Lifecycle::Development,
                T1.to_datetime().date_naive()
            )
        );
        assert_eq!(
            set_lifecycle(&promoted, Lifecycle::Development, T1),
            promoted
        );
    }

    #[test]
    fn a_customers_opportunities_open_first_then_latest_closed() {
        let s = Settings::default();
        let mut a = opp(1, 1, "negotiation", 1);
        a.expected_close = Some(d(2026, 4, 1));
        let b = opp(2, 1, "qualification", 1);
        let mut c = opp(3, 1, "won", 1);
        c.closed_on = Some(d(2026, 1, 1));
        let mut e = opp(4, 1, "lost", 1);
        e.closed_on = Some(d(2026, 2, 1));
        let mut trashed = opp(5, 1, "proposal", 1);
        trashed.deleted_at = Some(T1);
        let other = opp(6, 2, "proposal", 1);
        let all = vec![a, b, c, e, trashed, other];
        let ids: Vec<u128> = opportunities_of(Id::from_u128(1), &all, &s)
            .iter()
            .map(|o| o.id.0.as_u128())
            .collect();
        assert_eq!(ids, vec![2, 1, 4, 3]);
    }
}
