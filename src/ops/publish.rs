//! Changing a site's sources, as staff do: `kohyo new` starts a draft from the latest
//! version, `kohyo publish` records a version in `kohyo.lock`'s hash chain and keeps its
//! snapshot. Each holds the sources' lock ([`SourceLock`]) for its whole read–modify–write, and
//! writes every file whole.

use std::fs;
use std::path::{Path, PathBuf};

use crate::content;
use crate::content::layout::DocumentDir;
use crate::error::{Diagnostic, Diagnostics, Severity};
use crate::files::{self, SourceLock};
use crate::lock::{Entry, LOCK_FILE, LOCK_FORMAT, Lock, Retroactive, canonical_json};
use crate::model::DocumentKind;
use crate::project::{DocumentState, Project};
use crate::publication::{self, Publication};
use crate::values::{Date, VersionId};

/// The summary `kohyo new` writes when none is given; `publish` refuses it.
pub const PLACEHOLDER_SUMMARY: &str = "（改定の概要を1行で書いてください）";

/// Why the sources could not be changed.
#[derive(Debug)]
pub enum Error {
    /// The content or the published history has errors.
    Content(Diagnostics),
    /// What was asked cannot be done (an id that does not exist, a version already published).
    Refused(String),
    /// The version fails `kohyo check` (statutory items, lint): it cannot be published.
    Unlawful(Diagnostics),
    /// The version has warnings, which were not accepted (`--accept-warnings`).
    Warnings(Diagnostics),
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
    /// Its folder, relative to the site root, with `/`.
    pub folder: String,
}

/// Refuses `date` unless it is after the published version in force on `as_of`: a new
/// version takes effect after the current one (it may come before a version scheduled for
/// later: an urgent correction).
fn after_current(doc: &DocumentState, date: Date, as_of: Date) -> Result<(), Error> {
    // Only what kohyo.lock records counts: before the first publication, nothing is current.
    let recorded = (0..doc.site.versions.len()).rev().find(|&i| {
        matches!(doc.history.states[i], Publication::Published { .. })
            && doc.site.versions[i].id.date <= as_of
    });
    if let Some(c) = recorded {
        let current = doc.site.versions[c].id;
        if date <= current.date {
            return Err(Error::Refused(format!(
                "{date} is not after the current version {current} (in force on {as_of}); a new version takes effect after the current one"
            )));
        }
    }
    Ok(())
}

