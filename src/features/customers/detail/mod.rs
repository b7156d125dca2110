//! One customer: profile and its completeness, contacts as an organisation tree, logging
//! interactions in place, planning follow-ups, and one timeline of both.

pub mod actions;
pub mod collections;
pub mod contacts;
pub mod follow_up_form;
pub mod interactions;
pub mod links;
pub mod opportunities;
pub mod timeline;

use guanxi_core::customers::completeness::{completeness, ProfileField};
use guanxi_core::model::money::format_money;
use guanxi_core::{Customer, Id};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::features::customers::detail::actions::CustomerActions;
use crate::features::customers::detail::contacts::ContactsCard;
use crate::features::customers::detail::follow_up_form::PlanFollowUp;
use crate::features::customers::detail::interactions::LogInteraction;
use crate::features::customers::detail::timeline::Timeline;
use crate::features::customers::lifecycle::LifecycleHistory;
use crate::features::service::sections::CustomerCases;
use crate::features::system::not_found::NotFoundPage;
use crate::i18n::{Labelled, K};
use crate::state::DbStatus;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn CustomerDetailPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    let customer = Memo::new(move |_| id.get().and_then(|id| data.live_customer(id)));
    // Re-rendered only when the customer itself changes, not on every list update.
    move || {
        if data.status.get() == DbStatus::Opening {
            return view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any();
        }
        match customer.get() {
            Some(c) => view! { <CustomerView customer=c/> }.into_any(),
            None => view! { <NotFoundPage/> }.into_any(),
        }
    }
}

fn missing_key(field: ProfileField) -> K {
    match field {
        ProfileField::Industry => K::FieldIndustry,
        ProfileField::Size => K::FieldSize,
        ProfileField::Region => K::FieldRegion,
        ProfileField::Source => K::FieldSource,
        ProfileField::Owner => K::FieldOwner,
        ProfileField::Phone => K::FieldPhones,
        ProfileField::Email => K::FieldEmails,
        ProfileField::Address => K::FieldAddress,
        ProfileField::Tags => K::FieldTags,
        ProfileField::Birthday => K::FieldBirthday,
        ProfileField::Contacts => K::Contacts,
    }
}

