//! Content lint: problems that are legal TOML and build fine but are almost certainly mistakes
//! (untrimmed text, empty cells, malformed postal codes and phone numbers).

use super::rule;
use crate::content::parse::{FieldPath, Origin};
use crate::error::Diagnostic;
use crate::model::{Cell, Item, Marker, Notice};

/// Full-width digits and hyphen-like characters that belong in half-width in numbers.
fn is_full_width_number_char(c: char) -> bool {
    matches!(
        c,
        '０'..='９' | '－' | 'ー' | '‐' | '−' | '―' | '（' | '）' | '＋'
    )
}

/// The number with full-width characters made half-width.
pub(crate) fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | 'ー' | '‐' | '−' | '―' => '-',
            '（' => '(',
            '）' => ')',
            '＋' => '+',
            c => c,
        })
        .collect()
}

/// Whether `s` is a postal code `NNN-NNNN` (after making it half-width).
pub fn is_postal_code(s: &str) -> bool {
    let s = half_width(s.trim());
    let b = s.as_bytes();
    b.len() == 8
        && b[3] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 3 || c.is_ascii_digit())
}

/// Whether `s` is a Japanese phone number: 10 digits starting with 0, or 11 for mobile, IP
/// phone and 0800 numbers (or +81 and the number without its 0), written with digits,
/// hyphens, spaces or parentheses.
pub fn is_japanese_phone(s: &str) -> bool {
    let s = half_width(s.trim());
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '+'))
    {
        return false;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let national = if s.starts_with('+') {
        match digits.strip_prefix("81") {
            Some(rest) if !rest.starts_with('0') => format!("0{rest}"),
            _ => return false,
        }
    } else {
        digits
    };
    // Fixed lines and 0120/0570 numbers have 10 digits; mobile, IP phone and 0800 numbers 11.
    const ELEVEN: &[&str] = &["020", "050", "060", "070", "080", "090", "0800"];
    match national.len() {
        10 => national.starts_with('0') && !national.starts_with("0800"),
        11 => ELEVEN.iter().any(|p| national.starts_with(p)),
        _ => false,
    }
}

/// Lints one version's TOML.
pub fn lint_version(notice: &Notice, origin: &Origin) -> Vec<Diagnostic> {
    let mut l = Linter {
        origin,
        out: Vec::new(),
    };
    let root = FieldPath::root();
    l.trimmed(&root.key("title"), &notice.title);
    l.trimmed(&root.key("summary"), &notice.summary);
    for (s, section) in notice.sections.iter().enumerate() {
        let sp = root.key("sections").index(s);
        l.trimmed(&sp.key("heading"), &section.heading);
        if let Some(n) = &section.number {
            l.trimmed(&sp.key("number"), n);
        }
    }
    for (bp, block) in notice.blocks() {
        block.lint(&mut l, &bp);
    }
    l.out
}

/// Collects lint findings of one version; the block kinds call its methods on their fields.
pub(crate) struct Linter<'a> {
    origin: &'a Origin,
    out: Vec<Diagnostic>,
}

impl Linter<'_> {
    pub(crate) fn report(&mut self, id: &str, path: &FieldPath, detail: &str) {
        let d = rule(id)
            .at(&self.origin.source, self.origin.span_of(path), detail)
            .field(path);
        self.out.push(d);
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
            Some(crate::content::japanese_input::phone_with_hyphens(&digits))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes() {
        assert!(is_postal_code("984-0015"));
        assert!(is_postal_code("９８４－００１５"));
        for bad in ["9840015", "984-015", "984-00155", "〒984-0015", "abc-defg"] {
            assert!(!is_postal_code(bad), "{bad}");
        }
    }

    #[test]
    fn phone_numbers() {
        for ok in [
            "022-235-5896",
            "03-1234-5678",
            "0120-000-000",
            "090-1234-5678",
            "(022)235-5896",
            "+81-22-235-5896",
            "０２２－２３５－５８９６",
        ] {
            assert!(is_japanese_phone(ok), "{ok}");
        }
        for bad in [
            "022-235-589",
            "22-235-5896",
            "022-235-58966",
            "電話022",
            "+1-555-123-4567",
            "110",
        ] {
            assert!(!is_japanese_phone(bad), "{bad}");
        }
    }
}
