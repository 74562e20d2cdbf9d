//! `kohyo restore ID`: put a published version back from its snapshot. See
//! [`crate::publishing::restore`].

use super::{CommandResult, Outcome, Printer, publish::failure};
use crate::cli::RestoreArgs;
use crate::publishing::restore;

/// Runs `kohyo restore`.
pub fn execute(args: &RestoreArgs, out: &Printer) -> CommandResult {
    let restored = restore(&args.root, args.doc.as_deref(), &args.id).map_err(failure)?;
    out.status(&format!(
        "restored {} as published ({})",
        args.id,
        restored.file.display()
    ));
    for name in &restored.unused {
        out.status(&format!(
            "note: {name} is no longer named by notice.toml (its text is inline now); remove it, or put the text back in it and name it with file = \"{name}\""
        ));
    }
    Ok(Outcome::Success)
}
