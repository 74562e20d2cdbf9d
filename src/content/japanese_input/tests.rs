use super::*;

fn fixed(line: &str) -> String {
    on_line(line)
        .and_then(|m| m.fixed)
        .unwrap_or_else(|| panic!("no fix for {line:?}"))
}

/// (as typed, as it should be).
const TYPED: &[(&str, &str)] = &[
    ("effective　date = 2025-04-01", "effectivedate = 2025-04-01"),
    ("title ＝ \"公表事項\"", "title = \"公表事項\""),
    ("title = ”公表事項”", "title = \"公表事項\""),
    ("＃ コメント", "# コメント"),
    ("summary = 初版", "summary = \"初版\""),
    ("heading = 「苦情の申出先」", "heading = \"苦情の申出先\""),
    ("phone：\"03-1234-5678\"", "phone = \"03-1234-5678\""),
    ("phone: \"03-1234-5678\"", "phone = \"03-1234-5678\""),
    ("phone：”03-1234-5678”", "phone = \"03-1234-5678\""),
    ("電話 = \"03-1234-5678\"", "phone = \"03-1234-5678\""),
    ("住所 = \"東京都\"", "address = \"東京都\""),
    ("purposes = [\"a\"、\"b\"]", "purposes = [\"a\", \"b\"]"),
    (
        "phone = \"03-1234-5678\"\u{3000}",
        "phone = \"03-1234-5678\"",
    ),
    (
        "phone = \"03-1234-5678\"\u{3000}# 代表",
        "phone = \"03-1234-5678\" # 代表",
    ),
    (
        "phone = \"03-1234-5678\" ＃ 代表",
        "phone = \"03-1234-5678\" # 代表",
    ),
    ("［［sections］］", "[[sections]]"),
    ("[[section]]", "[[sections]]"),
    ("[[sections.block]]", "[[sections.blocks]]"),
    (
        "rows = [｛ category = \"a\" ｝]",
        "rows = [{ category = \"a\" }]",
    ),
    ("effective = 2024-04-1", "effective = 2024-04-01"),
    ("effective = ２０２４－０４－０１", "effective = 2024-04-01"),
    ("effective = 2024-04-01 09:00", "effective = 2024-04-01"),
    ("effective = \"2024-04-01\"", "effective = 2024-04-01"),
    ("phone = 0222355896", "phone = \"022-235-5896\""),
    (
        "phone = ０２２－２３５－５８９６",
        "phone = \"022-235-5896\"",
    ),
    ("postal_code = 9840015", "postal_code = \"984-0015\""),
];

#[test]
fn each_typing_mistake_gets_the_line_as_it_should_be() {
    for (typed, right) in TYPED {
        assert_eq!(fixed(typed), *right, "{typed}");
        // The fix is itself a line with nothing left to fix.
        assert!(
            on_line(right).is_none(),
            "{right} is fixed again: {:?}",
            on_line(right)
        );
    }
    for (written, iso) in [
        ("2025/04/01", "2025-04-01"),
        ("2025年4月1日", "2025-04-01"),
        ("令和7年4月1日", "2025-04-01"),
        ("令和元年5月1日", "2019-05-01"),
        ("平成25年4月1日", "2013-04-01"),
        ("\"２０２５／０４／０１\"", "2025-04-01"),
    ] {
        assert_eq!(
            fixed(&format!("effective = {written}")),
            format!("effective = {iso}")
        );
    }
    assert!(on_line("title = \"公表事項\"").is_none());
    assert!(on_line("effective = 2024-04-01").is_none());
    assert!(on_line("number = 3").is_none());
}

#[test]
fn a_day_that_does_not_exist_is_named() {
    let m = on_line("effective = 2024-02-30").unwrap();
    assert_eq!(
        m.message.ja.as_deref(),
        Some("2024年2月30日という日はありません")
    );
    assert!(m.fixed.is_none());
}

#[test]
fn an_unknown_japanese_key_lists_where_the_keys_are() {
    let m = on_line("担当者の氏名 = \"山田\"").unwrap();
    assert!(m.help.en.contains("docs/content.md"), "{m:?}");
    assert!(m.fixed.is_none());
}

#[test]
fn no_message_mixes_the_languages() {
    for line in [
        "summary = 初版",
        "電話 = \"1\"",
        "effective = 2024-02-30",
        "＃ x",
        "[[section]]",
    ] {
        let m = on_line(line).unwrap();
        let ja = m.message.ja.unwrap() + &m.help.ja.unwrap();
        assert!(!ja.contains(" / "), "{ja}");
        assert!(!ja.contains("(a "), "{ja}");
        assert!(
            !m.message
                .en
                .chars()
                .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
            "{}",
            m.message.en
        );
    }
}
