//! Settings: demo data for classes and demos, and erasing everything (typed confirmation).

use guanxi_core::customers::query::facet_key;
use guanxi_core::demo::{demo_settings, generate, DemoLang};
use guanxi_core::store::Batch;
use leptos::prelude::*;

use crate::i18n::{Lang, K};
use crate::platform::clock;
use crate::platform::db::yield_to_browser;
use crate::state::Change;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::save::{use_kit, Kit};

/// The share of the bar for generating the records; writing them fills the rest.
const GENERATED: f64 = 0.2;

#[component]
pub fn DataSettings() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let confirm_erase = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    // Loading shows a bar: generating is one step, then writing reports its share (encoding
    // and, with encryption on, sealing), then the whole store is read again.
    let progress = RwSignal::new(None::<f64>);
    let load = move |count: usize| {
        progress.set(Some(0.0));
        let lang = match i18n.lang() {
            Lang::ZhCn => DemoLang::Zh,
            Lang::En => DemoLang::En,
        };
        saver.run(
            async move {
                // Let the bar paint before generating, which holds the page for a moment.
                yield_to_browser().await;
                // A fixed seed: every student who loads "1,000" gets the same customers.
                let demo = generate(count, lang, 2026, clock::today(), clock::now());
                progress.set(Some(GENERATED));
                let mut settings = data.settings_to_edit();
                let wanted = demo_settings(&demo);
                for owner in wanted.owners {
                    if !settings.owners.contains(&owner) {
                        settings.owners.push(owner);
                    }
                }
                // The demo's margin and targets fill gaps only: a team's own choices stay.
                settings.gross_margin_percent = settings
                    .gross_margin_percent
                    .or(wanted.gross_margin_percent);
                for target in wanted.collection_targets {
                    if !settings
                        .collection_targets
                        .iter()
                        .any(|t| t.owner == target.owner)
                    {
                        settings.collection_targets.push(target);
                    }
                }
                // Demo segments join the team's own unless one has the id or the name already.
                for segment in wanted.segments {
                    let key = facet_key(&segment.name);
                    if !settings
                        .segments
                        .iter()
                        .any(|s| s.id == segment.id || facet_key(&s.name) == key)
                    {
                        settings.segments.push(segment);
                    }
                }
                let mut batch = Batch::new();
                batch.puts.extend(
                    demo.customers
                        .into_iter()
                        .map(guanxi_core::Record::into_any),
                );
                batch
                    .puts
                    .extend(demo.contacts.into_iter().map(guanxi_core::Record::into_any));
                batch.puts.extend(
                    demo.interactions
                        .into_iter()
                        .map(guanxi_core::Record::into_any),
                );
                batch.puts.extend(
                    demo.follow_ups
                        .into_iter()
                        .map(guanxi_core::Record::into_any),
                );
                batch.puts.extend(
                    demo.opportunities
                        .into_iter()
                        .map(guanxi_core::Record::into_any),
                );
                batch
                    .puts
                    .extend(demo.cases.into_iter().map(guanxi_core::Record::into_any));
                batch
                    .puts
                    .extend(demo.articles.into_iter().map(guanxi_core::Record::into_any));
                batch.puts.extend(
                    demo.campaigns
                        .into_iter()
                        .map(guanxi_core::Record::into_any),
                );
                let on_progress =
                    move |p: f64| progress.set(Some(GENERATED + (1.0 - GENERATED) * p));
                let written = data
                    .commit_with_progress(Change::Seed(batch, settings), &on_progress)
                    .await;
                progress.set(None);
                written
            },
            move |_| toasts.success(i18n.fmt(K::DemoLoaded, &[("n", &count.to_string())])),
        );
    };
    let erase = Callback::new(move |_| {
        typed.set(String::new());
        saver.commit(Change::EraseAll, move |_| toasts.success(i18n.t(K::Erased)));
    });
    view! {
        <section class="card" id="demo" data-testid="demo-card">
            <h2>{move || i18n.t(K::DemoTitle)}</h2>
            <p class="muted small">{move || i18n.t(K::DemoExplain)}</p>
            <div class="row-form">
                {[100usize, 1_000, 10_000, 100_000].into_iter().map(|n| view! {
                    <button class="btn" data-testid=format!("demo-{n}") disabled=move || saver.pending() on:click=move |_| load(n)>
                        {move || i18n.fmt(K::DemoLoad, &[("n", &n.to_string())])}
                    </button>
                }).collect_view()}
                {move || saver.pending().then(|| view! { <span class="muted" role="status">{i18n.t(K::Working)}</span> })}
            </div>
            {move || progress.get().map(|p| view! {
                <div class="progress" role="progressbar" aria-label=i18n.t(K::DemoTitle) aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{:.0}", p * 100.0) data-testid="demo-progress">
                    <span style:width=format!("{:.0}%", p * 100.0)></span>
                </div>
            })}
        </section>
        <section class="card danger-zone">
            <h2>{move || i18n.t(K::EraseTitle)}</h2>
            <p class="muted small">{move || i18n.t(K::EraseExplain)}</p>
            <button class="btn btn-danger-ghost" data-testid="erase-all" on:click=move |_| confirm_erase.set(true)>{move || i18n.t(K::EraseTitle)}</button>
        </section>
        <ConfirmDialog
            open=confirm_erase
            title=Signal::derive(move || i18n.t(K::EraseTitle).to_string())
            confirm_label=K::EraseConfirm
            danger=true
            confirm_enabled=Signal::derive(move || typed.get().trim() == i18n.t(K::EraseWord))
            on_confirm=erase
        >
            <p>{move || i18n.fmt(K::EraseTypeToConfirm, &[("word", i18n.t(K::EraseWord))])}</p>
            <input class="input" data-testid="erase-typed" aria-label=move || i18n.t(K::EraseWord)
                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
        </ConfirmDialog>
    }
}
