//! The structure of a notice read from its pieces, as a person reads it: the title, sections
//! and sub-sections under numbered headings, paragraphs, notes (※) with their items, lists,
//! and tables — a purposes table (類型 / 利用目的), the safety-management measures, or a plain
//! table — and contact lines (〒, 電話, FAX…) under a heading about complaints or requests
//! ([`super::recognise`]). Nothing is dropped: what is not recognised stays as text where it
//! stood. What kohyo is unsure of is a [`Doubt`], written as a comment beside it.

use toml::{Table, Value};

pub use super::draft::{Doubt, Notice, Section};
use super::draft::{block, markdown_safe};
use super::lines;
use super::pieces::Piece;

/// The notice read from the pieces, with the doubts.
pub struct Shaped {
    /// The notice.
    pub notice: Notice,
    /// What to look at.
    pub doubts: Vec<Doubt>,
}

/// Where blocks go while the pieces are read: the preamble or the open section.
struct Reader {
    notice: Notice,
    /// The open sections, outermost first (a path into `notice.sections`).
    open: Vec<usize>,
    paragraphs: Vec<String>,
    rows: Vec<super::recognise::Row>,
    items: Vec<(String, String)>,
    doubts: Vec<Doubt>,
    /// Above the title: blocks go to `front` until the title.
    in_front: bool,
}

/// Reads `pieces` into a notice.
pub fn shape(pieces: Vec<Piece>) -> Shaped {
    let mut r = Reader {
        notice: Notice::default(),
        open: Vec::new(),
        paragraphs: Vec::new(),
        rows: Vec::new(),
        items: Vec::new(),
        doubts: Vec::new(),
        in_front: false,
    };
    for piece in pieces {
        r.read(piece);
    }
    r.flush();
    if r.notice.title.is_empty() {
        r.notice.title = "個人情報保護法に基づく公表事項".to_owned();
        r.doubts.push(Doubt {
            near: "title = ".to_owned(),
            note:
                "題名が見つからなかったため、仮の題名にしました。公表している題名に直してください"
                    .to_owned(),
        });
    }
    super::recognise::contacts(&mut r.notice.sections);
    super::recognise::organizations(&mut r.notice.sections);
    super::recognise::ids(&mut r.notice.sections);
    Shaped {
        notice: r.notice,
        doubts: r.doubts,
    }
}

impl Reader {
    /// A row of a table: the paragraphs and items before it end.
    fn table_row(&mut self, row: super::recognise::Row) {
        self.flush_text();
        self.flush_items();
        self.rows.push(row);
    }

    fn read(&mut self, piece: Piece) {
        match piece {
            Piece::Break => self.flush_rows(),
            Piece::Row {
                cells,
                header,
                spans,
            } => self.table_row(super::recognise::Row {
                cells,
                header,
                spans,
            }),
            Piece::Heading {
                level,
                number,
                text,
            } => {
                self.flush();
                match number {
                    Some(number) => self.open_section(level.max(1), Some(number), text),
                    None => self.heading_piece(level, &text),
                }
            }
            Piece::Front => {
                self.flush();
                self.in_front = true;
            }
            Piece::PageTitle(text) => {
                self.flush();
                self.notice.page_title = Some(text);
                self.in_front = true;
            }
            Piece::EndSection => {
                self.flush();
                self.open.pop();
            }
            Piece::Anchor(id) => {
                if let Some(section) = self.open_section_mut() {
                    section.id = Some(id);
                }
            }
            Piece::Markdown(text) => {
                self.flush();
                let mut text_block = block("text");
                text_block.insert("text".into(), text.into());
                self.push(text_block);
            }
            Piece::Block(table) => {
                self.flush();
                self.push_block(table);
            }
            Piece::Item { marker, text } => {
                self.flush_text();
                self.flush_rows();
                self.items.push((marker.unwrap_or_default(), text));
            }
            Piece::Text(line) => self.line(line),
        }
    }

    /// A line of text: the title, a heading, an item, a note, or a paragraph.
    fn line(&mut self, line: String) {
        let before_any = self.notice.title.is_empty() && self.notice.sections.is_empty();
        if before_any && lines::heading(&line).is_none() {
            let sentence = line.ends_with('。') || line.chars().count() > 80;
            if !sentence {
                self.notice.title = line;
                return;
            }
        }
        if let Some((level, number, text)) = lines::heading(&line) {
            self.flush();
            self.open_section(level, Some(number), text);
            return;
        }
        if let Some(text) = line.strip_prefix('※') {
            self.flush();
            let mut note = block("note");
            note.insert("text".into(), markdown_safe(text.trim()).into());
            self.push(note);
            return;
        }
        if let Some((marker, text)) = lines::item(&line) {
            self.flush_text();
            self.flush_rows();
            self.items.push((marker, text));
            return;
        }
        self.flush_rows();
        self.flush_items();
        self.paragraphs.push(line);
    }

