//! The customers' search text laid end to end, and their order by name, for the list.
//!
//! At 100,000 customers a keystroke that visits each customer's [`RecordText`] (a map lookup and
//! three strings scattered over the heap) takes tens of milliseconds, and sorting the matches by
//! name as long again. A [`CustomerScan`] holds the same text in three buffers in the customers'
//! order, so a term is one substring search over each buffer, and the name order worked out
//! once, so the list keeps the matches in that order instead of sorting them. It is built from
//! the search index after the customers change (a write, a load), never per keystroke.

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::Customer;

use super::index::{RecordText, SearchIndex};

/// One kind of search text of every customer, end to end. Each customer's part ends with a
/// line break (or is empty), and a term never holds one, so no match spans two customers.
#[derive(Clone, Debug, Default)]
struct Buffer {
    text: String,
    /// Where each customer's part starts, and one past the last part's end.
    starts: Vec<u32>,
}

impl Buffer {
    fn push(&mut self, part: &str) {
        self.text.push_str(part);
        self.starts.push(self.text.len() as u32);
    }

    /// Marks in `found` every customer whose part holds `term`.
    fn mark(&self, term: &str, found: &mut [bool]) {
        let bytes = self.text.as_bytes();
        let mut from = 0;
        let mut customer = 0;
        while let Some(at) = find(&bytes[from..], term.as_bytes()) {
            let at = from + at;
            while self.starts[customer + 1] as usize <= at {
                customer += 1;
            }
            found[customer] = true;
            // The rest of this customer's part cannot add anything.
            from = self.starts[customer + 1] as usize;
        }
    }
}

/// Where `needle` first occurs in `hay`. Its rarest byte is looked for with `memchr` (many
/// bytes at a time), then the whole needle compared there. `memchr`'s own substring search
/// would add 24 KiB to the download for little gain without SIMD.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (offset, &rare) = needle
        .iter()
        .enumerate()
        .min_by_key(|(_, b)| commonness(**b))?;
    let mut from = offset;
    while from < hay.len() {
        let at = from + memchr::memchr(rare, &hay[from..])?;
        let start = at - offset;
        if hay[start..].starts_with(needle) {
            return Some(start);
        }
        from = at + 1;
    }
    None
}

/// How often a byte comes up in the folded text and pinyin searched: letters by their share
/// of pinyin (n, g, a, i… most; f, r, v least), the first bytes of Chinese characters
/// (0xE4–0xE9) more than any, other bytes (digits, the rest of a character) in between.
fn commonness(b: u8) -> u8 {
    const PINYIN: &[u8] = b"ngaiuhezoxjsdlycbmwtqkprfv";
    match b {
        0xE4..=0xE9 => 255,
        b'a'..=b'z' => 200 - PINYIN.iter().position(|p| *p == b).unwrap_or(25) as u8 * 4,
        _ => 100,
    }
}

/// The customers' search text in their stored order, and that order sorted by name.
#[derive(Clone, Debug, Default)]
pub struct CustomerScan {
    text: Buffer,
    digits: Buffer,
    pinyin: Buffer,
    /// Positions in the customers' slice by name key, empty names last, ties by id.
    by_name: Vec<u32>,
    /// How many of `by_name` have a name key (the rest have none).
    named: usize,
    /// For each place in `by_name`, whether its name key differs from the one before.
    new_name: Vec<bool>,
    /// For each customer, its place in `by_name`.
    rank: Vec<u32>,
}

