//! View models: what templates see. Markdown is already HTML here (rendered by
//! [`crate::markdown`], which neutralises raw HTML and unsafe links); every other string is plain
//! text that Tera escapes.

use serde::Serialize;

use crate::blocks::BlockView;
use crate::history::Publication;
use crate::markdown::to_html;
use crate::model::{Cell, Date, Item, Marker, Notice, Status, Version};

/// One version as shown on a page.
#[derive(Serialize)]
pub struct VersionView {
    /// `2024-04-01`.
    pub id: String,
    /// `2024-04-01`.
    pub effective: String,
    /// `2024年4月1日`.
    pub effective_ja: String,
    /// The one-line summary.
    pub summary: String,
    /// The notice's title.
    pub title: String,
    /// superseded / current / scheduled.
    pub status: Status,
    /// Not published: shown only in a preview, marked 草案.
    pub draft: bool,
    /// `sha256:` of the published content (版の指紋).
    pub fingerprint: Option<String>,
    /// The sections.
    pub sections: Vec<SectionView>,
}

/// A section.
#[derive(Serialize)]
pub struct SectionView {
    anchor: String,
    number: Option<String>,
    heading: String,
    blocks: Vec<BlockView>,
}

/// A list: its items, each with its marker text; numbered lists are `<ol>`.
#[derive(Serialize)]
pub(crate) struct ListView {
    ordered: bool,
    /// No marker at all (`marker = "none"`).
    plain: bool,
    items: Vec<ItemView>,
}

/// A list item with its marker text, its body and its own sub-list.
#[derive(Serialize)]
pub(crate) struct ItemView {
    marker: Option<String>,
    html: String,
    body_html: Option<String>,
    id: Option<String>,
    list: Option<ListView>,
}

/// A cell: one text, or points.
#[derive(Serialize)]
pub(crate) struct CellView {
    points: bool,
    items: Vec<String>,
}

/// What building a view needs besides the block: where the page is.
pub(crate) struct ViewCx<'a> {
    /// The relative path from the page to the site root (`""`, `"../../"`).
    pub root: &'a str,
}

impl ViewCx<'_> {
    /// Markdown as safe HTML; `inline` for one paragraph without `<p>`.
    pub(crate) fn markdown(&self, text: &str, inline: bool) -> String {
        to_html(text, self.root, inline)
    }

    /// A list with its markers, numbered from `start`, its items' bodies and sub-lists.
    pub(crate) fn list(&self, marker: &Marker, start: Option<u32>, items: &[Item]) -> ListView {
        let start = start.unwrap_or(1) as usize;
        ListView {
            ordered: marker.is_ordered(),
            plain: *marker == Marker::None,
            items: items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let table = item.table();
                    ItemView {
                        marker: marker.label(start + i),
                        html: self.markdown(item.text(), true),
                        body_html: table
                            .and_then(|t| t.body.as_deref())
                            .map(|b| self.markdown(b, false)),
                        id: table.and_then(|t| t.id.clone()),
                        list: table.filter(|t| !t.items.is_empty()).map(|t| {
                            self.list(&t.marker.clone().unwrap_or_default(), t.start, &t.items)
                        }),
                    }
                })
                .collect(),
        }
    }

    /// A table cell or field value.
    pub(crate) fn cell(&self, c: &Cell) -> CellView {
        CellView {
            points: matches!(c, Cell::Points(_)),
            items: c.texts().iter().map(|t| self.markdown(t, true)).collect(),
        }
    }
}

/// Builds the view of a version. `root` is the relative path from the page to the site root.
pub fn version_view(
    version: &Version,
    status: Status,
    publication: &Publication,
    root: &str,
) -> VersionView {
    let n: &Notice = &version.notice;
    let cx = ViewCx { root };
    VersionView {
        draft: *publication == Publication::Draft,
        fingerprint: match publication {
            Publication::Published { content_hash, .. } => Some(content_hash.clone()),
            _ => None,
        },
        id: version.id.to_string(),
        effective: n.effective.to_string(),
        effective_ja: n.effective.japanese(),
        summary: n.summary.clone(),
        title: n.title.clone(),
        status,
        sections: n
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| SectionView {
                anchor: s.anchor(i),
                number: s.number.clone(),
                heading: s.heading.clone(),
                blocks: s.blocks.iter().map(|b| b.view(&cx)).collect(),
            })
            .collect(),
    }
}

/// `tel:` address of a Japanese phone number as written (`022-235-5896` → `tel:0222355896`).
pub fn phone_href(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '+' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect();
    (digits.len() >= 3).then(|| format!("tel:{digits}"))
}

/// A row of the change history.
#[derive(Serialize)]
pub struct HistoryEntry {
    /// The version id.
    pub id: String,
    /// `2024年4月1日`.
    pub effective_ja: String,
    /// `2024-04-01`.
    pub effective: String,
    /// The last day it was in force (`None` while current or scheduled).
    pub until_ja: Option<String>,
    /// `2025-03-31`.
    pub until: Option<String>,
    /// The summary.
    pub summary: String,
    /// superseded / current / scheduled.
    pub status: Status,
    /// Number of changes against the version before (none for the first version).
    pub changes: Option<usize>,
    /// Not published (previews only).
    pub draft: bool,
}

/// The history, newest first. `changes[i]` is the number of changes of version `i` against the
/// one before it.
pub fn history(
    versions: &[std::sync::Arc<Version>],
    statuses: &[Status],
    changes: &[Option<usize>],
    publication: &[Publication],
) -> Vec<HistoryEntry> {
    let mut entries: Vec<HistoryEntry> = versions
        .iter()
        .zip(statuses)
        .enumerate()
        .map(|(i, (v, status))| {
            let until: Option<Date> = match status {
                Status::Superseded => versions.get(i + 1).map(|next| {
                    if next.id.date == v.id.date {
                        v.id.date
                    } else {
                        next.id.date.pred().unwrap_or(next.id.date)
                    }
                }),
                _ => None,
            };
            HistoryEntry {
                id: v.id.to_string(),
                effective_ja: v.id.date.japanese(),
                effective: v.id.date.to_string(),
                until_ja: until.map(Date::japanese),
                until: until.map(|d| d.to_string()),
                summary: v.notice.summary.clone(),
                status: *status,
                changes: changes.get(i).copied().flatten(),
                draft: publication.get(i) == Some(&Publication::Draft),
            }
        })
        .collect();
    entries.reverse();
    entries
}
