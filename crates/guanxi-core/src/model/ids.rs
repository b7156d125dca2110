//! Identifiers and timestamps.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A record id: a random UUID, stored as its hyphenated string so IndexedDB keys sort and compare
/// the same way everywhere (and a backup file stays readable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub Uuid);

impl Id {
    /// A fresh random id.
    pub fn random() -> Self {
        Id(Uuid::new_v4())
    }

    /// A deterministic id, for seeded demo data and tests.
    pub fn from_u128(n: u128) -> Self {
        Id(Uuid::from_u128(n))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for Id {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Id)
    }
}

/// A moment in time: milliseconds since the Unix epoch, UTC. A plain number so that it is a
/// valid, correctly ordered IndexedDB key and survives JSON without loss.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }

    pub fn to_datetime(self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_millis(self.0).unwrap_or_default()
    }
}
