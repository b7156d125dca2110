//! The records Guanxi keeps. Plain data only: the UI wraps them in its own stores.
//!
//! Every record carries the same bookkeeping fields (`id`, `created_at`, `updated_at`,
//! `deleted_at`, `rev`) at the top level, because IndexedDB indexes can only reach top-level
//! (or dotted) key paths and a tombstone must be visible to an index without decoding.
//! Every field has a serde default so that a record written by an older schema still decodes.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::marketing::campaign::Campaign;
use crate::marketing::{OptOut, Segment};
use crate::model::ids::{Id, Timestamp};
use crate::service::case::{default_case_kinds, CaseKind, CaseTargets, ServiceCase};
use crate::service::knowledge::Article;

/// Bumped whenever a stored field changes meaning; storage migrations upgrade older data.
pub const SCHEMA_VERSION: u32 = 1;

/// The kinds of record, one object store each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Customer,
    Contact,
    Interaction,
    FollowUp,
    Opportunity,
    /// A service case; see [`crate::service::case`].
    Case,
    /// A knowledge-base article; see [`crate::service::knowledge`].
    Article,
    /// A marketing campaign; see [`crate::marketing::campaign`].
    Campaign,
}

impl RecordKind {
    pub const ALL: [RecordKind; 8] = [
        RecordKind::Customer,
        RecordKind::Contact,
        RecordKind::Interaction,
        RecordKind::FollowUp,
        RecordKind::Opportunity,
        RecordKind::Case,
        RecordKind::Article,
        RecordKind::Campaign,
    ];

    /// The object store (or table) name for this kind.
    pub fn store_name(self) -> &'static str {
        match self {
            RecordKind::Customer => "customers",
            RecordKind::Contact => "contacts",
            RecordKind::Interaction => "interactions",
            RecordKind::FollowUp => "follow_ups",
            RecordKind::Opportunity => "opportunities",
            RecordKind::Case => "cases",
            RecordKind::Article => "articles",
            RecordKind::Campaign => "campaigns",
        }
    }
}

/// What every stored record shares. Implemented by the `record!` macro below.
pub trait Record: Clone + Serialize + for<'de> Deserialize<'de> + 'static {
    const KIND: RecordKind;
    fn id(&self) -> Id;
    fn created_at(&self) -> Timestamp;
    fn updated_at(&self) -> Timestamp;
    /// A tombstone: the record is in the trash (or gone) since this time.
    fn deleted_at(&self) -> Option<Timestamp>;
    /// Not in the trash: what every list, count and figure shows.
    fn is_live(&self) -> bool {
        self.deleted_at().is_none()
    }
    /// Revision, bumped on every change; a stale write is one whose base revision is older.
    fn rev(&self) -> u32;
    /// Marks a change at `now`: bumps the revision and the update time.
    fn touch(&mut self, now: Timestamp);
    fn set_deleted(&mut self, at: Option<Timestamp>, now: Timestamp);
    /// The customer this record belongs to (itself for a customer).
    fn customer_id(&self) -> Id;
    fn into_any(self) -> AnyRecord;
    fn from_any(any: AnyRecord) -> Option<Self>;
}

