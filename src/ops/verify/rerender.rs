//! Every page of a built site rendered again from the site alone: its published versions
//! (`notice.json`, proven by the hash chain), the settings and templates it carries
//! (`kohyo-source.json`) and its static files, by the kohyo that rendered it (`manifest.json`'s
//! `generator`). A page changed on the host differs from its rendering even when its hash in
//! the manifest was changed to agree.

use std::path::{Component, Path};

use super::Report;
use super::rebuild::{compare, rebuild};
use super::site::{read_json, read_notice_json};
use crate::address::{self, DocAddress, document_folder};
use crate::content::NOTICE_FILE;
use crate::content::layout::DocumentDir;
use crate::files;
use crate::lock::{GENERATOR, LOCK_FILE, MANIFEST_FORMAT, Manifest, canonical_json};
use crate::model::{SOURCE_FORMAT, SiteSource};

/// The largest static file or attachment copied from the site.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Renders the site in `site` again from what it carries and compares every file with the
/// manifest's. What cannot be rendered again (another kohyo rendered it, or the site carries
/// no source) is *unproven*, never passed.
pub fn verify_pages(site: &Path) -> Report {
    let mut r = Report::default();
    // What is wrong with the manifest itself is reported by the checks of the site.
    let Ok(manifest) = read_json::<Manifest>(site, Path::new(address::MANIFEST)) else {
        return r;
    };
    if manifest.format != MANIFEST_FORMAT || manifest.preview {
        return r;
    }
    if let Err(why) = same_generator(&manifest) {
        r.unproven(why);
        return r;
    }
    let source = match read_json::<SiteSource>(site, Path::new(address::SOURCE)) {
        Ok(s) if s.format == SOURCE_FORMAT => s,
        Ok(s) => {
            r.unproven(format!(
                "{}: format `{}`; this kohyo reads {SOURCE_FORMAT}",
                address::SOURCE,
                s.format
            ));
            return r;
        }
        Err(why) => {
            r.unproven(format!(
                "{}: {why}: the pages cannot be rendered again from the site alone",
                address::SOURCE
            ));
            return r;
        }
    };
    let Some(as_of) = manifest.as_of.as_deref().and_then(|d| d.parse().ok()) else {
        r.unproven("manifest.json records no date the site was built for");
        return r;
    };
    match render_again(site, &manifest, &source, as_of) {
        Ok(rendered) => {
            let made_from = format!(
                "its published versions (notice.json) and {} as of {as_of}, rendered by {GENERATOR}",
                address::SOURCE
            );
            compare(&manifest, &rendered, &made_from, &mut r);
        }
        Err(why) => r.unproven(why),
    }
    r
}

/// The pages can be rendered again only by the kohyo that rendered them.
fn same_generator(manifest: &Manifest) -> Result<(), String> {
    match manifest.generator.as_deref() {
        Some(g) if g == GENERATOR => Ok(()),
        Some(g) => Err(format!(
            "the pages were rendered by {g}; this is {GENERATOR}, whose built-in theme may differ: run `kohyo verify --site` with {g} to prove every page"
        )),
        None => Err(format!(
            "manifest.json does not name the kohyo that rendered the pages (an older kohyo built the site): rebuild it with {GENERATOR} to make every page provable"
        )),
    }
}

/// Writes the site's sources into a private folder and builds them as the site was built.
fn render_again(
    site: &Path,
    manifest: &Manifest,
    source: &SiteSource,
    as_of: crate::values::Date,
) -> Result<Manifest, String> {
    let tmp =
        tempfile::tempdir().map_err(|e| format!("cannot create a folder to render in: {e}"))?;
    let root = tmp.path().join("source");
    write_sources(site, manifest, source, &root)?;
    rebuild(
        &root,
        &tmp.path().join("site"),
        manifest,
        as_of,
        Some(source.base_url.clone()),
    )
    .map_err(|why| format!("the pages cannot be rendered again from the site: {why}"))
}

