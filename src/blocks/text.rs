//! `type = "text"`: prose in Markdown, inline or in a file beside `notice.toml`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::change::{Differ, Target};
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::ViewCx;
use crate::values::FieldPath;

/// Prose in Markdown, given inline (`text`) or in a file beside `notice.toml` (`file`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextBlock {
    /// The Markdown text (filled from `file` when that is given).
    #[serde(default)]
    pub text: String,
    /// A Markdown file in the version's directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    html: String,
}

impl BlockKind for TextBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "本文"
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
        match (v.markdown_file(at), &self.file) {
            (Some(src), _) => v.markdown_in_file(&src, &at.key("file"), &self.text),
            (None, Some(_)) => {} // the file could not be read; already reported
            (None, None) => {
                v.nonempty(&at.key("text"), &self.text);
                v.markdown(&at.key("text"), &self.text);
            }
        }
    }

    fn lint(&self, _: &mut Linter, _: &FieldPath) {}

    fn view(&self, cx: &ViewCx<'_>) -> View {
        View {
            html: cx.markdown(&self.text, false),
        }
    }

    fn text(&self) -> String {
        self.text.trim_end().to_owned()
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        d.modified(at, Target::Text, self.text.trim_end(), new.text.trim_end());
    }
}
