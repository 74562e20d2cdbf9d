//! Reading the site's files: every error names the file, and nothing here panics on bad input.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::LoadedSite;
use super::layout::{self, DocumentDir};
use super::parse::parse_toml;
use super::validate;
use crate::cache::Fingerprint;
use crate::error::{Diagnostic, Diagnostics, Severity, SourceFile};
use crate::files::{self, ReadError};
use crate::model::{Document, DocumentConfig, DocumentMeta, SiteConfig, Version};
use crate::values::{FieldPath, VersionId};

/// The largest content file kohyo reads. A notice is a few kilobytes; anything near this is a
/// mistake, and refusing it keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The file in each version directory that holds the version.
pub const NOTICE_FILE: &str = "notice.toml";

/// Loads `site.toml` and every version of every document of the site at `root`
/// (`content/versions/`, or `content/documents/<doc>/versions/`).
/// Returns every problem found if any of them is an error.
pub fn load_site(root: &Path) -> Result<LoadedSite, Diagnostics> {
    load_site_cached(root, &mut LoadCache::default(), None).0
}

/// The versions published, by document (`None` on a site of one) and id: given to
/// [`load_site_cached`] by a build of the published site, which leaves out a draft that does
/// not load (with a warning) instead of stopping — `kohyo check` still reports its problems.
pub type Published = BTreeSet<(Option<String>, VersionId)>;

/// Versions loaded before, kept by `kohyo serve` so that a rebuild reads only the version
/// folders whose files changed (by their [`Fingerprint`]). The default cache keeps nothing and
/// costs nothing (a one-off build does not even list the files of each folder).
#[derive(Default)]
pub struct LoadCache {
    keep: bool,
    pub(super) versions: HashMap<String, (Fingerprint, VersionResult)>,
    /// Where the versions are kept between builds (see `content/kept.rs`).
    pub(super) file: Option<PathBuf>,
    /// When the build that uses the cache started.
    pub(super) started: Option<std::time::SystemTime>,
    /// The site's folder, made absolute (for the kept versions).
    pub(super) root: Option<PathBuf>,
    /// Whether a version was read anew or has gone since the cache was filled.
    pub(super) dirty: bool,
}

impl LoadCache {
    /// Keeps the result of a version folder read anew under `key`, while the cache keeps
    /// versions and the folder has a fingerprint.
    fn record(&mut self, key: String, fp: Option<Fingerprint>, result: &VersionResult) {
        match fp.filter(|_| self.keep) {
            Some(fp) => {
                self.versions.insert(key, (fp, result.clone()));
            }
            None => {
                self.versions.remove(&key);
            }
        }
    }

    /// A cache that keeps every version between loads.
    pub fn for_rebuilds() -> Self {
        LoadCache {
            keep: true,
            ..LoadCache::default()
        }
    }

    /// Whether the cache keeps versions between loads.
    pub fn keeps(&self) -> bool {
        self.keep
    }
}

/// A version read anew by [`load_site_cached`]: its document (on a site of several) and id.
pub type ChangedVersion = (Option<String>, VersionId);

/// Like [`load_site`], reusing the versions in `cache` whose folders did not change. Also
/// returns the versions that were read anew. With `published`, a version not in it whose
/// folder does not load is a draft left out with a warning.
pub fn load_site_cached(
    root: &Path,
    cache: &mut LoadCache,
    published: Option<&Published>,
) -> (Result<LoadedSite, Diagnostics>, Vec<ChangedVersion>) {
    let mut diags = Vec::new();
    let config = load_config(root, &mut diags);
    let (dirs, problems) = layout::documents(root);
    diags.extend(problems);
    let mut loaded = Vec::new();
    let mut changed = Vec::new();
    for dir in dirs {
        let document = dir
            .config_file()
            .map(|file| load_document_config(root, &file, &mut diags));
        let (versions, read) = load_document_versions(root, &dir, cache, published, &mut diags);
        changed.extend(read.into_iter().map(|id| (dir.name.clone(), id)));
        loaded.push((dir, document, versions));
    }
    if let Some(config) = &config {
        check_home(config, &loaded, &mut diags);
    }
    let result = match config {
        Some(config) if !diags.iter().any(|d| d.severity == Severity::Error) => Ok(LoadedSite {
            documents: documents_of(&config, loaded),
            config,
            warnings: diags,
        }),
        _ => Err(Diagnostics(diags)),
    };
    (result, changed)
}

type LoadedDocument = (
    DocumentDir,
    Option<Option<DocumentConfig>>,
    Vec<Arc<Version>>,
);

