//! The pipeline as a sales team reads it: the board's columns with their totals, the
//! forecast by month and owner, stale opportunities, and the filtered, sorted list.
//!
//! The course texts put resources where probability × value is highest, so every total comes
//! twice: as the plain sum of amounts and weighted by probability ([`money::weighted`], per
//! opportunity, rounded to the minor unit). Totals are kept per currency ([`Sums`]): with no
//! exchange rates in the app, adding yuan to dollars would produce a number that means
//! nothing, so each currency gets its own line and the UI shows them side by side.
//!
//! Every function here takes the opportunities to count as given, so the board, the forecast
//! and the list all agree once the caller has narrowed them with
//! [`filter_sort_opportunities`]. Opportunities in the trash are always skipped.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::activity::daily_report::local_date;
use crate::customers::query::{facet_key, fold, SortDir};
use crate::model::ids::Id;
use crate::model::money::{self, currency_of, Sums};
use crate::model::records::{
    Customer, FollowUp, Interaction, Opportunity, Settings, Stage, StageOutcome,
};
use crate::pipeline::opportunity::{outcome_of, pipeline_stages, probability_of, stage_of};

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

/// The date an opportunity counts on: the close date once won or lost (falling back to the
/// expected one if a closed record lacks it), the expected close date while open.
pub fn close_date(opportunity: &Opportunity, settings: &Settings) -> Option<NaiveDate> {
    if outcome_of(opportunity, settings).is_closed() {
        opportunity.closed_on.or(opportunity.expected_close)
    } else {
        opportunity.expected_close
    }
}

/// Amount × probability (as [`probability_of`] counts it), in minor units.
pub fn weighted_value(opportunity: &Opportunity, settings: &Settings) -> i64 {
    money::weighted(opportunity.amount, probability_of(opportunity, settings))
}

/// A board column's header figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnTotals {
    pub stage_id: String,
    pub count: usize,
    /// Amounts per currency.
    pub total: Sums,
    /// Probability-weighted amounts per currency.
    pub weighted: Sums,
}

/// One column of the board: its stage, its cards and its totals.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardColumn<'a> {
    pub stage: Stage,
    /// By expected (or actual) close date, undated last, then title.
    pub cards: Vec<&'a Opportunity>,
    pub totals: ColumnTotals,
}

/// The kanban board: one column per stage, in pipeline order, empty ones included. An
/// opportunity whose stage the settings do not know appears where [`stage_of`] puts it.
pub fn board<'a>(
    opportunities: impl IntoIterator<Item = &'a Opportunity>,
    settings: &Settings,
) -> Vec<BoardColumn<'a>> {
    let mut columns: Vec<BoardColumn<'a>> = pipeline_stages(settings)
        .iter()
        .map(|s| BoardColumn {
            stage: s.clone(),
            cards: Vec::new(),
            totals: ColumnTotals {
                stage_id: s.id.clone(),
                ..Default::default()
            },
        })
        .collect();
    for o in opportunities.into_iter().filter(|o| o.deleted_at.is_none()) {
        let stage = &stage_of(o, settings).id;
        // Only a stage missing from an otherwise non-empty but open-less list has no column;
        // the first column then takes it rather than losing it.
        let i = columns
            .iter()
            .position(|c| &c.stage.id == stage)
            .unwrap_or(0);
        let Some(column) = columns.get_mut(i) else {
            continue;
        };
        let currency = currency_of(o, settings);
        column.totals.count += 1;
        column.totals.total.add(&currency, o.amount);
        column
            .totals
            .weighted
            .add(&currency, weighted_value(o, settings));
        column.cards.push(o);
    }
    for c in &mut columns {
        c.cards.sort_by(|a, b| {
            let key = |o: &Opportunity| {
                let d = close_date(o, settings);
                (d.is_none(), d, fold(&o.title), o.id)
            };
            key(a).cmp(&key(b))
        });
    }
    columns
}

