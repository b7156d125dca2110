//! The pivot table (数据透视, the course's OLAP): a measure broken down by two dimensions over
//! the period, with totals, the records behind every figure, a chart of the row totals and a
//! CSV export. Dimensions, measure and period live in the URL
//! (`?p=2025-Q1&rows=industry&cols=lifecycle&measure=won_value`); the maths is
//! `guanxi_core::analysis::pivot`.

mod labels;
mod table;

use guanxi_core::analysis::period::Period;
use guanxi_core::analysis::pivot::{pivot, Dimension, Measure};
use guanxi_core::analysis::pivot_url::{
    dimension_name, grid_csv, measure_name, parse_dimension, parse_measure, DIMENSIONS, MEASURES,
};
use guanxi_core::analysis::scope::default_currency;
use leptos::prelude::*;

use self::labels::{axis_labels, dimension_key, measure_key, rule_text};
use self::table::{chart_view, csv_rows, drill_view, table_view, Pick};
use crate::features::analysis::period::{use_period, PeriodSelector};
use crate::i18n::K;
use crate::ui::download::save_bytes;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

const PATH: &str = "/analysis/pivot";
/// Rows drawn before "show all", so a free-text dimension with thousands of values does not
/// build one enormous table (the chart and the export have them all).
const SHOWN_ROWS: usize = 200;

/// Rows, columns and measure from the URL; the columns default to a dimension other than the
/// rows, and the measure to won value.
fn choice(rows: &str, cols: &str, measure: &str) -> (Dimension, Dimension, Measure) {
    let rows = parse_dimension(rows).unwrap_or(Dimension::Industry);
    let fallback = if rows == Dimension::Lifecycle {
        Dimension::Industry
    } else {
        Dimension::Lifecycle
    };
    let cols = parse_dimension(cols).unwrap_or(fallback);
    (
        rows,
        cols,
        parse_measure(measure).unwrap_or(Measure::WonValue),
    )
}

