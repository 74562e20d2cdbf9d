//! The links of the rendered site: every internal link must reach a page of the site (and the
//! anchor it names); external links are only listed, never fetched.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::rule;
use crate::error::Diagnostic;
use crate::render::OutputFile;
use crate::values::web::has_web_scheme;

/// The values of an attribute (`href`, `id`) in HTML written by kohyo's templates and Markdown
/// renderer, which always quote attributes with `"`.
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn decode(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
}

/// A path as the browser asks for it: `%E9%96%8B…` is `開…` (Markdown links to an attachment
/// with a Japanese name are written percent-encoded).
pub(crate) fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(Some(h)), Some(Some(l))) = (
                bytes.get(i + 1).map(|b| hex(*b)),
                bytes.get(i + 2).map(|b| hex(*b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// Resolves `href` relative to the page at `page` (both relative to the site root).
fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if href.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// A link of a page that does not reach its target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page, relative to the site root.
    pub page: String,
    /// The link as the page has it (relative to the page).
    pub href: String,
    /// Why it is broken, in plain words.
    pub why: String,
}

impl BrokenLink {
    /// The problem, on the page.
    pub fn on_page(&self) -> Diagnostic {
        rule("links/broken").in_file(
            std::path::Path::new(&self.page),
            &format!("`{}` ({})", self.href, self.why),
        )
    }
}

/// Checks the internal links of every HTML page; returns the problems and the external links
/// (address → pages that link to it).
pub fn check_links(files: &[OutputFile]) -> (Vec<Diagnostic>, BTreeMap<String, Vec<String>>) {
    let (broken, external) = broken_links(files);
    (broken.iter().map(BrokenLink::on_page).collect(), external)
}

/// The internal links of every HTML page that do not reach their target, and the external
/// links (address → pages that link to it).
pub fn broken_links(files: &[OutputFile]) -> (Vec<BrokenLink>, BTreeMap<String, Vec<String>>) {
    let pages: HashMap<&str, String> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            (
                f.path.as_str(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect();
    let site = Targets {
        paths: files.iter().map(|f| f.path.as_str()).collect(),
        ids: pages
            .iter()
            .map(|(p, html)| {
                let ids = attribute_values(html, "id").into_iter().map(decode);
                (*p, ids.collect())
            })
            .collect(),
    };
    let mut problems = Vec::new();
    let mut external: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut sorted: Vec<&&str> = pages.keys().collect();
    sorted.sort();
    for page in sorted {
        for href in attribute_values(&pages[*page], "href") {
            let href = decode(href);
            let lower = href.to_ascii_lowercase();
            if has_web_scheme(&href) {
                external
                    .entry(href.clone())
                    .or_default()
                    .push((*page).to_owned());
                continue;
            }
            if lower.starts_with("mailto:") || lower.starts_with("tel:") {
                continue;
            }
            if let Some(why) = site.why_broken(page, &href) {
                problems.push(BrokenLink {
                    page: (*page).to_owned(),
                    href: href.clone(),
                    why,
                });
            }
        }
    }
    for pages in external.values_mut() {
        pages.dedup();
    }
    (problems, external)
}

/// What a link inside the site can reach: the files, and the anchors of each page.
struct Targets<'a> {
    paths: HashSet<&'a str>,
    ids: HashMap<&'a str, HashSet<String>>,
}

impl Targets<'_> {
    /// Why `href` on `page` does not reach its target, if it does not.
    fn why_broken(&self, page: &str, href: &str) -> Option<String> {
        let (target, fragment) = match href.split_once('#') {
            Some((t, f)) => (t, Some(f)),
            None => (href, None),
        };
        let target_page = if target.is_empty() {
            Some(page.to_owned())
        } else {
            resolve(page, &percent_decoded(target))
        };
        match &target_page {
            None => Some("it points above the site's root".to_owned()),
            Some(t) if !self.paths.contains(t.as_str()) => Some(format!("there is no {t}")),
            Some(t) => match fragment {
                Some(f)
                    if !f.is_empty()
                        && !self.ids.get(t.as_str()).is_some_and(|s| s.contains(f)) =>
                {
                    Some(format!("{t} has no anchor #{f}"))
                }
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn internal_links_and_anchors_must_resolve() {
        let files = vec![
            file(
                "index.html",
                r##"<a href="versions/index.html">h</a><a href="#purposes">p</a><h2 id="purposes">x</h2><a href="https://e.jp/">e</a>"##,
            ),
            file(
                "versions/index.html",
                r##"<a href="../index.html#purposes">ok</a><a href="2024-04-01/index.html">missing</a><a href="../index.html#nope">bad anchor</a><a href="../../x.html">up</a>"##,
            ),
        ];
        let (problems, external) = check_links(&files);
        let lines: Vec<String> = problems.iter().map(|d| d.headline()).collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(
            lines[0]
                .contains("`2024-04-01/index.html` (there is no versions/2024-04-01/index.html)")
        );
        assert!(lines[1].contains("index.html has no anchor #nope"));
        assert!(lines[2].contains("points above the site's root"));
        assert_eq!(external.keys().collect::<Vec<_>>(), ["https://e.jp/"]);
    }
}
