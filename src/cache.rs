//! Typed fingerprints: what identifies a folder of sources without reading the files, so that
//! `kohyo serve` re-reads only what changed. One kind of key for every cache (version folders,
//! the theme); `kohyo verify` and every one-off build ignore them and read everything.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One file as the file system describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

/// The path, size, modification time and inode of every entry of a folder (as git's index
/// keeps them): a file rewritten in place, replaced by a rename, grown or touched changes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint(Vec<Stamp>);

impl Fingerprint {
    /// The entries directly in `dir`; `None` if it cannot be read.
    pub fn of_folder(dir: &Path) -> Option<Fingerprint> {
        Fingerprint::walk(dir, 1)
    }

    /// Every entry under `dir`, at any depth (links are not followed); empty if it does not
    /// exist.
    pub fn of_tree(dir: &Path) -> Fingerprint {
        Fingerprint::walk(dir, usize::MAX).unwrap_or_default()
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
            let meta = entry.metadata().ok();
            stamps.push(Stamp {
                path: entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(entry.path())
                    .to_path_buf(),
                len: meta.as_ref().map_or(0, |m| m.len()),
                modified: meta.as_ref().and_then(|m| m.modified().ok()),
                inode: meta.as_ref().map_or(0, inode),
            });
        }
        Some(Fingerprint(stamps))
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
