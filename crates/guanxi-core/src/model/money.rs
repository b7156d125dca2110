//! Money: amounts as integers in a currency's minor unit, read from what people type and
//! written back for display.
//!
//! Integers because sums must be exact (a pipeline total that is off by a fen looks like a
//! bug, and is one). Amounts in different currencies are never added together: there is no
//! exchange rate in the app, so totals are kept per currency in [`Sums`] and the UI shows each
//! currency's line instead of one misleading number.

use std::collections::BTreeMap;

use crate::model::records::{Opportunity, Settings, DEFAULT_CURRENCY};
use crate::model::validate::{fold_width, Problem};

/// The largest amount accepted, in minor units: ten trillion yuan. Far above any real deal,
/// and low enough that sums of many of them still fit in an `i64`.
pub const AMOUNT_MAX: i64 = 1_000_000_000_000_000;

/// How many decimal places a currency's minor unit has (ISO 4217). Two unless listed: yen and
/// won have no minor unit in practice, a few Arab dinars have three.
pub fn minor_digits(currency: &str) -> u32 {
    match currency.trim().to_ascii_uppercase().as_str() {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "PYG" | "UGX" | "XAF" | "XOF" | "XPF" | "KMF"
        | "RWF" | "GNF" | "DJF" | "VUV" | "BIF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// A currency as typed: three letters, stored upper case. `RMB`, what people in China usually
/// write, is taken as `CNY`. Blank is [`Problem::Required`].
pub fn parse_currency(s: &str) -> Result<String, Problem> {
    let folded = fold_width(s);
    let code = folded.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(Problem::Required);
    }
    if code == "RMB" {
        return Ok("CNY".into());
    }
    if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(Problem::InvalidCurrency)
    }
}

/// The currency an opportunity is counted in: its own, or the settings' default when blank
/// (damaged or hand-made data), upper case so that `cny` and `CNY` are one currency.
pub fn currency_of(opportunity: &Opportunity, settings: &Settings) -> String {
    let own = opportunity.currency.trim();
    let code = if !own.is_empty() {
        own
    } else if !settings.currency.trim().is_empty() {
        settings.currency.trim()
    } else {
        DEFAULT_CURRENCY
    };
    code.to_ascii_uppercase()
}

const MULTIPLIERS: [(&str, u128); 5] = [
    ("亿", 100_000_000),
    ("万", 10_000),
    ("千", 1_000),
    ("k", 1_000),
    ("K", 1_000),
];

const SYMBOLS: [char; 5] = ['¥', '￥', '$', '€', '£'];

/// Strips leading currency marks (`¥`, `$`, `HK$`, `CNY `) and a minus sign, in any order.
/// Returns the rest and whether a minus was seen.
fn strip_prefixes(mut t: &str) -> (&str, bool) {
    let mut negative = false;
    loop {
        let before = t;
        if let Some(r) = t.strip_prefix(['-', '−']) {
            negative = true;
            t = r.trim_start();
        }
        if let Some(r) = t.strip_prefix(SYMBOLS) {
            t = r.trim_start();
        }
        let letters = t.chars().take_while(char::is_ascii_alphabetic).count();
        if (2..=3).contains(&letters) {
            t = t[letters..].trim_start();
        }
        if t == before {
            return (t, negative);
        }
    }
}

/// Strips a trailing currency (`元`, `CNY`) and then a multiplier (`万`, `亿`, `千`, `k`).
fn strip_suffixes(t: &str) -> (&str, u128) {
    let mut t = t.trim_end();
    for unit in ["元", "圆", "块"] {
        if let Some(r) = t.strip_suffix(unit) {
            t = r.trim_end();
        }
    }
    let letters = t
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .count();
    if letters == 3 {
        t = t[..t.len() - 3].trim_end();
    }
    for (suffix, factor) in MULTIPLIERS {
        if let Some(r) = t.strip_suffix(suffix) {
            return (r.trim_end(), factor);
        }
    }
    (t, 1)
}

