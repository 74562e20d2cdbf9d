//! View models: what templates see. Markdown is already HTML here (rendered by
//! [`crate::markdown`], which neutralises raw HTML and unsafe links); every other string is plain
//! text that Tera escapes.

use serde::Serialize;

use crate::history::Publication;
use crate::markdown::to_html;
use crate::model::{
    Block, Cell, Contact, ContactRole, Date, ListBlock, Marker, MeasuresBlock, NoteBlock, Notice,
    OrganizationBlock, Person, PurposeLayout, PurposesBlock, RecordsBlock, Status, TableBlock,
    TextBlock, Version,
};

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

/// A list item with its marker text.
#[derive(Serialize)]
struct ItemView {
    marker: Option<String>,
    html: String,
}

/// A cell: one text, or points.
#[derive(Serialize)]
struct CellView {
    points: bool,
    items: Vec<String>,
}

#[derive(Serialize)]
struct PurposeRowView {
    category: String,
    purposes: Vec<String>,
}

#[derive(Serialize)]
struct MeasureRowView {
    category: String,
    html: String,
}

#[derive(Serialize)]
struct FieldView {
    label: String,
    value: CellView,
}

#[derive(Serialize)]
struct RecordView {
    title: Option<String>,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct ContactView {
    role: ContactRole,
    name: String,
    department: Option<String>,
    postal_code: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    phone_href: Option<String>,
    fax: Option<String>,
    email: Option<String>,
    hours: Option<String>,
    url: Option<String>,
    note_html: Option<String>,
}

/// A block, tagged by `type` as in the TOML.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum BlockView {
    Text {
        html: String,
    },
    Note {
        mark: String,
        html: String,
        ordered: bool,
        items: Vec<ItemView>,
    },
    List {
        ordered: bool,
        items: Vec<ItemView>,
    },
    Purposes {
        category_label: String,
        purposes_label: String,
        inline: bool,
        separator: String,
        rows: Vec<PurposeRowView>,
    },
    Measures {
        category_label: Option<String>,
        text_label: Option<String>,
        rows: Vec<MeasureRowView>,
    },
    Contact(ContactView),
    Organization {
        name: String,
        postal_code: Option<String>,
        address: Option<String>,
        people: Vec<Person>,
    },
    Records {
        records: Vec<RecordView>,
    },
    Table {
        caption: Option<String>,
        columns: Vec<String>,
        row_headers: bool,
        rows: Vec<Vec<CellView>>,
    },
}

/// Builds the view of a version. `root` is the relative path from the page to the site root.
pub fn version_view(
    version: &Version,
    status: Status,
    publication: &Publication,
    root: &str,
) -> VersionView {
    let n: &Notice = &version.notice;
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
                blocks: s.blocks.iter().map(|b| block_view(b, root)).collect(),
            })
            .collect(),
    }
}

fn items(marker: Marker, items: &[String], root: &str) -> Vec<ItemView> {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| ItemView {
            marker: marker.label(i + 1),
            html: to_html(t, root, true),
        })
        .collect()
}

fn cell(c: &Cell, root: &str) -> CellView {
    CellView {
        points: matches!(c, Cell::Points(_)),
        items: c.texts().iter().map(|t| to_html(t, root, true)).collect(),
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

fn contact_view(c: &Contact, root: &str) -> ContactView {
    ContactView {
        role: c.role,
        name: c.name.clone(),
        department: c.department.clone(),
        postal_code: c.postal_code.clone(),
        address: c.address.clone(),
        phone_href: c.phone.as_deref().and_then(phone_href),
        phone: c.phone.clone(),
        fax: c.fax.clone(),
        email: c.email.clone(),
        hours: c.hours.clone(),
        url: c.url.clone(),
        note_html: c.note.as_deref().map(|t| to_html(t, root, true)),
    }
}

fn organization_view(o: &OrganizationBlock) -> BlockView {
    BlockView::Organization {
        name: o.name.clone(),
        postal_code: o.postal_code.clone(),
        address: o.address.clone(),
        people: o
            .representative
            .iter()
            .chain(&o.officers)
            .cloned()
            .collect(),
    }
}

fn block_view(block: &Block, root: &str) -> BlockView {
    match block {
        Block::Text(TextBlock { text, .. }) => BlockView::Text {
            html: to_html(text, root, false),
        },
        Block::Note(NoteBlock {
            mark,
            text,
            marker,
            items: list,
        }) => BlockView::Note {
            mark: mark.clone(),
            html: to_html(text, root, true),
            ordered: marker.is_ordered(),
            items: items(*marker, list, root),
        },
        Block::List(ListBlock {
            marker,
            items: list,
        }) => BlockView::List {
            ordered: marker.is_ordered(),
            items: items(*marker, list, root),
        },
        Block::Purposes(PurposesBlock {
            category_label,
            purposes_label,
            layout,
            separator,
            rows,
        }) => BlockView::Purposes {
            category_label: category_label.clone(),
            purposes_label: purposes_label.clone(),
            inline: *layout == PurposeLayout::Inline,
            separator: separator.clone(),
            rows: rows
                .iter()
                .map(|r| PurposeRowView {
                    category: r.category.clone(),
                    purposes: r.purposes.clone(),
                })
                .collect(),
        },
        Block::Measures(MeasuresBlock {
            category_label,
            text_label,
            rows,
        }) => BlockView::Measures {
            category_label: category_label.clone(),
            text_label: text_label.clone(),
            rows: rows
                .iter()
                .map(|r| MeasureRowView {
                    category: r.category.clone(),
                    html: to_html(&r.text, root, false),
                })
                .collect(),
        },
        Block::Contact(c) => BlockView::Contact(contact_view(c, root)),
        Block::Organization(o) => organization_view(o),
        Block::Records(RecordsBlock { records }) => BlockView::Records {
            records: records
                .iter()
                .map(|r| RecordView {
                    title: r.title.clone(),
                    fields: r
                        .fields
                        .iter()
                        .map(|f| FieldView {
                            label: f.label.clone(),
                            value: cell(&f.value, root),
                        })
                        .collect(),
                })
                .collect(),
        },
        Block::Table(TableBlock {
            caption,
            columns,
            row_headers,
            rows,
        }) => BlockView::Table {
            caption: caption.clone(),
            columns: columns.clone(),
            row_headers: *row_headers,
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| cell(c, root)).collect())
                .collect(),
        },
    }
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
