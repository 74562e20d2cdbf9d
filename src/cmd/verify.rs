//! `kohyo verify [--site DIR]`: the repository's published history, and a built site.
//! See [`crate::ops::verify`] for what is checked.
//!
//! Exit 0: everything matches; 1: a mismatch; 2: verification could not run.

use crate::i18n::tr;
use std::path::Path;

use super::{CommandError, CommandResult, Outcome};
use crate::cli::VerifyArgs;
use crate::console::Console;
use crate::content;
use crate::content::layout::DocumentDir;
use crate::history;
use crate::lock::Lock;
use crate::ops::verify::{Report, download, verify_site};

/// The repository's checks: the lock's chain, the content against it, the snapshots.
fn verify_repository(root: &Path, out: &Console) -> Result<(Report, Lock), CommandResult> {
    let lock = match history::load_lock(root) {
        Ok(Some(lock)) => lock,
        Ok(None) => {
            return Err(Err(CommandError::Trouble(
                "there is no kohyo.lock: nothing is published to verify".to_owned(),
            )));
        }
        Err(d) => {
            // A broken chain is a verification failure, not trouble.
            out.diagnostics(&d.0);
            println!(
                "FAIL {}",
                crate::i18n::shown("kohyo.lock: the hash chain is broken")
            );
            return Err(Ok(Outcome::Negative));
        }
    };
    let mut report = Report::default();
    report.ok.push(format!(
        "kohyo.lock: hash chain of {} entries is intact, head {}",
        lock.published.len(),
        lock.head()
    ));
    match content::load_site(root) {
        Err(d) => {
            return Err(Err(CommandError::content(d, tr("cannot-verify", &[]))));
        }
        Ok(loaded) => {
            let problems: Vec<_> = loaded
                .documents
                .iter()
                .filter_map(|site| history::check(root, site, Some(&lock)).err())
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
                out.diagnostics(&problems);
                report
                    .failed
                    .extend(problems.iter().map(|d| d.field_message()));
            }
        }
    }
    for e in &lock.published {
        let dir = DocumentDir {
            name: e.document.clone(),
        };
        if let Err(why) = history::load_snapshot(root, &dir, &e.id, &e.content_hash) {
            report
                .failed
                .push(format!("snapshot of {}: {why}", Lock::name_of(e)));
        }
    }
    Ok((report, lock))
}

/// Runs `kohyo verify`.
pub fn execute(args: &VerifyArgs, out: &Console) -> CommandResult {
    // A built site can be verified on its own, by an auditor who has only the site.
    let repository = std::fs::symlink_metadata(args.root.join("site.toml")).is_ok();
    let mut report = Report::default();
    let mut lock = None;
    if repository || args.site.is_none() {
        match verify_repository(&args.root, out) {
            Ok((r, l)) => {
                report.extend(r);
                lock = Some(l);
            }
            Err(result) => return result,
        }
    }
    if let (Some(trusted), Some(lock), None) = (&args.trusted_key, &lock, &args.site) {
        report.extend(crate::ops::signing::check(
            &lock.published,
            trusted,
            crate::lock::LOCK_FILE,
        ));
    }
    if let Some(arg) = &args.site {
        // A deployed site is fetched into a private folder first (removed at the end).
        let mut fetched = match arg.to_str().filter(|a| download::is_address(a)) {
            Some(url) => Some(download::fetch(url).map_err(CommandError::Trouble)?),
            None => None,
        };
        if let Some(f) = &mut fetched {
            report.extend(std::mem::take(&mut f.report));
        }
        let fetched_site = fetched.as_ref().map(download::Fetched::site);
        let site = fetched_site.as_deref().unwrap_or(arg.as_path());
        report.extend(verify_site(
            site,
            lock.as_ref(),
            args.expect_head.as_deref(),
        ));
        if let Some(trusted) = &args.trusted_key {
            // What readers are shown: the manifest's entries.
            match crate::ops::verify::site_manifest(site) {
                Ok(m) => report.extend(crate::ops::signing::check(
                    &m.versions,
                    trusted,
                    crate::lock::MANIFEST_FILE,
                )),
                Err(why) => report.fail(why),
            }
        }
        if args.rebuild {
            if !repository {
                return Err(CommandError::Usage(
                    "--rebuild needs the site's repository: run it where site.toml is, or pass --root DIR".to_owned(),
                ));
            }
            report.extend(crate::ops::verify::verify_rebuild(
                &args.root,
                site,
                args.base_url.clone(),
            ));
        }
    }
    if !report.failed.is_empty() || !out.is_quiet() {
        // `ok` and `FAIL` stay as they are for scripts; what follows is in the run's language.
        for line in &report.ok {
            let line = crate::i18n::shown(line);
            println!("ok   {}", crate::text::for_terminal(&line));
        }
        for line in &report.failed {
            let line = crate::i18n::shown(line);
            println!("FAIL {}", crate::text::for_terminal(&line));
        }
    }
    if report.failed.is_empty() {
        out.status(&tr("verified", &[]));
        Ok(Outcome::Success)
    } else {
        println!("{}", tr("mismatches", &[("n", &report.failed.len())]));
        Ok(Outcome::Negative)
    }
}
