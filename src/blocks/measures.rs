//! `type = "measures"`: the safety-management measures, one row per category (APPI Article
//! 32(1)(iv), Cabinet Order Article 10(i)).

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::change::{Differ, Target};
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::ViewCx;
use crate::values::FieldPath;

/// The safety-management measures: one row per category.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasuresBlock {
    /// Header of the category column; with `text_label`, gives the table a header row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_label: Option<String>,
    /// Header of the text column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_label: Option<String>,
    /// The rows.
    pub rows: Vec<MeasureRow>,
}

/// One row of the safety-management measures.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureRow {
    /// The category, e.g. `組織的安全管理措置`.
    pub category: String,
    /// What is done (Markdown).
    pub text: String,
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    category_label: Option<String>,
    text_label: Option<String>,
    rows: Vec<RowView>,
}

#[derive(Serialize)]
struct RowView {
    category: String,
    html: String,
}

impl BlockKind for MeasuresBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "安全管理措置の表"
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
        if self.category_label.is_some() != self.text_label.is_some() {
            v.error(
                at,
                "give both `category_label` and `text_label`, or neither",
                "the two labels make the table's header row",
            );
        }
        if self.rows.is_empty() {
            v.error(
                &at.key("rows"),
                "the measures table has no rows",
                "add [[sections.blocks.rows]] with a category and its text",
            );
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (r, row) in self.rows.iter().enumerate() {
            let rp = at.key("rows").index(r);
            v.nonempty(&rp.key("category"), &row.category);
            v.nonempty(&rp.key("text"), &row.text);
            v.markdown(&rp.key("text"), &row.text);
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
        }
    }

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        for (r, row) in self.rows.iter().enumerate() {
            l.trimmed(&at.key("rows").index(r).key("category"), &row.category);
        }
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        View {
            category_label: self.category_label.clone(),
            text_label: self.text_label.clone(),
            rows: self
                .rows
                .iter()
                .map(|r| RowView {
                    category: r.category.clone(),
                    html: cx.markdown(&r.text, false),
                })
                .collect(),
        }
    }

    fn text(&self) -> String {
        self.rows
            .iter()
            .map(|r| format!("{}：{}", r.category, r.text))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        fn rows(b: &MeasuresBlock) -> Vec<(&str, &[String])> {
            b.rows
                .iter()
                .map(|r| (r.category.as_str(), std::slice::from_ref(&r.text)))
                .collect()
        }
        d.keyed_rows(
            at,
            Target::Measure,
            &rows(self),
            &rows(new),
            |d, rp, o, n| {
                if o != n {
                    d.modified(rp, Target::Text, &o[0], &n[0]);
                }
            },
        );
    }
}
