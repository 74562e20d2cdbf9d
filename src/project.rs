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

use crate::content::layout::DocumentDir;
use crate::content::{self, ChangedVersion, LoadCache};
use crate::error::{Diagnostic, Diagnostics};
use crate::lock::{LOCK_FILE, Lock};
use crate::model::{Document, SiteConfig, Version};
use crate::publication::{self, History, Publication};
use crate::render::{Plan, RenderOptions, SitePlan};
use crate::values::{Date, VersionId};

/// A site, loaded and checked against its published history.
#[derive(Debug)]
pub struct Project {
    /// The site's folder.
    pub root: PathBuf,
    /// `site.toml`.
    pub config: SiteConfig,
    /// Its documents, in the site's order: one on a site of one document.
    pub documents: Vec<DocumentState>,
    /// `kohyo.lock`, when the site has one.
    pub lock: Option<Lock>,
    /// Problems that do not stop a build.
    pub warnings: Vec<Diagnostic>,
}

/// One document of a site: its versions and their publication state.
#[derive(Debug)]
pub struct DocumentState {
    /// The document's settings and every version, drafts included, oldest first.
    pub site: Document,
    /// The lock and the publication state of every version (same order).
    pub history: History,
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

impl Project {
    /// Loads the site at `root` and checks its published history.
    pub fn open(root: &Path) -> Result<Project, Diagnostics> {
        Project::open_with(root, &mut LoadCache::default(), None, None).0
    }

    /// Like [`Project::open`], reusing the versions in `cache` whose folders did not change;
    /// also returns the versions read anew. For a build of the published site
    /// (`published_only`), a draft that does not load is left out with a warning.
    pub fn open_cached(
        root: &Path,
        cache: &mut LoadCache,
        published_only: bool,
    ) -> (Result<Project, Diagnostics>, Vec<ChangedVersion>) {
        let published = published_only
            .then(|| publication::load_lock(root).ok().flatten())
            .flatten()
            .map(|lock| {
                lock.published
                    .iter()
                    .filter_map(|e| Some((e.document.clone(), e.id.parse().ok()?)))
                    .collect::<content::Published>()
            });
        Project::open_with(root, cache, None, published.as_ref())
    }

    /// Like [`Project::open`], for `kohyo publish ID`: a snapshot of `ID` without a lock entry
    /// is the trace of an interrupted publication of the same version, which publishing
    /// completes (in `document`, or in whichever document has that id).
    pub fn open_for_publishing(
        root: &Path,
        document: Option<&str>,
        id: &str,
    ) -> Result<Project, Diagnostics> {
        Project::open_with(root, &mut LoadCache::default(), Some((document, id)), None).0
    }

    fn open_with(
        root: &Path,
        cache: &mut LoadCache,
        publishing: Option<(Option<&str>, &str)>,
        published: Option<&content::Published>,
    ) -> (Result<Project, Diagnostics>, Vec<ChangedVersion>) {
        let (loaded, changed) = content::load_site_cached(root, cache, published);
        let project = loaded.and_then(|loaded| {
            let lock = publication::load_lock(root)?;
            check_lock_documents(lock.as_ref(), &loaded.documents)?;
            let mut warnings = loaded.warnings;
            let mut documents = Vec::new();
            let mut problems = Vec::new();
            for site in loaded.documents {
                let publishing = publishing
                    .filter(|(doc, _)| doc.is_none() || *doc == site.document_name())
                    .map(|(_, id)| id);
                match publication::check_for_publishing(root, &site, lock.as_ref(), publishing) {
                    Ok(history) => {
                        warnings.extend(history.warnings.iter().cloned());
                        documents.push(DocumentState { site, history });
                    }
                    Err(d) => problems.extend(d.0),
                }
            }
            if !problems.is_empty() {
                return Err(Diagnostics(problems));
            }
            Ok(Project {
                root: root.to_path_buf(),
                config: loaded.config,
                documents,
                lock,
                warnings,
            })
        });
        (project, changed)
    }

    /// Whether the site has several documents (`content/documents/`).
    pub fn has_documents(&self) -> bool {
        self.documents.iter().any(|d| d.site.meta.is_some())
    }

    /// The names of the documents, on a site of several.
    pub fn document_names(&self) -> Vec<&str> {
        self.documents.iter().filter_map(|d| d.name()).collect()
    }

    /// The document `--doc` names; without it, the only document, or the one document that
    /// has every version in `ids` (words such as `current` and folder paths say nothing).
    pub fn document(&self, doc: Option<&str>, ids: &[&str]) -> Result<&DocumentState, String> {
        let names = self.document_names().join(", ");
        if let Some(doc) = doc {
            if !self.has_documents() {
                return Err(format!(
                    "--doc {doc}: this site has one document (content/versions/), so --doc is not needed"
                ));
            }
            return self
                .documents
                .iter()
                .find(|d| d.name() == Some(doc))
                .ok_or_else(|| {
                    format!("there is no document `{doc}`; the documents are: {names}")
                });
        }
        if let [only] = self.documents.as_slice() {
            return Ok(only);
        }
        let ids: Vec<VersionId> = ids.iter().filter_map(|a| a.parse().ok()).collect();
        let candidates: Vec<&DocumentState> = self
            .documents
            .iter()
            .filter(|d| {
                !ids.is_empty()
                    && ids
                        .iter()
                        .all(|id| d.site.versions.iter().any(|v| v.id == *id))
            })
            .collect();
        match candidates.as_slice() {
            [one] => Ok(one),
            _ => Err(format!(
                "this site has several documents ({names}): say which with --doc, e.g. --doc {}",
                self.document_names().first().copied().unwrap_or("notice")
            )),
        }
    }

