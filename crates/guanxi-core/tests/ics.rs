//! Calendar export of open follow-ups.

use chrono::{NaiveDate, NaiveTime};
use guanxi_core::activity::recurrence::{Recurrence, RepeatUnit};
use guanxi_core::io::ics::{export_ics, IcsLabels};
use guanxi_core::*;

/// 2026-03-05 08:00:00 UTC (16:00 in Beijing).
const NOW: Timestamp = Timestamp(1_772_697_600_000);

fn customer(n: u128, name: &str) -> Customer {
    let mut c: Customer =
        serde_json::from_value(serde_json::json!({"id": Id::from_u128(n)})).unwrap();
    c.name = name.into();
    c
}

fn follow_up(n: u128, customer: u128, due: (i32, u32, u32), purpose: &str) -> FollowUp {
    let mut f: FollowUp = serde_json::from_value(serde_json::json!({
        "id": Id::from_u128(n), "customer_id": Id::from_u128(customer), "due": "2000-01-01"
    }))
    .unwrap();
    f.due = NaiveDate::from_ymd_opt(due.0, due.1, due.2).unwrap();
    f.purpose = purpose.into();
    f
}

/// The content lines, unfolded, without the CRLFs.
fn lines(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The unfolded lines of each VEVENT.
fn events(ics: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in lines(ics) {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => out.push(current.take().unwrap()),
            _ => {
                if let Some(c) = current.as_mut() {
                    c.push(line);
                }
            }
        }
    }
    out
}

#[test]
fn calendar_structure_and_an_all_day_event() {
    let mut f = follow_up(41, 1, (2026, 3, 6), "确认报价反馈");
    f.rev = 3;
    let ics = export_ics(&[f], &[customer(1, "北京星辰")], NOW, &labels());
    assert!(ics.starts_with(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Guanxi//CRM//ZH\r\nCALSCALE:GREGORIAN\r\n"
    ));
    assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    assert_eq!(
        events(&ics),
        vec![vec![
            "UID:00000000-0000-0000-0000-000000000029@guanxi",
            "DTSTAMP:20260305T080000Z",
            "SEQUENCE:3",
            "DTSTART;VALUE=DATE:20260306",
            "DTEND;VALUE=DATE:20260307",
            "SUMMARY:北京星辰: 确认报价反馈",
        ]]
    );
}

#[test]
fn an_all_day_event_ends_on_the_next_day_across_month_and_year() {
    let ics = export_ics(
        &[follow_up(41, 1, (2026, 12, 31), "年终回访")],
        &[],
        NOW,
        &labels(),
    );
    let e = &events(&ics)[0];
    assert!(e.contains(&"DTSTART;VALUE=DATE:20261231".to_string()));
    assert!(e.contains(&"DTEND;VALUE=DATE:20270101".to_string()));
    // No customer to name: the summary is the purpose alone.
    assert!(e.contains(&"SUMMARY:年终回访".to_string()));
}

#[test]
fn a_timed_event_is_floating_local_time_for_one_hour() {
    let mut f = follow_up(41, 1, (2026, 3, 6), "拜访");
    f.time = NaiveTime::from_hms_opt(9, 30, 0);
    let mut late = follow_up(42, 1, (2026, 2, 28), "晚间");
    late.time = NaiveTime::from_hms_opt(23, 30, 15);
    let ics = export_ics(&[f, late], &[], NOW, &labels());
    let e = events(&ics);
    assert!(
        e[0].contains(&"DTSTART:20260306T093000".to_string()),
        "{e:?}"
    );
    assert!(e[0].contains(&"DTEND:20260306T103000".to_string()));
    assert!(e[1].contains(&"DTSTART:20260228T233015".to_string()));
    assert!(e[1].contains(&"DTEND:20260301T003015".to_string()));
    // Floating: no UTC marker and no time zone on the event times.
    assert!(!ics.contains("TZID"));
    assert!(e
        .iter()
        .flatten()
        .all(|l| !l.starts_with("DTSTART") || !l.ends_with('Z')));
}

#[test]
fn summary_falls_back_to_the_kind_and_location_and_owner_are_written() {
    let mut f = follow_up(41, 1, (2026, 3, 6), "  ");
    f.kind = InteractionKind::Visit;
    f.place = "北京市海淀区中关村大街1号".into();
    f.owner = "张伟".into();
    let ics = export_ics(&[f], &[customer(1, "星辰")], NOW, &labels());
    let e = &events(&ics)[0];
    assert!(e.contains(&"SUMMARY:星辰: 拜访".to_string()), "{e:?}");
    assert!(e.contains(&"LOCATION:北京市海淀区中关村大街1号".to_string()));
    assert!(e.contains(&"DESCRIPTION:负责人: 张伟".to_string()));
    // Without place or owner there is no empty property.
    let bare = export_ics(
        &[follow_up(42, 1, (2026, 3, 6), "回访")],
        &[],
        NOW,
        &labels(),
    );
    assert!(!bare.contains("LOCATION") && !bare.contains("DESCRIPTION"));
}

