//! Importing customers, each with an optional contact person, from CSV files as Excel
//! (including Excel on Chinese Windows) and Google Sheets write them.
//!
//! The steps match the import dialog: [`detect_encoding`] on the file's bytes (the browser then
//! decodes with `TextDecoder(encoding.label())`, so no encoding tables ship in the wasm),
//! [`detect_delimiter`] and [`parse_table`] on the text, [`guess_mapping`] to pre-fill the
//! column choices, [`preview`] while the user adjusts them, and [`plan_import`] to build one
//! [`Batch`] that the storage layer writes all or nothing. [`report_csv`] turns the per-row
//! results into a file the user can download and fix in a spreadsheet.
//!
//! Every row goes through the same forms and validation as manual entry, so an import can
//! never store what the customer form would refuse.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::customers::commands::{create_contact, create_customer};
use crate::customers::duplicates::find_duplicates;
use crate::customers::forms::{ContactForm, CustomerForm};
use crate::customers::lifecycle;
use crate::io::csv_export::{push_row, FORMULA_STARTS};
use crate::marketing::opt_out::parse_opt_out_cell;
use crate::marketing::OptOut;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    Contact, Customer, CustomerKind, Label, Labeled, Lifecycle, MonthDay, Record, SizeBand,
    ValueClass,
};
use crate::model::validate::{
    self, fold_width, normalize_email, normalize_phone_digits, Field, FieldError, Problem,
    NAME_MAX, TEXT_MAX,
};
use crate::store::Batch;

// ---------------------------------------------------------------------------------------------
// Encoding

/// The text encoding of an imported file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte order mark: what Excel writes for "CSV UTF-8".
    Utf8Bom,
    /// What Excel writes for "Unicode text" (tab-separated).
    Utf16Le,
    Utf16Be,
    /// Plain "CSV" from Excel on Chinese Windows (the system code page, GBK, which GB18030
    /// extends).
    Gb18030,
}

impl Encoding {
    /// The WHATWG label to pass to the browser's `TextDecoder`. The UTF decoders there remove
    /// a matching BOM themselves (and [`parse_table`] would too).
    pub fn label(&self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

/// How much of a file the UTF-16 check looks at: enough for dozens of rows.
const SNIFF_BYTES: usize = 4096;

/// Guesses a file's encoding from its bytes: a byte order mark first; then UTF-16 without
/// one, recognised by NUL bytes in every other position (text in UTF-8 or GB18030 never
/// contains NUL, and CSV is full of ASCII delimiters, digits and line breaks); then valid UTF-8
/// (which GBK text practically never is); everything else is taken as GB18030, since that is
/// what Excel on Chinese Windows writes.
pub fn detect_encoding(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Encoding::Utf8Bom;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Encoding::Utf16Le;
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Utf16Be;
    }
    if let Some(utf16) = utf16_by_nul_pattern(bytes) {
        return utf16;
    }
    if std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Gb18030
    }
}

fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let (mut even, mut odd, mut pairs) = (0usize, 0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        pairs += 1;
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // ASCII characters put their NUL on one side. Some CJK characters (一 is U+4E00) put a NUL
    // on the other, so that side is only required to be clearly rarer; and a tenth of the
    // characters being ASCII holds even for CSV that is mostly Chinese, because of the
    // delimiters and line breaks.
    let clear = |ascii: usize, other: usize| pairs > 0 && ascii * 10 >= pairs && other * 3 < ascii;
    if clear(odd, even) {
        Some(Encoding::Utf16Le)
    } else if clear(even, odd) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Table

/// Delimiters worth guessing: comma (the default), semicolon (Excel where the decimal mark
/// is a comma) and tab (Excel's "Unicode text", and copying cells).
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// Rows looked at when guessing the delimiter.
const SNIFF_ROWS: usize = 20;
/// More columns than any customer list has, yet few enough that a file read with the wrong
/// delimiter (or not a CSV at all) is refused before the UI tries to lay it out.
pub const MAX_COLUMNS: usize = 200;
/// At most this many one-cell title rows ("2024 年客户名单") are skipped above the header.
const MAX_TITLE_ROWS: usize = 3;

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// Picks the delimiter that splits the first rows into the same number of fields most often,
/// counting only rows it splits at all, so a stray semicolon in a comma file does not win.
/// Quoted delimiters do not count. Ties go to comma, then semicolon, then tab.
pub fn detect_delimiter(text: &str) -> u8 {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut best = (b',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for record in reader(text, delimiter).byte_records().take(SNIFF_ROWS) {
            let Ok(record) = record else { break };
            if record.len() > 1 {
                *counts.entry(record.len()).or_default() += 1;
            }
        }
        let (fields, rows) = counts
            .into_iter()
            .max_by_key(|&(fields, rows)| (rows, fields))
            .unwrap_or((0, 0));
        if (rows, fields) > (best.1, best.2) {
            best = (delimiter, rows, fields);
        }
    }
    best.0
}

/// A parsed CSV file: the header row and the data rows, as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Trimmed.
    pub headers: Vec<String>,
    /// As in the file (not trimmed), fully blank rows dropped.
    pub rows: Vec<Vec<String>>,
    /// 1-based line numbers of rows whose field count differs from the header's.
    pub ragged: Vec<usize>,
    /// The 1-based line on which each row starts, parallel to `rows`: what the user finds
    /// in a text editor (and in Excel too, unless a cell has line breaks).
    pub lines: Vec<usize>,
}

/// Why a file cannot be read as a table.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
pub enum CsvError {
    /// Nothing but blanks.
    #[error("the file is empty")]
    Empty,
    /// Rows exist but no cell has any text (only delimiters).
    #[error("the file has no header row")]
    NoHeader,
    /// More than [`MAX_COLUMNS`] fields in a row (carries the count).
    #[error("too many columns: {0}")]
    TooManyColumns(usize),
    /// A quote opened on this line is never closed, which would swallow the rest of the file
    /// into one cell.
    #[error("malformed CSV at line {line}")]
    Malformed { line: usize },
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

fn non_blank_cells(cells: &[String]) -> usize {
    cells.iter().filter(|c| !c.trim().is_empty()).count()
}

/// Reads `text` (already decoded) as CSV: quoted fields may contain delimiters, line breaks
/// and doubled quotes; rows may have differing field counts (reported in `ragged`). A leading
/// BOM is removed and blank rows are dropped. Up to three title rows with a single cell of
/// text above the real header are skipped, as hand-made Chinese spreadsheets often have one.
pub fn parse_table(text: &str, delimiter: u8) -> Result<Table, CsvError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    if let Some(line) = unterminated_quote(text, delimiter) {
        return Err(CsvError::Malformed { line });
    }
    let mut records: Vec<(usize, Vec<String>)> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut rdr = reader(text, delimiter);
    loop {
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                return Err(CsvError::Malformed { line });
            }
        }
        if record.len() > MAX_COLUMNS {
            return Err(CsvError::TooManyColumns(record.len()));
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if !is_blank(&cells) {
            records.push((line, cells));
        }
    }
    if records.is_empty() {
        return Err(CsvError::NoHeader);
    }
    let header_at = header_row(&records);
    let mut records = records.into_iter().skip(header_at);
    let (_, headers) = records.next().ok_or(CsvError::NoHeader)?;
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    let mut table = Table {
        headers,
        ..Table::default()
    };
    for (line, cells) in records {
        if cells.len() != table.headers.len() {
            table.ragged.push(line);
        }
        table.lines.push(line);
        table.rows.push(cells);
    }
    Ok(table)
}

