//! Content lint: problems that are legal TOML and build fine but are almost certainly mistakes
//! (untrimmed text, empty cells, malformed postal codes and phone numbers). The block kinds
//! find them with [`Linter`](crate::blocks::kit::lint::Linter); each finding becomes a
//! diagnostic of its rule here, placed at its field.

use super::rule;
use crate::blocks::kit::lint::Linter;
use crate::error::Diagnostic;
use crate::model::Notice;
use crate::source::Origin;
use crate::values::FieldPath;

/// Lints one version's TOML.
pub fn lint_version(notice: &Notice, origin: &Origin) -> Vec<Diagnostic> {
    let mut l = Linter::default();
    let root = FieldPath::root();
    l.trimmed(&root.key("title"), &notice.title);
    l.trimmed(&root.key("summary"), &notice.summary);
    for (s, section) in notice.sections.iter().enumerate() {
        let sp = root.key("sections").index(s);
        l.trimmed(&sp.key("heading"), &section.heading);
        if let Some(n) = &section.number {
            l.trimmed(&sp.key("number"), n);
        }
    }
    for (bp, block) in notice.blocks() {
        block.lint(&mut l, &bp);
    }
    l.into_findings()
        .into_iter()
        .map(|f| {
            rule(f.rule)
                .at(&origin.source, origin.span_of(&f.path), &f.detail)
                .field(&f.path)
        })
        .collect()
}
