//! The one translation layer. The words themselves live in the `guanxi-i18n` crate, one file
//! per namespace; this module gives views the current language as a signal ([`I18n`]), names
//! for the domain's enumerations ([`Labelled`]) and sentences for errors (`errors`).

use guanxi_core::model::validate::{Field, Problem};
use guanxi_core::store::StoreError;
use guanxi_core::{
    CustomerKind, FollowUpStatus, InteractionKind, Label, Lifecycle, SizeBand, ValueClass,
};
use leptos::prelude::*;

pub use guanxi_i18n::{Lang, K};

/// The current language, provided as context at the root.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    pub fn lang(&self) -> Lang {
        self.0.get()
    }

    /// The text for `key` in the current language; reactive when called inside a view closure.
    pub fn t(&self, key: K) -> &'static str {
        key.text(self.0.get())
    }

    /// Like [`I18n::t`], replacing `{name}` placeholders.
    pub fn fmt(&self, key: K, args: &[(&str, &str)]) -> String {
        args.iter()
            .fold(self.t(key).to_string(), |s, (name, value)| {
                s.replace(&format!("{{{name}}}"), value)
            })
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

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

/// A validation problem as a sentence in the current language.
pub fn problem_text(i18n: I18n, problem: &Problem) -> String {
    match problem {
        Problem::Required => i18n.t(K::ProblemRequired).into(),
        Problem::TooLong { max } => i18n.fmt(K::ProblemTooLong, &[("max", &max.to_string())]),
        Problem::InvalidEmail => i18n.t(K::ProblemEmail).into(),
        Problem::InvalidPhone => i18n.t(K::ProblemPhone).into(),
        Problem::InvalidDate => i18n.t(K::ProblemDate).into(),
        Problem::InvalidTime => i18n.t(K::ProblemTime).into(),
        Problem::DateInFuture => i18n.t(K::ProblemFuture).into(),
        Problem::SelfReference => i18n.t(K::ProblemSelf).into(),
        Problem::InvalidAmount => i18n.t(K::ProblemAmount).into(),
        Problem::NegativeAmount => i18n.t(K::ProblemNegativeAmount).into(),
        Problem::InvalidCurrency => i18n.t(K::ProblemCurrency).into(),
        Problem::InvalidPercent => i18n.t(K::ProblemPercent).into(),
        Problem::UnknownStage => i18n.t(K::ProblemStage).into(),
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
    }
}

/// A storage failure as a sentence the user can act on.
pub fn store_error_text(i18n: I18n, error: &StoreError) -> String {
    match error {
        StoreError::QuotaExceeded => i18n.t(K::ErrQuota).into(),
        StoreError::Unavailable(detail) => i18n.fmt(K::ErrUnavailable, &[("detail", detail)]),
        StoreError::VersionTooNew { .. } => i18n.t(K::ErrVersionTooNew).into(),
        StoreError::Blocked => i18n.t(K::ErrBlocked).into(),
        StoreError::Closed => i18n.t(K::ErrClosed).into(),
        StoreError::Conflict { .. } => i18n.t(K::ErrConflict).into(),
        StoreError::VersionChanged => i18n.t(K::ErrVersionChanged).into(),
        StoreError::ReadOnly => i18n.t(K::ErrReadOnly).into(),
        StoreError::Locked => i18n.t(K::ErrLocked).into(),
        StoreError::Tampered => i18n.t(K::ErrTampered).into(),
        StoreError::Data(detail) => i18n.fmt(K::ErrData, &[("detail", detail)]),
        StoreError::Aborted { name, message } => {
            i18n.fmt(K::ErrAborted, &[("detail", &format!("{name}: {message}"))])
        }
    }
}
