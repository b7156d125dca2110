//! Form building blocks: a labelled field with its error beside it, and enum pickers.

use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::{Label, Labeled};
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

/// A getter and a setter for one text field inside a form signal, for [`TextInput`].
pub fn bind_text<F: Send + Sync + 'static>(
    form: RwSignal<F>,
    get: fn(&F) -> &String,
    set: fn(&mut F, String),
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || form.with(|f| get(f).clone())),
        Callback::new(move |v: String| form.update(|f| set(f, v))),
    )
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
    /// The id of a `<datalist>` offering suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let invalid = invalid.unwrap_or_else(|| Signal::derive(|| false));
    view! {
        <input
            list=list
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

/// The editable list of phones (or e-mails), each with a label and its own error.
/// Works on any form type: `get`/`get_mut` pick the list inside it.
#[component]
pub fn LabeledList<F>(
    form: RwSignal<F>,
    errors: RwSignal<Vec<FieldError>>,
    phones: bool,
    get: fn(&F) -> &Vec<Labeled>,
    get_mut: fn(&mut F) -> &mut Vec<Labeled>,
) -> impl IntoView
where
    F: Send + Sync + 'static,
{
    let i18n = use_i18n();
    let list = move |f: &F| -> Vec<Labeled> { get(f).clone() };
    let count = Memo::new(move |_| form.with(|f| list(f).len()));
    let prefix = if phones { "phone" } else { "email" };
    view! {
        <fieldset class="field-list">
            <legend>{move || i18n.t(if phones { K::FieldPhones } else { K::FieldEmails })}</legend>
            {move || {
                (0..count.get())
                    .map(|i| {
                        let field = if phones { Field::Phone(i) } else { Field::Email(i) };
                        let error = error_for(errors, field);
                        let id = format!("{prefix}-{i}");
                        view! {
                            <div class="labeled-row" class:has-error=move || error.get().is_some()>
                                <EnumSelect
                                    id=format!("{prefix}-label-{i}")
                                    options=&Label::ALL
                                    value=Signal::derive(move || {
                                        form.with(|f| list(f).get(i).map(|l| l.label).unwrap_or_default())
                                    })
                                    on_change=Callback::new(move |v| {
                                        form.update(|f| if let Some(l) = get_mut(f).get_mut(i) { l.label = v })
                                    })
                                />
                                <TextInput
                                    id=id.clone()
                                    kind=if phones { "tel" } else { "email" }
                                    value=Signal::derive(move || {
                                        form.with(|f| list(f).get(i).map(|l| l.value.clone()).unwrap_or_default())
                                    })
                                    on_input=Callback::new(move |v| {
                                        form.update(|f| if let Some(l) = get_mut(f).get_mut(i) { l.value = v })
                                    })
                                    invalid=Signal::derive(move || error.get().is_some())
                                />
                                <button
                                    type="button"
                                    class="btn btn-ghost"
                                    aria-label=move || i18n.t(K::Remove)
                                    on:click=move |_| form.update(|f| { get_mut(f).remove(i); })
                                >
                                    "×"
                                </button>
                                {move || error.get().map(|m| view! { <p class="error" data-testid=format!("{id}-error")>{m}</p> })}
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                type="button"
                class="btn btn-add"
                data-testid=format!("add-{prefix}")
                on:click=move |_| form.update(|f| {
                    let label = if phones { Label::Mobile } else { Label::Work };
                    get_mut(f).push(Labeled::new(label, ""));
                })
            >
                {move || format!("+ {}", i18n.t(if phones { K::AddPhone } else { K::AddEmail }))}
            </button>
        </fieldset>
    }
}