/// The documents as sites, in the order of the site (by `order`, then folder name). A
/// document's site carries its own title, kind and description.
fn documents_of(config: &SiteConfig, loaded: Vec<LoadedDocument>) -> Vec<Document> {
    let mut documents: Vec<(i64, Document)> = loaded
        .into_iter()
        .map(
            |(dir, document, versions)| match (dir.name, document.flatten()) {
                (Some(name), Some(doc)) => {
                    let mut own = config.clone();
                    own.title = doc.title;
                    own.kind = doc.kind;
                    if doc.description.is_some() {
                        own.description = doc.description;
                    }
                    let site = Document {
                        config: own,
                        versions,
                        meta: Some(DocumentMeta {
                            name,
                            site_title: config.title.clone(),
                        }),
                    };
                    (doc.order, site)
                }
                _ => (
                    0,
                    Document {
                        config: config.clone(),
                        versions,
                        meta: None,
                    },
                ),
            },
        )
        .collect();
    documents.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.prefix().cmp(&y.prefix())));
    documents.into_iter().map(|(_, site)| site).collect()
}

/// `home` of site.toml must name documents of a site of several.
fn check_home(config: &SiteConfig, loaded: &[LoadedDocument], diags: &mut Vec<Diagnostic>) {
    let Some(home) = &config.home else {
        return;
    };
    let names: Vec<&str> = loaded.iter().filter_map(|(d, ..)| d.name()).collect();
    let site_toml = Path::new("site.toml");
    if names.is_empty() {
        diags.push(
            Diagnostic::in_file(
                site_toml,
                "`home` names documents, but this site has one document (content/versions/)",
            )
            .field("home")
            .help("remove `home`: a site of one document shows its notice on the home page"),
        );
        return;
    }
    let mut seen = BTreeSet::new();
    for doc in home.documents() {
        if !names.contains(&doc.as_str()) {
            diags.push(
                Diagnostic::in_file(
                    site_toml,
                    format!("`home` names the document `{doc}`, which does not exist"),
                )
                .field("home")
                .help(format!(
                    "the documents are: {} (the folders of content/documents/)",
                    names.join(", ")
                )),
            );
        } else if !seen.insert(doc.as_str()) {
            diags.push(
                Diagnostic::in_file(
                    site_toml,
                    format!("`home` names the document `{doc}` twice"),
                )
                .field("home"),
            );
        }
    }
    if home.documents().is_empty() {
        diags.push(
            Diagnostic::in_file(site_toml, "`home` is an empty list")
                .field("home")
                .help(
                    "name at least one document, or remove `home` to show a list of the documents",
                ),
        );
    }
}

