//! Timings of the analyses over 10,000 and 100,000 generated customers, natively (the browser
//! runs the same code as wasm, a few times slower). Prints figures only, beside a floor
//! measured in the same run: one pass over every customer and deal that reads a field.
//! Run by `make bench`: `cargo run --release -p guanxi-core --example analysis_bench`.

use std::time::Instant;

use chrono::NaiveDate;
use guanxi_core::analysis::abc::AbcThresholds;
use guanxi_core::analysis::funnel::{funnel, FunnelScope};
use guanxi_core::analysis::growth::growth;
use guanxi_core::analysis::period::Period;
use guanxi_core::analysis::pivot::{pivot, Dimension, Measure};
use guanxi_core::analysis::value::{classify_values, customer_values};
use guanxi_core::demo::{demo_settings, generate, DemoLang};
use guanxi_core::Timestamp;

fn ms(t: Instant) -> String {
    format!("{:.1} ms", t.elapsed().as_secs_f64() * 1000.0)
}

fn line(what: impl std::fmt::Display, took: String) {
    println!("  {:<58} {:>10}", what.to_string(), took);
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let now = Timestamp(1_795_953_600_000);
    for n in [10_000usize, 100_000] {
        let t = Instant::now();
        let demo = generate(n, DemoLang::Zh, 2026, today, now);
        let generated = ms(t);
        let settings = demo_settings(&demo);
        let year = Period::year(2026).unwrap();
        println!(
            "\n{n} customers, {} deals (native, release)",
            demo.opportunities.len()
        );
        line("generate the demo", generated);
        let t = Instant::now();
        let floor: usize = demo.customers.iter().map(|c| c.name.len()).sum::<usize>()
            + demo
                .opportunities
                .iter()
                .map(|o| o.title.len())
                .sum::<usize>();
        line(format!("floor: one pass reading a field ({floor})"), ms(t));
        let t = Instant::now();
        let values = customer_values(&demo.customers, &demo.opportunities, &settings, year);
        let table = classify_values(&values, AbcThresholds::default());
        line(format!("value + ABC ({} rows)", table.rows.len()), ms(t));
        let t = Instant::now();
        let g = growth(&demo.customers, year);
        line(
            format!("growth and churn ({} months)", g.months.len()),
            ms(t),
        );
        let t = Instant::now();
        let f = funnel(
            &demo.customers,
            &demo.opportunities,
            &settings,
            year,
            FunnelScope::Created,
        );
        line(format!("funnel ({} stages)", f.stages.len()), ms(t));
        let t = Instant::now();
        let p = pivot(
            &demo.customers,
            &demo.opportunities,
            &settings,
            year,
            Dimension::Industry,
            Dimension::Lifecycle,
            Measure::WonValue,
        );
        line(
            format!(
                "pivot industry × stage, won value ({} rows)",
                p.row_keys.len()
            ),
            ms(t),
        );
    }
}
