//! `kohyo build`: see [`crate::ops::build`].

use crate::i18n::tr;
use std::time::Instant;

use super::{CommandError, CommandResult, Outcome};
use crate::cli::BuildArgs;
use crate::console::Console;
use crate::ops::build::{BuildCache, BuildError, BuildOptions, build};
use crate::project::{Selection, today_in_japan};

/// The build options of the command line.
pub fn options(args: &BuildArgs) -> BuildOptions {
    BuildOptions {
        root: args.root.clone(),
        out: args.out.clone(),
        selection: Selection {
            drafts: args.drafts,
            as_of: args.as_of.unwrap_or_else(today_in_japan),
            base_url: args.base_url.clone(),
        },
        fresh: args.fresh,
    }
}

/// Turns a build's failure into the command's.
pub fn failure(e: BuildError) -> CommandError {
    match e {
        BuildError::Content(d) => CommandError::content(d, tr("nothing-written", &[])),
        BuildError::Output(e) => CommandError::Output(e.to_string()),
    }
}

/// Runs `kohyo build` and prints the outcome.
pub fn execute(args: &BuildArgs, out: &Console) -> CommandResult {
    let start = Instant::now();
    let s = build(&options(args), &mut BuildCache::default()).map_err(failure)?;
    out.diagnostics(&s.warnings);
    for (stage, ms) in &s.timings.stages {
        out.verbose(&format!("{ms:>8.1} ms  {}", crate::i18n::shown(stage)));
    }
    out.verbose(&tr(
        "built-read",
        &[("read", &s.read_anew), ("n", &s.versions)],
    ));
    out.verbose(&tr(
        "built-reused",
        &[("reused", &s.report.reused), ("files", &s.report.files)],
    ));
    for (doc, id) in &s.drafts_left_out {
        let (which, flag) = match doc {
            Some(doc) => (format!("{doc}/{id}"), format!(" --doc {doc}")),
            None => (id.to_string(), String::new()),
        };
        out.status(&tr(
            "draft-left-out",
            &[("which", &which), ("id", id), ("flag", &flag)],
        ));
    }
    let current: Vec<String> = s
        .current
        .iter()
        .map(|(doc, id)| match doc {
            Some(doc) => format!("{doc} {id}"),
            None => id.to_string(),
        })
        .collect();
    let drafts = if s.drafts > 0 {
        tr("built-drafts", &[("n", &s.drafts)])
    } else {
        String::new()
    };
    out.status(&tr(
        "built",
        &[
            ("n", &s.versions),
            ("s", &if s.versions == 1 { "" } else { "s" }),
            ("drafts", &drafts),
            ("current", &current.join(", ")),
            ("as_of", &s.as_of),
            ("files", &s.report.files),
            ("kb", &s.report.bytes.div_ceil(1024)),
            ("out", &crate::files::shown(&s.out)),
            ("ms", &start.elapsed().as_millis()),
        ],
    ));
    out.status(&format!("manifest.json {}", s.report.manifest_hash));
    Ok(Outcome::Success)
}
