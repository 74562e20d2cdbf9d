//! Themes: the built-in default theme (compiled into the binary) and a site's own
//! `themes/<name>/`, which overrides it file by file.
//!
//! A theme is `templates/*.html` (Tera) and `static/**` (copied to the output root). Loading
//! reads and compiles; rendering with the compiled templates happens in [`crate::render`].

use std::fs;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::error::{Diagnostic, Diagnostics, Severity};

/// The default theme's templates, embedded so a site without `themes/` still builds.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "notice.html",
        include_str!("../themes/default/templates/notice.html"),
    ),
    (
        "history.html",
        include_str!("../themes/default/templates/history.html"),
    ),
    (
        "home.html",
        include_str!("../themes/default/templates/home.html"),
    ),
    (
        "partials/notice.html",
        include_str!("../themes/default/templates/partials/notice.html"),
    ),
    (
        "partials/macros.html",
        include_str!("../themes/default/templates/partials/macros.html"),
    ),
    (
        "partials/blocks/text.html",
        include_str!("../themes/default/templates/partials/blocks/text.html"),
    ),
    (
        "partials/blocks/note.html",
        include_str!("../themes/default/templates/partials/blocks/note.html"),
    ),
    (
        "partials/blocks/list.html",
        include_str!("../themes/default/templates/partials/blocks/list.html"),
    ),
    (
        "partials/blocks/purposes.html",
        include_str!("../themes/default/templates/partials/blocks/purposes.html"),
    ),
    (
        "partials/blocks/measures.html",
        include_str!("../themes/default/templates/partials/blocks/measures.html"),
    ),
    (
        "partials/blocks/contact.html",
        include_str!("../themes/default/templates/partials/blocks/contact.html"),
    ),
    (
        "partials/blocks/organization.html",
        include_str!("../themes/default/templates/partials/blocks/organization.html"),
    ),
    (
        "partials/blocks/records.html",
        include_str!("../themes/default/templates/partials/blocks/records.html"),
    ),
    (
        "partials/blocks/dates.html",
        include_str!("../themes/default/templates/partials/blocks/dates.html"),
    ),
    (
        "partials/blocks/table.html",
        include_str!("../themes/default/templates/partials/blocks/table.html"),
    ),
    (
        "diff.html",
        include_str!("../themes/default/templates/diff.html"),
    ),
    (
        "diff_standalone.html",
        include_str!("../themes/default/templates/diff_standalone.html"),
    ),
    (
        "partials/changes.html",
        include_str!("../themes/default/templates/partials/changes.html"),
    ),
];

/// The default theme's static files.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../themes/default/static/style.css"),
)];

/// A compiled theme.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// Files copied as they are to the output, by relative path.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Problems that do not stop the build (e.g. a symbolic link that was skipped).
    pub warnings: Vec<Diagnostic>,
    /// The SHA-256 of every template and static file, to tell whether the theme changed.
    pub fingerprint: [u8; 32],
    /// Where each template overridden by the site's theme comes from, for error messages.
    origins: std::collections::HashMap<String, PathBuf>,
    /// The site's own templates: those that are not the built-in ones (by path, with their
    /// text), which a built site carries so that its pages can be rendered again.
    pub own_templates: std::collections::BTreeMap<String, String>,
}

impl Theme {
    /// Renders `template`; an error names the template file it happened in (the site's own
    /// file when the theme overrides it), which may be an included one.
    pub fn render(&self, template: &str, ctx: &tera::Context) -> Result<String, Diagnostics> {
        self.tera.render(template, ctx).map_err(|e| {
            let mut chain = e.to_string();
            let mut cur = std::error::Error::source(&e);
            while let Some(c) = cur {
                chain.push_str(&c.to_string());
                cur = c.source();
            }
            // The innermost template named in the messages is where the error is.
            let name = chain
                .split('\'')
                .skip(1)
                .step_by(2)
                .filter(|n| self.tera.get_template_names().any(|t| t == *n))
                .last()
                .unwrap_or(template);
            Diagnostics(vec![template_diagnostic(
                name,
                self.origins.get(name).map(PathBuf::as_path),
                None,
                &e,
            )])
        })
    }
}

