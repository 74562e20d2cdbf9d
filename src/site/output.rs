//! The output folder and its safe replacement: which folder may be written (never one kohyo
//! did not mark, never the site's own folders), the lock that serialises builds into it, and
//! the swap of the new site for the old one (one atomic exchange, or two renames where the
//! filesystem cannot), with the old one removed marker last.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::{MARKER, WriteError, io_err};

/// The canonical form of `path`: absolute, with `.`, `..` and symbolic links resolved. For a
/// path that does not exist yet, its nearest existing ancestor is made canonical and the rest
/// appended; `..` is refused in that rest (what it means depends on links not yet made).
fn canonical(path: &Path) -> io::Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        match fs::symlink_metadata(existing) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return Err(io::Error::other("no part of the path exists")),
        }
    }
    let mut out = existing.canonicalize()?;
    for name in rest.into_iter().rev() {
        if name == ".." {
            return Err(io::Error::other(
                "`..` after a folder that does not exist yet",
            ));
        }
        if name != "." {
            out.push(name);
        }
    }
    Ok(out)
}

/// The output folder named by `output_dir` in site.toml: a path inside the site, made of plain
/// names (no `..`, not absolute), none of which may be a symbolic link.
pub fn output_from_config(site_root: &Path, output_dir: &str) -> Result<PathBuf, WriteError> {
    let rel = Path::new(output_dir);
    crate::files::check_within(site_root, rel).map_err(|e| WriteError::Refused {
        path: rel.to_path_buf(),
        reason: match e {
            crate::files::ReadError::Symlink(link) => format!(
                "`output_dir` in site.toml passes through the symbolic link `{}`; give a plain folder inside the site such as \"public\"",
                link.display()
            ),
            crate::files::ReadError::Outside => "`output_dir` in site.toml must be a folder inside the site such as \"public\" (no `..`, not absolute); use --out for a folder elsewhere".to_owned(),
            other => format!("`output_dir` in site.toml cannot be examined: {other}"),
        },
    })?;
    Ok(site_root.join(rel))
}

/// Checks that `out` may be (re)written for the site at `site_root`, and returns its canonical
/// path, which is what is written and swapped from then on. Refused: a path that cannot be
/// examined (any error other than "not found"), a symbolic link, a file, the root of the
/// filesystem, the home directory or a folder holding it, the current folder or one holding
/// it, a folder holding the site, a place inside the site's sources, and an existing folder
/// without the `.kohyo-output` marker.
pub fn check_output_dir(out: &Path, site_root: &Path) -> Result<PathBuf, WriteError> {
    let refuse = |reason: String| WriteError::Refused {
        path: out.to_path_buf(),
        reason,
    };
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(refuse(format!(
                "it cannot be examined ({e}); kohyo never replaces a folder it cannot check"
            )));
        }
    };
    if meta.as_ref().is_some_and(|m| m.file_type().is_symlink()) {
        return Err(refuse(
            "it is a symbolic link; give the real directory".to_owned(),
        ));
    }
    if meta.as_ref().is_some_and(|m| !m.is_dir()) {
        return Err(refuse("it is a file, not a directory".to_owned()));
    }
    let resolved = canonical(out)
        .map_err(|e| refuse(format!("it cannot be resolved to a real path ({e})")))?;
    let root = canonical(site_root).map_err(io_err("resolve", site_root))?;
    refuse_protected(&resolved, &root).map_err(refuse)?;
    if meta.is_some() && !has_marker(&resolved) {
        return Err(refuse(format!(
            "it already exists and was not made by kohyo (it has no `{MARKER}` file); kohyo never deletes a directory it did not create: remove it yourself or choose another --out"
        )));
    }
    Ok(resolved)
}

