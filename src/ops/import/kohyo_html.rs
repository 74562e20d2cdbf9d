//! Pages kohyo built, read back exactly: its own markup says what each block is (a `prose`
//! div is Markdown, a `dates` div the dates of enactment, `dl.organization` the business,
//! `address.contact` a contact, `div.record` a record of labelled fields, `table.grid` a table
//! with lists in its cells), so a site moved from one kohyo to another, or a page whose
//! source was lost, comes back as it was written.

use toml::{Table, Value};

use super::dom::{Child, Node, collapse, collect, inline, link, markdown};
use super::draft::block;
use super::kohyo_lists::{full_items, marked_list, note, put_marker};

/// The block `n` is in kohyo's markup, if it is one.
pub fn block_of(n: &Node) -> Option<Table> {
    match n.tag.as_str() {
        "div" if n.class_has(&["dates"]) => dates(n),
        "dl" if n.class_has(&["organization"]) => Some(organization(n)),
        "address" if n.class_has(&["contact"]) => Some(contact(n)),
        "div" if n.class_has(&["record"]) => Some(record(n)),
        "table" if n.class_has(&["grid"]) => Some(super::kohyo_tables::grid(n, &block_of)),
        "table" if n.class_has(&["purposes"]) => Some(purposes(n)),
        "div" if n.class_has(&["purposes-list"]) => Some(purposes_list(n)),
        "div" if n.class_has(&["organization"]) && n.class_has(&["letterhead"]) => {
            Some(letterhead(n))
        }
        "ul" | "ol" if n.class_has(&["marked-list"]) => Some(marked_list(n)),
        "div" if n.class_has(&["note"]) && n.find(&|e| e.class_has(&["note-mark"])).is_some() => {
            Some(note(n))
        }
        _ => None,
    }
}

/// `div.purposes-list`: purposes without categories, as a marked list.
fn purposes_list(n: &Node) -> Table {
    let mut t = block("purposes");
    if let Some(list) = n.elements().find(|e| matches!(e.tag.as_str(), "ul" | "ol")) {
        let (items, markers) = full_items(list);
        put_marker(&mut t, list, &markers);
        t.insert("items".into(), Value::Array(items));
    }
    t
}

/// `div.organization.letterhead`: the business as a letterhead — its name, then a line per
/// field; a line that shows its caption (`span.caption`) is a person (its title and name) or a
/// field whose caption was renamed.
fn letterhead(n: &Node) -> Table {
    let mut t = block("organization");
    t.insert("layout".into(), "letterhead".into());
    let mut captions = Table::new();
    let mut officers = Vec::new();
    for (i, p) in n.elements().filter(|e| e.tag == "p").enumerate() {
        let caption = p.find(&|e| e.class_has(&["caption"])).map(inline);
        let text = super::kohyo_lists::inline_without(p, &["caption"]);
        let href = p
            .find(&|e| e.tag == "a")
            .and_then(|a| a.attrs.get("href").cloned())
            .unwrap_or_default();
        let key = if i == 0 {
            t.insert("name".into(), text.into());
            continue;
        } else if href.starts_with("tel:") {
            let key = if t.contains_key("phone") {
                "fax"
            } else {
                "phone"
            };
            t.insert(key.into(), text.into());
            key
        } else if href.starts_with("mailto:") {
            t.insert(
                "email".into(),
                href.trim_start_matches("mailto:").to_owned().into(),
            );
            "email"
        } else if href.starts_with("http") {
            t.insert("url".into(), href.into());
            "url"
        } else if let Some(title) = caption.as_ref().filter(|_| p.class_has(&["person"])) {
            let mut person = Table::new();
            person.insert("title".into(), title.clone().into());
            person.insert("name".into(), text.into());
            if t.contains_key("representative") || !is_representative(title) {
                officers.push(Value::Table(person));
            } else {
                t.insert("representative".into(), Value::Table(person));
            }
            continue;
        } else {
            letterhead_line(&mut t, text)
        };
        if let Some(c) = caption {
            captions.insert(key.into(), c.into());
        }
    }
    if !officers.is_empty() {
        t.insert("officers".into(), Value::Array(officers));
    }
    if !captions.is_empty() {
        t.insert("captions".into(), Value::Table(captions));
    }
    t
}

