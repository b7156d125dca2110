//! Form building blocks: a labelled field with its error beside it, and enum pickers.

use guanxi_core::validate::{Field, FieldError};
use leptos::prelude::*;

use crate::i18n::{problem_text, use_i18n, Labelled, K};

/// The translated message for `field` among `errors`, if it has one.
pub fn error_for(errors: RwSignal<Vec<FieldError>>, field: Field) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        errors.with(|errs| {
            errs.iter()
                .find(|e| e.field == field)
                .map(|e| problem_text(i18n, &e.problem))
        })
    })
}

/// A label, the control given as children, an optional hint and the field's error.
#[component]
pub fn FormField(
    label: K,
    /// The id of the control inside, so the label is clickable and read out with it.
    #[prop(into)]
    id: String,
    #[prop(into, optional)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] hint: Option<K>,
    #[prop(optional)] required: bool,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>
                {move || i18n.t(label)}
                {required.then_some(view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {children()}
            {hint.map(|h| view! { <p class="hint">{move || i18n.t(h)}</p> })}
            {move || {
                error
                    .get()
                    .map(|msg| {
                        view! {
                            <p class="error" id=format!("{id}-error") data-testid=format!("{id}-error")>
                                {msg}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// A text input bound to a string inside some larger form state.
#[component]
pub fn TextInput(
    #[prop(into)] id: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(into, optional)] invalid: Option<Signal<bool>>,
) -> impl IntoView {
    let invalid = invalid.unwrap_or_else(|| Signal::derive(|| false));
    view! {
        <input
            id=id.clone()
            name=id.clone()
            class="input"
            type=kind.unwrap_or("text")
            prop:value=move || value.get()
            aria-invalid=move || invalid.get().to_string()
            aria-describedby=format!("{id}-error")
            on:input=move |ev| on_input.run(event_target_value(&ev))
        />
    }
}

/// A `<select>` over a fixed list of enum values, labelled through the translation layer.
#[component]
pub fn EnumSelect<T>(
    #[prop(into)] id: String,
    options: &'static [T],
    #[prop(into)] value: Signal<T>,
    #[prop(into)] on_change: Callback<T>,
) -> impl IntoView
where
    T: Labelled + Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <select
            id=id.clone()
            name=id
            class="input"
            on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    if let Some(v) = options.get(i) {
                        on_change.run(*v);
                    }
                }
            }
        >
            {options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let option = *option;
                    view! {
                        <option value=i.to_string() selected=move || value.get() == option>
                            {move || i18n.t(option.key())}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
