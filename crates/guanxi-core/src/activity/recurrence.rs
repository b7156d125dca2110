//! Recurring follow-ups: a rule (every N days, weeks or months, or every N weeks on a chosen
//! weekday) that a follow-up carries, so completing it schedules the next one.
//!
//! Every date of a series is counted from the series' first date, never from the previous
//! date. Counting from the previous date drifts: a monthly series started on Jan 31 would go
//! Feb 28, Mar 28, Apr 28 … forever. Counted from the start it goes Feb 28 (29 in a leap year),
//! Mar 31, Apr 30. A follow-up also keeps which occurrence of its series it is, so moving one
//! occurrence to another day (rescheduling) moves only that one.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Re-exported so the words crate can name weekdays without a date library of its own.
pub use chrono::Weekday;

use crate::model::form::Errors;
use crate::model::validate::{fold_width, Field, Problem};

/// How far apart the dates of a series are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepeatUnit {
    Days,
    Weeks,
    /// Keeps the start's day of the month, or the month's last day when it has fewer days.
    Months,
    /// Every N weeks on this weekday, whatever day the series started on.
    Weekday(Weekday),
}

impl RepeatUnit {
    /// The largest `every` the form accepts: up to about two years between contacts. Longer
    /// gaps are typos (a count typed into the wrong unit), not plans.
    pub fn max_every(self) -> u16 {
        match self {
            RepeatUnit::Days => 730,
            RepeatUnit::Weeks | RepeatUnit::Weekday(_) => 104,
            RepeatUnit::Months => 24,
        }
    }
}

/// A follow-up's place in a repeating series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recurrence {
    /// How many units between dates; at least 1 (a stored 0 is read as 1).
    pub every: u16,
    pub unit: RepeatUnit,
    /// The series' first date: every later date is counted from it.
    pub start: NaiveDate,
    /// Which date of the series this follow-up stands for (0 is `start`), whatever day it was
    /// moved to.
    #[serde(default)]
    pub occurrence: u32,
}

impl Recurrence {
    /// A new series whose first date is `start`.
    pub fn new(every: u16, unit: RepeatUnit, start: NaiveDate) -> Self {
        Recurrence {
            every,
            unit,
            start,
            occurrence: 0,
        }
    }

    fn step(&self) -> i64 {
        i64::from(self.every.max(1))
    }

    /// The `k`th date of the series (0 is the start); `None` past the calendar's end.
    pub fn date_of(&self, k: u32) -> Option<NaiveDate> {
        let k = i64::from(k);
        match self.unit {
            RepeatUnit::Days => self
                .start
                .checked_add_signed(Duration::days(k * self.step())),
            RepeatUnit::Weeks => self
                .start
                .checked_add_signed(Duration::weeks(k * self.step())),
            RepeatUnit::Months => {
                // chrono's month arithmetic clamps to the month's last day.
                let months = u32::try_from(k * self.step()).ok()?;
                self.start.checked_add_months(Months::new(months))
            }
            RepeatUnit::Weekday(day) => {
                if k == 0 {
                    return Some(self.start);
                }
                // The first `day` after the start is one week before the first date when
                // `every` is 1; each further date is `every` weeks on.
                self.weekday_base(day)?
                    .checked_add_signed(Duration::weeks(k * self.step()))
            }
        }
    }

    /// One week before the first `day` strictly after the start, so that date `k` (for
    /// `k >= 1`) is this base plus `k × every` weeks.
    fn weekday_base(&self, day: Weekday) -> Option<NaiveDate> {
        let ahead = (7 + i64::from(day.num_days_from_monday())
            - i64::from(self.start.weekday().num_days_from_monday()))
            % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        self.start.checked_add_signed(Duration::days(ahead - 7))
    }

