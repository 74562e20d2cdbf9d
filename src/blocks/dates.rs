//! `type = "dates"`: dates of the document as printed under its title (制定 平成25年4月1日,
//! 最終改定 令和6年4月1日), written in the site's date style.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::change::{Differ, Target, with};
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::ViewCx;
use crate::values::{Date, DateStyle, FieldPath};

/// Dates with their labels, one line each.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatesBlock {
    /// The dates, in order.
    pub entries: Vec<DateEntry>,
    /// How a line is written: `{label}` and `{date}` are replaced (default `{label} {date}`;
    /// `{date} {label}` gives 「平成25年4月1日 制定」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// How this block's dates are written when not in the site's `date_style`: `seireki`,
    /// `wareki`, `seireki-padded` (2021年10月07日), `wareki-padded` (令和03年10月07日).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_style: Option<DateStyle>,
    /// The statutory items this block fulfils (see docs/check.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// One date with its label.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateEntry {
    /// What the date is, e.g. `制定`, `最終改定`.
    pub label: String,
    /// The date (a TOML date such as 2013-04-01).
    pub date: Date,
}

const DEFAULT_FORMAT: &str = "{label} {date}";

/// What the templates see: each line as text and date segments.
#[derive(Serialize)]
pub(crate) struct View {
    entries: Vec<LineView>,
}

#[derive(Serialize)]
struct LineView {
    segments: Vec<Segment>,
}

#[derive(Serialize)]
struct Segment {
    text: String,
    /// Set for the date itself: `2013-04-01` for `<time datetime>`.
    iso: Option<String>,
}

impl DatesBlock {
    fn format(&self) -> &str {
        self.format.as_deref().unwrap_or(DEFAULT_FORMAT)
    }

    fn line(&self, e: &DateEntry, written: &str) -> String {
        self.format()
            .replace("{label}", &e.label)
            .replace("{date}", written)
    }
}

impl BlockKind for DatesBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "日付"
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
        if self.entries.is_empty() {
            v.error(
                &at.key("entries"),
                "there are no dates",
                "add entries = [{ label = \"制定\", date = 2013-04-01 }]",
            );
        }
        for (i, e) in self.entries.iter().enumerate() {
            v.nonempty(&at.key("entries").index(i).key("label"), &e.label);
        }
        if !self.format().contains("{date}") {
            v.error(
                &at.key("format"),
                "the format has no {date}",
                "write it as \"{label} {date}\" or \"{date} {label}\"",
            );
        }
    }

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        for (i, e) in self.entries.iter().enumerate() {
            l.trimmed(&at.key("entries").index(i).key("label"), &e.label);
        }
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        let format = self.format();
        View {
            entries: self
                .entries
                .iter()
                .map(|e| {
                    let mut segments = Vec::new();
                    let mut rest = format;
                    while let Some(i) = rest.find("{date}") {
                        let before = rest[..i].replace("{label}", &e.label);
                        if !before.is_empty() {
                            segments.push(Segment {
                                text: before,
                                iso: None,
                            });
                        }
                        segments.push(Segment {
                            text: e.date.japanese_in(self.date_style.unwrap_or(cx.date_style)),
                            iso: Some(e.date.to_string()),
                        });
                        rest = &rest[i + "{date}".len()..];
                    }
                    if !rest.is_empty() {
                        segments.push(Segment {
                            text: rest.replace("{label}", &e.label),
                            iso: None,
                        });
                    }
                    LineView { segments }
                })
                .collect(),
        }
    }

    fn text(&self) -> String {
        self.entries
            .iter()
            .map(|e| self.line(e, &e.date.to_string()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn covers(&self) -> &[String] {
        &self.covers
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        if self.format() != new.format() {
            d.whole(
                &with(at, "書式"),
                Target::Field,
                self.format(),
                new.format(),
            );
        }
        if self.date_style != new.date_style {
            let name = |s: Option<DateStyle>| match s {
                None => "サイトの書き方",
                Some(DateStyle::Seireki) => "西暦",
                Some(DateStyle::Wareki) => "和暦",
                Some(DateStyle::SeirekiPadded) => "西暦（2桁）",
                Some(DateStyle::WarekiPadded) => "和暦（2桁）",
            };
            d.whole(
                &with(at, "日付の書き方"),
                Target::Field,
                name(self.date_style),
                name(new.date_style),
            );
        }
        for e in &self.entries {
            match new.entries.iter().find(|n| n.label == e.label) {
                Some(n) if n.date != e.date => d.whole(
                    &with(at, e.label.clone()),
                    Target::Field,
                    &e.date.to_string(),
                    &n.date.to_string(),
                ),
                Some(_) => {}
                None => d.removed(
                    &with(at, e.label.clone()),
                    Target::Field,
                    &e.date.to_string(),
                ),
            }
        }
        for n in &new.entries {
            if !self.entries.iter().any(|e| e.label == n.label) {
                d.added(
                    &with(at, n.label.clone()),
                    Target::Field,
                    &n.date.to_string(),
                );
            }
        }
    }
}
