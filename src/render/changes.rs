//! A [`Diff`] as the HTML templates see it: changes with `<del>`/`<ins>` marks.

use serde::Serialize;

use crate::diff::format::{location, target_note};
use crate::diff::{Diff, Span};

use crate::theme::escape_html;

/// The spans as HTML: `<del>`/`<ins>` with a hidden word for screen readers, since most do not
/// announce those elements.
pub fn spans_html(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Span::Equal(t) => out.push_str(&escape_html(t)),
            Span::Delete(t) => {
                out.push_str("<del><span class=\"visually-hidden\">［削除：</span>");
                out.push_str(&escape_html(t));
                out.push_str("<span class=\"visually-hidden\">］</span></del>");
            }
            Span::Insert(t) => {
                out.push_str("<ins><span class=\"visually-hidden\">［追加：</span>");
                out.push_str(&escape_html(t));
                out.push_str("<span class=\"visually-hidden\">］</span></ins>");
            }
        }
    }
    out
}

/// One change as templates see it.
#[derive(Serialize)]
pub struct ChangeView {
    /// `added`, `removed`, …
    pub kind: crate::diff::ChangeKind,
    /// `追加`, `削除`, …
    pub kind_ja: &'static str,
    /// What changed, in Japanese and parentheses, unless the location says it already.
    pub target_note: String,
    /// The path, joined with ` › `.
    pub location: String,
    /// The text with `<del>`/`<ins>` marks (safe HTML).
    pub html: String,
}

/// The view of every change.
pub fn change_views(diff: &Diff) -> Vec<ChangeView> {
    diff.changes
        .iter()
        .map(|c| ChangeView {
            kind: c.kind,
            kind_ja: c.kind.japanese(),
            target_note: target_note(c),
            location: location(c),
            html: spans_html(&c.spans),
        })
        .collect()
}