macro_rules! record {
    ($ty:ident, $kind:ident, |$s:ident| $customer:expr) => {
        impl $crate::model::records::Record for $ty {
            const KIND: $crate::model::records::RecordKind =
                $crate::model::records::RecordKind::$kind;
            fn id(&self) -> Id {
                self.id
            }
            fn created_at(&self) -> Timestamp {
                self.created_at
            }
            fn updated_at(&self) -> Timestamp {
                self.updated_at
            }
            fn deleted_at(&self) -> Option<Timestamp> {
                self.deleted_at
            }
            fn rev(&self) -> u32 {
                self.rev
            }
            fn touch(&mut self, now: Timestamp) {
                self.rev += 1;
                // Never move backwards: a clock set back must not make an edit look older.
                self.updated_at = now.max(self.updated_at);
            }
            fn set_deleted(&mut self, at: Option<Timestamp>, now: Timestamp) {
                self.deleted_at = at;
                self.touch(now);
            }
            fn customer_id(&self) -> Id {
                let $s = self;
                $customer
            }
            fn into_any(self) -> $crate::model::records::AnyRecord {
                $crate::model::records::AnyRecord::$kind(self)
            }
            fn from_any(any: $crate::model::records::AnyRecord) -> Option<Self> {
                match any {
                    $crate::model::records::AnyRecord::$kind(r) => Some(r),
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use record;

/// Any record, for batches that write several kinds in one transaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum AnyRecord {
    Customer(Customer),
    Contact(Contact),
    Interaction(Interaction),
    FollowUp(FollowUp),
    Opportunity(Opportunity),
    Case(ServiceCase),
    Article(Article),
    Campaign(Campaign),
}

impl AnyRecord {
    pub fn kind(&self) -> RecordKind {
        match self {
            AnyRecord::Customer(_) => RecordKind::Customer,
            AnyRecord::Contact(_) => RecordKind::Contact,
            AnyRecord::Interaction(_) => RecordKind::Interaction,
            AnyRecord::FollowUp(_) => RecordKind::FollowUp,
            AnyRecord::Opportunity(_) => RecordKind::Opportunity,
            AnyRecord::Case(_) => RecordKind::Case,
            AnyRecord::Article(_) => RecordKind::Article,
            AnyRecord::Campaign(_) => RecordKind::Campaign,
        }
    }

    pub fn id(&self) -> Id {
        match self {
            AnyRecord::Customer(r) => r.id,
            AnyRecord::Contact(r) => r.id,
            AnyRecord::Interaction(r) => r.id,
            AnyRecord::FollowUp(r) => r.id,
            AnyRecord::Opportunity(r) => r.id,
            AnyRecord::Case(r) => r.id,
            AnyRecord::Article(r) => r.id,
            AnyRecord::Campaign(r) => r.id,
        }
    }

    pub fn rev(&self) -> u32 {
        match self {
            AnyRecord::Customer(r) => r.rev,
            AnyRecord::Contact(r) => r.rev,
            AnyRecord::Interaction(r) => r.rev,
            AnyRecord::FollowUp(r) => r.rev,
            AnyRecord::Opportunity(r) => r.rev,
            AnyRecord::Case(r) => r.rev,
            AnyRecord::Article(r) => r.rev,
            AnyRecord::Campaign(r) => r.rev,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    #[default]
    Company,
    Person,
}

/// Head-count bands, as the course texts classify enterprise customers.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SizeBand {
    #[default]
    Unknown,
    /// 1–9 people
    Micro,
    /// 10–49
    Small,
    /// 50–249
    Medium,
    /// 250–999
    Large,
    /// 1000 and more
    Enterprise,
}

impl SizeBand {
    pub const ALL: [SizeBand; 6] = [
        SizeBand::Unknown,
        SizeBand::Micro,
        SizeBand::Small,
        SizeBand::Medium,
        SizeBand::Large,
        SizeBand::Enterprise,
    ];
}

/// The relationship lifecycle as the course teaches it: 潜在客户期 → 客户开发期 → 客户成长期 →
/// 客户成熟期 → 客户衰退期 → 客户终止期 (prospect, development, growth, maturity, decline,
/// termination).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    #[default]
    Prospect,
    Development,
    Growth,
    Maturity,
    Decline,
    Termination,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 6] = [
        Lifecycle::Prospect,
        Lifecycle::Development,
        Lifecycle::Growth,
        Lifecycle::Maturity,
        Lifecycle::Decline,
        Lifecycle::Termination,
    ];
}

/// ABC value classification: A the few most valuable customers, C the many least.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum ValueClass {
    A,
    B,
    #[default]
    C,
}

impl ValueClass {
    pub const ALL: [ValueClass; 3] = [ValueClass::A, ValueClass::B, ValueClass::C];
}

/// What a phone number or e-mail address is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    #[default]
    Work,
    Mobile,
    Home,
    Fax,
    Other,
}

impl Label {
    pub const ALL: [Label; 5] = [
        Label::Work,
        Label::Mobile,
        Label::Home,
        Label::Fax,
        Label::Other,
    ];
}

/// A phone number or e-mail address with its label.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Labeled {
    #[serde(default)]
    pub label: Label,
    #[serde(default)]
    pub value: String,
}

