//! One JSON file holding everything: records, settings and attachment bytes.
//!
//! File layout:
//!
//! ```json
//! {"format":"guanxi-backup","format_version":1,"app_version":"0.1.0","created_at":<ms>,
//!  "checksum":"sha256:<hex>","data":{...}}
//! ```
//!
//! The checksum is the SHA-256 of the `data` JSON text exactly as it appears in the file. The
//! writer therefore assembles the outer object by hand around the already serialized data, and
//! the reader hashes the raw text (via [`RawValue`]) instead of re-serializing, which could
//! differ in key order, number spelling or escapes and would make a sound file look corrupt.
//! The checksum catches damage (a truncated download, a sync tool mangling bytes, an edit in a
//! text editor); it is not a signature, anyone can recompute it.
//!
//! Reading never trusts the file: every record is decoded on its own, fields that do not decode
//! fall back to their defaults, records that cannot be identified are dropped and counted, and
//! duplicated ids are collapsed to the newest copy. The idea comes from Excalidraw's restore:
//! repair what can be repaired, so one bad record never costs the user the whole backup.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::marketing::campaign::Campaign;
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{
    Contact, Customer, FollowUp, Interaction, Opportunity, Record, Settings, Stage,
};
use crate::service::case::ServiceCase;
use crate::service::knowledge::Article;
use crate::store::Batch;

/// The `format` marker, so a backup is recognised even when renamed, and another app's JSON is
/// not mistaken for one.
pub const FORMAT: &str = "guanxi-backup";
/// The newest file layout this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

/// An attachment with its bytes. In the file, `data` is a base64 string: JSON has no bytes, and
/// an array of numbers would be four times larger.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AttachmentData {
    pub id: Id,
    pub interaction_id: Id,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub mime: String,
    /// Always equal to `data.len()` after [`read_backup`], which recomputes it rather than
    /// believing the file.
    #[serde(default)]
    pub size: u64,
    #[serde(with = "base64_bytes")]
    pub data: Vec<u8>,
}

mod base64_bytes {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD.decode(text.as_bytes()).map_err(D::Error::custom)
    }
}

/// Everything a backup holds. Also what the UI reads from storage to write one, and (with
/// attachment bytes optionally left empty) the local side of [`plan_restore`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct BackupData {
    pub customers: Vec<Customer>,
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    pub follow_ups: Vec<FollowUp>,
    /// Missing from files written before opportunities existed, which read as none.
    pub opportunities: Vec<Opportunity>,
    /// Missing from files written before service cases existed, which read as none.
    pub cases: Vec<ServiceCase>,
    /// Knowledge-base articles; none in files written before they existed.
    pub articles: Vec<Article>,
    /// Marketing campaigns; none in files written before they existed.
    pub campaigns: Vec<Campaign>,
    pub attachments: Vec<AttachmentData>,
    pub settings: Settings,
    /// The UI language at the time of the backup, if the caller chose to include it.
    pub language: Option<String>,
}

/// How many of each thing a backup holds, for the "this file contains…" summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub customers: usize,
    pub contacts: usize,
    pub interactions: usize,
    pub follow_ups: usize,
    pub opportunities: usize,
    pub cases: usize,
    pub articles: usize,
    pub campaigns: usize,
    pub attachments: usize,
}

impl Counts {
    pub fn of(data: &BackupData) -> Self {
        Counts {
            customers: data.customers.len(),
            contacts: data.contacts.len(),
            interactions: data.interactions.len(),
            follow_ups: data.follow_ups.len(),
            opportunities: data.opportunities.len(),
            cases: data.cases.len(),
            articles: data.articles.len(),
            campaigns: data.campaigns.len(),
            attachments: data.attachments.len(),
        }
    }
}

/// What a file says about itself, and what reading it had to repair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupInfo {
    pub format_version: u32,
    /// The app version that wrote the file (empty if the file does not say).
    pub app_version: String,
    /// When the file was written (0 if the file does not say).
    pub created_at: Timestamp,
    /// Counts after repair, i.e. what a restore would bring in.
    pub counts: Counts,
    /// Records and attachments skipped because they could not be identified (a missing or
    /// unparseable id, customer, date or attachment bytes).
    pub dropped: usize,
    /// Records kept with one or more unreadable fields reset to their defaults.
    pub repaired: usize,
    /// Extra copies of an id that were collapsed (the newest `updated_at` is kept).
    pub duplicates: usize,
}