#[component]
fn CustomerView(customer: Customer) -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let id = customer.id;
    let stored = StoredValue::new(customer.clone());
    let score = Memo::new(move |_| {
        let contacts = data.live_contacts(|all| all.filter(|c| c.customer_id == id).count());
        completeness(&stored.get_value(), contacts)
    });
    // Rebuilt when the language changes; the record itself is fixed for this view.
    let profile = move || {
        let c = stored.get_value();
        let or_not_set = |s: String| {
            if s.trim().is_empty() {
                i18n.t(K::NotSet).to_string()
            } else {
                s
            }
        };
        let text_rows = [
            (K::FieldKind, i18n.t(c.kind.key()).to_string()),
            (K::FieldCompany, or_not_set(c.company.clone())),
            (K::FieldIndustry, or_not_set(c.industry.clone())),
            (K::FieldSize, i18n.t(c.size.key()).to_string()),
            (K::FieldRegion, or_not_set(c.region.clone())),
            (K::FieldSource, or_not_set(c.source.clone())),
            (K::FieldOwner, or_not_set(c.owner.clone())),
            (K::FieldTags, or_not_set(i18n.join(&c.tags))),
        ]
        .into_iter()
        .chain(c.annual_revenue.map(|v| {
            (
                K::FieldAnnualRevenue,
                format_money(v, &data.settings.with_untracked(|s| s.currency.clone())),
            )
        }))
        .chain(
            c.gross_margin_percent
                .map(|p| (K::FieldGrossMargin, format!("{p}%"))),
        )
        .map(|(label, value)| view! { <dt>{i18n.t(label)}</dt><dd>{value}</dd> })
        .collect_view();
        // Phones and e-mails become tel:/mailto: links only when they are well formed, so a
        // stored value can never turn into another kind of link.
        let links = |items: &[guanxi_core::Labeled], href: fn(&str) -> Option<String>| {
            if items.is_empty() {
                return view! { <span>{i18n.t(K::NotSet)}</span> }.into_any();
            }
            items
                .iter()
                .map(|item| match href(&item.value) {
                    Some(h) => {
                        view! { <a class="contact-link" href=h>{item.value.clone()}</a> }.into_any()
                    }
                    None => {
                        view! { <span class="contact-link">{item.value.clone()}</span> }.into_any()
                    }
                })
                .collect_view()
                .into_any()
        };
        let tail = [
            (K::FieldAddress, or_not_set(c.address.clone())),
            (
                K::FieldBirthday,
                or_not_set(
                    c.birthday
                        .map(|d| d.to_string())
                        .or(c.birthday_month_day.map(|md| md.to_string()))
                        .unwrap_or_default(),
                ),
            ),
        ]
        .into_iter()
        .map(|(label, value)| view! { <dt>{i18n.t(label)}</dt><dd>{value}</dd> })
        .collect_view();
        view! {
            {text_rows}
            <dt>{i18n.t(K::FieldPhones)}</dt><dd>{links(&c.phones, crate::features::customers::detail::links::tel_href)}</dd>
            <dt>{i18n.t(K::FieldEmails)}</dt><dd>{links(&c.emails, crate::features::customers::detail::links::mailto_href)}</dd>
            {tail}
            {c.referred_by.map(|r| view! {
                <dt>{i18n.t(K::FieldReferredBy)}</dt>
                <dd><A href=format!("/customers/{r}") attr:data-testid="referred-by-link">{data.customer_name(r)}</A></dd>
            })}
        }
    };

    view! {
        <div class="page-head">
            <div>
                <A href="/customers" attr:class="back">{move || format!("← {}", i18n.t(K::BackToList))}</A>
                <h1 data-testid="customer-name">{customer.name.clone()}</h1>
                <div class="badges">
                    <span class="badge">{move || i18n.t(customer.lifecycle.key())}</span>
                    <span class=format!("badge class-{:?}", customer.value_class)>{move || i18n.t(customer.value_class.key())}</span>
                    {customer.archived.then(|| view! { <span class="badge" data-testid="archived-badge">{move || i18n.t(K::FieldArchived)}</span> })}
                    {crate::features::customers::opt_out::opt_out_badge(customer.marketing_opt_out.clone(), "opt-out-badge")}
                </div>
            </div>
            <CustomerActions customer=customer.clone()/>
        </div>
        <div class="detail-grid">
            <div class="stack">
                <section class="card" data-testid="completeness">
                    <div class="card-head">
                        <h2>{move || i18n.t(K::Completeness)}</h2>
                        <strong data-testid="completeness-percent">{move || format!("{}%", score.get().percent)}</strong>
                    </div>
                    <div class="meter" role="meter" aria-label=move || i18n.t(K::Completeness) aria-valuemin="0" aria-valuemax="100" aria-valuenow=move || score.get().percent.to_string()>
                        <span style:width=move || format!("{}%", score.get().percent)></span>
                    </div>
                    {move || {
                        let missing = score.get().missing;
                        (!missing.is_empty()).then(|| view! {
                            <p class="muted small">
                                {i18n.t(K::MissingFields)}{i18n.t(K::LabelSeparator)}
                                {i18n.join(missing.into_iter().map(|f| i18n.t(missing_key(f))))}
                            </p>
                        })
                    }}
                </section>
                <section class="card">
                    <h2>{move || i18n.t(K::Profile)}</h2>
                    <dl class="props">{profile}</dl>
                    {(!customer.notes.is_empty()).then(|| view! {
                        <h3>{move || i18n.t(K::FieldNotes)}</h3>
                        <p class="notes">{customer.notes.clone()}</p>
                    })}
                </section>
                <LifecycleHistory customer=customer.clone()/>
                <ContactsCard customer=id/>
                <crate::features::customers::detail::opportunities::CustomerOpportunities customer=id/>
            </div>
            <div class="stack">
                <CustomerCases customer=id/>
                <LogInteraction customer=id/>
                <PlanFollowUp customer=stored.get_value()/>
                <Timeline customer=id/>
            </div>
        </div>
    }
}
