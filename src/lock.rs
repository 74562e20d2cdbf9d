//! Published versions: the canonical form of a version, its content hash, and the hash chain of
//! `kohyo.lock`.
//!
//! Pure functions over the model and the lock's text; reading and writing the files is done by
//! the commands. The canonical form is specified in docs/history.md so that anyone can
//! recompute a hash without kohyo.

use serde::{Deserialize, Serialize};

use crate::hash::sha256;
use crate::model::{Notice, Version};
use crate::values::VersionId;

/// The lock file at the site root.
pub const LOCK_FILE: &str = "kohyo.lock";
/// Where snapshots of published versions are kept (canonical JSON, one file per version), so
/// that a changed published version can be shown as a diff.
pub const SNAPSHOT_DIR: &str = "content/published";
/// The `format` of the lock file.
pub const LOCK_FORMAT: u32 = 1;

/// `kohyo.lock`: the published versions, in the order they were published.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// Always 1.
    pub format: u32,
    /// The entries, oldest first.
    #[serde(default)]
    pub published: Vec<Entry>,
}

/// One published version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The document the version belongs to, on a site of several documents
    /// (`content/documents/<document>/`); absent on a site of one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The version id.
    pub id: String,
    /// Its effective date.
    pub effective: String,
    /// `sha256:` of the canonical form of its content.
    pub content_hash: String,
    /// The `chain_hash` of the entry before (empty for the first).
    pub previous: String,
    /// `sha256:` of this entry chained to the one before.
    pub chain_hash: String,
    /// The publisher's SSH signature of `chain_hash` (`kohyo publish --sign`; the `sshsig`
    /// format of `ssh-keygen -Y sign`, namespace `kohyo`, over `kohyo-chain-head/1\n<chain
    /// hash>\n`). Not part of the chain: checked with `kohyo verify --trusted-key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// The warnings of `kohyo check` the publisher accepted (`kohyo publish
    /// --accept-warnings`), each as `rule field`. Not part of the chain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_warnings: Vec<String>,
    /// Set when the version was published after its effective date (`kohyo publish
    /// --retroactive REASON`): the day it was published and why. Not part of the chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retroactive: Option<Retroactive>,
}

/// Why a version was published after it took effect, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retroactive {
    /// The day of publication, in Japan (YYYY-MM-DD).
    pub published_on: String,
    /// Why, e.g. 「従来のホームページで公表済み」.
    pub reason: String,
}

/// The canonical form of a version's content: the JSON of the notice (as in `notice.json`,
/// without `format` and `id`), with object keys sorted, no insignificant whitespace, and the
/// editing-only key `file` of text blocks left out. See docs/history.md.
pub fn canonical_json(notice: &Notice) -> String {
    let mut value = serde_json::to_value(notice).expect("model types always serialise to JSON");
    strip_file_keys(&mut value);
    // serde_json's Map is a BTreeMap (no `preserve_order`): keys come out sorted.
    serde_json::to_string(&value).expect("JSON values always serialise")
}

fn strip_file_keys(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if map.get("type").and_then(|t| t.as_str()) == Some("text") {
                map.remove("file");
            }
            map.values_mut().for_each(strip_file_keys);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_file_keys),
        _ => {}
    }
}

/// `sha256:<hex>` of the canonical form.
pub fn content_hash(notice: &Notice) -> String {
    sha256(canonical_json(notice).as_bytes())
}

/// The chain hash of an entry: `sha256("kohyo-chain/1\n" + previous + "\n" + id + "\n" +
/// effective + "\n" + content_hash)`, where `id` is `<document>/<id>` for a version of one of
/// several documents.
pub fn chain_hash(
    previous: &str,
    document: Option<&str>,
    id: &str,
    effective: &str,
    content_hash: &str,
) -> String {
    let id = match document {
        Some(doc) => format!("{doc}/{id}"),
        None => id.to_owned(),
    };
    sha256(format!("kohyo-chain/1\n{previous}\n{id}\n{effective}\n{content_hash}").as_bytes())
}

/// A problem with the lock's chain itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainProblem {
    /// Index of the entry.
    pub index: usize,
    /// What is wrong.
    pub message: String,
}

impl Lock {
    /// The entry of `id` of `document`, if published.
    pub fn entry(&self, document: Option<&str>, id: VersionId) -> Option<&Entry> {
        let id = id.to_string();
        self.published
            .iter()
            .find(|e| e.id == id && e.document.as_deref() == document)
    }

