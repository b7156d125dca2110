//! Any text as a backup file: it must be read or refused with a typed error, never panic.
#![no_main]

use guanxi_core::io::backup::read_backup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = read_backup(text);
    }
});
