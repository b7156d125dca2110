//! Analysis as the course teaches it: pure functions over values the caller has gathered, each
//! result carrying its inputs so a screen can show the working.

pub mod abc;
pub mod period_key;
