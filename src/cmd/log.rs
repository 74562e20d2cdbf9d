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
        "{} {} {} {} {}\n",
        padded(&tr("log-id", &[]), 14),
        padded(&tr("log-status", &[]), 28),
        padded(&tr("log-effective", &[]), 10),
        padded(&tr("log-hash", &[]), 73),
        tr("log-summary", &[])
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
            Status::Current => tr("log-current", &[]),
            Status::Scheduled => tr("log-scheduled", &[]),
            Status::Superseded => tr("log-superseded", &[]),
        };
        let signed = document
            .history
            .lock
            .as_ref()
            .and_then(|l| l.entry(document.name(), v.id))
            .is_some_and(|e| e.signature.is_some());
        let (status, hash) = match state {
            Publication::Published { content_hash, .. } => (
                tr(
                    if signed {
                        "log-published-signed"
                    } else {
                        "log-published"
                    },
                    &[("timing", &timing)],
                ),
                content_hash.clone(),
            ),
            Publication::Draft => (tr("log-draft", &[]), "-".to_owned()),
        };
        text.push_str(&format!(
            "{} {} {} {} {}\n",
            padded(&v.id.to_string(), 14),
            padded(&status, 28),
            padded(&v.id.date.to_string(), 10),
            padded(&hash, 73),
            crate::text::for_terminal(&v.notice.summary)
        ));
    }
    text
}

/// `text` padded with spaces to `width` columns of a terminal (a Japanese character takes two).
fn padded(text: &str, width: usize) -> String {
    let wide = |c: char| matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}');
    let columns: usize = text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(columns)))
}
