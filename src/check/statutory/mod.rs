//! The statutory items a document must make known, by its kind: the notice (APPI Article
//! 32(1), Cabinet Order Article 10), joint use (Article 27(5)(iii)), anonymized information
//! (Article 43), pseudonymized information (Article 41) and opt-out provision (Article 27(2)).
//!
//! **Statements, not words.** An item is made known where the notice *states* it: a section
//! under a heading, a labelled field, row, column or line, a block of the matching type, or an
//! element that declares it (`covers`) — see [`statements`]. Each item of [`items`] says which
//! statements are about it and the shape their content must have (a procedure says where to
//! send a request; a manager of joint use is a joint user with its address; a fee is an
//! amount). Words found in running text never satisfy an item: they only make the error point
//! at the paragraph, with the `covers` line to add if it does state the item. An item answered
//! on request (`on_request`) counts only where the law allows it (Article 32); items published
//! on another page are named in `[appi] elsewhere`. What the text cannot tell (a corporation,
//! a fee, data abroad) comes from `[appi]`, overridden key by key by the version's; an item
//! required by an amendment applies to versions in force from its day.

mod items;
mod more_items;
mod notice_items;
pub(crate) mod placeholders;
mod requests;
mod statements;
mod words;

pub use items::ItemRule;
pub use placeholders::is_placeholder;
pub use requests::{REQUEST_KINDS, missing_request_kinds};

use std::path::Path;

use super::rule;
use crate::blocks::Block;
use crate::error::Diagnostic;
use crate::i18n::Msg;
use crate::model::{Appi, DocumentKind, SiteConfig, Version};
use crate::source::Origin;
use crate::values::{Date, FieldPath};
use items::OnRequest;
use statements::{Paragraph, Statement, StatementKind, Statements};

/// What the rules of one version look at.
pub struct Ctx<'a> {
    /// The facts of the business for this version.
    pub facts: Appi,
    /// The business's name (site.toml's `[organization]`).
    pub org_name: &'a str,
    /// The version's effective date: an item an amendment requires applies from its day.
    pub effective: Date,
    /// Every statement of the version.
    pub statements: &'a [Statement<'a>],
    /// Whether the notice gives a contact that can be reached (a desk named in the procedure
    /// may be it).
    pub has_reachable_contact: bool,
}

impl<'a> Ctx<'a> {
    /// What the rules look at in `version`, whose statements are `found`.
    fn of(config: &'a SiteConfig, version: &Version, found: &'a Statements<'a>) -> Self {
        Ctx {
            facts: config
                .appi
                .clone()
                .unwrap_or_default()
                .merged(version.notice.appi.as_ref()),
            org_name: &config.organization.name,
            effective: version.id.date,
            statements: &found.statements,
            has_reachable_contact: found.statements.iter().any(
                |s| matches!(s.kind, StatementKind::Block(Block::Contact(c)) if c.reach().any()),
            ),
        }
    }

    /// Whether the version is in force on or after `date` (`YYYY-MM-DD`).
    pub fn since(&self, date: &str) -> bool {
        date.parse::<Date>().is_ok_and(|d| self.effective >= d)
    }

    /// The texts around a statement that may complete it: the other fields of its record, and
    /// the organization blocks it names (or the business's own, when it names the business).
    pub fn around(&self, s: &Statement<'_>, publisher: bool) -> Vec<String> {
        let record = s.path.parent().and_then(|p| p.parent());
        let mut out: Vec<String> = self
            .statements
            .iter()
            .filter(|x| matches!(x.kind, StatementKind::Labelled))
            .filter(|x| record.as_ref().is_some_and(|r| x.path.starts_with(r)))
            .map(|x| format!("{}：{}", x.label, x.text))
            .collect();
        let named = words::normalise(&s.text);
        let org = words::normalise(self.org_name);
        for x in self.statements {
            if let StatementKind::Block(Block::Organization(o)) = x.kind {
                let name = words::normalise(&o.name);
                let same = (!name.is_empty() && named.contains(&name))
                    || (publisher && (name.contains(&org) || org.contains(&name)));
                if same {
                    out.push(x.text.clone());
                }
            }
        }
        out
    }
}

/// Where a diagnostic points: the version's notice.toml at a field, or the whole file.
struct Place<'a> {
    origin: Option<&'a Origin>,
    file: &'a Path,
}

