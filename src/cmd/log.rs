//! `kohyo log`: every version with its status, effective date, hash and summary.

use super::{CommandError, CommandResult, Outcome};
use crate::cli::LogArgs;
use crate::console::Console;
use crate::i18n::tr;
use crate::model::Status;
use crate::project::{DocumentState, Project, today_in_japan};
use crate::publication::Publication;

/// `kohyo log`: every version, newest first.
pub fn execute(args: &LogArgs, _: &Console) -> CommandResult {
    let project =
        Project::open(&args.root).map_err(|d| CommandError::content(d, tr("fix-first", &[])))?;
    let as_of = args.as_of.unwrap_or_else(today_in_japan);
    let documents: Vec<&DocumentState> = match &args.doc {
        Some(_) => vec![
            project
                .document(args.doc.as_deref(), &[])
                .map_err(CommandError::Usage)?,
        ],
        None => project.documents.iter().collect(),
    };
    let mut text = String::new();
    for document in documents {
        if let Some(name) = document.name() {
            text.push_str(&format!(
                "{}== {name}: {} ==\n",
                if text.is_empty() { "" } else { "\n" },
                crate::text::for_terminal(&document.site.config.title)
            ));
        }
        text.push_str(&log_of(document, as_of));
    }
    print!("{text}");
    Ok(Outcome::Success)
}

/// The table of one document's versions, newest first.
fn log_of(document: &DocumentState, as_of: crate::values::Date) -> String {
    let current = document.current(as_of);
    let mut text = format!(
        "{:<14} {:<28} {:<10} {:<73} summary\n",
        "id", "status", "effective", "content hash"
    );
    for (i, (v, state)) in document
        .site
        .versions
        .iter()
        .zip(&document.history.states)
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
        let signed = document
            .history
            .lock
            .as_ref()
            .and_then(|l| l.entry(document.name(), v.id))
            .is_some_and(|e| e.signature.is_some());
        let (status, hash) = match state {
            Publication::Published { content_hash, .. } => (
                format!(
                    "published, {}{timing}",
                    if signed { "signed, " } else { "" }
                ),
                content_hash.clone(),
            ),
            Publication::Draft => ("draft".to_owned(), "-".to_owned()),
        };
        text.push_str(&format!(
            "{:<14} {:<28} {:<10} {:<73} {}\n",
            v.id.to_string(),
            status,
            v.id.date.to_string(),
            hash,
            crate::text::for_terminal(&v.notice.summary)
        ));
    }
    text
}