    /// Decides what a build shows of every document: the published versions (and the drafts,
    /// in a preview), the rendering options, the normalised address.
    pub fn plan(&self, selection: &Selection) -> Result<SitePlan, Diagnostics> {
        let mut documents = Vec::new();
        let mut warnings = Vec::new();
        let several = self.has_documents();
        for doc in &self.documents {
            match doc.plan(selection, self.lock.as_ref()) {
                Ok(plan) if !several || plan.site.current_index(selection.as_of).is_some() => {
                    documents.push(plan);
                }
                Ok(plan) => warnings.push(
                    Diagnostic::in_file(
                        &DocumentDir { name: doc.name().map(str::to_owned) }.versions(),
                        format!(
                            "the document `{}` is left out: none of its versions is in force on {} (the first takes effect on {})",
                            doc.name().unwrap_or_default(),
                            selection.as_of,
                            plan.site.versions[0].id.date
                        ),
                    )
                    .warning(),
                ),
                Err(d) if several && self.config.home.as_ref().is_none_or(|h| !h.documents().iter().any(|n| Some(n.as_str()) == doc.name())) => {
                    warnings.extend(d.0.into_iter().map(Diagnostic::warning));
                }
                Err(d) => return Err(d),
            }
        }
        if documents.is_empty() {
            return Err(Diagnostics(vec![
                Diagnostic::in_file(Path::new(LOCK_FILE), "no version is published yet").help(
                    "publish one with `kohyo publish ID`, or preview drafts with `kohyo build --drafts`",
                ),
            ]));
        }
        if let Some(home) = &self.config.home {
            for name in home.documents() {
                if !documents
                    .iter()
                    .any(|p| p.site.document_name() == Some(name.as_str()))
                {
                    return Err(Diagnostics(vec![
                        Diagnostic::in_file(Path::new("site.toml"), format!("`home` shows the document `{name}`, which has no version in force on {}", selection.as_of))
                            .field("home")
                            .help(format!("publish a version of it (`kohyo publish ID --doc {name}`), or take it out of `home` until then")),
                    ]));
                }
            }
        }
        Ok(SitePlan {
            config: self.config.clone(),
            documents,
            warnings,
        })
    }
}

impl DocumentState {
    /// The document's folder name, on a site of several documents.
    pub fn name(&self) -> Option<&str> {
        self.site.document_name()
    }

    /// Where its files are.
    pub fn dir(&self) -> DocumentDir {
        DocumentDir {
            name: self.name().map(str::to_owned),
        }
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

    /// Decides what a build shows of this document.
    fn plan(&self, selection: &Selection, lock: Option<&Lock>) -> Result<Plan, Diagnostics> {
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
            let what = match self.name() {
                Some(doc) => format!("no version of the document `{doc}` is published yet"),
                None => "no version is published yet".to_owned(),
            };
            return Err(Diagnostics(vec![
                Diagnostic::in_file(Path::new(LOCK_FILE), what).help(
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
            site: Document {
                config: self.site.config.clone(),
                versions,
                meta: self.site.meta.clone(),
            },
            options: RenderOptions {
                as_of: selection.as_of,
                base_url,
                preview: selection.drafts,
                publication,
                lock: lock.cloned(),
            },
            drafts,
        })
    }

    /// The version in force the day before `id` takes effect: the latest published version
    /// with an earlier id (what a reviewer compares a new version with, whatever was added
    /// after it).
    pub fn published_before(&self, id: VersionId) -> Result<Version, String> {
        (0..self.site.versions.len())
            .rev()
            .find(|&i| self.is_published(i) && self.site.versions[i].id < id)
            .map(|i| Version::clone(&self.site.versions[i]))
            .ok_or_else(|| format!("no published version comes before {id}: it is the first"))
    }

    /// The version an argument names: an id (`2024-04-01`), `current`, `previous` (the
    /// published version before the current one).
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

/// On a site of one document no lock entry names a document; on a site of several, every
/// entry names one of them.
fn check_lock_documents(lock: Option<&Lock>, documents: &[Document]) -> Result<(), Diagnostics> {
    let Some(lock) = lock else {
        return Ok(());
    };
    let names: Vec<&str> = documents
        .iter()
        .filter_map(Document::document_name)
        .collect();
    let several = !names.is_empty();
    let problems: Vec<Diagnostic> = lock
        .published
        .iter()
        .filter_map(|e| match (&e.document, several) {
            (None, true) => Some(format!(
                "entry {} names no document, but this site has several ({})",
                e.id,
                names.join(", ")
            )),
            (Some(doc), false) => Some(format!(
                "entry {} names the document `{doc}`, but this site has one document (content/versions/)",
                e.id
            )),
            (Some(doc), true) if !names.contains(&doc.as_str()) => Some(format!(
                "entry {doc}/{} names a document that is not in content/documents/",
                e.id
            )),
            _ => None,
        })
        .map(|m| {
            Diagnostic::in_file(Path::new(LOCK_FILE), m).help(
                "a published version is never removed: restore the document's folder (or kohyo.lock) from version control; when a site moves to several documents, see docs/history.md",
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(problems))
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
