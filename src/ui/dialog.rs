//! A modal confirmation. Destructive actions ask first; Escape or the backdrop cancels.

use leptos::prelude::*;

use crate::i18n::{use_i18n, K};
use crate::ui::focus::{hold_focus, trap_tab};

/// Shows `children` in a modal while `open` is true. `on_confirm` runs on the confirm button;
/// `confirm_enabled` lets a caller require typed confirmation first.
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    confirm_label: K,
    #[prop(into, optional)] danger: Signal<bool>,
    #[prop(into, optional)] confirm_enabled: Option<Signal<bool>>,
    on_confirm: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let enabled = confirm_enabled.unwrap_or_else(|| Signal::derive(|| true));
    let children = StoredValue::new(children);
    move || {
        open.get().then(|| {
            // A dialog that asks for typed confirmation starts in its box; others on confirm.
            hold_focus(".modal input, .modal [data-testid=dialog-confirm]");
            view! {
                <div class="modal-backdrop" on:click=move |_| open.set(false)>
                    <div
                        class="modal"
                        role="dialog"
                        aria-modal="true"
                        aria-label=move || title.get()
                        data-testid="dialog"
                        on:click=|ev| ev.stop_propagation()
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" {
                                open.set(false);
                            }
                            trap_tab(&ev);
                        }
                    >
                        <h2>{move || title.get()}</h2>
                        <div class="modal-body">{children.with_value(|c| c())}</div>
                        <div class="form-actions">
                            <button class="btn btn-ghost" data-testid="dialog-cancel" on:click=move |_| open.set(false)>
                                {move || i18n.t(K::Cancel)}
                            </button>
                            <button
                                class=move || if danger.get() { "btn btn-danger" } else { "btn btn-primary" }
                                data-testid="dialog-confirm"
                                disabled=move || !enabled.get()
                                on:click=move |_| {
                                    open.set(false);
                                    on_confirm.run(());
                                }
                            >
                                {move || i18n.t(confirm_label)}
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
