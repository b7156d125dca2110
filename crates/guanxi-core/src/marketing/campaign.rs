//! A marketing campaign (营销活动): a trade fair, a mailing, an event, a calling round or an
//! advert, what it cost, whom it reached and how each of them answered.
//!
//! Members are kept inside the campaign record (a trade fair's few thousand business cards are
//! one record of a few hundred kilobytes), each pointing at a customer, so the campaign is one
//! write and one revision: two tabs adding members at once conflict instead of losing one list.
//! How a member answered is typed by the user (responded, opted out) and read from the deals
//! that name the campaign as their source (became an opportunity, won); see [`super::roi`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::marketing::opt_out::OptOutChannel;
use crate::model::form::Errors;
use crate::model::ids::{Id, Timestamp};
use crate::model::money::parse_amount;
use crate::model::records::{record, Record};
use crate::model::validate::{self, Field, FieldError, Problem, NAME_MAX, SHORT_MAX, TEXT_MAX};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignKind {
    #[default]
    TradeFair,
    Email,
    Event,
    Call,
    Ad,
}

impl CampaignKind {
    pub const ALL: [CampaignKind; 5] = [
        CampaignKind::TradeFair,
        CampaignKind::Email,
        CampaignKind::Event,
        CampaignKind::Call,
        CampaignKind::Ad,
    ];

    /// The channel whose opt-outs keep a person out of this campaign. An e-mail campaign
    /// spares those who refused only phone calls; a trade fair's invitations and an event's
    /// go by any channel, so any opt-out keeps a person out.
    pub fn channel(self) -> OptOutChannel {
        match self {
            CampaignKind::Email => OptOutChannel::Email,
            CampaignKind::Call => OptOutChannel::Phone,
            _ => OptOutChannel::All,
        }
    }
}

/// How far a member went. The order is the funnel's: each step includes the ones before it
/// (a member who won also responded), except [`Response::OptedOut`], which ends it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    #[default]
    Targeted,
    Responded,
    Opportunity,
    Won,
    OptedOut,
}

impl Response {
    pub const ALL: [Response; 5] = [
        Response::Targeted,
        Response::Responded,
        Response::Opportunity,
        Response::Won,
        Response::OptedOut,
    ];

    /// Whether this counts as a response (opting out is an answer, but not the one sought).
    pub fn responded(self) -> bool {
        matches!(
            self,
            Response::Responded | Response::Opportunity | Response::Won
        )
    }
}

/// How a member came into the campaign, kept so a list can be explained later.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberSource {
    /// From the campaign's target segment.
    Segment,
    /// From an imported lead list (business cards, a CSV).
    LeadList,
    #[default]
    Hand,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub customer_id: Id,
    /// The person addressed, when the campaign reached someone in particular.
    #[serde(default)]
    pub contact_id: Option<Id>,
    #[serde(default)]
    pub source: MemberSource,
    pub added_on: NaiveDate,
    /// The response as the user set it; deals linked to the campaign can raise it (see
    /// [`super::roi`]).
    #[serde(default)]
    pub response: Response,
    #[serde(default)]
    pub response_on: Option<NaiveDate>,
}

/// One thing the campaign cost (the stand, the printing, the advert).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostLine {
    pub id: Id,
    pub label: String,
    /// Minor units of the default currency.
    pub amount: i64,
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
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
    pub kind: CampaignKind,
    #[serde(default)]
    pub starts: Option<NaiveDate>,
    #[serde(default)]
    pub ends: Option<NaiveDate>,
    /// Planned spend, minor units of the default currency; 0 when none was set.
    #[serde(default)]
    pub budget: i64,
    #[serde(default)]
    pub costs: Vec<CostLine>,
    /// A [`crate::marketing::Segment::id`]; members are added from it on request, never
    /// silently, so the list stays what it was when the invitations went out.
    #[serde(default)]
    pub segment: Option<Id>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub members: Vec<Member>,
}
// A campaign belongs to no one customer: the nil id, so no customer's trash or merge takes it
// along (a merge repoints its members instead, see `customers::merge`).
record!(Campaign, Campaign, |_s| Id::from_u128(0));

impl Campaign {
    /// What it actually cost: the sum of its cost lines.
    pub fn cost(&self) -> i64 {
        self.costs
            .iter()
            .fold(0i64, |sum, c| sum.saturating_add(c.amount))
    }

    pub fn member(&self, customer: Id) -> Option<&Member> {
        self.members.iter().find(|m| m.customer_id == customer)
    }
}

/// A campaign as its form edits it (members and costs have their own commands).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CampaignForm {
    pub name: String,
    pub kind: CampaignKind,
    /// `YYYY-MM-DD` or blank.
    pub starts: String,
    pub ends: String,
    /// A money amount in the default currency, or blank for none.
    pub budget: String,
    pub segment: Option<Id>,
    pub owner: String,
    pub notes: String,
}

impl CampaignForm {
    pub fn from_record(c: &Campaign, currency: &str) -> Self {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        CampaignForm {
            name: c.name.clone(),
            kind: c.kind,
            starts: date(c.starts),
            ends: date(c.ends),
            budget: if c.budget == 0 {
                String::new()
            } else {
                crate::model::money::amount_text(c.budget, currency)
            },
            segment: c.segment,
            owner: c.owner.clone(),
            notes: c.notes.clone(),
        }
    }

