//! The demo's service cases: about one customer in three has had some, opened while it was a
//! customer, answered and resolved mostly within the default targets (some late, some still
//! open), closed with a verdict, now and then reopened. A customer who left for poor service
//! had a complaint shortly before, unresolved or resolved to its displeasure, so the
//! dashboard's "churn with an unresolved complaint" has something to show.
//!
//! Every case is built through [`create_case`] and [`move_case`], so its history and times are
//! exactly what the app would have recorded.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::generator::{Gen, Rng};
use super::history::{day_of, ended_on};
use crate::model::records::{Customer, Settings};
use crate::service::case::{CaseChannel, CasePriority, CaseStatus, ServiceCase};
use crate::service::commands::{create_case, move_case, CaseForm, CaseMove};
use crate::service::knowledge::{save_article, Article, ArticleForm};

/// Subjects by kind (complaint, repair, inquiry, suggestion), Chinese then English.
const SUBJECTS: [[&[&str]; 2]; 4] = [
    [
        &[
            "送货延误一周",
            "发票信息开错",
            "售后人员态度差",
            "账单金额有误",
            "安装后未清理现场",
        ],
        &[
            "Delivery a week late",
            "Wrong details on the invoice",
            "Rude service staff",
            "Billing error",
            "Installer left a mess",
        ],
    ],
    [
        &[
            "设备无法开机",
            "运行时噪音大",
            "接口漏水",
            "屏幕显示异常",
            "远程连接中断",
        ],
        &[
            "Unit will not start",
            "Loud noise when running",
            "Leak at the joint",
            "Display faults",
            "Remote link drops",
        ],
    ],
    [
        &[
            "询问保修期限",
            "咨询升级方案",
            "索取使用手册",
            "询问配件价格",
        ],
        &[
            "Warranty period?",
            "Upgrade options",
            "Asks for the manual",
            "Price of spare parts",
        ],
    ],
    [
        &["希望增加夜间服务", "建议提供上门培训", "希望简化报修流程"],
        &[
            "Would like evening service",
            "Suggests on-site training",
            "Simpler repair requests",
        ],
    ],
];

const KINDS: [&str; 4] = ["complaint", "repair", "inquiry", "suggestion"];

/// Minutes to the first response and hours from it to the resolution, drawn so that most
/// cases meet the default targets and some miss them.
const RESPONSE_MINUTES: [(i64, u64); 8] = [
    (10, 20),
    (30, 25),
    (60, 15),
    (120, 12),
    (240, 10),
    (600, 8),
    (1_440, 6),
    (3_000, 4),
];
const RESOLVE_HOURS: [(i64, u64); 7] = [
    (2, 15),
    (6, 20),
    (20, 20),
    (40, 15),
    (90, 12),
    (150, 10),
    (300, 8),
];

/// Knowledge-base articles (title, text, tags) by language; the first three solve repairs,
/// the others answer inquiries.
const ARTICLES: [&[(&str, &str, &str)]; 2] = [
    &[
        ("设备无法开机的排查", "1. 检查电源和插座；2. 查看保险丝；3. 仍无法开机时安排上门检修。", "维修, 电源"),
        ("运行噪音大的处理", "检查安装是否水平、底脚是否松动；压缩机异响需更换减震垫。", "维修, 噪音"),
        ("接口漏水的处理", "关闭进水阀，更换密封圈后试机半小时确认无渗漏。", "维修, 漏水"),
        ("保修政策", "整机保修两年，主要部件保修五年；人为损坏不在保修范围。", "保修, 政策"),
        ("配件价格查询", "常用配件价格见价目表，报价以当月为准，可开具发票。", "配件, 价格"),
    ],
    &[
        ("Unit will not start", "1. Check the power and socket; 2. check the fuse; 3. book a technician visit if it still fails.", "repair, power"),
        ("Loud noise when running", "Check the unit stands level and the feet are tight; a noisy compressor needs new dampers.", "repair, noise"),
        ("Leak at a joint", "Close the inlet valve, replace the seal and run for half an hour to confirm.", "repair, leak"),
        ("Warranty policy", "Two years on the whole unit, five on the main parts; damage by misuse is not covered.", "warranty, policy"),
        ("Prices of spare parts", "See the price list; quotes hold for the month and come with an invoice.", "parts, price"),
    ],
];

