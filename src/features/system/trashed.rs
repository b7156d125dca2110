//! One kind of record deleted on its own, listed in the trash with a restore button each.

use guanxi_core::model::trash::restore;
use guanxi_core::store::Batch;
use guanxi_core::Record;
use leptos::prelude::*;

use crate::i18n::K;
use crate::platform::clock;
use crate::ui::save::{use_kit, Kit};

#[component]
pub fn TrashedRecords<R>(
    list: Memo<Vec<R>>,
    heading: K,
    /// What names the record in the row, and the customer it belongs to (if any).
    describe: fn(&R, crate::state::Data) -> (String, String),
    testid: &'static str,
) -> impl IntoView
where
    R: Record + Send + Sync + PartialEq,
{
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let restore_one = move |r: R| {
        saver.save(Batch::new().put(restore(&r, clock::now())), move || {
            toasts.success(i18n.t(K::Restored))
        });
    };
    move || {
        list.with(|l| !l.is_empty()).then(|| {
            view! {
                <h2>{i18n.t(heading)}</h2>
                <ul class="list card">
                    {list.get().into_iter().map(|r| {
                        let (name, owner) = describe(&r, data);
                        view! {
                            <li data-testid=testid>
                                <strong>{name}</strong>
                                <span class="muted">{owner}</span>
                                <button class="btn btn-sm push" data-testid=format!("restore-{testid}")
                                    on:click=move |_| restore_one(r.clone())>{i18n.t(K::Restore)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}