/// Digits with optional group separators (`,` `'` `_` or a space, each between two digits)
/// and one decimal point. Returns the integer and fraction digits.
fn split_number(t: &str) -> Option<(String, String)> {
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let chars: Vec<char> = int.chars().collect();
    let mut digits = String::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ',' | '\'' | '_' | ' ' => {
                let between = i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit);
                if !between {
                    return None;
                }
            }
            _ => return None,
        }
    }
    let frac = match frac {
        None => String::new(),
        Some(f) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => f.to_string(),
        // "5." is a typo for "5"; ".5" is not accepted without its zero either.
        Some(_) => return None,
    };
    (!digits.is_empty()).then_some((digits, frac))
}

/// An amount as typed, in minor units of `currency`.
///
/// Accepts what people write on quotes and in chat: `800000`, `800,000`, `800，000`,
/// `¥800,000.50`, `￥80万`, `80万元`, `1.5亿`, `12k`, `CNY 800000`, `$1,200.5`, full-width
/// digits. More decimals than the currency has are refused (so a European `800.000` is not
/// silently read as 800), except with a multiplier, where `1.25万` is exact. A minus sign or
/// accounting parentheses give [`Problem::NegativeAmount`]; anything else unreadable, or
/// above [`AMOUNT_MAX`], is [`Problem::InvalidAmount`]. Blank is [`Problem::Required`].
pub fn parse_amount(s: &str, currency: &str) -> Result<i64, Problem> {
    let folded = fold_width(s);
    let mut t = folded.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    let (t, minus) = strip_prefixes(t);
    let (t, factor) = strip_suffixes(t);
    let (int, frac) = split_number(t).ok_or(Problem::InvalidAmount)?;
    let digits = minor_digits(currency);
    if factor == 1 && frac.len() > digits as usize {
        return Err(Problem::InvalidAmount);
    }
    // u128 holds 38 digits; longer input is far beyond AMOUNT_MAX anyway.
    if int.len() + frac.len() > 30 {
        return Err(Problem::InvalidAmount);
    }
    let scale = 10u128.pow(frac.len() as u32);
    let value: u128 = format!("{int}{frac}")
        .parse()
        .map_err(|_| Problem::InvalidAmount)?;
    let scaled = value * factor * 10u128.pow(digits);
    if scaled % scale != 0 {
        return Err(Problem::InvalidAmount);
    }
    let minor = scaled / scale;
    if minor > AMOUNT_MAX as u128 {
        return Err(Problem::InvalidAmount);
    }
    if (negative || minus) && minor > 0 {
        return Err(Problem::NegativeAmount);
    }
    Ok(minor as i64)
}

/// The whole and fractional parts of an amount as digit strings (fraction padded to the
/// currency's digits).
fn parts(minor: i64, currency: &str) -> (bool, String, String) {
    let digits = minor_digits(currency);
    let unit = 10u64.pow(digits);
    let abs = minor.unsigned_abs();
    let whole = (abs / unit).to_string();
    let frac = if digits == 0 {
        String::new()
    } else {
        format!("{:0width$}", abs % unit, width = digits as usize)
    };
    (minor < 0, whole, frac)
}

