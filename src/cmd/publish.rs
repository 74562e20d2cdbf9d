//! The staff workflow on the sources: `kohyo new` (start a draft), `kohyo publish` (lock a
//! version into the hash chain), `kohyo log` (every version with its status).

use std::fs;
use std::path::Path;

use crate::cli::{LogArgs, NewArgs, PublishArgs};
use crate::content::{self, LoadedSite};
use crate::exit;
use crate::files::{self, SourceLock};
use crate::history::{self, History, Publication};
use crate::lock::{LOCK_FILE, LOCK_FORMAT, Lock, SNAPSHOT_DIR, canonical_json};
use crate::model::{Status, VersionId};

/// The summary `kohyo new` writes when none is given; `publish` refuses it.
pub const PLACEHOLDER_SUMMARY: &str = "（改定の概要を1行で書いてください）";

fn load(root: &Path, out: &super::Printer) -> Result<LoadedSite, u8> {
    content::load_site(root).map_err(|d| {
        out.diagnostics(&d.0);
        out.error("the content has errors; fix them first");
        exit::CONTENT
    })
}

/// Loads the site and checks its published history, printing the problems. `publishing`
/// names the version being published, whose snapshot may already exist.
fn load_with_history(
    root: &Path,
    publishing: Option<&str>,
    out: &super::Printer,
) -> Result<(LoadedSite, History), u8> {
    let loaded = load(root, out)?;
    let history = history::check_for_publishing(root, &loaded.site, publishing).map_err(|d| {
        out.diagnostics(&d.0);
        out.error("the published history has problems; fix them first");
        exit::CONTENT
    })?;
    Ok((loaded, history))
}

/// Takes the lock that serialises changes to the site's sources, printing why if it cannot.
fn lock_sources(root: &Path, out: &super::Printer) -> Result<SourceLock, u8> {
    SourceLock::acquire(root).map_err(|e| {
        out.error(&format!(
            "cannot lock {}: {e}",
            root.join(files::SOURCE_LOCK_FILE).display()
        ));
        exit::OUTPUT
    })
}

