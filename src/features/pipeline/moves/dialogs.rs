//! The dialogs of a page's moves: the reason for a win or loss, then whether a prospect
//! customer moves on after a win.

use guanxi_core::model::validate::FieldError;
use guanxi_core::pipeline::opportunity::{move_to_stage, set_lifecycle};
use guanxi_core::StageOutcome;
use leptos::prelude::*;

use crate::features::pipeline::moves::{focus_later, use_mover};
use crate::features::pipeline::shared::close_reason;
use crate::i18n::{problem_text, Labelled, K};
use crate::platform::clock;
use crate::ui::focus::trap_tab;

/// The dialogs of a page's moves: the reason for a win or loss, then the customer's stage.
#[component]
pub fn MoveDialogs() -> impl IntoView {
    view! {
        <CloseDialog/>
        <WinDialog/>
    }
}

#[component]
fn CloseDialog() -> impl IntoView {
    let mover = use_mover();
    let i18n = mover.i18n;
    let data = mover.data;
    move || {
        mover.closing.get().map(|c| {
            let won = c.stage.outcome == StageOutcome::Won;
            let pick = RwSignal::new(String::new());
            let note = RwSignal::new(String::new());
            let error = RwSignal::new(None::<String>);
            let reasons = data.settings.with_untracked(|s| {
                if won {
                    s.close_reasons_won.clone()
                } else {
                    s.close_reasons_lost.clone()
                }
            });
            let (card, refocus) = (c.opportunity.id, c.refocus);
            let cancel = move || {
                mover.closing.set(None);
                if refocus {
                    focus_later(format!("[data-card-id=\"{card}\"]"));
                }
            };
            let c = StoredValue::new(c);
            let confirm = move |_| {
                let c = c.get_value();
                let (p, n) = (pick.get_untracked(), note.get_untracked());
                let reason = match (p.trim(), n.trim()) {
                    ("", n) => n.to_string(),
                    (p, "") => p.to_string(),
                    (p, n) => format!("{p}：{n}"),
                };
                let settings = data.settings.get_untracked();
                match move_to_stage(
                    &c.opportunity,
                    &c.stage.id,
                    &reason,
                    &settings,
                    clock::now(),
                    clock::today(),
                ) {
                    Ok(moved) => {
                        mover.closing.set(None);
                        let done = mover.moved_text(&c.stage);
                        mover.finish(Some(&c.opportunity), moved, done, None, c.refocus);
                    }
                    Err(e) => error.set(Some(problem_text(i18n, &FieldError::from(e).problem))),
                }
            };
            let title = c.with_value(|c| {
                i18n.fmt(
                    if won { K::WinTitle } else { K::LoseTitle },
                    &[("title", &c.opportunity.title)],
                )
            });
            let aria = title.clone();
            view! {
                <div class="modal-backdrop" on:click=move |_| cancel()>
                    <div class="modal" role="dialog" aria-modal="true" aria-label=aria
                        data-testid="close-dialog"
                        on:click=|ev| ev.stop_propagation()
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" { cancel() }
                            trap_tab(&ev);
                        }>
                        <h2>{title}</h2>
                        <div class="modal-body">
                            <div class="field">
                                <label for="close-reason">{i18n.t(K::FieldCloseReason)}</label>
                                <select id="close-reason" class="input" data-testid="close-reason"
                                    on:change=move |ev| pick.set(event_target_value(&ev))>
                                    <option value="">{i18n.t(K::ReasonPlaceholder)}</option>
                                    {reasons.into_iter().map(|r| view! { <option value=r.clone()>{close_reason(&r, i18n)}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="close-note">{i18n.t(K::ReasonNote)}</label>
                                <input id="close-note" class="input" data-testid="close-note"
                                    prop:value=move || note.get()
                                    on:input=move |ev| note.set(event_target_value(&ev))/>
                                {move || error.get().map(|e| view! { <p class="error" data-testid="close-error">{e}</p> })}
                            </div>
                            <p class="muted small">{i18n.fmt(K::ClosedToday, &[("date", &clock::today().to_string())])}</p>
                        </div>
                        <div class="form-actions">
                            <button class="btn btn-ghost" data-testid="close-cancel" on:click=move |_| cancel()>{i18n.t(K::Cancel)}</button>
                            <button class="btn btn-primary" data-testid="close-confirm" on:click=confirm>{i18n.t(K::ConfirmMove)}</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

#[component]
fn WinDialog() -> impl IntoView {
    let mover = use_mover();
    let i18n = mover.i18n;
    move || {
        mover.winning.get().map(|w| {
            let to = i18n.t(w.to.key());
            let body = i18n.fmt(
                K::WinLifecycleBody,
                &[
                    ("customer", &w.customer.name),
                    ("from", i18n.t(w.customer.lifecycle.key())),
                    ("to", to),
                ],
            );
            let (card, refocus) = (w.moved.id, w.refocus);
            let w = StoredValue::new(w);
            let cancel = move || {
                mover.winning.set(None);
                if refocus {
                    focus_later(format!("[data-card-id=\"{card}\"]"));
                }
            };
            let answer = move |promote: bool| {
                let w = w.get_value();
                mover.winning.set(None);
                let customer = promote.then(|| set_lifecycle(&w.customer, w.to, clock::now()));
                mover.save(w.moved, customer, w.done, w.then, w.refocus);
            };
            view! {
                <div class="modal-backdrop" on:click=move |_| cancel()>
                    <div class="modal" role="dialog" aria-modal="true" aria-label=i18n.t(K::WinLifecycleTitle)
                        data-testid="win-dialog"
                        on:click=|ev| ev.stop_propagation()
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" { cancel() }
                            trap_tab(&ev);
                        }>
                        <h2>{i18n.t(K::WinLifecycleTitle)}</h2>
                        <div class="modal-body"><p>{body}</p></div>
                        <div class="form-actions wrap">
                            <button class="btn btn-ghost" data-testid="win-cancel" on:click=move |_| cancel()>{i18n.t(K::Cancel)}</button>
                            <button class="btn" data-testid="win-lifecycle-no" on:click=move |_| answer(false)>{i18n.t(K::WinLifecycleNo)}</button>
                            <button class="btn btn-primary" data-testid="win-lifecycle-yes" on:click=move |_| answer(true)>
                                {i18n.fmt(K::WinLifecycleYes, &[("to", to)])}
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
