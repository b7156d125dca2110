//! Do-not-contact for marketing. A customer or a contact person can opt out, on a date and for
//! one channel or all of them; every campaign and every export meant for marketing leaves them
//! out through [`marketing_reachable`] and says how many it left out.
//!
//! An opt-out of the customer covers its contact persons too (a company that wants no
//! marketing wants none sent to its staff); an opt-out of one contact leaves the customer and
//! its other contacts reachable.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::ids::Id;
use crate::model::records::{Contact, Customer};
use crate::model::validate::{self, Field, Problem, SHORT_MAX};

/// The way marketing would reach someone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptOutChannel {
    /// Every channel. The default: "do not contact me" usually means all of them.
    #[default]
    All,
    Phone,
    Email,
    /// Text messages: SMS and WeChat.
    Message,
    /// Letters and parcels by post.
    Mail,
}

impl OptOutChannel {
    pub const ALL: [OptOutChannel; 5] = [
        OptOutChannel::All,
        OptOutChannel::Phone,
        OptOutChannel::Email,
        OptOutChannel::Message,
        OptOutChannel::Mail,
    ];
}

/// A do-not-contact request: since when, for which channel, and optionally how it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptOut {
    pub on: NaiveDate,
    #[serde(default)]
    pub channel: OptOutChannel,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OptOut {
    /// Whether this opt-out rules out marketing through `channel`. [`OptOutChannel::All`] as
    /// the channel asked about stands for a use not tied to one channel (an export), which
    /// every opt-out rules out.
    pub fn forbids(&self, channel: OptOutChannel) -> bool {
        self.channel == OptOutChannel::All
            || channel == OptOutChannel::All
            || self.channel == channel
    }

    /// The two opt-outs of one person as one, for a merge: the earlier date, the channel if
    /// both name the same one and every channel otherwise (contacting someone through a
    /// channel they refused is worse than missing them), both notes kept.
    pub fn combine(a: Option<&OptOut>, b: Option<&OptOut>) -> Option<OptOut> {
        match (a, b) {
            (None, None) => None,
            (Some(x), None) | (None, Some(x)) => Some(x.clone()),
            (Some(a), Some(b)) => Some(OptOut {
                on: a.on.min(b.on),
                channel: if a.channel == b.channel {
                    a.channel
                } else {
                    OptOutChannel::All
                },
                note: match (a.note.trim(), b.note.trim()) {
                    (x, "") | ("", x) => x.to_string(),
                    (x, y) if x == y => x.to_string(),
                    (x, y) => format!("{x}; {y}"),
                },
            }),
        }
    }
}

/// The opt-out part of the customer and contact forms, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OptOutForm {
    /// The toggle; off means "may be contacted", whatever the other fields hold.
    pub active: bool,
    /// As typed; see [`validate::date`]. The UI fills in today when the toggle is turned on.
    pub on: String,
    pub channel: OptOutChannel,
    pub note: String,
}

impl OptOutForm {
    pub fn from_record(r: Option<&OptOut>) -> Self {
        match r {
            None => OptOutForm::default(),
            Some(o) => OptOutForm {
                active: true,
                on: o.on.format("%Y-%m-%d").to_string(),
                channel: o.channel,
                note: o.note.clone(),
            },
        }
    }

    /// The opt-out the form describes, or the problem with its date or note: a date is
    /// required, and cannot be after `today` (a request not yet made is no request).
    pub fn parse(&self, today: NaiveDate) -> Result<Option<OptOut>, (Field, Problem)> {
        if !self.active {
            return Ok(None);
        }
        let on = match validate::date(&self.on) {
            Ok(Some(d)) if d > today => return Err((Field::OptOutDate, Problem::DateInFuture)),
            Ok(Some(d)) => d,
            Ok(None) => return Err((Field::OptOutDate, Problem::Required)),
            Err(p) => return Err((Field::OptOutDate, p)),
        };
        let note = validate::text(&self.note, SHORT_MAX)
            .map_err(|p| (Field::OptOutNote, p))?
            .to_string();
        Ok(Some(OptOut {
            on,
            channel: self.channel,
            note,
        }))
    }
}

/// Who marketing through one channel may reach among a selection of customers, and how many
/// it leaves out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reachable<'a> {
    /// The selected customers who have not opted out, in the order given.
    pub customers: Vec<&'a Customer>,
    /// The contacts of those customers who have not opted out, in the order given.
    pub contacts: Vec<&'a Contact>,
    /// Selected customers left out for their own opt-out.
    pub customers_left_out: usize,
    /// Contacts of selected customers left out, for their own opt-out or their customer's.
    pub contacts_left_out: usize,
}

