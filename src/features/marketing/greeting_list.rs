//! The greeting list under the pickers: the customers of the chosen segments with the
//! contacts marketing may reach, how many were left out for an opt-out, the list as CSV, and
//! one follow-up per customer planned in one write (again later plans only what is missing).

use chrono::NaiveDate;
use guanxi_core::io::csv_export::with_utf8_bom;
use guanxi_core::marketing::greetings::{
    greeting_csv, greeting_due, greeting_list, parse_days_before, plan_greetings, GreetingList,
    DEFAULT_DAYS_BEFORE,
};
use guanxi_core::model::records::Labeled;
use guanxi_core::Id;
use guanxi_i18n::greetings::holiday_problem_text;
use leptos::prelude::*;

use crate::i18n::{Lang, K};
use crate::platform::clock;
use crate::state::{Data, DbStatus};
use crate::ui::download::save_bytes;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

/// One person on the list as shown: name, phones, e-mails.
#[derive(Clone, PartialEq)]
struct Person {
    name: String,
    phones: String,
    emails: String,
}

#[derive(Clone, PartialEq)]
struct Row {
    id: Id,
    name: String,
    owner: String,
    /// The reachable contacts, or the customer itself when it has none.
    people: Vec<Person>,
    has_contacts: bool,
}

#[derive(Clone, PartialEq, Default)]
struct Shown {
    rows: Vec<Row>,
    contacts: usize,
    left_out: usize,
}

fn joined(values: &[Labeled]) -> String {
    let v: Vec<&str> = values
        .iter()
        .map(|l| l.value.trim())
        .filter(|v| !v.is_empty())
        .collect();
    v.join("; ")
}

fn shown(list: &GreetingList) -> Shown {
    let rows = list
        .rows
        .iter()
        .map(|r| {
            let c = r.customer;
            let mut people: Vec<Person> = r
                .contacts
                .iter()
                .map(|p| Person {
                    name: p.name.clone(),
                    phones: joined(&p.phones),
                    emails: joined(&p.emails),
                })
                .collect();
            if people.is_empty() {
                people.push(Person {
                    name: String::new(),
                    phones: joined(&c.phones),
                    emails: joined(&c.emails),
                });
            }
            Row {
                id: c.id,
                name: c.name.clone(),
                owner: c.owner.clone(),
                people,
                has_contacts: !r.contacts.is_empty(),
            }
        })
        .collect();
    Shown {
        rows,
        contacts: list.contact_count(),
        left_out: list.left_out(),
    }
}

/// `f` over the greeting list as it stands now (untracked: for a click).
fn current<T>(data: Data, chosen: Memo<Vec<Id>>, f: impl FnOnce(&GreetingList) -> T) -> T {
    data.customers.with_untracked(|c| {
        data.contacts.with_untracked(|p| {
            data.settings
                .with_untracked(|s| chosen.with_untracked(|ids| f(&greeting_list(c, p, ids, s))))
        })
    })
}