/// Why a file cannot be restored. The UI owns the wording; keep the variants stable.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not JSON")]
    NotJson,
    /// Valid JSON but not a Guanxi backup (a CSV that happens to parse, another app's JSON).
    #[error("the file is not a Guanxi backup")]
    WrongKind,
    /// The JSON ends early: an interrupted download or copy.
    #[error("the file is incomplete")]
    Truncated,
    #[error("backup format {found} is newer than this app supports ({supported})")]
    TooNew { found: u32, supported: u32 },
    #[error("the file was changed or damaged (checksum mismatch)")]
    ChecksumMismatch,
    /// Structurally wrong data, with a short untranslated reason for the curious.
    #[error("invalid backup: {0}")]
    Invalid(String),
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes a backup file. `now` is passed in because core never reads the clock.
pub fn export_backup(data: &BackupData, app_version: &str, now: Timestamp) -> String {
    // Plain data with string keys only, so serializing cannot fail.
    let data_json = serde_json::to_string(data).expect("backup data serializes");
    let app_version = serde_json::to_string(app_version).expect("a string serializes");
    format!(
        r#"{{"format":"{FORMAT}","format_version":{FORMAT_VERSION},"app_version":{app_version},"created_at":{},"checksum":"sha256:{}","data":{data_json}}}"#,
        now.0,
        sha256_hex(data_json.as_bytes()),
    )
}

