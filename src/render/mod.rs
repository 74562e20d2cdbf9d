//! Render a validated site into output files, in memory.
//!
//! Returns (relative path, bytes) pairs; this stage must not touch the filesystem. Paths follow
//! the permanent layout (see ARCHITECTURE.md): `index.html`, `versions/index.html`,
//! `versions/<id>/index.html`, `versions/<id>/notice.json`. Every link between pages is
//! relative, so the site works under any sub-path and from `file://`.

pub mod changes;
mod document;
pub mod feeds;
pub mod fragment;
mod key;
mod source;
pub mod view;

use key::{PageOrKey, Salt};

use document::DocumentRenderer;

use serde::Serialize;
use tera::Context;

use crate::address;
use crate::content::ChangedVersion;
use crate::diff::Diff;
use crate::error::{Diagnostic, Diagnostics};
use crate::lock::{Lock, MANIFEST_FILE, Manifest};
use crate::model::{Document, SiteConfig, Version};
use crate::publication::Publication;
use crate::theme::Theme;
use crate::values::{Date, DateStyle, VersionId};

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

/// What a build will show of one document, decided by [`crate::project::Project::plan`].
#[derive(Debug)]
pub struct Plan {
    /// The versions shown (published ones, and drafts in a preview).
    pub site: Document,
    /// How to render them.
    pub options: RenderOptions,
    /// How many of the versions shown are drafts.
    pub drafts: usize,
}

/// What a build will show of the whole site.
#[derive(Debug)]
pub struct SitePlan {
    /// `site.toml`.
    pub config: SiteConfig,
    /// The documents shown, in the site's order (a document with nothing in force yet is left
    /// out, with a warning).
    pub documents: Vec<Plan>,
    /// Why documents were left out.
    pub warnings: Vec<Diagnostic>,
}

impl SitePlan {
    /// The options every document shares (date, address, preview, lock).
    pub fn options(&self) -> &RenderOptions {
        &self.documents[0].options
    }
}

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output root, with `/`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// The site as templates see it.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    /// The document's title (the site's on its home page).
    title: &'a str,
    /// The site's own title (site.toml).
    site_title: &'a str,
    /// What readers call the document (「公表事項」, 「個人情報保護方針」; its title for a
    /// document of kind `other`): 「現行の…」 in the navigation and the notes of the pages.
    name: &'a str,
    base_url: &'a str,
    language: &'a str,
    organization: &'a crate::model::Organization,
    /// The documents of a site of several, for the navigation (empty on a site of one).
    documents: &'a [DocumentLink],
    /// A sample site (`sample = true`): every page says 見本.
    sample: bool,
    /// How the site fits the organisation's homepage (logo, colour, links, footer, fonts).
    appearance: Option<view::AppearanceView<'a>>,
}

impl<'a> SiteView<'a> {
    fn of(site: &'a Document, opts: &'a RenderOptions, documents: &'a [DocumentLink]) -> Self {
        SiteView {
            title: &site.config.title,
            name: site.config.kind.noun_ja().unwrap_or(&site.config.title),
            site_title: site
                .meta
                .as_ref()
                .map_or(&site.config.title, |d| &d.site_title),
            base_url: &opts.base_url,
            language: &site.config.language,
            organization: &site.config.organization,
            documents,
            sample: site.config.sample,
            appearance: site
                .config
                .appearance
                .as_ref()
                .map(view::AppearanceView::of),
        }
    }
}

/// A document in the navigation and on the list of documents.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct DocumentLink {
    /// Its folder name.
    name: String,
    /// Its title (document.toml).
    title: String,
    /// Its current version.
    current: VersionRef,
    /// The version announced next, if any.
    scheduled: Option<VersionRef>,
}

/// What every page tells its template about itself.
#[derive(Serialize)]
pub(crate) struct PageView {
    kind: &'static str,
    preview: bool,
    /// The relative path from the page to its document's folder (the site root on a site of
    /// one document): links to `index.html` and `versions/` of the document start with it.
    root: String,
    /// The relative path from the page to the site root: links to `style.css`, `feed.xml`, the
    /// theme's files and the other documents start with it.
    assets: String,
    /// The document the page belongs to, on a site of several.
    document: Option<String>,
    canonical: String,
    title: String,
    description: String,
}

