//! The blocks kohyo recognises in what was read: a table of purposes or of safety-management
//! measures, a contact under a heading about complaints or requests, and the anchors of the
//! sections the statutory check looks for.

use toml::{Table, Value};

use super::draft::{Doubt, Section, block, markdown_safe};
use super::lines;
use super::pieces::Span;

/// A row of a table as read: one cell per place of its grid, whether the source marks it a
/// header, and where merged cells start (empty: nothing merged).
pub struct Row {
    pub cells: Vec<String>,
    pub header: bool,
    pub spans: Vec<Span>,
}

/// The block a run of table rows is: `purposes` (a header naming 利用目的), `measures` (rows
/// of 組織的・人的・物理的・技術的安全管理措置…), or a plain `table`.
pub fn table(rows: Vec<Row>) -> (Table, Option<Doubt>) {
    let header = rows
        .first()
        .filter(|r| r.header || r.cells.iter().all(|c| is_label(c)))
        .map(|r| r.cells.clone());
    let skip = usize::from(header.is_some());
    let body: Vec<Vec<String>> = rows.iter().skip(skip).map(|r| r.cells.clone()).collect();
    if let Some(h) = &header
        && h.len() == 2
        && h[1].contains("目的")
    {
        return (purposes(h, &body), None);
    }
    let measures = !body.is_empty()
        && body.len() == body.iter().filter(|r| r.len() == 2).count()
        && body
            .iter()
            .all(|r| r[0].ends_with("安全管理措置") || r[0].contains("外的環境"));
    if measures {
        return (measures_block(header.as_deref(), &body), None);
    }
    // Rows the source marks as headers after the first (a header over two columns above its
    // sub-headers) are header rows too; at least one row stays the body.
    let head = if skip == 1 {
        1 + rows
            .iter()
            .skip(1)
            .take_while(|r| r.header)
            .count()
            .min(rows.len().saturating_sub(2))
    } else {
        0
    };
    let spans: Vec<Vec<Span>> = rows.into_iter().map(|r| r.spans).collect();
    let (mut table, doubt) = plain(header, body);
    if head > 1 {
        table.insert("header_rows".into(), Value::Integer(head as i64 - 1));
    }
    merge(&mut table, &spans, head);
    (table, doubt)
}

/// Writes the merged cells of a plain table: a cell where one starts becomes
/// `{ text, colspan, rowspan }` and the places it covers are left out. `header_rows` is the
/// number of header rows (the first is `columns`). A span that would reach from the header
/// rows into the body, or past the table, is cut back to where it fits (the
/// places it no longer covers stay empty cells).
fn merge(table: &mut Table, spans: &[Vec<Span>], header_rows: usize) {
    if spans.iter().all(|r| r.iter().all(|s| *s == Span::One)) {
        return;
    }
    let mut grid = grid_of(table, header_rows);
    let height = grid.len();
    let mut keep: Vec<Vec<bool>> = grid.iter().map(|row| vec![true; row.len()]).collect();
    for (r, row) in spans.iter().enumerate().take(height) {
        let group_end = if r < header_rows { header_rows } else { height };
        for (c, span) in row.iter().enumerate() {
            let Span::Start { cols, rows } = *span else {
                continue;
            };
            let width = keep[r].len();
            if c >= width {
                continue;
            }
            let cols = cols.min(width - c).max(1);
            let rows = rows.min(group_end - r).max(1);
            for (dr, kept) in keep.iter_mut().enumerate().skip(r).take(rows) {
                for (dc, place) in kept.iter_mut().enumerate().skip(c).take(cols) {
                    if (dr, dc) != (r, c) {
                        *place = false;
                    }
                }
            }
            if cols > 1 || rows > 1 {
                let text = grid[r][c].clone();
                let mut cell = Table::new();
                cell.insert("text".into(), text);
                if cols > 1 {
                    cell.insert("colspan".into(), Value::Integer(cols as i64));
                }
                if rows > 1 {
                    cell.insert("rowspan".into(), Value::Integer(rows as i64));
                }
                grid[r][c] = Value::Table(cell);
            }
        }
    }
    put_grid(table, grid, &keep, header_rows);
}

