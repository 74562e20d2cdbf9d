//! A web page saved from the browser, as pieces: the notice's part of the page (`main`,
//! `article`, an element whose id or class says content — or the part `--part` names), without
//! the site's header, menu and footer; headings, paragraphs (`<br>` breaks lines), lists with
//! the markers they show, tables (`rowspan`/`colspan` as empty cells), `dl` as `label：value`
//! lines, links kept as Markdown links.

use std::collections::BTreeMap;

use super::pieces::Piece;

/// An element of the page.
#[derive(Debug, Default)]
pub(super) struct Node {
    pub(super) tag: String,
    pub(super) attrs: BTreeMap<String, String>,
    pub(super) children: Vec<Child>,
}

#[derive(Debug)]
pub(super) enum Child {
    Element(Node),
    Text(String),
}

/// Elements that never have content.
const VOID: &[&str] = &[
    "br", "img", "hr", "meta", "link", "input", "wbr", "source", "col", "area", "base",
];

/// Elements whose end is implied by the start of another of the same kind (or of these).
const IMPLIED: &[(&str, &[&str])] = &[
    (
        "p",
        &[
            "p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "section",
        ],
    ),
    ("li", &["li"]),
    ("td", &["td", "th", "tr"]),
    ("th", &["td", "th", "tr"]),
    ("tr", &["tr"]),
    ("dt", &["dt", "dd"]),
    ("dd", &["dt", "dd"]),
];

/// The tree of `html`, forgiving as browsers are.
fn parse(html: &str) -> Node {
    let mut stack = vec![Node {
        tag: "#root".to_owned(),
        ..Node::default()
    }];
    for token in html5gum::Tokenizer::new(html).flatten() {
        match token {
            html5gum::Token::StartTag(tag) => start_tag(&mut stack, &tag),
            html5gum::Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if stack.iter().skip(1).any(|n| n.tag == name) {
                    while stack.len() > 1 {
                        let done = stack.last().is_some_and(|n| n.tag == name);
                        close_top(&mut stack);
                        if done {
                            break;
                        }
                    }
                }
            }
            html5gum::Token::String(s) => {
                if let Some(top) = stack.last_mut() {
                    top.children
                        .push(Child::Text(String::from_utf8_lossy(&s.value).into_owned()));
                }
            }
            _ => {}
        }
    }
    while stack.len() > 1 {
        close_top(&mut stack);
    }
    stack.pop().unwrap_or_default()
}

/// An element opens: the elements its start implies the end of are closed; an element
/// without content is added at once.
fn start_tag(stack: &mut Vec<Node>, tag: &html5gum::StartTag<()>) {
    let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
    while let Some(top) = stack.last() {
        let implied = IMPLIED
            .iter()
            .any(|(open, by)| *open == top.tag && by.contains(&name.as_str()));
        if !implied || stack.len() == 1 {
            break;
        }
        close_top(stack);
    }
    let attrs = tag
        .attributes
        .iter()
        .map(|(k, v)| {
            (
                String::from_utf8_lossy(k).to_ascii_lowercase(),
                String::from_utf8_lossy(&v.value).into_owned(),
            )
        })
        .collect();
    let node = Node {
        tag: name.clone(),
        attrs,
        children: Vec::new(),
    };
    if VOID.contains(&name.as_str()) || tag.self_closing {
        if let Some(top) = stack.last_mut() {
            top.children.push(Child::Element(node));
        }
    } else {
        stack.push(node);
    }
}

fn close_top(stack: &mut Vec<Node>) {
    if let Some(node) = stack.pop()
        && let Some(parent) = stack.last_mut()
    {
        parent.children.push(Child::Element(node));
    }
}

impl Node {
    pub(super) fn class_has(&self, words: &[&str]) -> bool {
        let class = self.attrs.get("class").map_or("", String::as_str);
        let id = self.attrs.get("id").map_or("", String::as_str);
        class
            .split_whitespace()
            .chain(std::iter::once(id))
            .any(|c| words.iter().any(|w| c.eq_ignore_ascii_case(w)))
    }

    pub(super) fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(n) => Some(n),
            Child::Text(_) => None,
        })
    }

    /// The first element (depth first) for which `wanted` holds.
    pub(super) fn find(&self, wanted: &dyn Fn(&Node) -> bool) -> Option<&Node> {
        if wanted(self) {
            return Some(self);
        }
        self.elements().find_map(|n| n.find(wanted))
    }
}