/// Reads and checks a backup file, repairing what can be repaired (see the module docs).
///
/// Contacts, interactions, follow-ups, opportunities and attachments whose customer (or
/// interaction) is not in the file are kept on purpose: a merge restore may find their parent
/// in local data, and a partial file is still worth more than nothing. The UI shows orphans
/// like any other record whose customer is missing.
pub fn read_backup(text: &str) -> Result<(BackupInfo, BackupData), BackupError> {
    // Windows editors like to add a byte-order mark; JSON parsers reject it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(BackupError::Empty);
    }
    // Only the envelope is decoded here; `data` stays raw text so it can be hashed as written.
    let envelope: HashMap<String, &RawValue> = match serde_json::from_str(text) {
        Ok(envelope) => envelope,
        Err(e) if e.is_eof() => return Err(BackupError::Truncated),
        Err(e) if e.is_syntax() || e.is_io() => return Err(BackupError::NotJson),
        // Valid JSON so far, but not an object: an array, a number, a string.
        Err(_) => return Err(BackupError::WrongKind),
    };
    let field = |name: &str| envelope.get(name).map(|raw| raw.get());

    let format: Option<String> = field("format").and_then(|f| serde_json::from_str(f).ok());
    if format.as_deref() != Some(FORMAT) {
        return Err(BackupError::WrongKind);
    }
    let version = match field("format_version").map(serde_json::from_str::<u64>) {
        Some(Ok(v)) => u32::try_from(v).unwrap_or(u32::MAX),
        _ => return Err(invalid("format_version is missing or not a whole number")),
    };
    // Before the checksum: a newer format may checksum differently, and "update the app" is
    // the message that helps.
    if version > FORMAT_VERSION {
        return Err(BackupError::TooNew {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let data_text = field("data").ok_or_else(|| invalid("data is missing"))?;
    let checksum: String = field("checksum")
        .and_then(|c| serde_json::from_str(c).ok())
        .ok_or_else(|| invalid("checksum is missing"))?;
    let expected = checksum
        .strip_prefix("sha256:")
        .ok_or_else(|| invalid("unsupported checksum"))?;
    if !expected.eq_ignore_ascii_case(&sha256_hex(data_text.as_bytes())) {
        return Err(BackupError::ChecksumMismatch);
    }

    let data: Value = serde_json::from_str(data_text).map_err(|e| invalid(&e.to_string()))?;
    let data = upgrade(version, data)?;
    let mut stats = Stats::default();
    let data = repair_data(data, &mut stats)?;
    let info = BackupInfo {
        format_version: version,
        app_version: field("app_version")
            .and_then(|v| serde_json::from_str(v).ok())
            .unwrap_or_default(),
        created_at: field("created_at")
            .and_then(|v| serde_json::from_str(v).ok())
            .map(Timestamp)
            .unwrap_or_default(),
        counts: Counts::of(&data),
        dropped: stats.dropped,
        repaired: stats.repaired,
        duplicates: stats.duplicates,
    };
    Ok((info, data))
}

fn invalid(reason: &str) -> BackupError {
    BackupError::Invalid(reason.to_string())
}

/// Brings the `data` object of an older file up to [`FORMAT_VERSION`], one version at a time,
/// so each step only has to know its neighbour. Only v1 exists today; when v2 arrives, add
/// `1 => upgrade(2, v1_to_v2(data)?)` and keep `tests/fixtures/backup-v1.json` reading.
fn upgrade(version: u32, data: Value) -> Result<Value, BackupError> {
    match version {
        FORMAT_VERSION => Ok(data),
        v if v > FORMAT_VERSION => Err(BackupError::TooNew {
            found: v,
            supported: FORMAT_VERSION,
        }),
        v => Err(BackupError::Invalid(format!("unknown format_version {v}"))),
    }
}

#[derive(Default)]
struct Stats {
    dropped: usize,
    repaired: usize,
    duplicates: usize,
}

/// Decodes one item, field by field if it has to.
///
/// The fast path decodes the whole item. If that fails, the item is rebuilt from its
/// `required` fields (without which it cannot be identified or placed, so it is dropped) and
/// then every other field is added back one at a time, keeping each one that still decodes.
/// A field that does not (an unknown enum value, a number where text belongs) keeps its
/// default. Slow, but only for damaged items.
fn decode_item<T: DeserializeOwned>(
    item: &Value,
    required: &[&str],
    stats: &mut Stats,
) -> Option<T> {
    if let Ok(t) = T::deserialize(item) {
        return Some(t);
    }
    let Some(fields) = item.as_object() else {
        stats.dropped += 1;
        return None;
    };
    let mut acc = Value::Object(Map::new());
    for &name in required {
        let Some(value) = fields.get(name) else {
            stats.dropped += 1;
            return None;
        };
        insert(&mut acc, name, value.clone());
    }
    let Ok(mut best) = T::deserialize(&acc) else {
        stats.dropped += 1;
        return None;
    };
    for (name, value) in fields {
        if required.contains(&name.as_str()) {
            continue;
        }
        insert(&mut acc, name, value.clone());
        match T::deserialize(&acc) {
            Ok(t) => best = t,
            Err(_) => remove(&mut acc, name),
        }
    }
    stats.repaired += 1;
    Some(best)
}

fn insert(acc: &mut Value, name: &str, value: Value) {
    if let Value::Object(map) = acc {
        map.insert(name.to_string(), value);
    }
}

fn remove(acc: &mut Value, name: &str) {
    if let Value::Object(map) = acc {
        map.remove(name);
    }
}

/// The items of one list in `data`. Missing or `null` is an empty list (a hand-trimmed file);
/// anything else that is not a list means the file is not what it claims to be.
fn list(data: &mut Map<String, Value>, name: &str) -> Result<Vec<Value>, BackupError> {
    match data.remove(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(BackupError::Invalid(format!("{name} is not a list"))),
    }
}

fn records<R: Record>(
    data: &mut Map<String, Value>,
    name: &str,
    required: &[&str],
    stats: &mut Stats,
) -> Result<Vec<R>, BackupError> {
    let decoded: Vec<R> = list(data, name)?
        .iter()
        .filter_map(|item| decode_item(item, required, stats))
        .collect();
    let (kept, duplicates) = newest_per_id(decoded);
    stats.duplicates += duplicates;
    Ok(kept)
}

/// Collapses records sharing an id to the one with the newest `updated_at` (the first one on a
/// tie), at the position of the first copy so the file's order is otherwise kept. Returns how
/// many copies were removed.
fn newest_per_id<R: Record>(records: Vec<R>) -> (Vec<R>, usize) {
    let mut index: HashMap<Id, usize> = HashMap::with_capacity(records.len());
    let mut kept: Vec<R> = Vec::with_capacity(records.len());
    let mut removed = 0;
    for r in records {
        match index.get(&r.id()) {
            Some(&i) => {
                removed += 1;
                if r.updated_at() > kept[i].updated_at() {
                    kept[i] = r;
                }
            }
            None => {
                index.insert(r.id(), kept.len());
                kept.push(r);
            }
        }
    }
    (kept, removed)
}

/// Attachments have no update time, and their bytes never change under the same id, so the
/// first copy is as good as any.
fn first_per_id(attachments: Vec<AttachmentData>) -> (Vec<AttachmentData>, usize) {
    let mut seen = HashSet::with_capacity(attachments.len());
    let before = attachments.len();
    let kept: Vec<AttachmentData> = attachments
        .into_iter()
        .filter(|a| seen.insert(a.id))
        .collect();
    let removed = before - kept.len();
    (kept, removed)
}

fn repair_data(data: Value, stats: &mut Stats) -> Result<BackupData, BackupError> {
    let Value::Object(mut data) = data else {
        return Err(invalid("data is not an object"));
    };
    let customers = records::<Customer>(&mut data, "customers", &["id"], stats)?;
    let contacts = records::<Contact>(&mut data, "contacts", &["id", "customer_id"], stats)?;
    let interactions = records::<Interaction>(
        &mut data,
        "interactions",
        &["id", "customer_id", "at"],
        stats,
    )?;
    let follow_ups = records::<FollowUp>(
        &mut data,
        "follow_ups",
        &["id", "customer_id", "due"],
        stats,
    )?;
    let opportunities =
        records::<Opportunity>(&mut data, "opportunities", &["id", "customer_id"], stats)?;
    let cases = records::<ServiceCase>(
        &mut data,
        "cases",
        &["id", "customer_id", "opened_at"],
        stats,
    )?;
    let articles = records::<Article>(&mut data, "articles", &["id"], stats)?;
    let campaigns = records::<Campaign>(&mut data, "campaigns", &["id"], stats)?;

    // The bytes are the point of an attachment: without readable `data` it is dropped, not
    // kept as an empty file that would look intact.
    let attachments: Vec<AttachmentData> = list(&mut data, "attachments")?
        .iter()
        .filter_map(|item| decode_item(item, &["id", "interaction_id", "data"], stats))
        .map(|mut a: AttachmentData| {
            a.size = a.data.len() as u64;
            a
        })
        .collect();
    let (attachments, duplicates) = first_per_id(attachments);
    stats.duplicates += duplicates;

    let settings = match data.remove("settings") {
        None | Some(Value::Null) => Settings::default(),
        // Every settings field has a default, so an object always decodes (bad fields reset).
        Some(value @ Value::Object(_)) => decode_item(&value, &[], stats).unwrap_or_default(),
        // Not even an object: defaults, counted as a repair; the records are still worth
        // restoring.
        Some(_) => {
            stats.repaired += 1;
            Settings::default()
        }
    };
    let language = match data.remove("language") {
        Some(Value::String(language)) => Some(language),
        _ => None,
    };
    Ok(BackupData {
        customers,
        contacts,
        interactions,
        follow_ups,
        opportunities,
        cases,
        articles,
        campaigns,
        attachments,
        settings,
        language,
    })
}

/// Replace the local data with the backup, or merge the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreMode {
    Replace,
    Merge,
}

/// What a restore will do to the records of every kind (attachments are not counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RestoreSummary {
    /// Records not present locally.
    pub added: usize,
    /// Local records overwritten by a different incoming version.
    pub updated: usize,
    /// Merge only: local records kept because they are as new as or newer than the incoming
    /// version (and differ from it).
    pub kept_newer_local: usize,
    /// Records identical on both sides.
    pub unchanged: usize,
    /// Replace only: local records that are not in the backup and will be gone afterwards;
    /// the confirmation dialog should say so.
    pub removed: usize,
}

