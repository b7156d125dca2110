//! Any bytes through the whole CSV import path, as a user's file would go: encoding and
//! delimiter detection, parsing, column guessing, then preview and the import plan. Nothing
//! may panic; every failure must come back as an error value.
#![no_main]

use guanxi_core::io::csv_import::{
    detect_delimiter, detect_encoding, guess_mapping, parse_table, plan_import, preview,
    BadFieldPolicy, DuplicatePolicy, ImportOptions,
};
use guanxi_core::{Id, Timestamp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = detect_encoding(data);
    let text = String::from_utf8_lossy(data);
    let delimiter = detect_delimiter(&text);
    if let Ok(table) = parse_table(&text, delimiter) {
        let mapping = guess_mapping(&table.headers);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let _ = preview(&table, &mapping, &[], today, 20, DuplicatePolicy::Create);
        let mut n = 0u128;
        let mut ids = || {
            n += 1;
            Id::from_u128(n)
        };
        let _ = plan_import(&table, &mapping, &[], &[], DuplicatePolicy::Update, &mut ids, Timestamp(0), today);
        let lenient = ImportOptions::new(DuplicatePolicy::Update, BadFieldPolicy::SetAside, "?");
        let _ = plan_import(&table, &mapping, &[], &[], lenient, &mut ids, Timestamp(0), today);
    }
});
