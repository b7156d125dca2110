//! The forecast by month and owner, next to what was won and lost.
//!
//! The course texts put resources where probability × value is highest, so every total comes
//! twice: as the plain sum of amounts and weighted by probability ([`money::weighted`], per
//! opportunity, rounded to the minor unit). Totals are kept per currency ([`Sums`]): with no
//! exchange rates in the app, adding yuan to dollars would produce a number that means
//! nothing, so each currency gets its own line and the UI shows them side by side.
//!
//! [`money::weighted`]: crate::model::money::weighted

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::customers::query::fold;
use crate::model::money::{currency_of, Sums};
use crate::model::records::{Opportunity, Settings, StageOutcome};
use crate::pipeline::opportunity::{close_date, outcome_of, weighted_value};

/// A calendar month, the forecast's period. Written `2026-03`, which sorts as it reads and is
/// what `<input type=month>` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl YearMonth {
    pub fn of(d: NaiveDate) -> Self {
        YearMonth {
            year: d.year(),
            month: d.month(),
        }
    }

    /// Parses `2026-03` (or `2026-3`, as typed into a URL).
    pub fn parse(s: &str) -> Option<Self> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || !(1..=2).contains(&m.len()) {
            return None;
        }
        let ym = YearMonth {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
        };
        (1..=12).contains(&ym.month).then_some(ym)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a valid month")
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        YearMonth::of(d) == self
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The figures of one forecast line, each per currency.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ForecastLine {
    pub open_count: usize,
    /// Open pipeline, unweighted.
    pub open_total: Sums,
    /// Open pipeline weighted by probability: the forecast proper.
    pub weighted: Sums,
    pub won_count: usize,
    /// Won amounts (which are certain, so not weighted).
    pub won: Sums,
    pub lost_count: usize,
    pub lost: Sums,
}

