//! The three scenarios that ship with the app, built from the course's cases on top of the demo
//! generator (fixed seeds and a fixed "today", so the files are the same on every build).
//! `cargo run -p guanxi-core --example scenarios` writes them to `static/scenarios/`, and a test
//! fails when the files there differ from what this builds.
//!
//! 1. A B2B software seller: two deals at 80% (¥800,000 and ¥240,000) make the quarter's
//!    forecast, and a key sales rep leaves mid-quarter (handover).
//! 2. A home-appliance maker: dealers and key accounts, a backlog of complaints (service cases,
//!    satisfaction).
//! 3. A shopping-and-leisure district: member campaigns and a trade fair (segments, ROI).

use chrono::{NaiveDate, TimeZone, Utc};

use crate::demo::{demo_settings, generate, DemoData, DemoLang};
use crate::io::backup::BackupData;
use crate::marketing::campaign::CampaignKind;
use crate::marketing::roi::campaign_figures;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{FollowUpStatus, StageOutcome, ValueClass};
use crate::pipeline::commands::blank_opportunity;
use crate::pipeline::opportunity::outcome_of;

use super::file::Scenario;
use super::{Brief, Condition, CustomerSet, Expects, Figure, Question, Text};

/// The day every shipped scenario is set on: the end of a quarter, with a full last year.
pub fn scenario_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("a date")
}

fn scenario_now() -> Timestamp {
    Timestamp(
        Utc.with_ymd_and_hms(2026, 6, 30, 1, 0, 0)
            .single()
            .expect("a time")
            .timestamp_millis(),
    )
}

/// The version the shipped files say wrote them: fixed, so a new app version does not change
/// the files.
pub const SCENARIO_APP_VERSION: &str = "scenario-1";

/// Each shipped scenario with its dataset, in the order the app lists them.
pub fn course_scenarios() -> Vec<(Scenario, BackupData)> {
    vec![software_seller(), appliance_maker(), shopping_district()]
}

fn backup_of(d: DemoData) -> BackupData {
    let settings = demo_settings(&d);
    BackupData {
        customers: d.customers,
        contacts: d.contacts,
        interactions: d.interactions,
        follow_ups: d.follow_ups,
        opportunities: d.opportunities,
        cases: d.cases,
        articles: d.articles,
        campaigns: d.campaigns,
        attachments: Vec::new(),
        settings,
        language: None,
    }
}

fn t(zh: &str, en: &str) -> Text {
    Text::new(zh, en)
}

fn question(id: &str, prompt: Text, expects: Expects) -> Question {
    Question {
        id: id.to_string(),
        prompt,
        expects,
    }
}

/// "Mark last year's A customers", in every scenario: the ABC analysis on real value.
fn a_class_question(id: &str) -> Question {
    let year = 2025;
    question(
        id,
        t(
            &format!("按 {year} 年的客户价值做 ABC 分类：勾选所有 A 类客户。"),
            &format!(
                "Classify customers by their value in {year} (ABC): mark every A-class customer."
            ),
        ),
        Expects::Customers {
            set: CustomerSet::AbcClass {
                class: ValueClass::A,
                year,
            },
        },
    )
}

const LEAVING: &str = "王磊";

