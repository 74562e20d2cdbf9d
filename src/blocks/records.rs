//! `type = "records"`: repeated records of labelled fields, e.g. each joint use (共同利用).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Kind;
use crate::check::lint::Linter;
use crate::content::validate::Checker;
use crate::diff::{Differ, Paired, Target, align_pairing, cell_text, join_fields, with};
use crate::model::{Cell, FieldPath, Notice};
use crate::render::view::{CellView, ViewCx};

/// Repeated records of labelled fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordsBlock {
    /// The records, in order.
    pub records: Vec<Record>,
}

/// One record of labelled fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// A heading for the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The fields, in order.
    pub fields: Vec<Field>,
}

/// A labelled field of a record.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The label, e.g. `相手先`.
    pub label: String,
    /// The value: text, or a list of points.
    pub value: Cell,
}

impl Record {
    fn key(&self, i: usize) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| format!("{}件目", i + 1))
    }

    fn fields(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .map(|f| (f.label.clone(), cell_text(&f.value)))
            .collect()
    }
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    records: Vec<RecordView>,
}

#[derive(Serialize)]
struct RecordView {
    title: Option<String>,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct FieldView {
    label: String,
    value: CellView,
}

impl Kind for RecordsBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "記録"
    }

    fn validate(&self, v: &mut Checker<'_, Notice>, at: &FieldPath) {
        if self.records.is_empty() {
            v.error(
                &at.key("records"),
                "there are no records",
                "add [[sections.blocks.records]]",
            );
        }
        for (r, record) in self.records.iter().enumerate() {
            let rp = at.key("records").index(r);
            if record.fields.is_empty() {
                v.error(
                    &rp.key("fields"),
                    "this record has no fields",
                    "add fields = [{ label = \"…\", value = \"…\" }]",
                );
            }
            for (f, field) in record.fields.iter().enumerate() {
                let fp = rp.key("fields").index(f);
                v.nonempty(&fp.key("label"), &field.label);
                v.cell(&fp.key("value"), &field.value);
            }
        }
    }

    fn lint(&self, l: &mut Linter<'_>, at: &FieldPath) {
        for (i, record) in self.records.iter().enumerate() {
            let rp = at.key("records").index(i);
            for (f, field) in record.fields.iter().enumerate() {
                let fp = rp.key("fields").index(f);
                l.trimmed(&fp.key("label"), &field.label);
                l.cell(&fp.key("value"), &field.value);
            }
        }
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        View {
            records: self
                .records
                .iter()
                .map(|r| RecordView {
                    title: r.title.clone(),
                    fields: r
                        .fields
                        .iter()
                        .map(|f| FieldView {
                            label: f.label.clone(),
                            value: cx.cell(&f.value),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    fn text(&self) -> String {
        self.records
            .iter()
            .map(|rec| {
                rec.title
                    .iter()
                    .cloned()
                    .chain(
                        rec.fields
                            .iter()
                            .map(|f| format!("{}：{}", f.label, cell_text(&f.value))),
                    )
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        let keys = |b: &RecordsBlock| -> Vec<String> {
            b.records
                .iter()
                .enumerate()
                .map(|(i, r)| r.key(i))
                .collect()
        };
        let (ka, kb) = (keys(self), keys(new));
        for step in align_pairing(&ka, &kb, |_, _| false) {
            match step {
                Paired::Same(i, j) | Paired::Changed(i, j) => d.fields(
                    &with(at, kb[j].clone()),
                    &self.records[i].fields(),
                    &new.records[j].fields(),
                ),
                Paired::Removed(i) => d.removed(
                    &with(at, ka[i].clone()),
                    Target::Record,
                    &join_fields(&self.records[i].fields()),
                ),
                Paired::Added(j) => d.added(
                    &with(at, kb[j].clone()),
                    Target::Record,
                    &join_fields(&new.records[j].fields()),
                ),
            }
        }
    }
}
