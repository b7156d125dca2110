//! The knowledge base (`/knowledge`): search as you type (the query in the URL), the most
//! cited articles, and each article's page with its form (`/knowledge/new`, `/knowledge/<id>`).

use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::service::knowledge::{
    most_cited, save_article, search_articles, Article, ArticleForm,
};
use guanxi_core::store::Batch;
use guanxi_core::Id;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::features::system::not_found::NotFoundPage;
use crate::i18n::K;
use crate::platform::clock;
use crate::state::DbStatus;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::empty::EmptyState;
use crate::ui::form::{bind, error_for, TextAreaField, TextField};
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

#[component]
pub fn KnowledgePage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let q = query_param("q");
    let set = use_query_setter("/knowledge");
    let any = Memo::new(move |_| {
        data.articles
            .with(|all| all.iter().any(|a| a.deleted_at.is_none()))
    });
    let found = Memo::new(move |_| {
        let q = q.get();
        data.articles.with(|all| {
            search_articles(all, &q)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let cited = Memo::new(move |_| {
        data.articles.with(|a| {
            data.cases.with(|c| {
                most_cited(a, c)
                    .into_iter()
                    .take(5)
                    .map(|(a, ids)| (a.clone(), ids.len()))
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::KnowledgeTitle)}</h1>
            <A href="/knowledge/new" attr:class="btn btn-primary" attr:data-testid="new-article">{move || i18n.t(K::ArticleNew)}</A>
        </div>
        {move || if !any.get() {
            view! {
                <EmptyState title=Signal::derive(move || i18n.t(K::KnowledgeTitle).to_string())
                    body=Signal::derive(move || i18n.t(K::KnowledgeEmpty).to_string())/>
            }.into_any()
        } else {
            let set = set.clone();
            view! {
                <div class="toolbar">
                    <input class="input" type="search" data-testid="article-search" aria-label=move || i18n.t(K::KnowledgeSearch)
                        placeholder=move || i18n.t(K::KnowledgeSearch) prop:value=move || q.get()
                        on:input=move |ev| set(&[("q", Some(event_target_value(&ev)))])/>
                </div>
                {move || (!cited.with(Vec::is_empty) && q.get().trim().is_empty()).then(|| view! {
                    <section class="card" data-testid="most-cited">
                        <h2>{i18n.t(K::KnowledgeMostCited)}</h2>
                        <ol class="list">
                            {cited.get().into_iter().map(|(a, n)| view! {
                                <li class="follow-up">
                                    <A href=format!("/knowledge/{}", a.id)>{a.title.clone()}</A>
                                    <span class="muted">{i18n.fmt(K::KnowledgeCitedTimes, &[("n", &n.to_string())])}</span>
                                </li>
                            }).collect_view()}
                        </ol>
                    </section>
                })}
                <section class="card">
                    {move || {
                        let list = found.get();
                        if list.is_empty() {
                            return view! { <p class="muted" data-testid="articles-none">{i18n.t(K::KnowledgeNoMatch)}</p> }.into_any();
                        }
                        view! {
                            <ul class="case-list">
                                {list.into_iter().map(|a| view! {
                                    <li class="case-row" data-testid="article-row">
                                        <div class="case-main">
                                            <A href=format!("/knowledge/{}", a.id)>{a.title.clone()}</A>
                                            <span class="muted small">{a.body.chars().take(80).collect::<String>()}</span>
                                        </div>
                                        <div class="case-meta">{a.tags.iter().map(|t| view! { <span class="badge">{t.clone()}</span> }).collect_view()}</div>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }.into_any()
        }}
    }
}

#[component]
pub fn ArticlePage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let params = use_params_map();
    let editing = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    let existing = Memo::new(move |prev: Option<&Option<Article>>| {
        let id = editing.get();
        if let Some(Some(kept)) = prev.filter(|p| p.as_ref().map(|a| a.id) == id) {
            return Some(kept.clone());
        }
        id.and_then(|id| data.live_article(id))
    });
    move || {
        if data.status.get() == DbStatus::Opening {
            return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
        }
        match (editing.get(), existing.get()) {
            (Some(_), None) => view! { <NotFoundPage/> }.into_any(),
            (_, existing) => view! { <ArticleEditor existing=existing/> }.into_any(),
        }
    }
}

#[component]
fn ArticleEditor(existing: Option<Article>) -> impl IntoView {
    let Kit {
        i18n,
        toasts,
        saver,
        ..
    } = use_kit();
    let form = RwSignal::new(
        existing
            .as_ref()
            .map(ArticleForm::from_record)
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let is_new = existing.is_none();
    let title = existing
        .as_ref()
        .map(|a| a.title.clone())
        .unwrap_or_default();
    let existing = StoredValue::new(existing);
    let confirm_delete = RwSignal::new(false);
    let navigate = use_navigate();
    let to_list = navigate.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = form.get_untracked();
        match save_article(
            &current,
            existing.get_value().as_ref(),
            Id::random(),
            clock::now(),
        ) {
            Ok(article) => {
                errors.set(Vec::new());
                let to = format!("/knowledge/{}", article.id);
                let navigate = navigate.clone();
                saver.save(Batch::new().put(article), move || {
                    toasts.success(i18n.t(K::ArticleSaved));
                    if is_new {
                        navigate(&to, Default::default());
                    }
                });
            }
            Err(errs) => {
                errors.set(errs);
                toasts.error(i18n.t(K::FixErrors));
            }
        }
    };
    let delete = Callback::new(move |()| {
        let Some(a) = existing.get_value() else {
            return;
        };
        let trashed = guanxi_core::model::trash::trash(&a, clock::now());
        let to_list = to_list.clone();
        saver.save(Batch::new().put(trashed), move || {
            toasts.success(i18n.t(K::MovedToTrash));
            to_list("/knowledge", Default::default());
        });
    });
    view! {
        <div class="page-head">
            <div>
                <A href="/knowledge" attr:class="back">{move || format!("← {}", i18n.t(K::BackToKnowledge))}</A>
                <h1>{move || i18n.t(if is_new { K::ArticleNew } else { K::ArticleEdit })}</h1>
            </div>
        </div>
        <form class="card form" on:submit=submit novalidate data-testid="article-form">
            <TextField label=K::ArticleTitle id="article-title" error=error_for(errors, Field::Subject) required=true flag_invalid=true
                bind=bind(form, |f| &f.title, |f, v| f.title = v)/>
            <TextField label=K::ArticleTags id="article-tags" hint=K::FieldTagsHint error=error_for(errors, Field::Tags)
                bind=bind(form, |f| &f.tags, |f, v| f.tags = v)/>
            <TextAreaField label=K::ArticleBody id="article-body" rows=10 required=true error=error_for(errors, Field::Description)
                bind=bind(form, |f| &f.body, |f, v| f.body = v)/>
            <div class="form-actions">
                {(!is_new).then(|| view! {
                    <button type="button" class="btn btn-danger-ghost" data-testid="delete-article"
                        on:click=move |_| confirm_delete.set(true)>{move || i18n.t(K::Delete)}</button>
                })}
                <A href="/knowledge" attr:class="btn btn-ghost">{move || i18n.t(K::Cancel)}</A>
                <button type="submit" class="btn btn-primary" data-testid="save" disabled=move || saver.pending()>
                    {move || i18n.t(if saver.pending() { K::Saving } else { K::Save })}
                </button>
            </div>
        </form>
        <ConfirmDialog open=confirm_delete title=Signal::derive(move || i18n.t(K::ArticleDeleteTitle).to_string())
            confirm_label=K::Delete danger=true on_confirm=delete>
            <p>{i18n.fmt(K::ArticleDeleteBody, &[("title", &title)])}</p>
        </ConfirmDialog>
    }
}
