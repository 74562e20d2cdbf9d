//! View models: what templates see. Markdown is already HTML here (rendered by
//! [`crate::markdown`], which neutralises raw HTML and unsafe links); every other string is plain
//! text that Tera escapes.

use serde::Serialize;

use crate::blocks::BlockView;
use crate::history::Publication;
use crate::markdown::{Links, to_html_with};
use crate::model::{Block, Cell, Date, DateStyle, Item, Marker, Notice, Section, Status, Version};

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
    /// Blocks above the title.
    pub(crate) front: Vec<BlockView>,
    /// Blocks between the title and the first section.
    pub(crate) preamble: Vec<BlockView>,
    /// The body in document order: each section opens, shows its blocks, its sub-sections and
    /// its closing blocks, and closes (a flat list, so that templates need no recursion).
    pub(crate) parts: Vec<Part>,
    /// Every section's heading, for a table of contents.
    pub sections: Vec<SectionView>,
}

/// A section's heading: where it is and how deep.
#[derive(Clone, Serialize)]
pub struct SectionView {
    anchor: String,
    number: Option<String>,
    heading: String,
    /// The heading's level: 2 for a top-level section, up to 5.
    level: usize,
}

/// One step of a version's body.
#[derive(Serialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub(crate) enum Part {
    /// A section begins: `<section>` and its heading.
    Open(SectionView),
    /// A block.
    Block {
        /// The block's view.
        block: BlockView,
    },
    /// A section ends.
    Close,
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

/// A cell: one text, or points (marked as a list when the table or record has a marker).
#[derive(Serialize)]
pub(crate) struct CellView {
    points: bool,
    items: Vec<String>,
    list: Option<ListView>,
}

/// What building a view needs besides the block: where the page is, how dates are written.
pub(crate) struct ViewCx<'a> {
    /// The relative path from the page to the site root (`""`, `"../../"`).
    pub root: &'a str,
    /// Put before every section anchor, so that several notices fit on one page.
    pub anchor_prefix: &'a str,
    /// How dates are written.
    pub date_style: DateStyle,
    /// The relative path from the page to the version's folder, where its attachments are.
    pub files: &'a str,
    /// The names of the version's attachments.
    pub attachments: &'a [String],
}

impl ViewCx<'_> {
    /// Markdown as safe HTML; `inline` for one paragraph without `<p>`.
    pub(crate) fn markdown(&self, text: &str, inline: bool) -> String {
        to_html_with(
            text,
            &Links {
                root: self.root,
                anchor_prefix: self.anchor_prefix,
                files: self.files,
                attachments: self.attachments,
            },
            inline,
        )
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
                        id: table
                            .and_then(|t| t.id.as_ref())
                            .map(|id| format!("{}{id}", self.anchor_prefix)),
                        list: table.filter(|t| !t.items.is_empty()).map(|t| {
                            self.list(&t.marker.clone().unwrap_or_default(), t.start, &t.items)
                        }),
                    }
                })
                .collect(),
        }
    }

    /// A table cell or field value; its points are marked with `marker` when there is one.
    pub(crate) fn cell(&self, c: &Cell, marker: Option<&Marker>) -> CellView {
        let list = match (c, marker) {
            (Cell::Points(points), Some(m)) => {
                let items: Vec<Item> = points.iter().map(|p| Item::Text(p.clone())).collect();
                Some(self.list(m, None, &items))
            }
            _ => None,
        };
        CellView {
            points: matches!(c, Cell::Points(_)),
            items: c.texts().iter().map(|t| self.markdown(t, true)).collect(),
            list,
        }
    }
}

/// Builds the view of a version. `root` is the relative path from the page to the site root.
pub fn version_view(
    version: &Version,
    status: Status,
    publication: &Publication,
    root: &str,
    anchor_prefix: &str,
    date_style: DateStyle,
    files: &str,
) -> VersionView {
    let n: &Notice = &version.notice;
    let attachments: Vec<String> = n.attachments.iter().map(|a| a.name.clone()).collect();
    let cx = ViewCx {
        root,
        anchor_prefix,
        date_style,
        files,
        attachments: &attachments,
    };
    let mut parts = Vec::new();
    let mut sections = Vec::new();
    section_parts(&cx, &n.sections, None, 2, &mut parts, &mut sections);
    VersionView {
        draft: *publication == Publication::Draft,
        fingerprint: match publication {
            Publication::Published { content_hash, .. } => Some(content_hash.clone()),
            _ => None,
        },
        id: version.id.to_string(),
        effective: n.effective.to_string(),
        effective_ja: n.effective.japanese_in(date_style),
        summary: n.summary.clone(),
        title: n.title.clone(),
        status,
        front: n.front.iter().map(|b| b.view(&cx)).collect(),
        preamble: n.preamble.iter().map(|b| b.view(&cx)).collect(),
        parts,
        sections,
    }
}

/// The parts of `sections` (at heading `level`), in document order.
fn section_parts(
    cx: &ViewCx<'_>,
    sections: &[Section],
    parent: Option<&str>,
    level: usize,
    parts: &mut Vec<Part>,
    headings: &mut Vec<SectionView>,
) {
    for (i, s) in sections.iter().enumerate() {
        let heading = SectionView {
            anchor: format!("{}{}", cx.anchor_prefix, s.anchor_under(parent, i)),
            number: s.number.clone(),
            heading: s.heading.clone(),
            level,
        };
        headings.push(heading.clone());
        parts.push(Part::Open(heading));
        let block = |b: &Block| Part::Block { block: b.view(cx) };
        parts.extend(s.blocks.iter().map(block));
        let positional = match parent {
            Some(p) => format!("{p}-{}", i + 1),
            None => format!("section-{}", i + 1),
        };
        section_parts(
            cx,
            &s.sections,
            Some(&positional),
            level + 1,
            parts,
            headings,
        );
        parts.extend(s.closing.iter().map(block));
        parts.push(Part::Close);
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
    date_style: DateStyle,
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
                effective_ja: v.id.date.japanese_in(date_style),
                effective: v.id.date.to_string(),
                until_ja: until.map(|d| d.japanese_in(date_style)),
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
