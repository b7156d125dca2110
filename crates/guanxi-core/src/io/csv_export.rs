//! CSV export of customers, contacts, the contact log, follow-ups and opportunities, for
//! spreadsheets.
//!
//! Headers are in the user's language and are the ones [`crate::io::csv_import::guess_mapping`]
//! recognises, so an exported customer list can be edited in Excel and imported again. Enum
//! cells are written as the language's labels for the same reason (the importer reads both
//! languages). Records in the trash are left out: an export is what the user sees in the app.
//!
//! The text is returned as a `String`; [`with_utf8_bom`] makes the bytes Excel needs to
//! recognise UTF-8, and [`crate::io::gb18030`] encodes for Excel versions that ignore the BOM.

use std::collections::{HashMap, HashSet};

use crate::marketing::opt_out::opt_out_cell;
use crate::marketing::OptOut;
use crate::model::ids::Id;
use crate::model::money::{amount_text, currency_of};
use crate::model::records::{
    Contact, Customer, CustomerKind, FollowUp, FollowUpStatus, Interaction, InteractionKind, Label,
    Labeled, Lifecycle, Opportunity, Settings, SizeBand, ValueClass,
};
use crate::pipeline::opportunity::weighted_value;
use crate::pipeline::opportunity::{probability_of, stage_of};

/// The byte order mark that makes Excel read a CSV as UTF-8 instead of the system code page.
pub const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Separator for several phones or e-mails in one cell. A semicolon because it never occurs in
/// either and the importer splits on it (see `csv_import`).
const LIST_SEPARATOR: &str = "; ";

/// `text` as UTF-8 bytes preceded by a byte order mark.
pub fn with_utf8_bom(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    out.extend_from_slice(&UTF8_BOM);
    out.extend_from_slice(text.as_bytes());
    out
}

/// Spreadsheets run a cell that starts with one of these as a formula (tab and CR because
/// some strip them first), so a customer named `=HYPERLINK(…)` could run code on whoever opens
/// the export. OWASP's advice: prefix an apostrophe, which makes the cell plain text.
pub(crate) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell's text made safe to open in a spreadsheet; see [`FORMULA_STARTS`]. The importer
/// removes the apostrophe again, so values survive a round trip.
pub fn neutralize_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Appends one CSV row: formula-neutralised, quoted when needed, CRLF-terminated (what Excel
/// writes, and what RFC 4180 specifies).
pub(crate) fn push_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = neutralize_formula(cell.as_ref());
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

fn pick(zh: bool, zh_text: &'static str, en_text: &'static str) -> &'static str {
    if zh {
        zh_text
    } else {
        en_text
    }
}

/// The label written for a customer kind; `csv_import` parses it back.
pub fn kind_label(k: CustomerKind, zh: bool) -> &'static str {
    match k {
        CustomerKind::Company => pick(zh, "企业客户", "Company"),
        CustomerKind::Person => pick(zh, "个人客户", "Person"),
    }
}

/// The label written for a size band. Without the head counts the UI shows, because the
/// importer reads a bare number as a head count and the band names alone are unambiguous.
pub fn size_label(s: SizeBand, zh: bool) -> &'static str {
    match s {
        SizeBand::Unknown => pick(zh, "未知", "Unknown"),
        SizeBand::Micro => pick(zh, "微型", "Micro"),
        SizeBand::Small => pick(zh, "小型", "Small"),
        SizeBand::Medium => pick(zh, "中型", "Medium"),
        SizeBand::Large => pick(zh, "大型", "Large"),
        SizeBand::Enterprise => pick(zh, "特大型", "Enterprise"),
    }
}

pub fn lifecycle_label(l: Lifecycle, zh: bool) -> &'static str {
    match l {
        Lifecycle::Prospect => pick(zh, "潜在期", "Prospect"),
        Lifecycle::Development => pick(zh, "开发期", "Development"),
        Lifecycle::Growth => pick(zh, "成长期", "Growth"),
        Lifecycle::Maturity => pick(zh, "成熟期", "Maturity"),
        Lifecycle::Decline => pick(zh, "衰退期", "Decline"),
        Lifecycle::Termination => pick(zh, "终止期", "Termination"),
    }
}

