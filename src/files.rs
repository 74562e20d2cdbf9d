//! Every file kohyo reads or writes in a site's folder goes through here, so that the guarantees
//! of docs/safety.md hold in one place:
//!
//! - a file is read only if it is a **regular file**, reached **without a symbolic link** from
//!   the folder it belongs to, and not larger than a limit; a FIFO or device is an error, never
//!   a hang (it is opened non-blocking and checked with `fstat` before a byte is read);
//! - a file of the sources (lock, snapshot, new version) is written whole: to a marked temporary
//!   sibling, then renamed over; a failed write removes its temporary, and the leftovers of a
//!   killed writer are removed by the next writer of the same file;
//! - writers of the sources take turns under an exclusive lock ([`SourceLock`]).
//!
//! Nothing here knows what the files mean.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// There is no such file.
    NotFound,
    /// The file, or a folder on the way to it, is a symbolic link (the relative path of the
    /// link).
    Symlink(PathBuf),
    /// It is not a regular file (a folder, a FIFO, a device, a socket).
    NotRegular(&'static str),
    /// It is larger than the limit (its size).
    TooLarge(u64),
    /// The path leaves the folder it must stay in (`..`, an absolute path).
    Outside,
    /// Any other failure of the operating system.
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("file not found"),
            ReadError::Symlink(p) if p.as_os_str().is_empty() => {
                f.write_str("it is a symbolic link; kohyo reads only real files inside the site")
            }
            ReadError::Symlink(p) => write!(
                f,
                "`{}` is a symbolic link; kohyo reads only real files inside the site",
                p.display()
            ),
            ReadError::NotRegular(kind) => write!(f, "expected a file, found {kind}"),
            ReadError::TooLarge(size) => write!(
                f,
                "the file is {:.1} MB, more than kohyo reads",
                *size as f64 / 1_048_576.0
            ),
            ReadError::Outside => f.write_str("the path leaves the site's folder"),
            ReadError::Io(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                f.write_str("permission denied")
            }
            ReadError::Io(e) => write!(f, "cannot read: {}", os_error(e)),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound,
            _ => ReadError::Io(e),
        }
    }
}

/// A path as a person writes it: Windows' verbatim prefix (`\\?\C:\…`, which
/// `canonicalize` adds) taken off. Paths inside the site are shown with `/` by the messages
/// (see [`crate::error::Diagnostic::location`]); paths outside it as the system writes them.
pub fn shown(path: &Path) -> String {
    let s = path.display().to_string();
    if let Some(unc) = s.strip_prefix(r"\\?\UNC\") {
        return format!(r"\\{unc}");
    }
    s.strip_prefix(r"\\?\").map_or(s.clone(), str::to_owned)
}

/// An error of the operating system in plain words (translated like kohyo's own), with what
/// to do where there is something to do; others as the system says them.
pub fn os_error(e: &io::Error) -> String {
    let said = match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied",
        io::ErrorKind::NotFound => "file not found",
        io::ErrorKind::AlreadyExists => "it already exists",
        io::ErrorKind::AddrInUse => "the port is used by another program",
        io::ErrorKind::StorageFull => "the disk is full: free some space and try again",
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        io::ErrorKind::DirectoryNotEmpty => "the folder is not empty",
        io::ErrorKind::ResourceBusy => "it is in use by another program: close it and try again",
        io::ErrorKind::InvalidFilename => "the name is not allowed by the system",
        _ => return crate::i18n::shown(&e.to_string()),
    };
    crate::i18n::shown(said)
}

/// What kind of thing a file type is, in words.
pub fn kind_of(t: &fs::FileType) -> &'static str {
    if t.is_dir() {
        return "a folder";
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_file() {
        "a file"
    } else {
        "something that is not a file"
    }
}

/// Checks that `rel` stays below `base` and that nothing on the way from `base` to it is a
/// symbolic link (`base` itself is the caller's choice and trusted). Parts that do not exist
/// yet are fine.
pub fn check_within(base: &Path, rel: &Path) -> Result<(), ReadError> {
    let mut at = base.to_path_buf();
    let mut shown = PathBuf::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => {
                at.push(name);
                shown.push(name);
            }
            Component::CurDir => continue,
            _ => return Err(ReadError::Outside),
        }
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Err(ReadError::Symlink(shown)),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(ReadError::Io(e)),
        }
    }
    Ok(())
}

/// Opens `path` for reading if it is a regular file and not a symbolic link. On Unix the file
/// is opened with `O_NOFOLLOW | O_NONBLOCK` and checked with `fstat`, so that a file swapped
/// for a link or a FIFO between the check and the open is refused too.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(ReadError::Symlink(PathBuf::new()));
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta.file_type())));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return ReadError::Symlink(PathBuf::new());
        }
        ReadError::from(e)
    })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta.file_type())));
    }
    Ok((file, meta))
}

