//! Calendar dates as a notice uses them: the ISO form of the files (`2024-04-01`), the
//! Japanese forms of the pages (`2024年4月1日`, `令和6年4月1日`), the one table of Japanese
//! eras, the forms staff type (`2025/04/01`, `令和7年4月1日`, `R7.4.1`), and version ids.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::number::ascii_digits;

/// A calendar date (`YYYY-MM-DD`), written in TOML either as a date literal or as a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

/// One Japanese era: its name, the letter it is abbreviated to, the day it began, and the
/// western year its first year (元年) counts from.
struct Era {
    name: &'static str,
    letter: &'static str,
    start: (i16, i8, i8),
    first_year: i16,
}

/// The eras, newest first. Meiji counts its years from 1868; the solar calendar (and so this
/// table) begins on 1873-01-01.
const ERAS: &[Era] = &[
    Era {
        name: "令和",
        letter: "R",
        start: (2019, 5, 1),
        first_year: 2019,
    },
    Era {
        name: "平成",
        letter: "H",
        start: (1989, 1, 8),
        first_year: 1989,
    },
    Era {
        name: "昭和",
        letter: "S",
        start: (1926, 12, 25),
        first_year: 1926,
    },
    Era {
        name: "大正",
        letter: "T",
        start: (1912, 7, 30),
        first_year: 1912,
    },
    Era {
        name: "明治",
        letter: "M",
        start: (1873, 1, 1),
        first_year: 1868,
    },
];

impl Date {
    /// The day before this one (used for "in force until").
    pub fn pred(self) -> Option<Date> {
        self.0.yesterday().ok().map(Date)
    }

    /// Japanese long form, e.g. `2024年4月1日`.
    pub fn japanese(self) -> String {
        format!("{}年{}月{}日", self.0.year(), self.0.month(), self.0.day())
    }

    /// Japanese long form in the site's style: `2025年4月1日`, `令和7年4月1日` (元年 for the
    /// first year of an era; dates before the Meiji era's solar calendar stay western), or
    /// either with two-digit numbers (`2025年04月01日`, `令和07年04月01日`).
    pub fn japanese_in(self, style: DateStyle) -> String {
        let (month, day) = (self.0.month(), self.0.day());
        match (style, self.era()) {
            (DateStyle::WarekiPadded, Some((era, year))) => {
                format!("{era}{year:02}年{month:02}月{day:02}日")
            }
            (DateStyle::SeirekiPadded | DateStyle::WarekiPadded, _) => {
                format!("{}年{month:02}月{day:02}日", self.0.year())
            }
            (DateStyle::Wareki, Some((era, year))) => {
                let year = if year == 1 {
                    "元".to_owned()
                } else {
                    year.to_string()
                };
                format!("{era}{year}年{}月{}日", self.0.month(), self.0.day())
            }
            _ => self.japanese(),
        }
    }

    /// The Japanese era of the date and the year in it.
    pub fn era(self) -> Option<(&'static str, i16)> {
        let d = self.0;
        ERAS.iter().find_map(|era| {
            let (y, m, day) = era.start;
            (d >= jiff::civil::date(y, m, day)).then_some((era.name, d.year() - era.first_year + 1))
        })
    }

    /// A date written the Japanese way (`2025/04/01`, `2025年4月1日`, `令和7年4月1日`,
    /// `R7.4.1`, full-width digits, with or without quotes), if it is one.
    pub fn from_japanese(value: &str) -> Option<Date> {
        let v = value.trim().trim_matches('"').trim();
        let v: String = ascii_digits(v).replace('／', "/");
        let (first_year, rest) = era_prefix(&v);
        let nums: Vec<i16> = rest
            .split(|c: char| !c.is_ascii_digit() && c != '元')
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s == "元" {
                    1
                } else {
                    s.parse().unwrap_or(-1)
                }
            })
            .collect();
        let [y, m, d] = nums[..] else { return None };
        let separators_ok = rest.contains(['年', '/', '.']) && !rest.contains('-');
        if !separators_ok || m < 1 || d < 1 {
            return None;
        }
        let year = match first_year {
            Some(start) => start + y - 1,
            None => y,
        };
        jiff::civil::Date::new(year, m as i8, d as i8)
            .ok()
            .map(Date)
    }
}

/// The era at the start of `v` (the western year its first year counts from) and the rest.
fn era_prefix(v: &str) -> (Option<i16>, &str) {
    for era in ERAS {
        for name in [era.name, era.letter] {
            if let Some(rest) = v.strip_prefix(name) {
                return (Some(era.first_year), rest);
            }
        }
    }
    (None, v)
}

