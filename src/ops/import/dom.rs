//! A saved web page as a tree, built from its tokens (html5gum) as forgivingly as browsers
//! build it: unclosed paragraphs, items and cells are closed by what follows them.

use std::collections::BTreeMap;

use super::draft::markdown_safe;

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
pub(super) fn parse(html: &str) -> Node {
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

/// A `prose` div as the Markdown it was rendered from: paragraphs, lists, emphasis, links.
pub(super) fn markdown(n: &Node) -> String {
    let mut paragraphs = Vec::new();
    for e in n.elements() {
        match e.tag.as_str() {
            "ul" | "ol" => {
                let ordered = e.tag == "ol";
                let lines: Vec<String> = e
                    .elements()
                    .filter(|li| li.tag == "li")
                    .enumerate()
                    .map(|(i, li)| {
                        let lead = if ordered {
                            format!("{}. ", i + 1)
                        } else {
                            "- ".to_owned()
                        };
                        format!("{lead}{}", inline_markdown(li))
                    })
                    .collect();
                paragraphs.push(lines.join("\n"));
            }
            "blockquote" => paragraphs.push(format!("> {}", inline_markdown(e))),
            _ => paragraphs.push(inline_markdown(e)),
        }
    }
    paragraphs.join("\n\n")
}

/// The Markdown of an element's inline content.
fn inline_markdown(n: &Node) -> String {
    let mut out = String::new();
    for child in &n.children {
        match child {
            Child::Text(t) => out.push_str(&markdown_safe(&collapse(t))),
            Child::Element(e) => out.push_str(&element_markdown(e)),
        }
    }
    out.trim().to_owned()
}

/// The Markdown of one inline element.
pub(super) fn element_markdown(e: &Node) -> String {
    match e.tag.as_str() {
        "strong" | "b" => format!("**{}**", inline_markdown(e)),
        "em" | "i" => format!("*{}*", inline_markdown(e)),
        "code" => format!("`{}`", inline(e)),
        "a" => link(e),
        "br" => "  \n".to_owned(),
        "ul" | "ol" => String::new(),
        _ => inline_markdown(e),
    }
}

/// Every element `tag` under `n`, outermost first (not those inside one found).
pub(super) fn collect<'a>(n: &'a Node, tag: &str, out: &mut Vec<&'a Node>) {
    for e in n.elements() {
        if e.tag == tag {
            out.push(e);
        } else {
            collect(e, tag, out);
        }
    }
}