/// The index of the header among the first non-blank records: the first with two or more
/// cells of text, if every record above it is a single-cell title that is not itself a
/// recognised column name (a one-column file's header must not be skipped).
fn header_row(records: &[(usize, Vec<String>)]) -> usize {
    let Some(wide) = records
        .iter()
        .take(MAX_TITLE_ROWS + 1)
        .position(|(_, cells)| non_blank_cells(cells) >= 2)
    else {
        return 0;
    };
    let titles_only = records[..wide].iter().all(|(_, cells)| {
        non_blank_cells(cells) == 1
            && cells
                .iter()
                .all(|c| c.trim().is_empty() || lookup_header(c).is_none())
    });
    if titles_only {
        wide
    } else {
        0
    }
}

/// The line on which a quote opens that is never closed, if any. The csv crate would quietly
/// take everything up to the end of the file as one cell; a stray quote in a hand-edited file
/// is likelier, and the user should hear about it. Quotes count only at the start of a field,
/// as in the csv crate.
fn unterminated_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut opened_on) = (1usize, 0usize);
    let (mut in_quotes, mut field_start) = (false, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else {
            if b == b'"' && field_start {
                in_quotes = true;
                opened_on = line;
            }
            field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    in_quotes.then_some(opened_on)
}

// ---------------------------------------------------------------------------------------------
// Mapping

/// What a column is imported into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Name,
    /// A person's given name (and middle names), joined with [`Target::FamilyName`] into the
    /// name when no column holds the whole name: contact exports (Google, Outlook, Apple)
    /// split it.
    GivenName,
    FamilyName,
    Kind,
    Company,
    Industry,
    Size,
    Region,
    Source,
    Tags,
    Lifecycle,
    ValueClass,
    Owner,
    /// Work phone numbers of the customer; several per cell may be separated by `;`, `,`,
    /// `、`, `/` or line breaks.
    Phone,
    /// Mobile numbers of the customer, separated like [`Target::Phone`].
    Mobile,
    Email,
    Address,
    Birthday,
    Notes,
    ContactName,
    ContactTitle,
    ContactPhone,
    ContactEmail,
    /// The customer's do-not-contact for marketing, as
    /// [`crate::marketing::opt_out::parse_opt_out_cell`] reads it.
    MarketingOptOut,
    Ignore,
}

impl Target {
    pub const ALL: [Target; 25] = [
        Target::Name,
        Target::GivenName,
        Target::FamilyName,
        Target::Kind,
        Target::Company,
        Target::Industry,
        Target::Size,
        Target::Region,
        Target::Source,
        Target::Tags,
        Target::Lifecycle,
        Target::ValueClass,
        Target::Owner,
        Target::Phone,
        Target::Mobile,
        Target::Email,
        Target::Address,
        Target::Birthday,
        Target::Notes,
        Target::ContactName,
        Target::ContactTitle,
        Target::ContactPhone,
        Target::ContactEmail,
        Target::MarketingOptOut,
        Target::Ignore,
    ];

    /// Targets that several columns may fill: their values are added up (an export's
    /// "Phone 1", "Phone 2", a given and a middle name), never one column's value lost.
    pub fn repeats(self) -> bool {
        matches!(
            self,
            Target::Phone
                | Target::Mobile
                | Target::Email
                | Target::Tags
                | Target::GivenName
                | Target::Address
                | Target::ContactPhone
                | Target::ContactEmail
        )
    }

    /// A short name for the column choice and the report; the customer ones are the headers
    /// [`crate::io::csv_export::customers_csv`] writes.
    pub fn label(self, zh: bool) -> &'static str {
        let (z, e) = match self {
            Target::Name => ("客户名称", "Name"),
            Target::GivenName => ("名", "Given name"),
            Target::FamilyName => ("姓", "Family name"),
            Target::Kind => ("客户类型", "Type"),
            Target::Company => ("公司", "Company"),
            Target::Industry => ("行业", "Industry"),
            Target::Size => ("规模", "Size"),
            Target::Region => ("地区", "Region"),
            Target::Source => ("来源", "Source"),
            Target::Tags => ("标签", "Tags"),
            Target::Lifecycle => ("生命周期", "Lifecycle"),
            Target::ValueClass => ("价值等级", "Value class"),
            Target::Owner => ("负责人", "Owner"),
            Target::Phone => ("电话", "Phone"),
            Target::Mobile => ("手机", "Mobile"),
            Target::Email => ("邮箱", "Email"),
            Target::Address => ("地址", "Address"),
            Target::Birthday => ("生日", "Birthday"),
            Target::Notes => ("备注", "Notes"),
            Target::ContactName => ("联系人", "Contact"),
            Target::ContactTitle => ("职务", "Title"),
            Target::ContactPhone => ("联系人电话", "Contact phone"),
            Target::ContactEmail => ("联系人邮箱", "Contact email"),
            Target::MarketingOptOut => ("营销退订", "Marketing opt-out"),
            Target::Ignore => ("不导入", "Don't import"),
        };
        if zh {
            z
        } else {
            e
        }
    }
}

/// Header spellings per target, in [`header_key`] form (lower case, letters and digits only).
/// Company names get their own target only when another column names the customer; see
/// [`guess_mapping`].
// One line per target reads as the table it is.
#[rustfmt::skip]
const SYNONYMS: &[(Target, &[&str])] = &[
    (Target::Name, &["客户名称", "客户", "名称", "公司名称", "单位名称", "客户名", "企业名称", "name", "customer", "companyname", "customername", "account", "accountname", "姓名", "fullname", "displayname"]),
    // Contact exports split a person's name: Google ("Given Name", "First Name"), Outlook
    // ("First Name", "Middle Name"), Apple/iCloud ("First", "Last").
    (Target::GivenName, &["名", "名字", "firstname", "givenname", "first", "middlename", "additionalname", "middle"]),
    (Target::FamilyName, &["姓", "姓氏", "lastname", "familyname", "surname", "last"]),
    (Target::Kind, &["客户类型", "类型", "客户类别", "kind", "type", "customertype"]),
    (Target::Company, &["公司", "单位", "所属公司", "企业", "company", "organization", "organisation", "org", "organizationname", "organization1name", "organisationname"]),
    (Target::Industry, &["行业", "所属行业", "industry", "sector"]),
    (Target::Size, &["规模", "人数", "企业规模", "员工人数", "size", "employees", "headcount"]),
    (Target::Region, &["地区", "区域", "城市", "省份", "所在地", "region", "city", "area", "province"]),
    (Target::Source, &["来源", "渠道", "客户来源", "source", "channel", "leadsource"]),
    (Target::Tags, &["标签", "tags", "tag", "labels", "groupmembership", "categories", "分组", "群组"]),
    (Target::Lifecycle, &["生命周期", "阶段", "客户阶段", "stage", "lifecycle", "lifecyclestage"]),
    (Target::ValueClass, &["等级", "价值等级", "客户等级", "客户级别", "class", "grade", "tier", "valueclass"]),
    (Target::Owner, &["负责人", "销售", "业务员", "客户经理", "销售代表", "owner", "salesrep", "accountmanager", "accountowner"]),
    (Target::Phone, &["电话", "座机", "固话", "联系电话", "电话号码", "办公电话", "phone", "tel", "telephone", "phonenumber", "workphone", "phone1value", "phone2value", "phone3value", "businessphone", "businessphone2", "homephone", "homephone2", "primaryphone", "companymainphone", "otherphone"]),
    (Target::Mobile, &["手机", "手机号", "手机号码", "移动电话", "mobile", "cell", "cellphone", "mobilephone"]),
    (Target::Email, &["邮箱", "电子邮件", "邮件", "电子邮箱", "邮箱地址", "email", "emailaddress", "mail", "email1value", "email2value", "email3value", "email2address", "email3address"]),
    (Target::Address, &["地址", "详细地址", "联系地址", "公司地址", "address", "address1formatted", "businessaddress", "homeaddress"]),
    (Target::Birthday, &["生日", "出生日期", "birthday", "dob", "dateofbirth"]),
    (Target::Notes, &["备注", "说明", "备注说明", "notes", "note", "remark", "remarks", "comments", "comment", "memo"]),
    (Target::ContactName, &["联系人", "联系人姓名", "contact", "contactperson", "contactname"]),
    (Target::ContactTitle, &["职务", "职位", "联系人职务", "title", "position", "jobtitle"]),
    (Target::ContactPhone, &["联系人电话", "联系人手机", "contactphone", "contactmobile"]),
    (Target::ContactEmail, &["联系人邮箱", "联系人邮件", "contactemail"]),
    (Target::MarketingOptOut, &["营销退订", "退订", "拒收营销", "免打扰", "marketingoptout", "optout", "optedout", "donotcontact", "unsubscribed"]),
];

