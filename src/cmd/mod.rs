//! The commands: thin adapters from the command line to the library. Each `execute` turns its
//! arguments into a call of the library, prints what the command answers, and returns a
//! [`CommandResult`]; [`exit_code`] is the one place that turns it into the process's exit
//! code, and [`report`] the one place that prints a command's failure. Nothing below this
//! layer prints.

pub mod build;
pub mod check;
pub mod diff;
pub mod init;
pub mod log;
pub mod new;
pub mod publish;
pub mod restore;
pub mod schema;
pub mod serve;
pub mod verify;

use crate::i18n::tr;
use std::io::IsTerminal;

use crate::cli::Command;
use crate::error::{Diagnostic, Diagnostics, Severity};

/// How a command that could run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done; for `diff`, `verify` and `check`: no differences, everything matches, clean.
    Success,
    /// The answer is "no": `diff` found differences, `verify` a mismatch, `check` problems.
    Negative,
}

/// Why a command failed.
#[derive(Debug)]
pub enum CommandError {
    /// The command line is wrong (an unknown id, a malformed argument).
    Usage(String),
    /// The content (or theme) has errors; `what` says what could therefore not be done.
    Content {
        /// The problems.
        problems: Diagnostics,
        /// What could not be done, e.g. "nothing was written".
        what: String,
    },
    /// What was asked cannot be done with this content (a version already published, a date
    /// before the latest version).
    Refused(String),
    /// The output could not be written; the previous output is unchanged.
    Output(String),
    /// The command could not run (a folder that is not a site, a port that is taken).
    Trouble(String),
}

impl CommandError {
    /// Content errors, with what could therefore not be done.
    pub fn content(problems: Diagnostics, what: impl Into<String>) -> Self {
        CommandError::Content {
            problems,
            what: what.into(),
        }
    }
}

/// What a command returns.
pub type CommandResult = Result<Outcome, CommandError>;

/// The exit code of a command's result: the table in README ("Exit codes").
///
/// | | build, new, publish, log, init, serve | check | diff, verify |
/// | --- | --- | --- | --- |
/// | 0 | success | clean | same / verified |
/// | 1 | content errors, a refused request | problems found | differences / mismatch |
/// | 2 | wrong command line, could not run | same | same, and content errors |
/// | 3 | output not written | — | — |
pub fn exit_code(command: &Command, result: &CommandResult) -> u8 {
    let answers = matches!(command, Command::Diff(_) | Command::Verify(_));
    match result {
        Ok(Outcome::Success) => 0,
        Ok(Outcome::Negative) => 1,
        // diff and verify answer "same or not": content that cannot be read is trouble.
        Err(CommandError::Content { .. } | CommandError::Refused(_)) if answers => 2,
        Err(CommandError::Content { .. } | CommandError::Refused(_)) => 1,
        Err(CommandError::Usage(_) | CommandError::Trouble(_)) => 2,
        Err(CommandError::Output(_)) => 3,
    }
}

/// Prints a command's failure: every problem, then one line saying what it means.
pub fn report(out: &Printer, error: &CommandError) {
    match error {
        CommandError::Content { problems, what } => {
            out.diagnostics(&problems.0);
            let n = problems.error_count();
            let key = if n == 1 {
                "problems-found-one"
            } else {
                "problems-found"
            };
            out.error(&tr(key, &[("n", &n), ("what", what)]));
        }
        CommandError::Usage(message)
        | CommandError::Trouble(message)
        | CommandError::Refused(message) => out.error(message),
        CommandError::Output(message) => {
            let message = crate::i18n::shown(message);
            out.error(&tr("output-unchanged", &[("msg", &message)]));
        }
    }
}

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
            eprintln!("{}", crate::i18n::shown(msg));
        }
    }

    /// Prints an error message.
    pub fn error(&self, msg: &str) {
        let msg = crate::i18n::shown(msg);
        eprintln!("{}", tr("error", &[("msg", &msg)]));
    }
}
