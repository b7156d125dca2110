//! Encryption at rest, the parts that are plain data: what a passphrase must satisfy, which
//! fields of a record stay readable for the database's indexes, how the key check and an
//! encrypted backup file are written and read. The cryptography itself (PBKDF2-SHA256 and
//! AES-256-GCM) runs in the browser's WebCrypto; this module never sees a key.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::io::backup::BackupError;
use crate::model::records::RecordKind;

/// PBKDF2 iterations: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. About half a second in a
/// browser, paid once per unlock.
pub const KDF_ITERATIONS: u32 = 600_000;
pub const KDF_NAME: &str = "PBKDF2-SHA256";
pub const CIPHER_NAME: &str = "AES-256-GCM";
/// Encrypted with the derived key and stored: decrypting it proves the passphrase is right
/// before anything else is read or written.
pub const KEY_CHECK: &[u8] = b"guanxi: passphrase check v1";
/// Short passphrases fall to guessing in hours even at 600,000 iterations.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
pub const SALT_BYTES: usize = 16;
/// The AES-GCM nonce size; every encryption draws a fresh random one.
pub const IV_BYTES: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseProblem {
    TooShort { min: usize },
    Mismatch,
}

/// Checks a new passphrase and its repetition.
pub fn check_new_passphrase(passphrase: &str, repeated: &str) -> Result<(), PassphraseProblem> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseProblem::TooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    if passphrase != repeated {
        return Err(PassphraseProblem::Mismatch);
    }
    Ok(())
}

/// The fields kept readable in an encrypted record: IndexedDB can only index what it can read
/// (customer links, due dates, times, close dates), and the stale-write check reads `rev`.
/// Everything else — names, phones, notes, amounts — is inside the ciphertext.
pub fn clear_fields(kind: RecordKind) -> Vec<&'static str> {
    let mut fields = vec!["id", "created_at", "updated_at", "deleted_at", "rev"];
    let links: &[&str] = match kind {
        RecordKind::Customer => &[],
        RecordKind::Contact => &["customer_id"],
        RecordKind::Interaction => &["customer_id", "at"],
        RecordKind::FollowUp => &["customer_id", "due"],
        RecordKind::Opportunity => &["customer_id", "expected_close"],
        RecordKind::Case => &["customer_id", "opened_at"],
        RecordKind::Article | RecordKind::Campaign => &[],
    };
    fields.extend_from_slice(links);
    fields
}

/// How the database's key is derived, stored in the clear next to the data so the passphrase
/// can be checked: the salt, the iteration count and the encrypted [`KEY_CHECK`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyInfo {
    pub kdf: String,
    pub iterations: u32,
    /// Base64.
    pub salt: String,
    /// Base64 nonce and ciphertext of [`KEY_CHECK`].
    pub check_iv: String,
    pub check: String,
}

impl KeyInfo {
    pub fn new(salt: &[u8], check_iv: &[u8], check: &[u8]) -> Self {
        KeyInfo {
            kdf: KDF_NAME.into(),
            iterations: KDF_ITERATIONS,
            salt: B64.encode(salt),
            check_iv: B64.encode(check_iv),
            check: B64.encode(check),
        }
    }

    /// The salt, nonce and ciphertext as bytes; `None` if the stored info is damaged.
    pub fn parts(&self) -> Option<SealedParts> {
        if self.kdf != KDF_NAME || self.iterations == 0 {
            return None;
        }
        Some((
            B64.decode(&self.salt).ok()?,
            B64.decode(&self.check_iv).ok()?,
            B64.decode(&self.check).ok()?,
        ))
    }
}

/// Salt, nonce and ciphertext, as bytes.
pub type SealedParts = (Vec<u8>, Vec<u8>, Vec<u8>);

const ENCRYPTED_FORMAT: &str = "guanxi-backup-encrypted";
const ENCRYPTED_FORMAT_VERSION: u32 = 1;

/// A backup file whose whole content (a normal backup's text) is encrypted with a key derived
/// from its own passphrase and salt, so it can be opened in any browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptedBackup {
    pub format: String,
    pub format_version: u32,
    pub kdf: String,
    pub iterations: u32,
    pub cipher: String,
    pub salt: String,
    pub iv: String,
    pub ciphertext: String,
}

impl EncryptedBackup {
    pub fn new(salt: &[u8], iv: &[u8], ciphertext: &[u8]) -> Self {
        EncryptedBackup {
            format: ENCRYPTED_FORMAT.into(),
            format_version: ENCRYPTED_FORMAT_VERSION,
            kdf: KDF_NAME.into(),
            iterations: KDF_ITERATIONS,
            cipher: CIPHER_NAME.into(),
            salt: B64.encode(salt),
            iv: B64.encode(iv),
            ciphertext: B64.encode(ciphertext),
        }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("plain strings and numbers serialize")
    }