/// Everything storage must write, in one transaction, to carry out a restore.
#[derive(Clone, Debug, PartialEq)]
pub struct RestorePlan {
    pub batch: Batch,
    /// Attachments (with bytes) to store.
    pub attachments: Vec<AttachmentData>,
    /// Attachment ids to delete. Replace lists every local attachment not in the backup (so
    /// the result is exact even for storage that keeps blobs outside the cleared stores);
    /// merge never deletes anything.
    pub remove_attachments: Vec<Id>,
    /// The settings to store (always written).
    pub settings: Settings,
    /// Clear every store first, inside the same transaction, so the old data is only gone if
    /// the new data is fully written.
    pub replace_all: bool,
    pub summary: RestoreSummary,
}

/// Plans a restore of `incoming` over `local`.
///
/// `local` is what storage holds now; its attachments may carry metadata only (`data` empty),
/// since only their ids are compared.
///
/// - [`RestoreMode::Replace`]: the result is exactly the backup. Every incoming record is put,
///   `replace_all` asks storage to clear everything first, and the settings are the backup's.
/// - [`RestoreMode::Merge`]: per record id, the incoming version wins only if the id is
///   missing locally or its `updated_at` is strictly newer; on a tie the local copy stays,
///   because it is the one the user has been looking at. A trash or an edit made after the
///   backup therefore survives. Attachments are added when their id is missing locally.
///   Settings keep the local preferences (care thresholds, size limit, currency, stale days)
///   and gain what the backup's records may need: its owners, close reasons and pipeline
///   stages that are missing locally (see `merge_settings`). A record purged from the local
///   trash after the backup was made comes back: a purge leaves no tombstone to compare with.
pub fn plan_restore(incoming: BackupData, local: &BackupData, mode: RestoreMode) -> RestorePlan {
    let mut batch = Batch::new();
    let mut summary = RestoreSummary::default();
    plan_kind(
        incoming.customers,
        &local.customers,
        mode,
        &mut batch,
        &mut summary,
    );
    plan_kind(
        incoming.contacts,
        &local.contacts,
        mode,
        &mut batch,
        &mut summary,
    );
    plan_kind(
        incoming.interactions,
        &local.interactions,
        mode,
        &mut batch,
        &mut summary,
    );
    plan_kind(
        incoming.follow_ups,
        &local.follow_ups,
        mode,
        &mut batch,
        &mut summary,
    );
    plan_kind(
        incoming.opportunities,
        &local.opportunities,
        mode,
        &mut batch,
        &mut summary,
    );
    plan_kind(incoming.cases, &local.cases, mode, &mut batch, &mut summary);
    plan_kind(
        incoming.articles,
        &local.articles,
        mode,
        &mut batch,
        &mut summary,
    );
    plan_kind(
        incoming.campaigns,
        &local.campaigns,
        mode,
        &mut batch,
        &mut summary,
    );

    let (incoming_attachments, _) = first_per_id(incoming.attachments);
    let local_attachments: HashSet<Id> = local.attachments.iter().map(|a| a.id).collect();
    match mode {
        RestoreMode::Replace => {
            let keep: HashSet<Id> = incoming_attachments.iter().map(|a| a.id).collect();
            let mut remove_attachments: Vec<Id> = local_attachments
                .into_iter()
                .filter(|id| !keep.contains(id))
                .collect();
            remove_attachments.sort();
            RestorePlan {
                batch,
                attachments: incoming_attachments,
                remove_attachments,
                settings: incoming.settings,
                replace_all: true,
                summary,
            }
        }
        RestoreMode::Merge => RestorePlan {
            batch,
            attachments: incoming_attachments
                .into_iter()
                .filter(|a| !local_attachments.contains(&a.id))
                .collect(),
            remove_attachments: Vec::new(),
            settings: merge_settings(&local.settings, incoming.settings),
            replace_all: false,
            summary,
        },
    }
}

