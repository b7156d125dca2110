//! The opportunity list: search, the filter bar shared with the board, sorting, and the
//! filter bar's choices.
//!
//! The board, the forecast and the stale flag take the opportunities to count as given, so
//! they all agree with the list once the caller has narrowed them with
//! [`filter_sort_opportunities`]. Opportunities in the trash are always skipped.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use crate::customers::query::{facet_key, fold, SortDir};
use crate::model::ids::Id;
use crate::model::money::currency_of;
use crate::model::records::{Customer, Opportunity, Settings, StageOutcome};
use crate::model::url_enum::url_enum;
use crate::pipeline::forecast::YearMonth;
use crate::pipeline::opportunity::{
    close_date, pipeline_stages, probability_of, stage_of, weighted_value,
};

url_enum! {
    /// Which opportunities the list and board show by outcome.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub enum StatusFilter {
        #[default]
        All = "all",
        Open = "open",
        Won = "won",
        Lost = "lost",
        /// Won or lost.
        Closed = "closed",
    }
}

impl StatusFilter {
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

url_enum! {
    /// The list's sortable columns.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum OpportunitySortKey {
        Title = "title",
        Customer = "customer",
        /// Pipeline order.
        Stage = "stage",
        Amount = "amount",
        Weighted = "weighted",
        Probability = "probability",
        CloseDate = "close",
        Updated = "updated",
    }
}

impl OpportunitySortKey {
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
    use crate::customers::commands::blank_customer;
    use crate::model::ids::Timestamp;
    use crate::pipeline::opportunity::tests::{d, opp, T0, T1};

    fn id(n: u128) -> Id {
        Id::from_u128(n)
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
