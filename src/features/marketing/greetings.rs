//! The greeting screen (`/greetings`): a holiday and a year (its date, or a field to enter it
//! when a lunar holiday's year has none yet) and the segments to greet, all in the URL
//! (`?holiday=spring_festival&year=2027&seg=<id>,<id>`); the list below is [`GreetingResults`].

use chrono::Datelike;
use guanxi_core::marketing::greetings::{next_occurrences, set_holiday_date, Holiday};
use guanxi_core::marketing::segments::segment_counts;
use guanxi_core::Id;
use guanxi_i18n::greetings::holiday_problem_text;
use leptos::prelude::*;

use crate::features::marketing::greeting_list::GreetingResults;
use crate::features::marketing::{MarketingTabs, MarketingView};
use crate::i18n::{Labelled, Lang, K};
use crate::platform::clock;
use crate::state::{Change, DbStatus};
use crate::ui::empty::EmptyState;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};
use crate::ui::url::{query_param, use_query_setter};

const PATH: &str = "/greetings";

/// The segment ids in the `seg` parameter (comma-separated; unreadable ones skipped).
fn parse_ids(param: &str) -> Vec<Id> {
    param
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

#[component]
pub fn GreetingsPage() -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let (holiday_param, year_param, seg_param) = (
        query_param("holiday"),
        query_param("year"),
        query_param("seg"),
    );
    let set = use_query_setter(PATH);
    let today = clock::today();
    // The holiday in the URL, else the next one to come.
    let holiday = Memo::new(move |_| -> Option<Holiday> {
        data.settings.with(|s| {
            let wanted = holiday_param.get();
            s.holidays
                .iter()
                .find(|h| h.id == wanted)
                .or_else(|| {
                    next_occurrences(&s.holidays, today)
                        .first()
                        .map(|o| o.holiday)
                })
                .or(s.holidays.first())
                .cloned()
        })
    });
    // The year in the URL, else the year of the holiday's next date.
    let year = Memo::new(move |_| {
        year_param.get().parse::<i32>().ok().unwrap_or_else(|| {
            holiday.with(|h| {
                let next = h.as_ref().and_then(|h| {
                    next_occurrences(std::slice::from_ref(h), today)
                        .first()
                        .map(|o| o.date.year())
                });
                next.unwrap_or(today.year())
            })
        })
    });
    let date = Memo::new(move |_| holiday.with(|h| h.as_ref().and_then(|h| h.date_in(year.get()))));
    let chosen = Memo::new(move |_| parse_ids(&seg_param.get()));
    let segments = Memo::new(move |_| {
        data.settings.with(|s| {
            let counts = data.customers.with(|c| segment_counts(c, &s.segments));
            s.segments
                .iter()
                .zip(counts)
                .map(|(seg, (_, n))| (seg.id, seg.name.clone(), n))
                .collect::<Vec<_>>()
        })
    });
    let name = move || {
        let zh = i18n.lang() == Lang::ZhCn;
        holiday.with(|h| {
            h.as_ref()
                .map(|h| h.name(zh).to_string())
                .unwrap_or_default()
        })
    };

    let set_holiday = set.clone();
    let set_year = set.clone();
    let toggle = move |id: Id, on: bool| {
        let mut ids = chosen.get_untracked();
        ids.retain(|i| *i != id);
        if on {
            ids.push(id);
        }
        let joined: Vec<String> = ids.iter().map(Id::to_string).collect();
        set(&[("seg", Some(joined.join(",")))]);
    };
    let typed = RwSignal::new(String::new());
    let date_error = RwSignal::new(None::<String>);
    let save_date = move |_| {
        let Some(h) = holiday.get_untracked() else {
            return;
        };
        let next = set_holiday_date(
            &data.settings_to_edit(),
            &h.id,
            year.get_untracked(),
            &typed.get_untracked(),
        );
        match next {
            Err(p) => date_error.set(Some(holiday_problem_text(i18n.lang(), p))),
            Ok(_) if typed.get_untracked().trim().is_empty() => {
                date_error.set(Some(i18n.t(K::ProblemHolidayDate).into()))
            }
            Ok(s) => {
                date_error.set(None);
                saver.commit(Change::Settings(s), move |_| {
                    toasts.success(i18n.t(K::GreetingDateSaved))
                });
            }
        }
    };
    let years = move || {
        let mut ys: Vec<i32> = (today.year() - 1..=today.year() + 3).collect();
        if !ys.contains(&year.get()) {
            ys.push(year.get());
            ys.sort();
        }
        ys
    };

    // Nothing is said before storage is read: the settings would show their defaults (no
    // segments, the seeded dates) for a moment.
    let opening = move || data.status.get() == DbStatus::Opening;
    let date_line = move || {
        if opening() {
            return view! { <p class="muted" data-testid="greet-loading">{i18n.t(K::Loading)}</p> }
                .into_any();
        }
        let y = year.get().to_string();
        match date.get() {
            Some(d) => view! {
                <p class="greet-date" data-testid="greet-date">{i18n.fmt(K::GreetingFallsOn, &[
                    ("year", &y), ("holiday", &name()), ("date", &d.to_string()), ("weekday", i18n.t(d.weekday().key())),
                ])}</p>
            }.into_any(),
            None => view! {
                <div class="alert alert-warn greet-missing" role="status" data-testid="greet-date-missing">
                    <span>{i18n.fmt(K::GreetingDateMissing, &[("year", &y), ("holiday", &name())])}</span>
                    <div class="row-form">
                        <label class="filter">
                            <span>{i18n.fmt(K::GreetingDateEnter, &[("year", &y), ("holiday", &name())])}</span>
                            <input class="input" type="date" data-testid="greet-date-input"
                                min=format!("{y}-01-01") max=format!("{y}-12-31")
                                on:input=move |ev| typed.set(event_target_value(&ev))/>
                        </label>
                        <button type="button" class="btn btn-sm" data-testid="greet-date-save" on:click=save_date
                            disabled=move || saver.pending()>{i18n.t(K::GreetingDateSave)}</button>
                    </div>
                    {move || date_error.get().map(|e| view! { <p class="error" role="alert" data-testid="greet-date-error">{e}</p> })}
                </div>
            }.into_any(),
        }
    };
    let segment_picker = move || {
        if opening() {
            return ().into_any();
        }
        let list = segments.get();
        if list.is_empty() {
            return view! {
                <EmptyState
                    title=Signal::derive(move || i18n.t(K::GreetingNoSegments).to_string())
                    body=Signal::derive(move || i18n.t(K::GreetingNoSegmentsBody).to_string())
                >
                    <A href="/customers" attr:class="btn" attr:data-testid="greet-to-customers">{move || i18n.t(K::GreetingToCustomers)}</A>
                </EmptyState>
            }.into_any();
        }
        view! {
            <fieldset class="greet-segments" data-testid="greet-segments">
                <legend>{move || i18n.t(K::Segments)}</legend>
                {list.into_iter().map(|(id, seg_name, n)| {
                    let toggle = toggle.clone();
                    let label = i18n.fmt(K::GreetingSegmentOption, &[("name", &seg_name), ("n", &n.to_string())]);
                    view! {
                        <label class="check-label" data-testid="greet-segment">
                            <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |ev| toggle(id, event_target_checked(&ev))/>
                            <span>{label}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }.into_any()
    };

    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::GreetingsTitle)}</h1>
            <div class="actions">
                <MarketingTabs current=MarketingView::Greetings/>
            </div>
        </div>
        <p class="muted">{move || i18n.t(K::GreetingsIntro)}</p>
        <section class="card greet-pick">
            <div class="toolbar">
                <label class="filter">
                    <span>{move || i18n.t(K::GreetingHoliday)}</span>
                    <select class="input" data-testid="greet-holiday"
                        on:change=move |ev| set_holiday(&[("holiday", Some(event_target_value(&ev)))])>
                        {move || {
                            let zh = i18n.lang() == Lang::ZhCn;
                            let current = holiday.with(|h| h.as_ref().map(|h| h.id.clone()));
                            data.settings.with(|s| s.holidays.iter().map(|h| {
                                let selected = current.as_deref() == Some(h.id.as_str());
                                view! { <option value=h.id.clone() selected=selected>{h.name(zh).to_string()}</option> }
                            }).collect_view())
                        }}
                    </select>
                </label>
                <label class="filter">
                    <span>{move || i18n.t(K::GreetingYear)}</span>
                    <select class="input" data-testid="greet-year"
                        on:change=move |ev| set_year(&[("year", Some(event_target_value(&ev)))])>
                        {move || years().into_iter().map(|y| view! {
                            <option value=y.to_string() selected=move || year.get() == y>{y.to_string()}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {date_line}
            {segment_picker}
        </section>
        <GreetingResults holiday_name=Signal::derive(name) date=date chosen=chosen/>
    }
}
