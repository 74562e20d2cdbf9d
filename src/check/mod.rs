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

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Diagnostic, Severity};
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

/// The lint and the statutory items of one version (what `kohyo publish` requires).
pub fn check_version(
    config: &crate::model::SiteConfig,
    v: &crate::model::Version,
) -> Vec<Diagnostic> {
    let rel = Path::new("content/versions")
        .join(v.id.to_string())
        .join("notice.toml");
    let mut problems = Vec::new();
    if let Some(origin) = &v.origin {
        problems.extend(lint::lint_version(&v.notice, origin));
    }
    problems.extend(statutory::check_version(config, v, &rel));
    crate::model::place::label_places(&mut problems, &v.notice, &v.id.to_string(), &rel);
    problems
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
        problems.extend(check_version(&site.config, v));
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
