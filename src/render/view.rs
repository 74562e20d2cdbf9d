//! View models: what templates see. Markdown is already HTML here (rendered by
//! [`crate::markdown`], which neutralises raw HTML and unsafe links); every other string is plain
//! text that Tera escapes.

use serde::Serialize;

use crate::blocks::kit::view::ViewCx;
use crate::blocks::{Block, BlockView};
use crate::model::{Notice, Section, Status, Version};
use crate::publication::Publication;
use crate::values::{Date, DateStyle};

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
    /// The page's own title, above the front blocks and the notice's title.
    pub page_title: Option<String>,
    /// superseded / current / scheduled.
    pub status: Status,
    /// Not published: shown only in a preview, marked 草案.
    pub draft: bool,
    /// `sha256:` of the published content (版の指紋).
    pub fingerprint: Option<String>,
    /// Published after it took effect (`kohyo publish --retroactive`): when and why.
    pub retroactive: Option<RetroactiveView>,
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

/// When and why a version was published after it took effect.
#[derive(Clone, Serialize)]
pub struct RetroactiveView {
    /// `2026年12月4日`.
    pub published_on_ja: String,
    /// `2026-12-04`.
    pub published_on: String,
    /// Why, as the publisher wrote it.
    pub reason: String,
}

impl RetroactiveView {
    /// The view of a publication's retroactive record, dates in the site's style.
    pub fn of(publication: &Publication, style: DateStyle) -> Option<Self> {
        let Publication::Published {
            retroactive: Some(r),
            ..
        } = publication
        else {
            return None;
        };
        let date: Option<Date> = r.published_on.parse().ok();
        Some(RetroactiveView {
            published_on_ja: date.map_or_else(|| r.published_on.clone(), |d| d.japanese_in(style)),
            published_on: r.published_on.clone(),
            reason: r.reason.clone(),
        })
    }
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

/// Builds the view of a version. `root` is the relative path from the page to the site root.
pub fn version_view(
    version: &Version,
    status: Status,
    publication: &Publication,
    root: &str,
    anchor_prefix: &str,
    date_style: DateStyle,
    version_folder: &str,
) -> VersionView {
    let n: &Notice = &version.notice;
    let attachments: Vec<String> = n.attachments.iter().map(|a| a.name.clone()).collect();
    let cx = ViewCx {
        root,
        anchor_prefix,
        date_style,
        version_folder,
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
        retroactive: RetroactiveView::of(publication, date_style),
        id: version.id.to_string(),
        effective: n.effective.to_string(),
        effective_ja: n.effective.japanese_in(date_style),
        summary: n.summary.clone(),
        title: n.title.clone(),
        page_title: n.page_title.clone(),
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
    /// Published after it took effect: when and why.
    pub retroactive: Option<RetroactiveView>,
}

/// The history, newest first. `changes[i]` is the number of changes of version `i` against the
/// one before it.
pub fn history_entries(
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
                retroactive: publication
                    .get(i)
                    .and_then(|p| RetroactiveView::of(p, date_style)),
            }
        })
        .collect();
    entries.reverse();
    entries
}

/// `[appearance]` of site.toml as templates see it. `style` is the CSS the settings make
/// (custom properties only, from values that are a colour or a font list: nothing else of
/// the settings reaches a style sheet).
#[derive(Serialize)]
pub struct AppearanceView<'a> {
    /// The logo's path from the site root.
    pub logo: Option<&'a str>,
    /// The header links.
    pub links: &'a [crate::model::HeaderLink],
    /// The footer's lines.
    pub footer: &'a [String],
    /// `:root{--accent:…;--link:…;--font:…}`, or empty.
    pub style: String,
    /// The custom properties alone (`--accent:…;`), for a fragment's `style` attribute.
    #[serde(skip)]
    pub vars: String,
}

impl<'a> AppearanceView<'a> {
    /// The view of the settings.
    pub fn of(a: &'a crate::model::Appearance) -> Self {
        use crate::values::colour::{is_font_list, parse_hex};
        let mut style = String::new();
        if let Some(rgb) = a.accent.as_deref().and_then(parse_hex) {
            let c = crate::values::colour::hex(rgb);
            style.push_str(&format!("--accent:{c};--link:{c};"));
        }
        if let Some(fonts) = a.fonts.as_deref().filter(|f| is_font_list(f)) {
            style.push_str(&format!("--font:{fonts};"));
        }
        let vars = style.clone();
        if !style.is_empty() {
            style = format!(":root{{{style}}}");
        }
        AppearanceView {
            logo: a.logo.as_deref(),
            links: &a.links,
            footer: &a.footer,
            style,
            vars,
        }
    }
}
