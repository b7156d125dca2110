//! Hand-worked service examples. Default targets: urgent 1 h / 24 h, high 4 h / 48 h,
//! normal 24 h / 120 h, low 48 h / 240 h (respond / resolve).

use chrono::NaiveDateTime;

use crate::analysis::fixtures::{customer, id, move_to};
use crate::analysis::period::Period;
use crate::model::ids::Timestamp;
use crate::model::records::{Lifecycle, Settings};
use crate::model::validate::{Field, FieldError, Problem};
use crate::service::case::{CaseChannel, CasePriority, CaseStatus, ServiceCase};
use crate::service::commands::{create_case, move_case, update_case, CaseForm, CaseMove};
use crate::service::figures::{cases_opened_in, service_figures};
use crate::service::timing::{late, minutes_to_resolution, minutes_to_response, Late};

const NOW: Timestamp = Timestamp(1_800_000_000_000);

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn open(
    n: u128,
    customer: u128,
    kind: &str,
    channel: CaseChannel,
    priority: CasePriority,
    at: &str,
) -> ServiceCase {
    let form = CaseForm {
        customer_id: Some(id(customer)),
        kind: kind.into(),
        channel,
        priority,
        subject: format!("case {n}"),
        opened_at: at.replace(' ', "T"),
        ..Default::default()
    };
    create_case(&form, &Settings::default(), id(n), t(at), NOW).unwrap()
}

fn step(c: &ServiceCase, to: CaseStatus, at: &str, note: &str, verdict: Option<u8>) -> ServiceCase {
    let m = CaseMove {
        to,
        at: t(at),
        note: note.into(),
        satisfaction: verdict,
    };
    move_case(c, &m, NOW).unwrap()
}

/// Case A: complaint, normal; answered after 150 min, resolved after 48 h, verdict 4.
fn case_a() -> ServiceCase {
    let c = open(
        1,
        1,
        "complaint",
        CaseChannel::Phone,
        CasePriority::Normal,
        "2026-03-02 09:00",
    );
    let c = step(&c, CaseStatus::InProgress, "2026-03-02 11:30", "", None);
    let c = step(&c, CaseStatus::Resolved, "2026-03-04 09:00", "换新", None);
    step(&c, CaseStatus::Closed, "2026-03-05 10:00", "", Some(4))
}

/// Case B: repair, urgent; answered after 120 min (target 60), resolved after 28 h (target
/// 24), verdict 2.
fn case_b() -> ServiceCase {
    let c = open(
        2,
        2,
        "repair",
        CaseChannel::Visit,
        CasePriority::Urgent,
        "2026-03-10 08:00",
    );
    let c = step(&c, CaseStatus::InProgress, "2026-03-10 10:00", "", None);
    let c = step(&c, CaseStatus::Resolved, "2026-03-11 12:00", "修好", None);
    step(&c, CaseStatus::Closed, "2026-03-11 12:30", "", Some(2))
}

/// Case C: complaint, high, never answered.
fn case_c() -> ServiceCase {
    open(
        3,
        3,
        "complaint",
        CaseChannel::Email,
        CasePriority::High,
        "2026-03-20 12:00",
    )
}

/// Case D: inquiry opened in February, outside the period.
fn case_d() -> ServiceCase {
    open(
        4,
        4,
        "inquiry",
        CaseChannel::Web,
        CasePriority::Low,
        "2026-02-27 09:00",
    )
}

/// Case E: complaint, normal; answered after 30 min, resolved after 24 h, closed with 5, then
/// reopened, so its resolution and verdict no longer count.
fn case_e() -> ServiceCase {
    let c = open(
        5,
        4,
        "complaint",
        CaseChannel::Phone,
        CasePriority::Normal,
        "2026-03-15 09:00",
    );
    let c = step(&c, CaseStatus::InProgress, "2026-03-15 09:30", "", None);
    let c = step(&c, CaseStatus::Resolved, "2026-03-16 09:00", "解释", None);
    let c = step(&c, CaseStatus::Closed, "2026-03-16 10:00", "", Some(5));
    step(
        &c,
        CaseStatus::InProgress,
        "2026-03-18 10:00",
        "又坏了",
        None,
    )
}

