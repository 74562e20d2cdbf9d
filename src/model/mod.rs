//! The notice as data: owned, validated types for a site and its versions.
//!
//! These types are what `site.toml` and `content/versions/<id>/notice.toml` deserialise into, and
//! what `notice.json` serialises from. They hold no paths, do no I/O and know nothing of HTML or
//! templates; positions for error messages are kept by the `content` stage, keyed by field path.

pub mod item;
pub mod marker;
pub mod path;
pub mod place;

use std::fmt;
use std::str::FromStr;

pub use crate::blocks::{
    Block, Contact, ContactRole, DateEntry, DatesBlock, Field, FieldList, FieldValue, ListBlock,
    MeasureRow, MeasuresBlock, NoteBlock, OrganizationBlock, Pair, Person, PurposeLayout,
    PurposeRow, PurposesBlock, Record, RecordsBlock, TableBlock, TextBlock,
};
pub use item::{Item, ItemTable};
pub use marker::Marker;
pub use path::FieldPath;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A calendar date (`YYYY-MM-DD`), written in TOML either as a date literal or as a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// The day before this one (used for "in force until").
    pub fn pred(self) -> Option<Date> {
        self.0.yesterday().ok().map(Date)
    }

    /// Japanese long form, e.g. `2024年4月1日`.
    pub fn japanese(self) -> String {
        format!("{}年{}月{}日", self.0.year(), self.0.month(), self.0.day())
    }

    /// Japanese long form in the site's style: `2025年4月1日`, or `令和7年4月1日` (元年 for the
    /// first year of an era; dates before the Meiji era's solar calendar stay western).
    pub fn japanese_in(self, style: DateStyle) -> String {
        match (style, self.era()) {
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
        const ERAS: &[(&str, (i16, i8, i8))] = &[
            ("令和", (2019, 5, 1)),
            ("平成", (1989, 1, 8)),
            ("昭和", (1926, 12, 25)),
            ("大正", (1912, 7, 30)),
            ("明治", (1873, 1, 1)),
        ];
        let d = self.0;
        ERAS.iter().find_map(|(name, (y, m, day))| {
            let start = jiff::civil::date(*y, *m, *day);
            // Meiji counts from 1868; the solar calendar (and this table) from 1873.
            let first = if *name == "明治" { 1868 } else { *y };
            (d >= start).then_some((*name, d.year() - first + 1))
        })
    }
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
        let expected = "a version id is the effective date, `YYYY-MM-DD`, or `YYYY-MM-DD.N` (N ≥ 2) for a further version on the same date";
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
                    return Err(format!("`{s}` is not a valid version id: {expected}"));
                }
                (d, seq)
            }
        };
        let date = date
            .parse::<Date>()
            .map_err(|e| format!("{e}; {expected}"))?;
        Ok(VersionId { date, seq })
    }
}

impl Serialize for VersionId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `site.toml`: settings for the whole site.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's title, shown in the page header and the browser tab.
    pub title: String,
    /// Where the site is published, e.g. `https://example.or.jp/kojin-joho/`. Used for canonical
    /// links only; every link between pages is relative, so the site also works from `file://`.
    pub base_url: String,
    /// Language of the notice; only `ja` is supported.
    #[serde(default = "default_language")]
    pub language: String,
    /// A one-sentence description of the site for search engines (`<meta name="description">`).
    #[serde(default)]
    pub description: Option<String>,
    /// The organisation publishing the notice.
    pub organization: Organization,
    /// Theme name: `themes/<name>/` overrides the built-in default theme file by file.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Output directory, relative to the site root.
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    /// How dates are written on every page: `seireki` (2025年4月1日, the default) or `wareki`
    /// (令和7年4月1日). Version ids stay ISO dates.
    #[serde(default)]
    pub date_style: DateStyle,
    /// What the document is (`notice`, `joint-use`, `anonymized`, `pseudonymized`, `policy`,
    /// `other`): decides which statutory rules `kohyo check` applies.
    #[serde(default)]
    pub kind: DocumentKind,
    /// Facts about the business that decide which statutory items `kohyo check` requires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appi: Option<Appi>,
    /// With several documents (`content/documents/<doc>/`): what the site's `index.html`
    /// shows — one document (`home = "notice"`), several on one page (`home = ["notice",
    /// "policy"]`), or, when absent, a list of the documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<Home>,
}

