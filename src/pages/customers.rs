//! The customer list: search as you type, kept in the URL so a reload or a shared link keeps it.

use guanxi_core::query::search_customers;
use guanxi_core::Customer;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::empty::EmptyState;
use crate::i18n::{use_i18n, Labelled, K};
use crate::state::{use_data, DbStatus};

/// Rows per page: enough to scan, few enough that 10,000 customers never render at once.
const PAGE_SIZE: usize = 50;

#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let query = use_query_map();
    let navigate = use_navigate();

    let search = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let page = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1)
    });
    let total = Memo::new(move |_| {
        data.customers
            .with(|all| all.iter().filter(|c| c.deleted_at.is_none()).count())
    });
    let found = Memo::new(move |_| {
        let q = search.get();
        data.customers.with(|all| {
            search_customers(all, &q)
                .into_iter()
                .cloned()
                .collect::<Vec<Customer>>()
        })
    });
    let pages = Memo::new(move |_| found.with(|f| f.len().div_ceil(PAGE_SIZE)).max(1));
    let visible = Memo::new(move |_| {
        let start = (page.get().min(pages.get()) - 1) * PAGE_SIZE;
        found.with(|f| {
            f.iter()
                .skip(start)
                .take(PAGE_SIZE)
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let set_query = move |q: String, page: usize| {
        let mut url = String::from("/customers");
        let mut params = Vec::new();
        if !q.is_empty() {
            params.push(format!("q={}", js_sys::encode_uri_component(&q)));
        }
        if page > 1 {
            params.push(format!("page={page}"));
        }
        if !params.is_empty() {
            url.push('?');
            url.push_str(&params.join("&"));
        }
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let set_search = set_query.clone();

    let count_text = move || {
        let n = found.with(Vec::len);
        let t = total.get();
        if search.with(String::is_empty) {
            i18n.fmt(K::CustomerCount, &[("n", &t.to_string())])
        } else {
            i18n.fmt(
                K::CustomerCountFiltered,
                &[("n", &n.to_string()), ("total", &t.to_string())],
            )
        }
    };

    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::CustomersTitle)}</h1>
            <A href="/customers/new" attr:class="btn btn-primary" attr:data-testid="new-customer">
                {move || i18n.t(K::NewCustomer)}
            </A>
        </div>
        <div class="toolbar">
            <input
                class="input search"
                type="search"
                data-testid="customer-search"
                aria-label=move || i18n.t(K::SearchPlaceholder)
                placeholder=move || i18n.t(K::SearchPlaceholder)
                prop:value=move || search.get()
                on:input=move |ev| set_search(event_target_value(&ev), 1)
            />
            <span class="muted count" data-testid="customer-count">{count_text}</span>
        </div>
        {move || {
            if data.status.get() == DbStatus::Opening {
                return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
            }
            if total.get() == 0 {
                return view! {
                    <EmptyState
                        title=Signal::derive(move || i18n.t(K::EmptyCustomersTitle).to_string())
                        body=Signal::derive(move || i18n.t(K::EmptyCustomersBody).to_string())
                    >
                        <A href="/customers/new" attr:class="btn btn-primary">
                            {move || i18n.t(K::NewCustomer)}
                        </A>
                    </EmptyState>
                }
                    .into_any();
            }
            if found.with(Vec::is_empty) {
                return view! {
                    <EmptyState
                        title=Signal::derive(move || i18n.t(K::NoMatchTitle).to_string())
                        body=Signal::derive(move || i18n.t(K::NoMatchBody).to_string())
                    />
                }
                    .into_any();
            }
            view! { <CustomerTable rows=visible/> }.into_any()
        }}
        <Pager page=page pages=pages on_page=Callback::new(move |p| set_query(search.get_untracked(), p))/>
    }
}

#[component]
fn CustomerTable(rows: Memo<Vec<Customer>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table" data-testid="customer-table">
            <thead>
                <tr>
                    <th>{move || i18n.t(K::FieldName)}</th>
                    <th>{move || i18n.t(K::FieldIndustry)}</th>
                    <th>{move || i18n.t(K::FieldRegion)}</th>
                    <th>{move || i18n.t(K::FieldLifecycle)}</th>
                    <th>{move || i18n.t(K::FieldValueClass)}</th>
                    <th>{move || i18n.t(K::FieldOwner)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|c| (c.id, c.rev) let:c>
                    <tr data-testid="customer-row">
                        <td class="cell-main">
                            <A href=format!("/customers/{}", c.id)>{c.name.clone()}</A>
                            <span class="sub">
                                {c.phones.first().map(|p| p.value.clone()).unwrap_or_default()}
                            </span>
                        </td>
                        <td data-label=move || i18n.t(K::FieldIndustry) class:blank=c.industry.is_empty()>{c.industry.clone()}</td>
                        <td data-label=move || i18n.t(K::FieldRegion) class:blank=c.region.is_empty()>{c.region.clone()}</td>
                        <td data-label=move || i18n.t(K::FieldLifecycle)>
                            <span class="badge">{move || i18n.t(c.lifecycle.key())}</span>
                        </td>
                        <td data-label=move || i18n.t(K::FieldValueClass)>
                            <span class=format!("badge class-{:?}", c.value_class)>
                                {format!("{:?}", c.value_class)}
                            </span>
                        </td>
                        <td data-label=move || i18n.t(K::FieldOwner) class:blank=c.owner.is_empty()>{c.owner.clone()}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn Pager(page: Memo<usize>, pages: Memo<usize>, on_page: Callback<usize>) -> impl IntoView {
    move || {
        (pages.get() > 1).then(|| {
            let current = page.get().min(pages.get());
            view! {
                <nav class="pager" aria-label="pages">
                    <button
                        class="btn btn-ghost"
                        disabled=current <= 1
                        on:click=move |_| on_page.run(current - 1)
                    >
                        "‹"
                    </button>
                    <span class="muted">{format!("{current} / {}", pages.get())}</span>
                    <button
                        class="btn btn-ghost"
                        disabled=current >= pages.get()
                        on:click=move |_| on_page.run(current + 1)
                    >
                        "›"
                    </button>
                </nav>
            }
        })
    }
}
