//! `kohyo publish ID`: record a version in the hash chain. See [`crate::ops::publish::publish`].

use super::{CommandError, CommandResult, Outcome};
use crate::cli::PublishArgs;
use crate::console::Console;
use crate::content::layout::DocumentDir;
use crate::i18n::tr;
use crate::lock::Lock;
use crate::ops::publish::{Error, publish};
use crate::project::today_in_japan;

/// Turns a failure to change the sources into the command's.
pub fn failure(e: Error) -> CommandError {
    match e {
        Error::Content(d) => CommandError::content(d, tr("fix-first-nothing-changed", &[])),
        Error::Refused(why) => CommandError::Refused(why),
        Error::Unlawful(d) => CommandError::content(d, tr("unlawful", &[])),
        Error::Write(why) => CommandError::Output(why),
    }
}

/// Runs `kohyo publish`.
pub fn execute(args: &PublishArgs, out: &Console) -> CommandResult {
    let as_of = args.as_of.unwrap_or_else(today_in_japan);
    let (entry, warnings) = publish(
        &args.root,
        args.doc.as_deref(),
        &args.id,
        as_of,
        args.sign.as_deref(),
    )
    .map_err(failure)?;
    out.diagnostics(&warnings);
    let snapshot = DocumentDir {
        name: entry.document.clone(),
    }
    .snapshots()
    .join(format!("{}.json", entry.id))
    .display()
    .to_string()
    .replace('\\', "/");
    out.status(&tr(
        "published",
        &[
            ("id", &Lock::name_of(&entry)),
            ("content", &entry.content_hash),
            ("chain", &entry.chain_hash),
            ("snapshot", &snapshot),
        ],
    ));
    if let Some(key) = &args.sign {
        out.status(&tr("published-signed", &[("key", &key.display())]));
    }
    Ok(Outcome::Success)
}
