//! Any text as a vCard file: parsed or refused, never a panic.
#![no_main]

use guanxi_core::io::vcard::parse_vcards;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_vcards(&String::from_utf8_lossy(data));
});
