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
use crate::lock::{Lock, MANIFEST_FILE, Manifest};
use crate::model::{Date, DateStyle, Notice, Site, Status, Version, VersionId};
use crate::theme::Theme;
use view::{HistoryEntry, VersionView, history, version_view};

/// Settings of one rendering.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderOptions {
    /// The date the site is built for: decides which version is current.
    pub as_of: Date,
    /// The published address, ending in `/`.
    pub base_url: String,
    /// A preview that includes drafts: every page says so and asks not to be indexed.
    pub preview: bool,
    /// The publication state of each version of the site (same order).
    pub publication: Vec<Publication>,
    /// The lock of published versions, when the site has one (for `manifest.json`).
    pub lock: Option<Lock>,
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
    fn of(v: &Version, style: DateStyle) -> Self {
        VersionRef {
            id: v.id.to_string(),
            effective_ja: v.id.date.japanese_in(style),
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
    /// A "since" page: from a superseded version to the current one, over several revisions.
    since: bool,
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

/// One file of the output, to be rendered by [`SiteRenderer::render`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// `index.html`: the current notice.
    Current,
    /// `versions/index.html`.
    History,
    /// `versions/<id>/index.html` of the version at this index.
    Version(usize),
    /// `versions/<id>/notice.json`.
    NoticeJson(usize),
    /// `versions/<id>/diff/index.html` (not for the first version).
    Diff(usize),
    /// `versions/<id>/since/index.html`: everything that changed from a superseded version to
    /// the current one (for readers who last saw it).
    Since(usize),
    /// `feed.xml`.
    Feed,
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// The theme's static file at this index.
    Static(usize),
}

/// Everything the pages of a site share, computed once: statuses, the current version, every
/// diff (each computed once, in parallel, and used by the history, the version page and the
/// diff page), the history. Then each page renders on its own, so pages can be rendered in
/// parallel and written as they come, without holding the whole site in memory.
pub struct SiteRenderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    opts: &'a RenderOptions,
    statuses: Vec<Status>,
    current_idx: usize,
    current: VersionRef,
    scheduled: Vec<VersionRef>,
    diffs: Vec<Option<Diff>>,
    counts: Vec<Option<usize>>,
    history: Vec<HistoryEntry>,
    description: String,
}

