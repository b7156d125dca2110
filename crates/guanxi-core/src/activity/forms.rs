//! The contact log and follow-up forms; [`crate::model::form`] explains how every form works.

use chrono::{NaiveDate, NaiveDateTime};

use crate::activity::recurrence::RepeatForm;
use crate::model::form::{date_text, datetime_text, time_text, Errors};
use crate::model::ids::Id;
use crate::model::records::{FollowUp, Interaction, InteractionKind};
use crate::model::validate::{self, Field, FieldError, Problem, SHORT_MAX, TEXT_MAX};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct InteractionForm {
    pub customer_id: Option<Id>,
    pub contact_id: Option<Id>,
    /// The value of an `<input type=datetime-local>`.
    pub at: String,
    pub kind: InteractionKind,
    pub summary: String,
    pub outcome: String,
    /// The opportunity the contact was about, if any. Like `contact_id`, not checked against
    /// the customer here (the form cannot see other records).
    pub opportunity_id: Option<Id>,
    pub competitor_news: String,
    pub customer_opinion: String,
}

impl InteractionForm {
    pub fn from_record(r: &Interaction) -> Self {
        InteractionForm {
            customer_id: Some(r.customer_id),
            contact_id: r.contact_id,
            at: datetime_text(r.at),
            kind: r.kind,
            summary: r.summary.clone(),
            outcome: r.outcome.clone(),
            opportunity_id: r.opportunity_id,
            competitor_news: r.competitor_news.clone(),
            customer_opinion: r.customer_opinion.clone(),
        }
    }

    /// Checks the form. `today` is unused for now (a contact may be logged ahead, e.g. a
    /// meeting later today) but kept so every form validates the same way.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let _ = today;
        let placeholder = crate::activity::commands::blank_interaction(
            Id::from_u128(0),
            Id::from_u128(0),
            NaiveDateTime::default(),
            Default::default(),
        );
        self.apply(placeholder).map(drop)
    }

    /// Leaves `attachments` alone: they are managed separately, and editing the text of a log
    /// entry must not lose its files.
    pub(crate) fn apply(&self, mut r: Interaction) -> Result<Interaction, Vec<FieldError>> {
        let mut e = Errors::default();
        r.customer_id = e.required_id(Field::Customer, self.customer_id);
        r.contact_id = self.contact_id;
        r.at = e.check(Field::At, validate::datetime_local(&self.at));
        r.kind = self.kind;
        r.summary = e.required_text(Field::Summary, &self.summary, TEXT_MAX);
        r.outcome = e.text(Field::Outcome, &self.outcome, TEXT_MAX);
        r.opportunity_id = self.opportunity_id;
        r.competitor_news = e.text(Field::CompetitorNews, &self.competitor_news, TEXT_MAX);
        r.customer_opinion = e.text(Field::CustomerOpinion, &self.customer_opinion, TEXT_MAX);
        e.finish(r)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FollowUpForm {
    pub customer_id: Option<Id>,
    pub contact_id: Option<Id>,
    /// The due date as typed; required.
    pub due: String,
    /// Optional time of day, as typed.
    pub time: String,
    pub kind: InteractionKind,
    pub purpose: String,
    pub place: String,
    pub owner: String,
    /// The opportunity the plan serves, if any; see [`InteractionForm::opportunity_id`].
    pub opportunity_id: Option<Id>,
    /// Whether and how the follow-up repeats.
    pub repeat: RepeatForm,
}

impl FollowUpForm {
    pub fn from_record(r: &FollowUp) -> Self {
        FollowUpForm {
            customer_id: Some(r.customer_id),
            contact_id: r.contact_id,
            due: date_text(Some(r.due)),
            time: r.time.map(time_text).unwrap_or_default(),
            kind: r.kind,
            purpose: r.purpose.clone(),
            place: r.place.clone(),
            owner: r.owner.clone(),
            opportunity_id: r.opportunity_id,
            repeat: RepeatForm::from_rule(r.recurrence.as_ref()),
        }
    }

    /// Checks the form. A due date in the past is allowed: entering overdue work is normal.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let _ = today;
        let placeholder = crate::activity::commands::blank_follow_up(
            Id::from_u128(0),
            Id::from_u128(0),
            NaiveDate::default(),
            Default::default(),
        );
        self.apply(placeholder).map(drop)
    }

    /// Leaves `status` and `result` alone: they change through the complete/cancel/reschedule
    /// commands, not by editing the plan.
    pub(crate) fn apply(&self, mut r: FollowUp) -> Result<FollowUp, Vec<FieldError>> {
        let mut e = Errors::default();
        r.customer_id = e.required_id(Field::Customer, self.customer_id);
        r.contact_id = self.contact_id;
        r.due = e.check(
            Field::Due,
            validate::date(&self.due).and_then(|d| d.ok_or(Problem::Required)),
        );
        r.time = e.check(Field::Time, validate::time(&self.time));
        r.kind = self.kind;
        r.purpose = e.text(Field::Purpose, &self.purpose, TEXT_MAX);
        r.place = e.text(Field::Place, &self.place, SHORT_MAX);
        r.owner = e.text(Field::Owner, &self.owner, SHORT_MAX);
        r.opportunity_id = self.opportunity_id;
        r.recurrence = self.repeat.apply(&mut e, r.due, r.recurrence.as_ref());
        e.finish(r)
    }
}

