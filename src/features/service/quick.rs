//! Quick logging for a phone desk: Alt+N anywhere opens "new case", the caller is found by
//! phone number or name as it is typed, or created when not on file, and the case is written
//! with the new customer (if any) in one transaction.

use guanxi_core::service::commands::{caller_as_customer, create_case, CaseForm};
use guanxi_core::store::Batch;
use guanxi_core::Id;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::{field_error_text, K};
use crate::platform::clock;
use crate::ui::focus::{hold_focus, trap_tab};
use crate::ui::save::{use_kit, Kit};

/// Who the case is for: a customer on file, or the caller typed in the search box.
#[derive(Clone, Copy, PartialEq)]
enum Caller {
    None,
    OnFile(Id),
    New,
}

#[component]
pub fn QuickCase() -> impl IntoView {
    let Kit { i18n, .. } = use_kit();
    let open = RwSignal::new(false);
    let key = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.alt_key() && !ev.ctrl_key() && ev.code() == "KeyN" {
            ev.prevent_default();
            open.set(true);
        }
    });
    on_cleanup(move || key.remove());
    view! {
        <button type="button" class="btn btn-ghost quick-case" data-testid="quick-case"
            title=move || i18n.t(K::QuickCaseHint) aria-label=move || i18n.t(K::QuickCase)
            aria-keyshortcuts="Alt+N" on:click=move |_| open.set(true)>
            // A plus; on a phone the words are hidden and the icon alone stays.
            <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6">
                <path d="M8 3v10M3 8h10"/>
            </svg>
            <span class="btn-label">{move || i18n.t(K::QuickCase)}</span>
        </button>
        {move || open.get().then(|| view! { <QuickCaseDialog open=open/> })}
    }
}

#[component]
fn QuickCaseDialog(open: RwSignal<bool>) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    hold_focus(".modal input");
    let query = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let caller = RwSignal::new(Caller::None);
    let matches = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        data.find_customers(&q, 6)
            .into_iter()
            .map(|c| (c.id, c.name, c.phones.first().map(|p| p.value.clone())))
            .collect::<Vec<_>>()
    });
    let navigate = use_navigate();
    let create = move |_| {
        let settings = data.settings.get_untracked();
        let (at, now, today) = (clock::now_local(), clock::now(), clock::today());
        let mut batch = Batch::new();
        let customer_id = match caller.get_untracked() {
            Caller::OnFile(id) => id,
            Caller::New => {
                match caller_as_customer(&query.get_untracked(), Id::random(), now, today) {
                    Ok(c) => {
                        let id = c.id;
                        batch = batch.put(c);
                        id
                    }
                    Err(errs) => {
                        toasts.error(
                            errs.first()
                                .map(|e| field_error_text(i18n, e))
                                .unwrap_or_default(),
                        );
                        return;
                    }
                }
            }
            Caller::None => {
                toasts.error(i18n.t(K::QuickCasePickFirst));
                return;
            }
        };
        let form = CaseForm {
            subject: subject.get_untracked(),
            ..CaseForm::new(&settings, Some(customer_id))
        };
        match create_case(&form, &settings, Id::random(), at, now) {
            Ok(case) => {
                let to = format!("/cases/{}", case.id);
                let navigate = navigate.clone();
                saver.save(batch.put(case), move || {
                    open.set(false);
                    toasts.success(i18n.t(K::CaseSaved));
                    navigate(&to, Default::default());
                });
            }
            Err(errs) => toasts.error(
                errs.first()
                    .map(|e| field_error_text(i18n, e))
                    .unwrap_or_default(),
            ),
        }
    };
    let radio = move |value: Caller, label: String, testid: &'static str| {
        view! {
            <li>
                <label>
                    <input type="radio" name="quick-caller" data-testid=testid
                        prop:checked=move || caller.get() == value on:change=move |_| caller.set(value)/>
                    {label}
                </label>
            </li>
        }
    };
    view! {
        <div class="modal-backdrop" on:click=move |_| open.set(false)>
            <div class="modal" role="dialog" aria-modal="true" aria-label=move || i18n.t(K::QuickCase)
                data-testid="quick-case-dialog" on:click=|ev| ev.stop_propagation()
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                    }
                    trap_tab(&ev);
                }>
                <h2>{move || i18n.t(K::QuickCase)}</h2>
                <div class="modal-body">
                    <div class="field">
                        <label for="quick-find">{move || i18n.t(K::QuickCaseFind)}</label>
                        <input id="quick-find" class="input" data-testid="quick-find" autocomplete="off"
                            prop:value=move || query.get()
                            on:input=move |ev| { query.set(event_target_value(&ev)); caller.set(Caller::None); }/>
                    </div>
                    <ul class="pick-list">
                        {move || matches.get().into_iter().map(|(id, name, phone)| {
                            let label = match phone { Some(p) => format!("{name} · {p}"), None => name };
                            radio(Caller::OnFile(id), label, "quick-match")
                        }).collect_view()}
                        {move || (!query.get().trim().is_empty()).then(|| {
                            radio(Caller::New, i18n.fmt(K::QuickCaseNewCustomer, &[("name", query.get().trim())]), "quick-new-customer")
                        })}
                    </ul>
                    <div class="field">
                        <label for="quick-subject">{move || i18n.t(K::CaseSubject)}</label>
                        <input id="quick-subject" class="input" data-testid="quick-subject"
                            prop:value=move || subject.get() on:input=move |ev| subject.set(event_target_value(&ev))/>
                    </div>
                </div>
                <div class="form-actions">
                    <button type="button" class="btn btn-ghost" on:click=move |_| open.set(false)>{move || i18n.t(K::Cancel)}</button>
                    <button type="button" class="btn btn-primary" data-testid="quick-create" disabled=move || saver.pending()
                        on:click=create>{move || i18n.t(K::QuickCaseCreate)}</button>
                </div>
            </div>
        </div>
    }
}