    /// A `k` no greater than that of the first date after `day`, so the search for that date
    /// starts near it instead of at the series' start (a daily series years old is not walked
    /// one day at a time).
    fn first_candidate(&self, day: NaiveDate) -> u32 {
        let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        let k = match self.unit {
            RepeatUnit::Days => (day - self.start).num_days().div_euclid(self.step()),
            RepeatUnit::Weeks => (day - self.start).num_days().div_euclid(7 * self.step()),
            // Date `k` (for `k >= 1`) is the base plus `k` steps; date 0 is never searched for.
            RepeatUnit::Weekday(d) => match self.weekday_base(d) {
                Some(base) => (day - base).num_days().div_euclid(7 * self.step()),
                None => 0,
            },
            // The date `k` months on lies in `day`'s month at most, possibly after `day`.
            RepeatUnit::Months => (months(day) - months(self.start)).div_euclid(self.step()),
        };
        u32::try_from(k.max(0)).unwrap_or(u32::MAX)
    }

    /// The next follow-up's place in the series: the first date after this occurrence that is
    /// also after `after` (see [`crate::activity::commands::complete_follow_up`] for which day
    /// that is). `None` when the series would run past the calendar's end.
    pub fn next_after(&self, after: NaiveDate) -> Option<(Recurrence, NaiveDate)> {
        let mut k = self
            .first_candidate(after)
            .max(self.occurrence.checked_add(1)?);
        loop {
            let date = self.date_of(k)?;
            if date > after {
                let next = Recurrence {
                    occurrence: k,
                    ..*self
                };
                return Some((next, date));
            }
            k = k.checked_add(1)?;
        }
    }

    /// Same unit and count: a form saved with the same rule keeps the series, a changed rule
    /// starts a new one.
    pub fn same_rule(&self, other: &Recurrence) -> bool {
        self.unit == other.unit && self.every.max(1) == other.every.max(1)
    }
}

/// The repeat choices of the follow-up form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Repeat {
    #[default]
    Never,
    Days,
    Weeks,
    Months,
    Weekday,
}

impl Repeat {
    pub const ALL: [Repeat; 5] = [
        Repeat::Never,
        Repeat::Days,
        Repeat::Weeks,
        Repeat::Months,
        Repeat::Weekday,
    ];
}

/// The weekdays in the order a Chinese (and ISO) week runs, for the weekday picker.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The repeat part of the follow-up form, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct RepeatForm {
    pub repeat: Repeat,
    /// The count, as typed; only read when `repeat` is not [`Repeat::Never`].
    pub every: String,
    /// Only read with [`Repeat::Weekday`].
    pub weekday: Weekday,
}

impl Default for RepeatForm {
    fn default() -> Self {
        RepeatForm {
            repeat: Repeat::Never,
            every: "1".into(),
            weekday: Weekday::Mon,
        }
    }
}

impl RepeatForm {
    pub fn from_rule(rule: Option<&Recurrence>) -> Self {
        let Some(rule) = rule else {
            return RepeatForm::default();
        };
        let (repeat, weekday) = match rule.unit {
            RepeatUnit::Days => (Repeat::Days, Weekday::Mon),
            RepeatUnit::Weeks => (Repeat::Weeks, rule.start.weekday()),
            RepeatUnit::Months => (Repeat::Months, Weekday::Mon),
            RepeatUnit::Weekday(day) => (Repeat::Weekday, day),
        };
        RepeatForm {
            repeat,
            every: rule.every.max(1).to_string(),
            weekday,
        }
    }

