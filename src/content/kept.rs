//! Versions kept between builds: `kohyo build` records the versions it read — each with the
//! stamps of its folder's files ([`Fingerprint`]), its content and its source texts — in
//! `.<out>.kohyo-parsed` beside the output, and the next build takes a version from there
//! instead of parsing and validating its files again while none of them changed.
//!
//! Only versions read without any problem are kept (a warning is shown again by every build),
//! with their source texts, so that everything later stages say about them (the lint of the
//! version in force, positions in messages) is the same as after reading the files. A kept
//! version is trusted only if every file of its folder was last modified at least two seconds
//! before the build that recorded it started (git's rule for "racy" files, with room for
//! filesystems that keep coarse times), and only by the same kohyo executable. `kohyo check`,
//! `verify` and `publish` never use it; `build --fresh` ignores it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::LoadCache;
use super::parse::Origin;
use crate::cache::Fingerprint;
use crate::error::SourceFile;
use crate::model::{Notice, Version};
use crate::values::FieldPath;

/// The first line of the file, before the executable and the time the build started.
const HEADER: &str = "kohyo-parsed/1";

/// A file larger than this is not read.
const LIMIT: u64 = 1024 * 1024 * 1024;

/// How long before the recording build started a file must have been last modified.
const RACY: Duration = Duration::from_secs(2);

/// Where the versions read by builds into the output `out` are kept.
pub fn kept_path(out: &Path) -> Option<PathBuf> {
    crate::cache::beside_output(out, "parsed")
}

/// One version as kept.
#[derive(Serialize, Deserialize)]
struct Kept {
    /// Its folder, relative to the site (`content/versions/2024-04-01`).
    folder: String,
    fingerprint: Fingerprint,
    id: String,
    notice: Notice,
    /// `notice.toml` as read: its path as shown, and its text.
    source: (PathBuf, String),
    /// The Markdown files of its text blocks: the block's field path, the file's path as
    /// shown, its text.
    markdown: Vec<(String, PathBuf, String)>,
}

/// [`Kept`] as written, borrowing from the loaded version.
#[derive(Serialize)]
struct KeptRef<'a> {
    folder: &'a str,
    fingerprint: &'a Fingerprint,
    id: String,
    notice: &'a Notice,
    source: (&'a PathBuf, &'a String),
    markdown: Vec<(String, &'a PathBuf, &'a String)>,
}

/// When the build started, as kept in the file.
#[derive(Serialize, Deserialize)]
struct Started {
    exe: String,
    /// The site's folder, made absolute: a record is never used for another site.
    root: PathBuf,
    secs: u64,
    nanos: u32,
}

impl LoadCache {
    /// A cache for one build that records what it reads in `file`, and takes from it the
    /// versions a previous build kept there that are still as they were.
    pub fn kept_in(root: &Path, file: PathBuf) -> LoadCache {
        let mut cache = LoadCache::for_rebuilds();
        cache.started = Some(SystemTime::now());
        cache.root = std::path::absolute(root).ok();
        if let Some(kept) = cache.root.as_deref().and_then(|r| read(&file, r)) {
            for k in kept {
                if let Some((key, fp, version)) = restore(root, k) {
                    cache.versions.insert(key, (fp, Ok((version, Vec::new()))));
                }
            }
        }
        cache.file = Some(file);
        cache.dirty = false;
        cache
    }

    /// Records the versions read without problems in the cache's file, if any was read anew
    /// or has gone since the file was written.
    pub fn save_kept(&self) {
        let (Some(file), Some(started), Some(root), true) =
            (&self.file, self.started, &self.root, self.dirty)
        else {
            return;
        };
        let Some(exe) = crate::cache::executable() else {
            return;
        };
        let Ok(since) = started.duration_since(UNIX_EPOCH) else {
            return;
        };
        let head = Started {
            exe: exe.to_owned(),
            root: root.clone(),
            secs: since.as_secs(),
            nanos: since.subsec_nanos(),
        };
        let mut folders: Vec<&String> = self.versions.keys().collect();
        folders.sort();
        let written = crate::files::write_atomic_with(file, false, |w| {
            writeln!(w, "{HEADER}")?;
            serde_json::to_writer(&mut *w, &head)?;
            writeln!(w)?;
            for folder in folders {
                let (fp, result) = &self.versions[folder];
                let Ok((version, warnings)) = result else {
                    continue;
                };
                let (true, Some(origin)) = (warnings.is_empty(), &version.origin) else {
                    continue;
                };
                let kept = KeptRef {
                    folder,
                    fingerprint: fp,
                    id: version.id.to_string(),
                    notice: &version.notice,
                    source: (&origin.source.path, &origin.source.text),
                    markdown: origin
                        .markdown()
                        .iter()
                        .map(|(path, f)| (path.to_string(), &f.path, &f.text))
                        .collect(),
                };
                serde_json::to_writer(&mut *w, &kept)?;
                writeln!(w)?;
            }
            Ok(())
        });
        if written.is_err() {
            let _ = std::fs::remove_file(file);
        }
    }
}

