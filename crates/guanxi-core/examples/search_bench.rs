//! Timings of the customer list's search and sort at 10,000 and 100,000 generated customers,
//! natively (the browser runs the same code as wasm, a few times slower), beside a floor measured
//! in the same run: one pass over every customer that reads its name's length.
//! Run by `make bench`: `cargo run --release -p guanxi-core --example search_bench`.

use std::time::Instant;

use chrono::NaiveDate;
use guanxi_core::customers::query::{
    filter_sort_indexed, filter_sort_scanned, CustomerFilter, CustomerQuery, SortDir, SortKey,
};
use guanxi_core::demo::{generate, DemoLang};
use guanxi_core::search::{CustomerScan, SearchIndex};
use guanxi_core::Timestamp;

fn ms(secs: f64) -> String {
    format!("{:.2} ms", secs * 1000.0)
}

/// The median of `runs` timings of `f`, in seconds.
fn median(runs: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut out = 0;
    for _ in 0..runs {
        let t = Instant::now();
        out = f();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (times[runs / 2], out)
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let now = Timestamp(1_795_953_600_000);
    let filter = CustomerFilter::default();
    for n in [10_000usize, 100_000] {
        let demo = generate(n, DemoLang::Zh, 2026, today, now);
        let t = Instant::now();
        let index = SearchIndex::build(&demo.customers);
        println!("\n{n} customers (native, release, median of 9)");
        println!(
            "  {:<44} {:>10}",
            "build the customers' search index",
            ms(t.elapsed().as_secs_f64())
        );
        let t = Instant::now();
        let scan = CustomerScan::build(&demo.customers, &index);
        println!(
            "  {:<44} {:>10}",
            "lay out the scan (after each write)",
            ms(t.elapsed().as_secs_f64())
        );
        let (floor, _) = median(9, || demo.customers.iter().map(|c| c.name.len()).sum());
        println!(
            "  {:<44} {:>10}",
            "floor: read every customer's name",
            ms(floor)
        );
        let sorts = [
            ("name", SortKey::Name, SortDir::Asc),
            ("newest", SortKey::Updated, SortDir::Desc),
        ];
        for (query, (sort, key, dir)) in ["", "z", "zh", "zhang", "zhangw", "139", "科技", "a"]
            .into_iter()
            .flat_map(|q| sorts.map(|s| (q, s)))
        {
            let (took, found) = median(9, || {
                let list = CustomerQuery {
                    query,
                    filter: &filter,
                    key,
                    dir,
                };
                filter_sort_indexed(&demo.customers, &demo.contacts, Some(&index), list).len()
            });
            println!(
                "  {:<44} {:>10}",
                format!("list by {sort}, search {query:?} ({found} found)"),
                ms(took)
            );
            let (took, _) = median(9, || {
                let list = CustomerQuery {
                    query,
                    filter: &filter,
                    key,
                    dir,
                };
                filter_sort_scanned(&demo.customers, &demo.contacts, &index, &scan, list).len()
            });
            println!("  {:<44} {:>10}", "  the same through the scan", ms(took));
        }
    }
}
