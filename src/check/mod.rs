//! `kohyo check`: everything `build` validates, plus the statutory items of the notice (APPI
//! Article 32(1), Cabinet Order Article 10), content lint, and the links of the built site.
//!
//! Every rule is a row of [`RULES`] (id, severity, article, message, fix hint); the checks
//! produce diagnostics tagged with the rule id. Pure over loaded content and rendered pages;
//! only the command prints.

pub mod links;
pub mod lint;
pub mod rules;
pub mod statutory;

pub use rules::{Basis, RULES, Rule, rule, rules_markdown};
pub use statutory::items_markdown;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::error::{Diagnostic, Severity};
use crate::model::{DocumentKind, Version};
use crate::project::{DocumentState, Project, Selection};
use crate::render::render_site;
use crate::values::{Date, FieldPath};

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
        self.count(Severity::Error)
    }

    /// The number of warnings (notes are neither).
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Runs every check on the site at `root`: what loading finds, the published history, the
/// declaration of `[appi]`, lint and the statutory items of the versions that matter (the
/// current one, scheduled ones and drafts), and the links of every rendered page.
/// With `published_only` (`kohyo check --published`, what a deployment checks), drafts are
/// left out: a draft never stops the published site from deploying; it is checked where it is
/// reviewed.
pub fn run(root: &Path, as_of: Date, published_only: bool) -> Findings {
    let opened = if published_only {
        Project::open_cached(root, &mut crate::content::LoadCache::default(), true).0
    } else {
        Project::open(root)
    };
    let project = match opened {
        Ok(p) => p,
        Err(d) => {
            let mut problems = d.0;
            problems.extend(placeholders_of_unreadable(root, &problems));
            return Findings {
                problems,
                external: BTreeMap::new(),
            };
        }
    };
    let mut problems = project.warnings.clone();
    if project.config.appi.is_none() {
        problems.push(rule("appi/declaration-missing").in_file(Path::new("site.toml"), ""));
    }
    problems.extend(check_versions(&project, as_of, published_only));
    let (link_problems, external) = check_links(&project, as_of, !published_only);
    problems.extend(link_problems);
    Findings { problems, external }
}

/// The placeholders left in the versions of a site that does not load (each version read on
/// its own, past its mistakes), but on lines that already have a problem: every mistake of a
/// file in one run.
fn placeholders_of_unreadable(root: &Path, found: &[Diagnostic]) -> Vec<Diagnostic> {
    let Some(config) = crate::content::site_config(root) else {
        return Vec::new();
    };
    let taken: std::collections::BTreeSet<(Option<&Path>, usize)> =
        found.iter().map(|d| (d.file.as_deref(), d.line)).collect();
    crate::content::unreadable_notices(root)
        .into_iter()
        .flat_map(|v| {
            let mut found = statutory::placeholders(&config, &v.notice, &v.origin, &v.file);
            crate::model::place::label_places(&mut found, &v.notice, &v.id.to_string(), &v.file);
            found
        })
        .filter(|d| !taken.contains(&(d.file.as_deref(), d.line)))
        .fold(Vec::new(), |mut out: Vec<Diagnostic>, d| {
            // site.toml's placeholders are found with every version: once is enough.
            if !out
                .iter()
                .any(|o| o.file == d.file && o.line == d.line && o.message == d.message)
            {
                out.push(d);
            }
            out
        })
}

/// The broken links written in one version of `doc` (its notice.toml and Markdown files), as
/// `kohyo check` finds them in the rendered site: what `publish` refuses too.
pub fn broken_links_of(
    project: &Project,
    doc: &DocumentState,
    v: &Version,
    as_of: Date,
) -> Vec<Diagnostic> {
    let folder = doc.dir().versions().join(v.id.to_string());
    check_links(project, as_of, true)
        .0
        .into_iter()
        .filter(|d| d.rule == Some("links/broken"))
        .filter(|d| d.file.as_deref().is_some_and(|f| f.starts_with(&folder)))
        .collect()
}

