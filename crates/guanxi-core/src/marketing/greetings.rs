//! Holiday greetings: the holidays a team greets its customers on, kept in [`Settings`], and
//! the greeting list for one of them — the customers of the chosen segments with their
//! contacts, passed through [`marketing_reachable`] so whoever opted out of marketing is left
//! out and counted — with the follow-ups that plan the greetings.
//!
//! A holiday falls either on a fixed day of the Gregorian year (New Year, a company's own
//! anniversary) or on a date entered per year: the lunar holidays (Spring Festival,
//! Mid-Autumn) move every year and no table of them is built in beyond the seeded years, so
//! the user types the date of a new year once. A fixed holiday on 29 February falls on
//! 28 February in a common year (the last day of February, as a birthday would be kept).

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::activity::commands::blank_follow_up;
use crate::customers::query::facet_key;
use crate::io::csv_export::push_row;
use crate::marketing::opt_out::{marketing_reachable, OptOutChannel};
use crate::marketing::segments::selected_customers;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    name_in, Contact, Customer, FollowUp, FollowUpStatus, InteractionKind, MonthDay, Settings,
};
use crate::model::validate;
use crate::store::Batch;

/// The longest holiday name, in characters.
pub const HOLIDAY_NAME_MAX: usize = 40;

/// The most days before a holiday a greeting can be planned.
pub const DAYS_BEFORE_MAX: u32 = 60;

/// How many days before the holiday greetings are planned unless the user says otherwise.
pub const DEFAULT_DAYS_BEFORE: u32 = 3;

/// When a holiday falls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HolidayDate {
    /// The same day every year.
    Fixed { on: MonthDay },
    /// A date entered for each year (lunar holidays), in any order.
    PerYear {
        #[serde(default)]
        dates: Vec<NaiveDate>,
    },
}

/// A holiday the team sends greetings on. The default ones carry a name in both languages
/// (shown through [`name_in`]); one the user adds or renames has the name typed in the
/// language the UI was in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// Stable identifier, used in the greeting screen's URL; never shown.
    pub id: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    pub date: HolidayDate,
}

impl Holiday {
    /// The name in the UI language, falling back to the other language when it is blank.
    pub fn name(&self, zh: bool) -> &str {
        name_in(&self.name_zh, &self.name_en, zh)
    }

    /// Whether its date is entered year by year.
    pub fn is_per_year(&self) -> bool {
        matches!(self.date, HolidayDate::PerYear { .. })
    }

    /// The day it falls on in `year`; `None` for a per-year holiday whose date for that year
    /// has not been entered (the user is asked for it).
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match &self.date {
            HolidayDate::Fixed { on } => fixed_in(*on, year),
            HolidayDate::PerYear { dates } => dates.iter().copied().find(|d| d.year() == year),
        }
    }
}

/// `on` in `year`; 29 February is 28 February in a common year.
fn fixed_in(on: MonthDay, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, on.month, on.day).or_else(|| {
        (on.month == 2 && on.day == 29)
            .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .flatten()
    })
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

/// The holidays of a new installation: New Year on 1 January, and Spring Festival and
/// Mid-Autumn with their dates for 2025–2028.
pub fn default_holidays() -> Vec<Holiday> {
    let holiday = |id: &str, zh: &str, en: &str, date| Holiday {
        id: id.into(),
        name_zh: zh.into(),
        name_en: en.into(),
        date,
    };
    vec![
        holiday(
            "spring_festival",
            "春节",
            "Spring Festival",
            HolidayDate::PerYear {
                dates: vec![
                    ymd(2025, 1, 29),
                    ymd(2026, 2, 17),
                    ymd(2027, 2, 6),
                    ymd(2028, 1, 26),
                ],
            },
        ),
        holiday(
            "mid_autumn",
            "中秋节",
            "Mid-Autumn Festival",
            HolidayDate::PerYear {
                dates: vec![
                    ymd(2025, 10, 6),
                    ymd(2026, 9, 25),
                    ymd(2027, 9, 15),
                    ymd(2028, 10, 3),
                ],
            },
        ),
        holiday(
            "new_year",
            "元旦",
            "New Year",
            HolidayDate::Fixed {
                on: MonthDay { month: 1, day: 1 },
            },
        ),
    ]
}

