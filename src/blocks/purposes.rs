//! `type = "purposes"`: the table of purposes of use, one row per category of personal
//! information (APPI Article 32(1)(ii)).

use std::collections::{HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::change::{Differ, Target, with};
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::{ListView, ViewCx};
use crate::values::{FieldPath, Item, Marker};

/// The table of purposes of use: one row per category of personal information.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PurposesBlock {
    /// Header of the category column.
    #[serde(default = "default_category_label")]
    pub category_label: String,
    /// Header of the purposes column.
    #[serde(default = "default_purposes_label")]
    pub purposes_label: String,
    /// `inline`: purposes joined with `separator` as in a printed notice; `list`: one per line.
    #[serde(default)]
    pub layout: PurposeLayout,
    /// The separator for the `inline` layout.
    #[serde(default = "default_separator")]
    pub separator: String,
    /// How purposes shown as a list (`layout = "list"`, or `items`) are marked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<Marker>,
    /// The rows: one per category of personal information.
    #[serde(default)]
    pub rows: Vec<PurposeRow>,
    /// Instead of rows, a plain list of purposes without categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// The statutory items this table fulfils besides the purposes (see docs/check.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// How the purposes of a row are laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PurposeLayout {
    /// Joined with the separator in one paragraph.
    #[default]
    Inline,
    /// One purpose per line, as a bulleted list.
    List,
}

/// One row of the purpose table.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PurposeRow {
    /// The category of personal information (個人情報の類型).
    pub category: String,
    /// Its purposes of use, one entry per purpose.
    pub purposes: Vec<String>,
}

fn default_category_label() -> String {
    "個人情報の類型".to_owned()
}
fn default_purposes_label() -> String {
    "利用目的".to_owned()
}
fn default_separator() -> String {
    "、".to_owned()
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    category_label: String,
    purposes_label: String,
    inline: bool,
    separator: String,
    rows: Vec<RowView>,
    /// The plain list of purposes, for a block with `items`.
    list: Option<ListView>,
}

#[derive(Serialize)]
struct RowView {
    category: String,
    purposes: Vec<String>,
    /// The purposes as a marked list (`layout = "list"` with a `marker`).
    list: Option<ListView>,
}

impl BlockKind for PurposesBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "利用目的の表"
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
        v.nonempty(&at.key("purposes_label"), &self.purposes_label);
        match (self.rows.is_empty(), self.items.is_empty()) {
            (true, true) => v.error(
                &at.key("rows"),
                "the purpose table has no rows",
                "add [[sections.blocks.rows]] with a category and its purposes, or items = [\"…\"] for purposes without categories",
            ),
            (false, false) => v.error(
                &at.key("items"),
                "give either rows (purposes by category) or items (a plain list), not both",
                "keep one of the two",
            ),
            _ => {}
        }
        v.items(&at.key("items"), &self.items, false);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (r, row) in self.rows.iter().enumerate() {
            let rp = at.key("rows").index(r);
            v.nonempty(&rp.key("category"), &row.category);
            if let Some(first) = seen.insert(row.category.trim(), r) {
                v.error(
                    &rp.key("category"),
                    format!(
                        "category `{}` appears twice in this table (also rows[{first}])",
                        row.category
                    ),
                    "merge the two rows into one",
                );
            }
            if row.purposes.is_empty() {
                v.error(
                    &rp.key("purposes"),
                    "this category has no purposes",
                    "list its purposes of use, one string per purpose",
                );
            }
            let mut seen_p: HashSet<&str> = HashSet::new();
            for (p, purpose) in row.purposes.iter().enumerate() {
                let pp = rp.key("purposes").index(p);
                v.nonempty(&pp, purpose);
                if !seen_p.insert(purpose.trim()) {
                    v.error(
                        &pp,
                        format!("purpose `{purpose}` appears twice in this row"),
                        "remove one of them",
                    );
                }
            }
        }
    }

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        l.items(
            &at.key("items"),
            &self.marker.clone().unwrap_or_default(),
            &self.items,
        );
        for (r, row) in self.rows.iter().enumerate() {
            let rp = at.key("rows").index(r);
            l.trimmed(&rp.key("category"), &row.category);
            for (i, purpose) in row.purposes.iter().enumerate() {
                l.trimmed(&rp.key("purposes").index(i), purpose);
            }
        }
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        let marker = self.marker.clone().unwrap_or_default();
        View {
            category_label: self.category_label.clone(),
            purposes_label: self.purposes_label.clone(),
            inline: self.layout == PurposeLayout::Inline,
            separator: self.separator.clone(),
            rows: self
                .rows
                .iter()
                .map(|r| RowView {
                    category: r.category.clone(),
                    purposes: r.purposes.clone(),
                    list: self.marker.as_ref().map(|m| {
                        let items: Vec<Item> =
                            r.purposes.iter().map(|p| Item::Text(p.clone())).collect();
                        cx.list(m, None, &items)
                    }),
                })
                .collect(),
            list: (!self.items.is_empty()).then(|| cx.list(&marker, None, &self.items)),
        }
    }

    fn text(&self) -> String {
        let marker = self.marker.clone().unwrap_or_default();
        self.rows
            .iter()
            .map(|r| format!("{}：{}", r.category, r.purposes.join(&self.separator)))
            .chain(
                self.items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| item.full_text(marker.label(i + 1))),
            )
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn covers(&self) -> &[String] {
        &self.covers
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        if self.category_label != new.category_label {
            d.modified(
                &with(at, "見出し"),
                Target::Field,
                &self.category_label,
                &new.category_label,
            );
        }
        if self.purposes_label != new.purposes_label {
            d.modified(
                &with(at, "見出し"),
                Target::Field,
                &self.purposes_label,
                &new.purposes_label,
            );
        }
        fn rows(b: &PurposesBlock) -> Vec<(&str, &[String])> {
            b.rows
                .iter()
                .map(|r| (r.category.as_str(), r.purposes.as_slice()))
                .collect()
        }
        let (om, nm) = (
            self.marker.clone().unwrap_or_default(),
            new.marker.clone().unwrap_or_default(),
        );
        d.items(at, (&om, None, &self.items), (&nm, None, &new.items));
        d.keyed_rows(
            at,
            Target::PurposeRow,
            &rows(self),
            &rows(new),
            |d, rp, o, n| {
                d.texts(rp, Target::Purpose, o, n, |i| format!("{}番目", i + 1));
            },
        );
    }
}
