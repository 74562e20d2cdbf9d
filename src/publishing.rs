//! Changing a site's sources, as staff do: `kohyo new` starts a draft from the latest
//! version, `kohyo publish` records a version in `kohyo.lock`'s hash chain and keeps its
//! snapshot. Each holds the sources' lock ([`SourceLock`]) for its whole read–modify–write, and
//! writes every file whole.

use std::fs;
use std::path::{Path, PathBuf};

use crate::content;
use crate::error::Diagnostics;
use crate::files::{self, SourceLock};
use crate::history;
use crate::lock::{Entry, LOCK_FILE, LOCK_FORMAT, Lock, SNAPSHOT_DIR, canonical_json};
use crate::model::{Date, VersionId};

/// The summary `kohyo new` writes when none is given; `publish` refuses it.
pub const PLACEHOLDER_SUMMARY: &str = "（改定の概要を1行で書いてください）";

/// Why the sources could not be changed.
#[derive(Debug)]
pub enum Error {
    /// The content or the published history has errors.
    Content(Diagnostics),
    /// What was asked cannot be done (an id that does not exist, a version already published).
    Refused(String),
    /// A file could not be written.
    Write(String),
}

fn lock_sources(root: &Path) -> Result<SourceLock, Error> {
    SourceLock::acquire(root).map_err(|e| {
        Error::Write(format!(
            "cannot lock {}: {e}",
            root.join(files::SOURCE_LOCK_FILE).display()
        ))
    })
}

/// A draft made by [`new_version`].
#[derive(Debug)]
pub struct NewDraft {
    /// Its id.
    pub id: VersionId,
    /// The version it was copied from.
    pub from: VersionId,
}

/// Starts a draft effective on `date` as a copy of the latest version, with `summary` (or a
/// placeholder that `publish` refuses).
pub fn new_version(root: &Path, date: Date, summary: Option<&str>) -> Result<NewDraft, Error> {
    let _lock = lock_sources(root)?;
    let site = content::load_site(root).map_err(Error::Content)?.site;
    let Some(latest) = site.versions.last() else {
        return Err(Error::Refused(
            "there is no version to start from".to_owned(),
        ));
    };
    if date < latest.id.date {
        return Err(Error::Refused(format!(
            "{date} is before the latest version {}; a new version takes effect after it",
            latest.id
        )));
    }
    let mut id = VersionId { date, seq: 1 };
    while site.versions.iter().any(|v| v.id == id) {
        id.seq += 1;
    }
    let versions = Path::new("content/versions");
    let from = versions.join(latest.id.to_string());
    let to = root.join(versions).join(id.to_string());
    copy_version(root, &from, &to, id, summary)
        .map_err(|e| Error::Write(format!("cannot create {}: {e}", to.display())))?;
    Ok(NewDraft {
        id,
        from: latest.id,
    })
}

/// Copies the version folder `root/from` (its regular files; links are never followed),
/// setting the effective date and summary of the copy.
fn copy_version(
    root: &Path,
    from: &Path,
    to: &Path,
    id: VersionId,
    summary: Option<&str>,
) -> std::io::Result<()> {
    let io = |e: files::ReadError| std::io::Error::other(e.to_string());
    let entries = files::list_within(root, from).map_err(io)?;
    fs::create_dir(to)?;
    for entry in entries.iter().filter(|e| e.file_type.is_file()) {
        let name = &entry.name;
        let target = to.join(name);
        let bytes =
            files::read_within(root, &from.join(name), content::MAX_FILE_BYTES).map_err(io)?;
        if name == "notice.toml" {
            let text = String::from_utf8_lossy(&bytes);
            let summary = toml::Value::String(summary.unwrap_or(PLACEHOLDER_SUMMARY).to_owned());
            let mut lines: Vec<String> = Vec::new();
            let mut in_top = true;
            for line in text.lines() {
                let t = line.trim_start();
                if t.starts_with('[') {
                    in_top = false;
                }
                if in_top && t.starts_with("effective") && t[9..].trim_start().starts_with('=') {
                    lines.push(format!("effective = {}", id.date));
                } else if in_top && t.starts_with("summary") && t[7..].trim_start().starts_with('=')
                {
                    lines.push(format!("summary = {summary}"));
                } else {
                    lines.push(line.to_owned());
                }
            }
            let mut text = lines.join("\n");
            text.push('\n');
            files::write_atomic(&target, text.as_bytes())?;
        } else {
            files::write_atomic(&target, &bytes)?;
        }
    }
    Ok(())
}

/// Publishes the version `id`: appends it to `kohyo.lock`'s chain and writes its snapshot
/// (never overwriting one with other content).
pub fn publish(root: &Path, id: &str) -> Result<Entry, Error> {
    let _lock = lock_sources(root)?;
    let loaded = content::load_site(root).map_err(Error::Content)?;
    let history =
        history::check_for_publishing(root, &loaded.site, Some(id)).map_err(Error::Content)?;
    let id: VersionId = id.parse().map_err(Error::Refused)?;
    let Some(version) = loaded.site.versions.iter().find(|v| v.id == id) else {
        return Err(Error::Refused(format!(
            "there is no version {id} in content/versions/"
        )));
    };
    if version.notice.summary == PLACEHOLDER_SUMMARY {
        return Err(Error::Refused(format!(
            "version {id} still has the placeholder summary: write what changed in one line first"
        )));
    }
    let mut lock = history.lock.unwrap_or(Lock {
        format: LOCK_FORMAT,
        published: Vec::new(),
    });
    if lock.entry(id).is_some() {
        return Err(Error::Refused(format!("{id} is already published")));
    }
    let entry = lock.publish(version).map_err(Error::Refused)?.clone();
    let mut canonical = canonical_json(&version.notice);
    canonical.push('\n');
    write_snapshot(root, id, &canonical)?;
    let lock_path = root.join(LOCK_FILE);
    files::write_atomic(&lock_path, lock.to_toml().as_bytes())
        .map_err(|e| Error::Write(format!("cannot write {}: {e}", lock_path.display())))?;
    Ok(entry)
}

/// Writes the snapshot of `id`. A snapshot is written once: one that is already there is
/// either the same text (a publication interrupted before kohyo.lock was written: finish it)
/// or something else, which is never overwritten.
fn write_snapshot(root: &Path, id: VersionId, canonical: &str) -> Result<(), Error> {
    let rel: PathBuf = Path::new(SNAPSHOT_DIR).join(format!("{id}.json"));
    match files::read_within(root, &rel, content::MAX_FILE_BYTES) {
        Err(files::ReadError::NotFound) => {
            files::write_atomic(&root.join(&rel), canonical.as_bytes())
                .map_err(|e| Error::Write(format!("cannot write {}: {e}", rel.display())))
        }
        Ok(existing) if existing == canonical.as_bytes() => Ok(()),
        Ok(_) => Err(Error::Refused(format!(
            "{} already exists with other content; kohyo never overwrites the snapshot of a published version (restore it from version control, or find out who wrote it)",
            rel.display()
        ))),
        Err(e) => Err(Error::Refused(format!("{}: {e}", rel.display()))),
    }
}