impl Labeled {
    pub fn new(label: Label, value: impl Into<String>) -> Self {
        Labeled {
            label,
            value: value.into(),
        }
    }
}

/// A birthday known without its year, as contact exports write it (Google's CSV `--07-04`,
/// vCard's `--0704`). Kept apart from [`Customer::birthday`] rather than given an invented
/// year. Stored as the ISO 8601 / vCard text `--MM-DD`. February 29 is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// `--07-04` or `--0704` (the only yearless spellings, so `07-04` is not mistaken for
    /// something else); `None` for anything else or an impossible day.
    pub fn parse(s: &str) -> Option<MonthDay> {
        let rest = s.trim().strip_prefix("--")?;
        let digits: String = rest.chars().filter(|&c| c != '-').collect();
        let well_formed = (rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()))
            || (rest.len() == 5 && rest.as_bytes()[2] == b'-' && digits.len() == 4);
        if !well_formed || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (month, day) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
        // A leap year, so that February 29 is a real day.
        NaiveDate::from_ymd_opt(2000, month, day).map(|_| MonthDay { month, day })
    }
}

impl std::fmt::Display for MonthDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "--{:02}-{:02}", self.month, self.day)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        MonthDay::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a --MM-DD birthday: {text}")))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: Id,
    #[serde(default)]
    pub created_at: Timestamp,
    #[serde(default)]
    pub updated_at: Timestamp,
    #[serde(default)]
    pub deleted_at: Option<Timestamp>,
    #[serde(default)]
    pub rev: u32,

    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: CustomerKind,
    /// For a person: the company they work for. For a company: its legal or group name, if different.
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub size: SizeBand,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub lifecycle: Lifecycle,
    #[serde(default)]
    pub value_class: ValueClass,
    /// A team member's name from the owner list in Settings (there are no logins).
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub phones: Vec<Labeled>,
    #[serde(default)]
    pub emails: Vec<Labeled>,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub birthday: Option<NaiveDate>,
    /// A birthday whose year is unknown; only ever set while `birthday` is `None`. Left out
    /// of the stored record when empty, so records without one are written as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday_month_day: Option<MonthDay>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub archived: bool,
    /// Set on a customer absorbed by a merge (together with its tombstone): the survivor it
    /// went into. Kept so the trash can explain where the record went, and so a restored
    /// husk can be recognised as a merged duplicate rather than a lost customer.
    #[serde(default)]
    pub merged_into: Option<Id>,
    /// Every lifecycle move, oldest first. Records from before the history existed have none;
    /// [`crate::customers::lifecycle::history`] reads them as "at the current stage since
    /// creation", so nothing needs rewriting and nothing is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifecycle_history: Vec<LifecycleChange>,
    /// A yearly revenue typed by hand, in minor units of the default currency, for customers
    /// whose business is not tracked deal by deal; where set it is the customer's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_revenue: Option<i64>,
    /// Gross margin in percent, overriding [`Settings::gross_margin_percent`] for this customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_margin_percent: Option<u8>,
    /// The customer who referred this one, for the referral value in lifetime profit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_by: Option<Id>,
    /// The terms of lifetime profit that are not in the records, typed per customer.
    #[serde(default, skip_serializing_if = "LifetimeManual::is_empty")]
    pub lifetime_manual: LifetimeManual,
    /// Do not contact for marketing (since when, through which channel); covers the
    /// customer's contacts too. See [`crate::marketing::opt_out`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketing_opt_out: Option<OptOut>,
}

/// The parts of a customer's lifetime profit the records cannot give, in minor units of the
/// default currency, typed by the user (0 when not known). Costs are positive amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LifetimeManual {
    pub cross_sell: i64,
    pub cost_savings: i64,
    pub acquisition_cost: i64,
    pub discounts: i64,
    pub referral_damage: i64,
}

impl LifetimeManual {
    pub fn is_empty(&self) -> bool {
        *self == LifetimeManual::default()
    }
}
record!(Customer, Customer, |s| s.id);

