//! Deleted customers stay here, with their records, until restored or the trash is emptied.

use guanxi_core::customers::bulk::{empty_trash, Everything};
use guanxi_core::marketing::Campaign;
use guanxi_core::model::trash::restore;
use guanxi_core::service::case::ServiceCase;
use guanxi_core::service::knowledge::Article;
use guanxi_core::store::Batch;
use guanxi_core::{Customer, Id, Opportunity};
use leptos::prelude::*;

use crate::features::system::trashed::TrashedRecords;
use crate::i18n::K;
use crate::platform::clock;
use crate::state::{Change, InteractionScope};
use crate::ui::dialog::ConfirmDialog;
use crate::ui::empty::EmptyState;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn TrashPage() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let confirm = RwSignal::new(false);
    let trashed = Memo::new(move |_| {
        let mut list: Vec<Customer> = data
            .trashed_customers(|all| all.filter(|c| c.merged_into.is_none()).cloned().collect());
        list.sort_by_key(|c| std::cmp::Reverse(c.deleted_at));
        list
    });
    // Deals deleted on their own (a trashed customer's deals go and come back with it).
    let trashed_deals = Memo::new(move |_| {
        let gone: std::collections::HashSet<Id> =
            data.trashed_customers(|all| all.map(|c| c.id).collect());
        let mut list: Vec<Opportunity> = data.trashed_opportunities(|all| {
            all.filter(|o| !gone.contains(&o.customer_id))
                .cloned()
                .collect()
        });
        list.sort_by_key(|o| std::cmp::Reverse(o.deleted_at));
        list
    });
    // Cases deleted on their own, and articles (which belong to no customer).
    let trashed_cases = Memo::new(move |_| {
        let gone: std::collections::HashSet<Id> =
            data.trashed_customers(|all| all.map(|c| c.id).collect());
        data.cases.with(|all| {
            all.iter()
                .filter(|k| k.deleted_at.is_some() && !gone.contains(&k.customer_id))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let trashed_articles = Memo::new(move |_| {
        data.articles.with(|all| {
            all.iter()
                .filter(|a| a.deleted_at.is_some())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let trashed_campaigns = Memo::new(move |_| {
        data.campaigns.with(|all| {
            all.iter()
                .filter(|c| c.deleted_at.is_some())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let nothing = move || {
        trashed_campaigns.with(Vec::is_empty)
            && trashed.with(Vec::is_empty)
            && trashed_deals.with(Vec::is_empty)
            && trashed_cases.with(Vec::is_empty)
            && trashed_articles.with(Vec::is_empty)
    };
    let restore_deal = move |o: Opportunity| {
        saver.save(Batch::new().put(restore(&o, clock::now())), move || {
            toasts.success(i18n.t(K::Restored))
        });
    };
    let restore_one = move |c: Customer| {
        saver.save(Batch::new().put(restore(&c, clock::now())), move || {
            toasts.success(i18n.t(K::Restored))
        });
    };
    let empty = Callback::new(move |_| {
        saver.run(
            async move {
                let interactions = data.interactions(InteractionScope::All).await?;
                let (customers, contacts, follow_ups) = (
                    data.customers.get_untracked(),
                    data.contacts.get_untracked(),
                    data.follow_ups.get_untracked(),
                );
                let (opportunities, cases, articles, campaigns) = (
                    data.opportunities.get_untracked(),
                    data.cases.get_untracked(),
                    data.articles.get_untracked(),
                    data.campaigns.get_untracked(),
                );
                let batch = empty_trash(&Everything {
                    customers: &customers,
                    contacts: &contacts,
                    interactions: &interactions,
                    follow_ups: &follow_ups,
                    opportunities: &opportunities,
                    cases: &cases,
                    articles: &articles,
                    campaigns: &campaigns,
                });
                // Files of interactions purged for good go with them, in the same transaction.
                let purged: std::collections::HashSet<Id> =
                    batch.purges.iter().map(|(_, id)| *id).collect();
                let files: Vec<Id> = interactions
                    .iter()
                    .filter(|i| purged.contains(&i.id))
                    .flat_map(|i| i.attachments.iter().map(|a| a.id))
                    .collect();
                let change = Change::EditWithFiles {
                    batch,
                    add: Vec::new(),
                    remove: files,
                };
                data.commit(change).await
            },
            move |_| toasts.success(i18n.t(K::TrashEmptied)),
        );
    });
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::Trash)}</h1>
            <button class="btn btn-danger-ghost" data-testid="empty-trash" disabled=nothing on:click=move |_| confirm.set(true)>
                {move || i18n.t(K::EmptyTrash)}
            </button>
        </div>
        <p class="muted">{move || i18n.t(K::TrashExplain)}</p>
        {move || if nothing() {
            view! { <EmptyState title=Signal::derive(move || i18n.t(K::TrashEmptyTitle).to_string()) body=Signal::derive(move || i18n.t(K::TrashEmptyBody).to_string())/> }.into_any()
        } else {
            view! { <Show when=move || trashed.with(|t| !t.is_empty())><ul class="list card">{trashed.get().into_iter().map(|c| {
                let again = c.clone();
                view! {
                    <li data-testid="trash-row">
                        <strong>{c.name.clone()}</strong>
                        <span class="muted">{c.deleted_at.map(|t| t.to_datetime().format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()}</span>
                        <button class="btn btn-sm push" data-testid="restore" on:click=move |_| restore_one(again.clone())>{i18n.t(K::Restore)}</button>
                    </li>
                }
            }).collect_view()}</ul></Show>
            {move || trashed_deals.with(|d| !d.is_empty()).then(|| view! {
                <h2>{i18n.t(K::NavOpportunities)}</h2>
                <ul class="list card">{trashed_deals.get().into_iter().map(|o| {
                    let again = o.clone();
                    view! {
                        <li data-testid="trash-deal-row">
                            <strong>{o.title.clone()}</strong>
                            <span class="muted">{data.customer_name(o.customer_id)}</span>
                            <button class="btn btn-sm push" data-testid="restore-deal" on:click=move |_| restore_deal(again.clone())>{i18n.t(K::Restore)}</button>
                        </li>
                    }
                }).collect_view()}</ul>
            })}
            <TrashedRecords list=trashed_cases heading=K::CasesTitle testid="trash-case-row"
                describe=|k: &ServiceCase, data| (k.subject.clone(), data.customer_name(k.customer_id))/>
            <TrashedRecords list=trashed_articles heading=K::KnowledgeTitle testid="trash-article-row"
                describe=|a: &Article, _| (a.title.clone(), String::new())/>
            <TrashedRecords list=trashed_campaigns heading=K::CampaignsTitle testid="trash-campaign-row"
                describe=|c: &Campaign, _| (c.name.clone(), String::new())/>
            }.into_any()
        }}
        <ConfirmDialog open=confirm title=Signal::derive(move || i18n.t(K::EmptyTrash).to_string()) confirm_label=K::EmptyTrash danger=true on_confirm=empty>
            <p>{move || i18n.fmt(K::EmptyTrashBody, &[("n", &(trashed.with(Vec::len) + trashed_deals.with(Vec::len) + trashed_cases.with(Vec::len) + trashed_articles.with(Vec::len) + trashed_campaigns.with(Vec::len)).to_string())])}</p>
        </ConfirmDialog>
    }
}
