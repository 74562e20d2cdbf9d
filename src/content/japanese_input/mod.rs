//! The mistakes of typing TOML on a Japanese keyboard, and of habit, recognised on the line of
//! a syntax error (or of a value) and explained with the exact fix — the line as it should be
//! written, which is also how the file is mended to read on past it: a full-width space, `＝`,
//! `：`, `”…”`, `「…」`, `＃`, `［［…］］`, `｛…｝`, `、` between list items, a key written in
//! Japanese, text without quotes, Enter pressed inside quotes, a key written twice; values
//! typed the Japanese way are in [`values`].

mod keys;
mod values;

pub use values::{br_hint, value_mistake};

use crate::i18n::Msg;

/// A recognised mistake: what it is, what to do, and the line as it should be written.
#[derive(Debug, PartialEq, Eq)]
pub struct Mistake {
    /// What is wrong.
    pub message: Msg,
    /// What to do: the corrected line, or the choice to make.
    pub help: Msg,
    /// The line corrected, when there is one right correction (the file is read on with it).
    pub fixed: Option<String>,
}

/// A mistake in both languages, with the corrected line.
pub(crate) fn mistake(
    message: (String, String),
    help: (String, String),
    fixed: Option<String>,
) -> Mistake {
    Mistake {
        message: Msg {
            en: message.0,
            ja: Some(message.1),
        },
        help: Msg {
            en: help.0,
            ja: Some(help.1),
        },
        fixed,
    }
}

/// "write `fixed`", in both languages.
pub(crate) fn write_it(fixed: &str) -> (String, String) {
    (
        format!("write `{fixed}`"),
        format!("`{fixed}` と書いてください"),
    )
}

/// The full-width characters that stand for TOML's own, and what they stand for.
const FULL_WIDTH: &[(char, char)] = &[
    ('＝', '='),
    ('＃', '#'),
    ('［', '['),
    ('］', ']'),
    ('｛', '{'),
    ('｝', '}'),
    ('，', ','),
    ('＂', '"'),
    ('”', '"'),
    ('“', '"'),
    ('″', '"'),
];

/// `text` outside its quoted strings: each character with whether it is inside quotes.
fn outside_quotes(text: &str) -> Vec<(char, bool)> {
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        let inside = quote.is_some();
        match (quote, c) {
            (Some('"'), '\\') if !escaped => escaped = true,
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            _ => escaped = false,
        }
        out.push((c, inside || quote.is_some()));
    }
    out
}

/// The mistake on `line` (the line of a syntax error, or of a value of the wrong type), if it
/// is one kohyo knows.
pub fn on_line(line: &str) -> Option<Mistake> {
    let trimmed = line.trim();
    if trimmed.starts_with(['[', '［']) {
        return table_header(trimmed);
    }
    if trimmed.starts_with('＃') {
        let fixed = trimmed.replacen('＃', "#", 1);
        return Some(mistake(
            (
                "a full-width `＃` does not start a comment".to_owned(),
                "全角の「＃」はコメントになりません".to_owned(),
            ),
            (
                format!("use a half-width #: `{fixed}`"),
                format!("半角の # にしてください: `{fixed}`"),
            ),
            Some(fixed),
        ));
    }
    let (key, separator, value) = split_line(line)?;
    key_mistake(key, separator, value)
        .or_else(|| punctuation_mistake(key, value))
        .or_else(|| value_mistake(key, value.trim()))
}

/// `key`, the separator written and the rest of a `key = value` line (also `key：value`,
/// `key: value` and `key ＝ value`).
fn split_line(line: &str) -> Option<(&str, char, &str)> {
    let at = line.find(['=', '＝', '：', ':'])?;
    let separator = line[at..].chars().next()?;
    let key = &line[..at];
    // A colon inside a quoted key or a value is not a separator; a line inside an inline
    // table or an array (`  { type = "list", … },`) is not a `key = value` line.
    if key.contains(['"', '\'', '{', '}', '[', ',']) {
        return None;
    }
    Some((key, separator, &line[at + separator.len_utf8()..]))
}

/// A key written with a full-width space, in Japanese, or followed by `：`, `:` or `＝`.
fn key_mistake(key: &str, separator: char, value: &str) -> Option<Mistake> {
    let name = key.trim().replace('\u{3000}', "");
    let value = fixed_value(value.trim());
    let meant = keys::meant(&name);
    let ascii = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    let fixed = format!("{} = {value}", meant.unwrap_or(&name));
    if !ascii {
        return Some(match meant {
            Some(k) => mistake(
                (
                    format!("keys are written in ASCII letters: `{}` is `{k}`", name),
                    format!("キーは半角英字で書きます。「{name}」は `{k}` です"),
                ),
                write_it(&fixed),
                Some(fixed),
            ),
            None => mistake(
                (
                    format!("keys are written in ASCII letters, not `{name}`"),
                    format!("キーは半角英字で書きます（「{name}」は使えません）"),
                ),
                (
                    "write the key in ASCII, e.g. `heading`, `text`, `phone`; docs/content.md lists every key".to_owned(),
                    "`heading`、`text`、`phone` などの半角英字のキーにしてください（使えるキーは docs/content.md にあります）".to_owned(),
                ),
                None,
            ),
        });
    }
    let (what_en, what_ja) = match separator {
        '=' if key.contains('\u{3000}') => (
            "a full-width space in the key",
            "キーの中に全角スペースがあります",
        ),
        '=' => return None,
        '＝' => ("a full-width `＝`", "全角の「＝」が使われています"),
        _ => (
            "a key and its value are joined by =, not by a colon",
            "キーと値の間は「:」ではなく「=」です",
        ),
    };
    Some(mistake(
        (what_en.to_owned(), what_ja.to_owned()),
        write_it(&fixed),
        Some(fixed),
    ))
}