/// One move in a customer's lifecycle. `from` is `None` for the first entry (the stage the
/// customer started in). `reason` is asked for when a customer moves to decline or termination,
/// usually one of [`Settings::churn_reasons`], kept as text like close reasons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleChange {
    pub on: NaiveDate,
    #[serde(default)]
    pub from: Option<Lifecycle>,
    pub to: Lifecycle,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
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
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub department: String,
    /// Another contact of the same customer; forms the customer's organisation tree.
    #[serde(default)]
    pub reports_to: Option<Id>,
    #[serde(default)]
    pub phones: Vec<Labeled>,
    #[serde(default)]
    pub emails: Vec<Labeled>,
    #[serde(default)]
    pub birthday: Option<NaiveDate>,
    /// As [`Customer::birthday_month_day`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday_month_day: Option<MonthDay>,
    #[serde(default)]
    pub notes: String,
    /// Do not contact this person for marketing; see [`crate::marketing::opt_out`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketing_opt_out: Option<OptOut>,
}
record!(Contact, Contact, |s| s.customer_id);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    #[default]
    Call,
    Visit,
    Meeting,
    Email,
    Message,
    Other,
}

impl InteractionKind {
    pub const ALL: [InteractionKind; 6] = [
        InteractionKind::Call,
        InteractionKind::Visit,
        InteractionKind::Meeting,
        InteractionKind::Email,
        InteractionKind::Message,
        InteractionKind::Other,
    ];
}

/// A file attached to an interaction; the bytes live in their own store, keyed by `id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRef {
    pub id: Id,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub mime: String,
    #[serde(default)]
    pub size: u64,
}

/// One entry of the contact log: "record every contact with the customer".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
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
    /// Local wall-clock time of the contact, as the rep experienced it.
    pub at: NaiveDateTime,
    #[serde(default)]
    pub kind: InteractionKind,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub attachments: Vec<AttachmentRef>,
    /// The sales opportunity this contact was about, if any. The entry still belongs to the
    /// customer's timeline; the link lets the timeline say which deal it concerned and feeds
    /// the opportunity's last activity (see [`crate::pipeline::stale::last_activity`]).
    #[serde(default)]
    pub opportunity_id: Option<Id>,
    /// What the customer said about competitors (竞争对手动态), for the daily report.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub competitor_news: String,
    /// The customer's opinions and requests (客户意见), for the daily report.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub customer_opinion: String,
}
record!(Interaction, Interaction, |s| s.customer_id);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    #[default]
    Open,
    Done,
    Cancelled,
}

/// A planned next contact: a call to make, a visit to pay, a birthday greeting to send.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
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
    pub due: NaiveDate,
    /// Optional time of day, for visit plans.
    #[serde(default)]
    pub time: Option<NaiveTime>,
    #[serde(default)]
    pub kind: InteractionKind,
    #[serde(default)]
    pub purpose: String,
    /// Where the visit takes place (region or address), for the daily visit plan.
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub status: FollowUpStatus,
    #[serde(default)]
    pub result: String,
    /// The sales opportunity this plan serves, if any; see [`Interaction::opportunity_id`].
    #[serde(default)]
    pub opportunity_id: Option<Id>,
    /// Set when the follow-up repeats: completing it plans the next one. Left out of the
    /// stored value when unset, so records written before repeats existed read unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<crate::activity::recurrence::Recurrence>,
}
record!(FollowUp, FollowUp, |s| s.customer_id);