/// The pieces of the page `html`; `part` names the element holding the notice (`#id` or a
/// tag), when kohyo should not find it itself.
pub fn pieces(html: &str, part: Option<&str>) -> Vec<Piece> {
    let root = parse(html);
    let notice = match part {
        Some(p) => match p.strip_prefix('#') {
            Some(id) => root.find(&|n| n.attrs.get("id").is_some_and(|v| v == id)),
            None => root.find(&|n| n.tag == p.to_ascii_lowercase()),
        },
        None => None,
    }
    .or_else(|| root.find(&|n| n.tag == "article" && n.class_has(&["notice"])))
    .or_else(|| root.find(&|n| n.tag == "main"))
    .or_else(|| root.find(&|n| n.tag == "article"))
    .or_else(|| {
        root.find(&|n| {
            n.tag == "div"
                && n.class_has(&[
                    "content",
                    "contents",
                    "main",
                    "main-content",
                    "entry-content",
                    "post",
                ])
        })
    })
    .or_else(|| root.find(&|n| n.tag == "body"))
    .unwrap_or(&root);
    let mut out = Vec::new();
    // The title is the page's h1 even when the notice's part is below it.
    if notice.find(&|n| n.tag == "h1").is_none()
        && let Some(h1) = root.find(&|n| n.tag == "h1")
    {
        out.push(Piece::Heading {
            level: 0,
            number: None,
            text: inline(h1),
        });
    }
    blocks(notice, &mut out);
    out
}

/// What the site around a notice is made of, never part of it.
const CHROME_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
    "iframe", "svg",
];
const CHROME_CLASSES: &[&str] = &[
    "banner",
    "version-meta",
    "history-link",
    "skip-link",
    "breadcrumb",
    "breadcrumbs",
    "toc",
    "sample-banner",
    "site-header",
    "site-footer",
    "print-address",
    "global-nav",
    "gnav",
    "menu",
    "sidebar",
    "pagetop",
    "page-top",
];

/// The pieces of the blocks inside `node`.
fn blocks(node: &Node, out: &mut Vec<Piece>) {
    let mut line = String::new();
    for child in &node.children {
        let n = match child {
            Child::Text(t) => {
                line.push_str(&collapse(t));
                continue;
            }
            Child::Element(n) => n,
        };
        if is_inline(n) {
            match n.tag.as_str() {
                "br" => flush_line(&mut line, out),
                "a" => line.push_str(&link(n)),
                _ => line.push_str(&inline(n)),
            }
            continue;
        }
        flush_line(&mut line, out);
        block(n, out);
    }
    flush_line(&mut line, out);
}

fn flush_line(line: &mut String, out: &mut Vec<Piece>) {
    let text = line.trim();
    if !text.is_empty() {
        out.push(Piece::Text(text.to_owned()));
    }
    line.clear();
}

/// One block-level element.
fn block(n: &Node, out: &mut Vec<Piece>) {
    if CHROME_TAGS.contains(&n.tag.as_str()) || n.class_has(CHROME_CLASSES) {
        return;
    }
    // A page kohyo built says what each block is.
    if let Some(table) = super::kohyo_html::block_of(n) {
        out.push(Piece::Block(table));
        return;
    }
    if n.tag == "div" && n.class_has(&["prose"]) {
        out.push(Piece::Markdown(super::kohyo_html::markdown(n)));
        return;
    }
    if n.tag == "div" && n.class_has(&["front"]) {
        out.push(Piece::Front);
    }
    if n.tag == "section"
        && n.find(&|e| e.tag.len() == 2 && e.tag.starts_with('h'))
            .is_some()
    {
        let start = out.len();
        blocks(n, out);
        let heading = out[start..]
            .iter()
            .position(|p| matches!(p, Piece::Heading { .. }));
        if let (Some(at), Some(id)) = (
            heading,
            n.attrs.get("id").filter(|id| !is_generated_anchor(id)),
        ) {
            out.insert(start + at + 1, Piece::Anchor(id.clone()));
        }
        if heading.is_some() {
            out.push(Piece::EndSection);
        }
        return;
    }
    match n.tag.as_str() {
        "header" => {
            // The site's header is not the notice; the notice's own title and what stands
            // above it may be in it.
            if let Some(front) = n.find(&|x| x.class_has(&["front"])) {
                block(front, out);
            }
            if let Some(h1) = n.find(&|x| x.tag == "h1") {
                out.push(Piece::Heading {
                    level: 0,
                    number: None,
                    text: inline(h1),
                });
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = usize::from(n.tag.as_bytes()[1] - b'1');
            let number = n.find(&|x| x.class_has(&["section-number"])).map(inline);
            let text = if number.is_some() {
                inline_without_number(n)
            } else {
                inline(n)
            };
            out.push(Piece::Heading {
                level,
                number,
                text,
            });
        }
        "ul" | "ol" => list(n, out),
        "table" => {
            table(n, out);
            out.push(Piece::Break);
        }
        "dl" => definitions(n, out),
        "p" | "address" | "blockquote" | "div" | "section" | "article" | "main" | "body"
        | "center" | "figure" | "figcaption" | "li" | "dd" | "dt" | "span" | "font" | "strong"
        | "b" => {
            blocks(n, out);
            if n.tag == "address" {
                out.push(Piece::Break);
            }
        }
        _ => blocks(n, out),
    }
}

/// Whether an anchor is one kohyo makes up from a section's place (`section-3-1`).
fn is_generated_anchor(id: &str) -> bool {
    id.strip_prefix("section-")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '-'))
}

