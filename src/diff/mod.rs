//! What changed between two versions of a notice: a structural diff, with character-level text
//! differences inside.
//!
//! Pure functions, values in and out: no I/O, no HTML. This module compares what a notice is
//! made of — its title, its front matter and preamble, its sections matched by id or heading
//! at any depth, its blocks, its attachments; each kind of block compares its own content
//! (`blocks/<kind>.rs`) with the change toolkit of [`crate::blocks::kit::change`].

pub mod format;

use serde::Serialize;

use crate::blocks::Block;
use crate::blocks::kit::align::{Paired, align_pairing};
pub use crate::blocks::kit::change::{
    Change, ChangeKind, Span, Target, rebuild, similarity, text_spans,
};
use crate::blocks::kit::change::{Differ, REWORD_THRESHOLD, with};
use crate::model::{Attachment, Notice, Section};

/// The `format` value of the JSON form of a diff.
pub const DIFF_JSON_FORMAT: &str = "kohyo-diff/1";

/// All changes from one version to another, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The number of changes: the one count the CLI, the diff page, the history and the feed
    /// show (the effective date heads a diff and is not a change).
    pub fn content_changes(&self) -> usize {
        self.changes.len()
    }
}

/// Compares two notices.
pub fn diff(old: &Notice, new: &Notice) -> Diff {
    let mut d = Differ::default();
    let page_title = ["ページの題名".to_owned()];
    match (&old.page_title, &new.page_title) {
        (Some(o), Some(n)) if o != n => d.modified(&page_title, Target::Title, o, n),
        (None, Some(n)) => d.added(&page_title, Target::Title, n),
        (Some(o), None) => d.removed(&page_title, Target::Title, o),
        _ => {}
    }
    if old.title != new.title {
        d.modified(&["表題".to_owned()], Target::Title, &old.title, &new.title);
    }
    // The effective date differs between any two versions; it heads every diff (「2024-04-01 →
    // 2025-04-01」) and is not a change of content, so it is neither listed nor counted: every
    // count (the CLI, the diff page, the history, the feed) is the number of changes listed.
    d.blocks_in(&["前付".to_owned()], &old.front, &new.front);
    d.blocks_in(&["前文".to_owned()], &old.preamble, &new.preamble);
    d.sections(&[], &old.sections, &new.sections);
    d.attachments(&old.attachments, &new.attachments);
    Diff {
        changes: d.into_changes(),
    }
}

fn section_label(s: &Section) -> String {
    match &s.number {
        Some(n) => format!("{n} {}", s.heading),
        None => s.heading.clone(),
    }
}

fn section_text(s: &Section) -> String {
    std::iter::once(section_label(s))
        .chain(s.blocks.iter().map(Block::text))
        .chain(s.sections.iter().map(section_text))
        .chain(s.closing.iter().map(Block::text))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Differ {
    /// The files published with the versions, by name: a file of the same name with other
    /// bytes is a change (shown by size and hash: a PDF cannot be compared letter by letter).
    fn attachments(&mut self, old: &[Attachment], new: &[Attachment]) {
        let path = |name: &str| vec!["添付ファイル".to_owned(), name.to_owned()];
        let shown = |a: &Attachment| format!("{}（{} バイト、{}）", a.name, a.size, a.sha256);
        for o in old {
            match new.iter().find(|n| n.name == o.name) {
                None => self.push(
                    path(&o.name),
                    Target::Attachment,
                    ChangeKind::Removed,
                    Some(&shown(o)),
                    None,
                ),
                Some(n) if n.sha256 != o.sha256 => {
                    self.whole(&path(&o.name), Target::Attachment, &shown(o), &shown(n));
                }
                Some(_) => {}
            }
        }
        for n in new.iter().filter(|n| !old.iter().any(|o| o.name == n.name)) {
            self.push(
                path(&n.name),
                Target::Attachment,
                ChangeKind::Added,
                None,
                Some(&shown(n)),
            );
        }
    }

    /// Sections (at any depth, under `path`) matched by id or heading; a reworded heading or a
    /// kept number pairs two sections.
    fn sections(&mut self, path: &[String], old: &[Section], new: &[Section]) {
        // A section is the same section if it has the same explicit id, or else the same
        // heading.
        let key = |s: &Section| s.id.clone().unwrap_or_else(|| s.heading.clone());
        let ka: Vec<String> = old.iter().map(key).collect();
        let kb: Vec<String> = new.iter().map(key).collect();
        let steps = align_pairing(&ka, &kb, |i, j| {
            old[i].number.is_some() && old[i].number == new[j].number
                || similarity(&old[i].heading, &new[j].heading) >= REWORD_THRESHOLD
        });
        for step in steps {
            match step {
                Paired::Same(i, j) | Paired::Changed(i, j) => self.section(path, &old[i], &new[j]),
                Paired::Removed(i) => self.removed(
                    &with(path, section_label(&old[i])),
                    Target::Section,
                    &section_text(&old[i]),
                ),
                Paired::Added(j) => self.added(
                    &with(path, section_label(&new[j])),
                    Target::Section,
                    &section_text(&new[j]),
                ),
            }
        }
    }

    fn section(&mut self, path: &[String], old: &Section, new: &Section) {
        let path = with(path, section_label(new));
        let (lo, ln) = (section_label(old), section_label(new));
        if lo != ln {
            self.modified(&path, Target::Heading, &lo, &ln);
        }
        self.blocks_in(&path, &old.blocks, &new.blocks);
        self.sections(&path, &old.sections, &new.sections);
        self.blocks_in(&path, &old.closing, &new.closing);
    }

    /// Two runs of blocks: they line up by their whole content; a changed block pairs with a
    /// block of the same kind between the same unchanged neighbours.
    fn blocks_in(&mut self, path: &[String], old: &[Block], new: &[Block]) {
        let ka: Vec<&Block> = old.iter().collect();
        let kb: Vec<&Block> = new.iter().collect();
        let steps = align_pairing(&ka, &kb, |i, j| {
            std::mem::discriminant(ka[i]) == std::mem::discriminant(kb[j])
        });
        for step in steps {
            match step {
                Paired::Same(..) => {}
                Paired::Changed(i, j) => self.block(path, ka[i], kb[j]),
                Paired::Removed(i) => {
                    self.removed(&with(path, ka[i].label()), Target::Block, &ka[i].text())
                }
                Paired::Added(j) => {
                    self.added(&with(path, kb[j].label()), Target::Block, &kb[j].text())
                }
            }
        }
    }

    fn block(&mut self, path: &[String], old: &Block, new: &Block) {
        let bp = with(path, new.label());
        if !old.diff_same_kind(new, self, &bp) {
            self.removed(&with(path, old.label()), Target::Block, &old.text());
            self.added(&bp, Target::Block, &new.text());
        }
    }
}
