//! Where each value of a content file is: a file as read, with the positions of its values,
//! kept with what was loaded from it so that any later stage can point at a field without
//! reading or parsing the file again.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostic, SourceFile};
use crate::values::FieldPath;
use crate::values::path::Segment;

/// Where each value of a TOML document is.
#[derive(Debug)]
pub struct SpanTree {
    span: Range<usize>,
    kind: SpanKind,
}

#[derive(Debug)]
enum SpanKind {
    Leaf,
    Array(Vec<SpanTree>),
    Table(BTreeMap<String, (Range<usize>, SpanTree)>),
}

impl SpanTree {
    /// The positions of a parsed document's values.
    pub fn of_root(root: &toml::Spanned<DeTable<'_>>) -> Self {
        SpanTree {
            span: root.span(),
            kind: SpanKind::Table(SpanTree::table(root.get_ref())),
        }
    }

    fn from_value(span: Range<usize>, value: &DeValue<'_>) -> Self {
        let kind = match value {
            DeValue::Array(items) => SpanKind::Array(
                items
                    .iter()
                    .map(|v| SpanTree::from_value(v.span(), v.get_ref()))
                    .collect(),
            ),
            DeValue::Table(t) => SpanKind::Table(Self::table(t)),
            _ => SpanKind::Leaf,
        };
        SpanTree { span, kind }
    }

    fn table(t: &DeTable<'_>) -> BTreeMap<String, (Range<usize>, SpanTree)> {
        t.iter()
            .map(|(k, v)| {
                (
                    k.get_ref().to_string(),
                    (k.span(), SpanTree::from_value(v.span(), v.get_ref())),
                )
            })
            .collect()
    }

    /// The span of the value at `path`, or of the nearest enclosing value that exists.
    pub fn span_of(&self, path: &FieldPath) -> Range<usize> {
        let mut node = self;
        for seg in &path.0 {
            let next = match (seg, &node.kind) {
                (Segment::Key(k), SpanKind::Table(t)) => t.get(k).map(|(_, v)| v),
                (Segment::Index(i), SpanKind::Array(a)) => a.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.span.clone()
    }

    /// The path of the value (a text, a number, a date) holding byte `offset`, if any. (The
    /// span of a table written as `[[sections]]` is its header only, so the whole tree is
    /// searched.)
    pub fn path_at(&self, offset: usize) -> Option<FieldPath> {
        match &self.kind {
            SpanKind::Leaf => self.span.contains(&offset).then(FieldPath::root),
            SpanKind::Table(t) => t.iter().find_map(|(key, (_, child))| {
                let inner = child.path_at(offset)?;
                let mut path = FieldPath::root().key(key);
                path.0.extend(inner.0);
                Some(path)
            }),
            SpanKind::Array(items) => items.iter().enumerate().find_map(|(i, child)| {
                let inner = child.path_at(offset)?;
                let mut path = FieldPath::root().index(i);
                path.0.extend(inner.0);
                Some(path)
            }),
        }
    }

    /// The span of the key `key` in the table at `path`, if there is one.
    pub fn key_span(&self, path: &FieldPath, key: &str) -> Option<Range<usize>> {
        let mut node = self;
        for seg in &path.0 {
            node = match (seg, &node.kind) {
                (Segment::Key(k), SpanKind::Table(t)) => &t.get(k)?.1,
                (Segment::Index(i), SpanKind::Array(a)) => a.get(*i)?,
                _ => return None,
            };
        }
        match &node.kind {
            SpanKind::Table(t) => t.get(key).map(|(span, _)| span.clone()),
            _ => None,
        }
    }
}

/// A file as read, with the positions of its values: kept with what was loaded from it, so
/// that any later stage (check, lint, the statutory rules) can point at a field without
/// reading or parsing the file again.
#[derive(Debug)]
pub struct Origin {
    /// The file.
    pub source: Arc<SourceFile>,
    /// Where each value is in the file: built on first use, since only a file with a problem
    /// needs it (loading thousands of versions does not pay for it).
    spans: std::sync::OnceLock<SpanTree>,
    /// The Markdown files of its text blocks (`file = "…"`), by the block's path, once read.
    markdown: std::sync::OnceLock<Vec<(FieldPath, Arc<SourceFile>)>>,
}

impl Origin {
    /// The origin of a file's text.
    pub fn new(source: Arc<SourceFile>) -> Self {
        Origin {
            source,
            spans: std::sync::OnceLock::new(),
            markdown: std::sync::OnceLock::new(),
        }
    }

    /// Records the Markdown files read for its text blocks (once).
    pub fn set_markdown(&self, files: Vec<(FieldPath, Arc<SourceFile>)>) {
        let _ = self.markdown.set(files);
    }

    /// The Markdown files of its text blocks, by the block's path.
    pub fn markdown(&self) -> &[(FieldPath, Arc<SourceFile>)] {
        self.markdown.get().map_or(&[], Vec::as_slice)
    }

    /// Where each value is in the file.
    pub fn spans(&self) -> &SpanTree {
        self.spans.get_or_init(|| span_tree(&self.source.text))
    }

    /// The span of the value at `path` (or of the nearest enclosing value).
    pub fn span_of(&self, path: &FieldPath) -> Range<usize> {
        self.spans().span_of(path)
    }

    /// A diagnostic placed at the value of `path`.
    pub fn error_at(&self, path: &FieldPath, message: impl Into<crate::i18n::Msg>) -> Diagnostic {
        Diagnostic::at(&self.source, self.span_of(path), message).field(path)
    }

    /// The origin of a file's text whose positions are already known.
    pub fn with_spans(source: Arc<SourceFile>, spans: SpanTree) -> Self {
        let origin = Origin::new(source);
        let _ = origin.spans.set(spans);
        origin
    }
}

/// The positions of every value of a TOML text (which parsed before, so it parses again).
pub fn span_tree(text: &str) -> SpanTree {
    let (root, _) = DeTable::parse_recoverable(text);
    SpanTree::of_root(&root)
}
