//! Settings: holidays for greetings — rename (in the UI's language), delete, enter a lunar
//! holiday's date for a year, and add a holiday of one's own (a fixed day or dates per year).
//! Each change saves at once, like the other sections.

use chrono::Datelike;
use guanxi_core::marketing::greetings::{
    add_holiday, delete_holiday, parse_fixed_day, rename_holiday, set_holiday_date, HolidayDate,
    HolidayProblem,
};
use guanxi_core::{Id, Settings};
use guanxi_i18n::greetings::holiday_problem_text;
use leptos::prelude::*;

use crate::features::pipeline::shared::commit_on_enter;
use crate::i18n::{Lang, K};
use crate::platform::clock;
use crate::state::Change;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn HolidaySettings() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let error = RwSignal::new(None::<String>);
    let this_year = clock::today().year();
    let year = RwSignal::new(this_year);
    let save = move |change: &dyn Fn(&Settings) -> Result<Settings, HolidayProblem>| -> bool {
        let next = match change(&data.settings_to_edit()) {
            Ok(next) => next,
            Err(p) => {
                error.set(Some(holiday_problem_text(i18n.lang(), p)));
                return false;
            }
        };
        error.set(None);
        saver.commit(Change::Settings(next), move |_| {
            toasts.success(i18n.t(K::HolidaysSaved))
        });
        true
    };
    let zh = move || i18n.lang() == Lang::ZhCn;

    let rows = move || {
        let y = year.get();
        data.settings.with(|s| {
            s.holidays.iter().map(|h| {
                let shown = h.name(zh()).to_string();
                let (id_rename, id_date, id_delete) = (h.id.clone(), h.id.clone(), h.id.clone());
                let when = match &h.date {
                    HolidayDate::Fixed { on } => view! {
                        <span>{i18n.fmt(K::HolidayFixedOn, &[("month", &on.month.to_string()), ("day", &on.day.to_string())])}</span>
                    }.into_any(),
                    HolidayDate::PerYear { .. } => view! {
                        <input class="input" type="date" data-testid="holiday-year-date" on:keydown=commit_on_enter
                            aria-label=i18n.fmt(K::HolidayYearDateOf, &[("name", &shown), ("year", &y.to_string())])
                            min=format!("{y}-01-01") max=format!("{y}-12-31")
                            prop:value=h.date_in(y).map(|d| d.to_string()).unwrap_or_default()
                            on:change=move |ev| {
                                let typed = event_target_value(&ev);
                                save(&|s| set_holiday_date(s, &id_date, y, &typed));
                            }/>
                    }.into_any(),
                };
                view! {
                    <tr data-testid="holiday-row">
                        <td><input class="input" data-testid="holiday-name" on:keydown=commit_on_enter prop:value=shown.clone()
                            aria-label=i18n.fmt(K::HolidayNameOf, &[("name", &shown)])
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                save(&|s| rename_holiday(s, &id_rename, &v, zh()));
                            }/></td>
                        <td>{when}</td>
                        <td><button type="button" class="btn btn-ghost btn-sm" data-testid="holiday-delete"
                            aria-label=i18n.fmt(K::HolidayDeleteOf, &[("name", &shown)])
                            on:click=move |_| { save(&|s| delete_holiday(s, &id_delete)); }>"×"</button></td>
                    </tr>
                }
            }).collect_view()
        })
    };

    let new_name = RwSignal::new(String::new());
    let per_year = RwSignal::new(false);
    let (month, day) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let add = move |_| {
        let name = new_name.get_untracked();
        let saved = save(&|s| {
            let date = match per_year.get_untracked() {
                true => HolidayDate::PerYear { dates: Vec::new() },
                false => HolidayDate::Fixed {
                    on: parse_fixed_day(&month.get_untracked(), &day.get_untracked())?,
                },
            };
            let id = format!("holiday-{}", Id::random().0.simple());
            add_holiday(s, id, &name, zh(), date)
        });
        if saved {
            new_name.set(String::new());
            month.set(String::new());
            day.set(String::new());
        }
    };

    view! {
        <section class="card" id="holidays" data-testid="holidays-card" aria-busy=move || saver.pending().to_string()>
            <h2>{move || i18n.t(K::SettingsHolidays)}</h2>
            <p class="muted small">{move || i18n.t(K::SettingsHolidaysHint)}</p>
            <label class="filter narrow-filter">
                <span>{move || i18n.t(K::GreetingYear)}</span>
                <select class="input" data-testid="holiday-year" on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse() { year.set(y) }
                }>
                    {(this_year - 1..=this_year + 5).map(|y| view! {
                        <option value=y.to_string() selected=move || year.get() == y>{y.to_string()}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="chart-scroll" tabindex="0" role="group" aria-label=move || i18n.t(K::SettingsHolidays)>
                <table class="table compact holiday-table">
                    <thead><tr>
                        <th scope="col">{move || i18n.t(K::HolidayName)}</th>
                        <th scope="col">{move || format!("{} ({})", i18n.t(K::GreetingHoliday), year.get())}</th>
                        <th scope="col"><span class="sr-only">{move || i18n.t(K::Delete)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3>{move || i18n.t(K::HolidayAdd)}</h3>
            <div class="row-form">
                <label class="filter">
                    <span>{move || i18n.t(K::HolidayName)}</span>
                    <input class="input" data-testid="holiday-new-name" prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev))/>
                </label>
                <label class="filter">
                    <span>{move || i18n.t(K::HolidayKind)}</span>
                    <select class="input" data-testid="holiday-new-kind"
                        on:change=move |ev| per_year.set(event_target_value(&ev) == "per_year")>
                        <option value="fixed" selected=move || !per_year.get()>{move || i18n.t(K::HolidayKindFixed)}</option>
                        <option value="per_year" selected=move || per_year.get()>{move || i18n.t(K::HolidayKindPerYear)}</option>
                    </select>
                </label>
                {move || (!per_year.get()).then(|| view! {
                    <label class="filter">
                        <span>{move || i18n.t(K::HolidayMonth)}</span>
                        <input class="input narrow" inputmode="numeric" data-testid="holiday-new-month" prop:value=move || month.get()
                            on:input=move |ev| month.set(event_target_value(&ev))/>
                    </label>
                    <label class="filter">
                        <span>{move || i18n.t(K::HolidayDay)}</span>
                        <input class="input narrow" inputmode="numeric" data-testid="holiday-new-day" prop:value=move || day.get()
                            on:input=move |ev| day.set(event_target_value(&ev))/>
                    </label>
                })}
                <button type="button" class="btn btn-sm" data-testid="holiday-add" on:click=add>{move || i18n.t(K::HolidayAdd)}</button>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="holiday-error">{e}</p> })}
        </section>
    }
}
