//! The figures the dashboard must show for the 100-customer Chinese demo loaded on a fixed day,
//! computed here by the core and kept in `tests/fixtures/demo-figures.json`, which the
//! end-to-end test (tests/e2e/analysis.spec.mjs) reads to check the screen against the core.
//! Run with `UPDATE_FIGURES=1` to rewrite the file after a deliberate change to the demo.

use chrono::NaiveDate;
use guanxi_core::analysis::abc::AbcThresholds;
use guanxi_core::analysis::growth::growth;
use guanxi_core::analysis::period::Period;
use guanxi_core::analysis::ratio::Ratio;
use guanxi_core::analysis::value::{class_changes, classify_values, customer_values};
use guanxi_core::demo::{demo_settings, generate, DemoLang};
use guanxi_core::model::money::format_money;
use guanxi_core::service::figures::service_figures;
use guanxi_core::{Timestamp, ValueClass};

fn percent(r: Ratio) -> String {
    let p = r.percent(1).unwrap();
    format!("{}.{}%", p / 10, p % 10)
}

#[test]
fn demo_dashboard_figures_match_the_fixture() {
    // 2026-11-29 12:00 UTC, the time the end-to-end test fixes in the browser.
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let now = Timestamp(1_795_953_600_000);
    assert_eq!(now.to_datetime().date_naive(), today);
    let demo = generate(100, DemoLang::Zh, 2026, today, now);
    let mut settings = guanxi_core::Settings::default();
    let wanted = demo_settings(&demo);
    settings.owners = wanted.owners.clone();
    settings.gross_margin_percent = wanted.gross_margin_percent;
    let year = Period::year(2026).unwrap();
    let g = growth(&demo.customers, year);
    let values = customer_values(&demo.customers, &demo.opportunities, &settings, year);
    let table = classify_values(&values, AbcThresholds::default());
    let a = table
        .rows
        .iter()
        .filter(|r| r.class == ValueClass::A)
        .count();
    let changes = class_changes(&demo.customers, &table).len();
    let november = growth(&demo.customers, Period::month(2026, 11).unwrap());
    let service = service_figures(&demo.cases, &demo.customers, &settings, year);
    let sat = service.satisfaction_average.scaled(2).unwrap();
    let in_time = service.resolved_in_time;
    let json = serde_json::json!({
        "today": today.to_string(),
        "now": now.0,
        "year_churn_rate": percent(g.churn_rate),
        "year_churn_working": format!("{} ÷ {} = {}", g.churn_rate.numerator, g.churn_rate.denominator, percent(g.churn_rate)),
        "year_value": format_money(values.total_value, "CNY"),
        "year_a_customers": a,
        "year_class_changes": changes,
        "november_churned": november.churned().count(),
        "year_cases_opened": service.opened.len(),
        "year_satisfaction": format!("{}.{:02}", sat / 100, sat % 100),
        "year_resolved_in_time_working": format!("{} ÷ {} = {}", in_time.numerator, in_time.denominator, percent(in_time)),
    });
    let text = serde_json::to_string_pretty(&json).unwrap() + "\n";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/demo-figures.json"
    );
    if std::env::var_os("UPDATE_FIGURES").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let stored = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(stored, text, "run with UPDATE_FIGURES=1 to rewrite {path}");
}
