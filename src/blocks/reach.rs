//! How a contact point or the business is reached — postal code, address, phone, fax,
//! e-mail, web page, opening hours — checked and linted the same way wherever a block holds
//! them (`contact`, `organization`): the one owner of these fields' rules.

use super::kit::lint::Linter;
use super::kit::problems::Checker;
use crate::values::FieldPath;
use crate::values::web::is_web_address;

/// The fields of a block by which it is reached (each may be absent).
pub(crate) struct Reach<'a> {
    pub postal_code: &'a Option<String>,
    pub address: &'a Option<String>,
    pub phone: &'a Option<String>,
    pub fax: &'a Option<String>,
    pub email: &'a Option<String>,
    pub url: &'a Option<String>,
    pub hours: &'a Option<String>,
}

impl Reach<'_> {
    /// Whether there is any way to reach it.
    pub(crate) fn any(&self) -> bool {
        self.address.is_some() || self.phone.is_some() || self.email.is_some() || self.url.is_some()
    }

    /// The web page is a web address; the e-mail address is one, with a half-width `@`.
    pub(crate) fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
        if let Some(url) = self.url
            && !is_web_address(url)
        {
            v.error(
                &at.key("url"),
                format!("`{url}` is not a web address"),
                "write a full address starting with https://",
            );
        }
        let Some(email) = self.email else { return };
        if email.contains('＠') {
            let fixed = email.replace('＠', "@");
            v.error(
                &at.key("email"),
                crate::i18n::Msg {
                    en: format!("a full-width `＠` in an e-mail address: `{email}`"),
                    ja: Some(format!(
                        "メールアドレスに全角の「＠」が使われています: `{email}`"
                    )),
                },
                crate::i18n::Msg {
                    en: format!("write `email = \"{fixed}\"`"),
                    ja: Some(format!("半角の @ にしてください: `email = \"{fixed}\"`")),
                },
            );
            return;
        }
        let ok = email.split_once('@').is_some_and(|(a, d)| {
            !a.is_empty() && d.contains('.') && !email.contains(char::is_whitespace)
        });
        if !ok {
            v.error(
                &at.key("email"),
                format!("`{email}` is not an e-mail address"),
                "write it as name@example.jp",
            );
        }
    }

    /// Untrimmed texts, and postal codes and phone numbers as they are written in Japan.
    pub(crate) fn lint(&self, l: &mut Linter, at: &FieldPath) {
        for (key, value) in [
            ("address", self.address),
            ("email", self.email),
            ("hours", self.hours),
            ("url", self.url),
        ] {
            l.opt(&at.key(key), value);
        }
        if let Some(p) = self.postal_code {
            l.number(&at.key("postal_code"), p, true);
        }
        for (key, value) in [("phone", self.phone), ("fax", self.fax)] {
            if let Some(p) = value {
                l.number(&at.key(key), p, false);
            }
        }
    }
}