#[derive(Clone, Debug, Serialize)]
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

/// The home page of a site of several documents: a list of them, or their notices.
#[derive(Serialize)]
struct HomePage<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    /// The notices shown, in order (none: the page lists the documents).
    notices: Vec<document::NoticePage<'a>>,
}

/// One page of a document, to be rendered by [`DocumentRenderer::render`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocPage {
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
    /// `versions/<id>/<name>`: attachment `.1` of version `.0`, as it is.
    Attachment(usize, usize),
}

/// One file of the output, to be rendered by [`SiteRenderer::render`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// A page of the document at this index (its files are under `<doc>/` on a site of
    /// several documents).
    Doc(usize, DocPage),
    /// `index.html` of a site of several documents: the list of documents, or the notices
    /// `home` names.
    Home,
    /// `feed.xml`.
    Feed,
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `kohyo-source.json`: what the pages are made from besides the versions.
    Source,
    /// The theme's static file at this index.
    Static(usize),
    /// `fragment.html` beside the page (`[appearance] fragments`): the page's body for a CMS.
    Fragment(FragmentOf),
}

/// The page a fragment is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FragmentOf {
    /// A page of the document at this index.
    Doc(usize, DocPage),
    /// The home page of a site of several documents.
    Home,
}

/// Renders templates of the theme.
pub(crate) struct Templates<'a>(&'a Theme);

impl Templates<'_> {
    fn render(&self, template: &str, ctx: &dyn erased::ToContext) -> Result<Vec<u8>, Diagnostics> {
        self.0
            .render(template, &ctx.to_context())
            .map(String::into_bytes)
    }
}

/// Everything the pages of a site share, computed once per document (see
/// [`DocumentRenderer`]); then each page renders on its own, so pages can be rendered in
/// parallel and written as they come, without holding the whole site in memory.
pub struct SiteRenderer<'a> {
    config: &'a SiteConfig,
    theme: &'a Theme,
    opts: &'a RenderOptions,
    documents: Vec<DocumentRenderer<'a>>,
    /// The navigation of a site of several documents (empty on a site of one).
    links: Vec<DocumentLink>,
    /// Whether the site has several documents (and so a home page of its own).
    several: bool,
    /// What every page's key starts with (none: pages have no keys).
    salt: Option<Salt>,
}

impl<'a> SiteRenderer<'a> {
    /// Prepares the rendering of every document of `plan`; its pages have no keys (see
    /// [`SiteRenderer::keyed`]).
    pub fn new(plan: &'a SitePlan, theme: &'a Theme) -> Result<Self, Diagnostics> {
        SiteRenderer::prepare(plan, theme, None)
    }

    /// Like [`SiteRenderer::new`], with a key for every page of a document (what a build
    /// writes needs them; `kohyo check` and `serve`'s updates do not).
    pub fn keyed(plan: &'a SitePlan, theme: &'a Theme) -> Result<Self, Diagnostics> {
        SiteRenderer::prepare(plan, theme, Salt::new(&theme.fingerprint))
    }