/// A sales opportunity (商机): a purchase a customer may make, worked through the stages in
/// [`Settings::stages`] until it is won or lost.
///
/// Money is an integer in the currency's minor unit (fen for CNY, cents for USD, yen for JPY;
/// see [`crate::model::money::minor_digits`]) so that totals add up exactly: floating-point money
/// turns ¥0.1 + ¥0.2 into ¥0.30000000000000004.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
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
    pub title: String,
    /// In minor units of `currency`; never negative when written by the form.
    #[serde(default)]
    pub amount: i64,
    /// ISO 4217 code, upper case (`CNY`). Blank (only in damaged or hand-made data) means the
    /// default currency of the settings; see [`crate::model::money::currency_of`].
    #[serde(default)]
    pub currency: String,
    /// The [`Stage::id`] (not its name, so renaming a stage leaves opportunities alone). An id
    /// the settings do not know is tolerated; see [`crate::pipeline::opportunity::stage_of`].
    #[serde(default)]
    pub stage: String,
    /// Chance of winning, in percent (0–100).
    #[serde(default)]
    pub probability: u8,
    /// Set when the user chose a probability other than the stage's default; otherwise the
    /// probability follows the stage as the opportunity moves.
    #[serde(default)]
    pub probability_overridden: bool,
    #[serde(default)]
    pub expected_close: Option<NaiveDate>,
    /// A team member's name from the owner list in Settings.
    #[serde(default)]
    pub owner: String,
    /// Where the lead came from: a campaign or a channel.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub competitors: Vec<String>,
    #[serde(default)]
    pub next_step: String,
    /// Why it was won or lost; empty while open. Plain text, usually picked from
    /// [`Settings::close_reasons_won`] or [`Settings::close_reasons_lost`], but kept as text so
    /// that editing those lists never changes what an old opportunity says.
    #[serde(default)]
    pub close_reason: String,
    /// When it was won or lost; `None` while open.
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
    /// Payments received (回款) on a won deal, in the deal's currency, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<Collection>,
    /// The campaign that brought this deal (its source), counted in that campaign's figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_id: Option<Id>,
}
record!(Opportunity, Opportunity, |s| s.customer_id);

/// Whether a stage is still being worked, or the end of the road.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageOutcome {
    #[default]
    Open,
    Won,
    Lost,
}

impl StageOutcome {
    pub const ALL: [StageOutcome; 3] = [StageOutcome::Open, StageOutcome::Won, StageOutcome::Lost];

    pub fn is_closed(self) -> bool {
        self != StageOutcome::Open
    }
}

/// One column of the sales pipeline, as edited in Settings. Stages are ordered by their
/// position in [`Settings::stages`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stage {
    /// Stable identifier that opportunities store. Never shown and never reused, so renaming
    /// or reordering stages keeps every opportunity where it was.
    pub id: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    /// The probability an opportunity gets on entering the stage, in percent. Always 100 for
    /// a won stage and 0 for a lost one.
    #[serde(default)]
    pub probability: u8,
    #[serde(default)]
    pub outcome: StageOutcome,
}

impl Stage {
    pub fn new(
        id: impl Into<String>,
        name_zh: impl Into<String>,
        name_en: impl Into<String>,
        probability: u8,
        outcome: StageOutcome,
    ) -> Self {
        Stage {
            id: id.into(),
            name_zh: name_zh.into(),
            name_en: name_en.into(),
            probability,
            outcome,
        }
    }

    /// The name in the UI language, falling back to the other language when it is blank.
    pub fn name(&self, zh: bool) -> &str {
        name_in(&self.name_zh, &self.name_en, zh)
    }

    /// The probability an opportunity gets here unless overridden. A closed stage's outcome
    /// decides it whatever the stored number says, so that settings edited by hand cannot make
    /// a lost deal weigh anything.
    pub fn default_probability(&self) -> u8 {
        match self.outcome {
            StageOutcome::Open => self.probability.min(100),
            StageOutcome::Won => 100,
            StageOutcome::Lost => 0,
        }
    }
}

/// A name kept in both languages, as one UI language shows it: that language's name, or the
/// other's when it is blank (settings lists such as stages and case kinds).
pub fn name_in<'a>(name_zh: &'a str, name_en: &'a str, zh: bool) -> &'a str {
    let (first, second) = if zh {
        (name_zh, name_en)
    } else {
        (name_en, name_zh)
    };
    if first.trim().is_empty() {
        second.trim()
    } else {
        first.trim()
    }
}

