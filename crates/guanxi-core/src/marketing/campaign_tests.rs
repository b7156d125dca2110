//! Campaigns against hand-worked examples.

use crate::analysis::fixtures::{at, customer, day, deal, id, won};
use crate::customers::duplicates::MatchReason;
use crate::io::csv_import::{guess_mapping, parse_table, Target};
use crate::marketing::campaign::*;
use crate::marketing::leads::*;
use crate::marketing::roi::*;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{AnyRecord, Label, Labeled, Settings};
use crate::model::validate::{Field, FieldError, Problem};

const T0: Timestamp = Timestamp(1_700_000_000_000);

fn campaign(cost_lines: &[(&str, i64)]) -> Campaign {
    let form = CampaignForm {
        name: "2026 春季展会".into(),
        starts: "2026-03-01".into(),
        ends: "2026-03-03".into(),
        budget: "30,000".into(),
        ..Default::default()
    };
    let mut c = save_campaign(&form, None, "CNY", id(900), T0).unwrap();
    for (n, (label, yuan)) in cost_lines.iter().enumerate() {
        let line = CostForm {
            label: label.to_string(),
            amount: yuan.to_string(),
            on: String::new(),
        };
        c = add_cost(&c, &line, "CNY", id(950 + n as u128), T0).unwrap();
    }
    c
}

fn linked(mut o: crate::model::records::Opportunity) -> crate::model::records::Opportunity {
    o.campaign_id = Some(id(900));
    o
}

/// Ten customers invited, one trashed since, one customer who came only through a deal.
fn fair() -> (
    Campaign,
    Vec<crate::model::records::Customer>,
    Vec<crate::model::records::Opportunity>,
) {
    let mut c = campaign(&[("展位", 20_000), ("印刷", 5_000)]);
    let people: Vec<(Id, Option<Id>)> = (1..=10).map(|n| (id(n), None)).collect();
    c = add_members(&c, &people, MemberSource::Segment, day("2026-02-20"), T0).campaign;
    for (n, r) in [
        (1, Response::Responded),
        (2, Response::Responded),
        (3, Response::OptedOut),
        (7, Response::Responded),
    ] {
        c = set_response(&c, id(n), r, day("2026-03-02"), T0).unwrap();
    }
    let mut customers: Vec<_> = (1..=11).map(|n| customer(n, "2025-01-01")).collect();
    customers[3].gross_margin_percent = Some(50); // customer 4
    customers[4].deleted_at = Some(at("2026-04-01")); // customer 5
    let mut usd = linked(won(46, 6, 9_000, "2026-04-10"));
    usd.currency = "USD".into();
    let deals = vec![
        linked(won(41, 1, 100_000, "2026-04-01")),
        linked(deal(42, 2, 50_000, "proposal", "2026-03-10", None)),
        linked(won(44, 4, 60_000, "2026-05-01")),
        usd,
        linked(deal(45, 5, 70_000, "won", "2026-03-10", Some("2026-03-20"))), // trashed customer
        linked(deal(
            51,
            11,
            10_000,
            "lost",
            "2026-03-10",
            Some("2026-03-30"),
        )),
        won(47, 7, 80_000, "2026-04-01"), // a member's deal from elsewhere: not the campaign's
    ];
    (c, customers, deals)
}

fn settings_at_20() -> Settings {
    Settings {
        gross_margin_percent: Some(20),
        ..Settings::default()
    }
}

#[test]
fn figures_of_a_trade_fair_worked_by_hand() {
    let (c, customers, deals) = fair();
    let f = campaign_figures(&c, &customers, &deals, &settings_at_20());
    // Members 1–4 and 6–10 counted, 5 trashed; 11 joins through its deal: 10.
    assert_eq!((f.members, f.not_counted), (10, 1));
    let row = |n| f.rows.iter().find(|r| r.customer == id(n)).unwrap();
    assert_eq!(row(2).typed, Response::Responded);
    assert_eq!(row(2).response, Response::Opportunity);
    assert_eq!(row(11).source, None);
    assert_eq!(row(7).response, Response::Responded);
    // Responded: 1, 2, 4, 6 (won in USD), 7, 11 = 6; opted out: 3.
    assert_eq!((f.responded, f.opted_out), (6, 1));
    assert_eq!((f.leads, f.won_customers), (5, 3));
    assert_eq!(f.won_deals, vec![id(41), id(44), id(46)]);
    // ¥100,000 + ¥60,000; the USD deal listed, not converted.
    assert_eq!(f.won_amount, 16_000_000);
    assert_eq!(f.left_out.len(), 1);
    // 100,000 × 20% + 60,000 × 50% = ¥50,000.
    assert_eq!(f.won_profit, Some(5_000_000));
    assert_eq!((f.cost, f.budget), (2_500_000, 3_000_000));
    assert_eq!(f.response_rate.percent(1), Some(600));
    assert_eq!((f.conversion.numerator, f.conversion.denominator), (3, 10));
    assert_eq!(f.lead_conversion.percent(1), Some(600));
    assert_eq!(f.cost_per_lead, Some(500_000)); // ¥25,000 ÷ 5
    assert_eq!(f.cost_per_won, Some(833_333)); // ¥25,000 ÷ 3 = ¥8,333.33
                                               // (¥50,000 − ¥25,000) ÷ ¥25,000 = 100.0%.
    let roi = f.roi.unwrap();
    assert_eq!(
        (roi.gain, roi.cost, roi.percent_tenths()),
        (2_500_000, 2_500_000, 1000)
    );

    let acquisition = acquisition_costs(
        id(1),
        std::slice::from_ref(&c),
        &customers,
        &deals,
        &settings_at_20(),
    );
    assert_eq!(acquisition, vec![(id(900), 833_333)]);
    assert!(acquisition_costs(id(2), &[c], &customers, &deals, &settings_at_20()).is_empty());
}

