//! `kohyo schema [site|version|document|notice-json|manifest|diff|check]`: the JSON Schema of
//! an input file (`site.toml`, a version's `notice.toml`, a document's `document.toml`) or of
//! an output (`notice.json`, `manifest.json`, the JSON of `diff` and `check`), generated from
//! the Rust types (the files under `schemas/` are this output).
//!
//! Descriptions are given in Japanese and English (`messages/schema-ja.toml`, keyed by the
//! English of the doc comments). An optional value is written as its type alone, not "that
//! type or null": TOML has no null, and editors (taplo) report a mismatch of `anyOf` as an
//! unreadable "not valid under any of the schemas".

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use super::{CommandResult, Outcome};
use crate::cli::SchemaKind;
use crate::model::{DocumentConfig, Notice, SiteConfig};

/// Japanese descriptions, keyed by the English.
pub(crate) const SCHEMA_JA: &str = include_str!("../../messages/schema-ja.toml");

fn japanese() -> &'static HashMap<String, String> {
    static JA: OnceLock<HashMap<String, String>> = OnceLock::new();
    JA.get_or_init(|| crate::i18n::parse(SCHEMA_JA))
}

/// The schema of `which`, as generated from the types, before it is made readable.
fn generated(which: SchemaKind) -> schemars::Schema {
    match which {
        SchemaKind::Site => schemars::schema_for!(SiteConfig),
        SchemaKind::Version => schemars::schema_for!(Notice),
        SchemaKind::Document => schemars::schema_for!(DocumentConfig),
        SchemaKind::NoticeJson => {
            schemars::schema_for!(crate::model::notice_json::NoticeJson<'static>)
        }
        SchemaKind::Manifest => schemars::schema_for!(crate::lock::Manifest),
        SchemaKind::Source => schemars::schema_for!(crate::model::SiteSource),
        SchemaKind::Diff => schemars::schema_for!(crate::diff::format::DiffJson<'static>),
        SchemaKind::Check => schemars::schema_for!(super::check::JsonReport<'static>),
    }
}

/// Makes a generated schema what editors show well: every description in Japanese, then
/// English, and for TOML inputs (`toml`), no `null` alternatives.
fn readable(value: &mut Value, toml: bool) {
    match value {
        Value::Object(map) => {
            // `anyOf: [X, {type: null}]` → X (keeping this level's description and default).
            if toml
                && let Some(Value::Array(any)) = map.get("anyOf")
                && any.len() == 2
                && any[1] == serde_json::json!({"type": "null"})
                && let Some(Value::Object(only)) = any.first().cloned()
            {
                map.remove("anyOf");
                for (k, v) in only {
                    map.entry(k).or_insert(v);
                }
            }
            // `type: ["string", "null"]` → `type: "string"`.
            if toml
                && let Some(Value::Array(types)) = map.get("type")
                && types.len() == 2
                && types[1] == "null"
            {
                let first = types[0].clone();
                map.insert("type".to_owned(), first);
            }
            if let Some(Value::String(en)) = map.get("description")
                && let Some(ja) = japanese().get(en.as_str())
            {
                let both = format!("{ja}\n\n{en}");
                map.insert("description".to_owned(), Value::String(both));
            }
            for v in map.values_mut() {
                readable(v, toml);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| readable(v, toml)),
        _ => {}
    }
}

/// The schema as pretty JSON with a final newline.
pub fn schema_json(which: SchemaKind) -> String {
    let mut value = generated(which).to_value();
    let toml = matches!(
        which,
        SchemaKind::Site | SchemaKind::Version | SchemaKind::Document
    );
    readable(&mut value, toml);
    if which == SchemaKind::Version {
        // Filled in by kohyo from the version's folder, never written in notice.toml.
        if let Some(Value::Object(p)) = value.get_mut("properties") {
            p.remove("attachments");
        }
        if let Some(Value::Object(d)) = value.get_mut("$defs") {
            d.remove("Attachment");
        }
    }
    let mut text = serde_json::to_string_pretty(&value).expect("schemas always serialise");
    text.push('\n');
    text
}

/// Prints the schema.
pub fn execute(which: SchemaKind) -> CommandResult {
    print!("{}", schema_json(which));
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every English description of the input schemas, with or without its Japanese.
    fn english_descriptions(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(d)) = map.get("description") {
                    out.push(d.clone());
                }
                map.values().for_each(|v| english_descriptions(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| english_descriptions(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_description_of_the_input_schemas_is_in_japanese_and_none_is_left_over() {
        let mut all = Vec::new();
        for which in [SchemaKind::Site, SchemaKind::Version, SchemaKind::Document] {
            english_descriptions(&generated(which).to_value(), &mut all);
        }
        let missing: Vec<&String> = all
            .iter()
            .filter(|d| !japanese().contains_key(*d))
            .collect();
        assert!(
            missing.is_empty(),
            "add these to messages/schema-ja.toml: {missing:#?}"
        );
        let unused: Vec<&String> = japanese().keys().filter(|k| !all.contains(k)).collect();
        assert!(
            unused.is_empty(),
            "remove these from messages/schema-ja.toml: {unused:#?}"
        );
    }

    #[test]
    fn optional_values_have_no_null_alternative() {
        for which in [SchemaKind::Site, SchemaKind::Version, SchemaKind::Document] {
            let text = schema_json(which);
            assert!(!text.contains("\"null\""), "{which:?}");
        }
    }
}
