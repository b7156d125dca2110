//! A figure with its working: the number, the formula it came from, the inputs used and a link
//! to the records behind it, so a student can check every figure by hand.

use leptos::prelude::*;

use crate::i18n::K;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

/// What a figure is made of.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Working {
    /// The formula in words, e.g. "流失率 = 期内流失客户数 ÷ 期初客户数".
    pub formula: String,
    /// The inputs, each a label and its value, and the arithmetic with the numbers put in.
    pub inputs: Vec<(String, String)>,
    pub arithmetic: String,
    /// The filtered list of the records behind the figure, with its link text.
    pub records: Option<(String, String)>,
    /// The customers behind the figure, listed under it with links to each.
    pub customers: Vec<guanxi_core::Id>,
}

/// A key figure as a card: label, value, and the working folded under it.
#[component]
pub fn Figure(
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    working: Working,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    let inputs = working
        .inputs
        .into_iter()
        .map(|(label, value)| view! { <dt>{label}</dt><dd class="num">{value}</dd> })
        .collect_view();
    view! {
        <section class="card figure" data-testid=testid>
            <h2 class="figure-label">{label}</h2>
            <p class="figure-value" data-testid="figure-value">{value}</p>
            <details class="working">
                <summary>{move || i18n.t(K::ShowWorking)}</summary>
                <p class="formula">{working.formula}</p>
                <dl class="props">{inputs}</dl>
                {(!working.arithmetic.is_empty()).then(|| view! { <p class="arithmetic" data-testid="arithmetic">{working.arithmetic}</p> })}
            </details>
            {(!working.customers.is_empty()).then(|| view! { <CustomerLinks ids=working.customers/> })}
            {working.records.map(|(href, text)| view! {
                <A href=href attr:class="figure-link" attr:data-testid="figure-records">{text}</A>
            })}
        </section>
    }
}

/// How many linked customers a drill-down shows before "and n more".
const LINKS_SHOWN: usize = 200;

/// The customers behind a figure, each a link to its page.
#[component]
pub fn CustomerLinks(ids: Vec<guanxi_core::Id>) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let n = ids.len();
    let more = n.saturating_sub(LINKS_SHOWN);
    let names = move || {
        data.customers.with(|all| {
            let by_id: std::collections::HashMap<_, _> =
                all.iter().map(|c| (c.id, c.name.as_str())).collect();
            ids.iter()
                .take(LINKS_SHOWN)
                .map(|id| {
                    let name = by_id.get(id).copied().unwrap_or_default().to_string();
                    view! { <li><A href=format!("/customers/{id}")>{name}</A></li> }
                })
                .collect_view()
        })
    };
    view! {
        <details class="drill" data-testid="figure-customers">
            <summary>{move || i18n.fmt(K::ShowCustomers, &[("n", &n.to_string())])}</summary>
            <ul class="chips">{names}</ul>
            {(more > 0).then(|| view! { <p class="muted small">{i18n.fmt(K::AndMore, &[("n", &more.to_string())])}</p> })}
        </details>
    }
}
