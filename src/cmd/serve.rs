//! `kohyo serve`: see [`crate::serve`].

use super::{CommandError, CommandResult, Outcome, Printer};
use crate::cli::ServeArgs;

/// Runs `kohyo serve` until it is stopped.
pub fn execute(args: &ServeArgs, out: &Printer) -> CommandResult {
    crate::serve::serve(args, out).map_err(|e| CommandError::Trouble(e.to_string()))?;
    Ok(Outcome::Success)
}
