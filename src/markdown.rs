//! Markdown as kohyo allows it: CommonMark with GFM tables and strikethrough, no raw HTML, no
//! images, and links only to `http(s)`, `mailto`, `tel`, `#anchors` and paths inside the site.
//!
//! [`check`] finds what is not allowed (for the content stage to report with a position);
//! [`to_html`] renders, and neutralises whatever [`check`] would have refused, so that even
//! unchecked text can never inject markup or script.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What a link destination is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// `http://` or `https://`.
    External,
    /// `mailto:` or `tel:`.
    MailOrPhone,
    /// `#anchor` on the same page.
    Fragment,
    /// A path relative to the site root, e.g. `versions/index.html`.
    SiteRelative,
    /// Anything else, with the reason it is refused.
    Refused(String),
}

/// Classifies a link destination. Browsers ignore ASCII whitespace and control characters inside
/// a scheme (`java\tscript:`), so they are ignored here too before deciding.
pub fn classify_link(dest: &str) -> Link {
    let squeezed: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    let lower = squeezed.to_ascii_lowercase();
    if lower.is_empty() {
        return Link::Refused("the link has no address".to_owned());
    }
    if lower.starts_with('#') {
        return Link::Fragment;
    }
    let scheme_end = lower.find([':', '/', '?', '#']);
    if let Some(i) = scheme_end.filter(|&i| lower.as_bytes()[i] == b':') {
        let scheme = &lower[..i];
        return match scheme {
            "http" | "https" if lower[i..].starts_with("://") && lower.len() > i + 3 => {
                Link::External
            }
            "http" | "https" => Link::Refused(format!("`{dest}` is not a complete web address")),
            "mailto" | "tel" => Link::MailOrPhone,
            _ => Link::Refused(format!(
                "links with `{scheme}:` are not allowed; use http(s), mailto or tel"
            )),
        };
    }
    if lower.starts_with("//") {
        return Link::Refused(format!(
            "`{dest}` leaves out the scheme; write the full address with https://"
        ));
    }
    if lower.starts_with('/') {
        return Link::Refused(format!(
            "`{dest}` starts with `/` and would break when the site is opened from a copy; \
             write a full https:// address or a path relative to the site root"
        ));
    }
    if lower.split(['/', '?', '#']).any(|seg| seg == "..") {
        return Link::Refused(format!("`{dest}` points outside the site"));
    }
    Link::SiteRelative
}

/// Something in a Markdown text that kohyo does not allow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
}

/// How deeply Markdown may nest (quotes in lists in quotes …). A notice needs a few levels;
/// thousands would exhaust the stack of the HTML minifier, so they are refused here.
pub const MAX_DEPTH: usize = 32;

/// Finds raw HTML, images, refused links and excessive nesting in `text`.
pub fn check(text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut depth = 0usize;
    let mut too_deep = false;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match &event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH && !too_deep {
                    too_deep = true;
                    problems.push(Problem {
                        range: range.clone(),
                        message: format!(
                            "the Markdown is nested more than {MAX_DEPTH} levels deep here"
                        ),
                        help: "flatten the quotes, lists or emphasis",
                    });
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        problems.extend(problem_of(event, range, too_deep));
    }
    problems
}

/// What is not allowed in one event of the text, if anything.
fn problem_of(event: Event<'_>, range: Range<usize>, too_deep: bool) -> Option<Problem> {
    let (message, help) = match event {
        Event::Html(html) | Event::InlineHtml(html)
            if html.trim_start().to_ascii_lowercase().starts_with("<br") =>
        {
            (
                format!(
                    "<br> is raw HTML, which is not allowed for a line break: `{}`",
                    html.trim()
                ),
                "to break a line, end it with a backslash (\\) and go on on the next line; an empty line starts a new paragraph",
            )
        }
        Event::Html(html) | Event::InlineHtml(html) => (
            format!("raw HTML is not allowed: `{}`", html.trim()),
            "write it in Markdown; to show a literal `<`, write `\\<`",
        ),
        Event::Start(Tag::Image { .. }) => (
            "images are not allowed in the notice".to_owned(),
            "remove the image, or link to it with [text](https://…)",
        ),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            ..
        }) if link_type != LinkType::Email && !too_deep => match classify_link(&dest_url) {
            Link::Refused(why) => (
                why,
                "links may go to https://…, mailto:…, tel:…, #anchor or a page of this site",
            ),
            _ => return None,
        },
        _ => return None,
    };
    Some(Problem {
        range,
        message,
        help,
    })
}

