//! A built site on its own: `manifest.json`'s chain, every `notice.json` against its content
//! hash, and **every file** against the hash the manifest lists, with missing, changed and
//! extra files reported; a preview with drafts fails. Files are read only if they are regular
//! files inside the site, hashed in pieces.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Report;
use crate::address::{DocAddress, document_folder};
use crate::files::{self, ReadError};
use crate::lock::{
    Lock, MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_FORMAT_1, Manifest, content_hash,
};
use crate::model::{Notice, notice_json};
use crate::site::MARKER;

/// The largest `manifest.json` or `notice.json` read (a manifest of 100,000 files is ~12 MB).
const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

/// Verifies the built site in `site`: its manifest (against `lock` when the repository is at
/// hand, and against `expect_head` when the auditor recorded one), every `notice.json`, and
/// every file.
pub fn verify_site(site: &Path, lock: Option<&Lock>, expect_head: Option<&str>) -> Report {
    let mut r = Report::default();
    let Some(manifest) = read_manifest(site, &mut r) else {
        return r;
    };
    match files::sha256_of_file(&site.join(MANIFEST_FILE)) {
        Ok(h) => r.ok.push(format!("{MANIFEST_FILE} has digest {h}")),
        Err(e) => r.fail(format!("{MANIFEST_FILE}: {e}")),
    }
    if manifest.format == MANIFEST_FORMAT_1 {
        r.fail(format!(
            "{MANIFEST_FILE} is format {MANIFEST_FORMAT_1}, which does not list the site's files: rebuild the site with this kohyo to verify every page"
        ));
    } else if manifest.format != MANIFEST_FORMAT {
        r.fail(format!(
            "{MANIFEST_FILE} has format `{}`; this kohyo reads {MANIFEST_FORMAT}",
            manifest.format
        ));
        return r;
    }
    if manifest.preview {
        r.fail("the site is a preview built with --drafts: it includes unpublished versions and must never be deployed");
    }
    check_chain(&manifest, lock, expect_head, &mut r);
    check_notices(site, &manifest, &mut r);
    if manifest.format == MANIFEST_FORMAT {
        check_files(site, &manifest.files, &mut r);
    }
    r
}

fn check_chain(
    manifest: &Manifest,
    lock: Option<&Lock>,
    expect_head: Option<&str>,
    r: &mut Report,
) {
    let problems = manifest.as_lock().check_chain();
    if problems.is_empty() {
        r.ok.push(format!(
            "{MANIFEST_FILE}: hash chain of {} versions is intact, head {}",
            manifest.versions.len(),
            or_none(&manifest.chain_head)
        ));
    }
    for p in problems {
        r.fail(format!("{MANIFEST_FILE}: {}", p.message));
    }
    if manifest
        .versions
        .last()
        .map_or("", |e| e.chain_hash.as_str())
        != manifest.chain_head
    {
        r.fail(format!(
            "{MANIFEST_FILE}: chain_head {} is not the last version's chain hash",
            or_none(&manifest.chain_head)
        ));
    }
    if let Some(expected) = expect_head {
        check_expected_head(manifest, expected, r);
    }
    if let Some(lock) = lock {
        check_against_lock(manifest, lock, r);
    }
}

/// The head an auditor recorded is today's head, or the chain hash of an earlier version of
/// the same history (versions were published since: said, not failed). Any other head means
/// the history is not the one recorded: every version's chain hash is listed to compare.
fn check_expected_head(manifest: &Manifest, expected: &str, r: &mut Report) {
    if manifest.chain_head == expected {
        r.ok.push(format!("chain head is the expected {expected}"));
        return;
    }
    if let Some(at) = manifest
        .versions
        .iter()
        .position(|e| e.chain_hash == expected)
    {
        let since: Vec<String> = manifest.versions[at + 1..]
            .iter()
            .map(|e| entry_name(e.document.as_deref(), &e.id))
            .collect();
        r.ok.push(format!(
            "the recorded head {expected} is the head of {} in this history; {} version(s) were published since: {}",
            entry_name(manifest.versions[at].document.as_deref(), &manifest.versions[at].id),
            since.len(),
            since.join(", ")
        ));
        return;
    }
    let listed: Vec<String> = manifest
        .versions
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                entry_name(e.document.as_deref(), &e.id),
                e.chain_hash
            )
        })
        .collect();
    r.fail(format!(
        "the recorded head {expected} is not the head of any version of this history (today {}): the published history is not the one recorded — it parts from it at or before the version the head was recorded for. Compare the recorded versions with this history's: {}",
        or_none(&manifest.chain_head),
        listed.join("; ")
    ));
}