/// Name headers that name a person rather than a company (in [`header_key`] form).
const PERSON_NAME_HEADERS: &[&str] = &["姓名", "fullname", "displayname"];

/// A header reduced to what identifies it: width-folded, lower case, letters and digits only,
/// so `E-mail`, ` e_mail `, `Ｅｍａｉｌ` and `*邮箱:` all compare equal.
fn header_key(s: &str) -> String {
    fold_width(s)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The target a header names, trying the whole header and then the part before a
/// parenthesis (`电话（必填）`, `Size (employees)`).
pub(crate) fn lookup_header(header: &str) -> Option<Target> {
    let find = |key: &str| {
        SYNONYMS
            .iter()
            .find(|(_, names)| names.contains(&key))
            .map(|(t, _)| *t)
    };
    let folded = fold_width(header);
    find(&header_key(&folded)).or_else(|| {
        let before = folded.split('(').next().unwrap_or("");
        find(&header_key(before))
    })
}

/// A target per column from the headers. A company column becomes the name column when no
/// column names the customer, since then it is the only name there is. Each target is given
/// to the first column that names it, later ones ignored rather than silently merged, except
/// the targets that hold lists ([`Target::repeats`]): every phone or e-mail column of an
/// export is kept.
pub fn guess_mapping(headers: &[String]) -> Vec<Target> {
    let raw: Vec<Option<Target>> = headers.iter().map(|h| lookup_header(h)).collect();
    let split_name =
        raw.contains(&Some(Target::GivenName)) || raw.contains(&Some(Target::FamilyName));
    let mut promote = !raw.contains(&Some(Target::Name)) && !split_name;
    let has_contact = raw.contains(&Some(Target::ContactName));
    let person_names = headers
        .iter()
        .any(|h| PERSON_NAME_HEADERS.contains(&header_key(h).as_str()));
    let mut used = HashSet::new();
    raw.into_iter()
        .map(|t| {
            let mut t = t.unwrap_or(Target::Ignore);
            if t == Target::Company && promote {
                t = Target::Name;
                promote = false;
            }
            // A list of people (split names, or a person's-name header such as 姓名 and no
            // contact-person column, as in 企业微信's member template) has job titles but no
            // contact person to give them to: leave the column for the user to map (the
            // report lists it as not imported).
            if t == Target::ContactTitle && (split_name || (person_names && !has_contact)) {
                t = Target::Ignore;
            }
            if t != Target::Ignore && !t.repeats() && !used.insert(t) {
                Target::Ignore
            } else {
                t
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Enum cells

/// An enum cell reduced for matching: width-folded, lower case, the part before a parenthesis
/// (so the UI's `微型（1–9 人）` matches), letters and digits only.
fn enum_key(s: &str) -> String {
    let folded = fold_width(s).to_lowercase();
    header_key(folded.split('(').next().unwrap_or(""))
}

/// A customer kind in either language (`企业客户`, `个人`, `company`, `person`, …).
pub fn parse_kind(s: &str) -> Option<CustomerKind> {
    match enum_key(s).as_str() {
        "企业" | "公司" | "企业客户" | "单位" | "法人" | "company" | "business"
        | "organization" | "organisation" | "org" | "b2b" => Some(CustomerKind::Company),
        "个人" | "个人客户" | "自然人" | "person" | "individual" | "personal" | "b2c" => {
            Some(CustomerKind::Person)
        }
        _ => None,
    }
}

/// A lifecycle stage in either language, or its stored code.
pub fn parse_lifecycle(s: &str) -> Option<Lifecycle> {
    // The course writes 潜在客户期, 客户开发期 … 客户终止期; people drop 客户 and 期 (开发期,
    // 开发), and older files carry another model's names (考察期, 形成期, 稳定期, 退化期).
    let key = enum_key(s).replace("客户", "");
    let stem = key
        .strip_suffix("阶段")
        .or_else(|| key.strip_suffix('期'))
        .unwrap_or(&key);
    Some(match stem {
        "潜在" | "prospect" | "prospective" | "lead" => Lifecycle::Prospect,
        "开发" | "考察" | "development" | "develop" | "exploration" => Lifecycle::Development,
        "成长" | "形成" | "growth" | "formation" | "expansion" => Lifecycle::Growth,
        "成熟" | "稳定" | "maturity" | "mature" | "stable" => Lifecycle::Maturity,
        "衰退" | "退化" | "decline" | "declining" => Lifecycle::Decline,
        "终止" | "已终止" | "流失" | "termination" | "terminated" | "churned" => {
            Lifecycle::Termination
        }
        _ => return None,
    })
}

/// A value class: `A`, `a`, `A类`, `A 级`, `A 类（重要）`, `Class A`.
pub fn parse_value_class(s: &str) -> Option<ValueClass> {
    let key = enum_key(s);
    let key = key.trim_end_matches(['类', '级']);
    let key = key.strip_prefix("class").unwrap_or(key);
    match key {
        "a" => Some(ValueClass::A),
        "b" => Some(ValueClass::B),
        "c" => Some(ValueClass::C),
        _ => None,
    }
}

/// A size band by name in either language, or a head count (`120`, `120人`, `1,200`,
/// `1000+`, `50-99人`: a range counts by its lower bound, the size the customer is known to
/// have at least).
pub fn parse_size(s: &str) -> Option<SizeBand> {
    let key = enum_key(s);
    let key = key
        .strip_suffix("企业")
        .filter(|k| !k.is_empty())
        .unwrap_or(&key);
    let named = match key {
        "未知" | "unknown" => SizeBand::Unknown,
        "微型" | "micro" => SizeBand::Micro,
        "小型" | "small" => SizeBand::Small,
        "中型" | "medium" | "mid" => SizeBand::Medium,
        "大型" | "large" => SizeBand::Large,
        "特大型" | "超大型" | "enterprise" | "verylarge" => SizeBand::Enterprise,
        _ => return head_count(s).map(band_for_head_count),
    };
    Some(named)
}

fn head_count(s: &str) -> Option<u64> {
    let folded = fold_width(s).to_lowercase().replace([',', ' '], "");
    let mut t = folded.as_str();
    const UNITS: [&str; 8] = [
        "以上",
        "左右",
        "人",
        "名",
        "+",
        "people",
        "employees",
        "staff",
    ];
    while let Some(rest) = UNITS.iter().find_map(|u| t.strip_suffix(u)) {
        t = rest;
    }
    let lower = t.split(['-', '–', '—', '~', '～', '至', '到']).next()?;
    if lower.is_empty() || lower.len() > 9 || !lower.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    lower.parse().ok().filter(|&n| n > 0)
}

/// The bands of [`SizeBand`]'s documentation.
fn band_for_head_count(n: u64) -> SizeBand {
    match n {
        0 => SizeBand::Unknown,
        1..=9 => SizeBand::Micro,
        10..=49 => SizeBand::Small,
        50..=249 => SizeBand::Medium,
        250..=999 => SizeBand::Large,
        _ => SizeBand::Enterprise,
    }
}

// ---------------------------------------------------------------------------------------------
// Results

/// What to do with a row that matches a stored customer (by name, phone or e-mail, as the
/// duplicate warning of the customer form decides).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Create a new customer anyway.
    Create,
    /// Fill the stored customer from the row's non-empty cells.
    Update,
    /// Leave the stored customer alone and import nothing from the row.
    Skip,
}

/// What to do with a row in which some value cannot be stored (a phone like `-5`, an e-mail
/// without a domain, an impossible date, a class `D`) while its name is fine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BadFieldPolicy {
    /// Import the row without the value, write the value into the customer's notes (as
    /// `label: column: value`) and list it in the report, so nothing typed is lost.
    #[default]
    SetAside,
    /// Refuse the whole row, as the customer form would.
    RejectRow,
}

/// The choices of the import dialog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOptions {
    pub duplicates: DuplicatePolicy,
    pub bad_fields: BadFieldPolicy,
    /// Starts each set-aside line in the notes; the caller's words (e.g. "导入时未能识别" or
    /// "Not recognised on import"), so the notes are in the user's language.
    pub set_aside_label: String,
}

impl ImportOptions {
    pub fn new(
        duplicates: DuplicatePolicy,
        bad_fields: BadFieldPolicy,
        set_aside_label: impl Into<String>,
    ) -> Self {
        ImportOptions {
            duplicates,
            bad_fields,
            set_aside_label: set_aside_label.into(),
        }
    }
}

/// A duplicate policy alone asks for the strict import: rows with a bad value are rejected.
impl From<DuplicatePolicy> for ImportOptions {
    fn from(duplicates: DuplicatePolicy) -> Self {
        ImportOptions::new(duplicates, BadFieldPolicy::RejectRow, "")
    }
}

/// A value left out of an imported row and written into the customer's notes instead.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SetAside {
    /// What the column was mapped to.
    pub field: Target,
    /// The column's header in the file.
    pub column: String,
    /// The value as it was in the cell (one item of a list cell).
    pub value: String,
}

/// A problem that only an import has.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImportProblem {
    /// A kind, size, lifecycle or value class cell that matches no known value. Refused
    /// rather than defaulted, because a silently wrong class or stage is worse than a row to
    /// fix. `value` is cut to 50 characters.
    UnknownValue { field: Target, value: String },
    /// The same customer (by name, phone or e-mail) as the row on `first_line`.
    DuplicateInFile { first_line: usize },
    /// No customer name (blank cell, or no column mapped to the name).
    MissingName,
    /// Contact title, phone or e-mail without the contact's name, which would be lost.
    MissingContactName,
    /// The row has a different number of fields than the header, so its columns cannot be
    /// trusted (a missing quote shifts every later cell). Extra fields that are all blank are
    /// allowed: some programs pad rows.
    Ragged { expected: usize, found: usize },
}