/// Where a Markdown link to one of `forms` is written in `text`: `[…](form)`, `[…](form
/// "title")` or `<form>`; the span of the destination.
pub fn written_links(text: &str, forms: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    for form in forms {
        for open in ["](", "<"] {
            let needle = format!("{open}{form}");
            for (at, _) in text.match_indices(&needle) {
                let start = at + open.len();
                let end = start + form.len();
                let next = text[end..].chars().next();
                let closes = match open {
                    "<" => next == Some('>'),
                    _ => matches!(next, Some(')' | ' ')),
                };
                if closes && !spans.contains(&(start..end)) {
                    spans.push(start..end);
                }
            }
        }
    }
    spans
}

/// Where the links of a version's Markdown go, seen from the page showing it.
pub struct Links<'a> {
    /// The relative path from the page to the site root.
    pub root: &'a str,
    /// Put before links to an anchor of the notice.
    pub anchor_prefix: &'a str,
    /// The relative path from the page to the version's folder (`versions/2025-04-01/`).
    pub files: &'a str,
    /// The names of the version's attachments: a link to one goes to the version's folder.
    pub attachments: &'a [String],
}

/// Renders Markdown to HTML, with the links of `links`: site-relative links get the way to
/// the site root (so they work at any depth and from `file://`), links to the version's
/// attachments its folder, anchors of the notice its prefix. Headings are shifted down two
/// levels (`#` → `<h3>`) because the notice's own title and section headings are `<h1>` and
/// `<h2>`. With `inline`, a single paragraph is returned without its `<p>`.
pub fn to_html(text: &str, links: &Links<'_>, inline: bool) -> String {
    let text = if inline {
        as_one_paragraph(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut dropped_links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(&text, options()).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = resolved_link(link_type, dest_url, links);
            dropped_links.push(dest.is_none());
            dest.map(|dest_url| {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            })
        }
        Event::End(TagEnd::Link) => {
            if dropped_links.pop().unwrap_or(false) {
                None
            } else {
                Some(Event::End(TagEnd::Link))
            }
        }
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: shift(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(shift(level)))),
        other => Some(other),
    });
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if inline {
        return without_paragraph(html);
    }
    html
}

/// An inline text's HTML without the one paragraph around it.
fn without_paragraph(html: String) -> String {
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .filter(|inner| !inner.contains("<p>"))
    {
        Some(inner) => inner.to_owned(),
        None => html,
    }
}

/// Where a link of the text goes from the page, or `None` for a link that is refused (its
/// text stays, without the link): an anchor gets the notice's prefix, a version's attachment
/// its folder, a path inside the site the way to the site root.
fn resolved_link<'t>(
    link_type: LinkType,
    dest_url: CowStr<'t>,
    links: &Links<'_>,
) -> Option<CowStr<'t>> {
    if link_type == LinkType::Email {
        return Some(dest_url);
    }
    match classify_link(&dest_url) {
        Link::Fragment if !links.anchor_prefix.is_empty() => Some(CowStr::from(format!(
            "#{}{}",
            links.anchor_prefix,
            dest_url.trim_start_matches('#')
        ))),
        Link::External | Link::MailOrPhone | Link::Fragment => Some(dest_url),
        Link::SiteRelative if links.attachments.iter().any(|a| *a == *dest_url) => {
            Some(CowStr::from(format!("{}{dest_url}", links.files)))
        }
        Link::SiteRelative => Some(CowStr::from(format!("{}{dest_url}", links.root))),
        Link::Refused(_) => None,
    }
}

