//! Field-level validation.
//!
//! Errors are small enums rather than strings because the UI owns the wording: it keeps a
//! zh-CN/en table keyed by [`Field`] and [`Problem`], so adding a variant is a translation
//! change, and renaming one breaks that table. Keep both enums small and stable.
//!
//! The checks are hand-written instead of using a regex crate because this crate compiles to
//! wasm, where every dependency is download size, and because the rules (Chinese phone formats,
//! `年月日` dates, full-width input from an IME) read more clearly as code than as patterns.
//!
//! Every check trims its input first: the forms save trimmed values, so surrounding blanks are
//! never worth an error message.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// Maximum length of a name, in characters (not bytes, so a Chinese name gets the same room as
/// a Latin one).
pub const NAME_MAX: usize = 200;
/// Maximum length of a one-line field (company, region, title, tag, …), in characters.
pub const SHORT_MAX: usize = 200;
/// Maximum length of free text (notes, summaries, outcomes), in characters. Generous, but
/// bounded so one pasted document cannot bloat every backup and search.
pub const TEXT_MAX: usize = 10_000;
/// Maximum length of an e-mail address, in characters: the longest address SMTP can carry.
pub const EMAIL_MAX: usize = 254;
/// Birthdays before this year are treated as typos (a year like 1026 instead of 1962).
pub const BIRTHDAY_MIN_YEAR: i32 = 1900;

/// Which form field an error belongs to, so the UI can show the message next to it.
///
/// `Phone` and `Email` carry the index of the row in the form (blank rows included), because
/// that is the row the UI has to highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Name,
    Company,
    Industry,
    Region,
    Source,
    Owner,
    Tags,
    Phone(usize),
    Email(usize),
    Address,
    Birthday,
    Notes,
    Title,
    Department,
    ReportsTo,
    Customer,
    /// Not produced by the forms here (they cannot see other records); kept for the UI's own
    /// check that a chosen contact belongs to the chosen customer.
    Contact,
    At,
    Summary,
    Outcome,
    Due,
    Time,
    Purpose,
    Place,
    Result,
    /// An opportunity's title (`Title` is a contact's job title).
    OpportunityTitle,
    Amount,
    Currency,
    Stage,
    Probability,
    ExpectedClose,
    Competitors,
    NextStep,
    CloseReason,
    ClosedOn,
    /// Why a customer moved to decline or termination.
    LifecycleReason,
    AnnualRevenue,
    GrossMargin,
    /// A collection's date and amount.
    CollectedOn,
    Collected,
    /// One of the typed terms of lifetime profit, by its index in
    /// [`crate::customers::lifetime_form::LIFETIME_PARTS`].
    LifetimePart(usize),
    CompetitorNews,
    CustomerOpinion,
    /// A service case's kind, subject, description, resolution and the customer's verdict.
    CaseKind,
    Subject,
    Description,
    Resolution,
    Satisfaction,
    /// Since when a customer or contact wants no marketing, and how they said so.
    OptOutDate,
    OptOutNote,
    /// How many days, weeks or months between the dates of a repeating follow-up.
    RepeatEvery,
    /// A campaign's name, dates and budget, and one cost line's label, amount and date.
    CampaignName,
    StartsOn,
    EndsOn,
    Budget,
    CostLabel,
    CostAmount,
    CostDate,
}

/// What is wrong with a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Problem {
    Required,
    /// Carries the limit so the message can say "at most 200 characters" without its own table.
    TooLong {
        max: usize,
    },
    InvalidEmail,
    InvalidPhone,
    InvalidDate,
    InvalidTime,
    DateInFuture,
    /// A contact set to report to itself, which would make the organisation tree a loop.
    SelfReference,
    /// Not a money amount (see [`crate::model::money::parse_amount`]), too precise for the
    /// currency, or absurdly large.
    InvalidAmount,
    NegativeAmount,
    /// Not a three-letter ISO 4217 code.
    InvalidCurrency,
    /// Not a whole percentage from 0 to 100.
    InvalidPercent,
    /// A stage id the settings do not list (e.g. removed since, or from another device).
    UnknownStage,
    /// A payment recorded on a deal that is not won.
    NotWon,
    /// A payment larger than what is still owed on the deal.
    MoreThanOwed,
    /// A case kind the settings do not list.
    UnknownCaseKind,
    /// A case's opening time after something already happened to it.
    AfterCaseSteps,
    /// A case step dated before the step it follows.
    BeforePreviousStep,
    /// A satisfaction verdict outside 1–5.
    InvalidSatisfaction,
    /// Not a whole number of hours from 1 to a year's 8,760.
    InvalidHours,
    /// An end date before the start date.
    EndBeforeStart,
    /// Not a whole number from `min` to `max`.
    NotInRange {
        min: u32,
        max: u32,
    },
}

