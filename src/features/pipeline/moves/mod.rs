//! Moving an opportunity to another stage, from the board, the list or the form. An open stage
//! takes it at once; won and lost first ask for the reason. A win may also promote a prospect
//! customer, which is asked second and saved in the same batch as the opportunity.

pub mod dialogs;

use std::rc::Rc;

use guanxi_core::model::validate::FieldError;
use guanxi_core::pipeline::opportunity::{
    find_stage, lifecycle_after_win, move_to_stage, outcome_of, stage_of,
};
use guanxi_core::store::Batch;
use guanxi_core::{Customer, Id, Lifecycle, Opportunity, Stage, StageOutcome};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::features::pipeline::shared::stage_name;
use crate::i18n::{problem_text, store_error_text, use_i18n, I18n, Labelled, K};
use crate::platform::clock;
use crate::state::{use_data, Data};
pub use crate::ui::focus::focus_later;
use crate::ui::toast::{use_toasts, Toasts};

/// A move into a won or lost stage, waiting for its reason.
#[derive(Clone)]
pub(crate) struct Closing {
    pub opportunity: Opportunity,
    pub stage: Stage,
    pub refocus: bool,
}

/// A won opportunity whose prospect customer could move on, waiting for the user's answer.
#[derive(Clone)]
pub(crate) struct Winning {
    pub moved: Opportunity,
    pub customer: Customer,
    pub to: Lifecycle,
    pub done: String,
    pub then: Option<String>,
    pub refocus: bool,
}

/// Goes to a page of the app.
type Navigate = Rc<dyn Fn(&str)>;

/// The pending moves of one page, provided as context by [`provide_mover`].
#[derive(Clone, Copy)]
pub struct Mover {
    pub(crate) data: Data,
    pub(crate) i18n: I18n,
    toasts: Toasts,
    pub(crate) closing: RwSignal<Option<Closing>>,
    pub(crate) winning: RwSignal<Option<Winning>>,
    navigate: StoredValue<Navigate, LocalStorage>,
    /// True while a move is being written.
    pub busy: RwSignal<bool>,
}

/// Creates the page's mover; mount [`crate::features::pipeline::moves::dialogs::MoveDialogs`] once
/// on the same page.
pub fn provide_mover() -> Mover {
    let navigate = use_navigate();
    let mover = Mover {
        data: use_data(),
        i18n: use_i18n(),
        toasts: use_toasts(),
        closing: RwSignal::new(None),
        winning: RwSignal::new(None),
        navigate: StoredValue::new_local(Rc::new(move |path: &str| {
            navigate(path, Default::default())
        })),
        busy: RwSignal::new(false),
    };
    provide_context(mover);
    mover
}

pub fn use_mover() -> Mover {
    expect_context::<Mover>()
}

impl Mover {
    /// Moves opportunity `id` to `stage_id`: at once into an open stage, after asking for the
    /// reason into a won or lost one. `refocus` puts the keyboard focus back on its card.
    pub fn request(self, id: Id, stage_id: &str, refocus: bool) {
        // One move at a time: a second key press before the first move is saved would start
        // from the old stage (and be refused as a conflict).
        if self.busy.get_untracked() {
            return;
        }
        let Some(opportunity) = self
            .data
            .opportunities
            .with_untracked(|all| all.iter().find(|o| o.id == id).cloned())
        else {
            return;
        };
        let settings = self.data.settings.get_untracked();
        let Some(stage) = find_stage(&settings, stage_id).cloned() else {
            return;
        };
        if stage_of(&opportunity, &settings).id == stage.id {
            return;
        }
        if stage.outcome.is_closed() {
            self.closing.set(Some(Closing {
                opportunity,
                stage,
                refocus,
            }));
            focus_later("[data-testid=close-reason]".into());
            return;
        }
        match move_to_stage(
            &opportunity,
            &stage.id,
            "",
            &settings,
            clock::now(),
            clock::today(),
        ) {
            Ok(moved) => {
                let done = self.moved_text(&stage);
                self.finish(Some(&opportunity), moved, done, None, refocus);
            }
            Err(e) => self
                .toasts
                .error(problem_text(self.i18n, &FieldError::from(e).problem)),
        }
    }

    pub(crate) fn moved_text(self, stage: &Stage) -> String {
        self.i18n
            .fmt(K::MovedTo, &[("stage", &stage_name(stage, self.i18n))])
    }

    /// Saves an opportunity that has changed from `previous` (`None` when new). When it has
    /// just been won and its customer is a prospect, asks first whether the customer moves on.
    /// `done` is the toast on success; `then` a page to go to afterwards.
    pub fn finish(
        self,
        previous: Option<&Opportunity>,
        moved: Opportunity,
        done: String,
        then: Option<String>,
        refocus: bool,
    ) {
        let settings = self.data.settings.get_untracked();
        let won_before = previous.is_some_and(|p| outcome_of(p, &settings) == StageOutcome::Won);
        if !won_before && outcome_of(&moved, &settings) == StageOutcome::Won {
            let customer = self
                .data
                .customers
                .with_untracked(|all| all.iter().find(|c| c.id == moved.customer_id).cloned());
            let to = customer.as_ref().and_then(|c| {
                self.data
                    .opportunities
                    .with_untracked(|all| lifecycle_after_win(&moved, c, all, &settings))
            });
            if let (Some(customer), Some(to)) = (customer, to) {
                self.winning.set(Some(Winning {
                    moved,
                    customer,
                    to,
                    done,
                    then,
                    refocus,
                }));
                focus_later("[data-testid=win-lifecycle-yes]".into());
                return;
            }
        }
        self.save(moved, None, done, then, refocus);
    }

    pub(crate) fn save(
        self,
        moved: Opportunity,
        customer: Option<Customer>,
        done: String,
        then: Option<String>,
        refocus: bool,
    ) {
        let Mover {
            data,
            i18n,
            toasts,
            busy,
            ..
        } = self;
        let id = moved.id;
        let promoted = customer.as_ref().map(|c| c.lifecycle);
        let mut batch = Batch::new().put(moved);
        if let Some(c) = customer {
            batch = batch.put(c);
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match data.save(batch).await {
                Ok(()) => {
                    toasts.success(done);
                    if let Some(l) = promoted {
                        toasts.success(i18n.fmt(K::CustomerMovedTo, &[("to", i18n.t(l.key()))]));
                    }
                    if refocus {
                        focus_later(format!("[data-card-id=\"{id}\"]"));
                    }
                    if let Some(path) = then {
                        self.navigate.with_value(|go| go(&path));
                    }
                }
                Err(e) => toasts.error(store_error_text(i18n, &e)),
            }
            busy.set(false);
        });
    }
}