    /// The rule to store for a follow-up due on `due`. The same rule as `existing` keeps its
    /// series (so editing the purpose, or moving this one, leaves the other dates alone); a new
    /// or changed rule starts a series on `due`.
    pub(crate) fn apply(
        &self,
        e: &mut Errors,
        due: NaiveDate,
        existing: Option<&Recurrence>,
    ) -> Option<Recurrence> {
        let unit = match self.repeat {
            Repeat::Never => return None,
            Repeat::Days => RepeatUnit::Days,
            Repeat::Weeks => RepeatUnit::Weeks,
            Repeat::Months => RepeatUnit::Months,
            Repeat::Weekday => RepeatUnit::Weekday(self.weekday),
        };
        let max = unit.max_every();
        let every = e.check(
            Field::RepeatEvery,
            fold_width(&self.every)
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or(Problem::NotInRange {
                    min: 1,
                    max: u32::from(max),
                }),
        );
        let rule = Recurrence::new(every, unit, due);
        Some(match existing {
            Some(old) if old.same_rule(&rule) => *old,
            _ => rule,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn series(rule: &Recurrence, n: u32) -> Vec<NaiveDate> {
        (0..n).map(|k| rule.date_of(k).unwrap()).collect()
    }

    /// Completing each occurrence on its own due date, `n` times.
    fn chain(rule: Recurrence, n: usize) -> Vec<NaiveDate> {
        let mut out = vec![rule.date_of(rule.occurrence).unwrap()];
        let mut current = rule;
        for _ in 1..n {
            let (next, date) = current.next_after(*out.last().unwrap()).unwrap();
            assert_eq!(next.date_of(next.occurrence), Some(date));
            out.push(date);
            current = next;
        }
        out
    }

    #[test]
    fn a_month_series_from_the_31st_keeps_the_month_end() {
        let rule = Recurrence::new(1, RepeatUnit::Months, d(2026, 1, 31));
        let expected = vec![
            d(2026, 1, 31),
            d(2026, 2, 28),
            d(2026, 3, 31),
            d(2026, 4, 30),
            d(2026, 5, 31),
            d(2026, 6, 30),
        ];
        assert_eq!(series(&rule, 6), expected);
        assert_eq!(chain(rule, 6), expected);
    }

    #[test]
    fn february_29_in_leap_years_only() {
        // 2028 is a leap year, 2100 is not (divisible by 100), 2000 was (divisible by 400).
        let jan31 = |y| Recurrence::new(1, RepeatUnit::Months, d(y, 1, 31));
        assert_eq!(jan31(2028).date_of(1), Some(d(2028, 2, 29)));
        assert_eq!(jan31(2027).date_of(1), Some(d(2027, 2, 28)));
        assert_eq!(jan31(2100).date_of(1), Some(d(2100, 2, 28)));
        assert_eq!(jan31(2000).date_of(1), Some(d(2000, 2, 29)));
        // A yearly series (12 months) started on Feb 29 falls on Feb 28 in between and comes
        // back to the 29th in the next leap year.
        let leap_day = Recurrence::new(12, RepeatUnit::Months, d(2028, 2, 29));
        assert_eq!(
            chain(leap_day, 5),
            vec![
                d(2028, 2, 29),
                d(2029, 2, 28),
                d(2030, 2, 28),
                d(2031, 2, 28),
                d(2032, 2, 29)
            ]
        );
        // Every 30 days across a leap February counts the 29th.
        let days = Recurrence::new(30, RepeatUnit::Days, d(2028, 2, 1));
        assert_eq!(days.date_of(1), Some(d(2028, 3, 2)));
        let days = Recurrence::new(30, RepeatUnit::Days, d(2027, 2, 1));
        assert_eq!(days.date_of(1), Some(d(2027, 3, 3)));
    }

    #[test]
    fn every_n_months_from_the_30th_and_across_the_year_end() {
        let rule = Recurrence::new(3, RepeatUnit::Months, d(2025, 11, 30));
        assert_eq!(
            series(&rule, 4),
            vec![
                d(2025, 11, 30),
                d(2026, 2, 28),
                d(2026, 5, 30),
                d(2026, 8, 30)
            ]
        );
    }

    #[test]
    fn days_and_weeks() {
        let rule = Recurrence::new(10, RepeatUnit::Days, d(2026, 12, 25));
        assert_eq!(
            series(&rule, 3),
            vec![d(2026, 12, 25), d(2027, 1, 4), d(2027, 1, 14)]
        );
        let rule = Recurrence::new(2, RepeatUnit::Weeks, d(2026, 3, 4));
        assert_eq!(
            chain(rule, 3),
            vec![d(2026, 3, 4), d(2026, 3, 18), d(2026, 4, 1)]
        );
    }

    #[test]
    fn weekday_series_fall_on_the_weekday() {
        // 2026-03-04 is a Wednesday.
        assert_eq!(d(2026, 3, 4).weekday(), Weekday::Wed);
        let monday = Recurrence::new(1, RepeatUnit::Weekday(Weekday::Mon), d(2026, 3, 4));
        assert_eq!(
            chain(monday, 4),
            vec![d(2026, 3, 4), d(2026, 3, 9), d(2026, 3, 16), d(2026, 3, 23)]
        );
        // Every two weeks: the first Monday after the start is only days away, so the series
        // waits one more week to keep two weeks between contacts.
        let fortnight = Recurrence::new(2, RepeatUnit::Weekday(Weekday::Mon), d(2026, 3, 4));
        assert_eq!(
            chain(fortnight, 3),
            vec![d(2026, 3, 4), d(2026, 3, 16), d(2026, 3, 30)]
        );
        // Started on the weekday itself, the next is a whole week later, not the same day.
        let friday = Recurrence::new(1, RepeatUnit::Weekday(Weekday::Fri), d(2026, 3, 6));
        assert_eq!(friday.date_of(1), Some(d(2026, 3, 13)));
        for k in 1..60 {
            assert_eq!(fortnight.date_of(k).unwrap().weekday(), Weekday::Mon);
        }
    }

    #[test]
    fn next_after_skips_dates_already_past() {
        let rule = Recurrence::new(1, RepeatUnit::Months, d(2026, 1, 31));
        // Completed on Apr 2 while still the January occurrence: the next is April's.
        let (next, date) = rule.next_after(d(2026, 4, 2)).unwrap();
        assert_eq!((next.occurrence, date), (3, d(2026, 4, 30)));
        // On the exact date of a later occurrence, that one counts as past too.
        let (next, date) = rule.next_after(d(2026, 3, 31)).unwrap();
        assert_eq!((next.occurrence, date), (3, d(2026, 4, 30)));
        // Done early (before its own date), the next is still the following occurrence.
        let (next, date) = rule.next_after(d(2026, 1, 2)).unwrap();
        assert_eq!((next.occurrence, date), (1, d(2026, 2, 28)));
        // A daily series years behind jumps ahead without walking the days.
        let daily = Recurrence::new(1, RepeatUnit::Days, d(2000, 1, 1));
        let (next, date) = daily.next_after(d(2026, 3, 5)).unwrap();
        assert_eq!(date, d(2026, 3, 6));
        assert_eq!(daily.date_of(next.occurrence), Some(date));
        let monday = Recurrence::new(3, RepeatUnit::Weekday(Weekday::Mon), d(2026, 3, 4));
        let (next, date) = monday.next_after(d(2026, 6, 1)).unwrap();
        assert_eq!(date.weekday(), Weekday::Mon);
        assert!(date > d(2026, 6, 1));
        assert!(monday.date_of(next.occurrence - 1).unwrap() <= d(2026, 6, 1));
    }

    #[test]
    fn next_after_is_the_first_later_date_for_every_rule() {
        // Checked against a plain walk over the series for many rules and days.
        let units = [
            RepeatUnit::Days,
            RepeatUnit::Weeks,
            RepeatUnit::Months,
            RepeatUnit::Weekday(Weekday::Sun),
            RepeatUnit::Weekday(Weekday::Thu),
        ];
        for unit in units {
            for every in [1, 2, 5] {
                for start in [d(2027, 12, 31), d(2028, 2, 29), d(2028, 3, 15)] {
                    let rule = Recurrence::new(every, unit, start);
                    for offset in -40..400 {
                        let after = start + Duration::days(offset);
                        let walked = (1..)
                            .map(|k| (k, rule.date_of(k).unwrap()))
                            .find(|(_, date)| *date > after)
                            .unwrap();
                        let (next, date) = rule.next_after(after).unwrap();
                        assert_eq!((next.occurrence, date), walked, "{rule:?} after {after}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_zero_count_from_damaged_data_reads_as_one() {
        let rule = Recurrence::new(0, RepeatUnit::Days, d(2026, 3, 1));
        assert_eq!(rule.next_after(d(2026, 3, 1)).unwrap().1, d(2026, 3, 2));
    }

    #[test]
    fn the_calendar_end_ends_the_series() {
        let rule = Recurrence::new(1, RepeatUnit::Months, NaiveDate::MAX);
        assert_eq!(rule.next_after(NaiveDate::MAX), None);
        assert_eq!(rule.date_of(1), None);
    }

    fn apply(
        form: &RepeatForm,
        existing: Option<&Recurrence>,
    ) -> Result<Option<Recurrence>, Vec<crate::model::validate::FieldError>> {
        let mut e = Errors::default();
        let rule = form.apply(&mut e, d(2026, 3, 4), existing);
        e.finish(rule)
    }

    #[test]
    fn the_form_checks_the_count() {
        use crate::model::validate::FieldError;
        let form = |repeat, every: &str| RepeatForm {
            repeat,
            every: every.into(),
            weekday: Weekday::Fri,
        };
        let out_of_range = |max| {
            Err(vec![FieldError::new(
                Field::RepeatEvery,
                Problem::NotInRange { min: 1, max },
            )])
        };
        // Never repeating ignores whatever the count says.
        assert_eq!(apply(&form(Repeat::Never, "abc"), None), Ok(None));
        assert_eq!(apply(&form(Repeat::Months, "0"), None), out_of_range(24));
        assert_eq!(apply(&form(Repeat::Months, "25"), None), out_of_range(24));
        assert_eq!(apply(&form(Repeat::Days, ""), None), out_of_range(730));
        assert_eq!(apply(&form(Repeat::Days, "-1"), None), out_of_range(730));
        assert_eq!(apply(&form(Repeat::Weeks, "1.5"), None), out_of_range(104));
        assert_eq!(
            apply(&form(Repeat::Weekday, "105"), None),
            out_of_range(104)
        );
        // Full-width digits from a Chinese IME are read as digits.
        assert_eq!(
            apply(&form(Repeat::Months, " ２４ "), None),
            Ok(Some(Recurrence::new(24, RepeatUnit::Months, d(2026, 3, 4))))
        );
        assert_eq!(
            apply(&form(Repeat::Weekday, "2"), None),
            Ok(Some(Recurrence::new(
                2,
                RepeatUnit::Weekday(Weekday::Fri),
                d(2026, 3, 4)
            )))
        );
        assert_eq!(
            apply(&form(Repeat::Days, "730"), None),
            Ok(Some(Recurrence::new(730, RepeatUnit::Days, d(2026, 3, 4))))
        );
    }

    #[test]
    fn the_same_rule_keeps_its_series_and_a_new_one_starts_on_the_due_date() {
        let old = Recurrence {
            occurrence: 4,
            ..Recurrence::new(1, RepeatUnit::Months, d(2025, 10, 31))
        };
        let form = RepeatForm::from_rule(Some(&old));
        assert_eq!(
            form,
            RepeatForm {
                repeat: Repeat::Months,
                every: "1".into(),
                weekday: Weekday::Mon
            }
        );
        assert_eq!(apply(&form, Some(&old)), Ok(Some(old)));
        let changed = RepeatForm {
            every: "2".into(),
            ..form.clone()
        };
        assert_eq!(
            apply(&changed, Some(&old)),
            Ok(Some(Recurrence::new(2, RepeatUnit::Months, d(2026, 3, 4))))
        );
        let stopped = RepeatForm {
            repeat: Repeat::Never,
            ..form
        };
        assert_eq!(apply(&stopped, Some(&old)), Ok(None));
        let weekday = Recurrence::new(3, RepeatUnit::Weekday(Weekday::Sat), d(2026, 3, 4));
        let back = RepeatForm::from_rule(Some(&weekday));
        assert_eq!(
            (back.repeat, back.every.as_str(), back.weekday),
            (Repeat::Weekday, "3", Weekday::Sat)
        );
        assert_eq!(RepeatForm::from_rule(None), RepeatForm::default());
    }

    #[test]
    fn stored_form_is_plain_json() {
        let rule = Recurrence::new(2, RepeatUnit::Weekday(Weekday::Mon), d(2026, 3, 4));
        let json = serde_json::to_value(rule).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "every": 2, "unit": {"weekday": "Mon"}, "start": "2026-03-04", "occurrence": 0
            })
        );
        assert_eq!(serde_json::from_value::<Recurrence>(json).unwrap(), rule);
        let months: Recurrence = serde_json::from_value(
            serde_json::json!({"every": 1, "unit": "months", "start": "2026-01-31"}),
        )
        .unwrap();
        assert_eq!(
            months,
            Recurrence::new(1, RepeatUnit::Months, d(2026, 1, 31))
        );
    }
}
