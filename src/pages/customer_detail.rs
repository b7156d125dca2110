//! One customer: profile, contacts and the timeline of interactions and follow-ups.

use guanxi_core::store::Store;
use guanxi_core::{Contact, Customer, FollowUp, Id, Interaction};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::i18n::{store_error_text, use_i18n, Labelled, K};
use crate::pages::not_found::NotFoundPage;
use crate::state::{use_data, DbStatus};

#[component]
pub fn CustomerDetailPage() -> impl IntoView {
    let data = use_data();
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    let customer = Memo::new(move |_| {
        id.get().and_then(|id| {
            data.customers.with(|all| {
                all.iter()
                    .find(|c| c.id == id && c.deleted_at.is_none())
                    .cloned()
            })
        })
    });
    move || {
        if data.status.get() == DbStatus::Opening {
            return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
        }
        match customer.get() {
            Some(c) => view! { <CustomerView customer=c/> }.into_any(),
            None => view! { <NotFoundPage/> }.into_any(),
        }
    }
}

#[component]
fn CustomerView(customer: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let id = customer.id;
    let stored = StoredValue::new(customer.clone());
    // Rebuilt when the language changes; the record itself is fixed for this view.
    let profile = move || {
        let c = stored.get_value();
        let or_not_set = |s: String| {
            if s.trim().is_empty() {
                i18n.t(K::NotSet).to_string()
            } else {
                s
            }
        };
        let joined = |items: &[guanxi_core::Labeled]| {
            items
                .iter()
                .map(|p| p.value.clone())
                .collect::<Vec<_>>()
                .join(" · ")
        };
        [
            (K::FieldKind, i18n.t(c.kind.key()).to_string()),
            (K::FieldCompany, or_not_set(c.company.clone())),
            (K::FieldIndustry, or_not_set(c.industry.clone())),
            (K::FieldSize, i18n.t(c.size.key()).to_string()),
            (K::FieldRegion, or_not_set(c.region.clone())),
            (K::FieldSource, or_not_set(c.source.clone())),
            (K::FieldOwner, or_not_set(c.owner.clone())),
            (K::FieldTags, or_not_set(c.tags.join("、"))),
            (K::FieldPhones, or_not_set(joined(&c.phones))),
            (K::FieldEmails, or_not_set(joined(&c.emails))),
            (K::FieldAddress, or_not_set(c.address.clone())),
            (
                K::FieldBirthday,
                or_not_set(c.birthday.map(|d| d.to_string()).unwrap_or_default()),
            ),
        ]
        .into_iter()
        .map(|(label, value)| view! { <dt>{i18n.t(label)}</dt><dd>{value}</dd> })
        .collect_view()
    };

    view! {
        <div class="page-head">
            <div>
                <A href="/customers" attr:class="back">{move || format!("← {}", i18n.t(K::BackToList))}</A>
                <h1 data-testid="customer-name">{customer.name.clone()}</h1>
                <div class="badges">
                    <span class="badge">{move || i18n.t(customer.lifecycle.key())}</span>
                    <span class=format!("badge class-{:?}", customer.value_class)>
                        {move || i18n.t(customer.value_class.key())}
                    </span>
                </div>
            </div>
            <A href=format!("/customers/{id}/edit") attr:class="btn" attr:data-testid="edit-customer">
                {move || i18n.t(K::Edit)}
            </A>
        </div>
        <div class="detail-grid">
            <section class="card">
                <h2>{move || i18n.t(K::Profile)}</h2>
                <dl class="props">{profile}</dl>
                {(!customer.notes.is_empty())
                    .then(|| view! {
                        <h3>{move || i18n.t(K::FieldNotes)}</h3>
                        <p class="notes">{customer.notes.clone()}</p>
                    })}
            </section>
            <Related customer=id/>
        </div>
    }
}

/// Contacts and the timeline, read from the customer's index entries.
#[component]
fn Related(customer: Id) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let loaded = LocalResource::new(move || async move {
        let db = data.db()?;
        let contacts = db.by_customer::<Contact>(customer).await?;
        let interactions = db.by_customer::<Interaction>(customer).await?;
        Ok::<_, guanxi_core::store::StoreError>((contacts, interactions))
    });
    let follow_ups = Memo::new(move |_| {
        data.follow_ups.with(|all| {
            all.iter()
                .filter(|f| f.customer_id == customer && f.deleted_at.is_none())
                .cloned()
                .collect::<Vec<FollowUp>>()
        })
    });
    move || match loaded.get() {
        None => view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <div class="alert alert-error" role="alert">{store_error_text(i18n, &e)}</div> }
                .into_any()
        }
        Some(Ok((contacts, interactions))) => {
            let contacts: Vec<Contact> = contacts
                .into_iter()
                .filter(|c| c.deleted_at.is_none())
                .collect();
            let mut timeline: Vec<(String, String, String)> = interactions
                .into_iter()
                .filter(|i| i.deleted_at.is_none())
                .map(|i| {
                    (
                        i.at.format("%Y-%m-%d %H:%M").to_string(),
                        i18n.t(i.kind.key()).to_string(),
                        i.summary,
                    )
                })
                .collect();
            timeline.extend(follow_ups.get().into_iter().map(|f| {
                (
                    f.due.to_string(),
                    format!("{} · {}", i18n.t(f.status.key()), i18n.t(f.kind.key())),
                    f.purpose,
                )
            }));
            // Newest first: ISO dates sort as text.
            timeline.sort_by(|a, b| b.0.cmp(&a.0));
            view! {
                <div class="stack">
                <section class="card">
                    <h2>{i18n.t(K::Contacts)}</h2>
                    {if contacts.is_empty() {
                        view! { <p class="muted">{i18n.t(K::NoContacts)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="list">
                                {contacts
                                    .into_iter()
                                    .map(|c| view! {
                                        <li>
                                            <strong>{c.name}</strong>
                                            <span class="muted">{format!(" {} {}", c.title, c.department)}</span>
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                </section>
                <section class="card">
                    <h2>{i18n.t(K::Timeline)}</h2>
                    {if timeline.is_empty() {
                        view! { <p class="muted">{i18n.t(K::NoTimeline)}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="timeline">
                                {timeline
                                    .into_iter()
                                    .map(|(when, what, text)| view! {
                                        <li>
                                            <span class="when">{when}</span>
                                            <span class="badge">{what}</span>
                                            <span>{text}</span>
                                        </li>
                                    })
                                    .collect_view()}
                            </ol>
                        }
                            .into_any()
                    }}
                </section>
                </div>
            }
                .into_any()
        }
    }
}
