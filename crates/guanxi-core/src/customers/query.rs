//! Queries over loaded records: search, filters, sorting, facets.
//!
//! The whole customer list is in memory (a CRM for a small team holds thousands, not
//! millions), so filtering and sorting happen here rather than in IndexedDB indexes, which
//! could only sort by one stored field and not by derived values such as completeness.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use crate::customers::completeness::completeness;
use crate::model::ids::Id;
use crate::model::records::{Contact, Customer, Lifecycle, SizeBand, ValueClass};
use crate::model::url_enum::url_enum;
use crate::model::validate::{fold_width, fold_width_char};
use crate::search::{pinyin, query_terms, CustomerScan, RecordText, SearchIndex};

/// Lower-cases for matching; CJK has no case, so this only folds Latin (and other cased) text.
pub fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// The key two spellings of a facet value share: trimmed, full-width folded and lower-cased,
/// so "VIP", "vip " and "ＶＩＰ" filter and group as one value.
pub fn facet_key(s: &str) -> String {
    fold(fold_width(s).trim())
}

/// Whether `value` has the [`facet_key`] `key`, without allocating (it runs once per customer
/// and filter on every keystroke).
fn has_key(value: &str, key: &str) -> bool {
    value
        .trim()
        .chars()
        .map(fold_width_char)
        .flat_map(char::to_lowercase)
        .eq(key.chars())
}

/// Whether a customer matches a search: every whitespace-separated term must appear in one of
/// name, company, phones, e-mails, tags or notes, or in the pinyin of the name or company
/// (see [`crate::search::index`]). Phone terms also match ignoring spaces and dashes, so
/// "13800138000" finds "138 0013 8000".
pub fn customer_matches(customer: &Customer, query: &str) -> bool {
    Terms::new(query).matches(customer, None)
}

/// A search query split and folded once, then matched against many customers.
struct Terms(Vec<String>);

impl Terms {
    fn new(query: &str) -> Self {
        Terms(query_terms(query))
    }

    /// Matches through the index's entry for the customer when it has an up-to-date one,
    /// else works the customer's text out on the spot.
    fn matches(&self, customer: &Customer, index: Option<&SearchIndex>) -> bool {
        if self.0.is_empty() {
            return true;
        }
        match index {
            Some(index) => index.matches(customer, &self.0),
            None => RecordText::of(customer).matches(&self.0),
        }
    }
}

/// Customers not in the trash that match `query`, most recently updated first.
pub fn search_customers<'a>(customers: &'a [Customer], query: &str) -> Vec<&'a Customer> {
    search_customers_indexed(customers, None, query)
}

/// [`search_customers`] through a [`SearchIndex`] kept up to date by the caller.
pub fn search_customers_indexed<'a>(
    customers: &'a [Customer],
    index: Option<&SearchIndex>,
    query: &str,
) -> Vec<&'a Customer> {
    let terms = Terms::new(query);
    let mut found: Vec<&Customer> = customers
        .iter()
        .filter(|c| c.deleted_at.is_none() && terms.matches(c, index))
        .collect();
    found.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.name.cmp(&b.name)));
    found
}

url_enum! {
    /// Which customers the list shows by their archive flag. Archived customers are kept for the
    /// record but hidden by default, since they are no longer being worked.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub enum ArchivedFilter {
        #[default]
        Active = "active",
        Archived = "archived",
        All = "all",
    }
}

impl ArchivedFilter {
    fn admits(self, archived: bool) -> bool {
        match self {
            ArchivedFilter::Active => !archived,
            ArchivedFilter::Archived => archived,
            ArchivedFilter::All => true,
        }
    }
}

/// The list's filter bar. `None` means "any". A text filter that is blank after trimming also
/// means "any", because a `<select>`'s empty option and an empty URL parameter both arrive as
/// `Some("")` and must not suddenly show only customers with that field empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerFilter {
    pub industry: Option<String>,
    pub size: Option<SizeBand>,
    pub region: Option<String>,
    pub source: Option<String>,
    pub lifecycle: Option<Lifecycle>,
    pub value_class: Option<ValueClass>,
    pub owner: Option<String>,
    pub tag: Option<String>,
    pub archived: ArchivedFilter,
}