/// Why the canonical output path `out` is off limits for the site at canonical `root`.
fn refuse_protected(out: &Path, root: &Path) -> Result<(), String> {
    if out.parent().is_none() {
        return Err("it is the root of the filesystem".to_owned());
    }
    if root.starts_with(out) {
        return Err(
            "it contains the site itself; choose a folder inside the site such as `public`"
                .to_owned(),
        );
    }
    if let Some(home) = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))
        && let Ok(home) = canonical(Path::new(&home))
        && home.starts_with(out)
    {
        return Err(if home == out {
            "it is your home directory".to_owned()
        } else {
            "it holds your home directory".to_owned()
        });
    }
    if let Ok(cwd) = std::env::current_dir().and_then(|c| c.canonicalize())
        && cwd.starts_with(out)
    {
        return Err("it holds the current folder".to_owned());
    }
    for protected in [
        "content",
        "themes",
        "site.toml",
        "kohyo.lock",
        "schemas",
        "src",
        ".git",
    ] {
        if out.starts_with(root.join(protected)) {
            return Err(format!(
                "it is inside the site's `{protected}`; choose a folder such as `public`"
            ));
        }
    }
    Ok(())
}

/// Whether `dir` is a real folder (not a link) holding kohyo's marker as a regular file.
pub(super) fn has_marker(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// The lock that serialises builds into one output: the parent folder itself on Unix, a
/// marked lock file beside the output elsewhere (Windows cannot open a folder as a file).
pub(super) fn lock_output(parent: &Path, name: &str) -> Result<File, WriteError> {
    #[cfg(unix)]
    let path = {
        let _ = name;
        parent.to_path_buf()
    };
    #[cfg(not(unix))]
    let path = parent.join(format!(".{name}.kohyo-lock"));
    let file = if cfg!(unix) {
        File::open(&path)
    } else {
        fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
    }
    .map_err(io_err("open", &path))?;
    file.lock().map_err(io_err("lock", &path))?;
    Ok(file)
}

/// Checks, immediately before it is replaced, that the folder at `out` is still the one that
/// was checked: a real folder at its canonical path, carrying the marker.
fn check_replaceable(out: &Path) -> Result<(), WriteError> {
    let refuse = |reason: &str| WriteError::Refused {
        path: out.to_path_buf(),
        reason: reason.to_owned(),
    };
    if out.canonicalize().map_or(true, |c| c != out) {
        return Err(refuse(
            "it changed while the site was built (a symbolic link appeared on its path)",
        ));
    }
    if !has_marker(out) {
        return Err(refuse(&format!(
            "it changed while the site was built and no longer carries the `{MARKER}` file"
        )));
    }
    Ok(())
}

/// Puts the complete new site `tmp` at `out`. Where the filesystem can, the two directories are
/// exchanged in one atomic step, so that `out` is at every instant either the old site or the
/// new one, whenever the process is killed. Elsewhere, the old site is moved aside first and
/// restored by the next build if the process dies between the two renames. Either way, what
/// was moved out must carry the marker, or it is put back and the build refused.
pub(super) fn swap_in(tmp: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return fs::rename(tmp, out).map_err(io_err("move into place", out));
        }
        Err(e) => return Err(io_err("examine", out)(e)),
        Ok(_) => check_replaceable(out)?,
    }
    match exchange(tmp, out) {
        Ok(()) => {
            // `tmp` now holds what was at `out`.
            if !has_marker(tmp) {
                let _ = exchange(tmp, out);
                return Err(WriteError::Refused {
                    path: out.to_path_buf(),
                    reason: format!(
                        "it was replaced while the site was built by a folder without the `{MARKER}` file; it is left as it was"
                    ),
                });
            }
            remove_marked_dir(tmp)
        }
        Err(_) => swap_by_renames(tmp, out, parent, name),
    }
}

/// The swap where the filesystem cannot exchange two folders: the old site is renamed aside,
/// the new one into place, and the old one removed.
fn swap_by_renames(tmp: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    let old = parent.join(format!(".{name}.kohyo-old-{}", std::process::id()));
    fs::rename(out, &old).map_err(io_err("move aside", out))?;
    if !has_marker(&old) {
        let _ = fs::rename(&old, out);
        return Err(WriteError::Refused {
            path: out.to_path_buf(),
            reason: format!(
                "it was replaced while the site was built by a folder without the `{MARKER}` file; it is left as it was"
            ),
        });
    }
    if let Err(e) = fs::rename(tmp, out) {
        let _ = fs::rename(&old, out);
        return Err(io_err("move into place", out)(e));
    }
    remove_marked_dir(&old)
}

