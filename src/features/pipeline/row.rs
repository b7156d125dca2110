//! One row of the opportunity list.

use std::collections::{HashMap, HashSet};

use guanxi_core::model::money::{currency_of, format_money};
use guanxi_core::pipeline::opportunity::{close_date, weighted_value};
use guanxi_core::pipeline::opportunity::{probability_of, stage_of};
use guanxi_core::{Id, Opportunity, Settings, StageOutcome};
use leptos::prelude::*;

use crate::features::pipeline::shared::stage_name;
use crate::i18n::{use_i18n, I18n, K};
use crate::ui::link::A;

/// What a row shows, owned so that rows re-render only when one of these changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    id: Id,
    rev: u32,
    title: String,
    customer: String,
    stage: String,
    outcome: StageOutcome,
    amount: String,
    probability: u8,
    overridden: bool,
    weighted: String,
    close: String,
    owner: String,
    stale: bool,
}

pub fn row(
    o: &Opportunity,
    s: &Settings,
    names: &HashMap<Id, String>,
    stale: &HashSet<Id>,
    i18n: I18n,
) -> Row {
    let currency = currency_of(o, s);
    let stage = stage_of(o, s);
    Row {
        id: o.id,
        rev: o.rev,
        title: o.title.clone(),
        customer: names.get(&o.customer_id).cloned().unwrap_or_default(),
        stage: stage_name(stage, i18n),
        outcome: stage.outcome,
        amount: format_money(o.amount, &currency),
        probability: probability_of(o, s),
        overridden: o.probability_overridden && stage.outcome == StageOutcome::Open,
        weighted: format_money(weighted_value(o, s), &currency),
        close: close_date(o, s).map(|d| d.to_string()).unwrap_or_default(),
        owner: o.owner.clone(),
        stale: stale.contains(&o.id),
    }
}

#[component]
pub fn OppRow(r: Row) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <tr data-testid="opp-row">
            <td class="cell-main">
                <A href=format!("/opportunities/{}", r.id) attr:data-testid="opp-row-title">{r.title.clone()}</A>
                {r.stale.then(|| view! { <span class="badge stale-badge">{move || i18n.t(K::Stale)}</span> })}
            </td>
            <td data-label=move || i18n.t(K::FieldCustomer)>{r.customer.clone()}</td>
            <td data-label=move || i18n.t(K::FieldStage)>
                <span class=format!("badge outcome-{:?}", r.outcome) data-testid="opp-row-stage">{r.stage.clone()}</span>
            </td>
            <td class="num" data-label=move || i18n.t(K::FieldAmount) data-testid="opp-row-amount">{r.amount.clone()}</td>
            <td class="num" data-label=move || i18n.t(K::FieldProbability)>
                {format!("{}%", r.probability)}
                {r.overridden.then(|| view! { <span class="override-mark">{move || format!(" · {}", i18n.t(K::ProbabilityOverridden))}</span> })}
            </td>
            <td class="num" data-label=move || i18n.t(K::WeightedAmount)>{r.weighted.clone()}</td>
            <td data-label=move || i18n.t(K::FieldExpectedClose) class:blank=r.close.is_empty()>{r.close.clone()}</td>
            <td data-label=move || i18n.t(K::FieldOwner) class:blank=r.owner.is_empty()>{r.owner.clone()}</td>
        </tr>
    }
}
