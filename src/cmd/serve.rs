//! `kohyo serve`: see [`crate::ops::serve`].

use super::{CommandError, CommandResult, Outcome};
use crate::cli::ServeArgs;
use crate::console::Console;
use crate::ops::serve::{ServeOptions, serve};

/// Runs `kohyo serve` until it is stopped.
pub fn execute(args: &ServeArgs, out: &Console) -> CommandResult {
    let options = ServeOptions {
        root: args.root.clone(),
        port: args.port,
        drafts: args.drafts,
        as_of: args.as_of,
        open: args.open,
    };
    serve(&options, out).map_err(|e| CommandError::Trouble(e.to_string()))?;
    Ok(Outcome::Success)
}
