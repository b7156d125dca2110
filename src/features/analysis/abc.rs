//! ABC / Pareto: customers ranked by their value in the period, the cumulative share, the
//! classes it gives, a Pareto chart, and "apply these classes" after showing the changes.

use guanxi_core::analysis::abc::{AbcTable, AbcThresholds};
use guanxi_core::analysis::period::Period;
use guanxi_core::analysis::ratio::Ratio;
use guanxi_core::analysis::value::{class_changes, classify_values, customer_values, ValueReport};
use guanxi_core::customers::bulk::set_classes;
use guanxi_core::model::money::format_money;
use guanxi_core::{Id, ValueClass};
use leptos::prelude::*;

use crate::features::analysis::churn::percent_text;
use crate::features::analysis::period::{use_period, PeriodSelector};
use crate::features::analysis::working::{Figure, Working};
use crate::i18n::{Labelled, K};
use crate::platform::clock;
use crate::ui::chart::{BarChart, Series, ShareLine};
use crate::ui::dialog::ConfirmDialog;
use crate::ui::link::A;
use crate::ui::save::{use_kit, use_saver, Kit};
use crate::ui::url::{query_param, use_query_setter};

/// Rows of the ranking shown before "show all", so 100,000 customers do not build one table.
const SHOWN_ROWS: usize = 100;
/// Bars in the Pareto chart; more customers are grouped by rank.
const BARS: usize = 40;

/// The thresholds in the URL (`a`, `b`), or 80 / 95; `b` is kept above `a`.
fn thresholds(a: &str, b: &str) -> AbcThresholds {
    let d = AbcThresholds::default();
    let a = a
        .parse::<u8>()
        .ok()
        .filter(|a| (1..100).contains(a))
        .unwrap_or(d.a_percent);
    let b = b
        .parse::<u8>()
        .ok()
        .filter(|b| *b > a && *b <= 100)
        .unwrap_or(d.b_percent.max(a + 1).min(100));
    AbcThresholds {
        a_percent: a,
        b_percent: b,
    }
}

fn pct(permille: i64) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}

/// `part` of `total` as a percent with one decimal, rounded half up like every analysis figure.
fn share(part: i64, total: i64) -> String {
    percent_text(Ratio::new(part.max(0) as u64, total.max(0) as u64))
}

/// Every customer's value and profit in the period in the URL.
pub fn use_values() -> Memo<Option<ValueReport>> {
    let Kit { data, .. } = use_kit();
    let period = use_period();
    Memo::new(move |_| {
        let (start, end) = period.get().range();
        let p = Period::custom(start, end).ok()?;
        Some(data.settings.with(|s| {
            data.customers
                .with(|c| data.opportunities.with(|o| customer_values(c, o, s, p)))
        }))
    })
}

