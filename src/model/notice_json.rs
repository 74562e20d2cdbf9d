//! `versions/<id>/notice.json`, a version's content as published: the one writer and the one
//! reader of the format (docs/history.md). What an auditor has of a deployed site is this file;
//! `kohyo diff` and `kohyo verify` read it back with [`read`].

use serde::Serialize;

use super::{Notice, Version};
use crate::values::VersionId;

/// The `format` value of `notice.json`.
pub const FORMAT: &str = "kohyo-notice/1";

/// `notice.json`: a version's content, machine-readable. Its shape is documented in
/// docs/content.md and versioned by `format`.
/// `versions/<id>/notice.json`: a version's content as published (docs/history.md).
#[derive(Serialize, schemars::JsonSchema)]
pub struct NoticeJson<'a> {
    /// `kohyo-notice/1`.
    format: &'static str,
    /// The version id.
    id: String,
    /// Present, and true, on a sample site (kohyo's example, a demonstration): not a real
    /// notice. Not part of the content hash.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sample: bool,
    #[serde(flatten)]
    notice: &'a Notice,
}

/// The `notice.json` of a version (of a sample site, with `sample`): pretty-printed, keys in a
/// fixed order, ending in a newline.
pub fn write(version: &Version, sample: bool) -> Vec<u8> {
    let doc = NoticeJson {
        format: FORMAT,
        id: version.id.to_string(),
        sample,
        notice: &version.notice,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("model types always serialise to JSON");
    bytes.push(b'\n');
    bytes
}

/// Why a `notice.json` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum NoticeJsonError {
    /// Not JSON at all.
    #[error("not valid JSON: {0}")]
    Json(serde_json::Error),
    /// JSON, but not an object.
    #[error("not a JSON object")]
    NotAnObject,
    /// Another format, or none.
    #[error("not a kohyo notice.json (format {0:?})")]
    Format(Option<String>),
    /// No id, or not a version id.
    #[error("it has no id")]
    NoId,
    /// An id that is not a version id.
    #[error("{0}")]
    BadId(String),
    /// The content does not have the shape of a notice.
    #[error("{0}")]
    Content(serde_json::Error),
}

/// Reads a `notice.json` back into a version: what an auditor has of a deployed site.
pub fn read(bytes: &[u8]) -> Result<Version, NoticeJsonError> {
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(NoticeJsonError::Json)?;
    let obj = value.as_object_mut().ok_or(NoticeJsonError::NotAnObject)?;
    match obj.remove("format").as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        other => return Err(NoticeJsonError::Format(other.map(str::to_owned))),
    }
    obj.remove("sample");
    let id: VersionId = obj
        .remove("id")
        .and_then(|v| v.as_str().map(str::to_owned))
        .ok_or(NoticeJsonError::NoId)?
        .parse()
        .map_err(NoticeJsonError::BadId)?;
    let notice: Notice = serde_json::from_value(value).map_err(NoticeJsonError::Content)?;
    Ok(Version {
        id,
        notice,
        origin: None,
        files: Vec::new(),
    })
}
