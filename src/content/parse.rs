//! TOML text → model types, with every error placed at a line, a column and a field.
//!
//! The text is parsed twice over the same syntax tree: once into a [`SpanTree`] that remembers
//! where each value sits, once (through serde) into the model type. Errors from serde carry a
//! field path (via `serde_path_to_error`); the tree turns that path into a position.

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use super::{japanese_input, syntax};
use crate::error::{Diagnostic, SourceFile};
use crate::i18n::Msg;
pub use crate::source::{Origin, SpanTree, span_tree};
use crate::values::FieldPath;
use crate::values::path::Segment;

/// A TOML file parsed into `T`, with its origin.
pub struct Parsed<T> {
    /// The value.
    pub value: T,
    /// The file and the positions of its values.
    pub origin: Arc<Origin>,
}

impl<T> Parsed<T> {
    /// Where each value is in the file.
    pub fn spans(&self) -> &SpanTree {
        self.origin.spans()
    }

    /// The file.
    pub fn source(&self) -> &Arc<SourceFile> {
        &self.origin.source
    }

    /// A diagnostic placed at the value of `path`.
    pub fn error_at(&self, path: &FieldPath, message: impl Into<crate::i18n::Msg>) -> Diagnostic {
        self.origin.error_at(path, message)
    }
}

/// Parses `source` as TOML into `T`. On failure, returns every syntax error, or every error of
/// shape (read past each one, see [`super::recover`]), each placed at a line and column.
pub fn parse_toml<T: DeserializeOwned>(
    source: &Arc<SourceFile>,
) -> Result<Parsed<T>, Vec<Diagnostic>> {
    parse_toml_mended(source, false).map_err(|(_, diags)| diags)
}

/// The problems of a file that could not be read, with the value read from it mended past
/// them, if there is one.
pub type Unreadable<T> = (Option<super::recover::Mended<T>>, Vec<Diagnostic>);

/// [`parse_toml`], which also returns, with the errors of shape, the value read from the file
/// mended past them (where the mistakes were replaced by harmless values), if there is one:
/// enough to name each problem's place as staff see it, never to be built or published.
/// With `keep_positions`, the positions of the values are kept from this parse (for a file
/// whose positions will be needed; others build them on first use).
pub fn parse_toml_mended<T: DeserializeOwned>(
    source: &Arc<SourceFile>,
    keep_positions: bool,
) -> Result<Parsed<T>, Unreadable<T>> {
    let forbidden = forbidden_characters(source);
    if !forbidden.is_empty() {
        return Err((None, forbidden));
    }
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        return Err(read_on::<T>(source, errors));
    }
    let mut escaped = Vec::new();
    forbidden_in_values(source, &FieldPath::root(), root.get_ref(), &mut escaped);
    if !escaped.is_empty() {
        return Err((None, escaped));
    }
    // Positions the caller will need anyway are kept from this parse, not parsed again later.
    let spans = keep_positions.then(|| SpanTree::of_root(&root));
    match super::recover::deserialize_all::<T>(&source.text, root) {
        Ok(value) => {
            let origin = match spans {
                Some(spans) => Origin::with_spans(Arc::clone(source), spans),
                None => Origin::new(Arc::clone(source)),
            };
            Ok(Parsed {
                value,
                origin: Arc::new(origin),
            })
        }
        Err((mended, errors)) => {
            let spans = span_tree(&source.text);
            let mut found: Vec<Diagnostic> = errors
                .into_iter()
                .map(|e| shape_diagnostic(source, &spans, e))
                .collect();
            found.sort_by_key(|d| (d.line, d.column));
            found.dedup_by(|a, b| {
                a.line == b.line && a.column == b.column && a.message == b.message
            });
            Err((mended, found))
        }
    }
}

/// What a file that does not read says when read past its mistakes (see [`read_on`]): the
/// value of the mended text, with the origin of that text (the same lines as the file), for
/// the checks that can still be made on it — a placeholder left in a file that also has a
/// syntax error is reported in the same run. `None` when the file reads, or cannot be mended.
pub fn read_mended<T: DeserializeOwned>(source: &Arc<SourceFile>) -> Option<(T, Arc<Origin>)> {
    let (_, errors) = DeTable::parse_recoverable(&source.text);
    let text = if errors.is_empty() {
        source.text.clone()
    } else {
        syntax::read_past(source, errors).mended
    };
    let (root, more) = DeTable::parse_recoverable(&text);
    if !more.is_empty() {
        return None;
    }
    let value = match super::recover::deserialize_all::<T>(&text, root) {
        Ok(value) => value,
        Err((Some((value, _)), _)) => value,
        Err((None, _)) => return None,
    };
    let mended = Arc::new(SourceFile {
        path: source.path.clone(),
        text,
    });
    Some((value, Arc::new(Origin::new(mended))))
}