/// A version as the history names it: `<document>/<id>` on a site of several.
fn entry_name(document: Option<&str>, id: &str) -> String {
    match document {
        Some(doc) => format!("{doc}/{id}"),
        None => id.to_owned(),
    }
}

/// The manifest's versions against the repository's lock: the same entries, none missing, none
/// added.
fn check_against_lock(manifest: &Manifest, lock: &Lock, r: &mut Report) {
    if manifest.versions == lock.published {
        r.ok.push(format!(
            "{MANIFEST_FILE} matches kohyo.lock ({} versions)",
            lock.published.len()
        ));
        return;
    }
    for e in &lock.published {
        match manifest.versions.iter().find(|x| x.id == e.id) {
            None => r.fail(format!("{MANIFEST_FILE} does not list {}", e.id)),
            Some(x) if x != e => r.fail(format!(
                "{MANIFEST_FILE} entry {} differs from the lock (content {} vs {}, chain {} vs {})",
                e.id, x.content_hash, e.content_hash, x.chain_hash, e.chain_hash
            )),
            Some(_) => {}
        }
    }
    for x in &manifest.versions {
        if !lock.published.iter().any(|e| e.id == x.id) {
            r.fail(format!(
                "{MANIFEST_FILE} lists {}, which is not in the lock",
                x.id
            ));
        }
    }
}

/// Every published version's `notice.json` hashes to its entry, and the site has no version
/// folder that is not published (a draft built by mistake).
fn check_notices(site: &Path, manifest: &Manifest, r: &mut Report) {
    for e in &manifest.versions {
        let prefix = document_folder(e.document.as_deref());
        let rel = format!("{prefix}{}", DocAddress::notice_json(&e.id).path());
        match read_notice_json(site, &rel, &e.id) {
            Err(why) => r.fail(format!("{rel}: {why}")),
            Ok(n) => {
                let h = content_hash(&n);
                // The attachments are covered by the content hash through their SHA-256.
                for a in &n.attachments {
                    let file = format!("{prefix}{}", DocAddress::attachment(&e.id, &a.name).path());
                    match files::sha256_of_file(&site.join(&file)) {
                        Ok(got) if got == a.sha256 => {}
                        Ok(got) => r.fail(format!(
                            "{file} has hash {got}, but notice.json lists {}",
                            a.sha256
                        )),
                        Err(why) => r.fail(format!("{file}: {why}")),
                    }
                }
                if h == e.content_hash {
                    r.ok.push(format!("{rel} matches {}", e.content_hash));
                } else {
                    r.fail(format!(
                        "{rel} has content hash {h}, the published version has {}",
                        e.content_hash
                    ));
                }
            }
        }
    }
    check_unpublished_folders(site, manifest, r);
}

/// No version folder of the site is left out of the manifest's published versions (a draft
/// built by mistake).
fn check_unpublished_folders(site: &Path, manifest: &Manifest, r: &mut Report) {
    let mut documents: BTreeSet<Option<&str>> = manifest
        .versions
        .iter()
        .map(|e| e.document.as_deref())
        .collect();
    documents.insert(None);
    for document in documents {
        let prefix = document_folder(document);
        let folder = format!("{prefix}{}", DocAddress::History.folder());
        let folder = folder.trim_end_matches('/');
        let Ok(entries) = files::list_within(site, Path::new(folder)) else {
            continue;
        };
        for entry in entries.iter().filter(|e| e.file_type.is_dir()) {
            let notice = site
                .join(&prefix)
                .join(DocAddress::notice_json(&entry.name).path());
            let has_notice = std::fs::symlink_metadata(notice).is_ok();
            let published = manifest
                .versions
                .iter()
                .any(|e| e.id == entry.name && e.document.as_deref() == document);
            if has_notice && !published {
                r.fail(format!(
                    "{folder}/{}/ is on the site but is not a published version (a draft?)",
                    entry.name
                ));
            }
        }
    }
}

