//! Fragments for a CMS (`[appearance] fragments = true`): beside each page's `index.html`, a
//! `fragment.html` with the page's body alone, to paste or include into the homepage's own
//! template. Its addresses are absolute (it is shown at another address than its page's), and
//! it is styled by `kohyo-fragment.css`, the theme's stylesheet scoped to it (see
//! [`crate::theme::scoped_css`]).

use super::{DocPage, FragmentOf, OutputFile, Page, SiteRenderer, view};
use crate::address::{self, FRAGMENT_STYLESHEET as STYLESHEET};
use crate::error::{Diagnostic, Diagnostics};
use crate::theme::escape_html as escape;

/// The class of a fragment's outer element, which the scoped stylesheet is scoped to.
pub const CLASS: &str = "kohyo-fragment";

/// The class of the element inside it that stands for the page's `<body>`.
const PAGE: &str = "kohyo-page";

/// The fragment of the page `html` published at `page_url` (an address ending in `/`): its
/// banners and the content of its `<main>` inside `<div class="kohyo-fragment">`, with the
/// page's body classes and the settings' custom properties (`vars`), every relative address
/// made absolute. `None` when the page has no `<main id="main">` (a theme of its own).
pub fn of_page(html: &str, page_url: &str, base_url: &str, vars: &str) -> Option<Vec<u8>> {
    let main_start = html.find("<main id=\"main\">")? + "<main id=\"main\">".len();
    let main_end = main_start + html[main_start..].find("</main>")?;
    let body_class = html
        .find("<body class=\"")
        .map(|i| i + "<body class=\"".len())
        .and_then(|i| html[i..].find('"').map(|n| &html[i..i + n]))
        .unwrap_or_default();
    let mut out = format!(
        "<link rel=\"stylesheet\" href=\"{}{STYLESHEET}\">\n<div class=\"{CLASS}\" lang=\"ja\"><div class=\"{PAGE} {body_class}\"{}>\n",
        escape(base_url),
        if vars.is_empty() {
            String::new()
        } else {
            format!(" style=\"{}\"", escape(vars))
        }
    );
    for banner in [
        "<div class=\"sample-banner\"",
        "<div class=\"preview-banner\"",
    ] {
        if let Some(start) = html.find(banner)
            && let Some(len) = html[start..].find("</div>")
        {
            out.push_str(&html[start..start + len + "</div>".len()]);
            out.push('\n');
        }
    }
    out.push_str(html[main_start..main_end].trim_matches('\n'));
    out.push_str("\n</div></div>\n");
    Some(absolute_addresses(&out, page_url).into_bytes())
}

impl SiteRenderer<'_> {
    /// The fragments of `pages` (its HTML pages), when the site asks for fragments.
    pub(super) fn fragments_of(&self, pages: &[Page]) -> Vec<Page> {
        if !self.config.appearance.as_ref().is_some_and(|a| a.fragments) {
            return Vec::new();
        }
        pages
            .iter()
            .filter_map(|p| match *p {
                Page::Home => Some(FragmentOf::Home),
                Page::Doc(_, DocPage::NoticeJson(_) | DocPage::Attachment(..)) => None,
                Page::Doc(k, d) => Some(FragmentOf::Doc(k, d)),
                _ => None,
            })
            .map(Page::Fragment)
            .collect()
    }

    /// `fragment.html` of a page: rendered, then cut down to its body (see [`of_page`]).
    pub(super) fn fragment(&self, of: FragmentOf) -> Result<OutputFile, Diagnostics> {
        let page = self.render(match of {
            FragmentOf::Doc(k, d) => Page::Doc(k, d),
            FragmentOf::Home => Page::Home,
        })?;
        let vars = self
            .config
            .appearance
            .as_ref()
            .map(|a| view::AppearanceView::of(a).vars)
            .unwrap_or_default();
        let folder = page.path.strip_suffix(address::HOME).unwrap_or_default();
        let page_url = format!("{}{folder}", self.opts.base_url);
        let html = String::from_utf8_lossy(&page.bytes);
        let bytes = of_page(&html, &page_url, &self.opts.base_url, &vars).ok_or_else(|| {
            Diagnostics(vec![
                Diagnostic::in_file(
                    std::path::Path::new("themes")
                        .join(&self.config.theme)
                        .join("templates/base.html")
                        .as_path(),
                    crate::i18n::Msg::new("fragment-no-main", &[]),
                )
                .help(crate::i18n::Msg::new("fragment-no-main-fix", &[])),
            ])
        })?;
        Ok(OutputFile {
            path: address::fragment_of(&page.path).unwrap_or_default(),
            bytes,
        })
    }
}

/// `html` with the value of every `href` and `src` attribute resolved against `page_url`.
fn absolute_addresses(html: &str, page_url: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = [" href=\"", " src=\""]
        .iter()
        .filter_map(|a| rest.find(a).map(|i| (i, a.len())))
        .min()
    {
        let (i, len) = at;
        let value_start = i + len;
        let Some(value_len) = rest[value_start..].find('"') else {
            break;
        };
        out.push_str(&rest[..value_start]);
        let value = unescape(&rest[value_start..value_start + value_len]);
        out.push_str(&escape(&resolve(page_url, &value)));
        rest = &rest[value_start + value_len..];
    }
    out.push_str(rest);
    out
}

