//! List markers as printed Japanese documents use them. The marker is part of the text (it is
//! copied, printed and read by screen readers), so each one is a function from an item's number
//! to its label.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How the items of a list are marked: a symbol, a numbering style, or a custom format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Marker {
    /// `•`
    #[default]
    Bullet,
    /// `・`
    Nakaguro,
    /// `■`
    Square,
    /// `●`
    BlackCircle,
    /// `○`
    WhiteCircle,
    /// `*`
    Asterisk,
    /// `※`
    Kome,
    /// No marker.
    None,
    /// `1.` `2.` `3.`
    Decimal,
    /// `1` `2` `3`
    Number,
    /// `(1)` `(2)` `(3)`
    Paren,
    /// `（１）` `（２）` `（３）`
    FullwidthParen,
    /// `[1]` `[2]` `[3]`
    Bracket,
    /// `①` `②` `③`
    Circled,
    /// `ア` `イ` `ウ`
    Katakana,
    /// `(ア)` `(イ)` `(ウ)`
    KatakanaParen,
    /// `イ` `ロ` `ハ`
    Iroha,
    /// `一、` `二、` `三、`
    Kanji,
    /// `a.` `b.` `c.`
    Alpha,
    /// `(a)` `(b)` `(c)`
    AlphaParen,
    /// A format in which `{n}` is the number: `第{n}条`.
    Format(String),
    /// The same symbol before every item: `◆`.
    Symbol(String),
}

/// Every named marker with its name in TOML.
const NAMED: &[(&str, Marker)] = &[
    ("bullet", Marker::Bullet),
    ("nakaguro", Marker::Nakaguro),
    ("square", Marker::Square),
    ("black-circle", Marker::BlackCircle),
    ("white-circle", Marker::WhiteCircle),
    ("asterisk", Marker::Asterisk),
    ("kome", Marker::Kome),
    ("none", Marker::None),
    ("decimal", Marker::Decimal),
    ("number", Marker::Number),
    ("paren", Marker::Paren),
    ("fullwidth-paren", Marker::FullwidthParen),
    ("bracket", Marker::Bracket),
    ("circled", Marker::Circled),
    ("katakana", Marker::Katakana),
    ("katakana-paren", Marker::KatakanaParen),
    ("iroha", Marker::Iroha),
    ("kanji", Marker::Kanji),
    ("alpha", Marker::Alpha),
    ("alpha-paren", Marker::AlphaParen),
];

const KATAKANA: &str =
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
const IROHA: &str = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス";

/// `n` in kanji numerals (一, 十一, 二十三, 百五), up to 9999; digits beyond.
pub fn kanji_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十")] {
        let d = n / unit % 10;
        if d > 1 {
            out.push_str(DIGITS[d]);
        }
        if d > 0 {
            out.push_str(name);
        }
    }
    out.push_str(DIGITS[n % 10]);
    out
}

fn nth_char(set: &str, n: usize) -> Option<String> {
    set.chars().nth(n.wrapping_sub(1)).map(String::from)
}

fn full_width(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect()
}

