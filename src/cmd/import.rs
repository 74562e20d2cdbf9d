//! `kohyo import SOURCE DIR` / `kohyo import SOURCE --into SITE`: the notice a society has
//! today as a draft of a new site or a new version. See [`crate::ops::import`].

use super::{CommandError, CommandResult, Outcome};
use crate::cli::ImportArgs;
use crate::console::Console;
use crate::i18n::tr;
use crate::ops::import::{ImportError, ImportOptions, read, write_draft};
use crate::project::today_in_japan;

/// The summary of an imported draft when none is given.
const SUMMARY: &str = "既存の公表事項を取り込み";

/// Runs `kohyo import`.
pub fn execute(args: &ImportArgs, out: &Console) -> CommandResult {
    let date = args.date.unwrap_or_else(today_in_japan);
    let options = ImportOptions {
        source: args.source.clone(),
        date,
        summary: args.summary.clone().unwrap_or_else(|| SUMMARY.to_owned()),
        part: args.part.clone(),
    };
    let imported = read(&options).map_err(failure)?;
    let root = match (&args.into, &args.dir) {
        (Some(site), _) => {
            super::require_site(site)?;
            site.clone()
        }
        (None, Some(dir)) => {
            new_site(dir, &imported, out)?;
            dir.clone()
        }
        (None, None) => return Err(CommandError::Usage(tr("import-where", &[]))),
    };
    let file = write_draft(&root, date, &imported.notice_toml).map_err(failure)?;
    out.status(&tr(
        "imported",
        &[
            ("file", &root.join(&file).display()),
            ("doubts", &imported.doubts),
        ],
    ));
    let root_arg = format!(" --root {}", root.display());
    out.status(&tr(
        "imported-next",
        &[("root", &root_arg), ("date", &date)],
    ));
    // What `kohyo check` says of the draft, so that staff see at once what to fill in.
    let findings = crate::check::run(&root, date, false);
    out.diagnostics(&findings.problems);
    Ok(Outcome::Success)
}

/// A new site in `dir`, as `kohyo init` makes it, with the title and the business read from
/// the notice; its template draft is replaced by the imported one.
fn new_site(
    dir: &std::path::Path,
    imported: &crate::ops::import::Read,
    out: &Console,
) -> Result<(), CommandError> {
    super::init::execute(dir, false, false, &out.quietly())?;
    let template = dir
        .join("content/versions")
        .join(today_in_japan().to_string());
    // Made by init a moment ago, and only a template: replaced by the imported notice.
    let _ = std::fs::remove_dir_all(&template);
    let site_toml = dir.join("site.toml");
    if let Ok(text) = std::fs::read_to_string(&site_toml) {
        let mut text = text.replacen(
            "title = \"個人情報保護法に基づく公表事項\"",
            &format!("title = {}", toml::Value::from(imported.title.clone())),
            1,
        );
        if let Some(name) = &imported.organization {
            text = text.replacen(
                "name = \"（記入してください）\"",
                &format!("name = {}", toml::Value::from(name.clone())),
                1,
            );
        }
        let _ = crate::files::write_atomic(&site_toml, text.as_bytes());
    }
    Ok(())
}

fn failure(e: ImportError) -> CommandError {
    match e {
        ImportError::Source(why) => CommandError::Trouble(why),
        ImportError::Unreadable(d) => {
            CommandError::content(crate::error::Diagnostics(d), tr("import-unreadable", &[]))
        }
        ImportError::Write(why) => CommandError::Output(why),
    }
}
