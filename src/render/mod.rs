//! Render a validated site into output files, in memory.
//!
//! Returns (relative path, bytes) pairs; this stage must not touch the filesystem. Paths follow
//! the permanent layout (see ARCHITECTURE.md): `index.html`, `versions/index.html`,
//! `versions/<id>/index.html`, `versions/<id>/notice.json`. Every link between pages is
//! relative, so the site works under any sub-path and from `file://`.

pub mod changes;
pub mod feeds;
pub mod view;

use serde::Serialize;
use tera::Context;

use crate::diff::{Diff, diff};
use crate::error::{Diagnostic, Diagnostics};
use crate::history::Publication;
use crate::lock::Manifest;
use crate::model::{Date, Notice, Site, Status, Version};
use crate::theme::{Theme, template_diagnostic};
use view::{HistoryEntry, VersionView, history, version_view};

/// Settings of one rendering.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// The date the site is built for: decides which version is current.
    pub as_of: Date,
    /// The published address, ending in `/`.
    pub base_url: String,
    /// A preview that includes drafts: every page says so and asks not to be indexed.
    pub preview: bool,
    /// The publication state of each version of the site (same order).
    pub publication: Vec<Publication>,
    /// The manifest of published versions, written as `manifest.json` when the site has a lock.
    pub manifest: Option<Manifest>,
}

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output root, with `/`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    base_url: &'a str,
    language: &'a str,
    organization: &'a crate::model::Organization,
}

#[derive(Serialize)]
struct PageView {
    kind: &'static str,
    preview: bool,
    root: &'static str,
    canonical: String,
    title: String,
    description: String,
}

#[derive(Serialize)]
struct VersionRef {
    id: String,
    effective_ja: String,
    summary: String,
}

impl VersionRef {
    fn of(v: &Version) -> Self {
        VersionRef {
            id: v.id.to_string(),
            effective_ja: v.id.date.japanese(),
            summary: v.notice.summary.clone(),
        }
    }
}

#[derive(Serialize)]
struct NoticePage<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    version: VersionView,
    current: Option<&'a VersionRef>,
    /// Last day in force, for a superseded version.
    until_ja: Option<String>,
    /// Versions announced on this page (scheduled ones, on the current page).
    scheduled: &'a [VersionRef],
    /// Number of changes against the version before, when there is one.
    changes: Option<usize>,
}

#[derive(Serialize)]
struct DiffPage<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    from: VersionRef,
    to: VersionRef,
    current: Option<&'a VersionRef>,
    count: usize,
    changes: Vec<changes::ChangeView>,
}

#[derive(Serialize)]
struct HistoryPage<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    history: &'a [HistoryEntry],
    current: Option<&'a VersionRef>,
}

/// `notice.json`: a version's content, machine-readable. Its shape is documented in
/// docs/content.md and versioned by `format`.
#[derive(Serialize)]
struct NoticeJson<'a> {
    format: &'static str,
    id: String,
    #[serde(flatten)]
    notice: &'a Notice,
}

/// The `format` value of `notice.json`.
pub const NOTICE_JSON_FORMAT: &str = "kohyo-notice/1";

