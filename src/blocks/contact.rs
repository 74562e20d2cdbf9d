//! `type = "contact"`: a contact point with structured fields — where complaints and requests
//! go (APPI Article 32(1)(iii), Cabinet Order Article 10(ii)), an accredited organisation.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::change::Differ;
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::ViewCx;
use super::reach::Reach;
use crate::values::FieldPath;
use crate::values::number::{half_width, phone_href, phone_shown};

/// What a contact point is for; the statutory checks use it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// Where complaints about the handling of personal data go (苦情の申出先).
    #[default]
    Complaints,
    /// Where requests for disclosure etc. go (開示等の請求の申出先).
    Requests,
    /// An accredited personal information protection organisation (認定個人情報保護団体).
    Accredited,
    /// Any other contact.
    Other,
}

/// A contact point with structured fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// What the contact is for.
    #[serde(default)]
    pub role: ContactRole,
    /// Name of the organisation or office.
    pub name: String,
    /// Department or desk (窓口).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
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
    /// Opening hours (受付時間).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// A web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A remark shown after the fields (Markdown, inline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Contact {
    /// How it is reached.
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

    /// The fields as (label, value), in the order shown.
    pub(crate) fn fields(&self) -> Vec<(String, String)> {
        let mut f = vec![("名称".to_owned(), self.name.clone())];
        let opt = [
            ("部署", &self.department),
            ("郵便番号", &self.postal_code),
            ("住所", &self.address),
            ("電話", &self.phone),
            ("FAX", &self.fax),
            ("メール", &self.email),
            ("受付時間", &self.hours),
            ("URL", &self.url),
            ("備考", &self.note),
        ];
        f.extend(
            opt.into_iter()
                .filter_map(|(l, v)| v.clone().map(|v| (l.to_owned(), v))),
        );
        f
    }
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    role: ContactRole,
    name: String,
    department: Option<String>,
    postal_code: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    phone_href: Option<String>,
    fax: Option<String>,
    email: Option<String>,
    hours: Option<String>,
    url: Option<String>,
    note_html: Option<String>,
}

impl BlockKind for Contact {
    type View = View;

    fn label(&self) -> &'static str {
        match self.role {
            ContactRole::Complaints => "苦情の申出先",
            ContactRole::Requests => "開示等の請求の申出先",
            ContactRole::Accredited => "認定個人情報保護団体",
            ContactRole::Other => "連絡先",
        }
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
        v.nonempty(&at.key("name"), &self.name);
        if !self.reach().any() {
            v.error(
                at,
                "this contact has no way to reach it",
                "give at least an address, a phone number, an e-mail address or a web page",
            );
        }
        self.reach().validate(v, at);
        if let Some(note) = &self.note {
            v.markdown(&at.key("note"), note);
        }
    }

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        l.trimmed(&at.key("name"), &self.name);
        l.opt(&at.key("department"), &self.department);
        self.reach().lint(l, at);
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        View {
            role: self.role,
            name: self.name.clone(),
            department: self.department.clone(),
            postal_code: self.postal_code.as_deref().map(half_width),
            address: self.address.clone(),
            phone_href: self.phone.as_deref().and_then(phone_href),
            phone: self.phone.as_deref().map(phone_shown),
            fax: self.fax.as_deref().map(phone_shown),
            email: self.email.clone(),
            hours: self.hours.clone(),
            url: self.url.clone(),
            note_html: self.note.as_deref().map(|t| cx.markdown(t, true)),
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