/// The column totals of [`board`] without the cards.
pub fn column_totals<'a>(
    opportunities: impl IntoIterator<Item = &'a Opportunity>,
    settings: &Settings,
) -> Vec<ColumnTotals> {
    board(opportunities, settings)
        .into_iter()
        .map(|c| c.totals)
        .collect()
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

/// The day of each opportunity's latest activity: its own last change (`updated_at`, in
/// local time), the log entries linked to it (their local `at`) and the follow-ups linked to
/// it (their last change: planning, completing or rescheduling is work on the deal). Records
/// in the trash do not count. Every opportunity given has an entry.
///
/// `tz_offset_minutes` is east of UTC, as for [`local_date`].
pub fn last_activity(
    opportunities: &[Opportunity],
    interactions: &[Interaction],
    follow_ups: &[FollowUp],
    tz_offset_minutes: i32,
) -> HashMap<Id, NaiveDate> {
    let mut last: HashMap<Id, NaiveDate> = opportunities
        .iter()
        .map(|o| (o.id, local_date(o.updated_at, tz_offset_minutes)))
        .collect();
    let mut bump = |id: Option<Id>, d: NaiveDate| {
        if let Some(l) = id.and_then(|id| last.get_mut(&id)) {
            *l = (*l).max(d);
        }
    };
    for i in interactions.iter().filter(|i| i.deleted_at.is_none()) {
        bump(i.opportunity_id, i.at.date());
    }
    for f in follow_ups.iter().filter(|f| f.deleted_at.is_none()) {
        bump(
            f.opportunity_id,
            local_date(f.updated_at, tz_offset_minutes),
        );
    }
    last
}

/// Whether an open opportunity has gone more than [`Settings::stale_days`] days without
/// activity (see [`last_activity`]), the same "more than" as the customer care list. Won,
/// lost and trashed opportunities are never stale; `stale_days` 0 turns the flag off, and an
/// unknown last activity (`None`) raises no flag.
pub fn is_stale(
    opportunity: &Opportunity,
    last_activity: Option<NaiveDate>,
    today: NaiveDate,
    settings: &Settings,
) -> bool {
    let Some(last) = last_activity else {
        return false;
    };
    settings.stale_days > 0
        && opportunity.deleted_at.is_none()
        && outcome_of(opportunity, settings) == StageOutcome::Open
        && (today - last).num_days() > i64::from(settings.stale_days)
}

/// Which opportunities the list and board show by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    #[default]
    All,
    Open,
    Won,
    Lost,
    /// Won or lost.
    Closed,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 5] = [
        StatusFilter::All,
        StatusFilter::Open,
        StatusFilter::Won,
        StatusFilter::Lost,
        StatusFilter::Closed,
    ];

    /// The URL query value.
    pub fn as_str(&self) -> &'static str {
        match self {
            StatusFilter::All => "all",
            StatusFilter::Open => "open",
            StatusFilter::Won => "won",
            StatusFilter::Lost => "lost",
            StatusFilter::Closed => "closed",
        }
    }

    /// Parses [`StatusFilter::as_str`], ignoring ASCII case and surrounding blanks.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
    }

    fn admits(self, outcome: StageOutcome) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Open => outcome == StageOutcome::Open,
            StatusFilter::Won => outcome == StageOutcome::Won,
            StatusFilter::Lost => outcome == StageOutcome::Lost,
            StatusFilter::Closed => outcome.is_closed(),
        }
    }
}

/// The filter bar of the list and the board. `None` (or blank text) means "any", as in
/// [`crate::customers::query::CustomerFilter`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OpportunityFilter {
    /// Matched like the customer list's owner filter (trimmed, case and width folded).
    pub owner: Option<String>,
    pub customer: Option<Id>,
    /// The month of [`close_date`].
    pub close_month: Option<YearMonth>,
    /// A stage id, matched against the stage [`stage_of`] shows the opportunity in.
    pub stage: Option<String>,
    pub status: StatusFilter,
}

/// The list's sortable columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpportunitySortKey {
    Title,
    Customer,
    /// Pipeline order.
    Stage,
    Amount,
    Weighted,
    Probability,
    CloseDate,
    Updated,
}