    /// Salt, nonce and ciphertext as bytes.
    pub fn parts(&self) -> Result<SealedParts, BackupError> {
        let bad = |what: &str| BackupError::Invalid(format!("encrypted backup: bad {what}"));
        Ok((
            B64.decode(&self.salt).map_err(|_| bad("salt"))?,
            B64.decode(&self.iv).map_err(|_| bad("nonce"))?,
            B64.decode(&self.ciphertext)
                .map_err(|_| bad("ciphertext"))?,
        ))
    }
}

/// `None` when `text` is not an encrypted backup (a plain one, or not a backup at all: the
/// normal reader decides); otherwise the parsed file, or why it cannot be used.
pub fn read_encrypted_backup(text: &str) -> Option<Result<EncryptedBackup, BackupError>> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<String>,
    }
    let probe: Probe = serde_json::from_str(text).ok()?;
    if probe.format.as_deref() != Some(ENCRYPTED_FORMAT) {
        return None;
    }
    let parsed = serde_json::from_str::<EncryptedBackup>(text)
        .map_err(|e| BackupError::Invalid(format!("encrypted backup: {e}")))
        .and_then(|b| {
            if b.format_version > ENCRYPTED_FORMAT_VERSION {
                return Err(BackupError::TooNew {
                    found: b.format_version,
                    supported: ENCRYPTED_FORMAT_VERSION,
                });
            }
            if b.kdf != KDF_NAME || b.cipher != CIPHER_NAME || b.iterations == 0 {
                return Err(BackupError::Invalid(format!(
                    "encrypted backup: unsupported {} / {}",
                    b.kdf, b.cipher
                )));
            }
            b.parts().map(|_| b)
        });
    Some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrase_rules() {
        assert_eq!(
            check_new_passphrase("short", "short"),
            Err(PassphraseProblem::TooShort { min: 8 })
        );
        // Counted in characters, not bytes: four Chinese characters are four, not twelve.
        assert!(check_new_passphrase("关系客户管理", "关系客户管理").is_err());
        assert_eq!(
            check_new_passphrase("correct horse", "correct h0rse"),
            Err(PassphraseProblem::Mismatch)
        );
        assert_eq!(
            check_new_passphrase("关系客户管理很重要", "关系客户管理很重要"),
            Ok(())
        );
    }

    #[test]
    fn every_kind_keeps_its_indexed_fields_and_nothing_personal() {
        for kind in RecordKind::ALL {
            let fields = clear_fields(kind);
            assert!(fields.contains(&"id") && fields.contains(&"rev"));
            assert!(fields.contains(&"updated_at"));
            for personal in [
                "name", "phones", "emails", "notes", "summary", "amount", "title",
            ] {
                assert!(!fields.contains(&personal), "{kind:?} leaks {personal}");
            }
        }
        assert!(clear_fields(RecordKind::FollowUp).contains(&"due"));
        assert!(clear_fields(RecordKind::Interaction).contains(&"at"));
    }

    #[test]
    fn key_info_round_trips_and_rejects_damage() {
        let info = KeyInfo::new(&[1; 16], &[2; 12], &[3; 40]);
        let json = serde_json::to_string(&info).unwrap();
        let back: KeyInfo = serde_json::from_str(&json).unwrap();
        assert_eq!(back.iterations, 600_000);
        assert_eq!(back.parts(), Some((vec![1; 16], vec![2; 12], vec![3; 40])));
        let mut damaged = back.clone();
        damaged.salt = "not base64!".into();
        assert_eq!(damaged.parts(), None);
        let mut other_kdf = back;
        other_kdf.kdf = "scrypt".into();
        assert_eq!(other_kdf.parts(), None);
    }

    #[test]
    fn encrypted_backup_files_are_told_apart_and_checked() {
        let file = EncryptedBackup::new(&[9; 16], &[8; 12], b"ciphertext bytes");
        let text = file.to_text();
        assert_eq!(read_encrypted_backup(&text), Some(Ok(file.clone())));
        assert_eq!(
            file.parts().unwrap(),
            (vec![9; 16], vec![8; 12], b"ciphertext bytes".to_vec())
        );
        // A plain backup, other JSON and non-JSON are for the normal reader.
        assert_eq!(read_encrypted_backup(r#"{"format":"guanxi-backup"}"#), None);
        assert_eq!(read_encrypted_backup("[1,2]"), None);
        assert_eq!(read_encrypted_backup("not json"), None);
        // Damage and unknown versions are errors, not silently ignored.
        let broken = text.replace(&file.ciphertext, "@@@");
        assert!(matches!(
            read_encrypted_backup(&broken),
            Some(Err(BackupError::Invalid(_)))
        ));
        let newer = text.replace("\"format_version\":1", "\"format_version\":2");
        assert!(matches!(
            read_encrypted_backup(&newer),
            Some(Err(BackupError::TooNew { found: 2, .. }))
        ));
        let truncated = &text[..text.len() - 5];
        assert_eq!(read_encrypted_backup(truncated), None);
    }
}