#[test]
fn a_repeating_follow_up_is_its_next_date_with_the_rule_described() {
    let mut f = follow_up(41, 1, (2026, 3, 31), "月度回访");
    f.owner = "张伟".into();
    f.recurrence = Some(Recurrence::new(
        2,
        RepeatUnit::Months,
        NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
    ));
    let ics = export_ics(&[f.clone()], &[customer(1, "星辰")], NOW, &labels());
    let e = &events(&ics)[0];
    assert!(
        e.contains(&"DTSTART;VALUE=DATE:20260331".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(&"DESCRIPTION:负责人: 张伟\\n重复：每 2 个月".to_string()),
        "{e:?}"
    );
    assert!(!ics.contains("RRULE"));
    f.owner.clear();
    let ics = export_ics(&[f], &[customer(1, "星辰")], NOW, &labels());
    assert!(events(&ics)[0].contains(&"DESCRIPTION:重复：每 2 个月".to_string()));
}

#[test]
fn text_is_escaped() {
    let mut f = follow_up(41, 1, (2026, 3, 6), "报价, 合同; 发票\\附件\n第二行");
    f.place = "A座, 3楼; 会议室".into();
    let ics = export_ics(&[f], &[customer(1, "甲;乙,丙")], NOW, &labels());
    let e = &events(&ics)[0];
    assert!(
        e.contains(&"SUMMARY:甲\\;乙\\,丙: 报价\\, 合同\\; 发票\\\\附件\\n第二行".to_string()),
        "{e:?}"
    );
    assert!(e.contains(&"LOCATION:A座\\, 3楼\\; 会议室".to_string()));
}

#[test]
fn long_lines_are_folded_at_75_octets() {
    let purpose = "这是一个很长的跟进目的，需要折行才能符合日历格式的要求🙂".repeat(5);
    let ics = export_ics(
        &[follow_up(41, 1, (2026, 3, 6), &purpose)],
        &[],
        NOW,
        &labels(),
    );
    let physical: Vec<&str> = ics.split("\r\n").collect();
    assert!(physical.iter().all(|l| l.len() <= 75));
    assert!(physical.iter().filter(|l| l.starts_with(' ')).count() >= 5);
    assert!(events(&ics)[0].contains(&format!("SUMMARY:{purpose}")));
}

#[test]
fn only_open_follow_ups_outside_the_trash_are_exported() {
    let open = follow_up(41, 1, (2026, 3, 6), "待办");
    let mut done = follow_up(42, 1, (2026, 3, 6), "已完成");
    done.status = FollowUpStatus::Done;
    let mut cancelled = follow_up(43, 1, (2026, 3, 6), "已取消");
    cancelled.status = FollowUpStatus::Cancelled;
    let mut trashed = follow_up(44, 1, (2026, 3, 6), "已删除");
    trashed.deleted_at = Some(Timestamp(1));
    let of_trashed_customer = follow_up(45, 2, (2026, 3, 6), "客户已删除");
    let mut gone = customer(2, "已删除客户");
    gone.deleted_at = Some(Timestamp(1));
    let ics = export_ics(
        &[open, done, cancelled, trashed, of_trashed_customer],
        &[customer(1, "甲"), gone],
        NOW,
        &labels(),
    );
    let e = events(&ics);
    assert_eq!(e.len(), 1);
    assert!(e[0].contains(&"SUMMARY:甲: 待办".to_string()));
}

#[test]
fn nothing_open_is_an_empty_calendar() {
    assert_eq!(
        export_ics(&[], &[], NOW, &labels()),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Guanxi//CRM//ZH\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n"
    );
}

fn zh_kind(kind: InteractionKind) -> String {
    match kind {
        InteractionKind::Call => "电话",
        InteractionKind::Visit => "拜访",
        InteractionKind::Meeting => "会议",
        InteractionKind::Email => "邮件",
        InteractionKind::Message => "消息",
        InteractionKind::Other => "其他",
    }
    .to_string()
}

fn labels() -> IcsLabels<'static> {
    IcsLabels {
        kind: &zh_kind,
        owner: "负责人",
        repeat: &|r| format!("重复：每 {} 个月", r.every),
    }
}
