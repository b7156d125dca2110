//! Lead lists (线索名单): the business cards of a trade fair or a bought list, as a CSV file or
//! vCards, turned into campaign members. Each lead is matched against the stored customers
//! (name, phone or e-mail, by the rule of the customer form's duplicate warning); a match
//! becomes a member as it is, and only the rest are created, as prospects whose source is the
//! campaign. Leads of one company in the file become contacts of one new customer.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::customers::commands::{create_contact, create_customer};
use crate::customers::duplicates::{normalize_name, DuplicateIndex, MatchReason};
use crate::customers::forms::{ContactForm, CustomerForm};
use crate::io::csv_import::{
    clean_cell, contact_phone_label, guess_mapping, lookup_header, person_name, split_list, Table,
    Target,
};
use crate::io::vcard::{CardKind, VCardContact};
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{Contact, Customer, CustomerKind, Label, Labeled, Lifecycle};
use crate::model::validate::FieldError;
use crate::store::Batch;

/// One business card, whatever file it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lead {
    /// The line (CSV) or card number (vCard), 1-based, for messages.
    pub line: usize,
    pub person: String,
    pub company: String,
    pub title: String,
    pub phones: Vec<Labeled>,
    pub emails: Vec<Labeled>,
}

/// The columns of a lead list, by the customer import's header rule
/// ([`crate::io::csv_import::guess_mapping`]) except that a job title is kept: on a business
/// card the title belongs to the person, who becomes the contact.
pub fn lead_mapping(headers: &[String]) -> Vec<Target> {
    guess_mapping(headers)
        .into_iter()
        .zip(headers)
        .map(|(t, h)| match (t, lookup_header(h)) {
            (Target::Ignore, Some(Target::ContactTitle)) => Target::ContactTitle,
            _ => t,
        })
        .collect()
}

/// The leads of a CSV table whose columns were recognised by the customer import's header
/// rule ([`crate::io::csv_import::guess_mapping`]): a person's name (whole, split, or the
/// contact column), the company, title, phones and e-mails; other columns are not read.
pub fn leads_from_table(table: &Table, mapping: &[Target]) -> Vec<Lead> {
    let mut leads = Vec::new();
    for (i, cells) in table.rows.iter().enumerate() {
        let mut lead = Lead {
            line: table.lines.get(i).copied().unwrap_or(i + 2),
            ..Lead::default()
        };
        let (mut given, mut family) = (Vec::new(), "");
        for (cell, target) in cells.iter().zip(mapping) {
            let cell = clean_cell(cell);
            if cell.is_empty() {
                continue;
            }
            match target {
                Target::Name | Target::ContactName if lead.person.is_empty() => {
                    lead.person = cell.to_string()
                }
                Target::GivenName => given.push(cell),
                Target::FamilyName => family = cell,
                Target::Company if lead.company.is_empty() => lead.company = cell.to_string(),
                Target::ContactTitle if lead.title.is_empty() => lead.title = cell.to_string(),
                Target::Phone | Target::Mobile | Target::ContactPhone => {
                    for p in split_list(cell) {
                        lead.phones.push(Labeled::new(contact_phone_label(p), p));
                    }
                }
                Target::Email | Target::ContactEmail => {
                    for e in split_list(cell) {
                        lead.emails.push(Labeled::new(Label::Work, e));
                    }
                }
                _ => {}
            }
        }
        if lead.person.is_empty() {
            lead.person = person_name(&given, family).unwrap_or_default();
        }
        leads.push(lead);
    }
    leads
}

/// The leads of parsed vCards: persons with their ORG as the company; an organisation's own
/// card is a lead with no person.
pub fn leads_from_vcards(cards: &[VCardContact]) -> Vec<Lead> {
    cards
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind != CardKind::Other)
        .map(|(i, c)| {
            let org_card = c.kind == CardKind::Org;
            Lead {
                line: i + 1,
                person: if org_card {
                    String::new()
                } else {
                    c.name.clone()
                },
                company: if org_card && c.org.trim().is_empty() {
                    c.name.clone()
                } else {
                    c.org.clone()
                },
                title: c.title.clone(),
                phones: c.phones.clone(),
                emails: c.emails.clone(),
            }
        })
        .collect()
}

/// What became of one lead.
#[derive(Clone, Debug, PartialEq)]
pub enum LeadOutcome {
    /// A stored customer, found by these reasons.
    Existing {
        customer: Id,
        reasons: Vec<MatchReason>,
    },
    /// A customer this list creates (the first lead of a company creates it, later ones join).
    New { customer: Id },
    /// Neither a person nor a company name.
    NoName,
    /// A value the customer or contact form refuses (an e-mail without a domain, …).
    Invalid(Vec<FieldError>),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeadPlan {
    /// New customers and contacts, written with the campaign in one transaction.
    pub batch: Batch,
    /// Who joins the campaign, one per customer, in file order.
    pub members: Vec<(Id, Option<Id>)>,
    pub outcomes: Vec<(usize, LeadOutcome)>,
    pub existing: usize,
    pub created: usize,
    pub refused: usize,
}

/// Where the new customers come from, and who looks after them.
pub struct LeadContext<'a> {
    /// The campaign's name, written as the new customers' source.
    pub source: &'a str,
    pub owner: &'a str,
    pub now: Timestamp,
    pub today: NaiveDate,
}