/// Reads `content/documents/<doc>/document.toml`.
fn load_document_config(
    root: &Path,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<DocumentConfig> {
    if std::fs::symlink_metadata(root.join(file))
        .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
    {
        diags.push(
            Diagnostic::in_file(file, "every document folder needs a document.toml")
                .help("add it with the document's title and kind, e.g.\n  title = \"個人情報保護方針\"\n  kind = \"policy\""),
        );
        return None;
    }
    let source = match read_source(root, file, file) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match parse_toml::<DocumentConfig>(&source) {
        Ok(parsed) => {
            if parsed.value.title.trim().is_empty() {
                diags.push(parsed.error_at(&FieldPath::root().key("title"), "the document's title is empty").help("give the title shown in the site's list of documents, e.g. title = \"個人情報保護方針\""));
                return None;
            }
            Some(parsed.value)
        }
        Err(mut errs) => {
            diags.append(&mut errs);
            None
        }
    }
}

/// Loads the versions of one document; a document must have at least one.
fn load_document_versions(
    root: &Path,
    dir: &DocumentDir,
    cache: &mut LoadCache,
    published: Option<&Published>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Arc<Version>>, Vec<VersionId>) {
    let versions_rel = dir.versions();
    let shown = format!("{}/", versions_rel.display()).replace('\\', "/");
    let (versions, changed) = match files::list_within(root, &versions_rel) {
        Err(e) => {
            diags.push(
                Diagnostic::in_file(
                    &versions_rel,
                    match e {
                        ReadError::NotFound => format!("there is no {shown} folder"),
                        e => format!("cannot read the versions folder: {e}"),
                    },
                )
                .help(format!(
                    "each version lives in {shown}YYYY-MM-DD/notice.toml"
                )),
            );
            (Vec::new(), Vec::new())
        }
        Ok(entries) => {
            let left_out =
                |id: VersionId| published.is_some_and(|p| !p.contains(&(dir.name.clone(), id)));
            load_versions(root, &versions_rel, &entries, cache, &left_out, diags)
        }
    };
    if versions.is_empty() && !diags.iter().any(|d| d.severity == Severity::Error) {
        diags.push(
            Diagnostic::in_file(&versions_rel, "there is no version of the notice")
                .help(format!("add {shown}YYYY-MM-DD/notice.toml")),
        );
    }
    (versions, changed)
}

/// Loads the version folders `entries` of `versions_rel` in parallel (reusing `cache`),
/// sorted by id; problems go to `diags`, but a draft that `left_out` leaves out of a build of
/// the published site is one warning. Also returns the ids read anew.
fn load_versions(
    root: &Path,
    versions_rel: &Path,
    entries: &[files::Entry],
    cache: &mut LoadCache,
    left_out: &dyn Fn(VersionId) -> bool,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Arc<Version>>, Vec<VersionId>) {
    use rayon::prelude::*;
    let key = |entry: &files::Entry| {
        versions_rel
            .join(&entry.name)
            .to_string_lossy()
            .into_owned()
    };
    // Results keep the order of the entries.
    let results: Vec<(Option<Fingerprint>, VersionResult, bool)> = entries
        .par_iter()
        .map(|entry| {
            let fp = cache
                .keep
                .then(|| Fingerprint::of_folder(&root.join(versions_rel).join(&entry.name)))
                .flatten();
            if let (Some(fp), Some((old_fp, result))) = (&fp, cache.versions.get(&key(entry)))
                && fp == old_fp
            {
                return (None, result.clone(), false);
            }
            (fp, load_version_folder(root, versions_rel, entry), true)
        })
        .collect();
    let present: std::collections::HashSet<String> = entries.iter().map(key).collect();
    let prefix = versions_rel.to_string_lossy().into_owned();
    let before = cache.versions.len();
    cache
        .versions
        .retain(|name, _| !name.starts_with(&prefix) || present.contains(name));
    cache.dirty |= cache.versions.len() != before || results.iter().any(|r| r.2);
    let (mut versions, mut changed) = (Vec::new(), Vec::new());
    for (entry, (fp, result, reloaded)) in entries.iter().zip(results) {
        if reloaded {
            if let Ok((v, _)) = &result {
                changed.push(v.id);
            }
            cache.record(key(entry), fp, &result);
        }
        match result {
            Ok((version, warnings)) => {
                diags.extend(warnings);
                versions.push(version);
            }
            Err(errs) => match entry.name.parse::<VersionId>() {
                Ok(id) if left_out(id) => diags.push(draft_left_out(versions_rel, entry, &errs)),
                _ => diags.extend(errs),
            },
        }
    }
    versions.sort_by_key(|v| v.id);
    (versions, changed)
}

/// The warning for a draft whose folder does not load, left out of a build of the published
/// site: the site still builds; the draft's problems are `kohyo check`'s to show.
fn draft_left_out(versions_rel: &Path, entry: &files::Entry, errs: &[Diagnostic]) -> Diagnostic {
    let errors = errs
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    Diagnostic::in_file(
        &versions_rel.join(&entry.name),
        format!("this draft is left out of the published site: it has {errors} error(s)"),
    )
    .noted()
    .help("run `kohyo check` to see them; a draft never stops the published versions from building, and cannot be published until it is fixed")
}

/// Loads the entry `<versions_rel>/<name>`: it must be named after a version id and be a
/// real folder (not a link).
fn load_version_folder(root: &Path, versions_rel: &Path, entry: &files::Entry) -> VersionResult {
    let display = versions_rel.join(&entry.name);
    let id = entry.name.parse::<VersionId>().map_err(|e| {
        vec![
            Diagnostic::in_file(&display, e)
                .help("rename the folder to the version's effective date, e.g. 2024-04-01"),
        ]
    })?;
    let kind = &entry.file_type;
    if kind.is_symlink() {
        return Err(
            vec![Diagnostic::in_file(
            &display,
            "this version folder is a symbolic link; kohyo reads only real folders inside the site",
        )
        .help("move or copy the folder into the versions folder instead of linking to it")],
        );
    }
    if !kind.is_dir() {
        return Err(vec![Diagnostic::in_file(
            &display,
            format!(
                "this is {}, not a folder holding notice.toml",
                files::kind_of(kind)
            ),
        )]);
    }
    load_version(root, &display, &display, id)
}

/// Loads one version directory given by path (for comparing a draft with what is published).
/// Its id is taken from the directory name.
pub fn load_version_dir(dir: &Path) -> Result<Version, Diagnostics> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = name
        .parse::<VersionId>()
        .map_err(|e| Diagnostics(vec![Diagnostic::in_file(dir, e)]))?;
    match load_version(dir, Path::new(""), dir, id) {
        Ok((version, _warnings)) => Ok(Arc::unwrap_or_clone(version)),
        Err(errs) => Err(Diagnostics(errs)),
    }
}