#[test]
fn roi_is_negative_when_the_profit_is_below_the_cost_and_absent_without_a_margin() {
    let (c, customers, deals) = fair();
    let dear = add_cost(
        &c,
        &CostForm {
            label: "广告".into(),
            amount: "75000".into(),
            on: "2026-03-01".into(),
        },
        "CNY",
        id(960),
        T0,
    )
    .unwrap();
    let f = campaign_figures(&dear, &customers, &deals, &settings_at_20());
    // (¥50,000 − ¥100,000) ÷ ¥100,000 = −50.0%.
    assert_eq!(f.roi.unwrap().percent_tenths(), -500);

    // Without a default margin, customer 1 has none: no profit, no ROI, and it is named.
    let f = campaign_figures(&c, &customers, &deals, &Settings::default());
    assert_eq!((f.won_profit, f.roi), (None, None));
    assert_eq!(f.missing_margin, vec![id(1)]);

    // No cost yet: leads came free, and ROI has nothing to divide by.
    let free = campaign(&[]);
    let f = campaign_figures(&free, &customers, &deals, &settings_at_20());
    assert_eq!((f.cost_per_lead, f.roi), (Some(0), None));
    // No members and no deals: no rates at all.
    let f = campaign_figures(&free, &customers, &[], &settings_at_20());
    assert!(!f.response_rate.is_defined());
    assert_eq!(f.cost_per_lead, None);
}

#[test]
fn a_deal_outweighs_an_opt_out_typed_before_it() {
    let (c, customers, mut deals) = fair();
    deals.push(linked(deal(
        43,
        3,
        5_000,
        "qualification",
        "2026-05-01",
        None,
    )));
    let f = campaign_figures(&c, &customers, &deals, &settings_at_20());
    let r = f.rows.iter().find(|r| r.customer == id(3)).unwrap();
    assert_eq!(
        (r.typed, r.response),
        (Response::OptedOut, Response::Opportunity)
    );
    assert_eq!(f.opted_out, 0);
}

#[test]
fn members_are_added_once_and_answers_kept() {
    let c = campaign(&[]);
    let a = add_members(
        &c,
        &[(id(1), None), (id(2), Some(id(20)))],
        MemberSource::Hand,
        day("2026-03-01"),
        T0,
    );
    assert_eq!((a.added, a.already, a.campaign.rev), (2, 0, 2));
    let answered = set_response(
        &a.campaign,
        id(2),
        Response::Responded,
        day("2026-03-02"),
        T0,
    )
    .unwrap();
    let again = add_members(
        &answered,
        &[(id(2), None), (id(3), None), (id(3), None)],
        MemberSource::LeadList,
        day("2026-03-05"),
        T0,
    );
    assert_eq!((again.added, again.already), (1, 2));
    let two = again.campaign.member(id(2)).unwrap();
    assert_eq!(
        (two.response, two.contact_id, two.source),
        (Response::Responded, Some(id(20)), MemberSource::Hand)
    );
    assert_eq!(two.response_on, Some(day("2026-03-02")));
    assert!(set_response(&c, id(99), Response::Won, day("2026-03-02"), T0).is_none());
    let fewer = remove_member(&again.campaign, id(1), T0).unwrap();
    assert_eq!(fewer.members.len(), 2);
    assert!(remove_member(&fewer, id(1), T0).is_none());

    let priced = campaign(&[("展位", 20_000), ("印刷", 5_000)]);
    assert_eq!(priced.cost(), 2_500_000);
    let cheaper = remove_cost(&priced, id(950), T0).unwrap();
    assert_eq!(cheaper.cost(), 500_000);
    assert!(remove_cost(&cheaper, id(950), T0).is_none());
}

