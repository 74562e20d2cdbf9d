//! The template interface: the variables and functions kohyo gives to a theme's templates,
//! versioned (docs/themes.md lists them). A theme written for an earlier interface gets a
//! message that names its template, the variable and what replaced it; a theme that is an
//! unmodified copy of an earlier built-in theme is told that deleting it is the fix.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Diagnostic;
use crate::i18n::Msg;

/// The interface this kohyo gives to templates (docs/themes.md).
pub const INTERFACE: u32 = 3;

/// A variable of an earlier interface that is no longer given, and what replaced it.
struct Replaced {
    /// The variable as the built-in templates wrote it (`section.blocks`).
    gone: &'static str,
    /// The interface that replaced it.
    since: u32,
    /// What replaced it, in English and in Japanese.
    by: (&'static str, &'static str),
}

/// What each interface took away (interface 3 also added `url()`, `site.name`,
/// `site.appearance`, `site.sample`, `version.page_title`, `version.retroactive`, `elsewhere`,
/// and `row.label`, `row.person`, `row.captioned` of an organization).
const REPLACED: &[Replaced] = &[
    Replaced {
        gone: "block.columns",
        since: 3,
        by: (
            "`block.head`, the header rows of a table (merged cells made them several rows): each a list of cells; every cell of `block.head` and `block.rows` has `cell.tag` (th or td), `cell.scope`, `cell.colspan`, `cell.rowspan`, `cell.text` and its content (`cell.items`, `cell.points`, `cell.list`, `cell.blocks`); see partials/blocks/table.html",
            "`block.head`（表の見出しの行。セルの結合で複数の行になりました）。各行はセルの並びで、`block.head` と `block.rows` のどのセルにも `cell.tag`（th か td）、`cell.scope`、`cell.colspan`、`cell.rowspan`、`cell.text` と中身（`cell.items`、`cell.points`、`cell.list`、`cell.blocks`）があります。partials/blocks/table.html を参照してください",
        ),
    },
    Replaced {
        gone: "block.row_headers",
        since: 3,
        by: (
            "each cell's `cell.tag` and `cell.scope`: a row's header is a `th` with scope `row`",
            "各セルの `cell.tag` と `cell.scope`（行の見出しは scope が `row` の `th` です）",
        ),
    },
    Replaced {
        gone: "section.blocks",
        since: 2,
        by: (
            "`version.parts`, the body as one list: a part with `part.part == \"open\"` opens a section (part.level, part.number, part.heading, part.anchor), \"block\" shows `part.block`, \"close\" ends it; `version.sections` is only the table of contents",
            "`version.parts`（本文を一列に並べたもの。`part.part` が \"open\" なら節の始まり（part.level、part.number、part.heading、part.anchor）、\"block\" なら `part.block`、\"close\" なら節の終わり。`version.sections` は目次だけになりました）",
        ),
    },
    Replaced {
        gone: "block.people",
        since: 2,
        by: (
            "`block.rows`: each row has `row.caption`, `row.value` and `row.href`, and `block.letterhead` says whether the organization is a letterhead",
            "`block.rows`（各行に `row.caption`、`row.value`、`row.href`。レターヘッド形式かどうかは `block.letterhead`）",
        ),
    },
];

/// One file of kohyo's built-in theme in an earlier release.
struct Earlier<'a> {
    sha256: &'a str,
    interface: u32,
    /// `templates/base.html`, `static/style.css`.
    path: &'a str,
}

/// Every file of the built-in theme as earlier releases had it (written by
/// scripts/earlier-builtins.py from the repository's history).
const EARLIER: &str = include_str!("earlier.txt");

fn earlier() -> impl Iterator<Item = Earlier<'static>> {
    EARLIER
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            Some(Earlier {
                sha256: parts.next()?,
                interface: parts.next()?.parse().ok()?,
                path: parts.next()?,
            })
        })
}

