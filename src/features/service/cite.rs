//! On a case's page: the knowledge-base article that solved it, found by searching while the
//! case is handled, cited or un-cited in one write.

use guanxi_core::service::case::ServiceCase;
use guanxi_core::service::commands::cite_article;
use guanxi_core::service::knowledge::search_articles;
use guanxi_core::store::Batch;
use leptos::prelude::*;

use crate::i18n::K;
use crate::platform::clock;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn CiteArticle(case: Memo<Option<ServiceCase>>) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let query = RwSignal::new(String::new());
    let cited = Memo::new(move |_| case.with(|c| c.as_ref().and_then(|c| c.article_id)));
    let found = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        data.articles.with(|all| {
            search_articles(all, &q)
                .into_iter()
                .take(6)
                .map(|a| (a.id, a.title.clone()))
                .collect::<Vec<_>>()
        })
    });
    let cite = move |article: Option<guanxi_core::Id>| {
        let Some(current) = case.get_untracked() else {
            return;
        };
        let updated = cite_article(&current, article, clock::now());
        saver.save(Batch::new().put(updated), move || {
            toasts.success(i18n.t(K::CaseCited))
        });
    };
    view! {
        <section class="card" data-testid="case-article">
            <h2>{move || i18n.t(K::CaseArticle)}</h2>
            {move || cited.get().map(|id| match data.live_article(id) {
                Some(a) => view! {
                    <p class="case-meta">
                        <A href=format!("/knowledge/{id}") attr:data-testid="cited-article">{a.title}</A>
                        <button type="button" class="btn btn-ghost btn-sm" data-testid="uncite" on:click=move |_| cite(None)>
                            {i18n.t(K::CaseUncite)}
                        </button>
                    </p>
                }.into_any(),
                None => view! { <p class="muted">{i18n.t(K::CaseArticleGone)}</p> }.into_any(),
            })}
            <input class="input" type="search" data-testid="article-find" aria-label=move || i18n.t(K::CaseArticleFind)
                placeholder=move || i18n.t(K::CaseArticleFind) prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/>
            <ul class="pick-list">
                {move || found.get().into_iter().map(|(id, title)| {
                    let label = i18n.fmt(K::CaseCiteArticle, &[("title", &title)]);
                    view! {
                        <li class="case-meta">
                            <A href=format!("/knowledge/{id}")>{title}</A>
                            <button type="button" class="btn btn-sm" data-testid="cite" aria-label=label
                                disabled=move || cited.get() == Some(id) on:click=move |_| cite(Some(id))>{i18n.t(K::CaseCite)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
