//! Contacts to and from vCard: export as RFC 6350 (4.0), import 4.0, 3.0 and the 2.1 that
//! Android phones still write.
//!
//! Import is deliberately forgiving, because the files come from phones and address books
//! that each bend the RFC their own way: LF or CRLF, folded lines, property names in any case,
//! Apple's `item1.` group prefixes, `TYPE=cell,voice` / `TYPE=CELL;TYPE=VOICE` / bare `;CELL`,
//! quoted-printable UTF-8 with soft line breaks. A card that cannot be understood is skipped
//! rather than failing the whole file.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::model::ids::Id;
use crate::model::records::{Contact, Customer, Label, Labeled, MonthDay};

/// A contact as read from a vCard, not yet tied to a customer: the importer decides which
/// customer `org` means and validates the values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VCardContact {
    pub name: String,
    /// The first `ORG` component: the company.
    pub org: String,
    /// The further `ORG` components (organisational units), joined with ` / `: the export
    /// writes the contact's department there.
    pub department: String,
    pub title: String,
    pub phones: Vec<Labeled>,
    pub emails: Vec<Labeled>,
    pub birthday: Option<NaiveDate>,
    /// A `BDAY` without a year (`--0704`, `--07-04`, or Apple's placeholder year).
    pub birthday_month_day: Option<MonthDay>,
    pub note: String,
    /// What the card stands for: a person (the default), or an organisation (`KIND:org`, or
    /// Apple's `X-ABShowAs:COMPANY`), a group or a location (`KIND:group`, `KIND:location`).
    pub kind: CardKind,
    /// The names of the card's properties that nothing was read from (`PHOTO`, `ADR`,
    /// `X-ABLABEL`, a second `FN`, a `BDAY` that is no date …), once per property line, so
    /// the import can say what it left behind. The card's frame and bookkeeping (`BEGIN`,
    /// `END`, `VERSION`, `PRODID`, `UID`, `REV`) are not listed.
    pub unused: Vec<String>,
}

/// What a vCard describes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CardKind {
    #[default]
    Individual,
    Org,
    /// A group or a location: neither a customer nor a contact person.
    Other,
}

/// Why nothing could be imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VCardError {
    #[error("the file is empty")]
    Empty,
    #[error("the file holds no vCard")]
    NotVCard,
}

// ---------------------------------------------------------------------------------------------
// Shared with the iCalendar export: both formats escape text and fold lines the same way.

/// The longest line either RFC allows, in octets, not counting the CRLF.
const LINE_OCTETS: usize = 75;

