//! The pages of one document: its current notice, its history, each version at its permanent
//! address, its diffs. On a site of one document they sit at the root (`index.html`,
//! `versions/…`); on a site of several, under the document's folder (`<doc>/index.html`,
//! `<doc>/versions/…`).

use serde::Serialize;

use super::key::{Made, PageOrKey, version_digest};
use super::view::{HistoryEntry, VersionView, history_entries, version_view};
use super::{DocPage, DocumentLink, PageView, RenderOptions, SiteView, VersionRef, changes};
use crate::address::{DocAddress, up, version_folder};
use crate::diff::{Diff, diff};
use crate::error::{Diagnostic, Diagnostics};
use crate::model::notice_json;
use crate::model::{Document, Status};
use crate::publication::Publication;
use crate::values::{DateStyle, VersionId};

#[derive(Serialize)]
pub(super) struct NoticePage<'a> {
    pub site: &'a SiteView<'a>,
    pub page: PageView,
    pub version: Made<VersionView, VersionFrom<'a>>,
    pub current: Option<&'a VersionRef>,
    /// Last day in force, for a superseded version.
    pub until_ja: Option<String>,
    /// Versions announced on this page (scheduled ones, on the current page).
    pub scheduled: &'a [VersionRef],
    /// Number of changes against the version before, when there is one.
    pub changes: Option<usize>,
    /// The relative path from the page to the document's folder (links to its versions).
    pub doc_root: String,
    /// Put before every id of the notice, so that several notices fit on one page.
    pub anchor_prefix: String,
    /// Items of the notice published on other pages, with links to them.
    pub elsewhere: Vec<ElsewhereView>,
}

/// Items of the notice published on another page (`[appi] elsewhere`).
#[derive(Serialize)]
pub(super) struct ElsewhereView {
    /// The page's title.
    title: String,
    /// Its address.
    url: String,
    /// The items published there, by their Japanese names.
    items: Vec<String>,
}

impl ElsewhereView {
    /// The pages a version names for its items, over the site's.
    fn of(config: &crate::model::SiteConfig, notice: &crate::model::Notice) -> Vec<Self> {
        let appi = config
            .appi
            .clone()
            .unwrap_or_default()
            .merged(notice.appi.as_ref());
        appi.elsewhere
            .iter()
            .map(|e| ElsewhereView {
                title: e.title.clone(),
                url: e.url.clone(),
                items: e
                    .items
                    .iter()
                    .map(|i| crate::values::statutory::name_of(i).to_owned())
                    .collect(),
            })
            .collect()
    }
}

/// What a version's view is made from (for a page's key).
#[derive(Serialize)]
pub(super) struct VersionFrom<'a> {
    version: &'a str,
    status: Status,
    publication: &'a Publication,
    root: String,
    anchor_prefix: String,
    date_style: DateStyle,
    files: String,
}

#[derive(Serialize)]
struct DiffPage<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    from: VersionRef,
    to: VersionRef,
    current: Option<&'a VersionRef>,
    /// The changes and their count, or the digests of the two versions they are made from.
    #[serde(flatten)]
    body: Made<DiffBody, DiffFrom<'a>>,
    /// A "since" page: from a superseded version to the current one, over several revisions.
    since: bool,
}

#[derive(Serialize)]
struct DiffBody {
    count: usize,
    changes: Vec<changes::ChangeView>,
}

impl DiffBody {
    fn of(d: &Diff) -> Self {
        DiffBody {
            count: d.content_changes(),
            changes: changes::change_views(d),
        }
    }
}

/// What a diff's changes are made from (for a page's key).
#[derive(Serialize)]
struct DiffFrom<'a> {
    from_version: &'a str,
    to_version: &'a str,
}

#[derive(Serialize)]
struct HistoryPage<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    history: &'a [HistoryEntry],
    current: Option<&'a VersionRef>,
}

/// Everything the pages of a document share, computed once: statuses, the current version,
/// every diff (each computed once, in parallel, and used by the history, the version page and
/// the diff page), the history. Then each page renders on its own.
pub(crate) struct DocumentRenderer<'a> {
    pub(super) site: &'a Document,
    opts: &'a RenderOptions,
    /// `""`, or `"<doc>/"`: where the document's pages are, from the site root.
    pub(super) prefix: String,
    pub(super) statuses: Vec<Status>,
    pub(super) current_idx: usize,
    pub(super) current: VersionRef,
    pub(super) scheduled: Vec<VersionRef>,
    diffs: Vec<Option<Diff>>,
    pub(super) counts: Vec<Option<usize>>,
    history: Vec<HistoryEntry>,
    description: String,
    /// The digest of each version (see [`version_digest`]), for the keys of its pages (empty
    /// when the pages have no keys).
    digests: Vec<String>,
}

