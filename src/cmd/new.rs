//! `kohyo new DATE`: start a draft. See [`crate::publishing::new_version`].

use super::{CommandResult, Outcome, Printer, publish::failure};
use crate::cli::NewArgs;
use crate::project::today_in_japan;
use crate::publishing::new_version;

/// Runs `kohyo new`.
pub fn execute(args: &NewArgs, out: &Printer) -> CommandResult {
    let as_of = args.as_of.unwrap_or_else(today_in_japan);
    let draft = new_version(
        &args.root,
        args.doc.as_deref(),
        args.date,
        args.summary.as_deref(),
        as_of,
    )
    .map_err(failure)?;
    let (id, from) = (draft.id, draft.from);
    out.status(&format!(
        "created content/versions/{id}/ (a draft) from {from}\n  1. edit content/versions/{id}/notice.toml{}\n  2. preview: kohyo build --drafts --out preview\n  3. compare: kohyo diff {from} content/versions/{id}\n  4. publish: kohyo publish {id}",
        if args.summary.is_none() { " (write its summary)" } else { "" },
    ));
    Ok(Outcome::Success)
}