    /// The entries of one document (all of them on a site of one document), in the order of
    /// publication.
    pub fn entries_of<'a>(&'a self, document: Option<&'a str>) -> impl Iterator<Item = &'a Entry> {
        self.published
            .iter()
            .filter(move |e| e.document.as_deref() == document)
    }

    /// How an entry is named in messages: `2024-04-01`, or `policy/2024-04-01`.
    pub fn name_of(entry: &Entry) -> String {
        match &entry.document {
            Some(doc) => format!("{doc}/{}", entry.id),
            None => entry.id.clone(),
        }
    }

    /// The last chain hash (the head of the chain), empty when nothing is published.
    pub fn head(&self) -> &str {
        self.published.last().map_or("", |e| e.chain_hash.as_str())
    }

    /// Checks that every entry links to the one before, that its chain hash is right, and that
    /// no version is published twice. Entries are in the order of publication, which need not
    /// be the order of effective dates (an urgent correction may be published after a version
    /// scheduled for later).
    pub fn check_chain(&self) -> Vec<ChainProblem> {
        let mut problems = Vec::new();
        if self.format != LOCK_FORMAT {
            problems.push(ChainProblem {
                index: 0,
                message: format!(
                    "the lock has format {}; this kohyo reads format {LOCK_FORMAT}",
                    self.format
                ),
            });
        }
        let mut previous = "";
        let mut seen = std::collections::HashSet::new();
        for (i, e) in self.published.iter().enumerate() {
            let problem = |message| ChainProblem { index: i, message };
            problems.extend(
                entry_problems(e, previous, &mut seen)
                    .into_iter()
                    .map(problem),
            );
            previous = &e.chain_hash;
        }
        problems
    }

    /// Appends `version` of `document` as published: the chain is in the order of publication.
    pub fn publish(&mut self, document: Option<&str>, version: &Version) -> Result<&Entry, String> {
        if self.entry(document, version.id).is_some() {
            return Err(format!("{} is already published", version.id));
        }
        let id = version.id.to_string();
        let effective = version.id.date.to_string();
        let content_hash = content_hash(&version.notice);
        let previous = self.head().to_owned();
        let chain_hash = chain_hash(&previous, document, &id, &effective, &content_hash);
        self.published.push(Entry {
            document: document.map(str::to_owned),
            id,
            effective,
            content_hash,
            previous,
            chain_hash,
            signature: None,
            accepted_warnings: Vec::new(),
            retroactive: None,
        });
        Ok(self.published.last().expect("just pushed"))
    }

    /// The lock as TOML, with a header saying what it is.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).expect("the lock always serialises");
        format!(
            "# kohyo.lock: the published versions of this notice and their SHA-256 hash chain.\n\
             # Written by `kohyo publish`; do not edit. Check it with `kohyo verify`.\n\n{body}"
        )
    }
}

/// What is wrong with the entry `e`, published after the entry whose chain hash is
/// `previous`; `seen` holds the versions of the entries before it.
fn entry_problems(
    e: &Entry,
    previous: &str,
    seen: &mut std::collections::HashSet<(Option<String>, VersionId)>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let name = Lock::name_of(e);
    if e.previous != previous {
        problems.push(format!(
            "entry {name} says the entry before it is {}, but it is {}",
            or_none(&e.previous),
            or_none(previous)
        ));
    }
    let expected = chain_hash(
        &e.previous,
        e.document.as_deref(),
        &e.id,
        &e.effective,
        &e.content_hash,
    );
    if e.chain_hash != expected {
        problems.push(format!(
            "entry {name} has chain hash {}, but its fields give {expected}: the entry was edited",
            e.chain_hash
        ));
    }
    if let Some(doc) = &e.document
        && !crate::model::is_document_name(doc)
    {
        problems.push(format!(
            "entry {name} names document `{doc}`, which is not a document folder name"
        ));
    }
    match e.id.parse::<VersionId>() {
        Ok(id) => {
            if !seen.insert((e.document.clone(), id)) {
                problems.push(format!("entry {name} is published twice"));
            }
            if id.date.to_string() != e.effective {
                problems.push(format!(
                    "entry {name} records effective date {}",
                    e.effective
                ));
            }
        }
        Err(err) => problems.push(err),
    }
    problems
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}