/// `partials/block.html`, made from the list of block kinds: it hands each block to
/// `partials/blocks/<type>.html`. A theme may still override it whole.
fn block_dispatcher() -> String {
    let mut t = String::new();
    for (i, kind) in crate::blocks::Block::TYPES.iter().enumerate() {
        let keyword = if i == 0 { "if" } else { "elif" };
        t.push_str(&format!(
            "{{% {keyword} block.type == \"{kind}\" %}}\n{{% include \"partials/blocks/{kind}.html\" %}}"
        ));
    }
    t.push_str("{% endif %}\n");
    t
}

/// A template: its name, its text, and the site's file it comes from (none: built in).
type Template = (String, String, Option<PathBuf>);

/// Loads the theme `name` of the site at `root`: the default theme, overridden by whatever
/// `themes/<name>/` holds. A theme other than `default` must exist.
pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
    let mut templates: Vec<Template> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned(), None))
        .collect();
    templates.push(("partials/block.html".to_owned(), block_dispatcher(), None));
    let mut static_files: Vec<(String, Vec<u8>)> = DEFAULT_STATIC
        .iter()
        .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
        .collect();
    let mut diags = Vec::new();
    read_overrides(root, name, &mut templates, &mut static_files, &mut diags)?;
    let tera = compile(&templates, &mut diags)?;
    static_files.sort();
    let fingerprint = {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut add = |part: &[u8]| {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        };
        for (name, text, _) in &templates {
            add(name.as_bytes());
            add(text.as_bytes());
        }
        for (name, bytes) in &static_files {
            add(name.as_bytes());
            add(bytes);
        }
        h.finalize().into()
    };
    let origins = templates
        .iter()
        .filter_map(|(n, _, o)| o.clone().map(|o| (n.clone(), o)))
        .collect();
    let own_templates = templates
        .iter()
        .filter(|(n, t, o)| {
            o.is_some() && !DEFAULT_TEMPLATES.iter().any(|(dn, dt)| dn == n && dt == t)
        })
        .map(|(n, t, _)| (n.clone(), t.clone()))
        .collect();
    Ok(Theme {
        origins,
        own_templates,
        fingerprint,
        tera,
        static_files,
        warnings: diags,
    })
}

/// Reads `themes/<name>/templates/` and `static/` over the built-in files.
fn read_overrides(
    root: &Path,
    name: &str,
    templates: &mut Vec<Template>,
    static_files: &mut Vec<(String, Vec<u8>)>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), Diagnostics> {
    let rel = Path::new("themes").join(name);
    let exists = match crate::files::check_within(root, &rel) {
        Ok(()) => fs::symlink_metadata(root.join(&rel)).is_ok_and(|m| m.is_dir()),
        Err(e) => {
            return Err(Diagnostics(vec![
                Diagnostic::in_file(&rel, format!("the theme cannot be read: {e}"))
                    .help("keep the theme as a real folder under themes/"),
            ]));
        }
    };
    if !exists {
        if name != "default" {
            return Err(Diagnostics(vec![
                Diagnostic::in_file(&rel, format!("theme `{name}` not found"))
                    .field("theme")
                    .help(format!(
                        "create the folder themes/{name}/templates/, or set theme = \"default\" in site.toml"
                    )),
            ]));
        }
    } else {
        read_templates(root, &rel, templates, diags);
        read_static(root, &rel, static_files, diags);
    }
    Ok(())
}

