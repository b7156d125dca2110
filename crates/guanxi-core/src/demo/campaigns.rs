//! The demo's campaigns, so the campaign screens and their ROI have something to show: a trade
//! fair five months ago aimed at the first demo segment, an e-mail newsletter last month to the
//! customers in growth, and a product launch next month still being planned. Members come from
//! the segments through [`marketing_reachable`], as the app adds them; deals the members opened
//! after the campaign name it as their source, so responses and wins are the records' own.
//! A member who answered "opted out" has the customer's opt-out recorded, as the app does.
//! The fair's business cards are the customers who first came within a month of it.

use chrono::{Duration, NaiveDate};

use super::generator::{DemoData, Rng};
use crate::marketing::campaign::{
    add_cost, add_members, save_campaign, set_response, Campaign, CampaignForm, CampaignKind,
    CostForm, MemberSource, Response,
};
use crate::marketing::opt_out::marketing_reachable;
use crate::marketing::segments::selected_customers;
use crate::marketing::{OptOut, Segment};
use crate::model::ids::{Id, Timestamp};

const CAMPAIGN_STREAM: u64 = 0x6361_6d70_6169_676e;

struct Plan {
    names: [&'static str; 2],
    kind: CampaignKind,
    /// Days from today to the start, and how many days it lasts.
    starts_in: i64,
    days: i64,
    budget_yuan: i64,
    costs: &'static [([&'static str; 2], i64)],
    /// Which demo segment it aims at.
    segment: usize,
    /// Percent of members who answered, and who asked to hear no more.
    responded: u64,
    opted_out: u64,
    /// Deals opened by members this many days after the start name the campaign.
    deal_window: i64,
}

const PLANS: [Plan; 3] = [
    Plan {
        names: ["华东工业博览会", "East China Industry Expo"],
        kind: CampaignKind::TradeFair,
        starts_in: -150,
        days: 3,
        budget_yuan: 80_000,
        costs: &[
            (["展位费", "Stand"], 45_000),
            (["物料印刷", "Printing"], 8_000),
            (["差旅", "Travel"], 12_000),
        ],
        segment: 0,
        responded: 35,
        opted_out: 3,
        deal_window: 120,
    },
    Plan {
        names: ["客户通讯·秋季刊", "Autumn newsletter"],
        kind: CampaignKind::Email,
        starts_in: -40,
        days: 1,
        budget_yuan: 2_000,
        costs: &[(["邮件平台", "Mailing service"], 1_200)],
        segment: 2,
        responded: 20,
        opted_out: 5,
        deal_window: 60,
    },
    Plan {
        names: ["新品发布会", "Product launch"],
        kind: CampaignKind::Event,
        starts_in: 20,
        days: 1,
        budget_yuan: 30_000,
        costs: &[],
        segment: 1,
        responded: 0,
        opted_out: 0,
        deal_window: 0,
    },
];

/// The campaigns for `data` (whose segments are already chosen); links the members' deals and
/// records the opt-outs in `data`.
pub(super) fn demo_campaigns(
    data: &mut DemoData,
    seed: u64,
    zh: bool,
    today: NaiveDate,
    now: Timestamp,
) -> Vec<Campaign> {
    let mut rng = Rng(seed ^ CAMPAIGN_STREAM);
    let lang = usize::from(!zh);
    let mut campaigns = Vec::new();
    for plan in &PLANS {
        let Some(segment) = data.segments.get(plan.segment).cloned() else {
            continue;
        };
        let starts = today + Duration::days(plan.starts_in);
        let ends = starts + Duration::days(plan.days - 1);
        let form = CampaignForm {
            name: plan.names[lang].to_string(),
            kind: plan.kind,
            starts: starts.to_string(),
            ends: ends.to_string(),
            budget: plan.budget_yuan.to_string(),
            segment: Some(segment.id),
            owner: data.owners.first().cloned().unwrap_or_default(),
            notes: String::new(),
        };
        let at = Timestamp(now.0 + (plan.starts_in - 30) * 86_400_000);
        let Ok(mut c) = save_campaign(&form, None, "CNY", rng.id(), at) else {
            continue;
        };
        for (label, yuan) in plan.costs {
            let line = CostForm {
                label: label[lang].to_string(),
                amount: yuan.to_string(),
                on: starts.to_string(),
            };
            if let Ok(next) = add_cost(&c, &line, "CNY", rng.id(), at) {
                c = next;
            }
        }
        let people = reachable_members(data, &segment, plan.kind);
        let added_on = (starts - Duration::days(14)).min(today);
        c = add_members(&c, &people, MemberSource::Segment, added_on, at).campaign;
        if plan.kind == CampaignKind::TradeFair && plan.starts_in < 0 {
            // The fair's business cards: customers who first came within a month of it.
            let cards: Vec<(Id, Option<Id>)> = data
                .customers
                .iter()
                .filter(|x| {
                    let joined = x.created_at.to_datetime().date_naive();
                    joined >= starts && joined <= starts + Duration::days(30)
                })
                .map(|x| (x.id, None))
                .collect();
            c = add_members(&c, &cards, MemberSource::LeadList, ends, at).campaign;
        }
        if plan.starts_in < 0 {
            c = answer(&mut rng, c, plan, data, starts, at);
            link_deals(data, &c, starts, plan.deal_window);
        }
        campaigns.push(c);
    }
    campaigns
}

fn reachable_members(
    data: &DemoData,
    segment: &Segment,
    kind: CampaignKind,
) -> Vec<(Id, Option<Id>)> {
    let selected = selected_customers(&data.customers, &segment.selection());
    let reach = marketing_reachable(&selected, &data.contacts, kind.channel());
    reach
        .customers
        .iter()
        .map(|c| {
            let contact = reach
                .contacts
                .iter()
                .find(|p| p.customer_id == c.id)
                .map(|p| p.id);
            (c.id, contact)
        })
        .collect()
}

/// Typed answers a few days after the start; an opt-out is recorded on the customer too.
fn answer(
    rng: &mut Rng,
    mut c: Campaign,
    plan: &Plan,
    data: &mut DemoData,
    starts: NaiveDate,
    at: Timestamp,
) -> Campaign {
    let on = starts + Duration::days(rng.range(1, 10));
    let ids: Vec<Id> = c.members.iter().map(|m| m.customer_id).collect();
    for id in ids {
        let roll = rng.below(100);
        let response = if roll < plan.opted_out {
            Response::OptedOut
        } else if roll < plan.opted_out + plan.responded {
            Response::Responded
        } else {
            continue;
        };
        if let Some(next) = set_response(&c, id, response, on, at) {
            c = next;
        }
        if response == Response::OptedOut {
            if let Some(customer) = data.customers.iter_mut().find(|x| x.id == id) {
                customer.marketing_opt_out.get_or_insert(OptOut {
                    on,
                    channel: plan.kind.channel(),
                    note: c.name.clone(),
                });
            }
        }
    }
    c
}

/// Members' deals opened within `window` days of the start name the campaign as their source.
fn link_deals(data: &mut DemoData, c: &Campaign, starts: NaiveDate, window: i64) {
    let until = starts + Duration::days(window);
    for o in data.opportunities.iter_mut() {
        let opened = o.created_at.to_datetime().date_naive();
        if o.campaign_id.is_none()
            && opened >= starts
            && opened <= until
            && c.member(o.customer_id).is_some()
        {
            o.campaign_id = Some(c.id);
        }
    }
}