pub fn value_class_label(c: ValueClass, zh: bool) -> &'static str {
    match c {
        ValueClass::A => pick(zh, "A类", "A"),
        ValueClass::B => pick(zh, "B类", "B"),
        ValueClass::C => pick(zh, "C类", "C"),
    }
}

pub fn interaction_kind_label(k: InteractionKind, zh: bool) -> &'static str {
    match k {
        InteractionKind::Call => pick(zh, "电话", "Call"),
        InteractionKind::Visit => pick(zh, "拜访", "Visit"),
        InteractionKind::Meeting => pick(zh, "会议", "Meeting"),
        InteractionKind::Email => pick(zh, "邮件", "E-mail"),
        InteractionKind::Message => pick(zh, "消息", "Message"),
        InteractionKind::Other => pick(zh, "其他", "Other"),
    }
}

pub fn status_label(s: FollowUpStatus, zh: bool) -> &'static str {
    match s {
        FollowUpStatus::Open => pick(zh, "待办", "Open"),
        FollowUpStatus::Done => pick(zh, "已完成", "Done"),
        FollowUpStatus::Cancelled => pick(zh, "已取消", "Cancelled"),
    }
}

fn join_values<'a>(rows: impl Iterator<Item = &'a Labeled>) -> String {
    rows.map(|r| r.value.as_str())
        .filter(|v| !v.trim().is_empty())
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

fn date_cell(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A birthday, or `--MM-DD` when only month and day are known (which the import reads back).
fn birthday_cell(
    d: Option<chrono::NaiveDate>,
    md: Option<crate::model::records::MonthDay>,
) -> String {
    match (d, md) {
        (None, Some(md)) => md.to_string(),
        _ => date_cell(d),
    }
}

/// Customers not in the trash, by id, for the name column of the other exports.
fn live_customers(customers: &[Customer]) -> HashMap<Id, &Customer> {
    customers
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| (c.id, c))
        .collect()
}

/// Customers in the trash. Their contacts, log entries and follow-ups are in the trash with
/// them even though those carry no tombstone of their own, so they are left out too.
fn trashed_customers(customers: &[Customer]) -> HashSet<Id> {
    customers
        .iter()
        .filter(|c| c.deleted_at.is_some())
        .map(|c| c.id)
        .collect()
}

fn customer_name<'a>(customer: Id, live: &HashMap<Id, &'a Customer>) -> &'a str {
    live.get(&customer).map_or("", |c| c.name.as_str())
}

/// Column headers of [`customers_csv`], in the order written.
pub fn customer_headers(zh: bool) -> [&'static str; 19] {
    if zh {
        [
            "客户名称",
            "客户类型",
            "公司",
            "行业",
            "规模",
            "地区",
            "来源",
            "标签",
            "生命周期",
            "价值等级",
            "负责人",
            "电话",
            "手机",
            "邮箱",
            "地址",
            "生日",
            "备注",
            "已归档",
            "营销退订",
        ]
    } else {
        [
            "Name",
            "Type",
            "Company",
            "Industry",
            "Size",
            "Region",
            "Source",
            "Tags",
            "Lifecycle",
            "Value class",
            "Owner",
            "Phone",
            "Mobile",
            "Email",
            "Address",
            "Birthday",
            "Notes",
            "Archived",
            "Marketing opt-out",
        ]
    }
}

/// The opt-out cell: empty, or `2026-03-05 邮件` (see [`opt_out_cell`]).
fn opt_out_text(o: &Option<OptOut>, zh: bool) -> String {
    o.as_ref().map(|o| opt_out_cell(o, zh)).unwrap_or_default()
}

/// One row per customer not in the trash. Mobile-labelled phones go to the mobile column and
/// all others to the phone column, so that re-importing keeps mobiles apart (other labels come
/// back as work numbers). The archive flag has no import target: archiving is a decision
/// made in the app, not data.
pub fn customers_csv(customers: &[Customer], zh: bool) -> String {
    selected_customers_csv(customers.iter(), zh)
}

