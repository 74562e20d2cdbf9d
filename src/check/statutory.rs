//! The statutory items a document must make known, by its kind: the notice (APPI Article
//! 32(1), Cabinet Order Article 10), joint use (Article 27(5)(iii)), anonymized information
//! (Article 43(3), (4), (6)) and pseudonymized information (Article 41(4), (6)).
//!
//! An item counts as made known when the content **declares** it (`covers = ["purposes"]` on a
//! section, block, list item or record field: the check trusts the claim, and warns if the
//! element is empty), when the notice says it is answered **on request** (`on_request` on a
//! section: 本人の求めに応じて遅滞なく回答する場合を含む), or when the structure or the words show
//! it (a `purposes` block, a `contact` with `role = "complaints"`, the phrasings of each kind of
//! request). What the tool cannot tell from the text (is the business a corporation, does it
//! charge fees, …) comes from `[appi]` in site.toml, overridden key by key by the version's.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::rule;
use crate::blocks::{Block, Contact, ContactRole, OrganizationBlock};
use crate::content::parse::Origin;
use crate::error::Diagnostic;
use crate::model::{Appi, BlockAt, DocumentKind, SiteConfig, Version};
use crate::values::{FieldPath, Item};

pub use crate::values::statutory::ITEM_IDS as COVERS;

/// The kinds of request the procedure must cover, each with the phrasings that name it
/// (compared without spaces and without 「の」, so 「第三者提供の記録」 and 「第三者への提供に係る
/// 記録」 count as 第三者提供記録). A kind is covered when any of its alternatives is, and an
/// alternative when all of its words are there.
const REQUEST_KINDS: &[(&str, &[&[&str]])] = &[
    (
        "利用目的の通知",
        &[
            &["利用目的通知"],
            &["利用目的を通知"],
            &["利用目的について通知"],
        ],
    ),
    ("開示", &[&["開示"]]),
    (
        "訂正・追加・削除",
        &[&["訂正等"], &["訂正", "追加", "削除"]],
    ),
    ("利用停止・消去", &[&["利用停止等"], &["利用停止", "消去"]]),
    (
        "第三者提供の停止",
        &[
            &["第三者提供停止"],
            &["第三者へ提供停止"],
            &["第三者提供を停止"],
            &["第三者へ提供を停止"],
        ],
    ),
    (
        "第三者提供記録の開示",
        &[&["第三者提供記録"], &["提供に係る記録"], &["提供係る記録"]],
    ),
];

/// The categories of safety-management measures the guidelines name.
const MEASURE_CATEGORIES: &[&str] = &["組織的", "人的", "物理的", "技術的"];

/// Texts that stand for a value not yet written.
const PLACEHOLDERS: &[&str] = &[
    "（氏名）",
    "(氏名)",
    "（名称）",
    "（住所）",
    "（電話番号）",
    "○○",
    "〇〇",
    "●●",
    "××",
    "未定",
    "記入してください",
    "要確認",
    "TBD",
    "XXX",
    "xxx",
    "ダミー",
];

/// Whether `s` is (or holds) a placeholder.
pub fn is_placeholder(s: &str) -> bool {
    PLACEHOLDERS.iter().any(|p| s.contains(p))
}

/// Text compared without spaces and without 「の」.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != 'の' && *c != '\u{3000}')
        .collect()
}

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

/// An element that declares statutory items: where it is, and whether it has any text.
struct Declared {
    path: FieldPath,
    empty: bool,
}

/// Checks one version of a notice that other documents of the site continue (a notice split
/// over several pages is one notice): `companions` are their versions in force on the same
/// date. What they make known counts; what is wrong in them is reported when they are checked.
pub fn check_version_with(
    config: &SiteConfig,
    version: &Version,
    file: &Path,
    companions: &[&Version],
) -> Vec<Diagnostic> {
    if companions.is_empty() {
        return check_version(config, version, file);
    }
    let own = &version.notice;
    let mut notice = own.clone();
    for c in companions {
        notice.preamble.extend(c.notice.front.iter().cloned());
        notice.preamble.extend(c.notice.preamble.iter().cloned());
        notice.sections.extend(c.notice.sections.iter().cloned());
    }
    let combined = Version {
        id: version.id,
        notice,
        origin: version.origin.clone(),
        files: version.files.clone(),
    };
    let theirs = |field: &str| {
        let index = |prefix: &str| {
            field
                .strip_prefix(prefix)
                .and_then(|rest| rest.split(']').next())
                .and_then(|n| n.parse::<usize>().ok())
        };
        index("sections[").is_some_and(|i| i >= own.sections.len())
            || index("preamble[").is_some_and(|i| i >= own.preamble.len())
    };
    check_version(config, &combined, file)
        .into_iter()
        .filter(|d| !d.field.as_deref().is_some_and(theirs))
        .collect()
}