/// Reads the theme's `templates/` over the built-in ones.
fn read_templates(
    root: &Path,
    rel: &Path,
    templates: &mut Vec<Template>,
    diags: &mut Vec<Diagnostic>,
) {
    for (path, file) in walk(root, &rel.join("templates"), diags) {
        let display = rel.join("templates").join(&path);
        match crate::files::read_regular(&file, MAX_THEME_FILE_BYTES).map(String::from_utf8) {
            Ok(Ok(text)) => {
                let text = crate::text::normalized(&text).into_owned();
                match templates.iter_mut().find(|(n, _, _)| *n == path) {
                    Some(slot) => *slot = (path, text, Some(display)),
                    None => templates.push((path, text, Some(display))),
                }
            }
            Ok(Err(_)) => diags.push(Diagnostic::in_file(
                &display,
                "the template is not UTF-8 text",
            )),
            Err(e) => diags.push(Diagnostic::in_file(&display, e.to_string())),
        }
    }
}

/// Reads the theme's `static/` over the built-in files.
fn read_static(
    root: &Path,
    rel: &Path,
    static_files: &mut Vec<(String, Vec<u8>)>,
    diags: &mut Vec<Diagnostic>,
) {
    for (path, file) in walk(root, &rel.join("static"), diags) {
        match crate::files::read_regular(&file, MAX_THEME_FILE_BYTES)
            .map(|b| as_published(&path, b))
        {
            Ok(bytes) => match static_files.iter_mut().find(|(n, _)| *n == path) {
                Some(slot) => slot.1 = bytes,
                None => static_files.push((path, bytes)),
            },
            Err(e) => diags.push(Diagnostic::in_file(
                &rel.join("static").join(&path),
                e.to_string(),
            )),
        }
    }
}

/// A static file as the site publishes it: a text file (CSS, JavaScript, SVG…) without a
/// byte-order mark and with LF line endings, whatever the checkout made of it (Git for
/// Windows writes CRLF); any other file as it is.
fn as_published(path: &str, bytes: Vec<u8>) -> Vec<u8> {
    const TEXT: &[&str] = &[
        "css",
        "js",
        "mjs",
        "svg",
        "txt",
        "html",
        "htm",
        "json",
        "xml",
        "md",
        "webmanifest",
    ];
    let text = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT.contains(&e.to_ascii_lowercase().as_str()));
    match String::from_utf8(bytes) {
        Ok(s) if text => crate::text::normalized(&s).into_owned().into_bytes(),
        Ok(s) => s.into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// Compiles the templates; each syntax error names its file and line.
fn compile(templates: &[Template], diags: &mut Vec<Diagnostic>) -> Result<Tera, Diagnostics> {
    use rayon::prelude::*;
    // Each template is parsed once, on its own and in parallel (parsing is most of a small
    // site's build), so that every syntax error names its file and line; then the parsed
    // templates are put together as `Tera::add_raw_templates` does.
    let parsed: Vec<Result<tera::Template, Diagnostic>> = templates
        .par_iter()
        .map(|(tname, text, origin)| {
            tera::Template::new(tname, None, text)
                .map_err(|e| template_diagnostic(tname, origin.as_deref(), Some(text), &e))
        })
        .collect();
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.register_function("url", url_of);
    for template in parsed {
        match template {
            Ok(t) => {
                tera.templates.insert(t.name.clone(), t);
            }
            Err(d) => diags.push(d),
        }
    }
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(Diagnostics(std::mem::take(diags)));
    }
    tera.build_inheritance_chains()
        .and_then(|()| tera.check_macro_files())
        .map_err(|e| {
            // Inheritance errors name the template in quotes: 'history.html'.
            let text = e.to_string();
            let named = text.split('\'').nth(1).unwrap_or("");
            let (name, origin) = templates
                .iter()
                .find(|(n, _, _)| n == named)
                .map_or(("", None), |(n, _, o)| (n.as_str(), o.as_deref()));
            Diagnostics(vec![template_diagnostic(name, origin, None, &e)])
        })?;
    Ok(tera)
}

/// The templates' `url(to="version", id=…, doc=…, from=…)`: the address of a page as
/// [`crate::address::url`] makes it (templates put `page.root`, `doc_root` or `page.assets`
/// before it). `to` is `home`, `feed`, `current`, `history`, `version`, `diff`, `since` or
/// `notice_json`.
fn url_of(args: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let arg = |name: &str| args.get(name).and_then(tera::Value::as_str);
    let to = arg("to").unwrap_or("");
    crate::address::url(to, arg("id"), arg("doc"), arg("from"))
        .map(tera::Value::String)
        .ok_or_else(|| {
            tera::Error::msg(format!(
                "url(to=\"{to}\"): `to` is one of home, feed, current, history, version, diff, since, notice_json (the last four with `id`), `from` one of current, history"
            ))
        })
}

