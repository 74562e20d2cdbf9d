//! The syntax errors of a TOML file, all of them in one run: each line with an error is
//! explained once — a typing mistake with the line as it should be written (see
//! [`super::japanese_input`]), or the parser's complaint in plain words of the run's language —
//! and the file is mended line by line (the fix written in, or the line emptied) and read again,
//! until it reads. The mended text keeps every line where it was, so the errors of shape found
//! in it afterwards are placed on the lines of the file as written.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use toml::de::DeTable;

use super::japanese_input::{self, Mistake};
use crate::error::{Diagnostic, SourceFile};
use crate::i18n::Msg;

/// How many times the file is mended and read again at most.
const ROUNDS: usize = 20;

/// The syntax errors of a file, and its text mended past them.
pub struct ReadPast {
    /// One per line with an error, in the order of the lines.
    pub diagnostics: Vec<Diagnostic>,
    /// The text with each such line corrected or emptied (the same number of lines).
    pub mended: String,
    /// The lines (0-based) that were changed.
    pub changed: BTreeSet<usize>,
}

/// Explains `errors` (the parser's, on `source`) and reads on past them.
pub fn read_past(source: &Arc<SourceFile>, mut errors: Vec<toml::de::Error>) -> ReadPast {
    let original = line_starts(&source.text);
    let mut lines: Vec<String> = source.text.split('\n').map(str::to_owned).collect();
    let mut diagnostics = Vec::new();
    let mut changed = BTreeSet::new();
    for _ in 0..ROUNDS {
        let text = lines.join("\n");
        let starts = line_starts(&text);
        errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
        let mut progressed = false;
        for e in &errors {
            let span = e.span().unwrap_or(0..0);
            let at = starts
                .partition_point(|&s| s <= span.start)
                .saturating_sub(1);
            if changed.contains(&at) {
                continue;
            }
            // The error's place in the file as written (its line is still as written).
            let column = span.start - starts[at];
            let start = original
                .get(at)
                .map_or(0, |s| s + column)
                .min(source.text.len());
            let found = explain(&mut lines, at, e.message());
            let mut d = Diagnostic::at(source, start..start + span.len().min(1), found.message)
                .help(found.help);
            d.line = at + 1;
            diagnostics.push(d);
            changed.insert(at);
            changed.extend(found.also);
            progressed = true;
        }
        if !progressed {
            break;
        }
        errors = DeTable::parse_recoverable(&lines.join("\n")).1;
        if errors.is_empty() {
            break;
        }
    }
    diagnostics.sort_by_key(|d| (d.line, d.column));
    ReadPast {
        diagnostics,
        mended: lines.join("\n"),
        changed,
    }
}

/// Where each line of `text` starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// What one syntax error is, with the lines it mends.
struct Found {
    message: Msg,
    help: Msg,
    /// Lines other than the error's that the fix changed.
    also: Vec<usize>,
}

/// Explains the error `raw` on line `at` of `lines`, and mends the lines past it.
fn explain(lines: &mut [String], at: usize, raw: &str) -> Found {
    let line = lines[at].clone();
    let key = line
        .split(['=', '＝'])
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    if raw.contains("duplicate key")
        && let Some(found) = duplicate(lines, at)
    {
        return found;
    }
    if (raw.contains("invalid basic string") || raw.contains("invalid literal string"))
        && let Some(end) = closing_line(lines, at)
    {
        let m = japanese_input::broken_string(&key);
        let joined: String = lines[at..=end].concat();
        lines[at] = joined;
        let also: Vec<usize> = (at + 1..=end).collect();
        for l in &also {
            lines[*l] = String::new();
        }
        return Found {
            message: m.message,
            help: m.help,
            also,
        };
    }
    let m = japanese_input::on_line(&line).unwrap_or_else(|| plain(raw));
    // Without a fix, the key stays with an empty value (so that it is not reported missing
    // too); a line that is not `key = value` is emptied.
    lines[at] = m
        .fixed
        .clone()
        .unwrap_or_else(|| match line.split_once('=') {
            Some((key, _))
                if !key.trim().is_empty() && key.trim().is_ascii() && !key.contains(['[', '"']) =>
            {
                format!("{} = \"\"", key.trim())
            }
            _ => String::new(),
        });
    Found {
        message: m.message,
        help: m.help,
        also: Vec::new(),
    }
}

/// The line after `at` where a quoted text opened on `at` closes (Enter pressed inside the
/// quotes), if one of the next few lines does.
fn closing_line(lines: &[String], at: usize) -> Option<usize> {
    let opened = lines[at].split_once('=')?.1.trim_start();
    if !(opened.starts_with('"') && opened.matches('"').count() == 1) {
        return None;
    }
    (at + 1..lines.len().min(at + 20)).find(|&l| {
        let t = lines[l].trim_end();
        t.ends_with('"') && t.matches('"').count() == 1
    })
}