/// Every file of the site against the manifest: changed, missing and extra files, and
/// anything that is not a regular file.
fn check_files(site: &Path, expected: &BTreeMap<String, String>, r: &mut Report) {
    let present = files_of(site, r);
    let mut matching = 0;
    for (path, hash) in expected {
        if !present.contains(path) {
            r.fail(format!(
                "{path} is listed in {MANIFEST_FILE} but missing from the site"
            ));
            continue;
        }
        match files::sha256_of_file(&site.join(path)) {
            Ok(h) if h == *hash => matching += 1,
            Ok(h) => r.fail(format!(
                "{path} has been changed since the site was built: its hash is {h}, {MANIFEST_FILE} lists {hash}"
            )),
            Err(e) => r.fail(format!("{path}: {e}")),
        }
    }
    for path in present.iter().filter(|p| !expected.contains_key(*p)) {
        r.fail(format!(
            "{path} is on the site but not in {MANIFEST_FILE}: it was added after the build"
        ));
    }
    if matching == expected.len() {
        r.ok.push(format!(
            "all {matching} files match the hashes in {MANIFEST_FILE}"
        ));
    }
}

/// The files of the site but its manifest and marker, by their paths with `/`; anything that
/// is not a regular file is a failure.
fn files_of(site: &Path, r: &mut Report) -> BTreeSet<String> {
    let mut present = BTreeSet::new();
    let walk = walkdir::WalkDir::new(site)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                r.fail(format!("cannot read the site: {e}"));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(site) else {
            continue;
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = rel.join("/");
        if entry.file_type().is_dir() {
            continue;
        }
        if rel == MANIFEST_FILE || rel == MARKER {
            continue;
        }
        if !entry.file_type().is_file() {
            r.fail(format!(
                "{rel} is {}, not a file the site was built with",
                files::kind_of(&entry.file_type())
            ));
            continue;
        }
        present.insert(rel);
    }
    present
}

/// The manifest of the built site `site`.
pub fn site_manifest(site: &Path) -> Result<Manifest, String> {
    read_json::<Manifest>(site, Path::new(MANIFEST_FILE))
        .map_err(|e| format!("{MANIFEST_FILE}: {e}"))
}

pub(super) fn read_manifest(site: &Path, r: &mut Report) -> Option<Manifest> {
    if files::read_within(site, Path::new(MANIFEST_FILE), 1)
        .is_err_and(|e| matches!(e, ReadError::NotFound))
    {
        r.fail(format!(
            "there is no {MANIFEST_FILE} here: this folder is not a site built by kohyo (give the folder `kohyo build` wrote, e.g. public)"
        ));
        return None;
    }
    read_json::<Manifest>(site, Path::new(MANIFEST_FILE))
        .map_err(|e| r.fail(format!("{MANIFEST_FILE}: {e}")))
        .ok()
}

pub(super) fn read_json<T: serde::de::DeserializeOwned>(
    base: &Path,
    rel: &Path,
) -> Result<T, String> {
    let bytes = read_bytes(base, rel)?;
    serde_json::from_slice(&bytes).map_err(|e| format!("not valid: {e}"))
}

/// A JSON file of the site, `missing` when it is not there.
fn read_bytes(base: &Path, rel: &Path) -> Result<Vec<u8>, String> {
    files::read_within(base, rel, MAX_JSON_BYTES).map_err(|e| match e {
        ReadError::NotFound => "missing".to_owned(),
        e => e.to_string(),
    })
}

pub(super) fn read_notice_json(site: &Path, rel: &str, id: &str) -> Result<Notice, String> {
    let bytes = read_bytes(site, Path::new(rel))?;
    let version = notice_json::read(&bytes).map_err(|e| e.to_string())?;
    if version.id.to_string() != id {
        return Err(format!("its id is not {id}"));
    }
    Ok(version.notice)
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}
