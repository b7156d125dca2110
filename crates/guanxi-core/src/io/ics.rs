//! Open follow-ups as calendar events (RFC 5545), so the plan shows up in the phone's calendar.
//!
//! The file is a one-way snapshot: each event's `UID` is the follow-up id and its `SEQUENCE`
//! the record revision, so importing a newer export into the same calendar updates events
//! instead of duplicating them.
//!
//! A repeating follow-up is written as its next date only, with the rule in its description,
//! not as an `RRULE`: completing it plans the next date as a new follow-up (a new `UID`), and a
//! calendar keeps events that a newer file leaves out, so an `RRULE` would leave the old series
//! running beside the new one after every completion.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::activity::recurrence::Recurrence;
use crate::io::vcard::{escape_text, push_folded};
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{Customer, FollowUp, FollowUpStatus, InteractionKind};

/// Words the calendar entries need, in the user's language; the UI passes them from its
/// translation layer so the core holds no user-visible text.
pub struct IcsLabels<'a> {
    /// The kind's name, for a summary without a purpose.
    pub kind: &'a dyn Fn(InteractionKind) -> String,
    /// The word before the owner's name in the description.
    pub owner: &'a str,
    /// A repeat rule in words ("Repeats: Monthly"), for the description.
    pub repeat: &'a dyn Fn(&Recurrence) -> String,
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn local_datetime(dt: NaiveDateTime) -> String {
    dt.format("%Y%m%dT%H%M%S").to_string()
}

/// Exports the open follow-ups as a VCALENDAR, CRLF line endings.
///
/// Done, cancelled and trashed follow-ups are left out, and so are follow-ups of customers in
/// the trash (the app hides them too). A follow-up without a time is an all-day event; with a
/// time it is a one-hour event in floating local time (no time zone), because the rep entered
/// wall-clock time and the calendar should show that same time wherever it is opened.
/// `now` stamps `DTSTAMP`; core never reads the clock.
pub fn export_ics(
    follow_ups: &[FollowUp],
    customers: &[Customer],
    now: Timestamp,
    labels: &IcsLabels,
) -> String {
    let customers: HashMap<Id, &Customer> = customers.iter().map(|c| (c.id, c)).collect();
    let stamp = now.to_datetime().format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    out.push_str("BEGIN:VCALENDAR\r\n");
    out.push_str("VERSION:2.0\r\n");
    out.push_str("PRODID:-//Guanxi//CRM//ZH\r\n");
    out.push_str("CALSCALE:GREGORIAN\r\n");
    for f in follow_ups {
        let customer = customers.get(&f.customer_id);
        if f.status != FollowUpStatus::Open
            || f.deleted_at.is_some()
            || customer.is_some_and(|c| c.deleted_at.is_some())
        {
            continue;
        }
        out.push_str("BEGIN:VEVENT\r\n");
        push_folded(&mut out, &format!("UID:{}@guanxi", f.id));
        push_folded(&mut out, &format!("DTSTAMP:{stamp}"));
        push_folded(&mut out, &format!("SEQUENCE:{}", f.rev));
        match f.time {
            None => {
                // DTEND of an all-day event is exclusive: the next day.
                let end = f.due.succ_opt().unwrap_or(f.due);
                push_folded(&mut out, &format!("DTSTART;VALUE=DATE:{}", date(f.due)));
                push_folded(&mut out, &format!("DTEND;VALUE=DATE:{}", date(end)));
            }
            Some(time) => {
                let start = f.due.and_time(time);
                let end = start
                    .checked_add_signed(Duration::hours(1))
                    .unwrap_or(start);
                push_folded(&mut out, &format!("DTSTART:{}", local_datetime(start)));
                push_folded(&mut out, &format!("DTEND:{}", local_datetime(end)));
            }
        }
        let what = if f.purpose.trim().is_empty() {
            (labels.kind)(f.kind)
        } else {
            f.purpose.trim().to_string()
        };
        let summary = match customer.map(|c| c.name.trim()) {
            Some(name) if !name.is_empty() => format!("{name}: {what}"),
            _ => what,
        };
        push_folded(&mut out, &format!("SUMMARY:{}", escape_text(&summary)));
        if !f.place.trim().is_empty() {
            push_folded(
                &mut out,
                &format!("LOCATION:{}", escape_text(f.place.trim())),
            );
        }
        let mut description = Vec::new();
        if !f.owner.trim().is_empty() {
            description.push(format!("{}: {}", labels.owner, f.owner.trim()));
        }
        if let Some(rule) = &f.recurrence {
            description.push((labels.repeat)(rule));
        }
        if !description.is_empty() {
            push_folded(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(&description.join("\n"))),
            );
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}
