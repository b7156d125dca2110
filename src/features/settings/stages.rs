//! Settings: the stage editor. Every edit goes through the core's stage functions, which
//! return the new list with the opportunities it had to change; those are saved first, then
//! the settings, so no opportunity is ever left in a stage that does not exist.

use guanxi_core::pipeline::opportunity::pipeline_stages;
use guanxi_core::pipeline::stages::{add_stage, new_stage, StageEdit, StageError};
use guanxi_core::store::Batch;
use guanxi_core::{Id, Stage, StageOutcome};
use leptos::prelude::*;

use crate::features::pipeline::shared::{outcome_key, stage_error_text};
use crate::i18n::K;
use crate::state::Change;
use crate::ui::save::{use_kit, use_saver, Kit};
use crate::ui::toast::use_toasts;

pub(crate) fn outcome_tag(o: StageOutcome) -> &'static str {
    match o {
        StageOutcome::Open => "open",
        StageOutcome::Won => "won",
        StageOutcome::Lost => "lost",
    }
}

pub(crate) fn outcome_from(tag: &str) -> StageOutcome {
    StageOutcome::ALL
        .into_iter()
        .find(|o| outcome_tag(*o) == tag)
        .unwrap_or_default()
}

/// Runs a stage edit against the current settings and saves its result, or shows why not.
#[derive(Clone, Copy)]
pub(crate) struct Editor {
    errors: RwSignal<Vec<StageError>>,
    data: crate::state::Data,
    i18n: crate::i18n::I18n,
    toasts: crate::ui::toast::Toasts,
    saver: crate::ui::save::Saver,
}

impl Editor {
    pub(crate) fn run(self, edit: impl FnOnce(&[Stage]) -> Result<StageEdit, Vec<StageError>>) {
        let Editor {
            data,
            i18n,
            toasts,
            saver,
            ..
        } = self;
        let stages = data
            .settings
            .with_untracked(|s| pipeline_stages(s).to_vec());
        let edit = match edit(&stages) {
            Ok(e) => e,
            Err(errs) => return self.errors.set(errs),
        };
        self.errors.set(Vec::new());
        // The moved deals and the stages they now point at land in one transaction.
        let batch = edit.changed.into_iter().fold(Batch::new(), Batch::put);
        let mut settings = data.settings_to_edit();
        settings.stages = edit.stages;
        saver.commit(Change::EditWithSettings(batch, settings), move |_| {
            toasts.success(i18n.t(K::Saved))
        });
    }
}

#[component]
pub fn StageEditor() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let editor = Editor {
        errors: RwSignal::new(Vec::new()),
        data,
        i18n,
        toasts: use_toasts(),
        saver: use_saver(),
    };
    provide_context(editor);
    let ids = Memo::new(move |_| {
        data.settings.with(|s| {
            pipeline_stages(s)
                .iter()
                .map(|st| st.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let (zh, en, p, outcome) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(StageOutcome::Open),
    );
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let o = outcome.get_untracked();
        let probability = p.get_untracked().trim().parse::<u8>().unwrap_or(0);
        let stage = new_stage(
            Id::random(),
            &zh.get_untracked(),
            &en.get_untracked(),
            probability,
            o,
        );
        editor.run(move |stages| {
            // An open stage goes before the first closed one; won and lost ones at the end.
            let at = match o {
                StageOutcome::Open => stages
                    .iter()
                    .position(|s| s.outcome.is_closed())
                    .unwrap_or(stages.len()),
                _ => stages.len(),
            };
            add_stage(stages, at, stage)
        });
        if editor.errors.with_untracked(Vec::is_empty) {
            zh.set(String::new());
            en.set(String::new());
            p.set(String::new());
        }
    };
    let text_input = move |value: RwSignal<String>, label: K, testid: &'static str| {
        view! {
            <input class="input" data-testid=testid aria-label=move || i18n.t(label) placeholder=move || i18n.t(label)
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    view! {
        <div class="stage-table" data-testid="stage-editor">
            <div class="stage-row stage-head" aria-hidden="true">
                <span>{move || i18n.t(K::StageNameZh)}</span>
                <span>{move || i18n.t(K::StageNameEn)}</span>
                <span>{move || i18n.t(K::StageProbability)}</span>
                <span>{move || i18n.t(K::StageKind)}</span>
                <span></span>
            </div>
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <crate::features::settings::stage_row::StageRow id=id/>
            </For>
        </div>
        {move || editor.errors.with(|errs| (!errs.is_empty()).then(|| view! {
            <div class="alert alert-error" role="alert" data-testid="stage-errors">
                {errs.iter().map(|e| view! { <div>{stage_error_text(i18n, e)}</div> }).collect_view()}
            </div>
        }))}
        <form class="stage-row stage-add" on:submit=add data-testid="stage-add">
            {text_input(zh, K::StageNameZh, "new-stage-zh")}
            {text_input(en, K::StageNameEn, "new-stage-en")}
            <input class="input" type="number" min="0" max="100" data-testid="new-stage-probability"
                aria-label=move || i18n.t(K::StageProbability) placeholder="%"
                prop:value=move || p.get() on:input=move |ev| p.set(event_target_value(&ev))/>
            <select class="input" aria-label=move || i18n.t(K::StageKind)
                on:change=move |ev| outcome.set(outcome_from(&event_target_value(&ev)))>
                {StageOutcome::ALL.into_iter().map(|o| view! {
                    <option value=outcome_tag(o) selected=move || outcome.get() == o>{move || i18n.t(outcome_key(o))}</option>
                }).collect_view()}
            </select>
            <button class="btn" type="submit" data-testid="add-stage">{move || format!("+ {}", i18n.t(K::AddStage))}</button>
        </form>
    }
}