/// Starts a draft effective on `date` as a copy of the version in force on that date (the
/// latest version, or the current one for a correction before a scheduled version), with
/// `summary` (or a placeholder that `publish` refuses).
pub fn new_version(
    root: &Path,
    document: Option<&str>,
    date: Date,
    summary: Option<&str>,
    as_of: Date,
) -> Result<NewDraft, Error> {
    let _lock = lock_sources(root)?;
    let project = Project::open(root).map_err(Error::Content)?;
    let doc = project.document(document, &[]).map_err(Error::Refused)?;
    after_current(doc, date, as_of)?;
    let site = &doc.site;
    let Some(latest) = site.versions.iter().rev().find(|v| v.id.date <= date) else {
        return Err(Error::Refused(format!(
            "there is no version on or before {date} to start from"
        )));
    };
    let mut id = VersionId { date, seq: 1 };
    while site.versions.iter().any(|v| v.id == id) {
        id.seq += 1;
    }
    let versions = doc.dir().versions();
    let from = versions.join(latest.id.to_string());
    let to = root.join(&versions).join(id.to_string());
    copy_version(root, &from, &to, id, summary)
        .map_err(|e| Error::Write(format!("cannot create {}: {e}", to.display())))?;
    Ok(NewDraft {
        id,
        from: latest.id,
        folder: versions
            .join(id.to_string())
            .display()
            .to_string()
            .replace('\\', "/"),
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
        let limit = if content::is_attachment_name(name) {
            content::MAX_ATTACHMENT_BYTES
        } else {
            content::MAX_FILE_BYTES
        };
        let bytes = files::read_within(root, &from.join(name), limit).map_err(io)?;
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

/// How a version is published.
#[derive(Clone, Debug, Default)]
pub struct PublishOptions {
    /// The day of publication, in Japan (today, unless a test says otherwise): the version
    /// must take effect on it or later, and after the version in force on it.
    pub as_of: Option<Date>,
    /// Sign the new chain head with this SSH key.
    pub sign: Option<PathBuf>,
    /// Publish although `kohyo check` warns; the warnings are recorded in the entry.
    pub accept_warnings: bool,
    /// Publish a version that already took effect, for this reason (recorded with the day
    /// of publication, and shown on its page and in the history).
    pub retroactive: Option<String>,
}

/// Publishes the version `id`: appends it to `kohyo.lock`'s chain (in the order of
/// publication) and writes its snapshot (never overwriting one with other content). It must
/// take effect on the day of publication or later (unless `retroactive` says why not) and
/// after the version in force, and pass the statutory check and the lint of `kohyo check` (the
/// law is not optional): errors refuse the publication, warnings unless they are accepted.
pub fn publish(
    root: &Path,
    document: Option<&str>,
    id: &str,
    opts: &PublishOptions,
) -> Result<(Entry, Vec<Diagnostic>), Error> {
    let as_of = opts.as_of.unwrap_or_else(crate::project::today_in_japan);
    let _lock = lock_sources(root)?;
    let project = Project::open_for_publishing(root, document, id).map_err(Error::Content)?;
    let doc = project.document(document, &[id]).map_err(Error::Refused)?;
    let id: VersionId = id.parse().map_err(Error::Refused)?;
    let name = doc.name();
    if project
        .lock
        .as_ref()
        .is_some_and(|l| l.entry(name, id).is_some())
    {
        return Err(Error::Refused(format!("{id} is already published")));
    }
    after_current(doc, id.date, as_of)?;
    not_backdated(id, as_of, opts.retroactive.as_deref(), doc.site.config.kind)?;
    let version = draft_to_publish(doc, id)?;
    let mut findings = crate::check::check_version(&project, doc, version);
    findings.extend(crate::check::broken_links_of(&project, doc, version, as_of));
    let warnings = accepted(&findings, opts.accept_warnings)?;
    let mut lock = project.lock.clone().unwrap_or(Lock {
        format: LOCK_FORMAT,
        published: Vec::new(),
    });
    let mut entry = lock.publish(name, version).map_err(Error::Refused)?.clone();
    entry.accepted_warnings = warnings;
    entry.retroactive = opts.retroactive.as_ref().map(|reason| Retroactive {
        published_on: as_of.to_string(),
        reason: reason.clone(),
    });
    if let Some(key) = &opts.sign {
        // Signed before anything is written: a wrong passphrase changes nothing.
        entry.signature =
            Some(crate::ops::signing::sign(key, &entry.chain_hash).map_err(Error::Refused)?);
    }
    *lock.published.last_mut().expect("just published") = entry.clone();
    let mut canonical = canonical_json(&version.notice);
    canonical.push('\n');
    write_snapshot(root, &doc.dir(), id, &canonical)?;
    let lock_path = root.join(LOCK_FILE);
    files::write_atomic(&lock_path, lock.to_toml().as_bytes())
        .map_err(|e| Error::Write(format!("cannot write {}: {e}", lock_path.display())))?;
    Ok((entry, findings))
}

/// Refuses a version that took effect before the day of publication, unless `retroactive`
/// says why: the history must not say a notice applied on days the homepage said otherwise.
/// Joint use must be made known beforehand (法第27条第5項第3号, its changes 第6項), so the
/// refusal says so for that kind.
fn not_backdated(
    id: VersionId,
    today: Date,
    retroactive: Option<&str>,
    kind: DocumentKind,
) -> Result<(), Error> {
    let law = if kind == DocumentKind::JointUse {
        " Joint use, and a change of its purposes or of its manager, must be made known before it starts (法第27条第5項第3号・第6項): a joint use not published beforehand needs the person's consent."
    } else {
        ""
    };
    match retroactive {
        Some(reason) if reason.trim().is_empty() => Err(Error::Refused(
            "--retroactive needs a reason, e.g. --retroactive \"従来のホームページで公表済み\""
                .to_owned(),
        )),
        Some(_) => Ok(()),
        None if id.date < today => Err(Error::Refused(format!(
            "{id} takes effect on {}, before today ({today}): publishing it now would make the history say it applied on days the homepage said otherwise.{law} Publish a new version dated today or later (kohyo new {today}); if this version was already public elsewhere (moving an existing notice into kohyo), publish it with --retroactive \"従来のホームページで公表済み\"",
            id.date
        ))),
        None => Ok(()),
    }
}

/// The draft `id` of `doc`, with its summary written.
fn draft_to_publish(doc: &DocumentState, id: VersionId) -> Result<&crate::model::Version, Error> {
    let Some(version) = doc.site.versions.iter().find(|v| v.id == id) else {
        return Err(Error::Refused(format!(
            "there is no version {id} in {}/",
            doc.dir()
                .versions()
                .display()
                .to_string()
                .replace('\\', "/")
        )));
    };
    if version.notice.summary == PLACEHOLDER_SUMMARY {
        return Err(Error::Refused(format!(
            "version {id} still has the placeholder summary: write what changed in one line first"
        )));
    }
    Ok(version)
}

/// The warnings to record as accepted, or why the findings refuse the publication: any
/// error, and warnings not accepted.
fn accepted(findings: &[Diagnostic], accept: bool) -> Result<Vec<String>, Error> {
    if findings.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::Unlawful(Diagnostics(findings.to_vec())));
    }
    let warnings: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    if !warnings.is_empty() && !accept {
        return Err(Error::Warnings(Diagnostics(findings.to_vec())));
    }
    Ok(warnings
        .iter()
        .map(|d| {
            let rule = d.rule.unwrap_or("build");
            match &d.field {
                Some(field) => format!("{rule} {field}"),
                None => rule.to_owned(),
            }
        })
        .collect())
}

/// Writes the snapshot of `id`. A snapshot is written once: one that is already there is
/// either the same text (a publication interrupted before kohyo.lock was written: finish it)
/// or something else, which is never overwritten.
fn write_snapshot(
    root: &Path,
    dir: &DocumentDir,
    id: VersionId,
    canonical: &str,
) -> Result<(), Error> {
    let rel: PathBuf = dir.snapshots().join(format!("{id}.json"));
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

/// What [`restore`] did.
#[derive(Debug)]
pub struct Restored {
    /// The version's `notice.toml`, written anew.
    pub file: PathBuf,
    /// Markdown files of the version that the restored notice no longer names (its texts are
    /// inline now): left in place for the user to remove.
    pub unused: Vec<String>,
}

/// The text of a restored notice.toml: where it comes from, then `body`.
fn restored_text(dir: &DocumentDir, id: VersionId, rel: &Path, body: &str) -> String {
    let up = "../".repeat(rel.components().count());
    let snapshot = dir
        .snapshots()
        .join(format!("{id}.json"))
        .display()
        .to_string()
        .replace('\\', "/");
    format!(
        "#:schema {up}schemas/version.schema.json\n# Restored by `kohyo restore {id}` from {snapshot}: the version as published.\n{body}"
    )
}

/// Every attachment of the published `notice` is in its version's folder `rel` with the bytes
/// it was published with: restore rewrites notice.toml only, and an attachment lost from the
/// folder is named with the address the published site serves it at.
fn attachments_in_place(
    root: &Path,
    rel: &Path,
    dir: &DocumentDir,
    id: VersionId,
    notice: &crate::model::Notice,
) -> Result<(), Error> {
    let limit = crate::content::MAX_ATTACHMENT_BYTES;
    let wrong: Vec<String> = notice
        .attachments
        .iter()
        .filter(|a| {
            files::read_within(root, &rel.join(&a.name), limit)
                .map_or(true, |bytes| crate::hash::sha256(&bytes) != a.sha256)
        })
        .map(|a| {
            let published = format!(
                "{}{}",
                crate::address::document_folder(dir.name()),
                crate::address::DocAddress::attachment(id, &a.name).path()
            );
            format!(
                "{name} ({size} bytes, {hash}): copy it from the published site, {published}",
                name = a.name,
                size = a.size,
                hash = a.sha256
            )
        })
        .collect();
    if wrong.is_empty() {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "an attachment of {id} is missing from {} or differs from what was published; nothing was written:\n  {}",
        rel.display(),
        wrong.join("\n  ")
    )))
}

