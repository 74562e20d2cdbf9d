//! `kohyo build`: see [`crate::build`].

use std::time::Instant;

use super::{CommandError, CommandResult, Outcome, Printer};
use crate::build::{BuildCache, BuildError, BuildOptions, build};
use crate::cli::BuildArgs;
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
    }
}

/// Turns a build's failure into the command's.
pub fn failure(e: BuildError) -> CommandError {
    match e {
        BuildError::Content(d) => CommandError::content(d, "nothing was written"),
        BuildError::Output(e) => CommandError::Output(e.to_string()),
    }
}

/// Runs `kohyo build` and prints the outcome.
pub fn execute(args: &BuildArgs, out: &Printer) -> CommandResult {
    let start = Instant::now();
    let s = build(&options(args), &mut BuildCache::default()).map_err(failure)?;
    out.diagnostics(&s.warnings);
    for (stage, ms) in &s.timings.stages {
        out.verbose(&format!("{ms:>8.1} ms  {stage}"));
    }
    for (doc, id) in &s.drafts_left_out {
        let (which, flag) = match doc {
            Some(doc) => (format!("{doc}/{id}"), format!(" --doc {doc}")),
            None => (id.to_string(), String::new()),
        };
        out.status(&format!(
            "note: draft {which} is not published and was left out; preview it with `kohyo build --drafts --out preview`, publish it with `kohyo publish {id}{flag}`"
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
        format!(", {} drafts: PREVIEW, do not deploy", s.drafts)
    } else {
        String::new()
    };
    out.status(&format!(
        "built {} version{}{drafts} (current: {}, as of {}): {} files, {} KB in {} in {} ms",
        s.versions,
        if s.versions == 1 { "" } else { "s" },
        current.join(", "),
        s.as_of,
        s.report.files,
        s.report.bytes.div_ceil(1024),
        s.out.display(),
        start.elapsed().as_millis()
    ));
    out.status(&format!("manifest.json {}", s.report.manifest_hash));
    Ok(Outcome::Success)
}
