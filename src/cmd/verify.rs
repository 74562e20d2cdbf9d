//! `kohyo verify [--site DIR|URL]`: the repository's published history, and a built site.
//! See [`crate::ops::verify`] for what is checked.
//!
//! Exit 0: everything matches; 1: a mismatch; 2: verification could not run, or could not
//! prove everything (`UNPROVEN` lines).

use super::{CommandError, CommandResult, Outcome};
use crate::cli::VerifyArgs;
use crate::console::Console;
use crate::i18n::tr;
use crate::ops::verify::{VerifyError, VerifyOptions, verify};

/// Runs `kohyo verify`.
pub fn execute(args: &VerifyArgs, out: &Console) -> CommandResult {
    let options = VerifyOptions {
        root: args.root.clone(),
        site: args.site.clone(),
        expect_head: args.expect_head.clone(),
        trusted_key: args.trusted_key.clone(),
        rebuild: args.rebuild,
        base_url: args.base_url.clone(),
    };
    let found = match verify(&options) {
        Ok(found) => found,
        Err(VerifyError::Usage(why)) => return Err(CommandError::Usage(why)),
        Err(VerifyError::Trouble(why)) => return Err(CommandError::Trouble(why)),
        Err(VerifyError::Content(d)) => {
            return Err(CommandError::content(d, tr("cannot-verify", &[])));
        }
        Err(VerifyError::Broken(d)) => {
            // A broken chain is a verification failure, not trouble.
            out.diagnostics(&d);
            println!(
                "FAIL {}",
                crate::i18n::shown("kohyo.lock: the hash chain is broken")
            );
            return Ok(Outcome::Negative);
        }
    };
    out.diagnostics(&found.problems);
    let report = found.report;
    if !report.failed.is_empty() || !out.is_quiet() {
        // `ok` and `FAIL` stay as they are for scripts; what follows is in the run's language.
        for line in &report.ok {
            let line = crate::i18n::shown(line);
            println!("ok   {}", crate::text::for_terminal(&line));
        }
        for line in &report.failed {
            let line = crate::i18n::shown(line);
            println!("FAIL {}", crate::text::for_terminal(&line));
        }
    }
    for line in &report.unproven {
        let line = crate::i18n::shown(line);
        println!("UNPROVEN {}", crate::text::for_terminal(&line));
    }
    if !report.failed.is_empty() {
        println!("{}", tr("mismatches", &[("n", &report.failed.len())]));
        Ok(Outcome::Negative)
    } else if !report.unproven.is_empty() {
        // Nothing failed, but not everything could be proven: not a pass.
        Err(CommandError::Trouble(tr(
            "unproven",
            &[("n", &report.unproven.len())],
        )))
    } else {
        out.status(&tr("verified", &[]));
        Ok(Outcome::Success)
    }
}
