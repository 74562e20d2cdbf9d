//! A Word file (.docx: a zip of XML), as pieces: paragraphs with their heading level (a
//! heading style or outline level) and the label Word's own list numbering shows them with
//! (`(1)`, `①`, `ア`, from numbering.xml, counted as Word counts), line breaks, and tables
//! (merged cells as empty cells where they reach).

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document, Node};

use super::pieces::{Piece, Span};

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The largest part of a .docx read (its document.xml).
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The pieces of the Word file `bytes`.
pub fn pieces(bytes: &[u8]) -> Result<Vec<Piece>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("this is not a Word file (.docx): {e}"))?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or("this .docx has no word/document.xml: it is not a Word document")?;
    let numbering = part(&mut zip, "word/numbering.xml")?.unwrap_or_default();
    let doc = Document::parse(&document).map_err(|e| format!("word/document.xml: {e}"))?;
    let numbering = Numbering::read(&numbering);
    let mut reader = Reader {
        numbering,
        counters: HashMap::new(),
        out: Vec::new(),
    };
    if let Some(body) = doc.descendants().find(|n| is(n, "body")) {
        for child in body.children().filter(Node::is_element) {
            reader.block(child);
        }
    }
    Ok(reader.out)
}

/// The text of the part `name` of the zip, if it has one.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let Ok(file) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut text = String::new();
    file.take(MAX_PART_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(Some(text))
}

fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

fn val(n: Option<Node>) -> Option<String> {
    n?.attribute((W, "val")).map(str::to_owned)
}

/// How each list level of the document is numbered: its format, its text (`(%1)`) and where
/// it starts.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → (format, text, start).
    levels: HashMap<(String, u32), (String, String, u32)>,
}

impl Numbering {
    fn read(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let Ok(doc) = Document::parse(xml) else {
            return n;
        };
        for e in doc.descendants().filter(|e| is(e, "num")) {
            if let (Some(id), Some(abs)) =
                (e.attribute((W, "numId")), val(child(e, "abstractNumId")))
            {
                n.nums.insert(id.to_owned(), abs);
            }
        }
        for abs in doc.descendants().filter(|e| is(e, "abstractNum")) {
            let Some(id) = abs.attribute((W, "abstractNumId")) else {
                continue;
            };
            for lvl in abs.children().filter(|c| is(c, "lvl")) {
                let level = lvl
                    .attribute((W, "ilvl"))
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                let format = val(child(lvl, "numFmt")).unwrap_or_else(|| "decimal".to_owned());
                let text = val(child(lvl, "lvlText")).unwrap_or_default();
                let start = val(child(lvl, "start"))
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1);
                n.levels
                    .insert((id.to_owned(), level), (format, text, start));
            }
        }
        n
    }
}

struct Reader {
    numbering: Numbering,
    /// (numId, level) → the last number given.
    counters: HashMap<(String, u32), u32>,
    out: Vec<Piece>,
}

impl Reader {
    fn block(&mut self, n: Node) {
        if is(&n, "p") {
            self.paragraph(n);
        } else if is(&n, "tbl") {
            self.table(n);
            self.out.push(Piece::Break);
        } else if is(&n, "sdt")
            && let Some(content) = child(n, "sdtContent")
        {
            for c in content.children().filter(Node::is_element) {
                self.block(c);
            }
        }
    }

    fn paragraph(&mut self, p: Node) {
        let props = child(p, "pPr");
        let style = val(props.and_then(|pr| child(pr, "pStyle"))).unwrap_or_default();
        let lines = lines_of(p);
        let text = lines.join(" ").trim().to_owned();
        let label = props
            .and_then(|pr| child(pr, "numPr"))
            .and_then(|num| self.label(num));
        if text.is_empty() {
            self.out.push(Piece::Break);
            return;
        }
        if let Some(level) = heading_level(&style, props) {
            let text = match label {
                Some(l) => format!("{l}{text}"),
                None => text,
            };
            self.out.push(Piece::Heading {
                level,
                number: None,
                text,
            });
            return;
        }
        match label {
            Some(l) => self.out.push(Piece::Item {
                marker: Some(l),
                text,
            }),
            None => {
                for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
                    self.out.push(Piece::Text(line.to_owned()));
                }
            }
        }
    }

    /// The label Word shows before a numbered paragraph, counting as Word counts.
    fn label(&mut self, num: Node) -> Option<String> {
        let id = val(child(num, "numId"))?;
        let level: u32 = val(child(num, "ilvl"))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let abs = self.numbering.nums.get(&id)?.clone();
        let (format, text, start) = self.numbering.levels.get(&(abs, level))?.clone();
        // A number restarts below a higher level.
        self.counters.retain(|(i, l), _| !(i == &id && *l > level));
        let n = self
            .counters
            .entry((id, level))
            .and_modify(|c| *c += 1)
            .or_insert(start);
        Some(formatted(&format, &text, *n, level))
    }

    fn table(&mut self, tbl: Node) {
        let mut rows: Vec<(Vec<String>, Vec<Span>, bool)> = Vec::new();
        // Per row, the places a cell above continues into (Word's vMerge "continue").
        let mut continued_at: Vec<Vec<bool>> = Vec::new();
        for (r, tr) in tbl.children().filter(|c| is(c, "tr")).enumerate() {
            let mut cells = Vec::new();
            let mut spans = Vec::new();
            let mut continued_here = Vec::new();
            for tc in tr.children().filter(|c| is(c, "tc")) {
                let props = child(tc, "tcPr");
                let span: usize = val(props.and_then(|pr| child(pr, "gridSpan")))
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1)
                    .clamp(1, crate::blocks::MAX_SPAN);
                let vmerge = props.and_then(|pr| child(pr, "vMerge"));
                let continued = vmerge.is_some_and(|v| v.attribute((W, "val")) != Some("restart"));
                let text: Vec<String> = tc
                    .children()
                    .filter(|c| is(c, "p"))
                    .map(|p| lines_of(p).join("\n"))
                    .filter(|t| !t.trim().is_empty())
                    .collect();
                cells.push(if continued {
                    String::new()
                } else {
                    text.join("\n")
                });
                spans.push(match (continued, span) {
                    (true, _) => Span::Covered,
                    (false, 1) => Span::One,
                    (false, cols) => Span::Start { cols, rows: 1 },
                });
                continued_here.push(continued);
                for _ in 1..span {
                    cells.push(String::new());
                    spans.push(Span::Covered);
                    continued_here.push(continued);
                }
            }
            continued_at.push(continued_here);
            rows.push((cells, spans, r == 0 && is_header_row(tr)));
        }
        merge_down(&mut rows, &continued_at);
        for (cells, spans, header) in rows {
            self.out.push(Piece::Row {
                cells,
                header,
                spans,
            });
        }
    }
}

