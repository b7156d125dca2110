//! A campaign's members: adding them (the target segment, or one by one), their answers, and
//! the mail-merge and vCard exports that leave out whoever may not be contacted.

use std::collections::HashMap;

use guanxi_core::io::csv_export::with_utf8_bom;
use guanxi_core::marketing::campaign::{add_members, remove_member, set_response, MemberSource};
use guanxi_core::marketing::mail_merge::{members_csv, members_vcard, MergeFile};
use guanxi_core::marketing::opt_out::marketing_reachable;
use guanxi_core::marketing::roi::{CampaignFigures, MemberRow};
use guanxi_core::marketing::segments::selected_customers;
use guanxi_core::marketing::{Campaign, OptOut, Response};
use guanxi_core::model::records::Record;
use guanxi_core::store::Batch;
use guanxi_core::Id;
use leptos::prelude::*;

use crate::features::marketing::campaign::latest;
use crate::i18n::{Labelled, Lang, K};
use crate::platform::clock;
use crate::ui::customer_pick::CustomerPick;
use crate::ui::download::save_bytes;
use crate::ui::form::EnumSelect;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

/// Rows shown at first and added by "show more": a trade fair's list can be thousands long.
const PAGE: usize = 100;

#[component]
pub fn MembersCard(
    id: Id,
    campaign: Memo<Option<Campaign>>,
    figures: Memo<Option<CampaignFigures>>,
) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let shown = RwSignal::new(PAGE);
    let picked = RwSignal::new(None::<Id>);
    let segment = Memo::new(move |_| {
        let seg = campaign.with(|c| c.as_ref().and_then(|c| c.segment))?;
        data.settings
            .with(|s| s.segments.iter().find(|g| g.id == seg).cloned())
    });
    let add_segment = move |_| {
        let (Some(c), Some(seg)) = (latest(data, id), segment.get_untracked()) else {
            return;
        };
        let (people, left_out) = data.customers.with_untracked(|all| {
            data.contacts.with_untracked(|contacts| {
                let live: Vec<_> = selected_customers(all, &seg.selection())
                    .into_iter()
                    .filter(|c| c.deleted_at.is_none())
                    .collect();
                let reach = marketing_reachable(&live, contacts, c.kind.channel());
                let people: Vec<(Id, Option<Id>)> =
                    reach.customers.iter().map(|c| (c.id, None)).collect();
                (people, reach.customers_left_out)
            })
        });
        let added = add_members(
            &c,
            &people,
            MemberSource::Segment,
            clock::today(),
            clock::now(),
        );
        let (n, already) = (added.added, added.already);
        let done = move || {
            toasts.success(i18n.fmt(
                K::AddedMembers,
                &[("n", &n.to_string()), ("already", &already.to_string())],
            ));
            if left_out > 0 {
                toasts.success(i18n.fmt(K::AddedLeftOut, &[("n", &left_out.to_string())]));
            }
        };
        if n == 0 {
            done();
        } else {
            saver.save(Batch::new().put(added.campaign), done);
        }
    };
    let add_one = Callback::new(move |customer: Id| {
        let Some(c) = latest(data, id) else { return };
        let added = add_members(
            &c,
            &[(customer, None)],
            MemberSource::Hand,
            clock::today(),
            clock::now(),
        );
        if added.added == 0 {
            return toasts.success(i18n.fmt(K::AddedMembers, &[("n", "0"), ("already", "1")]));
        }
        saver.save(Batch::new().put(added.campaign), move || {
            picked.set(None);
            toasts.success(i18n.fmt(K::AddedMembers, &[("n", "1"), ("already", "0")]));
        });
    });
    let answer = move |customer: Id, response: Response| {
        let Some(c) = latest(data, id) else { return };
        let (today, now) = (clock::today(), clock::now());
        let Some(updated) = set_response(&c, customer, response, today, now) else {
            return;
        };
        let mut batch = Batch::new().put(updated.clone());
        // "Opted out" is the customer asking not to be contacted: it is recorded on the
        // customer too, so every later campaign and export leaves them out.
        let opt_out = (response == Response::OptedOut)
            .then(|| data.live_customer(customer))
            .flatten()
            .filter(|p| p.marketing_opt_out.is_none());
        let recorded = opt_out.is_some();
        if let Some(mut p) = opt_out {
            p.marketing_opt_out = Some(OptOut {
                on: today,
                channel: updated.kind.channel(),
                note: updated.name.clone(),
            });
            p.touch(now);
            batch = batch.put(p);
        }
        saver.save(batch, move || {
            toasts.success(i18n.t(if recorded {
                K::OptOutRecorded
            } else {
                K::CampaignSaved
            }))
        });
    };
    let remove = move |customer: Id| {
        let Some(updated) =
            latest(data, id).and_then(|c| remove_member(&c, customer, clock::now()))
        else {
            return;
        };
        saver.save(Batch::new().put(updated), move || {
            toasts.success(i18n.t(K::CampaignSaved))
        });
    };
    let export = move |vcard: bool| {
        let (Some(c), Some(f)) = (latest(data, id), figures.get_untracked()) else {
            return;
        };
        let zh = i18n.lang() == Lang::ZhCn;
        let file: MergeFile = data.customers.with_untracked(|all| {
            data.contacts.with_untracked(|contacts| {
                if vcard {
                    members_vcard(&c, &f.rows, all, contacts)
                } else {
                    members_csv(&c, &f.rows, all, contacts, zh)
                }
            })
        });
        if file.written == 0 {
            return toasts.error(i18n.t(K::ExportMembersNone));
        }
        let name = format!("{}-{}", c.name, clock::today());
        let saved = if vcard {
            save_bytes(&format!("{name}.vcf"), "text/vcard", file.text.as_bytes())
        } else {
            save_bytes(
                &format!("{name}.csv"),
                "text/csv",
                &with_utf8_bom(&file.text),
            )
        };
        match saved {
            Ok(()) => {
                let key = if vcard {
                    K::ExportedContacts
                } else {
                    K::ExportedCustomers
                };
                toasts.success(i18n.fmt(key, &[("n", &file.written.to_string())]));
                if file.left_out > 0 {
                    toasts
                        .success(i18n.fmt(K::ExportLeftOut, &[("n", &file.left_out.to_string())]));
                }
            }
            Err(e) => toasts.error(e),
        }
    };
    let table = move || {
        let f = figures.get()?;
        if f.rows.is_empty() {
            return Some(view! { <p class="muted" data-testid="members-empty">{i18n.t(K::MembersEmpty)}</p> }.into_any());
        }
        let names: HashMap<Id, String> = data
            .customers
            .with(|all| all.iter().map(|c| (c.id, c.name.clone())).collect());
        let people: HashMap<Id, String> = data
            .contacts
            .with(|all| all.iter().map(|p| (p.id, p.name.clone())).collect());
        let total = f.rows.len();
        let rows = f
            .rows
            .into_iter()
            .take(shown.get())
            .map(|r| member_row(id, r, &names, &people, answer, remove))
            .collect_view();
        Some(view! {
            <p class="muted" data-testid="members-count">{i18n.fmt(K::MembersCount, &[("n", &total.to_string())])}</p>
            <div class="table-wrap" tabindex="0">
                <table class="table" data-testid="member-table">
                    <thead><tr>
                        <th>{i18n.t(K::FieldCustomer)}</th>
                        <th>{i18n.t(K::FieldContact)}</th>
                        <th>{i18n.t(K::MemberSourceLabel)}</th>
                        <th>{i18n.t(K::MemberResponse)}</th>
                        <th><span class="sr-only">{i18n.t(K::Delete)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(total > shown.get()).then(|| view! {
                <button type="button" class="btn" data-testid="members-more" on:click=move |_| shown.update(|n| *n += PAGE)>{i18n.t(K::MembersMore)}</button>
            })}
        }.into_any())
    };
    view! {
        <section class="card" data-testid="members-card">
            <div class="card-head">
                <h2>{move || i18n.t(K::MembersTitle)}</h2>
                <div class="actions">
                    {move || segment.get().map(|s| view! {
                        <button type="button" class="btn" data-testid="add-segment" disabled=move || saver.pending()
                            on:click=add_segment>{i18n.fmt(K::AddFromSegment, &[("name", &s.name)])}</button>
                    })}
                    <button type="button" class="btn" data-testid="export-members-csv" on:click=move |_| export(false)>{move || i18n.t(K::ExportMembersCsv)}</button>
                    <button type="button" class="btn" data-testid="export-members-vcard" on:click=move |_| export(true)>{move || i18n.t(K::ExportMembersVCard)}</button>
                </div>
            </div>
            {table}
            <div class="inline-form">
                <label class="small" for="member-pick-search">{move || i18n.t(K::AddMemberByHand)}</label>
                <CustomerPick picked=picked testid="member-pick" label=K::AddMemberByHand on_pick=add_one/>
            </div>
        </section>
    }
}

