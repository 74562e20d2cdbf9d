//! `kohyo check`: every problem `build` would find, the statutory items, lint and links, in one
//! run, without writing anything. Exit 0: clean; 1: errors (or warnings with
//! `--deny-warnings`); 2: the check could not run.

use std::path::Path;

use serde::Serialize;

use crate::check::{links, lint, rule, statutory};
use crate::cli::{CheckArgs, CheckFormat};
use crate::content::parse::parse_toml;
use crate::content::{self, read_source};
use crate::error::{Diagnostic, Severity};
use crate::history;
use crate::model::{Notice, Site};
use crate::render::{RenderOptions, render_site};
use crate::theme;

/// Exit code: could not run.
pub const TROUBLE: u8 = 2;

#[derive(Serialize)]
struct JsonProblem<'a> {
    file: Option<String>,
    line: usize,
    column: usize,
    rule: Option<&'a str>,
    severity: Severity,
    field: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    format: &'static str,
    errors: usize,
    warnings: usize,
    problems: Vec<JsonProblem<'a>>,
    external_links: Vec<&'a str>,
}

/// Everything `kohyo check` finds.
pub struct Findings {
    /// All problems, errors and warnings.
    pub problems: Vec<Diagnostic>,
    /// External links of the site → the pages linking to them.
    pub external: std::collections::BTreeMap<String, Vec<String>>,
}

/// Runs every check on the site at `root`.
pub fn run_checks(root: &Path, as_of: crate::model::Date) -> Result<Findings, String> {
    if !root.is_dir() {
        return Err(format!("{} is not a folder", root.display()));
    }
    let loaded = match content::load_site(root) {
        Ok(l) => l,
        Err(d) => {
            return Ok(Findings {
                problems: d.0,
                external: Default::default(),
            });
        }
    };
    let mut problems = loaded.warnings;
    let history = match history::check(root, &loaded.site) {
        Ok(h) => h,
        Err(d) => {
            problems.extend(d.0);
            return Ok(Findings {
                problems,
                external: Default::default(),
            });
        }
    };
    let site = &loaded.site;
    if site.config.appi.is_none() {
        let source = read_source(root, Path::new("site.toml"), Path::new("site.toml"))
            .map_err(|d| d.headline())?;
        problems.push(rule("appi/declaration-missing").at(&source, 0..0, ""));
    }

    // Which versions matter: the current one, scheduled ones and drafts.
    let current = history.current_published(site, as_of);
    let last_published = (0..site.versions.len())
        .rev()
        .find(|&i| history.is_published(i))
        .map(|i| site.versions[i].id);
    for (i, v) in site.versions.iter().enumerate() {
        let draft = !history.is_published(i);
        let relevant = Some(i) == current || v.id.date > as_of || draft;
        if !relevant {
            continue;
        }
        let rel = Path::new("content/versions")
            .join(v.id.to_string())
            .join("notice.toml");
        let parsed = read_source(root, &rel, &rel)
            .ok()
            .and_then(|s| parse_toml::<Notice>(&s).ok());
        if let Some(p) = &parsed {
            problems.extend(lint::lint_version(p));
            if draft && last_published.is_some_and(|l| v.id < l) {
                problems.push(
                    rule("content/date-backwards").at(
                        &p.source,
                        p.spans()
                            .span_of(&content::parse::FieldPath::root().key("effective")),
                        &v.id.to_string(),
                    ),
                );
            }
        }
        problems.extend(statutory::check_version(
            &site.config,
            v,
            parsed.as_ref(),
            &rel,
        ));
    }

    // Render every version (drafts included) in memory and follow the links.
    let mut external = Default::default();
    match theme::load(root, &site.config.theme) {
        Err(d) => problems.extend(d.0),
        Ok(theme) => {
            let mut base_url = site.config.base_url.clone();
            if !base_url.ends_with('/') {
                base_url.push('/');
            }
            let options = RenderOptions {
                as_of,
                base_url,
                preview: true,
                publication: history.states,
                lock: None,
            };
            let all = Site {
                config: site.config.clone(),
                versions: site.versions.clone(),
            };
            match render_site(&all, &theme, &options) {
                Err(d) => problems.extend(d.0),
                Ok(files) => {
                    let (p, mut e) = links::check_links(&files);
                    problems.extend(p);
                    // Canonical and feed links to the site's own address are not external.
                    e.retain(|url, _| !url.starts_with(&options.base_url));
                    external = e;
                }
            }
        }
    }
    Ok(Findings { problems, external })
}

/// Runs `kohyo check` and prints the findings.
pub fn execute(args: &CheckArgs, out: &super::Printer) -> u8 {
    let as_of = args.as_of.unwrap_or_else(super::today_in_japan);
    let findings = match run_checks(&args.root, as_of) {
        Ok(f) => f,
        Err(e) => {
            out.error(&e);
            return TROUBLE;
        }
    };
    let errors = findings
        .problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = findings.problems.len() - errors;
    match args.format {
        CheckFormat::Json => {
            let report = JsonReport {
                format: "kohyo-check/1",
                errors,
                warnings,
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
                        message: &d.message,
                        help: d.help.as_deref(),
                    })
                    .collect(),
                external_links: findings.external.keys().map(String::as_str).collect(),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&report).expect("the report always serialises")
            );
        }
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
            out.status(&format!(
                "{errors} error{}, {warnings} warning{}",
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            ));
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        1
    } else {
        0
    }
}
