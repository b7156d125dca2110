//! Settings: service — the kinds of case (which of them count as complaints) and the response
//! and resolution targets per priority. Each change saves at once, like the other sections.

use guanxi_core::service::case::{parse_hours, CaseKind, CasePriority, CaseTarget};
use guanxi_core::{Id, Settings};
use leptos::prelude::*;

use crate::features::pipeline::shared::commit_on_enter;
use crate::i18n::{problem_text, Labelled, K};
use crate::state::Change;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn ServiceSettings() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let error = RwSignal::new(None::<String>);
    let save = move |change: &dyn Fn(&mut Settings)| {
        let mut s = data.settings_to_edit();
        change(&mut s);
        error.set(None);
        saver.commit(Change::Settings(s), move |_| {
            toasts.success(i18n.t(K::SettingsServiceSaved))
        });
    };
    let edit_kind = move |id: &str, edit: &dyn Fn(&mut CaseKind)| {
        save(&|s: &mut Settings| {
            if let Some(k) = s.case_kinds.iter_mut().find(|k| k.id == id) {
                edit(k);
            }
        })
    };
    let set_hours = move |p: CasePriority, resolve: bool, typed: String| match parse_hours(&typed) {
        Err(problem) => error.set(Some(problem_text(i18n, &problem))),
        Ok(h) => save(&|s: &mut Settings| {
            let mut t = s.case_targets.for_priority(p).unwrap_or(CaseTarget {
                priority: p,
                respond_hours: h,
                resolve_hours: h,
            });
            if resolve {
                t.resolve_hours = h;
            } else {
                t.respond_hours = h;
            }
            s.case_targets.set(t);
        }),
    };
    // Rows keyed by kind, each field bound to its own stored value: when another field's save
    // lands, only what changed is redrawn, so text being typed elsewhere is never reset.
    let removable = Memo::new(move |_| data.settings.with(|s| s.case_kinds.len() > 1));
    let kind_ids = move || {
        data.settings.with(|s| {
            s.case_kinds
                .iter()
                .map(|k| k.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let kind_row = move |id: String| {
        let field = {
            let id = id.clone();
            move |read: fn(&CaseKind) -> String| {
                let id = id.clone();
                Memo::new(move |_| {
                    data.settings.with(|s| {
                        s.case_kinds
                            .iter()
                            .find(|k| k.id == id)
                            .map(read)
                            .unwrap_or_default()
                    })
                })
            }
        };
        let zh = field(|k| k.name_zh.clone());
        let en = field(|k| k.name_en.clone());
        let shown = {
            let id = id.clone();
            Memo::new(move |_| {
                let zh = i18n.lang() == crate::i18n::Lang::ZhCn;
                data.settings.with(|s| {
                    s.case_kinds
                        .iter()
                        .find(|k| k.id == id)
                        .map(|k| k.name(zh).to_string())
                        .unwrap_or_default()
                })
            })
        };
        let complaint = {
            let id = id.clone();
            Memo::new(move |_| {
                data.settings
                    .with(|s| s.case_kinds.iter().any(|k| k.id == id && k.complaint))
            })
        };
        let (id_zh, id_en, id_c, id_rm) = (id.clone(), id.clone(), id.clone(), id);
        view! {
            <tr data-testid="case-kind-row">
                <td><input class="input" data-testid="case-kind-zh" on:keydown=commit_on_enter prop:value=zh
                    aria-label=move || i18n.t(K::SettingsCaseKindNameZh)
                    on:change=move |ev| { let v = event_target_value(&ev); edit_kind(&id_zh, &|k| k.name_zh = v.trim().to_string()) }/></td>
                <td><input class="input" data-testid="case-kind-en" on:keydown=commit_on_enter prop:value=en
                    aria-label=move || i18n.t(K::SettingsCaseKindNameEn)
                    on:change=move |ev| { let v = event_target_value(&ev); edit_kind(&id_en, &|k| k.name_en = v.trim().to_string()) }/></td>
                <td><label class="check-label">
                    <input type="checkbox" data-testid="case-kind-complaint" prop:checked=complaint
                        on:change=move |ev| { let on = event_target_checked(&ev); edit_kind(&id_c, &|k| k.complaint = on) }/>
                    {move || i18n.t(K::SettingsCaseKindComplaint)}
                </label></td>
                <td>{move || removable.get().then(|| {
                    let id = id_rm.clone();
                    view! {
                        <button type="button" class="btn btn-ghost btn-sm"
                            aria-label=move || i18n.fmt(K::RemoveItem, &[("what", &shown.get())])
                            on:click=move |_| save(&|s: &mut Settings| s.case_kinds.retain(|k| k.id != id))>"×"</button>
                    }
                })}</td>
            </tr>
        }
    };
    let hours = move |p: CasePriority, resolve: bool| {
        Memo::new(move |_| {
            data.settings
                .with(|s| s.case_targets.for_priority(p))
                .map(|t| {
                    if resolve {
                        t.resolve_hours
                    } else {
                        t.respond_hours
                    }
                    .to_string()
                })
                .unwrap_or_default()
        })
    };
    let targets = CasePriority::ALL.map(|p| {
        let name = move || i18n.t(p.key());
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td><input class="input narrow" inputmode="numeric" data-testid=format!("respond-{}", p.as_str())
                    aria-label=move || format!("{} {}", name(), i18n.t(K::SettingsRespondHours)) on:keydown=commit_on_enter
                    prop:value=hours(p, false) on:change=move |ev| set_hours(p, false, event_target_value(&ev))/></td>
                <td><input class="input narrow" inputmode="numeric" data-testid=format!("resolve-{}", p.as_str())
                    aria-label=move || format!("{} {}", name(), i18n.t(K::SettingsResolveHours)) on:keydown=commit_on_enter
                    prop:value=hours(p, true) on:change=move |ev| set_hours(p, true, event_target_value(&ev))/></td>
            </tr>
        }
    }).collect_view();
    view! {
        <section class="card" id="service" data-testid="service-card" aria-busy=move || saver.pending().to_string()>
            <h2>{move || i18n.t(K::SettingsService)}</h2>
            <h3>{move || i18n.t(K::SettingsCaseKinds)}</h3>
            <div class="chart-scroll" tabindex="0" role="group" aria-label=move || i18n.t(K::SettingsCaseKinds)>
                <table class="table compact kind-table">
                    <thead><tr>
                        <th>{move || i18n.t(K::SettingsCaseKindNameZh)}</th>
                        <th>{move || i18n.t(K::SettingsCaseKindNameEn)}</th>
                        <th></th><th></th>
                    </tr></thead>
                    <tbody><For each=kind_ids key=|id| id.clone() children=kind_row/></tbody>
                </table>
            </div>
            <button type="button" class="btn btn-sm" data-testid="add-case-kind" on:click=move |_| save(&|s: &mut Settings| {
                s.case_kinds.push(CaseKind {
                    id: format!("kind-{}", Id::random().0.simple()),
                    name_zh: String::new(),
                    name_en: String::new(),
                    complaint: false,
                })
            })>{move || i18n.t(K::SettingsCaseKindAdd)}</button>
            <h3>{move || i18n.t(K::SettingsCaseTargets)}</h3>
            <div class="chart-scroll" tabindex="0" role="group" aria-label=move || i18n.t(K::SettingsCaseTargets)>
                <table class="table compact">
                    <thead><tr>
                        <th>{move || i18n.t(K::CasePriorityLabel)}</th>
                        <th>{move || i18n.t(K::SettingsRespondHours)}</th>
                        <th>{move || i18n.t(K::SettingsResolveHours)}</th>
                    </tr></thead>
                    <tbody>{targets}</tbody>
                </table>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="service-error">{e}</p> })}
        </section>
    }
}
