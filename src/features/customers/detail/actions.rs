//! Archive, delete (to the trash) and merge, on a customer's page.

use guanxi_core::customers::bulk::trash_customer;
use guanxi_core::customers::merge::{merge_customers, MergeInput};
use guanxi_core::store::Batch;
use guanxi_core::{Customer, Id, Record};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::K;
use crate::platform::clock;
use crate::state::InteractionScope;
use crate::ui::customer_pick::CustomerPick;
use crate::ui::dialog::ConfirmDialog;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn CustomerActions(customer: Customer) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let navigate = use_navigate();
    let id = customer.id;
    let archived = customer.archived;
    let name = customer.name.clone();
    let stored = StoredValue::new(customer);
    let confirm_delete = RwSignal::new(false);
    let merging = RwSignal::new(false);
    let merge_pick = RwSignal::new(None::<Id>);

    let toggle_archive = move |_| {
        let mut c = stored.get_value();
        c.archived = !c.archived;
        c.touch(clock::now());
        saver.save(Batch::new().put(c), move || {
            toasts.success(i18n.t(K::Saved))
        });
    };
    let nav = navigate.clone();
    let delete = Callback::new(move |_| {
        let c = trash_customer(&stored.get_value(), clock::now());
        let nav = nav.clone();
        saver.save(Batch::new().put(c), move || {
            toasts.success(i18n.t(K::MovedToTrash));
            nav("/customers", Default::default());
        });
    });
    let merge = Callback::new(move |_| {
        let Some(other_id) = merge_pick.get_untracked() else {
            return;
        };
        let survivor = stored.get_value();
        saver.run(
            async move {
                let absorbed = data
                    .customers
                    .with_untracked(|all| all.iter().find(|c| c.id == other_id).cloned())
                    .ok_or_else(|| {
                        guanxi_core::store::StoreError::Data("customer not found".into())
                    })?;
                let interactions = data
                    .interactions(InteractionScope::Customer(other_id))
                    .await?;
                // Trashed ones too, so restoring one later brings it back under the survivor.
                let contacts = data.every_record_of(data.contacts, other_id);
                let follow_ups = data.every_record_of(data.follow_ups, other_id);
                let opportunities = data.every_record_of(data.opportunities, other_id);
                let cases = data.every_record_of(data.cases, other_id);
                let campaigns = data.campaigns.get_untracked();
                let batch = merge_customers(
                    MergeInput {
                        survivor: &survivor,
                        absorbed: &absorbed,
                        contacts: &contacts,
                        interactions: &interactions,
                        follow_ups: &follow_ups,
                        opportunities: &opportunities,
                        cases: &cases,
                        campaigns: &campaigns,
                    },
                    clock::now(),
                );
                data.save(batch).await
            },
            move |()| toasts.success(i18n.t(K::Merged)),
        );
    });
    view! {
        <div class="actions">
            <A href=format!("/customers/{id}/edit") attr:class="btn" attr:data-testid="edit-customer">{move || i18n.t(K::Edit)}</A>
            <button class="btn" data-testid="archive-customer" on:click=toggle_archive>
                {move || i18n.t(if archived { K::Unarchive } else { K::Archive })}
            </button>
            <button class="btn" data-testid="merge-customer" on:click=move |_| merging.set(true)>{move || i18n.t(K::Merge)}</button>
            <button class="btn btn-danger-ghost" data-testid="delete-customer" on:click=move |_| confirm_delete.set(true)>{move || i18n.t(K::Delete)}</button>
        </div>
        <ConfirmDialog open=confirm_delete title=Signal::derive(move || i18n.t(K::DeleteCustomerTitle).to_string()) confirm_label=K::Delete danger=true on_confirm=delete>
            <p>{i18n.fmt(K::DeleteCustomerBody, &[("name", &name)])}</p>
        </ConfirmDialog>
        <ConfirmDialog
            open=merging
            title=Signal::derive(move || i18n.t(K::MergeTitle).to_string())
            confirm_label=K::Merge
            confirm_enabled=Signal::derive(move || merge_pick.get().is_some())
            on_confirm=merge
        >
            <p class="muted">{move || i18n.t(K::MergeBody)}</p>
            <CustomerPick picked=merge_pick exclude=id testid="merge" label=K::MergeTitle/>
        </ConfirmDialog>
    }
}
