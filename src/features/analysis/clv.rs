//! The textbook forecast of customer lifetime value, CLV = m × r ÷ (1 + d − r), with inputs the
//! data suggests (the last twelve months' retention and average profit of a buying customer)
//! and a what-if: raise retention by N points and see what happens to the value.

use guanxi_core::analysis::clv_data::{clv_from_data, parse_percent_bp, percent_bp_text};
use guanxi_core::analysis::lifetime::{raise_retention, ClvInputs};
use guanxi_core::model::money::{amount_text, format_money, parse_amount};
use leptos::prelude::*;

use crate::features::analysis::churn::percent_text;
use crate::i18n::K;
use crate::platform::clock;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn ClvCalculator() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let suggested = Memo::new(move |_| {
        data.settings.with(|s| {
            data.customers.with(|c| {
                data.opportunities
                    .with(|o| clv_from_data(c, o, s, clock::today()))
            })
        })
    });
    let currency = move || data.settings.with(|s| s.currency.clone());
    // Blank fields take the suggested values, so the calculator works before anything is typed.
    let margin = RwSignal::new(String::new());
    let retention = RwSignal::new(String::new());
    let discount = RwSignal::new("10".to_string());
    let raise = RwSignal::new("5".to_string());
    let inputs = Memo::new(move |_| {
        let s = suggested.get();
        let cur = currency();
        let m = match margin.get() {
            t if t.trim().is_empty() => s.yearly_margin.ok_or(K::ClvNeedMargin)?,
            t => parse_amount(&t, &cur).map_err(|_| K::ClvBadMargin)?,
        };
        let r = match retention.get() {
            t if t.trim().is_empty() => s.retention_bp.ok_or(K::ClvNeedRetention)?,
            t => parse_percent_bp(&t)
                .filter(|r| *r <= 10_000)
                .ok_or(K::ClvBadPercent)?,
        };
        let d = parse_percent_bp(&discount.get()).ok_or(K::ClvBadPercent)?;
        let up = parse_percent_bp(&raise.get()).ok_or(K::ClvBadPercent)?;
        let what_if = raise_retention(
            ClvInputs {
                yearly_margin: m,
                retention_bp: r,
                discount_bp: d,
            },
            up,
        )
        .map_err(|_| K::ClvRetentionTooHigh)?;
        Ok::<_, K>(what_if)
    });
    let field = |label: K,
                 testid: &'static str,
                 value: RwSignal<String>,
                 placeholder: Signal<String>| {
        view! {
            <div class="field">
                <label for=testid>{move || i18n.t(label)}</label>
                <input id=testid class="input" inputmode="decimal" data-testid=testid placeholder=move || placeholder.get()
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    let margin_hint = Signal::derive(move || {
        suggested
            .get()
            .yearly_margin
            .map(|m| amount_text(m, &currency()))
            .unwrap_or_default()
    });
    let retention_hint = Signal::derive(move || {
        suggested
            .get()
            .retention_bp
            .map(percent_bp_text)
            .unwrap_or_default()
    });
    let data_says = move || {
        let s = suggested.get();
        i18n.fmt(
            K::ClvDataSays,
            &[
                ("start", &s.period.start().to_string()),
                ("end", &s.period.end().to_string()),
                (
                    "churn",
                    &format!(
                        "{} ÷ {} = {}",
                        s.churn_rate.numerator,
                        s.churn_rate.denominator,
                        percent_text(s.churn_rate)
                    ),
                ),
                ("profit", &format_money(s.profit, &currency())),
                ("buyers", &s.buyers.to_string()),
            ],
        )
    };
    let result = move || match inputs.get() {
        Err(k) => view! { <p class="error" role="alert" data-testid="clv-error">{i18n.t(k)}</p> }
            .into_any(),
        Ok(w) => {
            let cur = currency();
            let show = |c: &guanxi_core::analysis::lifetime::Clv| {
                let i = c.inputs;
                format!(
                    "{} × {}% ÷ (1 + {}% − {}%) = {}",
                    format_money(i.yearly_margin, &cur),
                    percent_bp_text(i.retention_bp),
                    percent_bp_text(i.discount_bp),
                    percent_bp_text(i.retention_bp),
                    format_money(c.value, &cur)
                )
            };
            let change = w.change_permille.map_or_else(
                || "—".into(),
                |p| format!("{:+}.{}%", p / 10, (p % 10).abs()),
            );
            view! {
                <p class="arithmetic" data-testid="clv-before">{show(&w.before)}</p>
                <p class="arithmetic" data-testid="clv-after">{show(&w.after)}</p>
                <p><strong data-testid="clv-change">{i18n.fmt(K::ClvChange, &[("change", &change)])}</strong></p>
                <p class="muted small">{i18n.t(K::ClvCourseNote)}</p>
            }.into_any()
        }
    };
    view! {
        <section class="card" data-testid="clv">
            <h2>{move || i18n.t(K::ClvTitle)}</h2>
            <p class="formula">{move || i18n.t(K::ClvFormula)}</p>
            <p class="muted small" data-testid="clv-data">{data_says}</p>
            <div class="form-grid">
                {field(K::ClvMargin, "clv-margin", margin, margin_hint)}
                {field(K::ClvRetention, "clv-retention", retention, retention_hint)}
                {field(K::ClvDiscount, "clv-discount", discount, Signal::derive(|| "10".into()))}
                {field(K::ClvRaise, "clv-raise", raise, Signal::derive(|| "5".into()))}
            </div>
            {result}
        </section>
    }
}
