//! Writing the rendered site: the only module that writes to the output directory.
//!
//! The new site is written to a temporary sibling directory, then exchanged with the old one in
//! one step (two renames where the filesystem cannot), so a failed or killed build leaves the
//! previous output as it was. The output carries a marker file; kohyo only ever replaces or
//! deletes a directory holding that marker, checked on the canonical path before the build and
//! again on the very folder swapped out. Concurrent builds into the same place are serialised
//! with a lock.

mod minify;
mod output;
mod reuse;

pub use minify::minify;
pub use output::{check_output_dir, output_from_config};
use output::{has_marker, lock_output, remove_marked_dir, remove_stale, swap_in};

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::render::OutputFile;
use reuse::{Entry, Previous};

/// The marker file that says "kohyo made this directory and may replace it".
pub const MARKER: &str = ".kohyo-output";
const MARKER_TEXT: &str = "This directory was written by kohyo; `kohyo build` replaces it whole.\n";

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output directory is not one kohyo may replace.
    #[error("refusing to write the site to `{path}`: {reason}")]
    Refused {
        /// The directory.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A filesystem operation failed.
    #[error("cannot {action} `{path}`: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// On what.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> WriteError + use<> {
    let path = path.to_path_buf();
    move |source| WriteError::Io {
        action,
        path,
        source,
    }
}

/// What was written.
#[derive(Debug, Clone)]
pub struct WriteReport {
    /// Number of files, the manifest included.
    pub files: usize,
    /// Total bytes.
    pub bytes: u64,
    /// The `sha256:` of every file but the manifest, by path.
    pub hashes: BTreeMap<String, String>,
    /// The `sha256:` of the manifest.
    pub manifest_hash: String,
    /// How many files were taken from the previous output rather than made anew.
    pub reused: usize,
}

/// Why writing a site failed: a file could not be produced, or not be written.
#[derive(Debug)]
pub enum WriteFailure<E> {
    /// Producing (rendering) a file failed.
    Produce(E),
    /// Writing failed.
    Write(WriteError),
}

impl<E> From<WriteError> for WriteFailure<E> {
    fn from(e: WriteError) -> Self {
        WriteFailure::Write(e)
    }
}

/// The files of a site, as [`write_site`] asks for them.
pub trait Files: Sync {
    /// Why a file cannot be made.
    type Error: Send;
    /// How many files there are.
    fn count(&self) -> usize;
    /// The path and key of file `k`, when it has one: a file of the previous output written
    /// under the same path and key is taken as it is instead of being made again.
    fn key(&self, k: usize) -> Result<Option<(String, String)>, Self::Error>;
    /// Makes file `k`.
    fn make(&self, k: usize) -> Result<OutputFile, Self::Error>;
    /// The manifest, from the hash of every other file by path.
    fn manifest(&self, hashes: BTreeMap<String, String>) -> OutputFile;
}

/// Writes the `files` as the new content of `out` (the canonical path returned by
/// [`check_output_dir`]): all into a temporary sibling, then swapped in. Files are made and
/// written in parallel and dropped once written, so memory stays bounded whatever the size of
/// the site; every `.html` file is minified; the manifest is made last from the hash of every
/// file. A file whose key is the same as in the previous output is taken from it (see
/// `site/reuse.rs`), unless `fresh`.
pub fn write_site<F: Files>(
    out: &Path,
    files: &F,
    fresh: bool,
) -> Result<WriteReport, WriteFailure<F::Error>> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| WriteError::Refused {
            path: out.to_path_buf(),
            reason: "it has no name".to_owned(),
        })?;
    let parent = out.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io_err("create", parent))?;

    // One build at a time per output; the lock ends when `_lock` is dropped.
    let _lock = lock_output(parent, &name)?;

    remove_stale(parent, &name)?;

    let previous = if fresh { None } else { Previous::read(out) };
    let tmp = parent.join(format!(".{name}.kohyo-tmp-{}", std::process::id()));
    fs::create_dir(&tmp).map_err(io_err("create", &tmp))?;
    let result = write_all(&tmp, files, previous.as_ref());
    let (report, index) = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = remove_marked_dir(&tmp);
            let _ = fs::remove_dir(&tmp);
            return Err(e);
        }
    };

    if let Err(e) = swap_in(&tmp, out, parent, &name) {
        let _ = remove_marked_dir(&tmp);
        return Err(e.into());
    }
    // The index only saves work: without it, the next build makes every page anew.
    if reuse::write_index(out, index).is_err() {
        reuse::remove_index(out);
    }
    Ok(report)
}

/// One file written: its path, hash and size, whether it was taken from the previous output,
/// and its entry in the index (a file with a key).
struct Written {
    path: String,
    hash: String,
    size: u64,
    reused: bool,
    entry: Option<Entry>,
}

