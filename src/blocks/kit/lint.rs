//! The lint toolkit: what the block kinds find that is legal but almost certainly a mistake
//! (untrimmed text, full-width digits, malformed postal codes and phone numbers, a marker typed
//! twice, empty cells), as findings of the rules of `kohyo check` at a field.

use crate::values::number::{
    half_width, is_full_width_number_char, is_japanese_phone, is_postal_code, phone_with_hyphens,
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
    pub(crate) detail: String,
}

impl Linter {
    /// The findings, in the order they were found.
    pub(crate) fn into_findings(self) -> Vec<Finding> {
        self.out
    }

    pub(crate) fn report(&mut self, rule: &'static str, path: &FieldPath, detail: &str) {
        self.out.push(Finding {
            rule,
            path: path.clone(),
            detail: detail.to_owned(),
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

    pub(crate) fn number(&mut self, path: &FieldPath, text: &str, postal: bool) {
        let half = half_width(text.trim());
        if text.chars().any(is_full_width_number_char) {
            self.report(
                "content/mixed-width-digits",
                path,
                &format!("`{text}` → 半角で `{half}` / write `{half}`"),
            );
        }
        let ok = if postal {
            is_postal_code(text)
        } else {
            is_japanese_phone(text)
        };
        if ok {
            return;
        }
        let digits: String = half.chars().filter(char::is_ascii_digit).collect();
        let suggestion = if postal && digits.len() == 7 {
            Some(format!("{}-{}", &digits[..3], &digits[3..]))
        } else if !postal && (digits.len() == 10 || digits.len() == 11) && digits.starts_with('0') {
            Some(phone_with_hyphens(&digits))
        } else {
            None
        };
        let id = if postal {
            "content/postal-code"
        } else {
            "content/phone"
        };
        let detail = match suggestion {
            Some(s) if s != text => format!("`{text}` → `{s}` と書いてください / write `{s}`"),
            _ => format!("`{text}`"),
        };
        self.report(id, path, &detail);
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
                self.report("content/duplicate-marker", &ip, &format!("`{label}`"));
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
