//! A version (its id and content, with where it was read from) and a document (its settings
//! and its versions, oldest first), with where each version stands on a date.

use std::sync::Arc;

use serde::Serialize;

use super::config::{DocumentMeta, SiteConfig};
use super::notice::Notice;
use crate::source::Origin;
use crate::values::{Date, VersionId};

/// A version of the notice with its id.
#[derive(Clone, Debug)]
pub struct Version {
    /// The id (= directory name = address).
    pub id: VersionId,
    /// The content.
    pub notice: Notice,
    /// The `notice.toml` it was loaded from, with positions (none for a version read from a
    /// snapshot or from JSON).
    pub origin: Option<Arc<Origin>>,
    /// The bytes of its attachments, in the order of `notice.attachments` (empty for a version
    /// read from a snapshot or from JSON).
    pub files: Vec<Arc<[u8]>>,
}

impl PartialEq for Version {
    /// Two versions are equal when their ids and contents are; where they were read from does
    /// not matter.
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.notice == other.notice
    }
}

/// One document of a site (the whole site, on a site of one document): its settings and its
/// versions, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// `site.toml`, with the document's own title, kind and description on a site of several.
    pub config: SiteConfig,
    /// Every version, sorted by id (effective date, then sequence). Shared, so that `serve`
    /// can keep unchanged versions between rebuilds without copying them.
    pub versions: Vec<Arc<Version>>,
    /// Which document this is, on a site of several (`config` then carries the document's
    /// title, kind and description).
    pub meta: Option<DocumentMeta>,
}

/// Where a version stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force before the current one; superseded.
    Superseded,
    /// In force on the as-of date.
    Current,
    /// Takes effect after the as-of date.
    Scheduled,
}

impl Document {
    /// The address of the document's pages relative to the site root: `""`, or `"<doc>/"`.
    pub fn prefix(&self) -> String {
        crate::address::document_folder(self.document_name())
    }

    /// The document's name, on a site of several.
    pub fn document_name(&self) -> Option<&str> {
        self.meta.as_ref().map(|d| d.name.as_str())
    }

    /// Index of the version in force on `as_of`: the latest whose effective date is not after it.
    pub fn current_index(&self, as_of: Date) -> Option<usize> {
        self.versions.iter().rposition(|v| v.id.date <= as_of)
    }

    /// Status of every version on `as_of`, in the order of `versions`.
    pub fn statuses(&self, as_of: Date) -> Vec<Status> {
        let current = self.current_index(as_of);
        (0..self.versions.len())
            .map(|i| match current {
                Some(c) if i == c => Status::Current,
                Some(c) if i < c => Status::Superseded,
                _ => Status::Scheduled,
            })
            .collect()
    }
}
