//! A service case (服务工单): a complaint, repair call, inquiry or suggestion, followed from the
//! first call to the customer's verdict.
//!
//! Times are local wall-clock times (`NaiveDateTime`), like the contact log, because response
//! targets are read against the clock on the service desk's wall. Targets count calendar
//! hours; business hours are deliberately not modelled (the course measures elapsed time).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::model::ids::{Id, Timestamp};
use crate::model::records::record;

/// Where a case stands. The order is the usual path; any open status may jump to resolved.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    #[default]
    New,
    InProgress,
    /// Waiting for the customer (parts, an answer, a visit date): the clock still runs, since
    /// the customer still waits too.
    Waiting,
    Resolved,
    Closed,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 5] = [
        CaseStatus::New,
        CaseStatus::InProgress,
        CaseStatus::Waiting,
        CaseStatus::Resolved,
        CaseStatus::Closed,
    ];

    /// Still being worked: the case counts as unresolved and can become overdue.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CaseStatus::New | CaseStatus::InProgress | CaseStatus::Waiting
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::New => "new",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::Waiting => "waiting",
            CaseStatus::Resolved => "resolved",
            CaseStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// How the customer reached us.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CaseChannel {
    #[default]
    Phone,
    Visit,
    Email,
    Web,
    Other,
}

impl CaseChannel {
    pub const ALL: [CaseChannel; 5] = [
        CaseChannel::Phone,
        CaseChannel::Visit,
        CaseChannel::Email,
        CaseChannel::Web,
        CaseChannel::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseChannel::Phone => "phone",
            CaseChannel::Visit => "visit",
            CaseChannel::Email => "email",
            CaseChannel::Web => "web",
            CaseChannel::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<CaseChannel> {
        CaseChannel::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// How fast the case must be answered and solved; the targets live in [`CaseTargets`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CasePriority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

impl CasePriority {
    /// Most urgent first, the order lists and settings show them in.
    pub const ALL: [CasePriority; 4] = [
        CasePriority::Urgent,
        CasePriority::High,
        CasePriority::Normal,
        CasePriority::Low,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CasePriority::Low => "low",
            CasePriority::Normal => "normal",
            CasePriority::High => "high",
            CasePriority::Urgent => "urgent",
        }
    }

    pub fn parse(s: &str) -> Option<CasePriority> {
        CasePriority::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One step in a case's life, for its history and the customer's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    pub at: NaiveDateTime,
    pub status: CaseStatus,
    /// True when this step reopened a resolved or closed case.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reopened: bool,
    /// What was said or done (the resolution when resolving, the reason when reopening).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceCase {
    pub id: Id,
    #[serde(default)]
    pub created_at: Timestamp,
    #[serde(default)]
    pub updated_at: Timestamp,
    #[serde(default)]
    pub deleted_at: Option<Timestamp>,
    #[serde(default)]
    pub rev: u32,

    pub customer_id: Id,
    #[serde(default)]
    pub contact_id: Option<Id>,
    /// A [`CaseKind::id`] from the settings; an id the settings no longer list is shown as is.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub channel: CaseChannel,
    #[serde(default)]
    pub priority: CasePriority,
    /// One line that names the case in lists.
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub status: CaseStatus,
    #[serde(default)]
    pub owner: String,
    pub opened_at: NaiveDateTime,
    /// The first time someone acted on the case (it left "new"); never changed afterwards.
    #[serde(default)]
    pub first_response_at: Option<NaiveDateTime>,
    /// The latest resolution; cleared when the case is reopened.
    #[serde(default)]
    pub resolved_at: Option<NaiveDateTime>,
    #[serde(default)]
    pub closed_at: Option<NaiveDateTime>,
    #[serde(default)]
    pub resolution: String,
    /// The customer's verdict (1–5) asked when closing; `None` when not asked or not given.
    #[serde(default)]
    pub satisfaction: Option<u8>,
    /// How many times the case was reopened after being resolved or closed.
    #[serde(default)]
    pub reopened: u32,
    /// The knowledge-base article that solved it, if one did.
    #[serde(default)]
    pub article_id: Option<Id>,
    /// Every status change, oldest first; the first entry is the opening.
    #[serde(default)]
    pub history: Vec<CaseEvent>,
}
record!(ServiceCase, Case, |s| s.customer_id);

/// A kind of case as the team names it. `complaint` marks the kinds that count as complaints
/// in the service figures (complaints per 100 customers, churn with an open complaint).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CaseKind {
    /// Stable identifier that cases store; never shown.
    pub id: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub complaint: bool,
}

impl CaseKind {
    fn new(id: &str, name_zh: &str, name_en: &str, complaint: bool) -> Self {
        CaseKind {
            id: id.into(),
            name_zh: name_zh.into(),
            name_en: name_en.into(),
            complaint,
        }
    }

    /// The name in the UI language, falling back to the other language when it is blank.
    pub fn name(&self, zh: bool) -> &str {
        crate::model::records::name_in(&self.name_zh, &self.name_en, zh)
    }
}

/// The kinds a new installation offers, as the course's service cases name them.
pub fn default_case_kinds() -> Vec<CaseKind> {
    vec![
        CaseKind::new("complaint", "投诉", "Complaint", true),
        CaseKind::new("repair", "维修", "Repair", false),
        CaseKind::new("inquiry", "咨询", "Inquiry", false),
        CaseKind::new("suggestion", "建议", "Suggestion", false),
    ]
}

/// Response and resolution targets for one priority, in hours of calendar time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseTarget {
    pub priority: CasePriority,
    pub respond_hours: u32,
    pub resolve_hours: u32,
}

/// Targets per priority. A priority missing from the list has no target (never overdue).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaseTargets(pub Vec<CaseTarget>);

impl Default for CaseTargets {
    /// Common service-desk promises: urgent answered within 1 h and fixed within a day, down
    /// to low answered within 2 days and fixed within 10.
    fn default() -> Self {
        let t = |priority, respond_hours, resolve_hours| CaseTarget {
            priority,
            respond_hours,
            resolve_hours,
        };
        CaseTargets(vec![
            t(CasePriority::Urgent, 1, 24),
            t(CasePriority::High, 4, 48),
            t(CasePriority::Normal, 24, 120),
            t(CasePriority::Low, 48, 240),
        ])
    }
}

/// A target as typed in the settings: whole hours from 1 to 8,760 (a year), width-folded.
pub fn parse_hours(typed: &str) -> Result<u32, crate::model::validate::Problem> {
    crate::model::validate::fold_width(typed)
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|h| (1..=8760).contains(h))
        .ok_or(crate::model::validate::Problem::InvalidHours)
}

impl CaseTargets {
    pub fn for_priority(&self, p: CasePriority) -> Option<CaseTarget> {
        self.0.iter().copied().find(|t| t.priority == p)
    }

    /// Sets one priority's targets, adding the priority if it had none.
    pub fn set(&mut self, target: CaseTarget) {
        self.0.retain(|t| t.priority != target.priority);
        self.0.push(target);
        self.0.sort_by_key(|t| std::cmp::Reverse(t.priority));
    }
}
