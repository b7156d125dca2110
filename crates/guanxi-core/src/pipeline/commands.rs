//! Commands for opportunities, by the rules in [`crate::customers::commands`]. Moving one to
//! another stage on the board is [`crate::pipeline::opportunity::move_to_stage`].

use chrono::NaiveDate;

use crate::model::ids::{Id, Timestamp};
use crate::model::records::{Opportunity, Record, Settings};
use crate::model::validate::FieldError;
use crate::pipeline::forms::OpportunityForm;

/// An opportunity with nothing but bookkeeping; the form sets the stage and currency.
pub(crate) fn blank_opportunity(id: Id, customer_id: Id, now: Timestamp) -> Opportunity {
    Opportunity {
        id,
        created_at: now,
        updated_at: now,
        deleted_at: None,
        rev: 1,
        customer_id,
        title: String::new(),
        amount: 0,
        currency: String::new(),
        stage: String::new(),
        probability: 0,
        probability_overridden: false,
        expected_close: None,
        owner: String::new(),
        source: String::new(),
        competitors: Vec::new(),
        next_step: String::new(),
        close_reason: String::new(),
        closed_on: None,
        notes: String::new(),
        collections: Vec::new(),
        campaign_id: None,
    }
}

/// A new opportunity. Its probability is the stage's default unless the form overrides it;
/// created straight into a won or lost stage (entering a past deal), it needs a reason and
/// gets its close date (today if the form leaves it blank).
pub fn create_opportunity(
    form: &OpportunityForm,
    settings: &Settings,
    id: Id,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Opportunity, Vec<FieldError>> {
    // The customer id is a placeholder until `apply` sets it (or fails for its absence).
    form.apply(blank_opportunity(id, id, now), settings, today)
}

/// Everything the form shows is replaced, by the rules of
/// [`crate::pipeline::opportunity::move_to_stage`] for the stage: a blank probability follows the
/// (possibly new) stage's default, a number other than the default is an override.
pub fn update_opportunity(
    existing: &Opportunity,
    form: &OpportunityForm,
    settings: &Settings,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Opportunity, Vec<FieldError>> {
    let mut r = form.apply(existing.clone(), settings, today)?;
    r.touch(now);
    Ok(r)
}

impl crate::model::form::RecordForm for OpportunityForm {
    type Record = Opportunity;
    type Context = Settings;

    fn create(
        &self,
        settings: &Settings,
        id: Id,
        now: Timestamp,
        today: NaiveDate,
    ) -> Result<Opportunity, Vec<FieldError>> {
        create_opportunity(self, settings, id, now, today)
    }

    fn update(
        &self,
        existing: &Opportunity,
        settings: &Settings,
        now: Timestamp,
        today: NaiveDate,
    ) -> Result<Opportunity, Vec<FieldError>> {
        update_opportunity(existing, self, settings, now, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::commands::tests::{today, T0, T1};
    use crate::model::validate::{Field, Problem};

    #[test]
    fn opportunity_commands() {
        let settings = Settings::default();
        let form = OpportunityForm {
            title: "ERP 二期".into(),
            amount: "80万".into(),
            stage: "negotiation".into(),
            ..OpportunityForm::new(&settings, Some(Id::from_u128(1)))
        };
        let o = create_opportunity(&form, &settings, Id::from_u128(70), T0, today()).unwrap();
        assert_eq!(
            (
                o.id,
                o.customer_id,
                o.rev,
                o.created_at,
                o.updated_at,
                o.deleted_at
            ),
            (Id::from_u128(70), Id::from_u128(1), 1, T0, T0, None)
        );
        assert_eq!(
            (o.amount, o.probability, o.probability_overridden),
            (80_000_000, 80, false)
        );

        let mut edit = OpportunityForm::from_record(&o);
        edit.stage = "won".into();
        edit.close_reason = "价格优势 Price".into();
        let won = update_opportunity(&o, &edit, &settings, T1, today()).unwrap();
        assert_eq!(
            (won.id, won.created_at, won.rev, won.updated_at),
            (o.id, T0, 2, T1)
        );
        assert_eq!((won.probability, won.closed_on), (100, Some(today())));

        let bad = OpportunityForm {
            customer_id: None,
            ..form
        };
        assert_eq!(
            create_opportunity(&bad, &settings, Id::from_u128(70), T0, today()),
            Err(vec![FieldError::new(Field::Customer, Problem::Required)])
        );
    }
}