#[component]
pub fn AbcPage() -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let saver = use_saver();
    let (a_param, b_param) = (query_param("a"), query_param("b"));
    let set = use_query_setter("/analysis/abc");
    let limits = Memo::new(move |_| thresholds(&a_param.get(), &b_param.get()));
    let report = use_values();
    let table =
        Memo::new(move |_| report.with(|r| r.as_ref().map(|r| classify_values(r, limits.get()))));
    let changes = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref()
                .map(|t| data.customers.with(|c| class_changes(c, t)))
                .unwrap_or_default()
        })
    });
    let show_all = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    let apply = move |()| {
        let classes: Vec<(Id, ValueClass)> = changes
            .get_untracked()
            .iter()
            .map(|c| (c.customer, c.new))
            .collect();
        let n = classes.len();
        let batch = data
            .customers
            .with_untracked(|c| set_classes(c, &classes, clock::now()));
        saver.save(batch, move || {
            toasts.success(i18n.fmt(K::AbcApplied, &[("n", &n.to_string())]))
        });
    };
    let currency = move || data.settings.with(|s| s.currency.clone());
    let summary = move || {
        let (Some(r), Some(t)) = (report.get(), table.get()) else {
            return ().into_any();
        };
        summary_view(&r, &t, i18n, &currency()).into_any()
    };
    let chart = move || {
        let t = table.get()?;
        (t.total > 0).then(|| pareto_chart(&t, i18n, &currency()))
    };
    let rows = move || {
        let t = table.get()?;
        let names = data.customers.with(|all| {
            all.iter()
                .map(|c| (c.id, (c.name.clone(), c.value_class)))
                .collect::<std::collections::HashMap<_, _>>()
        });
        let limit = if show_all.get() {
            usize::MAX
        } else {
            SHOWN_ROWS
        };
        let cur = currency();
        let total = t.total;
        Some(t.rows.iter().take(limit).enumerate().map(|(i, row)| {
            let (name, stored) = names.get(&row.customer).cloned().unwrap_or_default();
            let share = share(row.value, total);
            let changed = stored != row.class;
            view! {
                <tr data-testid="abc-row">
                    <td class="num">{i + 1}</td>
                    <td><A href=format!("/customers/{}", row.customer)>{name}</A></td>
                    <td class="num">{format_money(row.value, &cur)}</td>
                    <td class="num">{share}</td>
                    <td class="num">{pct(row.cumulative_permille(total))}</td>
                    <td data-testid="abc-class"><strong>{i18n.t(row.class.key())}</strong></td>
                    <td class:muted=!changed>{i18n.t(stored.key())}</td>
                </tr>
            }
        }).collect_view())
    };
    let set_a = set.clone();
    view! {
        <PeriodSelector path="/analysis/abc"/>
        <div class="period-bar">
            <label class="filter"><span>{move || i18n.t(K::AbcUpToA)}</span>
                <input class="input narrow" type="number" min="1" max="99" data-testid="abc-a" prop:value=move || limits.get().a_percent.to_string()
                    on:change=move |ev| set_a(&[("a", Some(event_target_value(&ev)))])/></label>
            <label class="filter"><span>{move || i18n.t(K::AbcUpToB)}</span>
                <input class="input narrow" type="number" min="2" max="100" data-testid="abc-b" prop:value=move || limits.get().b_percent.to_string()
                    on:change=move |ev| set(&[("b", Some(event_target_value(&ev)))])/></label>
            <button type="button" class="btn btn-primary" data-testid="abc-apply" disabled=move || changes.with(Vec::is_empty)
                on:click=move |_| confirm.set(true)>
                {move || i18n.fmt(K::AbcApply, &[("n", &changes.with(Vec::len).to_string())])}
            </button>
        </div>
        {summary}
        <section class="card">{chart}</section>
        <section class="card">
            <div class="chart-scroll" tabindex="0" role="group" aria-label=move || i18n.t(K::AbcTitle)><table class="table compact" data-testid="abc-table">
                <thead><tr>
                    <th scope="col" class="num">{move || i18n.t(K::AbcRank)}</th>
                    <th scope="col">{move || i18n.t(K::FieldName)}</th>
                    <th scope="col" class="num">{move || i18n.t(K::AbcValue)}</th>
                    <th scope="col" class="num">{move || i18n.t(K::AbcShare)}</th>
                    <th scope="col" class="num">{move || i18n.t(K::AbcCumulative)}</th>
                    <th scope="col">{move || i18n.t(K::AbcNewClass)}</th>
                    <th scope="col">{move || i18n.t(K::AbcStoredClass)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
            {move || (!show_all.get() && table.with(|t| t.as_ref().is_some_and(|t| t.rows.len() > SHOWN_ROWS))).then(|| view! {
                <button type="button" class="btn btn-ghost" data-testid="abc-show-all" on:click=move |_| show_all.set(true)>
                    {i18n.fmt(K::ShowAllRows, &[("n", &table.with(|t| t.as_ref().map_or(0, |t| t.rows.len())).to_string())])}
                </button>
            })}
        </section>
        <ConfirmDialog open=confirm title=Signal::derive(move || i18n.t(K::AbcApplyTitle).to_string())
            confirm_label=K::AbcApplyConfirm on_confirm=Callback::new(apply)>
            <p>{move || i18n.fmt(K::AbcApplyBody, &[("n", &changes.with(Vec::len).to_string())])}</p>
            <ul class="list" data-testid="abc-changes">
                {move || changes.get().into_iter().take(20).map(|c| view! {
                    <li>{data.customer_name(c.customer)}" : "{i18n.t(c.old.key())}" → "{i18n.t(c.new.key())}</li>
                }).collect_view()}
            </ul>
            {move || (changes.with(Vec::len) > 20).then(|| view! { <p class="muted small">{i18n.fmt(K::AndMore, &[("n", &(changes.with(Vec::len) - 20).to_string())])}</p> })}
        </ConfirmDialog>
    }
}

