//! What `kohyo verify` checks, as data: a [`Report`] of what checked out and what did not.
//!
//! With the repository ([`repository`]): `kohyo.lock`'s hash chain, every published version's
//! content against its entry, every snapshot. With a built site, and nothing else needed
//! ([`site`]): the manifest's chain, every `notice.json`, every file; a site at an address is
//! fetched first ([`download`]). `--trusted-key` checks signatures ([`crate::ops::signing`]);
//! `--rebuild` compares the site with a rebuild from the repository ([`rebuild`]).

pub mod download;
mod rebuild;
pub(crate) mod report;
mod repository;
mod rerender;
mod site;

use std::path::PathBuf;

pub use rebuild::verify_rebuild;
pub use report::Report;
pub use repository::{RepositoryFailure, verify_repository};
pub use rerender::verify_pages;
pub use site::{site_manifest, verify_site};

use crate::error::Diagnostic;
use crate::lock::{LOCK_FILE, Lock, MANIFEST_FILE};

/// What `kohyo verify` is asked to check.
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    /// The site's repository (holding site.toml and kohyo.lock), if it is one.
    pub root: PathBuf,
    /// A built site: its folder, or the address it is published at.
    pub site: Option<PathBuf>,
    /// The chain head recorded elsewhere that the published history must reach.
    pub expect_head: Option<String>,
    /// Public keys whose signature the latest published version must carry.
    pub trusted_key: Option<PathBuf>,
    /// Rebuild the site from the repository and compare every file.
    pub rebuild: bool,
    /// The address the site was built for, when not site.toml's (with `rebuild`).
    pub base_url: Option<String>,
}

/// What a verification found: its report, and the problems of the content to show with it.
#[derive(Debug, Default)]
pub struct Verified {
    /// What checked out and what did not.
    pub report: Report,
    /// Problems of the repository's content found on the way (shown as diagnostics).
    pub problems: Vec<Diagnostic>,
}

/// Why a verification could not run.
#[derive(Debug)]
pub enum VerifyError {
    /// What was asked cannot be checked this way.
    Usage(String),
    /// Something needed is not there (no lock, no curl, an unreachable site).
    Trouble(String),
    /// The repository's content has errors.
    Content(crate::error::Diagnostics),
    /// The lock's hash chain is broken: a verification failure, with its problems.
    Broken(Vec<Diagnostic>),
}

/// Runs a verification: the repository (when `root` is one, or no site is given), then the
/// site, its signatures and its rebuild.
pub fn verify(opts: &VerifyOptions) -> Result<Verified, VerifyError> {
    // A built site can be verified on its own, by an auditor who has only the site.
    let repository = std::fs::symlink_metadata(opts.root.join("site.toml")).is_ok();
    let mut found = Verified::default();
    let mut lock = None;
    if repository || opts.site.is_none() {
        let (report, l, problems) = verify_repository(&opts.root).map_err(|e| match e {
            RepositoryFailure::Trouble(why) => VerifyError::Trouble(why),
            RepositoryFailure::Content(d) => VerifyError::Content(d),
            RepositoryFailure::Broken(d) => VerifyError::Broken(d),
        })?;
        found.report.extend(report);
        found.problems.extend(problems);
        lock = Some(l);
    }
    if let (Some(trusted), Some(lock), None) = (&opts.trusted_key, &lock, &opts.site) {
        found.report.extend(crate::ops::signing::check(
            &lock.published,
            trusted,
            LOCK_FILE,
        ));
    }
    if let Some(arg) = &opts.site {
        if opts.rebuild && !repository {
            return Err(VerifyError::Usage(
                "--rebuild needs the site's repository: run it where site.toml is, or pass --root DIR".to_owned(),
            ));
        }
        found
            .report
            .extend(verify_deployed(opts, arg, lock.as_ref())?);
    }
    Ok(found)
}

/// The built site `arg` (a folder, or an address fetched into a private folder first): every
/// file, the chain (against `lock`), the signatures, and with `--rebuild` the rebuild.
fn verify_deployed(
    opts: &VerifyOptions,
    arg: &std::path::Path,
    lock: Option<&Lock>,
) -> Result<Report, VerifyError> {
    let mut report = Report::default();
    let mut fetched = match arg.to_str().filter(|a| download::is_address(a)) {
        Some(url) => Some(download::fetch(url).map_err(VerifyError::Trouble)?),
        None if !arg.is_dir() => {
            return Err(VerifyError::Trouble(format!(
                "there is no folder {}: give the folder of the built site, or its address (https://…)",
                arg.display()
            )));
        }
        None => None,
    };
    if let Some(f) = &mut fetched {
        report.extend(std::mem::take(&mut f.report));
    }
    let fetched_site = fetched.as_ref().map(download::Fetched::site);
    let site = fetched_site.as_deref().unwrap_or(arg);
    report.extend(verify_site(site, lock, opts.expect_head.as_deref()));
    report.extend(verify_pages(site));
    if let Some(trusted) = &opts.trusted_key {
        // What readers are shown: the manifest's entries.
        match site_manifest(site) {
            Ok(m) => report.extend(crate::ops::signing::check(
                &m.versions,
                trusted,
                MANIFEST_FILE,
            )),
            Err(why) => report.fail(why),
        }
    }
    if opts.rebuild {
        report.extend(verify_rebuild(&opts.root, site, opts.base_url.clone()));
    }
    Ok(report)
}
