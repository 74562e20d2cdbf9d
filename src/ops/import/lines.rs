//! Reading one line as a person reads it: a numbered heading (`1.`, `第2条`, `（1）`), a list
//! item with its marker (`(1)`, `①`, `・`, `ア．`), a note (`※`), a line of a contact (〒, 電話,
//! FAX, E-mail, 受付時間), and the marker a run of items is numbered with.

use crate::values::Marker;

/// A heading's number and text, with its level (1: `1.`, `第1条`, `■`; 2: `（1）`).
pub fn heading(line: &str) -> Option<(usize, String, String)> {
    let line = line.trim();
    let digits = |s: &str| {
        let n: String = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .collect();
        (!n.is_empty() && n.chars().count() <= 2).then_some(n)
    };
    // 1. 見出し / 1．見出し
    if let Some(n) = digits(line) {
        let rest = &line[n.len()..];
        for dot in ['.', '．'] {
            if let Some(text) = rest.strip_prefix(dot) {
                let text = text.trim();
                if short_heading(text) {
                    return Some((1, format!("{n}{dot}"), text.to_owned()));
                }
            }
        }
    }
    // 第1条（見出し）
    if let Some(rest) = line.strip_prefix('第')
        && let Some(end) = rest.find('条')
    {
        let n = &rest[..end];
        let text = rest[end + '条'.len_utf8()..].trim();
        if n.chars()
            .all(|c| c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十".contains(c))
            && !n.is_empty()
        {
            let text = text
                .trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')']);
            return Some((1, format!("第{n}条"), text.to_owned()));
        }
    }
    // ■ 見出し, 【見出し】
    if let Some(text) = line.strip_prefix('■') {
        let text = text.trim();
        if short_heading(text) {
            return Some((1, "■".to_owned(), text.to_owned()));
        }
    }
    // （1）見出し — only a short line that is not a sentence.
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = line.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && let Some(n) = digits(&rest[..end])
            && n.len() == end
        {
            let text = rest[end + close.len_utf8()..].trim();
            if short_heading(text) && text.chars().count() <= 30 {
                return Some((2, format!("{open}{n}{close}"), text.to_owned()));
            }
        }
    }
    None
}

/// Whether `text` reads as a heading: not empty, short, not a sentence.
fn short_heading(text: &str) -> bool {
    let n = text.chars().count();
    n > 0
        && n <= 60
        && !text.ends_with(['。', '、', '：', ':'])
        && !["場合", "とき", "こと", "ます", "です"]
            .iter()
            .any(|e| text.ends_with(e))
}

/// The markers a list item can start with, as shown, with the marker they belong to and the
/// number they show (symbols show none).
pub fn item(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    // "- " and "* " from Markdown-like pastes are not the marker when another follows.
    let line = match line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        Some(rest) if item_marker(rest.trim()).is_some() => rest.trim(),
        Some(rest) => return Some(("•".to_owned(), rest.trim().to_owned())),
        None => line,
    };
    item_marker(line)
}

/// The marker at the start of `line` and the rest.
fn item_marker(line: &str) -> Option<(String, String)> {
    for symbol in ["・", "●", "○", "◆", "◇", "▪", "•", "-", "＊"] {
        if let Some(rest) = line.strip_prefix(symbol) {
            return Some((symbol.to_owned(), rest.trim().to_owned()));
        }
    }
    let bracketed = [('(', ')'), ('（', '）'), ('[', ']'), ('［', '］')];
    for (open, close) in bracketed {
        if let Some(rest) = line.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && end > 0
            && rest[..end].chars().count() <= 3
        {
            let label = format!("{open}{}{close}", &rest[..end]);
            return Some((label, rest[end + close.len_utf8()..].trim().to_owned()));
        }
    }
    let first = line.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        return Some((
            first.to_string(),
            line[first.len_utf8()..].trim().to_owned(),
        ));
    }
    // ア． イ． / a. b.
    let mut chars = line.chars();
    if let (Some(c), Some(dot)) = (chars.next(), chars.next())
        && ("アイウエオカキクケコサシスセソタチツテト".contains(c) || c.is_ascii_lowercase())
        && matches!(dot, '.' | '．' | '、')
    {
        let label = format!("{c}{dot}");
        return Some((label.clone(), line[label.len()..].trim().to_owned()));
    }
    None
}

/// The marker (and the number the first item shows) that gives every label of `labels`, in
/// order: `(1) (2)` → paren, `①②` → circled, `・・` → nakaguro, `(3) (4)` → paren from 3.
pub fn marker_of(labels: &[String]) -> (Marker, Option<u32>) {
    let candidates = [
        Marker::Paren,
        Marker::FullwidthParen,
        Marker::Bracket,
        Marker::Circled,
        Marker::Decimal,
        Marker::Number,
        Marker::Katakana,
        Marker::KatakanaParen,
        Marker::Iroha,
        Marker::Kanji,
        Marker::Alpha,
        Marker::AlphaParen,
    ];
    // As printed first; then as staff type them (full-width and half-width alike).
    for exact in [true, false] {
        for m in &candidates {
            for start in 1..=50usize {
                let all = labels.iter().enumerate().all(|(i, l)| {
                    m.label(start + i).is_some_and(|x| {
                        if exact {
                            x == *l
                        } else {
                            normal(&x) == normal(l)
                        }
                    })
                });
                if all {
                    return (m.clone(), (start > 1).then_some(start as u32));
                }
            }
        }
    }
    if let Some(found) = format_of(labels) {
        return found;
    }
    let same = labels.windows(2).all(|w| w[0] == w[1]);
    match labels.first().map(String::as_str) {
        Some("・") if same => (Marker::Nakaguro, None),
        Some("●") if same => (Marker::BlackCircle, None),
        Some("○") if same => (Marker::WhiteCircle, None),
        Some("■") if same => (Marker::Square, None),
        Some("•") if same => (Marker::Bullet, None),
        Some("*") if same => (Marker::Asterisk, None),
        Some("") if same => (Marker::None, None),
        Some("※") if same => (Marker::Kome, None),
        Some(s) if same => (Marker::Symbol(s.to_owned()), None),
        _ => (Marker::None, None),
    }
}

