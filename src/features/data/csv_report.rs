//! What a CSV import did: counts, rows imported with set-aside values (each value named),
//! rejected rows with their reasons, columns with data that were not imported, and the
//! report file to download.

use guanxi_core::io::csv_import::{
    push_report_note, report_csv, ImportPlan, Outcome, RowResult, UnmappedColumn,
};
use guanxi_i18n::words::{set_aside_outcome, set_aside_text};
use leptos::prelude::*;

use crate::i18n::{outcome_text, I18n, K};
use crate::ui::download::save_bytes;
use crate::ui::save::use_kit;

/// The part of a finished import the report shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    pub rows: Vec<RowResult>,
    pub unmapped: Vec<UnmappedColumn>,
}

impl Finished {
    pub fn of(plan: &ImportPlan) -> Self {
        Finished {
            rows: plan.rows.clone(),
            unmapped: plan.unmapped.clone(),
        }
    }
}

/// A row's set-aside values, each named, for the screen.
pub fn set_aside_line(i18n: I18n, r: &RowResult) -> String {
    let lang = i18n.lang();
    let values: Vec<String> = r
        .set_aside
        .iter()
        .map(|a| set_aside_text(lang, a))
        .collect();
    format!(
        "{}{}{}",
        set_aside_outcome(lang, &r.outcome),
        i18n.t(K::LabelSeparator),
        values.join(i18n.t(K::ListSeparator))
    )
}

/// "Columns not imported: “WeChat” (2 values); …", or nothing when every column with data
/// was imported.
pub fn unmapped_line(i18n: I18n, unmapped: &[UnmappedColumn]) -> Option<String> {
    (!unmapped.is_empty()).then(|| {
        let list: Vec<String> = unmapped
            .iter()
            .map(|u| {
                i18n.fmt(
                    K::CsvUnmappedColumn,
                    &[("column", &u.header), ("n", &u.values.to_string())],
                )
            })
            .collect();
        i18n.fmt(
            K::CsvUnmapped,
            &[("list", &list.join(i18n.t(K::ListSeparator)))],
        )
    })
}

#[component]
pub fn CsvReport(report: RwSignal<Option<Finished>>) -> impl IntoView {
    let kit = use_kit();
    let (i18n, toasts) = (kit.i18n, kit.toasts);
    let download_report = move |_| {
        let Some(done) = report.get_untracked() else {
            return;
        };
        let mut text = report_csv(&done.rows, &i18n.lang());
        if let Some(line) = unmapped_line(i18n, &done.unmapped) {
            push_report_note(&mut text, &line);
        }
        if let Err(e) = save_bytes(
            "guanxi-import-report.csv",
            "text/csv;charset=utf-8",
            &guanxi_core::io::csv_export::with_utf8_bom(&text),
        ) {
            toasts.error(e);
        }
    };
    move || {
        report.get().map(|done| {
            let rows = done.rows;
            let count = |f: fn(&Outcome) -> bool| rows.iter().filter(|r| f(&r.outcome)).count();
            let (c, u, s, x) = (
                count(|o| matches!(o, Outcome::Created)),
                count(|o| matches!(o, Outcome::Updated(_))),
                count(|o| matches!(o, Outcome::Skipped(_))),
                count(|o| matches!(o, Outcome::Rejected(_))),
            );
            let aside: Vec<&RowResult> = rows.iter().filter(|r| !r.set_aside.is_empty()).collect();
            view! {
                <div class="stats" data-testid="csv-report">
                    <div class="stat"><span class="stat-n">{c}</span><span>{i18n.t(K::CsvCreated)}</span></div>
                    <div class="stat"><span class="stat-n">{u}</span><span>{i18n.t(K::CsvUpdated)}</span></div>
                    <div class="stat"><span class="stat-n">{s + x}</span><span>{i18n.fmt(K::CsvSkippedRejected, &[("s", &s.to_string()), ("r", &x.to_string())])}</span></div>
                </div>
                {(!aside.is_empty()).then(|| view! {
                    <p data-testid="csv-set-aside-count">{i18n.fmt(K::CsvSetAsideCount, &[("n", &aside.len().to_string())])}</p>
                })}
                {unmapped_line(i18n, &done.unmapped).map(|line| view! { <p class="muted" data-testid="csv-unmapped">{line}</p> })}
                <ul class="list">
                    {aside.iter().take(50).map(|r| view! {
                        <li data-testid="csv-set-aside"><span class="when">{format!("#{}", r.line)}</span><strong>{r.name.clone()}</strong>
                            <span class="muted">{set_aside_line(i18n, r)}</span></li>
                    }).collect_view()}
                    {rows.iter().filter(|r| matches!(r.outcome, Outcome::Rejected(_))).take(50).map(|r| view! {
                        <li data-testid="csv-rejected"><span class="when">{format!("#{}", r.line)}</span><strong>{r.name.clone()}</strong>
                            <span class="error">{outcome_text(i18n, &r.outcome)}</span></li>
                    }).collect_view()}
                </ul>
                <button class="btn" data-testid="csv-report-download" on:click=download_report>{i18n.t(K::CsvReportDownload)}</button>
            }
        })
    }
}