/// The stages of a new installation, as the course texts teach them. The ids are stable
/// across installations, so a backup moved to another device lands in the same columns.
pub fn default_stages() -> Vec<Stage> {
    vec![
        Stage::new(
            "qualification",
            "初步接洽",
            "Qualification",
            10,
            StageOutcome::Open,
        ),
        Stage::new(
            "needs_analysis",
            "需求确认",
            "Needs analysis",
            30,
            StageOutcome::Open,
        ),
        Stage::new("proposal", "方案报价", "Proposal", 50, StageOutcome::Open),
        Stage::new(
            "negotiation",
            "商务谈判",
            "Negotiation",
            80,
            StageOutcome::Open,
        ),
        Stage::new("won", "赢单", "Won", 100, StageOutcome::Won),
        Stage::new("lost", "输单", "Lost", 0, StageOutcome::Lost),
    ]
}

/// A payment received on a won deal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    pub on: NaiveDate,
    /// In minor units of the deal's currency; positive.
    pub amount: i64,
}

/// Why customers leave, offered when one moves to decline or termination; bilingual like the
/// close reasons, and shown through [`close_reason_in`].
pub fn default_churn_reasons() -> Vec<String> {
    DEFAULT_CHURN_REASONS.map(String::from).to_vec()
}

const DEFAULT_CHURN_REASONS: [&str; 6] = [
    "价格 Price",
    "服务 Service",
    "竞争对手 Competitor",
    "不再需要 No longer needs",
    "搬迁 Moved",
    "其他 Other",
];

/// Reasons offered when an opportunity is won. Each entry names both languages, because the
/// list is data shared by a team that may not use the same UI language.
pub fn default_close_reasons_won() -> Vec<String> {
    DEFAULT_WON_REASONS.map(String::from).to_vec()
}

const DEFAULT_WON_REASONS: [&str; 4] = [
    "价格优势 Price",
    "产品功能 Product fit",
    "服务与关系 Service & relationship",
    "其他 Other",
];

/// Reasons offered when an opportunity is lost; see [`default_close_reasons_won`].
pub fn default_close_reasons_lost() -> Vec<String> {
    DEFAULT_LOST_REASONS.map(String::from).to_vec()
}

const DEFAULT_LOST_REASONS: [&str; 5] = [
    "价格 Price",
    "竞争对手 Competitor",
    "预算取消 No budget",
    "无决策 No decision",
    "其他 Other",
];

/// A stored close reason as shown in one UI language. The default reasons name both languages
/// ("价格 Price") because the list is shared data; where a stored reason begins with one of
/// them, only the UI language's half is shown, so a Chinese screen reads Chinese only. Any
/// other text (a reason the team typed, the note after it) is shown as stored.
pub fn close_reason_in(stored: &str, zh: bool) -> String {
    // Called for every card on the board, so the defaults are read without allocating.
    for bilingual in DEFAULT_WON_REASONS
        .iter()
        .chain(&DEFAULT_LOST_REASONS)
        .chain(&DEFAULT_CHURN_REASONS)
    {
        let Some(rest) = stored.strip_prefix(bilingual) else {
            continue;
        };
        // Only a whole entry: "其他 Other" must not match "其他 Others".
        if !(rest.is_empty() || rest.starts_with(['：', ':', ' ', '，', ','])) {
            continue;
        }
        let Some((chinese, english)) = bilingual.split_once(' ') else {
            continue;
        };
        return format!("{}{rest}", if zh { chinese } else { english });
    }
    stored.to_string()
}

/// The default currency of a new installation.
pub const DEFAULT_CURRENCY: &str = "CNY";

/// An open opportunity without activity for this many days is flagged as stale.
pub const DEFAULT_STALE_DAYS: u32 = 30;

/// How many days without contact each value class tolerates before the customer shows up in
/// the "not contacted" care list. A customers are worth more attention, so they get the
/// shortest leash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct CareDays {
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

impl Default for CareDays {
    fn default() -> Self {
        CareDays {
            a: 14,
            b: 30,
            c: 90,
        }
    }
}

impl CareDays {
    /// The threshold for a value class, so callers need not match on the class themselves.
    pub fn for_class(&self, c: ValueClass) -> u32 {
        match c {
            ValueClass::A => self.a,
            ValueClass::B => self.b,
            ValueClass::C => self.c,
        }
    }
}

