//! The case form and the moves a case makes, by the rules in [`crate::customers::commands`]:
//! pure functions, time passed in, every change through [`Record::touch`].

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::form::{datetime_text, Errors};
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{Record, Settings};
use crate::model::validate::{self, Field, FieldError, Problem, NAME_MAX, SHORT_MAX, TEXT_MAX};
use crate::service::case::{CaseChannel, CaseEvent, CasePriority, CaseStatus, ServiceCase};

/// A case as the form edits it: what the customer reported. The status moves through
/// [`move_case`], never through the form, so the history always records why it changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseForm {
    pub customer_id: Option<Id>,
    pub contact_id: Option<Id>,
    /// A [`crate::service::case::CaseKind::id`].
    pub kind: String,
    pub channel: CaseChannel,
    pub priority: CasePriority,
    pub subject: String,
    pub description: String,
    pub owner: String,
    /// `datetime-local` text; blank means now.
    pub opened_at: String,
    pub article_id: Option<Id>,
}

impl CaseForm {
    /// A blank form with the settings' first kind.
    pub fn new(settings: &Settings, customer_id: Option<Id>) -> Self {
        CaseForm {
            customer_id,
            kind: settings
                .case_kinds
                .first()
                .map(|k| k.id.clone())
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    pub fn from_record(r: &ServiceCase) -> Self {
        CaseForm {
            customer_id: Some(r.customer_id),
            contact_id: r.contact_id,
            kind: r.kind.clone(),
            channel: r.channel,
            priority: r.priority,
            subject: r.subject.clone(),
            description: r.description.clone(),
            owner: r.owner.clone(),
            opened_at: datetime_text(r.opened_at),
            article_id: r.article_id,
        }
    }

    /// Validates and writes the form's fields into `r`. `now` fills a blank opening time and
    /// bounds it: a case cannot be opened in the future, nor after something already happened
    /// to it.
    fn apply(
        &self,
        mut r: ServiceCase,
        settings: &Settings,
        now: NaiveDateTime,
    ) -> Result<ServiceCase, Vec<FieldError>> {
        let mut e = Errors::default();
        r.customer_id = e.required_id(Field::Customer, self.customer_id);
        r.contact_id = self.contact_id;
        r.kind = e.check(Field::CaseKind, {
            let kind = self.kind.trim();
            if kind.is_empty() {
                Err(Problem::Required)
            } else if kind == r.kind || settings.case_kinds.iter().any(|k| k.id == kind) {
                // A kind removed from the settings since stays on the cases that have it.
                Ok(kind.to_string())
            } else {
                Err(Problem::UnknownCaseKind)
            }
        });
        r.channel = self.channel;
        r.priority = self.priority;
        r.subject = e.required_text(Field::Subject, &self.subject, NAME_MAX);
        r.description = e.text(Field::Description, &self.description, TEXT_MAX);
        r.owner = e.text(Field::Owner, &self.owner, SHORT_MAX);
        let first_step = r.history.get(1).map(|ev| ev.at);
        r.opened_at = e.check(
            Field::At,
            match self.opened_at.trim() {
                "" => Ok(now),
                s => validate::datetime_local(s).and_then(|at| {
                    if at > now {
                        Err(Problem::DateInFuture)
                    } else if first_step.is_some_and(|first| at > first) {
                        Err(Problem::AfterCaseSteps)
                    } else {
                        Ok(at)
                    }
                }),
            },
        );
        r.article_id = self.article_id;
        if let Some(opening) = r.history.first_mut() {
            opening.at = r.opened_at;
        }
        e.finish(r)
    }
}

pub(crate) fn blank_case(
    id: Id,
    customer_id: Id,
    opened_at: NaiveDateTime,
    now: Timestamp,
) -> ServiceCase {
    ServiceCase {
        id,
        created_at: now,
        updated_at: now,
        deleted_at: None,
        rev: 1,
        customer_id,
        contact_id: None,
        kind: String::new(),
        channel: CaseChannel::default(),
        priority: CasePriority::default(),
        subject: String::new(),
        description: String::new(),
        status: CaseStatus::New,
        owner: String::new(),
        opened_at,
        first_response_at: None,
        resolved_at: None,
        closed_at: None,
        resolution: String::new(),
        satisfaction: None,
        reopened: 0,
        article_id: None,
        history: Vec::new(),
    }
}

/// A new case, status "new", its history opened at the opening time. `at` is the local
/// wall-clock time now.
pub fn create_case(
    form: &CaseForm,
    settings: &Settings,
    id: Id,
    at: NaiveDateTime,
    now: Timestamp,
) -> Result<ServiceCase, Vec<FieldError>> {
    let mut r = form.apply(blank_case(id, Id::from_u128(0), at, now), settings, at)?;
    r.history = vec![CaseEvent {
        at: r.opened_at,
        status: CaseStatus::New,
        reopened: false,
        note: String::new(),
    }];
    Ok(r)
}

/// Edits what was reported; the status and its times stay as they are.
pub fn update_case(
    existing: &ServiceCase,
    form: &CaseForm,
    settings: &Settings,
    at: NaiveDateTime,
    now: Timestamp,
) -> Result<ServiceCase, Vec<FieldError>> {
    let mut r = form.apply(existing.clone(), settings, at)?;
    r.touch(now);
    Ok(r)
}

/// A status change as the case page asks for it.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseMove {
    pub to: CaseStatus,
    pub at: NaiveDateTime,
    /// The resolution when resolving (required) or closing an unresolved case (required); a
    /// remark otherwise (the reason when reopening).
    pub note: String,
    /// Asked when closing: 1–5, or `None` when the customer gave no verdict.
    pub satisfaction: Option<u8>,
}

/// Moves a case to another status and records the step in its history.
///
/// - Leaving "new" for the first time is the first response.
/// - Resolving needs the resolution; closing a case that was never resolved resolves it at
///   the same moment (and needs the resolution too).
/// - Moving a resolved or closed case back to an open status reopens it: the count goes up and
///   the resolution, closing and verdict are cleared (the history keeps them), since the
///   customer will be asked again when it closes.
/// - A step cannot be dated before the previous one.
pub fn move_case(
    case: &ServiceCase,
    step: &CaseMove,
    now: Timestamp,
) -> Result<ServiceCase, Vec<FieldError>> {
    let mut e = Errors::default();
    let last = case.history.last().map_or(case.opened_at, |ev| ev.at);
    e.check(
        Field::At,
        if step.at < last.max(case.opened_at) {
            Err(Problem::BeforePreviousStep)
        } else {
            Ok(())
        },
    );
    let note = e.text(Field::Resolution, &step.note, TEXT_MAX);
    let from = case.status;
    let to = step.to;
    if to == from {
        // Nothing to record: the page only offers real moves, and a repeated click is a no-op.
        return e.finish(case.clone());
    }
    let reopening = !from.is_open() && to.is_open();
    let needs_resolution =
        to == CaseStatus::Resolved || (to == CaseStatus::Closed && from != CaseStatus::Resolved);
    if needs_resolution && note.is_empty() {
        e.check::<()>(Field::Resolution, Err(Problem::Required));
    }
    let satisfaction = e.check(
        Field::Satisfaction,
        match step.satisfaction {
            // Only closing asks for a verdict; anything sent with another move is not stored.
            _ if to != CaseStatus::Closed => Ok(None),
            Some(s @ 1..=5) => Ok(Some(s)),
            Some(_) => Err(Problem::InvalidSatisfaction),
            None => Ok(None),
        },
    );
    let mut r = e.finish(case.clone())?;
    if from == CaseStatus::New && r.first_response_at.is_none() {
        r.first_response_at = Some(step.at);
    }
    if reopening {
        r.reopened += 1;
        r.resolved_at = None;
        r.closed_at = None;
        r.satisfaction = None;
    }
    if needs_resolution {
        r.resolution = note.clone();
        r.resolved_at = Some(step.at);
    }
    if to == CaseStatus::Closed {
        r.closed_at = Some(step.at);
        r.satisfaction = satisfaction;
    }
    r.status = to;
    r.history.push(CaseEvent {
        at: step.at,
        status: to,
        reopened: reopening,
        note,
    });
    r.touch(now);
    Ok(r)
}

/// The moves the case page offers from a status, in the order of the buttons.
pub fn next_statuses(from: CaseStatus) -> &'static [CaseStatus] {
    match from {
        CaseStatus::New => &[
            CaseStatus::InProgress,
            CaseStatus::Waiting,
            CaseStatus::Resolved,
        ],
        CaseStatus::InProgress => &[CaseStatus::Waiting, CaseStatus::Resolved],
        CaseStatus::Waiting => &[CaseStatus::InProgress, CaseStatus::Resolved],
        CaseStatus::Resolved => &[CaseStatus::Closed, CaseStatus::InProgress],
        CaseStatus::Closed => &[CaseStatus::InProgress],
    }
}

/// The local date a case was opened, for periods.
pub fn opened_on(case: &ServiceCase) -> NaiveDate {
    case.opened_at.date()
}

/// The customer a phone desk creates when the caller is not on file: what was typed in the
/// search box becomes the name, and also the mobile number when it reads as a phone number
/// (the desk usually types the caller's number), so the next call finds the customer by it.
/// The profile can be completed later.
pub fn caller_as_customer(
    typed: &str,
    id: Id,
    now: Timestamp,
    today: NaiveDate,
) -> Result<crate::model::records::Customer, Vec<FieldError>> {
    use crate::customers::forms::CustomerForm;
    use crate::model::records::{Label, Labeled};
    let typed = typed.trim();
    let mut form = CustomerForm {
        name: typed.to_string(),
        ..Default::default()
    };
    if validate::phone(typed).is_ok() {
        form.phones = vec![Labeled::new(Label::Mobile, typed)];
    }
    crate::customers::commands::create_customer(&form, id, now, today)
}

/// Records the article that solved the case (or clears it with `None`).
pub fn cite_article(case: &ServiceCase, article: Option<Id>, now: Timestamp) -> ServiceCase {
    let mut r = case.clone();
    r.article_id = article;
    r.touch(now);
    r
}
