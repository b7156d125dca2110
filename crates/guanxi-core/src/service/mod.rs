//! Customer service: cases (complaints, repairs, inquiries, suggestions) from the first call
//! to the customer's verdict, their targets, and the service-quality figures.

pub mod case;
pub mod commands;
pub mod figures;
pub mod timing;

#[cfg(test)]
mod tests;