/// Splits `selected` customers (already filtered, e.g. a segment) and the live contacts
/// belonging to them into those marketing through `channel` may reach and counts of those it
/// may not. Trashed contacts and contacts of customers outside the selection are not counted
/// at all: they were never candidates.
pub fn marketing_reachable<'a>(
    selected: &[&'a Customer],
    contacts: &'a [Contact],
    channel: OptOutChannel,
) -> Reachable<'a> {
    split(selected, contacts, |o| {
        o.as_ref().is_some_and(|o| o.forbids(channel))
    })
}

/// The selected customers and their live contacts with nobody left out, for an export that is
/// not for marketing (a backup of a segment, a list for the accountant).
pub fn whole_selection<'a>(selected: &[&'a Customer], contacts: &'a [Contact]) -> Reachable<'a> {
    split(selected, contacts, |_| false)
}

fn split<'a>(
    selected: &[&'a Customer],
    contacts: &'a [Contact],
    refuses: impl Fn(&Option<OptOut>) -> bool,
) -> Reachable<'a> {
    let mut out = Reachable::default();
    let mut chosen: HashSet<Id> = HashSet::new();
    let mut refused: HashSet<Id> = HashSet::new();
    for c in selected {
        if refuses(&c.marketing_opt_out) {
            refused.insert(c.id);
            out.customers_left_out += 1;
        } else {
            chosen.insert(c.id);
            out.customers.push(c);
        }
    }
    for p in contacts.iter().filter(|p| p.deleted_at.is_none()) {
        if chosen.contains(&p.customer_id) && !refuses(&p.marketing_opt_out) {
            out.contacts.push(p);
        } else if chosen.contains(&p.customer_id) || refused.contains(&p.customer_id) {
            out.contacts_left_out += 1;
        }
    }
    out
}

/// The opt-out as one spreadsheet cell: `2026-03-05 邮件` or `2026-03-05 e-mail`, with the
/// note after a colon. [`parse_opt_out_cell`] reads it back in either language.
pub fn opt_out_cell(o: &OptOut, zh: bool) -> String {
    let date = o.on.format("%Y-%m-%d");
    let channel = channel_label(o.channel, zh);
    match o.note.trim() {
        "" => format!("{date} {channel}"),
        note => format!("{date} {channel}: {note}"),
    }
}

/// The word a cell uses for a channel.
pub fn channel_label(c: OptOutChannel, zh: bool) -> &'static str {
    let (z, e) = match c {
        OptOutChannel::All => ("全部渠道", "all channels"),
        OptOutChannel::Phone => ("电话", "phone"),
        OptOutChannel::Email => ("邮件", "e-mail"),
        OptOutChannel::Message => ("短信/微信", "SMS/WeChat"),
        OptOutChannel::Mail => ("信函", "mail"),
    };
    if zh {
        z
    } else {
        e
    }
}

/// Channel words a cell may use, in either language, compared lower-cased without spaces.
const CHANNEL_WORDS: &[(OptOutChannel, &[&str])] = &[
    (
        OptOutChannel::All,
        &[
            "",
            "全部渠道",
            "全部",
            "所有",
            "所有渠道",
            "all",
            "allchannels",
            "any",
        ],
    ),
    (OptOutChannel::Phone, &["电话", "phone", "call", "calls"]),
    (
        OptOutChannel::Email,
        &["邮件", "邮箱", "电子邮件", "e-mail", "email"],
    ),
    (
        OptOutChannel::Message,
        &[
            "短信/微信",
            "短信",
            "微信",
            "sms/wechat",
            "sms",
            "wechat",
            "message",
        ],
    ),
    (
        OptOutChannel::Mail,
        &["信函", "邮寄", "mail", "post", "letter"],
    ),
];

/// Cells that say only "yes, opted out" (then the opt-out counts from `today`, all channels).
const YES: &[&str] = &["是", "已退订", "yes", "y", "true", "x", "1", "✓"];

