//! Importing customers (and their contact persons) from CSV: detect encoding and delimiter,
//! map columns (guessed from Chinese or English headers, editable), preview each row's
//! problems, choose what to do with duplicates, then write everything in one transaction.

use guanxi_core::io::csv_import::{
    detect_delimiter, detect_encoding, guess_mapping, parse_table, plan_import, preview,
    BadFieldPolicy, CsvError, DuplicatePolicy, Encoding, ImportOptions, Outcome, Table, Target,
};
use guanxi_core::Id;
use leptos::prelude::*;

use super::csv_report::{set_aside_line, CsvReport, Finished};
use crate::i18n::{outcome_text, store_error_text, target_key, K};
use crate::platform::clock;
use crate::state::Change;
use crate::ui::file_pick::{chosen_file, file_card_head, file_error, read_file};
use crate::ui::save::{use_kit, Kit};

/// Decodes with the browser's own TextDecoder, so no encoding tables ship in the wasm.
pub(crate) fn decode(bytes: &[u8], encoding: Encoding) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    let decoder =
        web_sys::TextDecoder::new_with_label_and_options(encoding.label(), &options).ok()?;
    let text = decoder.decode_with_u8_array(bytes).ok()?;
    // Text that comes out as replacement characters or control bytes was not text in this
    // encoding (a binary file, or an encoding we do not know). A stray bad byte is tolerated
    // (it shows in the preview); more than 1 in 100 is not text.
    let total = text.chars().count().max(1);
    let bad = text
        .chars()
        .filter(|c| *c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
        .count();
    (bad * 100 <= total).then_some(text)
}

pub(crate) fn csv_error_text(i18n: crate::i18n::I18n, e: &CsvError) -> String {
    match e {
        CsvError::Empty => i18n.t(K::CsvEmpty).into(),
        CsvError::NoHeader => i18n.t(K::CsvNoHeader).into(),
        CsvError::TooManyColumns(n) => i18n.fmt(K::CsvTooManyColumns, &[("n", &n.to_string())]),
        CsvError::Malformed { line } => i18n.fmt(K::CsvMalformed, &[("line", &line.to_string())]),
    }
}

const ENCODINGS: [Encoding; 4] = [
    Encoding::Utf8,
    Encoding::Gb18030,
    Encoding::Utf16Le,
    Encoding::Utf16Be,
];
const PREVIEW_ROWS: usize = 20;

