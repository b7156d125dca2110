//! A rep's daily work: follow-ups, the visit plan, the daily report and customer care.

pub mod care;
pub mod daily_report;
pub mod follow_up_actions;
pub mod follow_ups;
pub mod owner_filter;
pub mod visit_plan;