impl Marker {
    /// The name of a named marker (`paren`); `None` for a custom one.
    pub fn name(&self) -> Option<&'static str> {
        NAMED.iter().find(|(_, m)| m == self).map(|(n, _)| *n)
    }

    /// The marker text of the `n`-th item (1-based); `None` for no marker. A numbering that
    /// runs out (katakana after ン, circled numbers after ㊿) goes on as `(n)`.
    pub fn label(&self, n: usize) -> Option<String> {
        let or_paren = |s: Option<String>| s.unwrap_or_else(|| format!("({n})"));
        Some(match self {
            Marker::Bullet => "•".to_owned(),
            Marker::Nakaguro => "・".to_owned(),
            Marker::Square => "■".to_owned(),
            Marker::BlackCircle => "●".to_owned(),
            Marker::WhiteCircle => "○".to_owned(),
            Marker::Asterisk => "*".to_owned(),
            Marker::Kome => "※".to_owned(),
            Marker::None => return None,
            Marker::Decimal => format!("{n}."),
            Marker::Number => n.to_string(),
            Marker::Paren => format!("({n})"),
            Marker::FullwidthParen => format!("（{}）", full_width(n)),
            Marker::Bracket => format!("[{n}]"),
            Marker::Circled => or_paren(
                match n {
                    1..=20 => char::from_u32(0x2460 + n as u32 - 1),
                    21..=35 => char::from_u32(0x3251 + n as u32 - 21),
                    36..=50 => char::from_u32(0x32B1 + n as u32 - 36),
                    _ => None,
                }
                .map(String::from),
            ),
            Marker::Katakana => or_paren(nth_char(KATAKANA, n)),
            Marker::KatakanaParen => or_paren(nth_char(KATAKANA, n).map(|k| format!("({k})"))),
            Marker::Iroha => or_paren(nth_char(IROHA, n)),
            Marker::Kanji => format!("{}、", kanji_number(n)),
            Marker::Alpha => or_paren(nth_char("abcdefghijklmnopqrstuvwxyz", n).map(|a| a + ".")),
            Marker::AlphaParen => {
                or_paren(nth_char("abcdefghijklmnopqrstuvwxyz", n).map(|a| format!("({a})")))
            }
            Marker::Format(f) => f.replace("{n}", &n.to_string()),
            Marker::Symbol(s) => s.clone(),
        })
    }

    /// Whether the items are numbered (rendered as `<ol>`).
    pub fn is_ordered(&self) -> bool {
        match self {
            Marker::Bullet
            | Marker::Nakaguro
            | Marker::Square
            | Marker::BlackCircle
            | Marker::WhiteCircle
            | Marker::Asterisk
            | Marker::Kome
            | Marker::None
            | Marker::Symbol(_) => false,
            Marker::Format(f) => f.contains("{n}"),
            _ => true,
        }
    }
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Marker::Format(s) => write!(f, "{{ format = \"{s}\" }}"),
            Marker::Symbol(s) => write!(f, "{{ symbol = \"{s}\" }}"),
            named => f.write_str(named.name().unwrap_or("")),
        }
    }
}

impl Serialize for Marker {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Marker::Format(f) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("format", f)?;
                m.end()
            }
            Marker::Symbol(sym) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("symbol", sym)?;
                m.end()
            }
            named => s.serialize_str(named.name().unwrap_or("bullet")),
        }
    }
}

/// The named marker whose first item is printed `v` (`・`, `(1)`, `①`, `ア`, `（1）`):
/// staff write the marker they see.
fn as_printed(v: &str) -> Option<&'static (&'static str, Marker)> {
    let digits = |s: &str| -> String {
        s.trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                c => c,
            })
            .collect()
    };
    let v = digits(v);
    if v.is_empty() {
        return None;
    }
    NAMED
        .iter()
        .find(|(_, m)| m.label(1).is_some_and(|l| digits(&l) == v))
}

