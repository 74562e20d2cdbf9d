//! Problems found in a site's content, and how they are shown.
//!
//! A [`Diagnostic`] names the file, line and column, the field (as a path such as
//! `sections[0].blocks[1].rows[3].category`), what is wrong and, where useful, how to fix it.
//! Loading collects every diagnostic it can before stopping, so staff can fix them all at once.

use crate::i18n::Msg;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::text::for_terminal;

/// How serious a problem is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported, does not stop the build.
    Warning,
    /// Something to know, never a failure (not even with `--deny-warnings`).
    Note,
}

/// A text file as read, kept so diagnostics can quote it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the site root where possible).
    pub path: PathBuf,
    /// The file's text, after removing a UTF-8 byte-order mark.
    pub text: String,
}

impl SourceFile {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

/// 1-based line and column (in characters, so a Japanese character counts once) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].trim_end_matches('\r').chars().count() + 1;
    (line, col)
}

/// One problem, located in a file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in, if any.
    pub file: Option<PathBuf>,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column in characters (0 when unknown).
    pub column: usize,
    /// The field, e.g. `sections[0].blocks[1].rows[3].category`.
    pub field: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Further detail shown after the message, e.g. a diff (may span lines).
    pub note: Option<String>,
    /// A rule id such as `content/duplicate-category`.
    pub rule: Option<&'static str>,
    /// Where the field is as staff see it: `2025-04-01版 › 4. 苦情の申出先 › 電話番号`.
    pub place: Option<String>,
    /// The message in Japanese, shown instead of `message` when messages are Japanese.
    pub message_ja: Option<String>,
    /// The fix in Japanese.
    pub help_ja: Option<String>,
    source: Option<(Arc<SourceFile>, Range<usize>)>,
}

impl Diagnostic {
    /// An error not tied to a place in a file.
    pub fn error(message: impl Into<Msg>) -> Self {
        let message = message.into();
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: 0,
            column: 0,
            field: None,
            message: message.en,
            help: None,
            note: None,
            rule: None,
            place: None,
            message_ja: message.ja,
            help_ja: None,
            source: None,
        }
    }

    /// An error about a whole file.
    pub fn in_file(path: &Path, message: impl Into<Msg>) -> Self {
        Diagnostic {
            file: Some(path.to_path_buf()),
            ..Diagnostic::error(message)
        }
    }

    /// An error at a span of a source file.
    pub fn at(source: &Arc<SourceFile>, span: Range<usize>, message: impl Into<Msg>) -> Self {
        let (line, column) = source.line_col(span.start);
        Diagnostic {
            file: Some(source.path.clone()),
            line,
            column,
            source: Some((Arc::clone(source), span)),
            ..Diagnostic::error(message)
        }
    }

    /// The span of the source it is placed at, if it is placed in a source.
    pub fn span(&self) -> Option<Range<usize>> {
        self.source.as_ref().map(|(_, span)| span.clone())
    }

    /// The same problem placed at `span` of `source` (a text read from a mended copy of the
    /// file, shown on the file as written).
    pub fn placed_in(mut self, source: &Arc<SourceFile>, span: Range<usize>) -> Self {
        (self.line, self.column) = source.line_col(span.start);
        self.file = Some(source.path.clone());
        self.source = Some((Arc::clone(source), span));
        self
    }

    /// Sets the field path.
    pub fn field(mut self, field: impl fmt::Display) -> Self {
        let f = field.to_string();
        self.field = (!f.is_empty()).then_some(f);
        self
    }

    /// Sets the fix hint.
    pub fn help(mut self, help: impl Into<Msg>) -> Self {
        let help = help.into();
        self.help = Some(help.en);
        if help.ja.is_some() {
            self.help_ja = help.ja;
        }
        self
    }

    /// Sets the Japanese message and fix, shown when messages are Japanese.
    pub fn ja(mut self, message: impl Into<String>, help: Option<String>) -> Self {
        self.message_ja = Some(message.into());
        self.help_ja = help;
        self
    }

    /// The message in the language of this run (a Japanese message kohyo has, or the English
    /// one; serde's messages about TOML values are translated).
    pub fn message_shown(&self) -> String {
        match &self.message_ja {
            Some(ja) if crate::i18n::is_japanese() => ja.clone(),
            _ => crate::i18n::shown(&self.message),
        }
    }

    /// The fix in the language of this run.
    pub fn help_shown(&self) -> Option<String> {
        match (&self.help_ja, &self.help) {
            (Some(ja), _) if crate::i18n::is_japanese() => Some(ja.clone()),
            (_, help) => help.as_deref().map(crate::i18n::shown),
        }
    }

    /// Sets the detail shown after the message.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Makes this a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Makes this a note: said, never a failure (not even with `--deny-warnings`).
    pub fn noted(mut self) -> Self {
        self.severity = Severity::Note;
        self
    }

    /// Sets the rule id.
    pub fn rule(mut self, rule: &'static str) -> Self {
        self.rule = Some(rule);
        self
    }

    /// `file:line:col`, `file`, or empty (control characters in the name escaped).
    pub fn location(&self) -> String {
        // One separator in every message, on every system: `content/versions/…`.
        let path = |file: &Path| file.display().to_string().replace('\\', "/");
        let shown = match &self.file {
            Some(file) if self.line > 0 => {
                format!("{}:{}:{}", path(file), self.line, self.column)
            }
            Some(file) => path(file),
            None => String::new(),
        };
        for_terminal(&shown).into_owned()
    }

    /// `field: message`, or the message alone (control characters escaped).
    pub fn field_message(&self) -> String {
        let shown = match &self.field {
            Some(field) => format!("{field}: {}", self.message_shown()),
            None => self.message_shown(),
        };
        for_terminal(&shown).into_owned()
    }

    /// The one-line form: `file:line:col: field: message`.
    pub fn headline(&self) -> String {
        let mut s = self.location();
        if !s.is_empty() {
            s.push_str(": ");
        }
        s.push_str(&self.field_message());
        s
    }

    /// The rustc-like form with the source line quoted and the place underlined.
    pub fn render(&self, styled: bool) -> String {
        use annotate_snippets::{Level, Renderer};
        let ja = crate::i18n::is_japanese();
        let named = |level: Level<'static>, name: &'static str| {
            if ja { level.with_name(name) } else { level }
        };
        let level = match self.severity {
            Severity::Error => named(Level::ERROR, "エラー"),
            Severity::Warning => named(Level::WARNING, "警告"),
            Severity::Note => named(Level::NOTE, "補足"),
        };
        let (note_level, help_level) = (named(Level::NOTE, "補足"), named(Level::HELP, "直し方"));
        let title = match &self.field {
            Some(field) => format!("{field}: {}", self.message_shown()),
            None => self.message_shown(),
        };
        // Text from content and file names is shown with control characters escaped.
        let title = for_terminal(&title).into_owned();
        let path_text = self
            .file
            .as_ref()
            .map(|p| for_terminal(&p.display().to_string().replace('\\', "/")).into_owned());
        let quoted = self
            .source
            .as_ref()
            .map(|(source, _)| for_terminal(&source.text));
        let mut group = self.quoting(level, &title, path_text.as_deref(), quoted.as_deref());
        let place = self
            .place
            .as_deref()
            .map(|p| crate::i18n::tr("place", &[("place", &for_terminal(p))]));
        let note = self.note.as_deref().map(|n| for_terminal(n).into_owned());
        let help = self
            .help_shown()
            .as_deref()
            .map(|h| for_terminal(h).into_owned());
        for (level, text) in [
            (&note_level, &place),
            (&note_level, &note),
            (&help_level, &help),
        ] {
            if let Some(text) = text {
                group = group.element(level.clone().message(text.as_str()));
            }
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }

    /// The report's title, with the source line quoted and underlined when the problem is at a
    /// place of a file (`quoted`: the file's text as shown), or the file's name alone.
    fn quoting<'a>(
        &self,
        level: annotate_snippets::Level<'a>,
        title: &'a str,
        path: Option<&'a str>,
        quoted: Option<&'a str>,
    ) -> annotate_snippets::Group<'a> {
        use annotate_snippets::{AnnotationKind, Group, Snippet};
        let mut title = level.primary_title(title);
        if let Some(rule) = self.rule {
            title = title.id(rule);
        }
        match (&self.source, path) {
            (Some((source, span)), Some(path)) => {
                let span = quoted_span(&source.text, span.clone());
                let span = escaped_span(&source.text, span);
                title.element(
                    Snippet::source(quoted.unwrap_or_default())
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(span)),
                )
            }
            _ => {
                let mut g = Group::with_title(title);
                if let Some(path) = path {
                    g = g.element(annotate_snippets::Origin::path(path));
                }
                g
            }
        }
    }
}