/// The syntax errors of a file, then, read on past them in the mended text (see
/// [`super::syntax`]), its errors of shape, each placed on the file as written: every mistake
/// of a file in one run. Nothing is read from a file with a syntax error but its problems and
/// the places they name.
fn read_on<T: DeserializeOwned>(
    source: &Arc<SourceFile>,
    errors: Vec<toml::de::Error>,
) -> Unreadable<T> {
    let past = syntax::read_past(source, errors);
    let mut found = past.diagnostics;
    let (root, more) = DeTable::parse_recoverable(&past.mended);
    if !more.is_empty() {
        return (None, found);
    }
    let mended_source = Arc::new(SourceFile {
        path: source.path.clone(),
        text: past.mended.clone(),
    });
    let (value, shape) = match super::recover::deserialize_all::<T>(&past.mended, root) {
        Ok(value) => (Some((value, Vec::new())), Vec::new()),
        Err((value, shape)) => (value, shape),
    };
    let spans = span_tree(&past.mended);
    // A field missing from a file with a syntax error is most likely on a line the error
    // hides: it is left for the next run.
    for e in shape
        .into_iter()
        .filter(|e| !e.raw.starts_with("missing field"))
    {
        let d = shape_diagnostic(&mended_source, &spans, e);
        let Some(span) = d.span() else {
            continue;
        };
        if past
            .changed
            .contains(&syntax::line_of(&past.mended, span.start))
        {
            continue;
        }
        let span = syntax::placed(&source.text, &past.mended, span);
        found.push(d.placed_in(source, span));
    }
    found.sort_by_key(|d| (d.line, d.column));
    (value, found)
}

/// A diagnostic for an error of shape: a plain message, placed at the field.
fn shape_diagnostic(
    source: &Arc<SourceFile>,
    spans: &SpanTree,
    e: super::recover::ShapeError,
) -> Diagnostic {
    let (path, span, message, help) = explain(spans, e.path, &e.raw);
    let span = span.or(e.span).unwrap_or(0..0);
    // A value typed the Japanese way (a date 2025/04/01, a postal code without quotes) gets
    // its own message and the exact fix.
    let (message, help) = match japanese_input::on_line(line_at(&source.text, span.start)) {
        Some(m) => (m.message, Some(m.help)),
        None => (Msg::from(message), help.map(Msg::from)),
    };
    let mut d = Diagnostic::at(source, span, message).field(&path);
    if let Some(help) = help {
        d = d.help(help);
    }
    d
}

/// A diagnostic for each character of [`crate::text::forbidden`] written as it is in `source`.
pub fn forbidden_characters(source: &Arc<SourceFile>) -> Vec<Diagnostic> {
    crate::text::find_forbidden(&source.text)
        .take(50)
        .map(|(i, c, why)| {
            Diagnostic::at(
                source,
                i..i + c.len_utf8(),
                format!("the file contains {why} ({})", crate::text::escaped(c)),
            )
            .help("delete it: it is invisible or does nothing in a notice, and it could hide or reorder what the text says")
        })
        .collect()
}

/// Forbidden characters that a TOML escape (`\u001b`, `\e`) puts into a string or a key,
/// each reported at the value with its field path.
fn forbidden_in_values(
    source: &Arc<SourceFile>,
    path: &FieldPath,
    table: &DeTable<'_>,
    out: &mut Vec<Diagnostic>,
) {
    fn value(
        source: &Arc<SourceFile>,
        path: FieldPath,
        v: &toml::Spanned<DeValue<'_>>,
        out: &mut Vec<Diagnostic>,
    ) {
        match v.get_ref() {
            DeValue::String(s) if s.to_ascii_lowercase().contains("<br") => {
                let m = japanese_input::br_hint(
                    &s.replace('\\', "\\\\")
                        .replace('"', "\\\"")
                        .replace('\n', "\\n"),
                );
                out.push(
                    Diagnostic::at(source, v.span(), m.message)
                        .field(&path)
                        .help(m.help),
                );
            }
            DeValue::String(s) => {
                if let Some((_, c, why)) = crate::text::find_forbidden(s).next() {
                    out.push(
                        Diagnostic::at(
                            source,
                            v.span(),
                            format!("this text contains {why} ({})", crate::text::escaped(c)),
                        )
                        .field(&path)
                        .help("remove the escape sequence: it is invisible or does nothing in a notice, and it could hide or reorder what the text says"),
                    );
                }
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    value(source, path.index(i), item, out);
                }
            }
            DeValue::Table(t) => forbidden_in_values(source, &path, t, out),
            _ => {}
        }
    }
    for (k, v) in table.iter() {
        if let Some((_, c, why)) = crate::text::find_forbidden(k.get_ref()).next() {
            out.push(Diagnostic::at(
                source,
                k.span(),
                format!("this key contains {why} ({})", crate::text::escaped(c)),
            ));
        }
        value(source, path.key(k.get_ref()), v, out);
    }
}