impl CustomerScan {
    /// Lays out `customers` through their entries in `index` (worked out on the spot for any
    /// customer without an up-to-date entry).
    pub fn build(customers: &[Customer], index: &SearchIndex) -> Self {
        let mut scan = CustomerScan {
            text: Buffer::starting(),
            digits: Buffer::starting(),
            pinyin: Buffer::starting(),
            ..Default::default()
        };
        let entries: Vec<Cow<'_, RecordText>> = customers
            .iter()
            .map(|c| match index.get(c) {
                Some(entry) => Cow::Borrowed(entry),
                None => Cow::Owned(RecordText::of(c)),
            })
            .collect();
        let mut keys: Vec<(&str, u32)> = Vec::with_capacity(customers.len());
        for (i, entry) in entries.iter().enumerate() {
            scan.text.push(entry.text());
            scan.digits.push(entry.digits());
            scan.pinyin.push(entry.pinyin());
            keys.push((entry.name_key(), i as u32));
        }
        keys.sort_by(|(a, i), (b, j)| match (a.is_empty(), b.is_empty()) {
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => a
                .cmp(b)
                .then_with(|| customers[*i as usize].id.cmp(&customers[*j as usize].id)),
        });
        scan.named = keys.iter().take_while(|(k, _)| !k.is_empty()).count();
        scan.new_name = (0..keys.len())
            .map(|i| i == 0 || keys[i].0 != keys[i - 1].0)
            .collect();
        scan.by_name = keys.into_iter().map(|(_, i)| i).collect();
        scan.rank = vec![0; scan.by_name.len()];
        for (rank, &at) in scan.by_name.iter().enumerate() {
            scan.rank[at as usize] = rank as u32;
        }
        scan
    }

    /// How many customers this was laid out from.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// The place of the customer at `position` in the name order (ascending, without a name
    /// last, ties by id): the tie-breaker of every other column.
    pub fn name_rank(&self, position: usize) -> u32 {
        self.rank[position]
    }

    /// The position of the customer at `rank` in the name order.
    pub fn at_rank(&self, rank: u32) -> usize {
        self.by_name[rank as usize] as usize
    }

    /// For each customer, whether every term matches it, as [`RecordText::matches`] decides.
    pub fn matching(&self, terms: &[String]) -> Vec<bool> {
        let mut all = vec![true; self.len()];
        let mut found = vec![false; self.len()];
        for term in terms {
            found.fill(false);
            self.text.mark(term, &mut found);
            if term.bytes().all(|b| b.is_ascii_digit()) {
                self.digits.mark(term, &mut found);
            }
            if term.bytes().all(|b| b.is_ascii_lowercase()) {
                self.pinyin.mark(term, &mut found);
            }
            for (a, f) in all.iter_mut().zip(&found) {
                *a &= *f;
            }
        }
        all
    }

    /// Positions in the customers' slice ordered by name, ascending or descending, as
    /// [`crate::customers::query::filter_sort`] orders them: customers without a name last
    /// either way, and customers with the same name by id either way.
    pub fn by_name(&self, ascending: bool) -> Vec<usize> {
        let (named, unnamed) = self.by_name.split_at(self.named);
        let mut order = Vec::with_capacity(self.by_name.len());
        if ascending {
            order.extend(named.iter().map(|p| *p as usize));
        } else {
            // Groups of one name from the last to the first, each in its own (id) order.
            let mut end = named.len();
            while end > 0 {
                let mut start = end - 1;
                while start > 0 && !self.new_name[start] {
                    start -= 1;
                }
                order.extend(named[start..end].iter().map(|p| *p as usize));
                end = start;
            }
        }
        order.extend(unnamed.iter().map(|p| *p as usize));
        order
    }
}