impl Place<'_> {
    fn report(&self, id: &str, path: Option<&FieldPath>, detail: &Msg) -> Diagnostic {
        let r = rule(id);
        match (self.origin, path) {
            (Some(o), Some(path)) => r.at_detail(&o.source, o.span_of(path), detail).field(path),
            (Some(o), None) => r.at_detail(&o.source, 0..0, detail),
            (None, _) => r.in_file_detail(self.file, detail),
        }
    }
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
/// loaded from) lets diagnostics point at the statement concerned; `file` names the file
/// otherwise.
pub fn check_version(config: &SiteConfig, version: &Version, file: &Path) -> Vec<Diagnostic> {
    let n = &version.notice;
    let found = statements::of(n);
    let ctx = Ctx::of(config, version, &found);
    let place = Place {
        origin: version.origin.as_deref(),
        file,
    };
    let mut out = Vec::new();
    for item in of_kind(config.kind, &ctx) {
        evaluate(item, &ctx, &found, &place, &mut out);
    }
    kind_notes(config.kind, &ctx, &found, &place, &mut out);
    placeholders::check(config, n, &place, &mut out);
    empty_declarations(&found, &place, &mut out);
    out
}

/// The placeholders left in `notice` (read from `origin`, shown as `file`).
pub fn placeholders(
    config: &SiteConfig,
    notice: &crate::model::Notice,
    origin: &Origin,
    file: &Path,
) -> Vec<Diagnostic> {
    let place = Place {
        origin: Some(origin),
        file,
    };
    let mut out = Vec::new();
    placeholders::check(config, notice, &place, &mut out);
    out
}

/// The items of joint use that in principle cannot change (通則編 3-6-3): the items of
/// personal data and the joint users.
const JOINT_USE_FIXED: [&str; 2] = ["joint-use-items", "joint-use-scope"];

/// Compares a joint-use version with the one before it: a change of the items of personal data
/// or of the joint users is flagged (`appi/joint-use-change`) where the later version states
/// it. Differences of spacing, width and punctuation are not changes.
pub fn joint_use_changes(
    config: &SiteConfig,
    previous: &Version,
    version: &Version,
    file: &Path,
) -> Vec<Diagnostic> {
    if config.kind != DocumentKind::JointUse {
        return Vec::new();
    }
    let (before, after) = (
        statements::of(&previous.notice),
        statements::of(&version.notice),
    );
    let (was, is) = (
        Ctx::of(config, previous, &before),
        Ctx::of(config, version, &after),
    );
    let place = Place {
        origin: version.origin.as_deref(),
        file,
    };
    let mut out = Vec::new();
    for item in of_kind(config.kind, &is) {
        if !JOINT_USE_FIXED.contains(&item.item) {
            continue;
        }
        let (old, new) = (stated(item, &was), stated(item, &is));
        if let (Some((old, _)), Some((new, path))) = (old, new)
            && old != new
        {
            let name = crate::values::statutory::name_of(item.item);
            let (from, to) = (previous.id, version.id);
            let detail = items::msg(
                &format!("{name} ({}): {from} → {to}", item.item),
                &format!("{name}：{from} → {to}"),
            );
            out.push(place.report("appi/joint-use-change", Some(&path), &detail));
        }
    }
    out
}

/// What a version states for `item`, compared without spacing, width or punctuation, and where.
fn stated(item: &ItemRule, ctx: &Ctx<'_>) -> Option<(String, FieldPath)> {
    let texts: Vec<&Statement<'_>> = ctx
        .statements
        .iter()
        .filter(|s| s.covers.contains(&item.item) || (item.states)(s, ctx))
        .collect();
    let first = texts.first()?;
    let text: String = texts
        .iter()
        .flat_map(|s| words::normalise(&s.text).chars().collect::<Vec<_>>())
        .filter(|c| c.is_alphanumeric())
        .collect();
    Some((text, first.path.clone()))
}

/// Every item of every kind.
pub fn all_items() -> impl Iterator<Item = &'static ItemRule> {
    notice_items::NOTICE
        .iter()
        .chain(more_items::JOINT_USE)
        .chain(more_items::ANONYMIZED)
        .chain(more_items::PSEUDONYMIZED)
        .chain(more_items::OPT_OUT)
}

