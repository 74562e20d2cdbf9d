//! Writing the rendered site: the only module that writes to the output directory.
//!
//! The new site is written to a temporary sibling directory, then swapped in with two renames,
//! so a failed or killed build leaves the previous output as it was. The output carries a marker
//! file; kohyo only ever replaces or deletes a directory holding that marker. Concurrent builds
//! into the same place are serialised with a lock on the output's parent directory.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

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
#[derive(Debug, Clone, Copy)]
pub struct WriteReport {
    /// Number of files.
    pub files: usize,
    /// Total bytes.
    pub bytes: u64,
}

/// Makes a path absolute and resolves `.`/`..` and symbolic links of the part that exists.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    // Canonicalise the longest existing ancestor, then append the rest.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize()?;
    for name in rest.into_iter().rev() {
        if name == ".." {
            out.pop();
        } else if name != "." {
            out.push(name);
        }
    }
    Ok(out)
}

/// Checks that `out` may be (re)written for the site at `site_root`.
pub fn check_output_dir(out: &Path, site_root: &Path) -> Result<PathBuf, WriteError> {
    let refuse = |reason: String| WriteError::Refused {
        path: out.to_path_buf(),
        reason,
    };
    let meta = fs::symlink_metadata(out);
    if let Ok(m) = &meta
        && m.file_type().is_symlink()
    {
        return Err(refuse(
            "it is a symbolic link; give the real directory".to_owned(),
        ));
    }
    let resolved = resolve(out).map_err(io_err("resolve", out))?;
    let root = resolve(site_root).map_err(io_err("resolve", site_root))?;
    if resolved.parent().is_none() {
        return Err(refuse("it is the root of the filesystem".to_owned()));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && resolve(&home).is_ok_and(|h| h == resolved)
    {
        return Err(refuse("it is your home directory".to_owned()));
    }
    if root.starts_with(&resolved) {
        return Err(refuse(
            "it contains the site itself; choose a folder inside the site such as `public`"
                .to_owned(),
        ));
    }
    for protected in ["content", "themes", "site.toml", "src", ".git"] {
        if resolved.starts_with(root.join(protected)) {
            return Err(refuse(format!(
                "it is inside the site's `{protected}`; choose a folder such as `public`"
            )));
        }
    }
    match meta {
        Ok(m) if !m.is_dir() => Err(refuse("it is a file, not a directory".to_owned())),
        Ok(_) if !resolved.join(MARKER).is_file() => Err(refuse(format!(
            "it already exists and was not made by kohyo (it has no `{MARKER}` file); \
             kohyo never deletes a directory it did not create: remove it yourself or choose another --out"
        ))),
        _ => Ok(resolved),
    }
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

/// Writes the `count` files that `produce` makes as the new content of `out` (already checked
/// by [`check_output_dir`]): all into a temporary sibling, then swapped in. Files are produced
/// and written in parallel and dropped once written, so memory stays bounded whatever the size
/// of the site; every `.html` file is minified.
pub fn write_site<E: Send>(
    out: &Path,
    count: usize,
    produce: impl Fn(usize) -> Result<OutputFile, E> + Sync,
) -> Result<WriteReport, WriteFailure<E>> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| WriteError::Refused {
            path: out.to_path_buf(),
            reason: "it has no name".to_owned(),
        })?;
    let parent = out.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io_err("create", parent))?;

    // One build at a time per parent directory; the lock ends when `_lock` is dropped.
    let _lock = File::open(parent).map_err(io_err("open", parent))?;
    _lock.lock().map_err(io_err("lock", parent))?;

    remove_stale(parent, &name)?;

    let tmp = parent.join(format!(".{name}.kohyo-tmp-{}", std::process::id()));
    fs::create_dir(&tmp).map_err(io_err("create", &tmp))?;
    let result = write_all(&tmp, count, &produce);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };

    swap_in(&tmp, out, parent, &name)?;
    Ok(report)
}

/// Puts the complete new site `tmp` at `out`. Where the filesystem can, the two directories are
/// exchanged in one atomic step, so that `out` is at every instant either the old site or the
/// new one, whenever the process is killed. Elsewhere, the old site is moved aside first and
/// restored by the next build if the process dies between the two renames.
fn swap_in(tmp: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if !out.exists() {
        return fs::rename(tmp, out).map_err(|e| {
            let _ = fs::remove_dir_all(tmp);
            io_err("move into place", out)(e)
        });
    }
    if exchange(tmp, out).is_ok() {
        // `tmp` now holds the previous site.
        return fs::remove_dir_all(tmp).map_err(io_err("remove the previous output", tmp));
    }
    let old = parent.join(format!(".{name}.kohyo-old-{}", std::process::id()));
    fs::rename(out, &old).map_err(io_err("move aside", out))?;
    if let Err(e) = fs::rename(tmp, out) {
        let _ = fs::rename(&old, out);
        let _ = fs::remove_dir_all(tmp);
        return Err(io_err("move into place", out)(e));
    }
    fs::remove_dir_all(&old).map_err(io_err("remove the previous output", &old))
}

/// Atomically exchanges two directories (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call; renameat2
    // only reads them.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Cleans up after a build that was killed: a previous site moved aside is put back if the
/// output is missing; temporary directories (which carry the marker) are removed.
fn remove_stale(parent: &Path, name: &str) -> Result<(), WriteError> {
    let prefixes = [format!(".{name}.kohyo-tmp-"), format!(".{name}.kohyo-old-")];
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let mut entries: Vec<fs::DirEntry> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    let out = parent.join(name);
    if !out.exists() {
        let moved_aside = entries.iter().find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(prefixes[1].as_str())
                && e.path().join(MARKER).is_file()
        });
        if let Some(old) = moved_aside {
            fs::rename(old.path(), &out).map_err(io_err("restore the previous output", &out))?;
        }
    }
    for entry in entries.into_iter().filter(|e| e.path().exists()) {
        let n = entry.file_name().to_string_lossy().into_owned();
        let ours = prefixes.iter().any(|p| n.starts_with(p.as_str()));
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if ours && is_dir && entry.path().join(MARKER).is_file() {
            fs::remove_dir_all(entry.path()).map_err(io_err("remove", &entry.path()))?;
        }
    }
    Ok(())
}

fn write_all<E: Send>(
    dir: &Path,
    count: usize,
    produce: &(impl Fn(usize) -> Result<OutputFile, E> + Sync),
) -> Result<WriteReport, WriteFailure<E>> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    let marker = dir.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(io_err("write", &marker))?;
    let bytes = AtomicU64::new(0);
    (0..count).into_par_iter().try_for_each(|k| {
        let file = produce(k).map_err(WriteFailure::Produce)?;
        let path = dir.join(&file.path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(io_err("create", p))?;
        }
        let content = if file.path.ends_with(".html") {
            minify(&file.bytes)
        } else {
            file.bytes
        };
        bytes.fetch_add(content.len() as u64, Ordering::Relaxed);
        fs::write(&path, &content).map_err(io_err("write", &path))?;
        Ok::<(), WriteFailure<E>>(())
    })?;
    Ok(WriteReport {
        files: count,
        bytes: bytes.into_inner(),
    })
}

/// Minifies HTML, keeping the closing and `<html>`/`<head>` tags for the sake of validators and
/// assistive technology.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    minify_html::minify(html, &cfg)
}
