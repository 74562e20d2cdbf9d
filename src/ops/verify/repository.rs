//! The repository's published history: `kohyo.lock`'s hash chain, every published version's
//! content against its entry, every snapshot.

use std::path::Path;

use super::Report;
use crate::content;
use crate::content::layout::DocumentDir;
use crate::error::{Diagnostic, Diagnostics};
use crate::lock::Lock;
use crate::publication;

/// Why the repository could not be verified.
#[derive(Debug)]
pub enum RepositoryFailure {
    /// Nothing is published (no kohyo.lock).
    Trouble(String),
    /// The content has errors.
    Content(Diagnostics),
    /// The hash chain is broken.
    Broken(Vec<Diagnostic>),
}

/// The repository's checks: the lock's chain, the content against it, the snapshots; with the
/// lock, and the problems of the content found on the way.
pub fn verify_repository(
    root: &Path,
) -> Result<(Report, Lock, Vec<Diagnostic>), RepositoryFailure> {
    let lock = match publication::load_lock(root) {
        Ok(Some(lock)) => lock,
        Ok(None) => {
            return Err(RepositoryFailure::Trouble(
                "there is no kohyo.lock: nothing is published to verify".to_owned(),
            ));
        }
        Err(d) => return Err(RepositoryFailure::Broken(d.0)),
    };
    let mut report = Report::default();
    report.ok.push(format!(
        "kohyo.lock: hash chain of {} entries is intact, head {}",
        lock.published.len(),
        lock.head()
    ));
    let loaded = content::load_site(root).map_err(RepositoryFailure::Content)?;
    let problems: Vec<_> = loaded
        .documents
        .iter()
        .filter_map(|site| publication::check(root, site, Some(&lock)).err())
        .flat_map(|d| d.0)
        .collect();
    if problems.is_empty() {
        let folder = if loaded.documents.iter().any(|s| s.meta.is_some()) {
            "content/documents"
        } else {
            "content/versions"
        };
        report.ok.push(format!(
            "{folder}: all {} published versions match their hashes",
            lock.published.len()
        ));
    } else {
        report
            .failed
            .extend(problems.iter().map(Diagnostic::field_message));
    }
    for e in &lock.published {
        let dir = DocumentDir {
            name: e.document.clone(),
        };
        if let Err(why) = publication::load_snapshot(root, &dir, &e.id, &e.content_hash) {
            report
                .failed
                .push(format!("snapshot of {}: {why}", Lock::name_of(e)));
        }
    }
    Ok((report, lock, problems))
}
