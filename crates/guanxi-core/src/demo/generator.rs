//! The generator: builds customers, contacts, log entries, follow-ups and opportunities from
//! the tables with a seeded random number generator.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime};

use crate::analysis::abc::{classify, AbcThresholds};
use crate::customers::duplicates::normalize_name;
use crate::customers::lifecycle::stage_on;
use crate::demo::deals;
use crate::demo::history::{self, Activity, Life};
use crate::demo::tables::{City, Industry, Lang, PhoneStyle, EN, ZH};
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    close_reason_in, default_churn_reasons, Contact, Customer, CustomerKind, FollowUp,
    FollowUpStatus, Interaction, InteractionKind, Label, Labeled, Lifecycle, Opportunity,
    OwnerTarget, Settings, SizeBand, ValueClass, DEFAULT_CURRENCY,
};
use crate::service::case::ServiceCase;
use crate::service::knowledge::Article;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DemoLang {
    #[default]
    Zh,
    En,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DemoData {
    pub customers: Vec<Customer>,
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    pub follow_ups: Vec<FollowUp>,
    /// In the default pipeline (see [`crate::model::records::default_stages`]).
    pub opportunities: Vec<Opportunity>,
    /// Service cases, built as the app records them (see `cases`).
    pub cases: Vec<ServiceCase>,
    /// Knowledge-base articles, some cited by the cases they solved.
    pub articles: Vec<Article>,
    /// The owners the records are assigned to, for the settings' owner list.
    pub owners: Vec<String>,
    /// A monthly collections target per owner, near what each collected lately.
    pub collection_targets: Vec<OwnerTarget>,
    /// Saved segments for the settings (a region, A customers of an industry, growth).
    pub segments: Vec<crate::Segment>,
    /// Campaigns aimed at those segments (see `campaigns`).
    pub campaigns: Vec<crate::marketing::Campaign>,
}

/// The gross margin the demo's settings assume, in percent.
pub const DEMO_GROSS_MARGIN_PERCENT: u8 = 30;

/// Settings that go with the demo data: its owners and their collection targets, its saved
/// segments, a default gross margin, default care thresholds, limits and reasons. The reason
/// lists stay the bilingual defaults (shown in the UI language through
/// [`crate::model::records::close_reason_in`]); the records carry their demo-language half.
pub fn demo_settings(data: &DemoData) -> Settings {
    Settings {
        owners: data.owners.clone(),
        gross_margin_percent: Some(DEMO_GROSS_MARGIN_PERCENT),
        collection_targets: data.collection_targets.clone(),
        segments: data.segments.clone(),
        ..Settings::default()
    }
}

const DAY_MS: i64 = 86_400_000;

/// SplitMix64: tiny, fast, and good enough for demo data (not for anything secret).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift: no modulo bias worth mentioning at these sizes).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent`/100.
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(super) fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut n = self.below(total);
        for &(item, w) in items {
            if n < w {
                return item;
            }
            n -= w;
        }
        items[items.len() - 1].0
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    /// A random id shaped like a version-4 UUID, so it looks like the ids the app makes.
    pub(super) fn id(&mut self) -> Id {
        let n = (u128::from(self.next_u64()) << 64) | u128::from(self.next_u64());
        let n = (n & !(0xF << 76)) | (0x4 << 76);
        let n = (n & !(0x3 << 62)) | (0x2 << 62);
        Id::from_u128(n)
    }
}

/// A generated person's name and the ASCII pieces for their e-mail address.
struct PersonName {
    name: String,
    given_ascii: &'static str,
    family_ascii: &'static str,
}

pub(super) struct Gen<'l> {
    pub(super) rng: Rng,
    pub(super) l: &'l Lang,
    pub(super) today: NaiveDate,
    pub(super) now: Timestamp,
    /// Taken (normalized) company names, domains, addresses and phone digits, so that the duplicate finder does not
    /// flag demo records against each other.
    used_names: HashSet<String>,
    used_domains: HashSet<String>,
    used_emails: HashSet<String>,
    used_phones: HashSet<String>,
}

const KIND_INDEX: [InteractionKind; 5] = [
    InteractionKind::Call,
    InteractionKind::Visit,
    InteractionKind::Meeting,
    InteractionKind::Email,
    InteractionKind::Message,
];

