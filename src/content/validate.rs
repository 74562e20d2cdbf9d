//! Rules that well-formed TOML must also meet. Each returns diagnostics; none stops at the first.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::parse::{FieldPath, Parsed};
use crate::error::{Diagnostic, SourceFile};
use crate::markdown;
use crate::model::{COVERS, Cell, Item, MAX_SECTION_DEPTH, Marker, Notice, SiteConfig, VersionId};

/// Checks `site.toml`.
pub(crate) fn site_config(parsed: &Parsed<SiteConfig>) -> Vec<Diagnostic> {
    let c = &parsed.value;
    let no_files = HashMap::new();
    let mut out = Checker {
        parsed,
        diags: Vec::new(),
        md_sources: &no_files,
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
pub(crate) fn notice(
    parsed: &Parsed<Notice>,
    id: VersionId,
    md_sources: &HashMap<FieldPath, Arc<SourceFile>>,
) -> Vec<Diagnostic> {
    let n = &parsed.value;
    let mut out = Checker {
        parsed,
        diags: Vec::new(),
        md_sources,
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
    if n.sections.is_empty() && n.preamble.is_empty() {
        out.error(
            &root.key("sections"),
            "the notice has no sections",
            "add [[sections]] with a heading and blocks (or, for a notice without headings, [[preamble]] blocks)",
        );
    }
    out.sections_and_ids(n);
    for (bp, block) in n.blocks() {
        block.validate(&mut out, &bp);
    }
    out.diags
}

impl Checker<'_, Notice> {
    /// Headings, nesting depth, anchors (unique on the page with item ids), and the statutory
    /// items that sections, blocks and items declare.
    fn sections_and_ids(&mut self, n: &Notice) {
        let out = self;
        let mut ids: HashMap<String, FieldPath> = HashMap::new();
        for (sp, anchor, depth, section) in n.sections_at() {
            out.nonempty(&sp.key("heading"), &section.heading);
            if depth > MAX_SECTION_DEPTH {
                out.error(
                    &sp,
                    format!("this section is nested {depth} levels deep; a notice has at most {MAX_SECTION_DEPTH} (1. → (1) → ① → ア)"),
                    "make it a list inside its parent section instead (type = \"list\" with items)",
                );
            }
            if let Some(sid) = &section.id
                && !is_anchor(sid)
            {
                out.error(
                    &sp.key("id"),
                    format!("`{sid}` cannot be a section id"),
                    "use lower-case letters, digits and -, e.g. \"purposes\"",
                );
            }
            if let Some(first) = ids.insert(anchor.clone(), sp.clone()) {
                out.error(
                    &sp.key("id"),
                    format!("section id `{anchor}` is also used by {first}"),
                    "give each section its own id",
                );
            }
        }
        for (sp, _, _, section) in n.sections_at() {
            out.covers(&sp.key("covers"), &section.covers);
            out.covers(&sp.key("on_request"), &section.on_request);
        }
        for (bp, block) in n.blocks() {
            out.covers(&bp.key("covers"), block.covers());
        }
        for (path, id) in item_ids(n) {
            if let Some(first) = ids.insert(id.to_owned(), path.clone()) {
                out.error(
                    &path,
                    format!("id `{id}` is also used by {first}"),
                    "give each section and item its own id",
                );
            }
        }
    }
}

/// Whether `id` can be an anchor: lower-case letters, digits and `-`, starting with a letter or
/// a digit.
fn is_anchor(id: &str) -> bool {
    id.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The ids of list items (`{ id = "…" }`) anywhere in the notice, with their field paths.
fn item_ids(n: &Notice) -> Vec<(FieldPath, &str)> {
    fn walk<'a>(items: &'a [Item], path: &FieldPath, out: &mut Vec<(FieldPath, &'a str)>) {
        for (i, item) in items.iter().enumerate() {
            if let Some(t) = item.table() {
                let ip = path.index(i);
                if let Some(id) = &t.id {
                    out.push((ip.key("id"), id));
                }
                walk(&t.items, &ip.key("items"), out);
            }
        }
    }
    let mut out = Vec::new();
    for (bp, block) in n.blocks() {
        let items = match block {
            crate::model::Block::List(l) => &l.items,
            crate::model::Block::Note(n) => &n.items,
            _ => continue,
        };
        walk(items, &bp.key("items"), &mut out);
    }
    out
}

/// Collects the problems of one file; the block kinds call its methods to check their fields.
pub(crate) struct Checker<'a, T> {
    parsed: &'a Parsed<T>,
    diags: Vec<Diagnostic>,
    /// The Markdown files of text blocks, by the block's field path.
    md_sources: &'a HashMap<FieldPath, Arc<SourceFile>>,
}

impl<T> Checker<'_, T> {
    pub(crate) fn error(
        &mut self,
        path: &FieldPath,
        message: impl Into<crate::i18n::Msg>,
        help: impl Into<crate::i18n::Msg>,
    ) {
        self.diags
            .push(self.parsed.error_at(path, message).help(help));
    }

    pub(crate) fn nonempty(&mut self, path: &FieldPath, value: &str) {
        if value.trim().is_empty() {
            self.error(
                path,
                "this field is empty",
                "write the text, or remove the entry",
            );
        }
    }

    /// Checks Markdown held in a TOML string at `path`.
    pub(crate) fn markdown(&mut self, path: &FieldPath, text: &str) {
        let problems = markdown::check(text);
        if problems.is_empty() {
            return;
        }
        let span = self.parsed.spans().span_of(path);
        // The string's content starts after its quotes; find it to point inside it.
        let raw = &self.parsed.source().text[span.clone()];
        let base = raw.find(text).map(|i| span.start + i);
        for p in problems {
            let at: Range<usize> = match base {
                Some(b) => b + p.range.start..b + p.range.end,
                None => span.clone(),
            };
            self.diags.push(
                Diagnostic::at(self.parsed.source(), at, p.message)
                    .field(path)
                    .help(p.help),
            );
        }
    }

    /// The Markdown file a text block at `at` was filled from, if any.
    pub(crate) fn markdown_file(&self, at: &FieldPath) -> Option<Arc<SourceFile>> {
        self.md_sources.get(at).cloned()
    }

    /// Checks the Markdown of a file, reporting problems at their place in it.
    pub(crate) fn markdown_in_file(
        &mut self,
        src: &Arc<SourceFile>,
        field: &FieldPath,
        text: &str,
    ) {
        for p in markdown::check(text) {
            self.diags.push(
                Diagnostic::at(src, p.range, p.message)
                    .field(field)
                    .help(p.help),
            );
        }
    }

    /// The items of a list (and their sub-lists): each with text, safe Markdown, a valid
    /// anchor and a start that fits its marker.
    pub(crate) fn items(&mut self, path: &FieldPath, items: &[Item], required: bool) {
        if required && items.is_empty() {
            self.error(path, "the list has no items", "add items = [\"…\", \"…\"]");
        }
        for (i, item) in items.iter().enumerate() {
            let ip = path.index(i);
            let Some(t) = item.table() else {
                self.nonempty(&ip, item.text());
                self.markdown(&ip, item.text());
                continue;
            };
            self.nonempty(&ip.key("text"), &t.text);
            self.markdown(&ip.key("text"), &t.text);
            if let Some(body) = &t.body {
                self.nonempty(&ip.key("body"), body);
                self.markdown(&ip.key("body"), body);
            }
            self.covers(&ip.key("covers"), &t.covers);
            if let Some(id) = &t.id {
                self.anchor(&ip.key("id"), id);
            }
            if t.marker.is_some() || t.start.is_some() {
                if t.items.is_empty() {
                    self.error(
                        &ip.key(if t.marker.is_some() { "marker" } else { "start" }),
                        "`marker` and `start` of an item apply to its own sub-list, and it has none",
                        "add the sub-list as items = [\"…\"], or remove marker/start",
                    );
                }
                let marker = t.marker.clone().unwrap_or_default();
                self.start(&ip.key("start"), &marker, t.start);
            }
            self.items(&ip.key("items"), &t.items, false);
        }
    }

    /// Each id of `covers` (or `on_request`) is a statutory item kohyo knows.
    pub(crate) fn covers(&mut self, path: &FieldPath, ids: &[String]) {
        for (i, id) in ids.iter().enumerate() {
            if !COVERS.contains(&id.as_str()) {
                self.error(
                    &path.index(i),
                    format!("`{id}` is not a statutory item kohyo knows"),
                    format!("use one of {}", COVERS.join(", ")),
                );
            }
        }
    }

    /// `start` may only number a numbered list, from 1.
    pub(crate) fn start(&mut self, path: &FieldPath, marker: &Marker, start: Option<u32>) {
        match start {
            Some(0) => self.error(
                path,
                "a list starts at 1 or later",
                "write start = 1 or more",
            ),
            Some(_) if !marker.is_ordered() => self.error(
                path,
                format!("`start` numbers a list, but the marker `{marker}` has no numbers"),
                "remove `start`, or use a numbered marker such as \"paren\"",
            ),
            _ => {}
        }
    }

    /// An anchor (`#id`): lower-case letters, digits and `-`, starting with a letter or digit.
    pub(crate) fn anchor(&mut self, path: &FieldPath, id: &str) {
        if !is_anchor(id) {
            self.error(
                path,
                format!("`{id}` cannot be an id"),
                "use lower-case letters, digits and -, e.g. \"purposes\"",
            );
        }
    }

    pub(crate) fn cell(&mut self, path: &FieldPath, cell: &Cell) {
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
