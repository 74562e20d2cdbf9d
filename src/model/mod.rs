//! The notice as data: owned, validated types for a site, its documents and their versions.
//!
//! These types are what `site.toml`, `document.toml` and `content/versions/<id>/notice.toml`
//! deserialise into, and what `notice.json` serialises from. They do no I/O and know nothing of
//! HTML or templates. A [`Version`] keeps the [`Origin`](crate::source::Origin) it was read
//! from (the file and the positions of its values), so that later stages can point at a
//! field; the blocks of a notice are [`crate::blocks`], the values they are made of
//! [`crate::values`].

pub mod config;
pub mod notice;
pub mod notice_json;
pub mod place;
pub mod site_source;
pub mod version;

pub use config::{
    Appearance, Appi, DocumentConfig, DocumentKind, DocumentMeta, HeaderLink, Home, Organization,
    SiteConfig, is_document_name,
};
pub use notice::{ATTACHMENT_KINDS, Attachment, BlockAt, MAX_SECTION_DEPTH, Notice, Section};
pub use site_source::{SOURCE_FORMAT, SiteSource, SourceDocument};
pub use version::{Document, Status, Version};