    fn prepare(
        plan: &'a SitePlan,
        theme: &'a Theme,
        salt: Option<Salt>,
    ) -> Result<Self, Diagnostics> {
        let opts = plan.options();
        let several = plan.documents.iter().any(|p| p.site.meta.is_some());
        check_static_files(theme, &plan.documents)?;
        let documents = plan
            .documents
            .iter()
            .map(|p| DocumentRenderer::new(&p.site, &p.options, salt.is_some()))
            .collect::<Result<Vec<_>, _>>()?;
        let links = if several {
            documents
                .iter()
                .map(|d| DocumentLink {
                    name: d.site.document_name().unwrap_or_default().to_owned(),
                    title: d.site.config.title.clone(),
                    current: d.current.clone(),
                    scheduled: d.scheduled.first().cloned(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(SiteRenderer {
            config: &plan.config,
            theme,
            opts,
            documents,
            links,
            several,
            salt,
        })
    }

    /// The version in force of each document.
    pub fn current_versions(&self) -> Vec<(Option<&str>, VersionId)> {
        self.documents
            .iter()
            .map(|d| (d.site.document_name(), d.site.versions[d.current_idx].id))
            .collect()
    }

    /// The pages whose content can change when only the content of the versions `changed`
    /// changed: the pages of their documents (see [`DocumentRenderer::pages_touching`]), the
    /// home page and the feed.
    pub fn pages_touching(&self, changed: &[ChangedVersion]) -> Vec<Page> {
        let mut pages = Vec::new();
        for (k, doc) in self.documents.iter().enumerate() {
            let ids: Vec<VersionId> = changed
                .iter()
                .filter(|(name, _)| name.as_deref() == doc.site.document_name())
                .map(|(_, id)| *id)
                .collect();
            pages.extend(
                doc.pages_touching(&ids)
                    .into_iter()
                    .map(|p| Page::Doc(k, p)),
            );
        }
        if self.several {
            pages.push(Page::Home);
        }
        pages.push(Page::Feed);
        let fragments = self.fragments_of(&pages);
        pages.extend(fragments);
        let mut seen = std::collections::HashSet::new();
        pages.retain(|p| seen.insert(*p));
        pages
    }

    /// Every file of the site, in a fixed order.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = Vec::new();
        if self.several {
            pages.push(Page::Home);
        }
        for (k, doc) in self.documents.iter().enumerate() {
            pages.extend(doc.pages().into_iter().map(|p| Page::Doc(k, p)));
        }
        pages.extend([Page::Feed, Page::Sitemap, Page::Robots, Page::Source]);
        pages.extend((0..self.theme.static_files.len()).map(Page::Static));
        pages.extend(self.fragments_of(&pages));
        pages
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

    /// The path and the key of a page that may be taken from the previous output when its key
    /// is the same: a digest of everything its template sees (see `render/key.rs`). The
    /// site's own pages (home, feed, sitemap, robots.txt, the theme's files) have none: they
    /// are few, and always made anew.
    pub fn key(&self, page: Page) -> Result<Option<(String, String)>, Diagnostics> {
        if let Page::Fragment(FragmentOf::Doc(k, p)) = page {
            // A fragment is made from its page alone: the page's key, marked.
            let key = self.key(Page::Doc(k, p))?;
            return Ok(key.and_then(|(path, key)| {
                Some((
                    crate::address::fragment_of(&path)?,
                    format!("fragment-{key}"),
                ))
            }));
        }
        let (Some(salt), Page::Doc(k, p)) = (&self.salt, page) else {
            return Ok(None);
        };
        let doc = &self.documents[k];
        let key = doc.render(PageOrKey::Key(salt), &self.links, p)?;
        Ok(Some((
            doc.path_of(p),
            String::from_utf8(key).expect("keys are hexadecimal"),
        )))
    }

    /// Renders one file.
    pub fn render(&self, page: Page) -> Result<OutputFile, Diagnostics> {
        let opts = self.opts;
        let templates = Templates(self.theme);
        let t = PageOrKey::Page(&templates);
        let sites: Vec<(&Document, &[crate::model::Status], usize)> = self
            .documents
            .iter()
            .map(|d| (d.site, d.statuses.as_slice(), d.current_idx))
            .collect();
        let (path, bytes) = match page {
            Page::Doc(k, p) => {
                let doc = &self.documents[k];
                (doc.path_of(p), doc.render(t, &self.links, p)?)
            }
            Page::Home => (address::HOME.to_owned(), self.home_page(t)?),
            Page::Feed => (
                address::FEED.to_owned(),
                feeds::atom(self.config, &sites, &opts.base_url).into_bytes(),
            ),
            Page::Sitemap => (
                address::SITEMAP.to_owned(),
                feeds::sitemap(&sites, &opts.base_url, self.several).into_bytes(),
            ),
            Page::Robots => (
                address::ROBOTS.to_owned(),
                feeds::robots(&opts.base_url, opts.preview).into_bytes(),
            ),
            Page::Source => (address::SOURCE.to_owned(), self.source()),
            Page::Static(k) => self.theme.static_files[k].clone(),
            Page::Fragment(of) => return self.fragment(of),
        };
        Ok(OutputFile { path, bytes })
    }

    /// `index.html` of a site of several documents: the documents `home` names, on one page,
    /// or the list of the documents.
    fn home_page(&self, t: PageOrKey<'_>) -> Result<Vec<u8>, Diagnostics> {
        let site = Document {
            config: self.config.clone(),
            versions: Vec::new(),
            meta: None,
        };
        let view = SiteView::of(&site, self.opts, &self.links);
        let shown = self.home_documents();
        if let [one] = shown.as_slice() {
            // One document on the home page: its current notice, as at `<doc>/index.html`.
            let mut p = self.home_view("current");
            p.document = one.site.document_name().map(str::to_owned);
            p.root.clone_from(&one.prefix);
            let title = &one.site.versions[one.current_idx].notice.title;
            p.title = format!("{title}｜{}", self.config.organization.name);
            let doc_root = one.prefix.clone();
            let doc_view = SiteView::of(one.site, self.opts, &self.links);
            return t.emit(
                "notice.html",
                &one.notice_page(t, &doc_view, one.current_idx, p, doc_root, String::new()),
            );
        }
        let notices = shown
            .iter()
            .map(|d| {
                let name = d.site.document_name().unwrap_or_default();
                let page = self.home_view("home");
                d.notice_page(
                    t,
                    &view,
                    d.current_idx,
                    page,
                    d.prefix.clone(),
                    format!("{name}-"),
                )
            })
            .collect();
        t.emit(
            "home.html",
            &HomePage {
                site: &view,
                page: self.home_view("home"),
                notices,
            },
        )
    }

    /// The documents `home` names, in its order (none: the home page lists the documents).
    fn home_documents(&self) -> Vec<&DocumentRenderer<'a>> {
        let Some(home) = &self.config.home else {
            return Vec::new();
        };
        home.documents()
            .iter()
            .filter_map(|name| {
                self.documents
                    .iter()
                    .find(|d| d.site.document_name() == Some(name.as_str()))
            })
            .collect()
    }

    /// The view of the site's home page, as a page of `kind`.
    fn home_view(&self, kind: &'static str) -> PageView {
        PageView {
            kind,
            preview: self.opts.preview,
            root: String::new(),
            assets: String::new(),
            document: None,
            canonical: self.opts.base_url.clone(),
            title: format!("{}｜{}", self.config.title, self.config.organization.name),
            description: self.config.description.clone().unwrap_or_else(|| {
                format!("{}の{}", self.config.organization.name, self.config.title)
            }),
        }
    }
}

/// A theme's static file must not take the address of a page.
fn check_static_files(theme: &Theme, documents: &[Plan]) -> Result<(), Diagnostics> {
    for (path, _) in &theme.static_files {
        let taken = address::SITE_FILES.contains(&path.as_str())
            || documents
                .iter()
                .any(|p| path.starts_with(&format!("{}versions/", p.site.prefix())))
            || documents.iter().any(|p| {
                p.site
                    .document_name()
                    .is_some_and(|d| path.starts_with(&format!("{d}/")))
            });
        if taken {
            return Err(Diagnostics(vec![
                Diagnostic::error(format!(
                    "the theme's static file `{path}` has the same address as a page"
                ))
                .help("rename or move the file in the theme's static/ folder"),
            ]));
        }
    }
    Ok(())
}

/// Renders every page of the site into memory (for `kohyo check` and tests; `build` renders
/// and writes page by page).
pub fn render_site(plan: &SitePlan, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let renderer = SiteRenderer::new(plan, theme)?;
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
    site: &Document,
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
