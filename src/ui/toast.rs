//! Short, polite notices ("Saved", "Could not save: …") that fade on their own.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Success,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
struct Toast {
    id: u64,
    tone: Tone,
    text: String,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn new() -> Self {
        Toasts {
            items: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    pub fn success(&self, text: impl Into<String>) {
        self.push(Tone::Success, text.into());
    }

    pub fn error(&self, text: impl Into<String>) {
        self.push(Tone::Error, text.into());
    }

    /// Shows `text`, merged with what is already shown: a success replaces the success before
    /// it (four quick saves read as one "Saved", not a pile), and an error already on screen is
    /// shown once, its timer restarted.
    fn push(&self, tone: Tone, text: String) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update(|items| {
            items.retain(|t| match tone {
                Tone::Success => t.tone != Tone::Success,
                Tone::Error => t.text != text,
            });
            items.push(Toast { id, tone, text })
        });
        // Errors stay longer: the user must have time to read what went wrong.
        let millis = match tone {
            Tone::Success => 3000,
            Tone::Error => 10000,
        };
        let items = self.items;
        set_timeout(
            move || items.update(|items| items.retain(|t| t.id != id)),
            std::time::Duration::from_millis(millis),
        );
    }

    fn dismiss(&self, id: u64) {
        self.items.update(|items| items.retain(|t| t.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Toasts::new()
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

#[component]
pub fn ToastHost() -> impl IntoView {
    let toasts = use_toasts();
    let i18n = crate::i18n::use_i18n();
    view! {
        <div class="toasts" aria-live="polite">
            <For each=move || toasts.items.get() key=|t| t.id let:toast>
                <div
                    class=match toast.tone {
                        Tone::Success => "toast toast-success",
                        Tone::Error => "toast toast-error",
                    }
                    role=match toast.tone {
                        Tone::Success => "status",
                        Tone::Error => "alert",
                    }
                    data-testid="toast"
                >
                    <span>{toast.text.clone()}</span>
                    <button
                        class="toast-close"
                        aria-label=move || i18n.t(crate::i18n::K::Close)
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
