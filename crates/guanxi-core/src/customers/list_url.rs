//! The customer list's search and filters as they travel in its URL
//! (`/customers?q=星辰&industry=软件&stage=growth`), read back into a [`CustomerSelection`].
//!
//! One reading for the list page and for saved segments, which store exactly this query: a
//! segment selects what the list would show for it, never a second interpretation. The
//! parameter names and values are part of bookmarked links and stored segments, so they never
//! change once shipped.

use crate::customers::query::{ArchivedFilter, CustomerFilter};
use crate::model::records::{Lifecycle, SizeBand, ValueClass};

/// The search parameter.
pub const SEARCH_PARAM: &str = "q";

/// Filter parameter names; short, since they show in the address bar.
pub const FILTER_PARAMS: [&str; 9] = [
    "industry", "size", "region", "source", "stage", "class", "owner", "tag", "archived",
];

/// The URL value of a size band (`medium`).
pub fn size_tag(s: SizeBand) -> String {
    format!("{s:?}").to_lowercase()
}

/// The URL value of a lifecycle stage (`growth`).
pub fn stage_tag(s: Lifecycle) -> String {
    format!("{s:?}").to_lowercase()
}

/// The URL value of a value class (`A`).
pub fn class_tag(c: ValueClass) -> String {
    format!("{c:?}")
}

/// What the customer list shows before sorting and paging: a search and a filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerSelection {
    pub search: String,
    pub filter: CustomerFilter,
}

impl CustomerFilter {
    /// The filter named by the parameters `get` returns (absent, blank or unknown values
    /// mean "any", and an unknown archive value the default, active customers).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |k: &str| get(k).filter(|s| !s.trim().is_empty());
        CustomerFilter {
            industry: text("industry"),
            size: text("size").and_then(|t| SizeBand::ALL.into_iter().find(|s| size_tag(*s) == t)),
            region: text("region"),
            source: text("source"),
            lifecycle: text("stage")
                .and_then(|t| Lifecycle::ALL.into_iter().find(|s| stage_tag(*s) == t)),
            value_class: text("class")
                .and_then(|t| ValueClass::ALL.into_iter().find(|c| class_tag(*c) == t)),
            owner: text("owner"),
            tag: text("tag"),
            archived: text("archived")
                .and_then(|t| ArchivedFilter::parse(&t))
                .unwrap_or_default(),
        }
    }

    /// The parameters that write this filter, in [`FILTER_PARAMS`] order, leaving out those
    /// that mean "any" (and the default archive setting).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_string();
        let archived = match self.archived {
            ArchivedFilter::Active => String::new(),
            other => other.as_str().to_string(),
        };
        let values = [
            text(&self.industry),
            self.size.map(size_tag).unwrap_or_default(),
            text(&self.region),
            text(&self.source),
            self.lifecycle.map(stage_tag).unwrap_or_default(),
            self.value_class.map(class_tag).unwrap_or_default(),
            text(&self.owner),
            text(&self.tag),
            archived,
        ];
        FILTER_PARAMS
            .into_iter()
            .zip(values)
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }
}

impl CustomerSelection {
    /// Reads a query string (with or without its leading `?`); parameters other than the
    /// search and the filters (sort, page) are ignored.
    pub fn parse(query: &str) -> Self {
        let pairs: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        // The first value of a repeated parameter wins, as in the router's query map.
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        CustomerSelection {
            search: get(SEARCH_PARAM).unwrap_or_default().trim().to_string(),
            filter: CustomerFilter::from_params(get),
        }
    }

    /// The canonical query string (no `?`): the search first, then the filters in
    /// [`FILTER_PARAMS`] order, so two spellings of one selection compare equal.
    pub fn to_query(&self) -> String {
        let search = self.search.trim();
        let mut params: Vec<(&str, String)> = Vec::new();
        if !search.is_empty() {
            params.push((SEARCH_PARAM, search.to_string()));
        }
        params.extend(self.filter.params());
        params
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Whether nothing narrows the list (every active customer is selected).
    pub fn is_everything(&self) -> bool {
        self.to_query().is_empty()
    }
}

/// Percent-encodes like JavaScript's `encodeURIComponent`, which is what the browser's router
/// writes, so a stored query reads the same as the address bar.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reverses [`encode`], also reading `+` as a space (form encoding). A broken escape is kept
/// as written rather than dropped; invalid UTF-8 becomes U+FFFD.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(&h), Some(&l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() => {
                    let digit = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
                    out.push(digit(h) * 16 + digit(l));
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_round_trips_through_its_query() {
        let selection = CustomerSelection {
            search: "星辰 科技".into(),
            filter: CustomerFilter {
                industry: Some("软件 & 服务".into()),
                size: Some(SizeBand::Medium),
                region: Some("上海".into()),
                source: Some("a=b+c".into()),
                lifecycle: Some(Lifecycle::Growth),
                value_class: Some(ValueClass::A),
                owner: Some("李雷".into()),
                tag: Some("VIP%".into()),
                archived: ArchivedFilter::All,
            },
        };
        let query = selection.to_query();
        assert!(query.starts_with("q=%E6%98%9F%E8%BE%B0%20"), "{query}");
        assert!(query.contains("&size=medium&") && query.ends_with("&archived=all"));
        assert_eq!(CustomerSelection::parse(&query), selection);
        assert_eq!(CustomerSelection::parse(&format!("?{query}")), selection);
    }

    #[test]
    fn reads_what_the_address_bar_holds() {
        let s = CustomerSelection::parse(
            "?sort=name&industry=%E8%BD%AF%E4%BB%B6&q=alpha+beta&page=3&class=B&stage=nope&size=&tag=x&tag=y",
        );
        assert_eq!(s.search, "alpha beta");
        assert_eq!(s.filter.industry.as_deref(), Some("软件"));
        assert_eq!(s.filter.value_class, Some(ValueClass::B));
        assert_eq!(s.filter.lifecycle, None, "an unknown stage means any");
        assert_eq!(s.filter.size, None);
        assert_eq!(s.filter.tag.as_deref(), Some("x"), "the first value wins");
        assert_eq!(s.filter.archived, ArchivedFilter::Active);
        assert_eq!(
            s.to_query(),
            "q=alpha%20beta&industry=%E8%BD%AF%E4%BB%B6&class=B&tag=x",
            "canonical: sort and page dropped, fixed order"
        );
        // Broken escapes are kept as text, not lost.
        assert_eq!(CustomerSelection::parse("q=100%&tag=%zz%4").search, "100%");
        assert_eq!(
            CustomerSelection::parse("tag=%zz%4").filter.tag.as_deref(),
            Some("%zz%4")
        );
    }

    #[test]
    fn blank_values_and_the_default_archive_setting_select_everything() {
        assert!(CustomerSelection::parse("").is_everything());
        assert!(
            CustomerSelection::parse("?q=+&industry=&archived=active&sort=name").is_everything()
        );
        assert!(!CustomerSelection::parse("archived=archived").is_everything());
        assert!(!CustomerSelection::parse("q=x").is_everything());
    }
}
