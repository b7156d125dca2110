//! One timeline of a customer's interactions and follow-ups, newest first.

use chrono::NaiveDateTime;
use guanxi_core::model::trash::trash;
use guanxi_core::service::case::CaseEvent;
use guanxi_core::store::Batch;
use guanxi_core::{FollowUp, FollowUpStatus, Id, Interaction, Record};
use leptos::prelude::*;

use crate::features::customers::detail::interactions::download_attachment;
use crate::features::daily::follow_up_actions::FollowUpActions;
use crate::features::daily::repeat::RepeatMarker;
use crate::features::settings::page::human_bytes;
use crate::i18n::{store_error_text, Labelled, K};
use crate::platform::clock;
use crate::state::{Change, InteractionScope};
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

#[derive(Clone)]
enum Entry {
    Interaction(Interaction),
    FollowUp(FollowUp),
    /// One step of a service case: its id, subject and the step.
    CaseStep(Id, String, CaseEvent),
}

impl Entry {
    fn when(&self) -> NaiveDateTime {
        match self {
            Entry::Interaction(i) => i.at,
            Entry::FollowUp(f) => f.due.and_time(f.time.unwrap_or_default()),
            Entry::CaseStep(_, _, step) => step.at,
        }
    }
}

#[component]
pub fn Timeline(customer: Id) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let interactions = data.interactions_in(move || InteractionScope::Customer(customer));
    let contact_name = move |id: Option<Id>| {
        id.and_then(|id| {
            data.contacts
                .with(|all| all.iter().find(|c| c.id == id).map(|c| c.name.clone()))
        })
    };
    // The opportunity an entry is about, as a small tag linking to it.
    let opportunity_tag = move |id: Option<Id>| {
        let id = id?;
        let title = data.live_opportunity(id)?.title;
        let text = i18n.fmt(K::OppTag, &[("title", &title)]);
        Some(
            view! { <A href=format!("/opportunities/{id}") attr:class="badge opp-tag" attr:data-testid="timeline-opportunity">{text}</A> },
        )
    };
    let remove_attachment = move |interaction: Interaction, attachment: Id| {
        let mut updated = interaction;
        updated.attachments.retain(|a| a.id != attachment);
        updated.touch(clock::now());
        saver.run(
            async move {
                let change = Change::EditWithFiles {
                    batch: Batch::new().put(updated),
                    add: Vec::new(),
                    remove: vec![attachment],
                };
                data.commit(change).await
            },
            move |_| toasts.success(i18n.t(K::Deleted)),
        );
    };
    let remove_interaction = move |interaction: Interaction| {
        saver.save(
            Batch::new().put(trash(&interaction, clock::now())),
            move || toasts.success(i18n.t(K::Deleted)),
        );
    };

    let entries = move || -> Result<Vec<Entry>, guanxi_core::store::StoreError> {
        let loaded = interactions.get().unwrap_or(Ok(None))?.unwrap_or_default();
        let mut list: Vec<Entry> = loaded
            .into_iter()
            .filter(Record::is_live)
            .map(Entry::Interaction)
            .collect();
        list.extend(
            data.follow_ups_of(customer)
                .into_iter()
                .map(Entry::FollowUp),
        );
        for case in data.cases_of(customer) {
            let (id, subject) = (case.id, case.subject);
            // Latest step first, so steps within one minute keep their order (the sort is stable).
            list.extend(
                case.history
                    .into_iter()
                    .rev()
                    .map(|step| Entry::CaseStep(id, subject.clone(), step)),
            );
        }
        list.sort_by_key(|e| std::cmp::Reverse(e.when()));
        Ok(list)
    };

    view! {
        <section class="card" data-testid="timeline">
            <h2>{move || i18n.t(K::Timeline)}</h2>
            {move || match entries() {
                Err(e) => view! { <div class="alert alert-error" role="alert">{store_error_text(i18n, &e)}</div> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p class="muted">{i18n.t(K::NoTimeline)}</p> }.into_any(),
                Ok(list) => view! {
                    <ol class="timeline">
                        {list.into_iter().map(|entry| match entry {
                            Entry::Interaction(i) => {
                                let for_delete = i.clone();
                                view! {
                                    <li data-testid="timeline-interaction">
                                        <div class="tl-head">
                                            <span class="when">{i.at.format("%Y-%m-%d %H:%M").to_string()}</span>
                                            <span class="badge">{i18n.t(i.kind.key())}</span>
                                            {contact_name(i.contact_id).map(|n| view! { <span class="muted">{n}</span> })}
                                            {opportunity_tag(i.opportunity_id)}
                                            <button class="btn btn-ghost btn-sm push" on:click=move |_| remove_interaction(for_delete.clone())>{i18n.t(K::Delete)}</button>
                                        </div>
                                        <p class="tl-text">{i.summary.clone()}</p>
                                        {(!i.outcome.is_empty()).then(|| view! { <p class="tl-outcome">{format!("{}{}{}", i18n.t(K::FieldOutcome), i18n.t(K::LabelSeparator), i.outcome)}</p> })}
                                        {(!i.competitor_news.is_empty()).then(|| view! { <p class="tl-outcome">{format!("{}{}{}", i18n.t(K::FieldCompetitorNews), i18n.t(K::LabelSeparator), i.competitor_news)}</p> })}
                                        {(!i.customer_opinion.is_empty()).then(|| view! { <p class="tl-outcome">{format!("{}{}{}", i18n.t(K::FieldCustomerOpinion), i18n.t(K::LabelSeparator), i.customer_opinion)}</p> })}
                                        {(!i.attachments.is_empty()).then(|| {
                                            let owner = i.clone();
                                            view! {
                                                <ul class="attachments">
                                                    {i.attachments.iter().cloned().map(|a| {
                                                        let (for_download, owner) = (a.clone(), owner.clone());
                                                        view! {
                                                            <li data-testid="attachment">
                                                                <button class="link" on:click=move |_| {
                                                                    let r = for_download.clone();
                                                                    leptos::task::spawn_local(async move {
                                                                        if let Err(e) = download_attachment(data, r).await {
                                                                            toasts.error(e);
                                                                        }
                                                                    });
                                                                }>{format!("📎 {} ({})", a.name, human_bytes(a.size as f64))}</button>
                                                                <button class="btn btn-ghost btn-sm" aria-label=i18n.fmt(K::RemoveItem, &[("what", &a.name)])
                                                                    on:click=move |_| remove_attachment(owner.clone(), a.id)>"×"</button>
                                                            </li>
                                                        }
                                                    }).collect_view()}
                                                </ul>
                                            }
                                        })}
                                    </li>
                                }.into_any()
                            }
                            Entry::CaseStep(id, subject, step) => view! {
                                <li class="tl-follow-up" data-testid="timeline-case">
                                    <div class="tl-head">
                                        <span class="when">{step.at.format("%Y-%m-%d %H:%M").to_string()}</span>
                                        <span class="badge">{i18n.t(K::TimelineCase)}</span>
                                        <span class="badge">{i18n.t(if step.reopened { K::CaseReopenedEvent } else { step.status.key() })}</span>
                                        <A href=format!("/cases/{id}")>{subject}</A>
                                    </div>
                                    {(!step.note.is_empty()).then(|| view! { <p class="tl-text">{step.note}</p> })}
                                </li>
                            }.into_any(),
                            Entry::FollowUp(f) => {
                                let open = f.status == FollowUpStatus::Open;
                                view! {
                                    <li class="tl-follow-up" data-testid="timeline-follow-up">
                                        <div class="tl-head">
                                            <span class="when">{f.due.to_string()}{f.time.map(|t| format!(" {}", t.format("%H:%M")))}</span>
                                            <span class=format!("badge status-{:?}", f.status)>{i18n.t(f.status.key())}</span>
                                            <span class="badge">{i18n.t(f.kind.key())}</span>
                                            {opportunity_tag(f.opportunity_id)}
                                            {f.recurrence.filter(|_| open).map(|rule| view! { <RepeatMarker rule=rule/> })}
                                        </div>
                                        <p class="tl-text">{f.purpose.clone()}</p>
                                        {(!f.result.is_empty()).then(|| view! { <p class="tl-outcome">{format!("{}{}{}", i18n.t(K::FieldResult), i18n.t(K::LabelSeparator), f.result)}</p> })}
                                        {open.then(|| view! { <FollowUpActions follow_up=f.clone()/> })}
                                    </li>
                                }.into_any()
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}