/// Checks one version against the rules of the document's kind. Its origin (the TOML it was
/// loaded from) lets diagnostics point at the block concerned; `file` names the file otherwise.
pub fn check_version(config: &SiteConfig, version: &Version, file: &Path) -> Vec<Diagnostic> {
    let n = &version.notice;
    let blocks = n.blocks_at();
    let appi = config
        .appi
        .clone()
        .unwrap_or_default()
        .merged(n.appi.as_ref());
    let text: String = blocks
        .iter()
        .map(|b| b.block.text())
        .collect::<Vec<_>>()
        .join("\n");
    let items = Items {
        place: Place {
            origin: version.origin.as_deref(),
            file,
        },
        org_name: &config.organization.name,
        normalised: normalise(&text),
        text,
        declared: declarations(n, &blocks),
        on_request: n
            .sections_at()
            .iter()
            .flat_map(|(_, _, _, s)| s.on_request.iter().map(String::as_str))
            .collect(),
        headings: n
            .sections_at()
            .into_iter()
            .map(|(path, _, _, s)| (path, s.heading.as_str()))
            .collect(),
        blocks,
        appi,
    };
    let mut out = Vec::new();
    match config.kind {
        DocumentKind::Notice => items.notice(&mut out),
        DocumentKind::JointUse => items.joint_use(&mut out),
        DocumentKind::Anonymized => items.anonymized(&mut out),
        DocumentKind::Pseudonymized => {
            items.pseudonymized(&mut out);
            if items.appi.joint_use == Some(true) {
                items.joint_use(&mut out);
            }
        }
        DocumentKind::Policy | DocumentKind::Other => {}
    }
    items.placeholders(&mut out);
    items.empty_declarations(&mut out);
    out
}

/// Every `covers` of the notice: sections, blocks, list items and record fields.
fn declarations<'a>(
    n: &'a crate::model::Notice,
    blocks: &[BlockAt<'a>],
) -> HashMap<&'a str, Vec<Declared>> {
    let mut out: HashMap<&str, Vec<Declared>> = HashMap::new();
    for (path, _, _, s) in n.sections_at() {
        let empty = s.blocks.is_empty() && s.sections.is_empty() && s.closing.is_empty();
        for id in &s.covers {
            out.entry(id).or_default().push(Declared {
                path: path.key("covers"),
                empty,
            });
        }
    }
    for b in blocks {
        let covers = b.block.covers();
        for id in covers {
            out.entry(id).or_default().push(Declared {
                path: b.path.key("covers"),
                empty: b.block.text().trim().is_empty(),
            });
        }
        let items: &[Item] = match b.block {
            Block::List(l) => &l.items,
            Block::Note(n) => &n.items,
            Block::Purposes(p) => &p.items,
            Block::Records(r) => {
                for (i, record) in r.records.iter().enumerate() {
                    for (f, field) in record.fields.iter().enumerate() {
                        for id in &field.covers {
                            out.entry(id).or_default().push(Declared {
                                path: b.path.key("records").index(i).key("fields").index(f),
                                empty: field.value.text().trim().is_empty(),
                            });
                        }
                    }
                }
                continue;
            }
            _ => continue,
        };
        item_declarations(items, &b.path.key("items"), &mut out);
    }
    out
}

fn item_declarations<'a>(
    items: &'a [Item],
    path: &FieldPath,
    out: &mut HashMap<&'a str, Vec<Declared>>,
) {
    for (i, item) in items.iter().enumerate() {
        let Some(t) = item.table() else { continue };
        for id in &t.covers {
            out.entry(id).or_default().push(Declared {
                path: path.index(i),
                empty: t.text.trim().is_empty(),
            });
        }
        item_declarations(&t.items, &path.index(i).key("items"), out);
    }
}

/// What the statutory rules look at in one version.
struct Items<'a> {
    place: Place<'a>,
    appi: Appi,
    org_name: &'a str,
    blocks: Vec<BlockAt<'a>>,
    /// The text of the blocks (not headings, the title or the summary): a heading alone does
    /// not make an item known.
    text: String,
    normalised: String,
    declared: HashMap<&'a str, Vec<Declared>>,
    on_request: HashSet<&'a str>,
    /// Every section's path and heading, in document order.
    headings: Vec<(FieldPath, &'a str)>,
}

impl<'a> Items<'a> {
    /// Whether the content declares `id` (covers) or says it is answered on request.
    fn declared(&self, id: &str) -> bool {
        self.declared.contains_key(id) || self.on_request.contains(id)
    }

