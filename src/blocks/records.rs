//! `type = "records"`: repeated records of labelled fields, e.g. each joint use (共同利用).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::align::{Paired, align_pairing};
use super::kit::change::{
    ChangeKind, Differ, REWORD_THRESHOLD, Target, cell_text, join_fields, similarity, with,
};
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::{CellView, ListView, ViewCx};
use super::list::list_text;
use crate::values::{Cell, FieldPath, Item, Marker};

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
    /// The value: a text, a list of points, labelled parts, or a list with its own marker.
    pub value: FieldValue,
    /// The statutory items this field fulfils (see docs/check.md), e.g. `["joint-use-items"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// The value of a field.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum FieldValue {
    /// A text (Markdown, inline), or a list of points (`["氏名", "住所"]`).
    Cell(Cell),
    /// Labelled parts, each shown on its own line as 「共同事業の相手：…」:
    /// `[{ label = "共同事業の相手", value = "…" }, …]`.
    Pairs(Vec<Pair>),
    /// A list with its own marker: `{ marker = "bullet", items = ["…", …] }` (items as in a
    /// `list` block, with bodies and sub-lists).
    List(FieldList),
}

/// One labelled part of a field's value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// The label, e.g. `共同事業の相手`.
    pub label: String,
    /// The text (Markdown, inline).
    pub value: String,
}

/// A field's value written as a list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldList {
    /// How the items are marked (default `bullet`).
    #[serde(default)]
    pub marker: Marker,
    /// The number of the first item of a numbered list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
    /// The items.
    pub items: Vec<Item>,
}

impl FieldValue {
    /// The value as plain text, one line per point, part or item (for diffs and checks).
    pub fn text(&self) -> String {
        match self {
            FieldValue::Cell(c) => cell_text(c),
            FieldValue::Pairs(pairs) => pairs
                .iter()
                .map(|p| format!("{}：{}", p.label, p.value))
                .collect::<Vec<_>>()
                .join("\n"),
            FieldValue::List(l) => list_text(&l.marker, l.start, &l.items),
        }
    }
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
            .map(|f| (f.label.clone(), f.value.text()))
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
    /// A text or points.
    value: Option<CellView>,
    /// Labelled parts: (label, HTML).
    pairs: Vec<PairView>,
    /// A list with its own marker.
    list: Option<ListView>,
}

#[derive(Serialize)]
struct PairView {
    label: String,
    html: String,
}

impl RecordsBlock {
    /// The view of field `f`, the `i`-th of its record.
    fn field_view(&self, cx: &ViewCx<'_>, i: usize, f: &Field) -> FieldView {
        let (value, pairs, list) = match &f.value {
            FieldValue::Cell(c) => (Some(cx.cell(c, self.marker.as_ref())), Vec::new(), None),
            FieldValue::Pairs(pairs) => (
                None,
                pairs
                    .iter()
                    .map(|p| PairView {
                        label: p.label.clone(),
                        html: cx.markdown(&p.value, true),
                    })
                    .collect(),
                None,
            ),
            FieldValue::List(l) => (
                None,
                Vec::new(),
                Some(cx.list(&l.marker, l.start, &l.items)),
            ),
        };
        FieldView {
            marker: self.marker.as_ref().and_then(|m| m.label(i + 1)),
            label: f.label.clone(),
            value,
            pairs,
            list,
        }
    }
}

/// Checks a field's value: texts are Markdown, parts have labels and texts, lists are lists.
fn validate_value(v: &mut Checker<'_>, at: &FieldPath, value: &FieldValue) {
    match value {
        FieldValue::Cell(c) => v.cell(at, c),
        FieldValue::Pairs(pairs) => {
            if pairs.is_empty() {
                v.error(
                    at,
                    "the list of labelled parts is empty",
                    "write value = \"…\", or give at least one { label = \"…\", value = \"…\" }",
                );
            }
            for (k, p) in pairs.iter().enumerate() {
                v.nonempty(&at.index(k).key("label"), &p.label);
                v.nonempty(&at.index(k).key("value"), &p.value);
                v.markdown(&at.index(k).key("value"), &p.value);
            }
        }
        FieldValue::List(l) => {
            v.start(&at.key("start"), &l.marker, l.start);
            v.items(&at.key("items"), &l.items, true);
        }
    }
}

impl BlockKind for RecordsBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "記録"
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
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
                validate_value(v, &fp.key("value"), &field.value);
                v.covers(&fp.key("covers"), &field.covers);
            }
        }
    }

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        for (i, record) in self.records.iter().enumerate() {
            let rp = at.key("records").index(i);
            for (f, field) in record.fields.iter().enumerate() {
                let fp = rp.key("fields").index(f);
                l.trimmed(&fp.key("label"), &field.label);
                let vp = fp.key("value");
                match &field.value {
                    FieldValue::Cell(c) => l.cell(&vp, c),
                    FieldValue::Pairs(pairs) => {
                        for (k, p) in pairs.iter().enumerate() {
                            l.trimmed(&vp.index(k).key("label"), &p.label);
                            l.trimmed(&vp.index(k).key("value"), &p.value);
                        }
                    }
                    FieldValue::List(list) => l.items(&vp.key("items"), &list.marker, &list.items),
                }
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
                        .map(|(i, f)| self.field_view(cx, i, f))
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
                            .map(|f| format!("{}：{}", f.label, f.value.text())),
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