/// A key written twice: the line of the first, and, when the second is a `[[…name]]` table
/// after `name = []`, the list line emptied instead.
fn duplicate(lines: &mut [String], at: usize) -> Option<Found> {
    let line = lines[at].trim().to_owned();
    let header = line.starts_with('[');
    let name = if header {
        line.trim_matches(['[', ']'])
            .rsplit('.')
            .next()?
            .trim()
            .to_owned()
    } else {
        line.split('=').next()?.trim().to_owned()
    };
    let first = (0..at).rev().find(|&l| {
        lines[l]
            .split_once('=')
            .is_some_and(|(k, _)| k.trim() == name)
    })?;
    let m: Mistake = if header {
        let m = japanese_input::list_then_tables(&name, first + 1);
        lines[first] = String::new();
        m
    } else {
        let m = japanese_input::duplicate_key(&name, first + 1);
        lines[at] = String::new();
        m
    };
    Some(Found {
        message: m.message,
        help: m.help,
        also: if header { vec![first] } else { Vec::new() },
    })
}

/// The parser's complaints kohyo can say in plain words: (what the parser says, English,
/// Japanese).
const SAID: &[(&str, &str, &str)] = &[
    (
        "string values must be quoted",
        "a text is written in double quotes",
        "文字は \" で囲みます",
    ),
    (
        "invalid unquoted key",
        "a key has a character keys cannot have (ASCII letters, digits, - and _ only)",
        "キーに使えない文字があります（キーは半角英数字と - _ だけ）",
    ),
    (
        "missing comma",
        "list items are separated by commas",
        "リストの項目の間に「,」がありません",
    ),
    (
        "expected newline",
        "something follows the value on this line",
        "値の後ろに余分な文字があります",
    ),
    ("invalid date", "this is not a date", "日付として読めません"),
    ("invalid time", "this is not a time", "時刻として読めません"),
    (
        "invalid table header",
        "a table header is written [name] or [[name]]",
        "表の見出しは [名前] または [[名前]] と書きます",
    ),
    (
        "invalid basic string",
        "the quotes of a text are not closed on this line",
        "文字の引用符（\"）がこの行で閉じていません",
    ),
    (
        "invalid literal string",
        "the quotes of a text are not closed on this line",
        "文字の引用符（'）がこの行で閉じていません",
    ),
    (
        "invalid inline table",
        "an inline table is written { key = value, … }",
        "表を1行に書くときは { キー = 値, … } と書きます",
    ),
    (
        "invalid array",
        "a list is written [\"…\", \"…\"]",
        "リストは [\"…\", \"…\"] と書きます",
    ),
    (
        "expected `=`",
        "a key is followed by =",
        "キーの後ろには = を書きます",
    ),
    (
        "expected `.`, `=`",
        "a key is followed by =",
        "キーの後ろには = を書きます",
    ),
];

/// The parser's complaint in plain words (the parser's own text stays in the English message).
fn plain(raw: &str) -> Mistake {
    let raw = raw.trim();
    let (en, ja) = SAID.iter().find(|(said, ..)| raw.contains(said)).map_or(
        (
            "this line is not valid TOML",
            "この行は TOML として読めません",
        ),
        |(_, en, ja)| (*en, *ja),
    );
    Mistake {
        message: Msg {
            en: format!("the file is not valid TOML: {en} ({raw})"),
            ja: Some(format!("TOML として読めません: {ja}")),
        },
        help: Msg {
            en: "check the quotes, brackets and = on this line".to_owned(),
            ja: Some("この行の引用符（\"）、括弧、= を確かめてください".to_owned()),
        },
        fixed: None,
    }
}

/// The span `span` of the mended text, placed on the file as written: the same line, the same
/// place in it (lines keep their places; only changed lines differ, and their errors are not
/// reported again).
pub fn placed(original: &str, mended: &str, span: Range<usize>) -> Range<usize> {
    let (from, to) = (line_starts(mended), line_starts(original));
    let at = from.partition_point(|&s| s <= span.start).saturating_sub(1);
    let column = span.start - from[at];
    let line_end = original[to.get(at).copied().unwrap_or(original.len())..]
        .find('\n')
        .map_or(original.len(), |i| to[at] + i);
    let start = (to.get(at).copied().unwrap_or(0) + column).min(line_end);
    start..(start + span.len()).min(line_end.max(start))
}

/// The 0-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    line_starts(text)
        .partition_point(|&s| s <= offset)
        .saturating_sub(1)
}