#[test]
fn a_case_records_every_step_and_its_times() {
    let a = case_a();
    assert_eq!(a.status, CaseStatus::Closed);
    assert_eq!(a.first_response_at, Some(t("2026-03-02 11:30")));
    assert_eq!(a.resolved_at, Some(t("2026-03-04 09:00")));
    assert_eq!(a.closed_at, Some(t("2026-03-05 10:00")));
    assert_eq!((a.resolution.as_str(), a.satisfaction), ("换新", Some(4)));
    let statuses: Vec<CaseStatus> = a.history.iter().map(|e| e.status).collect();
    use CaseStatus::*;
    assert_eq!(statuses, vec![New, InProgress, Resolved, Closed]);
    assert_eq!(a.rev, 4);
    // 09:00 → 11:30 is 150 minutes; 2 March 09:00 → 4 March 09:00 is 48 h = 2,880 minutes.
    assert_eq!(minutes_to_response(&a), Some(150));
    assert_eq!(minutes_to_resolution(&a), Some(2880));
}

#[test]
fn reopening_counts_and_clears_the_verdict() {
    let e = case_e();
    assert_eq!((e.status, e.reopened), (CaseStatus::InProgress, 1));
    assert_eq!(
        (e.resolved_at, e.closed_at, e.satisfaction),
        (None, None, None)
    );
    assert!(e.history.last().unwrap().reopened);
    // The first response stays where it was.
    assert_eq!(e.first_response_at, Some(t("2026-03-15 09:30")));
}

#[test]
fn moves_are_checked() {
    let c = case_c();
    let bad = |to, at: &str, note: &str, verdict| {
        let m = CaseMove {
            to,
            at: t(at),
            note: note.into(),
            satisfaction: verdict,
        };
        move_case(&c, &m, NOW).unwrap_err()
    };
    let err = |field, problem| vec![FieldError::new(field, problem)];
    assert_eq!(
        bad(CaseStatus::Resolved, "2026-03-20 13:00", " ", None),
        err(Field::Resolution, Problem::Required)
    );
    // Closing an unresolved case resolves it, so it needs the resolution too.
    assert_eq!(
        bad(CaseStatus::Closed, "2026-03-20 13:00", "", Some(3)),
        err(Field::Resolution, Problem::Required)
    );
    assert_eq!(
        bad(CaseStatus::Closed, "2026-03-20 13:00", "ok", Some(6)),
        err(Field::Satisfaction, Problem::InvalidSatisfaction)
    );
    assert_eq!(
        bad(CaseStatus::InProgress, "2026-03-20 11:59", "", None),
        err(Field::At, Problem::BeforePreviousStep)
    );
    // Closing straight away resolves at the same moment and counts as the first response.
    let m = CaseMove {
        to: CaseStatus::Closed,
        at: t("2026-03-20 13:00"),
        note: "重复工单".into(),
        satisfaction: None,
    };
    let closed = move_case(&c, &m, NOW).unwrap();
    assert_eq!(closed.resolved_at, Some(t("2026-03-20 13:00")));
    assert_eq!(closed.first_response_at, Some(t("2026-03-20 13:00")));
    assert_eq!(closed.satisfaction, None);
}

#[test]
fn the_form_checks_kind_subject_and_opening_time() {
    let settings = Settings::default();
    let now = t("2026-03-20 12:00");
    let form = CaseForm {
        customer_id: None,
        kind: "nonsense".into(),
        opened_at: "2026-03-21T09:00".into(),
        ..Default::default()
    };
    let errs = create_case(&form, &settings, id(9), now, NOW).unwrap_err();
    let fields: Vec<(Field, Problem)> = errs.iter().map(|e| (e.field, e.problem)).collect();
    assert_eq!(
        fields,
        vec![
            (Field::Customer, Problem::Required),
            (Field::CaseKind, Problem::UnknownCaseKind),
            (Field::Subject, Problem::Required),
            (Field::At, Problem::DateInFuture),
        ]
    );
    // Editing cannot move the opening after the first response.
    let a = case_a();
    let mut edit = CaseForm::from_record(&a);
    edit.opened_at = "2026-03-02T12:00".into();
    let errs = update_case(&a, &edit, &settings, t("2026-04-01 00:00"), NOW).unwrap_err();
    assert_eq!(
        errs,
        vec![FieldError::new(Field::At, Problem::AfterCaseSteps)]
    );
    // A valid edit keeps the status and moves the opening entry of the history with it.
    edit.opened_at = "2026-03-02T08:00".into();
    edit.priority = CasePriority::High;
    let edited = update_case(&a, &edit, &settings, t("2026-04-01 00:00"), NOW).unwrap();
    assert_eq!(
        (edited.status, edited.priority),
        (CaseStatus::Closed, CasePriority::High)
    );
    assert_eq!(edited.history[0].at, t("2026-03-02 08:00"));
    assert_eq!(edited.rev, a.rev + 1);
}

