//! The day's work: open follow-ups that are overdue, due today, or due in the next 7 days.

use chrono::{Duration, NaiveDate};
use guanxi_core::{FollowUp, FollowUpStatus};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::clock;
use crate::components::empty::EmptyState;
use crate::i18n::{use_i18n, Labelled, K};
use crate::state::use_data;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bucket {
    Overdue,
    Today,
    Soon,
}

fn bucket(due: NaiveDate, today: NaiveDate) -> Option<Bucket> {
    if due < today {
        Some(Bucket::Overdue)
    } else if due == today {
        Some(Bucket::Today)
    } else if due <= today + Duration::days(7) {
        Some(Bucket::Soon)
    } else {
        None
    }
}

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let today = clock::today();
    let open = Memo::new(move |_| {
        let mut items: Vec<FollowUp> = data.follow_ups.with(|all| {
            all.iter()
                .filter(|f| f.deleted_at.is_none() && f.status == FollowUpStatus::Open)
                .filter(|f| bucket(f.due, today).is_some())
                .cloned()
                .collect()
        });
        items.sort_by_key(|f| (f.due, f.time));
        items
    });
    let customer_name = move |id| {
        data.customers.with(|all| {
            all.iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    };
    let section = move |which: Bucket, title: K| {
        move || {
            let items: Vec<FollowUp> = open.with(|all| {
                all.iter()
                    .filter(|f| bucket(f.due, today) == Some(which))
                    .cloned()
                    .collect()
            });
            (!items.is_empty()).then(|| {
                view! {
                    <section class="card" data-testid="follow-up-section">
                        <h2>{i18n.t(title)} <span class="muted">{format!(" {}", items.len())}</span></h2>
                        <ul class="list">
                            {items
                                .into_iter()
                                .map(|f| view! {
                                    <li class="follow-up">
                                        <span class="when">{f.due.to_string()}</span>
                                        <span class="badge">{i18n.t(f.kind.key())}</span>
                                        <A href=format!("/customers/{}", f.customer_id)>{customer_name(f.customer_id)}</A>
                                        <span>{f.purpose.clone()}</span>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
        }
    };
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::FollowUpsTitle)}</h1>
        </div>
        {move || open.with(Vec::is_empty).then(|| view! {
            <EmptyState
                title=Signal::derive(move || i18n.t(K::NoFollowUpsTitle).to_string())
                body=Signal::derive(move || i18n.t(K::NoFollowUpsBody).to_string())
            />
        })}
        {section(Bucket::Overdue, K::Overdue)}
        {section(Bucket::Today, K::DueToday)}
        {section(Bucket::Soon, K::Next7Days)}
    }
}
