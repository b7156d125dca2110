use super::*;
use crate::customers::commands::{blank_contact, blank_customer};
use crate::customers::list_url::CustomerSelection;
use crate::marketing::opt_out::OptOut;
use crate::marketing::segments::save_segment;
use crate::model::records::{Labeled, ValueClass};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn opted_out(channel: OptOutChannel) -> Option<OptOut> {
    Some(OptOut {
        on: day(2026, 3, 1),
        channel,
        note: String::new(),
    })
}

fn customer(n: u128, class: ValueClass, region: &str, owner: &str) -> Customer {
    let mut c = blank_customer(Id::from_u128(n), Timestamp(0));
    c.name = format!("客户{n}");
    c.value_class = class;
    c.region = region.into();
    c.owner = owner.into();
    c.phones = vec![Labeled {
        label: Default::default(),
        value: format!("1380000000{n}"),
    }];
    c
}

fn contact(n: u128, of: u128) -> Contact {
    let mut p = blank_contact(Id::from_u128(n), Id::from_u128(of), Timestamp(0));
    p.name = format!("联系人{n}");
    p.emails = vec![Labeled {
        label: Default::default(),
        value: format!("p{n}@example.cn"),
    }];
    p
}

/// Four customers and two segments that overlap in customer 1:
/// "A" selects 1 and 2, "上海" selects 1 and 3; customer 4 is in neither.
fn fixture() -> (Vec<Customer>, Vec<Contact>, Settings) {
    let customers = vec![
        customer(1, ValueClass::A, "上海", "王芳"),
        customer(2, ValueClass::A, "北京", "李雷"),
        customer(3, ValueClass::B, "上海", "李雷"),
        customer(4, ValueClass::C, "北京", "王芳"),
    ];
    let contacts = vec![
        contact(11, 1),
        contact(12, 1),
        contact(21, 2),
        contact(41, 4),
    ];
    let s = Settings::default();
    let s = save_segment(
        &s,
        Id::from_u128(100),
        "A",
        &CustomerSelection::parse("class=A"),
    )
    .unwrap();
    let s = save_segment(
        &s,
        Id::from_u128(200),
        "上海",
        &CustomerSelection::parse("region=上海"),
    )
    .unwrap();
    (customers, contacts, s)
}