impl ForecastLine {
    fn add(&mut self, o: &Opportunity, settings: &Settings) {
        let currency = currency_of(o, settings);
        match outcome_of(o, settings) {
            StageOutcome::Open => {
                self.open_count += 1;
                self.open_total.add(&currency, o.amount);
                self.weighted.add(&currency, weighted_value(o, settings));
            }
            StageOutcome::Won => {
                self.won_count += 1;
                self.won.add(&currency, o.amount);
            }
            StageOutcome::Lost => {
                self.lost_count += 1;
                self.lost.add(&currency, o.amount);
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthForecast {
    /// `None`: open opportunities without an expected close date.
    pub month: Option<YearMonth>,
    pub line: ForecastLine,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerForecast {
    /// Trimmed; "" for unassigned opportunities.
    pub owner: String,
    pub line: ForecastLine,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forecast {
    /// Months in order, the undated line last; only months with something in them.
    pub by_month: Vec<MonthForecast>,
    /// Owners by name, the unassigned line last.
    pub by_owner: Vec<OwnerForecast>,
    pub total: ForecastLine,
}

/// The forecast: open pipeline (weighted and not) by expected close month, next to what was
/// won (and lost) in that month by close date; the same by owner; and the total.
///
/// Overdue open opportunities (expected to close in a month already past) stay in that month,
/// so the past months show what was expected and did not happen. To forecast a period only,
/// narrow the input first (e.g. with [`OpportunityFilter::close_month`]).
///
/// [`OpportunityFilter::close_month`]: crate::pipeline::list::OpportunityFilter::close_month
pub fn forecast<'a>(
    opportunities: impl IntoIterator<Item = &'a Opportunity>,
    settings: &Settings,
) -> Forecast {
    let mut months: BTreeMap<(bool, Option<YearMonth>), ForecastLine> = BTreeMap::new();
    let mut owners: BTreeMap<(bool, String, String), ForecastLine> = BTreeMap::new();
    let mut total = ForecastLine::default();
    for o in opportunities.into_iter().filter(|o| o.deleted_at.is_none()) {
        let month = close_date(o, settings).map(YearMonth::of);
        months
            .entry((month.is_none(), month))
            .or_default()
            .add(o, settings);
        let owner = o.owner.trim();
        owners
            .entry((owner.is_empty(), fold(owner), owner.to_string()))
            .or_default()
            .add(o, settings);
        total.add(o, settings);
    }
    Forecast {
        by_month: months
            .into_iter()
            .map(|((_, month), line)| MonthForecast { month, line })
            .collect(),
        by_owner: owners
            .into_iter()
            .map(|((_, _, owner), line)| OwnerForecast { owner, line })
            .collect(),
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::money;
    use crate::pipeline::board::column_totals;
    use crate::pipeline::opportunity::probability_of;
    use crate::pipeline::opportunity::tests::{d, opp};

    fn yuan(n: i64) -> i64 {
        n * 100
    }

    #[test]
    fn the_course_example_weighs_832000_yuan() {
        // Two opportunities at 80%, worth ¥800,000 and ¥240,000, weigh ¥640,000 and ¥192,000;
        // together ¥832,000.
        let s = Settings::default();
        let a = opp(1, 1, "negotiation", 800_000);
        let b = opp(2, 2, "negotiation", 240_000);
        assert_eq!(probability_of(&a, &s), 80);
        assert_eq!(weighted_value(&a, &s), yuan(640_000));
        assert_eq!(weighted_value(&b, &s), yuan(192_000));
        let f = forecast([&a, &b], &s);
        assert_eq!(f.total.weighted.get("CNY"), yuan(832_000));
        assert_eq!(f.total.open_total.get("CNY"), yuan(1_040_000));
        assert_eq!(
            money::format_money(f.total.weighted.get("CNY"), "CNY"),
            "¥832,000"
        );
        let columns = column_totals([&a, &b], &s);
        let negotiation = columns
            .iter()
            .find(|c| c.stage_id == "negotiation")
            .unwrap();
        assert_eq!(negotiation.count, 2);
        assert_eq!(negotiation.weighted.get("CNY"), yuan(832_000));
        // The same with one of them overriding the stage at 80% by hand.
        let mut by_hand = opp(3, 2, "proposal", 240_000);
        by_hand.probability = 80;
        by_hand.probability_overridden = true;
        assert_eq!(
            forecast([&a, &by_hand], &s).total.weighted.get("CNY"),
            yuan(832_000)
        );
    }

    #[test]
    fn year_months() {
        let m = YearMonth::parse("2026-03").unwrap();
        assert_eq!(
            m,
            YearMonth {
                year: 2026,
                month: 3
            }
        );
        assert_eq!(m.to_string(), "2026-03");
        assert_eq!(YearMonth::parse(" 2026-3 "), Some(m));
        for bad in [
            "2026-13",
            "2026-00",
            "26-03",
            "2026",
            "2026-03-01",
            "abcd-ef",
            "",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad:?}");
        }
        assert_eq!(YearMonth::of(d(2026, 12, 31)).next().to_string(), "2027-01");
        assert_eq!(m.first_day(), d(2026, 3, 1));
        assert!(m.contains(d(2026, 3, 31)) && !m.contains(d(2026, 4, 1)));
    }

    #[test]
    fn forecast_by_month_and_owner() {
        let s = Settings::default();
        let mut march = opp(1, 1, "negotiation", 800_000);
        march.expected_close = Some(d(2026, 3, 20));
        march.owner = "李雷".into();
        let mut april = opp(2, 1, "proposal", 200_000);
        april.expected_close = Some(d(2026, 4, 2));
        april.owner = " 李雷 ".into();
        let mut undated = opp(3, 2, "qualification", 50_000);
        undated.owner = "韩梅梅".into();
        // Won in March (by close date, whatever was expected).
        let mut won = opp(4, 2, "won", 300_000);
        won.expected_close = Some(d(2026, 1, 31));
        won.closed_on = Some(d(2026, 3, 2));
        won.owner = "韩梅梅".into();
        let mut lost = opp(5, 3, "lost", 70_000);
        lost.closed_on = Some(d(2026, 4, 9));
        let mut usd = opp(6, 3, "proposal", 1_000);
        usd.currency = "USD".into();
        usd.expected_close = Some(d(2026, 3, 1));
        let all = vec![march, april, undated, won, lost, usd];
        let f = forecast(&all, &s);

        let months: Vec<String> = f
            .by_month
            .iter()
            .map(|m| m.month.map_or("none".into(), |m| m.to_string()))
            .collect();
        assert_eq!(months, ["2026-03", "2026-04", "none"]);
        let m3 = &f.by_month[0].line;
        assert_eq!((m3.open_count, m3.won_count), (2, 1));
        assert_eq!(m3.weighted.get("CNY"), yuan(640_000));
        assert_eq!(m3.open_total.get("CNY"), yuan(800_000));
        assert_eq!(m3.won.get("CNY"), yuan(300_000));
        assert_eq!(m3.weighted.get("USD"), yuan(500));
        let m4 = &f.by_month[1].line;
        assert_eq!(m4.weighted.get("CNY"), yuan(100_000));
        assert_eq!((m4.lost_count, m4.lost.get("CNY")), (1, yuan(70_000)));
        let none = &f.by_month[2].line;
        assert_eq!(
            (none.open_count, none.weighted.get("CNY")),
            (1, yuan(5_000))
        );

        let owners: Vec<&str> = f.by_owner.iter().map(|o| o.owner.as_str()).collect();
        assert_eq!(owners, ["李雷", "韩梅梅", ""]);
        let li = &f.by_owner[0].line;
        assert_eq!((li.open_count, li.weighted.get("CNY")), (2, yuan(740_000)));
        assert_eq!(li.open_total.get("CNY"), yuan(1_000_000));
        let han = &f.by_owner[1].line;
        assert_eq!(
            (han.weighted.get("CNY"), han.won.get("CNY")),
            (yuan(5_000), yuan(300_000))
        );

        assert_eq!(f.total.weighted.get("CNY"), yuan(745_000));
        assert_eq!(f.total.weighted.get("USD"), yuan(500));
        assert_eq!(f.total.won.get("CNY"), yuan(300_000));
        assert_eq!(
            (f.total.open_count, f.total.won_count, f.total.lost_count),
            (4, 1, 1)
        );
        assert_eq!(
            forecast(&[], &s),
            Forecast {
                by_month: vec![],
                by_owner: vec![],
                total: ForecastLine::default()
            }
        );
    }

    #[test]
    fn a_blank_currency_counts_as_the_default_one() {
        let mut s = Settings::default();
        let mut o = opp(1, 1, "won", 10);
        o.currency = String::new();
        assert_eq!(forecast([&o], &s).total.won.get("CNY"), yuan(10));
        s.currency = "usd".into();
        assert_eq!(forecast([&o], &s).total.won.get("USD"), yuan(10));
    }
}
