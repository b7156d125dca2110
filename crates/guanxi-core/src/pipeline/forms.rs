//! The opportunity form; [`crate::model::form`] explains how every form works.

use chrono::NaiveDate;

use crate::model::form::{date_text, join_tags, Errors};
use crate::model::ids::Id;
use crate::model::money;
use crate::model::records::{Opportunity, Settings, DEFAULT_CURRENCY};
use crate::model::validate::{self, Field, FieldError, Problem, NAME_MAX, SHORT_MAX, TEXT_MAX};
use crate::pipeline::opportunity::{enter_stage, find_stage, first_open_stage};

/// A sales opportunity as the form edits it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OpportunityForm {
    pub customer_id: Option<Id>,
    pub title: String,
    /// As typed; see [`money::parse_amount`] for what is understood (`800,000`, `¥80万`, …).
    pub amount: String,
    /// ISO 4217 code; [`OpportunityForm::new`] fills in the default currency.
    pub currency: String,
    /// A [`crate::model::records::Stage::id`].
    pub stage: String,
    /// Percent as typed. Blank means "the stage's default" and is what an opportunity that
    /// follows its stage shows; a number other than the default overrides it. Ignored for a
    /// won or lost stage, whose outcome decides.
    pub probability: String,
    pub expected_close: String,
    pub owner: String,
    pub source: String,
    /// Separated like tags (see [`TAG_SEPARATORS`](crate::model::form::TAG_SEPARATORS)).
    pub competitors: String,
    pub next_step: String,
    /// Required for a won or lost stage, ignored (and cleared) for an open one.
    pub close_reason: String,
    /// For a won or lost stage: blank means today; cannot be in the future.
    pub closed_on: String,
    pub notes: String,
    /// The campaign that brought the deal, if any.
    pub campaign_id: Option<Id>,
}

impl OpportunityForm {
    /// A blank form in the settings' default currency and first open stage.
    pub fn new(settings: &Settings, customer_id: Option<Id>) -> Self {
        OpportunityForm {
            customer_id,
            currency: match settings.currency.trim() {
                "" => DEFAULT_CURRENCY.to_string(),
                c => c.to_string(),
            },
            stage: first_open_stage(settings).id.clone(),
            ..Default::default()
        }
    }

    pub fn from_record(r: &Opportunity) -> Self {
        OpportunityForm {
            customer_id: Some(r.customer_id),
            title: r.title.clone(),
            amount: money::amount_text(r.amount, &r.currency),
            currency: r.currency.clone(),
            stage: r.stage.clone(),
            probability: if r.probability_overridden {
                r.probability.to_string()
            } else {
                String::new()
            },
            expected_close: date_text(r.expected_close),
            owner: r.owner.clone(),
            source: r.source.clone(),
            competitors: join_tags(&r.competitors),
            next_step: r.next_step.clone(),
            close_reason: r.close_reason.clone(),
            closed_on: date_text(r.closed_on),
            notes: r.notes.clone(),
            campaign_id: r.campaign_id,
        }
    }

    /// Checks the form against the settings' stages; `today` bounds the close date.
    pub fn validate(&self, settings: &Settings, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let placeholder = crate::pipeline::commands::blank_opportunity(
            Id::from_u128(0),
            Id::from_u128(0),
            Default::default(),
        );
        self.apply(placeholder, settings, today).map(drop)
    }

