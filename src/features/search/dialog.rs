//! The search dialog: a combobox whose options are the matches, grouped by kind. The arrow
//! keys move through all of them, Enter opens one, Escape closes.

use guanxi_core::search::global::{search_everything, Group};
use guanxi_core::{Customer, Id, Interaction, Record};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::K;
use crate::state::InteractionScope;
use crate::ui::focus::{hold_focus, trap_tab};
use crate::ui::save::{use_kit, Kit};

/// Shown per kind; the rest are counted.
const PER_KIND: usize = 5;

#[derive(Clone, PartialEq)]
struct Hit {
    href: String,
    title: String,
    detail: String,
}

#[derive(Clone, PartialEq)]
struct HitGroup {
    label: K,
    hits: Vec<Hit>,
    more: usize,
}

fn group<R: Record>(
    label: K,
    found: Group<'_, R>,
    customers: &[Customer],
    hit: impl Fn(&R) -> (String, String),
) -> Option<HitGroup> {
    let name_of = |id: Id| {
        customers
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    (!found.is_empty()).then(|| HitGroup {
        label,
        more: found.total - found.shown.len(),
        hits: found
            .shown
            .iter()
            .map(|r| {
                let (href, title) = hit(r);
                let owner = r.customer_id();
                let detail = if owner == r.id() {
                    String::new()
                } else {
                    name_of(owner)
                };
                Hit {
                    href,
                    title,
                    detail,
                }
            })
            .collect(),
    })
}

#[component]
pub fn SearchDialog(open: RwSignal<bool>) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    hold_focus(".search-dialog input");
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    // The contact log is not kept in memory: read once when the box opens.
    let log = data.interactions_in(|| InteractionScope::All);
    let groups = Memo::new(move |_| {
        let q = query.get();
        let interactions: Vec<Interaction> =
            log.get().and_then(|r| r.ok().flatten()).unwrap_or_default();
        data.with_searchable(&interactions, |all, index| {
            let found = search_everything(all, index, &q, PER_KIND);
            let customer = |id: Id| format!("/customers/{id}");
            let cs = all.customers;
            [
                group(K::NavCustomers, found.customers, cs, |c| {
                    (customer(c.id), c.name.clone())
                }),
                group(K::Contacts, found.contacts, cs, |c| {
                    (customer(c.customer_id), c.name.clone())
                }),
                group(K::GlobalSearchDeals, found.opportunities, cs, |o| {
                    (format!("/opportunities/{}", o.id), o.title.clone())
                }),
                group(K::NavFollowUps, found.follow_ups, cs, |f| {
                    (
                        customer(f.customer_id),
                        format!("{} · {}", f.due, f.purpose),
                    )
                }),
                group(K::GlobalSearchCases, found.cases, cs, |k| {
                    (format!("/cases/{}", k.id), k.subject.clone())
                }),
                group(K::Interactions, found.interactions, cs, |i| {
                    (
                        customer(i.customer_id),
                        format!("{} · {}", i.at.date(), i.summary),
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
        })
    });
    let flat = Memo::new(move |_| {
        groups.with(|g| {
            g.iter()
                .flat_map(|g| g.hits.iter().map(|h| h.href.clone()))
                .collect::<Vec<_>>()
        })
    });
    let navigate = use_navigate();
    let go = move |href: String| {
        open.set(false);
        navigate(&href, Default::default());
    };
    let go_key = go.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = flat.with_untracked(Vec::len);
        match ev.key().as_str() {
            "Escape" => open.set(false),
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % n);
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + n - 1) % n);
            }
            "Enter" => {
                if let Some(href) = flat.with_untracked(|f| f.get(active.get_untracked()).cloned())
                {
                    ev.prevent_default();
                    go_key(href);
                }
            }
            _ => trap_tab(&ev),
        }
    };
    let results = move || {
        let mut n = 0usize;
        groups.get().into_iter().map(|g| {
            let label = i18n.t(g.label);
            let items = g.hits.into_iter().map(|h| {
                let i = n;
                n += 1;
                let go = go.clone();
                let href = h.href.clone();
                view! {
                    <li role="option" id=format!("gs-{i}") class="search-hit" data-testid="search-hit"
                        aria-selected=move || (active.get() == i).to_string()
                        on:mousemove=move |_| active.set(i)
                        on:click=move |_| go(href.clone())>
                        <span class="search-hit-title">{h.title}</span>
                        <span class="search-hit-detail muted">{h.detail}</span>
                    </li>
                }
            }).collect_view();
            let more = (g.more > 0).then(|| view! {
                <li role="presentation" class="search-more muted">{i18n.fmt(K::GlobalSearchMore, &[("count", &g.more.to_string())])}</li>
            });
            view! {
                <li role="presentation" data-testid="search-group">
                    <div class="search-group-label" aria-hidden="true">{label}</div>
                    <ul role="group" aria-label=label class="search-group">{items}{more}</ul>
                </li>
            }
        }).collect_view()
    };
    let status = move || {
        let q = query.get();
        if q.trim().is_empty() {
            Some(i18n.t(K::GlobalSearchPrompt).to_string())
        } else if flat.with(Vec::is_empty) {
            Some(i18n.fmt(K::GlobalSearchNone, &[("query", q.trim())]))
        } else {
            None
        }
    };
    view! {
        <div class="modal-backdrop search-backdrop" on:click=move |_| open.set(false)>
            <div class="modal search-dialog" role="dialog" aria-modal="true" aria-label=move || i18n.t(K::GlobalSearchLabel)
                data-testid="search-dialog" on:click=|ev| ev.stop_propagation() on:keydown=on_key>
                <input class="input" type="search" role="combobox" data-testid="search-input" autocomplete="off"
                    aria-label=move || i18n.t(K::GlobalSearchLabel) aria-expanded=move || (!flat.with(Vec::is_empty)).to_string()
                    aria-controls="search-results" aria-autocomplete="list"
                    aria-activedescendant=move || (!flat.with(Vec::is_empty)).then(|| format!("gs-{}", active.get()))
                    prop:value=move || query.get()
                    on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); }/>
                <ul id="search-results" role="listbox" class="search-results" aria-label=move || i18n.t(K::GlobalSearch)>{results}</ul>
                {move || status().map(|s| view! { <p class="muted search-status" role="status" data-testid="search-status">{s}</p> })}
                <p class="muted search-keys" aria-hidden="true">{move || i18n.t(K::GlobalSearchKeys)}</p>
            </div>
        </div>
    }
}
