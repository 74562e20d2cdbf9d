//! Themes: the built-in default theme (compiled into the binary) and a site's own
//! `themes/<name>/`, which overrides it file by file.
//!
//! A theme is `templates/*.html` (Tera) and `static/**` (copied to the output root). Loading
//! reads and compiles; rendering with the compiled templates happens in [`crate::render`].

mod diagnostic;
pub mod interface;
pub mod scoped_css;

pub use diagnostic::template_diagnostic;

use std::fs;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::error::{Diagnostic, Diagnostics, Severity};

/// The default theme's templates, embedded so a site without `themes/` still builds.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "notice.html",
        include_str!("../../themes/default/templates/notice.html"),
    ),
    (
        "history.html",
        include_str!("../../themes/default/templates/history.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "partials/notice.html",
        include_str!("../../themes/default/templates/partials/notice.html"),
    ),
    (
        "partials/macros.html",
        include_str!("../../themes/default/templates/partials/macros.html"),
    ),
    (
        "partials/blocks/text.html",
        include_str!("../../themes/default/templates/partials/blocks/text.html"),
    ),
    (
        "partials/blocks/note.html",
        include_str!("../../themes/default/templates/partials/blocks/note.html"),
    ),
    (
        "partials/blocks/list.html",
        include_str!("../../themes/default/templates/partials/blocks/list.html"),
    ),
    (
        "partials/blocks/purposes.html",
        include_str!("../../themes/default/templates/partials/blocks/purposes.html"),
    ),
    (
        "partials/blocks/measures.html",
        include_str!("../../themes/default/templates/partials/blocks/measures.html"),
    ),
    (
        "partials/blocks/contact.html",
        include_str!("../../themes/default/templates/partials/blocks/contact.html"),
    ),
    (
        "partials/blocks/organization.html",
        include_str!("../../themes/default/templates/partials/blocks/organization.html"),
    ),
    (
        "partials/blocks/records.html",
        include_str!("../../themes/default/templates/partials/blocks/records.html"),
    ),
    (
        "partials/blocks/dates.html",
        include_str!("../../themes/default/templates/partials/blocks/dates.html"),
    ),
    (
        "partials/blocks/table.html",
        include_str!("../../themes/default/templates/partials/blocks/table.html"),
    ),
    (
        "diff.html",
        include_str!("../../themes/default/templates/diff.html"),
    ),
    (
        "diff_standalone.html",
        include_str!("../../themes/default/templates/diff_standalone.html"),
    ),
    (
        "partials/changes.html",
        include_str!("../../themes/default/templates/partials/changes.html"),
    ),
];

/// The default theme's static files.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../../themes/default/static/style.css"),
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
    /// The site's files that are copies of an earlier built-in theme.
    copies: interface::Copies,
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
            if let (Some(file), Some(variable)) =
                (self.origins.get(name), interface::missing_variable(&chain))
            {
                let copy = self
                    .copies
                    .earlier
                    .get(&format!("templates/{name}"))
                    .map(|i| (*i, self.copies.whole_copy));
                let text = self.own_templates.get(name).map(String::as_str);
                return Diagnostics(vec![interface::variable_error(file, text, variable, copy)]);
            }
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
    let own_static = read_overrides(root, name, &mut templates, &mut static_files, &mut diags)?;
    let copies = copies_of(&templates, &static_files, &own_static);
    diags.extend(copies.warnings(&Path::new("themes").join(name), name));
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
        copies,
        origins,
        own_templates,
        fingerprint,
        tera,
        static_files,
        warnings: diags,
    })
}

/// The theme of a site as its settings say: `theme` (see [`load`]), with the logo of
/// `[appearance]` published at its path in the site.
pub fn load_for(root: &Path, config: &crate::model::SiteConfig) -> Result<Theme, Diagnostics> {
    let mut theme = load(root, &config.theme)?;
    if config.appearance.is_some()
        && let Some(file) = theme.origins.get("base.html")
        && theme
            .own_templates
            .get("base.html")
            .is_some_and(|t| !t.contains("site.appearance"))
    {
        theme.warnings.push(
            Diagnostic::in_file(file, crate::i18n::Msg::new("theme-appearance-unused", &[]))
                .help(crate::i18n::Msg::new(
                    "theme-appearance-unused-fix",
                    &[("file", &file.display())],
                ))
                .warning(),
        );
    }
    if let Some(logo) = config.appearance.as_ref().and_then(|a| a.logo.as_ref()) {
        let bytes =
            crate::files::read_within(root, Path::new(logo), MAX_LOGO_BYTES).map_err(|e| {
                Diagnostics(vec![
                    Diagnostic::in_file(
                        Path::new("site.toml"),
                        format!("the logo `{logo}` cannot be read: {e}"),
                    )
                    .field("appearance.logo")
                    .help("put the image in the site's folder at that path, at most 2 MB"),
                ])
            })?;
        theme.static_files.retain(|(p, _)| p != logo);
        theme.static_files.push((logo.clone(), bytes));
        theme.static_files.sort();
    }
    if config.appearance.as_ref().is_some_and(|a| a.fragments) {
        let css = theme
            .static_files
            .iter()
            .find(|(p, _)| p == "style.css")
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        let name = crate::address::FRAGMENT_STYLESHEET;
        theme.static_files.retain(|(p, _)| p != name);
        theme
            .static_files
            .push((name.to_owned(), scoped_css::scoped(&css).into_bytes()));
        theme.static_files.sort();
    }
    Ok(theme)
}

/// The largest logo read.
const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

/// Reads `themes/<name>/templates/` and `static/` over the built-in files.
fn read_overrides(
    root: &Path,
    name: &str,
    templates: &mut Vec<Template>,
    static_files: &mut Vec<(String, Vec<u8>)>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<String>, Diagnostics> {
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
        return Ok(Vec::new());
    }
    read_templates(root, &rel, templates, diags);
    Ok(read_static(root, &rel, static_files, diags))
}

/// Which of the site's theme files are copies of an earlier built-in theme.
fn copies_of(
    templates: &[Template],
    static_files: &[(String, Vec<u8>)],
    own_static: &[String],
) -> interface::Copies {
    let own_templates = templates
        .iter()
        .filter(|(_, _, o)| o.is_some())
        .map(|(n, t, _)| {
            let current = DEFAULT_TEMPLATES.iter().any(|(dn, dt)| dn == n && dt == t);
            (format!("templates/{n}"), t.as_bytes(), current)
        });
    let own_static = static_files
        .iter()
        .filter(|(n, _)| own_static.contains(n))
        .map(|(n, b)| {
            let current = DEFAULT_STATIC
                .iter()
                .any(|(dn, db)| dn == n && *db == b.as_slice());
            (format!("static/{n}"), b.as_slice(), current)
        });
    interface::Copies::of(own_templates.chain(own_static))
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
) -> Vec<String> {
    let mut own = Vec::new();
    for (path, file) in walk(root, &rel.join("static"), diags) {
        own.push(path.clone());
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
    own
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_partial_and_its_docs() {
        let docs = include_str!("../../docs/content.md");
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
