//! Done (with a result, which logs an interaction), reschedule and cancel for one follow-up.

use guanxi_core::activity::commands::{cancel_follow_up, complete_follow_up, reschedule_follow_up};
use guanxi_core::model::validate;
use guanxi_core::store::Batch;
use guanxi_core::{FollowUp, Id};
use leptos::prelude::*;

use crate::i18n::{problem_text, use_i18n, K};
use crate::platform::clock;
use crate::state::use_data;
use crate::ui::save::{use_kit, Kit};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Idle,
    Done,
    Reschedule,
}

#[component]
pub fn FollowUpActions(follow_up: FollowUp) -> impl IntoView {
    let i18n = use_i18n();
    let _data = use_data();
    let Kit { toasts, saver, .. } = use_kit();
    let mode = RwSignal::new(Mode::Idle);
    let result = RwSignal::new(String::new());
    let due = RwSignal::new(follow_up.due.to_string());
    let error = RwSignal::new(None::<String>);
    let f = StoredValue::new(follow_up);

    let save = move |batch: Batch| {
        saver.save(batch, move || {
            toasts.success(i18n.t(K::Saved));
            mode.set(Mode::Idle);
        });
    };
    let done = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = result.get_untracked();
        if let Err(errs) = guanxi_core::activity::forms::validate_follow_up_result(&text) {
            error.set(errs.first().map(|e| problem_text(i18n, &e.problem)));
            return;
        }
        let (updated, logged) = complete_follow_up(
            &f.get_value(),
            text.trim(),
            clock::now_local(),
            Id::random(),
            clock::now(),
        );
        save(Batch::new().put(updated).put(logged));
    };
    let reschedule = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate::date(&due.get_untracked()) {
            Ok(Some(day)) => {
                let current = f.get_value();
                save(Batch::new().put(reschedule_follow_up(
                    &current,
                    day,
                    current.time,
                    clock::now(),
                )));
            }
            Ok(None) => error.set(Some(problem_text(i18n, &validate::Problem::Required))),
            Err(p) => error.set(Some(problem_text(i18n, &p))),
        }
    };
    let cancel = move |_| save(Batch::new().put(cancel_follow_up(&f.get_value(), clock::now())));

    move || {
        match mode.get() {
        Mode::Idle => view! {
            <div class="row-actions">
                <button class="btn btn-sm" data-testid="follow-up-done" on:click=move |_| { error.set(None); mode.set(Mode::Done) }>{i18n.t(K::MarkDone)}</button>
                <button class="btn btn-sm btn-ghost" data-testid="follow-up-reschedule" on:click=move |_| { error.set(None); mode.set(Mode::Reschedule) }>{i18n.t(K::Reschedule)}</button>
                <button class="btn btn-sm btn-ghost" data-testid="follow-up-cancel" on:click=cancel>{i18n.t(K::CancelFollowUp)}</button>
            </div>
        }
        .into_any(),
        Mode::Done => view! {
            <form class="row-form" on:submit=done>
                <input class="input" data-testid="follow-up-result" placeholder=i18n.t(K::FieldResult) aria-label=i18n.t(K::FieldResult)
                    prop:value=move || result.get() on:input=move |ev| result.set(event_target_value(&ev))/>
                <button class="btn btn-sm btn-primary" type="submit" data-testid="follow-up-done-save">{i18n.t(K::Save)}</button>
                <button class="btn btn-sm btn-ghost" type="button" on:click=move |_| mode.set(Mode::Idle)>{i18n.t(K::Cancel)}</button>
                {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            </form>
        }
        .into_any(),
        Mode::Reschedule => view! {
            <form class="row-form" on:submit=reschedule>
                <input class="input" type="date" data-testid="follow-up-new-date" aria-label=i18n.t(K::FieldDue)
                    prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                <button class="btn btn-sm btn-primary" type="submit" data-testid="follow-up-reschedule-save">{i18n.t(K::Save)}</button>
                <button class="btn btn-sm btn-ghost" type="button" on:click=move |_| mode.set(Mode::Idle)>{i18n.t(K::Cancel)}</button>
                {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            </form>
        }
        .into_any(),
    }
    }
}
