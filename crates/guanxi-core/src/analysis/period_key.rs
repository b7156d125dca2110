//! A period as it appears in a URL (`?p=2026-11`, `2026-Q4`, `2026`, `2026-01-05..2026-02-20`),
//! so an analysis screen can be bookmarked and shared with the period it shows.

use chrono::{Datelike, Duration, NaiveDate};

use crate::analysis::period::Period;

/// The kinds of period the period selector offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    Custom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodKey {
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year {
        year: i32,
    },
    /// Inclusive at both ends; `start <= end`.
    Custom {
        start: NaiveDate,
        end: NaiveDate,
    },
}

impl PeriodKey {
    /// Reads the URL form; anything else (a hand-edited link) is `None`, and the screen falls
    /// back to its default period.
    pub fn parse(s: &str) -> Option<PeriodKey> {
        let s = s.trim();
        if let Some((a, b)) = s.split_once("..") {
            let start: NaiveDate = a.parse().ok()?;
            let end: NaiveDate = b.parse().ok()?;
            return (start <= end).then_some(PeriodKey::Custom { start, end });
        }
        let year_of = |y: &str| {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse::<i32>().ok())
                .flatten()
                .filter(|y| (1900..=9999).contains(y))
        };
        match s.split_once('-') {
            None => year_of(s).map(|year| PeriodKey::Year { year }),
            Some((y, rest)) => {
                let year = year_of(y)?;
                if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
                    let quarter: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
                    return Some(PeriodKey::Quarter { year, quarter });
                }
                let month: u32 = (rest.len() == 2)
                    .then(|| rest.parse().ok())
                    .flatten()
                    .filter(|m| (1..=12).contains(m))?;
                Some(PeriodKey::Month { year, month })
            }
        }
    }

    /// The period of `kind` that contains `day` (a custom period starts as that month).
    pub fn containing(kind: PeriodKind, day: NaiveDate) -> PeriodKey {
        let (year, month) = (day.year(), day.month());
        match kind {
            PeriodKind::Month => PeriodKey::Month { year, month },
            PeriodKind::Quarter => PeriodKey::Quarter {
                year,
                quarter: (month - 1) / 3 + 1,
            },
            PeriodKind::Year => PeriodKey::Year { year },
            PeriodKind::Custom => {
                let (start, end) = PeriodKey::Month { year, month }.range();
                PeriodKey::Custom { start, end }
            }
        }
    }

    pub fn kind(self) -> PeriodKind {
        match self {
            PeriodKey::Month { .. } => PeriodKind::Month,
            PeriodKey::Quarter { .. } => PeriodKind::Quarter,
            PeriodKey::Year { .. } => PeriodKind::Year,
            PeriodKey::Custom { .. } => PeriodKind::Custom,
        }
    }

    /// First and last day, inclusive, by [`Period`]'s calendar rules.
    pub fn range(self) -> (NaiveDate, NaiveDate) {
        let period = match self {
            PeriodKey::Month { year, month } => Period::month(year, month),
            PeriodKey::Quarter { year, quarter } => Period::quarter(year, quarter),
            PeriodKey::Year { year } => Period::year(year),
            PeriodKey::Custom { start, end } => return (start, end),
        };
        // `parse` and `containing` only build keys `Period` accepts.
        period.map_or_else(
            |_| unreachable!("a valid period key"),
            |p| (p.start(), p.end()),
        )
    }

    /// The period of the same kind just before (a custom period: the same number of days).
    pub fn previous(self) -> PeriodKey {
        match self {
            PeriodKey::Month { year, month: 1 } => PeriodKey::Month {
                year: year - 1,
                month: 12,
            },
            PeriodKey::Month { year, month } => PeriodKey::Month {
                year,
                month: month - 1,
            },
            PeriodKey::Quarter { year, quarter: 1 } => PeriodKey::Quarter {
                year: year - 1,
                quarter: 4,
            },
            PeriodKey::Quarter { year, quarter } => PeriodKey::Quarter {
                year,
                quarter: quarter - 1,
            },
            PeriodKey::Year { year } => PeriodKey::Year { year: year - 1 },
            PeriodKey::Custom { start, end } => {
                let days = (end - start).num_days() + 1;
                PeriodKey::Custom {
                    start: start - Duration::days(days),
                    end: start - Duration::days(1),
                }
            }
        }
    }

    /// The period of the same kind just after.
    pub fn next(self) -> PeriodKey {
        match self {
            PeriodKey::Month { year, month: 12 } => PeriodKey::Month {
                year: year + 1,
                month: 1,
            },
            PeriodKey::Month { year, month } => PeriodKey::Month {
                year,
                month: month + 1,
            },
            PeriodKey::Quarter { year, quarter: 4 } => PeriodKey::Quarter {
                year: year + 1,
                quarter: 1,
            },
            PeriodKey::Quarter { year, quarter } => PeriodKey::Quarter {
                year,
                quarter: quarter + 1,
            },
            PeriodKey::Year { year } => PeriodKey::Year { year: year + 1 },
            PeriodKey::Custom { start, end } => {
                let days = (end - start).num_days() + 1;
                PeriodKey::Custom {
                    start: end + Duration::days(1),
                    end: end + Duration::days(days),
                }
            }
        }
    }
}

impl std::fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PeriodKey::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            PeriodKey::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            PeriodKey::Year { year } => write!(f, "{year:04}"),
            PeriodKey::Custom { start, end } => write!(f, "{start}..{end}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn url_forms_round_trip_and_give_their_days() {
        for (text, start, end) in [
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("2026-Q4", "2026-10-01", "2026-12-31"),
            ("2026-Q1", "2026-01-01", "2026-03-31"),
            ("2026", "2026-01-01", "2026-12-31"),
            ("2026-01-05..2026-02-20", "2026-01-05", "2026-02-20"),
        ] {
            let key = PeriodKey::parse(text).unwrap();
            assert_eq!(key.to_string(), text);
            assert_eq!(key.range(), (d(start), d(end)), "{text}");
        }
        for bad in [
            "",
            "26",
            "2026-13",
            "2026-1",
            "2026-Q5",
            "2026-Q0",
            "x",
            "2026-02-01..2026-01-01",
        ] {
            assert_eq!(PeriodKey::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn neighbours_cross_year_ends() {
        let dec = PeriodKey::parse("2025-12").unwrap();
        assert_eq!(dec.next().to_string(), "2026-01");
        assert_eq!(dec.next().previous(), dec);
        assert_eq!(
            PeriodKey::parse("2026-Q1").unwrap().previous().to_string(),
            "2025-Q4"
        );
        // 47 days (27 in January, 20 in February), moved back and forward by 47 days:
        // 2025-11-19..2026-01-04 is 12 + 31 + 4, 2026-02-21..2026-04-08 is 8 + 31 + 8.
        let custom = PeriodKey::parse("2026-01-05..2026-02-20").unwrap();
        assert_eq!(custom.previous().to_string(), "2025-11-19..2026-01-04");
        assert_eq!(custom.next().to_string(), "2026-02-21..2026-04-08");
        assert_eq!(
            PeriodKey::containing(PeriodKind::Quarter, d("2026-11-29")).to_string(),
            "2026-Q4"
        );
    }
}
