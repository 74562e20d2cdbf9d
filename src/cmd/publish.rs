//! `kohyo publish ID`: record a version in the hash chain. See [`crate::ops::publish::publish`].

use super::{CommandError, CommandResult, Outcome};
use crate::cli::PublishArgs;
use crate::console::Console;
use crate::content::layout::DocumentDir;
use crate::i18n::tr;
use crate::lock::Lock;
use crate::ops::publish::{Error, PublishOptions, publish};

/// Turns a failure to change the sources into the command's.
pub fn failure(e: Error) -> CommandError {
    match e {
        Error::Content(d) => CommandError::content(d, tr("fix-first-nothing-changed", &[])),
        Error::Refused(why) => CommandError::Refused(why),
        Error::Unlawful(d) => CommandError::content(d, tr("unlawful", &[])),
        Error::Warnings(d) => CommandError::content(d, tr("unaccepted-warnings", &[])),
        Error::Write(why) => CommandError::Output(why),
    }
}

/// Runs `kohyo publish`.
pub fn execute(args: &PublishArgs, out: &Console) -> CommandResult {
    let options = PublishOptions {
        as_of: args.as_of,
        sign: args.sign.clone(),
        accept_warnings: args.accept_warnings,
        retroactive: args.retroactive.clone(),
    };
    let (entry, warnings) =
        publish(&args.root, args.doc.as_deref(), &args.id, &options).map_err(failure)?;
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
