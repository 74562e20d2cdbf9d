//! `type = "organization"`: the business's own particulars — name, address, contact details,
//! representative (APPI Article 32(1)(i)) — as a table of captions, or as a letterhead.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Kind;
use crate::check::lint::Linter;
use crate::content::validate::Checker;
use crate::diff::Differ;
use crate::markdown::is_web_address;
use crate::model::{FieldPath, Notice};
use crate::render::view::{ViewCx, phone_href};

/// The business's own particulars (a header block).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationBlock {
    /// The business's name.
    pub name: String,
    /// Postal code, `NNN-NNNN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Fax number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Opening hours (受付時間).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// The representative (代表者), required of a corporation since the 2022 amendment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<Person>,
    /// Other people named, e.g. the person responsible for personal information.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub officers: Vec<Person>,
    /// `table` (default: captions and values) or `letterhead` (the values as lines without
    /// captions, as at the head of a letter).
    #[serde(default, skip_serializing_if = "is_table")]
    pub layout: OrganizationLayout,
    /// Captions renamed: `captions = { phone = "お問合わせ" }` (keys: name, address, phone,
    /// fax, email, url, hours).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub captions: BTreeMap<String, String>,
    /// The statutory items this block fulfils (see docs/check.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// How an organisation block is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationLayout {
    /// Captions and values.
    #[default]
    Table,
    /// The values as lines without captions.
    Letterhead,
}

fn is_table(l: &OrganizationLayout) -> bool {
    *l == OrganizationLayout::Table
}

/// A named person with a title.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The title or role, e.g. `理事長`, `個人情報保護管理者`.
    pub title: String,
    /// The name.
    pub name: String,
}

/// The keys `captions` may rename, with their default captions.
const CAPTIONS: &[(&str, &str)] = &[
    ("name", "名称"),
    ("address", "住所"),
    ("phone", "電話"),
    ("fax", "FAX"),
    ("email", "メール"),
    ("url", "ホームページ"),
    ("hours", "受付時間"),
];

impl OrganizationBlock {
    fn caption(&self, key: &str) -> String {
        self.captions.get(key).cloned().unwrap_or_else(|| {
            CAPTIONS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(key, |(_, c)| c)
                .to_owned()
        })
    }

    /// The fields as (caption, value), in the order shown.
    fn fields(&self) -> Vec<(String, String)> {
        let address = match (&self.postal_code, &self.address) {
            (Some(p), Some(a)) => Some(format!("〒{p} {a}")),
            (Some(p), None) => Some(format!("〒{p}")),
            (None, a) => a.clone(),
        };
        let mut f = vec![(self.caption("name"), self.name.clone())];
        for (key, value) in [
            ("address", &address),
            ("phone", &self.phone),
            ("fax", &self.fax),
            ("email", &self.email),
            ("url", &self.url),
            ("hours", &self.hours),
        ] {
            if let Some(v) = value {
                f.push((self.caption(key), v.clone()));
            }
        }
        for p in self.representative.iter().chain(&self.officers) {
            f.push((p.title.clone(), p.name.clone()));
        }
        f
    }
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    letterhead: bool,
    rows: Vec<RowView>,
}

#[derive(Serialize)]
struct RowView {
    caption: String,
    value: String,
    /// A `tel:`, `mailto:` or web address for the value.
    href: Option<String>,
}

impl Kind for OrganizationBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "事業者"
    }

    fn validate(&self, v: &mut Checker<'_, Notice>, at: &FieldPath) {
        v.nonempty(&at.key("name"), &self.name);
        let people = self
            .representative
            .iter()
            .map(|p| (at.key("representative"), p))
            .chain(
                self.officers
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (at.key("officers").index(i), p)),
            );
        for (pp, person) in people {
            v.nonempty(&pp.key("title"), &person.title);
            v.nonempty(&pp.key("name"), &person.name);
        }
        if let Some(url) = &self.url
            && !is_web_address(url)
        {
            v.error(
                &at.key("url"),
                format!("`{url}` is not a web address"),
                "write a full address starting with https://",
            );
        }
        for key in self.captions.keys() {
            if !CAPTIONS.iter().any(|(k, _)| k == key) {
                v.error(
                    &at.key("captions").key(key),
                    format!("`{key}` has no caption to rename"),
                    "rename one of name, address, phone, fax, email, url, hours",
                );
            }
        }
    }

    fn lint(&self, l: &mut Linter<'_>, at: &FieldPath) {
        l.trimmed(&at.key("name"), &self.name);
        l.opt(&at.key("address"), &self.address);
        if let Some(p) = &self.postal_code {
            l.number(&at.key("postal_code"), p, true);
        }
        for (key, value) in [("phone", &self.phone), ("fax", &self.fax)] {
            if let Some(p) = value {
                l.number(&at.key(key), p, false);
            }
        }
        if let Some(p) = &self.representative {
            l.trimmed(&at.key("representative").key("name"), &p.name);
        }
        for (i, p) in self.officers.iter().enumerate() {
            l.trimmed(&at.key("officers").index(i).key("name"), &p.name);
        }
    }

    fn view(&self, _: &ViewCx<'_>) -> View {
        let href = |caption: &str, value: &str| -> Option<String> {
            if self.phone.as_deref() == Some(value) && caption == self.caption("phone") {
                phone_href(value)
            } else if self.email.as_deref() == Some(value) {
                Some(format!("mailto:{value}"))
            } else if self.url.as_deref() == Some(value) {
                Some(value.to_owned())
            } else {
                None
            }
        };
        View {
            letterhead: self.layout == OrganizationLayout::Letterhead,
            rows: self
                .fields()
                .into_iter()
                .map(|(caption, value)| RowView {
                    href: href(&caption, &value),
                    caption,
                    value,
                })
                .collect(),
        }
    }

    fn text(&self) -> String {
        self.fields()
            .into_iter()
            .map(|(l, v)| format!("{l}：{v}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn covers(&self) -> &[String] {
        &self.covers
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        d.fields(at, &self.fields(), &new.fields());
    }
}