/// Renders every page of the site.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let statuses = site.statuses(opts.as_of);
    let Some(current_idx) = site.current_index(opts.as_of) else {
        let first = site.versions.first().map(|v| v.id.to_string());
        return Err(Diagnostics(vec![
            Diagnostic::error(format!(
                "no version of the notice is in force on {}: the earliest takes effect on {}",
                opts.as_of,
                first.as_deref().unwrap_or("(none)")
            ))
            .help("build with --as-of on or after the first effective date, or add an earlier version"),
        ]));
    };
    let site_view = SiteView {
        title: &site.config.title,
        base_url: &opts.base_url,
        language: &site.config.language,
        organization: &site.config.organization,
    };
    let current = VersionRef::of(&site.versions[current_idx]);
    let scheduled: Vec<VersionRef> = site
        .versions
        .iter()
        .zip(&statuses)
        .filter(|(_, s)| **s == Status::Scheduled)
        .map(|(v, _)| VersionRef::of(v))
        .collect();
    // Each version against the one before it, computed once for the history, the version page
    // and the diff page.
    let diffs: Vec<Option<Diff>> = (0..site.versions.len())
        .map(|i| (i > 0).then(|| diff(&site.versions[i - 1].notice, &site.versions[i].notice)))
        .collect();
    let counts: Vec<Option<usize>> = diffs
        .iter()
        .map(|d| d.as_ref().map(Diff::content_changes))
        .collect();
    let history = history(&site.versions, &statuses, &counts, &opts.publication);
    let unlocked = Publication::Unlocked;
    let publication = |i: usize| opts.publication.get(i).unwrap_or(&unlocked);
    let description = site
        .config
        .description
        .clone()
        .unwrap_or_else(|| format!("{}の{}", site.config.organization.name, site.config.title));

    let mut out = Vec::with_capacity(site.versions.len() * 2 + 3);
    let render = |template: &str, ctx: &dyn erased::ToContext| -> Result<Vec<u8>, Diagnostics> {
        let ctx = ctx.to_context();
        theme
            .tera
            .render(template, &ctx)
            .map(String::into_bytes)
            .map_err(|e| Diagnostics(vec![template_diagnostic(template, None, None, &e)]))
    };

    // The current notice at the site root.
    let cur = &site.versions[current_idx];
    out.push(OutputFile {
        path: "index.html".to_owned(),
        bytes: render(
            "notice.html",
            &NoticePage {
                site: &site_view,
                page: PageView {
                    preview: opts.preview,
                    kind: "current",
                    root: "",
                    canonical: opts.base_url.clone(),
                    title: format!("{}｜{}", cur.notice.title, site.config.organization.name),
                    description: description.clone(),
                },
                version: version_view(cur, Status::Current, publication(current_idx), ""),
                current: Some(&current),
                until_ja: None,
                scheduled: &scheduled,
                changes: counts[current_idx],
            },
        )?,
    });

    // The history.
    out.push(OutputFile {
        path: "versions/index.html".to_owned(),
        bytes: render(
            "history.html",
            &HistoryPage {
                site: &site_view,
                page: PageView {
                    preview: opts.preview,
                    kind: "history",
                    root: "../",
                    canonical: format!("{}versions/", opts.base_url),
                    title: format!("改定履歴｜{}", site.config.title),
                    description: format!("{}の改定履歴", site.config.title),
                },
                history: &history,
                current: Some(&current),
            },
        )?,
    });

    // Every version at its permanent address.
    for (i, (version, status)) in site.versions.iter().zip(&statuses).enumerate() {
        let id = version.id.to_string();
        let until_ja = history
            .iter()
            .find(|h| h.id == id)
            .and_then(|h| h.until_ja.clone());
        let label = match status {
            Status::Current => "現行",
            Status::Superseded => "旧版",
            Status::Scheduled => "施行予定",
        };
        out.push(OutputFile {
            path: format!("versions/{id}/index.html"),
            bytes: render(
                "notice.html",
                &NoticePage {
                    site: &site_view,
                    page: PageView {
                        preview: opts.preview,
                        kind: "version",
                        root: "../../",
                        canonical: format!("{}versions/{id}/", opts.base_url),
                        title: format!(
                            "{}（{}施行・{label}）｜{}",
                            version.notice.title,
                            version.id.date.japanese(),
                            site.config.organization.name
                        ),
                        description: format!(
                            "{}施行の{}：{}",
                            version.id.date.japanese(),
                            version.notice.title,
                            version.notice.summary
                        ),
                    },
                    version: version_view(version, *status, publication(i), "../../"),
                    current: Some(&current),
                    until_ja,
                    scheduled: if i == current_idx { &scheduled } else { &[] },
                    changes: counts[i],
                },
            )?,
        });
        if let Some(d) = &diffs[i] {
            let prev = &site.versions[i - 1];
            out.push(OutputFile {
                path: format!("versions/{id}/diff/index.html"),
                bytes: render(
                    "diff.html",
                    &DiffPage {
                        site: &site_view,
                        page: PageView {
                            preview: opts.preview,
                            kind: "diff",
                            root: "../../../",
                            canonical: format!("{}versions/{id}/diff/", opts.base_url),
                            title: format!(
                                "{}施行版での変更点｜{}",
                                version.id.date.japanese(),
                                site.config.title
                            ),
                            description: format!(
                                "{}施行の{}で、{}施行の版から変わった点",
                                version.id.date.japanese(),
                                version.notice.title,
                                prev.id.date.japanese()
                            ),
                        },
                        from: VersionRef::of(prev),
                        to: VersionRef::of(version),
                        current: Some(&current),
                        count: d.content_changes(),
                        changes: changes::change_views(d),
                    },
                )?,
            });
        }
        out.push(OutputFile {
            path: format!("versions/{id}/notice.json"),
            bytes: notice_json(version),
        });
    }

    out.push(OutputFile {
        path: "feed.xml".to_owned(),
        bytes: feeds::atom(site, &statuses, &opts.base_url).into_bytes(),
    });
    out.push(OutputFile {
        path: "sitemap.xml".to_owned(),
        bytes: feeds::sitemap(site, current_idx, &opts.base_url).into_bytes(),
    });
    out.push(OutputFile {
        path: "robots.txt".to_owned(),
        bytes: feeds::robots(&opts.base_url, opts.preview).into_bytes(),
    });
    if let Some(manifest) = &opts.manifest {
        let mut bytes =
            serde_json::to_vec_pretty(manifest).expect("the manifest always serialises");
        bytes.push(b'\n');
        out.push(OutputFile {
            path: "manifest.json".to_owned(),
            bytes,
        });
    }

    for (path, bytes) in &theme.static_files {
        if out.iter().any(|f| f.path == *path) {
            return Err(Diagnostics(vec![
                Diagnostic::error(format!(
                    "the theme's static file `{path}` has the same address as a page"
                ))
                .help("rename or move the file in the theme's static/ folder"),
            ]));
        }
        out.push(OutputFile {
            path: path.clone(),
            bytes: bytes.clone(),
        });
    }
    Ok(out)
}

