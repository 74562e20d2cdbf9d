//! Tables of pages kohyo built, read back exactly: `table.grid` with its header rows, merged
//! cells and the blocks inside cells.

use toml::{Table, Value};

use super::dom::{Node, collect, inline};
use super::draft::{block, markdown_safe};

/// How the blocks inside a cell are read (the reader of kohyo's blocks, which reads tables
/// with this module: passed in, so that the two do not import each other).
pub(super) type BlockReader = dyn Fn(&Node) -> Option<Table>;

/// `table.grid`: its caption, its header rows (the first is `columns`, the others the first
/// `header_rows` of `rows`), and rows; a cell that is a list of points as a list, a cell that
/// spans or holds blocks as `{ … }`.
pub(super) fn grid(n: &Node, blocks: &BlockReader) -> Table {
    let mut t = block("table");
    if let Some(caption) = n.elements().find(|e| e.tag == "caption") {
        t.insert("caption".into(), inline(caption).into());
    }
    let mut head = Vec::new();
    let mut body = Vec::new();
    for part in n.elements() {
        match part.tag.as_str() {
            "thead" => collect(part, "tr", &mut head),
            "tbody" => collect(part, "tr", &mut body),
            _ => {}
        }
    }
    if head.is_empty() && body.is_empty() {
        collect(n, "tr", &mut body);
        if !body.is_empty() {
            head.push(body.remove(0));
        }
    }
    fn cells(tr: &Node) -> Vec<&Node> {
        tr.elements()
            .filter(|e| matches!(e.tag.as_str(), "td" | "th"))
            .collect()
    }
    let row_headers = body.iter().any(|tr| {
        cells(tr)
            .first()
            .is_some_and(|c| c.tag == "th" && c.attrs.get("scope").is_some_and(|s| s == "row"))
    });
    let mut rows: Vec<Value> = Vec::new();
    for (i, tr) in head.iter().enumerate() {
        let row: Vec<Value> = cells(tr)
            .into_iter()
            .map(|c| cell(c, true, blocks))
            .collect();
        if i == 0 {
            t.insert("columns".into(), Value::Array(row));
        } else {
            rows.push(Value::Array(row));
        }
    }
    if head.len() > 1 {
        t.insert("header_rows".into(), Value::Integer(head.len() as i64 - 1));
    }
    if !row_headers && !body.is_empty() {
        t.insert("row_headers".into(), false.into());
    }
    for tr in &body {
        rows.push(Value::Array(
            cells(tr)
                .into_iter()
                .map(|c| cell(c, false, blocks))
                .collect(),
        ));
    }
    t.insert("rows".into(), Value::Array(rows));
    t
}

/// A cell of `table.grid`: its text (plain in a header), points, or blocks; written `{ … }`
/// with its spans when it spans rows or columns or holds blocks.
fn cell(c: &Node, header: bool, read_block: &BlockReader) -> Value {
    let span = |name: &str| {
        c.attrs
            .get(name)
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|n| *n > 1)
    };
    let (colspan, rowspan) = (span("colspan"), span("rowspan"));
    let blocks = c.elements().find(|e| e.class_has(&["cell-blocks"]));
    let content = if let Some(blocks) = blocks {
        let read: Vec<Value> = blocks
            .elements()
            .filter_map(|e| {
                read_block(e).or_else(|| {
                    (e.tag == "div" && e.class_has(&["prose"])).then(|| {
                        let mut t = block("text");
                        t.insert("text".into(), super::dom::markdown(e).into());
                        t
                    })
                })
            })
            .map(Value::Table)
            .collect();
        ("blocks", Value::Array(read))
    } else if let Some(list) = c.elements().find(|e| e.class_has(&["points"])) {
        let points = list
            .elements()
            .filter(|li| li.tag == "li")
            .map(|li| Value::from(markdown_safe(&inline(li))))
            .collect();
        ("points", Value::Array(points))
    } else if header {
        ("text", Value::from(inline(c)))
    } else {
        ("text", Value::from(markdown_safe(&inline(c))))
    };
    if colspan.is_none() && rowspan.is_none() && content.0 != "blocks" {
        return content.1;
    }
    let mut t = Table::new();
    t.insert(content.0.into(), content.1);
    if let Some(n) = colspan {
        t.insert("colspan".into(), Value::Integer(n));
    }
    if let Some(n) = rowspan {
        t.insert("rowspan".into(), Value::Integer(n));
    }
    Value::Table(t)
}