/// Every version's diff against the one before (each computed once, in parallel), and, for
/// a build that writes (`keyed`), the digest of each version its pages' keys are made from.
fn diffs_and_digests(site: &Document, keyed: bool) -> (Vec<Option<Diff>>, Vec<String>) {
    use rayon::prelude::*;
    let diffs = (0..site.versions.len())
        .into_par_iter()
        .map(|i| (i > 0).then(|| diff(&site.versions[i - 1].notice, &site.versions[i].notice)))
        .collect();
    let digests = if keyed {
        site.versions
            .par_iter()
            .map(|v| version_digest(v))
            .collect()
    } else {
        Vec::new()
    };
    (diffs, digests)
}

impl<'a> DocumentRenderer<'a> {
    /// Prepares the rendering of the document `site`; with `keyed`, also the digests its pages'
    /// keys are made from.
    pub(crate) fn new(
        site: &'a Document,
        opts: &'a RenderOptions,
        keyed: bool,
    ) -> Result<Self, Diagnostics> {
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
        let style = site.config.date_style;
        let scheduled = site
            .versions
            .iter()
            .zip(&statuses)
            .filter(|(_, s)| **s == Status::Scheduled)
            .map(|(v, _)| VersionRef::of(v, style))
            .collect();
        let (diffs, digests) = diffs_and_digests(site, keyed);
        let counts: Vec<Option<usize>> = diffs
            .iter()
            .map(|d| d.as_ref().map(Diff::content_changes))
            .collect();
        let history = history_entries(&site.versions, &statuses, &counts, &opts.publication, style);
        let description =
            site.config.description.clone().unwrap_or_else(|| {
                format!("{}の{}", site.config.organization.name, site.config.title)
            });
        Ok(DocumentRenderer {
            site,
            opts,
            prefix: site.prefix(),
            current: VersionRef::of(&site.versions[current_idx], style),
            statuses,
            current_idx,
            scheduled,
            diffs,
            counts,
            history,
            description,
            digests,
        })
    }

    /// The pages whose content can change when only the content of the versions `changed`
    /// changed (same ids, same site settings, same theme): their own pages, the diff pages on
    /// either side, the next version's page (its change count), the current version's pages,
    /// the history. The sitemap and robots.txt depend on ids and dates only.
    pub(crate) fn pages_touching(&self, changed: &[VersionId]) -> Vec<DocPage> {
        let n = self.site.versions.len();
        let mut pages = vec![
            DocPage::Current,
            DocPage::History,
            DocPage::Version(self.current_idx),
        ];
        for id in changed {
            let Some(k) = self.site.versions.iter().position(|v| v.id == *id) else {
                continue;
            };
            pages.extend([DocPage::Version(k), DocPage::NoticeJson(k)]);
            pages.extend(self.attachments_of(k));
            if k > 0 {
                pages.push(DocPage::Diff(k));
            }
            if k + 1 < n {
                pages.extend([DocPage::Version(k + 1), DocPage::Diff(k + 1)]);
            }
            if k < self.current_idx {
                pages.push(DocPage::Since(k));
            }
            if k == self.current_idx {
                pages.extend((0..self.current_idx).map(DocPage::Since));
            }
        }
        pages
    }

    /// Every page of the document, in a fixed order.
    pub(crate) fn pages(&self) -> Vec<DocPage> {
        let n = self.site.versions.len();
        let mut pages = Vec::with_capacity(n * 4 + 2);
        pages.extend([DocPage::Current, DocPage::History]);
        for i in 0..n {
            pages.push(DocPage::Version(i));
            pages.push(DocPage::NoticeJson(i));
            pages.extend(self.attachments_of(i));
            if i > 0 {
                pages.push(DocPage::Diff(i));
            }
            if i < self.current_idx {
                pages.push(DocPage::Since(i));
            }
        }
        pages
    }

    /// The attachments of version `i`, as pages.
    fn attachments_of(&self, i: usize) -> impl Iterator<Item = DocPage> + use<> {
        let n = self.site.versions[i].files.len();
        (0..n).map(move |j| DocPage::Attachment(i, j))
    }