/// A filter's text values reduced to their keys once, so matching does not allocate per
/// customer.
struct FilterKeys<'f> {
    filter: &'f CustomerFilter,
    industry: Option<String>,
    region: Option<String>,
    source: Option<String>,
    owner: Option<String>,
    tag: Option<String>,
}

impl<'f> FilterKeys<'f> {
    fn new(filter: &'f CustomerFilter) -> Self {
        let key = |v: &Option<String>| {
            v.as_deref()
                .map(facet_key)
                .filter(|k: &String| !k.is_empty())
        };
        FilterKeys {
            filter,
            industry: key(&filter.industry),
            region: key(&filter.region),
            source: key(&filter.source),
            owner: key(&filter.owner),
            tag: key(&filter.tag),
        }
    }

    fn admits(&self, c: &Customer) -> bool {
        let text =
            |key: &Option<String>, value: &str| key.as_ref().is_none_or(|k| has_key(value, k));
        let f = self.filter;
        f.archived.admits(c.archived)
            && f.size.is_none_or(|s| s == c.size)
            && f.lifecycle.is_none_or(|l| l == c.lifecycle)
            && f.value_class.is_none_or(|v| v == c.value_class)
            && text(&self.industry, &c.industry)
            && text(&self.region, &c.region)
            && text(&self.source, &c.source)
            && text(&self.owner, &c.owner)
            && self
                .tag
                .as_ref()
                .is_none_or(|k| c.tags.iter().any(|t| has_key(t, k)))
    }
}

url_enum! {
    /// The columns the customer list sorts by.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum SortKey {
        Name = "name",
        Industry = "industry",
        Region = "region",
        Lifecycle = "lifecycle",
        ValueClass = "value_class",
        Owner = "owner",
        Updated = "updated",
        Created = "created",
        Completeness = "completeness",
    }
}

impl SortKey {
    /// The direction a first click on the column should sort: dates newest first, everything
    /// else ascending (A before C, least complete profiles first, so the work to do is on top).
    pub fn default_dir(&self) -> SortDir {
        match self {
            SortKey::Updated | SortKey::Created => SortDir::Desc,
            _ => SortDir::Asc,
        }
    }
}

url_enum! {
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub enum SortDir {
        #[default]
        Asc = "asc",
        Desc = "desc",
    }
}

impl SortDir {
    /// The other direction, for a second click on the same column header.
    pub fn toggled(&self) -> SortDir {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }

    fn apply(self, o: Ordering) -> Ordering {
        match self {
            SortDir::Asc => o,
            SortDir::Desc => o.reverse(),
        }
    }
}

/// A sort value computed once per customer, so that comparisons only compare.
enum Primary {
    /// A folded text; empty sorts last in both directions, because a column of blanks on top
    /// hides the rows the user sorted for.
    Text(String),
    Num(i64),
}

struct Row<'a> {
    customer: &'a Customer,
    primary: Primary,
    tie: Tie,
}

/// The tie-breaker for every column: the name, then the id, for a total order.
enum Tie {
    /// The name's sort key (the id is read from the row).
    Name(String),
    /// The place in a [`CustomerScan`]'s name order, which already breaks ties by id.
    Rank(u32),
}

/// Text columns sort by [`facet_key`], Chinese by reading ([`pinyin::sort_key`]).
fn sort_text(s: &str) -> String {
    pinyin::sort_key(&facet_key(s), false)
}

/// The name's sort key: the index's when it has one for this version of the customer.
fn name_key(c: &Customer, index: Option<&SearchIndex>) -> String {
    match index.and_then(|i| i.get(c)) {
        Some(text) => text.name_key().to_string(),
        None => RecordText::of(c).name_key().to_string(),
    }
}

fn compare(a: &Row, b: &Row, dir: SortDir) -> Ordering {
    let primary = match (&a.primary, &b.primary) {
        (Primary::Text(x), Primary::Text(y)) => match (x.is_empty(), y.is_empty()) {
            (true, false) => return Ordering::Greater,
            (false, true) => return Ordering::Less,
            _ => dir.apply(x.cmp(y)),
        },
        (Primary::Num(x), Primary::Num(y)) => dir.apply(x.cmp(y)),
        _ => Ordering::Equal,
    };
    primary.then_with(|| match (&a.tie, &b.tie) {
        (Tie::Rank(x), Tie::Rank(y)) => x.cmp(y),
        (Tie::Name(x), Tie::Name(y)) => match (x.is_empty(), y.is_empty()) {
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => x.cmp(y),
        }
        .then_with(|| a.customer.id.cmp(&b.customer.id)),
        _ => a.customer.id.cmp(&b.customer.id),
    })
}

