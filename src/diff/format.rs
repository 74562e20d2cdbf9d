//! A [`Diff`] as text for people and programs: the terminal, Markdown, JSON. Pure: values in,
//! strings out.

use serde::Serialize;

use super::{Change, DIFF_JSON_FORMAT, Diff, Span};

/// Unchanged text longer than this is shortened in the terminal and Markdown forms.
const KEEP: usize = 16;

/// Separator between the parts of a change's path.
pub const PATH_SEPARATOR: &str = " › ";

/// `（利用目的）` after the location, unless the location already ends with that word.
pub fn target_note(c: &Change) -> String {
    let t = c.target.japanese();
    if c.path.last().is_some_and(|l| l == t) {
        String::new()
    } else {
        format!("（{t}）")
    }
}

/// Where a change is, as one line: its path joined with ` › `.
pub fn location(c: &Change) -> String {
    if c.path.is_empty() {
        c.target.japanese().to_owned()
    } else {
        c.path.join(PATH_SEPARATOR)
    }
}

/// Shortens a long unchanged run to its ends, so each change shows with a little context.
fn collapse(text: &str, first: bool, last: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= KEEP * 2 + 1 {
        return text.to_owned();
    }
    let head: String = chars[..KEEP].iter().collect();
    let tail: String = chars[chars.len() - KEEP..].iter().collect();
    match (first, last) {
        (true, true) => text.to_owned(),
        (true, false) => format!("…{tail}"),
        (false, true) => format!("{head}…"),
        (false, false) => format!("{head}…{tail}"),
    }
}

/// The diff for a terminal. With `color`, deletions are red and insertions green (ANSI);
/// without, they are marked `[-…-]` and `{+…+}` as `wdiff` does.
pub fn to_text(diff: &Diff, from: &str, to: &str, color: bool) -> String {
    let (del_on, del_off, ins_on, ins_off, dim_on, dim_off) = if color {
        (
            "\x1b[1;31m\x1b[9m",
            "\x1b[0m",
            "\x1b[1;32m",
            "\x1b[0m",
            "\x1b[2m",
            "\x1b[0m",
        )
    } else {
        ("[-", "-]", "{+", "+}", "", "")
    };
    let mut out = format!("{from} → {to}: {}\n", count_text(diff.changes.len()));
    for c in &diff.changes {
        out.push_str(&format!(
            "\n{} {}{}\n    ",
            c.kind.japanese(),
            crate::text::for_terminal(&location(c)),
            target_note(c)
        ));
        let n = c.spans.len();
        for (i, s) in c.spans.iter().enumerate() {
            match s {
                Span::Equal(t) => {
                    let shown = collapse(t, i == 0, i + 1 == n);
                    out.push_str(&format!("{dim_on}{}{dim_off}", indent(&shown)));
                }
                Span::Delete(t) => out.push_str(&format!("{del_on}{}{del_off}", indent(t))),
                Span::Insert(t) => out.push_str(&format!("{ins_on}{}{ins_off}", indent(t))),
            }
        }
        out.push('\n');
    }
    out
}

/// Text of a change for the terminal: indented under its heading, control characters escaped.
fn indent(s: &str) -> String {
    crate::text::for_terminal(s).replace('\n', "\n    ")
}

fn count_text(n: usize) -> String {
    if n == 0 {
        "変更はありません".to_owned()
    } else {
        format!("{n}件の変更")
    }
}

/// Escapes text for Markdown, control characters included. Line breaks become `  ` + a new
/// line indented under the list item.
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::for_terminal(s).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' | '#' | '<' | '>' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("  \n  "),
            _ => out.push(c),
        }
    }
    out
}

/// The diff as Markdown for a pull request, an e-mail or a board memo: a list of changes, each
/// with its place, and the text with 〔削除：…〕 and 〔追加：…〕 marks — no HTML, so it survives
/// being pasted into Word or an e-mail (`<del>`/`<ins>` do not).
pub fn to_markdown(diff: &Diff, from: &str, to: &str) -> String {
    let mut out = format!("### {from} → {to}：{}\n\n", count_text(diff.changes.len()));
    for c in &diff.changes {
        out.push_str(&format!(
            "- **{}** {}{}  \n  ",
            c.kind.japanese(),
            escape_md(&location(c)),
            target_note(c)
        ));
        let n = c.spans.len();
        for (i, s) in c.spans.iter().enumerate() {
            match s {
                Span::Equal(t) => out.push_str(&escape_md(&collapse(t, i == 0, i + 1 == n))),
                Span::Delete(t) => out.push_str(&format!("〔削除：{}〕", escape_md(t))),
                Span::Insert(t) => out.push_str(&format!("〔追加：{}〕", escape_md(t))),
            }
        }
        out.push('\n');
    }
    out
}

/// The output of `kohyo diff --format json` (docs/diff.md).
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct DiffJson<'a> {
    /// `kohyo-diff/1`.
    format: &'static str,
    /// The older version (an id, or the file or folder given).
    from: &'a str,
    /// The newer version.
    to: &'a str,
    /// The changes, in the order of the newer version.
    changes: &'a [Change],
}

/// The diff as JSON (documented in docs/diff.md): `{format, from, to, changes: [{path, target,
/// kind, old, new, spans: [{op, text}]}]}`.
pub fn to_json(diff: &Diff, from: &str, to: &str) -> String {
    let doc = DiffJson {
        format: DIFF_JSON_FORMAT,
        from,
        to,
        changes: &diff.changes,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("diffs always serialise");
    s.push('\n');
    s
}