/// The lint and the statutory items of one version of `doc` (what `kohyo publish` requires).
/// On a site of several documents, the notice documents in force on the version's date count
/// together: a notice split over several pages is one notice.
pub fn check_version(project: &Project, doc: &DocumentState, v: &Version) -> Vec<Diagnostic> {
    let rel = doc
        .dir()
        .versions()
        .join(v.id.to_string())
        .join("notice.toml");
    let mut problems = Vec::new();
    if let Some(origin) = &v.origin {
        problems.extend(lint::lint_version(&v.notice, origin));
    }
    // A published version continues the published versions of the other documents; a draft,
    // the latest version of each on its date, drafts included (the site as it will be).
    let published = doc
        .site
        .versions
        .iter()
        .position(|x| x.id == v.id)
        .is_some_and(|i| doc.is_published(i));
    let companions: Vec<&Version> = if doc.site.config.kind == DocumentKind::Notice {
        project
            .documents
            .iter()
            .filter(|d| d.name() != doc.name() && d.site.config.kind == DocumentKind::Notice)
            .filter_map(|d| {
                let i = if published {
                    d.current(v.id.date)
                } else {
                    d.site.versions.iter().rposition(|x| x.id.date <= v.id.date)
                };
                i.map(|i| &*d.site.versions[i])
            })
            .collect()
    } else {
        Vec::new()
    };
    problems.extend(statutory::check_version_with(
        &doc.site.config,
        v,
        &rel,
        &companions,
    ));
    let position = doc.site.versions.iter().position(|x| x.id == v.id);
    if let Some(previous) = position.and_then(|i| i.checked_sub(1)) {
        problems.extend(statutory::joint_use_changes(
            &doc.site.config,
            &doc.site.versions[previous],
            v,
            &rel,
        ));
    }
    crate::model::place::label_places(&mut problems, &v.notice, &v.id.to_string(), &rel);
    problems
}

/// Lint and the statutory items of the versions that matter on `as_of`, in every document.
fn check_versions(project: &Project, as_of: Date, published_only: bool) -> Vec<Diagnostic> {
    project
        .documents
        .iter()
        .flat_map(|doc| check_document(project, doc, as_of, published_only))
        .collect()
}

/// Lint and the statutory items of the versions of one document that matter on `as_of`: the
/// current one, the scheduled ones and the drafts.
fn check_document(
    project: &Project,
    doc: &DocumentState,
    as_of: Date,
    published_only: bool,
) -> Vec<Diagnostic> {
    let site = &doc.site;
    let current = doc.current(as_of);
    let current_id = current.map(|c| site.versions[c].id);
    let mut problems = Vec::new();
    for (i, v) in site.versions.iter().enumerate() {
        let draft = !doc.is_published(i);
        if !(Some(i) == current || v.id.date > as_of || draft) || (draft && published_only) {
            continue;
        }
        let found = check_version(project, doc, v);
        if draft {
            problems.extend(found);
        } else {
            problems.extend(published_findings(project, doc, v, found));
        }
        if let Some(origin) = &v.origin
            && draft
            && current_id.is_some_and(|c| v.id.date <= c.date)
        {
            problems.push(rule("content/date-backwards").at(
                &origin.source,
                origin.span_of(&FieldPath::root().key("effective")),
                &v.id.to_string(),
            ));
        }
    }
    problems
}

/// The findings on a published version, which can never change: its warnings are notes (they
/// were accepted when it was published, or a newer kohyo found them: a new version corrects
/// them), so that CI never stops on what it cannot change; its errors stay errors.
fn published_findings(
    project: &Project,
    doc: &DocumentState,
    v: &Version,
    found: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let accepted: Vec<&str> = project
        .lock
        .as_ref()
        .and_then(|l| l.entry(doc.name(), v.id))
        .map(|e| e.accepted_warnings.iter().map(String::as_str).collect())
        .unwrap_or_default();
    found
        .into_iter()
        .map(|mut d| {
            if d.severity != Severity::Warning {
                return d;
            }
            let written = match &d.field {
                Some(field) => format!("{} {field}", d.rule.unwrap_or("build")),
                None => d.rule.unwrap_or("build").to_owned(),
            };
            d.severity = Severity::Note;
            let note = if accepted.contains(&written.as_str()) {
                "a published version: this warning was accepted when it was published (kohyo.lock)"
            } else {
                "a published version, which never changes: correct it in a new version (kohyo new)"
            };
            d.note = Some(crate::i18n::shown(note));
            d
        })
        .collect()
}

