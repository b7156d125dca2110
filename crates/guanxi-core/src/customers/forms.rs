//! The customer and contact forms; [`crate::model::form`] explains how every form works.

use chrono::NaiveDate;

use crate::marketing::opt_out::OptOutForm;
use crate::model::form::{date_text, join_tags, Errors};
use crate::model::ids::Id;
use crate::model::money::{amount_text, parse_amount};
use crate::model::records::{
    Contact, Customer, CustomerKind, Labeled, Lifecycle, MonthDay, SizeBand, ValueClass,
    DEFAULT_CURRENCY,
};
use crate::model::validate::{self, Field, FieldError, Problem, NAME_MAX, SHORT_MAX, TEXT_MAX};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerForm {
    pub name: String,
    pub kind: CustomerKind,
    pub company: String,
    pub industry: String,
    pub size: SizeBand,
    pub region: String,
    pub source: String,
    /// Tags as typed, separated by any of [`TAG_SEPARATORS`](crate::model::form::TAG_SEPARATORS).
    pub tags: String,
    pub lifecycle: Lifecycle,
    /// Why the customer is moving to decline or termination; asked for by
    /// [`crate::customers::commands::update_customer`] only on such a move.
    pub lifecycle_reason: String,
    pub value_class: ValueClass,
    pub owner: String,
    /// As typed, in the default currency; blank for none.
    pub annual_revenue: String,
    /// As typed, 0–100; blank for the settings' default.
    pub gross_margin_percent: String,
    /// The customer who referred this one.
    pub referred_by: Option<Id>,
    pub phones: Vec<Labeled>,
    pub emails: Vec<Labeled>,
    pub address: String,
    /// As typed; see [`validate::date`] for the accepted spellings.
    pub birthday: String,
    /// A birthday without a year (from an import), kept until a full date is typed or the
    /// user clears it; a date input cannot show one.
    pub birthday_month_day: Option<MonthDay>,
    pub notes: String,
    pub archived: bool,
    /// Do not contact for marketing.
    pub opt_out: OptOutForm,
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
            lifecycle_reason: String::new(),
            value_class: r.value_class,
            owner: r.owner.clone(),
            annual_revenue: r
                .annual_revenue
                .map(|v| amount_text(v, DEFAULT_CURRENCY))
                .unwrap_or_default(),
            gross_margin_percent: r
                .gross_margin_percent
                .map(|p| p.to_string())
                .unwrap_or_default(),
            referred_by: r.referred_by,
            phones: r.phones.clone(),
            emails: r.emails.clone(),
            address: r.address.clone(),
            birthday: date_text(r.birthday),
            birthday_month_day: r.birthday_month_day,
            notes: r.notes.clone(),
            archived: r.archived,
            opt_out: OptOutForm::from_record(r.marketing_opt_out.as_ref()),
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
        r.annual_revenue = e.check(Field::AnnualRevenue, optional_amount(&self.annual_revenue));
        r.gross_margin_percent = e.check(
            Field::GrossMargin,
            validate::percent(&self.gross_margin_percent),
        );
        // A customer cannot refer itself; the form offers only others, this guards hand-made data.
        r.referred_by = self.referred_by.filter(|id| *id != r.id);
        r.phones = e.rows(&self.phones, Field::Phone, validate::phone);
        r.emails = e.rows(&self.emails, Field::Email, validate::email);
        r.address = e.text(Field::Address, &self.address, TEXT_MAX);
        r.birthday = e.check(Field::Birthday, validate::birthday(&self.birthday, today));
        // A full date typed in replaces a yearless birthday from an import.
        r.birthday_month_day = self.birthday_month_day.filter(|_| r.birthday.is_none());
        r.notes = e.text(Field::Notes, &self.notes, TEXT_MAX);
        r.archived = self.archived;
        r.marketing_opt_out = e.opt_out(&self.opt_out, today);
        e.finish(r)
    }
}

/// A manual revenue: blank is none; otherwise a money amount, not negative.
fn optional_amount(s: &str) -> Result<Option<i64>, Problem> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    match parse_amount(s, DEFAULT_CURRENCY)? {
        v if v < 0 => Err(Problem::NegativeAmount),
        v => Ok(Some(v)),
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
    /// As [`CustomerForm::birthday_month_day`].
    pub birthday_month_day: Option<MonthDay>,
    pub notes: String,
    /// Do not contact this person for marketing.
    pub opt_out: OptOutForm,
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
            birthday_month_day: r.birthday_month_day,
            notes: r.notes.clone(),
            opt_out: OptOutForm::from_record(r.marketing_opt_out.as_ref()),
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
        // A full date typed in replaces a yearless birthday from an import.
        r.birthday_month_day = self.birthday_month_day.filter(|_| r.birthday.is_none());
        r.notes = e.text(Field::Notes, &self.notes, TEXT_MAX);
        r.marketing_opt_out = e.opt_out(&self.opt_out, today);
        e.finish(r)
    }
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
            birthday_month_day: None,
            notes: "n".repeat(TEXT_MAX + 1),
            opt_out: OptOutForm {
                active: true,
                ..Default::default()
            },
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
                err(Field::OptOutDate, Problem::Required),
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
    fn a_yearless_birthday_survives_an_edit_until_cleared_or_replaced() {
        let md = MonthDay::parse("--12-09");
        let mut record =
            crate::customers::commands::blank_customer(Id::from_u128(1), Default::default());
        record.name = "Grace Hopper".into();
        record.birthday_month_day = md;
        let mut form = CustomerForm::from_record(&record);
        assert_eq!(form.birthday, "");
        assert_eq!(form.birthday_month_day, md);
        // Another field edited: the yearless birthday stays.
        form.region = "Arlington".into();
        let kept = form.apply(record.clone(), today()).unwrap();
        assert_eq!((kept.birthday, kept.birthday_month_day), (None, md));
        // Cleared in the form: gone.
        let mut cleared = form.clone();
        cleared.birthday_month_day = None;
        assert_eq!(
            cleared
                .apply(record.clone(), today())
                .unwrap()
                .birthday_month_day,
            None
        );
        // A full date typed in replaces it.
        form.birthday = "1906-12-09".into();
        let dated = form.apply(record, today()).unwrap();
        assert_eq!(dated.birthday, NaiveDate::from_ymd_opt(1906, 12, 9));
        assert_eq!(dated.birthday_month_day, None);
    }
}