impl<'a> SiteRenderer<'a> {
    /// Prepares the rendering of `site`.
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        opts: &'a RenderOptions,
    ) -> Result<Self, Diagnostics> {
        use rayon::prelude::*;
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
        let reserved = [
            "index.html",
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
            "manifest.json",
        ];
        for (path, _) in &theme.static_files {
            if reserved.contains(&path.as_str()) || path.starts_with("versions/") {
                return Err(Diagnostics(vec![
                    Diagnostic::error(format!(
                        "the theme's static file `{path}` has the same address as a page"
                    ))
                    .help("rename or move the file in the theme's static/ folder"),
                ]));
            }
        }
        let scheduled = site
            .versions
            .iter()
            .zip(&statuses)
            .filter(|(_, s)| **s == Status::Scheduled)
            .map(|(v, _)| VersionRef::of(v, site.config.date_style))
            .collect();
        let diffs: Vec<Option<Diff>> = (0..site.versions.len())
            .into_par_iter()
            .map(|i| (i > 0).then(|| diff(&site.versions[i - 1].notice, &site.versions[i].notice)))
            .collect();
        let counts: Vec<Option<usize>> = diffs
            .iter()
            .map(|d| d.as_ref().map(Diff::content_changes))
            .collect();
        let history = history(
            &site.versions,
            &statuses,
            &counts,
            &opts.publication,
            site.config.date_style,
        );
        let description =
            site.config.description.clone().unwrap_or_else(|| {
                format!("{}の{}", site.config.organization.name, site.config.title)
            });
        Ok(SiteRenderer {
            site,
            theme,
            opts,
            current: VersionRef::of(&site.versions[current_idx], site.config.date_style),
            statuses,
            current_idx,
            scheduled,
            diffs,
            counts,
            history,
            description,
        })
    }

    /// The index of the version in force.
    pub fn current_index(&self) -> usize {
        self.current_idx
    }

    /// The pages whose content can change when only the content of the versions `changed`
    /// changed (same ids, same site settings, same theme): their own pages, the diff pages on
    /// either side, the next version's page (its change count), the current version's pages,
    /// the history and the feed (summaries, counts). The sitemap and
    /// robots.txt depend on ids and dates only.
    pub fn pages_touching(&self, changed: &[VersionId]) -> Vec<Page> {
        let n = self.site.versions.len();
        let mut pages = vec![
            Page::Current,
            Page::History,
            Page::Version(self.current_idx),
            Page::Feed,
        ];
        for id in changed {
            let Some(k) = self.site.versions.iter().position(|v| v.id == *id) else {
                continue;
            };
            pages.extend([Page::Version(k), Page::NoticeJson(k)]);
            if k > 0 {
                pages.push(Page::Diff(k));
            }
            if k + 1 < n {
                pages.extend([Page::Version(k + 1), Page::Diff(k + 1)]);
            }
            if k < self.current_idx {
                pages.push(Page::Since(k));
            }
            if k == self.current_idx {
                pages.extend((0..self.current_idx).map(Page::Since));
            }
        }
        let mut seen = std::collections::HashSet::new();
        pages.retain(|p| seen.insert(*p));
        pages
    }

    /// Every file of the site, in a fixed order.
    pub fn pages(&self) -> Vec<Page> {
        let n = self.site.versions.len();
        let mut pages = Vec::with_capacity(n * 3 + 6 + self.theme.static_files.len());
        pages.extend([Page::Current, Page::History]);
        for i in 0..n {
            pages.push(Page::Version(i));
            pages.push(Page::NoticeJson(i));
            if i > 0 {
                pages.push(Page::Diff(i));
            }
            if i < self.current_idx {
                pages.push(Page::Since(i));
            }
        }
        pages.extend([Page::Feed, Page::Sitemap, Page::Robots]);
        pages.extend((0..self.theme.static_files.len()).map(Page::Static));
        pages
    }

    /// How the site writes dates.
    fn style(&self) -> DateStyle {
        self.site.config.date_style
    }

    /// `manifest.json`, written after every other file: the versions, the as-of date and the
    /// hash of each file (`files`, by path).
    pub fn manifest(&self, files: std::collections::BTreeMap<String, String>) -> OutputFile {
        let manifest = Manifest::new(
            self.opts.lock.as_ref(),
            &self.opts.as_of.to_string(),
            self.opts.preview,
            files,
        );
        OutputFile {
            path: MANIFEST_FILE.to_owned(),
            bytes: manifest.to_bytes(),
        }
    }

    fn tera(&self, template: &str, ctx: &dyn erased::ToContext) -> Result<Vec<u8>, Diagnostics> {
        self.theme
            .render(template, &ctx.to_context())
            .map(String::into_bytes)
    }

    fn site_view(&self) -> SiteView<'_> {
        SiteView {
            title: &self.site.config.title,
            base_url: &self.opts.base_url,
            language: &self.site.config.language,
            organization: &self.site.config.organization,
        }
    }

    fn publication(&self, i: usize) -> &Publication {
        self.opts
            .publication
            .get(i)
            .unwrap_or(&Publication::Unlocked)
    }

    /// The notice page of version `i`: at its permanent address, or as the site's home page
    /// (the current version), which differ only in `page`.
    fn notice_html(&self, i: usize, page: PageView) -> Result<Vec<u8>, Diagnostics> {
        let version = &self.site.versions[i];
        let root = page.root;
        let site_view = self.site_view();
        self.tera(
            "notice.html",
            &NoticePage {
                site: &site_view,
                page,
                version: version_view(
                    version,
                    self.statuses[i],
                    self.publication(i),
                    root,
                    self.style(),
                ),
                current: Some(&self.current),
                // The history is newest first.
                until_ja: self.history[self.site.versions.len() - 1 - i]
                    .until_ja
                    .clone(),
                scheduled: if i == self.current_idx {
                    &self.scheduled
                } else {
                    &[]
                },
                changes: self.counts[i],
            },
        )
    }

    /// Renders one file.
    pub fn render(&self, page: Page) -> Result<OutputFile, Diagnostics> {
        let (site, opts) = (self.site, self.opts);
        let (path, bytes) = match page {
            Page::Current => ("index.html".to_owned(), self.current_page()?),
            Page::History => ("versions/index.html".to_owned(), self.history_page()?),
            Page::Version(i) => (
                format!("versions/{}/index.html", site.versions[i].id),
                self.version_page(i)?,
            ),
            Page::NoticeJson(i) => (
                format!("versions/{}/notice.json", site.versions[i].id),
                notice_json(&site.versions[i]),
            ),
            Page::Diff(i) => (
                format!("versions/{}/diff/index.html", site.versions[i].id),
                self.diff_page(i)?,
            ),
            Page::Since(i) => (
                format!("versions/{}/since/index.html", site.versions[i].id),
                self.since_page(i)?,
            ),
            Page::Feed => (
                "feed.xml".to_owned(),
                feeds::atom(site, &self.statuses, &opts.base_url).into_bytes(),
            ),
            Page::Sitemap => (
                "sitemap.xml".to_owned(),
                feeds::sitemap(site, self.current_idx, &opts.base_url).into_bytes(),
            ),
            Page::Robots => (
                "robots.txt".to_owned(),
                feeds::robots(&opts.base_url, opts.preview).into_bytes(),
            ),
            Page::Static(k) => self.theme.static_files[k].clone(),
        };
        Ok(OutputFile { path, bytes })
    }

    /// `index.html`: the current notice.
    fn current_page(&self) -> Result<Vec<u8>, Diagnostics> {
        let (site, opts) = (self.site, self.opts);
        let cur = &site.versions[self.current_idx];
        let page = PageView {
            preview: opts.preview,
            kind: "current",
            root: "",
            canonical: opts.base_url.clone(),
            title: format!("{}｜{}", cur.notice.title, site.config.organization.name),
            description: self.description.clone(),
        };
        self.notice_html(self.current_idx, page)
    }

    /// `versions/index.html`: the change history.
    fn history_page(&self) -> Result<Vec<u8>, Diagnostics> {
        let (site, opts) = (self.site, self.opts);
        self.tera(
            "history.html",
            &HistoryPage {
                site: &self.site_view(),
                page: PageView {
                    preview: opts.preview,
                    kind: "history",
                    root: "../",
                    canonical: format!("{}versions/", opts.base_url),
                    title: format!("改定履歴｜{}", site.config.title),
                    description: format!("{}の改定履歴", site.config.title),
                },
                history: &self.history,
                current: Some(&self.current),
            },
        )
    }

    /// `versions/<id>/index.html`: a version at its permanent address.
    fn version_page(&self, i: usize) -> Result<Vec<u8>, Diagnostics> {
        let (site, opts) = (self.site, self.opts);
        let version = &site.versions[i];
        let label = match self.statuses[i] {
            Status::Current => "現行",
            Status::Superseded => "旧版",
            Status::Scheduled => "施行予定",
        };
        let page = PageView {
            preview: opts.preview,
            kind: "version",
            root: "../../",
            canonical: format!("{}versions/{}/", opts.base_url, version.id),
            title: format!(
                "{}（{}施行・{label}）｜{}",
                version.notice.title,
                version.id.date.japanese_in(self.style()),
                site.config.organization.name
            ),
            description: format!(
                "{}施行の{}：{}",
                version.id.date.japanese_in(self.style()),
                version.notice.title,
                version.notice.summary
            ),
        };
        self.notice_html(i, page)
    }

    /// `versions/<id>/diff/index.html`: what changed against the version before.
    fn diff_page(&self, i: usize) -> Result<Vec<u8>, Diagnostics> {
        let (site, opts) = (self.site, self.opts);
        let (version, prev) = (&site.versions[i], &site.versions[i - 1]);
        let d = self.diffs[i]
            .as_ref()
            .expect("every version but the first has a diff");
        self.tera(
            "diff.html",
            &DiffPage {
                site: &self.site_view(),
                page: PageView {
                    preview: opts.preview,
                    kind: "diff",
                    root: "../../../",
                    canonical: format!("{}versions/{}/diff/", opts.base_url, version.id),
                    title: format!(
                        "{}施行版での変更点｜{}",
                        version.id.date.japanese_in(self.style()),
                        site.config.title
                    ),
                    description: format!(
                        "{}施行の{}で、{}施行の版から変わった点",
                        version.id.date.japanese_in(self.style()),
                        version.notice.title,
                        prev.id.date.japanese_in(self.style())
                    ),
                },
                from: VersionRef::of(prev, self.style()),
                to: VersionRef::of(version, self.style()),
                current: Some(&self.current),
                count: d.content_changes(),
                changes: changes::change_views(d),
                since: false,
            },
        )
    }

    /// `versions/<id>/since/index.html`: what changed from version `i` to the current one
    /// (computed here, once per page, so that a site of thousands of versions holds no more
    /// diffs than before).
    fn since_page(&self, i: usize) -> Result<Vec<u8>, Diagnostics> {
        let (site, opts) = (self.site, self.opts);
        let (from, to) = (&site.versions[i], &site.versions[self.current_idx]);
        let d = diff(&from.notice, &to.notice);
        self.tera(
            "diff.html",
            &DiffPage {
                site: &self.site_view(),
                page: PageView {
                    preview: opts.preview,
                    kind: "since",
                    root: "../../../",
                    canonical: format!("{}versions/{}/since/", opts.base_url, from.id),
                    title: format!(
                        "{}施行版から現行版までの変更点｜{}",
                        from.id.date.japanese_in(self.style()),
                        site.config.title
                    ),
                    description: format!(
                        "{}施行の{}から、現行の{}施行版までに変わった点",
                        from.id.date.japanese_in(self.style()),
                        from.notice.title,
                        to.id.date.japanese_in(self.style())
                    ),
                },
                from: VersionRef::of(from, self.style()),
                to: VersionRef::of(to, self.style()),
                current: Some(&self.current),
                count: d.content_changes(),
                changes: changes::change_views(&d),
                since: true,
            },
        )
    }
}

