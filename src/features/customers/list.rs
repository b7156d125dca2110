//! The customer list: search as you type, filters, sort by any column, bulk actions. Search,
//! filters, sort and page live in the URL, so a reload or a shared link keeps them.

use std::collections::{HashMap, HashSet};

use guanxi_core::customers::query::{ArchivedFilter, CustomerQuery, SortKey};
use guanxi_core::{Customer, Id};
use leptos::prelude::*;

use crate::features::customers::bulk_bar::BulkBar;
use crate::features::customers::export::ListExport;
use crate::features::customers::filters::{use_url_filter, CustomerFilters};
use crate::features::customers::segments::SegmentSidebar;
use crate::i18n::{use_i18n, Labelled, K};
use crate::ui::empty::ListGate;
use crate::ui::link::A;
use crate::ui::list::{count_text, use_list_query, ListQuery, NewColumn};
use crate::ui::save::{use_kit, Kit};

/// Rows per page: enough to scan, few enough that 10,000 customers never render at once.
const PAGE_SIZE: usize = 50;

/// The sortable columns, in the order the table shows them.
const COLUMNS: [(SortKey, K); 6] = [
    (SortKey::Name, K::FieldName),
    (SortKey::Industry, K::FieldIndustry),
    (SortKey::Region, K::FieldRegion),
    (SortKey::Lifecycle, K::FieldLifecycle),
    (SortKey::ValueClass, K::FieldValueClass),
    (SortKey::Owner, K::FieldOwner),
];

#[component]
pub fn CustomersPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let query = use_list_query("/customers", SortKey::Updated, NewColumn::AscendingSamePage);
    let (search, sort, dir) = (query.search, query.sort, query.dir);
    let filter = use_url_filter();
    let selected = RwSignal::new(HashSet::<Id>::new());

    // Everything the archived setting shows, before search and the other filters.
    let total = Memo::new(move |_| {
        let archived = filter.with(|f| f.archived);
        data.live_customers(|all| {
            all.filter(|c| match archived {
                ArchivedFilter::Active => !c.archived,
                ArchivedFilter::Archived => c.archived,
                ArchivedFilter::All => true,
            })
            .count()
        })
    });
    // The list is empty only when nothing at all is stored (not merely archived).
    let stored = Memo::new(move |_| data.has_customers());
    // Ids only: a keystroke must not clone 10,000 records.
    let found = Memo::new(move |_| {
        let (q, f, key, d) = (search.get(), filter.get(), sort.get(), dir.get());
        data.list_customers(CustomerQuery {
            query: &q,
            filter: &f,
            key,
            dir: d,
        })
    });
    let positions = Memo::new(move |_| {
        data.customers.with(|all| {
            all.iter()
                .enumerate()
                .map(|(i, c)| (c.id, i))
                .collect::<HashMap<Id, usize>>()
        })
    });
    let (pages, page) = query.paging(move || found.with(Vec::len), PAGE_SIZE);
    let visible = Memo::new(move |_| {
        let start = (page.get() - 1) * PAGE_SIZE;
        let ids: Vec<Id> = found.with(|f| f.iter().skip(start).take(PAGE_SIZE).copied().collect());
        positions.with(|pos| {
            data.customers.with(|all| {
                ids.iter()
                    .filter_map(|id| pos.get(id).and_then(|i| all.get(*i)).cloned())
                    .collect::<Vec<Customer>>()
            })
        })
    });

    let count = move || {
        let (n, t) = (found.with(Vec::len), total.get());
        count_text(i18n, n, t, K::CustomerCount, K::CustomerCountFiltered)
    };

    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::CustomersTitle)}</h1>
            <div class="actions">
                <A href="/trash" attr:class="btn btn-ghost">{move || i18n.t(K::Trash)}</A>
                <A href="/customers/new" attr:class="btn btn-primary" attr:data-testid="new-customer">
                    {move || i18n.t(K::NewCustomer)}
                </A>
            </div>
        </div>
        <div class="with-sidebar">
        <aside class="sidebar" aria-label=move || i18n.t(K::Segments)>
            <SegmentSidebar/>
        </aside>
        <div class="main-column">
        <div class="toolbar">
            {query.search_box("customer-search", K::SearchPlaceholder)}
            <span class="muted count" data-testid="customer-count">{count}</span>
        </div>
        <CustomerFilters/>
        <ListExport found=found/>
        {move || selected.with(|s| !s.is_empty()).then(|| view! { <BulkBar selected=selected/> })}
        <ListGate
            empty=Signal::derive(move || {
                if !stored.get() {
                    Some((K::EmptyCustomersTitle, K::EmptyCustomersBody, true))
                } else {
                    found.with(Vec::is_empty).then_some((K::NoMatchTitle, K::NoMatchBody, false))
                }
            })
            actions=std::sync::Arc::new(move || view! {
                <A href="/customers/new" attr:class="btn btn-primary">{move || i18n.t(K::NewCustomer)}</A>
                " "
                <A href="/settings#demo" attr:class="btn">{move || i18n.t(K::LoadDemo)}</A>
                " "
                // Browsers may evict storage: a first run with nothing stored offers
                // the way back from a backup.
                <A href="/data" attr:class="btn" attr:data-testid="empty-restore">{move || i18n.t(K::RestoreTitle)}</A>
            }.into_any())
        >
            <CustomerTable rows=visible selected=selected query=query/>
        </ListGate>
        {query.pager(page, pages, true)}
        </div>
        </div>
    }
}

