//! Form building blocks: a labelled field with its error beside it, and enum pickers.

use guanxi_core::model::validate::{Field, FieldError};
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

/// A getter and a setter for one field inside a form signal, for [`TextField`] (a `String`)
/// or [`EnumField`] (an enum).
pub fn bind<F: Send + Sync + 'static, T: Clone + Send + Sync + 'static>(
    form: RwSignal<F>,
    get: fn(&F) -> &T,
    set: fn(&mut F, T),
) -> (Signal<T>, Callback<T>) {
    (
        Signal::derive(move || form.with(|f| get(f).clone())),
        Callback::new(move |v: T| form.update(|f| set(f, v))),
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
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    field_shell(label, id, error, hint, required, children())
}

/// The markup of [`FormField`], shared by the fields that build their own control.
fn field_shell(
    label: K,
    id: String,
    error: Signal<Option<String>>,
    hint: Option<K>,
    required: bool,
    control: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>
                {move || i18n.t(label)}
                {required.then_some(view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {control}
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

/// A labelled [`TextInput`]: the id is written once and names the label, the input and the
/// error. `bind` is the pair [`bind`] gives; children (a `<datalist>`) follow the input.
#[component]
pub fn TextField(
    label: K,
    #[prop(into)] id: String,
    bind: (Signal<String>, Callback<String>),
    #[prop(into, optional)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] hint: Option<K>,
    #[prop(optional)] required: bool,
    #[prop(optional)] kind: Option<&'static str>,
    /// The id of a `<datalist>` offering suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    /// Sets `aria-invalid` on the input while the error shows.
    #[prop(optional)]
    flag_invalid: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let invalid = Signal::derive(move || flag_invalid && error.get().is_some());
    let (value, on_input) = bind;
    let control = view! {
        {text_input(id.clone(), value, on_input, kind, invalid, list, None)}
        {children.map(|c| c())}
    }
    .into_any();
    field_shell(label, id, error, hint, required, control)
}

/// A labelled multi-line text box, bound like [`TextField`] (notes, summaries).
#[component]
pub fn TextAreaField(
    label: K,
    #[prop(into)] id: String,
    bind: (Signal<String>, Callback<String>),
    #[prop(into, optional)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] required: bool,
    /// Visible lines.
    rows: u8,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let (value, on_input) = bind;
    let control = view! {
        <textarea id=id.clone() class="input" rows=rows.to_string()
            prop:value=move || value.get()
            on:input=move |ev| on_input.run(event_target_value(&ev))></textarea>
    }
    .into_any();
    field_shell(label, id, error, None, required, control)
}

/// A labelled [`EnumSelect`] over a fixed list of enum values.
#[component]
pub fn EnumField<T>(
    label: K,
    #[prop(into)] id: String,
    options: &'static [T],
    /// The value and its setter, as [`bind`] gives them.
    bind: (Signal<T>, Callback<T>),
) -> impl IntoView
where
    T: Labelled + Copy + PartialEq + Send + Sync + 'static,
{
    let (value, on_change) = bind;
    let control =
        view! { <EnumSelect id=id.clone() options=options value=value on_change=on_change/> }
            .into_any();
    field_shell(label, id, Signal::derive(|| None), None, false, control)
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
    /// The accessible name, for an input without a visible `<label>` (a row of a list).
    #[prop(into, optional)]
    name: Option<Signal<String>>,
) -> impl IntoView {
    let invalid = invalid.unwrap_or_else(|| Signal::derive(|| false));
    text_input(id, value, on_input, kind, invalid, list, name)
}

fn text_input(
    id: String,
    value: Signal<String>,
    on_input: Callback<String>,
    kind: Option<&'static str>,
    invalid: Signal<bool>,
    list: Option<&'static str>,
    name: Option<Signal<String>>,
) -> impl IntoView {
    view! {
        <input
            aria-label=move || name.map(|n| n.get())
            list=list
            id=id.clone()
            name=id.clone()
            class="input"
            type=kind.unwrap_or("text")
            prop:value=move || value.get()
            aria-invalid=move || invalid.get().to_string()
            // Points at the message only while there is one, so it is announced with the field.
            aria-describedby=move || invalid.get().then(|| format!("{id}-error"))
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
    /// The accessible name, for a select without a visible `<label>` (a row of a list).
    #[prop(into, optional)]
    name: Option<Signal<String>>,
) -> impl IntoView
where
    T: Labelled + Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <select
            aria-label=move || name.map(|n| n.get())
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
