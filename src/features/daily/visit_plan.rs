//! The daily visit plan for a chosen day: who to see, where, when and why. Printable.

use guanxi_core::activity::daily_report::visit_plan;
use leptos::prelude::*;

use crate::features::daily::owner_filter::OwnerFilter;
use crate::features::daily::repeat::RepeatMarker;
use crate::i18n::{use_i18n, Labelled, K};
use crate::ui::empty::EmptyState;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_day_param};

/// Opens the browser's print dialog; print CSS hides the app's chrome.
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The heading of a printable page, with its print button.
pub fn print_head(title: K) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(title)}</h1>
            <button class="btn" on:click=|_| print_page()>{move || i18n.t(K::Print)}</button>
        </div>
    }
}

#[component]
pub fn VisitPlanPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let owner = query_param("owner");
    let day_param = use_day_param("/visits");
    let day = day_param.day;
    let rows = Memo::new(move |_| {
        let o = owner.get();
        let d = day.get();
        data.follow_ups.with(|f| {
            data.customers.with(|c| {
                data.contacts
                    .with(|p| visit_plan(d, f, c, p, Some(o.as_str()).filter(|s| !s.is_empty())))
            })
        })
    });
    let owners = Memo::new(move |_| data.settings.with(|s| s.owners.clone()));
    view! {
        {print_head(K::VisitPlanTitle)}
        <div class="toolbar">
            {day_param.picker("visit-day")}
            <OwnerFilter path="/visits" owners=owners/>
        </div>
        <h2 class="print-only">{move || format!("{} · {}", i18n.t(K::VisitPlanTitle), day.get())}</h2>
        {move || if rows.with(Vec::is_empty) {
            view! {
                <EmptyState
                    title=Signal::derive(move || i18n.t(K::NoVisitsTitle).to_string())
                    body=Signal::derive(move || i18n.t(K::NoVisitsBody).to_string())
                />
            }.into_any()
        } else {
            view! {
                <table class="table" data-testid="visit-table">
                    <thead><tr>
                        <th>{i18n.t(K::FieldTime)}</th><th>{i18n.t(K::FieldCustomer)}</th><th>{i18n.t(K::FieldContact)}</th>
                        <th>{i18n.t(K::FieldPlace)}</th><th>{i18n.t(K::FieldPurpose)}</th><th>{i18n.t(K::FieldOwner)}</th><th>{i18n.t(K::FieldStatus)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.get().into_iter().map(|r| view! {
                            <tr data-testid="visit-row">
                                <td class="cell-main">{r.time.map(|t| t.format("%H:%M").to_string()).unwrap_or_else(|| "—".into())}</td>
                                <td data-label=i18n.t(K::FieldCustomer)><A href=format!("/customers/{}", r.customer_id)>{r.customer_name.clone()}</A></td>
                                <td data-label=i18n.t(K::FieldContact) class:blank=r.contact_name.is_empty()>{r.contact_name.clone()}</td>
                                <td data-label=i18n.t(K::FieldPlace) class:blank=r.place.is_empty()>{r.place.clone()}</td>
                                <td data-label=i18n.t(K::FieldPurpose)>
                                    {format!("{} · {}", i18n.t(r.kind.key()), r.purpose)}
                                    {r.recurrence.map(|rule| view! { " " <RepeatMarker rule=rule/> })}
                                </td>
                                <td data-label=i18n.t(K::FieldOwner) class:blank=r.owner.is_empty()>{r.owner.clone()}</td>
                                <td data-label=i18n.t(K::FieldStatus)><span class="badge">{i18n.t(r.status.key())}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
