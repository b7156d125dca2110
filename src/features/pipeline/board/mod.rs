//! The sales pipeline as a kanban board: a column per stage, cards moved by mouse, touch or
//! keyboard, filters in the URL.

pub mod card;
pub mod columns;
pub mod drag;

use leptos::prelude::*;

use crate::features::pipeline::board::columns::{build_columns, Board};
use crate::features::pipeline::filters::OpportunityFilters;
use crate::features::pipeline::moves::dialogs::MoveDialogs;
use crate::features::pipeline::moves::provide_mover;
use crate::features::pipeline::shared::{
    use_customer_names, use_opp_filter, use_stale, with_any_stage,
};
use crate::i18n::K;
use crate::ui::empty::ListGate;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn OpportunitiesPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    provide_mover();
    let filter = use_opp_filter();
    let names = use_customer_names();
    let stale = use_stale();
    let stored = Memo::new(move |_| data.live_opportunities(|it| it.next().is_some()));
    let columns = Memo::new(move |_| {
        with_any_stage(data, filter, |settings, found| {
            names.with(|n| stale.with(|s| build_columns(found, settings, n, s)))
        })
    });
    view! {
        <OpportunityFilters path="/opportunities"/>
        <ListGate
            empty=Signal::derive(move || {
                (!stored.get()).then_some((K::NoOpportunitiesTitle, K::NoOpportunitiesBody, true))
            })
            actions=std::sync::Arc::new(move || view! {
                <A href="/opportunities/new" attr:class="btn btn-primary">{move || i18n.t(K::NewOpportunity)}</A>
                " "
                <A href="/settings#demo" attr:class="btn">{move || i18n.t(K::LoadDemo)}</A>
            }.into_any())
        >
            <p class="muted small board-hint">{move || i18n.t(K::BoardHint)}</p>
            <Board columns=columns/>
        </ListGate>
        <MoveDialogs/>
    }
}