/// The line of `text` holding byte `offset`.
fn line_at(text: &str, offset: usize) -> &str {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// A field path, the place to point at, a message and a fix hint.
type Explained = (FieldPath, Option<Range<usize>>, String, Option<String>);

/// Turns serde's wording into a plain message, and finds the best place to point at.
fn explain(spans: &SpanTree, path: FieldPath, raw: &str) -> Explained {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        return unknown_field(spans, path, rest);
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        let span = spans.span_of(&path);
        let message = if field == "type" {
            "this block has no `type`: say what kind of block it is".to_owned()
        } else {
            format!("required field `{field}` is missing")
        };
        return (
            path.clone(),
            Some(span.start..span.start),
            message,
            Some(format!("add `{field} = …` here")),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        return unknown_variant(spans, path, rest);
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return (
            path.clone(),
            Some(spans.span_of(&path)),
            format!(
                "expected {}, found {}",
                expected_words(expected),
                found_words(found)
            ),
            None,
        );
    }
    if raw.starts_with("data did not match any variant of untagged enum Cell") {
        return (
            path.clone(),
            Some(spans.span_of(&path)),
            "expected a text or a list of texts".to_owned(),
            None,
        );
    }
    let span = spans.span_of(&path);
    (path, Some(span), raw.trim().to_owned(), None)
}

/// Where a key that is not allowed in its table belongs: a `contact` block's `phone` written
/// in a row of the purposes table.
fn belongs_to(field: &str) -> Option<&'static str> {
    Some(match field {
        "phone" | "fax" | "email" | "postal_code" | "address" | "hours" | "department" | "url" => {
            "a `contact` block (or the `organization` block)"
        }
        "representative" | "officers" => "the `organization` block",
        "category" | "purposes" => "a row of a `purposes` block",
        "heading" | "number" | "blocks" => "a section (`[[sections]]`)",
        "rows" => "a `purposes`, `measures` or `table` block",
        "items" | "marker" => "a `list` block",
        _ => return None,
    })
}

/// `unknown field `x`, expected one of …`: pointed at the key.
fn unknown_field(spans: &SpanTree, path: FieldPath, rest: &str) -> Explained {
    let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let mut path = path;
    if path.0.last() == Some(&Segment::Key(field.to_owned())) {
        path.0.pop();
    }
    let key_span = spans.key_span(&path, field);
    let expected = expected
        .trim_start_matches(", expected one of ")
        .trim_start_matches(", expected ")
        .trim()
        .replace("` or `", "`, `");
    let expected = expected.as_str();
    let help = if expected.is_empty() || expected.starts_with("there are no fields") {
        "remove this field".to_owned()
    } else if let Some(meant) = super::recover::did_you_mean(field, expected, |name| {
        spans.key_span(&path, name).is_some()
    }) {
        format!("did you mean `{meant}`? the fields allowed here are {expected}")
    } else if let Some(block) = belongs_to(field) {
        format!(
            "`{field}` is a key of {block}, not of this table; the fields allowed here are {expected}"
        )
    } else {
        format!("the fields allowed here are {expected}; check the spelling")
    };
    (
        path.key(field),
        key_span,
        format!("unknown field `{field}`"),
        Some(help),
    )
}