impl OpportunitySortKey {
    pub const ALL: [OpportunitySortKey; 8] = [
        OpportunitySortKey::Title,
        OpportunitySortKey::Customer,
        OpportunitySortKey::Stage,
        OpportunitySortKey::Amount,
        OpportunitySortKey::Weighted,
        OpportunitySortKey::Probability,
        OpportunitySortKey::CloseDate,
        OpportunitySortKey::Updated,
    ];

    /// The URL query value; stable, since bookmarked links contain it.
    pub fn as_str(&self) -> &'static str {
        match self {
            OpportunitySortKey::Title => "title",
            OpportunitySortKey::Customer => "customer",
            OpportunitySortKey::Stage => "stage",
            OpportunitySortKey::Amount => "amount",
            OpportunitySortKey::Weighted => "weighted",
            OpportunitySortKey::Probability => "probability",
            OpportunitySortKey::CloseDate => "close",
            OpportunitySortKey::Updated => "updated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// A first click sorts money, probability and the update time largest/newest first (where
    /// the attention should go), everything else ascending (the soonest close first).
    pub fn default_dir(&self) -> SortDir {
        match self {
            OpportunitySortKey::Amount
            | OpportunitySortKey::Weighted
            | OpportunitySortKey::Probability
            | OpportunitySortKey::Updated => SortDir::Desc,
            _ => SortDir::Asc,
        }
    }
}

/// Whether an opportunity matches a search: every whitespace-separated term appears in its
/// title, its customer's name, its competitors or its source.
pub fn opportunity_matches(opportunity: &Opportunity, customer_name: &str, query: &str) -> bool {
    let terms: Vec<String> = query.split_whitespace().map(fold).collect();
    matches_terms(opportunity, customer_name, &terms)
}

fn matches_terms(o: &Opportunity, customer_name: &str, terms: &[String]) -> bool {
    if terms.is_empty() {
        return true;
    }
    let mut haystack = fold(&o.title);
    for part in [customer_name, &o.source]
        .into_iter()
        .chain(o.competitors.iter().map(String::as_str))
    {
        haystack.push('\n');
        haystack.push_str(&fold(part));
    }
    terms.iter().all(|t| haystack.contains(t.as_str()))
}

fn apply(dir: SortDir, o: Ordering) -> Ordering {
    match dir {
        SortDir::Asc => o,
        SortDir::Desc => o.reverse(),
    }
}

/// The list: opportunities not in the trash, nor of a customer in the trash (those are in the
/// trash with it), matching `query` ([`opportunity_matches`]) and `filter`, sorted by `key`
/// in `dir`. Opportunities whose customer is missing altogether are kept, with a blank
/// customer name, so that nothing disappears unexplained.
///
/// Ties go by title, then id, so the order never flickers. Blank values (no close date, no
/// customer name) sort last in both directions. Amounts of different currencies are not
/// comparable, so money columns group by currency first (the default currency, then the
/// others by code) and sort within each group.
pub fn filter_sort_opportunities<'a>(
    opportunities: &'a [Opportunity],
    customers: &[Customer],
    settings: &Settings,
    query: &str,
    filter: &OpportunityFilter,
    key: OpportunitySortKey,
    dir: SortDir,
) -> Vec<&'a Opportunity> {
    let customers: HashMap<Id, &Customer> = customers.iter().map(|c| (c.id, c)).collect();
    let terms: Vec<String> = query.split_whitespace().map(fold).collect();
    let owner = filter
        .owner
        .as_deref()
        .map(facet_key)
        .filter(|k| !k.is_empty());
    let stage_filter = filter
        .stage
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let stages = pipeline_stages(settings);
    let default_currency = settings.currency.trim().to_ascii_uppercase();

    struct Row<'a> {
        o: &'a Opportunity,
        title: String,
        customer: String,
        currency: (bool, String),
    }
    let mut rows: Vec<Row<'a>> = Vec::new();
    for o in opportunities.iter().filter(|o| o.deleted_at.is_none()) {
        let customer = customers.get(&o.customer_id);
        if customer.is_some_and(|c| c.deleted_at.is_some()) {
            continue;
        }
        let customer_name = customer.map_or("", |c| c.name.as_str());
        let stage = stage_of(o, settings);
        let admitted = filter.status.admits(stage.outcome)
            && filter.customer.is_none_or(|c| c == o.customer_id)
            && owner.as_ref().is_none_or(|k| &facet_key(&o.owner) == k)
            && stage_filter.is_none_or(|s| s == stage.id)
            && filter
                .close_month
                .is_none_or(|m| close_date(o, settings).is_some_and(|d| m.contains(d)))
            && matches_terms(o, customer_name, &terms);
        if admitted {
            let currency = currency_of(o, settings);
            rows.push(Row {
                o,
                title: fold(&o.title),
                customer: facet_key(customer_name),
                currency: (currency != default_currency, currency),
            });
        }
    }
    let position = |o: &Opportunity| {
        let id = &stage_of(o, settings).id;
        stages.iter().position(|s| &s.id == id).unwrap_or(0)
    };
    let blank_last = |a: bool, b: bool, then: Ordering| match (a, b) {
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => then,
    };
    rows.sort_by(|a, b| {
        let primary = match key {
            OpportunitySortKey::Title => apply(dir, a.title.cmp(&b.title)),
            OpportunitySortKey::Customer => blank_last(
                a.customer.is_empty(),
                b.customer.is_empty(),
                apply(dir, a.customer.cmp(&b.customer)),
            ),
            OpportunitySortKey::Stage => apply(dir, position(a.o).cmp(&position(b.o))),
            OpportunitySortKey::Amount => a
                .currency
                .cmp(&b.currency)
                .then_with(|| apply(dir, a.o.amount.cmp(&b.o.amount))),
            OpportunitySortKey::Weighted => a.currency.cmp(&b.currency).then_with(|| {
                apply(
                    dir,
                    weighted_value(a.o, settings).cmp(&weighted_value(b.o, settings)),
                )
            }),
            OpportunitySortKey::Probability => apply(
                dir,
                probability_of(a.o, settings).cmp(&probability_of(b.o, settings)),
            ),
            OpportunitySortKey::CloseDate => {
                let (x, y) = (close_date(a.o, settings), close_date(b.o, settings));
                blank_last(x.is_none(), y.is_none(), apply(dir, x.cmp(&y)))
            }
            OpportunitySortKey::Updated => apply(dir, a.o.updated_at.cmp(&b.o.updated_at)),
        };
        primary
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.o.id.cmp(&b.o.id))
    });
    rows.into_iter().map(|r| r.o).collect()
}