/// Renders every page of the site into memory (for `kohyo check` and tests; `build` renders
/// and writes page by page).
pub fn render_site(
    site: &Site,
    theme: &Theme,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let renderer = SiteRenderer::new(site, theme, opts)?;
    renderer
        .pages()
        .into_iter()
        .map(|p| renderer.render(p))
        .collect()
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
    let style = site.config.date_style;
    ctx.insert("from", &VersionRef::of(from, style));
    ctx.insert("to", &VersionRef::of(to, style));
    ctx.insert("count", &d.changes.len());
    ctx.insert("changes", &changes::change_views(d));
    theme.render("diff_standalone.html", &ctx)
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

/// Reads a `notice.json` back into a version: what an auditor has of a deployed site.
pub fn parse_notice_json(bytes: &[u8]) -> Result<Version, String> {
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON: {e}"))?;
    let obj = value.as_object_mut().ok_or("not a JSON object")?;
    match obj.remove("format").as_ref().and_then(|f| f.as_str()) {
        Some(NOTICE_JSON_FORMAT) => {}
        other => return Err(format!("not a kohyo notice.json (format {other:?})")),
    }
    let id: VersionId = obj
        .remove("id")
        .and_then(|v| v.as_str().map(str::to_owned))
        .ok_or("it has no id")?
        .parse()?;
    let notice: Notice = serde_json::from_value(value).map_err(|e| e.to_string())?;
    Ok(Version {
        id,
        notice,
        origin: None,
    })
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
