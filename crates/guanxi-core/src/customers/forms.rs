//! Forms: records as the UI edits them.
//!
//! Dates and times are kept as the strings the user typed, so that a bad value can be shown
//! back with its error instead of being lost or silently replaced. Validation collects every
//! error at once (at most one per field, in the order the fields appear in the form struct) so
//! the user can fix a whole form in one pass instead of meeting errors one save at a time.
//!
//! Each form's `apply` validates and writes the cleaned values into a record in one step, so
//! what is stored is exactly what was checked; the commands in [`crate::customers::commands`] add the
//! bookkeeping (ids, revisions, timestamps).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::model::ids::Id;
use crate::model::money;
use crate::model::records::{
    Contact, Customer, CustomerKind, FollowUp, Interaction, InteractionKind, Labeled, Lifecycle,
    Opportunity, Settings, SizeBand, ValueClass, DEFAULT_CURRENCY,
};
use crate::model::validate::{
    self, fold_width, Field, FieldError, Problem, NAME_MAX, SHORT_MAX, TEXT_MAX,
};
use crate::pipeline::opportunity::{enter_stage, find_stage, first_open_stage};

/// The separators a tag list may use: ASCII and full-width commas and semicolons, and the
/// enumeration comma `、` that Chinese writers use for lists.
pub const TAG_SEPARATORS: [char; 5] = [',', '，', '、', ';', '；'];

/// Splits a tag list as typed: trimmed, blanks dropped, duplicates (ignoring case and
/// full-width) dropped keeping the first spelling, so `VIP, vip，ＶＩＰ` stays one tag as the
/// user first wrote it.
pub fn split_tags(s: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for tag in s.split(TAG_SEPARATORS).map(str::trim) {
        let key = fold_width(tag).to_lowercase();
        if !tag.is_empty() && !seen.contains(&key) {
            seen.push(key);
            tags.push(tag.to_string());
        }
    }
    tags
}

/// Joins tags for editing. `, ` because it reads naturally in both languages and splits back
/// to the same list.
pub fn join_tags(tags: &[String]) -> String {
    tags.join(", ")
}

/// A date as `<input type=date>` expects it.
fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A time as `<input type=time>` expects it. Seconds only when present, so that re-saving a
/// form does not silently change a stored time, and a plain `HH:MM` stays plain.
fn time_text(t: NaiveTime) -> String {
    if t.second() == 0 && t.nanosecond() == 0 {
        t.format("%H:%M").to_string()
    } else if t.nanosecond() == 0 {
        t.format("%H:%M:%S").to_string()
    } else {
        t.format("%H:%M:%S%.3f").to_string()
    }
}

/// A moment as `<input type=datetime-local>` expects it.
fn datetime_text(at: NaiveDateTime) -> String {
    format!("{}T{}", at.date().format("%Y-%m-%d"), time_text(at.time()))
}

