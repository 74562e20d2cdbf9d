//! Reading the site's files: every error names the file, and nothing here panics on bad input.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::LoadedSite;
use super::parse::{Origin, Parsed, parse_toml};
use super::validate;
use crate::cache::Fingerprint;
use crate::error::{Diagnostic, Diagnostics, Severity, SourceFile};
use crate::files::{self, ReadError};
use crate::model::{Block, FieldPath, Notice, Site, SiteConfig, TextBlock, Version, VersionId};

/// The largest content file kohyo reads. A notice is a few kilobytes; anything near this is a
/// mistake, and refusing it keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The file in each version directory that holds the version.
pub const NOTICE_FILE: &str = "notice.toml";

/// Loads `site.toml` and every version under `content/versions/` of the site at `root`.
/// Returns every problem found if any of them is an error.
pub fn load_site(root: &Path) -> Result<LoadedSite, Diagnostics> {
    load_site_cached(root, &mut LoadCache::default()).0
}

/// Versions loaded before, kept by `kohyo serve` so that a rebuild reads only the version
/// folders whose files changed (by their [`Fingerprint`]). The default cache keeps nothing and
/// costs nothing (a one-off build does not even list the files of each folder).
#[derive(Default)]
pub struct LoadCache {
    keep: bool,
    versions: HashMap<String, (Fingerprint, VersionResult)>,
}

impl LoadCache {
    /// A cache that keeps every version between loads.
    pub fn for_rebuilds() -> Self {
        LoadCache {
            keep: true,
            versions: HashMap::new(),
        }
    }
}

/// Like [`load_site`], reusing the versions in `cache` whose folders did not change. Also
/// returns the ids of the versions that were read anew.
pub fn load_site_cached(
    root: &Path,
    cache: &mut LoadCache,
) -> (Result<LoadedSite, Diagnostics>, Vec<VersionId>) {
    let mut diags = Vec::new();
    let config = load_config(root, &mut diags);
    let versions_rel = Path::new("content").join("versions");
    let (versions, changed) = match files::list_within(root, &versions_rel) {
        Err(e) => {
            diags.push(
                Diagnostic::in_file(
                    &versions_rel,
                    match e {
                        ReadError::NotFound => "there is no content/versions/ folder".to_owned(),
                        e => format!("cannot read the versions folder: {e}"),
                    },
                )
                .help(
                    "each version of the notice lives in content/versions/YYYY-MM-DD/notice.toml",
                ),
            );
            (Vec::new(), Vec::new())
        }
        Ok(entries) => load_versions(root, &entries, cache, &mut diags),
    };
    if versions.is_empty() && !diags.iter().any(|d| d.severity == Severity::Error) {
        diags.push(
            Diagnostic::in_file(&versions_rel, "there is no version of the notice")
                .help("add content/versions/YYYY-MM-DD/notice.toml"),
        );
    }
    let result = match config {
        Some(config) if !diags.iter().any(|d| d.severity == Severity::Error) => Ok(LoadedSite {
            site: Site { config, versions },
            warnings: diags,
        }),
        _ => Err(Diagnostics(diags)),
    };
    (result, changed)
}

/// Loads the version folders `entries` of `content/versions/` in parallel (reusing `cache`),
/// sorted by id; problems go to `diags`. Also returns the ids read anew.
fn load_versions(
    root: &Path,
    entries: &[files::Entry],
    cache: &mut LoadCache,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Arc<Version>>, Vec<VersionId>) {
    use rayon::prelude::*;
    let versions_rel = Path::new("content").join("versions");
    // Results keep the order of the entries.
    let results: Vec<(Option<Fingerprint>, VersionResult, bool)> = entries
        .par_iter()
        .map(|entry| {
            let fp = cache
                .keep
                .then(|| Fingerprint::of_folder(&root.join(&versions_rel).join(&entry.name)))
                .flatten();
            if let (Some(fp), Some((old_fp, result))) = (&fp, cache.versions.get(&entry.name))
                && fp == old_fp
            {
                return (None, result.clone(), false);
            }
            (fp, load_version_folder(root, entry), true)
        })
        .collect();
    let present: std::collections::HashSet<&String> = entries.iter().map(|e| &e.name).collect();
    cache.versions.retain(|name, _| present.contains(name));
    let (mut versions, mut changed) = (Vec::new(), Vec::new());
    for (entry, (fp, result, reloaded)) in entries.iter().zip(results) {
        if reloaded {
            if let Ok((v, _)) = &result {
                changed.push(v.id);
            }
            match fp.filter(|_| cache.keep) {
                Some(fp) => {
                    cache
                        .versions
                        .insert(entry.name.clone(), (fp, result.clone()));
                }
                None => {
                    cache.versions.remove(&entry.name);
                }
            }
        }
        match result {
            Ok((version, warnings)) => {
                diags.extend(warnings);
                versions.push(version);
            }
            Err(mut errs) => diags.append(&mut errs),
        }
    }
    versions.sort_by_key(|v| v.id);
    (versions, changed)
}