/// What the filter bar offers, from opportunities not in the trash.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OpportunityFacets {
    /// Distinct owners (first spelling kept), sorted by [`facet_key`].
    pub owners: Vec<String>,
    /// Distinct sources, likewise.
    pub sources: Vec<String>,
    /// Months of [`close_date`], in order.
    pub months: Vec<YearMonth>,
}

pub fn opportunity_facets(opportunities: &[Opportunity], settings: &Settings) -> OpportunityFacets {
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    let mut months: Vec<YearMonth> = Vec::new();
    for o in opportunities.iter().filter(|o| o.deleted_at.is_none()) {
        for (map, value) in [(&mut owners, &o.owner), (&mut sources, &o.source)] {
            let key = facet_key(value);
            if !key.is_empty() {
                map.entry(key).or_insert_with(|| value.trim().to_string());
            }
        }
        if let Some(d) = close_date(o, settings) {
            months.push(YearMonth::of(d));
        }
    }
    months.sort();
    months.dedup();
    OpportunityFacets {
        owners: owners.into_values().collect(),
        sources: sources.into_values().collect(),
        months,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::commands::{blank_customer, blank_follow_up, blank_interaction};
    use crate::model::ids::Timestamp;
    use crate::pipeline::opportunity::move_to_stage;
    use crate::pipeline::opportunity::tests::{d, opp, today, T0, T1};

    fn id(n: u128) -> Id {
        Id::from_u128(n)
    }

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
    fn board_columns_count_total_and_weigh_per_stage() {
        let s = Settings::default();
        let mut a = opp(1, 1, "proposal", 100_000);
        a.expected_close = Some(d(2026, 5, 1));
        let mut b = opp(2, 1, "proposal", 50_000);
        b.expected_close = Some(d(2026, 4, 1));
        let mut usd = opp(3, 1, "proposal", 10_000);
        usd.currency = "USD".into();
        let won = opp(4, 1, "won", 30_000);
        let mut stray = opp(5, 1, "proposal", 1_000);
        stray.stage = "gone".into();
        let mut trashed = opp(6, 1, "proposal", 999);
        trashed.deleted_at = Some(T1);
        let all = [a, b, usd, won, stray, trashed];
        let columns = board(&all, &s);
        let ids: Vec<&str> = columns.iter().map(|c| c.stage.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "qualification",
                "needs_analysis",
                "proposal",
                "negotiation",
                "won",
                "lost"
            ]
        );
        let proposal = &columns[2];
        assert_eq!(proposal.totals.count, 3);
        assert_eq!(proposal.totals.total.get("CNY"), yuan(150_000));
        assert_eq!(proposal.totals.weighted.get("CNY"), yuan(75_000));
        // Dollars are never added to yuan.
        assert_eq!(proposal.totals.total.get("USD"), yuan(10_000));
        assert_eq!(proposal.totals.weighted.get("USD"), yuan(5_000));
        let cards: Vec<u128> = proposal.cards.iter().map(|o| o.id.0.as_u128()).collect();
        assert_eq!(cards, vec![2, 1, 3], "soonest close first, undated last");
        // The stray lands in the first open stage; the won deal weighs its full amount.
        assert_eq!(columns[0].totals.count, 1);
        assert_eq!(columns[0].totals.weighted.get("CNY"), yuan(100));
        assert_eq!(columns[4].totals.weighted.get("CNY"), yuan(30_000));
        assert_eq!(
            columns[5].totals,
            ColumnTotals {
                stage_id: "lost".into(),
                ..Default::default()
            }
        );
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

    #[test]
    fn activity_and_the_stale_flag() {
        let s = Settings::default();
        // Created 2026-01-10 (UTC noon), never touched since.
        let created = Timestamp(
            d(2026, 1, 10)
                .and_hms_opt(12, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis(),
        );
        let mut o = opp(1, 1, "proposal", 100);
        o.created_at = created;
        o.updated_at = created;
        let mut other = o.clone();
        other.id = id(2);
        let opps = vec![o.clone(), other.clone()];

        let mut call = blank_interaction(
            id(20),
            id(1),
            d(2026, 2, 1).and_hms_opt(10, 0, 0).unwrap(),
            T0,
        );
        call.opportunity_id = Some(o.id);
        let mut trashed_call = blank_interaction(
            id(21),
            id(1),
            d(2026, 3, 1).and_hms_opt(10, 0, 0).unwrap(),
            T0,
        );
        trashed_call.opportunity_id = Some(o.id);
        trashed_call.deleted_at = Some(T0);
        let unlinked = blank_interaction(
            id(22),
            id(1),
            d(2026, 3, 4).and_hms_opt(10, 0, 0).unwrap(),
            T0,
        );
        let mut plan = blank_follow_up(id(30), id(1), d(2026, 3, 20), created);
        plan.opportunity_id = Some(other.id);
        // Planned on 2026-02-20 at 20:00 UTC, which is the 21st in Beijing.
        plan.updated_at = Timestamp(
            d(2026, 2, 20)
                .and_hms_opt(20, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis(),
        );
        let last = last_activity(&opps, &[call, trashed_call, unlinked], &[plan], 480);
        assert_eq!(last[&o.id], d(2026, 2, 1));
        assert_eq!(last[&other.id], d(2026, 2, 21));
        assert_eq!(last_activity(&opps, &[], &[], 0)[&o.id], d(2026, 1, 10));

        // 30 days is the limit; stale from the 31st.
        let t = d(2026, 3, 3);
        assert!(!is_stale(&o, Some(d(2026, 2, 1)), t, &s));
        assert!(is_stale(&o, Some(d(2026, 2, 1)), d(2026, 3, 4), &s));
        assert!(!is_stale(&o, None, t, &s));
        let off = Settings {
            stale_days: 0,
            ..Default::default()
        };
        assert!(!is_stale(&o, Some(d(2025, 1, 1)), t, &off));
        let won = move_to_stage(&o, "won", "价格优势 Price", &s, T1, today()).unwrap();
        assert!(!is_stale(&won, Some(d(2025, 1, 1)), t, &s));
        let mut gone = o.clone();
        gone.deleted_at = Some(T1);
        assert!(!is_stale(&gone, Some(d(2025, 1, 1)), t, &s));
    }

    fn named(n: u128, name: &str) -> Customer {
        let mut c = blank_customer(id(n), T0);
        c.name = name.into();
        c
    }

    fn list(
        all: &[Opportunity],
        customers: &[Customer],
        query: &str,
        filter: &OpportunityFilter,
        key: OpportunitySortKey,
        dir: SortDir,
    ) -> Vec<u128> {
        filter_sort_opportunities(
            all,
            customers,
            &Settings::default(),
            query,
            filter,
            key,
            dir,
        )
        .iter()
        .map(|o| o.id.0.as_u128())
        .collect()
    }

    fn sample() -> (Vec<Opportunity>, Vec<Customer>) {
        let mut gone = named(3, "已删除客户");
        gone.deleted_at = Some(T1);
        let customers = vec![named(1, "北京星辰"), named(2, "Acme"), gone];
        let mut a = opp(1, 1, "negotiation", 800_000);
        a.title = "ERP 二期".into();
        a.owner = "李雷".into();
        a.expected_close = Some(d(2026, 3, 20));
        a.competitors = vec!["用友".into()];
        a.updated_at = Timestamp(5);
        let mut b = opp(2, 2, "proposal", 240_000);
        b.title = "CRM pilot".into();
        b.owner = " 韩梅梅".into();
        b.expected_close = Some(d(2026, 4, 2));
        b.source = "展会".into();
        b.updated_at = Timestamp(9);
        let mut c = opp(3, 1, "won", 300_000);
        c.title = "年度服务".into();
        c.owner = "李雷".into();
        c.closed_on = Some(d(2026, 3, 2));
        c.updated_at = Timestamp(7);
        let mut usd = opp(4, 2, "qualification", 1_000_000);
        usd.title = "Export deal".into();
        usd.currency = "USD".into();
        usd.updated_at = Timestamp(1);
        let mut trashed = opp(5, 1, "proposal", 1);
        trashed.deleted_at = Some(T1);
        let of_trashed_customer = opp(6, 3, "proposal", 1);
        let mut orphan = opp(7, 99, "lost", 5);
        orphan.closed_on = None;
        orphan.updated_at = Timestamp(3);
        (
            vec![a, b, c, usd, trashed, of_trashed_customer, orphan],
            customers,
        )
    }

    #[test]
    fn list_filters() {
        use OpportunitySortKey::*;
        let (all, cs) = sample();
        let any = OpportunityFilter::default();
        let run = |q: &str, f: &OpportunityFilter| list(&all, &cs, q, f, Title, SortDir::Asc);
        assert_eq!(
            run("", &any),
            vec![2, 1, 4, 7, 3],
            "trash and the trashed customer's left out; orphan kept"
        );
        assert_eq!(run("星辰", &any), vec![1, 3], "customer name");
        assert_eq!(run("用友", &any), vec![1], "competitor");
        assert_eq!(
            run("展会 crm", &any),
            vec![2],
            "source and title, all terms"
        );
        assert_eq!(run("crm 星辰", &any), Vec::<u128>::new());
        let f = |f: OpportunityFilter| run("", &f);
        assert_eq!(
            f(OpportunityFilter {
                owner: Some("韩梅梅 ".into()),
                ..Default::default()
            }),
            vec![2]
        );
        assert_eq!(
            f(OpportunityFilter {
                owner: Some(" ".into()),
                ..Default::default()
            })
            .len(),
            5
        );
        assert_eq!(
            f(OpportunityFilter {
                customer: Some(id(1)),
                ..Default::default()
            }),
            vec![1, 3]
        );
        let march = YearMonth::parse("2026-03");
        assert_eq!(
            f(OpportunityFilter {
                close_month: march,
                ..Default::default()
            }),
            vec![1, 3],
            "expected close for open, closed on for won"
        );
        assert_eq!(
            f(OpportunityFilter {
                stage: Some("proposal".into()),
                ..Default::default()
            }),
            vec![2]
        );
        assert_eq!(
            f(OpportunityFilter {
                status: StatusFilter::Open,
                ..Default::default()
            }),
            vec![2, 1, 4]
        );
        assert_eq!(
            f(OpportunityFilter {
                status: StatusFilter::Won,
                ..Default::default()
            }),
            vec![3]
        );
        assert_eq!(
            f(OpportunityFilter {
                status: StatusFilter::Lost,
                ..Default::default()
            }),
            vec![7]
        );
        assert_eq!(
            f(OpportunityFilter {
                status: StatusFilter::Closed,
                ..Default::default()
            }),
            vec![7, 3]
        );
        for st in StatusFilter::ALL {
            assert_eq!(StatusFilter::parse(st.as_str()), Some(st));
        }
        assert_eq!(StatusFilter::parse(" OPEN "), Some(StatusFilter::Open));
    }

    #[test]
    fn list_sorts() {
        use OpportunitySortKey::*;
        let (all, cs) = sample();
        let any = OpportunityFilter::default();
        let run = |k, dir| list(&all, &cs, "", &any, k, dir);
        // Money: yuan first (the default currency), then dollars, each by amount.
        assert_eq!(run(Amount, SortDir::Desc), vec![1, 3, 2, 7, 4]);
        assert_eq!(run(Amount, SortDir::Asc), vec![7, 2, 3, 1, 4]);
        // Weighted: 640k, 300k (won), 120k, 0 (lost); then $100k at 10%.
        assert_eq!(run(Weighted, SortDir::Desc), vec![1, 3, 2, 7, 4]);
        assert_eq!(run(Probability, SortDir::Desc), vec![3, 1, 2, 4, 7]);
        // Close dates: undated last both ways (the orphan's lost without a date, the USD one).
        assert_eq!(run(CloseDate, SortDir::Asc), vec![3, 1, 2, 4, 7]);
        assert_eq!(run(CloseDate, SortDir::Desc), vec![2, 1, 3, 4, 7]);
        assert_eq!(run(Updated, SortDir::Desc), vec![2, 3, 1, 7, 4]);
        assert_eq!(run(Stage, SortDir::Asc), vec![4, 2, 1, 3, 7]);
        // Customer: Acme, 北京星辰, then the orphan without a name.
        assert_eq!(run(Customer, SortDir::Asc), vec![2, 4, 1, 3, 7]);
        assert_eq!(run(Customer, SortDir::Desc), vec![1, 3, 2, 4, 7]);
        for k in OpportunitySortKey::ALL {
            assert_eq!(OpportunitySortKey::parse(k.as_str()), Some(k));
        }
        assert_eq!(Amount.default_dir(), SortDir::Desc);
        assert_eq!(CloseDate.default_dir(), SortDir::Asc);
        assert!(opportunity_matches(&all[0], "北京星辰", "erp 星辰"));
    }

    #[test]
    fn facets_for_the_filter_bar() {
        let (all, _) = sample();
        let f = opportunity_facets(&all, &Settings::default());
        assert_eq!(f.owners, vec!["李雷", "韩梅梅"]);
        assert_eq!(f.sources, vec!["展会"]);
        let months: Vec<String> = f.months.iter().map(|m| m.to_string()).collect();
        assert_eq!(months, ["2026-03", "2026-04"]);
    }
}