impl Gen<'_> {
    pub(super) fn zh(&self) -> bool {
        self.l.lang == DemoLang::Zh
    }

    fn person_name(&mut self) -> PersonName {
        let (family, family_ascii) = *self.rng.pick(self.l.family);
        let (given, given_ascii) = *self.rng.pick(self.l.given);
        let name = if self.zh() {
            format!("{family}{given}")
        } else {
            format!("{given} {family}")
        };
        PersonName {
            name,
            given_ascii,
            family_ascii,
        }
    }

    /// A company name not used yet, e.g. "杭州青竹茶业有限公司" or "Bluebird Software Ltd";
    /// a branch office when the random picks keep colliding.
    fn company_name(&mut self, city: &City, industry: &Industry, brand: &str) -> String {
        let mut name = String::new();
        for attempt in 0..8 {
            let word = *self.rng.pick(industry.words);
            let suffix = *self.rng.pick(self.l.company_suffixes);
            let brand = if attempt == 0 {
                brand
            } else {
                self.rng.pick(self.l.brands).0
            };
            name = if self.zh() {
                format!("{}{brand}{word}{suffix}", city.region)
            } else {
                format!("{brand} {word} {suffix}")
            };
            if self.used_names.insert(normalize_name(&name)) {
                return name;
            }
        }
        let mut n = 2;
        loop {
            let branch = if self.zh() {
                format!("{name}第{n}分公司")
            } else {
                format!("{name} ({} office {n})", city.region)
            };
            if self.used_names.insert(normalize_name(&branch)) {
                return branch;
            }
            n += 1;
        }
    }

    fn unique_domain(&mut self, brand_ascii: &str, city: &City) -> String {
        let tld = if self.zh() {
            "example.cn"
        } else {
            "example.com"
        };
        let mut candidate = format!("{brand_ascii}.{tld}");
        let mut n = 1;
        while !self.used_domains.insert(candidate.clone()) {
            candidate = if n == 1 {
                format!("{brand_ascii}-{}.{tld}", city.ascii)
            } else {
                format!("{brand_ascii}-{}{n}.{tld}", city.ascii)
            };
            n += 1;
        }
        candidate
    }

    /// `local@domain`, with digits appended until it is not taken.
    fn unique_email(&mut self, local: &str, domain: &str) -> String {
        let mut candidate = format!("{local}@{domain}");
        while !self.used_emails.insert(candidate.clone()) {
            candidate = format!("{local}{}@{domain}", self.rng.range(2, 999));
        }
        candidate
    }

    fn phone_once(&mut self, city: &City, mobile: bool) -> String {
        match (&city.phone, mobile) {
            (PhoneStyle::Cn(_), true) => {
                let prefix = *self.rng.pick(&["13", "15", "17", "18", "19", "14", "16"]);
                let third = self.rng.digits(1);
                let rest = self.rng.digits(8);
                let number = format!("{prefix}{third}{rest}");
                match self.rng.below(3) {
                    0 => number,
                    1 => format!("{} {} {}", &number[..3], &number[3..7], &number[7..]),
                    _ => format!("{}-{}-{}", &number[..3], &number[3..7], &number[7..]),
                }
            }
            (PhoneStyle::Cn(area), false) => {
                let first = self.rng.range(2, 8);
                let number = format!("{area}-{first}{}", self.rng.digits(7));
                if self.rng.chance(10) {
                    format!("{number}转{}", self.rng.range(100, 899))
                } else {
                    number
                }
            }
            (PhoneStyle::Us(area), _) => {
                let line = self.rng.digits(4);
                if self.rng.chance(50) {
                    format!("+1 ({area}) 555-{line}")
                } else {
                    format!("({area}) 555-{line}")
                }
            }
            (PhoneStyle::Uk(_, _), true) => format!("+44 7700 900{}", self.rng.digits(3)),
            (PhoneStyle::Uk(area, prefix), false) => {
                format!("+44 {area} {prefix}{}", self.rng.digits(3))
            }
        }
    }

    /// A phone number not used yet (fiction ranges are small, so give up after a few tries
    /// rather than loop forever; a rare shared switchboard number is realistic anyway).
    fn phone(&mut self, city: &City, mobile: bool) -> String {
        let mut number = self.phone_once(city, mobile);
        for _ in 0..8 {
            if self
                .used_phones
                .insert(crate::model::validate::normalize_phone_digits(&number))
            {
                break;
            }
            number = self.phone_once(city, mobile);
        }
        number
    }

    fn address(&mut self, city: &City) -> String {
        let street = *self.rng.pick(self.l.streets);
        let n = self.rng.range(1, 999);
        if self.zh() {
            let district = *self.rng.pick(city.districts);
            format!("{}{district}{street}{n}号", city.address)
        } else {
            format!("{n} {street}, {}", city.address)
        }
    }

    /// A birthday, `soon` meaning within the next 30 days (month and day; the year is past).
    fn birthday(&mut self, soon: bool) -> NaiveDate {
        let age = self.rng.range(22, 65) as i32;
        let year = (self.today.year() - age).max(crate::model::validate::BIRTHDAY_MIN_YEAR + 1);
        let d = if soon {
            let ahead = self.today + Duration::days(self.rng.range(0, 30));
            NaiveDate::from_ymd_opt(year, ahead.month(), ahead.day())
                .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
                .expect("valid date")
        } else {
            let ordinal = self.rng.range(1, 365) as u32;
            NaiveDate::from_yo_opt(year, ordinal).expect("valid ordinal")
        };
        d.min(self.today)
    }

    fn tags(&mut self) -> Vec<String> {
        let n = self
            .rng
            .weighted(&[(0usize, 35), (1, 35), (2, 20), (3, 10)]);
        let mut tags: Vec<String> = Vec::new();
        while tags.len() < n {
            let t = self.rng.pick(self.l.tags).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        tags
    }
}

/// Generates `count` customers with their contacts, contact log, follow-ups and
/// opportunities, over 24 months of history.
///
/// The mix: about 80% companies and 20% people (some with birthdays in the next 30 days),
/// joining over the last 24 months, more of them lately (see `history`), each with a
/// lifecycle history from its creation day to its current stage; 3–5 owners (a few customers
/// unassigned), 1–3 contacts per company forming a small reporting tree, 0–6 log entries per
/// customer over the last 180 days and never after it left (some customers silent for 100+
/// days, some never contacted), 0–2 follow-ups per active customer from 10 days ago to 14
/// days ahead (some overdue, some due today, some done), and the deals of its history with
/// their collections (see `deals`). Value classes are not drawn: they are the ABC classes of
/// the customers' won deals in the last 12 months (or their yearly revenue where one is set).
/// Some customers who came by referral name the earlier customer who referred them.
/// `today` and `now` anchor all dates; nothing reads the clock.
pub fn generate(
    count: usize,
    lang: DemoLang,
    seed: u64,
    today: NaiveDate,
    now: Timestamp,
) -> DemoData {
    let l = match lang {
        DemoLang::Zh => &ZH,
        DemoLang::En => &EN,
    };
    let mut g = Gen {
        rng: Rng(seed),
        l,
        today,
        now,
        used_names: HashSet::new(),
        used_domains: HashSet::new(),
        used_emails: HashSet::new(),
        used_phones: HashSet::new(),
    };
    let mut owners: Vec<String> = l.owners.iter().map(|s| s.to_string()).collect();
    // Fisher–Yates, then keep 3–5.
    for i in (1..owners.len()).rev() {
        let j = g.rng.below(i as u64 + 1) as usize;
        owners.swap(i, j);
    }
    owners.truncate(g.rng.range(3, 5) as usize);

    let churn_reasons = reasons_in(default_churn_reasons(), g.zh());
    let lives = {
        let mut rng = Rng(seed ^ HISTORY_STREAM);
        history::lives(&mut rng, count, today, now, &churn_reasons)
    };

    let mut data = DemoData {
        owners: owners.clone(),
        ..Default::default()
    };
    let mut first_person = true;
    for (i, life) in lives.into_iter().enumerate() {
        generate_customer(&mut g, &owners, i, &mut first_person, life, &mut data);
    }
    refer(&mut g, &mut data.customers);
    // A stream of its own, so adding opportunities left every earlier record as it was.
    g.rng = Rng(seed ^ OPPORTUNITY_STREAM);
    deals::generate_opportunities(&mut g, &mut data);
    classify_by_value(&mut data, today);
    data.collection_targets = collection_targets(&mut g, &data);
    data.articles = super::cases::generate_articles(&mut g, seed);
    data.cases = super::cases::generate_cases(&mut g, seed, &data.customers, &data.articles);
    data.segments = super::segments::demo_segments(&data.customers, lang);
    data.campaigns = super::campaigns::demo_campaigns(&mut data, seed, g.zh(), today, now);
    data
}

