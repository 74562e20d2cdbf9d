//! Where a notice states something: every labelled place of a version — a section under its
//! heading, a record's field, a table's row under its first cell or a column under its header,
//! a list item or a line written `label：value` (in a text block's Markdown too), a block of a
//! type that states an item (purposes, measures, contact, organization), and any element with
//! `covers = [...]` — with the text it holds. The statutory rules look for an item among these
//! statements and then check the statement's shape; words in running text never state an item
//! (they only give a hint, [`Paragraph`]).

use crate::blocks::{Block, FieldValue};
use crate::model::{Notice, Section};
use crate::values::{FieldPath, Item};

/// One place where the notice states something.
#[derive(Clone, Debug)]
pub struct Statement<'a> {
    /// The label as written (a heading, a field's label, a first cell); empty for a block that
    /// states by its type.
    pub label: String,
    /// What the place holds, as plain text (one line per point).
    pub text: String,
    /// Where it is.
    pub path: FieldPath,
    /// What kind of place it is.
    pub kind: StatementKind<'a>,
    /// The statutory items it declares (`covers`).
    pub covers: Vec<&'a str>,
    /// The items it says are answered on request (`on_request`, sections only).
    pub on_request: Vec<&'a str>,
    /// The blocks it holds (a section's, at any depth), to find a contact inside.
    pub blocks: Vec<&'a Block>,
}

/// What kind of place a statement is.
#[derive(Clone, Copy, Debug)]
pub enum StatementKind<'a> {
    /// The document's title.
    Title,
    /// A section under its heading.
    Section(&'a Section),
    /// A labelled place inside a block: a field, a row, a column, an item, a line.
    Labelled,
    /// A block of a type that states something by itself.
    Block(&'a Block),
}

/// A piece of running text (a paragraph, a note, a list item without a label): it never states
/// an item, but its words can say which item it seems to be about (a hint).
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// The text.
    pub text: String,
    /// The block (or item) holding it.
    pub path: FieldPath,
}

/// Every statement and every paragraph of a notice, in document order.
pub struct Statements<'a> {
    /// The labelled places and typed blocks.
    pub statements: Vec<Statement<'a>>,
    /// The running text.
    pub paragraphs: Vec<Paragraph>,
}

/// Reads every statement of `notice`.
pub fn of(notice: &Notice) -> Statements<'_> {
    let mut out = Statements {
        statements: vec![Statement {
            label: notice.title.clone(),
            text: notice.title.clone(),
            path: FieldPath::root().key("title"),
            kind: StatementKind::Title,
            covers: Vec::new(),
            on_request: Vec::new(),
            blocks: Vec::new(),
        }],
        paragraphs: Vec::new(),
    };
    for (key, blocks) in [("front", &notice.front), ("preamble", &notice.preamble)] {
        for (b, block) in blocks.iter().enumerate() {
            out.block(block, FieldPath::root().key(key).index(b));
        }
    }
    out.sections(&notice.sections, &FieldPath::root());
    out
}

impl<'a> Statements<'a> {
    fn sections(&mut self, sections: &'a [Section], path: &FieldPath) {
        for (s, section) in sections.iter().enumerate() {
            let sp = path.key("sections").index(s);
            let mut blocks = Vec::new();
            collect_blocks(section, &mut blocks);
            self.statements.push(Statement {
                label: section.heading.clone(),
                text: blocks
                    .iter()
                    .map(|b| b.text())
                    .collect::<Vec<_>>()
                    .join("\n"),
                path: sp.clone(),
                kind: StatementKind::Section(section),
                covers: section.covers.iter().map(String::as_str).collect(),
                on_request: section.on_request.iter().map(String::as_str).collect(),
                blocks,
            });
            for (b, block) in section.blocks.iter().enumerate() {
                self.block(block, sp.key("blocks").index(b));
            }
            self.sections(&section.sections, &sp);
            for (b, block) in section.closing.iter().enumerate() {
                self.block(block, sp.key("closing").index(b));
            }
        }
    }

    fn labelled(&mut self, label: &str, text: String, path: FieldPath, covers: &'a [String]) {
        self.statements.push(Statement {
            label: label.trim().to_owned(),
            text,
            path,
            kind: StatementKind::Labelled,
            covers: covers.iter().map(String::as_str).collect(),
            on_request: Vec::new(),
            blocks: Vec::new(),
        });
    }