/// Collects errors while the form's values are cleaned. Failed values come back as their
/// default so that every check still runs; they are never stored, since any error makes the
/// whole form fail.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn check<T: Default>(&mut self, field: Field, result: Result<T, Problem>) -> T {
        result.unwrap_or_else(|problem| {
            self.0.push(FieldError::new(field, problem));
            T::default()
        })
    }

    fn text(&mut self, field: Field, s: &str, max: usize) -> String {
        self.check(field, validate::text(s, max).map(str::to_string))
    }

    fn required_text(&mut self, field: Field, s: &str, max: usize) -> String {
        self.check(field, validate::required_text(s, max).map(str::to_string))
    }

    /// A required link to another record. The placeholder id returned on error is never
    /// stored (see the type's note).
    fn required_id(&mut self, field: Field, id: Option<Id>) -> Id {
        id.unwrap_or_else(|| {
            self.0.push(FieldError::new(field, Problem::Required));
            Id::from_u128(0)
        })
    }

    fn tags(&mut self, s: &str) -> Vec<String> {
        self.list(Field::Tags, s)
    }

    /// A list typed like tags (see [`split_tags`]), each item at most [`SHORT_MAX`].
    fn list(&mut self, field: Field, s: &str) -> Vec<String> {
        let tags = split_tags(s);
        let too_long = tags.iter().any(|t| t.chars().count() > SHORT_MAX);
        self.check(
            field,
            if too_long {
                Err(Problem::TooLong { max: SHORT_MAX })
            } else {
                Ok(tags)
            },
        )
    }

    /// Phone or e-mail rows. Blank rows are the UI's empty "add another" rows, not mistakes,
    /// so they are dropped rather than reported. Values are stored trimmed and width-folded.
    fn rows(
        &mut self,
        rows: &[Labeled],
        field: fn(usize) -> Field,
        check: fn(&str) -> Result<(), Problem>,
    ) -> Vec<Labeled> {
        let mut kept = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let value = fold_width(&row.value).trim().to_string();
            if value.is_empty() {
                continue;
            }
            if self.check(field(i), check(&value).map(|()| true)) {
                kept.push(Labeled::new(row.label, value));
            }
        }
        kept
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerForm {
    pub name: String,
    pub kind: CustomerKind,
    pub company: String,
    pub industry: String,
    pub size: SizeBand,
    pub region: String,
    pub source: String,
    /// Tags as typed, separated by any of [`TAG_SEPARATORS`].
    pub tags: String,
    pub lifecycle: Lifecycle,
    pub value_class: ValueClass,
    pub owner: String,
    pub phones: Vec<Labeled>,
    pub emails: Vec<Labeled>,
    pub address: String,
    /// As typed; see [`validate::date`] for the accepted spellings.
    pub birthday: String,
    pub notes: String,
    pub archived: bool,
}

impl CustomerForm {
    pub fn from_record(r: &Customer) -> Self {
        CustomerForm {
            name: r.name.clone(),
            kind: r.kind,
            company: r.company.clone(),
            industry: r.industry.clone(),
            size: r.size,
            region: r.region.clone(),
            source: r.source.clone(),
            tags: join_tags(&r.tags),
            lifecycle: r.lifecycle,
            value_class: r.value_class,
            owner: r.owner.clone(),
            phones: r.phones.clone(),
            emails: r.emails.clone(),
            address: r.address.clone(),
            birthday: date_text(r.birthday),
            notes: r.notes.clone(),
            archived: r.archived,
        }
    }