/// Escapes a TEXT value (RFC 6350 §3.4, RFC 5545 §3.3.11): backslash, comma, semicolon and
/// line breaks. Other control characters are not allowed in either format and are dropped;
/// a tab is allowed and kept.
pub(crate) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF is one line break, a lone CR (old Mac text) is one too.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` and its CRLF, folded so no physical line exceeds 75 octets. A continuation
/// starts with one space, which counts towards its 75. Folds fall between characters, never
/// inside one: many readers decode each physical line as UTF-8 before unfolding, and half a
/// character would turn into U+FFFD there.
pub(crate) fn push_folded(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

// ---------------------------------------------------------------------------------------------
// Export

/// Surnames of two characters, common enough that splitting after the first character would
/// visibly mangle the name (欧阳娜娜 is 欧阳 + 娜娜, not 欧 + 阳娜娜).
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "轩辕", "闻人", "澹台", "公冶", "太史", "申屠",
];

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{3007}')
}

/// Splits a name into (family, given) for the structured `N` property. A Chinese name of 2–4
/// Han characters has its surname first: one character, or two for a known compound surname.
/// A Latin name written "Given Family" has its family name last. Anything else keeps the whole
/// name as given name: a wrong split is worse than none, and `FN` carries the name as written.
fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    let count = name.chars().count();
    if (2..=4).contains(&count) && name.chars().all(is_han) {
        let surname = COMPOUND_SURNAMES
            .iter()
            .find(|s| count >= 3 && name.starts_with(*s))
            .map_or_else(|| name.chars().take(1).collect(), |s| s.to_string());
        let given = name[surname.len()..].to_string();
        return (surname, given);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() >= 2 && !name.chars().any(is_han) {
        let (family, given) = words.split_last().expect("two or more words");
        return (family.to_string(), given.join(" "));
    }
    (String::new(), name.to_string())
}

fn phone_type(label: Label) -> Option<&'static str> {
    match label {
        Label::Mobile => Some("cell"),
        Label::Work => Some("work"),
        Label::Home => Some("home"),
        Label::Fax => Some("fax"),
        Label::Other => None,
    }
}

fn email_type(label: Label) -> Option<&'static str> {
    match label {
        Label::Work => Some("work"),
        Label::Home => Some("home"),
        // vCard has no mobile or fax e-mail; an untyped address reads back as Other.
        Label::Mobile | Label::Fax | Label::Other => None,
    }
}

fn push_typed(out: &mut String, property: &str, type_: Option<&str>, value: &str) {
    let line = match type_ {
        Some(t) => format!("{property};TYPE={t}:{}", escape_text(value)),
        None => format!("{property}:{}", escape_text(value)),
    };
    push_folded(out, &line);
}

/// Exports contacts as vCard 4.0, one card per contact, CRLF line endings.
///
/// Contacts in the trash, and contacts of customers in the trash, are left out: a phone's
/// address book has no trash, so they would come back to life there. `ORG` is the customer's
/// name with the contact's department as organizational unit; `UID` is the contact id, so
/// importing a newer export into the same address book updates rather than duplicates.
/// `contacts` may be a selection (a segment's, those marketing may reach), written in order.
pub fn export_vcards<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    customers: &[Customer],
) -> String {
    let customers: HashMap<Id, &Customer> = customers.iter().map(|c| (c.id, c)).collect();
    let mut out = String::new();
    for contact in contacts {
        let customer = customers.get(&contact.customer_id);
        if contact.deleted_at.is_some() || customer.is_some_and(|c| c.deleted_at.is_some()) {
            continue;
        }
        out.push_str("BEGIN:VCARD\r\nVERSION:4.0\r\n");
        push_folded(&mut out, &format!("UID:urn:uuid:{}", contact.id));
        push_folded(&mut out, &format!("FN:{}", escape_text(&contact.name)));
        let (family, given) = split_name(&contact.name);
        push_folded(
            &mut out,
            &format!("N:{};{};;;", escape_text(&family), escape_text(&given)),
        );
        let org = customer.map_or("", |c| c.name.as_str());
        match (org.is_empty(), contact.department.trim().is_empty()) {
            (true, true) => {}
            (_, true) => push_folded(&mut out, &format!("ORG:{}", escape_text(org))),
            (_, false) => push_folded(
                &mut out,
                &format!(
                    "ORG:{};{}",
                    escape_text(org),
                    escape_text(&contact.department)
                ),
            ),
        }
        if !contact.title.trim().is_empty() {
            push_folded(&mut out, &format!("TITLE:{}", escape_text(&contact.title)));
        }
        for phone in contact.phones.iter().filter(|p| !p.value.trim().is_empty()) {
            push_typed(&mut out, "TEL", phone_type(phone.label), &phone.value);
        }
        for email in contact.emails.iter().filter(|e| !e.value.trim().is_empty()) {
            push_typed(&mut out, "EMAIL", email_type(email.label), &email.value);
        }
        if let Some(b) = contact.birthday {
            push_folded(
                &mut out,
                &format!("BDAY:{:04}{:02}{:02}", b.year(), b.month(), b.day()),
            );
        } else if let Some(md) = contact.birthday_month_day {
            // RFC 6350 §4.3.1: a date without its year.
            push_folded(&mut out, &format!("BDAY:--{:02}{:02}", md.month, md.day));
        }
        if !contact.notes.trim().is_empty() {
            push_folded(&mut out, &format!("NOTE:{}", escape_text(&contact.notes)));
        }
        out.push_str("END:VCARD\r\n");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Import

/// One content line: `[group.]NAME *(;param) : value`.
struct Property {
    /// Upper-case, without the group prefix.
    name: String,
    /// The group prefix (`item1` of Apple's `item1.TEL`), lower-case; empty without one.
    group: String,
    /// Upper-case parameter names with their values; a bare 2.1 parameter (`;CELL`) is a TYPE.
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    /// All TYPE values, lower-case, whichever of the three spellings the file used.
    fn types(&self) -> HashSet<String> {
        self.params
            .iter()
            .filter(|(k, _)| k == "TYPE")
            .flat_map(|(_, v)| v.split(','))
            .map(|t| t.trim().trim_matches('"').to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn is_quoted_printable(&self) -> bool {
        self.params.iter().any(|(k, v)| {
            (k == "ENCODING" || k == "TYPE") && v.eq_ignore_ascii_case("QUOTED-PRINTABLE")
        })
    }

    /// The value with any transfer encoding undone, still escaped.
    fn decoded(&self) -> String {
        if self.is_quoted_printable() {
            // Phones write CHARSET=UTF-8; without a decoder for legacy charsets, anything else
            // is read as UTF-8 too, with unreadable bytes replaced rather than failing.
            String::from_utf8_lossy(&decode_quoted_printable(&self.value)).into_owned()
        } else {
            self.value.clone()
        }
    }

    fn text(&self) -> String {
        unescape(&self.decoded()).trim().to_string()
    }

    fn components(&self) -> Vec<String> {
        split_unescaped(&self.decoded(), ';')
            .iter()
            .map(|c| unescape(c).trim().to_string())
            .collect()
    }
}

/// Splits at every `needle` outside double quotes (parameter values may quote `:` and `;`).
fn split_outside_quotes(s: &str, needle: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == needle && !quoted {
            parts.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&s[start..]);
    parts
}

fn parse_property(line: &str) -> Option<Property> {
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(i, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        (c == ':' && !quoted).then_some(i)
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut head = split_outside_quotes(head, ';').into_iter();
    let full = head.next()?.trim();
    let name = full.rsplit('.').next().unwrap_or(full).to_ascii_uppercase();
    let group = full
        .rsplit_once('.')
        .map_or(String::new(), |(g, _)| g.to_ascii_lowercase());
    if name.is_empty() {
        return None;
    }
    let params = head
        .filter(|p| !p.trim().is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_string(),
            ),
            None => ("TYPE".to_string(), p.trim().to_string()),
        })
        .collect();
    Some(Property {
        name,
        group,
        params,
        value: value.to_string(),
    })
}

fn line_is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("");
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// Joins folded lines back together. Two kinds of folding exist: RFC folding (a line starting
/// with a space or tab continues the previous one) and quoted-printable soft breaks (a QP
/// value ending in `=` continues on the next line, which does not start with a space).
fn unfold(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = Vec::new();
    let mut soft_break = false;
    for raw in text.split('\n') {
        let folded = raw.starts_with([' ', '\t']);
        match lines.last_mut() {
            Some(last) if folded || soft_break => {
                if soft_break {
                    last.pop(); // the `=` of the soft break
                }
                // Only RFC folding inserts a character to remove; a QP continuation is data.
                last.push_str(if folded { &raw[1..] } else { raw });
            }
            _ => lines.push(raw.to_string()),
        }
        soft_break = lines
            .last()
            .is_some_and(|l| l.ends_with('=') && line_is_quoted_printable(l));
    }
    lines
}

fn decode_quoted_printable(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'=' {
            if let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Splits a compound value (`N`, `ORG`) at separators that are not escaped.
fn split_unescaped(s: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in s.chars() {
        let current = parts.last_mut().expect("never empty");
        if escaped {
            current.push('\\');
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            parts.push(String::new());
        } else {
            current.push(c);
        }
    }
    if escaped {
        parts.last_mut().expect("never empty").push('\\');
    }
    parts
}

/// Undoes TEXT escaping. An unknown escape keeps its backslash: older writers do not escape
/// backslashes at all, and `C:\Temp` should survive.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ',' | ';' | ':')) => out.push(c),
            Some(c) => {
                out.push('\\');
                out.push(c);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn phone_label(types: &HashSet<String>) -> Label {
    let has = |t: &str| types.contains(t);
    if has("fax") {
        Label::Fax
    } else if has("cell") || has("mobile") || has("iphone") {
        Label::Mobile
    } else if has("home") {
        Label::Home
    } else if has("work") {
        Label::Work
    } else {
        Label::Other
    }
}

fn email_label(types: &HashSet<String>) -> Label {
    if types.contains("home") {
        Label::Home
    } else if types.contains("work") {
        Label::Work
    } else {
        Label::Other
    }
}

/// A `BDAY` value: a full date, or month and day only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bday {
    Date(NaiveDate),
    Yearless(MonthDay),
}

/// `BDAY` as phones write it: `19900501`, `1990-05-01`, possibly with a time after `T`.
/// A birthday without a year (`--0501`, `--05-01`, or Apple's placeholder year named by
/// `X-APPLE-OMIT-YEAR`) keeps its month and day without inventing a year.
fn parse_birthday(prop: &Property) -> Option<Bday> {
    let value = prop.text();
    let date = value.split(['T', 't']).next().unwrap_or("").trim();
    if date.starts_with("--") {
        return MonthDay::parse(date).map(Bday::Yearless);
    }
    let digits: String = date.chars().filter(|c| *c != '-').collect();
    let well_formed = match date.len() {
        8 => date.chars().all(|c| c.is_ascii_digit()),
        10 => {
            let b = date.as_bytes();
            b[4] == b'-' && b[7] == b'-' && digits.len() == 8
        }
        _ => false,
    };
    if !well_formed || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (&digits[0..4], &digits[4..6], &digits[6..8]);
    if prop.param("X-APPLE-OMIT-YEAR") == Some(y) {
        return MonthDay::parse(&format!("--{m}{d}")).map(Bday::Yearless);
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).map(Bday::Date)
}

#[derive(Default)]
struct CardBuilder {
    formatted: String,
    structured: Vec<String>,
    contact: VCardContact,
    notes: Vec<String>,
    unused: Vec<String>,
    /// The group of each phone and e-mail, parallel to the contact's lists, so Apple's
    /// `itemN.X-ABLabel` can label the `itemN.TEL` it belongs to.
    phone_groups: Vec<String>,
    email_groups: Vec<String>,
}

impl CardBuilder {
    fn apply(&mut self, prop: &Property) {
        let c = &mut self.contact;
        match prop.name.as_str() {
            "FN" if self.formatted.is_empty() => self.formatted = prop.text(),
            "N" if self.structured.is_empty() => self.structured = prop.components(),
            "ORG" if c.org.is_empty() => {
                let mut units = prop.components().into_iter().filter(|u| !u.is_empty());
                c.org = units.next().unwrap_or_default();
                c.department = units.collect::<Vec<_>>().join(" / ");
            }
            "TITLE" if c.title.is_empty() => c.title = prop.text(),
            "TEL" => {
                let value = tel_number(&prop.text());
                if value.is_empty() {
                    self.unused.push(prop.name.clone());
                } else {
                    c.phones
                        .push(Labeled::new(phone_label(&prop.types()), value));
                    self.phone_groups.push(prop.group.clone());
                }
            }
            "EMAIL" => {
                let text = prop.text();
                let value = strip_scheme(&text, "mailto:");
                if value.is_empty() {
                    self.unused.push(prop.name.clone());
                } else {
                    c.emails
                        .push(Labeled::new(email_label(&prop.types()), value));
                    self.email_groups.push(prop.group.clone());
                }
            }
            "BDAY" if c.birthday.is_none() && c.birthday_month_day.is_none() => {
                match parse_birthday(prop) {
                    Some(Bday::Date(d)) => c.birthday = Some(d),
                    Some(Bday::Yearless(md)) => c.birthday_month_day = Some(md),
                    None => self.unused.push(prop.name.clone()),
                }
            }
            "NOTE" => {
                let note = prop.text();
                if !note.is_empty() {
                    self.notes.push(note);
                }
            }
            "KIND" => match prop.text().to_ascii_lowercase().as_str() {
                "individual" => c.kind = CardKind::Individual,
                "org" => c.kind = CardKind::Org,
                "group" | "location" => c.kind = CardKind::Other,
                _ => self.unused.push(prop.name.clone()),
            },
            "X-ABSHOWAS" if prop.text().eq_ignore_ascii_case("COMPANY") => c.kind = CardKind::Org,
            "X-ABLABEL" if self.apple_label(prop) => {}
            // The card's frame and bookkeeping (format version, producing program, identifier,
            // revision time), not anything about the person.
            "VERSION" | "PRODID" | "UID" | "REV" => {}
            _ => self.unused.push(prop.name.clone()),
        }
    }

    /// Applies Apple's label (`item1.X-ABLabel:_$!<Mobile>!$_`) to the phone or e-mail of the
    /// same group. `false` when there is none, or the label is a custom text (`总机`) that no
    /// [`Label`] can hold: then the label is reported as not imported.
    fn apple_label(&mut self, prop: &Property) -> bool {
        if prop.group.is_empty() {
            return false;
        }
        let text = prop.text();
        let label = match text.to_ascii_lowercase().as_str() {
            "_$!<mobile>!$_" | "iphone" | "_$!<iphone>!$_" => Label::Mobile,
            "_$!<home>!$_" => Label::Home,
            "_$!<work>!$_" | "_$!<main>!$_" => Label::Work,
            "_$!<homefax>!$_" | "_$!<workfax>!$_" | "_$!<otherfax>!$_" => Label::Fax,
            "_$!<other>!$_" => Label::Other,
            _ => return false,
        };
        let c = &mut self.contact;
        if let Some(i) = self.phone_groups.iter().position(|g| *g == prop.group) {
            c.phones[i].label = label;
            return true;
        }
        if let Some(i) = self.email_groups.iter().position(|g| *g == prop.group) {
            if label != Label::Mobile && label != Label::Fax {
                c.emails[i].label = label;
                return true;
            }
        }
        false
    }

    /// The finished contact, or `None` for a card without any name.
    fn finish(self) -> Option<VCardContact> {
        let mut contact = self.contact;
        contact.name = if self.formatted.is_empty() {
            name_from_parts(&self.structured)
        } else {
            self.formatted
        };
        contact.note = self.notes.join("\n");
        contact.unused = self.unused;
        (!contact.name.is_empty()).then_some(contact)
    }
}

/// A `TEL` value as the number people write. A vCard 4.0 `tel:` URI (RFC 3966, as RFC 6350
/// §6.4.1 writes it: `tel:+1-418-656-9254;ext=102`) keeps its number and its extension,
/// written `+1-418-656-9254 ext. 102`, which the phone check accepts; its other parameters
/// (`isub`, `phone-context`) are dropped. A plain text value is kept as it is.
fn tel_number(value: &str) -> String {
    let number = strip_scheme(value, "tel:");
    if number.len() == value.trim().len() {
        return number.to_string();
    }
    let mut parts = number.split(';');
    let main = parts.next().unwrap_or("").trim();
    let ext = parts.find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim().eq_ignore_ascii_case("ext").then(|| value.trim())
    });
    match ext {
        Some(ext) if !ext.is_empty() && !main.is_empty() => format!("{main} ext. {ext}"),
        _ => main.to_string(),
    }
}

fn strip_scheme<'a>(value: &'a str, scheme: &str) -> &'a str {
    match value.get(..scheme.len()) {
        Some(head) if head.eq_ignore_ascii_case(scheme) => value[scheme.len()..].trim(),
        _ => value.trim(),
    }
}

/// A display name from `N` (family; given; additional; prefix; suffix). Chinese names are
/// written family first without spaces; others given first with spaces.
fn name_from_parts(parts: &[String]) -> String {
    let part = |i: usize| parts.get(i).map_or("", |s| s.as_str());
    let (family, given, additional, prefix, suffix) = (part(0), part(1), part(2), part(3), part(4));
    if family.chars().chain(given.chars()).any(is_han) {
        return format!("{family}{given}{additional}");
    }
    [prefix, given, additional, family, suffix]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads every card in a `.vcf` file. Cards without any name are skipped; an error only when
/// the file is blank or holds no `BEGIN:VCARD` at all.
pub fn parse_vcards(text: &str) -> Result<Vec<VCardContact>, VCardError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(VCardError::Empty);
    }
    let mut contacts = Vec::new();
    let mut found_card = false;
    // Depth > 1 is a card nested inside another (2.1's AGENT); its lines are not ours.
    let mut depth = 0usize;
    let mut card = CardBuilder::default();
    for line in unfold(text) {
        let Some(prop) = parse_property(&line) else {
            continue;
        };
        let is_vcard = prop.value.trim().eq_ignore_ascii_case("VCARD");
        match prop.name.as_str() {
            "BEGIN" if is_vcard => {
                if depth == 0 {
                    card = CardBuilder::default();
                    found_card = true;
                }
                depth += 1;
            }
            "END" if is_vcard && depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    contacts.extend(std::mem::take(&mut card).finish());
                }
            }
            _ if depth == 1 => card.apply(&prop),
            _ => {}
        }
    }
    // A file cut off before its last END:VCARD still holds a usable card.
    if depth > 0 {
        contacts.extend(card.finish());
    }
    if !found_card {
        return Err(VCardError::NotVCard);
    }
    Ok(contacts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_text_covers_specials_and_line_breaks() {
        assert_eq!(
            escape_text("a\\b,c;d\ne\r\nf\rg\th\u{0}i:j"),
            "a\\\\b\\,c\\;d\\ne\\nf\\ng\thi:j"
        );
    }

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let mut out = String::new();
        let line = format!(
            "NOTE:{}",
            "张".repeat(60) + &"a".repeat(100) + &"😀".repeat(30)
        );
        push_folded(&mut out, &line);
        assert!(out.ends_with("\r\n"));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        assert_eq!(out.trim_end().replace("\r\n ", ""), line);
        // A 75-octet line is not folded; a 76-octet one is.
        let mut short = String::new();
        push_folded(&mut short, &"x".repeat(75));
        assert_eq!(short, format!("{}\r\n", "x".repeat(75)));
        let mut long = String::new();
        push_folded(&mut long, &"x".repeat(76));
        assert_eq!(long, format!("{}\r\n x\r\n", "x".repeat(75)));
    }

    #[test]
    fn split_name_handles_chinese_compound_latin_and_other() {
        let s = |n: &str| {
            let (f, g) = split_name(n);
            (f, g)
        };
        assert_eq!(s("王小明"), ("王".into(), "小明".into()));
        assert_eq!(s("李雷"), ("李".into(), "雷".into()));
        assert_eq!(s("欧阳娜娜"), ("欧阳".into(), "娜娜".into()));
        assert_eq!(s("司马光"), ("司马".into(), "光".into()));
        // Two characters are surname + given name even when they start a compound surname.
        assert_eq!(s("欧阳"), ("欧".into(), "阳".into()));
        assert_eq!(s("John Smith"), ("Smith".into(), "John".into()));
        assert_eq!(s("Mary Ann Lee"), ("Lee".into(), "Mary Ann".into()));
        // Not 2–4 Han characters: no split.
        assert_eq!(s("王"), (String::new(), "王".into()));
        assert_eq!(s("爱新觉罗溥仪"), (String::new(), "爱新觉罗溥仪".into()));
        assert_eq!(s("王 Xiaoming"), (String::new(), "王 Xiaoming".into()));
        assert_eq!(s("Madonna"), (String::new(), "Madonna".into()));
    }

    #[test]
    fn unfold_handles_rfc_folding_and_qp_soft_breaks() {
        let text = "A:one\r\n  two\r\nB;ENCODING=QUOTED-PRINTABLE:=E7=8E=\n=8B\nC:=end\n";
        assert_eq!(
            unfold(text),
            vec![
                "A:one two",
                "B;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B",
                "C:=end",
                ""
            ]
        );
    }

    #[test]
    fn quoted_printable_decodes_and_tolerates_junk() {
        assert_eq!(decode_quoted_printable("=E7=8E=8B"), "王".as_bytes());
        assert_eq!(decode_quoted_printable("a=3Db=zz="), b"a=b=zz=");
        assert_eq!(decode_quoted_printable("=e7=8e=8b"), "王".as_bytes());
    }

    #[test]
    fn unescape_and_split() {
        assert_eq!(unescape(r"a\,b\;c\nd\Ne\\f\:g"), "a,b;c\nd\ne\\f:g");
        assert_eq!(unescape(r"C:\Temp\"), r"C:\Temp\");
        assert_eq!(
            split_unescaped(r"王;小\;明;;", ';'),
            vec!["王", r"小\;明", "", ""]
        );
    }

    #[test]
    fn property_lines_with_groups_params_and_quotes() {
        let p = parse_property("item1.TEL;type=CELL;TYPE=\"voice,pref\";X-L=\"a:b\":138").unwrap();
        assert_eq!(p.name, "TEL");
        assert_eq!(p.value, "138");
        let types = p.types();
        assert!(["cell", "voice", "pref"].iter().all(|t| types.contains(*t)));
        let bare = parse_property("tel;CELL;VOICE:139").unwrap();
        assert_eq!(phone_label(&bare.types()), Label::Mobile);
        assert!(parse_property("no colon here").is_none());
        assert!(parse_property(":value only").is_none());
    }

    #[test]
    fn birthday_spellings() {
        let bday = |line: &str| parse_birthday(&parse_property(line).unwrap());
        let d = NaiveDate::from_ymd_opt(1990, 5, 1);
        let d = d.map(Bday::Date);
        assert_eq!(bday("BDAY:19900501"), d);
        assert_eq!(bday("BDAY:1990-05-01"), d);
        assert_eq!(bday("BDAY;VALUE=date:1990-05-01"), d);
        assert_eq!(bday("BDAY:1990-05-01T00:00:00Z"), d);
        let may_first = Some(Bday::Yearless(MonthDay { month: 5, day: 1 }));
        assert_eq!(bday("BDAY:--0501"), may_first);
        assert_eq!(bday("BDAY:--05-01"), may_first);
        assert_eq!(bday("BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-01"), may_first);
        assert_eq!(bday("BDAY:--1301"), None);
        assert_eq!(bday("BDAY:19900230"), None);
        assert_eq!(bday("BDAY:1990-5-1"), None);
        assert_eq!(bday("BDAY:199005011"), None);
        assert_eq!(bday("BDAY:王王王王王王王王"), None);
        assert_eq!(bday("BDAY:"), None);
    }

    #[test]
    fn name_from_structured_parts() {
        let parts = |s: &[&str]| s.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        assert_eq!(
            name_from_parts(&parts(&["王", "小明", "", "", ""])),
            "王小明"
        );
        assert_eq!(
            name_from_parts(&parts(&["Smith", "John", "Q", "Dr.", "Jr."])),
            "Dr. John Q Smith Jr."
        );
        assert_eq!(name_from_parts(&parts(&["", "", "", "", ""])), "");
        assert_eq!(name_from_parts(&[]), "");
    }
}
