//! One version's content: the notice with its front matter, preamble and nested sections, and
//! the one walk over its blocks with their field paths.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::config::Appi;
use crate::blocks::Block;
use crate::values::{Date, FieldPath};

/// One version of the notice: `content/versions/<id>/notice.toml` plus the Markdown files it
/// names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The date from which this version applies (施行日). Must agree with the directory name.
    pub effective: Date,
    /// One line saying what changed in this version (改定の概要).
    pub summary: String,
    /// The notice's title, e.g. `個人情報保護法に基づく公表事項`.
    pub title: String,
    /// The page's own title, when the notice is printed under one with something between
    /// them: the page title (the heading of the page), then `front` (【別紙2】, 加入者各位),
    /// then the notice's `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_title: Option<String>,
    /// Blocks shown above the title: a document label (【別紙2】), a letterhead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub front: Vec<Block>,
    /// Blocks between the title and the first section: an addressee (加入者各位), dates,
    /// paragraphs directly under the title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<Block>,
    /// The sections, in the order they are shown.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Facts for the statutory checks that hold for this version, over site.toml's `[appi]`
    /// key by key (a fee introduced in 2027 is not checked against the 2026 version).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appi: Option<Appi>,
    /// Files published with this version (a request form, 開示請求書.pdf), from the version's
    /// folder: filled in by kohyo with each file's SHA-256, so that the content hash covers
    /// them. Not written in notice.toml.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// A file published with a version, at `versions/<id>/<name>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file's name in the version's folder, e.g. `kaiji-seikyusho.pdf`.
    pub name: String,
    /// `sha256:` of its bytes.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
}

/// The kinds of file a version may publish with it (by the end of the name, in lower case).
pub const ATTACHMENT_KINDS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf", "txt", "csv", "png", "jpg", "jpeg",
];

/// The deepest nesting of sections: `1.` → `(1)` → `①` → `ア` (h2 … h5).
pub const MAX_SECTION_DEPTH: usize = 4;

/// A numbered (or unnumbered) section with a heading, its blocks, its sub-sections and the
/// blocks that close it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The anchor (`#id`) of the section, `[a-z0-9-]`; defaults to `section-<n>` by position
    /// (`section-2-1` for the first sub-section of the second section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The number shown before the heading, as written: `1.`, `(1)`, `第2条`, `別表`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The heading text.
    pub heading: String,
    /// The statutory items this section fulfils (see docs/check.md), e.g. `["purposes"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
    /// Statutory items the notice makes known on request (本人の求めに応じて遅滞なく回答),
    /// said in this section (see docs/check.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_request: Vec<String>,
    /// The content, in order, before the sub-sections.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Sub-sections, up to four levels in all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Blocks after the sub-sections (a closing note).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closing: Vec<Block>,
}

/// Where a block is in a notice: its field path and the sections around it, outermost first.
#[derive(Clone, Debug)]
pub struct BlockAt<'a> {
    /// `sections[1].sections[0].blocks[2]`.
    pub path: FieldPath,
    /// The block.
    pub block: &'a Block,
    /// The sections it is in, outermost first (empty for front and preamble).
    pub trail: Vec<&'a Section>,
}

impl Notice {
    /// Every block of the notice in document order (front, preamble, then each section's
    /// blocks, sub-sections and closing; a table followed by the blocks inside its cells), with
    /// its field path: the one walk that validation, lint, the statutory checks and loading
    /// share.
    pub fn blocks(&self) -> Vec<(FieldPath, &Block)> {
        self.blocks_at()
            .into_iter()
            .map(|b| (b.path, b.block))
            .collect()
    }