/// Escapes text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"`
/// and `'`. (Tera's default also escapes `/`, which is safe but makes every URL unreadable.)
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The largest theme file read (a web font is a few hundred kilobytes).
const MAX_THEME_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Regular files under `root/rel`, recursively, as (relative path with `/`, full path),
/// sorted; hidden names are skipped, and symbolic links and anything else that is not a file
/// are reported and skipped (a theme is a plain tree of files).
fn walk(root: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let dir = root.join(rel);
    if crate::files::check_within(root, rel).is_err() {
        diags
            .push(Diagnostic::in_file(rel, "symbolic links are not followed in a theme").warning());
        return Vec::new();
    }
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let entries = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in entries.flatten() {
        let Ok(inner) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let t = entry.file_type();
        if t.is_dir() {
            continue;
        }
        let shown: Vec<String> = inner
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if t.is_file() {
            out.push((shown.join("/"), entry.path().to_path_buf()));
        } else {
            diags.push(
                Diagnostic::in_file(
                    &rel.join(inner),
                    format!("{} is not followed in a theme", crate::files::kind_of(&t)),
                )
                .warning(),
            );
        }
    }
    out.sort();
    out
}

/// A diagnostic for a Tera error. When Tera gives a line and column (syntax errors) and the
/// template's text is at hand, the diagnostic quotes the line.
pub fn template_diagnostic(
    name: &str,
    origin: Option<&Path>,
    text: Option<&str>,
    err: &tera::Error,
) -> Diagnostic {
    let mut chain = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = cur {
        chain.push(e.to_string());
        cur = e.source();
    }
    let full = chain.join(": ");
    let file = origin.map_or_else(
        || Path::new("themes (built-in default)").join(name),
        Path::to_path_buf,
    );
    let help = "fix the template; see the Tera documentation for its syntax";
    let Some((line, col)) = syntax_position(&full) else {
        return Diagnostic::in_file(&file, format!("template error: 「{}」", full.trim()))
            .help(help);
    };
    let expected = full
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("= "))
        .unwrap_or("the template's syntax is wrong here");
    let message = format!("template syntax error: 「{expected}」");
    match text {
        Some(text) => {
            let offset = offset_of(text, line, col);
            let source = std::sync::Arc::new(crate::error::SourceFile {
                path: file,
                text: text.to_owned(),
            });
            Diagnostic::at(&source, offset..offset, message).help(help)
        }
        None => {
            let mut d = Diagnostic::in_file(&file, message).help(help);
            d.line = line;
            d.column = col;
            d
        }
    }
}

/// The line and column of a syntax error: pest's errors read ` --> LINE:COL … = expected …`.
fn syntax_position(full: &str) -> Option<(usize, usize)> {
    let pos = full.find("--> ")?;
    let mut nums = full[pos + 4..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    Some((
        nums.next()?.parse::<usize>().ok()?,
        nums.next()?.parse::<usize>().ok()?,
    ))
}

/// The byte offset of a 1-based line and column (in characters) of `text`.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + text.lines().nth(line.saturating_sub(1)).map_or(0, |l| {
            l.chars()
                .take(col.saturating_sub(1))
                .map(char::len_utf8)
                .sum()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_partial_and_its_docs() {
        let docs = include_str!("../docs/content.md");
        for kind in crate::blocks::Block::TYPES {
            let partial = format!("partials/blocks/{kind}.html");
            assert!(
                DEFAULT_TEMPLATES.iter().any(|(name, _)| *name == partial),
                "no {partial} in the default theme"
            );
            assert!(
                docs.contains(&format!("type = \"{kind}\"")),
                "docs/content.md has no example of type = \"{kind}\""
            );
        }
    }
}