fn software_seller() -> (Scenario, BackupData) {
    let data = generate(
        24,
        DemoLang::Zh,
        0x5ca1_0001,
        scenario_day(),
        scenario_now(),
    );
    let mut backup = backup_of(data);
    // The quarter's open pipeline is the two deals of the story, nothing else.
    let settings = backup.settings.clone();
    backup
        .opportunities
        .retain(|o| outcome_of(o, &settings) != StageOutcome::Open);
    let heir = backup.settings.owners.first().cloned().unwrap_or_default();
    if !backup.settings.owners.iter().any(|o| o == LEAVING) {
        backup.settings.owners.push(LEAVING.to_string());
    }
    // Wang Lei's book: six company customers with their open follow-ups, and the two deals.
    let mut his: Vec<Id> = Vec::new();
    for c in backup
        .customers
        .iter_mut()
        .filter(|c| !c.company.is_empty() || c.name.chars().count() > 3)
    {
        if his.len() == 6 {
            break;
        }
        c.owner = LEAVING.to_string();
        his.push(c.id);
    }
    for f in backup.follow_ups.iter_mut() {
        if his.contains(&f.customer_id) && f.status == FollowUpStatus::Open {
            f.owner = LEAVING.to_string();
        }
    }
    let deals = [
        (
            "ERP 全面升级",
            800_000,
            0x5ca1_1001u128,
            NaiveDate::from_ymd_opt(2026, 9, 15),
        ),
        (
            "仓储管理系统",
            240_000,
            0x5ca1_1002u128,
            NaiveDate::from_ymd_opt(2026, 8, 31),
        ),
    ];
    for (i, (title, yuan, id, close)) in deals.into_iter().enumerate() {
        let mut o = blank_opportunity(Id::from_u128(id), his[i], scenario_now());
        o.title = title.to_string();
        o.amount = yuan * 100;
        o.currency = "CNY".into();
        o.stage = "negotiation".into();
        o.probability = 80;
        o.expected_close = close;
        o.owner = LEAVING.to_string();
        o.next_step = "报价已确认，等待合同审批".into();
        backup.opportunities.push(o);
    }
    let scenario = Scenario {
        id: "b2b-forecast".into(),
        brief: Brief {
            title: t("软件公司的季度预测与销售交接", "A software seller's quarter: forecast and handover"),
            story: t(
                &format!(
                    "你是一家企业软件公司的销售经理。季度末前，公司只剩两个在谈的商机：ERP 全面升级（¥800,000）和仓储管理系统（¥240,000），都在商务谈判阶段，赢单可能性 80%。负责它们的销售代表{LEAVING}下个月离职，他的客户、商机和待办跟进要交给{heir}，一个也不能丢。"
                ),
                &format!(
                    "You manage sales at an enterprise software company. Before the quarter ends, two deals are still open: an ERP upgrade (¥800,000) and a warehouse system (¥240,000), both in negotiation at 80% probability. {LEAVING}, the rep who owns them, leaves next month; his customers, deals and open follow-ups go to {heir}, and none may be lost."
                ),
            ),
            goals: vec![
                t("用加权（概率）方法预测本季度的销售额。", "Forecast the quarter's sales weighted by probability."),
                t("把离职代表的全部客户资料完整交接。", "Hand over everything the leaving rep owns."),
                t("用 ABC 分类找出最有价值的客户。", "Find the most valuable customers with ABC classes."),
            ],
            tasks: vec![
                t("打开“商机 → 预测”，看加权金额是怎样算出来的。", "Open Opportunities → Forecast and see how the weighted amount is made."),
                t(
                    &format!("在客户列表按负责人筛选{LEAVING}，全选后“交接”给{heir}（包括商机和跟进）。"),
                    &format!("Filter the customer list by owner {LEAVING}, select all and hand them over to {heir} (with deals and follow-ups)."),
                ),
                t("打开“分析 → ABC 分类”，选 2025 年。", "Open Analysis → ABC classes for 2025."),
            ],
        },
        questions: vec![
            question(
                "q1",
                t("本季度在谈商机的加权预测金额是多少元？", "What is the weighted forecast of the open deals, in yuan?"),
                Expects::Number {
                    figure: Figure::WeightedPipeline { owner: String::new() },
                    tolerance: 0.5,
                },
            ),
            question(
                "q2",
                t(
                    "为什么预测不是两个商机金额之和 ¥1,040,000？",
                    "Why is the forecast not the sum of the two deals, ¥1,040,000?",
                ),
                Expects::Choice {
                    options: vec![
                        t("因为每个商机按赢单可能性加权：金额 × 概率。", "Each deal is weighted by its chance of winning: amount × probability."),
                        t("因为要扣除 20% 的税费。", "Because 20% tax is taken off."),
                        t("因为只统计已经赢单的商机。", "Because only won deals count."),
                    ],
                    correct: 0,
                },
            ),
            question(
                "q3",
                t(
                    &format!("完成交接：{LEAVING}名下不再有任何客户、在谈商机、待办跟进或未结服务工单。"),
                    &format!("Do the handover: {LEAVING} owns no customer, open deal, open follow-up or open case any more."),
                ),
                Expects::Task {
                    condition: Condition::NothingOwnedBy {
                        owner: LEAVING.to_string(),
                    },
                },
            ),
            a_class_question("q4"),
        ],
        show_working: true,
    };
    (scenario, backup)
}

