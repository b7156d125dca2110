//! Shared pieces of the opportunity pages: money lines, stage and status names, the filter kept
//! in the URL, customer names and the stale flags.

use std::collections::{HashMap, HashSet};

use guanxi_core::customers::query::SortDir;
use guanxi_core::model::money::{format_money, Sums};
use guanxi_core::pipeline::forecast::YearMonth;
use guanxi_core::pipeline::list::{
    filter_sort_opportunities, OpportunityFilter, OpportunitySortKey, StatusFilter,
};
use guanxi_core::pipeline::stages::{StageError, StageProblem};
use guanxi_core::pipeline::stale::{is_stale, last_activity};
use guanxi_core::{Id, Interaction, Stage, StageOutcome};
use leptos::prelude::*;

use crate::i18n::{I18n, Lang, K};
use crate::state::{use_data, Data, InteractionScope};
use crate::ui::url::query_param;

/// The filter parameters the board, the list and the forecast share.
pub const OPP_PARAMS: [&str; 4] = ["owner", "customer", "month", "status"];

/// A stage's name in the UI language (the other language when that one is blank).
pub fn stage_name(stage: &Stage, i18n: I18n) -> String {
    stage.name(i18n.lang() == Lang::ZhCn).to_string()
}

/// A stored close reason in the UI language (a built-in bilingual reason shows one half).
pub fn close_reason(stored: &str, i18n: I18n) -> String {
    guanxi_core::close_reason_in(stored, i18n.lang() == Lang::ZhCn)
}

pub fn outcome_key(outcome: StageOutcome) -> K {
    match outcome {
        StageOutcome::Open => K::OppStatusOpen,
        StageOutcome::Won => K::OppStatusWon,
        StageOutcome::Lost => K::OppStatusLost,
    }
}

pub fn status_key(status: StatusFilter) -> K {
    match status {
        StatusFilter::All => K::FilterAny,
        StatusFilter::Open => K::OppStatusOpen,
        StatusFilter::Won => K::OppStatusWon,
        StatusFilter::Lost => K::OppStatusLost,
        StatusFilter::Closed => K::OppStatusClosed,
    }
}

/// Every currency's line of a sum, the default currency first: amounts in different
/// currencies are never added up. An empty sum reads as zero in the default currency.
pub fn money_lines(sums: &Sums, default_currency: &str) -> Vec<String> {
    let default = default_currency.trim().to_ascii_uppercase();
    let mut lines: Vec<(bool, String)> = sums
        .iter()
        .map(|(c, v)| (c != default, format_money(v, c)))
        .collect();
    lines.sort_by_key(|(other, _)| *other);
    if lines.is_empty() {
        return vec![format_money(0, &default)];
    }
    lines.into_iter().map(|(_, l)| l).collect()
}

/// Money lines as one line each.
pub fn money_view(lines: Vec<String>) -> impl IntoView {
    view! {
        <span class="money-lines">
            {lines.into_iter().map(|l| view! { <span class="money">{l}</span> }).collect_view()}
        </span>
    }
}

/// A problem with the stage list, as a sentence.
pub fn stage_error_text(i18n: I18n, e: &StageError) -> String {
    let problem = match e.problem {
        StageProblem::BlankId | StageProblem::DuplicateId => i18n.t(K::StageBadId).to_string(),
        StageProblem::BlankName => i18n.t(K::StageBlankName).to_string(),
        StageProblem::NameTooLong { max } => {
            i18n.fmt(K::ProblemTooLong, &[("max", &max.to_string())])
        }
        StageProblem::ProbabilityOutOfRange => i18n.t(K::ProblemPercent).to_string(),
        StageProblem::ClosedProbability => i18n.t(K::StageClosedProbability).to_string(),
        StageProblem::NoOpenStage => i18n.t(K::StageNoOpen).to_string(),
        StageProblem::NoWonStage => i18n.t(K::StageNoWon).to_string(),
        StageProblem::NoLostStage => i18n.t(K::StageNoLost).to_string(),
        StageProblem::UnknownStage => i18n.t(K::ProblemStage).to_string(),
        StageProblem::InUse { count } => i18n.fmt(K::StageInUse, &[("n", &count.to_string())]),
        StageProblem::TargetOutcomeDiffers => i18n.t(K::StageTargetOutcome).to_string(),
        StageProblem::TargetIsRemoved => i18n.t(K::StageTargetSelf).to_string(),
    };
    match e.index {
        Some(i) => i18n.fmt(
            K::StageErrorAt,
            &[("n", &(i + 1).to_string()), ("problem", &problem)],
        ),
        None => problem,
    }
}