/// A heading's text without the number kohyo shows apart.
fn inline_without_number(n: &Node) -> String {
    let mut out = String::new();
    for child in &n.children {
        match child {
            Child::Text(t) => out.push_str(&collapse(t)),
            Child::Element(e) if e.class_has(&["section-number"]) => {}
            Child::Element(e) => out.push_str(&inline(e)),
        }
    }
    out.trim().to_owned()
}

/// Whether an element is text within a line.
fn is_inline(n: &Node) -> bool {
    const INLINE: &[&str] = &[
        "a", "span", "strong", "b", "em", "i", "u", "small", "sup", "sub", "br", "font", "code",
        "time", "abbr", "mark", "ruby", "label", "q", "s", "cite", "bdi", "bdo", "data", "wbr",
        "img",
    ];
    INLINE.contains(&n.tag.as_str())
        && n.find(&|x| {
            matches!(
                x.tag.as_str(),
                "p" | "div" | "ul" | "ol" | "table" | "h2" | "h3" | "dl"
            )
        })
        .is_none()
}

/// The text of an element as one line: whitespace collapsed, links as Markdown links (a web
/// or mail address; others as their text), ruby without its reading.
pub(super) fn inline(n: &Node) -> String {
    let mut out = String::new();
    for child in &n.children {
        match child {
            Child::Text(t) => out.push_str(&collapse(t)),
            Child::Element(e) if e.tag == "br" => out.push(' '),
            Child::Element(e) if matches!(e.tag.as_str(), "rt" | "rp" | "script" | "style") => {}
            Child::Element(e) if e.tag == "a" => out.push_str(&link(e)),
            Child::Element(e) => out.push_str(&inline(e)),
        }
    }
    out.trim().to_owned()
}

/// A link as Markdown: `<https://…>` when it shows its address, `[text](https://…)` when it
/// shows text; a link to anything but a web or mail address is its text.
pub(super) fn link(a: &Node) -> String {
    let text = inline(a);
    let href = a.attrs.get("href").map_or("", |h| h.trim());
    // A link to a place on the same page is kept as it is.
    if href.starts_with('#') && href.len() > 1 && !text.is_empty() {
        return format!("[{text}]({href})");
    }
    let web = href.starts_with("https://") || href.starts_with("http://");
    let mail = href.starts_with("mailto:");
    if !(web || mail) || text.is_empty() {
        return text;
    }
    let shown = href.trim_start_matches("mailto:");
    if text == href || text == shown {
        format!("<{href}>")
    } else {
        format!("[{text}]({href})")
    }
}

/// Runs of whitespace as one space; a line break between two Japanese characters as nothing
/// (as a browser shows Japanese text broken across lines in the source).
pub(super) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Whitespace seen since the last character, and whether it held a line break.
    let (mut pending, mut broken) = (false, false);
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            pending = true;
            broken |= c == '\n';
            continue;
        }
        if pending {
            let wide = |x: char| x as u32 >= 0x3000;
            // At the start, what came before is in another node: a space unless a line break
            // (source formatting) stood there.
            let joined = if out.is_empty() {
                broken
            } else {
                broken && out.chars().last().is_some_and(wide) && wide(c)
            };
            if !joined {
                out.push(' ');
            }
        }
        (pending, broken) = (false, false);
        out.push(c);
    }
    if pending {
        out.push(' ');
    }
    out
}