fn appliance_maker() -> (Scenario, BackupData) {
    let data = generate(
        30,
        DemoLang::Zh,
        0x5ca1_0002,
        scenario_day(),
        scenario_now(),
    );
    let mut backup = backup_of(data);
    // Key accounts are last year's A customers by stored class; the rest buy through dealers.
    for c in backup.customers.iter_mut() {
        let tag = if c.value_class == ValueClass::A {
            "大客户"
        } else {
            "经销商"
        };
        if !c.tags.iter().any(|x| x == tag) {
            c.tags.push(tag.to_string());
        }
        c.industry = "家电".into();
    }
    let scenario = Scenario {
        id: "appliance-service".into(),
        brief: Brief {
            title: t("家电企业的投诉积压与服务质量", "An appliance maker's complaint backlog and service quality"),
            story: t(
                "你在一家家电制造企业的客户服务部工作。客户分两类：经销商和直接采购的大客户。最近投诉增多，有些工单迟迟没有处理完。领导要你摸清积压情况、衡量客户满意度，并说出处理投诉的正确做法。",
                "You work in customer service at a home-appliance maker. Customers are dealers and key accounts who buy directly. Complaints have grown and some cases are still open. Your manager wants the backlog measured, satisfaction known, and the right way to handle a complaint.",
            ),
            goals: vec![
                t("掌握未结工单的数量和满意度。", "Know how many cases are open and how satisfied customers are."),
                t("区分经销商与大客户（标签）。", "Tell dealers from key accounts (tags)."),
            ],
            tasks: vec![
                t("打开“服务”，按状态查看工单。", "Open Service and look at the cases by status."),
                t("打开“分析”总览中的服务指标，查看满意度的计算过程。", "Open the service figures on the Analysis dashboard and read how satisfaction is worked out."),
                t("处理一个未结工单：写下处理结果并关闭，记录客户的满意度。", "Handle one open case: write the resolution, close it and record the customer's verdict."),
            ],
        },
        questions: vec![
            question(
                "q1",
                t("现在还有多少个未结的服务工单？", "How many service cases are open now?"),
                Expects::Number {
                    figure: Figure::OpenCases,
                    tolerance: 0.0,
                },
            ),
            question(
                "q2",
                t("客户满意度的平均分是多少（1–5 分，保留两位小数）？", "What is the average satisfaction (1–5, two decimals)?"),
                Expects::Number {
                    figure: Figure::AverageSatisfaction,
                    tolerance: 0.005,
                },
            ),
            question(
                "q3",
                t("接到投诉后，第一步应该做什么？", "What comes first when a complaint arrives?"),
                Expects::Choice {
                    options: vec![
                        t("先解释公司的规定，说明不是我们的责任。", "Explain the company's rules and that it is not our fault."),
                        t("记录并确认客户的问题，及时回应，再安排处理。", "Record and confirm the customer's problem, answer promptly, then arrange the fix."),
                        t("等客户第二次来电再处理。", "Wait for the customer to call a second time."),
                    ],
                    correct: 1,
                },
            ),
            a_class_question("q4"),
        ],
        show_working: true,
    };
    (scenario, backup)
}

