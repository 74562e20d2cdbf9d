//! `kohyo-source.json`: what a built site's pages are made from, besides the published
//! versions (their `notice.json`, covered by the hash chain) and the theme's static files
//! (served as they are). With it, `kohyo verify --site` renders every page again from the
//! site alone and compares bytes: a page changed on the host is found even when its hash in
//! `manifest.json` was changed to agree.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DocumentConfig, SiteConfig};

/// The `format` of `kohyo-source.json`.
pub const SOURCE_FORMAT: &str = "kohyo-source/1";

/// The settings and templates a site was rendered with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteSource {
    /// `kohyo-source/1`.
    pub format: String,
    /// The address the pages were built for (`base_url`, or `--base-url`).
    pub base_url: String,
    /// The site's settings (site.toml).
    pub site: SiteConfig,
    /// The documents of a site of several (their document.toml, by folder name), in the order
    /// of the site.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<SourceDocument>,
    /// The templates of the site's theme that are not the built-in ones of the kohyo that
    /// rendered the site (`manifest.json`'s `generator`), by path under `templates/`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub templates: BTreeMap<String, String>,
    /// The theme's static files, by their path on the site (their bytes are the site's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub static_files: Vec<String>,
}

/// One document of a site of several.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// Its folder's name under `content/documents/`.
    pub name: String,
    /// Its document.toml.
    pub config: DocumentConfig,
}

impl SiteSource {
    /// The file as written: pretty JSON ending in a newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("the source always serialises");
        bytes.push(b'\n');
        bytes
    }
}