#[test]
fn a_merge_repoints_members_and_keeps_the_further_answer() {
    let c = campaign(&[]);
    let c = add_members(
        &c,
        &[(id(1), None), (id(2), None)],
        MemberSource::Hand,
        day("2026-03-01"),
        T0,
    )
    .campaign;
    let c = set_response(&c, id(1), Response::Won, day("2026-03-02"), T0).unwrap();
    // 1 absorbed into 2: 2 keeps its place and takes the win.
    let merged = repoint_members(&c, id(1), id(2), T0).unwrap();
    assert_eq!(merged.members.len(), 1);
    assert_eq!(merged.member(id(2)).unwrap().response, Response::Won);
    // 1 absorbed into 3, not a member: 3 takes 1's place.
    let moved = repoint_members(&c, id(1), id(3), T0).unwrap();
    assert_eq!(moved.member(id(3)).unwrap().response, Response::Won);
    assert!(repoint_members(&c, id(7), id(3), T0).is_none());
}

#[test]
fn the_form_checks_names_dates_and_money() {
    let form = CampaignForm {
        name: "  ".into(),
        starts: "2026-03-05".into(),
        ends: "2026-03-01".into(),
        budget: "-5".into(),
        ..Default::default()
    };
    let errors = save_campaign(&form, None, "CNY", id(1), T0).unwrap_err();
    assert_eq!(
        errors,
        vec![
            FieldError::new(Field::CampaignName, Problem::Required),
            FieldError::new(Field::EndsOn, Problem::EndBeforeStart),
            FieldError::new(Field::Budget, Problem::NegativeAmount),
        ]
    );
    let c = campaign(&[]);
    assert_eq!(
        (c.budget, c.starts, c.rev),
        (3_000_000, Some(day("2026-03-01")), 1)
    );
    let back = CampaignForm::from_record(&c, "CNY");
    assert_eq!(
        save_campaign(&back, Some(&c), "CNY", id(2), T0)
            .unwrap()
            .budget,
        c.budget
    );
    let bad_cost = add_cost(
        &c,
        &CostForm {
            label: "".into(),
            amount: "".into(),
            on: "2026-13-01".into(),
        },
        "CNY",
        id(3),
        T0,
    )
    .unwrap_err();
    assert_eq!(
        bad_cost.iter().map(|e| e.field).collect::<Vec<_>>(),
        vec![Field::CostLabel, Field::CostAmount, Field::CostDate]
    );
}

#[test]
fn a_trade_fair_list_finds_stored_customers_and_creates_the_rest() {
    let mut yunhai = customer(1, "2025-01-01");
    yunhai.name = "北京云海科技".into();
    yunhai.phones = vec![Labeled::new(Label::Work, "010-12345678")];
    let mut wang = customer(2, "2025-01-01");
    wang.name = "王芳".into();
    wang.emails = vec![Labeled::new(Label::Work, "wangfang@example.com")];
    let customers = vec![yunhai, wang];

    let csv = "姓名,公司,职位,手机,邮箱\n\
               张伟,星辰科技,经理,13800138000,zw@xc.cn\n\
               李娜,星辰科技有限公司,采购,,\n\
               王芳,,,,WangFang@Example.com\n\
               赵强,云海科技,,010-12345678,\n\
               ,,,,\n\
               ,,总监,13900000000,\n";
    let table = parse_table(csv, b',').unwrap();
    let mapping = lead_mapping(&table.headers);
    assert_eq!(mapping[1], Target::Company);
    assert_eq!(
        mapping[2],
        Target::ContactTitle,
        "the customer import leaves it out"
    );
    assert_eq!(guess_mapping(&table.headers)[2], Target::Ignore);
    let leads = leads_from_table(&table, &mapping);
    assert_eq!(leads.len(), 5, "the blank row is dropped by the parser");
    assert_eq!(leads[0].phones[0].label, Label::Mobile);
    assert_eq!(leads[0].title, "经理");

    let mut n = 100;
    let mut ids = || {
        n += 1;
        id(n)
    };
    let ctx = LeadContext {
        source: "2026 春季展会",
        owner: "李明",
        now: T0,
        today: day("2026-03-04"),
    };
    let plan = plan_leads(&leads, &customers, &[], &ctx, &mut ids);
    assert_eq!((plan.created, plan.existing, plan.refused), (1, 2, 1));
    // 星辰 (new, with 张伟), 王芳 (stored), 云海 (stored, with 赵强 as a new contact).
    assert_eq!(
        plan.members,
        vec![
            (id(101), Some(id(102))),
            (id(2), None),
            (id(1), Some(id(104)))
        ]
    );
    assert_eq!(
        plan.outcomes[2].1,
        LeadOutcome::Existing {
            customer: id(2),
            reasons: vec![MatchReason::Name, MatchReason::Email]
        }
    );
    assert_eq!(
        plan.outcomes[3].1,
        LeadOutcome::Existing {
            customer: id(1),
            reasons: vec![MatchReason::Phone]
        }
    );
    assert_eq!(plan.outcomes[4], (7, LeadOutcome::NoName));
    let new_customer = plan.batch.puts.iter().find_map(|r| match r {
        AnyRecord::Customer(c) => Some(c.clone()),
        _ => None,
    });
    let new_customer = new_customer.unwrap();
    assert_eq!(
        (
            new_customer.name.as_str(),
            new_customer.source.as_str(),
            new_customer.owner.as_str()
        ),
        ("星辰科技", "2026 春季展会", "李明")
    );
    let contacts: Vec<String> = plan
        .batch
        .puts
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Contact(c) => Some(format!("{}@{}", c.name, c.customer_id.0.as_u128())),
            _ => None,
        })
        .collect();
    assert_eq!(contacts, vec!["张伟@101", "李娜@101", "赵强@1"]);
}