/// Seeds the opportunities' random stream ("opportun" in ASCII).
const OPPORTUNITY_STREAM: u64 = 0x6f70_706f_7274_756e;
/// Seeds the customers' lives ("lifecycl").
const HISTORY_STREAM: u64 = 0x6c69_6665_6379_636c;

/// One language's half of bilingual reasons: `价格 Price` is `价格` in Chinese and `Price` in
/// English (the Chinese comes first, up to the first space).
pub(super) fn reasons_in(bilingual: Vec<String>, zh: bool) -> Vec<String> {
    bilingual.iter().map(|r| close_reason_in(r, zh)).collect()
}

/// The day twelve months before `today`: a customer's value counts its won deals closed
/// after it (the last 12 months, today included).
pub(super) fn value_window_start(today: NaiveDate) -> NaiveDate {
    today - Months::new(12)
}

/// Each customer's value: its yearly revenue where one is typed, otherwise the won deals in
/// the default currency closed in the last 12 months, in minor units.
pub(super) fn values(data: &DemoData, today: NaiveDate) -> Vec<(Id, i64)> {
    let start = value_window_start(today);
    let mut won: HashMap<Id, i64> = HashMap::new();
    for o in &data.opportunities {
        if o.stage == "won"
            && o.currency == DEFAULT_CURRENCY
            && o.closed_on.is_some_and(|d| d > start && d <= today)
        {
            *won.entry(o.customer_id).or_default() += o.amount;
        }
    }
    data.customers
        .iter()
        .map(|c| {
            let v = c
                .annual_revenue
                .unwrap_or_else(|| won.get(&c.id).copied().unwrap_or(0));
            (c.id, v)
        })
        .collect()
}

/// Sets every customer's value class to its ABC class at the default 80/95 thresholds.
fn classify_by_value(data: &mut DemoData, today: NaiveDate) {
    let table = classify(&values(data, today), AbcThresholds::default());
    let class: HashMap<Id, ValueClass> = table.rows.iter().map(|r| (r.customer, r.class)).collect();
    for c in &mut data.customers {
        c.value_class = class[&c.id];
    }
}

/// Two in three customers who came by referral name who referred them: an earlier customer
/// that was buying (development to maturity) on the day they joined, when one is found.
fn refer(g: &mut Gen, customers: &mut [Customer]) {
    let referral = g.l.referral_source;
    let mut by_age: Vec<usize> = (0..customers.len()).collect();
    by_age.sort_by_key(|&i| (customers[i].created_at, i));
    for (p, &i) in by_age.iter().enumerate() {
        if p == 0 || customers[i].source != referral || !g.rng.chance(67) {
            continue;
        }
        let joined = customers[i].created_at;
        let day = history::day_of(joined);
        for _ in 0..12 {
            let r = by_age[g.rng.below(p as u64) as usize];
            let referrer = &customers[r];
            let buying = matches!(
                stage_on(&referrer.lifecycle_history, day),
                Some(Lifecycle::Development | Lifecycle::Growth | Lifecycle::Maturity)
            );
            if referrer.created_at < joined && buying {
                customers[i].referred_by = Some(referrer.id);
                break;
            }
        }
    }
}

/// A monthly collections target per owner: about what the owner collected a month over the
/// last six full months, rounded to ten thousand yuan, a little above or below.
fn collection_targets(g: &mut Gen, data: &DemoData) -> Vec<OwnerTarget> {
    let end = g.today.with_day(1).expect("first of the month");
    let start = end - Months::new(6);
    let mut collected: HashMap<&str, i64> = HashMap::new();
    for o in &data.opportunities {
        if o.currency != DEFAULT_CURRENCY {
            continue;
        }
        for p in &o.collections {
            if p.on >= start && p.on < end {
                *collected.entry(o.owner.as_str()).or_default() += p.amount;
            }
        }
    }
    const TEN_THOUSAND_YUAN: i64 = 10_000 * 100;
    data.owners
        .iter()
        .map(|owner| {
            let monthly = collected.get(owner.as_str()).copied().unwrap_or(0) / 6;
            let aimed = monthly * g.rng.range(90, 125) / 100;
            OwnerTarget {
                owner: owner.clone(),
                monthly: (aimed / TEN_THOUSAND_YUAN).max(1) * TEN_THOUSAND_YUAN,
            }
        })
        .collect()
}

