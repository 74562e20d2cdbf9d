//! The commands: thin adapters from the command line to the library. Each `execute` turns its
//! arguments into a call of the library, prints what the command answers, and returns a
//! [`CommandResult`]; [`exit_code`] is the one place that turns it into the process's exit
//! code, and [`report`] the one place that prints a command's failure. Nothing below this
//! layer prints.

pub mod build;
pub mod check;
pub mod diff;
pub mod import;
pub mod init;
pub mod log;
pub mod new;
pub mod publish;
pub mod restore;
pub mod schema;
pub mod serve;
pub mod verify;

use crate::i18n::tr;

use crate::cli::Command;
use crate::console::Console;
use crate::error::Diagnostics;

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

/// The site whose folder holds `dir` (the current folder), when `dir` itself is not one: the
/// nearest folder above with a site.toml, as `../..` etc. (relative, so that paths in messages
/// stay short).
pub fn site_above(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    if dir.join("site.toml").exists() {
        return None;
    }
    let here = std::env::current_dir().ok()?;
    let mut up = std::path::PathBuf::new();
    for folder in here.ancestors().skip(1) {
        up.push("..");
        if std::fs::symlink_metadata(folder.join("site.toml")).is_ok_and(|m| m.is_file()) {
            return Some(up);
        }
    }
    None
}

/// A command that works in a site needs one at `root`: a folder that does not exist, or has no
/// site.toml, is trouble (exit 2), said before anything else is tried.
pub fn require_site(root: &std::path::Path) -> Result<(), CommandError> {
    let shown = root.display().to_string();
    if !root.is_dir() {
        return Err(CommandError::Trouble(tr(
            "no-site-folder",
            &[("root", &shown)],
        )));
    }
    if std::fs::symlink_metadata(root.join("site.toml")).is_err() {
        let key = if root == std::path::Path::new(".") {
            "not-a-site-here"
        } else {
            "not-a-site"
        };
        return Err(CommandError::Trouble(tr(key, &[("root", &shown)])));
    }
    Ok(())
}

/// Prints a command's failure: every problem, then one line saying what it means.
pub fn report(out: &Console, error: &CommandError) {
    match error {
        CommandError::Content { problems, what } => {
            out.diagnostics(&problems.0);
            let n = match problems.error_count() {
                0 => problems.0.len(),
                n => n,
            };
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
