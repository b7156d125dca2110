//! What a question expects, computed from the data with its working (formula, inputs, the
//! records behind them), and the verdict on a student's answer. The same functions check the
//! student's answer in the app and re-check it in the teacher's table, from the data in the
//! work file, so a checked answer is never taken on the student's word.

use std::collections::BTreeSet;

use crate::analysis::abc::AbcThresholds;
use crate::analysis::period::Period;
use crate::analysis::scope::{default_currency, live_customers, live_deals};
use crate::analysis::value::{classify_values, customer_values};
use crate::io::backup::BackupData;
use crate::marketing::roi::campaign_figures;
use crate::model::ids::Id;
use crate::model::money::{currency_of, format_amount, format_money};
use crate::model::records::{FollowUpStatus, Record, StageOutcome};
use crate::pipeline::opportunity::{outcome_of, probability_of, weighted_value};

use super::{Answer, Condition, CustomerSet, Expects, Figure, Question};

/// A record a line of working stands for, so the screen can link to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordRef {
    Customer(Id),
    Opportunity(Id),
    Case(Id),
    FollowUp(Id),
    Campaign(Id),
}

/// Which formula the working follows; the screen words it in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formula {
    /// A number or option the scenario gives.
    Given,
    /// Σ amount × probability over open opportunities.
    WeightedPipeline,
    /// Count of open cases.
    OpenCases,
    /// Σ verdicts ÷ number of verdicts.
    AverageSatisfaction,
    /// (won gross profit − cost) ÷ cost × 100%.
    CampaignRoi,
    /// Customers ranked by value; A up to 80% of the total, B up to 95%, C the rest.
    AbcClass,
    /// Records still with the owner who leaves.
    NothingOwnedBy,
}

/// One input of the working: a record (or none, for a total) and the arithmetic for it in
/// numbers only (`800,000 × 80% = 640,000`), which read the same in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingLine {
    pub record: Option<RecordRef>,
    pub label: String,
    pub expression: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Working {
    pub formula: Formula,
    pub lines: Vec<WorkingLine>,
    /// The result as shown: `832,000`, `3.75`, `4 customers`' count, or `-` when there is none.
    pub result: String,
}