/// The customers the list shows for a search and a filter, in stored order: not trashed,
/// matching `query` (see [`customer_matches`]) and `filter`. Saved segments count and export
/// through this too, so a segment always selects what the list shows for it.
pub fn matching_customers<'a>(
    customers: &'a [Customer],
    query: &str,
    filter: &CustomerFilter,
) -> Vec<&'a Customer> {
    matching_customers_indexed(customers, None, query, filter)
}

/// [`matching_customers`] through a [`SearchIndex`] kept up to date by the caller.
pub fn matching_customers_indexed<'a>(
    customers: &'a [Customer],
    index: Option<&SearchIndex>,
    query: &str,
    filter: &CustomerFilter,
) -> Vec<&'a Customer> {
    let keys = FilterKeys::new(filter);
    let terms = Terms::new(query);
    customers
        .iter()
        .filter(|c| c.deleted_at.is_none() && keys.admits(c) && terms.matches(c, index))
        .collect()
}

/// The customer list: not trashed, matching `query` (see [`customer_matches`]) and `filter`,
/// sorted by `key` in `dir`.
///
/// Names sort case- and width-insensitively, Chinese ones by reading ([`pinyin::sort_key`]:
/// 安 before 北京 before 张), ties by id so the order never flickers between renders.
///
/// Sorting by [`SortKey::Completeness`] here counts no contacts, which understates companies;
/// use [`filter_sort_with_contacts`] when contacts are loaded.
pub fn filter_sort<'a>(
    customers: &'a [Customer],
    query: &str,
    filter: &CustomerFilter,
    key: SortKey,
    dir: SortDir,
) -> Vec<&'a Customer> {
    filter_sort_with_contacts(customers, &[], query, filter, key, dir)
}

/// [`filter_sort`] with the contacts that [`SortKey::Completeness`] needs (a company without
/// contacts is incomplete). Trashed contacts do not count.
pub fn filter_sort_with_contacts<'a>(
    customers: &'a [Customer],
    contacts: &[Contact],
    query: &str,
    filter: &CustomerFilter,
    key: SortKey,
    dir: SortDir,
) -> Vec<&'a Customer> {
    let list = CustomerQuery {
        query,
        filter,
        key,
        dir,
    };
    filter_sort_indexed(customers, contacts, None, list)
}

/// What the customer list asks for: a search, a filter and an order.
#[derive(Clone, Copy, Debug)]
pub struct CustomerQuery<'q> {
    pub query: &'q str,
    pub filter: &'q CustomerFilter,
    pub key: SortKey,
    pub dir: SortDir,
}

/// [`filter_sort_with_contacts`] through a [`SearchIndex`] kept up to date by the caller, so a
/// keystroke neither rebuilds each customer's text nor its name's pinyin.
pub fn filter_sort_indexed<'a>(
    customers: &'a [Customer],
    contacts: &[Contact],
    index: Option<&SearchIndex>,
    list: CustomerQuery<'_>,
) -> Vec<&'a Customer> {
    let matched = matching_customers_indexed(customers, index, list.query, list.filter)
        .into_iter()
        .map(|c| (c, Tie::Name(name_key(c, index))));
    sort_matched(matched, contacts, list.key, list.dir)
}

