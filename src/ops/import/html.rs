//! A web page saved from the browser, as pieces: the notice's part of the page (`main`,
//! `article`, an element whose id or class says content — or the part `--part` names), without
//! the site's header, menu and footer; headings, paragraphs (`<br>` breaks lines), lists with
//! the markers they show, tables (`rowspan`/`colspan` as empty cells), `dl` as `label：value`
//! lines, links kept as Markdown links.

use super::dom::{Child, Node, collapse, inline, link, parse};
use super::pieces::{Piece, Span};

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

/// The page's header: the site's header is not the notice, but the notice's own title, the
/// page's title and what stands above them may be in it.
fn header(n: &Node, out: &mut Vec<Piece>) {
    if let Some(h1) = n.find(&|x| x.tag == "h1" && x.class_has(&["page-title"])) {
        out.push(Piece::PageTitle(inline(h1)));
    }
    if let Some(front) = n.find(&|x| x.class_has(&["front"])) {
        block(front, out);
    }
    if let Some(title) = n.find(&|x| x.class_has(&["document-title"])) {
        out.push(Piece::Heading {
            level: 0,
            number: None,
            text: inline(title),
        });
    } else if let Some(h1) = n.find(&|x| x.tag == "h1") {
        out.push(Piece::Heading {
            level: 0,
            number: None,
            text: inline(h1),
        });
    }
}

/// One block-level element.
fn block(n: &Node, out: &mut Vec<Piece>) {
    if CHROME_TAGS.contains(&n.tag.as_str()) || n.class_has(CHROME_CLASSES) {
        return;
    }
    if kohyo_block(n, out) {
        return;
    }
    match n.tag.as_str() {
        "header" => header(n, out),
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

/// A block a page kohyo built says exactly, a prose div, the front, or a section with its
/// anchor and end: `true` when `n` was one and nothing more is to be read of it.
fn kohyo_block(n: &Node, out: &mut Vec<Piece>) -> bool {
    // A page kohyo built says what each block is.
    if let Some(table) = super::kohyo_html::block_of(n) {
        out.push(Piece::Block(table));
        return true;
    }
    if n.tag == "div" && n.class_has(&["prose"]) {
        out.push(Piece::Markdown(super::dom::markdown(n)));
        return true;
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
        return true;
    }
    false
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
    // How many more rows each column is covered by a cell above that spans down.
    let mut below: Vec<usize> = Vec::new();
    for tr in rows {
        let mut cells = Vec::new();
        let mut spans = Vec::new();
        let mut header = true;
        let mut col = 0;
        for cell in tr
            .elements()
            .filter(|e| matches!(e.tag.as_str(), "td" | "th"))
        {
            covered_from_above(&mut below, &mut col, &mut cells, &mut spans);
            header &= cell.tag == "th" && cell.attrs.get("scope").is_none_or(|s| s != "row");
            let span = |name: &str| -> usize {
                cell.attrs
                    .get(name)
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1)
                    .clamp(1, crate::blocks::MAX_SPAN)
            };
            let (colspan, rowspan) = (span("colspan"), span("rowspan"));
            cells.push(cell_lines(cell));
            spans.push(if colspan > 1 || rowspan > 1 {
                Span::Start {
                    cols: colspan,
                    rows: rowspan,
                }
            } else {
                Span::One
            });
            for k in 0..colspan {
                if below.len() <= col + k {
                    below.resize(col + k + 1, 0);
                }
                below[col + k] = rowspan - 1;
                if k > 0 {
                    cells.push(String::new());
                    spans.push(Span::Covered);
                }
            }
            col += colspan;
        }
        covered_from_above(&mut below, &mut col, &mut cells, &mut spans);
        out.push(Piece::Row {
            cells,
            header,
            spans,
        });
    }
}

/// The places from `col` on that cells above cover (`below` counts, per column, the rows
/// still covered): empty cells, marked covered.
fn covered_from_above(
    below: &mut [usize],
    col: &mut usize,
    cells: &mut Vec<String>,
    spans: &mut Vec<Span>,
) {
    while below.get(*col).is_some_and(|&s| s > 0) {
        below[*col] -= 1;
        cells.push(String::new());
        spans.push(Span::Covered);
        *col += 1;
    }
}

/// A cell's text: its paragraphs and list items, one per line.
fn cell_lines(cell: &Node) -> String {
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
    lines.join("\n")
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