fn load_config(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let display = Path::new("site.toml");
    let path = root.join(display);
    if std::fs::symlink_metadata(&path).is_err() {
        let shown = if root == Path::new(".") {
            display.to_path_buf()
        } else {
            path.clone()
        };
        diags.push(
            Diagnostic::in_file(&shown, "there is no site.toml here: is this a kohyo site?")
            .help("run kohyo in the site's folder, pass --root DIR, or create a site with `kohyo init`"),
        );
        return None;
    }
    let source = match read_source(root, display, display) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match parse_toml::<SiteConfig>(&source) {
        Ok(parsed) => {
            let errs = validate::site_config(&parsed);
            let ok = errs.is_empty();
            diags.extend(errs);
            ok.then_some(parsed.value)
        }
        Err(mut errs) => {
            diags.append(&mut errs);
            None
        }
    }
}

/// Reads the text file `base/rel` (shown as `display`): a regular file reached without a
/// symbolic link from `base`, size-limited, UTF-8 checked, byte-order mark removed, CRLF made LF.
pub fn read_source(base: &Path, rel: &Path, display: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let bytes = files::read_within(base, rel, MAX_FILE_BYTES).map_err(|e| {
        read_problem(e, display, |size| {
            format!(
                "the file is {:.1} MB; content files may be at most {} MB",
                megabytes(size),
                MAX_FILE_BYTES / 1_048_576
            )
        })
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let (line, column) = crate::error::line_col(&prefix, valid);
            let mut d = Diagnostic::in_file(
                display,
                "the file is not UTF-8 text (it may have been saved as Shift_JIS)",
            )
            .help("save the file as UTF-8 in your editor");
            d.line = line;
            d.column = column;
            return Err(d);
        }
    };
    Ok(Arc::new(SourceFile {
        path: display.to_path_buf(),
        text: crate::text::normalized(&text).into_owned(),
    }))
}

pub(super) use super::version::{VersionResult, load_version};

/// Why the file `display` could not be read, said with `too_large` for a file over its limit,
/// and how to fix a link.
pub(super) fn read_problem(
    e: ReadError,
    display: &Path,
    too_large: impl FnOnce(u64) -> String,
) -> Diagnostic {
    let message = match e {
        ReadError::TooLarge(size) => too_large(size),
        ref other => other.to_string(),
    };
    let d = Diagnostic::in_file(display, message);
    match e {
        ReadError::Symlink(_) => d.help(
            "copy the file into the site instead of linking to it: a link could publish a file from outside the site",
        ),
        _ => d,
    }
}

/// Bytes as megabytes.
pub(super) fn megabytes(size: u64) -> f64 {
    size as f64 / 1_048_576.0
}

/// A version of a site that does not load, read on its own (past its mistakes, if it has
/// any): never to be built.
pub struct UnreadableNotice {
    /// The notice.toml, as shown.
    pub file: PathBuf,
    /// The version's id.
    pub id: VersionId,
    /// What the mended file says.
    pub notice: crate::model::Notice,
    /// The positions of the mended file (the same lines as the file).
    pub origin: Arc<super::parse::Origin>,
}

/// The site's settings, if site.toml reads.
pub fn site_config(root: &Path) -> Option<SiteConfig> {
    load_config(root, &mut Vec::new())
}

/// Every version of a site that does not load, each read on its own, past its mistakes: what
/// `kohyo check` still checks in them (placeholders), so that every mistake of a file is
/// reported in one run.
pub fn unreadable_notices(root: &Path) -> Vec<UnreadableNotice> {
    let mut out = Vec::new();
    for dir in layout::documents(root).0 {
        let versions = dir.versions();
        let Ok(entries) = files::list_within(root, &versions) else {
            continue;
        };
        for entry in entries.iter().filter(|e| e.file_type.is_dir()) {
            let Ok(id) = entry.name.parse::<VersionId>() else {
                continue;
            };
            let file = versions.join(&entry.name).join(NOTICE_FILE);
            let Ok(source) = read_source(root, &file, &file) else {
                continue;
            };
            let read = match super::parse::parse_toml::<crate::model::Notice>(&source) {
                Ok(parsed) => Some((parsed.value, parsed.origin)),
                Err(_) => super::parse::read_mended(&source),
            };
            if let Some((notice, origin)) = read {
                out.push(UnreadableNotice {
                    file,
                    id,
                    notice,
                    origin,
                });
            }
        }
    }
    out
}