/// A plain line of a letterhead (the address, the hours…) into `t`; the key it fills.
fn letterhead_line(t: &mut Table, text: String) -> &'static str {
    let fields = super::lines::contact_field(&text);
    let key = fields
        .iter()
        .find(|(f, _)| *f != "postal_code")
        .map_or("address", |(f, _)| f);
    if fields.is_empty() {
        t.insert("address".into(), text.into());
    }
    for (f, v) in fields {
        t.insert(f.into(), v.into());
    }
    key
}

/// A title that heads the business (代表取締役社長, 理事長), not an officer's.
fn is_representative(title: &str) -> bool {
    [
        "代表",
        "理事長",
        "社長",
        "組合長",
        "会長",
        "学長",
        "院長",
        "頭取",
        "総裁",
    ]
    .iter()
    .any(|w| title.contains(w))
}

/// `table.purposes`: the labels of its header, a row per category; purposes shown as a list
/// (`ul.points`) are the `list` layout.
fn purposes(n: &Node) -> Table {
    let mut t = block("purposes");
    let mut trs = Vec::new();
    collect(n, "tr", &mut trs);
    let mut rows = Vec::new();
    let mut listed = false;
    for tr in trs {
        let cells: Vec<&Node> = tr
            .elements()
            .filter(|e| matches!(e.tag.as_str(), "td" | "th"))
            .collect();
        if cells
            .iter()
            .all(|c| c.attrs.get("scope").is_some_and(|s| s == "col"))
            && cells.len() == 2
        {
            t.insert("category_label".into(), inline(cells[0]).into());
            t.insert("purposes_label".into(), inline(cells[1]).into());
            continue;
        }
        let [category, purposes] = cells[..] else {
            continue;
        };
        let list: Vec<Value> = match purposes.find(&|e| e.class_has(&["points"])) {
            Some(ul) => {
                listed = true;
                ul.elements()
                    .filter(|li| li.tag == "li")
                    .map(|li| Value::from(inline(li)))
                    .collect()
            }
            None => {
                let spans: Vec<Value> = purposes
                    .elements()
                    .filter(|e| e.class_has(&["purpose"]))
                    .map(|e| Value::from(inline(e)))
                    .collect();
                if spans.is_empty() {
                    vec![Value::from(inline(purposes))]
                } else {
                    spans
                }
            }
        };
        let mut row = Table::new();
        row.insert("category".into(), inline(category).into());
        row.insert("purposes".into(), Value::Array(list));
        rows.push(Value::Table(row));
    }
    if listed {
        t.insert("layout".into(), "list".into());
    }
    t.insert("rows".into(), Value::Array(rows));
    t
}

/// `制定 平成25年4月1日` lines with their `<time datetime>`: a `dates` block.
fn dates(n: &Node) -> Option<Table> {
    let mut entries = Vec::new();
    for p in n.elements() {
        let time = p.elements().find(|e| e.tag == "time")?;
        let date: toml::value::Datetime = time.attrs.get("datetime")?.parse().ok()?;
        let label: String = p
            .children
            .iter()
            .take_while(|c| !matches!(c, Child::Element(e) if e.tag == "time"))
            .map(|c| match c {
                Child::Text(t) => collapse(t),
                Child::Element(e) => inline(e),
            })
            .collect();
        let mut entry = Table::new();
        entry.insert("label".into(), label.trim().to_owned().into());
        entry.insert("date".into(), Value::Datetime(date));
        entries.push(Value::Table(entry));
    }
    let mut t = block("dates");
    t.insert("entries".into(), Value::Array(entries));
    Some(t)
}

/// The rows of a `dl` (`<div><dt/><dd/></div>` or `<dt/><dd/>`), as (label, dd).
fn rows(dl: &Node) -> Vec<(String, &Node)> {
    let mut children: Vec<&Node> = Vec::new();
    for e in dl.elements() {
        if e.tag == "div" {
            children.extend(e.elements());
        } else {
            children.push(e);
        }
    }
    let mut out = Vec::new();
    let mut label = None;
    for e in children {
        match e.tag.as_str() {
            "dt" => label = Some(inline_without_marker(e)),
            "dd" => out.push((label.take().unwrap_or_default(), e)),
            _ => {}
        }
    }
    out
}