fn member_row(
    campaign: Id,
    r: MemberRow,
    names: &HashMap<Id, String>,
    people: &HashMap<Id, String>,
    answer: impl Fn(Id, Response) + Copy + Send + Sync + 'static,
    remove: impl Fn(Id) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let customer = r.customer;
    let name = names.get(&customer).cloned().unwrap_or_default();
    let contact = r
        .contact
        .and_then(|p| people.get(&p).cloned())
        .unwrap_or_default();
    let source = r.source.map_or(K::SourceDeal, |s| s.key());
    let raised = r.response != r.typed;
    let label = format!("{} {}", i18n.t(K::MemberResponse), name);
    let remove_label = i18n.fmt(K::MemberRemove, &[("name", &name)]);
    view! {
        <tr data-testid="member-row">
            <td><A href=format!("/customers/{customer}")>{name}</A></td>
            <td>{contact}</td>
            <td>{i18n.t(source)}</td>
            <td>
                {if raised {
                    view! { <span data-testid="member-response" title=i18n.t(K::ResponseFromDeals)>{i18n.t(r.response.key())}</span> }.into_any()
                } else {
                    view! {
                        <EnumSelect id=format!("response-{customer}") options=&Response::ALL value=Signal::derive(move || r.typed)
                            name=Signal::derive(move || label.clone()) on_change=Callback::new(move |v| answer(customer, v))/>
                    }.into_any()
                }}
            </td>
            <td class="row-actions">
                <A href=format!("/opportunities/new?customer={customer}&campaign={campaign}") attr:class="btn btn-sm btn-ghost"
                    attr:data-testid="member-new-deal">{i18n.t(K::MemberNewDeal)}</A>
                {r.source.is_some().then(|| view! {
                <button type="button" class="btn btn-sm btn-ghost" aria-label=remove_label.clone() title=remove_label
                    on:click=move |_| remove(customer)>"×"</button>
            })}</td>
        </tr>
    }
}