#[test]
fn vcards_become_leads_with_their_company() {
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nORG:Analytical Engines Ltd\r\nTEL;TYPE=CELL:+44 20 7946 0000\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Acme\r\nEND:VCARD\r\n";
    let cards = crate::io::vcard::parse_vcards(text).unwrap();
    let leads = leads_from_vcards(&cards);
    assert_eq!(leads.len(), 2);
    assert_eq!(
        (leads[0].person.as_str(), leads[0].company.as_str()),
        ("Ada Lovelace", "Analytical Engines Ltd")
    );
    assert_eq!(
        (leads[1].person.as_str(), leads[1].company.as_str()),
        ("", "Acme")
    );
    let mut n = 0;
    let plan = plan_leads(
        &leads,
        &[],
        &[],
        &LeadContext {
            source: "Expo",
            owner: "",
            now: T0,
            today: day("2026-03-04"),
        },
        &mut || {
            n += 1;
            id(n)
        },
    );
    assert_eq!((plan.created, plan.members.len()), (2, 2));
    assert_eq!(plan.members[1], (id(3), None));
}

#[test]
fn the_mail_merge_leaves_out_every_kind_of_opt_out() {
    use crate::customers::commands::blank_contact;
    use crate::marketing::mail_merge::{members_csv, members_vcard};
    use crate::marketing::{OptOut, OptOutChannel};
    let (c, mut customers, deals) = fair();
    let optout = |channel| {
        Some(OptOut {
            on: day("2026-01-01"),
            channel,
            note: String::new(),
        })
    };
    // 8 refused calls only: a trade fair's invitation goes by any channel, so 8 is left out.
    customers[7].marketing_opt_out = optout(OptOutChannel::Phone);
    customers[0].name = "星辰, 科技".into();
    customers[0].phones = vec![Labeled::new(Label::Work, "010-1")];
    let mut ada = blank_contact(id(201), id(1), T0);
    ada.name = "张伟".into();
    ada.title = "经理".into();
    ada.emails = vec![Labeled::new(Label::Work, "zw@xc.cn")];
    let mut quiet = blank_contact(id(202), id(2), T0);
    quiet.name = "李娜".into();
    quiet.marketing_opt_out = optout(OptOutChannel::All);
    let mut of_three = blank_contact(id(203), id(3), T0);
    of_three.name = "王芳".into();
    let contacts = vec![ada, quiet, of_three];
    let rows = campaign_figures(&c, &customers, &deals, &settings_at_20()).rows;

    let csv = members_csv(&c, &rows, &customers, &contacts, true);
    // 10 members: 3 answered "opted out", 8 opted out of everything else.
    assert_eq!((csv.written, csv.left_out), (8, 2));
    let lines: Vec<&str> = csv.text.lines().collect();
    assert_eq!(lines[0], "客户,联系人,职位,电话,邮箱,地址");
    assert_eq!(lines[1], "\"星辰, 科技\",张伟,经理,010-1,zw@xc.cn,");
    assert_eq!(
        lines[2], "客户2,,,,,",
        "李娜 opted out: the customer is addressed"
    );
    assert!(!csv.text.contains("客户3") && !csv.text.contains("客户8"));

    let cards = members_vcard(&c, &rows, &customers, &contacts);
    // 张伟 written; 李娜 (own opt-out) and 王芳 (her customer answered no) left out.
    assert_eq!((cards.written, cards.left_out), (1, 2));
    assert!(cards.text.contains("FN:张伟"));
}
