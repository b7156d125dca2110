//! Service quality in a period, as the course measures it: cases by kind, channel and status,
//! time to first response and to resolution, the share within target, satisfaction, complaints
//! per 100 customers, and churn among customers with an unresolved complaint against those
//! without.
//!
//! The cases counted are the live cases of counted customers *opened* in the period (one
//! cohort for every figure, so each can be checked against the same list). Statuses are as they
//! stand now. Averages are exact fractions of whole minutes.

use std::collections::HashSet;

use crate::analysis::growth::growth;
use crate::analysis::period::Period;
use crate::analysis::ratio::Ratio;
use crate::analysis::scope::live_customers;
use crate::model::ids::Id;
use crate::model::records::{Customer, Record, Settings};
use crate::service::case::{CaseChannel, CaseStatus, ServiceCase};
use crate::service::timing::{
    minutes_to_resolution, minutes_to_response, resolved_in_time, responded_in_time,
};

/// A group of cases under one key, with the records behind the count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group<K> {
    pub key: K,
    pub cases: Vec<Id>,
}

/// An average kept as its sum and count: `total ÷ count`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Average {
    pub total_minutes: u64,
    pub cases: Vec<Id>,
}

impl Average {
    fn add(&mut self, id: Id, minutes: u64) {
        self.total_minutes += minutes;
        self.cases.push(id);
    }

    /// In minutes; undefined with no cases.
    pub fn minutes(&self) -> Ratio {
        Ratio::new(self.total_minutes, self.cases.len() as u64)
    }

    /// In hours (`total ÷ (count × 60)`).
    pub fn hours(&self) -> Ratio {
        Ratio::new(self.total_minutes, self.cases.len() as u64 * 60)
    }
}

/// A churn rate for one group of the customers there at the start of the period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupChurn {
    pub customers: Vec<Id>,
    pub lost: Vec<Id>,
}

impl GroupChurn {
    pub fn rate(&self) -> Ratio {
        Ratio::new(self.lost.len() as u64, self.customers.len() as u64)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceFigures {
    pub period: Period,
    pub opened: Vec<Id>,
    /// In the settings' order; kinds the settings no longer list come last, by id.
    pub by_kind: Vec<Group<String>>,
    pub by_channel: Vec<Group<CaseChannel>>,
    pub by_status: Vec<Group<CaseStatus>>,
    pub to_response: Average,
    pub to_resolution: Average,
    /// Answered within the response target ÷ answered (cases with a target).
    pub responded_in_time: Ratio,
    pub responded_in_time_cases: Vec<Id>,
    /// Resolved within the resolution target ÷ resolved (cases with a target).
    pub resolved_in_time: Ratio,
    pub resolved_in_time_cases: Vec<Id>,
    /// How many verdicts of 1, 2, 3, 4 and 5 were given.
    pub satisfaction: [u64; 5],
    /// Sum of the verdicts ÷ number of verdicts.
    pub satisfaction_average: Ratio,
    pub rated: Vec<Id>,
    pub reopened: Vec<Id>,
    /// Cases of a complaint kind opened in the period.
    pub complaints: Vec<Id>,
    /// Customers there at the start of the period (the churn rate's base).
    pub customers_at_start: u64,
    /// `complaints × 100 ÷ customers at the start`.
    pub complaints_per_100: Ratio,
    /// Customers there at the start who had a complaint unresolved at some time in the period
    /// (opened by its end and not resolved before its start), and the others.
    pub churn_with_complaint: GroupChurn,
    pub churn_without_complaint: GroupChurn,
}

fn grouped<K: Eq + Clone>(order: &[K], pairs: impl Iterator<Item = (K, Id)>) -> Vec<Group<K>> {
    let mut groups: Vec<Group<K>> = order
        .iter()
        .map(|k| Group {
            key: k.clone(),
            cases: Vec::new(),
        })
        .collect();
    for (key, id) in pairs {
        match groups.iter_mut().find(|g| g.key == key) {
            Some(g) => g.cases.push(id),
            None => groups.push(Group {
                key,
                cases: vec![id],
            }),
        }
    }
    groups
}

/// The cases that count: live, of a customer that counts (not trashed or merged away).
fn counted_cases<'a>(cases: &'a [ServiceCase], customers: &[Customer]) -> Vec<&'a ServiceCase> {
    let counted = live_customers(customers);
    cases
        .iter()
        .filter(|c| c.is_live() && counted.contains_key(&c.customer_id))
        .collect()
}

/// The period's cases, as every figure counts them: the cases that count opened in `period`,
/// oldest first. The case list filtered by a period shows exactly these.
pub fn cases_opened_in<'a>(
    cases: &'a [ServiceCase],
    customers: &[Customer],
    period: Period,
) -> Vec<&'a ServiceCase> {
    opened_in(&counted_cases(cases, customers), period)
}

