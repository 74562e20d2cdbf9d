//! Content lint: problems that are legal TOML and build fine but are almost certainly mistakes
//! (untrimmed text, empty cells, malformed postal codes and phone numbers). The block kinds
//! find them with [`Linter`](crate::blocks::kit::lint::Linter); each finding becomes a
//! diagnostic of its rule here, placed at its field.

use super::rule;
use crate::blocks::kit::lint::Linter;
use crate::error::Diagnostic;
use crate::model::Notice;
use crate::source::Origin;
use crate::values::FieldPath;

/// Lints one version's TOML.
pub fn lint_version(notice: &Notice, origin: &Origin) -> Vec<Diagnostic> {
    let mut l = Linter::default();
    let root = FieldPath::root();
    l.trimmed(&root.key("title"), &notice.title);
    l.trimmed(&root.key("summary"), &notice.summary);
    for (s, section) in notice.sections.iter().enumerate() {
        let sp = root.key("sections").index(s);
        l.trimmed(&sp.key("heading"), &section.heading);
        if let Some(n) = &section.number {
            l.trimmed(&sp.key("number"), n);
        }
    }
    for (bp, block) in notice.blocks() {
        block.lint(&mut l, &bp);
    }
    invisible_characters(notice, &mut l);
    l.into_findings()
        .into_iter()
        .map(|f| {
            rule(f.rule)
                .at_detail(&origin.source, origin.span_of(&f.path), &f.detail)
                .field(&f.path)
        })
        .collect()
}

/// Characters that show as nothing (or as a plain space) but make the text differ — pasted
/// from Word or a web page: each is refused where it is, never silently kept.
const INVISIBLE: &[(char, &str, &str)] = &[
    ('\u{00a0}', "a no-break space", "改行しないスペース"),
    ('\u{200b}', "a zero-width space", "幅のないスペース"),
    ('\u{200c}', "a zero-width non-joiner", "幅のない非結合子"),
    ('\u{200d}', "a zero-width joiner", "幅のない結合子"),
    ('\u{2060}', "a word joiner", "単語結合子"),
    ('\u{00ad}', "a soft hyphen", "ソフトハイフン"),
    (
        '\u{feff}',
        "a byte-order mark inside the text",
        "文中のバイト順マーク（BOM）",
    ),
];

/// Every text shown on the page that holds an invisible character, with the place in it.
fn invisible_characters(notice: &Notice, l: &mut Linter) {
    let Ok(value) = serde_json::to_value(notice) else {
        return;
    };
    let mut texts = Vec::new();
    super::statutory::placeholders::walk(&value, FieldPath::root(), &mut texts);
    for (path, text) in texts {
        let Some((at, (c, en, ja))) = text
            .char_indices()
            .find_map(|(i, c)| INVISIBLE.iter().find(|(x, ..)| *x == c).map(|f| (i, f)))
        else {
            continue;
        };
        let before: String = text[..at]
            .chars()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = text[at + c.len_utf8()..].chars().take(8).collect();
        let code = format!("`U+{:04X}`", *c as u32);
        l.report(
            "content/invisible-character",
            &path,
            crate::i18n::Msg {
                en: format!("{en} ({code}) between 「{before}」 and 「{after}」"),
                ja: Some(format!(
                    "「{before}」と「{after}」の間に{ja}（{code}）があります"
                )),
            },
        );
    }
}
