//! One way to run a write (or a read for a download) the user asked for: a pending flag that a
//! button or a form can show and check, a failure as one toast in the user's language, and
//! what happens on success left to the caller.

use std::future::Future;
use std::pin::Pin;

use guanxi_core::store::{Batch, StoreError};
use leptos::prelude::*;

use crate::i18n::{store_error_text, use_i18n, I18n};
use crate::state::{use_data, Change, Committed, Data};
use crate::ui::toast::{use_toasts, Toasts};

#[derive(Clone, Copy)]
pub struct Saver {
    /// Runs in flight.
    pending: RwSignal<u32>,
    data: Data,
    toasts: Toasts,
    i18n: I18n,
}

pub fn use_saver() -> Saver {
    Saver {
        pending: RwSignal::new(0),
        data: use_data(),
        toasts: use_toasts(),
        i18n: use_i18n(),
    }
}

impl Saver {
    /// Whether a run of this saver is in flight (tracked, for a button's state).
    pub fn pending(&self) -> bool {
        self.pending.get() > 0
    }

    /// Like [`Saver::pending`], untracked: a form's submit handler checks it so a double click
    /// saves once.
    pub fn busy(&self) -> bool {
        self.pending.get_untracked() > 0
    }

    /// Runs `work`; on success hands its value to `done`, on failure toasts the error.
    pub fn run<T: 'static>(
        self,
        work: impl Future<Output = Result<T, StoreError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.spawn(Box::pin(async move { work.await.map(done) }));
    }

    /// The one copy of the pending count and the error path (boxed, so the many call sites
    /// do not each get their own copy in the download).
    fn spawn(self, work: Pin<Box<dyn Future<Output = Result<(), StoreError>>>>) {
        self.pending.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            if let Err(e) = work.await {
                self.toasts.error(store_error_text(self.i18n, &e));
            }
            self.pending.update(|n| *n -= 1);
        });
    }

    /// Commits a change through the one write path.
    pub fn commit(self, change: Change, done: impl FnOnce(Committed) + 'static) {
        self.run(self.data.commit(change), done);
    }

    /// Saves a user's edit.
    pub fn save(self, batch: Batch, done: impl FnOnce() + 'static) {
        self.run(self.data.save(batch), |()| done());
    }
}

/// What most components take from context: the language, the data, toasts and a saver.
#[derive(Clone, Copy)]
pub struct Kit {
    pub i18n: I18n,
    pub data: Data,
    pub toasts: Toasts,
    pub saver: Saver,
}

pub fn use_kit() -> Kit {
    Kit {
        i18n: use_i18n(),
        data: use_data(),
        toasts: use_toasts(),
        saver: use_saver(),
    }
}