/// [`customers_csv`] for some customers only (a segment, a filtered list, those marketing may
/// reach), in the order given; trashed ones are still left out.
pub fn selected_customers_csv<'a>(
    customers: impl IntoIterator<Item = &'a Customer>,
    zh: bool,
) -> String {
    let mut out = String::new();
    push_row(&mut out, &customer_headers(zh));
    for c in customers.into_iter().filter(|c| c.deleted_at.is_none()) {
        let phones = join_values(c.phones.iter().filter(|p| p.label != Label::Mobile));
        let mobiles = join_values(c.phones.iter().filter(|p| p.label == Label::Mobile));
        push_row(
            &mut out,
            &[
                c.name.as_str(),
                kind_label(c.kind, zh),
                &c.company,
                &c.industry,
                size_label(c.size, zh),
                &c.region,
                &c.source,
                &crate::model::form::join_tags(&c.tags),
                lifecycle_label(c.lifecycle, zh),
                value_class_label(c.value_class, zh),
                &c.owner,
                &phones,
                &mobiles,
                &join_values(c.emails.iter()),
                &c.address,
                &birthday_cell(c.birthday, c.birthday_month_day),
                &c.notes,
                if c.archived {
                    pick(zh, "是", "yes")
                } else {
                    ""
                },
                &opt_out_text(&c.marketing_opt_out, zh),
            ],
        );
    }
    out
}

/// One row per contact, with its customer's name first so that the file re-imports as
/// customers with their contact persons. Columns the importer has no target for (department,
/// the contact's own birthday, notes and opt-out) get headers it does not map, rather than the
/// customer-level headers that would put them on the customer. `contacts` may be a selection
/// (those marketing may reach); contacts in the trash, or of a customer in it, are left out.
pub fn contacts_csv<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    customers: &[Customer],
    zh: bool,
) -> String {
    let live = live_customers(customers);
    let trashed = trashed_customers(customers);
    let mut out = String::new();
    let headers = if zh {
        [
            "客户名称",
            "联系人",
            "职务",
            "部门",
            "联系人电话",
            "联系人邮箱",
            "联系人生日",
            "联系人备注",
            "联系人营销退订",
        ]
    } else {
        [
            "Customer",
            "Contact",
            "Title",
            "Department",
            "Contact phone",
            "Contact email",
            "Contact birthday",
            "Contact notes",
            "Contact marketing opt-out",
        ]
    };
    push_row(&mut out, &headers);
    for c in contacts
        .into_iter()
        .filter(|c| c.deleted_at.is_none() && !trashed.contains(&c.customer_id))
    {
        push_row(
            &mut out,
            &[
                customer_name(c.customer_id, &live),
                &c.name,
                &c.title,
                &c.department,
                &join_values(c.phones.iter()),
                &join_values(c.emails.iter()),
                &birthday_cell(c.birthday, c.birthday_month_day),
                &c.notes,
                &opt_out_text(&c.marketing_opt_out, zh),
            ],
        );
    }
    out
}

/// The contact log, one row per entry, with customer and contact names resolved.
pub fn interactions_csv(
    interactions: &[Interaction],
    customers: &[Customer],
    contacts: &[Contact],
    zh: bool,
) -> String {
    let live = live_customers(customers);
    let trashed = trashed_customers(customers);
    let contact_names: HashMap<Id, &str> =
        contacts.iter().map(|c| (c.id, c.name.as_str())).collect();
    let mut out = String::new();
    let headers = if zh {
        ["客户名称", "联系人", "时间", "方式", "内容", "结果", "附件"]
    } else {
        [
            "Customer",
            "Contact",
            "When",
            "Type",
            "Summary",
            "Outcome",
            "Attachments",
        ]
    };
    push_row(&mut out, &headers);
    for i in interactions
        .iter()
        .filter(|i| i.deleted_at.is_none() && !trashed.contains(&i.customer_id))
    {
        let contact = i
            .contact_id
            .and_then(|id| contact_names.get(&id).copied())
            .unwrap_or("");
        let files: Vec<&str> = i.attachments.iter().map(|a| a.name.as_str()).collect();
        push_row(
            &mut out,
            &[
                customer_name(i.customer_id, &live),
                contact,
                &i.at.format("%Y-%m-%d %H:%M").to_string(),
                interaction_kind_label(i.kind, zh),
                &i.summary,
                &i.outcome,
                &files.join(LIST_SEPARATOR),
            ],
        );
    }
    out
}