impl<'de> Deserialize<'de> for Marker {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Marker;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a marker name such as \"paren\", or { format = \"第{n}条\" } or { symbol = \"■\" }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Marker, E> {
                NAMED
                    .iter()
                    .find(|(n, _)| *n == v)
                    .or_else(|| as_printed(v))
                    .map(|(_, m)| m.clone())
                    .ok_or_else(|| {
                        let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
                        E::custom(format!(
                            "unknown variant `{v}`, expected one of `{}`",
                            names.join("`, `")
                        ))
                    })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Marker, A::Error> {
                let Some(key) = map.next_key::<String>()? else {
                    return Err(serde::de::Error::custom(
                        "a custom marker needs `format` (with {n}) or `symbol`",
                    ));
                };
                let value: String = map.next_value()?;
                if map.next_key::<String>()?.is_some() {
                    return Err(serde::de::Error::custom(
                        "a custom marker has either `format` or `symbol`, not both",
                    ));
                }
                match key.as_str() {
                    "format" if value.contains("{n}") => Ok(Marker::Format(value)),
                    "format" => Err(serde::de::Error::custom(format!(
                        "the format `{value}` has no {{n}} where the number goes, e.g. \"第{{n}}条\"; for the same mark before every item, use {{ symbol = \"{value}\" }}"
                    ))),
                    "symbol" if !value.trim().is_empty() => Ok(Marker::Symbol(value)),
                    "symbol" => Err(serde::de::Error::custom("the symbol is empty")),
                    other => Err(serde::de::Error::custom(format!(
                        "unknown field `{other}`, expected `format` or `symbol`"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Marker {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Marker".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
        schemars::json_schema!({
            "description": "How the items are marked: a name (bullet •, nakaguro ・, square ■, black-circle ●, white-circle ○, asterisk *, kome ※, none; decimal 1., number 1, paren (1), fullwidth-paren （１）, bracket [1], circled ①, katakana ア, katakana-paren (ア), iroha イ, kanji 一、, alpha a., alpha-paren (a)), or { format = \"第{n}条\" }, or { symbol = \"◆\" }.",
            "oneOf": [
                { "type": "string", "enum": names },
                { "type": "object", "properties": { "format": { "type": "string", "pattern": "\\{n\\}" } }, "required": ["format"], "additionalProperties": false },
                { "type": "object", "properties": { "symbol": { "type": "string", "minLength": 1 } }, "required": ["symbol"], "additionalProperties": false }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_marker_numbers_as_printed() {
        let cases: &[(&str, usize, Option<&str>)] = &[
            ("bullet", 3, Some("•")),
            ("nakaguro", 1, Some("・")),
            ("square", 1, Some("■")),
            ("black-circle", 1, Some("●")),
            ("white-circle", 1, Some("○")),
            ("asterisk", 1, Some("*")),
            ("kome", 1, Some("※")),
            ("none", 1, None),
            ("decimal", 3, Some("3.")),
            ("number", 3, Some("3")),
            ("paren", 3, Some("(3)")),
            ("fullwidth-paren", 12, Some("（１２）")),
            ("bracket", 2, Some("[2]")),
            ("circled", 21, Some("㉑")),
            ("circled", 51, Some("(51)")),
            ("katakana", 2, Some("イ")),
            ("katakana-paren", 3, Some("(ウ)")),
            ("iroha", 3, Some("ハ")),
            ("kanji", 1, Some("一、")),
            ("kanji", 23, Some("二十三、")),
            ("kanji", 105, Some("百五、")),
            ("alpha", 2, Some("b.")),
            ("alpha-paren", 3, Some("(c)")),
        ];
        for (name, n, want) in cases {
            let m: Marker = serde_json::from_str(&format!("\"{name}\"")).unwrap();
            assert_eq!(m.label(*n).as_deref(), *want, "{name} {n}");
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{name}\""));
        }
    }

    #[test]
    fn custom_markers_format_the_number_or_repeat_a_symbol() {
        let f: Marker = serde_json::from_str(r#"{"format":"第{n}条"}"#).unwrap();
        assert_eq!(f.label(2).as_deref(), Some("第2条"));
        assert!(f.is_ordered());
        let s: Marker = serde_json::from_str(r#"{"symbol":"◆"}"#).unwrap();
        assert_eq!(s.label(9).as_deref(), Some("◆"));
        assert!(!s.is_ordered());
        assert!(serde_json::from_str::<Marker>(r#"{"format":"第条"}"#).is_err());
        assert!(serde_json::from_str::<Marker>(r#""roman""#).is_err());
    }

    #[test]
    fn a_marker_written_as_printed_is_the_named_one() {
        for (printed, name) in [
            ("・", "nakaguro"),
            ("■", "square"),
            ("※", "kome"),
            ("(1)", "paren"),
            ("（1）", "fullwidth-paren"),
            ("（１）", "fullwidth-paren"),
            ("①", "circled"),
            ("ア", "katakana"),
            ("イ", "iroha"),
            ("一、", "kanji"),
            ("1.", "decimal"),
        ] {
            let m: Marker = serde_json::from_str(&format!("\"{printed}\"")).unwrap();
            assert_eq!(m.name(), Some(name), "{printed}");
        }
        assert!(serde_json::from_str::<Marker>(r#""◆""#).is_err());
    }
}
