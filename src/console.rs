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
    github: bool,
    verbose: bool,
    colours: Option<bool>,
}

impl Console {
    /// A printer; `quiet` silences everything but errors; `short` prints each problem on one
    /// line.
    pub fn new(quiet: bool, short: bool) -> Self {
        let styled = std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none()
            && terminal_shows_colours();
        Console {
            quiet,
            styled,
            short,
            github: false,
            verbose: false,
            colours: None,
        }
    }

    /// This printer, with colours always (`Some(true)`), never (`Some(false)`), or on a
    /// terminal unless NO_COLOR is set (`None`): `--color`.
    pub fn with_colours(mut self, choice: Option<bool>) -> Self {
        self.colours = choice;
        if let Some(always) = choice {
            self.styled = always;
        }
        self
    }

    /// Whether what goes to standard output (a diff) is coloured.
    pub fn stdout_styled(&self) -> bool {
        self.colours.unwrap_or_else(|| {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
                && terminal_shows_colours()
        })
    }

    /// This printer, printing problems as GitHub Actions annotations (`::error file=…::…`),
    /// which a workflow shows on the file and line.
    pub fn with_github(mut self, github: bool) -> Self {
        self.github = github;
        self
    }

    /// This printer, printing only errors.
    pub fn quietly(&self) -> Self {
        Console {
            quiet: true,
            verbose: false,
            ..*self
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
        if self.github {
            return github_annotation(d);
        }
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

/// A problem as a GitHub Actions workflow command: `::error file=F,line=L,col=C,title=T::M`,
/// with the help on the next lines of the message.
fn github_annotation(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties = Vec::new();
    if let Some(file) = &d.file {
        let file = file.display().to_string().replace('\\', "/");
        properties.push(format!("file={}", escape_property(&file)));
        if d.line > 0 {
            properties.push(format!("line={},col={}", d.line, d.column));
        }
    }
    let title = match &d.place {
        Some(place) => format!("{} {place}", d.rule.unwrap_or("kohyo")),
        None => d.rule.unwrap_or("kohyo").to_owned(),
    };
    properties.push(format!("title={}", escape_property(&title)));
    let mut message = d.field_message();
    if let Some(help) = d.help_shown() {
        message.push('\n');
        message.push_str(&help);
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// A workflow command's message: `%`, CR and LF escaped.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property: as a message, and `:` and `,` too.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Whether the terminal shows ANSI colours. The Windows console does only once asked to
/// (virtual-terminal processing, Windows 10 and later); where it cannot be, nothing is coloured
/// rather than `←[91m` shown.
#[cfg(not(windows))]
fn terminal_shows_colours() -> bool {
    true
}

#[cfg(windows)]
fn terminal_shows_colours() -> bool {
    use std::ffi::c_void;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetStdHandle(which: u32) -> *mut c_void;
        fn GetConsoleMode(handle: *mut c_void, mode: *mut u32) -> i32;
        fn SetConsoleMode(handle: *mut c_void, mode: u32) -> i32;
    }
    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    const STD_ERROR_HANDLE: u32 = -12i32 as u32;
    const ENABLE_VIRTUAL_TERMINAL_PROCESSING: u32 = 0x0004;
    [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE].iter().all(|&which| {
        // SAFETY: documented Win32 calls on the process's own standard handles; `mode` is a
        // valid pointer for the call's duration.
        unsafe {
            let handle = GetStdHandle(which);
            let mut mode = 0u32;
            if handle.is_null() || GetConsoleMode(handle, &mut mode) == 0 {
                // Not a console (redirected): nothing to enable.
                return true;
            }
            mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0
                || SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_a_github_annotation_on_its_file_and_line() {
        let mut d = Diagnostic::error("the phone, 100% wrong")
            .field("sections[0].phone")
            .help("write it: 03-1234-5678");
        d.file = Some("content/versions/2024-04-01/notice.toml".into());
        d.line = 12;
        d.column = 9;
        d.rule = Some("lint/phone");
        let line = github_annotation(&d);
        assert_eq!(
            line,
            "::error file=content/versions/2024-04-01/notice.toml,line=12,col=9,title=lint/phone::sections[0].phone: the phone, 100%25 wrong%0Awrite it: 03-1234-5678"
        );
        let d = Diagnostic::error("x").warning();
        assert!(github_annotation(&d).starts_with("::warning title=kohyo::"));
    }
}
