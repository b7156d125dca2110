//! Keyboard focus across re-renders: a dialog takes the focus when it opens and gives it back to
//! whatever had it when it closes, so a keyboard user never lands at the top of the page.

use std::time::Duration;

use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

fn find(selector: &str) -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// Focuses the first element matching `selector` now.
pub fn focus_now(selector: &str) {
    if let Some(el) = find(selector) {
        let _ = el.focus();
    }
}

/// Focuses the first element matching `selector` once the views have caught up.
pub fn focus_later(selector: String) {
    set_timeout(move || focus_now(&selector), Duration::from_millis(40));
}

/// The element that has the focus now, if it is one that can take it back later.
fn focused() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// Nothing has the focus: it fell to the page body when the focused element went away.
fn focus_is_lost() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match (doc.active_element(), doc.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active == *body.unchecked_ref::<web_sys::Element>(),
        (Some(_), None) => false,
    }
}

/// Call while a dialog's view is being built: focuses `first` inside it once it is on screen,
/// and when the view is torn down (the dialog closed) returns the focus to the element that had
/// it before, or to the main region when the confirmed action removed that element.
pub fn hold_focus(first: &str) {
    let opener = SendWrapper::new(focused());
    focus_later(first.to_string());
    on_cleanup(move || {
        if let Some(el) = opener.take() {
            // The opener may be re-rendered by the action the dialog confirmed; only an element
            // still in the document can take the focus.
            set_timeout(
                move || {
                    // The confirmed action may already have placed the focus on purpose.
                    if !focus_is_lost() {
                        return;
                    }
                    if el.is_connected() {
                        let _ = el.focus();
                    } else {
                        focus_now("#main");
                    }
                },
                Duration::from_millis(40),
            );
        }
    });
}

/// Keeps Tab and Shift+Tab inside the open dialog (a modal must not let the focus wander to
/// the page behind it). Call from the dialog's keydown handler.
pub fn trap_tab(ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let Some(root) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("[role=dialog]").ok().flatten())
    else {
        return;
    };
    let Ok(list) = root.query_selector_all(
        "button:not([disabled]), input:not([disabled]), select:not([disabled]), \
         textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])",
    ) else {
        return;
    };
    let items: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = focused();
    let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el);
    if ev.shift_key() && at(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && at(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}