/// The interface of the earlier built-in file `path` (`templates/base.html`) whose bytes are
/// `bytes`, if it is one, unmodified.
pub fn earlier_builtin(path: &str, bytes: &[u8]) -> Option<u32> {
    use sha2::{Digest, Sha256};
    let hash = hex(&Sha256::digest(bytes));
    earlier()
        .filter(|e| e.path == path && e.sha256 == hash)
        .map(|e| e.interface)
        .max()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a site's theme folder is made of, against the built-in theme.
#[derive(Debug, Default)]
pub struct Copies {
    /// The folder's files that are an earlier built-in file, unmodified, with its interface.
    pub earlier: BTreeMap<String, u32>,
    /// Whether every file of the folder is a built-in file (earlier or current), unmodified.
    pub whole_copy: bool,
}

impl Copies {
    /// Sorts the folder's files (`templates/…`, `static/…`, with their bytes as read).
    pub fn of<'a>(files: impl Iterator<Item = (String, &'a [u8], bool)>) -> Copies {
        let mut copies = Copies {
            whole_copy: true,
            ..Copies::default()
        };
        let mut any = false;
        for (path, bytes, current_builtin) in files {
            any = true;
            match earlier_builtin(&path, bytes) {
                Some(i) if !current_builtin => {
                    copies.earlier.insert(path, i);
                }
                _ if current_builtin => {}
                _ => copies.whole_copy = false,
            }
        }
        copies.whole_copy &= any && !copies.earlier.is_empty();
        copies
    }

    /// The warnings a build gives about the copies in `folder` (`themes/<name>`).
    pub fn warnings(&self, folder: &Path, theme: &str) -> Vec<Diagnostic> {
        let Some(oldest) = self.earlier.values().min().copied() else {
            return Vec::new();
        };
        if self.whole_copy {
            let fix = if theme == "default" {
                Msg::new("theme-copy-delete", &[("folder", &folder.display())])
            } else {
                Msg::new("theme-copy-delete-named", &[("folder", &folder.display())])
            };
            return vec![
                Diagnostic::in_file(
                    folder,
                    Msg::new(
                        "theme-copy",
                        &[("interface", &oldest), ("current", &INTERFACE)],
                    ),
                )
                .help(fix)
                .warning(),
            ];
        }
        self.earlier
            .iter()
            .map(|(path, interface)| {
                let file = folder.join(path);
                Diagnostic::in_file(
                    &file,
                    Msg::new(
                        "theme-file-copy",
                        &[("interface", interface), ("current", &INTERFACE)],
                    ),
                )
                .help(Msg::new(
                    "theme-file-copy-delete",
                    &[("file", &file.display())],
                ))
                .warning()
            })
            .collect()
    }
}

/// The variable a template-engine error says is missing (`Variable `x.y` not found in
/// context`, or a loop over a missing value), if it says so.
pub fn missing_variable(chain: &str) -> Option<&str> {
    const SIGNS: &[&str] = &[
        "not found in context",
        "but it is missing",
        "isn't an array",
    ];
    if !SIGNS.iter().any(|s| chain.contains(s)) {
        return None;
    }
    let start = chain.find('`')? + 1;
    let len = chain[start..].find('`')?;
    Some(&chain[start..start + len])
}

/// What the interface says of `variable` (whose last part is `last`): what replaced it, or
/// that it never was.
fn what_replaced(variable: &str, last: &str) -> Msg {
    let replaced = REPLACED
        .iter()
        .find(|r| r.gone == variable || r.gone.rsplit('.').next() == Some(last));
    match replaced {
        Some(r) => {
            let said_with = |by: &str| {
                Msg::new(
                    "theme-variable-replaced",
                    &[("variable", &variable), ("since", &r.since), ("by", &by)],
                )
            };
            Msg {
                en: said_with(r.by.0).en,
                ja: said_with(r.by.1).ja,
            }
        }
        None => Msg::new(
            "theme-variable-unknown",
            &[("variable", &variable), ("current", &INTERFACE)],
        ),
    }
}

/// The error of the site's template `file` that uses `variable`, which this interface does not
/// give; `copy` is the interface of the earlier built-in file it is an unmodified copy of.
pub fn variable_error(
    file: &Path,
    text: Option<&str>,
    variable: &str,
    copy: Option<(u32, bool)>,
) -> Diagnostic {
    let last = variable.rsplit('.').next().unwrap_or(variable);
    let message = what_replaced(variable, last);
    let help = match copy {
        Some((interface, true)) => Msg::new(
            "theme-copy-fix",
            &[
                ("interface", &interface),
                (
                    "folder",
                    &file
                        .parent()
                        .and_then(Path::parent)
                        .unwrap_or(file)
                        .display(),
                ),
            ],
        ),
        Some((interface, false)) => Msg::new(
            "theme-file-copy-fix",
            &[("interface", &interface), ("file", &file.display())],
        ),
        None => Msg::new("theme-variable-fix", &[("current", &INTERFACE)]),
    };
    let placed = text.and_then(|t| {
        let (at, len) = t
            .find(variable)
            .map(|at| (at, variable.len()))
            .or_else(|| t.find(last).map(|at| (at, last.len())))?;
        let source = std::sync::Arc::new(crate::error::SourceFile {
            path: file.to_path_buf(),
            text: t.to_owned(),
        });
        Some(Diagnostic::at(&source, at..at + len, message.clone()))
    });
    placed
        .unwrap_or_else(|| Diagnostic::in_file(file, message))
        .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_builtins_are_recognised_by_their_bytes() {
        let first = earlier().next().expect("earlier.txt lists files");
        assert!(earlier().count() > 20);
        assert!(earlier().all(|e| e.sha256.len() == 64 && e.interface < INTERFACE));
        assert_eq!(earlier_builtin(first.path, b"{{ nothing }}"), None);
        assert_eq!(
            missing_variable(
                "Variable `section.blocks` not found in context while rendering 'notice.html'"
            ),
            Some("section.blocks")
        );
        assert_eq!(missing_variable("Filter `x` not found"), None);
    }
}