/// Removes a folder that carries kohyo's marker: everything in it first, the marker last, so
/// that a removal cut short leaves a folder that still says it is kohyo's, and the next build
/// finishes the job. Symbolic links inside are removed, never followed.
pub(super) fn remove_marked_dir(dir: &Path) -> Result<(), WriteError> {
    for entry in fs::read_dir(dir).map_err(io_err("read", dir))? {
        let entry = entry.map_err(io_err("read", dir))?;
        if entry.file_name() == MARKER {
            continue;
        }
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            remove_tree(&path)
        } else {
            fs::remove_file(&path)
        }
        .map_err(io_err("remove the previous output", &path))?;
    }
    let marker = dir.join(MARKER);
    match fs::remove_file(&marker) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            return Err(io_err("remove", &marker)(e));
        }
        _ => {}
    }
    fs::remove_dir(dir).map_err(io_err("remove the previous output", dir))
}

/// Removes the folder `dir` (not a link) and everything in it, its sub-folders in parallel (a
/// site of thousands of versions has thousands of folders). Links inside are removed, never
/// followed.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Atomically exchanges two directories (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // The system call itself, not libc's wrapper: musl (the static Linux build) has none.
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call; renameat2
    // only reads them.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
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

/// Cleans up after a build that was killed, in the output's parent: a previous site moved
/// aside is put back if the output is missing; temporary folders named after this output are
/// removed if they carry the marker, or if they are empty (killed before the marker was
/// written). Nothing else is touched.
pub(super) fn remove_stale(parent: &Path, name: &str) -> Result<(), WriteError> {
    let prefixes = [format!(".{name}.kohyo-tmp-"), format!(".{name}.kohyo-old-")];
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let mut entries: Vec<fs::DirEntry> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    let ours = |e: &fs::DirEntry, prefix: &str| {
        e.file_name().to_string_lossy().starts_with(prefix)
            && e.file_type().is_ok_and(|t| t.is_dir())
    };
    let out = parent.join(name);
    if fs::symlink_metadata(&out).is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
        && let Some(old) = entries
            .iter()
            .find(|e| ours(e, &prefixes[1]) && has_marker(&e.path()))
    {
        fs::rename(old.path(), &out).map_err(io_err("restore the previous output", &out))?;
    }
    for entry in &entries {
        if !prefixes.iter().any(|p| ours(entry, p)) {
            continue;
        }
        let path = entry.path();
        if has_marker(&path) {
            remove_marked_dir(&path)?;
        } else {
            // Only an empty folder goes: kohyo made it and died before marking it.
            let _ = fs::remove_dir(&path);
        }
    }
    Ok(())
}

/// The swap used where folders cannot be exchanged atomically (Windows, macOS, some network
/// filesystems), tested on every platform.
#[cfg(test)]
mod swap_by_renames_tests {
    use super::*;

    fn marked(dir: &Path, page: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join(MARKER), "").unwrap();
        fs::write(dir.join("index.html"), page).unwrap();
    }

    #[test]
    fn the_new_site_replaces_the_old_one_which_is_removed() {
        let parent = tempfile::tempdir().unwrap();
        let (out, tmp) = (parent.path().join("公表 サイト"), parent.path().join("tmp"));
        marked(&out, "old");
        marked(&tmp, "new");
        swap_by_renames(&tmp, &out, parent.path(), "公表 サイト").unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        let left: Vec<_> = fs::read_dir(parent.path()).unwrap().flatten().collect();
        assert_eq!(
            left.len(),
            1,
            "the old site and the temporary folder are gone"
        );
    }

    #[test]
    fn a_folder_without_the_marker_is_put_back_and_the_swap_refused() {
        let parent = tempfile::tempdir().unwrap();
        let (out, tmp) = (parent.path().join("public"), parent.path().join("tmp"));
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "keep").unwrap();
        marked(&tmp, "new");
        let err = swap_by_renames(&tmp, &out, parent.path(), "public");
        assert!(matches!(err, Err(WriteError::Refused { .. })));
        assert_eq!(
            fs::read_to_string(out.join("precious.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn a_build_killed_between_the_two_renames_is_repaired_by_the_next() {
        let parent = tempfile::tempdir().unwrap();
        let old = parent.path().join(".public.kohyo-old-12345");
        marked(&old, "old");
        remove_stale(parent.path(), "public").unwrap();
        let out = parent.path().join("public");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    }
}