/// One reason a row was refused. Typed so the UI words it in its own language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RowProblem {
    /// From the customer form's validation. `Phone(i)` counts the row's phone numbers, work
    /// numbers first, then mobiles; `Email(i)` its e-mail addresses.
    Customer(FieldError),
    /// From the contact form's validation (contact person columns).
    Contact(FieldError),
    Import(ImportProblem),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Created,
    /// The customer this row updated (a stored one, or one created by an earlier row).
    Updated(Id),
    /// The stored customer this row matched and left alone (policy Skip, or an update that
    /// would change nothing).
    Skipped(Id),
    Rejected(Vec<RowProblem>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowResult {
    /// The row's line in the file (see [`Table::lines`]).
    pub line: usize,
    pub outcome: Outcome,
    /// The row's customer name, for the report ("" when missing).
    pub name: String,
    /// The strongest match among the stored customers, whatever the policy did with it, so the
    /// preview can say how many rows already exist before the user picks a policy.
    pub duplicate_of: Option<Id>,
    /// Values this created or updated row could not store and put into the notes instead
    /// (under [`BadFieldPolicy::SetAside`]).
    #[serde(default)]
    pub set_aside: Vec<SetAside>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    /// Everything to write, in one transaction: new and changed customers, then new contacts.
    pub batch: Batch,
    pub rows: Vec<RowResult>,
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    pub rejected: usize,
    /// Columns with data that nothing was imported from, in file order.
    pub unmapped: Vec<UnmappedColumn>,
}

/// A column that holds data but is mapped to nothing (or to no column at all).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmappedColumn {
    pub header: String,
    /// How many rows have a non-blank value in it.
    pub values: usize,
}