/// What the home page of a site with several documents shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Home {
    /// One document's current version.
    One(String),
    /// The current versions of several documents, in this order, on one page.
    Several(Vec<String>),
}

impl Home {
    /// The documents shown, in order.
    pub fn documents(&self) -> &[String] {
        match self {
            Home::One(d) => std::slice::from_ref(d),
            Home::Several(d) => d,
        }
    }
}

/// `content/documents/<doc>/document.toml`: one of several documents of a site, revised on its
/// own (個人情報保護方針, 共同利用について, …).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentConfig {
    /// The document's name in the site's list of documents and its navigation (each version's
    /// `title` is the heading of its page).
    pub title: String,
    /// What the document is: decides which statutory rules `kohyo check` applies.
    #[serde(default)]
    pub kind: DocumentKind,
    /// Where the document comes in the site's list and navigation (smaller first; then by
    /// folder name).
    #[serde(default)]
    pub order: i64,
    /// A one-sentence description for search engines; site.toml's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Which document of a site a [`Site`] is, when the site has several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentMeta {
    /// The folder name under `content/documents/`, which is also its address (`<name>/`).
    pub name: String,
    /// The site's own title (site.toml), shown in the header of every page.
    pub site_title: String,
}

/// Whether `name` may name a document folder: lower-case ASCII letters, digits, `-` and `_`,
/// not starting with `-` or `_`, and not a name the site's own files use.
pub fn is_document_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !name.starts_with(['-', '_'])
        && !matches!(name, "versions" | "static")
}

/// What the business declares about itself, for the statutory checks of `kohyo check`
/// (APPI Article 32(1), Cabinet Order Article 10). A version may set any of these in its own
/// `[appi]`, key by key over site.toml's: facts change over time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appi {
    /// The business is a corporation (法人): the notice must name its representative (代表者).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corporation: Option<bool>,
    /// The business is covered by an accredited personal information protection organisation
    /// (認定個人情報保護団体): the notice must give its name and complaint contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accredited: Option<bool>,
    /// The business charges a fee for notification of purpose or disclosure: the notice must
    /// state its amount (手数料の額, 法第38条第2項).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<bool>,
    /// Personal data is handled in a foreign country — by the business itself, or by a
    /// contractor or sub-contractor abroad, or kept on a cloud server abroad (PPC Q&A 10-24):
    /// the measures must include the understanding of the external environment (外的環境の把握).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<bool>,
    /// Why some safety-management measures are not published: their disclosure would impede
    /// the safe management of the data (令第10条第1号 括弧書き).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures_withheld: Option<String>,
    /// Anonymized information is provided to third parties (法第43条第4項), for
    /// `kind = "anonymized"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<bool>,
    /// Pseudonymized information is used jointly (法第41条第6項), for `kind = "pseudonymized"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint_use: Option<bool>,
}

impl Appi {
    /// These facts with `over`'s set ones taking precedence, key by key.
    pub fn merged(&self, over: Option<&Appi>) -> Appi {
        let Some(o) = over else {
            return self.clone();
        };
        Appi {
            corporation: o.corporation.or(self.corporation),
            accredited: o.accredited.or(self.accredited),
            fees: o.fees.or(self.fees),
            foreign: o.foreign.or(self.foreign),
            measures_withheld: o
                .measures_withheld
                .clone()
                .or_else(|| self.measures_withheld.clone()),
            provision: o.provision.or(self.provision),
            joint_use: o.joint_use.or(self.joint_use),
        }
    }
}

