//! The statutory items a notice must make known (APPI Article 32(1), Cabinet Order Article 10),
//! checked for one version. What the tool cannot tell from the text (is the business a
//! corporation, does it charge fees, …) comes from `[appi]` in `site.toml`.

use std::path::Path;

use super::rule;
use crate::content::parse::{FieldPath, Origin};
use crate::error::Diagnostic;
use crate::model::{Block, Contact, ContactRole, SiteConfig, Version};

/// The kinds of request the procedure must cover, each with the words that name it.
const REQUEST_KINDS: &[(&str, &[&str])] = &[
    ("利用目的の通知", &["利用目的の通知"]),
    ("開示", &["開示"]),
    ("訂正", &["訂正"]),
    ("追加", &["追加"]),
    ("削除", &["削除"]),
    ("利用停止", &["利用停止", "利用の停止"]),
    ("消去", &["消去"]),
    (
        "第三者提供の停止",
        &["第三者提供の停止", "第三者への提供の停止"],
    ),
    ("第三者提供記録の開示", &["第三者提供記録"]),
];

/// The four categories of safety-management measures.
const MEASURE_CATEGORIES: &[&str] = &["組織的", "人的", "物理的", "技術的"];

/// Where a diagnostic points: the version's notice.toml at a field, or the whole file.
struct Place<'a> {
    origin: Option<&'a Origin>,
    file: &'a Path,
}

impl Place<'_> {
    fn report(&self, id: &str, path: Option<&FieldPath>, detail: &str) -> Diagnostic {
        let r = rule(id);
        match (self.origin, path) {
            (Some(o), Some(path)) => r.at(&o.source, o.span_of(path), detail).field(path),
            (Some(o), None) => r.at(&o.source, 0..0, detail),
            (None, _) => r.in_file(self.file, detail),
        }
    }
}

/// Checks one version. Its origin (the TOML it was loaded from, with positions) lets
/// diagnostics point at the block concerned; `file` names the file otherwise.
pub fn check_version(config: &SiteConfig, version: &Version, file: &Path) -> Vec<Diagnostic> {
    let n = &version.notice;
    let blocks = n.blocks();
    let items = Items {
        place: Place {
            origin: version.origin.as_deref(),
            file,
        },
        appi: config.appi.clone().unwrap_or_default(),
        org_name: &config.organization.name,
        // The text of the blocks (not headings, the title or the summary): a heading alone
        // does not make an item known.
        text: blocks
            .iter()
            .map(|(_, b)| serde_json::to_string(b).unwrap_or_default())
            .collect(),
        requests_at: n
            .sections
            .iter()
            .position(|s| s.id.as_deref() == Some("requests") || s.heading.contains("開示"))
            .map(|i| FieldPath::root().key("sections").index(i)),
        blocks,
    };
    let mut out = Vec::new();
    items.business(&mut out);
    items.purposes(&mut out);
    items.requests(&mut out);
    items.measures(&mut out);
    items.complaints(&mut out);
    items.accredited(&mut out);
    out
}

/// What the statutory rules look at in one version.
struct Items<'a> {
    place: Place<'a>,
    appi: crate::model::Appi,
    org_name: &'a str,
    blocks: Vec<(FieldPath, &'a Block)>,
    text: String,
    requests_at: Option<FieldPath>,
}

