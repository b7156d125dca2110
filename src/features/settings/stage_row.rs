//! One row of the stage editor: names, default probability, kind, order and removal (which
//! asks where the stage's opportunities go).

use guanxi_core::pipeline::opportunity::pipeline_stages;
use guanxi_core::pipeline::stages::{
    move_stage, remove_stage, rename_stage, set_stage_outcome, set_stage_probability, stage_usage,
};
use guanxi_core::{Stage, StageOutcome};
use leptos::prelude::*;

use crate::features::pipeline::shared::{commit_on_enter, outcome_key, stage_name};
use crate::features::settings::stages::{outcome_from, outcome_tag, Editor};
use crate::i18n::K;
use crate::platform::clock;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn StageRow(id: String) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let editor = expect_context::<Editor>();
    let id = StoredValue::new(id);
    let stage = Memo::new(move |_| {
        data.settings.with(|s| {
            let list = pipeline_stages(s);
            let i = list.iter().position(|st| id.with_value(|id| &st.id == id));
            i.map(|i| (i, list.len(), list[i].clone()))
        })
    });
    let field = move |get: fn(&Stage) -> String| {
        move || stage.with(|s| s.as_ref().map(|(_, _, st)| get(st)).unwrap_or_default())
    };
    let closed =
        move || stage.with(|s| s.as_ref().is_some_and(|(_, _, st)| st.outcome.is_closed()));
    let index = move || stage.with(|s| s.as_ref().map_or(0, |(i, _, _)| *i));
    let count = move || stage.with(|s| s.as_ref().map_or(0, |(_, n, _)| *n));
    let rename = move |zh: Option<String>, en: Option<String>| {
        let current = stage.get_untracked().map(|(_, _, s)| s);
        let Some(current) = current else { return };
        let zh = zh.unwrap_or(current.name_zh);
        let en = en.unwrap_or(current.name_en);
        editor.run(move |stages| rename_stage(stages, &id.get_value(), &zh, &en));
    };
    let reorder = move |delta: isize| {
        let Some(to) = index().checked_add_signed(delta) else {
            return;
        };
        editor.run(move |stages| move_stage(stages, &id.get_value(), to));
    };
    let confirm_remove = RwSignal::new(false);
    let target = RwSignal::new(String::new());
    let usage = move || {
        data.opportunities
            .with_untracked(|o| stage_usage(&id.get_value(), o))
    };
    let remove = move |move_to: Option<String>| {
        let (now, today) = (clock::now(), clock::today());
        let opportunities = data.opportunities.get_untracked();
        editor.run(move |stages| {
            remove_stage(
                stages,
                &id.get_value(),
                move_to.as_deref(),
                &opportunities,
                now,
                today,
            )
        });
    };
    let targets = move || {
        let own = stage.get_untracked().map(|(_, _, s)| s);
        data.settings.with_untracked(|s| {
            pipeline_stages(s)
                .iter()
                .filter(|st| {
                    own.as_ref()
                        .is_some_and(|o| o.id != st.id && o.outcome == st.outcome)
                })
                .map(|st| (st.id.clone(), stage_name(st, i18n)))
                .collect::<Vec<_>>()
        })
    };
    // Each row's buttons say which stage they act on ("上移“需求确认”").
    let named = move |key: K| {
        let name = stage.with(|s| {
            s.as_ref()
                .map(|(_, _, st)| stage_name(st, i18n))
                .unwrap_or_default()
        });
        i18n.fmt(key, &[("what", &format!("“{name}”"))])
    };
    view! {
        <div class="stage-row" data-testid="stage-row" data-stage=move || id.get_value()>
            <input class="input" data-testid="stage-zh" on:keydown=commit_on_enter aria-label=move || i18n.t(K::StageNameZh) placeholder=move || i18n.t(K::StageNameZh)
                prop:value=field(|s| s.name_zh.clone()) on:change=move |ev| rename(Some(event_target_value(&ev)), None)/>
            <input class="input" data-testid="stage-en" on:keydown=commit_on_enter aria-label=move || i18n.t(K::StageNameEn) placeholder=move || i18n.t(K::StageNameEn)
                prop:value=field(|s| s.name_en.clone()) on:change=move |ev| rename(None, Some(event_target_value(&ev)))/>
            <input class="input" type="number" min="0" max="100" data-testid="stage-probability" on:keydown=commit_on_enter
                aria-label=move || i18n.t(K::StageProbability) disabled=closed
                prop:value=field(|s| s.default_probability().to_string())
                on:change=move |ev| {
                    let Ok(p) = event_target_value(&ev).trim().parse::<u8>() else { return };
                    let opportunities = data.opportunities.get_untracked();
                    editor.run(move |stages| set_stage_probability(stages, &id.get_value(), p, &opportunities, clock::now()));
                }/>
            <select class="input" data-testid="stage-outcome" aria-label=move || i18n.t(K::StageKind)
                on:change=move |ev| {
                    let o = outcome_from(&event_target_value(&ev));
                    let opportunities = data.opportunities.get_untracked();
                    editor.run(move |stages| set_stage_outcome(stages, &id.get_value(), o, &opportunities));
                }>
                {StageOutcome::ALL.into_iter().map(|o| view! {
                    <option value=outcome_tag(o) selected=move || stage.with(|s| s.as_ref().is_some_and(|(_, _, st)| st.outcome == o))>
                        {move || i18n.t(outcome_key(o))}
                    </option>
                }).collect_view()}
            </select>
            <div class="row-actions">
                <button type="button" class="btn btn-ghost btn-sm" data-testid="stage-up" aria-label=move || named(K::MoveUpItem)
                    disabled=move || index() == 0 on:click=move |_| reorder(-1)>"↑"</button>
                <button type="button" class="btn btn-ghost btn-sm" data-testid="stage-down" aria-label=move || named(K::MoveDownItem)
                    disabled={move || index() + 1 >= count()} on:click=move |_| reorder(1)>"↓"</button>
                <button type="button" class="btn btn-ghost btn-sm btn-danger-ghost" data-testid="stage-remove" aria-label=move || named(K::RemoveItem)
                    on:click=move |_| if usage() == 0 { remove(None) } else {
                        target.set(targets().first().map(|t| t.0.clone()).unwrap_or_default());
                        confirm_remove.set(true);
                    }>"×"</button>
            </div>
            <ConfirmDialog
                open=confirm_remove
                title=Signal::derive(move || i18n.fmt(K::RemoveStageTitle, &[("name", &stage.with(|s| s.as_ref().map(|(_, _, st)| stage_name(st, i18n)).unwrap_or_default()))]))
                confirm_label=K::Remove
                danger=true
                confirm_enabled=Signal::derive(move || !target.get().is_empty())
                on_confirm=Callback::new(move |_| remove(Some(target.get_untracked())))
            >
                <p>{move || i18n.fmt(K::RemoveStageBody, &[("n", &usage().to_string())])}</p>
                <select class="input" data-testid="remove-target" on:change=move |ev| target.set(event_target_value(&ev))>
                    {targets().into_iter().map(|(sid, name)| {
                        let v = sid.clone();
                        view! { <option value=sid selected=move || target.get() == v>{name}</option> }
                    }).collect_view()}
                </select>
                {move || targets().is_empty().then(|| view! { <p class="error">{i18n.t(K::StageTargetOutcome)}</p> })}
            </ConfirmDialog>
        </div>
    }
}