fn values(items: &[Labeled]) -> Vec<String> {
    items.iter().map(|l| l.value.clone()).collect()
}

/// Matches `leads` against `customers` (and their `contacts`) and plans what to create.
pub fn plan_leads(
    leads: &[Lead],
    customers: &[Customer],
    contacts: &[Contact],
    ctx: &LeadContext,
    ids: &mut dyn FnMut() -> Id,
) -> LeadPlan {
    let mut plan = LeadPlan::default();
    // Customers created by earlier leads, by normalised company (or person) name.
    let mut created: Vec<(String, Customer)> = Vec::new();
    // (customer, normalised name) → the first such contact, stored or created by this list.
    let mut known_contacts: HashMap<(Id, String), Id> = HashMap::new();
    for c in contacts.iter().filter(|c| c.deleted_at.is_none()) {
        known_contacts
            .entry((c.customer_id, normalize_name(&c.name)))
            .or_insert(c.id);
    }
    // Looked up, not scanned: a trade fair's thousands of cards against thousands of customers.
    let stored_customers = DuplicateIndex::new(customers);
    let merged: HashSet<Id> = customers
        .iter()
        .filter(|c| c.merged_into.is_some())
        .map(|c| c.id)
        .collect();
    let mut joined: HashSet<Id> = HashSet::new();

    for lead in leads {
        let (person, company) = (lead.person.trim(), lead.company.trim());
        let name = if company.is_empty() { person } else { company };
        if name.is_empty() {
            plan.refused += 1;
            plan.outcomes.push((lead.line, LeadOutcome::NoName));
            continue;
        }
        let key = normalize_name(name);
        let (phones, emails) = (values(&lead.phones), values(&lead.emails));
        let stored = stored_customers
            .find(name, &phones, &emails)
            .into_iter()
            .find(|m| !merged.contains(&m.id));
        let (customer, outcome, fresh) = if let Some(m) = stored {
            let outcome = LeadOutcome::Existing {
                customer: m.id,
                reasons: m.reasons,
            };
            (m.id, outcome, None)
        } else if let Some((_, c)) = created.iter().find(|(k, _)| *k == key) {
            (c.id, LeadOutcome::New { customer: c.id }, None)
        } else {
            let form = CustomerForm {
                name: name.to_string(),
                kind: if company.is_empty() {
                    CustomerKind::Person
                } else {
                    CustomerKind::Company
                },
                source: ctx.source.to_string(),
                owner: ctx.owner.to_string(),
                lifecycle: Lifecycle::Prospect,
                // A person's own numbers belong to the customer when the lead is a person.
                phones: if company.is_empty() {
                    lead.phones.clone()
                } else {
                    Vec::new()
                },
                emails: if company.is_empty() {
                    lead.emails.clone()
                } else {
                    Vec::new()
                },
                ..CustomerForm::default()
            };
            match create_customer(&form, ids(), ctx.now, ctx.today) {
                Ok(c) => (c.id, LeadOutcome::New { customer: c.id }, Some(c)),
                Err(e) => {
                    plan.refused += 1;
                    plan.outcomes.push((lead.line, LeadOutcome::Invalid(e)));
                    continue;
                }
            }
        };
        // The person on the card, as a contact of a company (a person lead is the customer).
        let mut contact = None;
        if !company.is_empty() && !person.is_empty() {
            let pkey = normalize_name(person);
            contact = known_contacts.get(&(customer, pkey.clone())).copied();
            if contact.is_none() {
                let form = ContactForm {
                    customer_id: Some(customer),
                    name: person.to_string(),
                    title: lead.title.clone(),
                    phones: lead.phones.clone(),
                    emails: lead.emails.clone(),
                    ..ContactForm::default()
                };
                match create_contact(&form, ids(), ctx.now, ctx.today) {
                    Ok(p) => {
                        known_contacts.insert((customer, pkey), p.id);
                        contact = Some(p.id);
                        plan.batch = std::mem::take(&mut plan.batch).put(p);
                    }
                    Err(e) => {
                        plan.refused += 1;
                        plan.outcomes.push((lead.line, LeadOutcome::Invalid(e)));
                        continue;
                    }
                }
            }
        }
        if let Some(c) = fresh {
            plan.created += 1;
            created.push((key, c.clone()));
            plan.batch = std::mem::take(&mut plan.batch).put(c);
        } else if matches!(outcome, LeadOutcome::Existing { .. }) {
            plan.existing += 1;
        }
        if joined.insert(customer) {
            plan.members.push((customer, contact));
        }
        plan.outcomes.push((lead.line, outcome));
    }
    plan
}
