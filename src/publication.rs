//! Which versions are published: `kohyo.lock` and the snapshots in `content/published/`,
//! checked against the loaded versions (a stage after `content` and `diff`, before `render`). A published version whose content no longer matches
//! its hash is an error that names the version, both hashes and what changed.

use std::fs;
use std::path::Path;

use crate::content::layout::DocumentDir;
use crate::content::parse::parse_toml;
use crate::content::{MAX_FILE_BYTES, read_source};
use crate::diff::diff;
use crate::diff::format::to_text;
use crate::error::{Diagnostic, Diagnostics, Severity};
use crate::files::{self, ReadError};
use crate::lock::{LOCK_FILE, Lock, content_hash};
use crate::model::{Document, Notice};
use crate::values::FieldPath;

/// Where each version stands with respect to publication.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Publication {
    /// Recorded in the lock, with its content hash and chain hash.
    Published {
        /// `sha256:` of the content.
        content_hash: String,
        /// `sha256:` of the chain up to this entry.
        chain_hash: String,
        /// When and why it was published after it took effect, if it was.
        retroactive: Option<crate::lock::Retroactive>,
    },
    /// Not (yet) published: a site without `kohyo.lock` has only drafts.
    Draft,
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
    /// Whether the version at index `i` is published.
    pub fn is_published(&self, i: usize) -> bool {
        self.states.get(i).is_some_and(|p| *p != Publication::Draft)
    }

    /// Index of the version in force on `as_of` among the published ones of `site` (drafts
    /// never become current).
    pub fn current_published(&self, site: &Document, as_of: crate::values::Date) -> Option<usize> {
        (0..site.versions.len())
            .rev()
            .find(|&i| self.is_published(i) && site.versions[i].id.date <= as_of)
    }
}