#[component]
pub fn PivotPage() -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let period = use_period();
    let (rows_p, cols_p, measure_p) = (
        query_param("rows"),
        query_param("cols"),
        query_param("measure"),
    );
    let set = use_query_setter(PATH);
    let chosen = Memo::new(move |_| choice(&rows_p.get(), &cols_p.get(), &measure_p.get()));
    let result = Memo::new(move |_| {
        let (rows, cols, measure) = chosen.get();
        if rows == cols {
            return None;
        }
        let (start, end) = period.get().range();
        let p = Period::custom(start, end).ok()?;
        Some(data.settings.with(|s| {
            data.customers.with(|c| {
                data.opportunities
                    .with(|o| pivot(c, o, s, p, rows, cols, measure))
            })
        }))
    });
    let labels = Memo::new(move |_| {
        result.with(|r| {
            r.as_ref()
                .map(|p| data.settings.with(|s| axis_labels(p, i18n, s)))
        })
    });
    let pick = RwSignal::new(None::<Pick>);
    let show_all = RwSignal::new(false);
    // Every change writes all three, so a default that depends on another stays put.
    let choose = move |rows: Dimension, cols: Dimension, measure: Measure| {
        pick.set(None);
        set(&[
            ("rows", Some(dimension_name(rows).into())),
            ("cols", Some(dimension_name(cols).into())),
            ("measure", Some(measure_name(measure).into())),
        ]);
    };
    let choose_rows = choose.clone();
    let on_rows = move |ev| {
        let Some(d) = parse_dimension(&event_target_value(&ev)) else {
            return;
        };
        let (r, c, m) = chosen.get_untracked();
        // Picking the columns' dimension swaps the two.
        choose_rows(d, if d == c { r } else { c }, m);
    };
    let choose_cols = choose.clone();
    let on_cols = move |ev| {
        let Some(d) = parse_dimension(&event_target_value(&ev)) else {
            return;
        };
        let (r, c, m) = chosen.get_untracked();
        choose_cols(if d == r { c } else { r }, d, m);
    };
    let on_measure = move |ev| {
        let Some(m) = parse_measure(&event_target_value(&ev)) else {
            return;
        };
        let (r, c, _) = chosen.get_untracked();
        choose(r, c, m);
    };
    let dimension_options = move |which: fn((Dimension, Dimension, Measure)) -> Dimension| {
        DIMENSIONS.map(|d| view! {
            <option value=dimension_name(d) selected=move || which(chosen.get()) == d>{move || i18n.t(dimension_key(d))}</option>
        }).collect_view()
    };
    let measure_options = MEASURES.map(|m| view! {
        <option value=measure_name(m) selected=move || chosen.get().2 == m>{move || i18n.t(measure_key(m))}</option>
    }).collect_view();
    let currency = move || data.settings.with(default_currency);
    let export = move |_| {
        let (Some(p), Some(l)) = (result.get_untracked(), labels.get_untracked()) else {
            return;
        };
        let name = format!(
            "guanxi-pivot-{}-{}-{}-{}.csv",
            measure_name(p.measure),
            dimension_name(p.rows),
            dimension_name(p.columns),
            period.get_untracked()
        );
        if let Err(e) = save_bytes(
            &name,
            "text/csv;charset=utf-8",
            &grid_csv(&csv_rows(&p, &l, i18n)),
        ) {
            toasts.error(i18n.fmt(K::PivotExportFailed, &[("error", &e)]));
        }
    };
    let left_out = move || {
        result.with(|r| {
            let p = r.as_ref().filter(|p| !p.left_out.is_empty())?;
            let text = i18n.fmt(
                K::DealsNotCounted,
                &[
                    ("n", &p.left_out.len().to_string()),
                    ("currency", &p.currency),
                ],
            );
            Some(view! { <p class="alert alert-warn" data-testid="pivot-left-out">{text}</p> })
        })
    };
    let body = move || {
        if chosen.with(|(r, c, _)| r == c) {
            return view! { <p class="alert alert-warn" data-testid="pivot-same">{i18n.t(K::PivotSameDimension)}</p> }.into_any();
        }
        let (Some(p), Some(l)) = (result.get(), labels.get()) else {
            return ().into_any();
        };
        if p.grand_total.records.is_empty() {
            return view! {
                <div class="empty" data-testid="pivot-empty">
                    <p class="empty-title">{i18n.t(K::PivotEmpty)}</p>
                    <p class="empty-body">{i18n.t(K::PivotEmptyBody)}</p>
                </div>
            }
            .into_any();
        }
        let limit = if show_all.get() {
            usize::MAX
        } else {
            SHOWN_ROWS
        };
        let hidden = p.row_keys.len().saturating_sub(limit);
        view! {
            <section class="card">
                <div class="split-row">
                    <h2>{i18n.t(measure_key(p.measure))}</h2>
                    <button type="button" class="btn btn-ghost btn-sm" data-testid="pivot-export" on:click=export>{i18n.t(K::PivotExport)}</button>
                </div>
                {table_view(&p, &l, i18n, pick, limit)}
                {(hidden > 0).then(|| view! {
                    <button type="button" class="btn btn-ghost" data-testid="pivot-show-all" on:click=move |_| show_all.set(true)>
                        {i18n.fmt(K::ShowAllRows, &[("n", &p.row_keys.len().to_string())])}
                    </button>
                })}
            </section>
        }.into_any()
    };
    let drill = move || {
        let chosen = pick.get()?;
        let (p, l) = (result.get()?, labels.get()?);
        drill_view(&p, &l, &chosen, i18n, data, move || pick.set(None))
    };
    let chart = move || {
        let (p, l) = (result.get()?, labels.get()?);
        (!p.grand_total.records.is_empty())
            .then(|| view! { <section class="card">{chart_view(&p, &l, i18n)}</section> })
    };
    view! {
        <PeriodSelector path=PATH/>
        <div class="period-bar">
            <label class="filter"><span>{move || i18n.t(K::PivotRows)}</span>
                <select class="input" data-testid="pivot-rows" on:change=on_rows>{dimension_options(|c| c.0)}</select></label>
            <label class="filter"><span>{move || i18n.t(K::PivotColumns)}</span>
                <select class="input" data-testid="pivot-cols" on:change=on_cols>{dimension_options(|c| c.1)}</select></label>
            <label class="filter"><span>{move || i18n.t(K::PivotMeasure)}</span>
                <select class="input" data-testid="pivot-measure" on:change=on_measure>{measure_options}</select></label>
        </div>
        <p class="muted small" data-testid="pivot-rule">{move || rule_text(chosen.get().2, i18n, &currency())}</p>
        {left_out}
        {body}
        {drill}
        {chart}
    }
}
