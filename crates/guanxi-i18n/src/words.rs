//! The domain's values in words: names of enumerations, validation problems and storage errors
//! as sentences, and the import report's words. Pure functions of a [`Lang`], so the app wraps
//! them with its language signal and the tests read them natively.

use guanxi_core::activity::recurrence::{Recurrence, Repeat, RepeatUnit, Weekday};
use guanxi_core::io::csv_import::{
    ImportProblem, Outcome, ReportWords, RowProblem, SetAside, Target,
};
use guanxi_core::model::validate::{Field, Problem};
use guanxi_core::service::case::{CaseChannel, CasePriority, CaseStatus};
use guanxi_core::store::StoreError;
use guanxi_core::{
    CustomerKind, FollowUpStatus, InteractionKind, Label, Lifecycle, SizeBand, ValueClass,
};

use crate::{Lang, K};

/// Enumerations the UI shows by name.
pub trait Labelled {
    fn key(&self) -> K;
}

macro_rules! labelled {
    ($ty:ty { $($variant:ident => $key:ident),* $(,)? }) => {
        impl Labelled for $ty {
            fn key(&self) -> K {
                match self { $(<$ty>::$variant => K::$key,)* }
            }
        }
    };
}

labelled!(CustomerKind { Company => KindCompany, Person => KindPerson });
labelled!(SizeBand {
    Unknown => SizeUnknown, Micro => SizeMicro, Small => SizeSmall,
    Medium => SizeMedium, Large => SizeLarge, Enterprise => SizeEnterprise,
});
labelled!(Lifecycle {
    Prospect => StageProspect, Development => StageDevelopment, Growth => StageGrowth,
    Maturity => StageMaturity, Decline => StageDecline, Termination => StageTermination,
});
labelled!(ValueClass { A => ClassA, B => ClassB, C => ClassC });
labelled!(Label { Work => LabelWork, Mobile => LabelMobile, Home => LabelHome, Fax => LabelFax, Other => LabelOther });
labelled!(InteractionKind {
    Call => InterCall, Visit => InterVisit, Meeting => InterMeeting,
    Email => InterEmail, Message => InterMessage, Other => InterOther,
});
labelled!(FollowUpStatus { Open => StatusOpen, Done => StatusDone, Cancelled => StatusCancelled });
labelled!(CaseStatus {
    New => StatusNew, InProgress => StatusInProgress, Waiting => StatusWaiting,
    Resolved => StatusResolved, Closed => StatusClosed,
});
labelled!(CaseChannel {
    Phone => CaseViaPhone, Visit => CaseViaVisit, Email => CaseViaEmail, Web => CaseViaWeb,
    Other => CaseViaOther,
});
labelled!(CasePriority { Low => PriorityLow, Normal => PriorityNormal, High => PriorityHigh, Urgent => PriorityUrgent });
labelled!(Repeat {
    Never => RecurNever, Days => RecurByDays, Weeks => RecurByWeeks,
    Months => RecurByMonths, Weekday => RecurByWeekday,
});
labelled!(Weekday {
    Mon => WeekdayMon, Tue => WeekdayTue, Wed => WeekdayWed, Thu => WeekdayThu,
    Fri => WeekdayFri, Sat => WeekdaySat, Sun => WeekdaySun,
});

/// A repeat rule in words: "Monthly", "Every 2 weeks on Monday", "每 3 天".
pub fn recurrence_text(lang: Lang, rule: &Recurrence) -> String {
    let every = rule.every.max(1);
    let n = every.to_string();
    match (rule.unit, every) {
        (RepeatUnit::Days, 1) => lang.t(K::RecurDaily).into(),
        (RepeatUnit::Days, _) => lang.fmt(K::RecurEveryNDays, &[("n", &n)]),
        (RepeatUnit::Weeks, 1) => lang.t(K::RecurWeekly).into(),
        (RepeatUnit::Weeks, _) => lang.fmt(K::RecurEveryNWeeks, &[("n", &n)]),
        (RepeatUnit::Months, 1) => lang.t(K::RecurMonthly).into(),
        (RepeatUnit::Months, _) => lang.fmt(K::RecurEveryNMonths, &[("n", &n)]),
        (RepeatUnit::Weekday(day), 1) => lang.fmt(K::RecurWeeklyOn, &[("day", lang.t(day.key()))]),
        (RepeatUnit::Weekday(day), _) => lang.fmt(
            K::RecurEveryNWeeksOn,
            &[("n", &n), ("day", lang.t(day.key()))],
        ),
    }
}

