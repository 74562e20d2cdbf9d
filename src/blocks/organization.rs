//! `type = "organization"`: the business's own particulars — name, address, contact details,
//! representative (APPI Article 32(1)(i)) — as a table of captions, or as a letterhead.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::change::Differ;
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::ViewCx;
use super::reach::Reach;
use crate::values::FieldPath;
use crate::values::number::{phone_href, phone_shown};

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
    /// The representative (代表者), required of a corporation (or an unincorporated association with a representative) from 2022-04-01 (令和2年改正法).
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
    /// The order the fields are shown in (keys: name, address, phone, fax, email, url, hours,
    /// representative, officers). kohyo fills it in from the order the fields are written in
    /// notice.toml when that differs from the order above; write it only to override that.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<String>,
}

/// The keys `order` accepts, in the order shown when nothing else is said. `postal_code` is
/// shown with the address.
pub(crate) const ORDER_KEYS: &[&str] = &[
    "name",
    "address",
    "phone",
    "fax",
    "email",
    "url",
    "hours",
    "representative",
    "officers",
];

impl OrganizationBlock {
    /// Records the order the fields were written in, given each written key's position in the
    /// file (`postal_code` counts as `address`), unless `order` was written or the order is the
    /// usual one — so versions written in the usual order keep their content hash.
    pub(crate) fn remember_written_order(&mut self, position: impl Fn(&str) -> Option<usize>) {
        if !self.order.is_empty() {
            return;
        }
        let mut written: Vec<(usize, &str)> = ORDER_KEYS
            .iter()
            .filter_map(|&key| {
                let at = match key {
                    "address" => match (position("postal_code"), position("address")) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    },
                    _ => position(key),
                };
                at.map(|at| (at, key))
            })
            .collect();
        let usual: Vec<&str> = written.iter().map(|(_, k)| *k).collect();
        written.sort_by_key(|(at, _)| *at);
        let order: Vec<&str> = written.iter().map(|(_, k)| *k).collect();
        if order != usual {
            self.order = order.into_iter().map(str::to_owned).collect();
        }
    }
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
    /// How the business is reached.
    pub(crate) fn reach(&self) -> Reach<'_> {
        Reach {
            postal_code: &self.postal_code,
            address: &self.address,
            phone: &self.phone,
            fax: &self.fax,
            email: &self.email,
            url: &self.url,
            hours: &self.hours,
        }
    }

    fn caption(&self, key: &str) -> String {
        self.captions
            .get(key)
            .cloned()
            .unwrap_or_else(|| default_caption(key).to_owned())
    }

    /// The fields as (caption, value), in the order shown; a caption renamed to `""` is read
    /// by its default name (the diff's path, the text).
    fn labelled(&self) -> Vec<(String, String)> {
        self.fields()
            .into_iter()
            .map(|f| (f.label, f.value))
            .collect()
    }

    /// The representative or the officers (`key`), each with its title as caption.
    fn people(&self, key: &'static str) -> Vec<Shown> {
        let people: Vec<&Person> = if key == "officers" {
            self.officers.iter().collect()
        } else {
            self.representative.iter().collect()
        };
        people
            .into_iter()
            .map(|p| Shown {
                key,
                caption: p.title.clone(),
                label: p.title.clone(),
                value: p.name.clone(),
            })
            .collect()
    }

    /// The fields in the order shown.
    fn fields(&self) -> Vec<Shown> {
        let address = match (&self.postal_code, &self.address) {
            (Some(p), Some(a)) => Some(format!("〒{p} {a}")),
            (Some(p), None) => Some(format!("〒{p}")),
            (None, a) => a.clone(),
        };
        let of = |key: &'static str| -> Vec<Shown> {
            let value = match key {
                "name" => Some(&self.name),
                "address" => address.as_ref(),
                "phone" => self.phone.as_ref(),
                "fax" => self.fax.as_ref(),
                "email" => self.email.as_ref(),
                "url" => self.url.as_ref(),
                "hours" => self.hours.as_ref(),
                "representative" | "officers" => return self.people(key),
                _ => None,
            };
            value
                .map(|v| {
                    let caption = self.caption(key);
                    Shown {
                        key,
                        label: if caption.trim().is_empty() {
                            default_caption(key).to_owned()
                        } else {
                            caption.clone()
                        },
                        caption,
                        value: v.clone(),
                    }
                })
                .into_iter()
                .collect()
        };
        // The keys of `order` first, then the others in the usual order.
        let mut keys: Vec<&'static str> = self
            .order
            .iter()
            .filter_map(|k| ORDER_KEYS.iter().find(|o| **o == k.as_str()).copied())
            .collect();
        for key in ORDER_KEYS {
            if !keys.contains(key) {
                keys.push(key);
            }
        }
        keys.into_iter().flat_map(of).collect()
    }
}

