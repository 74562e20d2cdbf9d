//! `kohyo serve`: see [`crate::serve`].

use crate::cli::ServeArgs;
use crate::exit;

/// Runs `kohyo serve`.
pub fn execute(args: &ServeArgs, out: &super::Printer) -> u8 {
    match crate::serve::serve(args, out) {
        Ok(()) => exit::OK,
        Err(e) => {
            out.error(&e.to_string());
            exit::OUTPUT
        }
    }
}
