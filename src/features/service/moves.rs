//! The buttons that move a case on, and the dialog each opens: a note (the resolution when
//! resolving, the reason when reopening) and, when closing, the customer's verdict.

use guanxi_core::service::case::{CaseStatus, ServiceCase};
use guanxi_core::service::commands::{move_case, next_statuses, CaseMove};
use guanxi_core::store::Batch;
use leptos::prelude::*;

use crate::i18n::{field_error_text, Labelled, K};
use crate::platform::clock;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::save::{use_kit, Kit};

/// Whether moving from `from` to `to` needs the resolution typed (see [`move_case`]).
fn needs_resolution(from: CaseStatus, to: CaseStatus) -> bool {
    to == CaseStatus::Resolved || (to == CaseStatus::Closed && from != CaseStatus::Resolved)
}

#[component]
pub fn CaseMoves(case: Memo<Option<ServiceCase>>) -> impl IntoView {
    let Kit {
        i18n,
        toasts,
        saver,
        ..
    } = use_kit();
    let open = RwSignal::new(false);
    let target = RwSignal::new(CaseStatus::InProgress);
    let note = RwSignal::new(String::new());
    let verdict = RwSignal::new(None::<u8>);
    let from = Memo::new(move |_| case.with(|c| c.as_ref().map(|c| c.status)));
    let reopening = move || from.get().is_some_and(|f| !f.is_open()) && target.get().is_open();
    let note_needed = move || {
        from.get()
            .is_some_and(|f| needs_resolution(f, target.get()))
    };
    let start = move |to: CaseStatus| {
        target.set(to);
        note.set(String::new());
        verdict.set(None);
        open.set(true);
    };
    let confirm = Callback::new(move |()| {
        let Some(current) = case.get_untracked() else {
            return;
        };
        let step = CaseMove {
            to: target.get_untracked(),
            at: clock::now_local(),
            note: note.get_untracked(),
            satisfaction: verdict.get_untracked(),
        };
        match move_case(&current, &step, clock::now()) {
            Ok(moved) => saver.save(Batch::new().put(moved), move || {
                toasts.success(i18n.t(K::CaseMoved))
            }),
            Err(errs) => {
                let text = errs
                    .first()
                    .map(|e| field_error_text(i18n, e))
                    .unwrap_or_default();
                toasts.error(text);
            }
        }
    });
    let title = Signal::derive(move || {
        i18n.fmt(K::CaseMoveTitle, &[("status", i18n.t(target.get().key()))])
    });
    view! {
        <div class="case-actions" data-testid="case-actions">
            {move || from.get().map(|f| next_statuses(f).iter().map(|&to| {
                let reopen = !f.is_open() && to.is_open();
                let label = move || if reopen {
                    i18n.t(K::CaseReopen).to_string()
                } else {
                    i18n.fmt(K::CaseMoveTo, &[("status", i18n.t(to.key()))])
                };
                let primary = to == CaseStatus::Resolved || to == CaseStatus::Closed;
                view! {
                    <button type="button" class=if primary { "btn btn-primary" } else { "btn" }
                        data-testid=format!("case-move-{}", to.as_str()) disabled=move || saver.pending()
                        on:click=move |_| start(to)>{label}</button>
                }
            }).collect_view())}
        </div>
        <ConfirmDialog open=open title=title confirm_label=K::Save on_confirm=confirm
            confirm_enabled=Signal::derive(move || !note_needed() || !note.get().trim().is_empty())>
            <div class="field">
                <label for="case-move-note">
                    {move || i18n.t(if note_needed() { K::CaseResolution } else if reopening() { K::CaseReopenReason } else { K::CaseMoveNote })}
                    {move || note_needed().then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
                </label>
                <textarea id="case-move-note" class="input" rows="3" data-testid="case-move-note"
                    prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            {move || (target.get() == CaseStatus::Closed).then(|| view! {
                <fieldset class="field">
                    <legend>{i18n.t(K::CaseAskSatisfaction)}</legend>
                    <div class="verdicts">
                        <label>
                            <input type="radio" name="verdict" data-testid="verdict-none"
                                prop:checked=move || verdict.get().is_none() on:change=move |_| verdict.set(None)/>
                            {i18n.t(K::CaseNoVerdict)}
                        </label>
                        {(1..=5u8).map(|n| view! {
                            <label>
                                <input type="radio" name="verdict" data-testid=format!("verdict-{n}")
                                    prop:checked=move || verdict.get() == Some(n) on:change=move |_| verdict.set(Some(n))/>
                                {i18n.fmt(K::CaseStars, &[("n", &n.to_string())])}
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
            })}
        </ConfirmDialog>
    }
}
