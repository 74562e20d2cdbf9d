//! The one way out to the terminal, as cargo's `Shell` is: results to stdout (printed by the
//! commands), problems and progress to stderr, in the run's language, with colour only on a
//! terminal that shows it. The commands and the use cases under them print through a
//! [`Console`]; nothing else writes to the terminal.

use std::io::IsTerminal;

use crate::error::{Diagnostic, Severity};
use crate::i18n::tr;

/// Where messages go: results to stdout, problems and progress to stderr.
#[derive(Clone, Copy)]
pub struct Console {
    quiet: bool,
    styled: bool,
    short: bool,
    verbose: bool,
}

impl Console {
    /// A printer; `quiet` silences everything but errors; `short` prints each problem on one
    /// line.
    pub fn new(quiet: bool, short: bool) -> Self {
        let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Console {
            quiet,
            styled,
            short,
            verbose: false,
        }
    }

    /// This printer, also printing details (`--verbose`).
    pub fn with_verbose(mut self, verbose: bool) -> Self {
        self.verbose = verbose && !self.quiet;
        self
    }

    /// Prints a detail, only with `--verbose`.
    pub fn verbose(&self, msg: &str) {
        if self.verbose {
            eprintln!("{msg}");
        }
    }

    /// One problem as this printer shows it.
    pub fn format(&self, d: &Diagnostic) -> String {
        if self.short {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            let kind = match d.rule {
                Some(rule) => format!("{severity}[{rule}]"),
                None => severity.to_owned(),
            };
            match d.location() {
                loc if loc.is_empty() => format!("{kind}: {}", d.field_message()),
                loc => format!("{loc}: {kind}: {}", d.field_message()),
            }
        } else {
            d.render(self.styled)
        }
    }

    /// Whether only errors are printed.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Prints diagnostics (warnings only when not quiet), rustc-style.
    pub fn diagnostics(&self, diags: &[Diagnostic]) {
        for d in diags {
            if self.quiet && d.severity != Severity::Error {
                continue;
            }
            eprintln!("{}", self.format(d));
        }
    }

    /// Prints a one-line status message.
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", crate::i18n::shown(msg));
        }
    }

    /// Prints an error message.
    pub fn error(&self, msg: &str) {
        let msg = crate::i18n::shown(msg);
        eprintln!("{}", tr("error", &[("msg", &msg)]));
    }
}