    /// Like [`Notice::blocks`], with the sections around each block.
    pub fn blocks_at(&self) -> Vec<BlockAt<'_>> {
        fn walk<'a>(
            sections: &'a [Section],
            path: &FieldPath,
            trail: &[&'a Section],
            out: &mut Vec<BlockAt<'a>>,
        ) {
            for (s, section) in sections.iter().enumerate() {
                let sp = path.key("sections").index(s);
                let mut trail = trail.to_vec();
                trail.push(section);
                let add = |key: &str, blocks: &'a [Block], out: &mut Vec<BlockAt<'a>>| {
                    for (b, block) in blocks.iter().enumerate() {
                        with_cells(sp.key(key).index(b), block, &trail, out);
                    }
                };
                add("blocks", &section.blocks, out);
                walk(&section.sections, &sp, &trail, out);
                add("closing", &section.closing, out);
            }
        }
        /// The block at `path`, then the blocks inside its cells, if it is a table.
        fn with_cells<'a>(
            path: FieldPath,
            block: &'a Block,
            trail: &[&'a Section],
            out: &mut Vec<BlockAt<'a>>,
        ) {
            out.push(BlockAt {
                path: path.clone(),
                block,
                trail: trail.to_vec(),
            });
            if let Block::Table(t) = block {
                for (r, c, cell) in t.cells() {
                    for (b, inner) in cell.blocks().iter().enumerate() {
                        let at = path.key("rows").index(r).index(c).key("blocks").index(b);
                        with_cells(at, inner, trail, out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (key, blocks) in [("front", &self.front), ("preamble", &self.preamble)] {
            for (b, block) in blocks.iter().enumerate() {
                with_cells(FieldPath::root().key(key).index(b), block, &[], &mut out);
            }
        }
        walk(&self.sections, &FieldPath::root(), &[], &mut out);
        out
    }

    /// Every block, mutably, with its field path (to fill text blocks from their files).
    /// A table is given as the blocks inside its cells, not itself (a table holds no text of
    /// its own from a file, and its cells' blocks are borrowed out of it).
    pub fn blocks_mut(&mut self) -> Vec<(FieldPath, &mut Block)> {
        fn walk<'a>(
            sections: &'a mut [Section],
            path: &FieldPath,
            out: &mut Vec<(FieldPath, &'a mut Block)>,
        ) {
            for (s, section) in sections.iter_mut().enumerate() {
                let sp = path.key("sections").index(s);
                for (b, block) in section.blocks.iter_mut().enumerate() {
                    with_cells(sp.key("blocks").index(b), block, out);
                }
                walk(&mut section.sections, &sp, out);
                for (b, block) in section.closing.iter_mut().enumerate() {
                    with_cells(sp.key("closing").index(b), block, out);
                }
            }
        }
        fn with_cells<'a>(
            path: FieldPath,
            block: &'a mut Block,
            out: &mut Vec<(FieldPath, &'a mut Block)>,
        ) {
            match block {
                Block::Table(t) => {
                    for (r, c, cell) in t.cells_mut() {
                        for (b, inner) in cell.blocks_mut().iter_mut().enumerate() {
                            let at = path.key("rows").index(r).index(c).key("blocks").index(b);
                            with_cells(at, inner, out);
                        }
                    }
                }
                block => out.push((path, block)),
            }
        }
        let mut out = Vec::new();
        for (b, block) in self.front.iter_mut().enumerate() {
            with_cells(FieldPath::root().key("front").index(b), block, &mut out);
        }
        for (b, block) in self.preamble.iter_mut().enumerate() {
            with_cells(FieldPath::root().key("preamble").index(b), block, &mut out);
        }
        walk(&mut self.sections, &FieldPath::root(), &mut out);
        out
    }

    /// Every section with its field path, its default anchor and its depth (1 for a top-level
    /// section), in document order.
    pub fn sections_at(&self) -> Vec<(FieldPath, String, usize, &Section)> {
        fn walk<'a>(
            sections: &'a [Section],
            path: &FieldPath,
            parent: Option<&str>,
            depth: usize,
            out: &mut Vec<(FieldPath, String, usize, &'a Section)>,
        ) {
            for (s, section) in sections.iter().enumerate() {
                let sp = path.key("sections").index(s);
                let anchor = section.anchor_under(parent, s);
                out.push((sp.clone(), anchor.clone(), depth, section));
                let default_parent = match parent {
                    Some(p) => format!("{p}-{}", s + 1),
                    None => format!("section-{}", s + 1),
                };
                walk(
                    &section.sections,
                    &sp,
                    Some(&default_parent),
                    depth + 1,
                    out,
                );
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &FieldPath::root(), None, 1, &mut out);
        out
    }
}

impl Section {
    /// The anchor of a top-level section (`#…`): its `id`, or `section-<n>` (1-based) by
    /// position.
    pub fn anchor(&self, index: usize) -> String {
        self.anchor_under(None, index)
    }

    /// The anchor of a section: its `id`, or by position under its parent's positional name
    /// (`section-2-1`).
    pub fn anchor_under(&self, parent: Option<&str>, index: usize) -> String {
        self.id.clone().unwrap_or_else(|| match parent {
            Some(p) => format!("{p}-{}", index + 1),
            None => format!("section-{}", index + 1),
        })
    }
}
