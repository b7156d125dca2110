//! Sales opportunities: the board, the list and the forecast (one header, one filter in the
//! URL), the form and the stage moves.

pub mod board;
pub mod fields;
pub mod filters;
pub mod forecast;
pub mod form;
pub mod list;
pub mod moves;
pub mod row;
pub mod shared;