#[test]
fn late_cases_against_their_targets() {
    let targets = Settings::default().case_targets;
    let c = case_c(); // high: answer by 16:00, resolve by 22 March 12:00
    assert_eq!(late(&c, &targets, t("2026-03-20 16:00")), None);
    assert_eq!(
        late(&c, &targets, t("2026-03-20 16:01")),
        Some(Late::Response)
    );
    let answered = step(&c, CaseStatus::InProgress, "2026-03-20 16:30", "", None);
    assert_eq!(late(&answered, &targets, t("2026-03-22 12:00")), None);
    assert_eq!(
        late(&answered, &targets, t("2026-03-22 12:01")),
        Some(Late::Resolution)
    );
    // Resolved cases are never late, however old.
    assert_eq!(late(&case_a(), &targets, t("2027-01-01 00:00")), None);
}

#[test]
fn service_figures_for_march() {
    let mut customers: Vec<_> = (1..=4).map(|n| customer(n, "2026-01-01")).collect();
    move_to(
        &mut customers[2],
        Lifecycle::Termination,
        "2026-03-25",
        "服务 Service",
    );
    let cases = vec![case_a(), case_b(), case_c(), case_d(), case_e()];
    let f = service_figures(
        &cases,
        &customers,
        &Settings::default(),
        Period::month(2026, 3).unwrap(),
    );
    // A, B, C and E were opened in March (D in February), in opening order A, B, E, C.
    assert_eq!(f.opened, vec![id(1), id(2), id(5), id(3)]);
    let kinds: Vec<(&str, Vec<_>)> = f
        .by_kind
        .iter()
        .map(|g| (g.key.as_str(), g.cases.clone()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("complaint", vec![id(1), id(5), id(3)]),
            ("repair", vec![id(2)]),
            ("inquiry", vec![]),
            ("suggestion", vec![]),
        ]
    );
    assert_eq!(f.by_channel[0].cases, vec![id(1), id(5)]); // phone
    let status = |s: CaseStatus| &f.by_status.iter().find(|g| g.key == s).unwrap().cases;
    assert_eq!(status(CaseStatus::Closed), &vec![id(1), id(2)]);
    assert_eq!(status(CaseStatus::InProgress), &vec![id(5)]);
    assert_eq!(status(CaseStatus::New), &vec![id(3)]);
    // First response: A 150 + B 120 + E 30 = 300 minutes over 3 cases = 100 min = 1 h 40 min.
    assert_eq!(
        (f.to_response.total_minutes, f.to_response.cases.len()),
        (300, 3)
    );
    assert_eq!(f.to_response.minutes().scaled(0), Some(100));
    assert_eq!(f.to_response.hours().scaled(2), Some(167)); // 300 / 180 = 1.666…
                                                            // Resolution: A 2,880 + B 1,680 (28 h) = 4,560 minutes over 2 cases = 38 h (E reopened).
    assert_eq!(f.to_resolution.hours().scaled(0), Some(38));
    // In time: A (150 ≤ 1,440) and E (30 ≤ 1,440) answered in time, B (120 > 60) late: 2/3.
    assert_eq!(
        (
            f.responded_in_time.numerator,
            f.responded_in_time.denominator
        ),
        (2, 3)
    );
    assert_eq!(f.responded_in_time_cases, vec![id(1), id(5)]);
    // Resolved in time: A (48 h ≤ 120 h) yes, B (28 h > 24 h) no: 1/2.
    assert_eq!(
        (f.resolved_in_time.numerator, f.resolved_in_time.denominator),
        (1, 2)
    );
    // Verdicts 4 and 2 (E's 5 was cleared by the reopening): average 6 / 2 = 3.
    assert_eq!(f.satisfaction, [0, 1, 0, 1, 0]);
    assert_eq!(f.satisfaction_average.scaled(1), Some(30));
    assert_eq!(f.reopened, vec![id(5)]);
    // Complaints A, E, C over 4 customers at the start: 3 × 100 ÷ 4 = 75 per 100 customers.
    assert_eq!(f.complaints, vec![id(1), id(5), id(3)]);
    assert_eq!(f.customers_at_start, 4);
    assert_eq!(f.complaints_per_100.scaled(0), Some(75));
    // Customers 1, 3 and 4 had a complaint unresolved in March; 3 left: 1/3. Customer 2
    // (a repair only) stayed: 0/1.
    assert_eq!(f.churn_with_complaint.customers, vec![id(1), id(3), id(4)]);
    assert_eq!(f.churn_with_complaint.lost, vec![id(3)]);
    assert_eq!(f.churn_with_complaint.rate().percent(1), Some(333));
    assert_eq!(f.churn_without_complaint.customers, vec![id(2)]);
    assert_eq!(f.churn_without_complaint.rate().percent(0), Some(0));
}

