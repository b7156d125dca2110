//! Joins the namespace files under `src/text/` into one key list, so the app keeps a single
//! `K` enum (a missing translation stays a compile error) while each namespace has its own file.

use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new("src/text");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("src/text exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "keys"))
        .collect();
    files.sort();
    let mut joined = String::from("keys! {\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        joined.push_str(&fs::read_to_string(file).expect("readable namespace file"));
        joined.push('\n');
    }
    joined.push_str("}\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("keys.rs");
    fs::write(out, joined).expect("OUT_DIR is writable");
}
