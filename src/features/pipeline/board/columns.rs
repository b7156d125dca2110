//! The kanban board: one column per stage in pipeline order, each headed by its count, total
//! and weighted total (per currency), with the cards that can be dragged between columns.

use std::collections::{HashMap, HashSet};

use guanxi_core::model::money::{currency_of, format_money};
use guanxi_core::pipeline::board::board;
use guanxi_core::pipeline::opportunity::close_date;
use guanxi_core::pipeline::opportunity::{probability_of, stage_of};
use guanxi_core::{Id, Opportunity, Settings, Stage, StageOutcome};
use leptos::prelude::*;

use crate::features::pipeline::board::card::{BoardCard, CardData};
use crate::features::pipeline::board::drag::BoardDrag;
use crate::features::pipeline::moves::use_mover;
use crate::features::pipeline::shared::{money_lines, money_view, stage_name};
use crate::i18n::{use_i18n, K};

/// Cards a column shows at first, and how many more each "show more" adds.
const PAGE: usize = 50;

/// One column as the board shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnData {
    pub stage: Stage,
    pub count: usize,
    pub total: Vec<String>,
    pub weighted: Vec<String>,
    pub cards: Vec<CardData>,
}

/// The columns for the opportunities given (already filtered).
pub fn build_columns(
    found: &[&Opportunity],
    settings: &Settings,
    names: &HashMap<Id, String>,
    stale: &HashSet<Id>,
) -> Vec<ColumnData> {
    board(found.iter().copied(), settings)
        .into_iter()
        .map(|column| ColumnData {
            count: column.totals.count,
            total: money_lines(&column.totals.total, &settings.currency),
            weighted: money_lines(&column.totals.weighted, &settings.currency),
            cards: column
                .cards
                .iter()
                .map(|o| {
                    let stage = stage_of(o, settings);
                    CardData {
                        id: o.id,
                        rev: o.rev,
                        stage_id: column.stage.id.clone(),
                        title: o.title.clone(),
                        customer: names.get(&o.customer_id).cloned().unwrap_or_default(),
                        amount: format_money(o.amount, &currency_of(o, settings)),
                        probability: probability_of(o, settings),
                        stage_default: stage.default_probability(),
                        overridden: o.probability_overridden && stage.outcome == StageOutcome::Open,
                        closed: stage.outcome.is_closed(),
                        close_date: close_date(o, settings),
                        reason: o.close_reason.clone(),
                        owner: o.owner.clone(),
                        stale: stale.contains(&o.id),
                    }
                })
                .collect(),
            stage: column.stage,
        })
        .collect()
}

#[component]
pub fn Board(columns: Memo<Vec<ColumnData>>) -> impl IntoView {
    let drag = BoardDrag::new();
    let stages = Memo::new(move |_| {
        columns.with(|cs| cs.iter().map(|c| c.stage.clone()).collect::<Vec<_>>())
    });
    view! {
        <div class="board" data-testid="board">
            <For each=move || stages.get() key=|s| s.clone() let:stage>
                <Column stage=stage columns=columns drag=drag/>
            </For>
        </div>
    }
}

#[component]
fn Column(stage: Stage, columns: Memo<Vec<ColumnData>>, drag: BoardDrag) -> impl IntoView {
    let i18n = use_i18n();
    let mover = use_mover();
    let id = StoredValue::new(stage.id.clone());
    let column = Memo::new(move |_| {
        columns.with(|cs| {
            cs.iter()
                .find(|c| id.with_value(|id| &c.stage.id == id))
                .cloned()
        })
    });
    // A column shows its first cards and more on request: thousands of cards (10,000 demo
    // customers have about 5,000 deals) would make every move slow. Totals count them all.
    let limit = RwSignal::new(PAGE);
    let cards = move || {
        let n = limit.get();
        column.with(|c| {
            c.as_ref()
                .map(|c| c.cards.iter().take(n).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let hidden = move || {
        column
            .with(|c| c.as_ref().map_or(0, |c| c.cards.len()))
            .saturating_sub(limit.get())
    };
    let outcome = match stage.outcome {
        StageOutcome::Open => "board-column",
        StageOutcome::Won => "board-column won",
        StageOutcome::Lost => "board-column lost",
    };
    let name = {
        let stage = stage.clone();
        move || stage_name(&stage, i18n)
    };
    let aria = name.clone();
    let is_over = move || {
        drag.over
            .get()
            .is_some_and(|o| id.with_value(|id| &o == id))
    };
    view! {
        <section
            class=outcome
            class:drop-target=is_over
            data-stage-id=stage.id.clone()
            data-testid="board-column"
            aria-label=aria
            on:dragover=move |ev: leptos::ev::DragEvent| {
                if drag.dragging.get_untracked().is_some() {
                    ev.prevent_default();
                    if !is_over() {
                        drag.over.set(Some(id.get_value()));
                    }
                }
            }
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                let dragged = drag.dragging.get_untracked();
                drag.clear();
                if let Some(card) = dragged {
                    mover.request(card, &id.get_value(), false);
                }
            }
        >
            <header class="column-head">
                <h2>
                    <span class="column-name">{name}</span>
                    <span class="badge" data-testid="column-count">
                        {move || i18n.fmt(K::ColumnCount, &[("n", &column.with(|c| c.as_ref().map_or(0, |c| c.count)).to_string())])}
                    </span>
                </h2>
                <dl class="column-sums">
                    <dt>{move || i18n.t(K::ColumnTotal)}</dt>
                    <dd data-testid="column-total">{move || money_view(column.with(|c| c.as_ref().map(|c| c.total.clone()).unwrap_or_default()))}</dd>
                    <dt>{move || i18n.t(K::ColumnWeighted)}</dt>
                    <dd data-testid="column-weighted">{move || money_view(column.with(|c| c.as_ref().map(|c| c.weighted.clone()).unwrap_or_default()))}</dd>
                </dl>
            </header>
            <div class="column-cards">
                <For each=cards key=|c| c.clone() let:card>
                    <BoardCard card=card drag=drag/>
                </For>
                {move || (hidden() > 0).then(|| view! {
                    <button class="btn btn-ghost btn-sm column-more" data-testid="column-more"
                        on:click=move |_| limit.update(|n| *n += PAGE)>
                        {move || i18n.fmt(K::ShowMoreCards, &[("n", &hidden().min(PAGE).to_string()), ("hidden", &hidden().to_string())])}
                    </button>
                })}
                {move || column.with(|c| c.as_ref().is_none_or(|c| c.cards.is_empty())).then(|| view! {
                    <p class="empty-column">{i18n.t(K::EmptyColumn)}</p>
                })}
            </div>
        </section>
    }
}