/// [`filter_sort_indexed`] through a [`CustomerScan`] laid out from these `customers`: the
/// search is a scan of its buffers and the name order is its own, so a keystroke at 100,000
/// customers neither visits each one's index entry nor sorts by name. A scan of another list
/// (not yet brought up to date) is not used.
pub fn filter_sort_scanned<'a>(
    customers: &'a [Customer],
    contacts: &[Contact],
    index: &SearchIndex,
    scan: &CustomerScan,
    list: CustomerQuery<'_>,
) -> Vec<&'a Customer> {
    if scan.len() != customers.len() {
        return filter_sort_indexed(customers, contacts, Some(index), list);
    }
    let keys = FilterKeys::new(list.filter);
    let terms = query_terms(list.query);
    let found = (!terms.is_empty()).then(|| scan.matching(&terms));
    // In stored order: reading the customers in name order would jump about in memory.
    let admitted: Vec<bool> = customers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            found.as_ref().is_none_or(|f| f[i]) && c.deleted_at.is_none() && keys.admits(c)
        })
        .collect();
    let admits = |i: &usize| admitted[*i];
    if list.key == SortKey::Name {
        return scan
            .by_name(list.dir == SortDir::Asc)
            .into_iter()
            .filter(admits)
            .map(|i| &customers[i])
            .collect();
    }
    if let Some(number) = number_key(list.key) {
        // Numbers and ranks only, 16 bytes a row: ranks are unique, so the order is total.
        let mut rows: Vec<(i64, u32)> = (0..customers.len())
            .filter(admits)
            .map(|i| {
                let n = number(&customers[i]);
                // `!n` reverses the order of every i64 without overflow.
                let n = if list.dir == SortDir::Desc { !n } else { n };
                (n, scan.name_rank(i))
            })
            .collect();
        rows.sort_unstable();
        return rows
            .into_iter()
            .map(|(_, rank)| &customers[scan.at_rank(rank)])
            .collect();
    }
    let matched = (0..customers.len())
        .filter(admits)
        .map(|i| (&customers[i], Tie::Rank(scan.name_rank(i))));
    sort_matched(matched, contacts, list.key, list.dir)
}

/// The stored number a column sorts by, for the columns that sort by one.
fn number_key(key: SortKey) -> Option<fn(&Customer) -> i64> {
    match key {
        SortKey::Lifecycle => Some(|c: &Customer| c.lifecycle as i64),
        SortKey::ValueClass => Some(|c: &Customer| c.value_class as i64),
        SortKey::Updated => Some(|c: &Customer| c.updated_at.0),
        SortKey::Created => Some(|c: &Customer| c.created_at.0),
        _ => None,
    }
}

/// Orders the customers a search and filter matched by `key` in `dir`, each with its
/// tie-breaker (by [`SortKey::Name`] only names as [`Tie::Name`]).
fn sort_matched<'a>(
    matched: impl Iterator<Item = (&'a Customer, Tie)>,
    contacts: &[Contact],
    key: SortKey,
    dir: SortDir,
) -> Vec<&'a Customer> {
    let counts: HashMap<Id, usize> = if key == SortKey::Completeness {
        let mut counts = HashMap::new();
        for c in contacts.iter().filter(|c| c.deleted_at.is_none()) {
            *counts.entry(c.customer_id).or_insert(0) += 1;
        }
        counts
    } else {
        HashMap::new()
    };
    let mut rows: Vec<Row> = matched
        .map(|(c, tie)| {
            let primary = match key {
                SortKey::Name => Primary::Num(0),
                SortKey::Industry => Primary::Text(sort_text(&c.industry)),
                SortKey::Region => Primary::Text(sort_text(&c.region)),
                SortKey::Owner => Primary::Text(sort_text(&c.owner)),
                SortKey::Lifecycle | SortKey::ValueClass | SortKey::Updated | SortKey::Created => {
                    Primary::Num(number_key(key).map_or(0, |number| number(c)))
                }
                SortKey::Completeness => Primary::Num(i64::from(
                    completeness(c, counts.get(&c.id).copied().unwrap_or(0)).percent,
                )),
            };
            Row {
                customer: c,
                primary,
                tie,
            }
        })
        .collect();
    if key == SortKey::Name {
        // The name is the primary key: compare it in the chosen direction, ties by id.
        rows.sort_by(|a, b| match (&a.tie, &b.tie) {
            (Tie::Name(x), Tie::Name(y)) => match (x.is_empty(), y.is_empty()) {
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                _ => dir
                    .apply(x.cmp(y))
                    .then_with(|| a.customer.id.cmp(&b.customer.id)),
            },
            // Not given: a scan orders by name itself.
            _ => a.customer.id.cmp(&b.customer.id),
        });
    } else {
        rows.sort_by(|a, b| compare(a, b, dir));
    }
    rows.into_iter().map(|r| r.customer).collect()
}

