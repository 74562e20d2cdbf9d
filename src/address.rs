//! The one map from a page to its address: every permanent address of a site is written here
//! and nowhere else (the renderer, the feed and the sitemap, `kohyo verify`, the link check and
//! the templates' `url()` all ask it). Auditors and courts cite these addresses: they never
//! change.
//!
//! A document's pages sit at the site root on a site of one document, under `<doc>/` on a site
//! of several:
//!
//! | page | address, from the document's folder |
//! | --- | --- |
//! | the current notice | `index.html` |
//! | the change history | `versions/index.html` |
//! | a version | `versions/<id>/index.html` |
//! | its content, machine-readable | `versions/<id>/notice.json` |
//! | what changed against the version before | `versions/<id>/diff/index.html` |
//! | what changed from it to the current version | `versions/<id>/since/index.html` |
//! | a file published with it | `versions/<id>/<name>` |

use std::fmt::Display;

/// A page (or file) of a document, by what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocAddress {
    /// `index.html`: the current notice.
    Current,
    /// `versions/index.html`: the change history.
    History,
    /// `versions/<id>/index.html`.
    Version(String),
    /// `versions/<id>/notice.json`.
    NoticeJson(String),
    /// `versions/<id>/diff/index.html`.
    Diff(String),
    /// `versions/<id>/since/index.html`.
    Since(String),
    /// `versions/<id>/<name>`: a file published with the version.
    Attachment(String, String),
}

impl DocAddress {
    /// The page of version `id`.
    pub fn version(id: impl Display) -> Self {
        DocAddress::Version(id.to_string())
    }

    /// The `notice.json` of version `id`.
    pub fn notice_json(id: impl Display) -> Self {
        DocAddress::NoticeJson(id.to_string())
    }

    /// The diff page of version `id`.
    pub fn diff(id: impl Display) -> Self {
        DocAddress::Diff(id.to_string())
    }

    /// The page of what changed from version `id` to the current one.
    pub fn since(id: impl Display) -> Self {
        DocAddress::Since(id.to_string())
    }

    /// The file `name` published with version `id`.
    pub fn attachment(id: impl Display, name: &str) -> Self {
        DocAddress::Attachment(id.to_string(), name.to_owned())
    }

    /// The folder the page is in, from the document's folder, ending in `/` (empty for the
    /// document's folder itself): what a reader's address bar shows for an `index.html`.
    pub fn folder(&self) -> String {
        match self {
            DocAddress::Current => String::new(),
            DocAddress::History => "versions/".to_owned(),
            DocAddress::Version(id)
            | DocAddress::NoticeJson(id)
            | DocAddress::Attachment(id, _) => version_folder(id),
            DocAddress::Diff(id) => format!("{}diff/", version_folder(id)),
            DocAddress::Since(id) => format!("{}since/", version_folder(id)),
        }
    }

    /// The file's path from the document's folder.
    pub fn path(&self) -> String {
        let file = match self {
            DocAddress::NoticeJson(_) => "notice.json",
            DocAddress::Attachment(_, name) => name,
            _ => "index.html",
        };
        format!("{}{file}", self.folder())
    }

    /// How many folders below the document's folder the page is: what `../` it needs to get
    /// back there.
    pub fn depth(&self) -> usize {
        self.folder().matches('/').count()
    }
}

/// The folder of version `id`, from the document's folder: `versions/<id>/`.
pub fn version_folder(id: impl Display) -> String {
    format!("versions/{id}/")
}

/// The folder of a document from the site root: `""` on a site of one document, `<doc>/` on
/// a site of several.
pub fn document_folder(name: Option<&str>) -> String {
    name.map_or_else(String::new, |d| format!("{d}/"))
}

/// The relative path that climbs `depth` folders: `""`, `"../"`, `"../../"`.
pub fn up(depth: usize) -> String {
    "../".repeat(depth)
}

