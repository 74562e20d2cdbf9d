//! Rules that well-formed TOML must also meet. Each returns diagnostics; none stops at the first.

use std::collections::HashMap;
use std::sync::Arc;

use super::parse::Parsed;
use crate::blocks::Block;
use crate::blocks::kit::problems::{Checker, is_anchor};
use crate::error::{Diagnostic, SourceFile};
use crate::model::{Appi, MAX_SECTION_DEPTH, Notice, SiteConfig};
use crate::values::web::is_web_address;
use crate::values::{FieldPath, Item, VersionId};

/// Checks `site.toml`.
pub(crate) fn site_config(parsed: &Parsed<SiteConfig>) -> Vec<Diagnostic> {
    let c = &parsed.value;
    let no_files = HashMap::new();
    let mut out = Checker::new(&parsed.origin, &no_files);
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
    if let Some(look) = &c.appearance {
        appearance(&mut out, &root.key("appearance"), look);
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
    if let Some(a) = &c.appi {
        appi(&mut out, &root.key("appi"), a);
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
    out.into_problems()
}

/// Checks one version's notice. `md_sources` holds the Markdown files of text blocks, by
/// (section, block) index, so problems in them point into those files.
pub(crate) fn notice(
    parsed: &Parsed<Notice>,
    id: VersionId,
    md_sources: &HashMap<FieldPath, Arc<SourceFile>>,
) -> Vec<Diagnostic> {
    let n = &parsed.value;
    let mut out = Checker::new(&parsed.origin, md_sources);
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
    if let Some(page_title) = &n.page_title {
        out.nonempty(&root.key("page_title"), page_title);
    }
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
    if let Some(a) = &n.appi {
        appi(&mut out, &root.key("appi"), a);
    }
    sections_and_ids(&mut out, n);
    for (bp, block) in n.blocks() {
        block.validate(&mut out, &bp);
    }
    out.into_problems()
}

/// `[appearance]`: a colour that stays readable, fonts that are only a font list, links to the
/// web, a logo that is an image in the site.
fn appearance(out: &mut Checker<'_>, path: &FieldPath, a: &crate::model::Appearance) {
    use crate::values::colour::{contrast_on_white, darkened_for_text, hex, parse_hex};
    if let Some(accent) = &a.accent {
        match parse_hex(accent) {
            None => out.error(
                &path.key("accent"),
                format!("`{accent}` is not a colour of the form #RRGGBB"),
                "write the colour as six hexadecimal digits, e.g. \"#0b4f9c\"",
            ),
            Some(rgb) if contrast_on_white(rgb) < 4.5 => {
                let ratio = format!("{:.1}", contrast_on_white(rgb));
                let darker = hex(darkened_for_text(rgb));
                out.error(
                    &path.key("accent"),
                    format!("`{accent}` is too light for text on white: a contrast of {ratio}:1, and 4.5:1 is needed (WCAG AA)"),
                    format!("use a darker shade, e.g. accent = \"{darker}\""),
                );
            }
            Some(_) => {}
        }
    }
    if let Some(fonts) = &a.fonts
        && !crate::values::colour::is_font_list(fonts)
    {
        out.error(
            &path.key("fonts"),
            "the fonts are a list of font names separated by commas",
            "write e.g. fonts = '\"Noto Sans JP\", \"Yu Gothic\", sans-serif' (each name in a pair of quotes or none; no ; { } < >)",
        );
    }
    for (i, link) in a.links.iter().enumerate() {
        let at = path.key("links").index(i);
        out.nonempty(&at.key("label"), &link.label);
        if !is_web_address(&link.url) {
            out.error(
                &at.key("url"),
                format!("`{url}` is not a web address", url = link.url),
                "write a full address starting with https://",
            );
        }
    }
    if let Some(logo) = &a.logo {
        let image = logo.rsplit_once('.').is_some_and(|(_, e)| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "png" | "jpg" | "jpeg" | "gif" | "webp"
            )
        });
        if !image || !crate::values::path::is_plain_site_path(logo) {
            out.error(
                &path.key("logo"),
                format!("`{logo}` is not a PNG, JPEG, GIF or WebP image in the site's folder"),
                "put the image in the site's folder (e.g. assets/logo.png) and give its path from there",
            );
        }
    }
}

/// The pages `[appi] elsewhere` names: known items, a web address, a title.
fn appi(out: &mut Checker<'_>, path: &FieldPath, a: &Appi) {
    for (i, e) in a.elsewhere.iter().enumerate() {
        let ep = path.key("elsewhere").index(i);
        out.covers(&ep.key("items"), &e.items);
        out.nonempty(&ep.key("title"), &e.title);
        if !is_web_address(&e.url) {
            out.error(
                &ep.key("url"),
                format!("`{}` is not a web address", e.url),
                "write the full address of the page, starting with https://",
            );
        }
    }
}

/// Headings, nesting depth, anchors (unique on the page with item ids), and the statutory
/// items that sections, blocks and items declare.
fn sections_and_ids(out: &mut Checker<'_>, n: &Notice) {
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
            Block::List(l) => &l.items,
            Block::Note(n) => &n.items,
            _ => continue,
        };
        walk(items, &bp.key("items"), &mut out);
    }
    out
}
