//! The funnel: centred bars narrowing with the counts, in HTML so names wrap on a phone.

use leptos::prelude::*;

/// One stage of a funnel: its name, the count that sets the width, and the text shown.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelStep {
    pub name: String,
    pub count: u64,
    pub shown: String,
}

/// Horizontal bars, centred and narrowing with the counts; drawn in HTML so the names wrap
/// on a phone.
#[component]
pub fn FunnelChart(
    #[prop(into)] title: String,
    steps: Vec<FunnelStep>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let max = steps.iter().map(|s| s.count).max().unwrap_or(0).max(1);
    let rows = steps
        .into_iter()
        .map(|s| {
            let width = (s.count as f64 / max as f64 * 100.0).max(1.0);
            view! {
                <li class="funnel-step">
                    <span class="funnel-name">{s.name}</span>
                    <span class="funnel-track"><span class="funnel-bar" style:width=format!("{width:.1}%")></span></span>
                    <span class="funnel-value num">{s.shown}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption class="sr-only">{title}</figcaption>
            <ol class="funnel">{rows}</ol>
        </figure>
    }
}
