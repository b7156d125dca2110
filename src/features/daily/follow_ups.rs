//! The day's work: open follow-ups that are overdue, due today or in the next 7 days, for one
//! owner or all, with a per-owner summary. Done, reschedule and cancel work in place.

use chrono::{Duration, NaiveDate};
use guanxi_core::{FollowUp, FollowUpStatus};
use leptos::prelude::*;

use crate::features::daily::follow_up_actions::FollowUpActions;
use crate::features::daily::owner_filter::OwnerFilter;
use crate::features::daily::repeat::RepeatMarker;
use crate::features::service::sections::MyOpenCases;
use crate::i18n::{Labelled, K};
use crate::platform::clock;
use crate::ui::empty::EmptyState;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

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
    let Kit { i18n, data, .. } = use_kit();
    let today = clock::today();
    let owner = query_param("owner");
    let set = use_query_setter("/follow-ups");
    let open = Memo::new(move |_| {
        let mut items: Vec<FollowUp> = data.live_follow_ups(|all| {
            all.filter(|f| f.status == FollowUpStatus::Open && bucket(f.due, today).is_some())
                .cloned()
                .collect()
        });
        items.sort_by_key(|f| (f.due, f.time));
        items
    });
    let mine = Memo::new(move |_| {
        let o = owner.get();
        open.with(|all| {
            all.iter()
                .filter(|f| o.is_empty() || f.owner == o)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // Per owner: overdue, today, next 7 days.
    let by_owner = Memo::new(move |_| {
        let mut rows: Vec<(String, [usize; 3])> = Vec::new();
        open.with(|all| {
            for f in all {
                let slot = match bucket(f.due, today) {
                    Some(Bucket::Overdue) => 0,
                    Some(Bucket::Today) => 1,
                    _ => 2,
                };
                match rows.iter_mut().find(|(o, _)| *o == f.owner) {
                    Some((_, counts)) => counts[slot] += 1,
                    None => {
                        let mut counts = [0; 3];
                        counts[slot] = 1;
                        rows.push((f.owner.clone(), counts));
                    }
                }
            }
        });
        rows.sort_by(|a, b| (a.0.is_empty(), &a.0).cmp(&(b.0.is_empty(), &b.0)));
        rows
    });
    let customer_name = move |id| data.customer_name(id);
    let section = move |which: Bucket, title: K| {
        move || {
            let items: Vec<FollowUp> = mine.with(|all| {
                all.iter()
                    .filter(|f| bucket(f.due, today) == Some(which))
                    .cloned()
                    .collect()
            });
            (!items.is_empty()).then(|| view! {
                <section class="card" data-testid=format!("section-{}", match which { Bucket::Overdue => "overdue", Bucket::Today => "today", Bucket::Soon => "soon" })>
                    <h2>{i18n.t(title)} <span class="muted">{format!(" {}", items.len())}</span></h2>
                    <ul class="list">
                        {items.into_iter().map(|f| view! {
                            <li class="follow-up" data-testid="follow-up-row">
                                <div class="fu-main">
                                    <span class="when">{f.due.to_string()}{f.time.map(|t| format!(" {}", t.format("%H:%M")))}</span>
                                    <span class="badge">{i18n.t(f.kind.key())}</span>
                                    <A href=format!("/customers/{}", f.customer_id)>{customer_name(f.customer_id)}</A>
                                    <span>{f.purpose.clone()}</span>
                                    {f.recurrence.map(|rule| view! { <RepeatMarker rule=rule/> })}
                                    {(!f.owner.is_empty()).then(|| view! { <span class="muted">{f.owner.clone()}</span> })}
                                </div>
                                <FollowUpActions follow_up=f.clone()/>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }
    };
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::FollowUpsTitle)}</h1>
            <div class="actions">
                <A href="/visits" attr:class="btn">{move || i18n.t(K::NavVisits)}</A>
                <A href="/report" attr:class="btn">{move || i18n.t(K::NavReport)}</A>
            </div>
        </div>
        <div class="toolbar">
            <OwnerFilter
                path="/follow-ups"
                owners=Signal::derive(move || by_owner.get().into_iter().map(|(o, _)| o).filter(|o| !o.is_empty()).collect())
            />
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
        <MyOpenCases/>
        {move || (!by_owner.with(Vec::is_empty)).then(|| view! {
            <section class="card" data-testid="by-owner">
                <h2>{i18n.t(K::ByOwner)}</h2>
                <table class="table compact">
                    <thead><tr>
                        <th>{i18n.t(K::FieldOwner)}</th><th>{i18n.t(K::Overdue)}</th><th>{i18n.t(K::DueToday)}</th><th>{i18n.t(K::Next7Days)}</th>
                    </tr></thead>
                    <tbody>
                        {by_owner.get().into_iter().map(|(o, [late, now, soon])| {
                            let set = set.clone();
                            let name = if o.is_empty() { i18n.t(K::NoOwner).to_string() } else { o.clone() };
                            view! {
                                <tr>
                                    <td><button class="link" on:click=move |_| set(&[("owner", Some(o.clone()))])>{name}</button></td>
                                    <td data-label=i18n.t(K::Overdue)>{late}</td>
                                    <td data-label=i18n.t(K::DueToday)>{now}</td>
                                    <td data-label=i18n.t(K::Next7Days)>{soon}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
    }
}