/// Follow-ups (planned contacts), one row each.
pub fn follow_ups_csv(follow_ups: &[FollowUp], customers: &[Customer], zh: bool) -> String {
    let live = live_customers(customers);
    let trashed = trashed_customers(customers);
    let mut out = String::new();
    let headers = if zh {
        [
            "客户名称",
            "日期",
            "时间",
            "方式",
            "目的",
            "地点",
            "负责人",
            "状态",
            "结果",
        ]
    } else {
        [
            "Customer", "Due", "Time", "Type", "Purpose", "Place", "Owner", "Status", "Result",
        ]
    };
    push_row(&mut out, &headers);
    for f in follow_ups
        .iter()
        .filter(|f| f.deleted_at.is_none() && !trashed.contains(&f.customer_id))
    {
        let time = f
            .time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        push_row(
            &mut out,
            &[
                customer_name(f.customer_id, &live),
                &date_cell(Some(f.due)),
                &time,
                interaction_kind_label(f.kind, zh),
                &f.purpose,
                &f.place,
                &f.owner,
                status_label(f.status, zh),
                &f.result,
            ],
        );
    }
    out
}

/// Column headers of [`opportunities_csv`], in the order written.
pub fn opportunity_headers(zh: bool) -> [&'static str; 15] {
    if zh {
        [
            "客户名称",
            "商机名称",
            "阶段",
            "金额",
            "币种",
            "赢率(%)",
            "加权金额",
            "预计成交日期",
            "负责人",
            "来源",
            "竞争对手",
            "下一步",
            "赢单/输单原因",
            "结束日期",
            "备注",
        ]
    } else {
        [
            "Customer",
            "Opportunity",
            "Stage",
            "Amount",
            "Currency",
            "Probability (%)",
            "Weighted amount",
            "Expected close",
            "Owner",
            "Source",
            "Competitors",
            "Next step",
            "Won/lost reason",
            "Closed on",
            "Notes",
        ]
    }
}

/// Opportunities, one row each, with the stage's name in the user's language. Amounts are
/// plain numbers in the currency's major unit (`800000.50`, no grouping) so that a spreadsheet
/// can sum them, next to their currency, which the sum must respect. Probability and weighted
/// amount are as the app counts them ([`probability_of`]).
pub fn opportunities_csv(
    opportunities: &[Opportunity],
    customers: &[Customer],
    settings: &Settings,
    zh: bool,
) -> String {
    let live = live_customers(customers);
    let trashed = trashed_customers(customers);
    let mut out = String::new();
    push_row(&mut out, &opportunity_headers(zh));
    for o in opportunities
        .iter()
        .filter(|o| o.deleted_at.is_none() && !trashed.contains(&o.customer_id))
    {
        let currency = currency_of(o, settings);
        push_row(
            &mut out,
            &[
                customer_name(o.customer_id, &live),
                &o.title,
                stage_of(o, settings).name(zh),
                &amount_text(o.amount, &currency),
                &currency,
                &probability_of(o, settings).to_string(),
                &amount_text(weighted_value(o, settings), &currency),
                &date_cell(o.expected_close),
                &o.owner,
                &o.source,
                &o.competitors.join(LIST_SEPARATOR),
                &o.next_step,
                &o.close_reason,
                &date_cell(o.closed_on),
                &o.notes,
            ],
        );
    }
    out
}

