//! `type = "records"`: repeated records of labelled fields, e.g. each joint use (共同利用).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Kind;
use crate::check::lint::Linter;
use crate::content::validate::Checker;
use crate::diff::{
    Differ, Kind as ChangeKind, Paired, REWORD_THRESHOLD, Target, align_pairing, cell_text,
    join_fields, similarity, with,
};
use crate::model::{Cell, FieldPath, Marker, Notice};
use crate::render::view::{CellView, ViewCx};

/// Repeated records of labelled fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordsBlock {
    /// The records, in order.
    pub records: Vec<Record>,
    /// A marker before each field's label (`marker = "bullet"`), and before the entries of
    /// values that are lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<Marker>,
    /// The statutory items this block fulfils (see docs/check.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// One record of labelled fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// A number shown before the title: `1.`, `(2)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
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
    /// The statutory items this field fulfils (see docs/check.md), e.g. `["joint-use-items"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
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
    number: Option<String>,
    title: Option<String>,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct FieldView {
    marker: Option<String>,
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
                v.covers(&fp.key("covers"), &field.covers);
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
                    number: r.number.clone(),
                    title: r.title.clone(),
                    fields: r
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| FieldView {
                            marker: self.marker.as_ref().and_then(|m| m.label(i + 1)),
                            label: f.label.clone(),
                            value: cx.cell(&f.value, self.marker.as_ref()),
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

    fn covers(&self) -> &[String] {
        &self.covers
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
        let (ta, tb): (Vec<String>, Vec<String>) = (
            self.records
                .iter()
                .map(|r| join_fields(&r.fields()))
                .collect(),
            new.records
                .iter()
                .map(|r| join_fields(&r.fields()))
                .collect(),
        );
        // A record under a new title with mostly the same fields is the same record, renamed.
        let pair = |i: usize, j: usize| similarity(&ta[i], &tb[j]) >= REWORD_THRESHOLD;
        for step in align_pairing(&ka, &kb, pair) {
            match step {
                Paired::Same(i, j) | Paired::Changed(i, j) => {
                    let rp = with(at, kb[j].clone());
                    if ka[i] != kb[j] {
                        d.push(
                            rp.clone(),
                            Target::Record,
                            ChangeKind::Renamed,
                            Some(&ka[i]),
                            Some(&kb[j]),
                        );
                    }
                    d.fields(&rp, &self.records[i].fields(), &new.records[j].fields());
                }
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