/// The demo's knowledge-base articles, created before the first case.
pub(super) fn generate_articles(g: &mut Gen, seed: u64) -> Vec<Article> {
    let mut rng = Rng(seed ^ CASE_STREAM ^ 1);
    let at = g.now.0 - 800 * 86_400_000;
    ARTICLES[usize::from(!g.zh())]
        .iter()
        .map(|(title, body, tags)| {
            let form = ArticleForm {
                title: (*title).into(),
                body: (*body).into(),
                tags: (*tags).into(),
            };
            save_article(&form, None, rng.id(), crate::model::ids::Timestamp(at))
                .expect("demo articles are valid")
        })
        .collect()
}

/// Seeds the cases' random stream ("servcase").
pub(super) const CASE_STREAM: u64 = 0x7365_7276_6361_7365;

/// The cases of every customer, oldest first.
pub(super) fn generate_cases(
    g: &mut Gen,
    seed: u64,
    customers: &[Customer],
    articles: &[Article],
) -> Vec<ServiceCase> {
    let mut rng = Rng(seed ^ CASE_STREAM);
    let settings = Settings::default();
    let zh = usize::from(!g.zh());
    // Cases are judged at 08:00 today: nothing is dated later.
    let cutoff = g.today.and_hms_opt(8, 0, 0).expect("a valid time");
    let mut cases = Vec::new();
    for c in customers {
        let joined = day_of(c.created_at);
        let left = ended_on(&c.lifecycle_history);
        let last = left.unwrap_or(g.today - Duration::days(1));
        if last < joined {
            continue;
        }
        let n = rng.weighted(&[(0usize, 66), (1, 22), (2, 8), (3, 4)]);
        let mut plans: Vec<(NaiveDate, usize)> = (0..n)
            .map(|_| {
                let span = (last - joined).num_days();
                let day = joined + Duration::days(rng.range(0, span));
                (day, rng.weighted(&[(0, 35), (1, 30), (2, 25), (3, 10)]))
            })
            .collect();
        let service_churn = left.is_some()
            && c.lifecycle_history.last().is_some_and(|ch| {
                let r = ch.reason.as_str();
                r.contains("服务") || r.contains("Service")
            });
        if let (true, Some(left)) = (service_churn, left) {
            let before = left - Duration::days(rng.range(10, 40));
            plans.push((before.max(joined), 0));
        }
        for (day, kind) in plans {
            let angry = service_churn && kind == 0;
            let id = rng.id();
            let opened = day
                .and_hms_opt(rng.range(8, 18) as u32, rng.range(0, 59) as u32, 0)
                .expect("a valid time");
            if opened > cutoff {
                continue;
            }
            let subjects = SUBJECTS[kind][zh];
            let form = CaseForm {
                customer_id: Some(c.id),
                kind: KINDS[kind].into(),
                channel: rng.weighted(&[
                    (CaseChannel::Phone, 50),
                    (CaseChannel::Visit, 15),
                    (CaseChannel::Email, 15),
                    (CaseChannel::Web, 15),
                    (CaseChannel::Other, 5),
                ]),
                priority: rng.weighted(&[
                    (CasePriority::Urgent, 10),
                    (CasePriority::High, 25),
                    (CasePriority::Normal, 50),
                    (CasePriority::Low, 15),
                ]),
                subject: rng.pick(subjects).to_string(),
                owner: c.owner.clone(),
                ..Default::default()
            };
            let Ok(case) = create_case(&form, &settings, id, opened, g.now) else {
                continue;
            };
            let mut case = work(&mut rng, case, angry, cutoff, g.now);
            // Resolved repairs and inquiries often cite the article that solved them.
            let solved_by = match kind {
                1 => articles.get(rng.below(3) as usize),
                2 => articles.get(3 + rng.below(2) as usize),
                _ => None,
            };
            if case.resolved_at.is_some() && rng.chance(60) {
                case.article_id = solved_by.map(|a| a.id);
            }
            cases.push(case);
        }
    }
    cases.sort_by_key(|k| (k.opened_at, k.id));
    cases
}

