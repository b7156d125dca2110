//! The browser's clock, read in one place so the core can stay pure (it is always passed `now`).

use chrono::{Local, NaiveDate, NaiveDateTime};
use guanxi_core::Timestamp;

pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Today's date in the user's time zone.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The local wall-clock time, to the minute (what a datetime-local input shows).
pub fn now_local() -> NaiveDateTime {
    let now = Local::now().naive_local();
    now.date()
        .and_hms_opt(
            chrono::Timelike::hour(&now),
            chrono::Timelike::minute(&now),
            0,
        )
        .unwrap_or(now)
}