/// One holiday on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence<'a> {
    pub holiday: &'a Holiday,
    pub date: NaiveDate,
}

/// Each holiday's next day on or after `from` (this year's, else next year's), soonest first.
/// A per-year holiday with neither year's date entered is left out.
pub fn next_occurrences(holidays: &[Holiday], from: NaiveDate) -> Vec<Occurrence<'_>> {
    let mut out: Vec<Occurrence> = holidays
        .iter()
        .filter_map(|h| {
            [from.year(), from.year() + 1]
                .into_iter()
                .filter_map(|y| h.date_in(y))
                .find(|d| *d >= from)
                .map(|date| Occurrence { holiday: h, date })
        })
        .collect();
    out.sort_by_key(|o| o.date);
    out
}

/// Why a holiday could not be added, renamed, deleted or dated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidayProblem {
    NameRequired,
    NameTooLong {
        max: usize,
    },
    /// Another holiday shows this name (compared ignoring case, width and outer spaces).
    NameTaken,
    /// A fixed day that no year has (30 February, 31 April, month 13).
    InvalidDay,
    /// Not a date at all.
    InvalidDate,
    /// A date for `year` that is in another year.
    DateNotInYear {
        year: i32,
    },
    /// A fixed holiday has no dates per year.
    NotPerYear,
    /// Days before the holiday outside 0 to [`DAYS_BEFORE_MAX`].
    InvalidDaysBefore {
        max: u32,
    },
    /// The holiday is gone (deleted in another tab).
    NotFound,
}

/// The name, trimmed, if valid and not shown (in the language `zh`) by a holiday other than
/// `except`.
fn check_name(
    holidays: &[Holiday],
    name: &str,
    zh: bool,
    except: Option<&str>,
) -> Result<String, HolidayProblem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(HolidayProblem::NameRequired);
    }
    if name.chars().count() > HOLIDAY_NAME_MAX {
        return Err(HolidayProblem::NameTooLong {
            max: HOLIDAY_NAME_MAX,
        });
    }
    let key = facet_key(name);
    if holidays
        .iter()
        .any(|h| Some(h.id.as_str()) != except && facet_key(h.name(zh)) == key)
    {
        return Err(HolidayProblem::NameTaken);
    }
    Ok(name.to_string())
}

/// A fixed day typed as month and day numbers (full-width digits too); 29 February is allowed.
pub fn parse_fixed_day(month: &str, day: &str) -> Result<MonthDay, HolidayProblem> {
    let number = |s: &str| validate::fold_width(s).trim().parse::<u32>().ok();
    let (month, day) = number(month)
        .zip(number(day))
        .ok_or(HolidayProblem::InvalidDay)?;
    // A leap year, so that 29 February is a real day.
    NaiveDate::from_ymd_opt(2000, month, day)
        .map(|_| MonthDay { month, day })
        .ok_or(HolidayProblem::InvalidDay)
}

/// How many days before the holiday, as typed: a whole number from 0 to [`DAYS_BEFORE_MAX`].
pub fn parse_days_before(typed: &str) -> Result<u32, HolidayProblem> {
    validate::fold_width(typed)
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| *d <= DAYS_BEFORE_MAX)
        .ok_or(HolidayProblem::InvalidDaysBefore {
            max: DAYS_BEFORE_MAX,
        })
}