#[component]
pub fn CsvImport() -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let input = NodeRef::<leptos::html::Input>::new();
    let bytes = StoredValue::new(Vec::<u8>::new());
    let encoding = RwSignal::new(Encoding::Utf8);
    let delimiter = RwSignal::new(b',');
    let table = RwSignal::new(None::<Table>);
    let mapping = RwSignal::new(Vec::<Target>::new());
    let policy = RwSignal::new(DuplicatePolicy::Skip);
    let bad_fields = RwSignal::new(BadFieldPolicy::SetAside);
    let options = move || {
        let label = i18n.t(K::CsvSetAsideNote);
        ImportOptions::new(policy.get(), bad_fields.get(), label)
    };
    let error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<f64>);
    let report = RwSignal::new(None::<Finished>);

    // Re-reads the table from the bytes with the chosen encoding and delimiter.
    let reparse = move |guess_delimiter: bool| {
        error.set(None);
        let Some(text) = bytes.with_value(|b| decode(b, encoding.get_untracked())) else {
            error.set(Some(i18n.t(K::CsvEncodingFailed).into()));
            return;
        };
        if guess_delimiter {
            delimiter.set(detect_delimiter(&text));
        }
        match parse_table(&text, delimiter.get_untracked()) {
            Ok(t) => {
                mapping.set(guess_mapping(&t.headers));
                table.set(Some(t));
            }
            Err(e) => {
                table.set(None);
                error.set(Some(csv_error_text(i18n, &e)));
            }
        }
    };
    let on_file = move |_| {
        let Some(file) = chosen_file(input) else {
            return;
        };
        table.set(None);
        report.set(None);
        leptos::task::spawn_local(async move {
            match read_file(i18n, file).await {
                Ok(b) => {
                    encoding.set(detect_encoding(&b));
                    bytes.set_value(b);
                    reparse(true);
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };
    let previewed = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref().map(|t| {
                let m = mapping.get();
                let o = options();
                data.customers
                    .with(|c| preview(t, &m, c, clock::today(), PREVIEW_ROWS, o))
            })
        })
    });
    let run = move |_| {
        let Some(t) = table.get_untracked() else {
            return;
        };
        let m = mapping.get_untracked();
        if !m.contains(&Target::Name) {
            error.set(Some(i18n.t(K::CsvNeedName).into()));
            return;
        }
        progress.set(Some(0.0));
        let options = untrack(options);
        leptos::task::spawn_local(async move {
            let plan = data.customers.with_untracked(|c| {
                data.contacts.with_untracked(|p| {
                    plan_import(
                        &t,
                        &m,
                        c,
                        p,
                        options,
                        &mut Id::random,
                        clock::now(),
                        clock::today(),
                    )
                })
            });
            let done = Finished::of(&plan);
            let on_progress = move |p| progress.set(Some(p));
            match data
                .commit_with_progress(Change::Import(plan.batch), &on_progress)
                .await
            {
                Ok(_) => {
                    toasts.success(i18n.fmt(
                        K::CsvImported,
                        &[
                            ("created", &plan.created.to_string()),
                            ("updated", &plan.updated.to_string()),
                        ],
                    ));
                    report.set(Some(done));
                    table.set(None);
                }
                Err(e) => toasts.error(store_error_text(i18n, &e)),
            }
            progress.set(None);
        });
    };
    view! {
        <section class="card" data-testid="csv-import">
            {file_card_head(K::CsvImportTitle, K::CsvImportExplain, ".csv,.txt,text/csv", input, "csv-file", on_file)}
            {file_error(error, "csv-error")}
            {move || table.get().map(|t| {
                let ragged = t.ragged.len();
                view! {
                    <div class="row-form">
                        <label class="filter"><span>{i18n.t(K::CsvEncoding)}</span>
                            <select class="input" data-testid="csv-encoding" on:change=move |ev| {
                                if let Some(e) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| ENCODINGS.get(i)) {
                                    encoding.set(*e);
                                    reparse(false);
                                }
                            }>
                                {ENCODINGS.iter().enumerate().map(|(i, e)| {
                                    let e = *e;
                                    view! { <option value=i.to_string() selected=move || encoding.get().label() == e.label()>{e.label()}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label class="filter"><span>{i18n.t(K::CsvDelimiter)}</span>
                            <select class="input" data-testid="csv-delimiter" on:change=move |ev| {
                                delimiter.set(event_target_value(&ev).bytes().next().unwrap_or(b','));
                                reparse(false);
                            }>
                                {[(",", ","), (";", ";"), ("\t", "Tab")].into_iter().map(|(v, label)| {
                                    view! { <option value=v selected=move || delimiter.get() == v.as_bytes()[0]>{label}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <span class="muted" data-testid="csv-rows">{i18n.fmt(K::CsvRows, &[("n", &t.rows.len().to_string())])}</span>
                    </div>
                    {(ragged > 0).then(|| view! { <p class="alert alert-warn" data-testid="csv-ragged">{i18n.fmt(K::CsvRagged, &[("n", &ragged.to_string())])}</p> })}
                    <h3>{i18n.t(K::CsvMapping)}</h3>
                    <table class="table compact mapping" data-testid="csv-mapping">
                        <thead><tr><th>{i18n.t(K::CsvColumn)}</th><th>{i18n.t(K::CsvSample)}</th><th>{i18n.t(K::CsvField)}</th></tr></thead>
                        <tbody>
                            {t.headers.iter().enumerate().map(|(col, header)| {
                                let sample = t.rows.first().and_then(|r| r.get(col)).cloned().unwrap_or_default();
                                view! {
                                    <tr>
                                        <td class="cell-main">{header.clone()}</td>
                                        <td data-label=i18n.t(K::CsvSample) class="muted">{sample}</td>
                                        <td data-label=i18n.t(K::CsvField)>
                                            <select class="input" data-testid=format!("map-{col}") aria-label=i18n.fmt(K::CsvMapAria, &[("column", header)]) on:change=move |ev| {
                                                if let Some(target) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| Target::ALL.get(i)) {
                                                    mapping.update(|m| if let Some(slot) = m.get_mut(col) { *slot = *target });
                                                }
                                            }>
                                                {Target::ALL.iter().enumerate().map(|(i, target)| {
                                                    let target = *target;
                                                    view! { <option value=i.to_string() selected=move || mapping.with(|m| m.get(col) == Some(&target))>{i18n.t(target_key(target))}</option> }
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <h3>{i18n.fmt(K::CsvPreview, &[("n", &PREVIEW_ROWS.min(t.rows.len()).to_string())])}</h3>
                    <ul class="list" data-testid="csv-preview">
                        {move || previewed.get().unwrap_or_default().into_iter().map(|r| {
                            let bad = matches!(r.outcome, Outcome::Rejected(_));
                            view! {
                                <li class:row-bad=bad data-testid="csv-preview-row">
                                    <span class="when">{format!("#{}", r.line)}</span>
                                    <strong>{r.name.clone()}</strong>
                                    <span class=if bad { "error" } else { "muted" }>{if r.set_aside.is_empty() { outcome_text(i18n, &r.outcome) } else { set_aside_line(i18n, &r) }}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <fieldset class="choice">
                        <legend>{i18n.t(K::CsvDuplicates)}</legend>
                        {[(DuplicatePolicy::Skip, K::CsvSkip, "policy-skip"), (DuplicatePolicy::Update, K::CsvUpdate, "policy-update"), (DuplicatePolicy::Create, K::CsvCreate, "policy-create")]
                            .into_iter().map(|(p, label, id)| view! {
                                <label><input type="radio" name="csv-policy" data-testid=id prop:checked=move || policy.get() == p on:change=move |_| policy.set(p)/>
                                    <span>{i18n.t(label)}</span></label>
                            }).collect_view()}
                    </fieldset>
                    <fieldset class="choice">
                        <legend>{i18n.t(K::CsvBadFields)}</legend>
                        {[(BadFieldPolicy::SetAside, K::CsvSetAside, "bad-set-aside"), (BadFieldPolicy::RejectRow, K::CsvRejectRow, "bad-reject")]
                            .into_iter().map(|(p, label, id)| view! {
                                <label><input type="radio" name="csv-bad-fields" data-testid=id prop:checked=move || bad_fields.get() == p on:change=move |_| bad_fields.set(p)/>
                                    <span>{i18n.t(label)}</span></label>
                            }).collect_view()}
                    </fieldset>
                    <button class="btn btn-primary" data-testid="csv-run" disabled=move || progress.get().is_some() on:click=run>{i18n.t(K::CsvRun)}</button>
                }
            })}
            {move || progress.get().map(|p| view! {
                <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{:.0}", p * 100.0) data-testid="csv-progress">
                    <span style:width=format!("{:.0}%", p * 100.0)></span>
                </div>
            })}
            <CsvReport report=report/>
        </section>
    }
}