fn row_names(list: &GreetingList) -> Vec<(String, Vec<String>)> {
    list.rows
        .iter()
        .map(|r| {
            (
                r.customer.name.clone(),
                r.contacts.iter().map(|p| p.name.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn the_union_of_overlapping_segments_counts_each_customer_once() {
    let (customers, contacts, s) = fixture();
    let both = [Id::from_u128(100), Id::from_u128(200)];
    let list = greeting_list(&customers, &contacts, &both, &s);
    assert_eq!(
        row_names(&list),
        [
            (
                "客户1".to_string(),
                vec!["联系人11".into(), "联系人12".into()]
            ),
            ("客户2".to_string(), vec!["联系人21".into()]),
            ("客户3".to_string(), vec![]),
        ]
    );
    assert_eq!((list.left_out(), list.contact_count()), (0, 3));

    let one = greeting_list(&customers, &contacts, &[Id::from_u128(200)], &s);
    assert_eq!(one.rows.len(), 2, "上海: customers 1 and 3");
    let unknown = greeting_list(&customers, &contacts, &[Id::from_u128(9)], &s);
    assert_eq!(unknown, GreetingList::default());
}

#[test]
fn opted_out_customers_and_contacts_are_left_out_and_counted() {
    let (mut customers, mut contacts, s) = fixture();
    // Customer 2 refuses everything: it and its one contact are left out.
    customers[1].marketing_opt_out = opted_out(OptOutChannel::All);
    // One contact of customer 1 refuses e-mail only; a greeting list may be e-mailed.
    contacts[1].marketing_opt_out = opted_out(OptOutChannel::Email);
    // Customer 4 is in no chosen segment: its contact is not counted whatever it says.
    contacts[3].marketing_opt_out = opted_out(OptOutChannel::All);
    let both = [Id::from_u128(100), Id::from_u128(200)];
    let list = greeting_list(&customers, &contacts, &both, &s);
    assert_eq!(
        row_names(&list),
        [
            ("客户1".to_string(), vec!["联系人11".into()]),
            ("客户3".to_string(), vec![]),
        ]
    );
    assert_eq!((list.customers_left_out, list.contacts_left_out), (1, 2));
    assert_eq!(list.left_out(), 3);
}

#[test]
fn the_csv_has_a_row_per_contact_and_one_for_a_customer_without_any() {
    let (mut customers, contacts, s) = fixture();
    customers[0].name = "=CMD()".into();
    let list = greeting_list(&customers, &contacts, &[Id::from_u128(200)], &s);
    assert_eq!(
        greeting_csv(&list, true),
        "客户名称,联系人,电话,邮箱,负责人\r\n\
         '=CMD(),联系人11,,p11@example.cn,王芳\r\n\
         '=CMD(),联系人12,,p12@example.cn,王芳\r\n\
         客户3,,13800000003,,李雷\r\n"
    );
    assert!(greeting_csv(&GreetingList::default(), false).starts_with("Customer,Contact,Phone"));
}

#[test]
fn lunar_holidays_have_the_seeded_years_and_ask_for_others() {
    let s = Settings::default();
    let spring = s
        .holidays
        .iter()
        .find(|h| h.id == "spring_festival")
        .unwrap();
    assert!(spring.is_per_year());
    assert_eq!(spring.name(true), "春节");
    assert_eq!(spring.name(false), "Spring Festival");
    assert_eq!(spring.date_in(2027), Some(day(2027, 2, 6)));
    assert_eq!(spring.date_in(2029), None, "not entered: the UI asks");

    let s = set_holiday_date(&s, "spring_festival", 2029, "2029年2月13日").unwrap();
    let spring = s
        .holidays
        .iter()
        .find(|h| h.id == "spring_festival")
        .unwrap();
    assert_eq!(spring.date_in(2029), Some(day(2029, 2, 13)));
    assert_eq!(
        set_holiday_date(&s, "spring_festival", 2030, "2029-02-13"),
        Err(HolidayProblem::DateNotInYear { year: 2030 })
    );
    assert_eq!(
        set_holiday_date(&s, "spring_festival", 2030, "soon"),
        Err(HolidayProblem::InvalidDate)
    );
    assert_eq!(
        set_holiday_date(&s, "new_year", 2030, "2030-01-02"),
        Err(HolidayProblem::NotPerYear)
    );
    assert_eq!(
        set_holiday_date(&s, "gone", 2030, "2030-01-02"),
        Err(HolidayProblem::NotFound)
    );
    // Typing another date replaces the year's; a blank clears it.
    let s = set_holiday_date(&s, "spring_festival", 2029, "2029-02-12").unwrap();
    let s = set_holiday_date(&s, "spring_festival", 2027, " ").unwrap();
    let spring = s
        .holidays
        .iter()
        .find(|h| h.id == "spring_festival")
        .unwrap();
    assert_eq!(spring.date_in(2029), Some(day(2029, 2, 12)));
    assert_eq!(spring.date_in(2027), None);
    assert_eq!(
        spring.date,
        HolidayDate::PerYear {
            dates: vec![
                day(2025, 1, 29),
                day(2026, 2, 17),
                day(2028, 1, 26),
                day(2029, 2, 12)
            ]
        }
    );
}

#[test]
fn a_fixed_29_february_falls_on_28_february_in_a_common_year() {
    assert_eq!(
        parse_fixed_day("２", "29"),
        Ok(MonthDay { month: 2, day: 29 })
    );
    for (m, d) in [
        ("2", "30"),
        ("4", "31"),
        ("13", "1"),
        ("0", "5"),
        ("x", "1"),
    ] {
        assert_eq!(
            parse_fixed_day(m, d),
            Err(HolidayProblem::InvalidDay),
            "{m}-{d}"
        );
    }
    let on = MonthDay { month: 2, day: 29 };
    let s = add_holiday(
        &Settings::default(),
        "leap".into(),
        "闰日",
        true,
        HolidayDate::Fixed { on },
    )
    .unwrap();
    let leap = s.holidays.last().unwrap();
    assert_eq!(leap.date_in(2028), Some(day(2028, 2, 29)));
    assert_eq!(leap.date_in(2027), Some(day(2027, 2, 28)));
    assert_eq!(
        leap.date_in(2100),
        Some(day(2100, 2, 28)),
        "not a leap year"
    );
    let bad = HolidayDate::Fixed {
        on: MonthDay { month: 2, day: 30 },
    };
    assert_eq!(
        add_holiday(&Settings::default(), "x".into(), "x", true, bad),
        Err(HolidayProblem::InvalidDay)
    );
}

#[test]
fn names_are_required_bounded_unique_in_the_language_shown_and_renamed_in_it() {
    let s = Settings::default();
    let fixed = |m, d| HolidayDate::Fixed {
        on: MonthDay { month: m, day: d },
    };
    assert_eq!(
        add_holiday(&s, "a".into(), " ", true, fixed(5, 1)),
        Err(HolidayProblem::NameRequired)
    );
    assert_eq!(
        add_holiday(&s, "a".into(), "ｎｅｗ ｙｅａｒ", false, fixed(5, 1)),
        Err(HolidayProblem::NameTaken)
    );
    let long = "节".repeat(HOLIDAY_NAME_MAX + 1);
    assert_eq!(
        add_holiday(&s, "a".into(), &long, true, fixed(5, 1)),
        Err(HolidayProblem::NameTooLong {
            max: HOLIDAY_NAME_MAX
        })
    );
    // Typed in English, it shows in Chinese too (the other name is blank).
    let s = add_holiday(&s, "founding".into(), " Founding Day ", false, fixed(6, 18)).unwrap();
    let added = s.holidays.last().unwrap();
    assert_eq!(
        (added.name(true), added.name(false)),
        ("Founding Day", "Founding Day")
    );
    assert_eq!(
        add_holiday(&s, "b".into(), "founding day", true, fixed(7, 1)),
        Err(HolidayProblem::NameTaken)
    );

    let renamed = rename_holiday(&s, "spring_festival", "农历新年", true).unwrap();
    let spring = &renamed.holidays[0];
    assert_eq!(
        (spring.name(true), spring.name(false)),
        ("农历新年", "Spring Festival")
    );
    assert_eq!(
        rename_holiday(&s, "spring_festival", "元旦", true),
        Err(HolidayProblem::NameTaken)
    );
    assert!(
        rename_holiday(&s, "spring_festival", "春节", true).is_ok(),
        "its own name"
    );
    assert_eq!(
        rename_holiday(&s, "gone", "x", true),
        Err(HolidayProblem::NotFound)
    );
    let fewer = delete_holiday(&s, "founding").unwrap();
    assert_eq!(fewer.holidays, Settings::default().holidays);
    assert_eq!(
        delete_holiday(&fewer, "founding"),
        Err(HolidayProblem::NotFound)
    );
}

#[test]
fn next_occurrences_are_soonest_first_and_skip_years_without_a_date() {
    let s = Settings::default();
    let next = |from| -> Vec<(String, NaiveDate)> {
        next_occurrences(&s.holidays, from)
            .iter()
            .map(|o| (o.holiday.id.clone(), o.date))
            .collect()
    };
    assert_eq!(
        next(day(2026, 12, 5)),
        [
            ("new_year".to_string(), day(2027, 1, 1)),
            ("spring_festival".to_string(), day(2027, 2, 6)),
            ("mid_autumn".to_string(), day(2027, 9, 15)),
        ]
    );
    // On the day itself it is still "next".
    assert_eq!(
        next(day(2026, 9, 25))[0],
        ("mid_autumn".into(), day(2026, 9, 25))
    );
    // After the last seeded year's holidays, only New Year is known.
    assert_eq!(
        next(day(2028, 11, 1)),
        [("new_year".to_string(), day(2029, 1, 1))]
    );
}

#[test]
fn planning_greetings_twice_plans_each_customer_once() {
    let (customers, contacts, s) = fixture();
    let both = [Id::from_u128(100), Id::from_u128(200)];
    let list = greeting_list(&customers, &contacts, &both, &s);
    let due = greeting_due(day(2027, 2, 6), DEFAULT_DAYS_BEFORE);
    assert_eq!(due, day(2027, 2, 3));
    let mut n = 1000;
    let mut ids = || {
        n += 1;
        Id::from_u128(n)
    };
    let first = plan_greetings(&list, &[], " 春节问候 ", due, &mut ids, Timestamp(5));
    assert_eq!(first.skipped, 0);
    let planned: Vec<(Id, &str, Option<Id>, NaiveDate, &str)> = first
        .follow_ups
        .iter()
        .map(|f| {
            (
                f.customer_id,
                f.owner.as_str(),
                f.contact_id,
                f.due,
                f.purpose.as_str(),
            )
        })
        .collect();
    assert_eq!(
        planned,
        [
            (
                Id::from_u128(1),
                "王芳",
                Some(Id::from_u128(11)),
                due,
                "春节问候"
            ),
            (
                Id::from_u128(2),
                "李雷",
                Some(Id::from_u128(21)),
                due,
                "春节问候"
            ),
            (Id::from_u128(3), "李雷", None, due, "春节问候"),
        ]
    );
    assert!(first
        .follow_ups
        .iter()
        .all(|f| f.status == FollowUpStatus::Open));

    // Customer 1's greeting was done and customer 2's deleted: neither blocks a new one;
    // customer 3's is still open and is skipped.
    let mut existing = first.follow_ups.clone();
    existing[0].status = FollowUpStatus::Done;
    existing[1].deleted_at = Some(Timestamp(6));
    let again = plan_greetings(&list, &existing, "春节问候", due, &mut ids, Timestamp(7));
    assert_eq!(again.skipped, 1);
    assert_eq!(again.follow_ups.len(), 2);
    // Another day or another title is another greeting.
    let other_day = plan_greetings(
        &list,
        &first.follow_ups,
        "春节问候",
        day(2027, 2, 1),
        &mut ids,
        Timestamp(7),
    );
    assert_eq!((other_day.follow_ups.len(), other_day.skipped), (3, 0));
    let all_open = plan_greetings(
        &list,
        &first.follow_ups,
        "春节问候",
        due,
        &mut ids,
        Timestamp(7),
    );
    assert_eq!((all_open.follow_ups.len(), all_open.skipped), (0, 3));
    assert_eq!(all_open.batch().puts.len(), 0);
    assert_eq!(first.batch().puts.len(), 3);
}

#[test]
fn days_before_are_whole_numbers_up_to_the_limit() {
    assert_eq!(parse_days_before(" 3 "), Ok(3));
    assert_eq!(parse_days_before("０"), Ok(0));
    assert_eq!(parse_days_before("60"), Ok(60));
    for bad in ["61", "-1", "", "1.5", "三"] {
        assert_eq!(
            parse_days_before(bad),
            Err(HolidayProblem::InvalidDaysBefore { max: 60 }),
            "{bad}"
        );
    }
}

#[test]
fn settings_without_holidays_get_the_defaults_and_holidays_round_trip() {
    let old: Settings = serde_json::from_str(r#"{"owners":["李雷"]}"#).unwrap();
    assert_eq!(old.holidays, default_holidays());
    let s = add_holiday(
        &old,
        "h1".into(),
        "店庆",
        true,
        HolidayDate::Fixed {
            on: MonthDay { month: 2, day: 29 },
        },
    )
    .unwrap();
    let json = serde_json::to_string(&s).unwrap();
    assert!(
        json.contains(r#""date":{"kind":"fixed","on":"--02-29"}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), s);
}