/// An amount for a form field: no grouping, and no fraction when it is zero, so it reads back
/// with [`parse_amount`] to the same value (`800000`, `800000.50`).
pub fn amount_text(minor: i64, currency: &str) -> String {
    let (negative, whole, frac) = parts(minor, currency);
    let sign = if negative { "-" } else { "" };
    if frac.chars().all(|c| c == '0') {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

/// An amount for display, grouped in thousands, with the fraction only when there is one:
/// `800,000`, `1,234.50`.
pub fn format_amount(minor: i64, currency: &str) -> String {
    let (negative, whole, frac) = parts(minor, currency);
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    if frac.chars().all(|c| c == '0') {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// The symbol shown before an amount, or `None` where the code itself reads better (and
/// for currencies sharing a symbol with a more likely one, such as other dollars).
pub fn currency_symbol(currency: &str) -> Option<&'static str> {
    match currency.trim().to_ascii_uppercase().as_str() {
        "CNY" | "JPY" => Some("¥"),
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "HKD" => Some("HK$"),
        "KRW" => Some("₩"),
        _ => None,
    }
}

/// An amount with its currency for display: `¥800,000`, `$1,200.50`, `CHF 3,000`.
pub fn format_money(minor: i64, currency: &str) -> String {
    let amount = format_amount(minor, currency);
    match currency_symbol(currency) {
        Some(symbol) => match amount.strip_prefix('-') {
            Some(abs) => format!("-{symbol}{abs}"),
            None => format!("{symbol}{amount}"),
        },
        None => format!("{} {amount}", currency.trim().to_ascii_uppercase()),
    }
}

/// Probability-weighted value: `amount × probability / 100`, rounded half away from zero to
/// the minor unit. The course's example: ¥800,000 at 80% weighs ¥640,000.
pub fn weighted(amount: i64, probability: u8) -> i64 {
    let product = i128::from(amount) * i128::from(probability.min(100));
    let rounded = if product >= 0 {
        (product + 50) / 100
    } else {
        (product - 50) / 100
    };
    // |amount × p / 100| ≤ |amount|, so it always fits.
    rounded as i64
}

/// Amounts per currency: never one number for several currencies (see the module docs).
/// Iterates in currency-code order; the UI usually shows the default currency first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sums(BTreeMap<String, i64>);

impl Sums {
    pub fn new() -> Self {
        Sums::default()
    }

    /// Adds `minor` to the currency's line (which appears even when `minor` is 0, so a column
    /// of zero-value opportunities still says ¥0). Saturates instead of overflowing.
    pub fn add(&mut self, currency: &str, minor: i64) {
        let line = self
            .0
            .entry(currency.trim().to_ascii_uppercase())
            .or_insert(0);
        *line = line.saturating_add(minor);
    }

    /// The total in one currency (0 when there is none).
    pub fn get(&self, currency: &str) -> i64 {
        self.0
            .get(&currency.trim().to_ascii_uppercase())
            .copied()
            .unwrap_or(0)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, i64)> {
        self.0.iter().map(|(c, v)| (c.as_str(), *v))
    }

    pub fn currencies(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many currencies have a line.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Adds every line of `other`.
    pub fn merge(&mut self, other: &Sums) {
        for (c, v) in other.iter() {
            self.add(c, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_people_type() {
        for (s, want) in [
            ("800000", 80_000_000),
            ("800,000", 80_000_000),
            ("800，000", 80_000_000),
            (" 800 000 ", 80_000_000),
            ("¥800,000.50", 80_000_050),
            ("￥800,000.5", 80_000_050),
            ("¥ 800000", 80_000_000),
            ("80万", 80_000_000),
            ("80 万元", 80_000_000),
            ("￥80万", 80_000_000),
            ("1.5万", 1_500_000),
            ("1.23456万", 1_234_560),
            ("2亿", 20_000_000_000),
            ("3千", 300_000),
            ("12k", 1_200_000),
            ("800000元", 80_000_000),
            ("CNY 800000", 80_000_000),
            ("800000 CNY", 80_000_000),
            ("RMB800,000", 80_000_000),
            ("$1,200.5", 120_050),
            ("HK$1,200", 120_000),
            ("８００，０００．５０", 80_000_050),
            ("0", 0),
            ("0.01", 1),
            ("-0", 0),
            ("1'000", 100_000),
        ] {
            assert_eq!(parse_amount(s, "CNY"), Ok(want), "{s:?}");
        }
        assert_eq!(parse_amount("800000", "JPY"), Ok(800_000));
        assert_eq!(parse_amount("1.5万", "JPY"), Ok(15_000));
        assert_eq!(parse_amount("1.234", "KWD"), Ok(1_234));
    }

    #[test]
    fn amounts_refused() {
        assert_eq!(parse_amount("", "CNY"), Err(Problem::Required));
        assert_eq!(parse_amount("   ", "CNY"), Err(Problem::Required));
        for s in ["-5", "-¥5", "¥-5", "−800", "(500)", "-80万"] {
            assert_eq!(
                parse_amount(s, "CNY"),
                Err(Problem::NegativeAmount),
                "{s:?}"
            );
        }
        for s in [
            "abc",
            "800.000",
            "800.505",
            "1.5",
            "5.",
            ".5",
            "1,,000",
            ",100",
            "100,",
            "1.2.3",
            "80万万",
            "1.000,50",
            "1e6",
            "¥",
            "万",
            "12 apples",
            "99999999999999999999999999999999999",
            "100000000000000",
        ] {
            let currency = if s == "1.5" { "JPY" } else { "CNY" };
            assert_eq!(
                parse_amount(s, currency),
                Err(Problem::InvalidAmount),
                "{s:?}"
            );
        }
        // AMOUNT_MAX itself is fine, one fen more is not.
        assert_eq!(parse_amount("10000000000000", "CNY"), Ok(AMOUNT_MAX));
        assert_eq!(
            parse_amount("10000000000000.01", "CNY"),
            Err(Problem::InvalidAmount)
        );
    }

    #[test]
    fn currencies() {
        assert_eq!(parse_currency(" cny "), Ok("CNY".into()));
        assert_eq!(parse_currency("ｕｓｄ"), Ok("USD".into()));
        assert_eq!(parse_currency("RMB"), Ok("CNY".into()));
        assert_eq!(parse_currency(""), Err(Problem::Required));
        for s in ["US", "DOLLAR", "C1Y", "人民币"] {
            assert_eq!(parse_currency(s), Err(Problem::InvalidCurrency), "{s:?}");
        }
        assert_eq!(
            (
                minor_digits("CNY"),
                minor_digits("jpy"),
                minor_digits("KWD")
            ),
            (2, 0, 3)
        );
    }

    #[test]
    fn text_and_display_round_trip() {
        for (minor, currency, text, shown, money) in [
            (80_000_000, "CNY", "800000", "800,000", "¥800,000"),
            (80_000_050, "CNY", "800000.50", "800,000.50", "¥800,000.50"),
            (5, "CNY", "0.05", "0.05", "¥0.05"),
            (0, "USD", "0", "0", "$0"),
            (
                123_456_789,
                "JPY",
                "123456789",
                "123,456,789",
                "¥123,456,789",
            ),
            (1_234, "KWD", "1.234", "1.234", "KWD 1.234"),
            (300_000, "chf", "3000", "3,000", "CHF 3,000"),
            (-120_050, "USD", "-1200.50", "-1,200.50", "-$1,200.50"),
        ] {
            assert_eq!(amount_text(minor, currency), text);
            assert_eq!(format_amount(minor, currency), shown);
            assert_eq!(format_money(minor, currency), money);
            if minor >= 0 {
                assert_eq!(parse_amount(text, currency), Ok(minor));
                assert_eq!(parse_amount(shown, currency), Ok(minor));
                assert_eq!(parse_amount(money, currency), Ok(minor), "{money}");
            }
        }
    }

    #[test]
    fn weighting_rounds_half_away_from_zero() {
        assert_eq!(weighted(80_000_000, 80), 64_000_000);
        assert_eq!(weighted(24_000_000, 80), 19_200_000);
        assert_eq!(weighted(1, 50), 1);
        assert_eq!(weighted(1, 49), 0);
        assert_eq!(weighted(3, 50), 2);
        assert_eq!(weighted(-3, 50), -2);
        assert_eq!(weighted(999, 0), 0);
        assert_eq!(weighted(999, 100), 999);
        assert_eq!(weighted(999, 250), 999, "clamped to 100%");
        assert_eq!(weighted(i64::MAX, 100), i64::MAX);
    }

    #[test]
    fn sums_keep_currencies_apart() {
        let mut s = Sums::new();
        s.add("CNY", 100);
        s.add("usd", 5);
        s.add(" cny", 50);
        s.add("EUR", 0);
        assert_eq!(s.get("CNY"), 150);
        assert_eq!(s.get("USD"), 5);
        assert_eq!(s.get("JPY"), 0);
        assert_eq!(s.len(), 3);
        let lines: Vec<(&str, i64)> = s.iter().collect();
        assert_eq!(lines, vec![("CNY", 150), ("EUR", 0), ("USD", 5)]);
        let mut t = Sums::new();
        t.add("CNY", i64::MAX);
        t.merge(&s);
        assert_eq!(t.get("CNY"), i64::MAX, "saturates");
        assert_eq!(
            t.currencies().collect::<Vec<_>>(),
            vec!["CNY", "EUR", "USD"]
        );
    }
}