/// A cell that Word merges down (vMerge "restart") takes the rows that continue it.
fn merge_down(rows: &mut [(Vec<String>, Vec<Span>, bool)], continued_at: &[Vec<bool>]) {
    for r in 0..rows.len() {
        for c in 0..rows[r].1.len() {
            let down = (r + 1..rows.len())
                .take_while(|&below| continued_at[below].get(c) == Some(&true))
                .count();
            if down == 0 || continued_at[r].get(c) == Some(&true) {
                continue;
            }
            rows[r].1[c] = match rows[r].1[c] {
                Span::Start { cols, .. } => Span::Start {
                    cols,
                    rows: down + 1,
                },
                Span::One => Span::Start {
                    cols: 1,
                    rows: down + 1,
                },
                Span::Covered => Span::Covered,
            };
        }
    }
}

/// Whether a table row repeats as a header (Word's 「タイトル行」).
fn is_header_row(tr: Node) -> bool {
    child(tr, "trPr")
        .and_then(|p| child(p, "tblHeader"))
        .is_some()
}

/// The heading level of a paragraph: `Title` is the notice's title (0), `Heading N` and
/// 見出し N, or an outline level, a section (N).
fn heading_level(style: &str, props: Option<Node>) -> Option<usize> {
    let lower = style.to_ascii_lowercase();
    if lower == "title" || style == "表題" {
        return Some(0);
    }
    let digits: String = style.chars().filter(char::is_ascii_digit).collect();
    if (lower.starts_with("heading") || style.starts_with("見出し")) && !digits.is_empty() {
        return digits.parse().ok();
    }
    let outline = val(props.and_then(|p| child(p, "outlineLvl")))?;
    outline.parse::<usize>().ok().map(|l| l + 1)
}

/// The lines of a paragraph: its runs' text, a new line at each break.
fn lines_of(p: Node) -> Vec<String> {
    let mut lines = vec![String::new()];
    for n in p.descendants() {
        if is(&n, "t") {
            if let Some(last) = lines.last_mut() {
                last.push_str(n.text().unwrap_or(""));
            }
        } else if is(&n, "tab") && n.parent().is_some_and(|r| is(&r, "r")) {
            if let Some(last) = lines.last_mut() {
                last.push('\t');
            }
        } else if is(&n, "br") || is(&n, "cr") {
            lines.push(String::new());
        }
    }
    lines
}

/// The label of number `n` in Word's `format`, put into the `text` of its `level` (`(%1)` at
/// the first level, `%2` at the second…).
fn formatted(format: &str, text: &str, n: u32, level: u32) -> String {
    let shown = match format {
        "bullet" => {
            // Symbol fonts put private-use characters in lvlText: a plain bullet then.
            return if text.chars().all(|c| ('\u{e000}'..='\u{f8ff}').contains(&c))
                || text.is_empty()
            {
                "・".to_owned()
            } else {
                text.to_owned()
            };
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            char::from_u32(0x2460 + n.saturating_sub(1)).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "aiueoFullWidth" | "aiueo" => "アイウエオカキクケコサシスセソタチツテトナニヌネノ"
            .chars()
            .nth(n.saturating_sub(1) as usize)
            .map_or(n.to_string(), String::from),
        "iroha" | "irohaFullWidth" => "イロハニホヘトチリヌルヲワカヨタレソツネナラム"
            .chars()
            .nth(n.saturating_sub(1) as usize)
            .map_or(n.to_string(), String::from),
        "lowerLetter" => {
            char::from_u32('a' as u32 + n.saturating_sub(1)).map_or(n.to_string(), String::from)
        }
        "upperLetter" => {
            char::from_u32('A' as u32 + n.saturating_sub(1)).map_or(n.to_string(), String::from)
        }
        "japaneseCounting" | "ideographTraditional" => {
            crate::values::marker::kanji_number(n as usize)
        }
        _ => n.to_string(),
    };
    text.replace(&format!("%{}", level + 1), &shown)
}