impl Buffer {
    fn starting() -> Self {
        Buffer {
            text: String::new(),
            starts: vec![0],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::tests::{numbers, person as customer, NAMES};
    use crate::search::query_terms;
    use crate::Id;

    /// Random customers and random queries: the scan finds exactly what each customer's own
    /// text matches, whether its entry is in the index, stale or missing.
    #[test]
    fn finds_what_each_record_matches() {
        let names: Vec<&str> = NAMES.into_iter().chain([""]).collect();
        let phones = ["", "138-0013 8000", "139 1234 5678", "+86 21 5555"];
        let queries = [
            "", "z", "zw", "zhang", "wei", "cq", "138", "0013", "8000 13", "a", "abc", "张",
            "火锅", "ac me", "n", "\n", "li na", "2155", "q",
        ];
        let mut next = numbers(0x2545_f491_4f6c_dd1d);
        for round in 0..60 {
            let customers: Vec<Customer> = (0..next(40))
                .map(|i| {
                    customer(
                        u128::from(round * 100 + i as u32),
                        names[next(names.len())],
                        names[next(names.len())],
                        phones[next(phones.len())],
                    )
                })
                .collect();
            let mut index = SearchIndex::build(&customers);
            if let Some(c) = customers.first() {
                // One entry missing, so it is worked out on the spot.
                index.remove(c.id);
            }
            let scan = CustomerScan::build(&customers, &index);
            assert_eq!(scan.len(), customers.len());
            for q in queries {
                let terms = query_terms(q);
                let want: Vec<bool> = customers
                    .iter()
                    .map(|c| RecordText::of(c).matches(&terms))
                    .collect();
                assert_eq!(scan.matching(&terms), want, "{q:?}");
            }
        }
    }

    /// The list through the scan is the list through the index: every sort key and direction,
    /// a filter, trashed customers, ties in the sort key.
    #[test]
    fn the_scanned_list_is_the_indexed_list() {
        use crate::customers::query::{
            filter_sort_indexed, filter_sort_scanned, CustomerFilter, CustomerQuery, SortDir,
            SortKey,
        };
        let names = ["张伟", "曾丽", "王芳", "Acme", "", "李娜", "单强", "安娜"];
        let industries = ["软件", "零售", ""];
        let customers: Vec<Customer> = (0..200u32)
            .map(|i| {
                let n = i as usize;
                let mut c = customer(
                    u128::from(i * 7919 % 1000),
                    names[n % names.len()],
                    names[n * 3 % names.len()],
                    if n % 4 == 0 { "138 0013 8000" } else { "" },
                );
                c.industry = industries[n % 3].into();
                c.updated_at.0 = i64::from(i % 17);
                if n % 11 == 0 {
                    c.deleted_at = Some(c.updated_at);
                }
                c
            })
            .collect();
        let index = SearchIndex::build(&customers);
        let scan = CustomerScan::build(&customers, &index);
        let software = CustomerFilter {
            industry: Some("软件".into()),
            ..Default::default()
        };
        for filter in [CustomerFilter::default(), software] {
            for query in ["", "z", "138", "安", "an na", "zz"] {
                for key in SortKey::ALL {
                    for dir in SortDir::ALL {
                        let list = CustomerQuery {
                            query,
                            filter: &filter,
                            key,
                            dir,
                        };
                        let ids = |v: Vec<&Customer>| v.iter().map(|c| c.id).collect::<Vec<_>>();
                        let want = ids(filter_sort_indexed(&customers, &[], Some(&index), list));
                        let got = ids(filter_sort_scanned(&customers, &[], &index, &scan, list));
                        assert_eq!(got, want, "{query:?} {key:?} {dir:?}");
                    }
                }
            }
        }
        // A scan of another list is not used.
        let fewer = &customers[..150];
        let list = CustomerQuery {
            query: "z",
            filter: &CustomerFilter::default(),
            key: SortKey::Name,
            dir: SortDir::Asc,
        };
        assert_eq!(
            filter_sort_scanned(fewer, &[], &index, &scan, list),
            filter_sort_indexed(fewer, &[], Some(&index), list)
        );
    }

    #[test]
    fn finds_a_needle_anywhere() {
        for (hay, needle, at) in [
            ("abcabd", "abd", Some(3)),
            ("abd", "abd", Some(0)),
            ("ab", "abd", None),
            ("dddd", "d", Some(0)),
            ("重庆火锅", "火锅", Some(6)),
            ("xyz", "", None),
            ("zhanzhang", "zhang", Some(4)),
            ("aav", "av", Some(1)),
            ("", "a", None),
        ] {
            assert_eq!(
                find(hay.as_bytes(), needle.as_bytes()),
                at,
                "{hay} {needle}"
            );
        }
    }

    #[test]
    fn orders_by_pinyin_with_unnamed_last_both_ways() {
        let customers = vec![
            customer(1, "张伟", "", ""),
            customer(2, "", "", ""),
            customer(3, "安娜", "", ""),
            customer(4, "北京", "", ""),
            customer(5, "", "", ""),
            customer(6, "安娜", "", ""),
        ];
        let scan = CustomerScan::build(&customers, &SearchIndex::build(&customers));
        let order = |asc| {
            scan.by_name(asc)
                .into_iter()
                .map(|i| customers[i].id)
                .collect::<Vec<_>>()
        };
        let ids = |ns: [u128; 6]| ns.map(Id::from_u128).to_vec();
        assert_eq!(order(true), ids([3, 6, 4, 1, 2, 5]));
        assert_eq!(order(false), ids([1, 4, 3, 6, 2, 5]));
    }
}