/// A validation problem as a sentence in the current language.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    match problem {
        Problem::Required => lang.t(K::ProblemRequired).into(),
        Problem::TooLong { max } => lang.fmt(K::ProblemTooLong, &[("max", &max.to_string())]),
        Problem::InvalidEmail => lang.t(K::ProblemEmail).into(),
        Problem::InvalidPhone => lang.t(K::ProblemPhone).into(),
        Problem::InvalidDate => lang.t(K::ProblemDate).into(),
        Problem::InvalidTime => lang.t(K::ProblemTime).into(),
        Problem::DateInFuture => lang.t(K::ProblemFuture).into(),
        Problem::SelfReference => lang.t(K::ProblemSelf).into(),
        Problem::InvalidAmount => lang.t(K::ProblemAmount).into(),
        Problem::NegativeAmount => lang.t(K::ProblemNegativeAmount).into(),
        Problem::InvalidCurrency => lang.t(K::ProblemCurrency).into(),
        Problem::InvalidPercent => lang.t(K::ProblemPercent).into(),
        Problem::UnknownStage => lang.t(K::ProblemStage).into(),
        Problem::NotWon => lang.t(K::ProblemNotWon).into(),
        Problem::MoreThanOwed => lang.t(K::ProblemMoreThanOwed).into(),
        Problem::UnknownCaseKind => lang.t(K::ProblemCaseKind).into(),
        Problem::AfterCaseSteps => lang.t(K::ProblemAfterCaseSteps).into(),
        Problem::BeforePreviousStep => lang.t(K::ProblemBeforePreviousStep).into(),
        Problem::InvalidSatisfaction => lang.t(K::ProblemSatisfaction).into(),
        Problem::InvalidHours => lang.t(K::ProblemHours).into(),
        Problem::EndBeforeStart => lang.t(K::ProblemEndBeforeStart).into(),
        Problem::NotInRange { min, max } => lang.fmt(
            K::ProblemNotInRange,
            &[("min", &min.to_string()), ("max", &max.to_string())],
        ),
    }
}

