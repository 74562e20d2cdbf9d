//! Subcommands: each module has `execute`, which runs the command and prints. Nothing below
//! this layer prints.

pub mod build;
pub mod check;
pub mod diff;
pub mod init;
pub mod publish;
pub mod schema;
pub mod serve;
pub mod verify;

use std::io::IsTerminal;

use crate::error::{Diagnostic, Severity};

/// Where messages go: results to stdout, problems and progress to stderr.
#[derive(Clone, Copy)]
pub struct Printer {
    quiet: bool,
    styled: bool,
    short: bool,
    verbose: bool,
}

impl Printer {
    /// A printer; `quiet` silences everything but errors; `short` prints each problem on one
    /// line.
    pub fn new(quiet: bool, short: bool) -> Self {
        let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Printer {
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

    /// Whether output to the terminal may use colours.
    pub fn is_styled(&self) -> bool {
        self.styled
    }

    /// Whether only errors are printed.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Prints diagnostics (warnings only when not quiet), rustc-style.
    pub fn diagnostics(&self, diags: &[Diagnostic]) {
        for d in diags {
            if self.quiet && d.severity == Severity::Warning {
                continue;
            }
            eprintln!("{}", self.format(d));
        }
    }

    /// Prints a one-line status message.
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }

    /// Prints an error message.
    pub fn error(&self, msg: &str) {
        eprintln!("error: {msg}");
    }
}

/// Today's date in Japan. Asia/Tokyo has been UTC+9 without daylight saving since 1951, so a
/// fixed offset is exact and needs no time-zone database.
pub fn today_in_japan() -> crate::model::Date {
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    crate::model::Date(tz.to_datetime(jiff::Timestamp::now()).date())
}