/// Loads the entry `content/versions/<name>`: it must be named after a version id and be a
/// real folder (not a link).
fn load_version_folder(root: &Path, entry: &files::Entry) -> VersionResult {
    let display = Path::new("content").join("versions").join(&entry.name);
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
        .help("move or copy the folder into content/versions/ instead of linking to it")],
        );
    }
    if !kind.is_dir() {
        return Err(vec![Diagnostic::in_file(
            &display,
            format!(
                "expected a folder holding notice.toml, found {}",
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
        let message = match e {
            ReadError::TooLarge(size) => format!(
                "the file is {:.1} MB; content files may be at most {} MB",
                size as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            ref other => other.to_string(),
        };
        let d = Diagnostic::in_file(display, message);
        match e {
            ReadError::Symlink(_) => d.help(
                "copy the file into the site instead of linking to it: a link could publish a file from outside the site",
            ),
            _ => d,
        }
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
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text.to_owned()
    };
    Ok(Arc::new(SourceFile {
        path: display.to_path_buf(),
        text,
    }))
}

type VersionResult = Result<(Arc<Version>, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Loads `base/rel_dir/notice.toml` and the Markdown files it names (shown under
/// `display_dir`); nothing on the way from `base` may be a symbolic link. Returns the warnings
/// with the version, or every problem found if any is an error.
fn load_version(base: &Path, rel_dir: &Path, display_dir: &Path, id: VersionId) -> VersionResult {
    let display = display_dir.join(NOTICE_FILE);
    let source = read_source(base, &rel_dir.join(NOTICE_FILE), &display).map_err(|d| vec![d])?;
    let mut parsed: Parsed<Notice> = parse_toml(&source)?;
    let origin = Arc::clone(&parsed.origin);
    let (md_sources, mut used, mut diags) =
        read_markdown_files(&mut parsed.value, &origin, base, rel_dir, display_dir);
    used.insert(NOTICE_FILE.to_owned());

    let mut found = validate::notice(&parsed, id, &md_sources);
    crate::model::place::label_places(&mut found, &parsed.value, &id.to_string(), &display);
    diags.extend(found);

    if let Ok(entries) = files::list_within(base, rel_dir) {
        for name in entries
            .iter()
            .map(|e| &e.name)
            .filter(|n| !used.contains(*n))
        {
            diags.push(
                Diagnostic::in_file(
                    &display_dir.join(name),
                    "this file is not used by notice.toml",
                )
                .warning()
                .help("name it in a text block (`file = \"…\"`) or remove it"),
            );
        }
    }

    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(diags);
    }
    Ok((
        Arc::new(Version {
            id,
            notice: parsed.value,
            origin: Some(parsed.origin),
        }),
        diags,
    ))
}

/// The Markdown files of a version's text blocks (`file = "…"`), read into the blocks: each
/// file's source by the block's path (for positions), the names used, and the problems.
fn read_markdown_files(
    notice: &mut Notice,
    origin: &Origin,
    base: &Path,
    rel_dir: &Path,
    display_dir: &Path,
) -> (
    HashMap<FieldPath, Arc<SourceFile>>,
    BTreeSet<String>,
    Vec<Diagnostic>,
) {
    let (mut md_sources, mut used, mut diags) = (HashMap::new(), BTreeSet::new(), Vec::new());
    for (path, block) in notice.blocks_mut() {
        let Block::Text(TextBlock {
            text,
            file: Some(file),
        }) = block
        else {
            continue;
        };
        if !text.is_empty() {
            diags.push(
                origin
                    .error_at(&path, "a text block has both `text` and `file`")
                    .help("keep one: the text inline, or the name of a Markdown file"),
            );
            continue;
        }
        let fpath = path.key("file");
        if !is_plain_md_name(file) {
            diags.push(
                origin
                    .error_at(&fpath, format!("`{file}` is not a Markdown file name in this version's folder"))
                    .help("give the name of a .md file next to notice.toml, without folders, e.g. \"policy.md\""),
            );
            continue;
        }
        used.insert(file.to_string());
        match read_source(base, &rel_dir.join(&*file), &display_dir.join(&*file)) {
            Ok(md) => {
                diags.extend(super::parse::forbidden_characters(&md));
                text.clone_from(&md.text);
                md_sources.insert(path, md);
            }
            Err(d) if d.line == 0 => {
                let mut e = origin.error_at(&fpath, format!("`{file}`: {}", d.message));
                e.help = d.help;
                diags.push(e);
            }
            Err(d) => diags.push(d),
        }
    }
    (md_sources, used, diags)
}

fn is_plain_md_name(name: &str) -> bool {
    let p = PathBuf::from(name);
    name.ends_with(".md")
        && !name.starts_with('.')
        && p.components().count() == 1
        && !name.contains(['/', '\\', ':'])
}
