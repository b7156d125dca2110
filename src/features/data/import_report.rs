//! Import results in the user's language: column targets, row outcomes, reasons, the report.

use guanxi_core::io::csv_export::neutralize_formula;
use guanxi_core::io::csv_import::{ImportProblem, Outcome, RowProblem, RowResult, Target};

use crate::i18n::{field_key, problem_text, I18n, K};

pub fn target_key(target: Target) -> K {
    match target {
        Target::Name => K::FieldName,
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
        Target::Ignore => K::TargetIgnore,
    }
}

fn reason_text(i18n: I18n, reason: &RowProblem) -> String {
    match reason {
        RowProblem::Customer(e) => format!(
            "{}: {}",
            i18n.t(field_key(&e.field)),
            problem_text(i18n, &e.problem)
        ),
        RowProblem::Contact(e) => format!(
            "{} · {}: {}",
            i18n.t(K::FieldContact),
            i18n.t(field_key(&e.field)),
            problem_text(i18n, &e.problem)
        ),
        RowProblem::Import(problem) => match problem {
            ImportProblem::UnknownValue { field, value } => i18n.fmt(
                K::ProblemUnknownValue,
                &[("field", i18n.t(target_key(*field))), ("value", value)],
            ),
            ImportProblem::DuplicateInFile { first_line } => {
                format!("{} (#{first_line})", i18n.t(K::ProblemDuplicateInFile))
            }
            ImportProblem::MissingName => i18n.t(K::ProblemMissingName).into(),
            ImportProblem::MissingContactName => {
                format!(
                    "{}: {}",
                    i18n.t(K::TargetContactName),
                    i18n.t(K::ProblemRequired)
                )
            }
            ImportProblem::Ragged { expected, found } => {
                format!("{} ({found}/{expected})", i18n.t(K::ProblemRagged))
            }
        },
    }
}

pub fn outcome_text(i18n: I18n, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Created => i18n.t(K::CsvCreated).into(),
        Outcome::Updated(_) => i18n.t(K::CsvUpdated).into(),
        Outcome::Skipped(_) => i18n.t(K::OutcomeSkipped).into(),
        Outcome::Rejected(reasons) => {
            let all: Vec<String> = reasons.iter().map(|r| reason_text(i18n, r)).collect();
            format!("{}: {}", i18n.t(K::OutcomeRejected), all.join("; "))
        }
    }
}

/// The downloadable report: one line per row of the file.
pub fn report_csv(i18n: I18n, rows: &[RowResult]) -> String {
    let cell = |s: &str| format!("\"{}\"", neutralize_formula(s).replace('"', "\"\""));
    let mut out = [K::ReportLine, K::FieldName, K::ReportOutcome]
        .iter()
        .map(|k| cell(i18n.t(*k)))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for row in rows {
        out.push_str(
            &[
                row.line.to_string(),
                cell(&row.name),
                cell(&outcome_text(i18n, &row.outcome)),
            ]
            .join(","),
        );
        out.push_str("\r\n");
    }
    out
}
