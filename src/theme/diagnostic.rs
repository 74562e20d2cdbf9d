//! Tera's errors as kohyo's diagnostics: the template file, and the line it quotes.

use std::path::Path;

use crate::error::Diagnostic;

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