/// The folder of sources that builds the site: site.toml, the documents' document.toml, the
/// theme's own templates and static files, every published version and its snapshot, and
/// kohyo.lock.
fn write_sources(
    site: &Path,
    manifest: &Manifest,
    source: &SiteSource,
    root: &Path,
) -> Result<(), String> {
    write(
        root,
        Path::new("site.toml"),
        toml_of("site", &source.site)?.as_bytes(),
    )?;
    for d in &source.documents {
        if !crate::model::is_document_name(&d.name) {
            return Err(format!(
                "{}: `{}` is not a document's name",
                address::SOURCE,
                d.name
            ));
        }
        let file = DocumentDir::named(&d.name)
            .config_file()
            .unwrap_or_default();
        write(root, &file, toml_of("documents", &d.config)?.as_bytes())?;
    }
    let theme = Path::new("themes").join(safe(&source.site.theme)?);
    for (path, text) in &source.templates {
        write(
            root,
            &theme.join("templates").join(safe(path)?),
            text.as_bytes(),
        )?;
    }
    for path in &source.static_files {
        let bytes = copy_of(site, path)?;
        write(root, &theme.join("static").join(safe(path)?), &bytes)?;
    }
    // The logo is published at its path in the site: the same path in the sources.
    if let Some(logo) = source
        .site
        .appearance
        .as_ref()
        .and_then(|a| a.logo.as_deref())
    {
        write(root, safe(logo)?, &copy_of(site, logo)?)?;
    }
    for e in &manifest.versions {
        write_version(site, root, e.document.as_deref(), &e.id)?;
    }
    write(
        root,
        Path::new(LOCK_FILE),
        manifest.as_lock().to_toml().as_bytes(),
    )
}

/// A published version from its `notice.json` and attachments: its folder and its snapshot.
fn write_version(site: &Path, root: &Path, document: Option<&str>, id: &str) -> Result<(), String> {
    let prefix = document_folder(document);
    let rel = format!("{prefix}{}", DocAddress::notice_json(id).path());
    let notice = read_notice_json(site, &rel, id).map_err(|why| format!("{rel}: {why}"))?;
    let dir = match document {
        Some(name) => DocumentDir::named(name),
        None => DocumentDir::single(),
    };
    let folder = dir.versions().join(safe(id)?);
    let written = crate::content::VersionFiles::of(&notice).map_err(|e| format!("{rel}: {e}"))?;
    write(
        root,
        &folder.join(NOTICE_FILE),
        written.notice_toml.as_bytes(),
    )?;
    for (name, text) in &written.markdown {
        write(root, &folder.join(safe(name)?), text.as_bytes())?;
    }
    for a in &notice.attachments {
        let bytes = copy_of(
            site,
            &format!("{prefix}{}", DocAddress::attachment(id, &a.name).path()),
        )?;
        write(root, &folder.join(safe(&a.name)?), &bytes)?;
    }
    let snapshot = format!("{}\n", canonical_json(&notice));
    write(
        root,
        &dir.snapshots().join(format!("{id}.json")),
        snapshot.as_bytes(),
    )
}

/// A relative path of plain names (nothing the site carries may lead out of the folder).
fn safe(path: &str) -> Result<&Path, String> {
    let p = Path::new(path);
    let plain = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(p)
    } else {
        Err(format!(
            "{}: `{path}` is not a plain relative path",
            address::SOURCE
        ))
    }
}

/// The bytes of the site's file `rel`.
fn copy_of(site: &Path, rel: &str) -> Result<Vec<u8>, String> {
    files::read_within(site, safe(rel)?, MAX_FILE_BYTES).map_err(|e| format!("{rel}: {e}"))
}

fn write(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), String> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot write {}: {e}", rel.display()))?;
    }
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", rel.display()))
}

/// A setting of the source as TOML, as its file is written.
fn toml_of<T: serde::Serialize>(what: &str, value: &T) -> Result<String, String> {
    toml::to_string(value).map_err(|e| format!("{}: {what}: {e}", address::SOURCE))
}