/// A field as shown.
struct Shown {
    /// `name`, `phone`, `representative`…
    key: &'static str,
    /// Its caption as written (a person's title; `""` when renamed so).
    caption: String,
    /// Its caption, never empty.
    label: String,
    value: String,
}

fn default_caption(key: &str) -> &str {
    CAPTIONS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, c)| c)
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    letterhead: bool,
    rows: Vec<RowView>,
}

#[derive(Serialize)]
struct RowView {
    /// The caption as written (`""` when renamed so: shown as nothing).
    caption: String,
    /// The caption, never empty: for a caption renamed to `""`, its default, for readers
    /// of the page that cannot see the layout (a screen reader).
    label: String,
    value: String,
    /// A `tel:`, `mailto:` or web address for the value.
    href: Option<String>,
    /// A person: the representative or an officer.
    person: bool,
    /// A line of the letterhead that shows its caption: a person's title (代表取締役社長),
    /// or a caption renamed in `captions` (TEL).
    captioned: bool,
}

impl BlockKind for OrganizationBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "事業者"
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
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
        self.reach().validate(v, at);
        for (i, key) in self.order.iter().enumerate() {
            if !ORDER_KEYS.contains(&key.as_str()) {
                v.error(
                    &at.key("order").index(i),
                    format!("`{key}` is not a field of an organization block"),
                    "use name, address, phone, fax, email, url, hours, representative or officers",
                );
            } else if self.order[..i].contains(key) {
                v.error(
                    &at.key("order").index(i),
                    format!("`{key}` is named twice in `order`"),
                    "name each field once",
                );
            }
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

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        l.trimmed(&at.key("name"), &self.name);
        self.reach().lint(l, at);
        if let Some(p) = &self.representative {
            l.trimmed(&at.key("representative").key("name"), &p.name);
        }
        for (i, p) in self.officers.iter().enumerate() {
            l.trimmed(&at.key("officers").index(i).key("name"), &p.name);
        }
    }

    fn view(&self, _: &ViewCx<'_>) -> View {
        let href = |key: &str, value: &str| -> Option<String> {
            match key {
                "phone" => phone_href(value),
                "email" => Some(format!("mailto:{value}")),
                "url" => Some(value.to_owned()),
                _ => None,
            }
        };
        View {
            letterhead: self.layout == OrganizationLayout::Letterhead,
            rows: self
                .fields()
                .into_iter()
                .map(|f| {
                    let number = matches!(f.key, "phone" | "fax");
                    RowView {
                        person: matches!(f.key, "representative" | "officers"),
                        href: href(f.key, &f.value),
                        captioned: matches!(f.key, "representative" | "officers")
                            || self
                                .captions
                                .get(f.key)
                                .is_some_and(|c| !c.trim().is_empty()),
                        value: if number {
                            phone_shown(&f.value)
                        } else {
                            f.value
                        },
                        caption: f.caption,
                        label: f.label,
                    }
                })
                .collect(),
        }
    }

    fn text(&self) -> String {
        self.labelled()
            .into_iter()
            .map(|(l, v)| format!("{l}：{v}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn covers(&self) -> &[String] {
        &self.covers
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        d.fields(at, &self.labelled(), &new.labelled());
    }
}