/// The values the filter bar offers, from the customers not in the trash (archived ones
/// included, so their values can be filtered for).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    pub industries: Vec<String>,
    pub regions: Vec<String>,
    pub sources: Vec<String>,
    pub owners: Vec<String>,
    pub tags: Vec<String>,
}

/// Collects distinct values, merging spellings that share a [`facet_key`] under the first one
/// seen, since the filter matches them all anyway and the list should not offer "VIP" twice.
#[derive(Default)]
struct Distinct {
    seen: HashSet<String>,
    values: Vec<(String, String)>,
}

impl Distinct {
    fn add(&mut self, value: &str) {
        let key = facet_key(value);
        if !key.is_empty() && !self.seen.contains(&key) {
            self.seen.insert(key.clone());
            self.values.push((key, value.trim().to_string()));
        }
    }

    fn sorted(mut self) -> Vec<String> {
        self.values.sort();
        self.values.into_iter().map(|(_, v)| v).collect()
    }
}

/// The filter bar's options: distinct non-blank values, sorted by [`facet_key`]. Computed from
/// the records rather than kept as lists in Settings, so a value typed into one customer is
/// immediately filterable and a value nobody uses any more disappears.
pub fn facets(customers: &[Customer]) -> Facets {
    let mut d: [Distinct; 5] = Default::default();
    for c in customers.iter().filter(|c| c.deleted_at.is_none()) {
        d[0].add(&c.industry);
        d[1].add(&c.region);
        d[2].add(&c.source);
        d[3].add(&c.owner);
        for t in &c.tags {
            d[4].add(t);
        }
    }
    let [industries, regions, sources, owners, tags] = d.map(Distinct::sorted);
    Facets {
        industries,
        regions,
        sources,
        owners,
        tags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::{Id, Timestamp};
    use crate::model::records::{Label, Labeled};

    fn customer(n: u128, name: &str) -> Customer {
        let mut c =
            crate::customers::commands::blank_customer(Id::from_u128(n), Timestamp(n as i64));
        c.name = name.into();
        c
    }

    #[test]
    fn matches_chinese_and_latin_case_insensitively() {
        let mut c = customer(1, "北京星辰科技有限公司");
        c.emails
            .push(Labeled::new(Label::Work, "Sales@XingChen.cn"));
        c.tags.push("VIP".into());
        assert!(customer_matches(&c, "星辰"));
        assert!(customer_matches(&c, "sales@xingchen"));
        assert!(customer_matches(&c, "vip 北京"));
        assert!(!customer_matches(&c, "上海"));
        assert!(!customer_matches(&c, "vip 上海"));
        assert!(customer_matches(&c, "   "));
    }

    #[test]
    fn phone_digits_match_ignoring_separators() {
        let mut c = customer(1, "Li Lei");
        c.phones.push(Labeled::new(Label::Mobile, "138 0013-8000"));
        assert!(customer_matches(&c, "13800138000"));
        assert!(customer_matches(&c, "0013"));
        assert!(!customer_matches(&c, "13900139000"));
    }

    #[test]
    fn search_skips_trashed_and_sorts_newest_first() {
        let a = customer(1, "Alpha");
        let b = customer(2, "Alpha Beta");
        let mut gone = customer(3, "Alpha Gone");
        gone.deleted_at = Some(Timestamp(9));
        let all = vec![a, b, gone];
        let names: Vec<&str> = search_customers(&all, "alpha")
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, vec!["Alpha Beta", "Alpha"]);
    }

    fn names(found: &[&Customer]) -> Vec<String> {
        found.iter().map(|c| c.name.clone()).collect()
    }

    fn sample() -> Vec<Customer> {
        let mut a = customer(1, "beta 贸易");
        a.industry = "软件".into();
        a.region = "Shanghai".into();
        a.source = "展会".into();
        a.owner = "李雷".into();
        a.tags = vec!["VIP".into()];
        a.lifecycle = Lifecycle::Growth;
        a.value_class = ValueClass::A;
        a.size = SizeBand::Medium;
        a.updated_at = Timestamp(30);
        let mut b = customer(2, "Alpha");
        b.industry = " 制造 ".into();
        b.region = "shanghai ".into();
        b.owner = "韩梅梅".into();
        b.tags = vec!["ｖｉｐ".into(), "老客户".into()];
        b.value_class = ValueClass::B;
        b.updated_at = Timestamp(10);
        let mut c = customer(3, "北京星辰");
        c.region = "北京".into();
        c.owner = "李雷".into();
        c.archived = true;
        c.updated_at = Timestamp(20);
        let mut d = customer(4, "alpha");
        d.industry = "软件".into();
        d.updated_at = Timestamp(40);
        let mut gone = customer(5, "Alpha Gone");
        gone.deleted_at = Some(Timestamp(9));
        gone.industry = "回收".into();
        vec![a, b, c, d, gone]
    }

    #[test]
    fn sort_keys_and_dirs_round_trip_through_urls() {
        for k in SortKey::ALL {
            assert_eq!(SortKey::parse(k.as_str()), Some(k));
        }
        assert_eq!(SortKey::parse(" Updated "), Some(SortKey::Updated));
        assert_eq!(SortKey::parse("value_class"), Some(SortKey::ValueClass));
        assert_eq!(SortKey::parse("nope"), None);
        assert_eq!(SortDir::parse("asc"), Some(SortDir::Asc));
        assert_eq!(SortDir::parse("DESC"), Some(SortDir::Desc));
        assert_eq!(SortDir::parse(""), None);
        assert_eq!(SortDir::Asc.toggled(), SortDir::Desc);
        assert_eq!(SortKey::Updated.default_dir(), SortDir::Desc);
        assert_eq!(SortKey::Name.default_dir(), SortDir::Asc);
        for f in ArchivedFilter::ALL {
            assert_eq!(ArchivedFilter::parse(f.as_str()), Some(f));
        }
        assert_eq!(ArchivedFilter::default(), ArchivedFilter::Active);
    }

    #[test]
    fn filter_fields_match_exactly_ignoring_case_width_and_blanks() {
        let all = sample();
        let run =
            |f: CustomerFilter| names(&filter_sort(&all, "", &f, SortKey::Name, SortDir::Asc));
        assert_eq!(
            run(CustomerFilter::default()),
            vec!["Alpha", "alpha", "beta 贸易"]
        );
        let region = CustomerFilter {
            region: Some(" SHANGHAI".into()),
            ..Default::default()
        };
        assert_eq!(run(region), vec!["Alpha", "beta 贸易"]);
        // Exact, not substring.
        let partial = CustomerFilter {
            region: Some("shang".into()),
            ..Default::default()
        };
        assert!(run(partial).is_empty());
        let industry = CustomerFilter {
            industry: Some("制造".into()),
            ..Default::default()
        };
        assert_eq!(run(industry), vec!["Alpha"]);
        // Blank means any.
        let blank = CustomerFilter {
            industry: Some("  ".into()),
            ..Default::default()
        };
        assert_eq!(run(blank).len(), 3);
        let tag = CustomerFilter {
            tag: Some("VIP".into()),
            ..Default::default()
        };
        assert_eq!(run(tag), vec!["Alpha", "beta 贸易"]);
        let owner = CustomerFilter {
            owner: Some("李雷".into()),
            archived: ArchivedFilter::All,
            ..Default::default()
        };
        assert_eq!(run(owner), vec!["北京星辰", "beta 贸易"]);
        let archived = CustomerFilter {
            archived: ArchivedFilter::Archived,
            ..Default::default()
        };
        assert_eq!(run(archived), vec!["北京星辰"]);
        let enums = CustomerFilter {
            size: Some(SizeBand::Medium),
            lifecycle: Some(Lifecycle::Growth),
            value_class: Some(ValueClass::A),
            source: Some("展会".into()),
            ..Default::default()
        };
        assert_eq!(run(enums), vec!["beta 贸易"]);
        let wrong_class = CustomerFilter {
            value_class: Some(ValueClass::C),
            lifecycle: Some(Lifecycle::Growth),
            ..Default::default()
        };
        assert!(run(wrong_class).is_empty());
        // The search query combines with the filter.
        let found = filter_sort(
            &all,
            "alpha",
            &CustomerFilter::default(),
            SortKey::Name,
            SortDir::Asc,
        );
        assert_eq!(names(&found), vec!["Alpha", "alpha"]);
    }

    #[test]
    fn sorting_by_every_key() {
        let all = sample();
        let any = CustomerFilter {
            archived: ArchivedFilter::All,
            ..Default::default()
        };
        let run = |k, d| names(&filter_sort(&all, "", &any, k, d));
        // Name: folded, ties ("alpha"/"Alpha") by id in both directions; Chinese by reading
        // among Latin (北京星辰 is "bei jing…", before "beta").
        assert_eq!(
            run(SortKey::Name, SortDir::Asc),
            vec!["Alpha", "alpha", "北京星辰", "beta 贸易"]
        );
        assert_eq!(
            run(SortKey::Name, SortDir::Desc),
            vec!["beta 贸易", "北京星辰", "Alpha", "alpha"]
        );
        // Text columns: empty last in both directions, ties by name; 软件 (ruan jian) before
        // 制造 (zhi zao), 北京 (bei jing) before shanghai, 韩 (han) before 李 (li).
        assert_eq!(
            run(SortKey::Industry, SortDir::Asc),
            vec!["alpha", "beta 贸易", "Alpha", "北京星辰"]
        );
        assert_eq!(
            run(SortKey::Industry, SortDir::Desc),
            vec!["Alpha", "alpha", "beta 贸易", "北京星辰"]
        );
        assert_eq!(
            run(SortKey::Region, SortDir::Asc),
            vec!["北京星辰", "Alpha", "beta 贸易", "alpha"]
        );
        assert_eq!(
            run(SortKey::Owner, SortDir::Asc),
            vec!["Alpha", "北京星辰", "beta 贸易", "alpha"]
        );
        assert_eq!(
            run(SortKey::Owner, SortDir::Desc),
            vec!["北京星辰", "beta 贸易", "Alpha", "alpha"]
        );
        // Enums in declaration order.
        assert_eq!(
            run(SortKey::ValueClass, SortDir::Asc),
            vec!["beta 贸易", "Alpha", "alpha", "北京星辰"]
        );
        assert_eq!(
            run(SortKey::Lifecycle, SortDir::Desc),
            vec!["beta 贸易", "Alpha", "alpha", "北京星辰"]
        );
        // Timestamps.
        assert_eq!(
            run(SortKey::Updated, SortDir::Desc),
            vec!["alpha", "beta 贸易", "北京星辰", "Alpha"]
        );
        assert_eq!(
            run(SortKey::Created, SortDir::Asc),
            vec!["beta 贸易", "Alpha", "北京星辰", "alpha"]
        );
    }

    #[test]
    fn completeness_sort_counts_contacts_when_given() {
        let mut a = customer(1, "A 有电话");
        a.phones.push(Labeled::new(Label::Work, "010-12345678"));
        let b = customer(2, "B 有联系人");
        let contact =
            crate::customers::commands::blank_contact(Id::from_u128(10), b.id, Timestamp(0));
        let mut trashed =
            crate::customers::commands::blank_contact(Id::from_u128(11), a.id, Timestamp(0));
        trashed.deleted_at = Some(Timestamp(1));
        let all = vec![a, b];
        let f = CustomerFilter::default();
        let without = filter_sort(&all, "", &f, SortKey::Completeness, SortDir::Desc);
        assert_eq!(names(&without), vec!["A 有电话", "B 有联系人"]);
        let contacts = vec![contact, trashed];
        let with = filter_sort_with_contacts(
            &all,
            &contacts,
            "",
            &f,
            SortKey::Completeness,
            SortDir::Desc,
        );
        // Both 10%: the tie goes by name.
        assert_eq!(names(&with), vec!["A 有电话", "B 有联系人"]);
        let asc = filter_sort_with_contacts(
            &all,
            &contacts[..1],
            "",
            &f,
            SortKey::Completeness,
            SortDir::Asc,
        );
        assert_eq!(names(&asc), vec!["A 有电话", "B 有联系人"]);
        let mut all = all;
        all[1].industry = "软件".into();
        let with = filter_sort_with_contacts(
            &all,
            &contacts,
            "",
            &f,
            SortKey::Completeness,
            SortDir::Desc,
        );
        assert_eq!(names(&with), vec!["B 有联系人", "A 有电话"]);
        let without = filter_sort(&all, "", &f, SortKey::Completeness, SortDir::Desc);
        assert_eq!(
            names(&without),
            vec!["A 有电话", "B 有联系人"],
            "B counts 1 field without its contact"
        );
    }

    #[test]
    fn facets_are_distinct_sorted_and_skip_trash() {
        let f = facets(&sample());
        assert_eq!(f.industries, vec!["制造", "软件"]);
        assert_eq!(f.regions, vec!["Shanghai", "北京"], "first spelling kept");
        assert_eq!(f.sources, vec!["展会"]);
        assert_eq!(f.owners, vec!["李雷", "韩梅梅"]);
        assert_eq!(f.tags, vec!["VIP", "老客户"]);
        assert_eq!(facets(&[]), Facets::default());
    }

    #[test]
    fn ten_thousand_demo_customers_filter_and_sort() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let data = crate::demo::generate(
            10_000,
            crate::demo::DemoLang::Zh,
            7,
            today,
            Timestamp(1_772_700_000_000),
        );
        let f = facets(&data.customers);
        assert!(!f.industries.is_empty() && !f.owners.is_empty());
        for key in SortKey::ALL {
            let sorted = filter_sort_with_contacts(
                &data.customers,
                &data.contacts,
                "",
                &CustomerFilter::default(),
                key,
                key.default_dir(),
            );
            let active = data.customers.iter().filter(|c| !c.archived).count();
            assert_eq!(sorted.len(), active);
        }
        let by_name = filter_sort(
            &data.customers,
            "",
            &CustomerFilter::default(),
            SortKey::Name,
            SortDir::Asc,
        );
        assert!(by_name
            .windows(2)
            .all(|w| (name_key(w[0], None), w[0].id) <= (name_key(w[1], None), w[1].id)));
        let filter = CustomerFilter {
            owner: Some(f.owners[0].clone()),
            industry: Some("软件".into()),
            ..Default::default()
        };
        let found = filter_sort(
            &data.customers,
            "科技",
            &filter,
            SortKey::Updated,
            SortDir::Desc,
        );
        assert!(!found.is_empty());
        assert!(found.iter().all(|c| c.owner == f.owners[0]
            && c.industry == "软件"
            && (c.name.contains("科技") || c.company.contains("科技"))));
        assert!(found.windows(2).all(|w| w[0].updated_at >= w[1].updated_at));
    }
}

