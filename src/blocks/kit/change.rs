//! The change toolkit: what a change is (its path, target, kind and character spans), and the
//! [`Differ`] that collects changes, with the comparisons every kind of block uses — texts
//! character by character (`dissimilar`, Google's diff-match-patch with semantic clean-up:
//! Japanese has no spaces to split words at), lists item by item, labelled fields, rows
//! matched by key — and the alignment of sequences (Myers in linear space, `imara-diff`).
//! Pure: values in, values out.

use serde::Serialize;

use crate::values::Cell;

/// What kind of change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "Kind")]
pub enum ChangeKind {
    /// Present only in the new version.
    Added,
    /// Present only in the old version.
    Removed,
    /// Present in both, with different text.
    Modified,
    /// A row or section under a new name, its content (mostly) the same.
    Renamed,
    /// The same item at another place in its list.
    Moved,
}

impl ChangeKind {
    /// The Japanese label.
    pub fn japanese(self) -> &'static str {
        match self {
            ChangeKind::Added => "追加",
            ChangeKind::Removed => "削除",
            ChangeKind::Modified => "変更",
            ChangeKind::Renamed => "名称変更",
            ChangeKind::Moved => "移動",
        }
    }
}

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The notice's title.
    Title,
    /// The effective date.
    Effective,
    /// A whole section.
    Section,
    /// A section's heading or number.
    Heading,
    /// A whole block.
    Block,
    /// A row of the purpose table (a category).
    PurposeRow,
    /// One purpose of use.
    Purpose,
    /// A row of the measures table.
    Measure,
    /// A labelled field (contact, organisation, record, labels of a table).
    Field,
    /// An item of a list.
    Item,
    /// A record of a records block.
    Record,
    /// A row of a table.
    TableRow,
    /// A cell of a table.
    Cell,
    /// Prose.
    Text,
    /// A file published with the version (a request form).
    Attachment,
}

impl Target {
    /// The Japanese label.
    pub fn japanese(self) -> &'static str {
        match self {
            Target::Title => "表題",
            Target::Effective => "施行日",
            Target::Section => "項目",
            Target::Heading => "見出し",
            Target::Block => "要素",
            Target::PurposeRow => "個人情報の類型",
            Target::Purpose => "利用目的",
            Target::Measure => "安全管理措置",
            Target::Field => "欄",
            Target::Item => "箇条",
            Target::Record => "記録",
            Target::TableRow => "表の行",
            Target::Cell => "表のセル",
            Target::Text => "本文",
            Target::Attachment => "添付ファイル",
        }
    }
}

/// A run of text: unchanged, deleted or inserted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum Span {
    /// In both.
    Equal(String),
    /// Only in the old text.
    Delete(String),
    /// Only in the new text.
    Insert(String),
}

/// The old and the new text that a list of spans describes: `Equal` + `Delete` runs, and
/// `Equal` + `Insert` runs.
pub fn rebuild(spans: &[Span]) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    for s in spans {
        match s {
            Span::Equal(t) => {
                old.push_str(t);
                new.push_str(t);
            }
            Span::Delete(t) => old.push_str(t),
            Span::Insert(t) => new.push_str(t),
        }
    }
    (old, new)
}

/// One change, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// Where: section, then block, row, item (human-readable labels).
    pub path: Vec<String>,
    /// What changed.
    pub target: Target,
    /// How.
    pub kind: ChangeKind,
    /// The old text (absent when added).
    pub old: Option<String>,
    /// The new text (absent when removed).
    pub new: Option<String>,
    /// The text differences: `old` = Equal + Delete runs, `new` = Equal + Insert runs.
    pub spans: Vec<Span>,
}

/// Character-level differences between two texts, semantically cleaned up.
pub fn text_spans(old: &str, new: &str) -> Vec<Span> {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![Span::Equal(old.to_owned())]
        };
    }
    dissimilar::diff(old, new)
        .into_iter()
        .map(|chunk| match chunk {
            dissimilar::Chunk::Equal(s) => Span::Equal(s.to_owned()),
            dissimilar::Chunk::Delete(s) => Span::Delete(s.to_owned()),
            dissimilar::Chunk::Insert(s) => Span::Insert(s.to_owned()),
        })
        .collect()
}

