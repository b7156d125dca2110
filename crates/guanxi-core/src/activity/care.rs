//! Customer care: birthdays coming up, customers nobody has contacted for too long, and the
//! follow-ups that turn either into work on someone's list.
//!
//! `today` is passed in because this crate never reads the clock.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::activity::commands::blank_follow_up;
use crate::customers::query::fold;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    CareDays, Contact, Customer, FollowUp, Interaction, InteractionKind, Lifecycle, MonthDay,
};
use crate::model::validate::BIRTHDAY_MIN_YEAR;

/// Whose birthday it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Person {
    Customer(Id),
    Contact { id: Id, customer_id: Id },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Birthday {
    pub who: Person,
    pub name: String,
    /// The customer to open (the person's own record, or the contact's customer).
    pub customer_id: Id,
    /// The next occurrence, today included.
    pub date: NaiveDate,
    pub days_until: i64,
    /// Age at that birthday, when the year is known. A year of 1900 or earlier is the usual
    /// placeholder for "year unknown", so it gives `None` rather than an age of 126.
    pub turning: Option<i32>,
}

/// The birthday's anniversary in `year`. February 29 falls on February 28 in other years,
/// the day before March, which is when most people born then celebrate.
fn anniversary(birthday: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .expect("every year has February 28")
}

fn next_birthday(birthday: NaiveDate, today: NaiveDate) -> NaiveDate {
    let this_year = anniversary(birthday, today.year());
    if this_year >= today {
        this_year
    } else {
        anniversary(birthday, today.year() + 1)
    }
}

/// A birthday with or without its year.
#[derive(Clone, Copy)]
enum Born {
    On(NaiveDate),
    Yearless(MonthDay),
}

impl Born {
    fn of(date: Option<NaiveDate>, month_day: Option<MonthDay>) -> Option<Born> {
        date.map(Born::On).or(month_day.map(Born::Yearless))
    }
}

/// Birthdays from `today` to `days` days ahead (both ends included), of customers and
/// contacts. Records in the trash and contacts of customers in the trash are skipped (they are
/// hidden with their customer). Soonest first, then by name.
pub fn upcoming_birthdays(
    customers: &[Customer],
    contacts: &[Contact],
    today: NaiveDate,
    days: i64,
) -> Vec<Birthday> {
    let live: HashSet<Id> = customers
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| c.id)
        .collect();
    let make = |who: Person, name: &str, customer_id: Id, born: Born| {
        // A yearless birthday is dated in a leap year (so February 29 exists) that gives no age.
        let (day, year_known) = match born {
            Born::On(day) => (day, day.year() > BIRTHDAY_MIN_YEAR),
            Born::Yearless(md) => (NaiveDate::from_ymd_opt(2000, md.month, md.day)?, false),
        };
        let date = next_birthday(day, today);
        let days_until = (date - today).num_days();
        (days_until <= days).then(|| Birthday {
            who,
            name: name.to_string(),
            customer_id,
            date,
            days_until,
            turning: year_known.then(|| date.year() - day.year()),
        })
    };
    let from_customers = customers
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .filter_map(|c| {
            let born = Born::of(c.birthday, c.birthday_month_day)?;
            make(Person::Customer(c.id), &c.name, c.id, born)
        });
    let from_contacts = contacts
        .iter()
        .filter(|c| c.deleted_at.is_none() && live.contains(&c.customer_id))
        .filter_map(|c| {
            let who = Person::Contact {
                id: c.id,
                customer_id: c.customer_id,
            };
            make(
                who,
                &c.name,
                c.customer_id,
                Born::of(c.birthday, c.birthday_month_day)?,
            )
        });
    let mut found: Vec<(String, Birthday)> = from_customers
        .chain(from_contacts)
        .map(|b| (fold(&b.name), b))
        .collect();
    found.sort_by(|(an, a), (bn, b)| a.date.cmp(&b.date).then_with(|| an.cmp(bn)));
    found.into_iter().map(|(_, b)| b).collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neglected {
    pub customer_id: Id,
    /// Date of the last contact in the log; `None` if there never was one.
    pub last_contact: Option<NaiveDate>,
    /// Days from the last contact to today; `None` if there never was one.
    pub days_since: Option<i64>,
    /// The customer's value-class threshold that was exceeded.
    pub threshold: u32,
}