#[cfg(test)]
mod index_tests {
    use super::*;
    use crate::model::ids::Timestamp;

    /// The list through the index is the list worked out customer by customer, for searches
    /// by Chinese, pinyin, initials and digits, after edits the index was told of.
    #[test]
    fn the_index_lists_what_a_scan_lists() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let mut data = crate::demo::generate(
            1_000,
            crate::demo::DemoLang::Zh,
            7,
            today,
            Timestamp(1_772_700_000_000),
        );
        let mut index = SearchIndex::build(&data.customers);
        for c in data.customers.iter_mut().step_by(7) {
            // A person's surname 曾 reads Zeng (a company's 曾 would read ceng).
            c.name = format!("曾{}", c.name);
            c.kind = crate::model::records::CustomerKind::Person;
            c.rev += 1;
            index.upsert(c);
        }
        let any = CustomerFilter::default();
        let first = data.customers[0].name.clone();
        let initials = crate::search::pinyin::romanize(&first, true)
            .unwrap()
            .initials;
        for query in [
            "zeng", "zhang", "wang l", &initials, "138", "软件", "有限", "", "zzzz",
        ] {
            for key in [SortKey::Name, SortKey::Region] {
                let list = CustomerQuery {
                    query,
                    filter: &any,
                    key,
                    dir: SortDir::Asc,
                };
                let indexed = filter_sort_indexed(&data.customers, &[], Some(&index), list);
                let scanned = filter_sort_indexed(&data.customers, &[], None, list);
                assert_eq!(
                    indexed.iter().map(|c| c.id).collect::<Vec<_>>(),
                    scanned.iter().map(|c| c.id).collect::<Vec<_>>(),
                    "{query}"
                );
                if query == "zeng" {
                    let listed = |c: &&Customer| c.deleted_at.is_none() && !c.archived;
                    let renamed = data.customers.iter().step_by(7).filter(listed).count();
                    assert!(indexed.len() >= renamed, "{} < {renamed}", indexed.len());
                }
            }
        }
    }
}