/// Answers, resolves, closes and maybe reopens the case, stopping at `cutoff`.
fn work(
    rng: &mut Rng,
    case: ServiceCase,
    angry: bool,
    cutoff: NaiveDateTime,
    now: crate::model::ids::Timestamp,
) -> ServiceCase {
    let step = |case: &ServiceCase, to, at: NaiveDateTime, note: &str, verdict| {
        let m = CaseMove {
            to,
            at,
            note: note.into(),
            satisfaction: verdict,
        };
        move_case(case, &m, now).unwrap_or_else(|_| case.clone())
    };
    let answered = case.opened_at + Duration::minutes(rng.weighted(&RESPONSE_MINUTES));
    if answered > cutoff {
        return case;
    }
    let to = if rng.chance(20) {
        CaseStatus::Waiting
    } else {
        CaseStatus::InProgress
    };
    let mut case = step(&case, to, answered, "", None);
    // Half the complaints of a customer about to leave are never resolved.
    if angry && rng.chance(50) {
        return case;
    }
    let resolved =
        answered + Duration::hours(rng.weighted(&RESOLVE_HOURS) * if angry { 3 } else { 1 });
    if resolved > cutoff {
        return case;
    }
    let resolution = if case.subject.is_ascii() {
        "Fixed and confirmed with the customer"
    } else {
        "已处理并与客户确认"
    };
    case = step(&case, CaseStatus::Resolved, resolved, resolution, None);
    let closed = resolved + Duration::hours(rng.range(2, 48));
    if closed > cutoff {
        return case;
    }
    let verdict = if angry {
        rng.weighted(&[(1u8, 60), (2, 40)])
    } else {
        rng.weighted(&[(5u8, 35), (4, 35), (3, 15), (2, 10), (1, 5)])
    };
    let verdict = rng.chance(85).then_some(verdict);
    case = step(&case, CaseStatus::Closed, closed, "", verdict);
    let reopened = closed + Duration::days(rng.range(1, 10));
    if !angry && rng.chance(5) && reopened <= cutoff {
        let why = if case.subject.is_ascii() {
            "The fault came back"
        } else {
            "问题再次出现"
        };
        case = step(&case, CaseStatus::InProgress, reopened, why, None);
    }
    case
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use chrono::NaiveDate;

    use crate::demo::{generate, DemoLang};
    use crate::model::ids::Timestamp;
    use crate::model::records::Settings;
    use crate::service::case::CaseStatus;
    use crate::service::timing::late;

    #[test]
    fn demo_cases_are_what_the_app_would_have_recorded() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let now = Timestamp(1_795_953_600_000);
        let demo = generate(1000, DemoLang::Zh, 7, today, now);
        let customers: HashMap<_, _> = demo.customers.iter().map(|c| (c.id, c)).collect();
        let cutoff = today.and_hms_opt(8, 0, 0).unwrap();
        let settings = Settings::default();
        let mut seen = HashMap::new();
        for k in &demo.cases {
            let c = customers[&k.customer_id];
            assert!(k.opened_at.date() >= super::day_of(c.created_at), "{k:?}");
            assert!(k.history.windows(2).all(|w| w[0].at <= w[1].at), "{k:?}");
            assert!(k.history.last().unwrap().at <= cutoff);
            assert_eq!(k.history.last().unwrap().status, k.status);
            assert!(settings.case_kinds.iter().any(|kind| kind.id == k.kind));
            if !k.status.is_open() {
                assert!(k.resolved_at.is_some() && !k.resolution.is_empty());
            }
            *seen.entry("all").or_insert(0) += 1;
            if k.status.is_open() {
                *seen.entry("open").or_insert(0) += 1;
            }
            if late(
                k,
                &settings.case_targets,
                today.and_hms_opt(12, 0, 0).unwrap(),
            )
            .is_some()
            {
                *seen.entry("late").or_insert(0) += 1;
            }
            if k.reopened > 0 {
                *seen.entry("reopened").or_insert(0) += 1;
            }
            if k.status == CaseStatus::Closed && k.satisfaction.is_some() {
                *seen.entry("rated").or_insert(0) += 1;
            }
        }
        for what in ["all", "open", "late", "reopened", "rated"] {
            assert!(
                seen.get(what).copied().unwrap_or(0) > 0,
                "no {what} case: {seen:?}"
            );
        }
        // About one customer in three has cases.
        let with_cases: std::collections::HashSet<_> =
            demo.cases.iter().map(|k| k.customer_id).collect();
        assert!(
            (250..450).contains(&with_cases.len()),
            "{}",
            with_cases.len()
        );
    }
}
