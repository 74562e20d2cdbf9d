//! `kohyo check`: everything `build` validates, plus the statutory items of the notice (APPI
//! Article 32(1), Cabinet Order Article 10), content lint, and the links of the built site.
//!
//! Every rule is a row of [`RULES`] (id, severity, article, message, fix hint); the checks
//! produce diagnostics tagged with the rule id. Pure over loaded content and rendered pages;
//! only the command prints.

pub mod links;
pub mod lint;
pub mod statutory;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::error::{Diagnostic, Severity, SourceFile};
use crate::model::{Date, FieldPath, Site};
use crate::project::Project;
use crate::render::{RenderOptions, render_site};

/// Everything `kohyo check` finds.
#[derive(Debug, Default)]
pub struct Findings {
    /// All problems, errors and warnings.
    pub problems: Vec<Diagnostic>,
    /// External links of the site → the pages linking to them.
    pub external: BTreeMap<String, Vec<String>>,
}

impl Findings {
    /// The number of errors.
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Runs every check on the site at `root`: what loading finds, the published history, the
/// declaration of `[appi]`, lint and the statutory items of the versions that matter (the
/// current one, scheduled ones and drafts), and the links of every rendered page.
pub fn run(root: &Path, as_of: Date) -> Findings {
    let project = match Project::open(root) {
        Ok(p) => p,
        Err(d) => {
            return Findings {
                problems: d.0,
                external: BTreeMap::new(),
            };
        }
    };
    let mut problems = project.warnings.clone();
    if project.site.config.appi.is_none() {
        problems.push(rule("appi/declaration-missing").in_file(Path::new("site.toml"), ""));
    }
    problems.extend(check_versions(&project, as_of));
    let (link_problems, external) = check_links(&project, as_of);
    problems.extend(link_problems);
    Findings { problems, external }
}

/// Lint and the statutory items of the versions that matter on `as_of`: the current one,
/// the scheduled ones and the drafts.
fn check_versions(project: &Project, as_of: Date) -> Vec<Diagnostic> {
    let site = &project.site;
    let current = project.current(as_of);
    let current_id = current.map(|c| site.versions[c].id);
    let mut problems = Vec::new();
    for (i, v) in site.versions.iter().enumerate() {
        let draft = !project.is_published(i);
        if !(Some(i) == current || v.id.date > as_of || draft) {
            continue;
        }
        let rel = Path::new("content/versions")
            .join(v.id.to_string())
            .join("notice.toml");
        if let Some(origin) = &v.origin {
            problems.extend(lint::lint_version(&v.notice, origin));
            if draft && current_id.is_some_and(|c| v.id.date <= c.date) {
                problems.push(rule("content/date-backwards").at(
                    &origin.source,
                    origin.span_of(&FieldPath::root().key("effective")),
                    &v.id.to_string(),
                ));
            }
        }
        problems.extend(statutory::check_version(&site.config, v, &rel));
    }
    problems
}

/// Renders every version (drafts included) in memory and follows the links.
fn check_links(project: &Project, as_of: Date) -> (Vec<Diagnostic>, BTreeMap<String, Vec<String>>) {
    let site = &project.site;
    let theme = match crate::theme::load(&project.root, &site.config.theme) {
        Err(d) => return (d.0, BTreeMap::new()),
        Ok(theme) => theme,
    };
    let mut base_url = site.config.base_url.clone();
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let options = RenderOptions {
        as_of,
        base_url,
        preview: true,
        publication: project.history.states.clone(),
        lock: None,
    };
    let all = Site {
        config: site.config.clone(),
        versions: site.versions.clone(),
    };
    match render_site(&all, &theme, &options) {
        Err(d) => (d.0, BTreeMap::new()),
        Ok(files) => {
            let (p, mut e) = links::check_links(&files);
            // Canonical and feed links to the site's own address are not external.
            e.retain(|url, _| !url.starts_with(&options.base_url));
            (p, e)
        }
    }
}

/// One rule of `kohyo check`.
#[derive(Debug)]
pub struct Rule {
    /// The id, e.g. `appi/representative-missing`.
    pub id: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The provision it comes from, or `lint`/`links`.
    pub article: &'static str,
    /// What is wrong.
    pub message: &'static str,
    /// How to fix it.
    pub hint: &'static str,
}

use Severity::{Error, Warning};

/// Every rule of `kohyo check`.
pub const RULES: &[Rule] = &[
    Rule {
        id: "appi/business-name-missing",
        severity: Error,
        article: "法第32条第1項第1号",
        message: "the notice does not state the business's name",
        hint: "add an `organization` block, or a `contact` block with the business's own name",
    },
    Rule {
        id: "appi/business-address-missing",
        severity: Error,
        article: "法第32条第1項第1号",
        message: "the notice does not state the business's address",
        hint: "give `address` in the `organization` block or in the business's own `contact` block",
    },
    Rule {
        id: "appi/representative-missing",
        severity: Error,
        article: "法第32条第1項第1号",
        message: "the notice does not name the representative of the corporation (代表者の氏名)",
        hint: "add `representative = { title = \"理事長\", name = \"…\" }` to an `organization` block (required since the 2022 amendment)",
    },
    Rule {
        id: "appi/purposes-missing",
        severity: Error,
        article: "法第32条第1項第2号",
        message: "the notice has no purpose table (利用目的)",
        hint: "add a block with `type = \"purposes\"` listing each category and its purposes",
    },
    Rule {
        id: "appi/request-procedure-missing",
        severity: Error,
        article: "法第32条第1項第3号",
        message: "the notice does not describe the procedure for requests (開示等の請求に応じる手続)",
        hint: "add a section on how to request notification of purpose, disclosure, correction and suspension of use",
    },
    Rule {
        id: "appi/request-kinds-missing",
        severity: Error,
        article: "法第32条第1項第3号",
        message: "the procedure does not cover every kind of request",
        hint: "name each kind: 利用目的の通知, 開示, 訂正・追加・削除, 利用停止・消去, 第三者提供の停止, 第三者提供記録の開示",
    },
    Rule {
        id: "appi/fee-missing",
        severity: Error,
        article: "法第32条第1項第3号, 法第38条",
        message: "site.toml declares that a fee is charged, but the notice does not state it (手数料)",
        hint: "state the fee for notification of purpose and disclosure, e.g. 「1件につき1,000円」",
    },
    Rule {
        id: "appi/measures-missing",
        severity: Error,
        article: "法第32条第1項第4号, 令第10条第1号",
        message: "the notice does not state the safety-management measures (安全管理措置)",
        hint: "add a block with `type = \"measures\"`",
    },
    Rule {
        id: "appi/measures-category-missing",
        severity: Error,
        article: "法第32条第1項第4号, 令第10条第1号",
        message: "the safety-management measures lack a category",
        hint: "give a row for each of 組織的, 人的, 物理的 and 技術的安全管理措置",
    },
    Rule {
        id: "appi/external-environment-missing",
        severity: Error,
        article: "法第32条第1項第4号, 令第10条第1号",
        message: "site.toml declares that personal data is handled in a foreign country, but the measures do not state the understanding of the external environment (外的環境の把握)",
        hint: "add a measures row 外的環境の把握 naming the country and what was done",
    },
    Rule {
        id: "appi/complaints-missing",
        severity: Error,
        article: "法第32条第1項第4号, 令第10条第2号",
        message: "the notice does not say where to make complaints (苦情の申出先) with an address or phone number",
        hint: "add a `contact` block with `role = \"complaints\"` and `address` or `phone`",
    },
    Rule {
        id: "appi/accredited-missing",
        severity: Error,
        article: "法第32条第1項第4号, 令第10条第3号",
        message: "site.toml declares that the business is covered by an accredited organisation, but the notice does not name it and its complaint contact",
        hint: "add a `contact` block with `role = \"accredited\"`, its name and its address or phone",
    },
    Rule {
        id: "appi/declaration-missing",
        severity: Warning,
        article: "site.toml [appi]",
        message: "site.toml does not declare the facts the statutory checks depend on",
        hint: "add [appi] with corporation, accredited, fees and foreign set to true or false",
    },
    Rule {
        id: "content/empty-cell",
        severity: Warning,
        article: "lint",
        message: "this cell is empty",
        hint: "write the text, or \"－\" if there is nothing to say",
    },
    Rule {
        id: "content/untrimmed",
        severity: Warning,
        article: "lint",
        message: "this text starts or ends with spaces",
        hint: "remove the spaces at the start and end",
    },
    Rule {
        id: "content/mixed-width-digits",
        severity: Warning,
        article: "lint",
        message: "this number mixes full-width and half-width characters",
        hint: "write digits and hyphens half-width, e.g. 022-235-5896",
    },
    Rule {
        id: "content/postal-code",
        severity: Error,
        article: "lint",
        message: "this is not a postal code of the form NNN-NNNN",
        hint: "write it as 984-0015",
    },
    Rule {
        id: "content/phone",
        severity: Error,
        article: "lint",
        message: "this is not a Japanese phone number",
        hint: "write 10 digits starting with 0 (11 for mobile and 0800 numbers), with hyphens, e.g. 022-235-5896",
    },
    Rule {
        id: "content/duplicate-marker",
        severity: Warning,
        article: "lint",
        message: "this item starts with the marker the list already prints",
        hint: "remove the marker from the text: the list numbers its items itself (change `marker` or `start` to number differently)",
    },
    Rule {
        id: "content/date-backwards",
        severity: Warning,
        article: "lint",
        message: "this draft takes effect on or before the current version, so it can never be published",
        hint: "a new version takes effect after the current one: change its date (an urgent correction may come before a version scheduled for later)",
    },
    Rule {
        id: "links/broken",
        severity: Error,
        article: "links",
        message: "this link goes nowhere",
        hint: "fix the address or the anchor (#id) it points to",
    },
];

/// The rule with `id`.
pub fn rule(id: &str) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.id == id)
        .expect("every rule id used in the code is in RULES")
}

impl Rule {
    /// A diagnostic of this rule at a span of a file, with `detail` after the rule's message.
    pub fn at(&self, source: &Arc<SourceFile>, span: Range<usize>, detail: &str) -> Diagnostic {
        let message = if detail.is_empty() {
            self.message.to_owned()
        } else {
            format!("{}: {detail}", self.message)
        };
        let mut d = Diagnostic::at(source, span, message)
            .rule(self.id)
            .help(format!("{} ({})", self.hint, self.article));
        d.severity = self.severity;
        d
    }

    /// A diagnostic of this rule about a whole file.
    pub fn in_file(&self, path: &std::path::Path, detail: &str) -> Diagnostic {
        let message = if detail.is_empty() {
            self.message.to_owned()
        } else {
            format!("{}: {detail}", self.message)
        };
        let mut d = Diagnostic::in_file(path, message)
            .rule(self.id)
            .help(format!("{} ({})", self.hint, self.article));
        d.severity = self.severity;
        d
    }
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn rule_ids_are_unique_and_namespaced() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        assert!(RULES.iter().all(|r| r.id.starts_with("appi/")
            || r.id.starts_with("content/")
            || r.id.starts_with("links/")));
    }
}