/// Helps tests elsewhere in the crate (the GB18030 encoder, the importer) use the same data.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;
    use crate::customers::commands::blank_customer;
    use crate::model::ids::Timestamp;

    pub fn customer(n: u128, name: &str) -> Customer {
        let mut c = blank_customer(Id::from_u128(n), Timestamp(0));
        c.name = name.into();
        c
    }

    /// Customers exercising every column, enum and awkward value an export must survive.
    pub fn sample() -> Vec<Customer> {
        let mut a = customer(1, "北京星辰科技有限公司");
        a.kind = CustomerKind::Company;
        a.company = "星辰集团".into();
        a.industry = "软件".into();
        a.size = SizeBand::Medium;
        a.region = "北京".into();
        a.source = "展会".into();
        a.tags = vec!["VIP".into(), "重点".into()];
        a.lifecycle = Lifecycle::Maturity;
        a.value_class = ValueClass::A;
        a.owner = "李雷".into();
        a.phones = vec![
            Labeled::new(Label::Work, "010-12345678转8"),
            Labeled::new(Label::Mobile, "+86 138-0013-8000"),
            Labeled::new(Label::Fax, "010-87654321"),
        ];
        a.emails = vec![
            Labeled::new(Label::Work, "sales@xingchen.cn"),
            Labeled::new(Label::Home, "li@例子.中国"),
        ];
        a.address = "北京市朝阳区望京街 1 号, 3 层".into();
        a.birthday = chrono::NaiveDate::from_ymd_opt(2001, 6, 1);
        a.notes = "第一行\n第二行，含\"引号\"".into();
        a.marketing_opt_out = Some(crate::marketing::OptOut {
            on: chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
            channel: crate::marketing::OptOutChannel::Email,
            note: "客户来电要求：不要群发".into(),
        });

        let mut b = customer(2, "王芳");
        b.kind = CustomerKind::Person;
        b.size = SizeBand::Unknown;
        b.lifecycle = Lifecycle::Prospect;
        b.value_class = ValueClass::C;
        b.phones = vec![Labeled::new(Label::Mobile, "13900139000")];
        b.archived = true;

        let mut c = customer(3, "Acme Trading Ltd");
        c.size = SizeBand::Enterprise;
        c.lifecycle = Lifecycle::Termination;
        c.value_class = ValueClass::B;
        c.tags = vec!["export".into()];
        c.emails = vec![Labeled::new(Label::Work, "buyer@acme.example.com")];
        c.notes = "=cmd|' /C calc'!A0".into();
        c.marketing_opt_out = Some(crate::marketing::OptOut {
            on: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
            channel: crate::marketing::OptOutChannel::All,
            note: String::new(),
        });

        let mut gone = customer(4, "已删除公司");
        gone.deleted_at = Some(Timestamp(5));
        vec![a, b, c, gone]
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::{customer, sample};
    use super::*;
    use crate::activity::commands::{blank_follow_up, blank_interaction};
    use crate::customers::commands::blank_contact;
    use crate::model::ids::Timestamp;
    use crate::model::records::AttachmentRef;
    use chrono::{NaiveDate, NaiveTime};

    /// Parses what we wrote with the csv crate, as a spreadsheet would.
    fn rows(csv: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn bom_prefix() {
        assert_eq!(with_utf8_bom("a,b"), b"\xEF\xBB\xBFa,b".to_vec());
        assert_eq!(with_utf8_bom(""), UTF8_BOM.to_vec());
    }

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+86 138", "'+86 138"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("a=b", "a=b"),
            (" =x", " =x"),
            ("'=x", "'=x"),
            ("", ""),
            ("张三", "张三"),
        ] {
            assert_eq!(neutralize_formula(cell), want, "{cell:?}");
        }
        let mut out = String::new();
        push_row(&mut out, &["=HYPERLINK(\"x\")", "ok", "\rcr"]);
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\",ok,\"'\rcr\"\r\n");
    }

    #[test]
    fn quoting_round_trips_through_a_csv_reader() {
        let mut out = String::new();
        let cells = [
            "a,b",
            "say \"hi\"",
            "line\nbreak",
            "plain",
            "",
            "中文，逗号",
        ];
        push_row(&mut out, &cells);
        assert_eq!(rows(&out), vec![cells.map(String::from).to_vec()]);
    }

    #[test]
    fn customers_in_both_languages_skip_trash() {
        let zh = rows(&customers_csv(&sample(), true));
        assert_eq!(zh.len(), 4, "header and three live customers");
        assert_eq!(zh[0], customer_headers(true).map(String::from).to_vec());
        let a = &zh[1];
        assert_eq!(a[0], "北京星辰科技有限公司");
        assert_eq!(a[1], "企业客户");
        assert_eq!(a[4], "中型");
        assert_eq!(a[7], "VIP, 重点");
        assert_eq!(a[8], "成熟期");
        assert_eq!(a[9], "A类");
        assert_eq!(a[11], "010-12345678转8; 010-87654321");
        assert_eq!(a[12], "'+86 138-0013-8000");
        assert_eq!(a[13], "sales@xingchen.cn; li@例子.中国");
        assert_eq!(a[15], "2001-06-01");
        assert_eq!(a[16], "第一行\n第二行，含\"引号\"");
        assert_eq!(a[17], "");
        assert_eq!(a[18], "2026-02-01 邮件: 客户来电要求：不要群发");
        assert_eq!(zh[2][18], "", "no opt-out, an empty cell");
        assert_eq!(zh[2][1], "个人客户");
        assert_eq!(zh[2][17], "是");
        assert_eq!(zh[3][16], "'=cmd|' /C calc'!A0");
        assert!(!customers_csv(&sample(), true).contains("已删除公司"));

        let en = rows(&customers_csv(&sample(), false));
        assert_eq!(en[0][0], "Name");
        assert_eq!(
            (&*en[1][1], &*en[1][4], &*en[1][8], &*en[1][9]),
            ("Company", "Medium", "Maturity", "A")
        );
        assert_eq!((&*en[3][4], &*en[3][8]), ("Enterprise", "Termination"));
        assert_eq!(en[2][17], "yes");
        assert_eq!(en[3][18], "2025-12-31 all channels");
        // CRLF line ends, as Excel writes them.
        assert!(customers_csv(&[], false).ends_with("Marketing opt-out\r\n"));
        // A selection keeps its order and still never writes a trashed customer.
        let all = sample();
        let picked = rows(&selected_customers_csv([&all[3], &all[2], &all[0]], false));
        let names: Vec<&str> = picked[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, ["Acme Trading Ltd", "北京星辰科技有限公司"]);
    }

    #[test]
    fn contacts_follow_live_customers() {
        let live = customer(1, "星辰");
        let mut dead = customer(2, "旧公司");
        dead.deleted_at = Some(Timestamp(1));
        let mut c1 = blank_contact(Id::from_u128(10), live.id, Timestamp(0));
        c1.name = "张伟".into();
        c1.title = "采购经理".into();
        c1.phones = vec![
            Labeled::new(Label::Work, "+86 10 1234 5678"),
            Labeled::new(Label::Mobile, "13800138000"),
        ];
        c1.emails = vec![Labeled::new(Label::Work, "zw@example.cn")];
        let mut c2 = blank_contact(Id::from_u128(11), dead.id, Timestamp(0));
        c2.name = "随公司删除".into();
        let mut c3 = blank_contact(Id::from_u128(12), live.id, Timestamp(0));
        c3.name = "自己删除".into();
        c3.deleted_at = Some(Timestamp(1));
        let got = rows(&contacts_csv(&[c1, c2, c3], &[live, dead], true));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0][..3], ["客户名称", "联系人", "职务"]);
        assert_eq!(got[1][..3], ["星辰", "张伟", "采购经理"]);
        // The guard looks at the start of the cell, where a spreadsheet would.
        assert_eq!(got[1][4], "'+86 10 1234 5678; 13800138000");
        assert_eq!(got[1][5], "zw@example.cn");
        assert_eq!(rows(&contacts_csv(&[], &[], false))[0][4], "Contact phone");
    }

    #[test]
    fn interactions_and_follow_ups() {
        let cu = customer(1, "星辰");
        let mut gone = customer(2, "旧");
        gone.deleted_at = Some(Timestamp(1));
        let mut ct = blank_contact(Id::from_u128(10), cu.id, Timestamp(0));
        ct.name = "张伟".into();
        let at = NaiveDate::from_ymd_opt(2026, 3, 5)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let mut i = blank_interaction(Id::from_u128(20), cu.id, at, Timestamp(0));
        i.contact_id = Some(ct.id);
        i.kind = InteractionKind::Visit;
        i.summary = "+送样品".into();
        i.attachments = vec![AttachmentRef {
            id: Id::from_u128(99),
            name: "报价.pdf".into(),
            mime: String::new(),
            size: 1,
        }];
        let mut trashed = i.clone();
        trashed.id = Id::from_u128(21);
        trashed.deleted_at = Some(Timestamp(1));
        let orphaned = blank_interaction(Id::from_u128(22), gone.id, at, Timestamp(0));
        let customers = [cu.clone(), gone.clone()];
        let got = rows(&interactions_csv(
            &[i, trashed, orphaned],
            &customers,
            &[ct],
            true,
        ));
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[1],
            [
                "星辰",
                "张伟",
                "2026-03-05 09:30",
                "拜访",
                "'+送样品",
                "",
                "报价.pdf"
            ]
        );

        let mut f = blank_follow_up(
            Id::from_u128(30),
            cu.id,
            NaiveDate::from_ymd_opt(2026, 3, 6).unwrap(),
            Timestamp(0),
        );
        f.time = NaiveTime::from_hms_opt(14, 0, 0);
        f.status = FollowUpStatus::Done;
        f.owner = "李雷".into();
        let mut f_gone = f.clone();
        f_gone.customer_id = gone.id;
        let got = rows(&follow_ups_csv(&[f, f_gone], &customers, false));
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[1],
            [
                "星辰",
                "2026-03-06",
                "14:00",
                "Call",
                "",
                "",
                "李雷",
                "Done",
                ""
            ]
        );
    }

    #[test]
    fn opportunities_with_stage_names_and_plain_amounts() {
        let settings = Settings::default();
        let cu = customer(1, "星辰");
        let mut gone = customer(2, "旧");
        gone.deleted_at = Some(Timestamp(1));
        let mut o = crate::pipeline::opportunity::tests::opp(40, 1, "negotiation", 800_000);
        o.title = "=ERP 二期".into();
        o.amount += 50;
        o.owner = "李雷".into();
        o.competitors = vec!["用友".into(), "SAP".into()];
        o.expected_close = NaiveDate::from_ymd_opt(2026, 4, 30);
        let mut usd = crate::pipeline::opportunity::tests::opp(41, 1, "won", 1_200);
        usd.currency = "USD".into();
        let mut trashed = o.clone();
        trashed.id = Id::from_u128(42);
        trashed.deleted_at = Some(Timestamp(1));
        let mut of_gone = o.clone();
        of_gone.id = Id::from_u128(43);
        of_gone.customer_id = gone.id;
        let all = [o, usd, trashed, of_gone];
        let customers = [cu, gone];
        let got = rows(&opportunities_csv(&all, &customers, &settings, true));
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], opportunity_headers(true).map(String::from).to_vec());
        assert_eq!(
            got[1],
            [
                "星辰",
                "'=ERP 二期",
                "商务谈判",
                "800000.50",
                "CNY",
                "80",
                "640000.40",
                "2026-04-30",
                "李雷",
                "",
                "用友; SAP",
                "",
                "",
                "",
                ""
            ]
        );
        assert_eq!(got[2][2..7], ["赢单", "1200", "USD", "100", "1200"]);
        assert_eq!(got[2][12..14], ["价格 Price", "2026-03-05"]);
        let en = rows(&opportunities_csv(&all, &customers, &settings, false));
        assert_eq!(
            (en[0][1].as_str(), en[1][2].as_str()),
            ("Opportunity", "Negotiation")
        );
    }

    #[test]
    fn labels_differ_per_language_and_value() {
        let all: HashSet<&str> = InteractionKind::ALL
            .iter()
            .map(|&k| interaction_kind_label(k, true))
            .collect();
        assert_eq!(all.len(), InteractionKind::ALL.len());
        for s in [
            FollowUpStatus::Open,
            FollowUpStatus::Done,
            FollowUpStatus::Cancelled,
        ] {
            assert_ne!(status_label(s, true), status_label(s, false));
        }
    }
}
