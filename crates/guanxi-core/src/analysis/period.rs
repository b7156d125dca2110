//! The span of days an analysis looks at: a month, a quarter, a year or any range, both ends
//! included (a report "for March" counts March 31).

use chrono::{Datelike, Days, Months, NaiveDate};

/// A range of calendar days, `start` and `end` included, `start <= end` always.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

/// Why a period could not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the start is after the end")]
    StartAfterEnd,
    #[error("no such month or quarter")]
    NoSuchPeriod,
}

impl Period {
    /// Any range; `start` after `end` is refused rather than swapped, so a typo is seen.
    pub fn custom(start: NaiveDate, end: NaiveDate) -> Result<Period, PeriodError> {
        if start > end {
            return Err(PeriodError::StartAfterEnd);
        }
        Ok(Period { start, end })
    }

    /// Month `m` (1–12) of year `y`.
    pub fn month(y: i32, m: u32) -> Result<Period, PeriodError> {
        Self::months_from(y, m, 1)
    }

    /// Quarter `q` (1–4) of year `y`: January–March is the first.
    pub fn quarter(y: i32, q: u32) -> Result<Period, PeriodError> {
        if !(1..=4).contains(&q) {
            return Err(PeriodError::NoSuchPeriod);
        }
        Self::months_from(y, 3 * q - 2, 3)
    }

    pub fn year(y: i32) -> Result<Period, PeriodError> {
        Self::months_from(y, 1, 12)
    }

    /// `count` whole months starting with month `m` of year `y`.
    fn months_from(y: i32, m: u32, count: u32) -> Result<Period, PeriodError> {
        let start = NaiveDate::from_ymd_opt(y, m, 1).ok_or(PeriodError::NoSuchPeriod)?;
        let end = start
            .checked_add_months(Months::new(count))
            .and_then(|d| d.pred_opt())
            .ok_or(PeriodError::NoSuchPeriod)?;
        Ok(Period { start, end })
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// How many days it spans, both ends included (March: 31).
    pub fn days(&self) -> u32 {
        (self.end - self.start).num_days() as u32 + 1
    }

    /// Every day in it, in order.
    pub fn each_day(&self) -> impl Iterator<Item = NaiveDate> {
        let end = self.end;
        self.start.iter_days().take_while(move |d| *d <= end)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// The months it touches, in order, each cut to the period (so a custom 15 Jan – 10 Mar
    /// gives 15–31 Jan, February, 1–10 Mar and their days add up to the period's).
    pub fn months(&self) -> impl Iterator<Item = Period> {
        let this = *self;
        let mut next = Some(first_of_month(self.start));
        std::iter::from_fn(move || {
            let first = next.filter(|f| *f <= this.end)?;
            let after = first.checked_add_months(Months::new(1));
            next = after;
            let last = after.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX);
            Some(Period {
                start: first.max(this.start),
                end: last.min(this.end),
            })
        })
    }

    /// How many whole calendar months it is, when it is exactly that (a month 1, a quarter 3,
    /// a year 12); `None` for a range that starts or ends inside a month.
    pub fn whole_months(&self) -> Option<u32> {
        let ends_a_month = self.end.succ_opt().is_none_or(|d| d.day() == 1);
        if self.start.day() != 1 || !ends_a_month {
            return None;
        }
        let months = (self.end.year() - self.start.year()) * 12 + self.end.month() as i32
            - self.start.month() as i32
            + 1;
        u32::try_from(months).ok()
    }

    /// The period of the same length just before this one, for "compared with last period".
    /// Whole calendar months step back by months (the quarter before Q2 is Q1, 90 days, not
    /// the 91 days before 1 April); any other range steps back by its number of days.
    /// `None` only before the start of the calendar chrono supports.
    pub fn previous(&self) -> Option<Period> {
        let end = self.start.pred_opt()?;
        let start = match self.whole_months() {
            Some(n) => self.start.checked_sub_months(Months::new(n))?,
            None => self
                .start
                .checked_sub_days(Days::new(u64::from(self.days())))?,
        };
        Some(Period { start, end })
    }

    /// The day before the period starts: where "at the start of the period" is read.
    pub fn day_before(&self) -> Option<NaiveDate> {
        self.start.pred_opt()
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("every month has a first day")
}

/// Days in year `y`: 366 in a leap year, else 365.
pub fn days_in_year(y: i32) -> u32 {
    if NaiveDate::from_ymd_opt(y, 2, 29).is_some() {
        366
    } else {
        365
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn span(p: Period) -> (String, String) {
        (p.start().to_string(), p.end().to_string())
    }

    #[test]
    fn months_quarters_and_years() {
        let feb = Period::month(2024, 2).unwrap();
        assert_eq!(span(feb), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(feb.days(), 29);
        assert_eq!(Period::month(2025, 2).unwrap().days(), 28);
        let q1 = Period::quarter(2025, 1).unwrap();
        // 31 + 28 + 31 = 90 days.
        assert_eq!((span(q1).1, q1.days()), ("2025-03-31".into(), 90));
        let q4 = Period::quarter(2025, 4).unwrap();
        assert_eq!(span(q4), ("2025-10-01".into(), "2025-12-31".into()));
        assert_eq!(Period::year(2024).unwrap().days(), 366);
        assert_eq!(Period::quarter(2025, 5), Err(PeriodError::NoSuchPeriod));
        assert_eq!(Period::month(2025, 13), Err(PeriodError::NoSuchPeriod));
        assert_eq!(
            Period::custom(day("2025-03-02"), day("2025-03-01")),
            Err(PeriodError::StartAfterEnd)
        );
        let one = Period::custom(day("2025-03-01"), day("2025-03-01")).unwrap();
        assert_eq!((one.days(), one.each_day().count()), (1, 1));
        assert!(q1.contains(day("2025-01-01")) && q1.contains(day("2025-03-31")));
        assert!(!q1.contains(day("2025-04-01")) && !q1.contains(day("2024-12-31")));
    }

    #[test]
    fn months_inside_a_period_are_cut_to_it() {
        let p = Period::custom(day("2025-01-15"), day("2025-03-10")).unwrap();
        let months: Vec<_> = p.months().map(span).collect();
        assert_eq!(
            months,
            vec![
                ("2025-01-15".into(), "2025-01-31".into()),
                ("2025-02-01".into(), "2025-02-28".into()),
                ("2025-03-01".into(), "2025-03-10".into()),
            ]
        );
        // 17 + 28 + 10 = 55 = the period's days.
        assert_eq!(p.months().map(|m| m.days()).sum::<u32>(), p.days());
        assert_eq!(Period::year(2025).unwrap().months().count(), 12);
        assert_eq!(p.whole_months(), None);
        assert_eq!(Period::quarter(2025, 2).unwrap().whole_months(), Some(3));
    }

    #[test]
    fn the_previous_period() {
        let q2 = Period::quarter(2025, 2).unwrap();
        assert_eq!(q2.previous(), Some(Period::quarter(2025, 1).unwrap()));
        let mar = Period::month(2025, 3).unwrap();
        assert_eq!(mar.previous(), Some(Period::month(2025, 2).unwrap()));
        assert_eq!(
            Period::year(2025).unwrap().previous(),
            Some(Period::year(2024).unwrap())
        );
        // 10 days (1–10 March) step back 10 days: 19–28 February.
        let p = Period::custom(day("2025-03-01"), day("2025-03-10")).unwrap();
        assert_eq!(
            span(p.previous().unwrap()),
            ("2025-02-19".into(), "2025-02-28".into())
        );
        assert_eq!(days_in_year(2024), 366);
        assert_eq!(days_in_year(2100), 365);
    }
}