fn write_all<F: Files>(
    dir: &Path,
    files: &F,
    previous: Option<&Previous>,
) -> Result<(WriteReport, Vec<Entry>), WriteFailure<F::Error>> {
    use rayon::prelude::*;
    let marker = dir.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(io_err("write", &marker))?;
    let written: Vec<Written> = (0..files.count())
        .into_par_iter()
        .map(|k| write_or_take(dir, files, previous, k))
        .collect::<Result<_, WriteFailure<F::Error>>>()?;
    let mut report = WriteReport {
        files: written.len() + 1,
        bytes: 0,
        hashes: BTreeMap::new(),
        manifest_hash: String::new(),
        reused: 0,
    };
    let mut index = Vec::new();
    for w in written {
        report.bytes += w.size;
        report.reused += usize::from(w.reused);
        report.hashes.insert(w.path, w.hash);
        index.extend(w.entry);
    }
    let manifest = write_one(dir, files.manifest(report.hashes.clone()), None)?;
    report.bytes += manifest.size;
    report.manifest_hash = manifest.hash;
    Ok((report, index))
}

/// File `k` of `files`, taken from the previous output if its key is the same there, else
/// made and written.
fn write_or_take<F: Files>(
    dir: &Path,
    files: &F,
    previous: Option<&Previous>,
    k: usize,
) -> Result<Written, WriteFailure<F::Error>> {
    let key = files.key(k).map_err(WriteFailure::Produce)?;
    if let (Some(previous), Some((path, key))) = (previous, &key) {
        parent_of(dir, path)?;
        if let Some(entry) = previous.take(path, key, dir) {
            return Ok(Written {
                path: entry.path.clone(),
                hash: entry.sha256.clone(),
                size: entry.stamp_len(),
                reused: true,
                entry: Some(entry),
            });
        }
    }
    let file = files.make(k).map_err(WriteFailure::Produce)?;
    Ok(write_one(dir, file, key.map(|(_, key)| key))?)
}

/// Creates the folder that will hold `path` under `dir`; the path must stay inside `dir`.
fn parent_of(dir: &Path, path: &str) -> Result<PathBuf, WriteError> {
    let plain = Path::new(path)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    let full = dir.join(path);
    if !plain {
        return Err(WriteError::Refused {
            path: full,
            reason: "a produced file would leave the output folder".to_owned(),
        });
    }
    if let Some(p) = full.parent() {
        fs::create_dir_all(p).map_err(io_err("create", p))?;
    }
    Ok(full)
}

/// Writes one produced file under `dir` (minified if it is HTML), with its entry in the index
/// when it has a `key`.
fn write_one(dir: &Path, file: OutputFile, key: Option<String>) -> Result<Written, WriteError> {
    let path = parent_of(dir, &file.path)?;
    let content = if file.path.ends_with(".html") {
        minify(&file.bytes)
    } else {
        file.bytes
    };
    let mut f = File::create(&path).map_err(io_err("write", &path))?;
    f.write_all(&content).map_err(io_err("write", &path))?;
    let hash = crate::hash::sha256(&content);
    let entry = key.and_then(|key| Entry::written(file.path.clone(), key, hash.clone(), &f));
    Ok(Written {
        path: file.path,
        hash,
        size: content.len() as u64,
        reused: false,
        entry,
    })
}

/// Rewrites some files of an output written before by [`write_site`], in place, each
/// atomically, then the manifest from `hashes` updated with theirs (for `kohyo serve`, whose
/// output is private and never deployed).
pub fn update_site(
    out: &Path,
    files: Vec<OutputFile>,
    hashes: &mut BTreeMap<String, String>,
    manifest: impl FnOnce(BTreeMap<String, String>) -> OutputFile,
) -> Result<(), WriteError> {
    use rayon::prelude::*;
    if !has_marker(out) {
        return Err(WriteError::Refused {
            path: out.to_path_buf(),
            reason: format!("it has no `{MARKER}` file"),
        });
    }
    let written: Vec<(String, String)> = files
        .into_par_iter()
        .map(|file| {
            let path = out.join(&file.path);
            let content = if file.path.ends_with(".html") {
                minify(&file.bytes)
            } else {
                file.bytes
            };
            crate::files::write_atomic(&path, &content).map_err(io_err("write", &path))?;
            Ok((file.path, crate::hash::sha256(&content)))
        })
        .collect::<Result<_, WriteError>>()?;
    hashes.extend(written);
    let manifest = manifest(hashes.clone());
    let path = out.join(&manifest.path);
    crate::files::write_atomic(&path, &manifest.bytes).map_err(io_err("write", &path))
}