    fn typed(&mut self, block: &'a Block, path: FieldPath) {
        self.statements.push(Statement {
            label: String::new(),
            text: block.text(),
            path,
            kind: StatementKind::Block(block),
            covers: block.covers().iter().map(String::as_str).collect(),
            on_request: Vec::new(),
            blocks: vec![block],
        });
    }

    /// The statements and paragraphs of one block.
    fn block(&mut self, block: &'a Block, path: FieldPath) {
        match block {
            Block::Purposes(p) => {
                self.typed(block, path.clone());
                self.items(&p.items, &path.key("items"));
            }
            Block::Measures(m) => {
                self.typed(block, path.clone());
                for (r, row) in m.rows.iter().enumerate() {
                    let rp = path.key("rows").index(r);
                    self.labelled(&row.category, row.text.clone(), rp, &[]);
                }
            }
            Block::Contact(_) | Block::Organization(_) | Block::Dates(_) => self.typed(block, path),
            Block::Records(r) => self.records(block, r, &path),
            Block::Table(t) => {
                self.table(block, t, &path);
                // A block inside a cell states what it states anywhere.
                for (r, c, cell) in t.cells() {
                    for (b, inner) in cell.blocks().iter().enumerate() {
                        let at = path.key("rows").index(r).index(c).key("blocks").index(b);
                        self.block(inner, at);
                    }
                }
            }
            Block::Text(t) => self.text(block, &t.text, &path),
            Block::List(l) => {
                self.declared(block, &path);
                self.items(&l.items, &path.key("items"));
            }
            Block::Note(n) => {
                self.declared(block, &path);
                self.line(&n.text, path.key("text"));
                self.items(&n.items, &path.key("items"));
            }
        }
    }

    /// A block that is running text but declares items: a statement of them.
    fn declared(&mut self, block: &'a Block, path: &FieldPath) {
        if !block.covers().is_empty() {
            self.typed(block, path.clone());
        }
    }

    fn records(&mut self, block: &'a Block, r: &'a crate::blocks::RecordsBlock, path: &FieldPath) {
        self.declared(block, path);
        for (i, record) in r.records.iter().enumerate() {
            let rp = path.key("records").index(i);
            for (f, field) in record.fields.iter().enumerate() {
                let fp = rp.key("fields").index(f);
                self.labelled(&field.label, field.value.text(), fp.clone(), &field.covers);
                match &field.value {
                    FieldValue::Pairs(pairs) => {
                        for (p, pair) in pairs.iter().enumerate() {
                            let pp = fp.key("value").index(p);
                            self.labelled(&pair.label, pair.value.clone(), pp, &[]);
                        }
                    }
                    FieldValue::List(list) => {
                        self.items(&list.items, &fp.key("value").key("items"))
                    }
                    FieldValue::Cell(_) => {}
                }
            }
        }
    }

    /// A table: each column under its header, each row under its first cell.
    fn table(&mut self, block: &'a Block, t: &'a crate::blocks::TableBlock, path: &FieldPath) {
        self.declared(block, path);
        for (c, header, texts) in t.by_column() {
            self.labelled(&header, texts.join("\n"), path.key("columns").index(c), &[]);
        }
        for (r, label, texts) in t.by_row() {
            self.labelled(&label, texts.join("\n"), path.key("rows").index(r), &[]);
        }
    }

