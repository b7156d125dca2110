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
    // Edits made while an earlier one is still being written build on it, not on the settings
    // as last read, which would drop the earlier edit (a quick Tab through the targets).
    let pending = StoredValue::new((0u32, None::<Settings>));
    let save = move |change: &dyn Fn(&mut Settings)| {
        let (in_flight, latest) = pending.get_value();
        let mut s = latest.unwrap_or_else(|| data.settings.get_untracked());
        change(&mut s);
        error.set(None);
        pending.set_value((in_flight + 1, Some(s.clone())));
        saver.commit(Change::Settings(s), move |_| {
            pending.update_value(|(n, latest)| {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    *latest = None;
                }
            });
            toasts.success(i18n.t(K::SettingsServiceSaved))
        });
    };
    let edit_kind = move |i: usize, edit: &dyn Fn(&mut CaseKind)| {
        save(&|s: &mut Settings| {
            if let Some(k) = s.case_kinds.get_mut(i) {
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
    let kinds = move || {
        data.settings.with(|s| {
            let removable = s.case_kinds.len() > 1;
            s.case_kinds.iter().enumerate().map(|(i, k)| {
                let shown = k.name(i18n.lang() == crate::i18n::Lang::ZhCn).to_string();
                view! {
                    <tr data-testid="case-kind-row">
                        <td><input class="input" data-testid="case-kind-zh" on:keydown=commit_on_enter prop:value=k.name_zh.clone()
                            aria-label=i18n.t(K::SettingsCaseKindNameZh)
                            on:change=move |ev| { let v = event_target_value(&ev); edit_kind(i, &|k| k.name_zh = v.trim().to_string()) }/></td>
                        <td><input class="input" data-testid="case-kind-en" on:keydown=commit_on_enter prop:value=k.name_en.clone()
                            aria-label=i18n.t(K::SettingsCaseKindNameEn)
                            on:change=move |ev| { let v = event_target_value(&ev); edit_kind(i, &|k| k.name_en = v.trim().to_string()) }/></td>
                        <td><label class="check-label">
                            <input type="checkbox" data-testid="case-kind-complaint" prop:checked=k.complaint
                                on:change=move |ev| { let on = event_target_checked(&ev); edit_kind(i, &|k| k.complaint = on) }/>
                            {i18n.t(K::SettingsCaseKindComplaint)}
                        </label></td>
                        <td>{removable.then(|| view! {
                            <button type="button" class="btn btn-ghost btn-sm" aria-label=i18n.fmt(K::RemoveItem, &[("what", &shown)])
                                on:click=move |_| save(&|s: &mut Settings| { s.case_kinds.remove(i); })>"×"</button>
                        })}</td>
                    </tr>
                }
            }).collect_view()
        })
    };
    let targets = move || {
        CasePriority::ALL.map(|p| {
            let t = data.settings.with(|s| s.case_targets.for_priority(p));
            let (respond, resolve) = t.map(|t| (t.respond_hours.to_string(), t.resolve_hours.to_string())).unwrap_or_default();
            let name = i18n.t(p.key());
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td><input class="input narrow" inputmode="numeric" data-testid=format!("respond-{}", p.as_str())
                        aria-label=format!("{name} {}", i18n.t(K::SettingsRespondHours)) on:keydown=commit_on_enter prop:value=respond
                        on:change=move |ev| set_hours(p, false, event_target_value(&ev))/></td>
                    <td><input class="input narrow" inputmode="numeric" data-testid=format!("resolve-{}", p.as_str())
                        aria-label=format!("{name} {}", i18n.t(K::SettingsResolveHours)) on:keydown=commit_on_enter prop:value=resolve
                        on:change=move |ev| set_hours(p, true, event_target_value(&ev))/></td>
                </tr>
            }
        }).collect_view()
    };
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
                    <tbody>{kinds}</tbody>
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