/// Renders every version of every document (drafts included) in memory and follows the links.
fn check_links(
    project: &Project,
    as_of: Date,
    drafts: bool,
) -> (Vec<Diagnostic>, BTreeMap<String, Vec<String>>) {
    let theme = match crate::theme::load_for(&project.root, &project.config) {
        Err(d) => return (d.0, BTreeMap::new()),
        Ok(theme) => theme,
    };
    let selection = Selection {
        drafts,
        as_of,
        base_url: None,
    };
    let plan = match project.plan(&selection) {
        Err(d) => return (d.0, BTreeMap::new()),
        Ok(plan) => plan,
    };
    match render_site(&plan, &theme) {
        Err(d) => (d.0, BTreeMap::new()),
        Ok(files) => {
            let (broken, mut e) = links::broken_links(&files);
            // Canonical and feed links to the site's own address are not external.
            e.retain(|url, _| !url.starts_with(&plan.options().base_url));
            (locate_links(project, &broken), e)
        }
    }
}

/// Each broken link at the place it is written in the content: file, line and column, the
/// link as written, the place as staff see it — once, however many pages show it. A link that
/// no content file holds (one of the theme's templates) stays on the first page showing it.
fn locate_links(project: &Project, broken: &[links::BrokenLink]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: HashSet<(std::path::PathBuf, usize)> = HashSet::new();
    let mut unplaced: HashSet<(&str, &str)> = HashSet::new();
    for link in broken {
        let forms = written_forms(&link.href);
        let mut found = false;
        for v in project
            .documents
            .iter()
            .flat_map(|d| d.site.versions.iter())
        {
            let Some(origin) = &v.origin else { continue };
            let toml = std::iter::once((None, &origin.source));
            let markdown = origin.markdown().iter().map(|(p, s)| (Some(p), s));
            for (block, source) in toml.chain(markdown) {
                for span in crate::markdown::written_links(&source.text, &forms) {
                    found = true;
                    if !seen.insert((source.path.clone(), span.start)) {
                        continue;
                    }
                    let written = &source.text[span.clone()];
                    let field = match block {
                        Some(block) => block.clone(),
                        None => origin.spans().path_at(span.start).unwrap_or_default(),
                    };
                    let mut d = rule("links/broken")
                        .at(source, span.clone(), &format!("`{written}` ({})", link.why))
                        .field(&field);
                    d.place = Some(format!(
                        "{}版 › {}",
                        v.id,
                        crate::model::place::describe(&v.notice, &field)
                    ));
                    out.push(d);
                }
            }
        }
        if !found && unplaced.insert((&link.href, &link.why)) {
            out.push(link.on_page());
        }
    }
    out
}

/// How a link of a page may have been written in the content: as it is, and without the
/// `../` kohyo puts before a link to a page of the site on pages in sub-folders.
fn written_forms(href: &str) -> Vec<String> {
    let mut bare = href;
    while let Some(rest) = bare.strip_prefix("../").or_else(|| bare.strip_prefix("./")) {
        bare = rest;
    }
    let mut forms = vec![href.to_owned()];
    if bare != href && !bare.is_empty() {
        forms.push(bare.to_owned());
    }
    // A link to a file with a Japanese name is percent-encoded on the page, not in the text.
    for form in forms.clone() {
        let decoded = links::percent_decoded(&form);
        if decoded != form {
            forms.push(decoded);
        }
    }
    forms
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