/// One problem with one field. Forms report at most one per field, so the UI never has to
/// choose which of several messages to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[error("{field:?}: {problem:?}")]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError { field, problem }
    }
}

/// Turns full-width ASCII (`１３８`, `＠`, `－`, `（`, `：`) and the ideographic space into
/// their plain forms.
///
/// A Chinese IME left in full-width mode produces these, and they look identical on screen, so
/// rejecting them would be a message the user cannot understand. The forms also store the
/// folded value so that `tel:`/`mailto:` links and duplicate matching work.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_width_char).collect()
}

/// [`fold_width`] for one character, for callers that compare without building a string.
pub fn fold_width_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// An optional text: trimmed, at most `max` characters. Returns the trimmed text so callers
/// store exactly what was checked.
pub fn text(s: &str, max: usize) -> Result<&str, Problem> {
    let s = s.trim();
    if s.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    Ok(s)
}

/// A required text: like [`text`], but blank (after trimming) is [`Problem::Required`].
pub fn required_text(s: &str, max: usize) -> Result<&str, Problem> {
    let s = text(s, max)?;
    if s.is_empty() {
        return Err(Problem::Required);
    }
    Ok(s)
}

/// Characters that never appear in a real unquoted address but do appear when a list of
/// addresses or a `Name <addr>` string is pasted into one field.
const EMAIL_FORBIDDEN: &[char] = &['@', ',', ';', ':', '<', '>', '(', ')', '[', ']', '\\', '"'];

/// A pragmatic e-mail check: catches typos and pasted junk, not every RFC 5322 corner.
///
/// Quoted local parts and IP-literal domains are rejected because nobody types them into a CRM
/// and they are far likelier to be mistakes. Unicode is allowed in both parts (`用户@例子.中国`)
/// because internationalised addresses are real in China.
pub fn email(s: &str) -> Result<(), Problem> {
    let folded = fold_width(s);
    let s = folded.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    if s.chars().count() > EMAIL_MAX {
        return Err(Problem::TooLong { max: EMAIL_MAX });
    }
    let (local, domain) = s.split_once('@').ok_or(Problem::InvalidEmail)?;
    if valid_local_part(local) && valid_domain(domain) {
        Ok(())
    } else {
        Err(Problem::InvalidEmail)
    }
}

fn valid_local_part(local: &str) -> bool {
    !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !EMAIL_FORBIDDEN.contains(&c))
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(tld) = labels.last() else {
        return false;
    };
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        // No real top-level domain is one character or all digits; such a "domain" is a typo
        // or an IP address.
        && tld.chars().count() >= 2
        && !tld.chars().all(|c| c.is_ascii_digit())
}

