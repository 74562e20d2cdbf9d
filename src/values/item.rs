//! An item of a list: a line of text, or a table with its own paragraph, its own sub-list
//! (with its own marker and start) and an anchor — as real notices nest 1. → (1) → ① → ア.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Marker;

/// One item of a list, written as a string or as a table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// A line of Markdown (inline).
    Text(String),
    /// An item with a body, a sub-list or an anchor.
    Full(ItemTable),
}

/// An item written as a table: `{ text = "…", body = "…", marker = "katakana", items = […] }`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemTable {
    /// The item's line (Markdown, inline).
    pub text: String,
    /// Paragraphs under the line (Markdown, one or more paragraphs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// How the items of its sub-list are marked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<Marker>,
    /// The number of the first item of its sub-list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
    /// An anchor (`#id`) for links to this item: lower-case letters, digits and `-`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its sub-list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// The statutory items this item fulfils (see docs/check.md), e.g. `["purposes"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

impl Item {
    /// The item's line.
    pub fn text(&self) -> &str {
        match self {
            Item::Text(t) => t,
            Item::Full(t) => &t.text,
        }
    }

    /// The item's table, if it was written as one.
    pub fn table(&self) -> Option<&ItemTable> {
        match self {
            Item::Text(_) => None,
            Item::Full(t) => Some(t),
        }
    }

    /// The item's sub-list (empty for a line).
    pub fn items(&self) -> &[Item] {
        self.table().map_or(&[], |t| &t.items)
    }

    /// The whole text of the item and its sub-list, each line with its marker.
    pub fn full_text(&self, label: Option<String>) -> String {
        let mut out = format!("{}{}", label.unwrap_or_default(), self.text());
        if let Some(t) = self.table() {
            if let Some(body) = &t.body {
                out.push('\n');
                out.push_str(body.trim_end());
            }
            let marker = t.marker.clone().unwrap_or_default();
            let start = t.start.unwrap_or(1) as usize;
            for (i, sub) in t.items.iter().enumerate() {
                out.push('\n');
                out.push_str(&sub.full_text(marker.label(start + i)));
            }
        }
        out
    }
}

impl From<&str> for Item {
    fn from(s: &str) -> Self {
        Item::Text(s.to_owned())
    }
}

impl Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Item::Text(t) => s.serialize_str(t),
            Item::Full(t) => t.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a table such as { text = \"…\", items = [\"…\"] }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Item, E> {
                Ok(Item::Text(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Item, A::Error> {
                ItemTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Item::Full)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Item {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Item".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let table = generator.subschema_for::<ItemTable>();
        schemars::json_schema!({
            "description": "An item: a text (Markdown, inline), or a table with `text` and its own `body`, `marker`, `start`, `id` and sub-list `items`.",
            "anyOf": [ { "type": "string" }, table ]
        })
    }
}