/// The text of an element without its `span.marker`.
fn inline_without_marker(n: &Node) -> String {
    let mut out = String::new();
    for child in &n.children {
        match child {
            Child::Text(t) => out.push_str(&collapse(t)),
            Child::Element(e) if e.class_has(&["marker"]) => {}
            Child::Element(e) if e.tag == "a" => out.push_str(&link(e)),
            Child::Element(e) => out.push_str(&inline(e)),
        }
    }
    out.trim().to_owned()
}

/// The default captions of the business's fields.
const CAPTIONS: &[(&str, &str)] = &[
    ("名称", "name"),
    ("住所", "address"),
    ("電話", "phone"),
    ("FAX", "fax"),
    ("メール", "email"),
    ("ホームページ", "url"),
    ("受付時間", "hours"),
];

/// `dl.organization`: the business, its representative (the first row after its reach) and
/// the people responsible.
fn organization(n: &Node) -> Table {
    let mut t = block("organization");
    let mut officers = Vec::new();
    for (label, dd) in rows(n) {
        let value = inline(dd);
        match CAPTIONS.iter().find(|(c, _)| *c == label) {
            Some((_, "address")) => {
                let fields = super::lines::contact_field(&value);
                if fields.is_empty() {
                    t.insert("address".into(), value.into());
                }
                for (f, v) in fields {
                    t.insert(f.into(), v.into());
                }
            }
            Some((_, key)) => {
                let v = value
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .trim_start_matches("mailto:");
                t.insert((*key).into(), v.to_owned().into());
            }
            None => {
                let mut person = Table::new();
                person.insert("title".into(), label.into());
                person.insert("name".into(), value.into());
                if t.contains_key("representative") {
                    officers.push(Value::Table(person));
                } else {
                    t.insert("representative".into(), Value::Table(person));
                }
            }
        }
    }
    if !officers.is_empty() {
        t.insert("officers".into(), Value::Array(officers));
    }
    t
}

/// `address.contact`: its role from its class, its name, then a line per field.
fn contact(n: &Node) -> Table {
    let mut t = block("contact");
    for role in ["complaints", "requests", "accredited", "other"] {
        if n.class_has(&[&format!("contact-{role}")]) {
            t.insert("role".into(), role.into());
        }
    }
    for p in n.elements() {
        let text = inline(p);
        if p.class_has(&["contact-name"]) {
            let department = p
                .find(&|e| e.class_has(&["contact-department"]))
                .map(inline);
            let name = match &department {
                Some(d) => text
                    .strip_suffix(d.as_str())
                    .unwrap_or(&text)
                    .trim()
                    .to_owned(),
                None => text,
            };
            t.insert("name".into(), name.into());
            if let Some(d) = department {
                t.insert("department".into(), d.into());
            }
        } else if p.class_has(&["contact-department"]) {
            t.insert("department".into(), text.into());
        } else if p.class_has(&["contact-note"]) {
            t.insert("note".into(), markdown(p).into());
        } else {
            for (f, v) in super::lines::contact_field(&text) {
                let v = v
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .trim_start_matches("mailto:");
                t.insert(f.into(), v.to_owned().into());
            }
        }
    }
    t
}

/// `div.record`: a records block of one record (records that follow each other are one
/// block: see [`super::shape`]).
fn record(n: &Node) -> Table {
    let mut record = Table::new();
    let mut marker = None;
    if let Some(title) = n.find(&|e| e.class_has(&["record-title"])) {
        if let Some(number) = title.find(&|e| e.class_has(&["record-number"])) {
            record.insert("number".into(), inline(number).into());
        }
        let text: String = title
            .children
            .iter()
            .filter(|c| !matches!(c, Child::Element(e) if e.class_has(&["record-number"])))
            .map(|c| match c {
                Child::Text(t) => collapse(t),
                Child::Element(e) => inline(e),
            })
            .collect();
        record.insert("title".into(), text.trim().to_owned().into());
    }
    let mut fields = Vec::new();
    if let Some(dl) = n.elements().find(|e| e.tag == "dl") {
        for (label, dd) in rows(dl) {
            if marker.is_none() {
                marker = dl
                    .find(&|e| e.tag == "dt")
                    .and_then(|dt| dt.find(&|e| e.class_has(&["marker"])))
                    .map(inline);
            }
            let mut field = Table::new();
            field.insert("label".into(), label.into());
            field.insert("value".into(), field_value(dd, marker.as_deref()));
            fields.push(Value::Table(field));
        }
    }
    record.insert("fields".into(), Value::Array(fields));
    let mut t = block("records");
    if let Some(m) = marker.as_deref().and_then(symbol_marker) {
        t.insert("marker".into(), m.into());
    }
    t.insert("records".into(), Value::Array(vec![Value::Table(record)]));
    t
}

