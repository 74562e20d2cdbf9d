//! `kohyo init [DIR]`: a new site with `site.toml`, one example version dated today, and the
//! default theme written out for customising. Refuses to overwrite any existing file.

use crate::i18n::tr;
use std::path::{Path, PathBuf};

use super::{CommandError, CommandResult, Outcome};
use crate::cli::SchemaKind;
use crate::project::today_in_japan;
use crate::theme::{DEFAULT_STATIC, DEFAULT_TEMPLATES};

const SITE_TOML: &str = include_str!("starter/site.toml");
const NOTICE_TOML: &str = include_str!("starter/notice.toml");

/// The files of a new site, as (relative path, bytes); with `theme`, the default theme too.
pub fn starter_files(today: crate::values::Date, theme: bool) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = vec![
        (
            PathBuf::from("site.toml"),
            format!("#:schema ./schemas/site.schema.json\n{SITE_TOML}").into_bytes(),
        ),
        (
            Path::new("content/versions")
                .join(today.to_string())
                .join("notice.toml"),
            format!(
                "#:schema ../../../schemas/version.schema.json\n{}",
                NOTICE_TOML.replace("DATE", &today.to_string())
            )
            .into_bytes(),
        ),
        (
            PathBuf::from(".gitignore"),
            b"/public\n/preview\n/.*.kohyo-pages\n/.*.kohyo-parsed\n/.*.kohyo-lock\n/.kohyo-publish.lock\n"
                .to_vec(),
        ),
        (
            // Git for Windows checks text out with CRLF by default; the site's files keep LF,
            // so that a build on a Windows PC gives the same bytes as CI's.
            PathBuf::from(".gitattributes"),
            GITATTRIBUTES.as_bytes().to_vec(),
        ),
        (
            PathBuf::from("schemas/site.schema.json"),
            super::schema::schema_json(SchemaKind::Site).into_bytes(),
        ),
        (
            PathBuf::from("schemas/version.schema.json"),
            super::schema::schema_json(SchemaKind::Version).into_bytes(),
        ),
    ];
    if !theme {
        return files;
    }
    for (name, text) in DEFAULT_TEMPLATES {
        files.push((
            Path::new("themes/default/templates").join(name),
            text.as_bytes().to_vec(),
        ));
    }
    for (name, bytes) in DEFAULT_STATIC {
        files.push((
            Path::new("themes/default/static").join(name),
            bytes.to_vec(),
        ));
    }
    files
}

/// The `.gitattributes` of a new site (and of this repository): text files with LF endings.
pub const GITATTRIBUTES: &str = "* text=auto eol=lf\n*.pdf binary\n*.png binary\n*.jpg binary\n*.jpeg binary\n*.gif binary\n*.webp binary\n*.xlsx binary\n*.docx binary\n";

/// Runs `kohyo init`: refuses a folder that is not empty unless `force`, and never overwrites
/// a file.
pub fn execute(dir: &Path, theme: bool, force: bool, out: &super::Console) -> CommandResult {
    let occupied = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_uppercase())
            // A new repository's own files (.git, .gitignore, README, LICENSE) are no site.
            .any(|n| !(n.starts_with('.') || n.starts_with("README") || n.starts_with("LICENSE")))
    });
    if occupied && !force {
        return Err(CommandError::Output(format!(
            "{} is not empty; create the site in a new folder (kohyo init NEW-FOLDER), or add --force to add the site's files beside what is there",
            dir.display()
        )));
    }
    let files = starter_files(today_in_japan(), theme);
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(dir.join(p)).is_ok())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(CommandError::Output(format!(
            "{} already has {}; kohyo init never overwrites files",
            dir.display(),
            existing.join(", ")
        )));
    }
    for (path, bytes) in &files {
        crate::files::write_atomic(&dir.join(path), bytes).map_err(|e| {
            CommandError::Output(format!("cannot write {}: {e}", dir.join(path).display()))
        })?;
    }
    out.status(&tr("init-done", &[("dir", &dir.display())]));
    Ok(Outcome::Success)
}
