//! Load and validate a site's content: `site.toml` and `content/versions/<id>/`.
//!
//! This stage reads files, parses TOML, resolves Markdown files and checks every rule, collecting
//! all problems before giving up. It must not build HTML or write files. Its output is a
//! [`model::Site`](crate::model::Document) that later stages can trust.

pub mod japanese_input;
mod kept;
pub mod layout;
mod load;
pub mod parse;
mod recover;
mod syntax;
pub(crate) mod validate;
mod version;
mod written;

pub use kept::kept_path;
pub use load::{
    ChangedVersion, LoadCache, MAX_FILE_BYTES, NOTICE_FILE, Published, UnreadableNotice, load_site,
    load_site_cached, load_version_dir, read_source, site_config, unreadable_notices,
};
pub use version::{MAX_ATTACHMENT_BYTES, is_attachment_name, is_plain_md_name};
pub use written::VersionFiles;

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Diagnostic, Severity, SourceFile};
use crate::model::{Document, Notice};
use crate::values::VersionId;

/// Parses and validates the text of one `notice.toml` as the version `id`, without reading any
/// file (a text block naming a Markdown `file` is reported as unreadable). For fuzzing, tests
/// and tools that hold the text in memory.
pub fn parse_notice(text: &str, id: VersionId) -> Result<Notice, Vec<Diagnostic>> {
    let source = Arc::new(SourceFile {
        path: "notice.toml".into(),
        text: crate::text::normalized(text).into_owned(),
    });
    let parsed = parse::parse_toml::<Notice>(&source)?;
    let mut diags = validate::notice(&parsed, id, &HashMap::new());
    for (_, block) in parsed.value.blocks() {
        if let crate::blocks::Block::Text(t) = block
            && let Some(file) = &t.file
        {
            diags.push(Diagnostic::in_file(
                &source.path,
                format!("`{file}` cannot be read here: only the text of notice.toml is given"),
            ));
        }
    }
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(diags);
    }
    Ok(parsed.value)
}

/// A site that loaded without errors, and the warnings found on the way.
#[derive(Debug)]
pub struct LoadedSite {
    /// `site.toml`.
    pub config: crate::model::SiteConfig,
    /// The validated documents, in the site's order: one on a site of one document.
    pub documents: Vec<Document>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}