/// Labels numbered inside words (`第3条`, `第4条`): the format `第{n}条` and its start.
fn format_of(labels: &[String]) -> Option<(Marker, Option<u32>)> {
    let first = labels.first()?;
    let at = first.find(|c: char| c.is_ascii_digit())?;
    let digits: String = first[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let (prefix, suffix) = (&first[..at], &first[at + digits.len()..]);
    if prefix.is_empty() && suffix.is_empty() {
        return None;
    }
    let start: u32 = digits.parse().ok()?;
    let all = labels
        .iter()
        .enumerate()
        .all(|(i, l)| *l == format!("{prefix}{}{suffix}", start + i as u32));
    all.then(|| {
        (
            Marker::Format(format!("{prefix}{{n}}{suffix}")),
            (start > 1).then_some(start),
        )
    })
}

/// A label compared without the difference of full-width and half-width parentheses and
/// periods (`（1）` is `(1)` as staff type it).
fn normal(label: &str) -> String {
    label
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '．' => '.',
            c => crate::values::number::ascii_digit(c),
        })
        .collect()
}

/// A line of a contact: (field, value) — `〒984-0015 宮城県…` gives the postal code and the
/// address.
pub fn contact_field(line: &str) -> Vec<(&'static str, String)> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix('〒') {
        let rest = rest.trim();
        let code: String = rest
            .chars()
            .take_while(|c| {
                c.is_ascii_digit() || *c == '-' || ('０'..='９').contains(c) || *c == '－'
            })
            .collect();
        let address = rest[code.len()..].trim();
        let mut out = vec![("postal_code", code)];
        if !address.is_empty() {
            out.push(("address", address.to_owned()));
        }
        return out;
    }
    const LABELS: &[(&str, &[&str])] = &[
        (
            "phone",
            &["電話番号", "電話", "TEL", "Tel", "tel", "ＴＥＬ"],
        ),
        ("fax", &["FAX", "Fax", "ファクス", "ファックス", "ＦＡＸ"]),
        (
            "email",
            &[
                "E-mail",
                "E-Mail",
                "Email",
                "メールアドレス",
                "メール",
                "e-mail",
            ],
        ),
        ("hours", &["受付時間", "受付"]),
        ("address", &["住所", "所在地"]),
        ("url", &["URL", "ホームページ"]),
    ];
    for (field, labels) in LABELS {
        for label in *labels {
            if let Some(rest) = line.strip_prefix(label) {
                let value = rest
                    .trim_start_matches([' ', '\u{3000}', '：', ':', '.'])
                    .trim();
                if !value.is_empty() {
                    return vec![(field, value.to_owned())];
                }
            }
        }
    }
    if line.starts_with("http://") || line.starts_with("https://") {
        return vec![("url", line.to_owned())];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_items_and_markers_are_read_as_people_read_them() {
        assert_eq!(
            heading("1. 個人情報の利用目的"),
            Some((1, "1.".into(), "個人情報の利用目的".into()))
        );
        assert_eq!(
            heading("第3条（開示）"),
            Some((1, "第3条".into(), "開示".into()))
        );
        assert_eq!(
            heading("（2）相談窓口"),
            Some((2, "（2）".into(), "相談窓口".into()))
        );
        assert_eq!(
            heading("(1)利用目的を本人に通知し、又は公表することにより…場合"),
            None
        );
        assert_eq!(
            item("- (1)利用目的を本人に通知する場合"),
            Some(("(1)".into(), "利用目的を本人に通知する場合".into()))
        );
        assert_eq!(
            item("・健診の結果"),
            Some(("・".into(), "健診の結果".into()))
        );
        let labels = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(marker_of(&labels(&["(1)", "(2)"])), (Marker::Paren, None));
        assert_eq!(marker_of(&labels(&["（3）", "（4）"])).1, Some(3));
        assert_eq!(marker_of(&labels(&["①", "②"])).0, Marker::Circled);
        assert_eq!(marker_of(&labels(&["・", "・"])).0, Marker::Nakaguro);
        assert_eq!(
            contact_field("〒984-0015 宮城県仙台市若林区卸町 2-9-5"),
            vec![
                ("postal_code", "984-0015".to_owned()),
                ("address", "宮城県仙台市若林区卸町 2-9-5".to_owned())
            ]
        );
        assert_eq!(
            contact_field("電話：022-235-5896"),
            vec![("phone", "022-235-5896".to_owned())]
        );
    }
}