/// How dates are written on the site's pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// 2025年4月1日.
    #[default]
    Seireki,
    /// 令和7年4月1日 (元年 for the first year of an era).
    Wareki,
    /// 2025年04月01日: month and day in two digits.
    #[serde(rename = "seireki-padded")]
    SeirekiPadded,
    /// 令和07年04月01日: year, month and day in two digits, as some notices print them (the
    /// first year of an era is 01年, as such notices print it).
    #[serde(rename = "wareki-padded")]
    WarekiPadded,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(format!("`{s}` is not a date of the form YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<i16>().unwrap_or(0);
        let (y, m, d) = (num(0..4), num(5..7), num(8..10));
        jiff::civil::Date::new(y, m as i8, d as i8)
            .map(Date)
            .map_err(|_| format!("`{s}` is not a real calendar date"))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A calendar date, YYYY-MM-DD (in TOML, a date literal such as 2024-04-01).",
            "type": "string",
            "format": "date"
        })
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2024-04-01")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
            // A TOML date literal arrives as a one-entry map holding its text.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(serde::de::Error::custom(
                        "expected a date such as 2024-04-01",
                    ));
                };
                text.parse().map_err(|_| {
                    serde::de::Error::custom(format!(
                        "expected a date without time, such as 2024-04-01, found `{text}`"
                    ))
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A version's identifier: its effective date, plus a sequence number for a second (third, …)
/// version on the same date: `2024-04-01`, `2024-04-01.2`. It is also the directory name and the
/// permanent address `versions/<id>/`, so it can only ever hold digits, `-` and `.`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VersionId {
    /// The effective date the id starts with.
    pub date: Date,
    /// 1 for the first version of a date, 2 for `.2`, and so on.
    pub seq: u32,
}

impl fmt::Display for VersionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.seq == 1 {
            write!(f, "{}", self.date)
        } else {
            write!(f, "{}.{}", self.date, self.seq)
        }
    }
}

impl FromStr for VersionId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (date, seq) = match s.split_once('.') {
            None => (s, 1),
            Some((d, n)) => {
                let seq = if !n.is_empty()
                    && n.len() <= 3
                    && n.bytes().all(|c| c.is_ascii_digit())
                    && !n.starts_with('0')
                {
                    n.parse::<u32>().unwrap_or(0)
                } else {
                    0
                };
                if seq < 2 {
                    return Err(format!(
                        "`{s}` is not a valid version id: a version id is the effective date, `YYYY-MM-DD`, or `YYYY-MM-DD.N` (N ≥ 2) for a further version on the same date"
                    ));
                }
                (d, seq)
            }
        };
        let date = date
            .parse::<Date>()
            .map_err(|e| {
                format!(
                    "{e}; a version id is the effective date, `YYYY-MM-DD`, or `YYYY-MM-DD.N` (N ≥ 2) for a further version on the same date"
                )
            })?;
        Ok(VersionId { date, seq })
    }
}

impl Serialize for VersionId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_ids_parse_and_print() {
        let id: VersionId = "2024-04-01".parse().unwrap();
        assert_eq!(id.seq, 1);
        assert_eq!(id.to_string(), "2024-04-01");
        let id: VersionId = "2024-04-01.2".parse().unwrap();
        assert_eq!(id.seq, 2);
        assert_eq!(id.to_string(), "2024-04-01.2");
        for bad in [
            "..",
            "../etc",
            "/tmp",
            "2024-4-1",
            "2024-02-30",
            "2024-04-01.1",
            "2024-04-01.02",
            "2024-04-01.",
            "2024-04-01.x",
            "2024-04-01/..",
            "",
        ] {
            assert!(bad.parse::<VersionId>().is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn ids_order_by_date_then_sequence() {
        let mut ids: Vec<VersionId> = ["2024-04-01.2", "2025-01-01", "2024-04-01"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        ids.sort();
        let shown: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        assert_eq!(shown, ["2024-04-01", "2024-04-01.2", "2025-01-01"]);
    }

    #[test]
    fn one_era_table_reads_and_writes_japanese_dates() {
        for (written, iso) in [
            ("2025/04/01", "2025-04-01"),
            ("2025年4月1日", "2025-04-01"),
            ("令和7年4月1日", "2025-04-01"),
            ("令和元年5月1日", "2019-05-01"),
            ("平成25年4月1日", "2013-04-01"),
            ("R7.4.1", "2025-04-01"),
            ("\"２０２５／０４／０１\"", "2025-04-01"),
        ] {
            let date = Date::from_japanese(written).unwrap_or_else(|| panic!("{written}"));
            assert_eq!(date.to_string(), iso, "{written}");
        }
        assert!(Date::from_japanese("2025-04-01").is_none());
        let d: Date = "2019-05-01".parse().unwrap();
        assert_eq!(d.japanese_in(DateStyle::Wareki), "令和元年5月1日");
        let d: Date = "2019-04-30".parse().unwrap();
        assert_eq!(d.japanese_in(DateStyle::Wareki), "平成31年4月30日");
        let d: Date = "1880-01-01".parse().unwrap();
        assert_eq!(d.era(), Some(("明治", 13)));
    }
}
