//! The problem sink of validation: the rules beyond types that every kind of block checks on
//! its fields (non-empty, safe Markdown, list items, anchors, statutory item ids), each
//! problem placed at its field in the file it was read from.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown;
use crate::source::Origin;
use crate::values::statutory::{is_item, item_ids};
use crate::values::{Cell, FieldPath, Item, Marker};

/// Whether `id` can be an anchor: lower-case letters, digits and `-`, starting with a letter or
/// a digit.
pub(crate) fn is_anchor(id: &str) -> bool {
    id.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Collects the problems of one file; the block kinds call its methods to check their fields.
pub(crate) struct Checker<'a> {
    origin: &'a Origin,
    diags: Vec<Diagnostic>,
    /// The Markdown files of text blocks, by the block's field path.
    md_sources: &'a HashMap<FieldPath, Arc<SourceFile>>,
}

impl<'a> Checker<'a> {
    /// A checker of the file `origin`, whose text blocks were filled from `md_sources`.
    pub(crate) fn new(
        origin: &'a Origin,
        md_sources: &'a HashMap<FieldPath, Arc<SourceFile>>,
    ) -> Self {
        Checker {
            origin,
            diags: Vec::new(),
            md_sources,
        }
    }

    /// The problems found.
    pub(crate) fn into_problems(self) -> Vec<Diagnostic> {
        self.diags
    }

    pub(crate) fn error(
        &mut self,
        path: &FieldPath,
        message: impl Into<crate::i18n::Msg>,
        help: impl Into<crate::i18n::Msg>,
    ) {
        self.diags
            .push(self.origin.error_at(path, message).help(help));
    }

    pub(crate) fn nonempty(&mut self, path: &FieldPath, value: &str) {
        if value.trim().is_empty() {
            self.error(
                path,
                "this field is empty",
                "write the text, or remove the entry",
            );
        }
    }

    /// Checks Markdown held in a TOML string at `path`.
    pub(crate) fn markdown(&mut self, path: &FieldPath, text: &str) {
        let problems = markdown::check(text);
        if problems.is_empty() {
            return;
        }
        let span = self.origin.span_of(path);
        // The string's content starts after its quotes; find it to point inside it.
        let raw = &self.origin.source.text[span.clone()];
        let base = raw.find(text).map(|i| span.start + i);
        for p in problems {
            let at: Range<usize> = match base {
                Some(b) => b + p.range.start..b + p.range.end,
                None => span.clone(),
            };
            self.diags.push(
                Diagnostic::at(&self.origin.source, at, p.message)
                    .field(path)
                    .help(p.help),
            );
        }
    }

    /// The Markdown file a text block at `at` was filled from, if any.
    pub(crate) fn markdown_file(&self, at: &FieldPath) -> Option<Arc<SourceFile>> {
        self.md_sources.get(at).cloned()
    }

    /// Checks the Markdown of a file, reporting problems at their place in it.
    pub(crate) fn markdown_in_file(
        &mut self,
        src: &Arc<SourceFile>,
        field: &FieldPath,
        text: &str,
    ) {
        for p in markdown::check(text) {
            self.diags.push(
                Diagnostic::at(src, p.range, p.message)
                    .field(field)
                    .help(p.help),
            );
        }
    }

    /// The items of a list (and their sub-lists): each with text, safe Markdown, a valid
    /// anchor and a start that fits its marker.
    pub(crate) fn items(&mut self, path: &FieldPath, items: &[Item], required: bool) {
        if required && items.is_empty() {
            self.error(path, "the list has no items", "add items = [\"…\", \"…\"]");
        }
        for (i, item) in items.iter().enumerate() {
            let ip = path.index(i);
            let Some(t) = item.table() else {
                self.nonempty(&ip, item.text());
                self.markdown(&ip, item.text());
                continue;
            };
            self.nonempty(&ip.key("text"), &t.text);
            self.markdown(&ip.key("text"), &t.text);
            if let Some(body) = &t.body {
                self.nonempty(&ip.key("body"), body);
                self.markdown(&ip.key("body"), body);
            }
            self.covers(&ip.key("covers"), &t.covers);
            if let Some(id) = &t.id {
                self.anchor(&ip.key("id"), id);
            }
            if t.marker.is_some() || t.start.is_some() {
                if t.items.is_empty() {
                    self.error(
                        &ip.key(if t.marker.is_some() { "marker" } else { "start" }),
                        "`marker` and `start` of an item apply to its own sub-list, and it has none",
                        "add the sub-list as items = [\"…\"], or remove marker/start",
                    );
                }
                let marker = t.marker.clone().unwrap_or_default();
                self.start(&ip.key("start"), &marker, t.start);
            }
            self.items(&ip.key("items"), &t.items, false);
        }
    }

    /// Each id of `covers` (or `on_request`) is a statutory item kohyo knows.
    pub(crate) fn covers(&mut self, path: &FieldPath, ids: &[String]) {
        for (i, id) in ids.iter().enumerate() {
            if !is_item(id) {
                self.error(
                    &path.index(i),
                    format!("`{id}` is not a statutory item kohyo knows"),
                    format!("use one of {}", item_ids()),
                );
            }
        }
    }

    /// `start` may only number a numbered list, from 1.
    pub(crate) fn start(&mut self, path: &FieldPath, marker: &Marker, start: Option<u32>) {
        match start {
            Some(0) => self.error(
                path,
                "a list starts at 1 or later",
                "write start = 1 or more",
            ),
            Some(_) if !marker.is_ordered() => self.error(
                path,
                format!("`start` numbers a list, but the marker `{marker}` has no numbers"),
                "remove `start`, or use a numbered marker such as \"paren\"",
            ),
            _ => {}
        }
    }

    /// An anchor (`#id`): lower-case letters, digits and `-`, starting with a letter or digit.
    pub(crate) fn anchor(&mut self, path: &FieldPath, id: &str) {
        if !is_anchor(id) {
            self.error(
                path,
                format!("`{id}` cannot be an id"),
                "use lower-case letters, digits and -, e.g. \"purposes\"",
            );
        }
    }

    pub(crate) fn cell(&mut self, path: &FieldPath, cell: &Cell) {
        match cell {
            Cell::Text(t) => self.markdown(path, t),
            Cell::Points(points) => {
                for (i, p) in points.iter().enumerate() {
                    self.nonempty(&path.index(i), p);
                    self.markdown(&path.index(i), p);
                }
            }
        }
    }
}