/// The columns with data that `mapping` imports nothing from, with their count of non-blank
/// values, so the report can say what stayed behind.
pub fn unmapped_columns(table: &Table, mapping: &[Target]) -> Vec<UnmappedColumn> {
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..table.headers.len().max(width))
        .filter(|&i| mapping.get(i).is_none_or(|t| *t == Target::Ignore))
        .filter_map(|i| {
            let values = table
                .rows
                .iter()
                .filter(|r| r.get(i).is_some_and(|c| !clean_cell(c).is_empty()))
                .count();
            (values > 0).then(|| UnmappedColumn {
                header: table.headers.get(i).cloned().unwrap_or_default(),
                values,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Rows

/// Removes the apostrophe `csv_export` puts before a formula character (see
/// [`FORMULA_STARTS`]), so that an exported phone `+86 …` comes back as it was.
pub(crate) fn clean_cell(cell: &str) -> &str {
    let cell = cell.trim();
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest.trim(),
        _ => cell,
    }
}

/// Several phone numbers or addresses in one cell. `/` too, since `010-1234567/13800138000`
/// is a common way to write two numbers and a slash is never part of a valid one.
pub(crate) fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '；', ',', '，', '、', '/', '|', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Which enum columns had a value, so an update changes only those.
#[derive(Clone, Copy, Debug, Default)]
struct Given {
    kind: bool,
    size: bool,
    lifecycle: bool,
    value_class: bool,
}

struct ParsedRow {
    form: CustomerForm,
    given: Given,
    contact: Option<ContactForm>,
    problems: Vec<RowProblem>,
    sources: Sources,
    /// A birthday cell without a year.
    month_day: Option<MonthDay>,
    opt_out: Option<OptOut>,
}

/// A value taken out of a row: its column, the field it was meant for and the value itself.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Aside {
    column: usize,
    field: Target,
    value: String,
}

/// Where a row's values came from, so that a value the forms refuse can be set aside with
/// its column instead of costing the whole row.
#[derive(Clone, Debug, Default)]
struct Sources {
    /// The column of each of the form's phones (work numbers, then mobiles), in order.
    phones: Vec<(usize, Target)>,
    emails: Vec<usize>,
    /// The column that filled each one-value field of the customer form.
    fields: Vec<(Field, Target, usize)>,
    /// Tag cells, each with its column.
    tags: Vec<(usize, String)>,
    contact_name: Option<usize>,
    contact_title: Option<usize>,
    contact_phones: Vec<usize>,
    contact_emails: Vec<usize>,
    /// Contact details given without a contact name.
    orphan_contact: Option<ContactForm>,
    /// Enum cells that match no known value.
    unknown: Vec<Aside>,
}

/// Values longer than this are cut in [`ImportProblem::UnknownValue`]; the cell is in the
/// user's file anyway.
const VALUE_SHOWN_MAX: usize = 50;

fn unknown(field: Target, cell: &str) -> RowProblem {
    RowProblem::Import(ImportProblem::UnknownValue {
        field,
        value: cell.chars().take(VALUE_SHOWN_MAX).collect(),
    })
}

/// A person's name from its parts, in the order the name is written in: family name first and
/// no space when it is Chinese (张 + 伟 = 张伟), given names first otherwise (Ada Lovelace).
pub(crate) fn person_name(given: &[&str], family: &str) -> Option<String> {
    let given = given.join(" ");
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let name = if han(&given) || han(family) {
        format!("{family}{}", given.replace(' ', ""))
    } else {
        format!("{given} {family}")
    };
    let name = name.trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// Sets an enum field from its cell, or records the cell as an unknown value.
fn enum_cell<T>(
    slot: &mut T,
    given: &mut bool,
    parsed: Option<T>,
    field: Target,
    cell: &str,
    problems: &mut Vec<RowProblem>,
) {
    match parsed {
        Some(v) if !*given => {
            *slot = v;
            *given = true;
        }
        Some(_) => {}
        None => problems.push(unknown(field, cell)),
    }
}

/// A contact phone is filed as mobile when it is one (contact persons are mostly reached on
/// their mobiles), else as a work number.
pub(crate) fn contact_phone_label(phone: &str) -> Label {
    let digits = normalize_phone_digits(phone);
    if digits.len() == 11 && digits.starts_with('1') {
        Label::Mobile
    } else {
        Label::Work
    }
}

fn read_row(cells: &[String], mapping: &[Target], today: NaiveDate) -> ParsedRow {
    let mut form = CustomerForm::default();
    let mut given = Given::default();
    let mut problems = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    let (mut work, mut mobile) = (Vec::new(), Vec::new());
    let mut contact = ContactForm::default();
    let mut contact_details = false;
    let (mut given_names, mut family_name) = (Vec::new(), "");
    let mut src = Sources::default();
    let mut month_day = None;
    let mut opt_out = None;
    let (mut work_src, mut mobile_src) = (Vec::new(), Vec::new());
    for (i, &target) in mapping.iter().enumerate() {
        let cell = clean_cell(cells.get(i).map_or("", String::as_str));
        if cell.is_empty() {
            continue;
        }
        let p = &mut problems;
        let before = p.len();
        let fields = &mut src.fields;
        // Sets a one-value field from the first non-empty cell of its target (a user's mapping
        // may give two columns the same target), remembering the column.
        let mut first = |slot: &mut String, field: Field| {
            if slot.is_empty() {
                *slot = cell.to_string();
                fields.push((field, target, i));
            }
        };
        match target {
            Target::Name => first(&mut form.name, Field::Name),
            Target::GivenName => given_names.push(cell),
            Target::FamilyName if family_name.is_empty() => family_name = cell,
            Target::FamilyName => {}
            Target::Kind => enum_cell(
                &mut form.kind,
                &mut given.kind,
                parse_kind(cell),
                target,
                cell,
                p,
            ),
            Target::Company => first(&mut form.company, Field::Company),
            Target::Industry => first(&mut form.industry, Field::Industry),
            Target::Size => enum_cell(
                &mut form.size,
                &mut given.size,
                parse_size(cell),
                target,
                cell,
                p,
            ),
            Target::Region => first(&mut form.region, Field::Region),
            Target::Source => first(&mut form.source, Field::Source),
            Target::Tags => {
                tags.push(cell);
                src.tags.push((i, cell.to_string()));
            }
            Target::Lifecycle => enum_cell(
                &mut form.lifecycle,
                &mut given.lifecycle,
                parse_lifecycle(cell),
                target,
                cell,
                p,
            ),
            Target::ValueClass => enum_cell(
                &mut form.value_class,
                &mut given.value_class,
                parse_value_class(cell),
                target,
                cell,
                p,
            ),
            Target::Owner => first(&mut form.owner, Field::Owner),
            Target::Phone => {
                for v in split_list(cell) {
                    work.push(Labeled::new(Label::Work, v));
                    work_src.push((i, target));
                }
            }
            Target::Mobile => {
                for v in split_list(cell) {
                    mobile.push(Labeled::new(Label::Mobile, v));
                    mobile_src.push((i, target));
                }
            }
            Target::Email => {
                for v in split_list(cell).flat_map(str::split_whitespace) {
                    form.emails.push(Labeled::new(Label::Work, v));
                    src.emails.push(i);
                }
            }
            Target::Address => first(&mut form.address, Field::Address),
            // `--07-04`: a birthday without its year, as Google's contacts export writes it.
            Target::Birthday if form.birthday.is_empty() && month_day.is_none() => {
                month_day = MonthDay::parse(cell);
                if month_day.is_none() {
                    first(&mut form.birthday, Field::Birthday);
                }
            }
            Target::Birthday => {}
            Target::Notes => first(&mut form.notes, Field::Notes),
            Target::ContactName => {
                if contact.name.is_empty() {
                    contact.name = cell.to_string();
                    src.contact_name = Some(i);
                }
            }
            Target::ContactTitle => {
                contact_details = true;
                if contact.title.is_empty() {
                    contact.title = cell.to_string();
                    src.contact_title = Some(i);
                }
            }
            Target::ContactPhone => {
                contact_details = true;
                for v in split_list(cell) {
                    contact.phones.push(Labeled::new(contact_phone_label(v), v));
                    src.contact_phones.push(i);
                }
            }
            Target::ContactEmail => {
                contact_details = true;
                for v in split_list(cell).flat_map(str::split_whitespace) {
                    contact.emails.push(Labeled::new(Label::Work, v));
                    src.contact_emails.push(i);
                }
            }
            Target::MarketingOptOut if opt_out.is_none() => {
                opt_out = parse_opt_out_cell(cell, today);
                if opt_out.is_none() {
                    p.push(unknown(target, cell));
                }
            }
            Target::MarketingOptOut | Target::Ignore => {}
        }
        // An enum cell that matched nothing: remember its column.
        if problems.len() > before {
            src.unknown.push(Aside {
                column: i,
                field: target,
                value: cell.to_string(),
            });
        }
    }
    if form.name.is_empty() {
        if let Some(name) = person_name(&given_names, family_name) {
            form.name = name;
            // A split name is a person's; a file that says otherwise still wins.
            if !given.kind {
                form.kind = CustomerKind::Person;
            }
        }
    }
    form.tags = tags.join(",");
    form.phones = work;
    form.phones.append(&mut mobile);
    src.phones = work_src;
    src.phones.append(&mut mobile_src);
    let contact = if contact.name.is_empty() {
        if contact_details {
            problems.push(RowProblem::Import(ImportProblem::MissingContactName));
            src.orphan_contact = Some(contact);
        }
        None
    } else {
        Some(contact)
    };
    ParsedRow {
        form,
        given,
        contact,
        problems,
        sources: src,
        month_day,
        opt_out,
    }
}

/// Stands in for ids while validating; real ids are given only to records that are created,
/// so a caller's id sequence is not used up by rows that update, skip or fail.
const PLACEHOLDER: Id = Id(uuid::Uuid::nil());

/// A row that passed validation: its customer, which enum columns it gave, its contact
/// person, and the values set aside on the way.
struct ValidRow {
    customer: Customer,
    given: Given,
    contact: Option<Contact>,
    set_aside: Vec<Aside>,
}

/// The row's customer and contact, validated by the forms, or every problem found.
///
/// Under [`BadFieldPolicy::SetAside`], a value the forms refuse (a phone, an e-mail, a date, an
/// unknown enum text, a field too long, contact details) is taken out of its field and written
/// into the customer's notes as `label: column: value`; only a missing or unusable name, or
/// notes that would grow too long, still reject the row.
fn validate_row(
    parsed: ParsedRow,
    options: &ImportOptions,
    headers: &[String],
    now: Timestamp,
    today: NaiveDate,
) -> Result<ValidRow, Vec<RowProblem>> {
    let ParsedRow {
        mut form,
        given,
        mut contact,
        mut problems,
        sources: mut src,
        month_day,
        opt_out,
    } = parsed;
    let mut aside = Vec::new();
    // Only a row that will be kept has values to set aside; a row rejected for its name
    // reports every problem, as does one whose notes could not take the set-aside values.
    if options.bad_fields == BadFieldPolicy::SetAside
        && validate::required_text(&form.name, NAME_MAX).is_ok()
    {
        let (mut f, mut c, mut p) = (form.clone(), contact.clone(), problems.clone());
        set_aside_row(&mut f, &mut c, &mut p, &mut src, &mut aside, today);
        append_notes(&mut f.notes, &aside, headers, &options.set_aside_label);
        if validate::text(&f.notes, TEXT_MAX).is_ok() {
            (form, contact, problems) = (f, c, p);
        } else {
            aside.clear();
        }
    }
    let mut given = given;
    for a in &aside {
        match a.field {
            Target::Kind => given.kind = false,
            Target::Size => given.size = false,
            Target::Lifecycle => given.lifecycle = false,
            Target::ValueClass => given.value_class = false,
            _ => {}
        }
    }
    if form.name.is_empty() {
        problems.push(RowProblem::Import(ImportProblem::MissingName));
    }
    let name_required = FieldError::new(Field::Name, Problem::Required);
    let customer = create_customer(&form, PLACEHOLDER, now, today)
        .map_err(|errors| {
            problems.extend(
                errors
                    .into_iter()
                    // Already reported, in import terms, as MissingName.
                    .filter(|e| *e != name_required)
                    .map(RowProblem::Customer),
            )
        })
        .ok();
    let contact = match contact {
        None => None,
        Some(mut form) => {
            form.customer_id = Some(PLACEHOLDER);
            create_contact(&form, PLACEHOLDER, now, today)
                .map_err(|errors| problems.extend(errors.into_iter().map(RowProblem::Contact)))
                .ok()
        }
    };
    match customer {
        Some(mut customer) if problems.is_empty() => Ok(ValidRow {
            customer: {
                customer.birthday_month_day = month_day;
                customer.marketing_opt_out = opt_out;
                customer
            },
            given,
            contact,
            set_aside: aside,
        }),
        _ => Err(problems),
    }
}

/// Takes every value the forms refuse out of `form` and `contact` into `aside`, and turns the
/// import problems that concern single values (unknown enum texts, contact details without a
/// contact name) into set-aside values too. Problems with the name stay in `problems`.
fn set_aside_row(
    form: &mut CustomerForm,
    contact: &mut Option<ContactForm>,
    problems: &mut Vec<RowProblem>,
    src: &mut Sources,
    aside: &mut Vec<Aside>,
    today: NaiveDate,
) {
    aside.append(&mut src.unknown);
    let mut orphan_details = false;
    problems.retain(|p| match p {
        RowProblem::Import(ImportProblem::UnknownValue { .. }) => false,
        RowProblem::Import(ImportProblem::MissingContactName) => {
            orphan_details = true;
            false
        }
        _ => true,
    });
    if orphan_details {
        if let Some(orphan) = src.orphan_contact.take() {
            set_aside_contact(&orphan, src, aside, false);
        }
    }
    // The form reports every bad field in one pass, so the second pass only confirms that
    // what is left validates; the loop is bounded rather than trusted to converge.
    for _ in 0..2 {
        let Err(errors) = form.validate(today) else {
            break;
        };
        let mut bad_phones = Vec::new();
        let mut bad_emails = Vec::new();
        for e in errors {
            match e.field {
                Field::Phone(i) => bad_phones.push(i),
                Field::Email(i) => bad_emails.push(i),
                Field::Name | Field::Notes => {}
                Field::Tags => {
                    for (column, value) in src.tags.drain(..) {
                        aside.push(Aside {
                            column,
                            field: Target::Tags,
                            value,
                        });
                    }
                    form.tags.clear();
                }
                field => {
                    if let Some(&(_, target, column)) =
                        src.fields.iter().find(|(f, _, _)| *f == field)
                    {
                        let slot = match field {
                            Field::Company => &mut form.company,
                            Field::Industry => &mut form.industry,
                            Field::Region => &mut form.region,
                            Field::Source => &mut form.source,
                            Field::Owner => &mut form.owner,
                            Field::Address => &mut form.address,
                            Field::Birthday => &mut form.birthday,
                            _ => continue,
                        };
                        aside.push(Aside {
                            column,
                            field: target,
                            value: std::mem::take(slot),
                        });
                    }
                }
            }
        }
        set_aside_rows(&bad_phones, &mut form.phones, &mut src.phones, aside, |s| s);
        set_aside_rows(&bad_emails, &mut form.emails, &mut src.emails, aside, |c| {
            (c, Target::Email)
        });
    }
    if let Some(c) = contact.as_mut() {
        c.customer_id = Some(PLACEHOLDER);
        if let Err(errors) = c.validate(today) {
            if errors.iter().any(|e| e.field == Field::Name) {
                // The contact cannot be kept at all: everything about them goes to the notes.
                set_aside_contact(c, src, aside, false);
                *contact = None;
            } else {
                let (mut bad_phones, mut bad_emails) = (Vec::new(), Vec::new());
                for e in errors {
                    match e.field {
                        Field::Phone(i) => bad_phones.push(i),
                        Field::Email(i) => bad_emails.push(i),
                        Field::Title => {
                            if let Some(column) = src.contact_title {
                                aside.push(Aside {
                                    column,
                                    field: Target::ContactTitle,
                                    value: std::mem::take(&mut c.title),
                                });
                            }
                        }
                        _ => {}
                    }
                }
                set_aside_rows(
                    &bad_phones,
                    &mut c.phones,
                    &mut src.contact_phones,
                    aside,
                    |c| (c, Target::ContactPhone),
                );
                set_aside_rows(
                    &bad_emails,
                    &mut c.emails,
                    &mut src.contact_emails,
                    aside,
                    |c| (c, Target::ContactEmail),
                );
            }
        }
    }
    aside.sort_by_key(|a| a.column);
}

/// Sets aside a contact person who cannot be kept: their name (if `with_name`), title, phones
/// and e-mails.
/// Moves the phone or e-mail rows that validation refused (`bad`, as reported, in ascending
/// order) out of the form's `rows` and their columns out of `sources`, each into `aside`;
/// `column_of` tells a source's column and the field its value was meant for.
fn set_aside_rows<S>(
    bad: &[usize],
    rows: &mut Vec<Labeled>,
    sources: &mut Vec<S>,
    aside: &mut Vec<Aside>,
    column_of: impl Fn(S) -> (usize, Target),
) {
    // From the end, so that removing one row leaves the indices before it valid.
    for &i in bad.iter().rev() {
        if i < rows.len() && i < sources.len() {
            let (column, field) = column_of(sources.remove(i));
            let value = rows.remove(i).value;
            aside.push(Aside {
                column,
                field,
                value,
            });
        }
    }
}

fn set_aside_contact(c: &ContactForm, src: &Sources, aside: &mut Vec<Aside>, with_name: bool) {
    let mut push = |column: usize, field: Target, value: &str| {
        aside.push(Aside {
            column,
            field,
            value: value.to_string(),
        })
    };
    if let (true, Some(column)) = (with_name, src.contact_name) {
        push(column, Target::ContactName, &c.name);
    }
    if let (false, Some(column)) = (c.title.is_empty(), src.contact_title) {
        push(column, Target::ContactTitle, &c.title);
    }
    for (p, &column) in c.phones.iter().zip(&src.contact_phones) {
        push(column, Target::ContactPhone, &p.value);
    }
    for (e, &column) in c.emails.iter().zip(&src.contact_emails) {
        push(column, Target::ContactEmail, &e.value);
    }
}

/// Appends one line per set-aside value to the notes: `label: column: value`.
fn append_notes(notes: &mut String, aside: &[Aside], headers: &[String], label: &str) {
    for a in aside {
        let column = headers.get(a.column).map_or("", String::as_str);
        if !notes.is_empty() {
            notes.push('\n');
        }
        notes.push_str(&format!("{label}: {column}: {}", a.value));
    }
}

/// Rows with more or fewer fields than the header, except extra fields that are blank.
fn ragged(cells: &[String], expected: usize) -> Option<ImportProblem> {
    let padded = cells.len() > expected && is_blank(&cells[expected..]);
    (cells.len() != expected && !padded).then_some(ImportProblem::Ragged {
        expected,
        found: cells.len(),
    })
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/// The exact keys [`find_duplicates`] compares, so candidates can be looked up by hash instead
/// of comparing each row with every customer (10,000 rows against 10,000 customers would be
/// a hundred million comparisons). The final decision is still `find_duplicates`'s.
fn match_keys(c: &Customer) -> Vec<String> {
    crate::customers::duplicates::match_keys(
        &c.name,
        c.phones.iter().map(|p| p.value.as_str()),
        c.emails.iter().map(|e| e.value.as_str()),
    )
}

struct Entry {
    customer: Customer,
    /// The line of the row that created it in this import; `None` for stored customers.
    created_line: Option<usize>,
    /// Already in the batch (created, or changed by an update).
    in_batch: bool,
}

/// Stored customers and those this import creates, as they stand after each row.
struct Universe {
    entries: Vec<Entry>,
    by_key: HashMap<String, Vec<usize>>,
}

impl Universe {
    fn new(existing: &[Customer]) -> Self {
        let mut u = Universe {
            entries: Vec::new(),
            by_key: HashMap::new(),
        };
        // The trash (merged-away husks included) is ignored, as by `find_duplicates`.
        for c in existing.iter().filter(|c| c.deleted_at.is_none()) {
            u.add(c.clone(), None);
        }
        u
    }

    fn add(&mut self, customer: Customer, created_line: Option<usize>) -> usize {
        let i = self.entries.len();
        self.entries.push(Entry {
            customer,
            created_line,
            in_batch: created_line.is_some(),
        });
        self.index(i);
        i
    }

    /// (Re-)indexes an entry after it was added or gained phones or e-mails.
    fn index(&mut self, i: usize) {
        for key in match_keys(&self.entries[i].customer) {
            let list = self.by_key.entry(key).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
    }

    /// Entries that look like `c`, strongest match first.
    fn matches(&self, c: &Customer) -> Vec<usize> {
        let mut candidates: Vec<usize> = match_keys(c)
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        if candidates.is_empty() {
            return Vec::new();
        }
        let list: Vec<Customer> = candidates
            .iter()
            .map(|&i| self.entries[i].customer.clone())
            .collect();
        let phones: Vec<String> = c.phones.iter().map(|p| p.value.clone()).collect();
        let emails: Vec<String> = c.emails.iter().map(|e| e.value.clone()).collect();
        find_duplicates(&c.name, &phones, &emails, &list, None)
            .into_iter()
            .filter_map(|m| {
                list.iter()
                    .position(|x| x.id == m.id)
                    .map(|p| candidates[p])
            })
            .collect()
    }
}

/// Contact names compare like this to tell whether a customer already has the contact.
fn contact_key(name: &str) -> String {
    fold_width(name)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Writes the row's values into `target`: non-empty text cells and given enum cells replace
/// what is stored (the file is the newer information); phones, e-mails and tags are added to
/// the stored ones; notes are appended unless already there, since a note cannot be
/// reconstructed once overwritten. The name stays: the row may have matched by phone under a
/// differently written name, and renaming through an import would surprise.
fn merge_row(target: &mut Customer, row: &Customer, given: Given) {
    if target.name.trim().is_empty() {
        target.name = row.name.clone();
    }
    for (slot, value) in [
        (&mut target.company, &row.company),
        (&mut target.industry, &row.industry),
        (&mut target.region, &row.region),
        (&mut target.source, &row.source),
        (&mut target.owner, &row.owner),
        (&mut target.address, &row.address),
    ] {
        if !value.is_empty() {
            slot.clone_from(value);
        }
    }
    if given.kind {
        target.kind = row.kind;
    }
    if given.size {
        target.size = row.size;
    }
    if given.lifecycle {
        target.lifecycle = row.lifecycle;
    }
    if given.value_class {
        target.value_class = row.value_class;
    }
    if row.birthday.is_some() {
        target.birthday = row.birthday;
        target.birthday_month_day = None;
    } else if row.birthday_month_day.is_some() && target.birthday.is_none() {
        // A yearless birthday never replaces a full date, which says more.
        target.birthday_month_day = row.birthday_month_day;
    }
    // An opt-out in the file is recorded; a blank cell never lifts a stored one (only the
    // customer, through the form, can take it back).
    if row.marketing_opt_out.is_some() {
        target.marketing_opt_out.clone_from(&row.marketing_opt_out);
    }
    let tag_key = |t: &str| fold_width(t).to_lowercase();
    let mut tags: HashSet<String> = target.tags.iter().map(|t| tag_key(t)).collect();
    for tag in &row.tags {
        if tags.insert(tag_key(tag)) {
            target.tags.push(tag.clone());
        }
    }
    union_rows(&mut target.phones, &row.phones, normalize_phone_digits);
    union_rows(&mut target.emails, &row.emails, normalize_email);
    let note = row.notes.trim();
    if !note.is_empty() && !target.notes.contains(note) {
        target.notes = if target.notes.trim().is_empty() {
            note.to_string()
        } else {
            format!("{}\n\n{note}", target.notes.trim_end())
        };
    }
}

fn union_rows(target: &mut Vec<Labeled>, from: &[Labeled], key: fn(&str) -> String) {
    let mut seen: HashSet<String> = target.iter().map(|r| key(&r.value)).collect();
    for row in from {
        if seen.insert(key(&row.value)) {
            target.push(row.clone());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Planning

/// Validates the first `limit` rows and predicts their outcome under
/// [`DuplicatePolicy::Create`] (so rows matching stored customers show as created, with
/// `duplicate_of` set, and repeats within the file as [`ImportProblem::DuplicateInFile`]).
pub fn preview(
    table: &Table,
    mapping: &[Target],
    existing: &[Customer],
    today: NaiveDate,
    limit: usize,
    options: impl Into<ImportOptions>,
) -> Vec<RowResult> {
    // Random ids, so a predicted customer can never share an id with a stored one (which
    // would confuse the duplicate lookup); they are thrown away with the plan.
    let mut ids = Id::random;
    let options = ImportOptions {
        duplicates: DuplicatePolicy::Create,
        ..options.into()
    };
    run(
        table,
        mapping,
        existing,
        &[],
        &options,
        &mut ids,
        Timestamp::default(),
        today,
        limit,
    )
    .rows
}

/// Plans the import of every row: validation, duplicates against `existing` customers and
/// within the file, and the records to write as one [`Batch`].
///
/// `existing_contacts` (the stored contacts, trashed ones included or not) are only used to
/// avoid adding a contact person an updated customer already has. `ids` gives the ids of new
/// records (the customer's before its contact's).
///
/// Rows are processed in order and each sees the effect of the earlier ones: a repeat of a
/// row is [`ImportProblem::DuplicateInFile`] under `Create` and `Skip`, and is merged into the
/// first under `Update` (reported as `Updated` with the first row's customer). A changed
/// stored customer is touched once however many rows change it. Under `Update`, a row that
/// would change nothing is reported as `Skipped` and not written.
#[allow(clippy::too_many_arguments)] // The brief's signature plus the contacts to check against.
pub fn plan_import(
    table: &Table,
    mapping: &[Target],
    existing: &[Customer],
    existing_contacts: &[Contact],
    options: impl Into<ImportOptions>,
    ids: &mut dyn FnMut() -> Id,
    now: Timestamp,
    today: NaiveDate,
) -> ImportPlan {
    run(
        table,
        mapping,
        existing,
        existing_contacts,
        &options.into(),
        ids,
        now,
        today,
        usize::MAX,
    )
}

#[allow(clippy::too_many_arguments)]
fn run(
    table: &Table,
    mapping: &[Target],
    existing: &[Customer],
    existing_contacts: &[Contact],
    options: &ImportOptions,
    ids: &mut dyn FnMut() -> Id,
    now: Timestamp,
    today: NaiveDate,
    limit: usize,
) -> ImportPlan {
    let policy = options.duplicates;
    let mut universe = Universe::new(existing);
    let mut contacts_of: HashMap<Id, HashSet<String>> = HashMap::new();
    for c in existing_contacts.iter().filter(|c| c.deleted_at.is_none()) {
        contacts_of
            .entry(c.customer_id)
            .or_default()
            .insert(contact_key(&c.name));
    }
    let mut order: Vec<usize> = Vec::new();
    let mut touched: HashSet<usize> = HashSet::new();
    let mut new_contacts: Vec<Contact> = Vec::new();
    let mut plan = ImportPlan::default();

    // Gives the contact person to the customer at `target`, unless it already has them.
    let mut add_contact = |contact: Option<Contact>,
                           customer: Id,
                           ids: &mut dyn FnMut() -> Id,
                           new_contacts: &mut Vec<Contact>|
     -> bool {
        let Some(mut contact) = contact else {
            return false;
        };
        if !contacts_of
            .entry(customer)
            .or_default()
            .insert(contact_key(&contact.name))
        {
            return false;
        }
        contact.id = ids();
        contact.customer_id = customer;
        new_contacts.push(contact);
        true
    };

    for (i, cells) in table.rows.iter().enumerate().take(limit) {
        let line = table.lines.get(i).copied().unwrap_or(i + 2);
        let parsed = read_row(cells, mapping, today);
        let name = parsed.form.name.clone();
        let mut result = RowResult {
            line,
            outcome: Outcome::Created,
            name,
            duplicate_of: None,
            set_aside: Vec::new(),
        };
        if let Some(problem) = ragged(cells, table.headers.len()) {
            result.outcome = Outcome::Rejected(vec![RowProblem::Import(problem)]);
            plan.rows.push(result);
            continue;
        }
        let valid = match validate_row(parsed, options, &table.headers, now, today) {
            Ok(valid) => valid,
            Err(problems) => {
                result.outcome = Outcome::Rejected(problems);
                plan.rows.push(result);
                continue;
            }
        };
        let ValidRow {
            mut customer,
            given,
            contact,
            set_aside,
        } = valid;
        result.set_aside = set_aside
            .into_iter()
            .map(|a| SetAside {
                field: a.field,
                column: table.headers.get(a.column).cloned().unwrap_or_default(),
                value: a.value,
            })
            .collect();
        let matches = universe.matches(&customer);
        let stored = matches
            .iter()
            .copied()
            .find(|&m| universe.entries[m].created_line.is_none());
        let in_file = matches
            .iter()
            .copied()
            .find(|&m| universe.entries[m].created_line.is_some());
        result.duplicate_of = stored.map(|m| universe.entries[m].customer.id);
        let duplicate_in_file = |m: usize| {
            Outcome::Rejected(vec![RowProblem::Import(ImportProblem::DuplicateInFile {
                first_line: universe.entries[m].created_line.unwrap_or(0),
            })])
        };
        let merge_into = match policy {
            DuplicatePolicy::Create => match in_file {
                Some(m) => {
                    result.outcome = duplicate_in_file(m);
                    plan.rows.push(result);
                    continue;
                }
                None => None,
            },
            DuplicatePolicy::Skip => {
                if let Some(m) = stored {
                    result.outcome = Outcome::Skipped(universe.entries[m].customer.id);
                    plan.rows.push(result);
                    continue;
                }
                if let Some(m) = in_file {
                    result.outcome = duplicate_in_file(m);
                    plan.rows.push(result);
                    continue;
                }
                None
            }
            DuplicatePolicy::Update => matches.first().copied(),
        };
        result.outcome = match merge_into {
            None => {
                customer.id = ids();
                let id = customer.id;
                let at = universe.add(customer, Some(line));
                order.push(at);
                add_contact(contact, id, ids, &mut new_contacts);
                Outcome::Created
            }
            Some(m) => {
                let entry = &mut universe.entries[m];
                let before = entry.customer.clone();
                merge_row(&mut entry.customer, &customer, given);
                lifecycle::note_change(&before, &mut entry.customer, today, "");
                let changed = entry.customer != before;
                let id = entry.customer.id;
                if changed {
                    // A stored customer gets one new revision for the whole import.
                    if entry.created_line.is_none() && touched.insert(m) {
                        entry.customer.touch(now);
                    }
                    if !entry.in_batch {
                        entry.in_batch = true;
                        order.push(m);
                    }
                    universe.index(m);
                }
                if add_contact(contact, id, ids, &mut new_contacts) || changed {
                    Outcome::Updated(id)
                } else {
                    Outcome::Skipped(id)
                }
            }
        };
        plan.rows.push(result);
    }

    for r in &plan.rows {
        match r.outcome {
            Outcome::Created => plan.created += 1,
            Outcome::Updated(_) => plan.updated += 1,
            Outcome::Skipped(_) => plan.skipped += 1,
            Outcome::Rejected(_) => plan.rejected += 1,
        }
    }
    plan.unmapped = unmapped_columns(table, mapping);
    let mut entries: Vec<Option<Entry>> = universe.entries.into_iter().map(Some).collect();
    for m in order {
        if let Some(entry) = entries[m].take() {
            plan.batch.puts.push(entry.customer.into_any());
        }
    }
    plan.batch
        .puts
        .extend(new_contacts.into_iter().map(Record::into_any));
    plan
}

// ---------------------------------------------------------------------------------------------
// Report

/// The words of the import report, supplied by the translation layer: the report's layout
/// (columns, order, quoting, formula neutralising) is decided here, its language by the caller.
pub trait ReportWords {
    /// Line, name, outcome and reasons.
    fn headers(&self) -> [String; 4];
    /// The outcome in a word or two, without its reasons.
    fn outcome(&self, outcome: &Outcome) -> String;
    fn reason(&self, reason: &RowProblem) -> String;
    /// Between two reasons of one row.
    fn reason_separator(&self) -> &'static str;
    /// The outcome of a row that was imported with some values set aside.
    fn set_aside_outcome(&self, outcome: &Outcome) -> String;
    /// One set-aside value: its field, column and value.
    fn set_aside(&self, value: &SetAside) -> String;
}

/// The outcome of each row as CSV (line, name, outcome, reasons or set-aside values), for the user to download
/// and work through in a spreadsheet. Wrap with [`crate::io::csv_export::with_utf8_bom`] for Excel.
pub fn report_csv(rows: &[RowResult], words: &dyn ReportWords) -> String {
    let mut out = String::new();
    let headers = words.headers();
    push_row(&mut out, &headers.each_ref().map(String::as_str));
    for r in rows {
        let reasons = match &r.outcome {
            Outcome::Rejected(problems) => problems
                .iter()
                .map(|p| words.reason(p))
                .collect::<Vec<_>>()
                .join(words.reason_separator()),
            _ => r
                .set_aside
                .iter()
                .map(|a| words.set_aside(a))
                .collect::<Vec<_>>()
                .join(words.reason_separator()),
        };
        let outcome = if r.set_aside.is_empty() {
            words.outcome(&r.outcome)
        } else {
            words.set_aside_outcome(&r.outcome)
        };
        push_row(
            &mut out,
            &[r.line.to_string().as_str(), &r.name, &outcome, &reasons],
        );
    }
    out
}

/// Appends a line about the whole import (such as the columns that were not imported) to a
/// [`report_csv`] report, in its last column, so the downloaded file says what the screen said.
pub fn push_report_note(report: &mut String, note: &str) {
    push_row(report, &["", "", "", note]);
}

#[cfg(test)]
#[path = "csv_import_tests.rs"]
mod tests;
