//! Done (with a result, which logs an interaction and, for a repeating follow-up, plans the
//! next), reschedule, the repeat rule and cancel for one follow-up.

use guanxi_core::activity::commands::{
    cancel_follow_up, complete_follow_up, reschedule_follow_up, update_follow_up,
};
use guanxi_core::activity::forms::FollowUpForm;
use guanxi_core::model::validate::{self, Field, FieldError};
use guanxi_core::store::Batch;
use guanxi_core::{FollowUp, Id};
use leptos::prelude::*;

use crate::features::daily::repeat::RepeatFields;
use crate::i18n::{problem_text, use_i18n, Labelled, K};
use crate::platform::clock;
use crate::state::use_data;
use crate::ui::form::{bind, error_for};
use crate::ui::save::{use_kit, Kit};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Idle,
    Done,
    Reschedule,
    Repeat,
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
    let rule = RwSignal::new(FollowUpForm::from_record(&follow_up));
    let rule_errors = RwSignal::new(Vec::<FieldError>::new());
    let f = StoredValue::new(follow_up);

    let save_saying = move |batch: Batch, said: String| {
        saver.save(batch, move || {
            toasts.success(said);
            mode.set(Mode::Idle);
        });
    };
    let save = move |batch: Batch| save_saying(batch, i18n.t(K::Saved).to_string());
    let done = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = result.get_untracked();
        if let Err(errs) = guanxi_core::activity::forms::validate_follow_up_result(&text) {
            error.set(errs.first().map(|e| problem_text(i18n, &e.problem)));
            return;
        }
        let completion = complete_follow_up(
            &f.get_value(),
            text.trim(),
            clock::now_local(),
            Id::random(),
            Id::random(),
            clock::now(),
        );
        let said = match &completion.next {
            Some(next) => i18n.fmt(K::RecurNextDue, &[("date", &next.due.to_string())]),
            None => i18n.t(K::Saved).to_string(),
        };
        save_saying(completion.batch(), said);
    };
    let save_rule = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = f.get_value();
        match update_follow_up(
            &current,
            &rule.get_untracked(),
            clock::now(),
            clock::today(),
        ) {
            Err(errs) => rule_errors.set(errs),
            Ok(updated) => {
                rule_errors.set(Vec::new());
                save(Batch::new().put(updated));
            }
        }
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
    let cancel = move |_| {
        let current = f.get_value();
        let said = i18n.t(if current.recurrence.is_some() {
            K::RecurSeriesEnded
        } else {
            K::Saved
        });
        save_saying(
            Batch::new().put(cancel_follow_up(&current, clock::now())),
            said.to_string(),
        );
    };
    // Names the follow-up a row's repeat button acts on; the kind when there is no purpose.
    let what = f.with_value(|f| {
        if f.purpose.trim().is_empty() {
            i18n.t(f.kind.key()).to_string()
        } else {
            f.purpose.clone()
        }
    });
    let repeat_id = f.with_value(|f| format!("repeat-{}", f.id));

    move || {
        match mode.get() {
        Mode::Idle => view! {
            <div class="row-actions">
                <button class="btn btn-sm" data-testid="follow-up-done" on:click=move |_| { error.set(None); mode.set(Mode::Done) }>{i18n.t(K::MarkDone)}</button>
                <button class="btn btn-sm btn-ghost" data-testid="follow-up-reschedule" on:click=move |_| { error.set(None); mode.set(Mode::Reschedule) }>{i18n.t(K::Reschedule)}</button>
                <button class="btn btn-sm btn-ghost" data-testid="follow-up-repeat" aria-label=i18n.fmt(K::RecurEditRuleOf, &[("what", &what)])
                    on:click=move |_| { rule.set(FollowUpForm::from_record(&f.get_value())); rule_errors.set(Vec::new()); mode.set(Mode::Repeat) }>{i18n.t(K::RecurEditRule)}</button>
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
        Mode::Repeat => view! {
            <form class="row-form repeat-form" on:submit=save_rule novalidate data-testid="follow-up-repeat-form">
                <RepeatFields id=repeat_id.clone() error=error_for(rule_errors, Field::RepeatEvery)
                    bind=bind(rule, |f| &f.repeat, |f, v| f.repeat = v)/>
                <div class="row-actions">
                    <button class="btn btn-sm btn-primary" type="submit" data-testid="follow-up-repeat-save">{i18n.t(K::Save)}</button>
                    <button class="btn btn-sm btn-ghost" type="button" on:click=move |_| mode.set(Mode::Idle)>{i18n.t(K::Cancel)}</button>
                </div>
            </form>
        }
        .into_any(),
    }
    }
}
