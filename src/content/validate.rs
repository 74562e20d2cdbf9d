//! Rules that well-formed TOML must also meet. Each returns diagnostics; none stops at the first.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::parse::{FieldPath, Parsed};
use crate::error::{Diagnostic, SourceFile};
use crate::markdown;
use crate::model::{
    Block, Cell, ListBlock, MeasuresBlock, NoteBlock, Notice, PurposesBlock, RecordsBlock,
    SiteConfig, TableBlock, TextBlock, VersionId,
};

/// Checks `site.toml`.
pub(super) fn site_config(parsed: &Parsed<SiteConfig>) -> Vec<Diagnostic> {
    let c = &parsed.value;
    let mut out = Checker {
        parsed,
        diags: Vec::new(),
    };
    let root = FieldPath::root();
    out.nonempty(&root.key("title"), &c.title);
    out.nonempty(&root.key("organization").key("name"), &c.organization.name);
    if c.language != "ja" {
        out.error(
            &root.key("language"),
            format!("language `{}` is not supported", c.language),
            "kohyo publishes Japanese notices: use language = \"ja\"",
        );
    }
    if !is_web_address(&c.base_url) {
        out.error(
            &root.key("base_url"),
            format!("`{}` is not a web address", c.base_url),
            "write the address the site is published at, e.g. \"https://example.or.jp/kojin-joho/\"",
        );
    }
    if let Some(home) = &c.organization.homepage
        && !is_web_address(home)
    {
        out.error(
            &root.key("organization").key("homepage"),
            format!("`{home}` is not a web address"),
            "write a full address starting with https://",
        );
    }
    let theme_ok = !c.theme.is_empty()
        && c.theme
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    if !theme_ok {
        out.error(
            &root.key("theme"),
            format!("`{}` is not a theme name", c.theme),
            "a theme name is the name of a folder under themes/: letters, digits, - and _",
        );
    }
    let out_ok = !c.output_dir.trim().is_empty()
        && !std::path::Path::new(&c.output_dir).is_absolute()
        && !c.output_dir.split(['/', '\\']).any(|s| s == "..");
    if !out_ok {
        out.error(
            &root.key("output_dir"),
            format!("`{}` cannot be the output folder", c.output_dir),
            "give a folder inside the site, e.g. \"public\" (use --out for anywhere else)",
        );
    }
    out.diags
}

use markdown::is_web_address;

/// Checks one version's notice. `md_sources` holds the Markdown files of text blocks, by
/// (section, block) index, so problems in them point into those files.
pub(super) fn notice(
    parsed: &Parsed<Notice>,
    id: VersionId,
    md_sources: &HashMap<(usize, usize), Arc<SourceFile>>,
) -> Vec<Diagnostic> {
    let n = &parsed.value;
    let mut out = Checker {
        parsed,
        diags: Vec::new(),
    };
    let root = FieldPath::root();
    if n.effective != id.date {
        out.error(
            &root.key("effective"),
            format!(
                "the effective date {} does not match the folder name {id}",
                n.effective
            ),
            "the folder of a version is named after its effective date: rename one or the other",
        );
    }
    out.nonempty(&root.key("title"), &n.title);
    out.nonempty(&root.key("summary"), &n.summary);
    if n.summary.trim().contains('\n') {
        out.error(
            &root.key("summary"),
            "the summary must be one line",
            "say in one line what changed; put details in the notice itself",
        );
    }
    if n.sections.is_empty() {
        out.error(
            &root.key("sections"),
            "the notice has no sections",
            "add [[sections]] with a heading and blocks",
        );
    }

    let mut ids: HashMap<String, usize> = HashMap::new();
    for (s, section) in n.sections.iter().enumerate() {
        let sp = root.key("sections").index(s);
        out.nonempty(&sp.key("heading"), &section.heading);
        if let Some(sid) = &section.id {
            let valid = sid
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && sid
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                out.error(
                    &sp.key("id"),
                    format!("`{sid}` cannot be a section id"),
                    "use lower-case letters, digits and -, e.g. \"purposes\"",
                );
            }
        }
        let sid = section.anchor(s);
        if let Some(first) = ids.insert(sid.clone(), s) {
            out.error(
                &sp.key("id"),
                format!("section id `{sid}` is also used by sections[{first}]"),
                "give each section its own id",
            );
        }
        for (b, block) in section.blocks.iter().enumerate() {
            let bp = sp.key("blocks").index(b);
            out.block(&bp, block, md_sources.get(&(s, b)));
        }
    }
    out.diags
}

struct Checker<'a, T> {
    parsed: &'a Parsed<T>,
    diags: Vec<Diagnostic>,
}

