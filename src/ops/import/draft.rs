//! A notice being read: its title, front matter, preamble and sections, each block a table
//! as in notice.toml, and what kohyo is unsure of.

use toml::Table;

/// Something kohyo read one way and a person should look at.
#[derive(Clone, Debug)]
pub struct Doubt {
    /// A text of the line concerned (as written in the file).
    pub near: String,
    /// What kohyo did, in Japanese, and what to do if it is wrong.
    pub note: String,
}

/// A section of the notice: its blocks are tables as in notice.toml (`type = "text"`, …).
#[derive(Debug, Default)]
pub struct Section {
    /// The anchor, when kohyo can tell what the section is about.
    pub id: Option<String>,
    /// The number as written (`1.`, `（2）`, `第3条`).
    pub number: Option<String>,
    /// The heading.
    pub heading: String,
    /// The blocks before the sub-sections.
    pub blocks: Vec<Table>,
    /// The sub-sections.
    pub sections: Vec<Section>,
    /// The blocks after the sub-sections.
    pub closing: Vec<Table>,
}

/// A notice as it will be written.
#[derive(Debug, Default)]
pub struct Notice {
    /// The title.
    pub title: String,
    /// The page's own title, above the front and the title.
    pub page_title: Option<String>,
    /// What stands above the title.
    pub front: Vec<Table>,
    /// The blocks before the first section.
    pub preamble: Vec<Table>,
    /// The sections.
    pub sections: Vec<Section>,
}

/// A new block of `kind`.
pub fn block(kind: &str) -> Table {
    let mut t = Table::new();
    t.insert("type".into(), kind.into());
    t
}

/// A paragraph as Markdown that shows it as written: `<` that does not open an address, and
/// `*`, `_`, `\` and a leading `#`, `>` or `+` escaped.
pub fn markdown_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['<', '*', '_', '\\']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let autolink = ["<http://", "<https://", "<mailto:"]
            .iter()
            .any(|p| tail.starts_with(p));
        if !autolink {
            out.push('\\');
        }
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    if out.starts_with(['#', '>', '+']) {
        out.insert(0, '\\');
    }
    out
}
