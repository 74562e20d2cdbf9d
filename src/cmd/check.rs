//! `kohyo check`: every problem `build` would find, the statutory items, lint and links, in one
//! run, without writing anything. See [`crate::check`].

use crate::i18n::tr;
use serde::Serialize;

use super::{CommandError, CommandResult, Outcome};
use crate::check::{Findings, run};
use crate::cli::{CheckArgs, CheckFormat};
use crate::console::Console;
use crate::error::Severity;
use crate::project::today_in_japan;

/// One problem found by `kohyo check`.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct JsonProblem<'a> {
    /// The file, relative to the site (absent for a problem of the whole site).
    file: Option<String>,
    /// The line, from 1 (0: the whole file).
    line: usize,
    /// The column in characters, from 1 (0: the whole file).
    column: usize,
    /// The rule of docs/check.md, for statutory and lint findings.
    rule: Option<&'a str>,
    /// `error`, `warning` or `note` (a note never fails the check).
    severity: Severity,
    /// The field path, e.g. `sections[4].blocks[0].phone`.
    field: Option<&'a str>,
    /// The place as staff see it, e.g. 「2025-04-01版 › 4. 苦情の申出先 › 電話番号」.
    place: Option<&'a str>,
    /// What is wrong (English).
    message: &'a str,
    /// How to fix it (English).
    help: Option<&'a str>,
}

/// The output of `kohyo check --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct JsonReport<'a> {
    /// `kohyo-check/1`.
    format: &'static str,
    /// How many problems are errors.
    errors: usize,
    /// How many are warnings.
    warnings: usize,
    /// Every problem.
    problems: Vec<JsonProblem<'a>>,
    /// The external addresses linked from the content (not fetched: no network).
    external_links: Vec<&'a str>,
}

fn json(findings: &Findings) -> String {
    let errors = findings.errors();
    let report = JsonReport {
        format: "kohyo-check/1",
        errors,
        warnings: findings.warnings(),
        problems: findings
            .problems
            .iter()
            .map(|d| JsonProblem {
                file: d.file.as_ref().map(|f| f.display().to_string()),
                line: d.line,
                column: d.column,
                rule: d.rule,
                severity: d.severity,
                field: d.field.as_deref(),
                place: d.place.as_deref(),
                message: &d.message,
                help: d.help.as_deref(),
            })
            .collect(),
        external_links: findings.external.keys().map(String::as_str).collect(),
    };
    serde_json::to_string_pretty(&report).expect("the report always serialises")
}

/// Runs `kohyo check` and prints the findings. Exit 0: clean; 1: errors (or warnings with
/// `--deny-warnings`); 2: the check could not run.
pub fn execute(args: &CheckArgs, out: &Console) -> CommandResult {
    if !args.root.is_dir() {
        return Err(CommandError::Trouble(format!(
            "{} is not a folder",
            args.root.display()
        )));
    }
    let findings = run(
        &args.root,
        args.as_of.unwrap_or_else(today_in_japan),
        args.published,
    );
    let errors = findings.errors();
    let warnings = findings.warnings();
    match args.format {
        CheckFormat::Json => println!("{}", json(&findings)),
        CheckFormat::Text => {
            // Errors and warnings both matter here: print warnings even with --quiet.
            for d in &findings.problems {
                eprintln!("{}", out.format(d));
            }
            if args.list_external {
                println!("external links ({}), not fetched:", findings.external.len());
                for (url, pages) in &findings.external {
                    println!("  {url}  ({})", pages.join(", "));
                }
            }
            out.status(&tr(
                "check-summary",
                &[
                    ("errors", &errors),
                    ("warnings", &warnings),
                    ("es", &if errors == 1 { "" } else { "s" }),
                    ("ws", &if warnings == 1 { "" } else { "s" }),
                ],
            ));
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Ok(Outcome::Negative)
    } else {
        Ok(Outcome::Success)
    }
}
