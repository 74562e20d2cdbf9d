//! The mistakes a Japanese keyboard makes in a TOML file, recognised on the line of a syntax
//! error (or in a value) and explained with the exact fix: a full-width space in a key, `＝`,
//! `”…”`, `＃`, a date written 2025/04/01, 2025年4月1日 or 令和7年4月1日, a phone number or
//! postal code without quotes.

use crate::values::Date;
use crate::values::number::{half_width, phone_with_hyphens};

/// A recognised mistake: what it is, and the line as it should be written.
#[derive(Debug, PartialEq, Eq)]
pub struct Mistake {
    /// What is wrong, in Japanese and English.
    pub message: String,
    /// The fix: the corrected line, or what to do.
    pub help: String,
}

/// The mistake on `line` (the line of a TOML syntax error), if it is one kohyo knows.
pub fn on_line(line: &str) -> Option<Mistake> {
    let (key, value) = match line.split_once(['=', '＝']) {
        Some((k, v)) => (k, v),
        None => (line, ""),
    };
    if key.contains('\u{3000}') {
        return Some(Mistake {
            message: "キーの中に全角スペースがあります (a full-width space in a key)".to_owned(),
            help: format!(
                "全角スペースを削除してください / remove it: `{}`",
                line.replace('\u{3000}', "").trim()
            ),
        });
    }
    if line.contains('＝') && !line.contains('=') {
        return Some(Mistake {
            message: "全角の「＝」が使われています (a full-width ＝)".to_owned(),
            help: format!(
                "半角の = に直してください / use a half-width =: `{}`",
                line.replacen('＝', "=", 1).trim()
            ),
        });
    }
    if value.contains(['”', '“', '″']) {
        let fixed = value.trim().replace(['”', '“', '″'], "\"");
        return Some(Mistake {
            message: "全角の引用符（”）が使われています (full-width quotation marks)".to_owned(),
            help: format!(
                "半角の \" で囲んでください / use half-width quotes: `{} = {fixed}`",
                key.trim()
            ),
        });
    }
    if line.trim_start().starts_with('＃') {
        return Some(Mistake {
            message:
                "全角の「＃」はコメントになりません (a full-width ＃ does not start a comment)"
                    .to_owned(),
            help: format!(
                "半角の # にしてください / use a half-width #: `{}`",
                line.trim().replacen('＃', "#", 1)
            ),
        });
    }
    value_mistake(key.trim(), value.trim())
}

/// A value typed the Japanese way: a date, a phone number or postal code without quotes, `<br>`.
fn value_mistake(key: &str, value: &str) -> Option<Mistake> {
    if let Some(date) = Date::from_japanese(value) {
        return Some(Mistake {
            message: format!(
                "日付「{value}」は TOML の日付の書き方ではありません (a date is written YYYY-MM-DD)"
            ),
            help: format!("`{key} = {date}` と書いてください / write `{key} = {date}`"),
        });
    }
    // Digits and hyphens typed full-width (０２２－２３５) count as the number they are.
    let half = half_width(value);
    let hyphenated = half.contains('-')
        && half.chars().all(|c| c.is_ascii_digit() || c == '-')
        && !half.starts_with('-');
    let typed = value;
    let value = half.as_str();
    let digits = value.chars().all(|c| c.is_ascii_digit()) && !value.is_empty();
    if (digits || hyphenated) && matches!(key, "phone" | "fax") {
        let shown = if hyphenated {
            value.to_owned()
        } else {
            phone_with_hyphens(value)
        };
        return Some(Mistake {
            message: format!(
                "電話番号は \" で囲んだ文字として書きます (a phone number is a text in quotes): `{typed}`"
            ),
            help: format!(
                "`{key} = \"{shown}\"` と書いてください（ハイフンの位置は市外局番に合わせて確認してください） / write `{key} = \"{shown}\"`"
            ),
        });
    }
    let postal = (digits && value.len() == 7)
        || (hyphenated && value.len() == 8 && value.find('-') == Some(3));
    if postal && key == "postal_code" {
        let plain = value.replace('-', "");
        let shown = format!("{}-{}", &plain[..3], &plain[3..]);
        return Some(Mistake {
            message: format!(
                "郵便番号は \" で囲んだ文字として書きます (a postal code is a text in quotes): `{typed}`"
            ),
            help: format!(
                "`postal_code = \"{shown}\"` と書いてください / write `postal_code = \"{shown}\"`"
            ),
        });
    }
    if value.contains("<br") {
        return Some(br_hint());
    }
    None
}

