//! Values typed the Japanese way or by habit: dates (2025/04/01, 2025年4月1日, 令和7年4月1日,
//! 2025-4-1, full-width digits, a day that does not exist, a time), phone numbers and postal
//! codes without quotes, text without quotes, `<br>`.

use super::{Mistake, mistake, write_it};
use crate::values::Date;
use crate::values::number::{half_width, phone_with_hyphens};

/// The mistake of the value `value` of `key`, if it is one kohyo knows.
pub fn value_mistake(key: &str, value: &str) -> Option<Mistake> {
    let key = key.trim();
    if let Some(m) = date_mistake(key, value) {
        return Some(m);
    }
    if let Some(m) = number_mistake(key, value) {
        return Some(m);
    }
    if value.to_ascii_lowercase().contains("<br") {
        let text = value.trim();
        let text = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(text);
        return Some(br_hint(text));
    }
    unquoted_text(key, value)
}

/// A date written another way than `YYYY-MM-DD`.
fn date_mistake(key: &str, value: &str) -> Option<Mistake> {
    let bare = value.trim().trim_matches('"');
    if let Some(date) = Date::from_japanese(bare) {
        let fixed = format!("{key} = {date}");
        return Some(mistake(
            (
                format!("the date `{bare}` is not written as TOML writes dates (YYYY-MM-DD)"),
                format!("日付「{bare}」は TOML の日付の書き方（年-月-日）ではありません"),
            ),
            write_it(&fixed),
            Some(fixed),
        ));
    }
    let half = half_width(bare);
    let (date, time) = match half.split_once([' ', 'T', 't']) {
        Some((d, t)) if t.contains(':') => (d, Some(t)),
        _ => (half.as_str(), None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts[..] else { return None };
    let numbers = [y, m, d]
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !numbers || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let (year, month, day): (i16, i8, i8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let Ok(real) = jiff::civil::Date::new(year, month, day) else {
        return Some(mistake(
            (
                format!("there is no such day as {year}-{month:02}-{day:02}"),
                format!("{year}年{month}月{day}日という日はありません"),
            ),
            (
                "check the date (the last day of the month?)".to_owned(),
                "日付を確かめてください（月末の日付ではありませんか）".to_owned(),
            ),
            None,
        ));
    };
    let fixed = format!("{key} = {}", Date(real));
    let written_as_toml = time.is_none() && half == bare && m.len() == 2 && d.len() == 2;
    if written_as_toml && !value.trim().starts_with('"') {
        return None;
    }
    let (en, ja) = if time.is_some() {
        (
            format!("a date is written without a time: `{bare}`"),
            format!("日付に時刻は書きません: `{bare}`"),
        )
    } else {
        (
            format!(
                "a date is written YYYY-MM-DD, with two digits for month and day and without quotes: `{bare}`"
            ),
            format!("日付は、月と日を2桁にして、引用符なしで「年-月-日」と書きます: `{bare}`"),
        )
    };
    Some(mistake((en, ja), write_it(&fixed), Some(fixed)))
}

/// A phone or fax number or a postal code written without quotes.
fn number_mistake(key: &str, value: &str) -> Option<Mistake> {
    if value.starts_with('"') {
        return None;
    }
    // Digits and hyphens typed full-width (０２２－２３５) count as the number they are.
    let half = half_width(value);
    let hyphenated = half.contains('-')
        && half.chars().all(|c| c.is_ascii_digit() || c == '-')
        && !half.starts_with('-');
    let digits = half.chars().all(|c| c.is_ascii_digit()) && !half.is_empty();
    if (digits || hyphenated) && matches!(key, "phone" | "fax") {
        let shown = if hyphenated {
            half.clone()
        } else {
            phone_with_hyphens(&half)
        };
        let fixed = format!("{key} = \"{shown}\"");
        return Some(mistake(
            (
                format!("a phone number is a text in quotes: `{value}`"),
                format!("電話番号は \" で囲んだ文字として書きます: `{value}`"),
            ),
            (
                format!("write `{fixed}` (check where the hyphens go for the area code)"),
                format!(
                    "`{fixed}` と書いてください（ハイフンの位置は市外局番に合わせて確認してください）"
                ),
            ),
            Some(fixed),
        ));
    }
    let postal =
        (digits && half.len() == 7) || (hyphenated && half.len() == 8 && half.find('-') == Some(3));
    if postal && key == "postal_code" {
        let plain = half.replace('-', "");
        let fixed = format!("postal_code = \"{}-{}\"", &plain[..3], &plain[3..]);
        return Some(mistake(
            (
                format!("a postal code is a text in quotes: `{value}`"),
                format!("郵便番号は \" で囲んだ文字として書きます: `{value}`"),
            ),
            write_it(&fixed),
            Some(fixed),
        ));
    }
    None
}

/// Text written without quotes (`summary = 初版`).
fn unquoted_text(key: &str, value: &str) -> Option<Mistake> {
    let v = value.trim();
    let text = v.split(" #").next().unwrap_or(v).trim();
    let starts_right = text.starts_with(['"', '\'', '[', '{']);
    let literal = matches!(text, "true" | "false")
        || text.parse::<f64>().is_ok()
        || text.chars().next().is_some_and(|c| c.is_ascii_digit());
    if text.is_empty() || text.starts_with('=') || starts_right || literal || key.is_empty() {
        return None;
    }
    let fixed = format!("{key} = \"{}\"", text.replace('"', "\\\""));
    Some(mistake(
        (
            format!("a text is written in double quotes: `{text}`"),
            format!("文字は \" で囲みます: `{text}`"),
        ),
        write_it(&fixed),
        Some(fixed),
    ))
}

/// How to break a line instead of `<br>`, with `text` (the string as written, without its
/// quotes) rewritten: each `<br>` becomes a backslash at the end of a line, which Markdown
/// takes as a line break.
pub fn br_hint(text: &str) -> Mistake {
    let fixed = format!("\"{}\"", without_br(text));
    mistake(
        (
            "<br> is raw HTML, which is not allowed for a line break".to_owned(),
            "改行に <br> は使えません".to_owned(),
        ),
        (
            format!(
                "write `{fixed}`: a backslash at the end of a line breaks the line (in a TOML string, `\\\\` is the backslash and `\\n` the new line); an empty line (`\\n\\n`) starts a new paragraph"
            ),
            format!(
                "`{fixed}` と書いてください。行末の \\ で行が改まります（TOML の文字列では `\\\\` が \\、`\\n` が改行です）。空行（`\\n\\n`）なら段落が分かれます"
            ),
        ),
        Some(fixed),
    )
}

/// `text` with every `<br>`, `<br/>` and `<br />` (any case) turned into `\\\n` (a
/// backslash and a new line, as written inside a TOML basic string).
fn without_br(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.to_ascii_lowercase().find("<br") {
        out.push_str(&rest[..i]);
        let tag = &rest[i..];
        match tag.find('>') {
            Some(end)
                if tag[3..end]
                    .trim_matches(|c: char| c == '/' || c == ' ')
                    .is_empty() =>
            {
                out.push_str("\\\\\\n");
                rest = &tag[end + 1..];
            }
            _ => {
                out.push_str("<br");
                rest = &tag[3..];
            }
        }
    }
    out.push_str(rest);
    out
}