    /// A text block: its `label：value` lines and Markdown headings are statements, the rest
    /// is running text.
    fn text(&mut self, block: &'a Block, text: &str, path: &FieldPath) {
        self.declared(block, path);
        let at = path.key("text");
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            if let Some(heading) = markdown_heading(line) {
                let end = (i + 1..lines.len())
                    .find(|&j| markdown_heading(lines[j]).is_some())
                    .unwrap_or(lines.len());
                let body = lines[i + 1..end].join("\n");
                self.labelled(heading, body, at.clone(), &[]);
                i += 1;
                continue;
            }
            self.line(line, at.clone());
            i += 1;
        }
    }

    /// One line of text: a statement when written `label：value`, running text otherwise.
    fn line(&mut self, line: &str, path: FieldPath) {
        if line.trim().is_empty() {
            return;
        }
        match label_value(line) {
            Some((label, value)) => self.labelled(label, value.to_owned(), path, &[]),
            None => self.paragraphs.push(Paragraph {
                text: line.to_owned(),
                path,
            }),
        }
    }

    /// The items of a list: an item written `label：value`, or with a body or a sub-list
    /// under its line, is a statement; any other is running text.
    fn items(&mut self, items: &'a [Item], path: &FieldPath) {
        for (i, item) in items.iter().enumerate() {
            let ip = path.index(i);
            let table = item.table();
            let covers: &'a [String] = table.map_or(&[], |t| t.covers.as_slice());
            let below: Vec<String> = table
                .map(|t| {
                    t.body
                        .iter()
                        .cloned()
                        .chain(t.items.iter().map(|i| i.full_text(None)))
                        .collect()
                })
                .unwrap_or_default();
            if let Some((label, value)) = label_value(item.text()) {
                let text = std::iter::once(value.to_owned())
                    .chain(below)
                    .collect::<Vec<_>>();
                self.labelled(label, text.join("\n"), ip.clone(), covers);
            } else if !below.is_empty() || !covers.is_empty() {
                self.labelled(item.text(), below.join("\n"), ip.clone(), covers);
            } else {
                self.paragraphs.push(Paragraph {
                    text: item.text().to_owned(),
                    path: ip.clone(),
                });
            }
            if let Some(t) = table {
                self.items(&t.items, &ip.key("items"));
            }
        }
    }
}

/// Every block of a section, its sub-sections' and those inside table cells included, in
/// order.
fn collect_blocks<'a>(section: &'a Section, out: &mut Vec<&'a Block>) {
    fn with_cells<'a>(blocks: &'a [Block], out: &mut Vec<&'a Block>) {
        for block in blocks {
            out.push(block);
            if let Block::Table(t) = block {
                for (_, _, cell) in t.cells() {
                    with_cells(cell.blocks(), out);
                }
            }
        }
    }
    with_cells(&section.blocks, out);
    for s in &section.sections {
        collect_blocks(s, out);
    }
    with_cells(&section.closing, out);
}

/// A Markdown heading's text (`### 申出先` → `申出先`), or a line that is only bold text
/// (`**申出先**`).
fn markdown_heading(line: &str) -> Option<&str> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix('#') {
        let text = rest.trim_start_matches('#').trim();
        return (!text.is_empty()).then_some(text);
    }
    let bold = t.strip_prefix("**")?.strip_suffix("**")?;
    (!bold.is_empty() && !bold.contains("**")).then_some(bold.trim())
}

/// A line written `label：value` (or `label: value`), with list marks and emphasis around the
/// label taken off: 「・申出先：総務課」 → (申出先, 総務課). The label is short (at most 30
/// characters) and holds no sentence end, so a sentence with a colon is not taken for one.
pub fn label_value(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    let (label, value) = t.split_once(['：', ':'])?;
    let label = label
        .trim_start_matches(|c: char| {
            c.is_whitespace()
                || "・■□●○◆◇▪-*+※(（)）.．".contains(c)
                || c.is_ascii_digit()
                || ('①'..='⑳').contains(&c)
        })
        .trim()
        .trim_matches('*')
        .trim_matches(['【', '】', '［', '］', '[', ']', '「', '」'])
        .trim();
    let value = value.trim().trim_start_matches("**").trim();
    let short = !label.is_empty() && label.chars().count() <= 30;
    let sentence = label.contains(['。', '、']) || label.starts_with("http");
    (short && !sentence && !value.is_empty()).then_some((label, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_and_its_value_are_read_from_a_line() {
        assert_eq!(label_value("・申出先：総務課"), Some(("申出先", "総務課")));
        assert_eq!(
            label_value("**手数料**: 1件につき300円"),
            Some(("手数料", "1件につき300円"))
        );
        assert_eq!(
            label_value("【申出先】：総務課"),
            Some(("申出先", "総務課"))
        );
        assert_eq!(
            label_value("(2) 範囲：当組合及び健診機関"),
            Some(("範囲", "当組合及び健診機関"))
        );
        assert_eq!(label_value("詳しくは次をご覧ください。例：…"), None);
        assert_eq!(label_value("https://example.jp/"), None);
        assert_eq!(label_value("申出先："), None);
    }

    #[test]
    fn headings_of_markdown_are_labels() {
        assert_eq!(markdown_heading("### 申出先"), Some("申出先"));
        assert_eq!(markdown_heading("**手数料**"), Some("手数料"));
        assert_eq!(markdown_heading("本文"), None);
    }
}
