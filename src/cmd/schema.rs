//! `kohyo schema [site|version|document]`: the JSON Schema of `site.toml`, of a version's
//! `notice.toml` or of a document's `document.toml`, generated from the Rust types (the files under `schemas/` are this output).

use super::{CommandResult, Outcome};
use crate::cli::SchemaKind;
use crate::model::{DocumentConfig, Notice, SiteConfig};

/// The schema as pretty JSON with a final newline.
pub fn schema_json(which: SchemaKind) -> String {
    let schema = match which {
        SchemaKind::Site => schemars::schema_for!(SiteConfig),
        SchemaKind::Version => schemars::schema_for!(Notice),
        SchemaKind::Document => schemars::schema_for!(DocumentConfig),
    };
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas always serialise");
    text.push('\n');
    text
}

/// Prints the schema.
pub fn execute(which: SchemaKind) -> CommandResult {
    print!("{}", schema_json(which));
    Ok(Outcome::Success)
}