    fn apply(&self, mut c: Campaign, currency: &str) -> Result<Campaign, Vec<FieldError>> {
        let mut e = Errors::default();
        c.name = e.required_text(Field::CampaignName, &self.name, NAME_MAX);
        c.kind = self.kind;
        c.starts = e.check(Field::StartsOn, validate::date(&self.starts));
        c.ends = e.check(Field::EndsOn, validate::date(&self.ends));
        if let (Some(s), Some(end)) = (c.starts, c.ends) {
            if end < s {
                e.check::<()>(Field::EndsOn, Err(Problem::EndBeforeStart));
            }
        }
        c.budget = e.check(Field::Budget, money(&self.budget, currency));
        c.segment = self.segment;
        c.owner = e.text(Field::Owner, &self.owner, SHORT_MAX);
        c.notes = e.text(Field::Notes, &self.notes, TEXT_MAX);
        e.finish(c)
    }
}

/// A non-negative amount, blank as 0.
fn money(s: &str, currency: &str) -> Result<i64, Problem> {
    if s.trim().is_empty() {
        return Ok(0);
    }
    let amount = parse_amount(s, currency)?;
    if amount < 0 {
        Err(Problem::NegativeAmount)
    } else {
        Ok(amount)
    }
}

/// A new campaign, or `existing` edited (its members and costs kept).
pub fn save_campaign(
    form: &CampaignForm,
    existing: Option<&Campaign>,
    currency: &str,
    id: Id,
    now: Timestamp,
) -> Result<Campaign, Vec<FieldError>> {
    match existing {
        Some(c) => {
            let mut c = form.apply(c.clone(), currency)?;
            c.touch(now);
            Ok(c)
        }
        None => form.apply(
            Campaign {
                id,
                created_at: now,
                updated_at: now,
                deleted_at: None,
                rev: 1,
                name: String::new(),
                kind: CampaignKind::default(),
                starts: None,
                ends: None,
                budget: 0,
                costs: Vec::new(),
                segment: None,
                owner: String::new(),
                notes: String::new(),
                members: Vec::new(),
            },
            currency,
        ),
    }
}

/// A cost line as its row of the form edits it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostForm {
    pub label: String,
    pub amount: String,
    pub on: String,
}

/// `campaign` with a cost line added.
pub fn add_cost(
    campaign: &Campaign,
    form: &CostForm,
    currency: &str,
    id: Id,
    now: Timestamp,
) -> Result<Campaign, Vec<FieldError>> {
    let mut e = Errors::default();
    let label = e.required_text(Field::CostLabel, &form.label, SHORT_MAX);
    let amount = e.check(
        Field::CostAmount,
        if form.amount.trim().is_empty() {
            Err(Problem::Required)
        } else {
            money(&form.amount, currency)
        },
    );
    let on = e.check(Field::CostDate, validate::date(&form.on));
    let mut c = e.finish(campaign.clone())?;
    c.costs.push(CostLine {
        id,
        label,
        amount,
        on,
    });
    c.touch(now);
    Ok(c)
}

/// `campaign` without the cost line `line`; `None` if it has no such line.
pub fn remove_cost(campaign: &Campaign, line: Id, now: Timestamp) -> Option<Campaign> {
    let mut c = campaign.clone();
    let before = c.costs.len();
    c.costs.retain(|l| l.id != line);
    (c.costs.len() != before).then(|| {
        c.touch(now);
        c
    })
}

/// What adding members did: how many were new, and how many were members already.
#[derive(Clone, Debug, PartialEq)]
pub struct Added {
    pub campaign: Campaign,
    pub added: usize,
    pub already: usize,
}

/// `campaign` with `(customer, contact)` pairs added as members through `source`; a customer
/// already a member is counted and left as it is (its response is not reset).
pub fn add_members(
    campaign: &Campaign,
    people: &[(Id, Option<Id>)],
    source: MemberSource,
    today: NaiveDate,
    now: Timestamp,
) -> Added {
    let mut c = campaign.clone();
    let mut seen: std::collections::HashSet<Id> = c.members.iter().map(|m| m.customer_id).collect();
    let (mut added, mut already) = (0, 0);
    for &(customer_id, contact_id) in people {
        if !seen.insert(customer_id) {
            already += 1;
            continue;
        }
        c.members.push(Member {
            customer_id,
            contact_id,
            source,
            added_on: today,
            response: Response::Targeted,
            response_on: None,
        });
        added += 1;
    }
    if added > 0 {
        c.touch(now);
    }
    Added {
        campaign: c,
        added,
        already,
    }
}

/// `campaign` with `customer`'s typed response set (dated `today`); `None` if not a member.
pub fn set_response(
    campaign: &Campaign,
    customer: Id,
    response: Response,
    today: NaiveDate,
    now: Timestamp,
) -> Option<Campaign> {
    let mut c = campaign.clone();
    let m = c.members.iter_mut().find(|m| m.customer_id == customer)?;
    m.response = response;
    m.response_on = (response != Response::Targeted).then_some(today);
    c.touch(now);
    Some(c)
}

/// `campaign` without `customer` as a member; `None` if it was not one.
pub fn remove_member(campaign: &Campaign, customer: Id, now: Timestamp) -> Option<Campaign> {
    let mut c = campaign.clone();
    let before = c.members.len();
    c.members.retain(|m| m.customer_id != customer);
    (c.members.len() != before).then(|| {
        c.touch(now);
        c
    })
}

/// Members that pointed at `from` now point at `to` (a customer merge); a campaign that had
/// both keeps the one that went further. `None` when `from` was not a member.
pub fn repoint_members(campaign: &Campaign, from: Id, to: Id, now: Timestamp) -> Option<Campaign> {
    let old = campaign.member(from)?.clone();
    let mut c = campaign.clone();
    c.members.retain(|m| m.customer_id != from);
    match c.members.iter_mut().find(|m| m.customer_id == to) {
        Some(kept) => {
            if old.response > kept.response {
                kept.response = old.response;
                kept.response_on = old.response_on;
            }
        }
        None => c.members.push(Member {
            customer_id: to,
            ..old
        }),
    }
    c.touch(now);
    Some(c)
}
