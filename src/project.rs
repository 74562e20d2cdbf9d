//! The one driver under the commands: a site opened once, and the one meaning of the words
//! the commands share.
//!
//! [`Project::open`] loads `site.toml`, every version (each keeping its file and the positions
//! of its values) and the published history (`kohyo.lock`, snapshots) together. [`Project::plan`]
//! decides, in one place, which versions a build shows, which one is current, and the options
//! of the rendering. [`Project::current`] and [`Project::resolve_version`] are the one meaning
//! of "current", "previous" and a version id for every command: the **current** version is the
//! latest *published* version whose effective date is on or before the as-of date; drafts never
//! are (a `--drafts` preview shows a draft in force on its date as it would be, marked 草案).

use std::path::{Path, PathBuf};

use crate::content::{self, LoadCache};
use crate::error::{Diagnostic, Diagnostics};
use crate::history::{self, History, Publication};
use crate::lock::LOCK_FILE;
use crate::model::{Date, Site, Version, VersionId};
use crate::render::RenderOptions;

/// A site, loaded and checked against its published history.
#[derive(Debug)]
pub struct Project {
    /// The site's folder.
    pub root: PathBuf,
    /// `site.toml` and every version, drafts included, oldest first.
    pub site: Site,
    /// The lock and the publication state of every version (same order).
    pub history: History,
    /// Problems that do not stop a build.
    pub warnings: Vec<Diagnostic>,
}

/// What a build shows: published versions, or a preview with drafts; on which date; for which
/// address.
#[derive(Clone, Debug)]
pub struct Selection {
    /// Include drafts, marked 草案 (a preview, never deployed).
    pub drafts: bool,
    /// The date that decides which version is current.
    pub as_of: Date,
    /// The published address, overriding `base_url` of site.toml.
    pub base_url: Option<String>,
}

/// What a build will show, decided once.
#[derive(Debug)]
pub struct Plan {
    /// The versions shown (published ones, and drafts in a preview).
    pub site: Site,
    /// How to render them.
    pub options: RenderOptions,
    /// How many of the versions shown are drafts.
    pub drafts: usize,
}

impl Project {
    /// Loads the site at `root` and checks its published history.
    pub fn open(root: &Path) -> Result<Project, Diagnostics> {
        Project::open_cached(root, &mut LoadCache::default()).0
    }

    /// Like [`Project::open`], reusing the versions in `cache` whose folders did not change;
    /// also returns the ids of the versions read anew.
    pub fn open_cached(
        root: &Path,
        cache: &mut LoadCache,
    ) -> (Result<Project, Diagnostics>, Vec<VersionId>) {
        let (loaded, changed) = content::load_site_cached(root, cache);
        let project = loaded.and_then(|loaded| {
            let history = history::check(root, &loaded.site)?;
            let mut warnings = loaded.warnings;
            warnings.extend(history.warnings.iter().cloned());
            Ok(Project {
                root: root.to_path_buf(),
                site: loaded.site,
                history,
                warnings,
            })
        });
        (project, changed)
    }

    /// The index of the current version on `as_of`: the latest published version whose
    /// effective date is on or before it. Drafts are never current.
    pub fn current(&self, as_of: Date) -> Option<usize> {
        self.history.current_published(&self.site, as_of)
    }

    /// Whether the version at `i` is published (or the site has no lock).
    pub fn is_published(&self, i: usize) -> bool {
        self.history.is_published(i)
    }

    /// Decides what a build shows: the published versions (and the drafts, in a preview), the
    /// rendering options, the normalised address.
    pub fn plan(&self, selection: &Selection) -> Result<Plan, Diagnostics> {
        let (versions, publication): (Vec<_>, Vec<_>) = self
            .site
            .versions
            .iter()
            .cloned()
            .zip(self.history.states.iter().cloned())
            .filter(|(_, p)| selection.drafts || *p != Publication::Draft)
            .unzip();
        let drafts = publication
            .iter()
            .filter(|p| **p == Publication::Draft)
            .count();
        if versions.is_empty() {
            return Err(Diagnostics(vec![
                Diagnostic::in_file(Path::new(LOCK_FILE), "no version is published yet").help(
                    "publish one with `kohyo publish ID`, or preview drafts with `kohyo build --drafts`",
                ),
            ]));
        }
        let mut base_url = selection
            .base_url
            .clone()
            .unwrap_or_else(|| self.site.config.base_url.clone());
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        Ok(Plan {
            site: Site {
                config: self.site.config.clone(),
                versions,
            },
            options: RenderOptions {
                as_of: selection.as_of,
                base_url,
                preview: selection.drafts,
                publication,
                lock: self.history.lock.clone(),
            },
            drafts,
        })
    }

    /// The version an argument names: an id (`2024-04-01`), `current`, `previous` (the
    /// published version before the current one), or a version folder (a path, e.g. a draft
    /// elsewhere).
    pub fn resolve_version(&self, arg: &str, as_of: Date) -> Result<Version, String> {
        let versions = &self.site.versions;
        let current = self.current(as_of);
        let index = match arg {
            "current" => current.ok_or_else(|| format!("no version is in force on {as_of}"))?,
            "previous" => current
                .and_then(|c| (0..c).rev().find(|&i| self.is_published(i)))
                .ok_or_else(|| {
                    format!("there is no published version before the current one (as of {as_of})")
                })?,
            id => {
                let id: VersionId = id.parse()?;
                versions.iter().position(|v| v.id == id).ok_or_else(|| {
                    let known: Vec<String> = versions.iter().map(|v| v.id.to_string()).collect();
                    format!(
                        "there is no version `{id}`; the versions are: {}",
                        known.join(", ")
                    )
                })?
            }
        };
        Ok(Version::clone(&versions[index]))
    }
}

/// Whether a command-line argument names a version folder rather than an id or a word.
pub fn is_version_folder(arg: &str) -> bool {
    arg.contains(['/', '\\'])
        || arg.ends_with(".json")
        || Path::new(arg).join(content::NOTICE_FILE).is_file()
        || Path::new(arg).join("notice.json").is_file()
}

/// Today's date in Japan. Asia/Tokyo has been UTC+9 without daylight saving since 1951, so a
/// fixed offset is exact and needs no time-zone database.
pub fn today_in_japan() -> Date {
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    Date(tz.to_datetime(jiff::Timestamp::now()).date())
}