/// Reads the regular file `base/rel` (see [`check_within`] and [`open_regular`]), refusing
/// one larger than `limit` bytes without reading it whole.
pub fn read_within(base: &Path, rel: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    check_within(base, rel)?;
    read_regular(&base.join(rel), limit)
}

/// Reads the regular file at `path` (see [`open_regular`]), at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow after the check: never read more than the limit.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// One entry of a folder: its name and what it is (a symbolic link is never followed).
#[derive(Debug)]
pub struct Entry {
    /// The name.
    pub name: String,
    /// What it is.
    pub file_type: fs::FileType,
}

/// The visible entries of the folder `base/rel` (names starting with `.` are left out),
/// sorted by name. The folder must be reached without a symbolic link and be a real folder.
pub fn list_within(base: &Path, rel: &Path) -> Result<Vec<Entry>, ReadError> {
    check_within(base, rel)?;
    let dir = base.join(rel);
    let meta = fs::symlink_metadata(&dir)?;
    if !meta.is_dir() {
        return Err(ReadError::NotRegular(kind_of(&meta.file_type())));
    }
    let mut out = Vec::new();
    for entry in fs::read_dir(&dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        out.push(Entry {
            name,
            file_type: entry.file_type()?,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The prefix of the temporary files of [`write_atomic`] for the file called `name`.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.kohyo-tmp-")
}

/// Writes a file of the site's sources whole: to a temporary sibling named
/// `.<name>.kohyo-tmp-<pid>`, then renamed over the old one. Temporaries of the same file left by
/// a writer that was killed are removed first (call this under [`SourceLock`], so that no
/// other writer is at work); a failed write removes its own.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, true, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], the content written by `write` through a buffer (a large file is
/// never held in memory); without `sync`, the file is not forced to disk first (for records
/// that only save work: after a crash they are unreadable, never wrong).
pub fn write_atomic_with(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "a file needs a name"))?;
    remove_temporaries(&parent, &name);
    let tmp = parent.join(format!("{}{}", temp_prefix(&name), std::process::id()));
    let written = (|| {
        let f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut buffered = io::BufWriter::with_capacity(1 << 20, f);
        write(&mut buffered)?;
        let f = buffered
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        if sync {
            f.sync_all()?;
        }
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Removes the temporaries of `name` in `dir` that a killed [`write_atomic`] left: regular
/// files whose name is exactly the marked prefix followed by digits, nothing else.
fn remove_temporaries(dir: &Path, name: &str) {
    let prefix = temp_prefix(name);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        let ours = n
            .strip_prefix(prefix.as_str())
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The file whose exclusive lock serialises every change to a site's sources (`kohyo new`,
/// `publish`, `restore`). It is never removed: removing a lock file races with its next user.
pub const SOURCE_LOCK_FILE: &str = ".kohyo-publish.lock";

/// An exclusive lock on a site's sources, held until dropped.
#[derive(Debug)]
pub struct SourceLock {
    _file: File,
}

impl SourceLock {
    /// Waits for, then takes, the lock of the site at `root`.
    pub fn acquire(root: &Path) -> io::Result<SourceLock> {
        let path = root.join(SOURCE_LOCK_FILE);
        if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
            return Err(io::Error::other(format!(
                "{SOURCE_LOCK_FILE} is not a regular file"
            )));
        }
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        file.lock()?;
        Ok(SourceLock { _file: file })
    }
}

/// SHA-256 of a regular file, read in pieces (a large file is never held in memory), as
/// `sha256:<hex>`.
pub fn sha256_of_file(path: &Path) -> Result<String, ReadError> {
    use sha2::{Digest, Sha256};
    let (mut file, _) = open_regular(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(crate::hash::hash_hex(&hasher.finalize()))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = read_within(dir.path(), Path::new("pipe"), 10).unwrap_err();
        assert!(
            matches!(err, ReadError::NotRegular(k) if k.contains("FIFO")),
            "{err}"
        );
    }

    #[test]
    fn a_link_on_the_way_is_named() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        fs::write(dir.path().join("real/a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
        let err = read_within(dir.path(), Path::new("link/a.txt"), 10).unwrap_err();
        assert!(
            matches!(&err, ReadError::Symlink(p) if p == Path::new("link")),
            "{err}"
        );
        assert!(read_within(dir.path(), Path::new("real/a.txt"), 10).is_ok());
        assert!(matches!(
            read_within(dir.path(), Path::new("../x"), 10),
            Err(ReadError::Outside)
        ));
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("big"), vec![b'x'; 100]).unwrap();
        assert!(matches!(
            read_within(dir.path(), Path::new("big"), 99),
            Err(ReadError::TooLarge(100))
        ));
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_and_a_killed_one_is_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("kohyo.lock");
        fs::write(dir.path().join(".kohyo.lock.kohyo-tmp-99999"), "half").unwrap();
        fs::write(dir.path().join(".kohyo.lock.kohyo-tmp-notes"), "not ours").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".kohyo.lock.kohyo-tmp-notes", "kohyo.lock"]);
    }
}
