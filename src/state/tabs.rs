//! Other tabs of this origin: they hear of every committed write and re-read, debounced.

use super::*;

/// What one tab tells the others.
pub(super) const MSG_CHANGED: &str = "changed";

/// Encryption was turned on, off or re-keyed: other tabs must unlock again or drop their key.
pub(super) const MSG_KEY: &str = "key";

/// The BroadcastChannel name shared by every tab of the app.
pub(super) const CHANNEL: &str = "guanxi-data";

impl Data {
    pub(super) fn listen_to_other_tabs(self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if event.data().as_string().as_deref() == Some(MSG_KEY) {
                    leptos::task::spawn_local(self.key_changed());
                } else {
                    self.schedule_refresh();
                }
            },
        );
        channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(handler.as_ref())));
        // The channel lives as long as the page.
        handler.forget();
        self.channel.set_value(Some(channel));
    }

    /// Another tab wrote: re-read once the burst of its messages is over.
    pub(super) fn schedule_refresh(self) {
        if self.refresh_scheduled.get_value() {
            return;
        }
        self.refresh_scheduled.set_value(true);
        leptos::task::spawn_local(async move {
            crate::platform::db::sleep_ms(50).await;
            self.refresh_scheduled.set_value(false);
            if self.status.get_untracked() == DbStatus::Ready {
                if let Err(e) = self.reload().await {
                    leptos::logging::error!("refresh after another tab's write failed: {e}");
                }
            }
        });
    }

    /// Tells the other tabs that committed data changed.
    pub(super) fn announce(&self) {
        self.post(MSG_CHANGED);
    }

    pub(super) fn post(&self, message: &str) {
        if let Some(channel) = self.channel.get_value() {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(message));
        }
    }
}