/// `address` as seen from the page at `page_url`: kept when it has a scheme or is an anchor
/// of the fragment itself, else joined to the page's folder (`..` and `.` resolved).
pub fn resolve(page_url: &str, address: &str) -> String {
    let scheme = address.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme || address.starts_with('#') || address.starts_with("//") {
        return address.to_owned();
    }
    let (origin, path) = match page_url.find("://") {
        Some(i) => {
            let after = i + 3;
            let slash = page_url[after..]
                .find('/')
                .map_or(page_url.len(), |n| after + n);
            (&page_url[..slash], &page_url[slash..])
        }
        None => ("", page_url),
    };
    let mut segments: Vec<&str> = if address.starts_with('/') {
        Vec::new()
    } else {
        path.split('/').filter(|s| !s.is_empty()).collect()
    };
    let (address_path, suffix) = match address.find(['?', '#']) {
        Some(i) => address.split_at(i),
        None => (address, ""),
    };
    let ends_in_folder = address_path.is_empty() || address_path.ends_with('/');
    for part in address_path.split('/').filter(|s| !s.is_empty()) {
        match part {
            "." => {}
            ".." => {
                segments.pop();
            }
            p => segments.push(p),
        }
    }
    let mut joined = format!("{origin}/{}", segments.join("/"));
    if ends_in_folder && !segments.is_empty() {
        joined.push('/');
    }
    joined.push_str(suffix);
    joined
}

/// The text of an attribute value as the templates wrote it: escaped by
/// [`crate::theme::escape_html`] (Tera's escape function here), or by hand in a site's own
/// template (`&#x2F;`, `&#x27;`).
fn unescape(value: &str) -> String {
    value
        .replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_resolved_against_the_page() {
        let page = "https://example.or.jp/kojin-joho/versions/2024-04-01/";
        assert_eq!(
            resolve(page, "../../index.html#purposes"),
            "https://example.or.jp/kojin-joho/index.html#purposes"
        );
        assert_eq!(
            resolve(page, "diff/index.html"),
            "https://example.or.jp/kojin-joho/versions/2024-04-01/diff/index.html"
        );
        assert_eq!(
            resolve(page, "../"),
            "https://example.or.jp/kojin-joho/versions/"
        );
        assert_eq!(resolve(page, "#a"), "#a");
        assert_eq!(resolve(page, "mailto:a@b.jp"), "mailto:a@b.jp");
        assert_eq!(resolve(page, "tel:0120-000-000"), "tel:0120-000-000");
        assert_eq!(resolve(page, "/x.css"), "https://example.or.jp/x.css");
        use crate::address::fragment_of;
        assert_eq!(
            fragment_of("versions/2024-04-01/index.html").as_deref(),
            Some("versions/2024-04-01/fragment.html")
        );
        assert_eq!(fragment_of("index.html").as_deref(), Some("fragment.html"));
        assert_eq!(fragment_of("versions/2024-04-01/notice.json"), None);
        assert_eq!(fragment_of("versions/2024-04-01/xindex.html"), None);
    }

    #[test]
    fn an_address_escaped_by_kohyo_is_not_escaped_twice() {
        let html = "<main id=\"main\"><a href=\"a&#39;b&amp;c.html\">x</a></main>";
        let f = String::from_utf8(of_page(html, "https://e.jp/", "https://e.jp/", "").unwrap())
            .unwrap();
        assert!(
            f.contains("href=\"https://e.jp/a&#39;b&amp;c.html\""),
            "{f}"
        );
    }

    #[test]
    fn a_fragment_is_the_main_content_with_absolute_addresses() {
        let html = "<html><body class=\"page-current\"><div class=\"sample-banner\" role=\"note\"><p>見本</p></div><header><a href=\"x\">x</a></header><main id=\"main\">\n<p><a href=\"versions&#x2F;index.html\">改定履歴</a></p>\n</main><footer>f</footer></body></html>";
        let f = String::from_utf8(
            of_page(
                html,
                "https://e.jp/k/",
                "https://e.jp/k/",
                "--accent:#8a1538;",
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            f,
            "<link rel=\"stylesheet\" href=\"https://e.jp/k/kohyo-fragment.css\">\n<div class=\"kohyo-fragment\" lang=\"ja\"><div class=\"kohyo-page page-current\" style=\"--accent:#8a1538;\">\n<div class=\"sample-banner\" role=\"note\"><p>見本</p></div>\n<p><a href=\"https://e.jp/k/versions/index.html\">改定履歴</a></p>\n</div></div>\n"
        );
        assert_eq!(
            of_page("<html></html>", "https://e.jp/", "https://e.jp/", ""),
            None
        );
    }
}