/// The label of the form field a validation error points at.
pub fn field_key(field: &Field) -> K {
    match field {
        Field::Name => K::FieldName,
        Field::Company => K::FieldCompany,
        Field::Industry => K::FieldIndustry,
        Field::Region => K::FieldRegion,
        Field::Source => K::FieldSource,
        Field::Owner => K::FieldOwner,
        Field::Tags => K::FieldTags,
        Field::Phone(_) => K::FieldPhones,
        Field::Email(_) => K::FieldEmails,
        Field::Address => K::FieldAddress,
        Field::Birthday => K::FieldBirthday,
        Field::Notes => K::FieldNotes,
        Field::Title => K::FieldTitle,
        Field::Department => K::FieldDepartment,
        Field::ReportsTo => K::FieldReportsTo,
        Field::Customer => K::FieldCustomer,
        Field::Contact => K::FieldContact,
        Field::At => K::FieldWhen,
        Field::Summary => K::FieldSummary,
        Field::Outcome => K::FieldOutcome,
        Field::Due => K::FieldDue,
        Field::Time => K::FieldTime,
        Field::Purpose => K::FieldPurpose,
        Field::Place => K::FieldPlace,
        Field::Result => K::FieldResult,
        Field::OpportunityTitle => K::FieldOpportunityTitle,
        Field::Amount => K::FieldAmount,
        Field::Currency => K::FieldCurrency,
        Field::Stage => K::FieldStage,
        Field::Probability => K::FieldProbability,
        Field::ExpectedClose => K::FieldExpectedClose,
        Field::Competitors => K::FieldCompetitors,
        Field::NextStep => K::FieldNextStep,
        Field::CloseReason => K::FieldCloseReason,
        Field::ClosedOn => K::FieldClosedOn,
        Field::LifecycleReason => K::FieldLifecycleReason,
        Field::AnnualRevenue => K::FieldAnnualRevenue,
        Field::GrossMargin => K::FieldGrossMargin,
        Field::CollectedOn => K::FieldCollectedOn,
        Field::Collected => K::FieldCollected,
        Field::LifetimePart(_) => K::FieldAmount,
        Field::CompetitorNews => K::FieldCompetitorNews,
        Field::CustomerOpinion => K::FieldCustomerOpinion,
        Field::CaseKind => K::CaseKindLabel,
        Field::Subject => K::CaseSubject,
        Field::Description => K::CaseDescription,
        Field::Resolution => K::CaseResolution,
        Field::Satisfaction => K::CaseSatisfaction,
        Field::OptOutDate => K::OptOutDate,
        Field::OptOutNote => K::OptOutNoteField,
        Field::RepeatEvery => K::RecurEvery,
        Field::CampaignName => K::CampaignName,
        Field::StartsOn => K::CampaignStarts,
        Field::EndsOn => K::CampaignEnds,
        Field::Budget => K::CampaignBudget,
        Field::CostLabel => K::CostLabel,
        Field::CostAmount => K::CostAmount,
        Field::CostDate => K::CostDate,
    }
}

/// A storage failure as a sentence the user can act on.
pub fn store_error_text(lang: Lang, error: &StoreError) -> String {
    match error {
        StoreError::QuotaExceeded => lang.t(K::ErrQuota).into(),
        StoreError::Unavailable(detail) => lang.fmt(K::ErrUnavailable, &[("detail", detail)]),
        StoreError::VersionTooNew { .. } => lang.t(K::ErrVersionTooNew).into(),
        StoreError::Blocked => lang.t(K::ErrBlocked).into(),
        StoreError::Closed => lang.t(K::ErrClosed).into(),
        StoreError::Conflict { .. } => lang.t(K::ErrConflict).into(),
        StoreError::VersionChanged => lang.t(K::ErrVersionChanged).into(),
        StoreError::ReadOnly => lang.t(K::ErrReadOnly).into(),
        StoreError::Locked => lang.t(K::ErrLocked).into(),
        StoreError::Tampered => lang.t(K::ErrTampered).into(),
        StoreError::Data(detail) => lang.fmt(K::ErrData, &[("detail", detail)]),
        StoreError::Aborted { name, message } => {
            lang.fmt(K::ErrAborted, &[("detail", &format!("{name}: {message}"))])
        }
    }
}

pub fn target_key(target: Target) -> K {
    match target {
        Target::Name => K::FieldName,
        Target::GivenName => K::TargetGivenName,
        Target::FamilyName => K::TargetFamilyName,
        Target::Kind => K::FieldKind,
        Target::Company => K::FieldCompany,
        Target::Industry => K::FieldIndustry,
        Target::Size => K::FieldSize,
        Target::Region => K::FieldRegion,
        Target::Source => K::FieldSource,
        Target::Tags => K::FieldTags,
        Target::Lifecycle => K::FieldLifecycle,
        Target::ValueClass => K::FieldValueClass,
        Target::Owner => K::FieldOwner,
        Target::Phone => K::FieldPhones,
        Target::Mobile => K::TargetMobile,
        Target::Email => K::FieldEmails,
        Target::Address => K::FieldAddress,
        Target::Birthday => K::FieldBirthday,
        Target::Notes => K::FieldNotes,
        Target::ContactName => K::TargetContactName,
        Target::ContactTitle => K::TargetContactTitle,
        Target::ContactPhone => K::TargetContactPhone,
        Target::ContactEmail => K::TargetContactEmail,
        Target::MarketingOptOut => K::TargetMarketingOptOut,
        Target::Ignore => K::TargetIgnore,
    }
}

