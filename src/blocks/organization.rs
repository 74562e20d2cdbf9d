//! `type = "organization"`: the business's own particulars — name, address, representative
//! (APPI Article 32(1)(i)).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Kind;
use crate::check::lint::Linter;
use crate::content::validate::Checker;
use crate::diff::Differ;
use crate::model::{FieldPath, Notice};
use crate::render::view::ViewCx;

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
    /// The representative (代表者), required of a corporation since the 2022 amendment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<Person>,
    /// Other people named, e.g. the person responsible for personal information.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub officers: Vec<Person>,
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

impl OrganizationBlock {
    fn fields(&self) -> Vec<(String, String)> {
        let mut f = vec![("名称".to_owned(), self.name.clone())];
        if let Some(p) = &self.postal_code {
            f.push(("郵便番号".to_owned(), p.clone()));
        }
        if let Some(a) = &self.address {
            f.push(("住所".to_owned(), a.clone()));
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
    name: String,
    postal_code: Option<String>,
    address: Option<String>,
    people: Vec<Person>,
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
    }

    fn lint(&self, l: &mut Linter<'_>, at: &FieldPath) {
        l.trimmed(&at.key("name"), &self.name);
        l.opt(&at.key("address"), &self.address);
        if let Some(p) = &self.postal_code {
            l.number(&at.key("postal_code"), p, true);
        }
        if let Some(p) = &self.representative {
            l.trimmed(&at.key("representative").key("name"), &p.name);
        }
        for (i, p) in self.officers.iter().enumerate() {
            l.trimmed(&at.key("officers").index(i).key("name"), &p.name);
        }
    }

    fn view(&self, _: &ViewCx<'_>) -> View {
        View {
            name: self.name.clone(),
            postal_code: self.postal_code.clone(),
            address: self.address.clone(),
            people: self
                .representative
                .iter()
                .chain(&self.officers)
                .cloned()
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

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        d.fields(at, &self.fields(), &new.fields());
    }
}