/// The lock's entry of the published version `id` of `document`; without `document`, the one
/// entry of that id (a site of one document, or an id only one document has).
fn published_entry<'a>(
    lock: &'a Lock,
    document: Option<&str>,
    id: VersionId,
) -> Result<&'a Entry, Error> {
    let entry = match document {
        Some(_) => lock.entry(document, id),
        None => {
            let mut entries = lock.published.iter().filter(|e| e.id == id.to_string());
            match (entries.next(), entries.next()) {
                (Some(e), None) => Some(e),
                (Some(_), Some(_)) => {
                    return Err(Error::Refused(format!(
                        "several documents have a published version {id}: say which with --doc"
                    )));
                }
                _ => None,
            }
        }
    };
    entry.ok_or_else(|| Error::Refused(format!("{id} is not published, so it has no snapshot")))
}

/// Puts the published version `id` back exactly as published, from its snapshot: its
/// `notice.toml` is written anew with the published content (texts of Markdown files inline),
/// and the result is checked against the content hash in `kohyo.lock`.
pub fn restore(root: &Path, document: Option<&str>, id: &str) -> Result<Restored, Error> {
    let _lock = lock_sources(root)?;
    let lock = publication::load_lock(root)
        .map_err(Error::Content)?
        .ok_or_else(|| Error::Refused("there is no kohyo.lock: nothing is published".to_owned()))?;
    let id: VersionId = id.parse().map_err(Error::Refused)?;
    let entry = published_entry(&lock, document, id)?;
    let dir = DocumentDir {
        name: entry.document.clone(),
    };
    let notice = publication::load_snapshot(root, &dir, &entry.id, &entry.content_hash)
        .map_err(Error::Refused)?;
    let rel = dir.versions().join(id.to_string());
    attachments_in_place(root, &rel, &dir, id, &notice)?;
    let written = content::VersionFiles::of(&notice).map_err(Error::Write)?;
    let text = restored_text(&dir, id, &rel, &written.notice_toml);
    // The restored files, with the attachments found beside them, must hash as published,
    // or nothing is written.
    let check = written
        .read_back(&text, &notice.attachments)
        .map_err(Error::Write)?;
    if crate::lock::content_hash(&check) != entry.content_hash
        || written
            .markdown
            .iter()
            .any(|(name, _)| !content::is_plain_md_name(name))
    {
        return Err(Error::Write(
            "the restored version does not hash as published; nothing was written".to_owned(),
        ));
    }
    for (name, md) in &written.markdown {
        let path = root.join(&rel).join(name);
        files::write_atomic(&path, md.as_bytes())
            .map_err(|e| Error::Write(format!("cannot write {}: {e}", path.display())))?;
    }
    let file = root.join(&rel).join(content::NOTICE_FILE);
    files::write_atomic(&file, text.as_bytes())
        .map_err(|e| Error::Write(format!("cannot write {}: {e}", file.display())))?;
    let unused = files::list_within(root, &rel)
        .map(|entries| {
            entries
                .into_iter()
                .map(|e| e.name)
                .filter(|n| n != content::NOTICE_FILE)
                .filter(|n| !notice.attachments.iter().any(|a| a.name == *n))
                .filter(|n| !written.markdown.iter().any(|(md, _)| md == n))
                .collect()
        })
        .unwrap_or_default();
    Ok(Restored { file, unused })
}