/// The default attachment size limit: 5 MiB, small enough that a few hundred files fit in a
/// browser's storage quota and a backup file stays shareable.
pub const DEFAULT_ATTACHMENT_LIMIT_BYTES: u64 = 5 * 1024 * 1024;

/// App settings, stored by the UI as a single record. Plain data, not a [`Record`]: there is
/// exactly one, it has no owner customer and it never goes to the trash.
///
/// `#[serde(default)]` on the struct so settings saved by an older version, missing a newer
/// field, still load with that field's default instead of failing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The team members customers and follow-ups can be assigned to (there are no logins).
    pub owners: Vec<String>,
    pub care_days: CareDays,
    pub attachment_limit_bytes: u64,
    /// The currency new opportunities start in (ISO 4217, upper case).
    pub currency: String,
    /// The sales pipeline, in board order. Check edits with
    /// [`crate::pipeline::stages::validate_stages`]; code reading opportunities copes with any
    /// list, even an empty one (see [`crate::pipeline::opportunity::stage_of`]).
    pub stages: Vec<Stage>,
    /// Reasons the win/loss dialogs offer (free text is accepted too).
    pub close_reasons_won: Vec<String>,
    pub close_reasons_lost: Vec<String>,
    /// Days without activity after which an open opportunity is flagged as stale; 0 turns
    /// the flag off.
    pub stale_days: u32,
    /// Reasons offered when a customer moves to decline or termination.
    pub churn_reasons: Vec<String>,
    /// Gross margin in percent that turns value into profit, unless a customer has its own;
    /// `None` until the team sets one, and then analyses show value only.
    pub gross_margin_percent: Option<u8>,
    /// Collections target per owner per month, in minor units of the default currency.
    pub collection_targets: Vec<OwnerTarget>,
    /// The kinds of service case offered, in menu order.
    pub case_kinds: Vec<CaseKind>,
    /// Response and resolution targets per priority.
    pub case_targets: CaseTargets,
    /// Saved customer-list filters, in the order they were saved; see
    /// [`crate::marketing::segments`].
    pub segments: Vec<Segment>,
    /// The holidays greetings are sent on; see [`crate::marketing::greetings`].
    pub holidays: Vec<crate::marketing::greetings::Holiday>,
}