/// The named marker of a symbol kohyo prints.
fn symbol_marker(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "■" => "square",
        "・" => "nakaguro",
        "●" => "black-circle",
        "○" => "white-circle",
        "※" => "kome",
        "•" => "bullet",
        _ => return None,
    })
}

/// A field's value: pairs (`p.pair`), a list in the record's marker (points), a list with a
/// marker of its own, or a text.
fn field_value(dd: &Node, record_marker: Option<&str>) -> Value {
    let pairs: Vec<&Node> = dd.elements().filter(|e| e.class_has(&["pair"])).collect();
    if !pairs.is_empty() {
        let items = pairs
            .iter()
            .map(|p| {
                let label = p
                    .find(&|e| e.class_has(&["pair-label"]))
                    .map(inline)
                    .unwrap_or_default();
                let full = inline(p);
                let value = full
                    .strip_prefix(&label)
                    .unwrap_or(&full)
                    .trim_start_matches(['：', ':'])
                    .trim()
                    .to_owned();
                let mut pair = Table::new();
                pair.insert("label".into(), label.into());
                pair.insert("value".into(), value.into());
                Value::Table(pair)
            })
            .collect();
        return Value::Array(items);
    }
    if let Some(list) = dd
        .elements()
        .find(|e| matches!(e.tag.as_str(), "ul" | "ol"))
    {
        let (items, markers) = list_items(list);
        let same_as_record = markers.iter().all(|m| Some(m.as_str()) == record_marker)
            || markers.iter().all(String::is_empty);
        if same_as_record && items.iter().all(Value::is_str) {
            return Value::Array(items);
        }
        let mut t = Table::new();
        let (marker, start) = super::lines::marker_of(&markers);
        if let Ok(m) = Value::try_from(&marker) {
            t.insert("marker".into(), m);
        }
        if let Some(start) = start {
            t.insert("start".into(), i64::from(start).into());
        }
        t.insert("items".into(), Value::Array(items));
        return Value::Table(t);
    }
    Value::String(inline(dd))
}

/// The items of a marked list (with their sub-lists), and the markers they show.
fn list_items(list: &Node) -> (Vec<Value>, Vec<String>) {
    let mut items = Vec::new();
    let mut markers = Vec::new();
    for li in list.elements().filter(|e| e.tag == "li") {
        markers.push(
            li.find(&|e| e.class_has(&["marker"]))
                .map(inline)
                .unwrap_or_default(),
        );
        let text = inline_without_marker_or_lists(li);
        match li
            .elements()
            .find(|e| matches!(e.tag.as_str(), "ul" | "ol"))
        {
            Some(sub) => {
                let (sub_items, sub_markers) = list_items(sub);
                let mut item = Table::new();
                item.insert("text".into(), text.into());
                let (marker, _) = super::lines::marker_of(&sub_markers);
                if marker != crate::values::Marker::Bullet
                    && let Ok(m) = Value::try_from(&marker)
                {
                    item.insert("marker".into(), m);
                }
                item.insert("items".into(), Value::Array(sub_items));
                items.push(Value::Table(item));
            }
            None => items.push(Value::String(text)),
        }
    }
    (items, markers)
}

fn inline_without_marker_or_lists(li: &Node) -> String {
    let mut out = String::new();
    for child in &li.children {
        match child {
            Child::Text(t) => out.push_str(&collapse(t)),
            Child::Element(e)
                if e.class_has(&["marker"]) || matches!(e.tag.as_str(), "ul" | "ol") => {}
            Child::Element(e) if e.tag == "a" => out.push_str(&link(e)),
            Child::Element(e) => out.push_str(&inline(e)),
        }
    }
    out.trim().to_owned()
}
