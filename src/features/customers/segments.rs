//! Saved segments beside the customer list: each with its live count, a click shows it (by
//! putting its query in the URL), and the current filter can be saved as a new one. Segments
//! are part of the settings, so they travel with backups and reach other tabs.

use guanxi_core::marketing::segments::{
    active_segment, delete_segment, rename_segment, save_segment, segment_counts, Segment,
    SegmentProblem,
};
use guanxi_core::{Id, Settings};
use guanxi_i18n::marketing::segment_problem_text;
use leptos::prelude::*;

use crate::features::customers::filters::use_url_selection;
use crate::i18n::K;
use crate::state::Change;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

/// What the name dialog is for.
#[derive(Clone, Copy, PartialEq)]
enum Naming {
    New,
    Rename(Id),
}

/// Whether the sidebar starts folded: on a phone it would push the list off the first screen.
fn narrow_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 640px)").ok().flatten())
        .is_some_and(|m| m.matches())
}

#[component]
pub fn SegmentSidebar() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let selection = use_url_selection();
    let segments = Memo::new(move |_| data.settings.with(|s| s.segments.clone()));
    let counts = Memo::new(move |_| {
        data.customers
            .with(|all| segments.with(|s| segment_counts(all, s)))
    });
    let count_of =
        move |id: Id| counts.with(|c| c.iter().find(|(i, _)| *i == id).map_or(0, |(_, n)| *n));
    let active = Memo::new(move |_| {
        segments.with(|s| selection.with(|sel| active_segment(s, sel).map(|s| s.id)))
    });
    let everyone =
        Memo::new(move |_| data.live_customers(|all| all.filter(|c| !c.archived).count()));

    let naming = RwSignal::new(None::<Naming>);
    let dialog_open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let deleting = RwSignal::new(None::<Segment>);
    let delete_open = RwSignal::new(false);

    // The settings after the dialog's change, or why it cannot be made; checked as the user
    // types so the problem shows before anything is saved.
    let outcome = move |settings: &Settings| -> Result<Settings, SegmentProblem> {
        match naming.get() {
            Some(Naming::Rename(id)) => rename_segment(settings, id, &name.get()),
            _ => save_segment(settings, Id::random(), &name.get(), &selection.get()),
        }
    };
    let problem = Memo::new(move |_| data.settings.with(|s| outcome(s).err()));
    let commit = move |settings: Settings, done: String| {
        saver.commit(Change::Settings(settings), move |_| toasts.success(done));
    };
    // Saved on the newest settings, which may include an edit still being written.
    let confirm_name =
        Callback::new(
            move |()| match untrack(|| outcome(&data.settings_to_edit())) {
                Ok(next) => commit(
                    next,
                    i18n.fmt(K::SegmentSaved, &[("name", name.get_untracked().trim())]),
                ),
                Err(p) => toasts.error(segment_problem_text(i18n.lang(), p)),
            },
        );
    let open_new = move |_| {
        if selection.with_untracked(|s| s.is_everything()) {
            return toasts.error(segment_problem_text(i18n.lang(), SegmentProblem::NoFilter));
        }
        name.set(String::new());
        naming.set(Some(Naming::New));
        dialog_open.set(true);
    };
    let confirm_delete = Callback::new(move |()| {
        let Some(segment) = deleting.get_untracked() else {
            return;
        };
        match delete_segment(&data.settings_to_edit(), segment.id) {
            Ok(next) => commit(next, i18n.t(K::SegmentDeleted).to_string()),
            Err(p) => toasts.error(segment_problem_text(i18n.lang(), p)),
        }
    });

    let row = move |s: Segment| {
        let id = s.id;
        let (label, rename_label, delete_label) = (s.name.clone(), s.name.clone(), s.name.clone());
        let (for_rename, for_delete) = (s.clone(), s.clone());
        view! {
            <li class="segment" class:active=move || active.get() == Some(id) data-testid="segment">
                <A href=format!("/customers?{}", s.query) attr:class="segment-link"
                    attr:aria-current=move || (active.get() == Some(id)).then_some("true")
                    attr:aria-label=move || i18n.fmt(K::ShowSegment, &[("name", &label), ("n", &count_of(id).to_string())])>
                    <span class="segment-name" data-testid="segment-name">{s.name.clone()}</span>
                    <span class="segment-count" data-testid="segment-count">{move || count_of(id)}</span>
                </A>
                <button class="btn btn-ghost btn-sm" data-testid="segment-rename"
                    aria-label=move || i18n.fmt(K::RenameSegmentOf, &[("name", &rename_label)])
                    on:click=move |_| {
                        name.set(for_rename.name.clone());
                        naming.set(Some(Naming::Rename(for_rename.id)));
                        dialog_open.set(true);
                    }>"✎"</button>
                <button class="btn btn-ghost btn-sm" data-testid="segment-delete"
                    aria-label=move || i18n.fmt(K::DeleteSegmentOf, &[("name", &delete_label)])
                    on:click=move |_| {
                        deleting.set(Some(for_delete.clone()));
                        delete_open.set(true);
                    }>"×"</button>
            </li>
        }
    };

    view! {
        <details class="segments" open=!narrow_screen() data-testid="segments">
            <summary>{move || i18n.t(K::Segments)}</summary>
            <ul class="segment-list">
                <li class="segment" class:active=move || selection.with(|s| s.is_everything())>
                    <A href="/customers" attr:class="segment-link" attr:data-testid="segment-all">
                        <span class="segment-name">{move || i18n.t(K::AllCustomersSegment)}</span>
                        <span class="segment-count">{move || everyone.get()}</span>
                    </A>
                </li>
                <For each=move || segments.get() key=|s| (s.id, s.name.clone(), s.query.clone()) children=row/>
            </ul>
            {move || segments.with(Vec::is_empty).then(|| view! {
                <p class="muted small">{i18n.t(K::SegmentsEmpty)}</p>
            })}
            <button class="btn btn-sm" data-testid="save-segment" on:click=open_new>
                {move || format!("+ {}", i18n.t(K::SaveSegment))}
            </button>
        </details>
        <ConfirmDialog open=dialog_open confirm_label=K::Save on_confirm=confirm_name
            confirm_enabled=Signal::derive(move || problem.get().is_none())
            title=Signal::derive(move || i18n.t(match naming.get() {
                Some(Naming::Rename(_)) => K::RenameSegmentTitle,
                _ => K::SaveSegmentTitle,
            }).to_string())>
            <div class="field" class:has-error=move || problem.get().is_some() && !name.get().is_empty()>
                <label for="segment-name-input">{move || i18n.t(K::SegmentName)}</label>
                <input id="segment-name-input" class="input" data-testid="segment-name-input"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                {move || problem.get().filter(|_| !name.get().is_empty()).map(|p| view! {
                    <p class="error" data-testid="segment-name-error">{segment_problem_text(i18n.lang(), p)}</p>
                })}
            </div>
        </ConfirmDialog>
        <ConfirmDialog open=delete_open confirm_label=K::Delete danger=true on_confirm=confirm_delete
            title=Signal::derive(move || {
                let name = deleting.with(|d| d.as_ref().map(|s| s.name.clone()).unwrap_or_default());
                i18n.fmt(K::DeleteSegmentTitle, &[("name", &name)])
            })>
            <p>{move || i18n.t(K::DeleteSegmentBody)}</p>
        </ConfirmDialog>
    }
}