/// The cells of a plain table, row by row: its columns (when it has a header row), then rows.
fn grid_of(table: &Table, header_rows: usize) -> Vec<Vec<Value>> {
    let rows_of = |key: &str| -> Vec<Vec<Value>> {
        match table.get(key) {
            Some(Value::Array(rows)) if key == "columns" => vec![rows.clone()],
            Some(Value::Array(rows)) => rows
                .iter()
                .map(|r| r.as_array().cloned().unwrap_or_default())
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut grid = Vec::new();
    if header_rows >= 1 {
        grid.extend(rows_of("columns"));
    }
    grid.extend(rows_of("rows"));
    grid
}

/// Writes `grid` back into `table`, without the places a merged cell covers.
fn put_grid(table: &mut Table, grid: Vec<Vec<Value>>, keep: &[Vec<bool>], header_rows: usize) {
    let mut merged = grid.into_iter().zip(keep).map(|(row, kept)| {
        Value::Array(
            row.into_iter()
                .zip(kept)
                .filter_map(|(cell, k)| k.then_some(cell))
                .collect(),
        )
    });
    if header_rows >= 1
        && let Some(columns) = merged.next()
    {
        table.insert("columns".into(), columns);
    }
    table.insert("rows".into(), Value::Array(merged.collect()));
}

/// A cell that reads as a column's label: short, not a sentence.
fn is_label(cell: &str) -> bool {
    let n = cell.chars().count();
    n > 0 && n <= 20 && !cell.ends_with('。')
}

/// The purposes table: a row per category, its purposes split where 「、」 separates them
/// (not inside parentheses); rows of the same category (a merged cell) are one row.
fn purposes(header: &[String], body: &[Vec<String>]) -> Table {
    let mut t = block("purposes");
    t.insert("category_label".into(), header[0].clone().into());
    t.insert("purposes_label".into(), header[1].clone().into());
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for r in body {
        let category = r.first().cloned().unwrap_or_default();
        let purposes = split_purposes(r.get(1).map_or("", String::as_str));
        match rows.last_mut() {
            Some((last, list)) if category.is_empty() || *last == category => list.extend(purposes),
            _ => rows.push((category, purposes)),
        }
    }
    let rows: Vec<Value> = rows
        .into_iter()
        .map(|(category, purposes)| {
            let mut row = Table::new();
            row.insert("category".into(), category.into());
            row.insert(
                "purposes".into(),
                Value::Array(purposes.into_iter().map(Value::from).collect()),
            );
            Value::Table(row)
        })
        .collect();
    t.insert("rows".into(), Value::Array(rows));
    t
}

/// `text` split at each 「、」 outside parentheses.
fn split_purposes(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' | '（' | '「' => depth += 1,
            ')' | '）' | '」' => depth -= 1,
            _ => {}
        }
        if (c == '、' || c == '\n') && depth <= 0 {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The safety-management measures: a row per category.
fn measures_block(header: Option<&[String]>, body: &[Vec<String>]) -> Table {
    let mut t = block("measures");
    if let Some([category, text]) = header {
        t.insert("category_label".into(), category.clone().into());
        t.insert("text_label".into(), text.clone().into());
    }
    let rows = body
        .iter()
        .map(|r| {
            let mut row = Table::new();
            row.insert("category".into(), r[0].clone().into());
            row.insert("text".into(), markdown_safe(&r[1]).into());
            Value::Table(row)
        })
        .collect();
    t.insert("rows".into(), Value::Array(rows));
    t
}

/// Any other table: its header row as the columns (empty when it has none), its cells as text.
fn plain(header: Option<Vec<String>>, body: Vec<Vec<String>>) -> (Table, Option<Doubt>) {
    let width = body
        .iter()
        .map(Vec::len)
        .chain(header.iter().map(Vec::len))
        .max()
        .unwrap_or(1);
    let mut t = block("table");
    let doubt = header.is_none().then(|| Doubt {
        near: "columns = [".to_owned(),
        note: "表の見出しの行が分からなかったため、見出しを空にしました。1行目が見出しなら columns に移してください".to_owned(),
    });
    // A header row shorter than the rows is filled with empty headers: one per column.
    let mut columns = header.unwrap_or_default();
    columns.resize(width, String::new());
    let pad = |mut r: Vec<String>| {
        r.resize(width, String::new());
        Value::Array(
            r.into_iter()
                .map(|c| Value::from(markdown_safe(&c)))
                .collect(),
        )
    };
    t.insert(
        "columns".into(),
        Value::Array(columns.into_iter().map(Value::from).collect()),
    );
    t.insert(
        "rows".into(),
        Value::Array(body.into_iter().map(pad).collect()),
    );
    (t, doubt)
}

/// Words of a heading about where to send complaints or requests.
const CONTACT_HEADINGS: &[(&str, &str)] = &[
    ("苦情", "complaints"),
    ("開示", "requests"),
    ("申出先", "complaints"),
    ("窓口", "other"),
    ("問い合わせ", "other"),
    ("問合せ", "other"),
    ("相談", "other"),
];

/// In each section about complaints or requests, the last paragraphs of a text block that are
/// a contact's lines (a name, 〒 and an address, 電話, FAX…) become a `contact` block after
/// the text before them.
pub fn contacts(sections: &mut [Section]) {
    for section in sections {
        if let Some((_, role)) = CONTACT_HEADINGS
            .iter()
            .find(|(word, _)| section.heading.contains(word))
        {
            let blocks = std::mem::take(&mut section.blocks);
            for b in blocks {
                section.blocks.extend(split_contact(b, role));
            }
        }
        contacts(&mut section.sections);
    }
}

/// A text block, or its prose and the contact its last paragraphs are.
fn split_contact(b: Table, role: &str) -> Vec<Table> {
    let Some(text) = b
        .get("text")
        .and_then(Value::as_str)
        .filter(|_| b.get("type").and_then(Value::as_str) == Some("text"))
    else {
        return vec![b];
    };
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    for start in 0..paragraphs.len() {
        if let Some(contact) = contact_of(&paragraphs[start..], role) {
            let mut out = Vec::new();
            if start > 0 {
                let mut prose = block("text");
                prose.insert("text".into(), paragraphs[..start].join("\n\n").into());
                out.push(prose);
            }
            out.push(contact);
            return out;
        }
    }
    vec![b]
}

/// The contact `paragraphs` are, when each is a contact's line and they give a name and a
/// way to reach it.
fn contact_of(paragraphs: &[&str], role: &str) -> Option<Table> {
    let mut contact = block("contact");
    contact.insert("role".into(), role.into());
    let mut reach = 0;
    for p in paragraphs {
        let p = p.replace('\\', "");
        let fields = lines::contact_field(&p);
        if fields.is_empty() {
            let short = p.chars().count() <= 40 && !p.ends_with('。');
            let key = if !contact.contains_key("name") {
                "name"
            } else {
                "department"
            };
            if !short || contact.contains_key(key) {
                return None;
            }
            contact.insert(key.into(), p.into());
        }
        for (field, value) in fields {
            reach += usize::from(field != "hours");
            let value = value
                .trim_start_matches('<')
                .trim_end_matches('>')
                .trim_start_matches("mailto:")
                .to_owned();
            contact.insert(field.into(), value.into());
        }
    }
    (contact.contains_key("name") && reach > 0).then_some(contact)
}

/// Titles of the representative of a business, as a label of its line (理事長：山田 太郎).
const REPRESENTATIVES: &[&str] = &[
    "理事長",
    "代表者",
    "代表取締役",
    "代表取締役社長",
    "代表理事",
    "会長",
    "社長",
    "組合長",
    "学長",
    "院長",
    "所長",
    "局長",
    "代表",
    "管理人",
];

/// In each section, a text block whose lines are the business's 名称, 住所 and its
/// representative (`label：value`) becomes an `organization` block.
pub fn organizations(sections: &mut [Section]) {
    for section in sections {
        for b in &mut section.blocks {
            if let Some(org) = organization_of(b) {
                *b = org;
            }
        }
        organizations(&mut section.sections);
    }
}

fn organization_of(b: &Table) -> Option<Table> {
    if b.get("type")?.as_str()? != "text" {
        return None;
    }
    let text = b.get("text")?.as_str()?.replace('\\', "");
    let mut org = block("organization");
    for line in text.split("\n\n") {
        let (label, value) = line.split_once(['：', ':'])?;
        let (label, value) = (label.trim(), value.trim());
        match label {
            "名称" | "事業者名" | "事業者の名称" | "名前" => {
                org.insert("name".into(), value.into());
            }
            "住所" | "所在地" => {
                for (field, v) in
                    lines::contact_field(&format!("〒{}", value.trim_start_matches('〒')))
                {
                    org.insert(field.into(), v.into());
                }
                if !value.starts_with('〒') {
                    org.remove("postal_code");
                    org.insert("address".into(), value.into());
                }
            }
            title if REPRESENTATIVES.contains(&title) => {
                let mut rep = Table::new();
                rep.insert("title".into(), title.into());
                rep.insert("name".into(), value.into());
                org.insert("representative".into(), Value::Table(rep));
            }
            _ => {
                let fields = lines::contact_field(line);
                if fields.is_empty() {
                    return None;
                }
                for (field, v) in fields {
                    org.insert(field.into(), v.into());
                }
            }
        }
    }
    (org.contains_key("name") && org.contains_key("address")).then_some(org)
}

/// The anchors of the sections the statutory items are found under, from their headings.
pub fn ids(sections: &mut [Section]) {
    const IDS: &[(&str, &str)] = &[
        ("事業者の名称", "business"),
        ("利用目的", "purposes"),
        ("安全管理", "measures"),
        ("開示", "requests"),
        ("苦情", "complaints"),
    ];
    let mut taken: Vec<&str> = sections
        .iter()
        .filter_map(|s| s.id.as_deref())
        .map(|id| match id {
            "purposes" => "purposes",
            "measures" => "measures",
            "requests" => "requests",
            "complaints" => "complaints",
            "business" => "business",
            _ => "",
        })
        .collect();
    for section in sections.iter_mut().filter(|s| s.id.is_none()) {
        if let Some((_, id)) = IDS
            .iter()
            .find(|(word, id)| section.heading.contains(word) && !taken.contains(id))
        {
            section.id = Some((*id).to_owned());
            taken.push(*id);
        }
    }
}
