//! `kohyo restore ID`: put a published version back from its snapshot. See
//! [`crate::publishing::restore`].

use super::{CommandResult, Outcome, Printer, publish::failure};
use crate::cli::RestoreArgs;
use crate::i18n::tr;
use crate::publishing::restore;

/// Runs `kohyo restore`.
pub fn execute(args: &RestoreArgs, out: &Printer) -> CommandResult {
    let restored = restore(&args.root, args.doc.as_deref(), &args.id).map_err(failure)?;
    out.status(&tr(
        "restored",
        &[("id", &args.id), ("file", &restored.file.display())],
    ));
    for name in &restored.unused {
        out.status(&tr("restored-unused", &[("name", name)]));
    }
    Ok(Outcome::Success)
}