    /// How the site writes dates.
    fn style(&self) -> DateStyle {
        self.site.config.date_style
    }

    /// Where the document's page `path` is published.
    fn canonical(&self, path: &str) -> String {
        format!("{}{}{path}", self.opts.base_url, self.prefix)
    }

    /// The view of the page at `address`.
    fn page_view(&self, kind: &'static str, address: &DocAddress) -> PageView {
        let root = up(address.depth());
        let assets = format!("{root}{}", up(self.prefix.matches('/').count()));
        PageView {
            kind,
            preview: self.opts.preview,
            root,
            assets,
            document: self.site.document_name().map(str::to_owned),
            canonical: self.canonical(&address.folder()),
            title: String::new(),
            description: String::new(),
        }
    }

    fn publication(&self, i: usize) -> &Publication {
        self.opts.publication.get(i).unwrap_or(&Publication::Draft)
    }

    /// The notice page of version `i`, seen from a page whose view is `page`, with links to
    /// the document's pages through `doc_root`.
    pub(super) fn notice_page<'s>(
        &'s self,
        make: PageOrKey<'_>,
        site: &'s SiteView<'s>,
        i: usize,
        page: PageView,
        doc_root: String,
        anchor_prefix: String,
    ) -> NoticePage<'s> {
        let version = &self.site.versions[i];
        let files = format!("{doc_root}{}", version_folder(version.id));
        NoticePage {
            site,
            version: if make.keying() {
                Made::From(VersionFrom {
                    version: &self.digests[i],
                    status: self.statuses[i],
                    publication: self.publication(i),
                    root: page.assets.clone(),
                    anchor_prefix: anchor_prefix.clone(),
                    date_style: self.style(),
                    files,
                })
            } else {
                Made::View(version_view(
                    version,
                    self.statuses[i],
                    self.publication(i),
                    &page.assets,
                    &anchor_prefix,
                    self.style(),
                    &files,
                ))
            },
            page,
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
            doc_root,
            anchor_prefix,
            elsewhere: ElsewhereView::of(&self.site.config, &version.notice),
        }
    }

    /// The path of a page of the document, from the site root.
    pub(crate) fn path_of(&self, page: DocPage) -> String {
        let id = |i: usize| self.site.versions[i].id;
        let address = match page {
            DocPage::Current => DocAddress::Current,
            DocPage::History => DocAddress::History,
            DocPage::Version(i) => DocAddress::version(id(i)),
            DocPage::NoticeJson(i) => DocAddress::notice_json(id(i)),
            DocPage::Diff(i) => DocAddress::diff(id(i)),
            DocPage::Since(i) => DocAddress::since(id(i)),
            DocPage::Attachment(i, j) => {
                DocAddress::attachment(id(i), &self.site.versions[i].notice.attachments[j].name)
            }
        };
        format!("{}{}", self.prefix, address.path())
    }

    /// Renders one page of the document, or makes its key (see [`PageOrKey`]).
    pub(crate) fn render(
        &self,
        t: PageOrKey<'_>,
        documents: &[DocumentLink],
        page: DocPage,
    ) -> Result<Vec<u8>, Diagnostics> {
        let site = SiteView::of(self.site, self.opts, documents);
        match page {
            DocPage::Current => self.current_page(t, &site),
            DocPage::History => self.history_page(t, &site),
            DocPage::Version(i) => self.version_page(t, &site, i),
            DocPage::NoticeJson(i) => t.file(
                || notice_json::write(&self.site.versions[i], self.site.config.sample),
                || ("notice.json", &self.digests[i], self.site.config.sample),
            ),
            DocPage::Diff(i) => self.diff_page(t, &site, i),
            DocPage::Since(i) => self.since_page(t, &site, i),
            DocPage::Attachment(i, j) => t.file(
                || self.site.versions[i].files[j].to_vec(),
                || ("attachment", &self.site.versions[i].notice.attachments[j]),
            ),
        }
    }

    /// `index.html`: the current notice.
    fn current_page(&self, t: PageOrKey<'_>, site: &SiteView<'_>) -> Result<Vec<u8>, Diagnostics> {
        let cur = &self.site.versions[self.current_idx];
        let mut page = self.page_view("current", &DocAddress::Current);
        page.title = format!(
            "{}｜{}",
            cur.notice.title, self.site.config.organization.name
        );
        page.description = self.description.clone();
        let root = page.root.clone();
        t.emit(
            "notice.html",
            &self.notice_page(t, site, self.current_idx, page, root, String::new()),
        )
    }

    /// `versions/index.html`: the change history.
    fn history_page(&self, t: PageOrKey<'_>, site: &SiteView<'_>) -> Result<Vec<u8>, Diagnostics> {
        let title = &self.site.config.title;
        let mut page = self.page_view("history", &DocAddress::History);
        page.title = format!("改定履歴｜{title}");
        page.description = format!("{title}の改定履歴");
        t.emit(
            "history.html",
            &HistoryPage {
                site,
                page,
                history: &self.history,
                current: Some(&self.current),
            },
        )
    }

    /// `versions/<id>/index.html`: a version at its permanent address.
    fn version_page(
        &self,
        t: PageOrKey<'_>,
        site: &SiteView<'_>,
        i: usize,
    ) -> Result<Vec<u8>, Diagnostics> {
        let version = &self.site.versions[i];
        let label = match self.statuses[i] {
            Status::Current => "現行",
            Status::Superseded => "旧版",
            Status::Scheduled => "施行予定",
        };
        let effective = version.id.date.japanese_in(self.style());
        let mut page = self.page_view("version", &DocAddress::version(version.id));
        page.title = format!(
            "{}（{effective}施行・{label}）｜{}",
            version.notice.title, self.site.config.organization.name
        );
        page.description = format!(
            "{effective}施行の{}：{}",
            version.notice.title, version.notice.summary
        );
        let root = page.root.clone();
        t.emit(
            "notice.html",
            &self.notice_page(t, site, i, page, root, String::new()),
        )
    }

    /// `versions/<id>/diff/index.html`: what changed against the version before.
    fn diff_page(
        &self,
        t: PageOrKey<'_>,
        site: &SiteView<'_>,
        i: usize,
    ) -> Result<Vec<u8>, Diagnostics> {
        let (version, prev) = (&self.site.versions[i], &self.site.versions[i - 1]);
        let d = self.diffs[i]
            .as_ref()
            .expect("every version but the first has a diff");
        let (to, from) = (
            version.id.date.japanese_in(self.style()),
            prev.id.date.japanese_in(self.style()),
        );
        let mut page = self.page_view("diff", &DocAddress::diff(version.id));
        page.title = format!("{to}施行版での変更点｜{}", self.site.config.title);
        page.description = format!(
            "{to}施行の{}で、{from}施行の版から変わった点",
            version.notice.title
        );
        t.emit(
            "diff.html",
            &DiffPage {
                site,
                page,
                from: VersionRef::of(prev, self.style()),
                to: VersionRef::of(version, self.style()),
                current: Some(&self.current),
                body: if t.keying() {
                    Made::From(DiffFrom {
                        from_version: &self.digests[i - 1],
                        to_version: &self.digests[i],
                    })
                } else {
                    Made::View(DiffBody::of(d))
                },
                since: false,
            },
        )
    }

    /// `versions/<id>/since/index.html`: what changed from version `i` to the current one.
    fn since_page(
        &self,
        t: PageOrKey<'_>,
        site: &SiteView<'_>,
        i: usize,
    ) -> Result<Vec<u8>, Diagnostics> {
        let (from, to) = (
            &self.site.versions[i],
            &self.site.versions[self.current_idx],
        );
        let (since, now) = (
            from.id.date.japanese_in(self.style()),
            to.id.date.japanese_in(self.style()),
        );
        let mut page = self.page_view("since", &DocAddress::since(from.id));
        page.title = format!(
            "{since}施行版から現行版までの変更点｜{}",
            self.site.config.title
        );
        page.description = format!(
            "{since}施行の{}から、現行の{now}施行版までに変わった点",
            from.notice.title
        );
        t.emit(
            "diff.html",
            &DiffPage {
                site,
                page,
                from: VersionRef::of(from, self.style()),
                to: VersionRef::of(to, self.style()),
                current: Some(&self.current),
                // Computed here, once per page, so that a site of thousands of versions holds
                // no more diffs than before.
                body: if t.keying() {
                    Made::From(DiffFrom {
                        from_version: &self.digests[i],
                        to_version: &self.digests[self.current_idx],
                    })
                } else {
                    Made::View(DiffBody::of(&diff(&from.notice, &to.notice)))
                },
                since: true,
            },
        )
    }
}
