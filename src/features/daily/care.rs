//! Customer care: birthdays in the coming 30 days, and customers not contacted for longer than
//! their value class allows. Each offers a follow-up in one click.

use guanxi_core::activity::care::{care_follow_up, not_contacted, upcoming_birthdays, Person};
use guanxi_core::store::Batch;
use guanxi_core::{Id, InteractionKind};
use leptos::prelude::*;

use crate::i18n::{store_error_text, K};
use crate::platform::clock;
use crate::state::InteractionScope;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn CarePage() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let today = clock::today();
    let planned = RwSignal::new(std::collections::HashSet::<(Id, Option<Id>)>::new());
    let birthdays = Memo::new(move |_| {
        data.customers
            .with(|c| data.contacts.with(|p| upcoming_birthdays(c, p, today, 30)))
    });
    let interactions = data.interactions_in(|| InteractionScope::All);
    let neglected = move || match interactions.get() {
        None | Some(Ok(None)) => None,
        Some(Err(e)) => Some(Err(e)),
        Some(Ok(Some(list))) => {
            let care = data.settings.with(|s| s.care_days);
            Some(Ok(data
                .customers
                .with(|c| not_contacted(c, &list, today, &care))))
        }
    };
    let customer = move |id: Id| {
        data.customers
            .with(|all| all.iter().find(|c| c.id == id).cloned())
    };
    // One click: a follow-up for today (birthday: on the day) with a purpose in the user's language.
    let plan = move |customer_id: Id,
                     contact: Option<Id>,
                     due: chrono::NaiveDate,
                     kind: InteractionKind,
                     purpose: String| {
        let Some(c) = customer(customer_id) else {
            return;
        };
        let follow_up = care_follow_up(&c, contact, due, kind, purpose, Id::random(), clock::now());
        saver.save(Batch::new().put(follow_up), move || {
            planned.update(|p| {
                p.insert((customer_id, contact));
            });
            toasts.success(i18n.t(K::FollowUpPlanned));
        });
    };
    let plan_button = move |key: (Id, Option<Id>), on_click: Box<dyn Fn() + Send + Sync>| {
        view! {
            <button class="btn btn-sm" data-testid="care-plan" disabled=move || planned.with(|p| p.contains(&key)) on:click=move |_| on_click()>
                {move || i18n.t(if planned.with(|p| p.contains(&key)) { K::FollowUpPlanned } else { K::PlanFollowUp })}
            </button>
        }
    };
    view! {
        <div class="page-head"><h1>{move || i18n.t(K::CareTitle)}</h1></div>
        <section class="card" data-testid="birthdays">
            <h2>{move || i18n.t(K::UpcomingBirthdays)}</h2>
            {move || {
                let list = birthdays.get();
                if list.is_empty() {
                    return view! { <p class="muted">{i18n.t(K::NoBirthdays)}</p> }.into_any();
                }
                view! { <ul class="list">{list.into_iter().map(|b| {
                    let contact = match b.who { Person::Contact { id, .. } => Some(id), Person::Customer(_) => None };
                    let purpose = i18n.fmt(K::BirthdayPurpose, &[("name", &b.name)]);
                    let (cid, due) = (b.customer_id, b.date);
                    view! {
                        <li data-testid="birthday-row">
                            <span class="when">{b.date.format("%m-%d").to_string()}</span>
                            <A href=format!("/customers/{}", b.customer_id)>{b.name.clone()}</A>
                            <span class="muted">{if b.days_until == 0 { i18n.t(K::DueToday).to_string() } else { i18n.fmt(K::InDays, &[("n", &b.days_until.to_string())]) }}</span>
                            {b.turning.map(|age| view! { <span class="badge">{i18n.fmt(K::Turning, &[("n", &age.to_string())])}</span> })}
                            <span class="push">{plan_button((cid, contact), Box::new(move || plan(cid, contact, due, InteractionKind::Message, purpose.clone())))}</span>
                        </li>
                    }
                }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section class="card" data-testid="neglected">
            <h2>{move || i18n.t(K::NotContacted)}</h2>
            <p class="muted small">{move || data.settings.with(|s| i18n.fmt(K::CareThresholds, &[
                ("a", &s.care_days.a.to_string()), ("b", &s.care_days.b.to_string()), ("c", &s.care_days.c.to_string()),
            ]))}</p>
            {move || match neglected() {
                None => view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <div class="alert alert-error">{store_error_text(i18n, &e)}</div> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{i18n.t(K::NoneNeglected)}</p> }.into_any(),
                Some(Ok(list)) => view! { <ul class="list">{list.into_iter().take(200).map(|n| {
                    let c = customer(n.customer_id);
                    let name = c.as_ref().map(|c| c.name.clone()).unwrap_or_default();
                    let class = c.map(|c| format!("{:?}", c.value_class)).unwrap_or_default();
                    let cid = n.customer_id;
                    let purpose = i18n.t(K::CarePurpose).to_string();
                    view! {
                        <li data-testid="neglected-row">
                            <span class=format!("badge class-{class}")>{class.clone()}</span>
                            <A href=format!("/customers/{cid}")>{name}</A>
                            <span class="muted">{match (n.last_contact, n.days_since) {
                                (Some(d), Some(days)) => i18n.fmt(K::LastContact, &[("date", &d.to_string()), ("n", &days.to_string())]),
                                _ => i18n.t(K::NeverContacted).to_string(),
                            }}</span>
                            <span class="push">{plan_button((cid, None), Box::new(move || plan(cid, None, today, InteractionKind::Call, purpose.clone())))}</span>
                        </li>
                    }
                }).collect_view()}</ul> }.into_any(),
            }}
        </section>
    }
}
