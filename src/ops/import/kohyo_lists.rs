//! The lists of a page kohyo built: marked lists with their marker (a name, a format such as
//! `第{n}条`, a symbol, or none), items with bodies, anchors and sub-lists.

use toml::{Table, Value};

use super::dom::{Child, Node, collapse, element_markdown, inline, markdown};
use super::draft::{block, markdown_safe};

/// `ul.marked-list`, `ol.marked-list`: a list block with its marker and items.
pub(super) fn marked_list(n: &Node) -> Table {
    let mut t = block("list");
    let (items, markers) = full_items(n);
    put_marker(&mut t, n, &markers);
    t.insert("items".into(), Value::Array(items));
    t
}

/// The `marker` and `start` of a list whose items show `markers` (a `no-marker` list: none).
pub(super) fn put_marker(t: &mut Table, list: &Node, markers: &[String]) {
    if list.class_has(&["no-marker"]) || markers.iter().all(String::is_empty) {
        t.insert("marker".into(), "none".into());
        return;
    }
    let (marker, start) = super::lines::marker_of(markers);
    if marker != crate::values::Marker::Bullet
        && let Ok(m) = Value::try_from(&marker)
    {
        t.insert("marker".into(), m);
    }
    if let Some(start) = start {
        t.insert("start".into(), i64::from(start).into());
    }
}

/// The items of a marked list, each a text or, with a body, an anchor or a sub-list, a table;
/// and the markers they show.
pub(super) fn full_items(list: &Node) -> (Vec<Value>, Vec<String>) {
    let mut items = Vec::new();
    let mut markers = Vec::new();
    for li in list.elements().filter(|e| e.tag == "li") {
        markers.push(
            li.elements()
                .find(|e| e.class_has(&["marker"]))
                .map(inline)
                .unwrap_or_default(),
        );
        let text = inline_without(li, &["marker", "item-body"]);
        let body = li
            .elements()
            .find(|e| e.class_has(&["item-body"]))
            .map(markdown);
        let sub = li
            .elements()
            .find(|e| matches!(e.tag.as_str(), "ul" | "ol"));
        let id = li.attrs.get("id").cloned();
        if body.is_none() && sub.is_none() && id.is_none() {
            items.push(Value::String(text));
            continue;
        }
        let mut item = Table::new();
        item.insert("text".into(), text.into());
        if let Some(body) = body {
            item.insert("body".into(), body.into());
        }
        if let Some(id) = id {
            item.insert("id".into(), id.into());
        }
        if let Some(sub) = sub {
            let (sub_items, sub_markers) = full_items(sub);
            put_marker(&mut item, sub, &sub_markers);
            item.insert("items".into(), Value::Array(sub_items));
        }
        items.push(Value::Table(item));
    }
    (items, markers)
}

/// An element's inline text as Markdown, without its marker, body, and sub-lists.
pub(super) fn inline_without(n: &Node, classes: &[&str]) -> String {
    let mut out = String::new();
    for child in &n.children {
        match child {
            Child::Text(t) => out.push_str(&markdown_safe(&collapse(t))),
            Child::Element(e) if e.class_has(classes) || matches!(e.tag.as_str(), "ul" | "ol") => {}
            Child::Element(e) => out.push_str(&element_markdown(e)),
        }
    }
    out.trim().to_owned()
}

/// `div.note`: its mark, its text, and its list.
pub(super) fn note(n: &Node) -> Table {
    let mut t = block("note");
    let p = n.elements().find(|e| e.tag == "p");
    if let Some(mark) = n.find(&|e| e.class_has(&["note-mark"])) {
        let mark = inline(mark);
        if mark != "※" {
            t.insert("mark".into(), mark.into());
        }
    }
    let text = p
        .map(|p| inline_without(p, &["note-mark"]))
        .unwrap_or_default();
    t.insert("text".into(), text.into());
    if let Some(list) = n.elements().find(|e| matches!(e.tag.as_str(), "ul" | "ol")) {
        let (items, markers) = full_items(list);
        put_marker(&mut t, list, &markers);
        t.insert("items".into(), Value::Array(items));
    }
    t
}
