//! `kohyo restore ID`: put a published version back from its snapshot. See
//! [`crate::ops::publish::restore`].

use super::{CommandResult, Outcome, publish::failure};
use crate::cli::RestoreArgs;
use crate::console::Console;
use crate::i18n::tr;
use crate::ops::publish::restore;

/// Runs `kohyo restore`.
pub fn execute(args: &RestoreArgs, out: &Console) -> CommandResult {
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