/// A list: each item with the marker it shows (a `span.marker`, or the start of its text),
/// or its number in an `ol`.
fn list(n: &Node, out: &mut Vec<Piece>) {
    let ordered = n.tag == "ol";
    let start: usize = n
        .attrs
        .get("start")
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    for (i, li) in n.elements().filter(|e| e.tag == "li").enumerate() {
        let marker = li.find(&|x| x.class_has(&["marker"])).map(inline);
        let mut text = String::new();
        let mut nested = Vec::new();
        for child in &li.children {
            match child {
                Child::Text(t) => text.push_str(&collapse(t)),
                Child::Element(e) if e.class_has(&["marker"]) => {}
                Child::Element(e) if matches!(e.tag.as_str(), "ul" | "ol") => nested.push(e),
                Child::Element(e) if e.tag == "a" => text.push_str(&link(e)),
                Child::Element(e) => text.push_str(&inline(e)),
            }
        }
        let text = text.trim().to_owned();
        let item = match marker {
            Some(m) => Piece::Item {
                marker: Some(m),
                text,
            },
            None => match super::lines::item(&text) {
                Some((m, rest)) => Piece::Item {
                    marker: Some(m),
                    text: rest,
                },
                None if ordered => Piece::Item {
                    marker: Some(format!("{}.", start + i)),
                    text,
                },
                None => Piece::Item {
                    marker: Some("•".to_owned()),
                    text,
                },
            },
        };
        out.push(item);
        for sub in nested {
            list(sub, out);
        }
    }
    out.push(Piece::Break);
}

/// A table's rows: merged cells (`rowspan`, `colspan`) as empty cells where they reach.
fn table(n: &Node, out: &mut Vec<Piece>) {
    let mut rows = Vec::new();
    collect_rows(n, &mut rows);
    let mut spans: Vec<usize> = Vec::new();
    for tr in rows {
        let mut cells = Vec::new();
        let mut header = true;
        let mut col = 0;
        for cell in tr
            .elements()
            .filter(|e| matches!(e.tag.as_str(), "td" | "th"))
        {
            while spans.get(col).is_some_and(|&s| s > 0) {
                spans[col] -= 1;
                cells.push(String::new());
                col += 1;
            }
            header &= cell.tag == "th" && cell.attrs.get("scope").is_none_or(|s| s != "row");
            let mut lines = Vec::new();
            let mut inner = Vec::new();
            blocks(cell, &mut inner);
            for p in inner {
                match p {
                    Piece::Text(t) => lines.push(t),
                    Piece::Item { marker, text } => {
                        lines.push(format!("{}{text}", marker.unwrap_or_default()))
                    }
                    _ => {}
                }
            }
            let rowspan: usize = cell
                .attrs
                .get("rowspan")
                .and_then(|s| s.parse().ok())
                .unwrap_or(1);
            let colspan: usize = cell
                .attrs
                .get("colspan")
                .and_then(|s| s.parse().ok())
                .unwrap_or(1);
            cells.push(lines.join("\n"));
            for k in 0..colspan.max(1) {
                if spans.len() <= col + k {
                    spans.resize(col + k + 1, 0);
                }
                spans[col + k] = rowspan.saturating_sub(1);
                if k > 0 {
                    cells.push(String::new());
                }
            }
            col += colspan.max(1);
        }
        while spans.get(col).is_some_and(|&s| s > 0) {
            spans[col] -= 1;
            cells.push(String::new());
            col += 1;
        }
        out.push(Piece::Row { cells, header });
    }
}

fn collect_rows<'a>(n: &'a Node, rows: &mut Vec<&'a Node>) {
    for e in n.elements() {
        match e.tag.as_str() {
            "tr" => rows.push(e),
            "table" => {}
            _ => collect_rows(e, rows),
        }
    }
}

/// A definition list as `term：description` lines (a contact's 電話：…).
fn definitions(n: &Node, out: &mut Vec<Piece>) {
    let mut term: Option<String> = None;
    let mut visit = |e: &Node, out: &mut Vec<Piece>| match e.tag.as_str() {
        "dt" => term = Some(inline(e)),
        "dd" => {
            let text = inline(e);
            match term.take() {
                Some(t) => out.push(Piece::Text(format!("{t}：{text}"))),
                None => out.push(Piece::Text(text)),
            }
        }
        _ => {}
    };
    for e in n.elements() {
        if e.tag == "div" {
            for inner in e.elements() {
                visit(inner, out);
            }
        } else {
            visit(e, out);
        }
    }
    out.push(Piece::Break);
}
