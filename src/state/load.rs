//! Filling the cache from storage: everything re-read at once, the search index built for the
//! customers at once and for the other kinds in the background.

use super::*;
use guanxi_core::search::{SearchIndex, Searchable};
use guanxi_core::store::StoreError;

use crate::platform::db::yield_to_browser;

/// Records added to the search index between two yields to the browser.
const INDEX_SLICE: usize = 2_000;

impl Data {
    /// Re-reads everything from storage (after a bulk load or an erase).
    /// Clean data also ends recovery mode (after a restore on the recovery screen).
    pub async fn reload(self) -> Result<(), StoreError> {
        let loaded = Loaded::read(&self.read_db().await?).await?;
        self.apply(loaded);
        self.interactions_changed.update(|n| *n += 1);
        if matches!(self.status.get_untracked(), DbStatus::Recovery(_)) {
            self.status.set(DbStatus::Ready);
        }
        Ok(())
    }

    pub(super) fn apply(&self, loaded: Loaded) {
        self.apply_first(loaded.first);
        self.apply_rest(loaded.rest);
    }

    /// The customers and settings. The customers' search entries are made now (the list sorts
    /// by them).
    fn apply_first(&self, first: FirstLoaded) {
        self.search_index
            .set_value(SearchIndex::build(&first.customers));
        self.customers.set(first.customers);
        self.settings.set(first.settings);
    }

    /// The other records. Their search entries are made after the first paint, a slice at a
    /// time, since only search needs them and a record without its entry is matched on the
    /// spot meanwhile.
    fn apply_rest(&self, rest: RestLoaded) {
        self.follow_ups.set(rest.follow_ups);
        self.contacts.set(rest.contacts);
        self.opportunities.set(rest.opportunities);
        self.cases.set(rest.cases);
        self.articles.set(rest.articles);
        self.campaigns.set(rest.campaigns);
        self.index_the_rest();
    }

    /// Adds the contacts, deals, follow-ups and cases to the search index in the background.
    /// What is already there stays: an entry written meanwhile is newer than the loaded copy.
    fn index_the_rest(self) {
        // Room for all at once (measured at 100,000 customers: 19 MiB less wasm memory than
        // growing step by step).
        let more = self.contacts.with_untracked(Vec::len)
            + self.opportunities.with_untracked(Vec::len)
            + self.follow_ups.with_untracked(Vec::len)
            + self.cases.with_untracked(Vec::len);
        self.search_index.update_value(|index| index.reserve(more));
        leptos::task::spawn_local(async move {
            self.index_in_slices(self.contacts).await;
            self.index_in_slices(self.opportunities).await;
            self.index_in_slices(self.follow_ups).await;
            self.index_in_slices(self.cases).await;
            mark_indexed();
        });
    }

    async fn index_in_slices<R: Searchable + Send + Sync + 'static>(self, list: RwSignal<Vec<R>>) {
        let mut start = 0;
        loop {
            yield_to_browser().await;
            // The list may change between slices (a write, a lock that empties it): each slice
            // reads it as it is then, and a record missed is still matched on the spot.
            let more = list.with_untracked(|all| {
                let end = (start + INDEX_SLICE).min(all.len());
                if start >= end {
                    return false;
                }
                self.search_index
                    .update_value(|index| index.add_missing(&all[start..end]));
                start = end;
                true
            });
            if !more {
                break;
            }
        }
    }
}

/// Leaves a `performance.mark` named `search-indexed`, so `make bench` reads memory once every
/// entry is made (the background filling shows nowhere on the page).
fn mark_indexed() {
    use wasm_bindgen::JsCast;
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into());
    if let Ok(performance) = performance {
        let mark = js_sys::Reflect::get(&performance, &"mark".into());
        if let Ok(mark) = mark.and_then(|m| m.dyn_into::<js_sys::Function>()) {
            let _ = mark.call1(&performance, &"search-indexed".into());
        }
    }
}
