//! What a notice is made of before kohyo knows its structure: lines of text, rows of tables,
//! and — where the source says so (a web page's `<h2>`, a Word heading style or list) —
//! headings and list items. Each reader ([`super::html`], [`super::docx`], and the text reader
//! here) gives pieces; [`super::shape`] reads the structure from them as a person would.

/// One piece of a notice, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// A paragraph (a line of pasted text).
    Text(String),
    /// A row of a table, one cell per column of its grid (a cell may hold several lines; a
    /// place a merged cell covers is empty); `header` when the source marks it so (`<th>`);
    /// `spans` says, place by place, where merged cells start and what they cover (empty when
    /// nothing is merged).
    Row {
        cells: Vec<String>,
        header: bool,
        spans: Vec<Span>,
    },
    /// Where one table or paragraph group ends (a blank line, the end of a `<table>`).
    Break,
    /// A heading the source marks as such, at `level` (0 for the notice's title, 1 for its
    /// sections), with its number when the source shows it apart.
    Heading {
        level: usize,
        number: Option<String>,
        text: String,
    },
    /// What comes above the title (a label such as 【別紙2】), until the title.
    Front,
    /// The page's own title, above the front and the notice's title (a page kohyo built with
    /// `page_title`).
    PageTitle(String),
    /// The anchor of the section just opened, as the page names it.
    Anchor(String),
    /// Where the innermost open section ends (a page's `</section>`): what follows belongs
    /// to the section around it.
    EndSection,
    /// A paragraph group already in Markdown (a page kohyo built).
    Markdown(String),
    /// A block the source says exactly (a page kohyo built), as in notice.toml.
    Block(toml::Table),
    /// A list item the source marks as such, its marker as shown (`(1)`, `・`) if it shows one.
    Item {
        marker: Option<String>,
        text: String,
    },
}

/// A place of a table's grid: an ordinary cell, where a merged cell starts (and how many
/// columns and rows it takes), or a place a merged cell covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// An ordinary cell.
    One,
    /// A merged cell starts here.
    Start { cols: usize, rows: usize },
    /// A merged cell (to the left or above) covers this place.
    Covered,
}

/// The pieces of pasted text: one per line; a line with tabs is a row of a table (cells copied
/// from a browser or Word arrive tab-separated); blank lines are breaks.
pub fn of_text(text: &str) -> Vec<Piece> {
    let text = crate::text::normalized(text);
    let mut pieces = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if pieces.last() != Some(&Piece::Break) {
                pieces.push(Piece::Break);
            }
        } else if line.contains('\t') {
            let cells = line.split('\t').map(|c| c.trim().to_owned()).collect();
            pieces.push(Piece::Row {
                cells,
                header: false,
                spans: Vec::new(),
            });
        } else {
            pieces.push(Piece::Text(line.trim().to_owned()));
        }
    }
    pieces
}

/// Text saved as UTF-8 (with or without a byte-order mark) or as Shift_JIS (Windows' and old
/// Word's 「テキスト」), as Unicode.
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_is_lines_rows_and_breaks() {
        let pieces = of_text("題名\r\n\r\n\r\n区分\t目的\na\tb\n");
        assert_eq!(
            pieces,
            vec![
                Piece::Text("題名".into()),
                Piece::Break,
                Piece::Row {
                    cells: vec!["区分".into(), "目的".into()],
                    header: false,
                    spans: Vec::new(),
                },
                Piece::Row {
                    cells: vec!["a".into(), "b".into()],
                    header: false,
                    spans: Vec::new(),
                },
            ]
        );
    }

    #[test]
    fn shift_jis_is_read() {
        let (bytes, ..) = encoding_rs::SHIFT_JIS.encode("苦情の申出先");
        assert_eq!(decode(&bytes), "苦情の申出先");
    }
}
