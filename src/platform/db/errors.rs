//! Browser errors translated into the storage errors the app knows how to explain.

use guanxi_core::store::StoreError;
use wasm_bindgen::{JsCast, JsValue};

/// The DOMException name and message inside an idb error, when there is one.
pub(super) fn exception_of(error: &idb::Error) -> (String, String) {
    use idb::Error as E;
    let value: Option<&JsValue> = match error {
        E::DomException(e) => Some(e.as_ref()),
        E::AddFailed(v)
        | E::ClearFailed(v)
        | E::CountFailed(v)
        | E::DeleteFailed(v)
        | E::GetAllFailed(v)
        | E::GetFailed(v)
        | E::IndexedDbOpenFailed(v)
        | E::IndexedDbNotFound(v)
        | E::IndexNotFound(v)
        | E::ObjectStoreNotFound(v)
        | E::UpdateFailed(v)
        | E::TransactionOpenFailed(v)
        | E::TransactionCommitError(v)
        | E::TransactionAbortError(v) => Some(v),
        _ => None,
    };
    match value.and_then(|v| v.dyn_ref::<js_sys::Error>()) {
        Some(e) => (String::from(e.name()), String::from(e.message())),
        None => match value.and_then(|v| v.dyn_ref::<web_sys::DomException>()) {
            Some(e) => (e.name(), e.message()),
            None => ("Error".into(), error.to_string()),
        },
    }
}

/// A thrown JS value (usually a DOMException) as a storage error.
pub(super) fn js_error(value: &JsValue) -> StoreError {
    match value.dyn_ref::<web_sys::DomException>() {
        Some(e) => error_from_name(&e.name(), e.message()),
        None => StoreError::Aborted {
            name: "Error".into(),
            message: format!("{value:?}"),
        },
    }
}

pub(super) fn describe(error: &idb::Error) -> String {
    let (name, message) = exception_of(error);
    format!("{name}: {message}")
}

/// Maps a browser error name to what the user needs to know about it.
pub fn error_from_name(name: &str, message: String) -> StoreError {
    match name {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "InvalidStateError" => StoreError::Closed,
        "DataCloneError" | "DataError" => StoreError::Data(message),
        _ => StoreError::Aborted {
            name: name.to_string(),
            message,
        },
    }
}

pub(super) fn to_store_error(error: idb::Error) -> StoreError {
    let (name, message) = exception_of(&error);
    error_from_name(&name, message)
}