    fn says(&self, phrase: &str) -> bool {
        self.normalised.contains(&normalise(phrase))
    }

    fn contacts(&self) -> impl Iterator<Item = (&FieldPath, &'a Contact)> + '_ {
        self.blocks.iter().filter_map(|b| match b.block {
            Block::Contact(c) => Some((&b.path, c)),
            _ => None,
        })
    }

    /// The business's own contacts: not an accredited organisation's, and named after the
    /// business (a third party's address does not state the business's).
    fn own_contacts(&self) -> impl Iterator<Item = (&FieldPath, &'a Contact)> + '_ {
        let org = normalise(self.org_name);
        self.contacts().filter(move |(_, c)| {
            c.role != ContactRole::Accredited
                && (normalise(&c.name).contains(&org) || org.contains(&normalise(&c.name)))
        })
    }

    fn organization(&self) -> Option<(&FieldPath, &'a OrganizationBlock)> {
        self.blocks.iter().find_map(|b| match b.block {
            Block::Organization(o) => Some((&b.path, o)),
            _ => None,
        })
    }

    fn missing(&self, out: &mut Vec<Diagnostic>, id: &str, at: Option<&FieldPath>, detail: &str) {
        let fallback = at.is_none().then(|| self.where_expected(id));
        out.push(self.place.report(id, at.or(fallback.as_ref()), detail));
    }

    /// Where a missing item would be looked for: the heading of the section about it (「苦情の
    /// 申出先」 for the complaint contact), else the notice's title — never the top of the file.
    fn where_expected(&self, id: &str) -> FieldPath {
        let words: &[&str] = match id.trim_start_matches("appi/").trim_end_matches("-missing") {
            "business-name" | "business-address" | "representative" => &["事業者", "名称", "住所"],
            "purposes" => &["利用目的"],
            "request-procedure" | "request-kinds" | "fee" => &["開示", "請求", "手続"],
            "measures" | "measures-category" | "external-environment" => &["安全管理"],
            "complaints" => &["苦情"],
            "accredited" => &["認定個人情報保護団体", "認定"],
            id if id.starts_with("joint-use") => &["共同利用", "共同して利用"],
            id if id.starts_with("anonymized") => &["匿名加工"],
            id if id.starts_with("pseudonymized") => &["仮名加工"],
            _ => &[],
        };
        words
            .iter()
            .find_map(|w| self.headings.iter().find(|(_, h)| h.contains(w)))
            .map(|(path, _)| path.key("heading"))
            .unwrap_or_else(|| FieldPath::root().key("title"))
    }

    /// APPI Article 32(1) and Cabinet Order Article 10.
    fn notice(&self, out: &mut Vec<Diagnostic>) {
        self.business(out);
        if !(self.declared("purposes")
            || self.blocks.iter().any(|b| {
                matches!(b.block, Block::Purposes(p) if !p.rows.is_empty() || !p.items.is_empty())
            }))
        {
            self.missing(out, "appi/purposes-missing", None, "");
        }
        self.requests(out);
        self.measures(out);
        self.complaints(out);
        self.accredited(out);
    }

    /// 1. The business's name, address and, for a corporation, representative.
    fn business(&self, out: &mut Vec<Diagnostic>) {
        if !(self.declared("business-name") || self.says(self.org_name)) {
            self.missing(out, "appi/business-name-missing", None, self.org_name);
        }
        let organization = self.organization();
        let addressed = organization.is_some_and(|(_, o)| o.address.is_some())
            || self.own_contacts().any(|(_, c)| c.address.is_some());
        if !(self.declared("business-address") || addressed) {
            self.missing(
                out,
                "appi/business-address-missing",
                organization.map(|(p, _)| p),
                "",
            );
        }
        if self.appi.corporation == Some(true) {
            let named = organization
                .and_then(|(_, o)| o.representative.as_ref())
                .is_some_and(|p| !p.name.trim().is_empty());
            if !(self.declared("representative") || named) {
                self.missing(
                    out,
                    "appi/representative-missing",
                    organization.map(|(p, _)| p),
                    "site.toml declares the business a corporation ([appi] corporation = true)",
                );
            }
        }
    }

    /// 3. The procedure for requests, every kind of request, the fee's amount.
    fn requests(&self, out: &mut Vec<Diagnostic>) {
        let requests_at = self
            .blocks
            .iter()
            .find(|b| {
                b.trail.iter().any(|s| {
                    s.id.as_deref() == Some("requests")
                        || s.heading.contains("開示")
                        || s.covers.iter().any(|c| c.starts_with("request"))
                })
            })
            .map(|b| &b.path);
        let procedure = self.says("開示") && (self.says("請求") || self.says("求め"));
        if !(self.declared("request-procedure") || procedure) {
            self.missing(out, "appi/request-procedure-missing", None, "");
        } else if !self.declared("request-kinds") {
            let missing: Vec<&str> = REQUEST_KINDS
                .iter()
                .filter(|(_, alternatives)| {
                    !alternatives
                        .iter()
                        .any(|words| words.iter().all(|w| self.says(w)))
                })
                .map(|(kind, _)| *kind)
                .collect();
            if !missing.is_empty() {
                self.missing(
                    out,
                    "appi/request-kinds-missing",
                    requests_at,
                    &format!("{} not mentioned", missing.join("、")),
                );
            }
        }
        let amount = self.text.contains("手数料")
            && (self.text.contains('円') || self.text.contains("無料"));
        if self.appi.fees == Some(true) && !(self.declared("fee") || amount) {
            self.missing(out, "appi/fee-missing", requests_at, "");
        }
    }

    /// Item 4, the safety-management measures: required (unless answered on request);
    /// their categories are the guidelines' (a warning), unless withheld.
    fn measures(&self, out: &mut Vec<Diagnostic>) {
        let measures = self.blocks.iter().find_map(|b| match b.block {
            Block::Measures(m) => Some((&b.path, m)),
            _ => None,
        });
        if self.declared("measures") {
            if self.appi.foreign == Some(true) && !self.declared("external-environment") {
                let text = measures.is_some_and(|(_, m)| {
                    m.rows
                        .iter()
                        .any(|r| r.category.contains("外的環境") || r.text.contains("外的環境"))
                });
                if !(text || self.says("外的環境")) {
                    self.missing(out, "appi/external-environment-missing", None, "");
                }
            }
            return;
        }
        let Some((p, m)) = measures else {
            self.missing(out, "appi/measures-missing", None, "");
            return;
        };
        if self.appi.measures_withheld.is_none() {
            let missing: Vec<String> = MEASURE_CATEGORIES
                .iter()
                .filter(|c| !m.rows.iter().any(|r| r.category.contains(*c)))
                .map(|c| format!("{c}安全管理措置"))
                .collect();
            if !missing.is_empty() {
                self.missing(
                    out,
                    "appi/measures-category-missing",
                    Some(p),
                    &missing.join("、"),
                );
            }
        }
        let external = m
            .rows
            .iter()
            .any(|r| r.category.contains("外的環境") || r.text.contains("外的環境"));
        if self.appi.foreign == Some(true) && !(external || self.declared("external-environment")) {
            self.missing(out, "appi/external-environment-missing", Some(p), "");
        }
    }

    /// 5. Where to complain: an address, phone, e-mail address or web form.
    fn complaints(&self, out: &mut Vec<Diagnostic>) {
        let reachable = |c: &Contact| {
            c.address.is_some() || c.phone.is_some() || c.email.is_some() || c.url.is_some()
        };
        let ok = self
            .contacts()
            .any(|(_, c)| c.role == ContactRole::Complaints && reachable(c));
        if !(ok || self.declared("complaints")) {
            let at = self
                .contacts()
                .find(|(_, c)| c.role == ContactRole::Complaints)
                .map(|(p, _)| p);
            self.missing(out, "appi/complaints-missing", at, "");
        }
    }

    /// 6. The accredited organisation.
    fn accredited(&self, out: &mut Vec<Diagnostic>) {
        if self.appi.accredited != Some(true) {
            return;
        }
        let ok = self.contacts().any(|(_, c)| {
            c.role == ContactRole::Accredited
                && !c.name.trim().is_empty()
                && (c.address.is_some()
                    || c.phone.is_some()
                    || c.email.is_some()
                    || c.url.is_some())
        });
        if !(ok || self.declared("accredited")) {
            self.missing(out, "appi/accredited-missing", None, "");
        }
    }

    /// Article 27(5)(iii): what must be known before joint use starts.
    fn joint_use(&self, out: &mut Vec<Diagnostic>) {
        let checks: [(&str, &str, bool); 4] = [
            (
                "joint-use-fact",
                "appi/joint-use-fact-missing",
                self.says("共同利用") || self.says("共同して利用"),
            ),
            (
                "joint-use-items",
                "appi/joint-use-items-missing",
                self.says("項目"),
            ),
            (
                "joint-use-scope",
                "appi/joint-use-scope-missing",
                self.says("範囲"),
            ),
            (
                "joint-use-purposes",
                "appi/joint-use-purposes-missing",
                self.says("目的"),
            ),
        ];
        for (id, rule_id, said) in checks {
            if !(said || self.declared(id)) {
                self.missing(out, rule_id, None, "");
            }
        }
        let manager =
            self.organization().is_some_and(|(_, o)| {
                o.address.is_some()
                    && (self.appi.corporation != Some(true)
                        || o.representative
                            .as_ref()
                            .is_some_and(|p| !p.name.trim().is_empty()))
            }) && (self.says("責任を有する者") || self.says("管理責任者") || self.says("責任者"));
        if !(manager || self.declared("joint-use-manager")) {
            self.missing(
                out,
                "appi/joint-use-manager-missing",
                self.organization().map(|(p, _)| p),
                "",
            );
        }
    }

    /// Article 43(3), (4), (6).
    fn anonymized(&self, out: &mut Vec<Diagnostic>) {
        if !(self.says("項目") || self.declared("anonymized-items")) {
            self.missing(out, "appi/anonymized-items-missing", None, "");
        }
        if self.appi.provision == Some(true)
            && !(self.says("提供方法")
                || self.says("提供する方法")
                || self.declared("anonymized-method"))
        {
            self.missing(out, "appi/anonymized-method-missing", None, "");
        }
        if !(self.says("安全管理") || self.says("措置") || self.declared("anonymized-measures"))
        {
            self.missing(out, "appi/anonymized-measures-missing", None, "");
        }
    }

    /// Article 41(4): the purposes of use of pseudonymized information are made public.
    fn pseudonymized(&self, out: &mut Vec<Diagnostic>) {
        let purposes = self
            .blocks
            .iter()
            .any(|b| matches!(b.block, Block::Purposes(_)))
            || self.says("利用目的");
        if !(purposes || self.declared("pseudonymized-purposes")) {
            self.missing(out, "appi/pseudonymized-purposes-missing", None, "");
        }
    }

    /// A placeholder where a name, address or phone number is required.
    fn placeholders(&self, out: &mut Vec<Diagnostic>) {
        let mut check = |path: FieldPath, value: &str| {
            if is_placeholder(value) {
                out.push(
                    self.place
                        .report("appi/placeholder", Some(&path), &format!("`{value}`")),
                );
            }
        };
        if let Some((p, o)) = self.organization() {
            check(p.key("name"), &o.name);
            for (key, v) in [("address", &o.address), ("phone", &o.phone)] {
                if let Some(v) = v {
                    check(p.key(key), v);
                }
            }
            if let Some(r) = &o.representative {
                check(p.key("representative").key("name"), &r.name);
            }
            for (i, officer) in o.officers.iter().enumerate() {
                check(p.key("officers").index(i).key("name"), &officer.name);
            }
        }
        for (p, c) in self.contacts() {
            check(p.key("name"), &c.name);
            for (key, v) in [
                ("address", &c.address),
                ("phone", &c.phone),
                ("email", &c.email),
            ] {
                if let Some(v) = v {
                    check(p.key(key), v);
                }
            }
        }
    }

    /// A declared item on an element without text: trusted, but worth a warning.
    fn empty_declarations(&self, out: &mut Vec<Diagnostic>) {
        let mut all: Vec<&Declared> = self.declared.values().flatten().collect();
        all.sort_by_key(|d| d.path.to_string());
        all.dedup_by_key(|d| d.path.to_string());
        for d in all.into_iter().filter(|d| d.empty) {
            out.push(self.place.report("content/empty-cover", Some(&d.path), ""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrasing_of_a_request_kind_counts() {
        for text in [
            "第三者提供記録の開示",
            "第三者提供の記録の開示",
            "第三者への提供に係る記録の開示",
            "第 三 者 提 供 の 記 録",
        ] {
            let n = normalise(text);
            let (_, alternatives) = REQUEST_KINDS[5];
            assert!(
                alternatives
                    .iter()
                    .any(|words| words.iter().all(|w| n.contains(&normalise(w)))),
                "{text}"
            );
        }
        let n = normalise("第三者への提供の停止");
        let (_, alternatives) = REQUEST_KINDS[4];
        assert!(
            alternatives
                .iter()
                .any(|w| w.iter().all(|w| n.contains(&normalise(w))))
        );
    }

    #[test]
    fn placeholders_are_recognised_and_names_are_not() {
        for p in ["（氏名）", "理事長 ○○", "未定", "（記入してください）"] {
            assert!(is_placeholder(p), "{p}");
        }
        for name in ["架空 太郎", "仙台卸商健康保険組合", "022-235-5896"] {
            assert!(!is_placeholder(name), "{name}");
        }
    }
}
