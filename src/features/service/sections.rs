//! Cases where other work happens: the open cases of one customer (on its page, standing out)
//! and the open cases of one owner beside the follow-ups.

use guanxi_core::service::case::ServiceCase;
use guanxi_core::Id;
use leptos::prelude::*;

use crate::features::service::shared::CaseRow;
use crate::i18n::K;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::query_param;

fn newest_first(mut cases: Vec<ServiceCase>) -> Vec<ServiceCase> {
    cases.sort_by(|a, b| b.opened_at.cmp(&a.opened_at).then(b.id.cmp(&a.id)));
    cases
}

/// The customer's open cases, with "new case" and, below, every case of the customer.
#[component]
pub fn CustomerCases(customer: Id) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let all = Memo::new(move |_| newest_first(data.cases_of(customer)));
    let open = Memo::new(move |_| {
        all.with(|all| {
            all.iter()
                .filter(|c| c.status.is_open())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let closed = Memo::new(move |_| {
        all.with(|all| {
            all.iter()
                .filter(|c| !c.status.is_open())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" class:callout-cases=move || !open.with(Vec::is_empty) data-testid="customer-cases">
            <div class="card-head">
                <h2>{move || i18n.t(K::CustomerOpenCases)}</h2>
                <A href=format!("/cases/new?customer={customer}") attr:class="btn btn-sm" attr:data-testid="customer-new-case">
                    {move || i18n.t(K::CaseNew)}
                </A>
            </div>
            {move || {
                let list = open.get();
                if list.is_empty() {
                    view! { <p class="muted">{i18n.t(K::MyOpenCasesNone)}</p> }.into_any()
                } else {
                    view! { <ul class="case-list">{list.into_iter().map(|c| view! { <CaseRow case=c/> }).collect_view()}</ul> }.into_any()
                }
            }}
            {move || (!closed.with(Vec::is_empty)).then(|| view! {
                <details>
                    <summary>{i18n.fmt(K::CustomerCasesAll, &[("n", &all.with(Vec::len).to_string())])}</summary>
                    <ul class="case-list">{closed.get().into_iter().map(|c| view! { <CaseRow case=c/> }).collect_view()}</ul>
                </details>
            })}
        </section>
    }
}

/// Open cases of the owner picked on the day's-work page (all owners when none is picked).
#[component]
pub fn MyOpenCases() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let owner = query_param("owner");
    let mine = Memo::new(move |_| {
        let owner = owner.get();
        newest_first(data.live_cases(|all| {
            all.filter(|c| c.status.is_open() && (owner.is_empty() || c.owner == owner))
                .cloned()
                .collect()
        }))
    });
    view! {
        <section class="card" data-testid="my-open-cases">
            <h2>{move || i18n.t(K::MyOpenCases)}</h2>
            {move || {
                let list = mine.get();
                if list.is_empty() {
                    view! { <p class="muted">{i18n.t(K::MyOpenCasesNone)}</p> }.into_any()
                } else {
                    view! { <ul class="case-list">{list.into_iter().map(|c| view! { <CaseRow case=c show_customer=true/> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}
