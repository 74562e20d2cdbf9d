//! `kohyo publish ID`: record a version in the hash chain. See [`crate::publishing::publish`].

use super::{CommandError, CommandResult, Outcome, Printer};
use crate::cli::PublishArgs;
use crate::lock::SNAPSHOT_DIR;
use crate::project::today_in_japan;
use crate::publishing::{Error, publish};

/// Turns a failure to change the sources into the command's.
pub fn failure(e: Error) -> CommandError {
    match e {
        Error::Content(d) => CommandError::content(d, "fix them first; nothing was changed"),
        Error::Refused(why) => CommandError::Refused(why),
        Error::Unlawful(d) => CommandError::content(
            d,
            "the version does not meet the statutory check (kohyo check) and cannot be published: fix the errors above, then run kohyo publish again",
        ),
        Error::Write(why) => CommandError::Output(why),
    }
}

/// Runs `kohyo publish`.
pub fn execute(args: &PublishArgs, out: &Printer) -> CommandResult {
    let as_of = args.as_of.unwrap_or_else(today_in_japan);
    let (entry, warnings) =
        publish(&args.root, args.doc.as_deref(), &args.id, as_of).map_err(failure)?;
    out.diagnostics(&warnings);
    out.status(&format!(
        "published {}\n  content {}\n  chain   {}\nCommit kohyo.lock and {SNAPSHOT_DIR}/{}.json with the version, then build and deploy.",
        entry.id, entry.content_hash, entry.chain_hash, entry.id
    ));
    Ok(Outcome::Success)
}