/// `settings` with a new holiday `id` named `name` (in the language `zh`), appended.
pub fn add_holiday(
    settings: &Settings,
    id: String,
    name: &str,
    zh: bool,
    date: HolidayDate,
) -> Result<Settings, HolidayProblem> {
    let name = check_name(&settings.holidays, name, zh, None)?;
    if let HolidayDate::Fixed { on } = date {
        if NaiveDate::from_ymd_opt(2000, on.month, on.day).is_none() {
            return Err(HolidayProblem::InvalidDay);
        }
    }
    let mut next = settings.clone();
    let (name_zh, name_en) = if zh {
        (name, String::new())
    } else {
        (String::new(), name)
    };
    next.holidays.push(Holiday {
        id,
        name_zh,
        name_en,
        date,
    });
    Ok(next)
}

fn holiday_mut<'a>(s: &'a mut Settings, id: &str) -> Result<&'a mut Holiday, HolidayProblem> {
    s.holidays
        .iter_mut()
        .find(|h| h.id == id)
        .ok_or(HolidayProblem::NotFound)
}

/// `settings` with holiday `id` renamed in the language `zh` (the other language's name is
/// kept, so a default holiday renamed in Chinese still reads in English).
pub fn rename_holiday(
    settings: &Settings,
    id: &str,
    name: &str,
    zh: bool,
) -> Result<Settings, HolidayProblem> {
    let name = check_name(&settings.holidays, name, zh, Some(id))?;
    let mut next = settings.clone();
    let h = holiday_mut(&mut next, id)?;
    if zh {
        h.name_zh = name;
    } else {
        h.name_en = name;
    }
    Ok(next)
}

/// `settings` without holiday `id`.
pub fn delete_holiday(settings: &Settings, id: &str) -> Result<Settings, HolidayProblem> {
    let mut next = settings.clone();
    let before = next.holidays.len();
    next.holidays.retain(|h| h.id != id);
    if next.holidays.len() == before {
        return Err(HolidayProblem::NotFound);
    }
    Ok(next)
}

/// `settings` with the date of per-year holiday `id` in `year` set to the date `typed`
/// (any spelling [`validate::date`] reads), or cleared when `typed` is blank.
pub fn set_holiday_date(
    settings: &Settings,
    id: &str,
    year: i32,
    typed: &str,
) -> Result<Settings, HolidayProblem> {
    let date = validate::date(typed).map_err(|_| HolidayProblem::InvalidDate)?;
    if date.is_some_and(|d| d.year() != year) {
        return Err(HolidayProblem::DateNotInYear { year });
    }
    let mut next = settings.clone();
    let HolidayDate::PerYear { dates } = &mut holiday_mut(&mut next, id)?.date else {
        return Err(HolidayProblem::NotPerYear);
    };
    dates.retain(|d| d.year() != year);
    dates.extend(date);
    dates.sort();
    Ok(next)
}

/// One customer on a greeting list with the contacts marketing may reach.
#[derive(Clone, Debug, PartialEq)]
pub struct GreetingRow<'a> {
    pub customer: &'a Customer,
    pub contacts: Vec<&'a Contact>,
}

/// The greeting list for some segments, with how many it left out for an opt-out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GreetingList<'a> {
    /// In stored order, each customer once however many chosen segments select it.
    pub rows: Vec<GreetingRow<'a>>,
    pub customers_left_out: usize,
    pub contacts_left_out: usize,
}

impl GreetingList<'_> {
    /// Customers and contacts left out together.
    pub fn left_out(&self) -> usize {
        self.customers_left_out + self.contacts_left_out
    }

    /// Contacts on the list.
    pub fn contact_count(&self) -> usize {
        self.rows.iter().map(|r| r.contacts.len()).sum()
    }
}