/// Enter in a settings field that saves on `change` commits it, as blurring it would.
pub fn commit_on_enter(ev: leptos::ev::KeyboardEvent) {
    if ev.key() == "Enter" {
        if let Some(el) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
        {
            let _ = el.blur();
        }
    }
}

/// The filter in the URL (`owner`, `customer`, `month`, `status`, and `stage` for the list).
pub fn use_opp_filter() -> Memo<OpportunityFilter> {
    let p: Vec<Memo<String>> = OPP_PARAMS.iter().map(|k| query_param(k)).collect();
    let stage = query_param("stage");
    Memo::new(move |_| {
        let text = |i: usize| Some(p[i].get()).filter(|s| !s.trim().is_empty());
        OpportunityFilter {
            owner: text(0),
            customer: text(1).and_then(|s| s.parse::<Id>().ok()),
            close_month: text(2).and_then(|s| YearMonth::parse(&s)),
            stage: Some(stage.get()).filter(|s| !s.is_empty()),
            status: text(3)
                .and_then(|s| StatusFilter::parse(&s))
                .unwrap_or_default(),
        }
    })
}

/// Customer names by id, for cards and rows.
pub fn use_customer_names() -> Memo<HashMap<Id, String>> {
    let data = use_data();
    Memo::new(move |_| {
        data.customers
            .with(|all| all.iter().map(|c| (c.id, c.name.clone())).collect())
    })
}

/// The minutes the browser's time zone is east of UTC.
pub fn tz_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// The open opportunities without activity for more than the settings' stale days. Linked
/// interactions are read from storage (only the ones linked to an opportunity are kept).
pub fn use_stale() -> Memo<HashSet<Id>> {
    let data = use_data();
    let all = data.interactions_in(|| InteractionScope::All);
    Memo::new(move |_| {
        // Until the contact log is read, last activity is unknown, and an unknown activity
        // raises no flag: judging by the deals alone flagged deals that the log then cleared.
        let Some(Ok(Some(read))) = all.get() else {
            return HashSet::new();
        };
        // Only the interactions linked to an opportunity count.
        let interactions: Vec<Interaction> = read
            .into_iter()
            .filter(|i| i.opportunity_id.is_some())
            .collect();
        let today = crate::platform::clock::today();
        data.settings.with(|settings| {
            data.follow_ups.with(|follow_ups| {
                data.opportunities.with(|all| {
                    let last = last_activity(all, &interactions, follow_ups, tz_offset_minutes());
                    all.iter()
                        .filter(|o| is_stale(o, last.get(&o.id).copied(), today, settings))
                        .map(|o| o.id)
                        .collect()
                })
            })
        })
    })
}

/// The opportunities the URL's filter matches in any stage, by close date, with the settings:
/// what the board and the forecast show (a stage filter, from the list, does not apply).
pub fn with_any_stage<R>(
    data: Data,
    filter: Memo<OpportunityFilter>,
    show: impl FnOnce(&guanxi_core::Settings, &[&guanxi_core::Opportunity]) -> R,
) -> R {
    let f = OpportunityFilter {
        stage: None,
        ..filter.get()
    };
    data.settings.with(|settings| {
        data.customers.with(|customers| {
            data.opportunities.with(|all| {
                let found = filter_sort_opportunities(
                    all,
                    customers,
                    settings,
                    "",
                    &f,
                    OpportunitySortKey::CloseDate,
                    SortDir::Asc,
                );
                show(settings, &found)
            })
        })
    })
}