/// An inline text (a list item, a cell, a purpose) is one paragraph: a leading `1. `, `- `,
/// `# ` or `> ` is part of its words, not a list, heading or quote (「1. 法令に基づく場合」 typed
/// into an item stays text), and leading spaces do not make it code.
fn as_one_paragraph(text: &str) -> std::borrow::Cow<'_, str> {
    let t = text.trim_start_matches([' ', '\t']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let after = |i: usize| t[i..].chars().next().is_none_or(char::is_whitespace);
    let escape_at =
        if (1..=9).contains(&digits) && t[digits..].starts_with(['.', ')']) && after(digits + 1) {
            Some(digits)
        } else if t.starts_with(['-', '*', '+']) && after(1) {
            Some(0)
        } else if t.starts_with('#') {
            let hashes = t.bytes().take_while(|b| *b == b'#').count();
            (hashes <= 6 && after(hashes)).then_some(0)
        } else if t.starts_with('>') {
            Some(0)
        } else {
            None
        };
    match escape_at {
        Some(i) => std::borrow::Cow::Owned(format!("{}\\{}", &t[..i], &t[i..])),
        None if t.len() != text.len() => std::borrow::Cow::Borrowed(t),
        None => std::borrow::Cow::Borrowed(text),
    }
}

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The HTML of `text` on a page whose way to the site root is `root`.
    fn html_at(text: &str, root: &str, inline: bool) -> String {
        let links = Links {
            root,
            anchor_prefix: "",
            files: "",
            attachments: &[],
        };
        to_html(text, &links, inline)
    }

    #[test]
    fn an_inline_text_that_starts_like_a_list_stays_text() {
        assert_eq!(
            html_at("1. 法令に基づく場合", "", true),
            "1. 法令に基づく場合"
        );
        assert_eq!(html_at("- 加入者", "", true), "- 加入者");
        assert_eq!(html_at("# 見出しではない", "", true), "# 見出しではない");
        assert_eq!(html_at("    字下げ", "", true), "字下げ");
        assert_eq!(html_at("2025年4月1日", "", true), "2025年4月1日");
        // Prose blocks keep Markdown's lists.
        assert!(html_at("1. 一つ目\n2. 二つ目", "", false).contains("<ol>"));
    }

    #[test]
    fn links_are_classified() {
        assert_eq!(classify_link("https://example.jp"), Link::External);
        assert_eq!(classify_link("mailto:a@example.jp"), Link::MailOrPhone);
        assert_eq!(classify_link("tel:022-235-5896"), Link::MailOrPhone);
        assert_eq!(classify_link("#beppyo"), Link::Fragment);
        assert_eq!(classify_link("versions/index.html"), Link::SiteRelative);
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
            "//evil.example",
            "/abs/path",
            "../../etc",
            "https:",
            "",
        ] {
            assert!(
                matches!(classify_link(bad), Link::Refused(_)),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn raw_html_is_reported_and_rendered_as_text() {
        let text = "a <script>alert(1)</script> b\n\n<div onclick=x>c</div>\n";
        assert_eq!(check(text).len(), 3);
        let html = html_at(text, "", false);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn refused_links_keep_their_text_but_lose_the_link() {
        let text = "[click](javascript:alert(1)) and ![x](https://e.jp/x.png \"t\")";
        assert_eq!(check(text).len(), 2);
        let html = html_at(text, "", true);
        assert_eq!(html, "click and x");
    }

    #[test]
    fn site_relative_links_get_the_root_prefix() {
        let html = html_at("[履歴](versions/index.html) <https://e.jp>", "../../", true);
        assert_eq!(
            html,
            "<a href=\"../../versions/index.html\">履歴</a> <a href=\"https://e.jp\">https://e.jp</a>"
        );
    }

    #[test]
    fn fuzz_regression_link_text_that_looks_like_markup_stays_text() {
        // Found by `cargo fuzz run markdown` (the oracle then mistook text for a tag).
        let text = "[x](javascript:al](ja`vascript:alert(href=\"data:zipt | b[x](jacript>x<>lert(|-|\n|$ 1 | 2 |\n";
        for inline in [false, true] {
            let html = html_at(text, "../", inline);
            assert!(!html.contains("<a "), "{html}");
            assert!(!html.contains("<script"), "{html}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_once() {
        let deep = format!("{}x", "> ".repeat(1000));
        let problems = check(&deep);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("nested more than 32 levels"));
        assert!(check(&format!("{}x", "> ".repeat(10))).is_empty());
    }

    #[test]
    fn headings_start_below_the_section_heading() {
        assert_eq!(html_at("# a", "", false), "<h3>a</h3>\n");
    }
}
