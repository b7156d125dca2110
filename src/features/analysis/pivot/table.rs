//! The pivot drawn: the table with its totals (every figure with records a button that opens
//! them below), the records behind the chosen figure, the chart of the row totals, and the
//! same table as CSV rows.

use guanxi_core::analysis::pivot::{Pivot, PivotCell};
use guanxi_core::analysis::pivot_url::{is_money, records_are_customers};
use leptos::prelude::*;

use super::labels::{csv_value, dimension_key, measure_key, value_text};
use crate::i18n::{I18n, K};
use crate::state::Data;
use crate::ui::chart::{BarChart, Series};
use crate::ui::link::A;

/// Records listed under a figure before "and n more".
const DRILL_SHOWN: usize = 200;

/// The figure whose records are shown: a row and a column key, `None` for the total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    pub row: Option<String>,
    pub column: Option<String>,
}

/// Row labels, column labels.
pub type Labels = (Vec<String>, Vec<String>);

/// The figure `pick` names, with its row and column labels ("Total" for a total).
fn resolve<'p>(
    p: &'p Pivot,
    labels: &Labels,
    pick: &Pick,
    i18n: I18n,
) -> Option<(&'p PivotCell, String, String)> {
    let find = |keys: &[String], key: &Option<String>| {
        key.as_ref().map(|k| keys.iter().position(|x| x == k))
    };
    let total = || i18n.t(K::PivotTotal).to_string();
    let (r, c) = (
        find(&p.row_keys, &pick.row),
        find(&p.column_keys, &pick.column),
    );
    let cell = match (r, c) {
        (Some(r), Some(c)) => p.cells.get(r?)?.get(c?)?,
        (Some(r), None) => p.row_totals.get(r?)?,
        (None, Some(c)) => p.column_totals.get(c?)?,
        (None, None) => &p.grand_total,
    };
    let row = r.flatten().map_or_else(total, |r| labels.0[r].clone());
    let column = c.flatten().map_or_else(total, |c| labels.1[c].clone());
    Some((cell, row, column))
}

/// A figure: a button that picks it when it has records behind it, muted text otherwise.
fn figure(
    p: &Pivot,
    cell: &PivotCell,
    (aria, i18n): ([String; 2], I18n),
    target: Pick,
    pick: RwSignal<Option<Pick>>,
    testid: &'static str,
) -> AnyView {
    let text = value_text(p.measure, cell.value, &p.currency);
    if cell.records.is_empty() {
        return view! { <span class="muted">{text}</span> }.into_any();
    }
    let aria = i18n.fmt(
        K::PivotCellButton,
        &[("row", &aria[0]), ("column", &aria[1]), ("value", &text)],
    );
    let chosen = target.clone();
    view! {
        <button type="button" class="link" data-testid=testid aria-label=aria
            aria-pressed=move || pick.with(|p| p.as_ref() == Some(&chosen)).to_string()
            on:click=move |_| pick.update(|p| *p = if p.as_ref() == Some(&target) { None } else { Some(target.clone()) })>
            {text}
        </button>
    }
    .into_any()
}

/// The table: row keys down (the first `limit`), column keys across, totals last.
pub fn table_view(
    p: &Pivot,
    labels: &Labels,
    i18n: I18n,
    pick: RwSignal<Option<Pick>>,
    limit: usize,
) -> impl IntoView {
    let total = i18n.t(K::PivotTotal);
    let aria = |row: &str, column: &str| ([row.to_string(), column.to_string()], i18n);
    let corner = format!(
        "{} \\ {}",
        i18n.t(dimension_key(p.rows)),
        i18n.t(dimension_key(p.columns))
    );
    let head = labels
        .1
        .iter()
        .map(|l| view! { <th scope="col" class="num">{l.clone()}</th> })
        .collect_view();
    let rows = p.row_keys.iter().zip(&labels.0).enumerate().take(limit).map(|(ri, (rk, rl))| {
        let cells = p.column_keys.iter().zip(&labels.1).enumerate().map(|(ci, (ck, cl))| {
            let target = Pick { row: Some(rk.clone()), column: Some(ck.clone()) };
            view! { <td class="num">{figure(p, &p.cells[ri][ci], aria(rl, cl), target, pick, "pivot-cell")}</td> }
        }).collect_view();
        let target = Pick { row: Some(rk.clone()), column: None };
        view! {
            <tr data-testid="pivot-row">
                <th scope="row" class="sticky-col">{rl.clone()}</th>
                {cells}
                <td class="num" data-testid="pivot-row-total"><strong>{figure(p, &p.row_totals[ri], aria(rl, total), target, pick, "pivot-total")}</strong></td>
            </tr>
        }
    }).collect_view();
    let column_totals = p.column_keys.iter().zip(&labels.1).enumerate().map(|(ci, (ck, cl))| {
        let target = Pick { row: None, column: Some(ck.clone()) };
        view! { <td class="num" data-testid="pivot-col-total"><strong>{figure(p, &p.column_totals[ci], aria(total, cl), target, pick, "pivot-total")}</strong></td> }
    }).collect_view();
    let all = Pick {
        row: None,
        column: None,
    };
    view! {
        <div class="chart-scroll">
            <table class="table compact pivot-table" data-testid="pivot-table">
                <thead><tr><th scope="col" class="sticky-col">{corner}</th>{head}<th scope="col" class="num">{total}</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr>
                    <th scope="row" class="sticky-col">{total}</th>
                    {column_totals}
                    <td class="num" data-testid="pivot-grand-total"><strong>{figure(p, &p.grand_total, aria(total, total), all, pick, "pivot-total")}</strong></td>
                </tr></tfoot>
            </table>
        </div>
    }
}