/// A phone number as understood by [`phone`], reduced to what duplicate matching compares.
struct ParsedPhone {
    kind: PhoneKind,
    /// Digits only, in national form for Chinese numbers (mobile without country code,
    /// landline with its leading 0), otherwise with the country code and without `+`/`00`.
    digits: String,
    extension: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PhoneKind {
    ChineseMobile,
    ChineseLandline,
    International,
    Local,
}

/// Accepts the phone numbers people actually write on Chinese business cards and forms.
///
/// Chinese mobiles (`138 0013 8000`, `+86 138-0013-8000`, `0086…`, `86…`), Chinese landlines
/// with area code (`010-12345678`, `(0755) 8601 3388`, `0571-1234567`), with an extension
/// (`转123`, `分机123`, `ext 123`, `x123`, or a trailing `-123` after a complete landline),
/// international numbers (`+44 20 7946 0958`, `0044…`) of 8–15 digits, and other local numbers
/// (`400-810-8888`, `6552 9988`) of 7–15 digits.
///
/// Numbers starting with `1` are taken to be mobiles and must be exactly 11 digits starting
/// with 13–19: that catches the commonest mistake, a mobile with a digit missing or doubled,
/// which would otherwise pass as a "local number".
pub fn phone(s: &str) -> Result<(), Problem> {
    let folded = fold_width(s);
    let s = folded.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    if s.chars().count() > SHORT_MAX {
        return Err(Problem::TooLong { max: SHORT_MAX });
    }
    parse_phone(s).map(|_| ()).ok_or(Problem::InvalidPhone)
}

/// Extension markers, longest first so `ext.` wins over `ext` and `分机` is tried as a whole.
const EXTENSION_MARKERS: &[&str] = &["分机", "转", "ext.", "ext", "x"];

fn parse_phone(s: &str) -> Option<ParsedPhone> {
    let (main, explicit_ext) = split_extension(s)?;
    let (plus, digits) = main_digits(main)?;
    let parsed = match classify(plus, &digits) {
        Some((kind, digits)) => ParsedPhone {
            kind,
            digits,
            extension: explicit_ext.map(str::to_string),
        },
        // `010-12345678-8001`: the last dash group may be an extension, but only after a
        // landline that is complete without it.
        None if explicit_ext.is_none() => {
            let (head, ext) = main.trim().rsplit_once('-')?;
            let ext = ext.trim();
            if !is_digits(ext, 1, 6) {
                return None;
            }
            let (plus, digits) = main_digits(head)?;
            match classify(plus, &digits)? {
                (PhoneKind::ChineseLandline, digits) => ParsedPhone {
                    kind: PhoneKind::ChineseLandline,
                    digits,
                    extension: Some(ext.to_string()),
                },
                _ => return None,
            }
        }
        None => return None,
    };
    // A mobile has no switchboard, so an "extension" there means the number is something else.
    if parsed.kind == PhoneKind::ChineseMobile && parsed.extension.is_some() {
        return None;
    }
    Some(parsed)
}

/// Splits off an extension (`转123`, `ext. 123`, `x123`). `None` when the text has letters or
/// other characters that are not a recognised extension.
fn split_extension(s: &str) -> Option<(&str, Option<&str>)> {
    let Some(pos) = s.find(|c: char| !(c.is_ascii_digit() || " -.()+".contains(c))) else {
        return Some((s, None));
    };
    let (main, rest) = s.split_at(pos);
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` apply to `rest`.
    let lower = rest.to_ascii_lowercase();
    let after = EXTENSION_MARKERS
        .iter()
        .find_map(|marker| lower.strip_prefix(marker))?;
    let ext = rest[rest.len() - after.len()..].trim_start_matches([' ', '.', ':', '#', '-']);
    is_digits(ext, 1, 6).then_some((main, Some(ext)))
}

/// The digits of the main number and whether it started with `+`. `None` for a misplaced `+`,
/// unbalanced or nested parentheses, or any character that is not a digit or separator.
fn main_digits(main: &str) -> Option<(bool, String)> {
    let main = main.trim();
    let (plus, body) = match main.strip_prefix('+') {
        Some(body) => (true, body),
        None => (false, main),
    };
    let mut digits = String::new();
    let mut in_parens = false;
    for c in body.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' => {}
            '(' if !in_parens => in_parens = true,
            ')' if in_parens => in_parens = false,
            _ => return None,
        }
    }
    (!in_parens && !digits.is_empty()).then_some((plus, digits))
}

/// Decides what kind of number `digits` is and returns its normalised digits.
fn classify(plus: bool, digits: &str) -> Option<(PhoneKind, String)> {
    if plus {
        return international(digits);
    }
    if let Some(rest) = digits.strip_prefix("00") {
        return international(rest);
    }
    // `86 138 0013 8000`: without `+` the country code is only recognised before a mobile,
    // since many local numbers start with 86.
    if let Some(national) = digits.strip_prefix("86") {
        if national.len() == 11 && national.starts_with('1') {
            return chinese_mobile(national);
        }
    }
    match digits.as_bytes()[0] {
        b'0' => chinese_landline(digits),
        b'1' => chinese_mobile(digits),
        _ => (7..=15)
            .contains(&digits.len())
            .then(|| (PhoneKind::Local, digits.to_string())),
    }
}

/// A number after `+` or `00`: Chinese numbers get the Chinese rules, others only a length
/// check, since their national rules are out of scope.
fn international(digits: &str) -> Option<(PhoneKind, String)> {
    if let Some(national) = digits.strip_prefix("86") {
        return if national.len() == 11 && national.starts_with('1') {
            chinese_mobile(national)
        } else if national.starts_with('0') {
            // `+86 (0)10 …`: the trunk 0 written out of habit.
            chinese_landline(national)
        } else {
            chinese_landline(&format!("0{national}"))
        };
    }
    // No country code starts with 0.
    (!digits.starts_with('0') && (8..=15).contains(&digits.len()))
        .then(|| (PhoneKind::International, digits.to_string()))
}

/// `1[3-9]` plus nine digits: 10, 11 and 12 are not mobile prefixes.
fn chinese_mobile(digits: &str) -> Option<(PhoneKind, String)> {
    let b = digits.as_bytes();
    (b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]))
        .then(|| (PhoneKind::ChineseMobile, digits.to_string()))
}

/// Area code and subscriber number, with the trunk 0. The three-digit area codes are exactly
/// 010 and 020–029; all others have four digits. Subscriber numbers have seven or eight digits.
fn chinese_landline(digits: &str) -> Option<(PhoneKind, String)> {
    let b = digits.as_bytes();
    if b.len() < 3 || b[0] != b'0' || b[1] == b'0' || (b[1] == b'1' && b[2] != b'0') {
        return None;
    }
    let area = if b[1] == b'1' || b[1] == b'2' { 3 } else { 4 };
    (7..=8)
        .contains(&(b.len().saturating_sub(area)))
        .then(|| (PhoneKind::ChineseLandline, digits.to_string()))
}

fn is_digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// The digits that identify a phone line, for duplicate matching: `+86 138-0013-8000`,
/// `0086 13800138000` and `138 0013 8000` all become `13800138000`; `+86 10 1234 5678` and
/// `(010) 12345678` both become `01012345678`. An extension's digits are appended, because two
/// extensions of one switchboard are different people.
///
/// Input that [`phone`] rejects still yields its digits, so matching degrades instead of failing
/// on old or imported data.
pub fn normalize_phone_digits(s: &str) -> String {
    let folded = fold_width(s);
    match parse_phone(folded.trim()) {
        Some(p) => {
            let mut digits = p.digits;
            digits.push_str(p.extension.as_deref().unwrap_or(""));
            digits
        }
        None => folded.chars().filter(char::is_ascii_digit).collect(),
    }
}

/// The form of an address that duplicate matching compares: mail systems treat addresses
/// case-insensitively in practice, and full-width characters are IME accidents.
pub fn normalize_email(s: &str) -> String {
    fold_width(s).trim().to_lowercase()
}

/// Parses a date as people type it: `2026-03-05`, `2026/3/5`, `2026.03.05`, `2026年3月5日`
/// (also `…5号`), and `5/1/1990` (month/day/year, as US-English exports write it). Blank is `Ok(None)` because every date field in the app is optional on its
/// own; forms that need one turn `None` into [`Problem::Required`].
///
/// The year must have four digits so that a slipped key (`20266-…`) is caught rather than
/// stored as a date eighteen thousand years away.
pub fn date(s: &str) -> Result<Option<NaiveDate>, Problem> {
    let folded = fold_width(s);
    let s = folded.trim();
    if s.is_empty() {
        return Ok(None);
    }
    parse_date(s).map(Some).ok_or(Problem::InvalidDate)
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    if let Some(rest) = s.strip_suffix('日').or_else(|| s.strip_suffix('号')) {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        return ymd(y.trim(), m.trim(), d.trim());
    }
    let sep = s.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    let mut parts = s.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    // `5/1/1990` with the year last is how US-English tools (Outlook's CSV export among them)
    // write month/day/year; with the year first it is the Chinese and ISO order.
    if sep == '/' && is_digits(c, 4, 4) && is_digits(a, 1, 2) {
        return ymd(c, a, b);
    }
    ymd(a, b, c)
}

/// Builds the date, which also rejects impossible ones such as 2026-02-30.
fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    if !is_digits(y, 4, 4) || !is_digits(m, 1, 2) || !is_digits(d, 1, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A birthday: a [`date`] that is not after `today` and not before [`BIRTHDAY_MIN_YEAR`].
/// `today` is passed in because this crate never reads the clock (it has no clock on wasm
/// without extra dependencies, and tests need a fixed day).
pub fn birthday(s: &str, today: NaiveDate) -> Result<Option<NaiveDate>, Problem> {
    let date = date(s)?;
    if let Some(d) = date {
        if d.year() < BIRTHDAY_MIN_YEAR {
            return Err(Problem::InvalidDate);
        }
        if d > today {
            return Err(Problem::DateInFuture);
        }
    }
    Ok(date)
}

/// A whole percentage from 0 to 100, with or without `%` (`80`, `80%`, `８０％`). Blank is
/// `Ok(None)`: for an opportunity's probability that means "the stage's default".
pub fn percent(s: &str) -> Result<Option<u8>, Problem> {
    let folded = fold_width(s);
    let s = folded.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let digits = s.strip_suffix('%').unwrap_or(s).trim_end();
    if !is_digits(digits, 1, 3) {
        return Err(Problem::InvalidPercent);
    }
    match digits.parse::<u8>() {
        Ok(p) if p <= 100 => Ok(Some(p)),
        _ => Err(Problem::InvalidPercent),
    }
}

/// A date that cannot be later than `today` (when something happened, such as the day a deal
/// was closed). Blank is `Ok(None)`, as for [`date`].
pub fn past_date(s: &str, today: NaiveDate) -> Result<Option<NaiveDate>, Problem> {
    match date(s)? {
        Some(d) if d > today => Err(Problem::DateInFuture),
        d => Ok(d),
    }
}

/// A time of day, `HH:MM` or `HH:MM:SS` (as `<input type=time>` produces, which may add
/// milliseconds). Blank is `Ok(None)`, as for [`date`].
pub fn time(s: &str) -> Result<Option<NaiveTime>, Problem> {
    let folded = fold_width(s);
    let s = folded.trim();
    if s.is_empty() {
        return Ok(None);
    }
    parse_time(s).map(Some).ok_or(Problem::InvalidTime)
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    let mut parts = s.split(':');
    let (h, m, sec) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() || !is_digits(h, 1, 2) || !is_digits(m, 2, 2) {
        return None;
    }
    let (sec, milli) = match sec {
        None => (0, 0),
        Some(sec) => {
            let (sec, frac) = sec.split_once('.').unwrap_or((sec, "0"));
            if !is_digits(sec, 2, 2) || !is_digits(frac, 1, 3) {
                return None;
            }
            // ".5" seconds is 500 ms, not 5.
            (sec.parse().ok()?, format!("{frac:0<3}").parse().ok()?)
        }
    };
    NaiveTime::from_hms_milli_opt(h.parse().ok()?, m.parse().ok()?, sec, milli)
}

/// The value of an `<input type=datetime-local>`: `YYYY-MM-DDTHH:MM`, optionally with seconds.
/// A space instead of `T` and the other [`date`] spellings are accepted too, for pasted values.
///
/// Unlike [`date`], blank is [`Problem::Required`]: the only field using it (when an
/// interaction happened) cannot be empty.
pub fn datetime_local(s: &str) -> Result<NaiveDateTime, Problem> {
    let folded = fold_width(s);
    let s = folded.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    let Some((d, t)) = s.split_once(['T', 't']).or_else(|| s.split_once(' ')) else {
        // A date alone is a missing time, not a bad date.
        return Err(match parse_date(s) {
            Some(_) => Problem::InvalidTime,
            None => Problem::InvalidDate,
        });
    };
    let date = parse_date(d.trim()).ok_or(Problem::InvalidDate)?;
    let time = parse_time(t.trim()).ok_or(Problem::InvalidTime)?;
    Ok(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn phone_accepts_chinese_mobiles() {
        for s in [
            "13800138000",
            "138 0013 8000",
            "138-0013-8000",
            "138.0013.8000",
            "+86 138-0013-8000",
            "+86 138 0013 8000",
            "+8613800138000",
            "+86-13800138000",
            "0086 138 0013 8000",
            "0086-13800138000",
            "86 138 0013 8000",
            "86-138-0013-8000",
            "8613800138000",
            "19912345678",
            "14512345678",
            "  13800138000  ",
            "１３８００１３８０００",
            "＋８６　１３８－００１３－８０００",
        ] {
            assert_eq!(phone(s), Ok(()), "{s:?}");
        }
    }

    #[test]
    fn phone_accepts_chinese_landlines_with_extensions() {
        for s in [
            "010-12345678",
            "01012345678",
            "(010) 12345678",
            "(010)12345678",
            "021 1234 5678",
            "0755-8601 3388",
            "(0755) 86013388",
            "0571-1234567",
            "010-1234567",
            "010-12345678转123",
            "010-12345678 转 123",
            "010-12345678转 8001",
            "010-12345678分机8001",
            "010-12345678 ext 123",
            "010-12345678 ext. 123",
            "010-12345678 EXT123",
            "010-12345678 x123",
            "010-12345678 X 123",
            "010-12345678-8001",
            "0755-86013388-1",
            "+86 10 1234 5678",
            "+86-755-8601-3388",
            "+86 (0)10 1234 5678",
            "0086 10 1234 5678",
            "（０１０）１２３４５６７８",
        ] {
            assert_eq!(phone(s), Ok(()), "{s:?}");
        }
    }

    #[test]
    fn phone_accepts_international_and_local_numbers() {
        for s in [
            "+1 (415) 555-2671",
            "+1 415 555 2671",
            "+44 20 7946 0958",
            "+44 (0)20 7946 0958",
            "+49.30.1234567",
            "+852 2345 6789",
            "+12345678",
            "+123456789012345",
            "0044 20 7946 0958",
            "+1 415 555 2671 ext 12",
            "6552 9988",
            "2345678",
            "400-810-8888",
            "800 820 8820",
            "234567890123456",
            "(852) 2345-6789",
            "2345 6789 转 12",
        ] {
            assert_eq!(phone(s), Ok(()), "{s:?}");
        }
    }

    #[test]
    fn phone_rejects_bad_numbers() {
        assert_eq!(phone(""), Err(Problem::Required));
        assert_eq!(phone("   "), Err(Problem::Required));
        assert_eq!(
            phone("　"),
            Err(Problem::Required),
            "ideographic space only"
        );
        assert_eq!(
            phone(&"1".repeat(SHORT_MAX + 1)),
            Err(Problem::TooLong { max: SHORT_MAX })
        );
        for s in [
            // letters and words
            "abc",
            "138OO138000",
            "电话13800138000",
            "13800138000 mobile",
            "tel:13800138000",
            "010-12345678 ext",
            "010-12345678转",
            "010-12345678转abc",
            "010-12345678转1234567",
            "010-12345678 y123",
            // mobiles with too few or many digits, or impossible prefixes
            "1380013800",
            "138 0013 800",
            "138001380000",
            "10012345678",
            "11012345678",
            "12012345678",
            "+86 120 1234 5678",
            "86 120 1234 5678",
            "0086 110 1234 5678",
            "1",
            // an extension on a mobile
            "13800138000转1",
            "+86 138 0013 8000 x12",
            // misplaced or doubled plus
            "138+0013 8000",
            "++86 13800138000",
            "86+13800138000",
            "+",
            // landlines of the wrong shape
            "010-123456",
            "010-123456789",
            "0755-123456",
            "0755-123456789",
            "013-12345678",
            "01",
            "00 1234 567",
            "010-12345678-1234567",
            // parentheses
            "(010 12345678",
            "010) 12345678",
            "((010)) 12345678",
            // international and local lengths
            "+1234567",
            "+1234567890123456",
            "+0 123 4567 890",
            "234567",
            "2345678901234567",
            "00 1234",
            // other separators
            "138/0013/8000",
            "138_0013_8000",
            "138,0013,8000",
            "-",
            "()",
        ] {
            assert_eq!(phone(s), Err(Problem::InvalidPhone), "{s:?}");
        }
    }

    #[test]
    fn phone_digits_normalize_for_matching() {
        for (s, want) in [
            ("138 0013 8000", "13800138000"),
            ("+86 138-0013-8000", "13800138000"),
            ("0086 13800138000", "13800138000"),
            ("86 138 0013 8000", "13800138000"),
            ("１３８００１３８０００", "13800138000"),
            ("(010) 1234 5678", "01012345678"),
            ("+86 10 1234 5678", "01012345678"),
            ("+86 (0)10 1234 5678", "01012345678"),
            ("010-12345678转123", "01012345678123"),
            ("010-12345678-123", "01012345678123"),
            ("+44 20 7946 0958", "442079460958"),
            ("0044 20 7946 0958", "442079460958"),
            ("400-810-8888", "4008108888"),
            // invalid input still gives its digits
            ("call 138-0013", "1380013"),
            ("", ""),
        ] {
            assert_eq!(normalize_phone_digits(s), want, "{s:?}");
        }
    }

    #[test]
    fn email_accepts_pragmatic_addresses() {
        for s in [
            "a@b.co",
            "zhang.san@example.com",
            "first.last+tag@sub.example.com.cn",
            "o'brien@example.ie",
            "a-b_c@my-domain.org",
            "USER@EXAMPLE.COM",
            "用户@例子.中国",
            "张三@公司.com",
            "info@example.xn--fiqs8s",
            "a@b.xn--fiqs8s",
            "  a@b.co  ",
            "a＠b.co",
            "12345@qq.com",
            "a@1.example.com",
        ] {
            assert_eq!(email(s), Ok(()), "{s:?}");
        }
    }

    #[test]
    fn email_rejects_junk() {
        assert_eq!(email(""), Err(Problem::Required));
        assert_eq!(email("  "), Err(Problem::Required));
        let long = format!(
            "{}@{}.com",
            "a".repeat(64),
            vec!["b".repeat(63); 3].join(".")
        );
        assert!(long.len() > EMAIL_MAX);
        assert_eq!(email(&long), Err(Problem::TooLong { max: EMAIL_MAX }));
        for s in [
            "plainaddress",
            "@example.com",
            "a@",
            "a@b",
            "a@@b.com",
            "a@b@c.com",
            "a b@c.com",
            "a@b c.com",
            "a\t@b.com",
            "a@-b.com",
            "a@b-.com",
            "a@b.-com",
            "a@b..com",
            "a@.b.com",
            "a@b.com.",
            ".a@b.com",
            "a.@b.com",
            "a..b@c.com",
            "a@b.c",
            "a@1.2.3.4",
            "a@[127.0.0.1]",
            "info@xn--fiqs8s",
            "Zhang <z@b.com>",
            "a@b.com,c@d.com",
            "a@b.com;",
            "\"a b\"@c.com",
            "a@b_c.com",
            "a@例子。中国",
            &format!("{}@b.com", "a".repeat(65)),
            &format!("a@{}.com", "b".repeat(64)),
        ] {
            assert_eq!(email(s), Err(Problem::InvalidEmail), "{s:?}");
        }
    }

    #[test]
    fn email_normalizes_for_matching() {
        assert_eq!(
            normalize_email("  Zhang.San@Example.COM "),
            "zhang.san@example.com"
        );
        assert_eq!(normalize_email("ＡＢ＠例子.中国"), "ab@例子.中国");
    }

    #[test]
    fn date_accepts_common_spellings() {
        for (s, want) in [
            ("2026-03-05", d(2026, 3, 5)),
            ("2026-3-5", d(2026, 3, 5)),
            ("2026/03/05", d(2026, 3, 5)),
            ("2026/3/5", d(2026, 3, 5)),
            ("2026.03.05", d(2026, 3, 5)),
            ("2026年3月5日", d(2026, 3, 5)),
            ("2026年03月05日", d(2026, 3, 5)),
            ("2026 年 3 月 5 日", d(2026, 3, 5)),
            ("2026年3月5号", d(2026, 3, 5)),
            ("  2026-12-31  ", d(2026, 12, 31)),
            ("２０２６－０３－０５", d(2026, 3, 5)),
            ("2024-02-29", d(2024, 2, 29)),
            ("2000/2/29", d(2000, 2, 29)),
            // Month/day/year, as Outlook's CSV export writes it.
            ("5/1/1990", d(1990, 5, 1)),
            ("12/31/1985", d(1985, 12, 31)),
            ("2/29/2000", d(2000, 2, 29)),
            // Year last is always read month first: the form of the exports people import.
            ("05/03/2026", d(2026, 5, 3)),
        ] {
            assert_eq!(date(s), Ok(Some(want)), "{s:?}");
        }
        assert_eq!(date(""), Ok(None));
        assert_eq!(date("   "), Ok(None));
    }

    #[test]
    fn date_rejects_impossible_and_malformed() {
        for s in [
            "2026-02-30",
            "2025-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-01-32",
            "2026年2月30日",
            "26-03-05",
            "20266-03-05",
            "2026-003-05",
            "13/1/1990",
            "2/30/2000",
            "5-1-1990",
            "2026-03",
            "2026-03-05-01",
            "2026-03/05",
            "2026_03_05",
            "2026年3月",
            "2026年3月5",
            "三月五日",
            "March 5, 2026",
            "2026-3-5x",
            "-2026-03-05",
        ] {
            assert_eq!(date(s), Err(Problem::InvalidDate), "{s:?}");
        }
    }

    #[test]
    fn birthday_rules() {
        let today = d(2026, 3, 5);
        assert_eq!(birthday("1990-05-01", today), Ok(Some(d(1990, 5, 1))));
        assert_eq!(birthday("2026-03-05", today), Ok(Some(today)));
        assert_eq!(birthday("1900-01-01", today), Ok(Some(d(1900, 1, 1))));
        assert_eq!(birthday("", today), Ok(None));
        assert_eq!(birthday("2026-03-06", today), Err(Problem::DateInFuture));
        assert_eq!(birthday("2090年1月1日", today), Err(Problem::DateInFuture));
        assert_eq!(birthday("1899-12-31", today), Err(Problem::InvalidDate));
        assert_eq!(birthday("1026-01-01", today), Err(Problem::InvalidDate));
        assert_eq!(birthday("1990-02-30", today), Err(Problem::InvalidDate));
    }

    #[test]
    fn time_accepts_and_rejects() {
        let t = |h, m, s, ms| Some(NaiveTime::from_hms_milli_opt(h, m, s, ms).unwrap());
        for (s, want) in [
            ("09:30", t(9, 30, 0, 0)),
            ("9:30", t(9, 30, 0, 0)),
            ("00:00", t(0, 0, 0, 0)),
            ("23:59", t(23, 59, 0, 0)),
            ("14:30:15", t(14, 30, 15, 0)),
            ("14:30:15.5", t(14, 30, 15, 500)),
            ("14:30:15.123", t(14, 30, 15, 123)),
            (" 14:30 ", t(14, 30, 0, 0)),
            ("１４：３０", t(14, 30, 0, 0)),
            ("", None),
        ] {
            assert_eq!(time(s), Ok(want), "{s:?}");
        }
        for s in [
            "24:00",
            "12:60",
            "12:30:60",
            "1230",
            "12:3",
            "12:30:1",
            "12:30:0",
            "123:00",
            "ab:cd",
            "12:30:00:00",
            "-1:30",
            "12:30pm",
            "12:30:15.1234",
            "12:30:15.",
            "12:",
            ":30",
            "12.30",
        ] {
            assert_eq!(time(s), Err(Problem::InvalidTime), "{s:?}");
        }
    }

    #[test]
    fn datetime_local_values() {
        let dt = |y, mo, da, h, mi, s| d(y, mo, da).and_hms_opt(h, mi, s).unwrap();
        for (s, want) in [
            ("2026-03-05T14:30", dt(2026, 3, 5, 14, 30, 0)),
            ("2026-03-05T14:30:15", dt(2026, 3, 5, 14, 30, 15)),
            ("2026-03-05T14:30:00.000", dt(2026, 3, 5, 14, 30, 0)),
            ("2026-03-05 14:30", dt(2026, 3, 5, 14, 30, 0)),
            ("2026-03-05t09:05", dt(2026, 3, 5, 9, 5, 0)),
            (" 2026-03-05T14:30 ", dt(2026, 3, 5, 14, 30, 0)),
        ] {
            assert_eq!(datetime_local(s), Ok(want), "{s:?}");
        }
        for (s, want) in [
            ("", Problem::Required),
            ("  ", Problem::Required),
            ("2026-03-05", Problem::InvalidTime),
            ("2026-03-05T", Problem::InvalidTime),
            ("2026-03-05T25:00", Problem::InvalidTime),
            ("2026-03-05T14", Problem::InvalidTime),
            ("2026-02-30T10:00", Problem::InvalidDate),
            ("T10:00", Problem::InvalidDate),
            ("garbage", Problem::InvalidDate),
            ("10:00", Problem::InvalidDate),
        ] {
            assert_eq!(datetime_local(s), Err(want), "{s:?}");
        }
    }

    #[test]
    fn percentages() {
        for (s, want) in [
            ("", None),
            ("  ", None),
            ("0", Some(0)),
            ("80", Some(80)),
            ("80%", Some(80)),
            (" 80 % ", Some(80)),
            ("８０％", Some(80)),
            ("100", Some(100)),
            ("007", Some(7)),
        ] {
            assert_eq!(percent(s), Ok(want), "{s:?}");
        }
        for s in ["101", "-5", "12.5", "abc", "%", "1000", "80%%", "0.8"] {
            assert_eq!(percent(s), Err(Problem::InvalidPercent), "{s:?}");
        }
    }

    #[test]
    fn past_dates() {
        let today = d(2026, 3, 5);
        assert_eq!(past_date("2026-03-05", today), Ok(Some(today)));
        assert_eq!(past_date("", today), Ok(None));
        assert_eq!(past_date("2026-03-06", today), Err(Problem::DateInFuture));
        assert_eq!(past_date("2026-02-30", today), Err(Problem::InvalidDate));
    }

    #[test]
    fn text_limits_count_chars_not_bytes() {
        assert_eq!(text("  abc \n", 3), Ok("abc"));
        assert_eq!(text("abcd", 3), Err(Problem::TooLong { max: 3 }));
        assert_eq!(text("", 3), Ok(""));
        let name = "张".repeat(NAME_MAX);
        assert_eq!(name.len(), NAME_MAX * 3);
        assert_eq!(required_text(&name, NAME_MAX), Ok(name.as_str()));
        assert_eq!(
            required_text(&format!("{name}三"), NAME_MAX),
            Err(Problem::TooLong { max: NAME_MAX })
        );
        assert_eq!(required_text(" \t\n", NAME_MAX), Err(Problem::Required));
        assert_eq!(required_text("　", NAME_MAX), Err(Problem::Required));
    }

    #[test]
    fn fold_width_only_touches_fullwidth_ascii() {
        assert_eq!(
            fold_width("ＡＢｃ１２３＠（）－　张三，"),
            "ABc123@()- 张三,"
        );
    }
}
