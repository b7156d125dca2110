//! Small SVG charts of our own: bars (one or more series, with an optional cumulative-share
//! line, which makes a Pareto chart), a line, and a funnel. No chart library: these few shapes cost a
//! few kilobytes, and every chart carries a title, axis labels and the same numbers as a
//! table for screen readers and for checking by hand.
//!
//! Colours come from the theme's variables, so charts follow dark mode and print in grey.

use leptos::prelude::*;

pub use funnel::{FunnelChart, FunnelStep};
pub use line::LineChart;

mod funnel;
mod line;

use crate::i18n::K;
use crate::ui::save::{use_kit, Kit};

/// One series of bars: its name and, per category, the value that sets the bar's height and
/// the text shown for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<i64>,
    pub shown: Vec<String>,
}

/// A cumulative share in permille (0–1000) per category, drawn as a line on a 0–100% axis.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareLine {
    pub name: String,
    pub permille: Vec<u32>,
}

pub(crate) const W: f64 = 640.0;
pub(crate) const H: f64 = 260.0;
pub(crate) const LEFT: f64 = 84.0;
pub(crate) const RIGHT: f64 = 44.0;
pub(crate) const TOP: f64 = 16.0;
pub(crate) const BOTTOM: f64 = 48.0;

/// Bars per category, side by side per series; with `line`, a Pareto chart.
#[component]
pub fn BarChart(
    #[prop(into)] title: String,
    /// What the bars measure, for the y axis.
    #[prop(into)]
    y_label: String,
    categories: Vec<String>,
    series: Vec<Series>,
    #[prop(optional)] line: Option<ShareLine>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = categories.len().max(1) as f64;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / n;
    let per = series.len().max(1) as f64;
    let bar_w = (slot * 0.7 / per).max(1.0);
    // Category labels thin out so that about eight fit, however many categories there are.
    let label_every = categories.len().div_ceil(8).max(1);
    let bars = series
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.values.iter().enumerate().map(move |(ci, &v)| {
                let h = (v.max(0) as f64 / max) * plot_h;
                let x = LEFT + ci as f64 * slot + slot * 0.15 + si as f64 * bar_w;
                view! {
                    <rect class=format!("bar s{si}") x=x y=TOP + plot_h - h width=bar_w height=h>
                        <title>{format!("{}: {}", s.name, s.shown.get(ci).cloned().unwrap_or_default())}</title>
                    </rect>
                }
            })
        })
        .collect_view();
    let labels = categories
        .iter()
        .enumerate()
        .filter(|(i, _)| i % label_every == 0)
        .map(|(i, c)| {
            let x = LEFT + (i as f64 + 0.5) * slot;
            view! { <text class="tick" x=x y=H - BOTTOM + 16.0 text-anchor="middle">{c.clone()}</text> }
        })
        .collect_view();
    let share = line.as_ref().map(|l| {
        let points = l
            .permille
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let x = LEFT + (i as f64 + 0.5) * slot;
                let y = TOP + plot_h - (*p as f64 / 1000.0) * plot_h;
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ");
        view! {
            <polyline class="share-line" points=points fill="none"/>
            <text class="tick" x=W - RIGHT + 6.0 y=TOP + 4.0>"100%"</text>
            <text class="tick" x=W - RIGHT + 6.0 y=TOP + plot_h * 0.2 + 4.0>"80%"</text>
            <line class="guide" x1=LEFT x2=W - RIGHT y1=TOP + plot_h * 0.2 y2=TOP + plot_h * 0.2/>
            <text class="tick" x=W - RIGHT + 6.0 y=TOP + plot_h + 4.0>"0%"</text>
        }
    });
    let legend = (series.len() > 1 || line.is_some()).then(|| {
        let names = series
            .iter()
            .enumerate()
            .map(|(i, s)| view! { <span class=format!("key s{i}")>{s.name.clone()}</span> })
            .collect_view();
        let line_name = line
            .as_ref()
            .map(|l| view! { <span class="key line">{l.name.clone()}</span> });
        view! { <p class="chart-legend">{names}{line_name}</p> }
    });
    let table = chart_table(&categories, &series, line.as_ref());
    let title_id = format!("{testid}-title");
    let labelled_by = title_id.clone();
    view! {
        <figure class="chart" data-testid=testid.clone()>
            // Focusable, so a keyboard user can scroll a chart wider than a phone.
            <div class="chart-scroll" tabindex="0" role="group" aria-label=title.clone()>
                <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=labelled_by>
                    <title id=title_id>{title.clone()}</title>
                    <line class="axis" x1=LEFT x2=W - RIGHT y1=TOP + plot_h y2=TOP + plot_h/>
                    <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=TOP + plot_h/>
                    <text class="tick" x=LEFT - 6.0 y=TOP + 4.0 text-anchor="end">{series.first().and_then(|s| {
                        let i = s.values.iter().position(|v| *v as f64 == max)?;
                        s.shown.get(i).cloned()
                    }).unwrap_or_default()}</text>
                    <text class="tick" x=LEFT - 6.0 y=TOP + plot_h + 4.0 text-anchor="end">"0"</text>
                    <text class="axis-label" x=12.0 y=TOP + plot_h / 2.0 transform=format!("rotate(-90 12 {})", TOP + plot_h / 2.0) text-anchor="middle">{y_label}</text>
                    {bars}
                    {labels}
                    {share}
                </svg>
            </div>
            <figcaption>
                {legend}
                <details class="chart-data">
                    <summary>{move || i18n.t(K::ChartAsTable)}</summary>
                    {table}
                </details>
            </figcaption>
        </figure>
    }
}

/// The chart's numbers as a table: one row per category.
fn chart_table(
    categories: &[String],
    series: &[Series],
    line: Option<&ShareLine>,
) -> impl IntoView {
    let head = series
        .iter()
        .map(|s| view! { <th scope="col" class="num">{s.name.clone()}</th> })
        .collect_view();
    let line_head = line.map(|l| view! { <th scope="col" class="num">{l.name.clone()}</th> });
    let rows = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = series
                .iter()
                .map(|s| view! { <td class="num">{s.shown.get(i).cloned().unwrap_or_default()}</td> })
                .collect_view();
            let share = line.and_then(|l| l.permille.get(i)).map(|p| {
                view! { <td class="num">{format!("{}.{}%", p / 10, p % 10)}</td> }
            });
            view! { <tr><th scope="row">{c.clone()}</th>{cells}{share}</tr> }
        })
        .collect_view();
    view! {
        <table class="table compact">
            <thead><tr><th scope="col"></th>{head}{line_head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
