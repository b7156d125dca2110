//! What every analysis counts: records not in the trash, customers not merged into another,
//! deals of such customers, and money in the default currency only (there is no exchange rate,
//! so a deal in another currency is left out and listed, never converted).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::ids::Id;
use crate::model::money::currency_of;
use crate::model::records::{Customer, Opportunity, Settings, DEFAULT_CURRENCY};

/// A customer that counts: not in the trash and not a husk left by a merge.
pub fn counts_customer(c: &Customer) -> bool {
    c.deleted_at.is_none() && c.merged_into.is_none()
}

/// The customers that count, by id.
pub fn live_customers(customers: &[Customer]) -> HashMap<Id, &Customer> {
    customers
        .iter()
        .filter(|c| counts_customer(c))
        .map(|c| (c.id, c))
        .collect()
}

/// The deals that count: not in the trash, and belonging to a customer that counts (a deal of
/// a trashed or merged-away customer would otherwise be counted with nobody to show it under).
pub fn live_deals<'a>(
    opportunities: &'a [Opportunity],
    customers: &HashMap<Id, &Customer>,
) -> Vec<&'a Opportunity> {
    opportunities
        .iter()
        .filter(|o| o.deleted_at.is_none() && customers.contains_key(&o.customer_id))
        .collect()
}

/// The default currency of the settings, upper case.
pub fn default_currency(settings: &Settings) -> String {
    let own = settings.currency.trim();
    if own.is_empty() {
        DEFAULT_CURRENCY.to_string()
    } else {
        own.to_ascii_uppercase()
    }
}

/// A deal whose amount was not added because it is in another currency; the screen says
/// "3 deals in USD not counted".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOutDeal {
    pub opportunity: Id,
    pub customer: Id,
    pub currency: String,
    pub amount: i64,
}

impl LeftOutDeal {
    /// `Some` when `o` is not in `currency` (the default currency, upper case).
    pub fn check(o: &Opportunity, settings: &Settings, currency: &str) -> Option<LeftOutDeal> {
        let own = currency_of(o, settings);
        (own != currency).then_some(LeftOutDeal {
            opportunity: o.id,
            customer: o.customer_id,
            currency: own,
            amount: o.amount,
        })
    }
}

/// The calendar day a deal was created (UTC, as the rest of the crate reads timestamps).
pub fn created_on(o: &Opportunity) -> NaiveDate {
    o.created_at.to_datetime().date_naive()
}