/// A monthly collections target for one owner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerTarget {
    pub owner: String,
    pub monthly: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            owners: Vec::new(),
            care_days: CareDays::default(),
            attachment_limit_bytes: DEFAULT_ATTACHMENT_LIMIT_BYTES,
            currency: DEFAULT_CURRENCY.to_string(),
            stages: default_stages(),
            close_reasons_won: default_close_reasons_won(),
            close_reasons_lost: default_close_reasons_lost(),
            stale_days: DEFAULT_STALE_DAYS,
            churn_reasons: default_churn_reasons(),
            gross_margin_percent: None,
            collection_targets: Vec::new(),
            case_kinds: default_case_kinds(),
            case_targets: CaseTargets::default(),
            segments: Vec::new(),
            holidays: crate::marketing::greetings::default_holidays(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_day_spellings() {
        let md = |month, day| Some(MonthDay { month, day });
        assert_eq!(MonthDay::parse("--07-04"), md(7, 4));
        assert_eq!(MonthDay::parse(" --0704 "), md(7, 4));
        assert_eq!(MonthDay::parse("--02-29"), md(2, 29));
        for bad in [
            "--02-30",
            "--13-01",
            "--7-4",
            "07-04",
            "--07-04-",
            "--0704x",
            "1990-07-04",
            "--",
            "",
        ] {
            assert_eq!(MonthDay::parse(bad), None, "{bad}");
        }
        assert_eq!(MonthDay { month: 7, day: 4 }.to_string(), "--07-04");
        let json = serde_json::to_string(&MonthDay { month: 12, day: 24 }).unwrap();
        assert_eq!(json, "\"--12-24\"");
        assert_eq!(
            serde_json::from_str::<MonthDay>(&json).unwrap(),
            MonthDay { month: 12, day: 24 }
        );
        assert!(serde_json::from_str::<MonthDay>("\"--02-30\"").is_err());
    }

    #[test]
    fn a_default_close_reason_shows_in_the_ui_language_only() {
        assert_eq!(close_reason_in("价格优势 Price", true), "价格优势");
        assert_eq!(close_reason_in("价格优势 Price", false), "Price");
        assert_eq!(
            close_reason_in("价格优势 Price：交期更短", true),
            "价格优势：交期更短"
        );
        assert_eq!(
            close_reason_in("服务与关系 Service & relationship", false),
            "Service & relationship"
        );
        // Typed reasons, and text that only starts like a default, are shown as stored.
        assert_eq!(close_reason_in("老客户介绍", true), "老客户介绍");
        assert_eq!(close_reason_in("其他 Others", true), "其他 Others");
        assert_eq!(close_reason_in("", true), "");
    }

    #[test]
    fn default_stages_match_the_course_texts() {
        let stages = default_stages();
        let summary: Vec<(&str, &str, u8, StageOutcome)> = stages
            .iter()
            .map(|s| {
                (
                    s.name_zh.as_str(),
                    s.name_en.as_str(),
                    s.probability,
                    s.outcome,
                )
            })
            .collect();
        use StageOutcome::*;
        assert_eq!(
            summary,
            vec![
                ("初步接洽", "Qualification", 10, Open),
                ("需求确认", "Needs analysis", 30, Open),
                ("方案报价", "Proposal", 50, Open),
                ("商务谈判", "Negotiation", 80, Open),
                ("赢单", "Won", 100, Won),
                ("输单", "Lost", 0, Lost),
            ]
        );
        assert_eq!(stages[1].name(true), "需求确认");
        assert_eq!(stages[1].name(false), "Needs analysis");
        let half = Stage::new("x", " ", "Only English", 120, Open);
        assert_eq!(half.name(true), "Only English");
        assert_eq!(half.default_probability(), 100);
        assert_eq!(Stage::new("w", "", "", 40, Won).default_probability(), 100);
        assert_eq!(Stage::new("l", "", "", 40, Lost).default_probability(), 0);
        assert!(Won.is_closed() && Lost.is_closed() && !Open.is_closed());
    }

    #[test]
    fn a_stage_needs_only_its_id_to_decode() {
        let s: Stage = serde_json::from_str(r#"{"id":"proposal"}"#).unwrap();
        assert_eq!(s, Stage::new("proposal", "", "", 0, StageOutcome::Open));
        let json = serde_json::to_string(&default_stages()[4]).unwrap();
        assert_eq!(
            json,
            r#"{"id":"won","name_zh":"赢单","name_en":"Won","probability":100,"outcome":"won"}"#
        );
    }

    #[test]
    fn care_days_default_and_per_class() {
        let care = CareDays::default();
        assert_eq!((care.a, care.b, care.c), (14, 30, 90));
        let custom = CareDays { a: 1, b: 2, c: 3 };
        assert_eq!(custom.for_class(ValueClass::A), 1);
        assert_eq!(custom.for_class(ValueClass::B), 2);
        assert_eq!(custom.for_class(ValueClass::C), 3);
    }

    #[test]
    fn settings_default_and_decode_partial() {
        let s = Settings::default();
        assert!(s.owners.is_empty());
        assert_eq!(s.attachment_limit_bytes, 5_242_880);
        assert_eq!(s.care_days, CareDays::default());
        // Settings written before a field existed still load, with that field defaulted.
        let old: Settings =
            serde_json::from_str(r#"{"owners":["李雷"],"care_days":{"a":7}}"#).unwrap();
        assert_eq!(old.owners, vec!["李雷"]);
        assert_eq!(old.care_days, CareDays { a: 7, b: 30, c: 90 });
        assert_eq!(old.attachment_limit_bytes, DEFAULT_ATTACHMENT_LIMIT_BYTES);
        // Settings from before opportunities existed get the default pipeline.
        assert_eq!(old.currency, "CNY");
        assert_eq!(old.stages, default_stages());
        assert_eq!(old.stale_days, 30);
        assert_eq!(old.close_reasons_lost, default_close_reasons_lost());
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), s);
    }
}