    /// Checks the form; `today` bounds the birthday (this crate never reads the clock).
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let placeholder =
            crate::customers::commands::blank_customer(Id::from_u128(0), Default::default());
        self.apply(placeholder, today).map(drop)
    }

    /// Validates and writes the form's fields into `r`, leaving its bookkeeping alone.
    pub(crate) fn apply(
        &self,
        mut r: Customer,
        today: NaiveDate,
    ) -> Result<Customer, Vec<FieldError>> {
        let mut e = Errors::default();
        r.name = e.required_text(Field::Name, &self.name, NAME_MAX);
        r.kind = self.kind;
        r.company = e.text(Field::Company, &self.company, SHORT_MAX);
        r.industry = e.text(Field::Industry, &self.industry, SHORT_MAX);
        r.size = self.size;
        r.region = e.text(Field::Region, &self.region, SHORT_MAX);
        r.source = e.text(Field::Source, &self.source, SHORT_MAX);
        r.tags = e.tags(&self.tags);
        r.lifecycle = self.lifecycle;
        r.value_class = self.value_class;
        r.owner = e.text(Field::Owner, &self.owner, SHORT_MAX);
        r.phones = e.rows(&self.phones, Field::Phone, validate::phone);
        r.emails = e.rows(&self.emails, Field::Email, validate::email);
        r.address = e.text(Field::Address, &self.address, TEXT_MAX);
        r.birthday = e.check(Field::Birthday, validate::birthday(&self.birthday, today));
        r.notes = e.text(Field::Notes, &self.notes, TEXT_MAX);
        r.archived = self.archived;
        e.finish(r)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactForm {
    pub customer_id: Option<Id>,
    pub name: String,
    pub title: String,
    pub department: String,
    pub reports_to: Option<Id>,
    pub phones: Vec<Labeled>,
    pub emails: Vec<Labeled>,
    pub birthday: String,
    pub notes: String,
}

impl ContactForm {
    pub fn from_record(r: &Contact) -> Self {
        ContactForm {
            customer_id: Some(r.customer_id),
            name: r.name.clone(),
            title: r.title.clone(),
            department: r.department.clone(),
            reports_to: r.reports_to,
            phones: r.phones.clone(),
            emails: r.emails.clone(),
            birthday: date_text(r.birthday),
            notes: r.notes.clone(),
        }
    }

    /// Checks a form for a new contact, which cannot yet be anyone's manager, itself included.
    /// Use [`ContactForm::validate_for`] when editing an existing contact.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.validate_for(None, today)
    }

    /// Checks the form for the contact `own_id`, so that "reports to" cannot point at itself.
    ///
    /// Longer loops (A reports to B reports to A) need the whole organisation tree and are not
    /// checked here.
    pub fn validate_for(
        &self,
        own_id: Option<Id>,
        today: NaiveDate,
    ) -> Result<(), Vec<FieldError>> {
        let id = own_id.unwrap_or(Id::from_u128(0));
        let placeholder = crate::customers::commands::blank_contact(id, id, Default::default());
        self.apply(placeholder, own_id, today).map(drop)
    }

    pub(crate) fn apply(
        &self,
        mut r: Contact,
        own_id: Option<Id>,
        today: NaiveDate,
    ) -> Result<Contact, Vec<FieldError>> {
        let mut e = Errors::default();
        r.customer_id = e.required_id(Field::Customer, self.customer_id);
        r.name = e.required_text(Field::Name, &self.name, NAME_MAX);
        r.title = e.text(Field::Title, &self.title, SHORT_MAX);
        r.department = e.text(Field::Department, &self.department, SHORT_MAX);
        r.reports_to = e.check(
            Field::ReportsTo,
            match (own_id, self.reports_to) {
                (Some(own), Some(boss)) if own == boss => Err(Problem::SelfReference),
                _ => Ok(self.reports_to),
            },
        );
        r.phones = e.rows(&self.phones, Field::Phone, validate::phone);
        r.emails = e.rows(&self.emails, Field::Email, validate::email);
        r.birthday = e.check(Field::Birthday, validate::birthday(&self.birthday, today));
        r.notes = e.text(Field::Notes, &self.notes, TEXT_MAX);
        e.finish(r)
    }
}

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
        }
    }

    /// Checks the form. `today` is unused for now (a contact may be logged ahead, e.g. a
    /// meeting later today) but kept so every form validates the same way.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let _ = today;
        let placeholder = crate::customers::commands::blank_interaction(
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
        }
    }

    /// Checks the form. A due date in the past is allowed: entering overdue work is normal.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let _ = today;
        let placeholder = crate::customers::commands::blank_follow_up(
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
        e.finish(r)
    }
}

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
    /// Separated like tags (see [`TAG_SEPARATORS`]).
    pub competitors: String,
    pub next_step: String,
    /// Required for a won or lost stage, ignored (and cleared) for an open one.
    pub close_reason: String,
    /// For a won or lost stage: blank means today; cannot be in the future.
    pub closed_on: String,
    pub notes: String,
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
        }
    }

    /// Checks the form against the settings' stages; `today` bounds the close date.
    pub fn validate(&self, settings: &Settings, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let placeholder = crate::customers::commands::blank_opportunity(
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

/// Checks the result text entered when completing a follow-up, which
/// [`crate::customers::commands::complete_follow_up`] takes as is. Optional: "done" needs no comment.
pub fn validate_follow_up_result(result: &str) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.text(Field::Result, result, TEXT_MAX);
    e.finish(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::Label;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    }

    fn err(field: Field, problem: Problem) -> FieldError {
        FieldError::new(field, problem)
    }

    #[test]
    fn tags_split_on_every_separator_trim_and_dedupe() {
        assert_eq!(
            split_tags(" VIP, 重要客户，老客户、vip; 北京；;  , Vip ,ＶＩＰ,华东 "),
            vec!["VIP", "重要客户", "老客户", "北京", "华东"]
        );
        assert_eq!(split_tags(""), Vec::<String>::new());
        assert_eq!(split_tags(" ,，、;； "), Vec::<String>::new());
        assert_eq!(split_tags("New York, new york"), vec!["New York"]);
        assert_eq!(
            split_tags(&join_tags(&split_tags("a、b，c"))),
            vec!["a", "b", "c"]
        );
    }

    #[test]
    fn customer_form_defaults_need_only_a_name() {
        assert_eq!(
            CustomerForm::default().validate(today()),
            Err(vec![err(Field::Name, Problem::Required)])
        );
        let form = CustomerForm {
            name: "  华为  ".into(),
            ..Default::default()
        };
        assert_eq!(form.validate(today()), Ok(()));
    }

    #[test]
    fn customer_form_collects_all_errors_in_field_order() {
        let long = "x".repeat(SHORT_MAX + 1);
        let form = CustomerForm {
            name: " ".into(),
            company: long.clone(),
            industry: long.clone(),
            region: long.clone(),
            source: long.clone(),
            tags: format!("ok, {long}"),
            owner: long.clone(),
            phones: vec![
                Labeled::new(Label::Work, "010-12345678"),
                Labeled::new(Label::Mobile, "   "),
                Labeled::new(Label::Mobile, "12345"),
            ],
            emails: vec![
                Labeled::new(Label::Work, ""),
                Labeled::new(Label::Work, "not-an-email"),
                Labeled::new(Label::Home, "also@bad"),
            ],
            address: "a".repeat(TEXT_MAX + 1),
            birthday: "2026-02-30".into(),
            notes: "n".repeat(TEXT_MAX + 1),
            ..Default::default()
        };
        let short = Problem::TooLong { max: SHORT_MAX };
        let text = Problem::TooLong { max: TEXT_MAX };
        assert_eq!(
            form.validate(today()),
            Err(vec![
                err(Field::Name, Problem::Required),
                err(Field::Company, short),
                err(Field::Industry, short),
                err(Field::Region, short),
                err(Field::Source, short),
                err(Field::Tags, short),
                err(Field::Owner, short),
                err(Field::Phone(2), Problem::InvalidPhone),
                err(Field::Email(1), Problem::InvalidEmail),
                err(Field::Email(2), Problem::InvalidEmail),
                err(Field::Address, text),
                err(Field::Birthday, Problem::InvalidDate),
                err(Field::Notes, text),
            ])
        );
    }

    #[test]
    fn customer_form_reports_future_and_ancient_birthdays() {
        let mut form = CustomerForm {
            name: "王芳".into(),
            kind: CustomerKind::Person,
            birthday: "2026-03-06".into(),
            ..Default::default()
        };
        assert_eq!(
            form.validate(today()),
            Err(vec![err(Field::Birthday, Problem::DateInFuture)])
        );
        form.birthday = "1899年12月31日".into();
        assert_eq!(
            form.validate(today()),
            Err(vec![err(Field::Birthday, Problem::InvalidDate)])
        );
        form.birthday = "1980年7月1日".into();
        assert_eq!(form.validate(today()), Ok(()));
    }

    #[test]
    fn customer_name_limit_counts_characters() {
        let mut form = CustomerForm {
            name: "龙".repeat(NAME_MAX),
            ..Default::default()
        };
        assert_eq!(form.validate(today()), Ok(()));
        form.name.push('龙');
        assert_eq!(
            form.validate(today()),
            Err(vec![err(Field::Name, Problem::TooLong { max: NAME_MAX })])
        );
    }

    #[test]
    fn customer_apply_trims_drops_blank_rows_and_folds_width() {
        let form = CustomerForm {
            name: "  上海某某贸易有限公司 \n".into(),
            company: " 某某集团 ".into(),
            industry: "\t制造业 ".into(),
            size: SizeBand::Medium,
            region: " 华东 ".into(),
            source: " 展会 ".into(),
            tags: "VIP，重要、vip".into(),
            lifecycle: Lifecycle::Growth,
            value_class: ValueClass::A,
            owner: " 李雷 ".into(),
            phones: vec![
                Labeled::new(Label::Work, "  "),
                Labeled::new(Label::Mobile, " １３８ ００１３ ８０００ "),
                Labeled::new(Label::Fax, ""),
            ],
            emails: vec![Labeled::new(Label::Work, " Sales＠Example.com ")],
            address: " 上海市浦东新区 ".into(),
            birthday: " 2001年2月3日 ".into(),
            notes: "  备注 😀  ".into(),
            archived: true,
            ..Default::default()
        };
        let blank =
            crate::customers::commands::blank_customer(Id::from_u128(7), Default::default());
        let c = form.apply(blank, today()).unwrap();
        assert_eq!(c.name, "上海某某贸易有限公司");
        assert_eq!(c.company, "某某集团");
        assert_eq!(c.industry, "制造业");
        assert_eq!(c.size, SizeBand::Medium);
        assert_eq!(c.region, "华东");
        assert_eq!(c.source, "展会");
        assert_eq!(c.tags, vec!["VIP", "重要"]);
        assert_eq!(c.lifecycle, Lifecycle::Growth);
        assert_eq!(c.value_class, ValueClass::A);
        assert_eq!(c.owner, "李雷");
        assert_eq!(c.phones, vec![Labeled::new(Label::Mobile, "138 0013 8000")]);
        assert_eq!(
            c.emails,
            vec![Labeled::new(Label::Work, "Sales@Example.com")]
        );
        assert_eq!(c.address, "上海市浦东新区");
        assert_eq!(c.birthday, NaiveDate::from_ymd_opt(2001, 2, 3));
        assert_eq!(c.notes, "备注 😀");
        assert!(c.archived);
        assert_eq!(c.id, Id::from_u128(7));
    }

    #[test]
    fn customer_form_round_trips_through_a_record() {
        let form = CustomerForm {
            name: "Acme".into(),
            tags: "a, b".into(),
            phones: vec![Labeled::new(Label::Work, "010-12345678")],
            birthday: "1990-01-02".into(),
            ..Default::default()
        };
        let blank =
            crate::customers::commands::blank_customer(Id::from_u128(1), Default::default());
        let c = form.apply(blank, today()).unwrap();
        assert_eq!(CustomerForm::from_record(&c), form);
    }

    #[test]
    fn contact_form_rules() {
        let own = Id::from_u128(10);
        let boss = Id::from_u128(11);
        let mut form = ContactForm {
            customer_id: Some(Id::from_u128(1)),
            name: " 张伟 ".into(),
            title: " 采购经理 ".into(),
            department: " 采购部 ".into(),
            reports_to: Some(own),
            ..Default::default()
        };
        assert_eq!(
            form.validate(today()),
            Ok(()),
            "a new contact has no id yet"
        );
        assert_eq!(
            form.validate_for(Some(own), today()),
            Err(vec![err(Field::ReportsTo, Problem::SelfReference)])
        );
        form.reports_to = Some(boss);
        assert_eq!(form.validate_for(Some(own), today()), Ok(()));

        let bad = ContactForm {
            customer_id: None,
            name: "".into(),
            title: "t".repeat(SHORT_MAX + 1),
            department: "d".repeat(SHORT_MAX + 1),
            reports_to: Some(own),
            phones: vec![Labeled::new(Label::Mobile, "1380013800")],
            emails: vec![Labeled::new(Label::Work, "x@y")],
            birthday: "2030-01-01".into(),
            notes: "n".repeat(TEXT_MAX + 1),
        };
        assert_eq!(
            bad.validate_for(Some(own), today()),
            Err(vec![
                err(Field::Customer, Problem::Required),
                err(Field::Name, Problem::Required),
                err(Field::Title, Problem::TooLong { max: SHORT_MAX }),
                err(Field::Department, Problem::TooLong { max: SHORT_MAX }),
                err(Field::ReportsTo, Problem::SelfReference),
                err(Field::Phone(0), Problem::InvalidPhone),
                err(Field::Email(0), Problem::InvalidEmail),
                err(Field::Birthday, Problem::DateInFuture),
                err(Field::Notes, Problem::TooLong { max: TEXT_MAX }),
            ])
        );
    }

    #[test]
    fn contact_form_round_trips_through_a_record() {
        let form = ContactForm {
            customer_id: Some(Id::from_u128(1)),
            name: "李娜".into(),
            reports_to: Some(Id::from_u128(3)),
            emails: vec![Labeled::new(Label::Work, "li.na@例子.中国")],
            birthday: "1985-12-24".into(),
            ..Default::default()
        };
        let blank = crate::customers::commands::blank_contact(
            Id::from_u128(2),
            Id::from_u128(0),
            Default::default(),
        );
        let c = form.apply(blank, Some(Id::from_u128(2)), today()).unwrap();
        assert_eq!(c.customer_id, Id::from_u128(1));
        assert_eq!(ContactForm::from_record(&c), form);
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
        };
        assert_eq!(
            form.validate(today()),
            Err(vec![
                err(Field::At, Problem::InvalidTime),
                err(Field::Summary, Problem::Required),
                err(Field::Outcome, Problem::TooLong { max: TEXT_MAX }),
            ])
        );
        form.at = "2026-03-05T09:30".into();
        form.summary = " 拜访，介绍新产品 ".into();
        form.outcome = " 有意向 ".into();
        assert_eq!(form.validate(today()), Ok(()));
        let blank = crate::customers::commands::blank_interaction(
            Id::from_u128(5),
            Id::from_u128(0),
            NaiveDateTime::default(),
            Default::default(),
        );
        let r = form.apply(blank).unwrap();
        assert_eq!(r.summary, "拜访，介绍新产品");
        assert_eq!(r.outcome, "有意向");
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
        };
        assert_eq!(
            form.validate(today()),
            Err(vec![
                err(Field::Due, Problem::InvalidDate),
                err(Field::Time, Problem::InvalidTime),
                err(Field::Purpose, Problem::TooLong { max: TEXT_MAX }),
                err(Field::Place, Problem::TooLong { max: SHORT_MAX }),
                err(Field::Owner, Problem::TooLong { max: SHORT_MAX }),
            ])
        );
        // Overdue plans may be entered; the time is optional.
        form.due = "2020/1/2".into();
        form.time = "".into();
        form.purpose = " 回访 ".into();
        form.place = " 北京朝阳 ".into();
        form.owner = " 韩梅梅 ".into();
        assert_eq!(form.validate(today()), Ok(()));
        let blank = crate::customers::commands::blank_follow_up(
            Id::from_u128(9),
            Id::from_u128(0),
            NaiveDate::default(),
            Default::default(),
        );
        let f = form.apply(blank).unwrap();
        assert_eq!(f.due, NaiveDate::from_ymd_opt(2020, 1, 2).unwrap());
        assert_eq!(f.time, None);
        assert_eq!(f.opportunity_id, Some(Id::from_u128(3)));
        assert_eq!(
            (f.purpose.as_str(), f.place.as_str(), f.owner.as_str()),
            ("回访", "北京朝阳", "韩梅梅")
        );
        let back = FollowUpForm::from_record(&f);
        assert_eq!(back.due, "2020-01-02");
        assert_eq!(back.time, "");
        form.time = "9:05".into();
        let f = form.apply(f).unwrap();
        assert_eq!(f.time, NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(FollowUpForm::from_record(&f).time, "09:05");
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
        let blank = crate::customers::commands::blank_opportunity(
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