/// What a document is, for the statutory rules `kohyo check` applies to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// The notice of APPI Article 32(1) and Cabinet Order Article 10 (公表事項).
    #[default]
    Notice,
    /// Joint use, Article 27(5)(iii) (共同利用について).
    JointUse,
    /// Anonymized information, Article 43(3), (4), (6) (匿名加工情報の公表).
    Anonymized,
    /// Pseudonymized information, Article 41(4), (6) (仮名加工情報の公表).
    Pseudonymized,
    /// A privacy policy (個人情報保護方針): no statutory list.
    Policy,
    /// Anything else: no statutory list.
    Other,
}

fn default_language() -> String {
    "ja".to_owned()
}
fn default_theme() -> String {
    "default".to_owned()
}
fn default_output_dir() -> String {
    "public".to_owned()
}

/// The organisation that publishes the notice.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Its name, e.g. `仙台卸商健康保険組合`.
    pub name: String,
    /// Its homepage, linked from every page.
    #[serde(default)]
    pub homepage: Option<String>,
}

/// One version of the notice: `content/versions/<id>/notice.toml` plus the Markdown files it
/// names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The date from which this version applies (施行日). Must agree with the directory name.
    pub effective: Date,
    /// One line saying what changed in this version (改定の概要).
    pub summary: String,
    /// The notice's title, e.g. `個人情報保護法に基づく公表事項`.
    pub title: String,
    /// Blocks shown above the title: a document label (【別紙2】), a letterhead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub front: Vec<Block>,
    /// Blocks between the title and the first section: an addressee (加入者各位), dates,
    /// paragraphs directly under the title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<Block>,
    /// The sections, in the order they are shown.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Facts for the statutory checks that hold for this version, over site.toml's `[appi]`
    /// key by key (a fee introduced in 2027 is not checked against the 2026 version).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appi: Option<Appi>,
    /// Files published with this version (a request form, 開示請求書.pdf), from the version's
    /// folder: filled in by kohyo with each file's SHA-256, so that the content hash covers
    /// them. Not written in notice.toml.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// A file published with a version, at `versions/<id>/<name>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file's name in the version's folder, e.g. `kaiji-seikyusho.pdf`.
    pub name: String,
    /// `sha256:` of its bytes.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
}

/// The kinds of file a version may publish with it (by the end of the name, in lower case).
pub const ATTACHMENT_KINDS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf", "txt", "csv", "png", "jpg", "jpeg",
];

/// The ids `covers` and `on_request` accept: the statutory items, by the rule id of
/// `kohyo check` without `appi/` and `-missing` (see docs/check.md).
pub const COVERS: &[&str] = &[
    "business-name",
    "business-address",
    "representative",
    "purposes",
    "request-procedure",
    "request-kinds",
    "fee",
    "measures",
    "external-environment",
    "complaints",
    "accredited",
    "joint-use-fact",
    "joint-use-items",
    "joint-use-scope",
    "joint-use-purposes",
    "joint-use-manager",
    "anonymized-items",
    "anonymized-method",
    "anonymized-measures",
    "pseudonymized-purposes",
];

/// The deepest nesting of sections: `1.` → `(1)` → `①` → `ア` (h2 … h5).
pub const MAX_SECTION_DEPTH: usize = 4;

/// A numbered (or unnumbered) section with a heading, its blocks, its sub-sections and the
/// blocks that close it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The anchor (`#id`) of the section, `[a-z0-9-]`; defaults to `section-<n>` by position
    /// (`section-2-1` for the first sub-section of the second section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The number shown before the heading, as written: `1.`, `(1)`, `第2条`, `別表`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The heading text.
    pub heading: String,
    /// The statutory items this section fulfils (see docs/check.md), e.g. `["purposes"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
    /// Statutory items the notice makes known on request (本人の求めに応じて遅滞なく回答),
    /// said in this section (see docs/check.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_request: Vec<String>,
    /// The content, in order, before the sub-sections.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Sub-sections, up to four levels in all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Blocks after the sub-sections (a closing note).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closing: Vec<Block>,
}

