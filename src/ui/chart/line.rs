//! The line chart: one value per category, broken where a value is undefined.

use leptos::prelude::*;

use super::{BOTTOM, H, LEFT, RIGHT, TOP, W};
use crate::i18n::K;
use crate::ui::save::{use_kit, Kit};

/// A line over categories (a rate month by month): one point per category, `None` where the
/// value is undefined (the line breaks there rather than dropping to zero).
#[component]
pub fn LineChart(
    #[prop(into)] title: String,
    #[prop(into)] y_label: String,
    categories: Vec<String>,
    /// Per category: the value that sets the height, and the text shown.
    points: Vec<Option<(i64, String)>>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    let max = points
        .iter()
        .flatten()
        .map(|(v, _)| *v)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = categories.len().max(1) as f64;
    let (plot_w, plot_h) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let slot = plot_w / n;
    let xy = |i: usize, v: i64| {
        (
            LEFT + (i as f64 + 0.5) * slot,
            TOP + plot_h - (v.max(0) as f64 / max) * plot_h,
        )
    };
    // Runs of defined points become separate polylines.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, p) in points.iter().enumerate() {
        match p {
            Some((v, _)) => runs.last_mut().into_iter().for_each(|r| r.push(xy(i, *v))),
            None => runs.push(Vec::new()),
        }
    }
    let lines = runs
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            let pts = r
                .iter()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect::<Vec<_>>()
                .join(" ");
            view! { <polyline class="share-line" points=pts fill="none"/> }
        })
        .collect_view();
    let dots = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (v, shown) = p.as_ref()?;
            let (x, y) = xy(i, *v);
            Some(view! { <circle class="dot" cx=x cy=y r="3"><title>{format!("{}: {shown}", categories[i])}</title></circle> })
        })
        .collect_view();
    let label_every = categories.len().div_ceil(8).max(1);
    let labels = categories
        .iter()
        .enumerate()
        .filter(|(i, _)| i % label_every == 0)
        .map(|(i, c)| view! { <text class="tick" x=LEFT + (i as f64 + 0.5) * slot y=H - BOTTOM + 16.0 text-anchor="middle">{c.clone()}</text> })
        .collect_view();
    let top = points
        .iter()
        .flatten()
        .find(|(v, _)| *v as f64 == max)
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    let rows = categories
        .iter()
        .zip(&points)
        .map(|(c, p)| {
            let shown = p
                .as_ref()
                .map_or_else(|| "—".to_string(), |(_, s)| s.clone());
            view! { <tr><th scope="row">{c.clone()}</th><td class="num">{shown}</td></tr> }
        })
        .collect_view();
    let title_id = format!("{testid}-title");
    let labelled_by = title_id.clone();
    view! {
        <figure class="chart" data-testid=testid>
            <div class="chart-scroll" tabindex="0" role="group" aria-label=title.clone()>
                <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=labelled_by>
                    <title id=title_id>{title.clone()}</title>
                    <line class="axis" x1=LEFT x2=W - RIGHT y1=TOP + plot_h y2=TOP + plot_h/>
                    <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=TOP + plot_h/>
                    <text class="tick" x=LEFT - 6.0 y=TOP + 4.0 text-anchor="end">{top}</text>
                    <text class="tick" x=LEFT - 6.0 y=TOP + plot_h + 4.0 text-anchor="end">"0"</text>
                    <text class="axis-label" x=12.0 y=TOP + plot_h / 2.0 transform=format!("rotate(-90 12 {})", TOP + plot_h / 2.0) text-anchor="middle">{y_label.clone()}</text>
                    {lines}
                    {dots}
                    {labels}
                </svg>
            </div>
            <figcaption>
                <details class="chart-data">
                    <summary>{move || i18n.t(K::ChartAsTable)}</summary>
                    <table class="table compact"><thead><tr><th scope="col"></th><th scope="col" class="num">{y_label}</th></tr></thead><tbody>{rows}</tbody></table>
                </details>
            </figcaption>
        </figure>
    }
}
