//! `kohyo import`: the notice a society has today — text copied from a browser or Word, a
//! saved web page, or a Word file — read into a draft version, as a person reads it (see
//! docs/import.md). Reading gives [`pieces`]; [`shape`] and [`recognise`] find the structure;
//! [`write`] writes notice.toml, with a comment where kohyo is unsure. Nothing is published.

mod docx;
mod dom;
mod draft;
mod html;
mod kohyo_html;
mod kohyo_lists;
mod kohyo_tables;
mod lines;
pub mod pieces;
mod recognise;
pub mod shape;
mod write;

use std::path::{Path, PathBuf};

use crate::content::layout::DocumentDir;
use crate::error::Diagnostic;
use crate::files;
use crate::values::{Date, VersionId};

/// The largest source read (a saved page with its styles, a Word file).
const MAX_SOURCE_BYTES: u64 = 50 * 1024 * 1024;

/// What to import, and how.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The file: `.txt` (UTF-8 or Shift_JIS), `.html`/`.htm`, or `.docx`.
    pub source: PathBuf,
    /// The effective date of the draft.
    pub date: Date,
    /// What changed, in one line.
    pub summary: String,
    /// In a web page, the element holding the notice (`#id` or a tag such as `main`), when
    /// kohyo should not find it itself.
    pub part: Option<String>,
}

/// A notice read from a source.
pub struct Read {
    /// The text of notice.toml.
    pub notice_toml: String,
    /// The title read.
    pub title: String,
    /// The name of the business, when a contact or the text names it.
    pub organization: Option<String>,
    /// How many places kohyo marked for a person to check.
    pub doubts: usize,
}

/// Why an import could not be done.
#[derive(Debug)]
pub enum ImportError {
    /// The source cannot be read, or is not a kind kohyo reads.
    Source(String),
    /// What was read does not load as a version (a fault of kohyo's: every problem is given).
    Unreadable(Vec<Diagnostic>),
    /// The draft cannot be written.
    Write(String),
}

/// Reads the notice in `opts.source`.
pub fn read(opts: &ImportOptions) -> Result<Read, ImportError> {
    let bytes = files::read_regular(&opts.source, MAX_SOURCE_BYTES)
        .map_err(|e| ImportError::Source(format!("{}: {e}", opts.source.display())))?;
    let kind = opts
        .source
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let found = match kind.as_str() {
        "docx" => docx::pieces(&bytes).map_err(ImportError::Source)?,
        "html" | "htm" => html::pieces(&pieces::decode(&bytes), opts.part.as_deref()),
        "doc" => {
            return Err(ImportError::Source(
                "a .doc file (Word 97–2003) cannot be read: save it as .docx in Word (ファイル › 名前を付けて保存 › Word 文書), or copy its text into a .txt file".to_owned(),
            ));
        }
        _ => pieces::of_text(&pieces::decode(&bytes)),
    };
    let shaped = shape::shape(found);
    let source = opts
        .source
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let notice_toml = write::notice_toml(
        &shaped.notice,
        opts.date,
        &opts.summary,
        &source,
        &shaped.doubts,
    );
    let id = VersionId {
        date: opts.date,
        seq: 1,
    };
    crate::content::parse_notice(&notice_toml, id).map_err(ImportError::Unreadable)?;
    Ok(Read {
        organization: organization_of(&shaped.notice),
        title: shaped.notice.title.clone(),
        notice_toml,
        doubts: shaped.doubts.len(),
    })
}

/// The name of the first contact of the notice: the business, in a notice of one.
fn organization_of(notice: &shape::Notice) -> Option<String> {
    fn walk(sections: &[shape::Section]) -> Option<String> {
        sections.iter().find_map(|s| {
            s.blocks
                .iter()
                .find(|b| b.get("type").and_then(|t| t.as_str()) == Some("contact"))
                .and_then(|b| b.get("name")?.as_str().map(str::to_owned))
                .or_else(|| walk(&s.sections))
        })
    }
    walk(&notice.sections)
}

/// Writes the draft `text` as version `date` of the site at `root`, which must not have it yet.
pub fn write_draft(root: &Path, date: Date, text: &str) -> Result<PathBuf, ImportError> {
    let dir = DocumentDir::single().versions().join(date.to_string());
    if std::fs::symlink_metadata(root.join(&dir)).is_ok() {
        return Err(ImportError::Write(format!(
            "{} already exists: give another date with --date, or remove that draft first",
            dir.display()
        )));
    }
    let file = dir.join(crate::content::NOTICE_FILE);
    files::write_atomic(&root.join(&file), text.as_bytes())
        .map_err(|e| ImportError::Write(format!("cannot write {}: {e}", file.display())))?;
    Ok(file)
}