/// How alike two texts are: the share of characters they have in common, 0.0 to 1.0.
pub fn similarity(old: &str, new: &str) -> f64 {
    let total = old.chars().count() + new.chars().count();
    if total == 0 {
        return 1.0;
    }
    let common: usize = text_spans(old, new)
        .iter()
        .map(|s| match s {
            Span::Equal(t) => t.chars().count(),
            _ => 0,
        })
        .sum();
    2.0 * common as f64 / total as f64
}

/// Texts at least this alike are reported as reworded rather than removed and added.
pub(crate) const REWORD_THRESHOLD: f64 = 0.5;

/// Collects the changes of a diff; the block kinds call its methods.
#[derive(Default)]
pub(crate) struct Differ {
    changes: Vec<Change>,
}

pub(crate) fn with(path: &[String], label: impl Into<String>) -> Vec<String> {
    let mut p = path.to_vec();
    p.push(label.into());
    p
}

/// A cell's text: its points on separate lines (「・」 would clash with 「通知・徴収」).
pub(crate) fn cell_text(c: &Cell) -> String {
    c.texts().join("\n")
}

impl Differ {
    /// The changes collected, in the order they were found.
    pub(crate) fn into_changes(self) -> Vec<Change> {
        self.changes
    }

    pub(crate) fn push(
        &mut self,
        path: Vec<String>,
        target: Target,
        kind: ChangeKind,
        old: Option<&str>,
        new: Option<&str>,
    ) {
        let spans = match (old, new) {
            (Some(o), Some(n)) => text_spans(o, n),
            (Some(o), None) => vec![Span::Delete(o.to_owned())],
            (None, Some(n)) => vec![Span::Insert(n.to_owned())],
            (None, None) => Vec::new(),
        };
        self.changes.push(Change {
            path,
            target,
            kind,
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
            spans,
        });
    }

    pub(crate) fn added(&mut self, path: &[String], target: Target, new: &str) {
        self.push(path.to_vec(), target, ChangeKind::Added, None, Some(new));
    }

    pub(crate) fn removed(&mut self, path: &[String], target: Target, old: &str) {
        self.push(path.to_vec(), target, ChangeKind::Removed, Some(old), None);
    }

    /// A value that reads best replaced whole (a date, a phone number, a postal code, an
    /// address on the web), not character by character.
    pub(crate) fn whole(&mut self, path: &[String], target: Target, old: &str, new: &str) {
        self.changes.push(Change {
            path: path.to_vec(),
            target,
            kind: ChangeKind::Modified,
            old: Some(old.to_owned()),
            new: Some(new.to_owned()),
            spans: vec![Span::Delete(old.to_owned()), Span::Insert(new.to_owned())],
        });
    }

    pub(crate) fn modified(&mut self, path: &[String], target: Target, old: &str, new: &str) {
        self.push(
            path.to_vec(),
            target,
            ChangeKind::Modified,
            Some(old),
            Some(new),
        );
    }
}

pub(crate) fn kind_of(old: &str, new: &str) -> ChangeKind {
    match (old.is_empty(), new.is_empty()) {
        (true, _) => ChangeKind::Added,
        (_, true) => ChangeKind::Removed,
        _ => ChangeKind::Modified,
    }
}

pub(crate) fn join_fields(f: &[(String, String)]) -> String {
    f.iter()
        .map(|(l, v)| format!("{l}：{v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reworded_japanese_sentence_reads_as_a_few_clear_changes() {
        let spans = text_spans(
            "職員に定期的な研修を実施しています。",
            "職員に定期的な研修を実施し、その効果を検証し、個人情報保護の施策に生かしています。",
        );
        let changed = spans
            .iter()
            .filter(|s| !matches!(s, Span::Equal(_)))
            .count();
        assert!(changed <= 2, "{spans:?}");
    }
}
