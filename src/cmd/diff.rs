//! `kohyo diff A B`: what changed between two versions, like diff(1): exit 0 when they are the
//! same, 1 when they differ, 2 on trouble.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::cli::{DiffArgs, DiffFormat};
use crate::content::{self, LoadedSite};
use crate::diff::diff;
use crate::diff::format as changes;
use crate::error::Diagnostics;
use crate::model::{Version, VersionId};
use crate::render::render_standalone_diff;
use crate::theme;

/// Exit code: no differences.
pub const SAME: u8 = 0;
/// Exit code: differences.
pub const DIFFERENT: u8 = 1;
/// Exit code: trouble (unknown id, bad content).
pub const TROUBLE: u8 = 2;

/// Finds the version an argument names: a folder holding notice.toml, an id, `current` or
/// `previous`.
fn resolve(arg: &str, site: Option<&LoadedSite>, args: &DiffArgs) -> Result<Version, String> {
    let as_path = Path::new(arg);
    if arg.contains('/') || arg.contains('\\') || as_path.join("notice.toml").is_file() {
        return content::load_version_dir(as_path).map_err(|d| render_problems(&d));
    }
    let Some(site) = site else {
        return Err(format!(
            "`{arg}` is not a version folder, and the site could not be loaded"
        ));
    };
    let versions = &site.site.versions;
    let as_of = args.as_of.unwrap_or_else(super::today_in_japan);
    let current = site.site.current_index(as_of);
    let index = match arg {
        "current" => current.ok_or_else(|| format!("no version is in force on {as_of}"))?,
        "previous" => match current {
            Some(c) if c > 0 => c - 1,
            _ => {
                return Err(format!(
                    "there is no version before the current one (as of {as_of})"
                ));
            }
        },
        id => {
            let id: VersionId = id.parse()?;
            versions.iter().position(|v| v.id == id).ok_or_else(|| {
                let known: Vec<String> = versions.iter().map(|v| v.id.to_string()).collect();
                format!(
                    "there is no version `{id}`; the versions are: {}",
                    known.join(", ")
                )
            })?
        }
    };
    Ok(Version::clone(&versions[index]))
}

fn render_problems(d: &Diagnostics) -> String {
    d.0.iter()
        .map(|d| d.headline())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs `kohyo diff` and prints the changes to stdout.
pub fn execute(args: &DiffArgs, out: &super::Printer) -> u8 {
    let needs_site = [&args.old, &args.new]
        .iter()
        .any(|a| !(a.contains('/') || Path::new(a.as_str()).join("notice.toml").is_file()));
    let site = if needs_site || args.format == DiffFormat::Html {
        match content::load_site(&args.root) {
            Ok(s) => Some(s),
            Err(d) => {
                out.diagnostics(&d.0);
                out.error("the site's content has errors; fix them to compare versions");
                return TROUBLE;
            }
        }
    } else {
        None
    };
    let (old, new) = match (
        resolve(&args.old, site.as_ref(), args),
        resolve(&args.new, site.as_ref(), args),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            out.error(&e);
            return TROUBLE;
        }
    };
    let d = diff(&old.notice, &new.notice);
    let (from, to) = (old.id.to_string(), new.id.to_string());
    let text = match args.format {
        DiffFormat::Text => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            changes::to_text(&d, &from, &to, color)
        }
        DiffFormat::Json => changes::to_json(&d, &from, &to),
        DiffFormat::Markdown => changes::to_markdown(&d, &from, &to),
        DiffFormat::Html => {
            let Some(site) = &site else {
                return TROUBLE;
            };
            let rendered = theme::load(&args.root, &site.site.config.theme)
                .and_then(|t| render_standalone_diff(&t, &site.site, &old, &new, &d));
            match rendered {
                Ok(html) => html,
                Err(diags) => {
                    out.diagnostics(&diags.0);
                    return TROUBLE;
                }
            }
        }
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return TROUBLE;
    }
    if d.is_empty() { SAME } else { DIFFERENT }
}
