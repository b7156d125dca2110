//! The daily sales report for a chosen day, per owner: interactions with their outcomes,
//! competitor news and customer opinions, follow-ups completed, deals won, payments received,
//! new customers. Printable.

use guanxi_core::activity::daily_report::daily_report;
use guanxi_core::model::money::{currency_of, format_money};
use guanxi_core::Interaction;
use leptos::prelude::*;

use crate::features::daily::visit_plan::print_head;
use crate::i18n::{store_error_text, Labelled, K};
use crate::state::InteractionScope;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::use_day_param;

#[component]
pub fn DailyReportPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let day_param = use_day_param("/report");
    let day = day_param.day;
    // Only the day's interactions are read, through the by-time index.
    let interactions = data.interactions_in(move || InteractionScope::Day(day.get()));
    // Minutes east of UTC; JavaScript counts the other way.
    let tz_offset = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    let report = move || {
        let list: Vec<Interaction> = match interactions.get() {
            None | Some(Ok(None)) => return Ok(None),
            Some(r) => r?.unwrap_or_default(),
        };
        let d = day.get();
        Ok::<_, guanxi_core::store::StoreError>(Some(data.customers.with(|c| {
            data.follow_ups.with(|f| {
                data.opportunities.with(|o| {
                    data.settings
                        .with(|s| daily_report(d, c, &list, f, (o, s), tz_offset))
                })
            })
        })))
    };
    let customer_name = move |id| data.customer_name(id);
    // Deals with an amount each (the deal's own for a win, the day's payments for collections).
    let deal_list = move |title: K,
                          testid: &'static str,
                          deals: Vec<(guanxi_core::Opportunity, i64)>| {
        (!deals.is_empty()).then(|| view! {
            <h3>{i18n.t(title)}</h3>
            <ul class="list" data-testid=testid>{deals.into_iter().map(|(d, amount)| {
                let amount = data.settings.with(|s| format_money(amount, &currency_of(&d, s)));
                view! {
                    <li>
                        <A href=format!("/opportunities/{}", d.id)>{d.title.clone()}</A>
                        <A href=format!("/customers/{}", d.customer_id)>{customer_name(d.customer_id)}</A>
                        <strong class="amount">{amount}</strong>
                    </li>
                }
            }).collect_view()}</ul>
        })
    };
    view! {
        {print_head(K::DailyReportTitle)}
        <div class="toolbar">
            {day_param.picker("report-day")}
        </div>
        <h2 class="print-only">{move || format!("{} · {}", i18n.t(K::DailyReportTitle), day.get())}</h2>
        {move || match report() {
            Err(e) => view! { <div class="alert alert-error" role="alert">{store_error_text(i18n, &e)}</div> }.into_any(),
            Ok(None) => view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any(),
            Ok(Some(r)) => view! {
                <div class="stats" data-testid="report-totals">
                    <div class="stat"><span class="stat-n">{r.totals.0}</span><span>{i18n.t(K::Interactions)}</span></div>
                    <div class="stat"><span class="stat-n">{r.totals.1}</span><span>{i18n.t(K::FollowUpsDone)}</span></div>
                    <div class="stat"><span class="stat-n">{r.totals.2}</span><span>{i18n.t(K::NewCustomers)}</span></div>
                </div>
                {r.owners.into_iter().map(|o| view! {
                    <section class="card" data-testid="report-owner">
                        <h2>{if o.owner.is_empty() { i18n.t(K::NoOwner).to_string() } else { o.owner.clone() }}</h2>
                        {(!o.interactions.is_empty()).then(|| view! {
                            <h3>{i18n.t(K::Interactions)}</h3>
                            <ul class="list">{o.interactions.into_iter().map(|i| view! {
                                <li>
                                    <span class="when">{i.at.format("%H:%M").to_string()}</span>
                                    <span class="badge">{i18n.t(i.kind.key())}</span>
                                    <A href=format!("/customers/{}", i.customer_id)>{customer_name(i.customer_id)}</A>
                                    <span>{i.summary.clone()}</span>
                                    {(!i.outcome.is_empty()).then(|| view! { <span class="muted">{format!("→ {}", i.outcome)}</span> })}
                                    {(!i.competitor_news.is_empty()).then(|| view! { <span class="sub" data-testid="report-competitor">{format!("{}{}{}", i18n.t(K::FieldCompetitorNews), i18n.t(K::LabelSeparator), i.competitor_news)}</span> })}
                                    {(!i.customer_opinion.is_empty()).then(|| view! { <span class="sub" data-testid="report-opinion">{format!("{}{}{}", i18n.t(K::FieldCustomerOpinion), i18n.t(K::LabelSeparator), i.customer_opinion)}</span> })}
                                </li>
                            }).collect_view()}</ul>
                        })}
                        {(!o.follow_ups_done.is_empty()).then(|| view! {
                            <h3>{i18n.t(K::FollowUpsDone)}</h3>
                            <ul class="list">{o.follow_ups_done.into_iter().map(|f| view! {
                                <li>
                                    <A href=format!("/customers/{}", f.customer_id)>{customer_name(f.customer_id)}</A>
                                    <span>{f.purpose.clone()}</span>
                                    <span class="muted">{format!("→ {}", f.result)}</span>
                                </li>
                            }).collect_view()}</ul>
                        })}
                        {deal_list(K::DealsWonToday, "report-won", o.deals_won.into_iter().map(|d| { let a = d.amount; (d, a) }).collect())}
                        {deal_list(K::CollectedToday, "report-collected", o.collected)}
                        {(!o.new_customers.is_empty()).then(|| view! {
                            <h3>{i18n.t(K::NewCustomers)}</h3>
                            <ul class="list">{o.new_customers.into_iter().map(|c| view! {
                                <li><A href=format!("/customers/{}", c.id)>{c.name.clone()}</A></li>
                            }).collect_view()}</ul>
                        })}
                    </section>
                }).collect_view()}
            }.into_any(),
        }}
    }
}