    /// A heading the source marked: numbered if its text starts with a number.
    fn heading_piece(&mut self, level: usize, text: &str) {
        if self.notice.title.is_empty() && self.notice.sections.is_empty() && level == 0 {
            self.notice.title = text.to_owned();
            self.in_front = false;
            return;
        }
        match lines::heading(text) {
            Some((_, number, heading)) => self.open_section(level.max(1), Some(number), heading),
            None => self.open_section(level.max(1), None, text.to_owned()),
        }
    }

    /// Opens a section at `level` (1: a section of the notice; 2: a sub-section).
    fn open_section(&mut self, level: usize, number: Option<String>, heading: String) {
        let level = level
            .clamp(1, crate::model::MAX_SECTION_DEPTH)
            .min(self.open.len() + 1);
        self.open.truncate(level - 1);
        let siblings = self.children();
        siblings.push(Section {
            number,
            heading,
            ..Section::default()
        });
        let at = siblings.len() - 1;
        self.open.push(at);
    }

    /// The innermost open section.
    fn open_section_mut(&mut self) -> Option<&mut Section> {
        let (&first, rest) = self.open.split_first()?;
        let mut section = &mut self.notice.sections[first];
        for &i in rest {
            section = &mut section.sections[i];
        }
        Some(section)
    }

    /// The sections the next section opens among.
    fn children(&mut self) -> &mut Vec<Section> {
        let mut list = &mut self.notice.sections;
        for &i in &self.open {
            list = &mut list[i].sections;
        }
        list
    }

    /// The blocks the next block goes to: the open section's (its closing blocks once it
    /// has sub-sections), or the preamble.
    fn blocks(&mut self) -> &mut Vec<Table> {
        let Some((&first, rest)) = self.open.split_first() else {
            return if self.in_front {
                &mut self.notice.front
            } else {
                &mut self.notice.preamble
            };
        };
        let mut section = &mut self.notice.sections[first];
        for &i in rest {
            section = &mut section.sections[i];
        }
        if section.sections.is_empty() {
            &mut section.blocks
        } else {
            &mut section.closing
        }
    }

    fn push(&mut self, block: Table) {
        self.blocks().push(block);
    }

    /// A block read exactly; records that follow each other are one block.
    fn push_block(&mut self, table: Table) {
        let records = |b: &Table| b.get("type").and_then(Value::as_str) == Some("records");
        let blocks = self.blocks();
        if records(&table)
            && let Some(last) = blocks.last_mut().filter(|b| records(b))
            && let (Some(Value::Array(mine)), Some(Value::Array(more))) =
                (last.get_mut("records"), table.get("records"))
        {
            mine.extend(more.iter().cloned());
            return;
        }
        blocks.push(table);
    }

    fn flush(&mut self) {
        self.flush_text();
        self.flush_rows();
        self.flush_items();
    }

    fn flush_text(&mut self) {
        if self.paragraphs.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.paragraphs)
            .iter()
            .map(|p| markdown_safe(p))
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut text_block = block("text");
        text_block.insert("text".into(), text.into());
        self.push(text_block);
    }

    fn flush_rows(&mut self) {
        if self.rows.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.rows);
        let (table, doubt) = super::recognise::table(rows);
        self.doubts.extend(doubt);
        self.push(table);
    }

    /// A run of items: the items of the note just before them, or a list of their own.
    fn flush_items(&mut self) {
        if self.items.is_empty() {
            return;
        }
        let items = std::mem::take(&mut self.items);
        let labels: Vec<String> = items.iter().map(|(m, _)| m.clone()).collect();
        let (marker, start) = lines::marker_of(&labels);
        let texts: Vec<Value> = items
            .into_iter()
            .map(|(_, t)| markdown_safe(&t).into())
            .collect();
        let blocks = self.blocks();
        let note_open = blocks.last().is_some_and(|b| {
            b.get("type").and_then(Value::as_str) == Some("note") && !b.contains_key("items")
        });
        let mut list = if note_open {
            blocks.pop().unwrap_or_default()
        } else {
            block("list")
        };
        if marker != crate::values::Marker::Bullet
            && let Ok(name) = Value::try_from(&marker)
        {
            list.insert("marker".into(), name);
        }
        if let Some(start) = start {
            list.insert("start".into(), i64::from(start).into());
        }
        list.insert("items".into(), Value::Array(texts));
        self.push(list);
    }
}
