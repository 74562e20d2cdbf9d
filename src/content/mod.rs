//! Load and validate a site's content: `site.toml` and `content/versions/<id>/`.
//!
//! This stage reads files, parses TOML, resolves Markdown files and checks every rule, collecting
//! all problems before giving up. It must not build HTML or write files. Its output is a
//! [`model::Site`](crate::model::Site) that later stages can trust.

mod load;
pub mod parse;
mod validate;

pub use load::{MAX_FILE_BYTES, load_site, load_version_dir, read_source};

use crate::error::Diagnostic;
use crate::model::Site;

/// A site that loaded without errors, and the warnings found on the way.
#[derive(Debug)]
pub struct LoadedSite {
    /// The validated site.
    pub site: Site,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}