fn generate_customer(
    g: &mut Gen,
    owners: &[String],
    index: usize,
    first_person: &mut bool,
    life: Life,
    data: &mut DemoData,
) {
    let l = g.l;
    let today = g.today;
    let id = g.rng.id();
    // The second customer is always a person, so even a small demo shows one.
    let kind = if index == 1 || g.rng.chance(20) {
        CustomerKind::Person
    } else {
        CustomerKind::Company
    };
    let city = g.rng.pick(l.cities);
    let industry = g.rng.pick(l.industries);
    let (brand, brand_ascii) = *g.rng.pick(l.brands);
    let Life {
        activity,
        created_days,
        created_at,
        history: lifecycle_history,
    } = life;
    let lifecycle = lifecycle_history
        .last()
        .map_or(Lifecycle::Prospect, |c| c.to);
    let ended_on = history::ended_on(&lifecycle_history);
    let archived = if lifecycle == Lifecycle::Termination {
        g.rng.chance(50)
    } else {
        g.rng.chance(2)
    };
    let owner = if g.rng.chance(4) {
        String::new()
    } else {
        g.rng.pick(owners).clone()
    };

    let mut phones = Vec::new();
    let mut emails = Vec::new();
    let domain = g.unique_domain(brand_ascii, city);
    let (name, company, size, birthday) = match kind {
        CustomerKind::Company => {
            let name = g.company_name(city, industry, brand);
            let company = if g.rng.chance(10) {
                let sep = if g.zh() { "" } else { " " };
                format!("{brand}{sep}{}", l.group_suffix)
            } else {
                String::new()
            };
            if g.rng.chance(90) {
                phones.push(Labeled::new(Label::Work, g.phone(city, false)));
            }
            if g.rng.chance(20) {
                phones.push(Labeled::new(Label::Mobile, g.phone(city, true)));
            }
            if g.rng.chance(15) {
                phones.push(Labeled::new(Label::Fax, g.phone(city, false)));
            }
            if g.rng.chance(60) {
                let local = *g.rng.pick(&["info", "sales", "contact", "service"]);
                emails.push(Labeled::new(Label::Work, g.unique_email(local, &domain)));
            }
            let size = g.rng.weighted(&[
                (SizeBand::Unknown, 5),
                (SizeBand::Micro, 15),
                (SizeBand::Small, 30),
                (SizeBand::Medium, 25),
                (SizeBand::Large, 15),
                (SizeBand::Enterprise, 10),
            ]);
            (name, company, size, None)
        }
        CustomerKind::Person => {
            let p = g.person_name();
            if g.rng.chance(90) {
                phones.push(Labeled::new(Label::Mobile, g.phone(city, true)));
            }
            if g.rng.chance(20) {
                phones.push(Labeled::new(Label::Home, g.phone(city, false)));
            }
            if g.rng.chance(70) {
                let mail = *g.rng.pick(l.mail_domains);
                let local = if g.rng.chance(50) {
                    format!("{}.{}", p.given_ascii, p.family_ascii)
                } else {
                    format!("{}{}{}", p.family_ascii, p.given_ascii, g.rng.range(1, 99))
                };
                emails.push(Labeled::new(Label::Home, g.unique_email(&local, mail)));
            }
            let company = if g.rng.chance(60) {
                let word = *g.rng.pick(industry.words);
                if g.zh() {
                    format!("{}{brand}{word}有限公司", city.region)
                } else {
                    format!("{brand} {word}")
                }
            } else {
                String::new()
            };
            let birthday = if *first_person {
                *first_person = false;
                Some(g.birthday(true))
            } else if g.rng.chance(85) {
                let soon = g.rng.chance(30);
                Some(g.birthday(soon))
            } else {
                None
            };
            (p.name, company, SizeBand::Unknown, birthday)
        }
    };
    let updated_at = if g.rng.chance(50) {
        Timestamp(created_at.0 + g.rng.range(0, g.now.0 - created_at.0))
    } else {
        created_at
    };
    // Every lifecycle move was an edit: the record was updated at least on the last one.
    let moves = lifecycle_history.len() as u32 - 1;
    let updated_at = match lifecycle_history.last() {
        Some(last) if moves > 0 => {
            let moved = last
                .on
                .and_hms_opt(17, 0, 0)
                .expect("valid time")
                .and_utc()
                .timestamp_millis();
            Timestamp(
                updated_at
                    .0
                    .max(moved.clamp(created_at.0, g.now.0.max(created_at.0))),
            )
        }
        _ => updated_at,
    };
    let rev = if updated_at == created_at {
        1
    } else {
        g.rng.range(2, 5) as u32 + moves
    };
    let gross_margin_percent = g
        .rng
        .chance(5)
        .then(|| *g.rng.pick(&[15u8, 20, 25, 35, 40, 45, 50]));
    let customer = Customer {
        id,
        created_at,
        updated_at,
        deleted_at: None,
        rev,
        name,
        kind,
        company,
        industry: if g.rng.chance(95) {
            industry.name.to_string()
        } else {
            String::new()
        },
        size,
        region: if g.rng.chance(95) {
            city.region.to_string()
        } else {
            String::new()
        },
        source: if g.rng.chance(90) {
            g.rng.pick(l.sources).to_string()
        } else {
            String::new()
        },
        tags: g.tags(),
        lifecycle,
        // Decided from the deals once they are made.
        value_class: ValueClass::C,
        owner,
        phones,
        emails,
        address: if g.rng.chance(70) {
            g.address(city)
        } else {
            String::new()
        },
        birthday,
        birthday_month_day: None,
        notes: if g.rng.chance(30) {
            g.rng.pick(l.notes).to_string()
        } else {
            String::new()
        },
        archived,
        merged_into: None,
        lifecycle_history,
        annual_revenue: None,
        gross_margin_percent,
        referred_by: None,
        lifetime_manual: Default::default(),
        marketing_opt_out: None,
    };

    // Contacts: 1–3 per company; the first is the senior one the others report to.
    let mut contact_ids = Vec::new();
    if kind == CustomerKind::Company {
        let n = g.rng.range(1, 3) as usize;
        for k in 0..n {
            let p = g.person_name();
            let (title, department) = if k == 0 {
                *g.rng.pick(l.senior)
            } else {
                *g.rng.pick(l.junior)
            };
            let reports_to = match k {
                0 => None,
                1 => Some(contact_ids[0]),
                _ => Some(*g.rng.pick(&contact_ids)),
            };
            let contact_id = g.rng.id();
            let mut phones = Vec::new();
            if g.rng.chance(90) {
                phones.push(Labeled::new(Label::Mobile, g.phone(city, true)));
            }
            if g.rng.chance(30) {
                phones.push(Labeled::new(Label::Work, g.phone(city, false)));
            }
            let mut emails = Vec::new();
            if g.rng.chance(70) {
                let local = format!("{}.{}", p.given_ascii, p.family_ascii);
                emails.push(Labeled::new(Label::Work, g.unique_email(&local, &domain)));
            }
            let birthday = if g.rng.chance(30) {
                let soon = g.rng.chance(20);
                Some(g.birthday(soon))
            } else {
                None
            };
            data.contacts.push(Contact {
                id: contact_id,
                created_at,
                updated_at: created_at,
                deleted_at: None,
                rev: 1,
                customer_id: id,
                name: p.name,
                title: title.to_string(),
                department: department.to_string(),
                reports_to,
                phones,
                emails,
                birthday,
                birthday_month_day: None,
                notes: String::new(),
                marketing_opt_out: None,
            });
            contact_ids.push(contact_id);
        }
    }

    // The contact log.
    let window = created_days.min(180);
    let (n, lo, hi) = match activity {
        Activity::None => (0, 0, 0),
        Activity::Stale => (g.rng.range(1, 3), 100, 180),
        Activity::Active => (g.rng.range(1, 6), 0, window),
    };
    // Nobody calls a customer that has left.
    let gone = ended_on.map_or(0, |d| (today - d).num_days().max(0));
    let (n, lo) = if lo.max(gone) > hi {
        (0, lo)
    } else {
        (n, lo.max(gone))
    };
    for _ in 0..n {
        let ago = g.rng.range(lo, hi);
        let day = today - Duration::days(ago);
        // Today's entries are from the morning, so they are not "in the future" at demo time.
        let minutes = if ago == 0 {
            g.rng.range(8 * 4, 10 * 4 - 1) * 15
        } else {
            g.rng.range(9 * 4, 18 * 4 - 1) * 15
        };
        let at = NaiveDateTime::new(
            day,
            NaiveTime::from_hms_opt((minutes / 60) as u32, (minutes % 60) as u32, 0)
                .expect("valid time"),
        );
        let k = g
            .rng
            .weighted(&[(0usize, 35), (1, 20), (2, 15), (3, 15), (4, 15)]);
        let logged = Timestamp((g.now.0 - ago * DAY_MS).max(created_at.0));
        let contact_id = if !contact_ids.is_empty() && g.rng.chance(70) {
            Some(*g.rng.pick(&contact_ids))
        } else {
            None
        };
        data.interactions.push(Interaction {
            id: g.rng.id(),
            created_at: logged,
            updated_at: logged,
            deleted_at: None,
            rev: 1,
            customer_id: id,
            contact_id,
            at,
            kind: KIND_INDEX[k],
            summary: g.rng.pick(l.summaries[k]).to_string(),
            outcome: g.rng.pick(l.outcomes).to_string(),
            attachments: Vec::new(),
            opportunity_id: None,
            competitor_news: if g.rng.chance(8) {
                g.rng.pick(l.competitor_news).to_string()
            } else {
                String::new()
            },
            customer_opinion: if g.rng.chance(12) {
                g.rng.pick(l.customer_opinions).to_string()
            } else {
                String::new()
            },
        });
    }

    // Follow-ups, for customers still being worked.
    let n = if customer.archived || lifecycle == Lifecycle::Termination {
        0
    } else {
        g.rng.weighted(&[(0, 35), (1, 40), (2, 25)])
    };
    for _ in 0..n {
        let offset = if g.rng.chance(15) {
            0
        } else {
            g.rng.range(-10, 14)
        };
        let due = today + Duration::days(offset);
        let status = match offset {
            o if o < 0 => g.rng.weighted(&[
                (FollowUpStatus::Done, 55),
                (FollowUpStatus::Cancelled, 10),
                (FollowUpStatus::Open, 35),
            ]),
            0 => g
                .rng
                .weighted(&[(FollowUpStatus::Done, 25), (FollowUpStatus::Open, 75)]),
            _ => FollowUpStatus::Open,
        };
        let planned_days_before = g.rng.range(1, 7);
        let created = Timestamp(
            (g.now.0 - (planned_days_before + (-offset).max(0)) * DAY_MS)
                .max(created_at.0)
                .min(g.now.0),
        );
        let updated = match status {
            FollowUpStatus::Open => created,
            _ if offset == 0 => g.now,
            _ => Timestamp((g.now.0 + offset * DAY_MS).max(created.0)),
        };
        let k = g
            .rng
            .weighted(&[(0usize, 40), (1, 35), (2, 10), (3, 10), (4, 5)]);
        let kind = KIND_INDEX[k];
        let time = if g.rng.chance(60) {
            let minutes = g.rng.range(9 * 2, 17 * 2) * 30;
            NaiveTime::from_hms_opt((minutes / 60) as u32, (minutes % 60) as u32, 0)
        } else {
            None
        };
        let place = if matches!(kind, InteractionKind::Visit | InteractionKind::Meeting)
            && !customer.address.is_empty()
            && g.rng.chance(70)
        {
            customer.address.clone()
        } else {
            String::new()
        };
        let contact_id = if !contact_ids.is_empty() && g.rng.chance(60) {
            Some(*g.rng.pick(&contact_ids))
        } else {
            None
        };
        let result = if status == FollowUpStatus::Done {
            g.rng.pick(l.results).to_string()
        } else {
            String::new()
        };
        data.follow_ups.push(FollowUp {
            id: g.rng.id(),
            created_at: created,
            updated_at: updated,
            deleted_at: None,
            rev: if status == FollowUpStatus::Open { 1 } else { 2 },
            customer_id: id,
            contact_id,
            due,
            time,
            kind,
            purpose: g.rng.pick(l.purposes[k]).to_string(),
            place,
            owner: customer.owner.clone(),
            status,
            result,
            opportunity_id: None,
            recurrence: None,
        });
    }
    data.customers.push(customer);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::care::upcoming_birthdays;
    use crate::activity::forms::{FollowUpForm, InteractionForm};
    use crate::customers::duplicates::{find_duplicates, MatchReason};
    use crate::customers::forms::{ContactForm, CustomerForm};
    use crate::pipeline::forms::OpportunityForm;
    use std::collections::HashMap;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
    }

    /// 2026-03-05 10:00 UTC.
    fn now() -> Timestamp {
        Timestamp(
            today()
                .and_hms_opt(10, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis(),
        )
    }

    #[test]
    fn splitmix_matches_the_reference_sequence() {
        // First outputs of SplitMix64 seeded with 1234567 (from the reference implementation).
        let mut r = Rng(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        assert_eq!(r.next_u64(), 3203168211198807973);
        let mut r = Rng(7);
        for _ in 0..1000 {
            assert!(r.below(6) < 6);
            let x = r.range(-10, 14);
            assert!((-10..=14).contains(&x));
        }
        let id = Rng(1).id().0;
        assert_eq!(id.get_version_num(), 4);
        assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
    }

    #[test]
    fn same_inputs_same_data_other_seed_other_data() {
        let a = generate(150, DemoLang::Zh, 42, today(), now());
        let b = generate(150, DemoLang::Zh, 42, today(), now());
        assert_eq!(a, b);
        let c = generate(150, DemoLang::Zh, 43, today(), now());
        assert_ne!(a.customers[0].id, c.customers[0].id);
        assert_ne!(a, c);
        assert_eq!(a.customers.len(), 150);
        assert!(generate(0, DemoLang::En, 1, today(), now())
            .customers
            .is_empty());
    }

    fn check_forms(data: &DemoData) {
        let t = today();
        for c in &data.customers {
            let form = CustomerForm::from_record(c);
            assert_eq!(form.validate(t), Ok(()), "{c:?}");
            // Stored exactly as the form would store it.
            assert_eq!(form.apply(c.clone(), t).as_ref(), Ok(c));
        }
        for c in &data.contacts {
            let form = ContactForm::from_record(c);
            assert_eq!(form.validate_for(Some(c.id), t), Ok(()), "{c:?}");
            assert_eq!(form.apply(c.clone(), Some(c.id), t).as_ref(), Ok(c));
        }
        for i in &data.interactions {
            let form = InteractionForm::from_record(i);
            assert_eq!(form.validate(t), Ok(()), "{i:?}");
            assert_eq!(form.apply(i.clone()).as_ref(), Ok(i));
        }
        for f in &data.follow_ups {
            let form = FollowUpForm::from_record(f);
            assert_eq!(form.validate(t), Ok(()), "{f:?}");
            assert_eq!(form.apply(f.clone()).as_ref(), Ok(f));
        }
        let settings = demo_settings(data);
        for o in &data.opportunities {
            let form = OpportunityForm::from_record(o);
            assert_eq!(form.validate(&settings, t), Ok(()), "{o:?}");
            assert_eq!(form.apply(o.clone(), &settings, t).as_ref(), Ok(o));
        }
    }

    #[test]
    fn every_demo_text_is_in_the_demo_language() {
        // Acronyms (ERP, CRM) are how Chinese writes them too.
        let latin_word = |t: &str| {
            t.split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 2 && !w.chars().all(|c| c.is_ascii_uppercase()))
        };
        let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (lang, seed) in [(DemoLang::Zh, 3), (DemoLang::En, 3), (DemoLang::Zh, 11)] {
            let data = generate(1000, lang, seed, today(), now());
            let mut texts: Vec<&str> = Vec::new();
            for o in &data.opportunities {
                texts.extend([o.title.as_str(), &o.next_step, &o.close_reason, &o.notes]);
                texts.extend(o.competitors.iter().map(String::as_str));
            }
            for x in &data.interactions {
                texts.extend([
                    x.summary.as_str(),
                    &x.outcome,
                    &x.competitor_news,
                    &x.customer_opinion,
                ]);
            }
            for f in &data.follow_ups {
                texts.extend([f.purpose.as_str(), &f.place, &f.result]);
            }
            for c in &data.customers {
                texts.extend([
                    c.industry.as_str(),
                    &c.region,
                    &c.source,
                    &c.notes,
                    &c.address,
                ]);
                texts.extend(c.tags.iter().map(String::as_str));
                texts.extend(c.lifecycle_history.iter().map(|h| h.reason.as_str()));
            }
            for p in &data.contacts {
                texts.extend([p.title.as_str(), &p.department, &p.notes]);
            }
            let closed = data
                .opportunities
                .iter()
                .filter(|o| !o.close_reason.is_empty())
                .count();
            assert!(closed > 20, "{lang:?}: {closed} closed opportunities");
            let mut wrong: Vec<&str> = texts
                .into_iter()
                .filter(|t| match lang {
                    DemoLang::Zh => latin_word(t),
                    DemoLang::En => han(t),
                })
                .collect();
            wrong.sort_unstable();
            wrong.dedup();
            assert_eq!(wrong, Vec::<&str>::new(), "{lang:?}");
        }
    }

    #[test]
    fn every_record_passes_its_form_in_both_languages() {
        for lang in [DemoLang::Zh, DemoLang::En] {
            for seed in [1, 2, 3] {
                check_forms(&generate(300, lang, seed, today(), now()));
            }
        }
    }

    #[test]
    fn chinese_data_looks_chinese_and_english_english() {
        let zh = generate(200, DemoLang::Zh, 5, today(), now());
        let companies: Vec<&Customer> = zh
            .customers
            .iter()
            .filter(|c| c.kind == CustomerKind::Company)
            .collect();
        for c in &companies {
            assert!(
                c.name.ends_with("有限公司") || c.name.ends_with("分公司"),
                "{}",
                c.name
            );
            assert!(
                ZH.cities.iter().any(|city| c.name.starts_with(city.region)),
                "{}",
                c.name
            );
        }
        let industries: HashSet<&str> = zh.customers.iter().map(|c| c.industry.as_str()).collect();
        assert!(industries.contains("软件") && industries.contains("制造"));
        for c in zh
            .customers
            .iter()
            .filter(|c| c.kind == CustomerKind::Person)
        {
            let chars = c.name.chars().count();
            assert!((2..=4).contains(&chars), "{}", c.name);
        }
        let landline = zh
            .customers
            .iter()
            .flat_map(|c| &c.phones)
            .find(|p| p.label == Label::Work)
            .unwrap();
        assert!(landline.value.starts_with('0') && landline.value.contains('-'));
        assert!(zh.owners.iter().all(|o| ZH.owners.contains(&o.as_str())));

        let en = generate(200, DemoLang::En, 5, today(), now());
        assert!(en.customers.iter().all(|c| c.name.is_ascii()));
        assert!(en.owners.iter().all(|o| EN.owners.contains(&o.as_str())));
        let sources: HashSet<&str> = en.customers.iter().map(|c| c.source.as_str()).collect();
        assert!(sources.contains("Referral"));
    }

    #[test]
    fn realistic_spread() {
        let data = generate(2000, DemoLang::Zh, 11, today(), now());
        let t = today();
        // Value classes follow the deals (see history_tests): a fifth or so of the customers
        // bring 80% of the value, and everyone who bought nothing in a year is C.
        let share = |v: ValueClass| {
            data.customers.iter().filter(|c| c.value_class == v).count() * 100 / 2000
        };
        assert!(
            (15..=25).contains(&share(ValueClass::A)),
            "{}",
            share(ValueClass::A)
        );
        assert!(
            (8..=25).contains(&share(ValueClass::B)),
            "{}",
            share(ValueClass::B)
        );
        assert!(
            (55..=75).contains(&share(ValueClass::C)),
            "{}",
            share(ValueClass::C)
        );
        let lifecycles: HashSet<Lifecycle> = data.customers.iter().map(|c| c.lifecycle).collect();
        assert_eq!(lifecycles.len(), Lifecycle::ALL.len());

        // 3–5 owners, every customer has one of them or none.
        assert!((3..=5).contains(&data.owners.len()));
        assert!(data
            .customers
            .iter()
            .all(|c| c.owner.is_empty() || data.owners.contains(&c.owner)));
        let used: HashSet<&str> = data.customers.iter().map(|c| c.owner.as_str()).collect();
        assert_eq!(
            used.len(),
            data.owners.len() + 1,
            "every owner used, and some unassigned"
        );

        // Ids are unique across all records.
        let mut ids = HashSet::new();
        assert!(data.customers.iter().all(|c| ids.insert(c.id)));
        assert!(data.contacts.iter().all(|c| ids.insert(c.id)));
        assert!(data.interactions.iter().all(|c| ids.insert(c.id)));
        assert!(data.follow_ups.iter().all(|c| ids.insert(c.id)));

        // Contacts: 1–3 per company, none for people; reports_to points at an earlier
        // contact of the same customer, so the organisation is a tree.
        let kinds: HashMap<Id, CustomerKind> =
            data.customers.iter().map(|c| (c.id, c.kind)).collect();
        let mut per_customer: HashMap<Id, Vec<&Contact>> = HashMap::new();
        for c in &data.contacts {
            per_customer.entry(c.customer_id).or_default().push(c);
        }
        for c in &data.customers {
            let n = per_customer.get(&c.id).map_or(0, Vec::len);
            match c.kind {
                CustomerKind::Company => assert!((1..=3).contains(&n)),
                CustomerKind::Person => assert_eq!(n, 0),
            }
        }
        for contacts in per_customer.values() {
            assert_eq!(contacts[0].reports_to, None);
            for (k, c) in contacts.iter().enumerate().skip(1) {
                let boss = c.reports_to.unwrap();
                assert!(contacts[..k].iter().any(|b| b.id == boss));
                assert!(!c.title.is_empty() && !c.department.is_empty());
            }
        }
        assert!(data
            .contacts
            .iter()
            .all(|c| kinds[&c.customer_id] == CustomerKind::Company));

        // Log: 0–6 per customer within 180 days; some customers silent for 100+ days.
        let mut last: HashMap<Id, NaiveDate> = HashMap::new();
        let mut counts: HashMap<Id, usize> = HashMap::new();
        for i in &data.interactions {
            let d = i.at.date();
            assert!(d <= t && (t - d).num_days() <= 180);
            *counts.entry(i.customer_id).or_default() += 1;
            let l = last.entry(i.customer_id).or_insert(d);
            *l = (*l).max(d);
            assert!(i.created_at <= now());
        }
        assert!(counts.values().all(|&n| n <= 6));
        assert!(data.customers.iter().any(|c| !counts.contains_key(&c.id)));
        let silent = last
            .values()
            .filter(|d| (t - **d).num_days() >= 100)
            .count();
        assert!(silent > 100, "{silent}");

        // Follow-ups: 0–2 per customer, due from 10 days ago to 14 ahead, some overdue,
        // some today, some done.
        let mut fu_counts: HashMap<Id, usize> = HashMap::new();
        for f in &data.follow_ups {
            let off = (f.due - t).num_days();
            assert!((-10..=14).contains(&off));
            *fu_counts.entry(f.customer_id).or_default() += 1;
            assert!(f.created_at <= f.updated_at && f.updated_at <= now());
        }
        assert!(fu_counts.values().all(|&n| n <= 2));
        let overdue = data
            .follow_ups
            .iter()
            .filter(|f| f.due < t && f.status == FollowUpStatus::Open)
            .count();
        let due_today = data.follow_ups.iter().filter(|f| f.due == t).count();
        let done = data
            .follow_ups
            .iter()
            .filter(|f| f.status == FollowUpStatus::Done)
            .count();
        assert!(
            overdue > 20 && due_today > 20 && done > 20,
            "{overdue} {due_today} {done}"
        );

        // Timestamps never in the future; created no later than updated.
        assert!(data
            .customers
            .iter()
            .all(|c| c.created_at <= c.updated_at && c.updated_at <= now()));
        assert!(data
            .customers
            .iter()
            .any(|c| c.created_at.to_datetime().date_naive() == t));
    }

    #[test]
    fn opportunities_spread_over_the_pipeline() {
        use crate::pipeline::forecast::forecast;
        use crate::pipeline::stale::{is_stale, last_activity};
        let data = generate(1000, DemoLang::Zh, 11, today(), now());
        let settings = demo_settings(&data);
        let t = today();
        let customers: HashMap<Id, &Customer> = data.customers.iter().map(|c| (c.id, c)).collect();
        let mut per_customer: HashMap<Id, usize> = HashMap::new();
        let mut open_per_customer: HashMap<Id, usize> = HashMap::new();
        for o in &data.opportunities {
            *per_customer.entry(o.customer_id).or_default() += 1;
            let c = customers[&o.customer_id];
            // With 24 months of history, customers that left or were archived keep the deals
            // they closed; only the ones still worked have open deals.
            if o.closed_on.is_none() {
                assert!(!c.archived && c.lifecycle != Lifecycle::Termination);
                *open_per_customer.entry(o.customer_id).or_default() += 1;
            }
            assert!(o.created_at >= c.created_at && o.created_at <= o.updated_at);
            assert!(o.updated_at <= now());
            assert_eq!(o.owner, c.owner);
            if c.lifecycle == Lifecycle::Prospect {
                assert_ne!(o.stage, "won", "a prospect has won nothing yet");
            }
            if let Some(closed) = o.closed_on {
                assert!(closed <= t && closed >= o.created_at.to_datetime().date_naive());
            }
        }
        // A deal every few months while a customer is worked, at most two open at a time.
        assert!(open_per_customer.values().all(|&n| (1..=2).contains(&n)));
        let most = per_customer.values().max().copied().unwrap_or(0);
        assert!((4..=15).contains(&most), "{most}");
        let share = per_customer.len() * 100 / data.customers.len();
        assert!((50..=85).contains(&share), "{share}% of customers");
        let stages: HashSet<&str> = data
            .opportunities
            .iter()
            .map(|o| o.stage.as_str())
            .collect();
        assert_eq!(stages.len(), 6, "every default stage is used");
        let count =
            |f: &dyn Fn(&Opportunity) -> bool| data.opportunities.iter().filter(|o| f(o)).count();
        assert!(count(&|o| o.probability_overridden) > 5);
        assert!(count(&|o| o.currency == "USD") > 3);
        assert!(
            count(&|o| o.closed_on.is_none() && o.expected_close.is_some_and(|d| d < t)) > 5,
            "overdue"
        );
        assert!(count(&|o| !o.competitors.is_empty()) > 20);

        // Linked work belongs to the same customer; some opportunities have gone stale.
        let ids: HashMap<Id, Id> = data
            .opportunities
            .iter()
            .map(|o| (o.id, o.customer_id))
            .collect();
        let linked = data
            .interactions
            .iter()
            .filter_map(|i| i.opportunity_id.map(|o| (o, i.customer_id)))
            .chain(
                data.follow_ups
                    .iter()
                    .filter_map(|f| f.opportunity_id.map(|o| (o, f.customer_id))),
            );
        let mut links = 0;
        for (o, c) in linked {
            assert_eq!(ids[&o], c);
            links += 1;
        }
        assert!(links > 50, "{links}");
        let last = last_activity(&data.opportunities, &data.interactions, &data.follow_ups, 0);
        let stale = count(&|o| is_stale(o, last.get(&o.id).copied(), t, &settings));
        let open = count(&|o| o.closed_on.is_none());
        assert!(stale > 10 && stale < open, "{stale} of {open}");

        let f = forecast(&data.opportunities, &settings);
        assert!(f.total.weighted.get("CNY") > 0 && f.total.won.get("CNY") > 0);
        assert!(f.total.weighted.get("USD") > 0);
        assert!(f.by_month.len() > 5 && f.by_owner.len() == data.owners.len() + 1);
    }

    #[test]
    fn some_people_have_birthdays_soon_even_in_a_small_demo() {
        for seed in 0..20 {
            let data = generate(5, DemoLang::En, seed, today(), now());
            let soon = upcoming_birthdays(&data.customers, &data.contacts, today(), 30);
            assert!(
                soon.iter()
                    .any(|b| matches!(b.who, crate::activity::care::Person::Customer(_))),
                "seed {seed}"
            );
        }
        let data = generate(500, DemoLang::Zh, 3, today(), now());
        let people = data
            .customers
            .iter()
            .filter(|c| c.kind == CustomerKind::Person)
            .count();
        assert!((70..=150).contains(&people), "{people}");
        let soon = upcoming_birthdays(&data.customers, &data.contacts, today(), 30);
        assert!(soon.len() > 10, "{}", soon.len());
    }

    #[test]
    fn demo_records_are_not_duplicates_of_each_other() {
        for lang in [DemoLang::Zh, DemoLang::En] {
            let data = generate(300, lang, 9, today(), now());
            for c in &data.customers {
                let phones: Vec<String> = c.phones.iter().map(|p| p.value.clone()).collect();
                let emails: Vec<String> = c.emails.iter().map(|e| e.value.clone()).collect();
                let found = find_duplicates(&c.name, &phones, &emails, &data.customers, Some(c.id));
                for m in found {
                    // Two people may share a common name; nothing else may match.
                    assert_eq!(m.reasons, vec![MatchReason::Name], "{} {lang:?}", c.name);
                    assert_eq!(c.kind, CustomerKind::Person, "{}", c.name);
                }
            }
        }
    }

    #[test]
    fn settings_take_the_demo_owners() {
        let data = generate(20, DemoLang::Zh, 1, today(), now());
        let s = demo_settings(&data);
        assert_eq!(s.owners, data.owners);
        assert_eq!(s.care_days, crate::model::records::CareDays::default());
    }

    #[test]
    fn ten_thousand_customers_generate() {
        let data = generate(10_000, DemoLang::Zh, 2026, today(), now());
        assert_eq!(data.customers.len(), 10_000);
        assert!(data.contacts.len() > 10_000);
    }
}