const FAIR: &str = "春季商贸洽谈会";
const MEMBER_DAY: &str = "会员日营销活动";

fn shopping_district() -> (Scenario, BackupData) {
    let data = generate(
        40,
        DemoLang::Zh,
        0x5ca1_0003,
        scenario_day(),
        scenario_now(),
    );
    let mut backup = backup_of(data);
    // The generator's first trade fair becomes the district's fair; its first other campaign
    // the member day.
    let mut fair = None;
    let mut member_day = None;
    for c in backup.campaigns.iter_mut() {
        if fair.is_none() && c.kind == CampaignKind::TradeFair {
            c.name = FAIR.into();
            fair = Some(c.id);
        } else if member_day.is_none() && c.kind != CampaignKind::TradeFair {
            c.name = MEMBER_DAY.into();
            member_day = Some(c.id);
        }
    }
    let roi = |id: Option<Id>| {
        backup
            .campaigns
            .iter()
            .find(|c| Some(c.id) == id)
            .and_then(|c| {
                campaign_figures(
                    c,
                    &backup.customers,
                    &backup.opportunities,
                    &backup.settings,
                )
                .roi
            })
            .map(|r| r.percent_tenths())
            .unwrap_or(i64::MIN)
    };
    let fair_pays_better = roi(fair) >= roi(member_day);
    let scenario = Scenario {
        id: "district-campaigns".into(),
        brief: Brief {
            title: t("商业休闲街区的会员活动与商贸洽谈会", "A shopping district's member campaigns and trade fair"),
            story: t(
                &format!("你负责一个商业休闲街区的市场推广。今年做了两场活动：面向会员的“{MEMBER_DAY}”和面向商户的“{FAIR}”。管理层想知道钱花得值不值：每场活动的投入、响应、成交和投资回报率。"),
                &format!("You run marketing for a shopping and leisure district. This year had two campaigns: \"{MEMBER_DAY}\" for members and \"{FAIR}\" for merchants. Management wants to know whether the money was well spent: each campaign's cost, responses, won business and return on investment."),
            ),
            goals: vec![
                t("用细分（客户分组）找到活动的目标客户。", "Find a campaign's target customers with segments."),
                t("计算每场活动的投资回报率并比较。", "Work out and compare each campaign's ROI."),
            ],
            tasks: vec![
                t("打开“营销 → 营销活动”，查看两场活动的成本和成员。", "Open Marketing → Campaigns and look at both campaigns' costs and members."),
                t("在活动页面读出投资回报率的公式和数字。", "Read the ROI's formula and numbers on each campaign's page."),
            ],
        },
        questions: vec![
            question(
                "q1",
                t(&format!("“{FAIR}”的投资回报率是多少（%，保留一位小数）？"), &format!("What is the ROI of \"{FAIR}\" (%, one decimal)?")),
                Expects::Number {
                    figure: Figure::CampaignRoi { campaign: FAIR.into() },
                    tolerance: 0.05,
                },
            ),
            question(
                "q2",
                t(&format!("“{MEMBER_DAY}”的投资回报率是多少（%，保留一位小数）？"), &format!("What is the ROI of \"{MEMBER_DAY}\" (%, one decimal)?")),
                Expects::Number {
                    figure: Figure::CampaignRoi { campaign: MEMBER_DAY.into() },
                    tolerance: 0.05,
                },
            ),
            question(
                "q3",
                t("哪一场活动每投入一元带来的回报更高？", "Which campaign returned more for each yuan spent?"),
                Expects::Choice {
                    options: vec![t(FAIR, FAIR), t(MEMBER_DAY, MEMBER_DAY)],
                    correct: if fair_pays_better { 0 } else { 1 },
                },
            ),
            a_class_question("q4"),
        ],
        show_working: true,
    };
    (scenario, backup)
}