impl<T> Checker<'_, T> {
    fn error(&mut self, path: &FieldPath, message: impl Into<String>, help: &str) {
        self.diags
            .push(self.parsed.error_at(path, message).help(help));
    }

    fn nonempty(&mut self, path: &FieldPath, value: &str) {
        if value.trim().is_empty() {
            self.error(
                path,
                "this field is empty",
                "write the text, or remove the entry",
            );
        }
    }

    /// Checks Markdown held in a TOML string at `path`.
    fn markdown(&mut self, path: &FieldPath, text: &str) {
        let problems = markdown::check(text);
        if problems.is_empty() {
            return;
        }
        let span = self.parsed.spans().span_of(path);
        // The string's content starts after its quotes; find it to point inside it.
        let raw = &self.parsed.source.text[span.clone()];
        let base = raw.find(text).map(|i| span.start + i);
        for p in problems {
            let at: Range<usize> = match base {
                Some(b) => b + p.range.start..b + p.range.end,
                None => span.clone(),
            };
            self.diags.push(
                Diagnostic::at(&self.parsed.source, at, p.message)
                    .field(path)
                    .help(p.help),
            );
        }
    }

    fn block(&mut self, bp: &FieldPath, block: &Block, md_file: Option<&Arc<SourceFile>>) {
        match block {
            Block::Text(TextBlock { text, file }) => match (md_file, file) {
                (Some(src), _) => {
                    for p in markdown::check(text) {
                        self.diags.push(
                            Diagnostic::at(src, p.range, p.message)
                                .field(bp.key("file"))
                                .help(p.help),
                        );
                    }
                }
                (None, Some(_)) => {} // the file could not be read; already reported
                (None, None) => {
                    self.nonempty(&bp.key("text"), text);
                    self.markdown(&bp.key("text"), text);
                }
            },
            Block::Note(NoteBlock {
                mark, text, items, ..
            }) => {
                self.nonempty(&bp.key("mark"), mark);
                self.nonempty(&bp.key("text"), text);
                self.markdown(&bp.key("text"), text);
                self.items(&bp.key("items"), items, false);
            }
            Block::List(ListBlock { items, .. }) => self.items(&bp.key("items"), items, true),
            Block::Purposes(PurposesBlock {
                category_label,
                purposes_label,
                rows,
                ..
            }) => {
                self.nonempty(&bp.key("category_label"), category_label);
                self.nonempty(&bp.key("purposes_label"), purposes_label);
                if rows.is_empty() {
                    self.error(
                        &bp.key("rows"),
                        "the purpose table has no rows",
                        "add [[sections.blocks.rows]] with a category and its purposes",
                    );
                }
                let mut seen: HashMap<&str, usize> = HashMap::new();
                for (r, row) in rows.iter().enumerate() {
                    let rp = bp.key("rows").index(r);
                    self.nonempty(&rp.key("category"), &row.category);
                    if let Some(first) = seen.insert(row.category.trim(), r) {
                        self.error(
                            &rp.key("category"),
                            format!(
                                "category `{}` appears twice in this table (also rows[{first}])",
                                row.category
                            ),
                            "merge the two rows into one",
                        );
                    }
                    if row.purposes.is_empty() {
                        self.error(
                            &rp.key("purposes"),
                            "this category has no purposes",
                            "list its purposes of use, one string per purpose",
                        );
                    }
                    let mut seen_p: HashSet<&str> = HashSet::new();
                    for (p, purpose) in row.purposes.iter().enumerate() {
                        let pp = rp.key("purposes").index(p);
                        self.nonempty(&pp, purpose);
                        if !seen_p.insert(purpose.trim()) {
                            self.error(
                                &pp,
                                format!("purpose `{purpose}` appears twice in this row"),
                                "remove one of them",
                            );
                        }
                    }
                }
            }
            Block::Measures(MeasuresBlock {
                category_label,
                text_label,
                rows,
            }) => {
                if category_label.is_some() != text_label.is_some() {
                    self.error(
                        bp,
                        "give both `category_label` and `text_label`, or neither",
                        "the two labels make the table's header row",
                    );
                }
                if rows.is_empty() {
                    self.error(
                        &bp.key("rows"),
                        "the measures table has no rows",
                        "add [[sections.blocks.rows]] with a category and its text",
                    );
                }
                let mut seen: HashMap<&str, usize> = HashMap::new();
                for (r, row) in rows.iter().enumerate() {
                    let rp = bp.key("rows").index(r);
                    self.nonempty(&rp.key("category"), &row.category);
                    self.nonempty(&rp.key("text"), &row.text);
                    self.markdown(&rp.key("text"), &row.text);
                    if let Some(first) = seen.insert(row.category.trim(), r) {
                        self.error(
                            &rp.key("category"),
                            format!(
                                "category `{}` appears twice in this table (also rows[{first}])",
                                row.category
                            ),
                            "merge the two rows into one",
                        );
                    }
                }
            }
            Block::Contact(c) => {
                self.nonempty(&bp.key("name"), &c.name);
                if c.address.is_none() && c.phone.is_none() && c.email.is_none() && c.url.is_none()
                {
                    self.error(
                        bp,
                        "this contact has no way to reach it",
                        "give at least an address, a phone number, an e-mail address or a web page",
                    );
                }
                if let Some(url) = &c.url
                    && !is_web_address(url)
                {
                    self.error(
                        &bp.key("url"),
                        format!("`{url}` is not a web address"),
                        "write a full address starting with https://",
                    );
                }
                if let Some(email) = &c.email {
                    let ok = email.split_once('@').is_some_and(|(a, d)| {
                        !a.is_empty() && d.contains('.') && !email.contains(char::is_whitespace)
                    });
                    if !ok {
                        self.error(
                            &bp.key("email"),
                            format!("`{email}` is not an e-mail address"),
                            "write it as name@example.jp",
                        );
                    }
                }
                if let Some(note) = &c.note {
                    self.markdown(&bp.key("note"), note);
                }
            }
            Block::Organization(o) => {
                self.nonempty(&bp.key("name"), &o.name);
                for (i, person) in o.representative.iter().chain(&o.officers).enumerate() {
                    let pp = if o.representative.is_some() && i == 0 {
                        bp.key("representative")
                    } else {
                        bp.key("officers")
                            .index(i - usize::from(o.representative.is_some()))
                    };
                    self.nonempty(&pp.key("title"), &person.title);
                    self.nonempty(&pp.key("name"), &person.name);
                }
            }
            Block::Records(RecordsBlock { records }) => {
                if records.is_empty() {
                    self.error(
                        &bp.key("records"),
                        "there are no records",
                        "add [[sections.blocks.records]]",
                    );
                }
                for (r, record) in records.iter().enumerate() {
                    let rp = bp.key("records").index(r);
                    if record.fields.is_empty() {
                        self.error(
                            &rp.key("fields"),
                            "this record has no fields",
                            "add fields = [{ label = \"…\", value = \"…\" }]",
                        );
                    }
                    for (f, field) in record.fields.iter().enumerate() {
                        let fp = rp.key("fields").index(f);
                        self.nonempty(&fp.key("label"), &field.label);
                        self.cell(&fp.key("value"), &field.value);
                    }
                }
            }
            Block::Table(TableBlock {
                caption,
                columns,
                rows,
                ..
            }) => {
                if let Some(caption) = caption {
                    self.nonempty(&bp.key("caption"), caption);
                }
                if columns.is_empty() {
                    self.error(
                        &bp.key("columns"),
                        "the table has no columns",
                        "list the column headers: columns = [\"…\", \"…\"]",
                    );
                }
                for (c, col) in columns.iter().enumerate() {
                    self.nonempty(&bp.key("columns").index(c), col);
                }
                if rows.is_empty() {
                    self.error(
                        &bp.key("rows"),
                        "the table has no rows",
                        "add rows = [[\"…\", \"…\"]]",
                    );
                }
                for (r, row) in rows.iter().enumerate() {
                    let rp = bp.key("rows").index(r);
                    if row.len() != columns.len() {
                        self.error(
                            &rp,
                            format!(
                                "this row has {} cells but the table has {} columns",
                                row.len(),
                                columns.len()
                            ),
                            "give every row one cell per column (an empty cell is \"\")",
                        );
                    }
                    for (c, cell) in row.iter().enumerate() {
                        self.cell(&rp.index(c), cell);
                    }
                }
            }
        }
    }

    fn items(&mut self, path: &FieldPath, items: &[String], required: bool) {
        if required && items.is_empty() {
            self.error(path, "the list has no items", "add items = [\"…\", \"…\"]");
        }
        for (i, item) in items.iter().enumerate() {
            self.nonempty(&path.index(i), item);
            self.markdown(&path.index(i), item);
        }
    }

    fn cell(&mut self, path: &FieldPath, cell: &Cell) {
        match cell {
            Cell::Text(t) => self.markdown(path, t),
            Cell::Points(points) => {
                for (i, p) in points.iter().enumerate() {
                    self.nonempty(&path.index(i), p);
                    self.markdown(&path.index(i), p);
                }
            }
        }
    }
}