#[component]
pub fn GreetingResults(
    #[prop(into)] holiday_name: Signal<String>,
    date: Memo<Option<NaiveDate>>,
    chosen: Memo<Vec<Id>>,
) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let list = Memo::new(move |_| {
        data.customers.with(|c| {
            data.contacts.with(|p| {
                data.settings
                    .with(|s| chosen.with(|ids| shown(&greeting_list(c, p, ids, s))))
            })
        })
    });
    let days = RwSignal::new(DEFAULT_DAYS_BEFORE.to_string());
    let days_ok = Memo::new(move |_| parse_days_before(&days.get()));
    let due = Memo::new(move |_| {
        date.get()
            .zip(days_ok.get().ok())
            .map(|(d, n)| greeting_due(d, n))
    });
    let export_status = RwSignal::new(None::<String>);
    let plan_status = RwSignal::new(None::<(String, NaiveDate)>);

    let export = move |_| {
        let zh = i18n.lang() == Lang::ZhCn;
        let csv = current(data, chosen, |l| greeting_csv(l, zh));
        let rows = csv.matches("\r\n").count().saturating_sub(1);
        let name = format!("guanxi-greetings-{}.csv", clock::today());
        match save_bytes(&name, "text/csv;charset=utf-8", &with_utf8_bom(&csv)) {
            Err(e) => toasts.error(e),
            Ok(()) => export_status.set(Some(
                i18n.fmt(K::GreetingExported, &[("n", &rows.to_string())]),
            )),
        }
    };
    let plan = move |_| {
        let Some(due) = due.get_untracked() else {
            return;
        };
        if saver.busy() {
            return;
        }
        let title = i18n.fmt(
            K::GreetingFollowUpTitle,
            &[("holiday", &holiday_name.get_untracked())],
        );
        let plan = current(data, chosen, |l| {
            data.follow_ups
                .with_untracked(|f| plan_greetings(l, f, &title, due, Id::random, clock::now()))
        });
        let (n, skipped) = (plan.follow_ups.len(), plan.skipped);
        let mut said = i18n.fmt(
            K::GreetingPlanned,
            &[("n", &n.to_string()), ("date", &due.to_string())],
        );
        if skipped > 0 {
            if i18n.lang() == Lang::En {
                said.push(' ');
            }
            said.push_str(&i18n.fmt(K::GreetingSkipped, &[("n", &skipped.to_string())]));
        }
        saver.save(plan.batch(), move || plan_status.set(Some((said, due))));
    };

    // One row per customer; its contacts stacked line by line in the contact, phone and
    // e-mail cells (no wrapping, so the lines stay level across the cells).
    let table = move || {
        let lines = |items: Vec<String>| {
            items
                .into_iter()
                .map(|t| view! { <div class="greet-line">{t}</div> })
                .collect_view()
        };
        let row = move |r: Row| {
            let contacts = match r.has_contacts {
                true => lines(r.people.iter().map(|p| p.name.clone()).collect()).into_any(),
                false => {
                    view! { <div class="greet-line muted">{i18n.t(K::GreetingNoContact)}</div> }
                        .into_any()
                }
            };
            let phones = lines(r.people.iter().map(|p| p.phones.clone()).collect());
            let emails = lines(r.people.iter().map(|p| p.emails.clone()).collect());
            view! {
                <tr data-testid="greet-customer">
                    <th scope="row"><A href=format!("/customers/{}", r.id)>{r.name}</A></th>
                    <td>{contacts}</td><td>{phones}</td><td>{emails}</td><td>{r.owner}</td>
                </tr>
            }
        };
        list.get().rows.into_iter().map(row).collect_view()
    };

    move || {
        if data.status.get() == DbStatus::Opening {
            return None;
        }
        if chosen.with(Vec::is_empty) {
            return data.settings.with(|s| !s.segments.is_empty()).then(|| {
                view! { <p class="muted card" data-testid="greet-choose">{i18n.t(K::GreetingChooseSegment)}</p> }.into_any()
            });
        }
        let (customers, contacts, left_out) = list.with(|l| (l.rows.len(), l.contacts, l.left_out));
        let counts = i18n.fmt(
            K::GreetingListCount,
            &[
                ("customers", &customers.to_string()),
                ("contacts", &contacts.to_string()),
            ],
        );
        Some(view! {
            <section class="card greet-results" data-testid="greet-results">
                <p data-testid="greet-count"><strong>{counts}</strong></p>
                <p class="muted" data-testid="greet-left-out">{i18n.fmt(K::GreetingLeftOut, &[("n", &left_out.to_string())])}</p>
                {(customers == 0).then(|| view! { <p class="muted" data-testid="greet-empty">{i18n.t(K::GreetingEmptyList)}</p> })}
                {(customers > 0).then(|| view! {
                    <div class="chart-scroll" tabindex="0" role="group" aria-label=i18n.t(K::GreetingsTitle)>
                        <table class="table compact greet-table">
                            <thead><tr>
                                <th scope="col">{i18n.t(K::GreetingColCustomer)}</th>
                                <th scope="col">{i18n.t(K::GreetingColContact)}</th>
                                <th scope="col">{i18n.t(K::GreetingColPhone)}</th>
                                <th scope="col">{i18n.t(K::GreetingColEmail)}</th>
                                <th scope="col">{i18n.t(K::FieldOwner)}</th>
                            </tr></thead>
                            <tbody>{table}</tbody>
                        </table>
                    </div>
                })}
                <div class="row-form greet-actions">
                    <button type="button" class="btn" data-testid="greet-export" on:click=export
                        disabled=customers == 0>{i18n.t(K::GreetingExportCsv)}</button>
                    <label class="filter">
                        <span>{i18n.t(K::GreetingDaysBefore)}</span>
                        <input class="input narrow" inputmode="numeric" data-testid="greet-days" prop:value=move || days.get()
                            on:input=move |ev| days.set(event_target_value(&ev))/>
                    </label>
                    <button type="button" class="btn btn-primary" data-testid="greet-plan" on:click=plan
                        disabled=move || customers == 0 || due.get().is_none() || saver.pending()>{i18n.t(K::GreetingPlan)}</button>
                    {move || match days_ok.get() {
                        Err(p) => view! { <p class="error" role="alert" data-testid="greet-days-error">{holiday_problem_text(i18n.lang(), p)}</p> }.into_any(),
                        Ok(_) => view! { <span class="muted small" data-testid="greet-due">{due.get().map(|d| i18n.fmt(K::GreetingDueOn, &[("date", &d.to_string())]))}</span> }.into_any(),
                    }}
                </div>
                <p class="small" role="status" data-testid="greet-export-status">{move || export_status.get()}</p>
                <p class="small" role="status" data-testid="greet-plan-status">{move || plan_status.get().map(|(said, day)| view! {
                    {said}" "<A href=format!("/visits?day={day}") attr:data-testid="greet-see-day">{i18n.t(K::GreetingSeeDay)}</A>
                })}</p>
            </section>
        }.into_any())
    }
}