/// The machine-readable manifest of a built site (`manifest.json`), written last: the
/// published versions and their chain, and the SHA-256 of every other file of the site, so that
/// `kohyo verify --site` can check what readers see with nothing but the site. The digest of
/// `manifest.json` itself is what a person records (board minutes, an audit report).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// `kohyo-manifest/2` (`/1` had no `as_of`, `preview` or `files`).
    pub format: String,
    /// The date the site was built for (it decides which version is current).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// A preview that includes drafts: never to be deployed.
    #[serde(default)]
    pub preview: bool,
    /// The kohyo that rendered the pages (`kohyo 0.4.0`): its built-in theme is part of them,
    /// so only it can render them again to prove them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<String>,
    /// The head of the chain (empty when nothing is published).
    pub chain_head: String,
    /// The published versions, oldest first, as in the lock.
    pub versions: Vec<Entry>,
    /// Every file of the site but this one, by path (with `/`), with its `sha256:`.
    #[serde(default)]
    pub files: std::collections::BTreeMap<String, String>,
}

/// The `format` of `manifest.json`.
pub const MANIFEST_FORMAT: &str = "kohyo-manifest/2";

/// The `format` of manifests written before they listed files.
pub const MANIFEST_FORMAT_1: &str = "kohyo-manifest/1";

/// This kohyo, as a manifest's `generator` names it.
pub const GENERATOR: &str = concat!("kohyo ", env!("CARGO_PKG_VERSION"));

/// The name of the manifest at the root of a built site.
pub const MANIFEST_FILE: &str = crate::address::MANIFEST;

impl Manifest {
    /// The manifest of a site built for `as_of` from `lock` (none: nothing published), with
    /// the hashes of its files.
    pub fn new(
        lock: Option<&Lock>,
        as_of: &str,
        preview: bool,
        files: std::collections::BTreeMap<String, String>,
    ) -> Self {
        Manifest {
            format: MANIFEST_FORMAT.to_owned(),
            as_of: Some(as_of.to_owned()),
            preview,
            generator: Some(GENERATOR.to_owned()),
            chain_head: lock.map_or("", Lock::head).to_owned(),
            versions: lock.map(|l| l.published.clone()).unwrap_or_default(),
            files,
        }
    }

    /// The manifest as written: pretty JSON ending in a newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("the manifest always serialises");
        bytes.push(b'\n');
        bytes
    }

    /// The versions as a lock, to check their chain.
    pub fn as_lock(&self) -> Lock {
        Lock {
            format: LOCK_FORMAT,
            published: self.versions.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(date: &str, summary: &str) -> Version {
        let text = format!(
            "effective = {date}\nsummary = \"{summary}\"\ntitle = \"t\"\n[[sections]]\nheading = \"h\"\n"
        );
        Version {
            id: date.parse().unwrap(),
            notice: toml::from_str(&text).unwrap(),
            origin: None,
            files: Vec::new(),
        }
    }

    #[test]
    fn canonical_form_sorts_keys_and_drops_whitespace() {
        let v = version("2024-04-01", "s");
        assert_eq!(
            canonical_json(&v.notice),
            r#"{"effective":"2024-04-01","sections":[{"blocks":[],"heading":"h"}],"summary":"s","title":"t"}"#
        );
    }

    #[test]
    fn a_chain_of_published_versions_checks_out_and_an_edit_breaks_it() {
        let mut lock = Lock {
            format: 1,
            published: vec![],
        };
        lock.publish(None, &version("2024-04-01", "a")).unwrap();
        lock.publish(None, &version("2025-04-01", "b")).unwrap();
        assert!(lock.check_chain().is_empty());
        // Publication order is not effective order: a correction effective before a scheduled
        // version is published after it; a version is published once.
        assert!(lock.publish(None, &version("2024-10-01", "c")).is_ok());
        assert!(lock.publish(None, &version("2024-10-01", "c")).is_err());
        assert!(lock.check_chain().is_empty());
        let text = lock.to_toml();
        let back: Lock = toml::from_str(&text).unwrap();
        assert_eq!(back, lock);

        let mut edited = lock.clone();
        edited.published[0].content_hash = content_hash(&version("2024-04-01", "x").notice);
        let problems = edited.check_chain();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("the entry was edited"));
    }
}
