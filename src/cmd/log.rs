//! `kohyo log`: every version with its status, effective date, hash and summary.

use super::{CommandError, CommandResult, Outcome, Printer};
use crate::cli::LogArgs;
use crate::history::Publication;
use crate::model::Status;
use crate::project::{Project, today_in_japan};

/// `kohyo log`: every version, newest first.
pub fn execute(args: &LogArgs, _: &Printer) -> CommandResult {
    let project =
        Project::open(&args.root).map_err(|d| CommandError::content(d, "fix them first"))?;
    let as_of = args.as_of.unwrap_or_else(today_in_japan);
    let current = project.current(as_of);
    let mut text = format!(
        "{:<14} {:<22} {:<10} {:<73} summary\n",
        "id", "status", "effective", "content hash"
    );
    for (i, (v, state)) in project
        .site
        .versions
        .iter()
        .zip(&project.history.states)
        .enumerate()
        .rev()
    {
        let timing = match current {
            _ if v.id.date > as_of => Status::Scheduled,
            Some(c) if i == c => Status::Current,
            _ => Status::Superseded,
        };
        let timing = match timing {
            Status::Current => "current",
            Status::Scheduled => "scheduled",
            Status::Superseded => "superseded",
        };
        let (status, hash) = match state {
            Publication::Published { content_hash, .. } => {
                (format!("published, {timing}"), content_hash.clone())
            }
            Publication::Draft => ("draft".to_owned(), "-".to_owned()),
            Publication::Unlocked => (format!("unlocked, {timing}"), "-".to_owned()),
        };
        text.push_str(&format!(
            "{:<14} {:<22} {:<10} {:<73} {}\n",
            v.id.to_string(),
            status,
            v.id.date.to_string(),
            hash,
            crate::text::for_terminal(&v.notice.summary)
        ));
    }
    print!("{text}");
    Ok(Outcome::Success)
}
