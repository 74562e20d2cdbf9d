//! `kohyo new DATE`: start a draft. See [`crate::ops::publish::new_version`].

use super::{CommandResult, Outcome, publish::failure};
use crate::cli::NewArgs;
use crate::console::Console;
use crate::i18n::tr;
use crate::ops::publish::new_version;
use crate::project::today_in_japan;

/// Runs `kohyo new`.
pub fn execute(args: &NewArgs, out: &Console) -> CommandResult {
    let as_of = args.as_of.unwrap_or_else(today_in_japan);
    let draft = new_version(
        &args.root,
        args.doc.as_deref(),
        args.date,
        args.summary.as_deref(),
        as_of,
    )
    .map_err(failure)?;
    let summary = if args.summary.is_none() {
        tr("new-draft-summary", &[])
    } else {
        String::new()
    };
    let doc = args
        .doc
        .as_ref()
        .map_or_else(String::new, |d| format!(" --doc {d}"));
    out.status(&tr(
        "new-draft",
        &[
            ("folder", &draft.folder),
            ("from", &draft.from),
            ("id", &draft.id),
            ("summary", &summary),
            ("doc", &doc),
        ],
    ));
    Ok(Outcome::Success)
}