fn plan_kind<R: Record + PartialEq>(
    incoming: Vec<R>,
    local: &[R],
    mode: RestoreMode,
    batch: &mut Batch,
    summary: &mut RestoreSummary,
) {
    // The caller may hand in data that never went through `read_backup`.
    let (incoming, _) = newest_per_id(incoming);
    let local: HashMap<Id, &R> = local.iter().map(|r| (r.id(), r)).collect();
    if mode == RestoreMode::Replace {
        let incoming_ids: HashSet<Id> = incoming.iter().map(Record::id).collect();
        summary.removed += local.keys().filter(|id| !incoming_ids.contains(id)).count();
    }
    for record in incoming {
        let put = match (local.get(&record.id()), mode) {
            (None, _) => {
                summary.added += 1;
                true
            }
            (Some(&l), _) if *l == record => {
                summary.unchanged += 1;
                // Replace clears the stores first, so even an unchanged record is written.
                mode == RestoreMode::Replace
            }
            (Some(_), RestoreMode::Replace) => {
                summary.updated += 1;
                true
            }
            (Some(&l), RestoreMode::Merge) if record.updated_at() > l.updated_at() => {
                summary.updated += 1;
                true
            }
            (Some(_), RestoreMode::Merge) => {
                summary.kept_newer_local += 1;
                false
            }
        };
        if put {
            batch.puts.push(record.into_any());
        }
    }
}