    /// Validates and writes the form's fields into `r`, leaving its bookkeeping alone. The
    /// stage, probability and close fields go through the same rule as
    /// [`crate::pipeline::opportunity::move_to_stage`], except that the close date may be given.
    pub(crate) fn apply(
        &self,
        mut r: Opportunity,
        settings: &Settings,
        today: NaiveDate,
    ) -> Result<Opportunity, Vec<FieldError>> {
        let mut e = Errors::default();
        r.customer_id = e.required_id(Field::Customer, self.customer_id);
        r.title = e.required_text(Field::OpportunityTitle, &self.title, NAME_MAX);
        let currency = money::parse_currency(&self.currency);
        // The amount's decimals depend on the currency; a bad currency is reported on its own
        // field, and the amount is still checked as if it were the default one.
        let amount_currency = currency.clone().unwrap_or_else(|_| DEFAULT_CURRENCY.into());
        r.amount = e.check(
            Field::Amount,
            money::parse_amount(&self.amount, &amount_currency),
        );
        r.currency = e.check(Field::Currency, currency);
        let stage = e.check(
            Field::Stage,
            match self.stage.trim() {
                "" => Err(Problem::Required),
                id => find_stage(settings, id)
                    .cloned()
                    .map(Some)
                    .ok_or(Problem::UnknownStage),
            },
        );
        let closing = stage.as_ref().is_some_and(|s| s.outcome.is_closed());
        let wanted = e.check(Field::Probability, validate::percent(&self.probability));
        r.expected_close = e.check(Field::ExpectedClose, validate::date(&self.expected_close));
        r.owner = e.text(Field::Owner, &self.owner, SHORT_MAX);
        r.source = e.text(Field::Source, &self.source, SHORT_MAX);
        r.campaign_id = self.campaign_id;
        r.competitors = e.list(Field::Competitors, &self.competitors);
        r.next_step = e.text(Field::NextStep, &self.next_step, SHORT_MAX);
        let (reason, closed_on) = if closing {
            (
                e.required_text(Field::CloseReason, &self.close_reason, SHORT_MAX),
                e.check(Field::ClosedOn, validate::past_date(&self.closed_on, today)),
            )
        } else {
            (String::new(), None)
        };
        r.notes = e.text(Field::Notes, &self.notes, TEXT_MAX);
        if let Some(stage) = stage {
            enter_stage(&mut r, &stage, wanted, &reason, closed_on.unwrap_or(today));
        }
        e.finish(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    }

    fn err(field: Field, problem: Problem) -> FieldError {
        FieldError::new(field, problem)
    }

    fn settings() -> Settings {
        Settings::default()
    }

    fn opportunity_form() -> OpportunityForm {
        OpportunityForm {
            title: " ERP 二期 ".into(),
            amount: "¥800,000".into(),
            owner: " 李雷 ".into(),
            competitors: "用友、SAP, 用友".into(),
            expected_close: "2026年4月30日".into(),
            ..OpportunityForm::new(&settings(), Some(Id::from_u128(1)))
        }
    }

    fn apply_opportunity(form: &OpportunityForm) -> Result<Opportunity, Vec<FieldError>> {
        let blank = crate::pipeline::commands::blank_opportunity(
            Id::from_u128(9),
            Id::from_u128(0),
            Default::default(),
        );
        form.apply(blank, &settings(), today())
    }

    #[test]
    fn opportunity_form_starts_in_the_default_currency_and_first_stage() {
        let mut s = settings();
        let form = OpportunityForm::new(&s, None);
        assert_eq!(
            (form.currency.as_str(), form.stage.as_str()),
            ("CNY", "qualification")
        );
        s.currency = "USD".into();
        s.stages.remove(0);
        let form = OpportunityForm::new(&s, Some(Id::from_u128(3)));
        assert_eq!(
            (form.currency.as_str(), form.stage.as_str()),
            ("USD", "needs_analysis")
        );
        assert_eq!(form.customer_id, Some(Id::from_u128(3)));
    }

    #[test]
    fn opportunity_form_cleans_and_stores() {
        let o = apply_opportunity(&opportunity_form()).unwrap();
        assert_eq!(o.customer_id, Id::from_u128(1));
        assert_eq!(o.title, "ERP 二期");
        assert_eq!((o.amount, o.currency.as_str()), (80_000_000, "CNY"));
        assert_eq!(o.stage, "qualification");
        assert_eq!((o.probability, o.probability_overridden), (10, false));
        assert_eq!(o.expected_close, NaiveDate::from_ymd_opt(2026, 4, 30));
        assert_eq!(o.owner, "李雷");
        assert_eq!(o.competitors, vec!["用友", "SAP"]);
        assert_eq!((o.close_reason.as_str(), o.closed_on), ("", None));
        // And back: the form shows what is stored, and saving it again changes nothing.
        let back = OpportunityForm::from_record(&o);
        assert_eq!(back.amount, "800000");
        assert_eq!(back.probability, "", "follows the stage");
        assert_eq!(back.expected_close, "2026-04-30");
        assert_eq!(back.competitors, "用友, SAP");
        assert_eq!(back.apply(o.clone(), &settings(), today()), Ok(o));

        let mut yen = opportunity_form();
        yen.currency = " jpy ".into();
        yen.amount = "80万".into();
        let o = apply_opportunity(&yen).unwrap();
        assert_eq!((o.amount, o.currency.as_str()), (800_000, "JPY"));
    }

    #[test]
    fn opportunity_form_collects_all_errors_in_field_order() {
        let short = Problem::TooLong { max: SHORT_MAX };
        assert_eq!(
            OpportunityForm::default().validate(&settings(), today()),
            Err(vec![
                err(Field::Customer, Problem::Required),
                err(Field::OpportunityTitle, Problem::Required),
                err(Field::Amount, Problem::Required),
                err(Field::Currency, Problem::Required),
                err(Field::Stage, Problem::Required),
            ])
        );
        let long = "x".repeat(SHORT_MAX + 1);
        let bad = OpportunityForm {
            customer_id: Some(Id::from_u128(1)),
            title: "t".repeat(NAME_MAX + 1),
            amount: "-5".into(),
            currency: "RMB元".into(),
            stage: "gone".into(),
            probability: "120%".into(),
            expected_close: "2026-02-30".into(),
            owner: long.clone(),
            source: long.clone(),
            competitors: format!("用友, {long}"),
            next_step: long.clone(),
            close_reason: long.clone(),
            closed_on: "not a date".into(),
            notes: "n".repeat(TEXT_MAX + 1),
            campaign_id: None,
        };
        assert_eq!(
            bad.validate(&settings(), today()),
            Err(vec![
                err(Field::OpportunityTitle, Problem::TooLong { max: NAME_MAX }),
                err(Field::Amount, Problem::NegativeAmount),
                err(Field::Currency, Problem::InvalidCurrency),
                err(Field::Stage, Problem::UnknownStage),
                err(Field::Probability, Problem::InvalidPercent),
                err(Field::ExpectedClose, Problem::InvalidDate),
                err(Field::Owner, short),
                err(Field::Source, short),
                err(Field::Competitors, short),
                err(Field::NextStep, short),
                err(Field::Notes, Problem::TooLong { max: TEXT_MAX }),
            ]),
            "close fields are not checked for an unknown stage"
        );
        let mut form = opportunity_form();
        form.amount = "800.505".into();
        assert_eq!(
            form.validate(&settings(), today()),
            Err(vec![err(Field::Amount, Problem::InvalidAmount)])
        );
        // An expected close date in the past is allowed: overdue deals are real.
        form.amount = "1".into();
        form.expected_close = "2020-01-01".into();
        assert_eq!(form.validate(&settings(), today()), Ok(()));
    }

    #[test]
    fn opportunity_form_probability_defaults_and_overrides() {
        let mut form = opportunity_form();
        form.stage = "proposal".into();
        let o = apply_opportunity(&form).unwrap();
        assert_eq!((o.probability, o.probability_overridden), (50, false));
        form.probability = "50%".into();
        let o = apply_opportunity(&form).unwrap();
        assert_eq!(
            (o.probability, o.probability_overridden),
            (50, false),
            "the default itself is no override"
        );
        form.probability = "65".into();
        let o = apply_opportunity(&form).unwrap();
        assert_eq!((o.probability, o.probability_overridden), (65, true));
        assert_eq!(OpportunityForm::from_record(&o).probability, "65");

        // A new stage: an override stays, a blank field follows the new stage.
        let mut edit = OpportunityForm::from_record(&o);
        edit.stage = "negotiation".into();
        let moved = edit.apply(o.clone(), &settings(), today()).unwrap();
        assert_eq!(
            (moved.probability, moved.probability_overridden),
            (65, true)
        );
        edit.probability.clear();
        let reset = edit.apply(o.clone(), &settings(), today()).unwrap();
        assert_eq!(
            (reset.probability, reset.probability_overridden),
            (80, false)
        );
    }

    #[test]
    fn opportunity_form_closing_rules() {
        let mut form = opportunity_form();
        form.stage = "won".into();
        form.probability = "65".into();
        assert_eq!(
            form.validate(&settings(), today()),
            Err(vec![err(Field::CloseReason, Problem::Required)])
        );
        form.close_reason = " 价格优势 Price ".into();
        let won = apply_opportunity(&form).unwrap();
        assert_eq!(won.close_reason, "价格优势 Price");
        assert_eq!(won.closed_on, Some(today()), "blank means today");
        assert_eq!((won.probability, won.probability_overridden), (100, false));
        assert_eq!(OpportunityForm::from_record(&won).closed_on, "2026-03-05");

        form.closed_on = "2026-02-27".into();
        let earlier = apply_opportunity(&form).unwrap();
        assert_eq!(earlier.closed_on, NaiveDate::from_ymd_opt(2026, 2, 27));
        form.closed_on = "2026-03-06".into();
        assert_eq!(
            form.validate(&settings(), today()),
            Err(vec![err(Field::ClosedOn, Problem::DateInFuture)])
        );

        form.stage = "lost".into();
        form.closed_on.clear();
        let lost = apply_opportunity(&form).unwrap();
        assert_eq!((lost.probability, lost.closed_on), (0, Some(today())));

        // Back to an open stage: reason and date go, whatever the form still says.
        let mut reopen = OpportunityForm::from_record(&lost);
        reopen.stage = "proposal".into();
        let open = reopen.apply(lost, &settings(), today()).unwrap();
        assert_eq!((open.close_reason.as_str(), open.closed_on), ("", None));
        assert_eq!((open.probability, open.probability_overridden), (50, false));
    }

    #[test]
    fn opportunity_in_an_unknown_stage_must_be_given_one_when_edited() {
        let mut o = apply_opportunity(&opportunity_form()).unwrap();
        o.stage = "from-elsewhere".into();
        let form = OpportunityForm::from_record(&o);
        assert_eq!(
            form.apply(o.clone(), &settings(), today()),
            Err(vec![err(Field::Stage, Problem::UnknownStage)])
        );
    }
}
