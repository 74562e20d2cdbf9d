//! The settings of a site and of its documents: `site.toml`, `document.toml`, and the facts
//! a business declares for the statutory check (`[appi]`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::values::DateStyle;

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
    /// How dates are written on every page: `seireki` (2025年4月1日, the default), `wareki`
    /// (令和7年4月1日), `seireki-padded` (2025年04月01日) or `wareki-padded` (令和07年04月01日).
    /// Version ids stay ISO dates.
    #[serde(default)]
    pub date_style: DateStyle,
    /// What the document is (`notice`, `joint-use`, `anonymized`, `pseudonymized`, `opt-out`,
    /// `policy`, `other`): decides which statutory rules `kohyo check` applies.
    #[serde(default)]
    pub kind: DocumentKind,
    /// Facts about the business that decide which statutory items `kohyo check` requires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appi: Option<Appi>,
    /// The site is a sample (kohyo's bundled example, a demonstration): every page, the feed
    /// and every notice.json say 見本, and names marked as fictitious (見本, 架空) are warnings
    /// instead of errors. A real notice never sets it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    /// With several documents (`content/documents/<doc>/`): what the site's `index.html`
    /// shows — one document (`home = "notice"`), several on one page (`home = ["notice",
    /// "policy"]`), or, when absent, a list of the documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<Home>,
    /// How the site fits the organisation's homepage without writing templates: its logo,
    /// accent colour, header links, footer and fonts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<Appearance>,
}

/// `[appearance]` of site.toml: what a society changes to make the notice look like its
/// homepage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appearance {
    /// The logo shown in the header: an image in the site's folder (PNG, JPEG, GIF or WebP),
    /// e.g. `assets/logo.png`. It is published at the same path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The accent colour (links, the current page in the navigation, headings' rule), as
    /// `#RRGGBB`; it must keep a contrast of 4.5:1 on white (WCAG AA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
    /// Links in the header after the organisation's name: `[{ label = "お問い合わせ", url =
    /// "https://…" }]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<HeaderLink>,
    /// The footer's lines (copyright, address), in place of the organisation's name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footer: Vec<String>,
    /// The fonts, as a CSS font list: `"Noto Sans JP", "Yu Gothic", sans-serif`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fonts: Option<String>,
    /// Also write, beside each page, `fragment.html`: the page's body alone, to paste or
    /// include into the homepage's own template, styled by `kohyo-fragment.css` (the theme's
    /// stylesheet scoped to it). See docs/homepage.md.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fragments: bool,
}

/// A link in the header.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderLink {
    /// What the link says.
    pub label: String,
    /// Where it goes: a full web address.
    pub url: String,
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
    /// The business is a corporation (法人), or a body without legal personality that has a
    /// representative or an administrator (法人でない団体で代表者又は管理人の定めのあるもの, 法第27条
    /// 第2項第1号括弧書き): the notice must name its representative (代表者又は管理人).
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
    /// The business holds special care-required personal information (要配慮個人情報: a health
    /// insurance society's medical data), which may never be provided by opt-out (法第27条第2項
    /// ただし書).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    /// Items of the notice published on another page (a society's fees page, its 安全管理措置
    /// page): each page of this document links to it, and the check counts them as stated
    /// there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elsewhere: Vec<Elsewhere>,
}

/// Where items of the notice are published instead of this document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Elsewhere {
    /// The items published there (ids as `covers` takes them), e.g. `["fee"]`.
    pub items: Vec<String>,
    /// Its address (https://…), shown as a link on every page of this document.
    pub url: String,
    /// Its title, the link's text, e.g. `開示請求の手数料について`.
    pub title: String,
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
            sensitive: o.sensitive.or(self.sensitive),
            elsewhere: if o.elsewhere.is_empty() {
                self.elsewhere.clone()
            } else {
                o.elsewhere.clone()
            },
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
    /// Provision to third parties by opt-out, Article 27(2) and Rules Article 11 (オプトアウト
    /// による第三者提供).
    OptOut,
    /// A privacy policy (個人情報保護方針): no statutory list.
    Policy,
    /// Anything else: no statutory list.
    Other,
}

impl DocumentKind {
    /// What a reader calls a document of this kind, in the navigation and the notes of the
    /// pages (「現行の公表事項」, 「改定後の個人情報保護方針」); `None` for `other`, which is
    /// called by its title.
    pub fn noun_ja(self) -> Option<&'static str> {
        match self {
            DocumentKind::Notice => Some("公表事項"),
            DocumentKind::JointUse => Some("共同利用の公表事項"),
            DocumentKind::Anonymized => Some("匿名加工情報の公表事項"),
            DocumentKind::Pseudonymized => Some("仮名加工情報の公表事項"),
            DocumentKind::OptOut => Some("第三者提供の公表事項"),
            DocumentKind::Policy => Some("個人情報保護方針"),
            DocumentKind::Other => None,
        }
    }
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
