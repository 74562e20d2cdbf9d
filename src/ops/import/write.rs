//! The notice.toml of an imported notice, written as a person would write it: the keys of
//! each table in a readable order, a section's `[[sections]]` before its blocks, a text of
//! several paragraphs between `'''`, and a comment above each line kohyo is unsure of.

use std::fmt::Write as _;

use toml::{Table, Value};

use super::shape::{Doubt, Notice, Section};
use crate::values::Date;

/// The keys of a block, in the order they are written (others follow, sorted).
const ORDER: &[&str] = &[
    "type",
    "role",
    "id",
    "mark",
    "name",
    "department",
    "postal_code",
    "address",
    "phone",
    "fax",
    "email",
    "hours",
    "url",
    "text",
    "points",
    "blocks",
    "colspan",
    "rowspan",
    "category_label",
    "purposes_label",
    "text_label",
    "caption",
    "marker",
    "start",
    "items",
    "columns",
];

/// The text of notice.toml for `notice`, in force from `effective`, with `summary` and a
/// comment above each doubt's line.
pub fn notice_toml(
    notice: &Notice,
    effective: Date,
    summary: &str,
    source: &str,
    doubts: &[Doubt],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "#:schema ../../../schemas/version.schema.json");
    let _ = writeln!(
        out,
        "# kohyo import で {source} から取り込んだ草案です。`kohyo check` と `kohyo build --drafts` で確かめてください。"
    );
    let _ = writeln!(out, "effective = {effective}");
    let _ = writeln!(out, "summary = {}", value(&summary.into()));
    let _ = writeln!(out, "title = {}", value(&notice.title.clone().into()));
    if let Some(page_title) = &notice.page_title {
        let _ = writeln!(out, "page_title = {}", value(&page_title.clone().into()));
    }
    for b in &notice.front {
        write_table(&mut out, "front", b);
    }
    for b in &notice.preamble {
        write_table(&mut out, "preamble", b);
    }
    for s in &notice.sections {
        write_section(&mut out, "sections", s);
    }
    commented(&out, doubts)
}

fn write_section(out: &mut String, path: &str, s: &Section) {
    let _ = writeln!(
        out,
        "\n# ---------------------------------------------------------------------------\n[[{path}]]"
    );
    if let Some(id) = &s.id {
        let _ = writeln!(out, "id = {}", value(&id.clone().into()));
    }
    if let Some(number) = &s.number {
        let _ = writeln!(out, "number = {}", value(&number.clone().into()));
    }
    let _ = writeln!(out, "heading = {}", value(&s.heading.clone().into()));
    for b in &s.blocks {
        write_table(out, &format!("{path}.blocks"), b);
    }
    for sub in &s.sections {
        write_section(out, &format!("{path}.sections"), sub);
    }
    for b in &s.closing {
        write_table(out, &format!("{path}.closing"), b);
    }
}

/// A table of `path` (`[[sections.blocks]]`): its values, then its arrays of tables.
fn write_table(out: &mut String, path: &str, t: &Table) {
    let _ = writeln!(out, "\n[[{path}]]");
    let keys = ordered_keys(t);
    // Lists of tables are written as [[…]] sections, except a table's column headers, which
    // stay one line even when every header is a merged cell.
    let tables = |k: &str| {
        k != "columns"
            && matches!(&t[k], Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_table))
    };
    for key in keys.iter().filter(|k| !tables(k)) {
        let _ = writeln!(out, "{key} = {}", value(&t[key.as_str()]));
    }
    for key in keys.iter().filter(|k| tables(k)) {
        if let Value::Array(items) = &t[key.as_str()] {
            for item in items.iter().filter_map(Value::as_table) {
                write_table(out, &format!("{path}.{key}"), item);
            }
        }
    }
}

/// The keys of `t` in the order a person writes them (`type` first, `text` before `colspan`).
fn ordered_keys(t: &Table) -> Vec<&String> {
    let mut keys: Vec<&String> = t.keys().collect();
    keys.sort_by_key(|k| {
        (
            ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()),
            k.as_str(),
        )
    });
    keys
}

/// A value as written: a text of several lines between `'''` (nothing in it is an escape), a
/// list of long texts one per line, anything else as TOML writes it.
fn value(v: &Value) -> String {
    match v {
        Value::String(s) if s.contains('\n') && !s.contains("'''") && !s.ends_with('\'') => {
            format!("'''\n{s}\n'''")
        }
        Value::Array(items)
            if items.len() > 1 && items.iter().map(|i| i.to_string().len()).sum::<usize>() > 80 =>
        {
            let mut text = String::from("[\n");
            for item in items {
                let _ = writeln!(text, "  {},", value(item));
            }
            text.push(']');
            text
        }
        // A short list on one line, its items written the same way.
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(value).collect();
            format!("[{}]", items.join(", "))
        }
        // An inline table (a merged cell, a block in a cell): its keys in the usual order.
        Value::Table(t) => {
            let fields: Vec<String> = ordered_keys(t)
                .into_iter()
                .map(|k| {
                    let bare = !k.is_empty()
                        && k.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    let key = if bare {
                        k.clone()
                    } else {
                        Value::String(k.clone()).to_string()
                    };
                    format!("{key} = {}", value(&t[k.as_str()]))
                })
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        v => v.to_string(),
    }
}

/// `text` with each doubt's note as a comment above the first line holding its `near`.
fn commented(text: &str, doubts: &[Doubt]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for d in doubts {
        if let Some(at) = lines
            .iter()
            .position(|l| !l.starts_with('#') && l.contains(&d.near))
        {
            lines.insert(at, format!("# 確認: {}", d.note));
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