/// The site's home page (a list of documents, or the notices `home` names, on a site of
/// several documents; the current notice on a site of one).
pub const HOME: &str = "index.html";
/// The Atom feed of every version.
pub const FEED: &str = "feed.xml";
/// The sitemap for search engines.
pub const SITEMAP: &str = "sitemap.xml";
/// What search engines may index.
pub const ROBOTS: &str = "robots.txt";
/// The hash of every other file, and the published versions (written last).
pub const MANIFEST: &str = "manifest.json";
/// What the pages are made from besides the versions (see [`crate::model::SiteSource`]).
pub const SOURCE: &str = "kohyo-source.json";

/// The stylesheet of the fragments for a CMS (`[appearance] fragments`).
pub const FRAGMENT_STYLESHEET: &str = "kohyo-fragment.css";

/// The fragment for a CMS of the page at `page_path` (`…/index.html` → `…/fragment.html`), if
/// the page is one that has a fragment.
pub fn fragment_of(page_path: &str) -> Option<String> {
    let folder = page_path.strip_suffix(HOME)?;
    (folder.is_empty() || folder.ends_with('/')).then(|| format!("{folder}fragment.html"))
}

/// The site's own files at its root (a theme's static file may not take their place).
pub const SITE_FILES: &[&str] = &[HOME, FEED, SITEMAP, ROBOTS, MANIFEST, SOURCE];

/// The page a template's `url(to=…, id=…)` names, from the document's folder (`to` is
/// `current`, `history`, `version`, `diff`, `since` or `notice_json`); `None` for a name it does
/// not know or a version page without an id.
pub fn named(to: &str, id: Option<&str>) -> Option<DocAddress> {
    Some(match (to, id) {
        ("current", _) => DocAddress::Current,
        ("history", _) => DocAddress::History,
        ("version", Some(id)) => DocAddress::version(id),
        ("diff", Some(id)) => DocAddress::diff(id),
        ("since", Some(id)) => DocAddress::since(id),
        ("notice_json", Some(id)) => DocAddress::notice_json(id),
        _ => return None,
    })
}

/// What a template's `url()` gives: the page `to` (with `id`) of the document `doc` (the
/// document's own folder when absent; `to = "home"` is the site's home page), as a path from
/// the folder of the page `from` (`current` or `history` of the same document), or from the
/// document's folder when `from` is absent (the template then puts `page.root` before it).
pub fn url(to: &str, id: Option<&str>, doc: Option<&str>, from: Option<&str>) -> Option<String> {
    match to {
        "home" => return Some(HOME.to_owned()),
        "feed" => return Some(FEED.to_owned()),
        _ => {}
    }
    let path = format!("{}{}", document_folder(doc), named(to, id)?.path());
    let Some(from) = from else {
        return Some(path);
    };
    let base = named(from, None)?.folder();
    Some(match path.strip_prefix(&base) {
        Some(rest) => rest.to_owned(),
        None => format!("{}{path}", up(base.matches('/').count())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permanent_address() {
        let id = "2024-04-01.2";
        let cases = [
            (DocAddress::Current, "index.html", 0),
            (DocAddress::History, "versions/index.html", 1),
            (
                DocAddress::version(id),
                "versions/2024-04-01.2/index.html",
                2,
            ),
            (
                DocAddress::notice_json(id),
                "versions/2024-04-01.2/notice.json",
                2,
            ),
            (
                DocAddress::diff(id),
                "versions/2024-04-01.2/diff/index.html",
                3,
            ),
            (
                DocAddress::since(id),
                "versions/2024-04-01.2/since/index.html",
                3,
            ),
            (
                DocAddress::attachment(id, "開示請求書.pdf"),
                "versions/2024-04-01.2/開示請求書.pdf",
                2,
            ),
        ];
        for (page, path, depth) in cases {
            assert_eq!(page.path(), path);
            assert_eq!(page.depth(), depth, "{path}");
        }
        assert_eq!(document_folder(Some("policy")), "policy/");
        assert_eq!(up(2), "../../");
        assert_eq!(named("since", Some(id)), Some(DocAddress::since(id)));
        assert_eq!(named("version", None), None);
        assert_eq!(
            url("diff", Some(id), None, Some("history")).unwrap(),
            "2024-04-01.2/diff/index.html"
        );
        assert_eq!(
            url("history", None, Some("policy"), None).unwrap(),
            "policy/versions/index.html"
        );
        assert_eq!(url("home", None, None, None).unwrap(), "index.html");
    }
}