/// What the data says the answer is.
#[derive(Clone, Debug, PartialEq)]
pub enum ExpectedValue {
    /// `None` when the data gives no figure (a campaign without a cost has no ROI).
    Number(Option<f64>),
    Choice(usize),
    Customers(BTreeSet<Id>),
    /// Whether the task's state is reached.
    Done(bool),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expected {
    pub value: ExpectedValue,
    pub working: Working,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub correct: bool,
    pub expected: Expected,
}

/// Numbers are compared with this much slack besides the question's tolerance, so an answer
/// typed as shown (`3.75`) is never wrong by a floating-point hair.
const EPSILON: f64 = 1e-9;

/// Checks `answer` against what the question expects from `data`.
pub fn verdict(question: &Question, answer: &Answer, data: &BackupData) -> Verdict {
    let expected = expected(question, data);
    let correct = match (&question.expects, &expected.value, answer) {
        (
            Expects::Number { tolerance, .. },
            ExpectedValue::Number(Some(want)),
            Answer::Number(got),
        ) => got.is_finite() && (got - want).abs() <= tolerance.abs() + EPSILON,
        (_, ExpectedValue::Choice(want), Answer::Choice(got)) => want == got,
        (_, ExpectedValue::Customers(want), Answer::Customers(got)) => {
            got.iter().copied().collect::<BTreeSet<Id>>() == *want
        }
        (_, ExpectedValue::Done(done), Answer::Done) => *done,
        _ => false,
    };
    Verdict { correct, expected }
}

/// What `question` expects from `data`, with the working.
pub fn expected(question: &Question, data: &BackupData) -> Expected {
    match &question.expects {
        Expects::Number { figure, .. } => figure_of(figure, data),
        Expects::Choice { correct, .. } => Expected {
            value: ExpectedValue::Choice(*correct),
            working: Working {
                formula: Formula::Given,
                lines: Vec::new(),
                result: (correct + 1).to_string(),
            },
        },
        Expects::Customers { set } => customer_set(set, data),
        Expects::Task { condition } => condition_of(condition, data),
    }
}

fn major(minor: i64) -> f64 {
    minor as f64 / 100.0
}

fn figure_of(figure: &Figure, data: &BackupData) -> Expected {
    let settings = &data.settings;
    let number = |value: Option<f64>, formula, lines, result: String| Expected {
        value: ExpectedValue::Number(value),
        working: Working {
            formula,
            lines,
            result,
        },
    };
    match figure {
        Figure::Fixed { value } => {
            number(Some(*value), Formula::Given, Vec::new(), value.to_string())
        }
        Figure::WeightedPipeline { owner } => {
            let currency = default_currency(settings);
            let live = live_customers(&data.customers);
            let mut total = 0i64;
            let mut lines = Vec::new();
            let mut deals: Vec<_> = live_deals(&data.opportunities, &live)
                .into_iter()
                .filter(|o| outcome_of(o, settings) == StageOutcome::Open)
                .filter(|o| owner.trim().is_empty() || o.owner.trim() == owner.trim())
                .filter(|o| currency_of(o, settings) == currency)
                .collect();
            deals.sort_by_key(|o| (std::cmp::Reverse(o.amount), o.id));
            for o in deals {
                let weighted = weighted_value(o, settings);
                total += weighted;
                lines.push(WorkingLine {
                    record: Some(RecordRef::Opportunity(o.id)),
                    label: o.title.clone(),
                    expression: format!(
                        "{} × {}% = {}",
                        format_amount(o.amount, &currency),
                        probability_of(o, settings),
                        format_amount(weighted, &currency)
                    ),
                });
            }
            number(
                Some(major(total)),
                Formula::WeightedPipeline,
                lines,
                format_money(total, &currency),
            )
        }
        Figure::OpenCases => {
            let live = live_customers(&data.customers);
            let open: Vec<_> = data
                .cases
                .iter()
                .filter(|c| c.is_live() && live.contains_key(&c.customer_id) && c.status.is_open())
                .collect();
            let lines = open
                .iter()
                .map(|c| WorkingLine {
                    record: Some(RecordRef::Case(c.id)),
                    label: c.subject.clone(),
                    expression: "1".to_string(),
                })
                .collect();
            number(
                Some(open.len() as f64),
                Formula::OpenCases,
                lines,
                open.len().to_string(),
            )
        }
        Figure::AverageSatisfaction => {
            let live = live_customers(&data.customers);
            let rated: Vec<_> = data
                .cases
                .iter()
                .filter(|c| c.is_live() && live.contains_key(&c.customer_id))
                .filter_map(|c| c.satisfaction.map(|s| (c, u64::from(s))))
                .collect();
            let sum: u64 = rated.iter().map(|(_, s)| s).sum();
            let mut lines: Vec<WorkingLine> = rated
                .iter()
                .map(|(c, s)| WorkingLine {
                    record: Some(RecordRef::Case(c.id)),
                    label: c.subject.clone(),
                    expression: s.to_string(),
                })
                .collect();
            let value = (!rated.is_empty()).then(|| sum as f64 / rated.len() as f64);
            let result = value
                .map(|v| format!("{v:.2}"))
                .unwrap_or_else(|| "-".into());
            lines.push(WorkingLine {
                record: None,
                label: String::new(),
                expression: format!("{sum} ÷ {} = {result}", rated.len()),
            });
            number(value, Formula::AverageSatisfaction, lines, result)
        }
        Figure::CampaignRoi { campaign } => {
            let found = data
                .campaigns
                .iter()
                .find(|c| c.deleted_at.is_none() && c.name.trim() == campaign.trim());
            let Some(found) = found else {
                return number(None, Formula::CampaignRoi, Vec::new(), "-".into());
            };
            let figures = campaign_figures(found, &data.customers, &data.opportunities, settings);
            let currency = figures.currency.clone();
            let mut lines = vec![WorkingLine {
                record: Some(RecordRef::Campaign(found.id)),
                label: found.name.clone(),
                expression: format!(
                    "({} − {}) ÷ {}",
                    figures
                        .won_profit
                        .map(|p| format_amount(p, &currency))
                        .unwrap_or_else(|| "-".into()),
                    format_amount(figures.cost, &currency),
                    format_amount(figures.cost, &currency)
                ),
            }];
            for deal in &figures.won_deals {
                if let Some(o) = data.opportunities.iter().find(|o| o.id == *deal) {
                    lines.push(WorkingLine {
                        record: Some(RecordRef::Opportunity(o.id)),
                        label: o.title.clone(),
                        expression: format_amount(o.amount, &currency),
                    });
                }
            }
            let tenths = figures.roi.map(|r| r.percent_tenths());
            let value = tenths.map(|t| t as f64 / 10.0);
            let result = value
                .map(|v| format!("{v:.1}%"))
                .unwrap_or_else(|| "-".into());
            number(value, Formula::CampaignRoi, lines, result)
        }
    }
}

fn customer_set(set: &CustomerSet, data: &BackupData) -> Expected {
    match set {
        CustomerSet::AbcClass { class, year } => {
            let Ok(period) = Period::year(*year) else {
                return Expected {
                    value: ExpectedValue::Customers(BTreeSet::new()),
                    working: Working {
                        formula: Formula::AbcClass,
                        lines: Vec::new(),
                        result: "0".into(),
                    },
                };
            };
            let report =
                customer_values(&data.customers, &data.opportunities, &data.settings, period);
            let table = classify_values(&report, AbcThresholds::default());
            let currency = report.currency.clone();
            let name = |id: Id| {
                data.customers
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            };
            let lines = table
                .rows
                .iter()
                .map(|r| WorkingLine {
                    record: Some(RecordRef::Customer(r.customer)),
                    label: name(r.customer),
                    expression: format!(
                        "{} · {}‰ → {:?}",
                        format_amount(r.value, &currency),
                        r.cumulative_permille(table.total),
                        r.class
                    ),
                })
                .collect();
            let chosen: BTreeSet<Id> = table
                .rows
                .iter()
                .filter(|r| r.class == *class)
                .map(|r| r.customer)
                .collect();
            Expected {
                working: Working {
                    formula: Formula::AbcClass,
                    lines,
                    result: chosen.len().to_string(),
                },
                value: ExpectedValue::Customers(chosen),
            }
        }
    }
}

fn condition_of(condition: &Condition, data: &BackupData) -> Expected {
    match condition {
        Condition::NothingOwnedBy { owner } => {
            let owner = owner.trim();
            let settings = &data.settings;
            let mut lines = Vec::new();
            let mut left = |record, label: &str| {
                lines.push(WorkingLine {
                    record: Some(record),
                    label: label.to_string(),
                    expression: owner.to_string(),
                })
            };
            for c in data
                .customers
                .iter()
                .filter(|c| c.deleted_at.is_none() && c.merged_into.is_none())
            {
                if c.owner.trim() == owner {
                    left(RecordRef::Customer(c.id), &c.name);
                }
            }
            for o in data.opportunities.iter().filter(|o| o.deleted_at.is_none()) {
                if o.owner.trim() == owner && outcome_of(o, settings) == StageOutcome::Open {
                    left(RecordRef::Opportunity(o.id), &o.title);
                }
            }
            for f in data.follow_ups.iter().filter(|f| f.deleted_at.is_none()) {
                if f.owner.trim() == owner && f.status == FollowUpStatus::Open {
                    left(RecordRef::FollowUp(f.id), &f.purpose);
                }
            }
            for c in data.cases.iter().filter(|c| c.is_live()) {
                if c.owner.trim() == owner && c.status.is_open() {
                    left(RecordRef::Case(c.id), &c.subject);
                }
            }
            let done = lines.is_empty();
            Expected {
                working: Working {
                    formula: Formula::NothingOwnedBy,
                    result: lines.len().to_string(),
                    lines,
                },
                value: ExpectedValue::Done(done),
            }
        }
    }
}
