//! The app shell: contexts, navigation and routes.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::features::analysis::AnalysisRoutes;
use crate::features::customers::CustomerRoutes;
use crate::features::daily::DailyRoutes;
use crate::features::data::page::DataPage;
use crate::features::marketing::MarketingRoutes;
use crate::features::pipeline::PipelineRoutes;
use crate::features::service::quick::QuickCase;
use crate::features::service::ServiceRoutes;
use crate::features::settings::page::SettingsPage;
use crate::features::system::recovery::RecoveryScreen;
use crate::features::system::unlock::UnlockScreen;
use crate::features::system::{not_found::NotFoundPage, trash::TrashPage};
use crate::i18n::{store_error_text, use_i18n, I18n, K};
use crate::platform::prefs;
use crate::state::{Data, DbStatus};
use crate::ui::link::A;
use crate::ui::toast::{ToastHost, Toasts};

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n(RwSignal::new(prefs::initial_lang()));
    let theme = RwSignal::new(prefs::initial_theme());
    provide_context(i18n);
    provide_context(ThemeChoice(theme));
    provide_context(Toasts::new());
    provide_context(LastBackup(RwSignal::new(prefs::last_backup())));
    let data = Data::new();
    provide_context(data);
    leptos::task::spawn_local(data.load());
    if prefs::take_update() {
        crate::ui::toast::use_toasts().success(i18n.t(K::AppUpdated));
    }

    // Keeping the document in step with the preferences is a DOM side effect, not state.
    Effect::new(move |_| prefs::apply_to_document(theme.get(), i18n.0.get()));

    view! {
        <Router base=crate::platform::base::base()>
            <a class="skip-link" href="#main">{move || i18n.t(K::SkipToContent)}</a>
            <div class="shell">
                <NavBar/>
                <main id="main" class="content" tabindex="-1">
                    <StorageBanner/>
                    <BackupReminder/>
                    <ErrorBoundary fallback=|errors| {
                        view! {
                            <div class="alert alert-error" role="alert">
                                {move || {
                                    errors
                                        .get()
                                        .into_iter()
                                        .map(|(_, e)| e.to_string())
                                        .collect::<Vec<_>>()
                                        .join("; ")
                                }}
                            </div>
                        }
                    }>
                        <Show
                            when=move || matches!(data.status.get(), DbStatus::Recovery(_) | DbStatus::Locked)
                            fallback=move || view! { <AppRoutes/> }
                        >
                            {move || match data.status.get() {
                                DbStatus::Recovery(e) => Some(view! { <RecoveryScreen error=e/> }.into_any()),
                                DbStatus::Locked => Some(view! { <UnlockScreen/> }.into_any()),
                                _ => None,
                            }}
                        </Show>
                    </ErrorBoundary>
                </main>
            </div>
            <ToastHost/>
        </Router>
    }
}

#[component]
fn AppRoutes() -> impl IntoView {
    // Each feature brings its own route group.
    view! {
        <Routes fallback=NotFoundPage>
            <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
            <CustomerRoutes/>
            <PipelineRoutes/>
            <ServiceRoutes/>
            <MarketingRoutes/>
            <AnalysisRoutes/>
            <DailyRoutes/>
            <Route path=path!("/trash") view=TrashPage/>
            <Route path=path!("/data") view=DataPage/>
            <Route path=path!("/settings") view=SettingsPage/>
        </Routes>
    }
}

/// When the last backup was made (ms), shared so a new backup clears the reminder at once.
#[derive(Clone, Copy)]
pub struct LastBackup(pub RwSignal<Option<i64>>);

/// The theme preference, provided as context so Settings can change it.
#[derive(Clone, Copy)]
pub struct ThemeChoice(pub RwSignal<prefs::Theme>);

