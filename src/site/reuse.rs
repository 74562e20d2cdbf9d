//! Pages taken from the previous output. Every build records, beside the output (in
//! `.<name>.kohyo-pages`, in the output's parent folder), what it wrote: each page's path, key
//! (see `render/key.rs`), hash and size, and the stamp of its file. The next build takes a page
//! whose key did not change from the previous output (a hard link where the filesystem allows,
//! else a copy) instead of rendering, minifying and hashing it again; the result is the same,
//! byte for byte, as a build from nothing.
//!
//! A file is taken only while it is still the one written: a regular file reached through real
//! folders (no symbolic link on the way), of the same size, modification time and inode (as
//! git's index checks a work tree), and written strictly before the index was — a file changed
//! within the same clock tick as the index is not trusted (git's "racy" rule). Anything else is
//! rendered anew. The index is not part of the site: it is not deployed, not listed in the
//! manifest, and `kohyo verify` never uses it (it re-hashes every file).

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cache::FileStamp;

/// The first line of an index.
const HEADER: &str = "kohyo-pages/1";

/// An index larger than this is not read (a site of 10,000 versions writes about 5 MB).
const LIMIT: u64 = 256 * 1024 * 1024;

/// The index of the output `out`: `.<name>.kohyo-pages` beside it.
pub(super) fn index_path(out: &Path) -> Option<PathBuf> {
    crate::cache::beside_output(out, "pages")
}

/// One page written: where, under which key, its hash, and its file's stamp.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct Entry {
    pub path: String,
    pub key: String,
    pub sha256: String,
    pub stamp: FileStamp,
}

impl Entry {
    /// The size of the file.
    pub(super) fn stamp_len(&self) -> u64 {
        self.stamp.len()
    }

    /// The entry of a page just written to `file`, if the filesystem describes it.
    pub(super) fn written(
        path: String,
        key: String,
        sha256: String,
        file: &fs::File,
    ) -> Option<Self> {
        Some(Entry {
            path,
            key,
            sha256,
            stamp: FileStamp::of(&file.metadata().ok()?),
        })
    }
}

/// The pages of the previous output that are still as written, by path.
pub(super) struct Previous {
    dir: PathBuf,
    entries: HashMap<String, Entry>,
}

impl Previous {
    /// The pages of `out` that its index describes and that are still as written; `None`
    /// when there is no readable index.
    pub(super) fn read(out: &Path) -> Option<Previous> {
        let index = index_path(out)?;
        let meta = fs::symlink_metadata(&index).ok()?;
        if !crate::cache::own_file(&meta) || meta.len() > LIMIT {
            return None;
        }
        let written = meta.modified().ok()?;
        let text = fs::read_to_string(&index).ok()?;
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return None;
        }
        let mut listed = HashMap::new();
        for line in lines {
            let entry: Entry = serde_json::from_str(line).ok()?;
            listed.insert(entry.path.clone(), entry);
        }
        let mut entries = HashMap::with_capacity(listed.len());
        let walk = walkdir::WalkDir::new(out).min_depth(1).follow_links(false);
        for item in walk.into_iter().flatten() {
            if !item.file_type().is_file() {
                continue;
            }
            let Some(rel) = relative(out, item.path()) else {
                continue;
            };
            let Some(entry) = listed.remove(&rel) else {
                continue;
            };
            let still = item
                .metadata()
                .ok()
                .map(|m| FileStamp::of(&m))
                .is_some_and(|s| s == entry.stamp && s.older_than(written));
            if still {
                entries.insert(rel, entry);
            }
        }
        Some(Previous {
            dir: out.to_path_buf(),
            entries,
        })
    }

    /// Puts the previous output's page `path` at `into`/`path` if it was written under `key`,
    /// and returns its entry (with the stamp of the new file).
    pub(super) fn take(&self, path: &str, key: &str, into: &Path) -> Option<Entry> {
        let entry = self.entries.get(path).filter(|e| e.key == key)?;
        let (from, to) = (self.dir.join(path), into.join(path));
        if fs::hard_link(&from, &to).is_ok() {
            // The same file: the same stamp.
            return Some(entry.clone());
        }
        fs::copy(&from, &to).ok()?;
        let stamp = FileStamp::of(&fs::symlink_metadata(&to).ok()?);
        (stamp.len() == entry.stamp.len()).then(|| Entry {
            stamp,
            ..entry.clone()
        })
    }
}

/// `path` under `dir`, with `/` between names.
fn relative(dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).ok()?;
    let names: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(names?.join("/"))
}

/// Writes the index of the output `out` (replacing the previous one in one step; not forced
/// to disk: after a crash it is unreadable, never wrong).
pub(super) fn write_index(out: &Path, mut entries: Vec<Entry>) -> io::Result<()> {
    let Some(index) = index_path(out) else {
        return Ok(());
    };
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    crate::files::write_atomic_with(&index, false, |w| {
        writeln!(w, "{HEADER}")?;
        for e in &entries {
            serde_json::to_writer(&mut *w, e)?;
            writeln!(w)?;
        }
        Ok(())
    })
}

/// Removes the index of `out`, if any (a build that reuses nothing and records nothing).
pub(super) fn remove_index(out: &Path) {
    if let Some(index) = index_path(out)
        && fs::symlink_metadata(&index).is_ok_and(|m| m.is_file())
    {
        let _ = fs::remove_file(index);
    }
}
