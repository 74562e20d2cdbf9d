//! Which versions are published: `kohyo.lock` and the snapshots in `content/published/`,
//! checked against the loaded versions (a stage after `content` and `diff`, before `render`). A published version whose content no longer matches
//! its hash is an error that names the version, both hashes and what changed.

use std::fs;
use std::path::Path;

use crate::content::parse::{FieldPath, parse_toml};
use crate::content::read_source;
use crate::diff::diff;
use crate::diff::format::to_text;
use crate::error::{Diagnostic, Diagnostics, Severity};
use crate::lock::{LOCK_FILE, Lock, SNAPSHOT_DIR, content_hash};
use crate::model::{Notice, Site};

/// Where each version stands with respect to publication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Publication {
    /// Recorded in the lock, with its content hash and chain hash.
    Published {
        /// `sha256:` of the content.
        content_hash: String,
        /// `sha256:` of the chain up to this entry.
        chain_hash: String,
    },
    /// Not (yet) published.
    Draft,
    /// The site has no lock: every version is built as published, without hashes.
    Unlocked,
}

/// The lock and the publication state of every version of a site.
#[derive(Debug)]
pub struct History {
    /// The lock, when the site has one.
    pub lock: Option<Lock>,
    /// One per version of the site, in the same order.
    pub states: Vec<Publication>,
    /// Problems that do not stop a build.
    pub warnings: Vec<Diagnostic>,
}

impl History {
    /// Whether the version at index `i` is built as published (drafts are not).
    pub fn is_published(&self, i: usize) -> bool {
        self.states.get(i).is_some_and(|p| *p != Publication::Draft)
    }

    /// Index of the version in force on `as_of` among the published ones of `site` (drafts
    /// never become current).
    pub fn current_published(&self, site: &Site, as_of: crate::model::Date) -> Option<usize> {
        (0..site.versions.len())
            .rev()
            .find(|&i| self.is_published(i) && site.versions[i].id.date <= as_of)
    }
}

/// Reads `kohyo.lock` if there is one.
pub fn load_lock(root: &Path) -> Result<Option<Lock>, Diagnostics> {
    let path = root.join(LOCK_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let source = read_source(&path, Path::new(LOCK_FILE)).map_err(|d| Diagnostics(vec![d]))?;
    let parsed = parse_toml::<Lock>(&source).map_err(Diagnostics)?;
    let problems = parsed.value.check_chain();
    if !problems.is_empty() {
        return Err(Diagnostics(
            problems
                .into_iter()
                .map(|p| {
                    parsed
                        .error_at(&FieldPath::root().key("published").index(p.index), p.message)
                        .help("kohyo.lock is written by `kohyo publish` only; restore it from version control")
                })
                .collect(),
        ));
    }
    Ok(Some(parsed.value))
}

/// The snapshot of a published version, if present and matching its hash.
pub fn load_snapshot(root: &Path, id: &str, hash: &str) -> Result<Notice, String> {
    let rel = Path::new(SNAPSHOT_DIR).join(format!("{id}.json"));
    let text =
        fs::read_to_string(root.join(&rel)).map_err(|e| format!("{}: {e}", rel.display()))?;
    let notice: Notice =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", rel.display()))?;
    if content_hash(&notice) != hash {
        return Err(format!(
            "{} does not match its hash in kohyo.lock",
            rel.display()
        ));
    }
    Ok(notice)
}

/// Checks the lock against the site's versions.
pub fn check(root: &Path, site: &Site) -> Result<History, Diagnostics> {
    let Some(lock) = load_lock(root)? else {
        return Ok(History {
            lock: None,
            states: vec![Publication::Unlocked; site.versions.len()],
            warnings: Vec::new(),
        });
    };
    let lock_path = Path::new(LOCK_FILE);
    // Every published version is hashed again on every build: in parallel, problems in the
    // order of the lock.
    use rayon::prelude::*;
    let per_entry: Vec<Option<Diagnostic>> = lock
        .published
        .par_iter()
        .map(|entry| check_entry(root, site, entry, lock_path))
        .collect();
    let diags: Vec<Diagnostic> = per_entry.into_iter().flatten().collect();
    let mut warnings = Vec::new();
    // Looked up once per version: a lock of thousands of entries stays linear.
    let by_id: std::collections::HashMap<&str, &crate::lock::Entry> =
        lock.published.iter().map(|e| (e.id.as_str(), e)).collect();
    let last = lock.published.last().and_then(|e| e.id.parse().ok());
    let states = site
        .versions
        .iter()
        .map(|v| match by_id.get(v.id.to_string().as_str()) {
            Some(e) => Publication::Published {
                content_hash: e.content_hash.clone(),
                chain_hash: e.chain_hash.clone(),
            },
            None => {
                if last.is_some_and(|l| v.id < l) {
                    warnings.push(
                        Diagnostic::in_file(
                            &Path::new("content/versions").join(v.id.to_string()),
                            format!("draft {} is older than the last published version and can never be published", v.id),
                        )
                        .warning()
                        .help("give the draft a later effective date, or remove it"),
                    );
                }
                Publication::Draft
            }
        })
        .collect();
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(Diagnostics(diags));
    }
    Ok(History {
        lock: Some(lock),
        states,
        warnings,
    })
}

/// Checks one entry of the lock against the loaded versions.
fn check_entry(
    root: &Path,
    site: &Site,
    entry: &crate::lock::Entry,
    lock_path: &Path,
) -> Option<Diagnostic> {
    let version = entry
        .id
        .parse::<crate::model::VersionId>()
        .ok()
        .and_then(|id| site.versions.binary_search_by_key(&id, |v| v.id).ok())
        .map(|i| &site.versions[i]);
    let Some(version) = version else {
        return Some(
            Diagnostic::in_file(
                lock_path,
                format!(
                    "published version {} is missing from content/versions/",
                    entry.id
                ),
            )
            .help("published versions are never removed: restore its folder from version control"),
        );
    };
    let now = content_hash(&version.notice);
    if now != entry.content_hash {
        let shown = match load_snapshot(root, &entry.id, &entry.content_hash) {
            Ok(published) => {
                let d = diff(&published, &version.notice);
                to_text(
                    &d,
                    &format!("{} (published)", entry.id),
                    &format!("{} (now)", entry.id),
                    false,
                )
            }
            Err(why) => format!("the published content cannot be shown: {why}"),
        };
        return Some(
            Diagnostic::in_file(
                &Path::new("content/versions").join(&entry.id),
                format!(
                    "published version {} has changed since it was published: its content hash is now {now}, kohyo.lock records {}",
                    entry.id, entry.content_hash
                ),
            )
            .note(shown)
            .help("a published version never changes: undo this edit, and publish the correction as a new version (`kohyo new DATE`, then `kohyo publish DATE`)"),
        );
    }
    None
}
