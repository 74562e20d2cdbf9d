//! The key of a page: a digest of everything its template sees, so that a page whose key did
//! not change since the last build is taken from the previous output instead of being rendered
//! again (see [`crate::site`]).
//!
//! A page's key is made by the same code that renders it ([`PageOrKey`]): the page's view is built
//! as for rendering, except its heavy parts (a version's blocks, a diff's changes), which stand
//! in by what they are made from ([`Made::From`]: the digest of the versions, and the small
//! arguments). The view is then serialised into the hash, after a salt that covers the theme
//! and kohyo itself. So a key cannot miss an input that a template can see.
//!
//! The hash is SipHash-1-3 with 128 bits, as rustc keys its incremental cache: ten times
//! faster than SHA-256 without SHA instructions, and keys only decide what a local build may
//! take from its own previous output. What is published is hashed with SHA-256 (the manifest),
//! and `kohyo verify --rebuild` and every CI build from a clean checkout reuse nothing.

use std::hash::Hasher;

use serde::Serialize;
use sha2::{Digest, Sha256};
use siphasher::sip128::{Hasher128, SipHasher13};

use super::Templates;
use crate::error::Diagnostics;
use crate::model::Version;

/// Either a heavy part of a page's view, made, or what it is made from.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum Made<V, F> {
    /// Made, to render the page.
    View(V),
    /// What it is made from, for the page's key.
    From(F),
}

/// What a page function makes: the page, or its key.
#[derive(Clone, Copy)]
pub(crate) enum PageOrKey<'t> {
    /// The page's bytes.
    Page(&'t Templates<'t>),
    /// The page's key, salted.
    Key(&'t Salt),
}

impl PageOrKey<'_> {
    /// Whether heavy parts may stand in by what they are made from.
    pub(crate) fn keying(self) -> bool {
        matches!(self, PageOrKey::Key(_))
    }

    /// The page `view` of `template`, rendered, or its key (as hexadecimal bytes).
    pub(crate) fn emit(
        self,
        template: &str,
        view: &impl Serialize,
    ) -> Result<Vec<u8>, Diagnostics> {
        match self {
            PageOrKey::Page(t) => t.render(template, view),
            PageOrKey::Key(salt) => Ok(self::key(salt, &(template, view)).into_bytes()),
        }
    }

    /// The bytes of a file that needs no template (`made`), or the key of what it is made
    /// `from` (each asked for only when wanted).
    pub(crate) fn file<F: Serialize>(
        self,
        made: impl FnOnce() -> Vec<u8>,
        from: impl FnOnce() -> F,
    ) -> Result<Vec<u8>, Diagnostics> {
        match self {
            PageOrKey::Page(_) => Ok(made()),
            PageOrKey::Key(salt) => Ok(self::key(salt, &from()).into_bytes()),
        }
    }
}

/// What every key starts with: kohyo itself (its version and the very executable, so that a
/// rebuilt kohyo renders everything anew) and the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Salt([u8; 32]);

impl Salt {
    /// The salt for pages rendered with a theme of `theme_digest`; `None` when kohyo cannot
    /// tell which executable it is (then nothing is reused).
    pub fn new(theme_digest: &[u8; 32]) -> Option<Salt> {
        let exe = crate::cache::executable()?;
        let mut h = Sha256::new();
        h.update(b"kohyo-page-key/1\n");
        h.update(exe.as_bytes());
        h.update(theme_digest);
        Some(Salt(h.finalize().into()))
    }
}

/// The key of `value` under `salt`, in hexadecimal.
fn key(salt: &Salt, value: &impl Serialize) -> String {
    let mut w = HashWriter(SipHasher13::new());
    w.0.write(&salt.0);
    serde_json::to_writer(&mut w, value).expect("view models always serialise to JSON");
    hex(&w.0.finish128().as_bytes())
}

/// The digest of a version (its id and every field of its content, as notice.json has them):
/// what its heavy views are made from.
pub(crate) fn version_digest(version: &Version) -> String {
    let mut w = HashWriter(SipHasher13::new());
    w.0.write(version.id.to_string().as_bytes());
    w.0.write(b"\n");
    serde_json::to_writer(&mut w, &version.notice).expect("model types always serialise to JSON");
    hex(&w.0.finish128().as_bytes())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Feeds what serde_json writes into the hash.
struct HashWriter(SipHasher13);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
