//! Writes the scenarios that ship with the app to `static/scenarios/` (or the folder given):
//! one file per scenario and `index.json`, the list the app shows.
//! `cargo run -p guanxi-core --example scenarios [dir]`

use guanxi_core::model::ids::Timestamp;
use guanxi_core::scenarios::course::{course_scenarios, SCENARIO_APP_VERSION};
use guanxi_core::scenarios::file::write_scenario;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/scenarios").to_string()
    });
    std::fs::create_dir_all(&dir).expect("the folder can be made");
    let mut index = Vec::new();
    for (scenario, data) in course_scenarios() {
        let text = write_scenario(&scenario, &data, SCENARIO_APP_VERSION, Timestamp(0));
        let path = format!("{dir}/{}.json", scenario.id);
        std::fs::write(&path, &text).expect("the file can be written");
        println!("{path}: {} KiB", text.len() / 1024);
        index.push(serde_json::json!({
            "id": scenario.id,
            "title": scenario.brief.title,
            "file": format!("{}.json", scenario.id),
        }));
    }
    let index = serde_json::to_string_pretty(&index).expect("the index serializes");
    std::fs::write(format!("{dir}/index.json"), index + "\n").expect("the index can be written");
}
