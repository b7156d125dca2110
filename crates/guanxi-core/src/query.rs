//! Queries over loaded records: search, filters, sorting.

use crate::records::Customer;

/// Lower-cases for matching; CJK has no case, so this only folds Latin (and other cased) text.
pub fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// Whether a customer matches a search: every whitespace-separated term must appear in one of
/// name, company, phones, e-mails, tags or notes. Phone terms also match ignoring spaces and
/// dashes, so "13800138000" finds "138 0013 8000".
pub fn customer_matches(customer: &Customer, query: &str) -> bool {
    let terms: Vec<String> = query.split_whitespace().map(fold).collect();
    if terms.is_empty() {
        return true;
    }
    let mut haystack = String::new();
    for part in [&customer.name, &customer.company, &customer.notes] {
        haystack.push_str(&fold(part));
        haystack.push('\n');
    }
    for tag in &customer.tags {
        haystack.push_str(&fold(tag));
        haystack.push('\n');
    }
    for item in customer.phones.iter().chain(customer.emails.iter()) {
        haystack.push_str(&fold(&item.value));
        haystack.push('\n');
    }
    let digits: String = customer
        .phones
        .iter()
        .map(|p| {
            let mut d: String = p.value.chars().filter(char::is_ascii_digit).collect();
            d.push('\n');
            d
        })
        .collect();
    terms.iter().all(|t| {
        haystack.contains(t.as_str())
            || (t.chars().all(|c| c.is_ascii_digit()) && digits.contains(t.as_str()))
    })
}

/// Customers not in the trash that match `query`, most recently updated first.
pub fn search_customers<'a>(customers: &'a [Customer], query: &str) -> Vec<&'a Customer> {
    let mut found: Vec<&Customer> = customers
        .iter()
        .filter(|c| c.deleted_at.is_none() && customer_matches(c, query))
        .collect();
    found.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.name.cmp(&b.name)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{Id, Timestamp};
    use crate::records::{Label, Labeled};

    fn customer(n: u128, name: &str) -> Customer {
        Customer {
            id: Id::from_u128(n),
            created_at: Timestamp(n as i64),
            updated_at: Timestamp(n as i64),
            deleted_at: None,
            rev: 1,
            name: name.into(),
            kind: Default::default(),
            company: String::new(),
            industry: String::new(),
            size: Default::default(),
            region: String::new(),
            source: String::new(),
            tags: vec![],
            lifecycle: Default::default(),
            value_class: Default::default(),
            owner: String::new(),
            phones: vec![],
            emails: vec![],
            address: String::new(),
            birthday: None,
            notes: String::new(),
            archived: false,
        }
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
}