/// Reads a cell written by [`opt_out_cell`] or typed by hand (`2026/3/5`, `2026-03-05 短信`,
/// `是`). `None` for a cell that says nothing recognisable, a date after `today` among them.
pub fn parse_opt_out_cell(cell: &str, today: NaiveDate) -> Option<OptOut> {
    let cell = cell.trim();
    let key = |s: &str| -> String {
        validate::fold_width(s)
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    if YES.contains(&key(cell).as_str()) {
        return Some(OptOut {
            on: today,
            channel: OptOutChannel::All,
            note: String::new(),
        });
    }
    let (head, note) = match cell.split_once([':', '：']) {
        Some((h, n)) => (h.trim(), n.trim()),
        None => (cell, ""),
    };
    let (date, channel) = head.split_once(char::is_whitespace).unwrap_or((head, ""));
    let on = validate::date(date)
        .ok()
        .flatten()
        .filter(|d| *d <= today)?;
    let channel_key = key(channel);
    let channel = CHANNEL_WORDS
        .iter()
        .find(|(_, words)| words.contains(&channel_key.as_str()))?
        .0;
    Some(OptOut {
        on,
        channel,
        note: note.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::commands::{blank_contact, blank_customer};
    use crate::model::ids::Timestamp;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn opt_out(channel: OptOutChannel) -> Option<OptOut> {
        Some(OptOut {
            on: day(1),
            channel,
            note: String::new(),
        })
    }

    fn customer(n: u128, channel: Option<OptOutChannel>) -> Customer {
        let mut c = blank_customer(Id::from_u128(n), Timestamp(0));
        c.name = format!("customer {n}");
        c.marketing_opt_out = channel.and_then(opt_out);
        c
    }

    fn contact(n: u128, of: u128, channel: Option<OptOutChannel>) -> Contact {
        let mut p = blank_contact(Id::from_u128(n), Id::from_u128(of), Timestamp(0));
        p.name = format!("contact {n}");
        p.marketing_opt_out = channel.and_then(opt_out);
        p
    }

    fn names<T>(items: &[&T], name: fn(&T) -> &str) -> Vec<String> {
        items.iter().map(|i| name(i).to_string()).collect()
    }

    #[test]
    fn a_channel_opt_out_forbids_that_channel_and_exports_only() {
        let email = opt_out(OptOutChannel::Email).unwrap();
        assert!(email.forbids(OptOutChannel::Email));
        assert!(
            email.forbids(OptOutChannel::All),
            "an export may be used for e-mail"
        );
        assert!(!email.forbids(OptOutChannel::Phone));
        let all = opt_out(OptOutChannel::All).unwrap();
        assert!(OptOutChannel::ALL.iter().all(|c| all.forbids(*c)));
    }

    #[test]
    fn customer_opt_outs_cover_their_contacts_and_contact_opt_outs_only_themselves() {
        let customers = [
            customer(1, None),
            customer(2, Some(OptOutChannel::All)),
            customer(3, Some(OptOutChannel::Phone)),
            customer(4, None),
        ];
        let mut trashed = contact(14, 1, Some(OptOutChannel::All));
        trashed.deleted_at = Some(Timestamp(1));
        let contacts = [
            contact(10, 1, None),
            contact(11, 1, Some(OptOutChannel::Email)),
            contact(12, 2, None),
            contact(13, 3, None),
            trashed,
            // Not selected: neither kept nor counted.
            contact(15, 4, Some(OptOutChannel::All)),
        ];
        let selected: Vec<&Customer> = customers[..3].iter().collect();
        fn customer_names(c: &Customer) -> &str {
            &c.name
        }
        fn contact_names(c: &Contact) -> &str {
            &c.name
        }

        let any = marketing_reachable(&selected, &contacts, OptOutChannel::All);
        assert_eq!(names(&any.customers, customer_names), ["customer 1"]);
        assert_eq!(names(&any.contacts, contact_names), ["contact 10"]);
        assert_eq!((any.customers_left_out, any.contacts_left_out), (2, 3));

        let email = marketing_reachable(&selected, &contacts, OptOutChannel::Email);
        assert_eq!(
            names(&email.customers, customer_names),
            ["customer 1", "customer 3"]
        );
        assert_eq!(
            names(&email.contacts, contact_names),
            ["contact 10", "contact 13"]
        );
        assert_eq!((email.customers_left_out, email.contacts_left_out), (1, 2));

        let phone = marketing_reachable(&selected, &contacts, OptOutChannel::Phone);
        assert_eq!(names(&phone.customers, customer_names), ["customer 1"]);
        assert_eq!(
            names(&phone.contacts, contact_names),
            ["contact 10", "contact 11"]
        );
        assert_eq!((phone.customers_left_out, phone.contacts_left_out), (2, 2));

        let none = marketing_reachable(&[], &contacts, OptOutChannel::All);
        assert_eq!(none, Reachable::default());

        let whole = whole_selection(&selected, &contacts);
        assert_eq!(whole.customers.len(), 3);
        assert_eq!(
            names(&whole.contacts, contact_names),
            ["contact 10", "contact 11", "contact 12", "contact 13"]
        );
        assert_eq!((whole.customers_left_out, whole.contacts_left_out), (0, 0));
    }

    #[test]
    fn merged_opt_outs_keep_the_earlier_date_and_the_wider_channel() {
        let a = OptOut {
            on: day(5),
            channel: OptOutChannel::Email,
            note: "电话里说的".into(),
        };
        let mut b = OptOut {
            on: day(2),
            channel: OptOutChannel::Email,
            note: String::new(),
        };
        assert_eq!(OptOut::combine(None, None), None);
        assert_eq!(OptOut::combine(None, Some(&a)), Some(a.clone()));
        let same = OptOut::combine(Some(&a), Some(&b)).unwrap();
        assert_eq!(
            (same.on, same.channel, same.note.as_str()),
            (day(2), OptOutChannel::Email, "电话里说的")
        );
        b.channel = OptOutChannel::Mail;
        b.note = "letter".into();
        let wider = OptOut::combine(Some(&a), Some(&b)).unwrap();
        assert_eq!(wider.channel, OptOutChannel::All);
        assert_eq!(wider.note, "电话里说的; letter");
    }

    #[test]
    fn the_form_requires_a_past_date_only_when_on() {
        let today = day(5);
        let mut form = OptOutForm {
            active: false,
            on: "not a date".into(),
            ..Default::default()
        };
        assert_eq!(form.parse(today), Ok(None), "off ignores the rest");
        form.active = true;
        assert_eq!(
            form.parse(today),
            Err((Field::OptOutDate, Problem::InvalidDate))
        );
        form.on = " ".into();
        assert_eq!(
            form.parse(today),
            Err((Field::OptOutDate, Problem::Required))
        );
        form.on = "2026-03-06".into();
        assert_eq!(
            form.parse(today),
            Err((Field::OptOutDate, Problem::DateInFuture))
        );
        form.on = "2026年3月5日".into();
        form.channel = OptOutChannel::Message;
        form.note = " 短信回复 TD ".into();
        let parsed = form.parse(today).unwrap().unwrap();
        assert_eq!(
            (parsed.on, parsed.channel, parsed.note.as_str()),
            (today, OptOutChannel::Message, "短信回复 TD")
        );
        let back = OptOutForm::from_record(Some(&parsed));
        assert_eq!((back.on.as_str(), back.active), ("2026-03-05", true));
        assert_eq!(back.parse(today).unwrap(), Some(parsed));
        form.note = "x".repeat(SHORT_MAX + 1);
        assert_eq!(
            form.parse(today),
            Err((Field::OptOutNote, Problem::TooLong { max: SHORT_MAX }))
        );
    }

    #[test]
    fn cells_round_trip_in_both_languages() {
        let today = day(9);
        for channel in OptOutChannel::ALL {
            for note in ["", "客户来电：不要再发"] {
                let o = OptOut {
                    on: day(3),
                    channel,
                    note: note.into(),
                };
                for zh in [true, false] {
                    let cell = opt_out_cell(&o, zh);
                    assert_eq!(parse_opt_out_cell(&cell, today), Some(o.clone()), "{cell}");
                }
            }
        }
        assert_eq!(
            opt_out_cell(&opt_out(OptOutChannel::Email).unwrap(), true),
            "2026-03-01 邮件"
        );
        let yes = parse_opt_out_cell("是", today).unwrap();
        assert_eq!((yes.on, yes.channel), (today, OptOutChannel::All));
        let typed = parse_opt_out_cell("2026/3/2  WeChat", today).unwrap();
        assert_eq!((typed.on, typed.channel), (day(2), OptOutChannel::Message));
        assert_eq!(
            parse_opt_out_cell("2026-03-02", today).unwrap().channel,
            OptOutChannel::All
        );
        for bad in ["maybe", "2026-03-10 邮件", "2026-03-02 fax", "2026-13-01"] {
            assert_eq!(parse_opt_out_cell(bad, today), None, "{bad}");
        }
    }
}