impl Items<'_> {
    fn contacts(&self) -> impl Iterator<Item = (&FieldPath, &Contact)> {
        self.blocks.iter().filter_map(|(p, b)| match b {
            Block::Contact(c) => Some((p, c)),
            _ => None,
        })
    }

    fn organization(&self) -> Option<(&FieldPath, &crate::model::OrganizationBlock)> {
        self.blocks.iter().find_map(|(p, b)| match b {
            Block::Organization(o) => Some((p, o)),
            _ => None,
        })
    }

    /// 1. The business's name, address and, for a corporation, representative.
    fn business(&self, out: &mut Vec<Diagnostic>) {
        // The name declared in site.toml must appear in the notice itself.
        if !self.text.contains(self.org_name) {
            out.push(
                self.place
                    .report("appi/business-name-missing", None, self.org_name),
            );
        }
        let organization = self.organization();
        let addressed = organization.is_some_and(|(_, o)| o.address.is_some())
            || self
                .contacts()
                .any(|(_, c)| c.role != ContactRole::Accredited && c.address.is_some());
        if !addressed {
            out.push(self.place.report(
                "appi/business-address-missing",
                organization.map(|(p, _)| p),
                "",
            ));
        }
        if self.appi.corporation {
            let has = organization
                .and_then(|(_, o)| o.representative.as_ref())
                .is_some_and(|p| !p.name.trim().is_empty());
            if !has {
                out.push(self.place.report(
                    "appi/representative-missing",
                    organization.map(|(p, _)| p),
                    "site.toml declares the business a corporation ([appi] corporation = true)",
                ));
            }
        }
    }

    /// 2. The purposes of use.
    fn purposes(&self, out: &mut Vec<Diagnostic>) {
        let found = self
            .blocks
            .iter()
            .any(|(_, b)| matches!(b, Block::Purposes(p) if !p.rows.is_empty()));
        if !found {
            out.push(self.place.report("appi/purposes-missing", None, ""));
        }
    }

    /// 3. The procedure for requests, every kind of request, the fee.
    fn requests(&self, out: &mut Vec<Diagnostic>) {
        let text = &self.text;
        if !(text.contains("開示") && (text.contains("請求") || text.contains("求め"))) {
            out.push(
                self.place
                    .report("appi/request-procedure-missing", None, ""),
            );
        } else {
            let missing: Vec<&str> = REQUEST_KINDS
                .iter()
                .filter(|(_, words)| !words.iter().any(|w| text.contains(w)))
                .map(|(kind, _)| *kind)
                .collect();
            if !missing.is_empty() {
                out.push(self.place.report(
                    "appi/request-kinds-missing",
                    self.requests_at.as_ref(),
                    &format!("{} not mentioned", missing.join("、")),
                ));
            }
        }
        if self.appi.fees && !text.contains("手数料") {
            out.push(
                self.place
                    .report("appi/fee-missing", self.requests_at.as_ref(), ""),
            );
        }
    }

    /// 4. The safety-management measures.
    fn measures(&self, out: &mut Vec<Diagnostic>) {
        let measures = self.blocks.iter().find_map(|(p, b)| match b {
            Block::Measures(m) => Some((p, m)),
            _ => None,
        });
        let Some((p, m)) = measures else {
            out.push(self.place.report("appi/measures-missing", None, ""));
            return;
        };
        let missing: Vec<String> = MEASURE_CATEGORIES
            .iter()
            .filter(|c| !m.rows.iter().any(|r| r.category.contains(*c)))
            .map(|c| format!("{c}安全管理措置"))
            .collect();
        if !missing.is_empty() {
            out.push(self.place.report(
                "appi/measures-category-missing",
                Some(p),
                &missing.join("、"),
            ));
        }
        let external = m
            .rows
            .iter()
            .any(|r| r.category.contains("外的環境") || r.text.contains("外的環境"));
        if self.appi.foreign && !external {
            out.push(
                self.place
                    .report("appi/external-environment-missing", Some(p), ""),
            );
        }
    }

    /// 5. Where to complain.
    fn complaints(&self, out: &mut Vec<Diagnostic>) {
        let ok = self.contacts().any(|(_, c)| {
            c.role == ContactRole::Complaints && (c.address.is_some() || c.phone.is_some())
        });
        if !ok {
            let at = self
                .contacts()
                .find(|(_, c)| c.role == ContactRole::Complaints)
                .map(|(p, _)| p);
            out.push(self.place.report("appi/complaints-missing", at, ""));
        }
    }

    /// 6. The accredited organisation.
    fn accredited(&self, out: &mut Vec<Diagnostic>) {
        if !self.appi.accredited {
            return;
        }
        let ok = self.contacts().any(|(_, c)| {
            c.role == ContactRole::Accredited
                && !c.name.trim().is_empty()
                && (c.address.is_some() || c.phone.is_some())
        });
        if !ok {
            out.push(self.place.report("appi/accredited-missing", None, ""));
        }
    }
}
