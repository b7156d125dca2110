//! The editable list of phones or e-mails that customer and contact forms share.

use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::{Label, Labeled};
use leptos::prelude::*;

use crate::i18n::{use_i18n, K};
use crate::ui::form::{error_for, EnumSelect, TextInput};

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
                        // Rows have no visible label of their own, so each control is named
                        // after its row: "电话 2", "电话 2 的类型", "移除电话 2".
                        let item = move || {
                            let key = if phones { K::PhoneN } else { K::EmailN };
                            i18n.fmt(key, &[("n", &(i + 1).to_string())])
                        };
                        view! {
                            <div class="labeled-row" class:has-error=move || error.get().is_some()>
                                <EnumSelect
                                    id=format!("{prefix}-label-{i}")
                                    name=Signal::derive(move || i18n.fmt(K::LabelOf, &[("what", &item())]))
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
                                    name=Signal::derive(item)
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
                                    aria-label=move || i18n.fmt(K::RemoveItem, &[("what", &item())])
                                    on:click=move |_| form.update(|f| { get_mut(f).remove(i); })
                                >
                                    "×"
                                </button>
                                {move || error.get().map(|m| view! { <p class="error" id=format!("{id}-error") data-testid=format!("{id}-error")>{m}</p> })}
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
