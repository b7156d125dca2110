//! One opportunity on the board, and the three ways to move it: HTML5 drag and drop with a
//! mouse, a pointer drag on its grip for touch screens (see [`TouchDrag`]), and the keyboard:
//! the "move to…" menu, or ← and → while the card has focus.

use chrono::NaiveDate;
use guanxi_core::Id;
use leptos::prelude::*;

use crate::features::pipeline::board::drag::{BoardDrag, TouchDrag};
use crate::features::pipeline::moves::use_mover;
use crate::features::pipeline::shared::close_reason;
use crate::i18n::K;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

/// What a card shows, owned so that cards re-render only when one of these changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CardData {
    pub id: Id,
    pub rev: u32,
    pub stage_id: String,
    pub title: String,
    pub customer: String,
    pub amount: String,
    pub probability: u8,
    pub stage_default: u8,
    pub overridden: bool,
    pub closed: bool,
    pub close_date: Option<NaiveDate>,
    pub reason: String,
    pub owner: String,
    pub stale: bool,
}

#[component]
pub fn BoardCard(card: CardData, drag: BoardDrag) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let mover = use_mover();
    let id = card.id;
    let stage_id = StoredValue::new(card.stage_id.clone());
    let stages = Memo::new(move |_| {
        data.settings.with(|s| {
            guanxi_core::pipeline::opportunity::pipeline_stages(s)
                .iter()
                .map(|st| {
                    (
                        st.id.clone(),
                        crate::features::pipeline::shared::stage_name(st, i18n),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let dragged = Memo::new(move |_| drag.dragging.get() == Some(id));

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Only on the card itself: inside its menu the arrows choose a stage.
        if ev.target() != ev.current_target() {
            return;
        }
        let step: isize = match ev.key().as_str() {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            _ => return,
        };
        ev.prevent_default();
        let list = stages.get_untracked();
        let here = list.iter().position(|(s, _)| *s == stage_id.get_value());
        let target = here
            .and_then(|i| i.checked_add_signed(step))
            .and_then(|i| list.get(i));
        if let Some((target, _)) = target {
            mover.request(id, target, true);
        }
    };
    let touch = TouchDrag::new(drag, id, stage_id, mover);

    let CardData {
        title,
        customer,
        amount,
        probability,
        stage_default,
        overridden,
        closed,
        close_date,
        reason,
        owner,
        stale,
        ..
    } = card;
    let label = format!("{title}, {customer}");
    let move_label = {
        let title = title.clone();
        move || i18n.fmt(K::MoveToLabel, &[("title", &title)])
    };
    view! {
        <article
            class="opp-card"
            class:stale=stale
            class:dragging=move || dragged.get()
            class:pointer-drag=move || dragged.get() && drag.offset.get() != (0.0, 0.0)
            style:transform=move || {
                let (dx, dy) = drag.offset.get();
                if dragged.get() && (dx, dy) != (0.0, 0.0) {
                    format!("translate({dx}px, {dy}px)")
                } else {
                    String::new()
                }
            }
            draggable="true"
            tabindex="0"
            aria-label=label
            data-testid="opp-card"
            data-card-id=id.to_string()
            on:keydown=on_key
            on:dragstart=move |ev: leptos::ev::DragEvent| {
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data("text/plain", &id.to_string());
                    dt.set_effect_allowed("move");
                }
                drag.dragging.set(Some(id));
            }
            on:dragend=move |_| drag.clear()
        >
            <div class="opp-card-head">
                <A href=format!("/opportunities/{id}") attr:class="opp-title" attr:draggable="false" attr:data-testid="opp-title">
                    {title.clone()}
                </A>
                <span
                    class="drag-handle"
                    aria-hidden="true"
                    title=move || i18n.t(K::BoardHint)
                    data-testid="drag-handle"
                    on:pointerdown=move |ev| touch.down(&ev)
                    on:pointermove=move |ev| touch.moved(&ev)
                    on:pointerup=move |ev| touch.up(&ev)
                    on:pointercancel=move |_| touch.cancel()
                >
                    "⠿"
                </span>
            </div>
            <div class="sub">{customer}</div>
            <div class="opp-card-figures">
                <strong class="amount" data-testid="card-amount">{amount}</strong>
                <span
                    class="badge prob"
                    class:overridden=overridden
                    data-testid="card-probability"
                    title=move || overridden.then(|| i18n.fmt(K::ProbabilityOverriddenTitle, &[("p", &stage_default.to_string())]))
                >
                    {format!("{probability}%")}
                    {overridden.then(|| view! { <span class="override-mark" data-testid="card-overridden">{move || format!(" · {}", i18n.t(K::ProbabilityOverridden))}</span> })}
                </span>
            </div>
            <div class="opp-card-meta">
                {close_date.map(|d| {
                    let key = if closed { K::CardClosed } else { K::CardClose };
                    view! { <span class="when">{move || i18n.fmt(key, &[("date", &d.to_string())])}</span> }
                })}
                {(!owner.is_empty()).then(|| view! { <span class="muted">{owner.clone()}</span> })}
                {stale.then(|| view! {
                    <span class="badge stale-badge" data-testid="stale-badge"
                        title=move || data.settings.with(|s| i18n.fmt(K::StaleTitle, &[("n", &s.stale_days.to_string())]))>
                        {move || i18n.t(K::Stale)}
                    </span>
                })}
            </div>
            {(closed && !reason.is_empty()).then(|| view! { <div class="opp-card-reason" data-testid="card-reason">{close_reason(&reason, i18n)}</div> })}
            <select
                class="input move-select"
                data-testid="move-select"
                aria-label=move_label
                on:change=move |ev| {
                    let target = event_target_value(&ev);
                    event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
                    if !target.is_empty() {
                        mover.request(id, &target, true);
                    }
                }
            >
                <option value="" selected>{move || i18n.t(K::MoveTo)}</option>
                {move || stages.get().into_iter().map(|(sid, name)| {
                    let here = sid == stage_id.get_value();
                    view! { <option value=sid disabled=here>{name}</option> }
                }).collect_view()}
            </select>
        </article>
    }
}
