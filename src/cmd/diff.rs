//! `kohyo diff A B`: what changed between two versions, like diff(1): exit 0 when they are the
//! same, 1 when they differ, 2 on trouble.

use crate::i18n::tr;
use std::io::Write;

use super::{CommandError, CommandResult, Outcome};
use crate::cli::{DiffArgs, DiffFormat};
use crate::console::Console;
use crate::content;
use crate::diff::diff;
use crate::diff::format as changes;
use crate::model::Version;
use crate::project::{Project, is_version_folder, today_in_japan};
use crate::render::render_standalone_diff;
use crate::theme;

/// The version an argument names: a `notice.json` (or a folder of a built site holding one), a
/// version folder, or (through the project) an id, `current` or `previous`.
fn resolve(arg: &str, project: Option<&Project>, args: &DiffArgs) -> Result<Version, CommandError> {
    let path = std::path::Path::new(arg);
    let json = if path.extension().is_some_and(|e| e == "json") {
        Some(path.to_path_buf())
    } else if !path.join(content::NOTICE_FILE).exists() && path.join("notice.json").exists() {
        Some(path.join("notice.json"))
    } else {
        None
    };
    if let Some(json) = json {
        let bytes = crate::files::read_regular(&json, 64 * 1024 * 1024)
            .map_err(|e| CommandError::Trouble(format!("{}: {e}", json.display())))?;
        return crate::model::notice_json::read(&bytes)
            .map_err(|e| CommandError::Trouble(format!("{}: {e}", json.display())));
    }
    if is_version_folder(arg) {
        return content::load_version_dir(std::path::Path::new(arg))
            .map_err(|d| CommandError::content(d, tr("cannot-compare", &[("arg", &arg)])));
    }
    let project = project.ok_or_else(|| {
        CommandError::Trouble(format!(
            "`{arg}` is not a version folder, and the site could not be loaded"
        ))
    })?;
    let ids: Vec<&str> = [args.old.as_str(), args.new.as_str()]
        .into_iter()
        .filter(|a| !is_version_folder(a))
        .collect();
    project
        .document(args.doc.as_deref(), &ids)
        .and_then(|doc| doc.resolve_version(arg, args.as_of.unwrap_or_else(today_in_japan)))
        .map_err(CommandError::Usage)
}

/// Runs `kohyo diff` and prints the changes to stdout.
pub fn execute(args: &DiffArgs, out: &Console) -> CommandResult {
    let needs_project = ![&args.old, &args.new].iter().all(|a| is_version_folder(a))
        || args.old == "before"
        || args.format == DiffFormat::Html;
    let project = if needs_project {
        Some(
            Project::open(&args.root)
                .map_err(|d| CommandError::content(d, tr("content-errors-compare", &[])))?,
        )
    } else {
        None
    };
    let new = resolve(&args.new, project.as_ref(), args)?;
    let old = match (args.old.as_str(), &project) {
        ("before", Some(project)) => project
            .document(args.doc.as_deref(), &[])
            .and_then(|doc| doc.published_before(new.id))
            .map_err(CommandError::Usage)?,
        _ => resolve(&args.old, project.as_ref(), args)?,
    };
    let d = diff(&old.notice, &new.notice);
    let (from, to) = (old.id.to_string(), new.id.to_string());
    let text = match (args.format, &project) {
        (DiffFormat::Text, _) => {
            let color = out.stdout_styled();
            changes::to_text(&d, &from, &to, color)
        }
        (DiffFormat::Json, _) => changes::to_json(&d, &from, &to),
        (DiffFormat::Markdown, _) => changes::to_markdown(&d, &from, &to),
        (DiffFormat::Html, Some(project)) => {
            let site = &project
                .document(args.doc.as_deref(), &[])
                .or_else(|_| project.documents.first().ok_or(String::new()))
                .map_err(CommandError::Usage)?
                .site;
            theme::load_for(&args.root, &project.config)
                .and_then(|t| render_standalone_diff(&t, site, &old, &new, &d))
                .map_err(|d| CommandError::content(d, tr("diff-page-failed", &[])))
                // A version read from a notice.json or a folder was never validated: its
                // control and direction characters are shown, not obeyed, as in the other forms.
                .map(|page| crate::text::for_terminal(&page).into_owned())?
        }
        (DiffFormat::Html, None) => {
            return Err(CommandError::Trouble(
                "--format html needs the site (its theme)".to_owned(),
            ));
        }
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| CommandError::Trouble(format!("cannot write the diff: {e}")))?;
    Ok(if d.is_empty() {
        Outcome::Success
    } else {
        Outcome::Negative
    })
}