/// The customers in the union of the segments `chosen` (ids of [`Settings::segments`]; unknown
/// ones are ignored), each with its live contacts, without whoever opted out of marketing on
/// any channel (a greeting list may be phoned, texted or posted).
pub fn greeting_list<'a>(
    customers: &'a [Customer],
    contacts: &'a [Contact],
    chosen: &[Id],
    settings: &Settings,
) -> GreetingList<'a> {
    let mut ids: HashSet<Id> = HashSet::new();
    for s in settings.segments.iter().filter(|s| chosen.contains(&s.id)) {
        ids.extend(
            selected_customers(customers, &s.selection())
                .iter()
                .map(|c| c.id),
        );
    }
    let selected: Vec<&Customer> = customers.iter().filter(|c| ids.contains(&c.id)).collect();
    let reach = marketing_reachable(&selected, contacts, OptOutChannel::All);
    let rows = reach
        .customers
        .iter()
        .map(|c| GreetingRow {
            customer: c,
            contacts: reach
                .contacts
                .iter()
                .copied()
                .filter(|p| p.customer_id == c.id)
                .collect(),
        })
        .collect();
    GreetingList {
        rows,
        customers_left_out: reach.customers_left_out,
        contacts_left_out: reach.contacts_left_out,
    }
}

fn joined(values: &[crate::model::records::Labeled]) -> String {
    values
        .iter()
        .map(|v| v.value.trim())
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The list as CSV (no BOM; see [`crate::io::csv_export::with_utf8_bom`]): one row per
/// contact, and one for a customer without a reachable contact (its own phone and e-mail).
pub fn greeting_csv(list: &GreetingList, zh: bool) -> String {
    let headers = if zh {
        ["客户名称", "联系人", "电话", "邮箱", "负责人"]
    } else {
        ["Customer", "Contact", "Phone", "Email", "Owner"]
    };
    let mut out = String::new();
    push_row(&mut out, &headers);
    for row in &list.rows {
        let c = row.customer;
        if row.contacts.is_empty() {
            let cells = [
                c.name.as_str(),
                "",
                &joined(&c.phones),
                &joined(&c.emails),
                &c.owner,
            ];
            push_row(&mut out, &cells);
        }
        for p in &row.contacts {
            let cells = [
                c.name.as_str(),
                &p.name,
                &joined(&p.phones),
                &joined(&p.emails),
                &c.owner,
            ];
            push_row(&mut out, &cells);
        }
    }
    out
}

/// The day greetings for a holiday on `date` are due, `days_before` it.
pub fn greeting_due(date: NaiveDate, days_before: u32) -> NaiveDate {
    date - Duration::days(i64::from(days_before))
}

/// The follow-ups a greeting plan writes, and how many customers it skipped because they
/// already have it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GreetingPlan {
    pub follow_ups: Vec<FollowUp>,
    pub skipped: usize,
}

impl GreetingPlan {
    /// Every follow-up in one batch.
    pub fn batch(self) -> Batch {
        self.follow_ups
            .into_iter()
            .fold(Batch::new(), |b, f| b.put(f))
    }
}

/// One open follow-up per customer on `list`, due `due`, titled `title`, with the customer's
/// owner and its first reachable contact. A customer that already has a live open follow-up
/// with this title on that day is skipped and counted, so planning twice plans once.
pub fn plan_greetings(
    list: &GreetingList,
    existing: &[FollowUp],
    title: &str,
    due: NaiveDate,
    mut new_id: impl FnMut() -> Id,
    now: Timestamp,
) -> GreetingPlan {
    let title = title.trim();
    let planned: HashSet<Id> = existing
        .iter()
        .filter(|f| {
            f.deleted_at.is_none()
                && f.status == FollowUpStatus::Open
                && f.due == due
                && f.purpose.trim() == title
        })
        .map(|f| f.customer_id)
        .collect();
    let mut plan = GreetingPlan::default();
    for row in &list.rows {
        if planned.contains(&row.customer.id) {
            plan.skipped += 1;
            continue;
        }
        let mut f = blank_follow_up(new_id(), row.customer.id, due, now);
        f.purpose = title.to_string();
        f.owner = row.customer.owner.clone();
        f.kind = InteractionKind::Message;
        f.contact_id = row.contacts.first().map(|p| p.id);
        plan.follow_ups.push(f);
    }
    plan
}

#[cfg(test)]
#[path = "greetings_tests.rs"]
mod tests;
