//! Typed fingerprints: what identifies a file or a folder of sources without reading them, so
//! that `kohyo serve` and a build re-read only what changed. One kind of stamp for every cache
//! (version folders, the theme, the pages and versions recorded beside an output); `kohyo
//! verify`, `check` and `publish` ignore them and read everything.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One file as the file system describes it: size, modification time and inode (as git's index
/// keeps them). A file rewritten in place, replaced by a rename, grown or touched changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl FileStamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode: inode(meta),
        }
    }

    /// The file's size.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file was last modified before `time` (a file without a time was not): what
    /// git's index requires before it trusts a stamp ("racy" files are read again).
    pub fn older_than(&self, time: SystemTime) -> bool {
        self.modified.is_some_and(|m| m < time)
    }
}

/// An entry of a folder and its stamp.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Stamp {
    path: PathBuf,
    file: FileStamp,
}

/// The path, size, modification time and inode of every entry of a folder (as git's index
/// keeps them): a file rewritten in place, replaced by a rename, grown or touched changes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint(Vec<Stamp>);

impl Fingerprint {
    /// Whether every entry was last modified before `time` (an entry without a time is not):
    /// what git's index requires before it trusts a file's stamp ("racy" files are
    /// re-read).
    pub fn older_than(&self, time: SystemTime) -> bool {
        self.0.iter().all(|s| s.file.older_than(time))
    }

    /// The entries directly in `dir`; `None` if it cannot be read.
    pub fn of_folder(dir: &Path) -> Option<Fingerprint> {
        Fingerprint::walk(dir, 1)
    }

    /// Every entry under `dir`, at any depth (links are not followed); empty if it does not
    /// exist.
    pub fn of_tree(dir: &Path) -> Fingerprint {
        Fingerprint::walk(dir, usize::MAX).unwrap_or_default()
    }

    /// This fingerprint with one more file (stamped as missing when it cannot be read).
    pub fn with_file(mut self, path: &Path) -> Fingerprint {
        let file = std::fs::symlink_metadata(path).map_or(
            FileStamp {
                len: 0,
                modified: None,
                inode: 0,
            },
            |m| FileStamp::of(&m),
        );
        self.0.push(Stamp {
            path: path.to_path_buf(),
            file,
        });
        self
    }

    fn walk(dir: &Path, depth: usize) -> Option<Fingerprint> {
        let mut stamps = Vec::new();
        let walk = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .max_depth(depth)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walk {
            let entry = entry.ok()?;
            stamps.push(Stamp {
                path: entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(entry.path())
                    .to_path_buf(),
                file: entry.metadata().ok().map_or(
                    FileStamp {
                        len: 0,
                        modified: None,
                        inode: 0,
                    },
                    |m| FileStamp::of(&m),
                ),
            });
        }
        Some(Fingerprint(stamps))
    }
}

/// The running kohyo as the filesystem describes it (its version, path, size and modification
/// time), once; `None` when it cannot tell. Every cache kept between runs starts with it, so a
/// rebuilt or upgraded kohyo uses none of an older one's.
pub fn executable() -> Option<&'static str> {
    static EXE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    EXE.get_or_init(|| {
        let path = std::env::current_exe().ok()?;
        let meta = std::fs::metadata(&path).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(format!(
            "{} {} {} {}",
            env!("CARGO_PKG_VERSION"),
            path.display(),
            meta.len(),
            modified.as_nanos()
        ))
    })
    .as_deref()
}

/// The record `what` of the output `out`, kept beside it (`.public.kohyo-pages` for
/// `public/`): never inside the site that is deployed.
pub fn beside_output(out: &Path, what: &str) -> Option<PathBuf> {
    let name = out.file_name()?.to_string_lossy();
    Some(out.with_file_name(format!(".{name}.kohyo-{what}")))
}

/// Whether a file kept between runs may be believed: a regular file owned by whoever runs
/// kohyo and not writable by everyone (an output in a shared folder such as /tmp must not let
/// another user put words into the site). Elsewhere than Unix, a regular file.
pub fn own_file(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        meta.is_file() && meta.uid() == me && meta.mode() & 0o002 == 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

#[cfg(test)]
mod tests {
    use super::Fingerprint;

    #[cfg(unix)]
    #[test]
    fn a_file_everyone_may_write_is_not_believed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".public.kohyo-parsed");
        std::fs::write(&file, "x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(super::own_file(&std::fs::symlink_metadata(&file).unwrap()));
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
        assert!(!super::own_file(&std::fs::symlink_metadata(&file).unwrap()));
        assert!(!super::own_file(
            &std::fs::symlink_metadata(dir.path()).unwrap()
        ));
    }

    #[test]
    fn a_change_of_size_or_a_replacement_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.html"), "a").unwrap();
        let before = Fingerprint::of_tree(dir.path());
        assert_eq!(before, Fingerprint::of_tree(dir.path()));
        std::fs::write(dir.path().join("sub/a.html.new"), "a").unwrap();
        std::fs::rename(
            dir.path().join("sub/a.html.new"),
            dir.path().join("sub/a.html"),
        )
        .unwrap();
        assert_ne!(before, Fingerprint::of_tree(dir.path()), "a save by rename");
        let one = Fingerprint::of_folder(dir.path()).unwrap();
        std::fs::write(dir.path().join("b.toml"), "b").unwrap();
        assert_ne!(one, Fingerprint::of_folder(dir.path()).unwrap());
    }
}
