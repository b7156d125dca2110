//! Working with customers over time: the contact log and follow-ups (some of them repeating),
//! the care lists that suggest whom to contact next, and the daily report that sums up a day's
//! work.

pub mod care;
pub mod commands;
pub mod daily_report;
pub mod forms;
pub mod recurrence;
