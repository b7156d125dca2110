//! Settings: the team's owner names, handover between owners, care thresholds and file limit.

use guanxi_core::customers::bulk::{handover, Owned};
use guanxi_core::Settings;
use leptos::prelude::*;

use crate::i18n::K;
use crate::platform::clock;
use crate::state::Change;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn TeamSettings() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let new_owner = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let save = move |settings: Settings| {
        saver.commit(Change::Settings(settings), move |_| {
            toasts.success(i18n.t(K::Saved))
        });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_owner.get_untracked().trim().to_string();
        let mut s = data.settings_to_edit();
        if name.is_empty() || s.owners.iter().any(|o| o == &name) {
            return;
        }
        s.owners.push(name);
        new_owner.set(String::new());
        save(s);
    };
    let remove = move |name: String| {
        let mut s = data.settings_to_edit();
        s.owners.retain(|o| o != &name);
        save(s);
    };
    // Owners named in records but missing from the list are offered too, so a handover can
    // clear out a name nobody maintains any more.
    let all_owners = Memo::new(move |_| {
        let mut names = data.settings.with(|s| s.owners.clone());
        data.live_customers(|all| {
            for c in all.filter(|c| !c.owner.is_empty()) {
                if !names.contains(&c.owner) {
                    names.push(c.owner.clone());
                }
            }
        });
        names
    });
    let do_handover = move |_| {
        let (f, t) = (from.get_untracked(), to.get_untracked());
        if f.is_empty() || f == t {
            toasts.error(i18n.t(K::HandoverPick));
            return;
        }
        let settings = data.settings_to_edit();
        let batch = data.customers.with_untracked(|customers| {
            data.follow_ups.with_untracked(|follow_ups| {
                data.opportunities.with_untracked(|opportunities| {
                    data.cases.with_untracked(|cases| {
                        let owned = Owned {
                            customers,
                            follow_ups,
                            opportunities,
                            cases,
                        };
                        handover(&f, &t, owned, &settings, clock::now())
                    })
                })
            })
        });
        let n = batch.puts.len();
        saver.save(batch, move || {
            toasts.success(i18n.fmt(
                K::HandoverDone,
                &[("n", &n.to_string()), ("from", &f), ("to", &t)],
            ))
        });
    };
    let owner_select = move |target: RwSignal<String>, id: &'static str| {
        view! {
            <select id=id class="input" data-testid=id on:change=move |ev| target.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || all_owners.get().into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
            </select>
        }
    };
    let care_input = move |label: &'static str,
                           get: fn(&Settings) -> u32,
                           set: fn(&mut Settings, u32)| {
        view! {
            <label class="filter">
                <span>{label}</span>
                <input class="input narrow" type="number" min="1" max="3650" data-testid=format!("care-{label}")
                    prop:value=move || data.settings.with(|s| get(s).to_string())
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            let mut s = data.settings_to_edit();
                            set(&mut s, n.clamp(1, 3650));
                            save(s);
                        }
                    }/>
            </label>
        }
    };
    view! {
        <section class="card" data-testid="team-card">
            <h2>{move || i18n.t(K::Team)}</h2>
            <p class="muted small">{move || i18n.t(K::TeamExplain)}</p>
            <ul class="chips">
                {move || data.settings.get().owners.into_iter().map(|o| {
                    let name = o.clone();
                    let remove_label = i18n.fmt(K::RemoveItem, &[("what", &o)]);
                    view! { <li class="chip" data-testid="owner-chip">{o}<button class="chip-x" aria-label=remove_label on:click=move |_| remove(name.clone())>"×"</button></li> }
                }).collect_view()}
            </ul>
            <form class="row-form" on:submit=add>
                <input class="input" data-testid="new-owner" aria-label=move || i18n.t(K::AddOwner) placeholder=move || i18n.t(K::AddOwner)
                    prop:value=move || new_owner.get() on:input=move |ev| new_owner.set(event_target_value(&ev))/>
                <button class="btn" type="submit" data-testid="add-owner">{move || i18n.t(K::Add)}</button>
            </form>
            <h3>{move || i18n.t(K::Handover)}</h3>
            <p class="muted small">{move || i18n.t(K::HandoverExplain)}</p>
            <div class="row-form">
                <label class="filter"><span>{move || i18n.t(K::HandoverFrom)}</span>{owner_select(from, "handover-from")}</label>
                <label class="filter"><span>{move || i18n.t(K::HandoverTo)}</span>{owner_select(to, "handover-to")}</label>
                <button class="btn" data-testid="handover" on:click=do_handover>{move || i18n.t(K::HandoverRun)}</button>
            </div>
            <h3>{move || i18n.t(K::CareDaysTitle)}</h3>
            <div class="row-form">
                {care_input("A", |s| s.care_days.a, |s, n| s.care_days.a = n)}
                {care_input("B", |s| s.care_days.b, |s, n| s.care_days.b = n)}
                {care_input("C", |s| s.care_days.c, |s, n| s.care_days.c = n)}
            </div>
        </section>
    }
}