/// The records behind the picked figure: customers or deals, each a link to its page.
pub fn drill_view(
    p: &Pivot,
    labels: &Labels,
    pick: &Pick,
    i18n: I18n,
    data: Data,
    close: impl Fn() + 'static,
) -> Option<impl IntoView> {
    let (cell, row, column) = resolve(p, labels, pick, i18n)?;
    let n = cell.records.len();
    let ids: Vec<_> = cell.records.iter().take(DRILL_SHOWN).copied().collect();
    let links = if records_are_customers(p.measure) {
        data.customers.with(|all| {
            let by_id: std::collections::HashMap<_, _> =
                all.iter().map(|c| (c.id, c.name.as_str())).collect();
            ids.iter()
                .map(|id| {
                    let name = by_id.get(id).copied().unwrap_or_default().to_string();
                    view! { <li><A href=format!("/customers/{id}")>{name}</A></li> }
                })
                .collect_view()
                .into_any()
        })
    } else {
        data.opportunities.with(|all| {
            let by_id: std::collections::HashMap<_, _> = all.iter().map(|o| (o.id, (o.title.clone(), o.customer_id))).collect();
            ids.iter().map(|id| {
                let (title, customer) = by_id.get(id).cloned().unzip();
                let customer = customer.map(|c| data.customer_name(c)).unwrap_or_default();
                view! { <li><A href=format!("/opportunities/{id}")>{title}</A>" "<span class="muted small">{customer}</span></li> }
            }).collect_view().into_any()
        })
    };
    let more = n.saturating_sub(DRILL_SHOWN);
    Some(view! {
        <section class="card" data-testid="pivot-drill" aria-live="polite">
            <div class="split-row">
                <h2>{i18n.fmt(K::PivotDrillTitle, &[("row", &row), ("column", &column), ("n", &n.to_string())])}</h2>
                <button type="button" class="btn btn-ghost btn-sm" data-testid="pivot-drill-close" on:click=move |_| close()>
                    {i18n.t(K::PivotDrillClose)}
                </button>
            </div>
            <ul class="chips">{links}</ul>
            {(more > 0).then(|| view! { <p class="muted small">{i18n.fmt(K::AndMore, &[("n", &more.to_string())])}</p> })}
        </section>
    })
}

/// A bar per row total.
pub fn chart_view(p: &Pivot, labels: &Labels, i18n: I18n) -> impl IntoView {
    let values: Vec<i64> = p.row_totals.iter().map(|c| c.value).collect();
    let shown = values
        .iter()
        .map(|v| value_text(p.measure, *v, &p.currency))
        .collect();
    let name = i18n.t(measure_key(p.measure));
    let title = i18n.fmt(
        K::PivotChartTitle,
        &[("dimension", i18n.t(dimension_key(p.rows)))],
    );
    view! {
        <BarChart title=title y_label=name categories=labels.0.clone()
            series=vec![Series { name: name.into(), values, shown }] testid="pivot-chart"/>
    }
}

/// The table as CSV rows: a corner naming the measure and the two dimensions, the column
/// labels, one row per row key with its total, and the totals row; plain numbers.
pub fn csv_rows(p: &Pivot, labels: &Labels, i18n: I18n) -> Vec<Vec<String>> {
    let total = i18n.t(K::PivotTotal).to_string();
    let measure = match is_money(p.measure) {
        true => format!("{} ({})", i18n.t(measure_key(p.measure)), p.currency),
        false => i18n.t(measure_key(p.measure)).to_string(),
    };
    let corner = format!(
        "{measure}: {} \\ {}",
        i18n.t(dimension_key(p.rows)),
        i18n.t(dimension_key(p.columns))
    );
    let value = |c: &PivotCell| csv_value(p.measure, c.value, &p.currency);
    let line = |label: &str, cells: &[PivotCell], sum: &PivotCell| {
        let mut row = vec![label.to_string()];
        row.extend(cells.iter().map(value));
        row.push(value(sum));
        row
    };
    let mut out = vec![std::iter::once(corner)
        .chain(labels.1.iter().cloned())
        .chain([total.clone()])
        .collect()];
    out.extend(
        labels
            .0
            .iter()
            .enumerate()
            .map(|(r, l)| line(l, &p.cells[r], &p.row_totals[r])),
    );
    out.push(line(&total, &p.column_totals, &p.grand_total));
    out
}