#[test]
fn figures_leave_out_trashed_cases_and_customers() {
    let customers = vec![customer(1, "2026-01-01"), {
        let mut c = customer(2, "2026-01-01");
        c.deleted_at = Some(NOW);
        c
    }];
    let mut trashed = case_c();
    trashed.customer_id = id(1);
    trashed.deleted_at = Some(NOW);
    let cases = vec![case_a(), case_b(), trashed];
    let f = service_figures(
        &cases,
        &customers,
        &Settings::default(),
        Period::month(2026, 3).unwrap(),
    );
    assert_eq!(f.opened, vec![id(1)]);
    let listed: Vec<_> = cases_opened_in(&cases, &customers, Period::month(2026, 3).unwrap())
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(listed, f.opened, "the list shows the figure's cases");
}

#[test]
fn the_period_list_is_the_figures_cohort() {
    let customers: Vec<_> = (1..=4).map(|n| customer(n, "2026-01-01")).collect();
    let cases = vec![case_a(), case_b(), case_c(), case_d(), case_e()];
    for period in [
        Period::month(2026, 3).unwrap(),
        Period::month(2026, 2).unwrap(),
        Period::quarter(2026, 1).unwrap(),
        Period::custom(t("2026-03-02 00:00").date(), t("2026-03-02 00:00").date()).unwrap(),
    ] {
        let f = service_figures(&cases, &customers, &Settings::default(), period);
        let listed: Vec<_> = cases_opened_in(&cases, &customers, period)
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(listed, f.opened, "{period:?}");
    }
    // March: A, B, E and C by opening time; February: D only.
    let march = cases_opened_in(&cases, &customers, Period::month(2026, 3).unwrap());
    assert_eq!(march.len(), 4);
    let february = cases_opened_in(&cases, &customers, Period::month(2026, 2).unwrap());
    assert_eq!(february.iter().map(|c| c.id).collect::<Vec<_>>(), [id(4)]);
}

#[test]
fn a_caller_not_on_file_becomes_a_customer() {
    use crate::service::commands::caller_as_customer;
    let today = t("2026-03-20 12:00").date();
    let by_phone = caller_as_customer(" 13812345678 ", id(70), NOW, today).unwrap();
    assert_eq!(by_phone.name, "13812345678");
    assert_eq!(by_phone.phones.len(), 1);
    assert_eq!(by_phone.phones[0].value, "13812345678");
    let by_name = caller_as_customer("王先生", id(71), NOW, today).unwrap();
    assert_eq!((by_name.name.as_str(), by_name.phones.len()), ("王先生", 0));
    // A mistyped mobile is kept as the name only, not stored as a phone that cannot be right.
    let short = caller_as_customer("1381234567", id(72), NOW, today).unwrap();
    assert_eq!(short.phones.len(), 0);
    let errs = caller_as_customer("  ", id(73), NOW, today).unwrap_err();
    assert_eq!(errs, vec![FieldError::new(Field::Name, Problem::Required)]);
}

#[test]
fn targets_are_whole_hours_within_a_year() {
    use crate::service::case::{parse_hours, CaseTarget, CaseTargets};
    assert_eq!(parse_hours(" 24 "), Ok(24));
    assert_eq!(parse_hours("４８"), Ok(48));
    assert_eq!(parse_hours("8760"), Ok(8760));
    for bad in ["0", "8761", "1.5", "-3", "", "abc"] {
        assert_eq!(parse_hours(bad), Err(Problem::InvalidHours), "{bad}");
    }
    let mut targets = CaseTargets(Vec::new());
    let t = |priority, respond_hours| CaseTarget {
        priority,
        respond_hours,
        resolve_hours: 100,
    };
    targets.set(t(CasePriority::Low, 5));
    targets.set(t(CasePriority::Urgent, 1));
    targets.set(t(CasePriority::Low, 6));
    assert_eq!(
        targets.0,
        vec![t(CasePriority::Urgent, 1), t(CasePriority::Low, 6)]
    );
}
