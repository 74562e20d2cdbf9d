//! Placeholders in every field that reaches the page: 「（記入してください）」, ○○, 未定, （氏名）,
//! and names marked as samples (見本, 架空, サンプル, ダミー, テスト). Where the law requires the
//! value (a name, an address) it is a statutory error citing the document's article; anywhere
//! else (a phone number, hours, a paragraph) a lint error — the law does not require a phone
//! number (通則編 3-8-1). In a site declared a sample (`sample = true`), a name marked as
//! fictitious is a warning: every page says 見本.

use super::{Place, rule};
use crate::error::Diagnostic;
use crate::i18n::Msg;
use crate::model::{Notice, SiteConfig};
use crate::values::FieldPath;

/// Texts that stand for a value not yet written.
const PLACEHOLDERS: &[&str] = &[
    "（氏名）",
    "(氏名)",
    "（名称）",
    "（住所）",
    "（電話番号）",
    "○○",
    "〇〇",
    "●●",
    "××",
    "未定",
    "記入してください",
    "要確認",
    "TBD",
    "XXX",
    "xxx",
];

/// What marks a name as not a real one.
const SAMPLE_MARKS: &[&str] = &["見本", "架空", "サンプル", "ダミー", "テスト", "ダミー"];

/// Whether `s` is (or holds) a placeholder.
pub fn is_placeholder(s: &str) -> bool {
    PLACEHOLDERS.iter().any(|p| s.contains(p))
}

/// Whether a name says it is not a real one.
fn is_sample_name(s: &str) -> bool {
    SAMPLE_MARKS.iter().any(|m| s.contains(m))
}

/// The keys whose values the law requires where they stand (a name, an address).
fn required_by_law(path: &FieldPath) -> bool {
    let s = path.to_string();
    ["name", "address", "postal_code"]
        .iter()
        .any(|k| path.last_key() == Some(*k))
        || s.contains("representative")
        || s.contains("officers")
}

/// Keys that are not text shown on the page.
const NOT_SHOWN: &[&str] = &[
    "type",
    "role",
    "layout",
    "marker",
    "id",
    "file",
    "covers",
    "on_request",
    "effective",
    "order",
    "attachments",
    "appi",
    "format",
    "row_headers",
    "start",
    "separator",
];

/// Checks every text of the notice, and of site.toml, that reaches the page.
pub(super) fn check(
    config: &SiteConfig,
    notice: &Notice,
    place: &Place<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let Ok(value) = serde_json::to_value(notice) else {
        return;
    };
    let mut texts = Vec::new();
    walk(&value, FieldPath::root(), &mut texts);
    for (path, text) in texts {
        let name_like = required_by_law(&path);
        if !(is_placeholder(&text) || (name_like && is_sample_name(&text))) {
            continue;
        }
        let id = match (name_like, config.sample) {
            (true, true) => "appi/sample-name",
            (true, false) => "appi/placeholder",
            (false, _) => "content/placeholder",
        };
        let detail = format!("`{text}`");
        out.push(place.report(id, Some(&path), &Msg::from(detail.as_str())));
    }
    for (key, text) in [
        ("title", Some(&config.title)),
        ("description", config.description.as_ref()),
        ("organization.name", Some(&config.organization.name)),
    ] {
        if let Some(text) = text.filter(|t| is_placeholder(t)) {
            out.push(
                rule("content/placeholder")
                    .in_file(std::path::Path::new("site.toml"), &format!("`{text}`"))
                    .field(key),
            );
        }
    }
}

/// Every string of a JSON value with its field path, but the keys that are not shown.
pub(crate) fn walk(value: &serde_json::Value, path: FieldPath, out: &mut Vec<(FieldPath, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((path, s.clone())),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, path.index(i), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if !NOT_SHOWN.contains(&k.as_str()) {
                    walk(v, path.key(k), out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised_and_names_are_not() {
        for p in ["（氏名）", "理事長 ○○", "未定", "（記入してください）"] {
            assert!(is_placeholder(p), "{p}");
        }
        for name in ["山田 太郎", "仙台卸商健康保険組合", "022-235-5896"] {
            assert!(!is_placeholder(name), "{name}");
        }
        assert!(is_sample_name("見本 太郎（架空の氏名）"));
        assert!(!is_sample_name("山田 太郎"));
    }
}