/// Reads `kohyo.lock` if there is one.
pub fn load_lock(root: &Path) -> Result<Option<Lock>, Diagnostics> {
    if fs::symlink_metadata(root.join(LOCK_FILE))
        .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
    {
        return Ok(None);
    }
    let lock = Path::new(LOCK_FILE);
    let source = read_source(root, lock, lock).map_err(|d| Diagnostics(vec![d]))?;
    if let Some(at) = source
        .text
        .find("\n<<<<<<< ")
        .map(|i| i + 1)
        .or_else(|| source.text.starts_with("<<<<<<< ").then_some(0))
    {
        return Err(Diagnostics(vec![
            Diagnostic::at(
                &source,
                at..at + 7,
                "kohyo.lock has a merge conflict: two branches each published a version",
            )
            .help(
                "keep the side of the branch merged first (git checkout --ours kohyo.lock, or --theirs), then publish the other branch's versions again with `kohyo publish ID`: their snapshots are already in content/published/ and are completed, not overwritten (see docs/history.md)",
            ),
        ]));
    }
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

/// The snapshot of a published version of the document in `dir`, if present and matching its
/// hash.
pub fn load_snapshot(
    root: &Path,
    dir: &DocumentDir,
    id: &str,
    hash: &str,
) -> Result<Notice, String> {
    let rel = dir.snapshots().join(format!("{id}.json"));
    let bytes = files::read_within(root, &rel, MAX_FILE_BYTES)
        .map_err(|e| format!("{}: {e}", rel.display()))?;
    let notice: Notice =
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", rel.display()))?;
    if content_hash(&notice) != hash {
        return Err(format!(
            "{} does not match its hash in kohyo.lock",
            rel.display()
        ));
    }
    Ok(notice)
}

/// The ids of the snapshots in the document's `published/` folder (files `<id>.json`), and
/// problems with anything else found there.
fn list_snapshots(root: &Path, doc: &DocumentDir) -> (Vec<String>, Vec<Diagnostic>) {
    let dir = &doc.snapshots();
    let shown = dir.display().to_string().replace('\\', "/");
    let entries = match files::list_within(root, dir) {
        Ok(entries) => entries,
        Err(ReadError::NotFound) => return (Vec::new(), Vec::new()),
        Err(e) => return (Vec::new(), vec![Diagnostic::in_file(dir, e.to_string())]),
    };
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    for entry in entries {
        match entry.name.strip_suffix(".json") {
            Some(id) if entry.file_type.is_file() => ids.push(id.to_owned()),
            _ => problems.push(
                Diagnostic::in_file(
                    &dir.join(&entry.name),
                    format!(
                        "{} in {shown}/ is not a snapshot written by `kohyo publish`",
                        files::kind_of(&entry.file_type)
                    ),
                )
                .help("this folder holds only <id>.json files written by `kohyo publish`: move the file elsewhere"),
            ),
        }
    }
    (ids, problems)
}

/// Every lock entry must have its snapshot and every snapshot its lock entry: a published
/// version cannot disappear from the history by deleting one of the two.
fn check_snapshots(
    root: &Path,
    doc: &DocumentDir,
    lock: Option<&Lock>,
    publishing: Option<&str>,
) -> Vec<Diagnostic> {
    let (ids, mut problems) = list_snapshots(root, doc);
    let dir = &doc.snapshots();
    let shown = dir.display().to_string().replace('\\', "/");
    let Some(lock) = lock else {
        if !ids.is_empty() {
            problems.push(
                Diagnostic::in_file(
                    Path::new(LOCK_FILE),
                    format!(
                        "kohyo.lock is missing, but {shown}/ holds {} published version{} ({})",
                        ids.len(),
                        if ids.len() == 1 { "" } else { "s" },
                        ids.join(", ")
                    ),
                )
                .help("restore kohyo.lock from version control (e.g. `git checkout -- kohyo.lock`); without it the published history cannot be verified"),
            );
        }
        return problems;
    };
    let in_lock: std::collections::HashSet<&str> =
        lock.entries_of(doc.name()).map(|e| e.id.as_str()).collect();
    let snapshots: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    for id in &ids {
        if !in_lock.contains(id.as_str()) && publishing != Some(id.as_str()) {
            problems.push(
                Diagnostic::in_file(
                    &dir.join(format!("{id}.json")),
                    format!("{id} has a snapshot of a published version but no entry in kohyo.lock"),
                )
                .help(format!(
                    "if kohyo.lock lost the entry, restore kohyo.lock from version control; if `kohyo publish {id}` was interrupted, run it again"
                )),
            );
        }
    }
    for e in lock.entries_of(doc.name()) {
        if !snapshots.contains(e.id.as_str()) {
            problems.push(
                Diagnostic::in_file(
                    &dir.join(format!("{}.json", e.id)),
                    format!("the snapshot of published version {} is missing", e.id),
                )
                .help("restore it from version control: it is the published text that auditors verify"),
            );
        }
    }
    problems
}

/// Checks the lock (read by [`load_lock`]) against the versions of one document (`site`).
pub fn check(root: &Path, site: &Document, lock: Option<&Lock>) -> Result<History, Diagnostics> {
    check_for_publishing(root, site, lock, None)
}

/// Like [`check`], for `kohyo publish ID`: a snapshot of `ID` without a lock entry is the
/// trace of an interrupted publication of the same version, which publishing completes.
pub fn check_for_publishing(
    root: &Path,
    site: &Document,
    lock: Option<&Lock>,
    publishing: Option<&str>,
) -> Result<History, Diagnostics> {
    let doc = DocumentDir {
        name: site.document_name().map(str::to_owned),
    };
    let snapshot_problems = check_snapshots(root, &doc, lock, publishing);
    if !snapshot_problems.is_empty() {
        return Err(Diagnostics(snapshot_problems));
    }
    let Some(lock) = lock else {
        // Nothing is published until `kohyo publish` says so.
        return Ok(History {
            lock: None,
            states: vec![Publication::Draft; site.versions.len()],
            warnings: Vec::new(),
        });
    };
    let lock_path = Path::new(LOCK_FILE);
    // Every published version is hashed again on every build: in parallel, problems in the
    // order of the lock.
    use rayon::prelude::*;
    let entries: Vec<&crate::lock::Entry> = lock.entries_of(doc.name()).collect();
    let per_entry: Vec<Option<Diagnostic>> = entries
        .par_iter()
        .map(|entry| check_entry(root, &doc, site, entry, lock_path))
        .collect();
    let diags: Vec<Diagnostic> = per_entry.into_iter().flatten().collect();
    let warnings = Vec::new();
    // Looked up once per version: a lock of thousands of entries stays linear.
    let by_id: std::collections::HashMap<&str, &crate::lock::Entry> =
        entries.iter().map(|e| (e.id.as_str(), *e)).collect();
    let states = site
        .versions
        .iter()
        .map(|v| match by_id.get(v.id.to_string().as_str()) {
            Some(e) => Publication::Published {
                content_hash: e.content_hash.clone(),
                chain_hash: e.chain_hash.clone(),
                retroactive: e.retroactive.clone(),
            },
            // Whether a draft can still be published depends on the date (it must take effect
            // after the current version): `kohyo check` reports it (content/date-backwards).
            None => Publication::Draft,
        })
        .collect();
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(Diagnostics(diags));
    }
    Ok(History {
        lock: Some(lock.clone()),
        states,
        warnings,
    })
}

/// Checks one entry of the lock against the loaded versions.
fn check_entry(
    root: &Path,
    doc: &DocumentDir,
    site: &Document,
    entry: &crate::lock::Entry,
    lock_path: &Path,
) -> Option<Diagnostic> {
    let version = entry
        .id
        .parse::<crate::values::VersionId>()
        .ok()
        .and_then(|id| site.versions.binary_search_by_key(&id, |v| v.id).ok())
        .map(|i| &site.versions[i]);
    let Some(version) = version else {
        return Some(
            Diagnostic::in_file(
                lock_path,
                format!(
                    "published version {} is missing from {}/",
                    entry.id,
                    doc.versions().display().to_string().replace('\\', "/")
                ),
            )
            .help("published versions are never removed: restore its folder from version control"),
        );
    };
    let now = content_hash(&version.notice);
    if now != entry.content_hash {
        let shown = match load_snapshot(root, doc, &entry.id, &entry.content_hash) {
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
                &doc.versions().join(&entry.id),
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
