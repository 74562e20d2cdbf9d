//! The lint toolkit: what the block kinds find that is legal but almost certainly a mistake
//! (untrimmed text, full-width digits, malformed postal codes and phone numbers, a marker typed
//! twice, empty cells), as findings of the rules of `kohyo check` at a field.

use crate::i18n::Msg;
use crate::values::number::{
    half_width, is_full_width_number_char, is_japanese_phone, is_postal_code, phone_numbers,
    phone_with_hyphens,
};
use crate::values::{Cell, FieldPath, Item, Marker};

/// Collects lint findings of one version; the block kinds call its methods on their fields.
#[derive(Default)]
pub(crate) struct Linter {
    out: Vec<Finding>,
}

/// What the lint found: the rule of `kohyo check` (`content/phone`), the field, and what
/// is wrong there, with the fix (empty when the rule says it all).
#[derive(Debug)]
pub(crate) struct Finding {
    pub(crate) rule: &'static str,
    pub(crate) path: FieldPath,
    pub(crate) detail: Msg,
}

impl Linter {
    /// The findings, in the order they were found.
    pub(crate) fn into_findings(self) -> Vec<Finding> {
        self.out
    }

    pub(crate) fn report(&mut self, rule: &'static str, path: &FieldPath, detail: impl Into<Msg>) {
        self.out.push(Finding {
            rule,
            path: path.clone(),
            detail: detail.into(),
        });
    }

    pub(crate) fn trimmed(&mut self, path: &FieldPath, text: &str) {
        if text.trim() != text && !text.trim().is_empty() {
            self.report("content/untrimmed", path, "");
        }
    }

    pub(crate) fn opt(&mut self, path: &FieldPath, text: &Option<String>) {
        if let Some(t) = text {
            self.trimmed(path, t);
        }
    }

    /// A postal code, or each number of a phone or fax field (with its label or extension):
    /// full-width digits are shown half-width (a note), a number that is not Japanese is an
    /// error with the form to write, one without hyphens a warning with where they usually go.
    pub(crate) fn number(&mut self, path: &FieldPath, text: &str, postal: bool) {
        if postal {
            self.postal_code(path, text);
            return;
        }
        for n in phone_numbers(text) {
            let half = half_width(n.number);
            if n.number.chars().any(is_full_width_number_char) {
                self.report(
                    "content/mixed-width-digits",
                    path,
                    Msg {
                        en: format!("`{}` → shown as `{half}`", n.number),
                        ja: Some(format!("`{}` → `{half}` と表示します", n.number)),
                    },
                );
            }
            let digits: String = half.chars().filter(char::is_ascii_digit).collect();
            let suggestion = (digits.len() == 10 || digits.len() == 11) && digits.starts_with('0');
            if !is_japanese_phone(n.number) {
                let detail = if suggestion {
                    let s = phone_with_hyphens(&digits);
                    Msg {
                        en: format!("`{text}` → write `{s}`"),
                        ja: Some(format!("`{text}` → `{s}` と書いてください")),
                    }
                } else {
                    Msg::from(format!("`{text}`"))
                };
                self.report("content/phone", path, detail);
            } else if !half.contains(['-', '(', ' ']) {
                let s = phone_with_hyphens(&digits);
                self.report(
                    "content/phone-hyphens",
                    path,
                    Msg {
                        en: format!(
                            "`{}` → write `{s}` (check where the area code ends)",
                            n.number
                        ),
                        ja: Some(format!(
                            "`{}` → `{s}` と書いてください（市外局番の区切りを確かめてください）",
                            n.number
                        )),
                    },
                );
            }
        }
    }

    fn postal_code(&mut self, path: &FieldPath, text: &str) {
        let half = half_width(text.trim());
        if text.chars().any(is_full_width_number_char) {
            self.report(
                "content/mixed-width-digits",
                path,
                Msg {
                    en: format!("`{text}` → shown as `{half}`"),
                    ja: Some(format!("`{text}` → `{half}` と表示します")),
                },
            );
        }
        if is_postal_code(text) {
            return;
        }
        let digits: String = half.chars().filter(char::is_ascii_digit).collect();
        let detail = if digits.len() == 7 {
            let s = format!("{}-{}", &digits[..3], &digits[3..]);
            Msg {
                en: format!("`{text}` → write `{s}`"),
                ja: Some(format!("`{text}` → `{s}` と書いてください")),
            }
        } else {
            Msg::from(format!("`{text}`"))
        };
        self.report("content/postal-code", path, detail);
    }

    /// The items of a list: trimmed, and without a hand-typed marker that duplicates the one
    /// the list prints (「(1) (1) 保険給付」).
    pub(crate) fn items(&mut self, path: &FieldPath, marker: &Marker, items: &[Item]) {
        for (i, item) in items.iter().enumerate() {
            let ip = match item {
                Item::Text(_) => path.index(i),
                Item::Full(_) => path.index(i).key("text"),
            };
            self.trimmed(&ip, item.text());
            if let Some(label) = marker.label(i + 1)
                && item.text().trim_start().starts_with(label.as_str())
            {
                self.report("content/duplicate-marker", &ip, format!("`{label}`"));
            }
            if let Some(t) = item.table() {
                let sub = t.marker.clone().unwrap_or_default();
                self.items(&path.index(i).key("items"), &sub, &t.items);
            }
        }
    }

    pub(crate) fn cell(&mut self, path: &FieldPath, cell: &Cell) {
        match cell {
            Cell::Text(t) if t.trim().is_empty() => self.report("content/empty-cell", path, ""),
            Cell::Text(t) => self.trimmed(path, t),
            Cell::Points(points) => {
                if points.is_empty() {
                    self.report("content/empty-cell", path, "");
                }
                for (i, p) in points.iter().enumerate() {
                    self.trimmed(&path.index(i), p);
                }
            }
        }
    }
}