/// A value with its full-width brackets, braces and quotes, 「」 and 「、」 between list items,
/// and a trailing full-width space or `＃` comment corrected.
fn fixed_value(value: &str) -> String {
    let mut v = value
        .trim_matches(|c: char| c == '\u{3000}' || c.is_whitespace())
        .to_owned();
    if let Some(inner) = v.strip_prefix('「').and_then(|r| r.strip_suffix('」')) {
        v = format!("\"{inner}\"");
    }
    let mut out = String::new();
    for (c, inside) in outside_quotes(&v) {
        let c = match FULL_WIDTH.iter().find(|(f, _)| *f == c) {
            Some((_, ascii)) if !inside || matches!(c, '”' | '“' | '″' | '＂') => *ascii,
            _ => c,
        };
        match c {
            '、' if !inside => out.push_str(", "),
            '\u{3000}' if !inside => out.push(' '),
            c => out.push(c),
        }
    }
    // A comment after the value keeps one space before its #.
    if let Some(at) = out.find(" #").or_else(|| out.find('#')) {
        let (value, comment) = out.split_at(at);
        out = format!("{} {}", value.trim_end(), comment.trim_start());
    }
    out.trim().to_owned()
}

/// Full-width or Japanese punctuation in a value: quotes, brackets, braces, 、 between list
/// items, a full-width space or ＃ after it.
fn punctuation_mistake(key: &str, value: &str) -> Option<Mistake> {
    let fixed_v = fixed_value(value);
    if fixed_v == value.trim_matches(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    let outside: String = outside_quotes(value)
        .into_iter()
        .filter(|(_, inside)| !inside)
        .map(|(c, _)| c)
        .collect();
    let (en, ja) = if value.trim_start().starts_with('「') {
        (
            "`「」` are not quotes in TOML",
            "「」は TOML の引用符になりません",
        )
    } else if value.contains(['”', '“', '″', '＂']) {
        (
            "full-width quotation marks",
            "全角の引用符（”）が使われています",
        )
    } else if outside.contains('、') {
        (
            "list items are separated by commas, not `、`",
            "リストの項目の区切りは「、」ではなく「,」です",
        )
    } else if outside.contains(['［', '］', '｛', '｝']) {
        (
            "full-width brackets or braces (`［］｛｝`)",
            "全角の括弧（［］｛｝）が使われています",
        )
    } else if outside.contains('＃') {
        (
            "a full-width `＃` does not start a comment",
            "全角の「＃」はコメントになりません",
        )
    } else if outside.contains('\u{3000}') {
        (
            "a full-width space outside the quotes",
            "引用符の外に全角スペースがあります",
        )
    } else {
        return None;
    };
    let fixed = format!("{} = {fixed_v}", key.trim());
    Some(mistake(
        (en.to_owned(), ja.to_owned()),
        write_it(&fixed),
        Some(fixed),
    ))
}

/// A table header typed with full-width brackets, or naming a table in the singular.
fn table_header(line: &str) -> Option<Mistake> {
    let ascii: String = line
        .chars()
        .map(|c| match c {
            '［' => '[',
            '］' => ']',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    let fixed = keys::plural_header(&ascii).unwrap_or_else(|| ascii.clone());
    if fixed == line {
        return None;
    }
    let (en, ja) = if ascii != line {
        (
            "full-width brackets in a table header",
            "表の見出しに全角の括弧（［］）が使われています",
        )
    } else {
        (
            "this table is written in the plural",
            "この表の名前は複数形で書きます",
        )
    };
    Some(mistake(
        (en.to_owned(), ja.to_owned()),
        write_it(&fixed),
        Some(fixed),
    ))
}

/// Enter pressed inside the quoted text of `key`: the text goes on to a later line, where the
/// quote closes.
pub fn broken_string(key: &str) -> Mistake {
    mistake(
        (
            "Enter was pressed inside the quotes: a text in \"…\" is on one line".to_owned(),
            "\"…\" の途中で改行されています。\"…\" の文字は1行に書きます".to_owned(),
        ),
        (
            format!(
                "join the lines into one, or, to keep the line break, enclose the text in three quotes: `{key} = \"\"\"` … `\"\"\"` (or write \\n where the line breaks)"
            ),
            format!(
                "行をつなげて1行にしてください。改行を残すときは三つの引用符で囲みます: `{key} = \"\"\"` …（複数行の文）… `\"\"\"`（または改行の位置に \\n と書きます）"
            ),
        ),
        None,
    )
}

/// A key written twice in the same table (the first at `first_line`).
pub fn duplicate_key(key: &str, first_line: usize) -> Mistake {
    mistake(
        (
            format!("`{key}` is written twice in this table (first on line {first_line})"),
            format!("`{key}` がこの表に二度書かれています（{first_line}行目にもあります）"),
        ),
        (
            "keep one of the two lines and delete the other".to_owned(),
            "どちらか一方の行を残し、もう一方を削除してください".to_owned(),
        ),
        Some(String::new()),
    )
}

/// `rows = []` (an empty list) followed by `[[…rows]]` tables of the same name.
pub fn list_then_tables(name: &str, first_line: usize) -> Mistake {
    mistake(
        (
            format!(
                "`{name}` was already written as a list on line {first_line}; it cannot go on as `[[…{name}]]` tables"
            ),
            format!(
                "`{name}` は {first_line}行目でリストとして書かれているため、`[[…{name}]]` の表を続けられません"
            ),
        ),
        (
            format!("delete the line `{name} = []` (line {first_line})"),
            format!("{first_line}行目の `{name} = []` を削除してください"),
        ),
        None,
    )
}

#[cfg(test)]
mod tests;