/// `kohyo new DATE`: copies the latest version's folder to a new draft.
pub fn new(args: &NewArgs, out: &super::Printer) -> u8 {
    let _lock = match lock_sources(&args.root, out) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let site = match load(&args.root, out) {
        Ok(s) => s.site,
        Err(code) => return code,
    };
    let Some(latest) = site.versions.last() else {
        out.error("there is no version to start from");
        return exit::CONTENT;
    };
    if args.date < latest.id.date {
        out.error(&format!(
            "{} is before the latest version {}; a new version takes effect after it",
            args.date, latest.id
        ));
        return exit::CONTENT;
    }
    let mut id = VersionId {
        date: args.date,
        seq: 1,
    };
    while site.versions.iter().any(|v| v.id == id) {
        id.seq += 1;
    }
    let versions = Path::new("content/versions");
    let from = versions.join(latest.id.to_string());
    let to = args.root.join(versions).join(id.to_string());
    if let Err(e) = copy_version(&args.root, &from, &to, id, args.summary.as_deref()) {
        out.error(&format!("cannot create {}: {e}", to.display()));
        return exit::OUTPUT;
    }
    out.status(&format!(
        "created content/versions/{id}/ (a draft) from {}\n  1. edit content/versions/{id}/notice.toml{}\n  2. preview: kohyo build --drafts\n  3. compare: kohyo diff {} content/versions/{id}\n  4. publish: kohyo publish {id}",
        latest.id,
        if args.summary.is_none() { " (write its summary)" } else { "" },
        latest.id,
    ));
    exit::OK
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

/// `kohyo publish ID`: appends the version to kohyo.lock and keeps a snapshot. The whole
/// read–modify–write holds the sources' lock, so two publications at once take turns.
pub fn publish(args: &PublishArgs, out: &super::Printer) -> u8 {
    let _lock = match lock_sources(&args.root, out) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let (loaded, history) = match load_with_history(&args.root, Some(&args.id), out) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let id: VersionId = match args.id.parse() {
        Ok(id) => id,
        Err(e) => {
            out.error(&e);
            return exit::USAGE;
        }
    };
    let Some(version) = loaded.site.versions.iter().find(|v| v.id == id) else {
        out.error(&format!("there is no version {id} in content/versions/"));
        return exit::CONTENT;
    };
    if version.notice.summary == PLACEHOLDER_SUMMARY {
        out.error(&format!(
            "version {id} still has the placeholder summary: write what changed in one line first"
        ));
        return exit::CONTENT;
    }
    let mut lock = history.lock.unwrap_or(Lock {
        format: LOCK_FORMAT,
        published: Vec::new(),
    });
    if lock.entry(id).is_some() {
        out.error(&format!("{id} is already published"));
        return exit::CONTENT;
    }
    let entry = match lock.publish(version) {
        Ok(e) => e.clone(),
        Err(e) => {
            out.error(&e);
            return exit::CONTENT;
        }
    };
    let snapshot = args.root.join(SNAPSHOT_DIR).join(format!("{id}.json"));
    let mut canonical = canonical_json(&version.notice);
    canonical.push('\n');
    // A snapshot is written once. One that is already there is either the same text (a
    // publication interrupted before kohyo.lock was written: finish it) or something else,
    // which is never overwritten.
    match files::read_within(
        &args.root,
        &Path::new(SNAPSHOT_DIR).join(format!("{id}.json")),
        content::MAX_FILE_BYTES,
    ) {
        Err(files::ReadError::NotFound) => {
            if let Err(e) = files::write_atomic(&snapshot, canonical.as_bytes()) {
                out.error(&format!("cannot write {}: {e}", snapshot.display()));
                return exit::OUTPUT;
            }
        }
        Ok(existing) if existing == canonical.as_bytes() => {}
        Ok(_) => {
            out.error(&format!(
                "{SNAPSHOT_DIR}/{id}.json already exists with other content; kohyo never overwrites the snapshot of a published version (restore it from version control, or find out who wrote it)"
            ));
            return exit::CONTENT;
        }
        Err(e) => {
            out.error(&format!("{SNAPSHOT_DIR}/{id}.json: {e}"));
            return exit::CONTENT;
        }
    }
    let lock_path = args.root.join(LOCK_FILE);
    if let Err(e) = files::write_atomic(&lock_path, lock.to_toml().as_bytes()) {
        out.error(&format!("cannot write {}: {e}", lock_path.display()));
        return exit::OUTPUT;
    }
    out.status(&format!(
        "published {id}\n  content {}\n  chain   {}\nCommit kohyo.lock and {SNAPSHOT_DIR}/{id}.json with the version, then build and deploy.",
        entry.content_hash, entry.chain_hash
    ));
    exit::OK
}

/// `kohyo log`: every version, newest first.
pub fn log(args: &LogArgs, out: &super::Printer) -> u8 {
    let (loaded, history) = match load_with_history(&args.root, None, out) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let as_of = args.as_of.unwrap_or_else(super::today_in_japan);
    let current = history.current_published(&loaded.site, as_of);
    let mut text = format!(
        "{:<14} {:<22} {:<10} {:<73} summary\n",
        "id", "status", "effective", "content hash"
    );
    for (i, (v, state)) in loaded
        .site
        .versions
        .iter()
        .zip(&history.states)
        .enumerate()
        .rev()
    {
        let timing = match current {
            _ if v.id.date > as_of => Status::Scheduled,
            Some(c) if i == c => Status::Current,
            _ => Status::Superseded,
        };
        let timing = match timing {
            Status::Current => "current",
            Status::Scheduled => "scheduled",
            Status::Superseded => "superseded",
        };
        let (status, hash) = match state {
            Publication::Published { content_hash, .. } => {
                (format!("published, {timing}"), content_hash.clone())
            }
            Publication::Draft => ("draft".to_owned(), "-".to_owned()),
            Publication::Unlocked => (format!("unlocked, {timing}"), "-".to_owned()),
        };
        text.push_str(&format!(
            "{:<14} {:<22} {:<10} {:<73} {}\n",
            v.id.to_string(),
            status,
            v.id.date.to_string(),
            hash,
            crate::text::for_terminal(&v.notice.summary)
        ));
    }
    print!("{text}");
    exit::OK
}