/// The lines of a TOML text (outside multi-line strings) that hold a Japanese-input mistake,
/// as (byte offset of the line, mistake). A syntax error can hide the lines after it from
/// the parser; these are found anyway, so every such mistake of a file is reported at once.
pub fn scan(text: &str) -> Vec<(usize, Mistake)> {
    let mut out = Vec::new();
    let mut in_multiline: Option<&str> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        for quote in ["\"\"\"", "'''"] {
            if in_multiline.is_none_or(|q| q == quote) && line.matches(quote).count() % 2 == 1 {
                in_multiline = if in_multiline.is_some() {
                    None
                } else {
                    Some(quote)
                };
            }
        }
        if in_multiline.is_some() || line.trim_start().starts_with('[') {
            continue;
        }
        // Only the mistakes that make a line unreadable; values are checked by the parser.
        let key_part = line.split(['=', '＝']).next().unwrap_or("");
        let structural = (key_part.contains('\u{3000}') && !key_part.contains(['"', '\'']))
            || (line.contains('＝') && !line.contains('='))
            || line.trim_start().starts_with('＃')
            || line
                .split_once('=')
                .is_some_and(|(_, v)| v.trim_start().starts_with(['”', '“']));
        let unquoted = line.split_once('=').is_some_and(|(_, v)| {
            let v = v.trim_start();
            !v.is_empty() && !v.starts_with(['"', '\'', '[', '{'])
        });
        if (structural || unquoted)
            && let Some(m) = on_line(line)
        {
            out.push((start, m));
        }
    }
    out
}

/// How to break a line instead of `<br>`.
pub fn br_hint() -> Mistake {
    Mistake {
        message: "改行に <br> は使えません (<br> is raw HTML, which is not allowed)".to_owned(),
        help: "行を分けるには、行末に \\ を書いて次の行に続けるか、段落の間に空行を入れてください（TOML の文字列の中では \\n）/ to break a line, end it with a backslash, or leave an empty line between paragraphs (\\n inside a TOML string)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_japanese_input_mistake_gets_its_fix() {
        let m = on_line("effective　date = 2025-04-01").unwrap();
        assert!(m.message.contains("キーの中に全角スペースがあります"));
        let m = on_line("title ＝ \"公表事項\"").unwrap();
        assert!(m.help.contains("`title = \"公表事項\"`"), "{m:?}");
        let m = on_line("title = ”公表事項”").unwrap();
        assert!(m.help.contains("`title = \"公表事項\"`"), "{m:?}");
        let m = on_line("＃ コメント").unwrap();
        assert!(m.help.contains("`# コメント`"), "{m:?}");
        for (written, iso) in [
            ("2025/04/01", "2025-04-01"),
            ("2025年4月1日", "2025-04-01"),
            ("令和7年4月1日", "2025-04-01"),
            ("令和元年5月1日", "2019-05-01"),
            ("平成25年4月1日", "2013-04-01"),
            ("\"２０２５／０４／０１\"", "2025-04-01"),
        ] {
            let m =
                on_line(&format!("effective = {written}")).unwrap_or_else(|| panic!("{written}"));
            assert!(
                m.help.contains(&format!("`effective = {iso}`")),
                "{written}: {m:?}"
            );
        }
        let m = on_line("phone = 0222355896").unwrap();
        assert!(m.help.contains("`phone = \"022-235-5896\"`"), "{m:?}");
        let m = on_line("phone = ０２２２３５５８９６").unwrap();
        assert!(m.help.contains("`phone = \"022-235-5896\"`"), "{m:?}");
        let m = on_line("phone = ０２２－２３５－５８９６").unwrap();
        assert!(m.help.contains("`phone = \"022-235-5896\"`"), "{m:?}");
        let m = on_line("postal_code = ９８４－００１５").unwrap();
        assert!(m.help.contains("`postal_code = \"984-0015\"`"), "{m:?}");
        let m = on_line("postal_code = 9840015").unwrap();
        assert!(m.help.contains("`postal_code = \"984-0015\"`"), "{m:?}");
        assert!(on_line("title = \"公表事項\"").is_none());
    }
}
