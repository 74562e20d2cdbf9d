//! `kohyo verify --rebuild`: the deployed site against a rebuild from the repository's content.

use std::path::Path;

use super::Report;
use super::site::{read_json, read_manifest};
use crate::lock::{MANIFEST_FILE, Manifest};

/// Rebuilds the site in `site` from the content of the repository at `root`, as of the date
/// its manifest records (with drafts if it is a preview, at `base_url` or site.toml's), into
/// a private temporary folder, and compares the two: builds are deterministic, so the same
/// content gives the same bytes. With [`verify_site`] (every file against the manifest), a
/// rebuilt manifest equal to the site's proves that every page says what the hashed content
/// says.
pub fn verify_rebuild(root: &Path, site: &Path, base_url: Option<String>) -> Report {
    let mut r = Report::default();
    let Some(manifest) = read_manifest(site, &mut r) else {
        return r;
    };
    let Some(as_of) = manifest.as_of.as_deref().and_then(|d| d.parse().ok()) else {
        r.fail(format!(
            "{MANIFEST_FILE} records no date the site was built for: it cannot be rebuilt"
        ));
        return r;
    };
    let tmp = match tempfile::tempdir() {
        Ok(t) => t,
        Err(e) => {
            r.fail(format!("cannot create a folder to rebuild in: {e}"));
            return r;
        }
    };
    let rebuilt = match rebuild(root, &tmp.path().join("site"), &manifest, as_of, base_url) {
        Ok(m) => m,
        Err(why) => {
            r.fail(why);
            return r;
        }
    };
    compare(
        &manifest,
        &rebuilt,
        &format!("the content as of {as_of}"),
        &mut r,
    );
    r
}

/// Builds the content of `root` as of `as_of` into `out`, as the site whose manifest is
/// `manifest` was built (a preview if it is one), and reads the new manifest.
pub(super) fn rebuild(
    root: &Path,
    out: &Path,
    manifest: &Manifest,
    as_of: crate::values::Date,
    base_url: Option<String>,
) -> Result<Manifest, String> {
    let options = crate::ops::build::BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        selection: crate::project::Selection {
            drafts: manifest.preview,
            as_of,
            base_url,
        },
        // A proof takes nothing from an earlier build.
        fresh: true,
    };
    if let Err(e) =
        crate::ops::build::build(&options, &mut crate::ops::build::BuildCache::default())
    {
        let why = match e {
            crate::ops::build::BuildError::Content(d) => {
                d.0.first()
                    .map_or_else(String::new, crate::error::Diagnostic::field_message)
            }
            crate::ops::build::BuildError::Output(e) => e.to_string(),
        };
        return Err(format!("the content cannot be rebuilt: {why}"));
    }
    read_json::<Manifest>(out, Path::new(MANIFEST_FILE))
        .map_err(|e| format!("the rebuilt {MANIFEST_FILE}: {e}"))
}

/// Every file of the site's manifest against the rebuilt one's.
/// `made_from` says what the rebuild was made from, e.g. `the content as of 2026-04-01`.
pub(super) fn compare(manifest: &Manifest, rebuilt: &Manifest, made_from: &str, r: &mut Report) {
    let mut differences = 0;
    for (path, hash) in &manifest.files {
        match rebuilt.files.get(path) {
            Some(h) if h == hash => {}
            Some(_) => {
                differences += 1;
                r.fail(format!(
                    "{path} is not what {made_from} gives: the page was changed after the build, or built from other content"
                ));
            }
            None => {
                differences += 1;
                r.fail(format!(
                    "{path} is on the site, but {made_from} gives no such file"
                ));
            }
        }
    }
    for path in rebuilt.files.keys() {
        if !manifest.files.contains_key(path) {
            differences += 1;
            r.fail(format!("{path} is missing: {made_from} gives it"));
        }
    }
    if manifest.chain_head != rebuilt.chain_head {
        differences += 1;
        r.fail(format!(
            "the site's chain head {} is not the repository's {}",
            manifest.chain_head, rebuilt.chain_head
        ));
    }
    if differences == 0 {
        r.ok.push(format!(
            "all {} files are identical to a rebuild from {made_from}",
            manifest.files.len()
        ));
    }
}
