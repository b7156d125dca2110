//! Reports for the day: the visit plan (who goes where, when) and the daily activity report
//! per owner, which replaces the paper "daily visit report" of a sales team.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime};

use crate::activity::recurrence::Recurrence;
use crate::customers::query::fold;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    Contact, Customer, FollowUp, FollowUpStatus, Interaction, InteractionKind, Opportunity,
    Settings, StageOutcome,
};
use crate::pipeline::opportunity::outcome_of;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitRow {
    pub follow_up_id: Id,
    pub customer_id: Id,
    pub customer_name: String,
    /// Empty when there is no contact, or it is in the trash or gone.
    pub contact_name: String,
    pub time: Option<NaiveTime>,
    /// The follow-up's place, else the customer's region.
    pub place: String,
    pub purpose: String,
    /// The follow-up's owner, else the customer's owner.
    pub owner: String,
    pub kind: InteractionKind,
    pub status: FollowUpStatus,
    /// Set when the follow-up repeats, so the plan can say so.
    pub recurrence: Option<Recurrence>,
}

/// The plan for `day`: every follow-up due that day (calls and e-mails too, since they also
/// take time out of the day), done ones included so the plan doubles as a checklist, cancelled
/// ones left out. Follow-ups in the trash, or of customers in the trash or missing, are left
/// out. `owner` narrows the plan to one person (compared trimmed, against the effective
/// owner shown in the row). Timed rows first by time, then untimed ones, each by customer.
pub fn visit_plan(
    day: NaiveDate,
    follow_ups: &[FollowUp],
    customers: &[Customer],
    contacts: &[Contact],
    owner: Option<&str>,
) -> Vec<VisitRow> {
    let customers: HashMap<Id, &Customer> = customers
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| (c.id, c))
        .collect();
    let contacts: HashMap<Id, &Contact> = contacts
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| (c.id, c))
        .collect();
    let owner = owner.map(str::trim);
    let mut rows: Vec<(String, VisitRow)> = Vec::new();
    for f in follow_ups {
        if f.deleted_at.is_some() || f.due != day || f.status == FollowUpStatus::Cancelled {
            continue;
        }
        let Some(customer) = customers.get(&f.customer_id) else {
            continue;
        };
        let pick = |own: &str, fallback: &str| {
            let own = own.trim();
            if own.is_empty() { fallback.trim() } else { own }.to_string()
        };
        let row_owner = pick(&f.owner, &customer.owner);
        if owner.is_some_and(|o| o != row_owner) {
            continue;
        }
        let contact_name = f
            .contact_id
            .and_then(|id| contacts.get(&id))
            .map(|c| c.name.clone())
            .unwrap_or_default();
        rows.push((
            fold(&customer.name),
            VisitRow {
                follow_up_id: f.id,
                customer_id: customer.id,
                customer_name: customer.name.clone(),
                contact_name,
                time: f.time,
                place: pick(&f.place, &customer.region),
                purpose: f.purpose.clone(),
                owner: row_owner,
                kind: f.kind,
                status: f.status,
                recurrence: f.recurrence,
            },
        ));
    }
    rows.sort_by(|(an, a), (bn, b)| {
        (a.time.is_none(), a.time, an, a.follow_up_id).cmp(&(
            b.time.is_none(),
            b.time,
            bn,
            b.follow_up_id,
        ))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// One owner's day.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnerReport {
    /// Trimmed; "" for work on customers nobody owns.
    pub owner: String,
    /// Contacts logged for the owner's customers, by time.
    pub interactions: Vec<Interaction>,
    /// Follow-ups the owner completed that day, by completion time.
    pub follow_ups_done: Vec<FollowUp>,
    /// Customers created that day, by creation time.
    pub new_customers: Vec<Customer>,
    /// Deals won that day (by close date), credited to the deal's owner, else the customer's.
    pub deals_won: Vec<Opportunity>,
    /// Payments received that day, per deal: the deal and the day's total on it, credited
    /// like the wins.
    pub collected: Vec<(Opportunity, i64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DailyReport {
    pub day: NaiveDate,
    /// Sorted by owner name, the unowned group ("") last.
    pub owners: Vec<OwnerReport>,
    /// (interactions, follow-ups done, new customers) over all owners.
    pub totals: (usize, usize, usize),
}

/// The local calendar day of a UTC timestamp, `tz_offset_minutes` east of UTC (UTC+8 is 480;
/// note that JavaScript's `getTimezoneOffset()` has the opposite sign).
pub fn local_date(t: Timestamp, tz_offset_minutes: i32) -> NaiveDate {
    Timestamp(t.0 + i64::from(tz_offset_minutes) * 60_000)
        .to_datetime()
        .date_naive()
}

/// Owner groups keyed so that iteration gives the report's order: named owners by folded
/// name, then the unowned group.
type Groups = BTreeMap<(bool, String, String), OwnerReport>;

fn group<'g>(groups: &'g mut Groups, owner: &str) -> &'g mut OwnerReport {
    let owner = owner.trim();
    groups
        .entry((owner.is_empty(), fold(owner), owner.to_string()))
        .or_insert_with(|| OwnerReport {
            owner: owner.to_string(),
            interactions: Vec::new(),
            follow_ups_done: Vec::new(),
            new_customers: Vec::new(),
            deals_won: Vec::new(),
            collected: Vec::new(),
        })
}

/// What happened on `day`, per owner.
///
/// - interactions whose local `at` is on `day`, credited to the customer's owner (the log
///   has no author);
/// - follow-ups marked done on `day` (their last update, in local time: a completed follow-up
///   is not normally edited again), credited to the follow-up's owner, else the customer's;
/// - customers created on `day` (local time), credited to their owner;
/// - deals won on `day` and payments dated `day`, credited to the deal's owner, else the
///   customer's (amounts stay in each deal's currency).
///
/// Records in the trash, and records of customers in the trash or missing, are left out.
pub fn daily_report(
    day: NaiveDate,
    customers: &[Customer],
    interactions: &[Interaction],
    follow_ups: &[FollowUp],
    sales: (&[Opportunity], &Settings),
    tz_offset_minutes: i32,
) -> DailyReport {
    let live: HashMap<Id, &Customer> = customers
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| (c.id, c))
        .collect();
    let mut groups: Groups = BTreeMap::new();
    let mut totals = (0, 0, 0);
    for i in interactions {
        let Some(c) = live.get(&i.customer_id) else {
            continue;
        };
        if i.deleted_at.is_none() && i.at.date() == day {
            group(&mut groups, &c.owner).interactions.push(i.clone());
            totals.0 += 1;
        }
    }
    for f in follow_ups {
        let Some(c) = live.get(&f.customer_id) else {
            continue;
        };
        if f.deleted_at.is_none()
            && f.status == FollowUpStatus::Done
            && local_date(f.updated_at, tz_offset_minutes) == day
        {
            let owner = if f.owner.trim().is_empty() {
                &c.owner
            } else {
                &f.owner
            };
            group(&mut groups, owner).follow_ups_done.push(f.clone());
            totals.1 += 1;
        }
    }
    for c in live.values() {
        if local_date(c.created_at, tz_offset_minutes) == day {
            group(&mut groups, &c.owner)
                .new_customers
                .push((*c).clone());
            totals.2 += 1;
        }
    }
    let (opportunities, settings) = sales;
    for o in opportunities.iter().filter(|o| o.deleted_at.is_none()) {
        let Some(c) = live.get(&o.customer_id) else {
            continue;
        };
        let owner = if o.owner.trim().is_empty() {
            &c.owner
        } else {
            &o.owner
        };
        let won = outcome_of(o, settings) == StageOutcome::Won;
        if won && o.closed_on == Some(day) {
            group(&mut groups, owner).deals_won.push(o.clone());
        }
        let paid: i64 = o
            .collections
            .iter()
            .filter(|p| p.on == day)
            .map(|p| p.amount)
            .sum();
        if paid > 0 {
            group(&mut groups, owner).collected.push((o.clone(), paid));
        }
    }
    let owners = groups
        .into_values()
        .map(|mut g| {
            g.interactions.sort_by_key(|i| (i.at, i.id));
            g.follow_ups_done.sort_by_key(|f| (f.updated_at, f.id));
            g.new_customers.sort_by_key(|c| (c.created_at, c.id));
            g
        })
        .collect();
    DailyReport {
        day,
        owners,
        totals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::commands::{blank_follow_up, blank_interaction};
    use crate::activity::recurrence::RepeatUnit;
    use crate::customers::commands::{blank_contact, blank_customer};
    use crate::model::records::Collection;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn id(n: u128) -> Id {
        Id::from_u128(n)
    }

    /// A UTC moment as a timestamp.
    fn utc(day: NaiveDate, h: u32, m: u32) -> Timestamp {
        Timestamp(day.and_time(t(h, m)).and_utc().timestamp_millis())
    }

    fn customer(n: u128, name: &str, owner: &str, region: &str) -> Customer {
        let mut c = blank_customer(id(n), utc(d(2026, 1, 1), 0, 0));
        c.name = name.into();
        c.owner = owner.into();
        c.region = region.into();
        c
    }

    fn fu(n: u128, customer: u128, due: NaiveDate, time: Option<NaiveTime>) -> FollowUp {
        let mut f = blank_follow_up(id(n), id(customer), due, Timestamp(0));
        f.time = time;
        f
    }

    #[test]
    fn visit_plan_for_a_day() {
        let day = d(2026, 3, 5);
        let mut gone = customer(3, "已删客户", "李雷", "");
        gone.deleted_at = Some(Timestamp(1));
        let customers = vec![
            customer(1, "Beta 公司", "李雷", "上海"),
            customer(2, "Alpha 公司", "韩梅梅", "北京"),
            gone,
        ];
        let mut boss = blank_contact(id(20), id(1), Timestamp(0));
        boss.name = "张总".into();
        let mut ex = blank_contact(id(21), id(1), Timestamp(0));
        ex.name = "离职".into();
        ex.deleted_at = Some(Timestamp(1));
        let contacts = vec![boss, ex];

        let mut late = fu(10, 1, day, Some(t(15, 0)));
        late.place = " 浦东 ".into();
        late.contact_id = Some(id(20));
        late.kind = InteractionKind::Visit;
        late.purpose = "送样品".into();
        late.recurrence = Some(Recurrence::new(2, RepeatUnit::Weeks, d(2026, 2, 19)));
        let mut early = fu(11, 1, day, Some(t(9, 30)));
        early.contact_id = Some(id(21));
        early.owner = "王小明".into();
        let untimed_b = fu(12, 1, day, None);
        let untimed_a = fu(13, 2, day, None);
        let mut done = fu(14, 2, day, Some(t(11, 0)));
        done.status = FollowUpStatus::Done;
        let mut cancelled = fu(15, 1, day, Some(t(8, 0)));
        cancelled.status = FollowUpStatus::Cancelled;
        let mut trashed = fu(16, 1, day, Some(t(8, 0)));
        trashed.deleted_at = Some(Timestamp(1));
        let other_day = fu(17, 1, d(2026, 3, 6), Some(t(8, 0)));
        let of_trashed_customer = fu(18, 3, day, Some(t(8, 0)));
        let fus = vec![
            late,
            early,
            untimed_b,
            untimed_a,
            done,
            cancelled,
            trashed,
            other_day,
            of_trashed_customer,
        ];

        let plan = visit_plan(day, &fus, &customers, &contacts, None);
        let ids: Vec<u128> = plan.iter().map(|r| r.follow_up_id.0.as_u128()).collect();
        assert_eq!(ids, vec![11, 14, 10, 13, 12]);
        let r = &plan[2];
        assert_eq!(
            r,
            &VisitRow {
                follow_up_id: id(10),
                customer_id: id(1),
                customer_name: "Beta 公司".into(),
                contact_name: "张总".into(),
                time: Some(t(15, 0)),
                place: "浦东".into(),
                purpose: "送样品".into(),
                owner: "李雷".into(),
                kind: InteractionKind::Visit,
                status: FollowUpStatus::Open,
                recurrence: Some(Recurrence::new(2, RepeatUnit::Weeks, d(2026, 2, 19))),
            }
        );
        // A trashed contact is not named; an empty place falls back to the region, and the
        // follow-up's own owner wins over the customer's.
        assert_eq!(
            (plan[0].contact_name.as_str(), plan[0].place.as_str()),
            ("", "上海")
        );
        assert_eq!(plan[0].owner, "王小明");
        assert_eq!(plan[1].status, FollowUpStatus::Done);

        let mine = visit_plan(day, &fus, &customers, &contacts, Some(" 李雷 "));
        let ids: Vec<u128> = mine.iter().map(|r| r.follow_up_id.0.as_u128()).collect();
        assert_eq!(ids, vec![10, 12]);
    }

    #[test]
    fn daily_report_groups_by_owner_in_local_time() {
        let day = d(2026, 3, 5);
        // UTC+8: 2026-03-04 16:00 UTC is local midnight of the 5th.
        let tz = 480;
        let mut new_early = customer(4, "新客户早", "韩梅梅", "");
        new_early.created_at = utc(d(2026, 3, 4), 16, 0);
        let mut new_late_utc = customer(5, "新客户晚", "", "");
        new_late_utc.created_at = utc(d(2026, 3, 5), 15, 59); // 23:59 local
        let mut next_day = customer(6, "明天", "李雷", "");
        next_day.created_at = utc(d(2026, 3, 5), 16, 0); // 00:00 local on the 6th
        let mut gone = customer(7, "删", "李雷", "");
        gone.created_at = utc(d(2026, 3, 5), 1, 0);
        gone.deleted_at = Some(Timestamp(1));
        let customers = vec![
            customer(1, "甲", "李雷", ""),
            customer(2, "乙", "韩梅梅", ""),
            customer(3, "丙", " ", ""),
            new_early,
            new_late_utc,
            next_day,
            gone,
        ];
        let at = |h| day.and_time(t(h, 0));
        let mut trashed_i = blank_interaction(id(23), id(1), at(9), Timestamp(0));
        trashed_i.deleted_at = Some(Timestamp(1));
        let interactions = vec![
            blank_interaction(id(20), id(1), at(14), Timestamp(0)),
            blank_interaction(id(21), id(1), at(9), Timestamp(0)),
            blank_interaction(id(22), id(3), at(10), Timestamp(0)),
            trashed_i,
            blank_interaction(
                id(24),
                id(2),
                d(2026, 3, 4).and_time(t(23, 0)),
                Timestamp(0),
            ),
            blank_interaction(id(25), id(7), at(9), Timestamp(0)),
        ];
        let done = |n: u128, customer: u128, owner: &str, updated: Timestamp| {
            let mut f = fu(n, customer, d(2026, 3, 1), None);
            f.status = FollowUpStatus::Done;
            f.owner = owner.into();
            f.updated_at = updated;
            f
        };
        let mut open_today = fu(33, 1, day, None);
        open_today.updated_at = utc(day, 2, 0);
        let follow_ups = vec![
            done(30, 1, "王小明", utc(d(2026, 3, 4), 17, 0)), // 01:00 local on the 5th
            done(31, 2, "", utc(day, 3, 0)),                  // credited to 韩梅梅
            done(32, 1, "李雷", utc(d(2026, 3, 4), 15, 0)),   // 23:00 local on the 4th
            open_today,
        ];
        // Sales: a deal of 李雷's customer won today by 王小明 with ¥500 paid today in two
        // payments and ¥100 yesterday; a deal won yesterday; a trashed win.
        let settings = Settings::default();
        let won = |n: u128, customer: u128, owner: &str, on: NaiveDate| {
            let mut o =
                crate::pipeline::commands::blank_opportunity(id(n), id(customer), Timestamp(0));
            (o.stage, o.probability, o.owner, o.closed_on) =
                ("won".into(), 100, owner.into(), Some(on));
            o
        };
        let mut today_win = won(40, 1, "王小明", day);
        today_win.collections = vec![
            Collection {
                on: d(2026, 3, 4),
                amount: 10_000,
            },
            Collection {
                on: day,
                amount: 20_000,
            },
            Collection {
                on: day,
                amount: 30_000,
            },
        ];
        let mut trashed_win = won(42, 2, "", day);
        trashed_win.deleted_at = Some(Timestamp(1));
        let deals = vec![today_win, won(41, 2, "", d(2026, 3, 4)), trashed_win];
        let r = daily_report(
            day,
            &customers,
            &interactions,
            &follow_ups,
            (&deals, &settings),
            tz,
        );
        let wang = r.owners.iter().find(|o| o.owner == "王小明").unwrap();
        assert_eq!(
            wang.deals_won.iter().map(|o| o.id).collect::<Vec<_>>(),
            vec![id(40)]
        );
        assert_eq!(
            wang.collected
                .iter()
                .map(|(o, paid)| (o.id, *paid))
                .collect::<Vec<_>>(),
            vec![(id(40), 50_000)]
        );
        assert!(r
            .owners
            .iter()
            .all(|o| o.owner == "王小明" || o.deals_won.is_empty()));
        assert_eq!(r.day, day);
        assert_eq!(r.totals, (3, 2, 2));
        let owners: Vec<&str> = r.owners.iter().map(|o| o.owner.as_str()).collect();
        // Sorted by name (code point order for CJK), the unowned group last.
        assert_eq!(owners, vec!["李雷", "王小明", "韩梅梅", ""]);
        let li = &r.owners[0];
        let ids: Vec<u128> = li.interactions.iter().map(|i| i.id.0.as_u128()).collect();
        assert_eq!(ids, vec![21, 20], "by time");
        assert!(li.follow_ups_done.is_empty() && li.new_customers.is_empty());
        assert_eq!(r.owners[1].follow_ups_done[0].id, id(30));
        let han = &r.owners[2];
        assert_eq!(han.follow_ups_done[0].id, id(31));
        assert_eq!(han.new_customers[0].id, id(4));
        assert!(han.interactions.is_empty());
        let none = &r.owners[3];
        assert_eq!(none.interactions[0].id, id(22));
        assert_eq!(none.new_customers[0].id, id(5));

        // In UTC the same data gives another day's picture.
        let utc_report = daily_report(
            day,
            &customers,
            &interactions,
            &follow_ups,
            (&deals, &settings),
            0,
        );
        assert_eq!(utc_report.totals, (3, 1, 2));
    }

    #[test]
    fn local_date_applies_the_offset() {
        let t0 = utc(d(2026, 3, 4), 20, 0);
        assert_eq!(local_date(t0, 0), d(2026, 3, 4));
        assert_eq!(local_date(t0, 480), d(2026, 3, 5));
        assert_eq!(local_date(utc(d(2026, 3, 5), 3, 0), -300), d(2026, 3, 4));
    }
}
