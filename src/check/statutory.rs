//! The statutory items a notice must make known (APPI Article 32(1), Cabinet Order Article 10),
//! checked for one version. What the tool cannot tell from the text (is the business a
//! corporation, does it charge fees, …) comes from `[appi]` in `site.toml`.

use std::path::Path;

use super::rule;
use crate::content::parse::{FieldPath, Parsed};
use crate::error::Diagnostic;
use crate::model::{Block, Contact, ContactRole, Notice, SiteConfig, Version};

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
    parsed: Option<&'a Parsed<Notice>>,
    file: &'a Path,
}

impl Place<'_> {
    fn report(&self, id: &str, path: Option<&FieldPath>, detail: &str) -> Diagnostic {
        let r = rule(id);
        match (self.parsed, path) {
            (Some(p), Some(path)) => r.at(&p.source, p.spans().span_of(path), detail).field(path),
            (Some(p), None) => r.at(&p.source, 0..0, detail),
            (None, _) => r.in_file(self.file, detail),
        }
    }
}

/// Checks one version. `parsed` (the same version's TOML with positions) lets diagnostics
/// point at the block concerned; `file` names the file otherwise.
pub fn check_version(
    config: &SiteConfig,
    version: &Version,
    parsed: Option<&Parsed<Notice>>,
    file: &Path,
) -> Vec<Diagnostic> {
    let place = Place { parsed, file };
    let appi = config.appi.clone().unwrap_or_default();
    let n = &version.notice;
    let mut out = Vec::new();

    let blocks: Vec<(FieldPath, &Block)> = n
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| {
            sec.blocks.iter().enumerate().map(move |(b, block)| {
                (
                    FieldPath::root()
                        .key("sections")
                        .index(s)
                        .key("blocks")
                        .index(b),
                    block,
                )
            })
        })
        .collect();
    // The text of the blocks (not headings, the title or the summary): a heading alone does
    // not make an item known.
    let text: String = n
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .map(|b| serde_json::to_string(b).unwrap_or_default())
        .collect();
    let find = |pred: &dyn Fn(&Block) -> bool| blocks.iter().find(|(_, b)| pred(b)).map(|(p, _)| p);
    let contacts: Vec<(&FieldPath, &Contact)> = blocks
        .iter()
        .filter_map(|(p, b)| match b {
            Block::Contact(c) => Some((p, c)),
            _ => None,
        })
        .collect();
    let organization = blocks.iter().find_map(|(p, b)| match b {
        Block::Organization(o) => Some((p, o)),
        _ => None,
    });
    let own_contacts = || {
        contacts
            .iter()
            .filter(|(_, c)| c.role != ContactRole::Accredited)
    };

    // 1. Name, address, representative.
    let org_name = &config.organization.name;
    // The name declared in site.toml must appear in the notice itself (an organization or
    // contact block, or the text).
    let named = text.contains(org_name.as_str());
    if !named {
        out.push(place.report("appi/business-name-missing", None, org_name));
    }
    let addressed = organization.is_some_and(|(_, o)| o.address.is_some())
        || own_contacts().any(|(_, c)| c.address.is_some());
    if !addressed {
        out.push(place.report(
            "appi/business-address-missing",
            organization.map(|(p, _)| p),
            "",
        ));
    }
    if appi.corporation {
        let has = organization
            .and_then(|(_, o)| o.representative.as_ref())
            .is_some_and(|p| !p.name.trim().is_empty());
        if !has {
            out.push(place.report(
                "appi/representative-missing",
                organization.map(|(p, _)| p),
                "site.toml declares the business a corporation ([appi] corporation = true)",
            ));
        }
    }

    // 2. Purposes.
    if find(&|b| matches!(b, Block::Purposes(p) if !p.rows.is_empty())).is_none() {
        out.push(place.report("appi/purposes-missing", None, ""));
    }

    // 3. The procedure for requests, every kind of request, the fee.
    let requests_at = n
        .sections
        .iter()
        .position(|s| s.id.as_deref() == Some("requests") || s.heading.contains("開示"))
        .map(|i| FieldPath::root().key("sections").index(i));
    if !(text.contains("開示") && (text.contains("請求") || text.contains("求め"))) {
        out.push(place.report("appi/request-procedure-missing", None, ""));
    } else {
        let missing: Vec<&str> = REQUEST_KINDS
            .iter()
            .filter(|(_, words)| !words.iter().any(|w| text.contains(w)))
            .map(|(kind, _)| *kind)
            .collect();
        if !missing.is_empty() {
            out.push(place.report(
                "appi/request-kinds-missing",
                requests_at.as_ref(),
                &format!("{} not mentioned", missing.join("、")),
            ));
        }
    }
    if appi.fees && !text.contains("手数料") {
        out.push(place.report("appi/fee-missing", requests_at.as_ref(), ""));
    }

    // 4. Safety-management measures.
    let measures = blocks.iter().find_map(|(p, b)| match b {
        Block::Measures(m) => Some((p, m)),
        _ => None,
    });
    match measures {
        None => out.push(place.report("appi/measures-missing", None, "")),
        Some((p, m)) => {
            let missing: Vec<String> = MEASURE_CATEGORIES
                .iter()
                .filter(|c| !m.rows.iter().any(|r| r.category.contains(*c)))
                .map(|c| format!("{c}安全管理措置"))
                .collect();
            if !missing.is_empty() {
                out.push(place.report(
                    "appi/measures-category-missing",
                    Some(p),
                    &missing.join("、"),
                ));
            }
            if appi.foreign
                && !m
                    .rows
                    .iter()
                    .any(|r| r.category.contains("外的環境") || r.text.contains("外的環境"))
            {
                out.push(place.report("appi/external-environment-missing", Some(p), ""));
            }
        }
    }

    // 5. Where to complain.
    let complaints = contacts.iter().find(|(_, c)| {
        c.role == ContactRole::Complaints && (c.address.is_some() || c.phone.is_some())
    });
    if complaints.is_none() {
        let at = contacts
            .iter()
            .find(|(_, c)| c.role == ContactRole::Complaints)
            .map(|(p, _)| *p);
        out.push(place.report("appi/complaints-missing", at, ""));
    }

    // 6. The accredited organisation.
    if appi.accredited {
        let ok = contacts.iter().any(|(_, c)| {
            c.role == ContactRole::Accredited
                && !c.name.trim().is_empty()
                && (c.address.is_some() || c.phone.is_some())
        });
        if !ok {
            out.push(place.report("appi/accredited-missing", None, ""));
        }
    }
    out
}