/// `unknown variant `x`, expected one of …`: an unknown block `type` is reported on the
/// `type` value itself.
fn unknown_variant(spans: &SpanTree, path: FieldPath, rest: &str) -> Explained {
    let (variant, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let expected = expected
        .trim_start_matches(", expected one of ")
        .trim_start_matches(", expected ")
        .trim()
        .replace("` or `", "`, `");
    let expected = expected.as_str();
    let path = match spans.key_span(&path, "type") {
        Some(_) => path.key("type"),
        None => path,
    };
    let help = match super::recover::did_you_mean(variant, expected, |_| false) {
        Some(meant) => format!("did you mean `{meant}`? use one of {expected}"),
        None => format!("use one of {expected}"),
    };
    (
        path.clone(),
        Some(spans.span_of(&path)),
        format!("`{variant}` is not one of the allowed values"),
        Some(help),
    )
}

/// serde's name for what it expected, in plain words.
fn expected_words(expected: &str) -> String {
    match expected {
        "a string" => "a text in quotes".to_owned(),
        "a sequence" => "a list [ … ]".to_owned(),
        "a boolean" => "true or false".to_owned(),
        e if e.starts_with("struct ") || e.starts_with("internally tagged enum") => {
            "a table".to_owned()
        }
        e => e.to_owned(),
    }
}

/// serde's name for what it found, in plain words.
fn found_words(found: &str) -> String {
    let (kind, value) = found.split_once(' ').unwrap_or((found, ""));
    let kind = match kind {
        "sequence" => "a list",
        "map" => "a table",
        "integer" | "floating" => "a number",
        "boolean" => "true/false",
        "string" => "a text",
        "unit" => "nothing",
        other => other,
    };
    if value.is_empty() || value.starts_with("point") && value.len() < 7 {
        kind.to_owned()
    } else {
        format!("{kind} {}", value.trim_start_matches("point "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Notice;

    fn parse(text: &str) -> Result<Parsed<Notice>, Vec<Diagnostic>> {
        let src = Arc::new(SourceFile {
            path: "notice.toml".into(),
            text: text.to_owned(),
        });
        parse_toml::<Notice>(&src)
    }

    const HEAD: &str = "effective = 2024-04-01\nsummary = \"s\"\ntitle = \"t\"\n";

    #[test]
    fn unknown_field_points_at_the_key() {
        let text = format!(
            "{HEAD}[[sections]]\nheading = \"h\"\n[[sections.blocks]]\ntype = \"purposes\"\n[[sections.blocks.rows]]\ncategry = \"x\"\npurposes = []\n"
        );
        let errs = parse(&text).err().unwrap();
        assert_eq!(
            errs[0].headline(),
            "notice.toml:9:1: sections[0].blocks[0].rows[0].categry: unknown field `categry`"
        );
        assert!(errs[0].help.as_deref().unwrap().contains("`category`"));
    }

    #[test]
    fn wrong_type_names_field_and_expectation() {
        let text = "effective = 2024-04-01\nsummary = [\"a\"]\ntitle = \"t\"\n";
        let errs = parse(text).err().unwrap();
        assert_eq!(
            errs[0].headline(),
            "notice.toml:2:11: summary: expected a text in quotes, found a list"
        );
    }

    #[test]
    fn missing_field_is_reported_on_its_table() {
        let text = format!("{HEAD}[[sections]]\nnumber = \"1.\"\n");
        let errs = parse(&text).err().unwrap();
        assert_eq!(
            errs[0].headline(),
            "notice.toml:4:1: sections[0]: required field `heading` is missing"
        );
    }

    #[test]
    fn all_syntax_errors_are_reported() {
        let text = "effective = 2024-04-01\nsummary = \"unterminated\ntitle = \ntitle2 = = 3\n";
        let errs = parse(text).err().unwrap();
        assert!(errs.len() >= 2, "{errs:?}");
        assert!(errs[0].headline().starts_with("notice.toml:2:"), "{errs:?}");
    }

    #[test]
    fn wrong_type_inside_a_block_names_the_exact_field() {
        let text = format!(
            "{HEAD}[[sections]]\nheading = \"h\"\n[[sections.blocks]]\ntype = \"purposes\"\n[[sections.blocks.rows]]\ncategory = \"x\"\npurposes = [\"a\", 3]\n"
        );
        let errs = parse(&text).err().unwrap();
        assert_eq!(
            errs[0].headline(),
            "notice.toml:10:18: sections[0].blocks[0].rows[0].purposes[1]: expected a text in quotes, found a number `3`"
        );
    }

    #[test]
    fn unknown_block_type_points_at_the_type() {
        let text = format!(
            "{HEAD}[[sections]]\nheading = \"h\"\n[[sections.blocks]]\ntype = \"purpose\"\n"
        );
        let errs = parse(&text).err().unwrap();
        assert_eq!(
            errs[0].headline(),
            "notice.toml:7:8: sections[0].blocks[0].type: `purpose` is not one of the allowed values"
        );
    }

    #[test]
    fn a_datetime_is_not_a_date() {
        let text = "effective = 2024-04-01T10:00:00\nsummary = \"s\"\ntitle = \"t\"\n";
        let errs = parse(text).err().unwrap();
        assert!(
            errs[0]
                .headline()
                .starts_with("notice.toml:1:13: effective: a date is written without a time"),
            "{}",
            errs[0].headline()
        );
    }
}
