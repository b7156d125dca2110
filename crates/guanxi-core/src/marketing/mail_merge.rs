//! A campaign's members for a mail merge (one CSV row per member, addressed to its contact)
//! or an address book (vCard), leaving out whoever may not be contacted: members who answered
//! by opting out, and anyone [`marketing_reachable`] refuses for the campaign's channel.

use std::collections::{HashMap, HashSet};

use crate::io::csv_export::neutralize_formula;
use crate::io::vcard::export_vcards;
use crate::marketing::campaign::{Campaign, Response};
use crate::marketing::opt_out::marketing_reachable;
use crate::marketing::roi::MemberRow;
use crate::model::ids::Id;
use crate::model::records::{Contact, Customer};

/// A file and what went into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeFile {
    pub text: String,
    pub written: usize,
    /// Members (CSV) or contacts (vCard) left out for an opt-out.
    pub left_out: usize,
}

/// The members still reachable, in member order, with the opt-outs counted.
fn reachable<'a>(
    campaign: &Campaign,
    rows: &[MemberRow],
    customers: &'a [Customer],
    contacts: &'a [Contact],
) -> (crate::marketing::opt_out::Reachable<'a>, Vec<Id>) {
    let by_id: HashMap<Id, &Customer> = customers.iter().map(|c| (c.id, c)).collect();
    let mut answered_no = Vec::new();
    let mut selected = Vec::new();
    for r in rows {
        if r.response == Response::OptedOut {
            answered_no.push(r.customer);
        } else if let Some(c) = by_id.get(&r.customer) {
            selected.push(*c);
        }
    }
    (
        marketing_reachable(&selected, contacts, campaign.kind.channel()),
        answered_no,
    )
}

/// `own`, or `fallback` when `own` is blank: a contact without a number is reached through the
/// customer's.
fn either(own: String, fallback: String) -> String {
    if own.trim().is_empty() {
        fallback
    } else {
        own
    }
}

fn cell(s: &str) -> String {
    let s = neutralize_formula(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// One row per reachable member: customer, the person to address (the member's contact if
/// reachable, else the customer's first reachable contact), title, phone, e-mail, address.
pub fn members_csv(
    campaign: &Campaign,
    rows: &[MemberRow],
    customers: &[Customer],
    contacts: &[Contact],
    zh: bool,
) -> MergeFile {
    let (reach, answered_no) = reachable(campaign, rows, customers, contacts);
    let header = if zh {
        "客户,联系人,职位,电话,邮箱,地址"
    } else {
        "Customer,Contact,Title,Phone,E-mail,Address"
    };
    let mut text = format!("{header}\r\n");
    let wanted: HashMap<Id, Option<Id>> = rows.iter().map(|r| (r.customer, r.contact)).collect();
    // Each customer's reachable contacts, in order, grouped once rather than searched per row.
    let mut contacts_of: HashMap<Id, Vec<&Contact>> = HashMap::new();
    for p in &reach.contacts {
        contacts_of.entry(p.customer_id).or_default().push(p);
    }
    for c in &reach.customers {
        let theirs = contacts_of.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
        let person = wanted
            .get(&c.id)
            .copied()
            .flatten()
            .and_then(|id| theirs.iter().find(|p| p.id == id))
            .or(theirs.first())
            .copied();
        let first = |items: &[crate::model::records::Labeled]| {
            items.first().map(|l| l.value.clone()).unwrap_or_default()
        };
        let (name, title, phone, email) = match person {
            Some(p) => (
                p.name.clone(),
                p.title.clone(),
                either(first(&p.phones), first(&c.phones)),
                either(first(&p.emails), first(&c.emails)),
            ),
            None => (
                String::new(),
                String::new(),
                first(&c.phones),
                first(&c.emails),
            ),
        };
        let line = [&c.name, &name, &title, &phone, &email, &c.address]
            .iter()
            .map(|s| cell(s))
            .collect::<Vec<_>>()
            .join(",");
        text.push_str(&line);
        text.push_str("\r\n");
    }
    MergeFile {
        written: reach.customers.len(),
        left_out: reach.customers_left_out + answered_no.len(),
        text,
    }
}

/// The reachable contacts of the reachable members, as vCards.
pub fn members_vcard(
    campaign: &Campaign,
    rows: &[MemberRow],
    customers: &[Customer],
    contacts: &[Contact],
) -> MergeFile {
    let (reach, answered_no) = reachable(campaign, rows, customers, contacts);
    let answered_no: HashSet<Id> = answered_no.into_iter().collect();
    let theirs = contacts
        .iter()
        .filter(|p| p.deleted_at.is_none() && answered_no.contains(&p.customer_id))
        .count();
    MergeFile {
        written: reach.contacts.len(),
        left_out: reach.contacts_left_out + theirs,
        text: export_vcards(reach.contacts.iter().copied(), customers),
    }
}