/// The versions kept in `file` that may be trusted: written by this very kohyo for the site at
/// `root`, each with every file older than the recording build's start by [`RACY`].
fn read(file: &Path, root: &Path) -> Option<Vec<Kept>> {
    use rayon::prelude::*;
    let meta = std::fs::symlink_metadata(file).ok()?;
    if !crate::cache::own_file(&meta) || meta.len() > LIMIT {
        return None;
    }
    let mut lines =
        std::io::BufRead::lines(std::io::BufReader::new(std::fs::File::open(file).ok()?));
    if lines.next()?.ok()? != HEADER {
        return None;
    }
    let started: Started = serde_json::from_str(&lines.next()?.ok()?).ok()?;
    if Some(started.exe.as_str()) != crate::cache::executable() || started.root != root {
        return None;
    }
    // Checked: the file is read, not trusted (an absurd time must not stop the build).
    let started = UNIX_EPOCH
        .checked_add(Duration::from_secs(started.secs))?
        .checked_add(Duration::from_nanos(started.nanos.into()))?;
    let trusted_before = started.checked_sub(RACY)?;
    // Parsed in parallel a few hundred lines at a time, so that the file is never held whole.
    let mut kept = Vec::new();
    let mut chunk = Vec::with_capacity(256);
    let mut lines = lines.map_while(Result::ok).peekable();
    while lines.peek().is_some() {
        chunk.clear();
        chunk.extend(lines.by_ref().take(256));
        kept.par_extend(
            chunk
                .par_iter()
                .filter_map(|line| serde_json::from_str::<Kept>(line).ok())
                .filter(|k| k.fingerprint.older_than(trusted_before)),
        );
    }
    Some(kept)
}

/// A kept version as loading would give it: its origin rebuilt from the kept texts, its
/// attachments read again (and checked against their recorded size).
fn restore(root: &Path, k: Kept) -> Option<(String, Fingerprint, Arc<Version>)> {
    let id = k.id.parse().ok()?;
    let origin = Origin::new(Arc::new(SourceFile {
        path: k.source.0,
        text: k.source.1,
    }));
    origin.set_markdown(
        k.markdown
            .into_iter()
            .map(|(path, shown, text)| {
                (
                    FieldPath::parse(&path),
                    Arc::new(SourceFile { path: shown, text }),
                )
            })
            .collect(),
    );
    let mut files = Vec::with_capacity(k.notice.attachments.len());
    for a in &k.notice.attachments {
        let rel = Path::new(&k.folder).join(&a.name);
        let bytes = super::version::read_attachment(root, &rel, &rel).ok()?;
        if bytes.len() as u64 != a.size {
            return None;
        }
        files.push(bytes);
    }
    let version = Version {
        id,
        notice: k.notice,
        origin: Some(Arc::new(origin)),
        files,
    };
    Some((k.folder, k.fingerprint, Arc::new(version)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_record_is_ignored_never_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".public.kohyo-parsed");
        let root = dir.path().to_path_buf();
        let exe = crate::cache::executable().unwrap();
        for started in [
            format!(
                r#"{{"exe":{exe:?},"root":{root:?},"secs":18446744073709551615,"nanos":4294967295}}"#
            ),
            "not json".to_owned(),
        ] {
            std::fs::write(&file, format!("{HEADER}\n{started}\n{{\"folder\":1}}\n")).unwrap();
            assert!(read(&file, &root).is_none_or(|kept| kept.is_empty()));
        }
    }
}
