//! Where a site's documents live. A site holds one document (`content/versions/<id>/`, the
//! notice) or several (`content/documents/<doc>/document.toml` and
//! `content/documents/<doc>/versions/<id>/`), each revised on its own.

use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::files::{self, ReadError};
use crate::model::is_document_name;

/// The folder that holds the documents of a site of several.
pub const DOCUMENTS_DIR: &str = "content/documents";
/// The file that describes one document of a site of several.
pub const DOCUMENT_FILE: &str = "document.toml";

/// The folders of one document, relative to the site root.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DocumentDir {
    /// The document's folder name on a site of several; none on a site of one.
    pub name: Option<String>,
}

impl DocumentDir {
    /// The one document of a site of one.
    pub fn single() -> Self {
        DocumentDir { name: None }
    }

    /// The document `name` of a site of several.
    pub fn named(name: &str) -> Self {
        DocumentDir {
            name: Some(name.to_owned()),
        }
    }

    /// `content/` or `content/documents/<doc>/`.
    pub fn base(&self) -> PathBuf {
        match &self.name {
            None => PathBuf::from("content"),
            Some(doc) => Path::new(DOCUMENTS_DIR).join(doc),
        }
    }

    /// Where the versions are: `content/versions/` or `content/documents/<doc>/versions/`.
    pub fn versions(&self) -> PathBuf {
        self.base().join("versions")
    }

    /// Where the snapshots of published versions are: `content/published/` or
    /// `content/documents/<doc>/published/`.
    pub fn snapshots(&self) -> PathBuf {
        self.base().join("published")
    }

    /// `content/documents/<doc>/document.toml` (none on a site of one).
    pub fn config_file(&self) -> Option<PathBuf> {
        self.name
            .as_ref()
            .map(|doc| Path::new(DOCUMENTS_DIR).join(doc).join(DOCUMENT_FILE))
    }

    /// The document's name, or none.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
}

/// The documents of the site at `root`: the single document, or each folder of
/// `content/documents/` (sorted by name); and every problem with the layout (the documents
/// found are still returned, so that their own problems are reported in the same run).
pub fn documents(root: &Path) -> (Vec<DocumentDir>, Vec<Diagnostic>) {
    let dir = Path::new(DOCUMENTS_DIR);
    let entries = match files::list_within(root, dir) {
        Err(ReadError::NotFound) => return (vec![DocumentDir::single()], Vec::new()),
        Err(e) => {
            return (
                Vec::new(),
                vec![Diagnostic::in_file(
                    dir,
                    format!("cannot read the documents folder: {e}"),
                )],
            );
        }
        Ok(entries) => entries,
    };
    let mut problems = Vec::new();
    if std::fs::symlink_metadata(root.join("content/versions")).is_ok() {
        problems.push(
            Diagnostic::in_file(
                Path::new("content/versions"),
                "the site has both content/versions/ (one document) and content/documents/ (several documents)",
            )
            .help("on a site of several documents, every document lives in content/documents/<doc>/versions/: move content/versions/ to content/documents/notice/versions/ and add content/documents/notice/document.toml"),
        );
    }
    let mut docs = Vec::new();
    for entry in entries {
        let path = dir.join(&entry.name);
        if entry.file_type.is_symlink() || !entry.file_type.is_dir() {
            problems.push(
                Diagnostic::in_file(
                    &path,
                    format!(
                        "expected a document folder, found {}",
                        files::kind_of(&entry.file_type)
                    ),
                )
                .help("content/documents/ holds one real folder per document (no links, no files)"),
            );
        } else if !is_document_name(&entry.name) {
            problems.push(
                Diagnostic::in_file(&path, format!("`{}` cannot name a document: the name is its address", entry.name))
                    .help("use lower-case ASCII letters, digits, `-` and `_` (e.g. `notice`, `policy`, `joint-use`), starting with a letter or digit"),
            );
        } else {
            docs.push(DocumentDir::named(&entry.name));
        }
    }
    if docs.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::in_file(dir, "content/documents/ holds no document")
                .help("add content/documents/<doc>/document.toml and content/documents/<doc>/versions/YYYY-MM-DD/notice.toml"),
        );
    }
    (docs, problems)
}