/// A diff as a standalone HTML page (for `kohyo diff --format html`): the theme's
/// `diff_standalone.html` with the stylesheet inlined.
pub fn render_standalone_diff(
    theme: &Theme,
    site: &Site,
    from: &Version,
    to: &Version,
    d: &Diff,
) -> Result<String, Diagnostics> {
    let css = theme
        .static_files
        .iter()
        .find(|(p, _)| p == "style.css")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let mut ctx = Context::new();
    ctx.insert("css", &css);
    ctx.insert("site_title", &site.config.title);
    ctx.insert("organization", &site.config.organization);
    ctx.insert("from", &VersionRef::of(from));
    ctx.insert("to", &VersionRef::of(to));
    ctx.insert("count", &d.changes.len());
    ctx.insert("changes", &changes::change_views(d));
    theme
        .tera
        .render("diff_standalone.html", &ctx)
        .map_err(|e| {
            Diagnostics(vec![template_diagnostic(
                "diff_standalone.html",
                None,
                None,
                &e,
            )])
        })
}

/// The `notice.json` of a version: pretty-printed, keys in a fixed order, ending in a newline.
pub fn notice_json(version: &Version) -> Vec<u8> {
    let doc = NoticeJson {
        format: NOTICE_JSON_FORMAT,
        id: version.id.to_string(),
        notice: &version.notice,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("model types always serialise to JSON");
    bytes.push(b'\n');
    bytes
}

/// Lets one closure render contexts of different types.
mod erased {
    pub trait ToContext {
        fn to_context(&self) -> tera::Context;
    }
    impl<T: serde::Serialize> ToContext for T {
        fn to_context(&self) -> tera::Context {
            super::Context::from_serialize(self)
                .expect("view models are structs and always serialise to a context")
        }
    }
}