#[component]
fn NavBar() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = crate::ui::toast::use_toasts();
    let switch_lang = move |_| {
        let next = match i18n.lang() {
            crate::i18n::Lang::ZhCn => crate::i18n::Lang::En,
            crate::i18n::Lang::En => crate::i18n::Lang::ZhCn,
        };
        i18n.0.set(next);
        prefs::report(i18n, toasts, prefs::save_lang(next));
    };
    // On a phone the sections fold into a menu; following a link, Escape or a click anywhere
    // else folds it again (open, it covers the top of the page).
    let menu_open = RwSignal::new(false);
    let key = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
            crate::ui::focus::focus_now("[data-testid=menu-toggle]");
        }
    });
    let click = window_event_listener(leptos::ev::click, move |ev| {
        use wasm_bindgen::JsCast;
        let in_header = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest(".topbar").ok().flatten())
            .is_some();
        if !in_header && menu_open.get_untracked() {
            menu_open.set(false);
        }
    });
    on_cleanup(move || {
        key.remove();
        click.remove();
    });
    view! {
        <header class="topbar">
            <A href="/customers" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"关"</span>
                <span class="brand-name">{move || i18n.t(K::AppName)}</span>
            </A>
            <button
                type="button"
                class="btn btn-ghost menu-toggle"
                data-testid="menu-toggle"
                aria-controls="main-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"☰"</span>
                {move || i18n.t(K::NavMenu)}
            </button>
            <nav
                id="main-nav"
                class="nav"
                class:open=move || menu_open.get()
                aria-label=move || i18n.t(K::NavMain)
                on:click=move |_| menu_open.set(false)
            >
                <A href="/customers">{move || i18n.t(K::NavCustomers)}</A>
                <A href="/opportunities">{move || i18n.t(K::NavOpportunities)}</A>
                <A href="/follow-ups">{move || i18n.t(K::NavFollowUps)}</A>
                <A href="/cases">{move || i18n.t(K::NavService)}</A>
                <A href="/care">{move || i18n.t(K::NavCare)}</A>
                <A href="/campaigns">{move || i18n.t(K::NavMarketing)}</A>
                <A href="/analysis">{move || i18n.t(K::NavAnalysis)}</A>
                <A href="/data">{move || i18n.t(K::NavData)}</A>
                <A href="/settings">{move || i18n.t(K::NavSettings)}</A>
            </nav>
            <crate::features::search::GlobalSearch/>
            <QuickCase/>
            <button
                class="btn btn-ghost lang-switch"
                data-testid="lang-switch"
                title=move || i18n.t(K::Language)
                on:click=switch_lang
            >
                {move || match i18n.lang() {
                    crate::i18n::Lang::ZhCn => "EN",
                    crate::i18n::Lang::En => "中文",
                }}
            </button>
        </header>
    }
}

/// A banner that stays while storage is unusable, so nobody types into a page that cannot save.
#[component]
fn StorageBanner() -> impl IntoView {
    let i18n = use_i18n();
    let data = crate::state::use_data();
    move || {
        match data.status.get() {
        DbStatus::Failed(e) => Some(view! {
            <div class="alert alert-error" role="alert" data-testid="storage-banner">
                <strong>{i18n.t(K::NothingSavedBanner)}</strong>
                " "
                {store_error_text(i18n, &e)}
            </div>
        }.into_any()),
        // Read-only: this build is older than the data, or a newer one took over in another
        // tab. Reloading is the fix in both cases, so the banner offers it.
        DbStatus::ReadOnly(e) => Some(view! {
            <div class="alert alert-warn" role="alert" data-testid="readonly-banner">
                <span><strong>{i18n.t(K::ReadOnlyBanner)}</strong>" "{store_error_text(i18n, &e)}</span>
                <button class="btn btn-sm" data-testid="reload-page" on:click=|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }>{i18n.t(K::ReloadPage)}</button>
            </div>
        }.into_any()),
        _ => None,
    }
    }
}

/// Seven days, the age after which an unbacked-up store earns a reminder.
const BACKUP_REMINDER_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// A gentle, dismissible reminder when there is data worth keeping and no backup for a week
/// (counting from the first save in this browser when there has never been one).
#[component]
fn BackupReminder() -> impl IntoView {
    let i18n = use_i18n();
    let data = crate::state::use_data();
    let dismissed = RwSignal::new(false);
    let last_backup = expect_context::<LastBackup>().0;
    let due = Memo::new(move |_| {
        let now = crate::platform::clock::now().millis();
        let has_data = data.has_customers();
        let since = last_backup.get().or_else(prefs::first_save);
        has_data && since.is_some_and(|t| now - t > BACKUP_REMINDER_MS)
    });
    move || {
        (due.get() && !dismissed.get()).then(|| {
            view! {
                <div class="alert alert-warn reminder" role="status" data-testid="backup-reminder">
                    <span>{i18n.t(K::BackupReminder)}</span>
                    <A href="/data" attr:class="btn btn-sm">{i18n.t(K::BackupReminderAction)}</A>
                    <button class="btn btn-sm btn-ghost" on:click=move |_| dismissed.set(true)>{i18n.t(K::Dismiss)}</button>
                </div>
            }
        })
    }
}