/// The part of `span` to underline: clamped to the text and to character boundaries, at least
/// one character, at most the first line.
fn quoted_span(text: &str, span: Range<usize>) -> Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(span.start), floor(span.end));
    let mut span = start..end.max(start);
    if span.is_empty() && span.start < text.len() {
        let next = text[span.start..].chars().next().map_or(1, char::len_utf8);
        span.end = span.start + next;
    }
    if let Some(nl) = text[span.clone()].find('\n')
        && nl > 0
    {
        span.end = span.start + nl;
    }
    span
}

/// `span` of `text` moved to the same characters in `for_terminal(text)`.
fn escaped_span(text: &str, span: Range<usize>) -> Range<usize> {
    if !text.chars().any(|c| crate::text::forbidden(c).is_some()) {
        return span;
    }
    let shift = |offset: usize| -> usize {
        text[..offset]
            .chars()
            .map(|c| match crate::text::forbidden(c) {
                Some(_) => crate::text::escaped(c).len(),
                None => c.len_utf8(),
            })
            .sum()
    };
    shift(span.start)..shift(span.end)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())
    }
}

/// Everything that went wrong while loading a site; never empty of errors.
#[derive(Debug)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Number of errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{}", d.headline())?;
        }
        let n = self.error_count();
        write!(
            f,
            "{n} problem{} found in the content",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nカテゴリ = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        let off = text.find('=').unwrap();
        assert_eq!(line_col(text, off), (1, 3));
        let off = text.rfind('=').unwrap();
        assert_eq!(line_col(text, off), (2, 6));
    }

    #[test]
    fn a_span_inside_a_character_is_rendered_not_panicked_on() {
        let src = Arc::new(SourceFile {
            path: "a.toml".into(),
            text: "title = \"個人情報\"\n".into(),
        });
        // Byte 10 is inside 個.
        let d = Diagnostic::at(&src, 10..11, "m");
        assert!(d.render(false).contains("a.toml"));
        let d = Diagnostic::at(&src, 500..900, "m");
        assert!(d.render(false).contains("a.toml"));
    }

    #[test]
    fn headline_names_file_line_column_and_field() {
        let src = Arc::new(SourceFile {
            path: "content/versions/2024-04-01/notice.toml".into(),
            text: "title = 1\n".into(),
        });
        let d = Diagnostic::at(&src, 8..9, "expected a string, found an integer").field("title");
        assert_eq!(
            d.headline(),
            "content/versions/2024-04-01/notice.toml:1:9: title: expected a string, found an integer"
        );
        let rendered = d.render(false);
        assert!(rendered.contains("title = 1"), "{rendered}");
        assert!(rendered.contains('^'), "{rendered}");
    }
}