/// Where a block is in a notice: its field path and the sections around it, outermost first.
#[derive(Clone, Debug)]
pub struct BlockAt<'a> {
    /// `sections[1].sections[0].blocks[2]`.
    pub path: FieldPath,
    /// The block.
    pub block: &'a Block,
    /// The sections it is in, outermost first (empty for front and preamble).
    pub trail: Vec<&'a Section>,
}

impl Notice {
    /// Every block of the notice in document order (front, preamble, then each section's
    /// blocks, sub-sections and closing), with its field path: the one walk that validation,
    /// lint, the statutory checks and loading share.
    pub fn blocks(&self) -> Vec<(FieldPath, &Block)> {
        self.blocks_at()
            .into_iter()
            .map(|b| (b.path, b.block))
            .collect()
    }

    /// Like [`Notice::blocks`], with the sections around each block.
    pub fn blocks_at(&self) -> Vec<BlockAt<'_>> {
        fn walk<'a>(
            sections: &'a [Section],
            path: &FieldPath,
            trail: &[&'a Section],
            out: &mut Vec<BlockAt<'a>>,
        ) {
            for (s, section) in sections.iter().enumerate() {
                let sp = path.key("sections").index(s);
                let mut trail = trail.to_vec();
                trail.push(section);
                let add = |key: &str, blocks: &'a [Block], out: &mut Vec<BlockAt<'a>>| {
                    for (b, block) in blocks.iter().enumerate() {
                        out.push(BlockAt {
                            path: sp.key(key).index(b),
                            block,
                            trail: trail.clone(),
                        });
                    }
                };
                add("blocks", &section.blocks, out);
                walk(&section.sections, &sp, &trail, out);
                add("closing", &section.closing, out);
            }
        }
        let mut out = Vec::new();
        for (key, blocks) in [("front", &self.front), ("preamble", &self.preamble)] {
            for (b, block) in blocks.iter().enumerate() {
                out.push(BlockAt {
                    path: FieldPath::root().key(key).index(b),
                    block,
                    trail: Vec::new(),
                });
            }
        }
        walk(&self.sections, &FieldPath::root(), &[], &mut out);
        out
    }

    /// Every block, mutably, with its field path (to fill text blocks from their files).
    pub fn blocks_mut(&mut self) -> Vec<(FieldPath, &mut Block)> {
        fn walk<'a>(
            sections: &'a mut [Section],
            path: &FieldPath,
            out: &mut Vec<(FieldPath, &'a mut Block)>,
        ) {
            for (s, section) in sections.iter_mut().enumerate() {
                let sp = path.key("sections").index(s);
                for (b, block) in section.blocks.iter_mut().enumerate() {
                    out.push((sp.key("blocks").index(b), block));
                }
                walk(&mut section.sections, &sp, out);
                for (b, block) in section.closing.iter_mut().enumerate() {
                    out.push((sp.key("closing").index(b), block));
                }
            }
        }
        let mut out = Vec::new();
        for (b, block) in self.front.iter_mut().enumerate() {
            out.push((FieldPath::root().key("front").index(b), block));
        }
        for (b, block) in self.preamble.iter_mut().enumerate() {
            out.push((FieldPath::root().key("preamble").index(b), block));
        }
        walk(&mut self.sections, &FieldPath::root(), &mut out);
        out
    }

    /// Every section with its field path, its default anchor and its depth (1 for a top-level
    /// section), in document order.
    pub fn sections_at(&self) -> Vec<(FieldPath, String, usize, &Section)> {
        fn walk<'a>(
            sections: &'a [Section],
            path: &FieldPath,
            parent: Option<&str>,
            depth: usize,
            out: &mut Vec<(FieldPath, String, usize, &'a Section)>,
        ) {
            for (s, section) in sections.iter().enumerate() {
                let sp = path.key("sections").index(s);
                let anchor = section.anchor_under(parent, s);
                out.push((sp.clone(), anchor.clone(), depth, section));
                let default_parent = match parent {
                    Some(p) => format!("{p}-{}", s + 1),
                    None => format!("section-{}", s + 1),
                };
                walk(
                    &section.sections,
                    &sp,
                    Some(&default_parent),
                    depth + 1,
                    out,
                );
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &FieldPath::root(), None, 1, &mut out);
        out
    }
}