/// The class counts and shares, each with its working, and deals left out of the values.
fn summary_view(
    r: &ValueReport,
    t: &AbcTable,
    i18n: crate::i18n::I18n,
    currency: &str,
) -> impl IntoView {
    let n = t.rows.len();
    let figures = ValueClass::ALL.map(|class| {
        let rows: Vec<_> = t.rows.iter().filter(|row| row.class == class).collect();
        let value: i64 = rows.iter().map(|row| row.value).sum();
        let share = share(value, t.total);
        let working = Working {
            formula: i18n.fmt(K::AbcFormula, &[("a", &t.thresholds.a_percent.to_string()), ("b", &t.thresholds.b_percent.to_string())]),
            inputs: vec![
                (i18n.t(K::AbcCustomers).into(), format!("{} / {n}", rows.len())),
                (i18n.t(K::AbcClassValue).into(), format_money(value, currency)),
                (i18n.t(K::AbcTotalValue).into(), format_money(t.total, currency)),
            ],
            arithmetic: format!("{} ÷ {} = {share}", format_money(value, currency), format_money(t.total, currency)),
            records: Some((format!("/customers?class={class:?}&archived=all"), i18n.t(K::AbcStoredList).into())),
            customers: rows.iter().map(|row| row.customer).collect(),
        };
        view! {
            <Figure label=i18n.t(class.key()) value=i18n.fmt(K::AbcFigure, &[("n", &rows.len().to_string()), ("share", &share)])
                working=working testid=format!("abc-figure-{class:?}")/>
        }
    });
    let left_out = (!r.left_out.is_empty()).then(|| {
        view! { <p class="alert alert-warn" data-testid="abc-left-out">{i18n.fmt(K::DealsLeftOut, &[("n", &r.left_out.len().to_string()), ("currency", currency)])}</p> }
    });
    view! { <div class="figures">{figures.into_iter().collect_view()}</div>{left_out} }
}

/// Value bars by rank (grouped when there are many customers) and the cumulative share line.
fn pareto_chart(t: &AbcTable, i18n: crate::i18n::I18n, currency: &str) -> impl IntoView {
    let per = t.rows.len().div_ceil(BARS).max(1);
    let (mut categories, mut values, mut shown, mut permille) = (vec![], vec![], vec![], vec![]);
    for (g, chunk) in t.rows.chunks(per).enumerate() {
        let v: i64 = chunk.iter().map(|r| r.value).sum();
        categories.push(if per == 1 {
            (g + 1).to_string()
        } else {
            format!("{}–{}", g * per + 1, g * per + chunk.len())
        });
        values.push(v);
        shown.push(format_money(v, currency));
        permille.push(
            chunk
                .last()
                .map_or(0, |r| r.cumulative_permille(t.total))
                .clamp(0, 1000) as u32,
        );
    }
    view! {
        <BarChart title=i18n.t(K::ParetoTitle) y_label=i18n.t(K::AbcValue) categories=categories
            series=vec![Series { name: i18n.t(K::AbcValue).into(), values, shown }]
            line=ShareLine { name: i18n.t(K::AbcCumulative).into(), permille } testid="pareto"/>
    }
}