#[component]
fn CustomerTable(
    rows: Memo<Vec<Customer>>,
    selected: RwSignal<HashSet<Id>>,
    query: ListQuery<SortKey>,
) -> impl IntoView {
    let i18n = use_i18n();
    let all_checked = move || {
        rows.with(|r| !r.is_empty() && selected.with(|s| r.iter().all(|c| s.contains(&c.id))))
    };
    let toggle_all = move |_| {
        let ids: Vec<Id> = rows.with_untracked(|r| r.iter().map(|c| c.id).collect());
        let check = !all_checked();
        selected.update(|s| {
            ids.into_iter().for_each(|id| {
                if check {
                    s.insert(id);
                } else {
                    s.remove(&id);
                }
            })
        });
    };
    view! {
        <table class="table" data-testid="customer-table">
            <thead>
                <tr>
                    <th class="check">
                        <input type="checkbox" aria-label=move || i18n.t(K::SelectAll) prop:checked=all_checked on:change=toggle_all/>
                    </th>
                    {query.headers(&COLUMNS, "sort-")}
                </tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|c| (c.id, c.rev) let:c>
                    <tr data-testid="customer-row" class:archived=c.archived>
                        <td class="check">
                            <input
                                type="checkbox"
                                data-testid="row-check"
                                aria-label=c.name.clone()
                                prop:checked=move || selected.with(|s| s.contains(&c.id))
                                on:change=move |_| selected.update(|s| if !s.remove(&c.id) { s.insert(c.id); })
                            />
                        </td>
                        <td class="cell-main">
                            <A href=format!("/customers/{}", c.id)>{c.name.clone()}</A>
                            <span class="sub">{c.phones.first().map(|p| p.value.clone()).unwrap_or_default()}</span>
                        </td>
                        <td data-label=move || i18n.t(K::FieldIndustry) class:blank=c.industry.is_empty()>{c.industry.clone()}</td>
                        <td data-label=move || i18n.t(K::FieldRegion) class:blank=c.region.is_empty()>{c.region.clone()}</td>
                        <td data-label=move || i18n.t(K::FieldLifecycle)>
                            <span class="badge">{move || i18n.t(c.lifecycle.key())}</span>
                        </td>
                        <td data-label=move || i18n.t(K::FieldValueClass)>
                            <span class=format!("badge class-{:?}", c.value_class)>{format!("{:?}", c.value_class)}</span>
                        </td>
                        <td data-label=move || i18n.t(K::FieldOwner) class:blank=c.owner.is_empty()>{c.owner.clone()}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}