/// Combines settings for a merge restore. Local preferences stay (they belong to this
/// device's user); lists the backup's records depend on are united, local entries first:
///
/// - owners (trimmed for comparison), since dropping a name would orphan records assigned
///   to it;
/// - close reasons, likewise for the won and lost lists;
/// - pipeline stages whose id is unknown locally, so the backup's opportunities keep their
///   columns instead of falling back to the first open stage. Local stages keep their names,
///   order and probabilities; a missing open stage goes next to its neighbour in the backup
///   (after the stage before it, else before the stage after it), never among the closed
///   stages; a missing closed stage goes at the end.
fn merge_settings(local: &Settings, incoming: Settings) -> Settings {
    let mut settings = local.clone();
    unite(&mut settings.owners, incoming.owners);
    unite(&mut settings.close_reasons_won, incoming.close_reasons_won);
    unite(
        &mut settings.close_reasons_lost,
        incoming.close_reasons_lost,
    );
    merge_stages(&mut settings.stages, &incoming.stages);
    settings
}

/// Appends the entries of `incoming` not in `list` (compared trimmed; blanks skipped).
fn unite(list: &mut Vec<String>, incoming: Vec<String>) {
    let mut seen: HashSet<String> = list.iter().map(|o| o.trim().to_string()).collect();
    for item in incoming {
        let key = item.trim().to_string();
        if !key.is_empty() && seen.insert(key) {
            list.push(item);
        }
    }
}

fn merge_stages(local: &mut Vec<Stage>, incoming: &[Stage]) {
    for (i, stage) in incoming.iter().enumerate() {
        if stage.id.trim().is_empty() || local.iter().any(|s| s.id == stage.id) {
            continue;
        }
        let position = |id: &str| local.iter().position(|s| s.id == id);
        let after_predecessor = incoming[..i]
            .iter()
            .rev()
            .find_map(|p| position(&p.id))
            .map(|p| p + 1);
        let before_successor = || incoming[i + 1..].iter().find_map(|n| position(&n.id));
        let first_closed = local
            .iter()
            .position(|s| s.outcome.is_closed())
            .unwrap_or(local.len());
        let at = if stage.outcome.is_closed() {
            local.len()
        } else {
            after_predecessor
                .or_else(before_successor)
                .unwrap_or(first_closed)
                .min(first_closed)
        };
        local.insert(at, stage.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(n: u128, name: &str) -> Customer {
        serde_json::from_value(serde_json::json!({"id": Id::from_u128(n), "name": name})).unwrap()
    }

    #[test]
    fn upgrade_passes_current_and_rejects_unknown_versions() {
        let data = serde_json::json!({"customers": []});
        assert_eq!(upgrade(1, data.clone()), Ok(data.clone()));
        assert_eq!(
            upgrade(2, data.clone()),
            Err(BackupError::TooNew {
                found: 2,
                supported: 1
            })
        );
        assert!(matches!(upgrade(0, data), Err(BackupError::Invalid(_))));
    }

    #[test]
    fn decode_item_defaults_bad_fields_and_drops_unidentifiable_items() {
        let mut stats = Stats::default();
        let id = Id::from_u128(7);
        let bad_field = serde_json::json!({
            "id": id, "name": "甲公司", "lifecycle": "from_the_future", "tags": "not a list"
        });
        let c: Customer = decode_item(&bad_field, &["id"], &mut stats).unwrap();
        assert_eq!((c.id, c.name.as_str()), (id, "甲公司"));
        assert_eq!(c.lifecycle, Default::default());
        assert!(c.tags.is_empty());
        assert_eq!((stats.repaired, stats.dropped), (1, 0));

        for item in [
            serde_json::json!({"id": "not-a-uuid", "name": "x"}),
            serde_json::json!({"name": "no id"}),
            serde_json::json!("a string"),
        ] {
            assert_eq!(decode_item::<Customer>(&item, &["id"], &mut stats), None);
        }
        assert_eq!((stats.repaired, stats.dropped), (1, 3));
    }

    #[test]
    fn newest_per_id_keeps_newer_and_first_on_tie() {
        let mut a = customer(1, "old");
        a.updated_at = Timestamp(1);
        let mut b = a.clone();
        b.name = "new".into();
        b.updated_at = Timestamp(2);
        let mut c = a.clone();
        c.name = "tie".into();
        c.updated_at = Timestamp(2);
        let other = customer(2, "other");
        let (kept, removed) = newest_per_id(vec![a, other.clone(), b, c]);
        assert_eq!(removed, 2);
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].name, "new");
        assert_eq!(kept[1], other);
    }
}