/// Customers who have gone longer without contact than their value class allows
/// ([`CareDays`]): the last logged interaction (not in the trash) is more than `threshold`
/// days ago, or there never was one and the customer was created more than `threshold` days
/// ago (a new customer is not yet neglected).
///
/// Archived, trashed and terminated customers are not expected to be contacted and are left
/// out. Never-contacted customers come first (oldest record first), then the longest silence.
pub fn not_contacted(
    customers: &[Customer],
    interactions: &[Interaction],
    today: NaiveDate,
    care: &CareDays,
) -> Vec<Neglected> {
    let mut last: HashMap<Id, NaiveDate> = HashMap::new();
    for i in interactions.iter().filter(|i| i.deleted_at.is_none()) {
        let d = i.at.date();
        last.entry(i.customer_id)
            .and_modify(|l| *l = (*l).max(d))
            .or_insert(d);
    }
    let mut found: Vec<(NeglectOrder, Neglected)> = Vec::new();
    for c in customers {
        if c.deleted_at.is_some() || c.archived || c.lifecycle == Lifecycle::Termination {
            continue;
        }
        let threshold = care.for_class(c.value_class);
        let (days, neglected) = match last.get(&c.id) {
            Some(&d) => {
                let days = (today - d).num_days();
                (
                    days,
                    Neglected {
                        customer_id: c.id,
                        last_contact: Some(d),
                        days_since: Some(days),
                        threshold,
                    },
                )
            }
            None => (
                (today - c.created_at.to_datetime().date_naive()).num_days(),
                Neglected {
                    customer_id: c.id,
                    last_contact: None,
                    days_since: None,
                    threshold,
                },
            ),
        };
        if days > i64::from(threshold) {
            let key = (
                neglected.days_since.is_some(),
                Reverse(days),
                fold(&c.name),
                c.id,
            );
            found.push((key, neglected));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.into_iter().map(|(_, n)| n).collect()
}

/// Sort key for [`not_contacted`]: never contacted first, then the longest silence (or, for
/// the never contacted, the oldest record), then name and id for a stable order.
type NeglectOrder = (bool, Reverse<i64>, String, Id);

/// A care follow-up (a birthday greeting, a call to a neglected customer): owned by the
/// customer's owner, who is responsible for the relationship, and placed in the customer's
/// region, so that it shows up correctly in visit plans. Open, revision 1.
pub fn care_follow_up(
    customer: &Customer,
    contact_id: Option<Id>,
    due: NaiveDate,
    kind: InteractionKind,
    purpose: String,
    id: Id,
    now: Timestamp,
) -> FollowUp {
    let mut f = blank_follow_up(id, customer.id, due, now);
    f.contact_id = contact_id;
    f.kind = kind;
    f.purpose = purpose.trim().to_string();
    f.owner = customer.owner.trim().to_string();
    f.place = customer.region.trim().to_string();
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::commands::blank_interaction;
    use crate::customers::commands::{blank_contact, blank_customer};
    use crate::model::records::{FollowUpStatus, ValueClass};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn id(n: u128) -> Id {
        Id::from_u128(n)
    }

    /// Midnight UTC of a day, as a timestamp.
    fn ts(day: NaiveDate) -> Timestamp {
        Timestamp(
            day.and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis(),
        )
    }

    fn customer(n: u128, name: &str, birthday: Option<NaiveDate>) -> Customer {
        let mut c = blank_customer(id(n), ts(d(2020, 1, 1)));
        c.name = name.into();
        c.birthday = birthday;
        c
    }

    fn contact(n: u128, customer: Id, name: &str, birthday: NaiveDate) -> Contact {
        let mut c = blank_contact(id(n), customer, Timestamp(0));
        c.name = name.into();
        c.birthday = Some(birthday);
        c
    }

    #[test]
    fn a_birthday_without_a_year_comes_up_without_an_age() {
        let mut c = customer(1, "甲", None);
        c.birthday_month_day = Some(MonthDay { month: 3, day: 10 });
        let mut leap = customer(2, "乙", None);
        leap.birthday_month_day = Some(MonthDay { month: 2, day: 29 });
        let found = upcoming_birthdays(&[c, leap], &[], d(2026, 3, 5), 5);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].date, found[0].days_until, found[0].turning),
            (d(2026, 3, 10), 5, None)
        );
        // February 29 falls on February 28 outside leap years, on the 29th in them.
        let mut leap = customer(2, "乙", None);
        leap.birthday_month_day = Some(MonthDay { month: 2, day: 29 });
        let found = upcoming_birthdays(std::slice::from_ref(&leap), &[], d(2027, 2, 20), 10);
        assert_eq!(found[0].date, d(2027, 2, 28));
        let found = upcoming_birthdays(&[leap], &[], d(2028, 2, 20), 10);
        assert_eq!(found[0].date, d(2028, 2, 29));
    }

    #[test]
    fn upcoming_birthdays_window_order_and_ages() {
        let today = d(2026, 3, 5);
        let mut gone = customer(4, "已删", Some(d(1990, 3, 6)));
        gone.deleted_at = Some(Timestamp(1));
        let customers = vec![
            customer(1, "王芳", Some(d(1990, 3, 5))),
            customer(2, "Zhang", Some(d(1900, 3, 10))),
            customer(3, "Late", Some(d(1980, 4, 5))),
            gone,
            customer(5, "昨天", Some(d(1985, 3, 4))),
            customer(6, "Alpha", Some(d(2000, 3, 10))),
        ];
        let mut trashed_contact = contact(12, id(1), "删掉的", d(1991, 3, 6));
        trashed_contact.deleted_at = Some(Timestamp(1));
        let contacts = vec![
            contact(10, id(1), "李娜", d(1970, 3, 6)),
            contact(11, id(4), "跟着删", d(1970, 3, 6)),
            trashed_contact,
        ];
        let found = upcoming_birthdays(&customers, &contacts, today, 30);
        let got: Vec<(&str, NaiveDate, i64, Option<i32>)> = found
            .iter()
            .map(|b| (b.name.as_str(), b.date, b.days_until, b.turning))
            .collect();
        assert_eq!(
            got,
            vec![
                ("王芳", d(2026, 3, 5), 0, Some(36)),
                ("李娜", d(2026, 3, 6), 1, Some(56)),
                ("Alpha", d(2026, 3, 10), 5, Some(26)),
                ("Zhang", d(2026, 3, 10), 5, None),
            ]
        );
        assert_eq!(
            found[1].who,
            Person::Contact {
                id: id(10),
                customer_id: id(1)
            }
        );
        assert_eq!(found[1].customer_id, id(1));
        assert_eq!(found[0].who, Person::Customer(id(1)));
        // The window's far end is included; yesterday's birthday is next year's.
        let wide = upcoming_birthdays(&customers, &[], today, 31);
        assert!(wide.iter().any(|b| b.name == "Late" && b.days_until == 31));
        let year = upcoming_birthdays(&customers, &[], today, 366);
        let y = year.iter().find(|b| b.name == "昨天").unwrap();
        assert_eq!(
            (y.date, y.days_until, y.turning),
            (d(2027, 3, 4), 364, Some(42))
        );
    }

    #[test]
    fn february_29_falls_on_the_28th_in_common_years() {
        let c = vec![customer(1, "闰", Some(d(2000, 2, 29)))];
        let found = upcoming_birthdays(&c, &[], d(2026, 2, 20), 10);
        assert_eq!((found[0].date, found[0].days_until), (d(2026, 2, 28), 8));
        let found = upcoming_birthdays(&c, &[], d(2028, 2, 20), 10);
        assert_eq!(found[0].date, d(2028, 2, 29));
        // On March 1 of a common year it has passed: next is 2028-02-29 (leap), far away.
        assert!(upcoming_birthdays(&c, &[], d(2027, 3, 1), 30).is_empty());
        // Across the new year.
        let c = vec![customer(1, "元旦", Some(d(1999, 1, 2)))];
        let found = upcoming_birthdays(&c, &[], d(2026, 12, 30), 5);
        assert_eq!(
            (found[0].date, found[0].days_until, found[0].turning),
            (d(2027, 1, 2), 3, Some(28))
        );
    }

    #[test]
    fn not_contacted_uses_class_thresholds_and_creation_date() {
        let today = d(2026, 3, 5);
        let care = CareDays {
            a: 14,
            b: 30,
            c: 90,
        };
        let at = |day: NaiveDate| day.and_hms_opt(10, 0, 0).unwrap();
        let mut a_ok = customer(1, "A近", None);
        a_ok.value_class = ValueClass::A;
        let mut a_late = customer(2, "A远", None);
        a_late.value_class = ValueClass::A;
        let mut b_edge = customer(3, "B边界", None);
        b_edge.value_class = ValueClass::B;
        let c_never_old = customer(4, "C从未", None); // created 2020: long ago
        let mut c_never_new = customer(5, "C新", None);
        c_never_new.created_at = ts(d(2026, 1, 1)); // 63 days: under 90
        let mut archived = customer(6, "归档", None);
        archived.archived = true;
        let mut ended = customer(7, "终止", None);
        ended.lifecycle = Lifecycle::Termination;
        let mut gone = customer(8, "删除", None);
        gone.deleted_at = Some(Timestamp(1));
        let mut c_long = customer(9, "C很久", None);
        c_long.value_class = ValueClass::C;
        let mut b_trashed_recent = customer(10, "B只有删掉的近期记录", None);
        b_trashed_recent.value_class = ValueClass::B;

        let mut recent_but_trashed =
            blank_interaction(id(100), id(10), at(d(2026, 3, 1)), Timestamp(0));
        recent_but_trashed.deleted_at = Some(Timestamp(1));
        let interactions = vec![
            blank_interaction(id(101), id(1), at(d(2026, 2, 20)), Timestamp(0)), // 13 days
            blank_interaction(id(102), id(2), at(d(2026, 2, 1)), Timestamp(0)),  // 32 days
            blank_interaction(id(103), id(2), at(d(2026, 2, 19)), Timestamp(0)), // 14: latest, = limit
            blank_interaction(id(104), id(3), at(d(2026, 2, 3)), Timestamp(0)),  // 30 days: = limit
            blank_interaction(id(105), id(9), at(d(2025, 10, 1)), Timestamp(0)), // 155 days
            blank_interaction(id(106), id(10), at(d(2025, 12, 1)), Timestamp(0)), // 94 days
            recent_but_trashed,
            blank_interaction(id(107), id(6), at(d(2020, 1, 1)), Timestamp(0)),
            blank_interaction(id(108), id(7), at(d(2020, 1, 1)), Timestamp(0)),
        ];
        let customers = vec![
            a_ok,
            a_late,
            b_edge,
            c_never_old,
            c_never_new,
            archived,
            ended,
            gone,
            c_long,
            b_trashed_recent,
        ];
        let found = not_contacted(&customers, &interactions, today, &care);
        assert_eq!(
            found,
            vec![
                Neglected {
                    customer_id: id(4),
                    last_contact: None,
                    days_since: None,
                    threshold: 90
                },
                Neglected {
                    customer_id: id(9),
                    last_contact: Some(d(2025, 10, 1)),
                    days_since: Some(155),
                    threshold: 90
                },
                Neglected {
                    customer_id: id(10),
                    last_contact: Some(d(2025, 12, 1)),
                    days_since: Some(94),
                    threshold: 30
                },
            ]
        );
        // One day later the A and B customers at their limit tip over.
        let found = not_contacted(&customers, &interactions, today.succ_opt().unwrap(), &care);
        let ids: Vec<u128> = found.iter().map(|n| n.customer_id.0.as_u128()).collect();
        assert_eq!(ids, vec![4, 9, 10, 3, 2]);
        // Tighter settings catch more.
        let strict = CareDays { a: 1, b: 1, c: 1 };
        let found = not_contacted(&customers, &interactions, today, &strict);
        assert_eq!(found.len(), 7, "all but archived, terminated, trashed");
    }

    #[test]
    fn care_follow_up_takes_owner_and_region() {
        let mut c = customer(1, "王芳", None);
        c.owner = " 李雷 ".into();
        c.region = "上海".into();
        let f = care_follow_up(
            &c,
            Some(id(2)),
            d(2026, 3, 6),
            InteractionKind::Message,
            " 生日祝福 ".into(),
            id(50),
            Timestamp(77),
        );
        assert_eq!(
            (f.id, f.customer_id, f.contact_id),
            (id(50), id(1), Some(id(2)))
        );
        assert_eq!(
            (f.due, f.time, f.kind),
            (d(2026, 3, 6), None, InteractionKind::Message)
        );
        assert_eq!(
            (f.owner.as_str(), f.place.as_str(), f.purpose.as_str()),
            ("李雷", "上海", "生日祝福")
        );
        assert_eq!(
            (f.status, f.rev, f.created_at, f.updated_at),
            (FollowUpStatus::Open, 1, Timestamp(77), Timestamp(77))
        );
    }
}