impl Section {
    /// The anchor of a top-level section (`#…`): its `id`, or `section-<n>` (1-based) by
    /// position.
    pub fn anchor(&self, index: usize) -> String {
        self.anchor_under(None, index)
    }

    /// The anchor of a section: its `id`, or by position under its parent's positional name
    /// (`section-2-1`).
    pub fn anchor_under(&self, parent: Option<&str>, index: usize) -> String {
        self.id.clone().unwrap_or_else(|| match parent {
            Some(p) => format!("{p}-{}", index + 1),
            None => format!("section-{}", index + 1),
        })
    }
}

/// A table cell or field value: one text, or several points shown as a list (Markdown, inline).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// One text.
    Text(String),
    /// Several points.
    Points(Vec<String>),
}

impl Cell {
    /// The cell's texts: one for a text, one per point for a list.
    pub fn texts(&self) -> &[String] {
        match self {
            Cell::Text(t) => std::slice::from_ref(t),
            Cell::Points(p) => p,
        }
    }
}

/// A version of the notice with its id.
#[derive(Clone, Debug)]
pub struct Version {
    /// The id (= directory name = address).
    pub id: VersionId,
    /// The content.
    pub notice: Notice,
    /// The `notice.toml` it was loaded from, with positions (none for a version read from a
    /// snapshot or from JSON).
    pub origin: Option<std::sync::Arc<crate::content::parse::Origin>>,
    /// The bytes of its attachments, in the order of `notice.attachments` (empty for a version
    /// read from a snapshot or from JSON).
    pub files: Vec<std::sync::Arc<[u8]>>,
}

impl PartialEq for Version {
    /// Two versions are equal when their ids and contents are; where they were read from does
    /// not matter.
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.notice == other.notice
    }
}

/// A whole site: its settings and its versions, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// `site.toml`.
    pub config: SiteConfig,
    /// Every version, sorted by id (effective date, then sequence). Shared, so that `serve`
    /// can keep unchanged versions between rebuilds without copying them.
    pub versions: Vec<std::sync::Arc<Version>>,
    /// Which document this is, on a site of several (`config` then carries the document's
    /// title, kind and description).
    pub document: Option<DocumentMeta>,
}

/// Where a version stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force before the current one; superseded.
    Superseded,
    /// In force on the as-of date.
    Current,
    /// Takes effect after the as-of date.
    Scheduled,
}

impl Site {
    /// The address of the document's pages relative to the site root: `""`, or `"<doc>/"`.
    pub fn prefix(&self) -> String {
        self.document
            .as_ref()
            .map_or_else(String::new, |d| format!("{}/", d.name))
    }

    /// The document's name, on a site of several.
    pub fn document_name(&self) -> Option<&str> {
        self.document.as_ref().map(|d| d.name.as_str())
    }

    /// Index of the version in force on `as_of`: the latest whose effective date is not after it.
    pub fn current_index(&self, as_of: Date) -> Option<usize> {
        self.versions.iter().rposition(|v| v.id.date <= as_of)
    }

    /// Status of every version on `as_of`, in the order of `versions`.
    pub fn statuses(&self, as_of: Date) -> Vec<Status> {
        let current = self.current_index(as_of);
        (0..self.versions.len())
            .map(|i| match current {
                Some(c) if i == c => Status::Current,
                Some(c) if i < c => Status::Superseded,
                _ => Status::Scheduled,
            })
            .collect()
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
}
