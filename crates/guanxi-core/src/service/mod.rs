//! Customer service: cases (complaints, repairs, inquiries, suggestions) from the first call
//! to the customer's verdict, their targets, the service-quality figures, and the knowledge
//! base the desk searches while handling them.

pub mod case;
pub mod commands;
pub mod figures;
pub mod knowledge;
pub mod timing;

#[cfg(test)]
mod tests;