/// Checks the result text entered when completing a follow-up, which
/// [`crate::activity::commands::complete_follow_up`] takes as is. Optional: "done" needs no
/// comment.
pub fn validate_follow_up_result(result: &str) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.text(Field::Result, result, TEXT_MAX);
    e.finish(())
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveTime, Timelike};

    use super::*;
    use crate::activity::recurrence::{Recurrence, Repeat, RepeatUnit};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    }

    fn err(field: Field, problem: Problem) -> FieldError {
        FieldError::new(field, problem)
    }

    #[test]
    fn interaction_form_rules() {
        assert_eq!(
            InteractionForm::default().validate(today()),
            Err(vec![
                err(Field::Customer, Problem::Required),
                err(Field::At, Problem::Required),
                err(Field::Summary, Problem::Required),
            ])
        );
        let mut form = InteractionForm {
            customer_id: Some(Id::from_u128(1)),
            contact_id: None,
            at: "2026-03-05T25:00".into(),
            kind: InteractionKind::Visit,
            summary: "  ".into(),
            outcome: "o".repeat(TEXT_MAX + 1),
            opportunity_id: None,
            competitor_news: String::new(),
            customer_opinion: "x".repeat(TEXT_MAX + 1),
        };
        assert_eq!(
            form.validate(today()),
            Err(vec![
                err(Field::At, Problem::InvalidTime),
                err(Field::Summary, Problem::Required),
                err(Field::Outcome, Problem::TooLong { max: TEXT_MAX }),
                err(Field::CustomerOpinion, Problem::TooLong { max: TEXT_MAX }),
            ])
        );
        form.customer_opinion = " 希望月结 ".into();
        form.at = "2026-03-05T09:30".into();
        form.summary = " 拜访，介绍新产品 ".into();
        form.outcome = " 有意向 ".into();
        assert_eq!(form.validate(today()), Ok(()));
        let blank = crate::activity::commands::blank_interaction(
            Id::from_u128(5),
            Id::from_u128(0),
            NaiveDateTime::default(),
            Default::default(),
        );
        let r = form.apply(blank).unwrap();
        assert_eq!(r.summary, "拜访，介绍新产品");
        assert_eq!(r.outcome, "有意向");
        assert_eq!(r.customer_opinion, "希望月结");
        assert_eq!(InteractionForm::from_record(&r).at, "2026-03-05T09:30");
        let mut with_seconds = r.clone();
        with_seconds.at = with_seconds.at.with_second(7).unwrap();
        assert_eq!(
            InteractionForm::from_record(&with_seconds).at,
            "2026-03-05T09:30:07"
        );
        let trimmed = InteractionForm {
            summary: "拜访，介绍新产品".into(),
            outcome: "有意向".into(),
            customer_opinion: "希望月结".into(),
            ..form
        };
        assert_eq!(InteractionForm::from_record(&r), trimmed);
    }

    #[test]
    fn follow_up_form_rules() {
        assert_eq!(
            FollowUpForm::default().validate(today()),
            Err(vec![
                err(Field::Customer, Problem::Required),
                err(Field::Due, Problem::Required),
            ])
        );
        let mut form = FollowUpForm {
            customer_id: Some(Id::from_u128(1)),
            contact_id: Some(Id::from_u128(2)),
            due: "2026年2月30日".into(),
            time: "25:00".into(),
            kind: InteractionKind::Call,
            purpose: "p".repeat(TEXT_MAX + 1),
            place: "q".repeat(SHORT_MAX + 1),
            owner: "r".repeat(SHORT_MAX + 1),
            opportunity_id: Some(Id::from_u128(3)),
            repeat: RepeatForm {
                repeat: Repeat::Months,
                every: "0".into(),
                ..Default::default()
            },
        };
        assert_eq!(
            form.validate(today()),
            Err(vec![
                err(Field::Due, Problem::InvalidDate),
                err(Field::Time, Problem::InvalidTime),
                err(Field::Purpose, Problem::TooLong { max: TEXT_MAX }),
                err(Field::Place, Problem::TooLong { max: SHORT_MAX }),
                err(Field::Owner, Problem::TooLong { max: SHORT_MAX }),
                err(Field::RepeatEvery, Problem::NotInRange { min: 1, max: 24 }),
            ])
        );
        // Overdue plans may be entered; the time is optional.
        form.due = "2020/1/2".into();
        form.time = "".into();
        form.purpose = " 回访 ".into();
        form.place = " 北京朝阳 ".into();
        form.owner = " 韩梅梅 ".into();
        form.repeat.every = "1".into();
        assert_eq!(form.validate(today()), Ok(()));
        let blank = crate::activity::commands::blank_follow_up(
            Id::from_u128(9),
            Id::from_u128(0),
            NaiveDate::default(),
            Default::default(),
        );
        let f = form.apply(blank).unwrap();
        assert_eq!(f.due, NaiveDate::from_ymd_opt(2020, 1, 2).unwrap());
        assert_eq!(f.time, None);
        assert_eq!(f.opportunity_id, Some(Id::from_u128(3)));
        // A new series starts on the due date.
        assert_eq!(
            f.recurrence,
            Some(Recurrence::new(1, RepeatUnit::Months, f.due))
        );
        assert_eq!(
            (f.purpose.as_str(), f.place.as_str(), f.owner.as_str()),
            ("回访", "北京朝阳", "韩梅梅")
        );
        let back = FollowUpForm::from_record(&f);
        assert_eq!(back.repeat, form.repeat);
        assert_eq!(back.due, "2020-01-02");
        assert_eq!(back.time, "");
        form.time = "9:05".into();
        let f = form.apply(f).unwrap();
        assert_eq!(f.time, NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(FollowUpForm::from_record(&f).time, "09:05");
    }

    #[test]
    fn follow_up_result_length() {
        assert_eq!(validate_follow_up_result("  已完成  "), Ok(()));
        assert_eq!(validate_follow_up_result(""), Ok(()));
        assert_eq!(
            validate_follow_up_result(&"r".repeat(TEXT_MAX + 1)),
            Err(vec![err(Field::Result, Problem::TooLong { max: TEXT_MAX })])
        );
    }
}
