//! Preferences and the state of local storage.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::app::ThemeChoice;
use crate::features::settings::data::DataSettings;
use crate::features::settings::encryption::EncryptionSettings;
use crate::features::settings::team::TeamSettings;
use crate::i18n::{use_i18n, Lang, K};
use crate::platform::prefs::{self, Theme};
use crate::state::use_data;
use crate::ui::link::A;

/// Usage and quota in bytes, and whether storage is persistent; `None` where unsupported.
#[derive(Clone, Debug, PartialEq)]
struct StorageInfo {
    usage: Option<f64>,
    quota: Option<f64>,
    persisted: bool,
}

async fn read_storage_info() -> Option<StorageInfo> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let number = |key: &str| {
        js_sys::Reflect::get(&estimate, &key.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    let persisted = match storage.persisted() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    };
    Some(StorageInfo {
        usage: number("usage"),
        quota: number("quota"),
        persisted,
    })
}

/// Bytes in the largest unit that keeps the number readable.
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let theme = expect_context::<ThemeChoice>().0;
    let toasts = crate::ui::toast::use_toasts();
    let data = use_data();
    let info = LocalResource::new(read_storage_info);
    let last_backup = expect_context::<crate::app::LastBackup>().0;
    let ask_persist = move |_| {
        leptos::task::spawn_local(async move {
            if let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) {
                if let Ok(p) = storage.persist() {
                    let _ = JsFuture::from(p).await;
                }
            }
            info.refetch();
        });
    };
    let db_version = move || {
        // Tracked, so the version appears once the database has opened.
        data.schema_version()
            .map(|v| v.to_string())
            .unwrap_or_else(|| "—".into())
    };

    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::SettingsTitle)}</h1>
        </div>
        <section class="card">
            <h2>{move || i18n.t(K::Preferences)}</h2>
            <div class="form-grid">
                <div class="field">
                    <label for="lang">{move || i18n.t(K::Language)}</label>
                    <select
                        id="lang"
                        class="input"
                        data-testid="lang-select"
                        on:change=move |ev| {
                            if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                                i18n.0.set(lang);
                                prefs::report(i18n, toasts, prefs::save_lang(lang));
                            }
                        }
                    >
                        <option value="zh-CN" selected=move || i18n.lang() == Lang::ZhCn>"简体中文"</option>
                        <option value="en" selected=move || i18n.lang() == Lang::En>"English"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="theme">{move || i18n.t(K::Theme)}</label>
                    <select
                        id="theme"
                        class="input"
                        on:change=move |ev| {
                            let choice = match event_target_value(&ev).as_str() {
                                "light" => Theme::Light,
                                "dark" => Theme::Dark,
                                _ => Theme::System,
                            };
                            theme.set(choice);
                            prefs::report(i18n, toasts, prefs::save_theme(choice));
                        }
                    >
                        {Theme::ALL
                            .into_iter()
                            .map(|t| {
                                let (value, key) = match t {
                                    Theme::System => ("system", K::ThemeSystem),
                                    Theme::Light => ("light", K::ThemeLight),
                                    Theme::Dark => ("dark", K::ThemeDark),
                                };
                                view! {
                                    <option value=value selected=move || theme.get() == t>
                                        {move || i18n.t(key)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
        </section>
        <section class="card" data-testid="storage-card">
            <h2>{move || i18n.t(K::StorageTitle)}</h2>
            <p class="muted">{move || i18n.t(K::StorageExplain)}</p>
            {move || match info.get().flatten() {
                None => view! { <p class="muted">{i18n.t(K::StorageUnknown)}</p> }.into_any(),
                Some(s) => view! {
                    <p data-testid="storage-usage">
                        {i18n.fmt(K::StorageUsage, &[
                            ("used", &s.usage.map(human_bytes).unwrap_or_else(|| "?".into())),
                            ("quota", &s.quota.map(human_bytes).unwrap_or_else(|| "?".into())),
                        ])}
                    </p>
                    <p data-testid="storage-persisted">
                        {i18n.t(if s.persisted { K::PersistGranted } else { K::PersistNotGranted })}
                    </p>
                    {(!s.persisted).then(|| view! {
                        <button class="btn" on:click=ask_persist>{i18n.t(K::RequestPersist)}</button>
                    })}
                }.into_any(),
            }}
            <p data-testid="settings-last-backup">
                {move || match last_backup.get() {
                    Some(ms) => {
                        // The age matters more than the date: browsers may evict after days.
                        let days = (crate::platform::clock::now().millis() - ms).max(0) / 86_400_000;
                        let date = guanxi_core::Timestamp(ms)
                            .to_datetime()
                            .with_timezone(&chrono::Local)
                            .format("%Y-%m-%d %H:%M")
                            .to_string();
                        format!(
                            "{} {}",
                            i18n.fmt(K::LastBackup, &[("date", &date)]),
                            i18n.fmt(K::DaysAgo, &[("n", &days.to_string())]),
                        )
                    }
                    None => i18n.t(K::NeverBackedUp).to_string(),
                }}
                " "
                <A href="/data">{move || i18n.t(K::BackupReminderAction)}</A>
            </p>
            <p class="muted">{move || format!("{}{}{}", i18n.t(K::DatabaseVersion), i18n.t(K::LabelSeparator), db_version())}</p>
        </section>
        <TeamSettings/>
        <crate::features::settings::pipeline::PipelineSettings/>
        <crate::features::settings::value::ValueSettings/>
        <crate::features::settings::service::ServiceSettings/>
        <crate::features::settings::holidays::HolidaySettings/>
        <EncryptionSettings/>
        <DataSettings/>
    }
}
