//! Actions on the selected customers: tag, owner, lifecycle stage, value class, archive, trash.

use std::collections::HashSet;

use guanxi_core::customers::bulk::{apply_bulk, BulkAction};
use guanxi_core::{Id, Lifecycle, ValueClass};
use leptos::prelude::*;

use crate::i18n::{Labelled, K};
use crate::platform::clock;
use crate::ui::save::{use_kit, use_saver, Kit};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    AddTag,
    SetOwner,
    SetStage,
    SetClass,
    Archive,
    Unarchive,
    Trash,
}

const KINDS: [(Kind, K); 7] = [
    (Kind::AddTag, K::BulkAddTag),
    (Kind::SetOwner, K::BulkSetOwner),
    (Kind::SetStage, K::BulkSetStage),
    (Kind::SetClass, K::BulkSetClass),
    (Kind::Archive, K::BulkArchive),
    (Kind::Unarchive, K::BulkUnarchive),
    (Kind::Trash, K::BulkTrash),
];

#[component]
pub fn BulkBar(selected: RwSignal<HashSet<Id>>) -> impl IntoView {
    let Kit {
        i18n, data, toasts, ..
    } = use_kit();
    let kind = RwSignal::new(Kind::AddTag);
    let value = RwSignal::new(String::new());
    let saver = use_saver();

    let action = move || -> Option<BulkAction> {
        let v = value.get_untracked().trim().to_string();
        Some(match kind.get_untracked() {
            Kind::AddTag if !v.is_empty() => BulkAction::AddTag(v),
            Kind::SetOwner => BulkAction::SetOwner(v),
            Kind::SetStage => {
                BulkAction::SetLifecycle(*Lifecycle::ALL.get(v.parse::<usize>().ok()?)?)
            }
            Kind::SetClass => {
                BulkAction::SetValueClass(*ValueClass::ALL.get(v.parse::<usize>().ok()?)?)
            }
            Kind::Archive => BulkAction::Archive,
            Kind::Unarchive => BulkAction::Unarchive,
            Kind::Trash => BulkAction::Trash,
            Kind::AddTag => return None,
        })
    };
    let apply = move |_| {
        let Some(action) = action() else {
            toasts.error(i18n.t(K::BulkNeedsValue));
            return;
        };
        let ids: Vec<Id> = selected.get_untracked().into_iter().collect();
        let batch = data
            .customers
            .with_untracked(|all| apply_bulk(all, &ids, &action, clock::now()));
        let changed = batch.puts.len();
        saver.save(batch, move || {
            toasts.success(i18n.fmt(K::BulkDone, &[("n", &changed.to_string())]));
            selected.set(HashSet::new());
        });
    };

    let value_input = move || {
        match kind.get() {
        Kind::AddTag => view! {
            <input
                class="input"
                data-testid="bulk-value"
                placeholder=i18n.t(K::FieldTags)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any(),
        Kind::SetOwner => view! {
            <select class="input" data-testid="bulk-value" on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{i18n.t(K::NoOwner)}</option>
                {data.settings.get().owners.into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        Kind::SetStage => view! {
            <select class="input" data-testid="bulk-value" on:change=move |ev| value.set(event_target_value(&ev))>
                {Lifecycle::ALL.iter().enumerate().map(|(i, s)| view! { <option value=i.to_string()>{i18n.t(s.key())}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        Kind::SetClass => view! {
            <select class="input" data-testid="bulk-value" on:change=move |ev| value.set(event_target_value(&ev))>
                {ValueClass::ALL.iter().enumerate().map(|(i, c)| view! { <option value=i.to_string()>{i18n.t(c.key())}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        _ => ().into_any(),
    }
    };

    view! {
        <div class="bulk-bar" role="region" aria-label=move || i18n.t(K::BulkActions) data-testid="bulk-bar">
            <strong>{move || i18n.fmt(K::SelectedCount, &[("n", &selected.with(|s| s.len()).to_string())])}</strong>
            <select
                class="input"
                data-testid="bulk-action"
                aria-label=move || i18n.t(K::BulkActions)
                on:change=move |ev| {
                    if let Some((k, _)) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| KINDS.get(i)) {
                        kind.set(*k);
                        // Stage and class pickers start on their first option.
                        value.set(match k {
                            Kind::SetStage | Kind::SetClass => "0".into(),
                            _ => String::new(),
                        });
                    }
                }
            >
                {KINDS.iter().enumerate().map(|(i, (_, label))| view! { <option value=i.to_string()>{move || i18n.t(*label)}</option> }).collect_view()}
            </select>
            {value_input}
            <button class="btn btn-primary" data-testid="bulk-apply" disabled=move || saver.pending() on:click=apply>
                {move || i18n.t(K::Apply)}
            </button>
            <button class="btn btn-ghost" on:click=move |_| selected.set(HashSet::new())>
                {move || i18n.t(K::ClearSelection)}
            </button>
        </div>
    }
}