fn opened_in<'a>(live: &[&'a ServiceCase], period: Period) -> Vec<&'a ServiceCase> {
    let mut in_period: Vec<&ServiceCase> = live
        .iter()
        .copied()
        .filter(|c| period.contains(c.opened_at.date()))
        .collect();
    in_period.sort_by_key(|c| (c.opened_at, c.id));
    in_period
}

pub fn service_figures(
    cases: &[ServiceCase],
    customers: &[Customer],
    settings: &Settings,
    period: Period,
) -> ServiceFigures {
    let live = counted_cases(cases, customers);
    let in_period = opened_in(&live, period);
    let complaint_kinds: HashSet<&str> = settings
        .case_kinds
        .iter()
        .filter(|k| k.complaint)
        .map(|k| k.id.as_str())
        .collect();
    let is_complaint = |c: &ServiceCase| complaint_kinds.contains(c.kind.as_str());

    let kind_order: Vec<String> = settings.case_kinds.iter().map(|k| k.id.clone()).collect();
    let mut by_kind = grouped(
        &kind_order,
        in_period.iter().map(|c| (c.kind.clone(), c.id)),
    );
    by_kind[kind_order.len()..].sort_by(|a, b| a.key.cmp(&b.key));
    let by_channel = grouped(
        &CaseChannel::ALL,
        in_period.iter().map(|c| (c.channel, c.id)),
    );
    let by_status = grouped(&CaseStatus::ALL, in_period.iter().map(|c| (c.status, c.id)));

    let mut to_response = Average::default();
    let mut to_resolution = Average::default();
    let (mut answered, mut answered_in_time) = (0, Vec::new());
    let (mut resolved, mut resolved_ok) = (0, Vec::new());
    let mut satisfaction = [0u64; 5];
    let mut rated = Vec::new();
    for c in &in_period {
        if let Some(m) = minutes_to_response(c) {
            to_response.add(c.id, m);
        }
        if let Some(m) = minutes_to_resolution(c) {
            to_resolution.add(c.id, m);
        }
        if let Some(ok) = responded_in_time(c, &settings.case_targets) {
            answered += 1;
            if ok {
                answered_in_time.push(c.id);
            }
        }
        if let Some(ok) = resolved_in_time(c, &settings.case_targets) {
            resolved += 1;
            if ok {
                resolved_ok.push(c.id);
            }
        }
        if let Some(s @ 1..=5) = c.satisfaction {
            satisfaction[usize::from(s) - 1] += 1;
            rated.push(c.id);
        }
    }
    let verdict_sum: u64 = satisfaction
        .iter()
        .zip(1u64..)
        .map(|(n, score)| n * score)
        .sum();
    let complaints: Vec<Id> = in_period
        .iter()
        .filter(|c| is_complaint(c))
        .map(|c| c.id)
        .collect();

    let g = growth(customers, period);
    let lost: HashSet<Id> = g.lost_from_start.iter().copied().collect();
    let mut unresolved_complaint: HashSet<Id> = HashSet::new();
    for c in live.iter().filter(|c| is_complaint(c)) {
        let opened_by_end = c.opened_at.date() <= period.end();
        let open_at_start = c.resolved_at.is_none_or(|r| r.date() >= period.start());
        if opened_by_end && open_at_start {
            unresolved_complaint.insert(c.customer_id);
        }
    }
    let mut with = GroupChurn::default();
    let mut without = GroupChurn::default();
    for id in &g.at_start {
        let group = if unresolved_complaint.contains(id) {
            &mut with
        } else {
            &mut without
        };
        group.customers.push(*id);
        if lost.contains(id) {
            group.lost.push(*id);
        }
    }

    ServiceFigures {
        period,
        opened: in_period.iter().map(|c| c.id).collect(),
        by_kind,
        by_channel,
        by_status,
        to_response,
        to_resolution,
        responded_in_time: Ratio::new(answered_in_time.len() as u64, answered),
        responded_in_time_cases: answered_in_time,
        resolved_in_time: Ratio::new(resolved_ok.len() as u64, resolved),
        resolved_in_time_cases: resolved_ok,
        satisfaction,
        satisfaction_average: Ratio::new(verdict_sum, rated.len() as u64),
        rated,
        reopened: in_period
            .iter()
            .filter(|c| c.reopened > 0)
            .map(|c| c.id)
            .collect(),
        customers_at_start: g.at_start.len() as u64,
        complaints_per_100: Ratio::new(complaints.len() as u64 * 100, g.at_start.len() as u64),
        complaints,
        churn_with_complaint: with,
        churn_without_complaint: without,
    }
}
