//! Hashes as kohyo writes them: `sha256:<hex>` (published content, the chain, the manifest,
//! attachments) and plain hexadecimal.

use sha2::{Digest, Sha256};

/// What every SHA-256 hash kohyo writes starts with.
pub const HASH_PREFIX: &str = "sha256:";

/// Bytes in lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// A SHA-256 digest as kohyo writes hashes: `sha256:<hex>`.
pub fn hash_hex(digest: &[u8]) -> String {
    format!("{HASH_PREFIX}{}", hex(digest))
}

/// `sha256:<hex>` of bytes.
pub fn sha256(bytes: &[u8]) -> String {
    hash_hex(&Sha256::digest(bytes))
}