fn reason_text(lang: Lang, reason: &RowProblem) -> String {
    let sep = lang.t(K::LabelSeparator);
    match reason {
        RowProblem::Customer(e) => format!(
            "{}{sep}{}",
            lang.t(field_key(&e.field)),
            problem_text(lang, &e.problem)
        ),
        RowProblem::Contact(e) => format!(
            "{} · {}{sep}{}",
            lang.t(K::FieldContact),
            lang.t(field_key(&e.field)),
            problem_text(lang, &e.problem)
        ),
        RowProblem::Import(problem) => match problem {
            ImportProblem::UnknownValue { field, value } => lang.fmt(
                K::ProblemUnknownValue,
                &[("field", lang.t(target_key(*field))), ("value", value)],
            ),
            ImportProblem::DuplicateInFile { first_line } => {
                format!("{} (#{first_line})", lang.t(K::ProblemDuplicateInFile))
            }
            ImportProblem::MissingName => lang.t(K::ProblemMissingName).into(),
            ImportProblem::MissingContactName => format!(
                "{}{sep}{}",
                lang.t(K::TargetContactName),
                lang.t(K::ProblemRequired)
            ),
            ImportProblem::Ragged { expected, found } => {
                format!("{} ({found}/{expected})", lang.t(K::ProblemRagged))
            }
        },
    }
}

/// A row's outcome in one word.
pub fn outcome_word(lang: Lang, outcome: &Outcome) -> &'static str {
    lang.t(match outcome {
        Outcome::Created => K::CsvCreated,
        Outcome::Updated(_) => K::CsvUpdated,
        Outcome::Skipped(_) => K::OutcomeSkipped,
        Outcome::Rejected(_) => K::OutcomeRejected,
    })
}

/// A row's outcome with the reasons it was rejected, for the screen.
pub fn outcome_text(lang: Lang, outcome: &Outcome) -> String {
    let word = outcome_word(lang, outcome);
    match outcome {
        Outcome::Rejected(reasons) => {
            let all: Vec<String> = reasons.iter().map(|r| reason_text(lang, r)).collect();
            format!(
                "{word}{}{}",
                lang.t(K::LabelSeparator),
                all.join(lang.t(K::ListSeparator))
            )
        }
        _ => word.into(),
    }
}

/// A value set aside on import, naming its field, value and column.
pub fn set_aside_text(lang: Lang, a: &SetAside) -> String {
    lang.fmt(
        K::SetAsideValue,
        &[
            ("field", lang.t(target_key(a.field))),
            ("value", &a.value),
            ("column", &a.column),
        ],
    )
}

/// The outcome of a row imported with some values set aside.
pub fn set_aside_outcome(lang: Lang, outcome: &Outcome) -> String {
    lang.fmt(
        K::OutcomeSetAside,
        &[("outcome", outcome_word(lang, outcome))],
    )
}

/// The import report in the given language: the layout is the core's, the words are these.
impl ReportWords for Lang {
    fn headers(&self) -> [String; 4] {
        [
            K::ReportLine,
            K::FieldName,
            K::ReportOutcome,
            K::ReportReasons,
        ]
        .map(|k| self.t(k).into())
    }

    fn outcome(&self, outcome: &Outcome) -> String {
        outcome_word(*self, outcome).into()
    }

    fn reason(&self, reason: &RowProblem) -> String {
        reason_text(*self, reason)
    }

    fn reason_separator(&self) -> &'static str {
        self.t(K::ListSeparator)
    }

    fn set_aside_outcome(&self, outcome: &Outcome) -> String {
        set_aside_outcome(*self, outcome)
    }

    fn set_aside(&self, value: &SetAside) -> String {
        set_aside_text(*self, value)
    }
}
