//! WebCrypto for encryption at rest: a passphrase becomes an AES-256-GCM key through
//! PBKDF2-SHA256 (600,000 iterations), and values are sealed with a fresh random nonce each.
//! The key is never extractable and lives only in this page's memory.

use guanxi_core::io::sealed::{KeyInfo, IV_BYTES, KDF_ITERATIONS, KEY_CHECK, SALT_BYTES};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// The browser has no WebCrypto (an insecure context, an old browser).
    Unsupported,
    /// The passphrase does not open this data.
    WrongPassphrase,
    /// A sealed value failed its authentication: changed or damaged after it was written.
    Tampered,
    Other(String),
}

fn other(e: JsValue) -> CryptoError {
    CryptoError::Other(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| format!("{}: {}", e.name(), e.message()))
            .unwrap_or_else(|| format!("{e:?}")),
    )
}

fn subtle() -> Result<web_sys::SubtleCrypto, CryptoError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::Unsupported)?;
    Ok(crypto.subtle())
}

/// `n` bytes from the browser's cryptographic random source.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, CryptoError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::Unsupported)?;
    let mut bytes = vec![0u8; n];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(other)?;
    Ok(bytes)
}

fn object(pairs: &[(&str, JsValue)]) -> Result<Object, CryptoError> {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).map_err(other)?;
    }
    Ok(o)
}

/// An AES-256-GCM key derived from a passphrase.
#[derive(Clone)]
pub struct Cipher {
    key: web_sys::CryptoKey,
}

impl Cipher {
    pub async fn derive(
        passphrase: &str,
        salt: &[u8],
        iterations: u32,
    ) -> Result<Cipher, CryptoError> {
        let subtle = subtle()?;
        let raw = Uint8Array::from(passphrase.as_bytes());
        let base = JsFuture::from(
            subtle
                .import_key_with_str(
                    "raw",
                    &raw,
                    "PBKDF2",
                    false,
                    &Array::of1(&"deriveKey".into()),
                )
                .map_err(other)?,
        )
        .await
        .map_err(other)?;
        let params = object(&[
            ("name", "PBKDF2".into()),
            ("salt", Uint8Array::from(salt).into()),
            ("iterations", iterations.into()),
            ("hash", "SHA-256".into()),
        ])?;
        let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())])?;
        let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
        let key = JsFuture::from(
            subtle
                .derive_key_with_object_and_object(
                    &params,
                    &base.unchecked_into(),
                    &aes,
                    false,
                    &usages,
                )
                .map_err(other)?,
        )
        .await
        .map_err(other)?;
        Ok(Cipher {
            key: key.unchecked_into(),
        })
    }

    /// A new key for `passphrase` with a fresh salt, and the key info to store next to the data.
    pub async fn create(passphrase: &str) -> Result<(Cipher, KeyInfo), CryptoError> {
        let salt = random_bytes(SALT_BYTES)?;
        let cipher = Cipher::derive(passphrase, &salt, KDF_ITERATIONS).await?;
        let (iv, check) = cipher.seal(KEY_CHECK).await?;
        Ok((cipher, KeyInfo::new(&salt, &iv, &check)))
    }

    /// The key for `passphrase`, if it opens the stored key check; nothing else is touched.
    pub async fn unlock(passphrase: &str, info: &KeyInfo) -> Result<Cipher, CryptoError> {
        let (salt, iv, check) = info
            .parts()
            .ok_or_else(|| CryptoError::Other("damaged key information".into()))?;
        let cipher = Cipher::derive(passphrase, &salt, info.iterations).await?;
        match cipher.open(&iv, &check).await {
            Ok(plain) if plain == KEY_CHECK => Ok(cipher),
            Ok(_) | Err(CryptoError::Tampered) => Err(CryptoError::WrongPassphrase),
            Err(e) => Err(e),
        }
    }

    /// Encrypts `plain` with a fresh random nonce: (nonce, ciphertext with its tag).
    pub async fn seal(&self, plain: &[u8]) -> Result<(Vec<u8>, Vec<u8>), CryptoError> {
        let iv = random_bytes(IV_BYTES)?;
        let params = object(&[
            ("name", "AES-GCM".into()),
            ("iv", Uint8Array::from(&iv[..]).into()),
        ])?;
        let sealed = JsFuture::from(
            subtle()?
                .encrypt_with_object_and_u8_array(&params, &self.key, plain)
                .map_err(other)?,
        )
        .await
        .map_err(other)?;
        Ok((iv, Uint8Array::new(&sealed).to_vec()))
    }

    /// Decrypts and authenticates; any changed byte (or a wrong key) fails as `Tampered`.
    pub async fn open(&self, iv: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let params = object(&[
            ("name", "AES-GCM".into()),
            ("iv", Uint8Array::from(iv).into()),
        ])?;
        match JsFuture::from(
            subtle()?
                .decrypt_with_object_and_u8_array(&params, &self.key, sealed)
                .map_err(other)?,
        )
        .await
        {
            Ok(plain) => Ok(Uint8Array::new(&plain).to_vec()),
            Err(e) => {
                let name = e
                    .dyn_ref::<web_sys::DomException>()
                    .map(|d| d.name())
                    .unwrap_or_default();
                if name == "OperationError" {
                    Err(CryptoError::Tampered)
                } else {
                    Err(other(e))
                }
            }
        }
    }
}

/// A backup file's text sealed with its own passphrase and a fresh salt, as an encrypted
/// backup file that any browser with the passphrase can open.
pub async fn seal_backup(text: &str, passphrase: &str) -> Result<String, CryptoError> {
    let salt = random_bytes(SALT_BYTES)?;
    let cipher = Cipher::derive(passphrase, &salt, KDF_ITERATIONS).await?;
    let (iv, sealed) = cipher.seal(text.as_bytes()).await?;
    Ok(guanxi_core::io::sealed::EncryptedBackup::new(&salt, &iv, &sealed).to_text())
}

/// The backup text inside an encrypted backup file. A wrong passphrase and a damaged file
/// look the same to AES-GCM, and both come back as `Tampered`.
pub async fn open_backup(
    file: &guanxi_core::io::sealed::EncryptedBackup,
    passphrase: &str,
) -> Result<String, CryptoError> {
    let (salt, iv, sealed) = file.parts().map_err(|_| CryptoError::Tampered)?;
    let cipher = Cipher::derive(passphrase, &salt, file.iterations).await?;
    let plain = cipher.open(&iv, &sealed).await?;
    String::from_utf8(plain).map_err(|_| CryptoError::Tampered)
}