/// The items a kind of document must state (pseudonymized joint use adds joint use's).
pub fn of_kind(kind: DocumentKind, ctx: &Ctx<'_>) -> Vec<&'static ItemRule> {
    let joint = kind == DocumentKind::Pseudonymized && ctx.facts.joint_use == Some(true);
    all_items()
        .filter(|i| i.kind == kind || (joint && i.kind == DocumentKind::JointUse))
        .collect()
}

/// One item: skipped when the facts or its day in force do not require it, or another page
/// states it; satisfied on request where the law allows; else it needs a statement of the
/// right shape.
fn evaluate(
    item: &ItemRule,
    ctx: &Ctx<'_>,
    found: &Statements<'_>,
    place: &Place<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let in_force = item.since.is_none_or(|d| ctx.since(d));
    let elsewhere = ctx
        .facts
        .elsewhere
        .iter()
        .any(|e| e.items.iter().any(|i| i == item.item));
    if !(item.required)(ctx) || !in_force || elsewhere {
        return;
    }
    if let Some(section) = answered_on_request(item.item, found) {
        on_request(item, section, place, out);
        return;
    }
    let candidates: Vec<&Statement<'_>> = found
        .statements
        .iter()
        .filter(|s| s.covers.contains(&item.item) || (item.states)(s, ctx))
        .collect();
    let Some(first) = candidates.first() else {
        missing(item, ctx, found, place, out);
        return;
    };
    let mut first_failure = None;
    for s in &candidates {
        match (item.shape)(s, ctx) {
            Ok(()) => return,
            Err(why) => {
                first_failure.get_or_insert((*s, why));
            }
        }
    }
    let (s, why) = first_failure.unwrap_or((first, Msg::from("")));
    out.push(place.report(item.rule, Some(&s.path), &why));
}

/// The section that says `item` is answered on request, if one does.
fn answered_on_request<'a, 's>(item: &str, found: &'s Statements<'a>) -> Option<&'s Statement<'a>> {
    found
        .statements
        .iter()
        .find(|s| s.on_request.contains(&item))
}

/// An item a section says is answered on request: it counts for Article 32 (the purposes with
/// a warning, Article 21(1)), never where the law wants it published; the section must say it.
fn on_request(
    item: &ItemRule,
    section: &Statement<'_>,
    place: &Place<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let path = section.path.key("on_request");
    match item.on_request {
        OnRequest::Never => {
            out.push(place.report(
                "appi/on-request-not-public",
                Some(&path),
                &Msg::from(item.item),
            ));
            return;
        }
        OnRequest::CountsWithWarning => {
            out.push(place.report("appi/purposes-on-request", Some(&path), &Msg::from("")));
        }
        OnRequest::Counts => {}
    }
    let t = words::normalise(&section.text);
    if !(t.contains("求め") && words::has_any(&t, &["回答", "応じ", "お答え"])) {
        out.push(place.report(
            item.rule,
            Some(&section.path),
            &Msg {
                en: "the section declares on_request but does not say that the item is answered without delay on request".to_owned(),
                ja: Some("on_request が宣言されていますが、本人の求めに応じて遅滞なく回答する旨が書かれていません".to_owned()),
            },
        ));
    }
}

/// A missing item: pointed at the paragraph that seems to state it (with the `covers` line to
/// add if it does), or at the heading of the section about it, or the title.
fn missing(
    item: &ItemRule,
    ctx: &Ctx<'_>,
    found: &Statements<'_>,
    place: &Place<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let hinted = (!item.hint.is_empty())
        .then(|| {
            found
                .paragraphs
                .iter()
                .find(|p| words::has_any(&words::normalise(&p.text), item.hint))
        })
        .flatten();
    match hinted {
        Some(p) => out.push(place.report(item.rule, Some(&block_of(p)), &hint(item))),
        None => {
            let at = where_expected(item.item, ctx);
            out.push(place.report(item.rule, Some(&at), &Msg::from("")));
        }
    }
}

/// The block holding a paragraph (a list item: the item).
fn block_of(p: &Paragraph) -> FieldPath {
    match p.path.last_key() {
        Some("text") => p.path.parent().unwrap_or_else(|| p.path.clone()),
        _ => p.path.clone(),
    }
}

fn hint(item: &ItemRule) -> Msg {
    Msg {
        en: format!(
            "this paragraph seems to be about it, but words in running text do not state an item; if it does state it, add `covers = [\"{}\"]` to this block (or put it under a heading or label that names it)",
            item.item
        ),
        ja: Some(format!(
            "この段落が該当するようですが、本文中の語句だけでは記載とみなしません。この段落で記載しているなら、このブロックに `covers = [\"{}\"]` を加えてください（又は、その事項を示す見出し・項目名の下に書いてください）",
            item.item
        )),
    }
}

/// Where a missing item would be looked for: the heading of the section about it (「苦情の
/// 申出先」 for the complaint contact), else the notice's title — never the top of the file.
fn where_expected(item: &str, ctx: &Ctx<'_>) -> FieldPath {
    let words: &[&str] = match item {
        "business-name" | "business-address" | "representative" => &["事業者", "名称", "住所"],
        "purposes" => &["利用目的"],
        "request-procedure" | "request-kinds" | "fee" => &["開示", "請求", "手続"],
        "measures" | "external-environment" => &["安全管理"],
        "complaints" => &["苦情"],
        "accredited" => &["認定個人情報保護団体", "認定"],
        id if id.starts_with("joint-use") => &["共同利用", "共同して利用"],
        id if id.starts_with("anonymized") => &["匿名加工"],
        id if id.starts_with("pseudonymized") => &["仮名加工"],
        _ => &[],
    };
    words
        .iter()
        .find_map(|w| {
            ctx.statements
                .iter()
                .find(|s| matches!(s.kind, StatementKind::Section(_)) && s.label.contains(w))
        })
        .map(|s| s.path.key("heading"))
        .unwrap_or_else(|| FieldPath::root().key("title"))
}

/// The table of items as docs/check.md shows it: for every kind and item, the provision, where
/// it can be stated, the shape checked, and a statement that passes and one that fails.
pub fn items_markdown() -> String {
    let mut out = String::from(
        "| kind | item (`covers`) | provision | from | stated by | shape checked | passes | fails |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for i in all_items() {
        let kind = serde_json::to_value(i.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let on_request = match i.on_request {
            OnRequest::Counts => "; or `on_request`",
            OnRequest::CountsWithWarning => "; or `on_request` (a warning: Article 21(1))",
            OnRequest::Never => "",
        };
        out.push_str(&format!(
            "| `{kind}` | `{}` | {} | {} | {}{on_request} | {} | {} | {} |\n",
            i.item,
            i.article,
            i.since.unwrap_or("—"),
            i.doc.place,
            i.doc.shape,
            i.doc.passes,
            i.doc.fails
        ));
    }
    out
}

/// The categories of safety-management measures the guidelines name.
const MEASURE_CATEGORIES: &[&str] = &["組織的", "人的", "物理的", "技術的"];

/// What each kind adds besides its items: the guidelines' categories of measures (a note),
/// and that opt-out may never provide 要配慮個人情報.
fn kind_notes(
    kind: DocumentKind,
    ctx: &Ctx<'_>,
    found: &Statements<'_>,
    place: &Place<'_>,
    out: &mut Vec<Diagnostic>,
) {
    match kind {
        DocumentKind::Notice
            if ctx.facts.measures_withheld.is_none() && ctx.since("2022-04-01") =>
        {
            let measures = found.statements.iter().find_map(|s| match s.kind {
                StatementKind::Block(Block::Measures(m)) => Some((s, m)),
                _ => None,
            });
            if let Some((s, m)) = measures {
                let missing: Vec<String> = MEASURE_CATEGORIES
                    .iter()
                    .filter(|c| !m.rows.iter().any(|r| r.category.contains(*c)))
                    .map(|c| format!("{c}安全管理措置"))
                    .collect();
                if !missing.is_empty() {
                    let list = missing.join("、");
                    out.push(place.report(
                        "appi/measures-category-missing",
                        Some(&s.path),
                        &Msg {
                            en: list.clone(),
                            ja: Some(list),
                        },
                    ));
                }
            }
        }
        DocumentKind::OptOut => match ctx.facts.sensitive {
            Some(true) => out.push(place.report("appi/opt-out-sensitive", None, &Msg::from(""))),
            None => {
                out.push(place.report("appi/opt-out-sensitive-undeclared", None, &Msg::from("")))
            }
            Some(false) => {}
        },
        _ => {}
    }
}

/// A declared item on an element without text: trusted, but worth a warning.
fn empty_declarations(found: &Statements<'_>, place: &Place<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    for s in &found.statements {
        if s.covers.is_empty() || !s.text.trim().is_empty() || !seen.insert(s.path.to_string()) {
            continue;
        }
        let at = match s.kind {
            StatementKind::Section(_) | StatementKind::Block(_) => s.path.key("covers"),
            _ => s.path.clone(),
        };
        out.push(place.report("content/empty-cover", Some(&at), &Msg::from("")));
    }
}
