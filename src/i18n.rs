//! Messages in Japanese and English. The language is `--lang`, else `KOHYO_LANG`, else the
//! system's (Japanese on a Japanese Windows, macOS or Linux), else English.
//!
//! Messages live in one catalog per language (`messages/en.toml`, `messages/ja.toml`, embedded
//! in the binary), looked up by key with `{name}` placeholders; a test checks that both
//! catalogs have the same keys and that every key is used. Rules of `kohyo check` carry their
//! two texts in `check::rules`; the messages about TOML values of the wrong shape are
//! translated by pattern ([`japanese_message`], [`japanese_help`]); the messages written in
//! English where they arise (validation, history, verify, publish) have their Japanese in
//! `messages/ja-by-english.toml`, keyed by the English text as gettext does
//! ([`japanese_of_english`]; a test checks each key is still a message of the source).

use std::collections::HashMap;
use std::sync::OnceLock;

/// A language kohyo speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// 日本語.
    Ja,
    /// English.
    En,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// The English catalog.
pub const EN: &str = include_str!("../messages/en.toml");
/// The Japanese catalog.
pub const JA: &str = include_str!("../messages/ja.toml");

impl Lang {
    /// The language to speak: `flag` (`--lang`), else `KOHYO_LANG`, else the system's locale.
    pub fn detect(flag: Option<Lang>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        let from = |s: &str| {
            let s = s.to_ascii_lowercase();
            if s.starts_with("ja") {
                Some(Lang::Ja)
            } else if s.starts_with("en") || s == "c" || s == "posix" {
                Some(Lang::En)
            } else {
                None
            }
        };
        std::env::var("KOHYO_LANG")
            .ok()
            .and_then(|v| from(&v))
            .or_else(|| sys_locale::get_locale().and_then(|l| from(&l)))
            .unwrap_or(Lang::En)
    }
}

/// Sets the language of this run (once, at the start; later calls are ignored).
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The language of this run (English until [`set`] is called).
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// Whether messages are Japanese.
pub fn is_japanese() -> bool {
    lang() == Lang::Ja
}

fn catalog(lang: Lang) -> &'static HashMap<String, String> {
    static CATALOGS: OnceLock<(HashMap<String, String>, HashMap<String, String>)> = OnceLock::new();
    let (en, ja) = CATALOGS.get_or_init(|| (parse(EN), parse(JA)));
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// A catalog's keys and texts.
pub fn parse(text: &str) -> HashMap<String, String> {
    let table: toml::Table = toml::from_str(text).expect("the message catalogs are valid TOML");
    table
        .into_iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned())))
        .collect()
}

/// The message `key` in the language of this run, with `{name}` replaced by each `(name,
/// value)` of `args`.
pub fn tr(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    tr_in(lang(), key, args)
}

/// The message `key` in `lang`.
pub fn tr_in(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut text = catalog(lang)
        .get(key)
        .or_else(|| catalog(Lang::En).get(key))
        .cloned()
        .unwrap_or_else(|| key.to_owned());
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    text
}

/// Japanese for the messages written in English where they arise, keyed by the English text.
pub const JA_BY_ENGLISH: &str = include_str!("../messages/ja-by-english.toml");

/// One entry of [`JA_BY_ENGLISH`]: the English text cut at its `{name}`s, and the Japanese.
struct Template {
    pieces: Vec<String>,
    names: Vec<String>,
    ja: String,
}

impl Template {
    fn parse(en: &str, ja: &str) -> Template {
        let (mut pieces, mut names, mut rest) = (Vec::new(), Vec::new(), en);
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            pieces.push(rest[..open].to_owned());
            names.push(rest[open + 1..close].to_owned());
            rest = &rest[close + 1..];
        }
        pieces.push(rest.to_owned());
        Template {
            pieces,
            names,
            ja: ja.to_owned(),
        }
    }

    /// What each `{name}` stands for in `text`, if `text` is this message.
    fn captures<'t>(&self, text: &'t str) -> Option<Vec<&'t str>> {
        let mut rest = text.strip_prefix(self.pieces[0].as_str())?;
        let mut caps = Vec::new();
        let last = self.pieces.len() - 1;
        for (i, piece) in self.pieces.iter().enumerate().skip(1) {
            if i == last {
                caps.push(rest.strip_suffix(piece.as_str())?);
                rest = "";
            } else if piece.is_empty() {
                caps.push("");
            } else {
                let at = rest.find(piece.as_str())?;
                caps.push(&rest[..at]);
                rest = &rest[at + piece.len()..];
            }
        }
        rest.is_empty().then_some(caps)
    }

    /// How much of a message is fixed text: the most specific template wins.
    fn weight(&self) -> usize {
        self.pieces.iter().map(String::len).sum()
    }
}

fn templates() -> &'static [Template] {
    static TEMPLATES: OnceLock<Vec<Template>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        parse(JA_BY_ENGLISH)
            .iter()
            .map(|(en, ja)| Template::parse(en, ja))
            .collect()
    })
}

/// The Japanese of a message kohyo writes in English where it arises, if the catalog has it.
pub fn japanese_of_english(en: &str) -> Option<String> {
    let (template, caps) = templates()
        .iter()
        .filter_map(|t| t.captures(en).map(|c| (t, c)))
        .max_by_key(|(t, _)| t.weight())?;
    let mut ja = template.ja.clone();
    for (name, value) in template.names.iter().zip(caps) {
        // What varies may be a message of its own (the reason a folder is refused).
        let value = japanese_of_english(value).unwrap_or_else(|| value.to_owned());
        ja = ja.replace(&format!("{{{name}}}"), &value);
    }
    Some(ja)
}

/// `en` in the language of this run: translated when messages are Japanese and the catalog
/// knows it, else as it is.
pub fn shown(en: &str) -> String {
    if is_japanese() {
        japanese_message(en)
            .or_else(|| japanese_help(en))
            .or_else(|| japanese_of_english(en))
            .unwrap_or_else(|| en.to_owned())
    } else {
        en.to_owned()
    }
}

/// A message in both languages: from the catalogs ([`msg!`](crate::msg)), or English only
/// (a `String` or `&str`, for texts that come from elsewhere, such as a parser's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    /// The English text.
    pub en: String,
    /// The Japanese text, when there is one.
    pub ja: Option<String>,
}

impl Msg {
    /// The message `key` of both catalogs, with `{name}` replaced by each `(name, value)`.
    pub fn new(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> Msg {
        Msg {
            en: tr_in(Lang::En, key, args),
            ja: Some(tr_in(Lang::Ja, key, args)),
        }
    }

    /// The text in the language of this run.
    pub fn shown(&self) -> &str {
        match (&self.ja, lang()) {
            (Some(ja), Lang::Ja) => ja,
            _ => &self.en,
        }
    }
}

impl From<String> for Msg {
    fn from(en: String) -> Msg {
        Msg { en, ja: None }
    }
}

impl From<&str> for Msg {
    fn from(en: &str) -> Msg {
        Msg {
            en: en.to_owned(),
            ja: None,
        }
    }
}

impl From<&String> for Msg {
    fn from(en: &String) -> Msg {
        Msg::from(en.as_str())
    }
}

/// A message of the catalogs in both languages: `msg!("web-address", url = url)` fills
/// `{url}` in `messages/en.toml`'s and `messages/ja.toml`'s `web-address`.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new(
            $key,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    };
}

/// The Japanese of one of kohyo's messages about a TOML value of the wrong shape (the ones
/// `content::parse` words from serde's), when it is one of them.
pub fn japanese_message(message: &str) -> Option<String> {
    let quoted = |s: &str| s.split('`').nth(1).map(str::to_owned);
    if message.starts_with("unknown field `") {
        return Some(format!(
            "`{}` というキーはここでは使えません",
            quoted(message)?
        ));
    }
    if message.starts_with("required field `") {
        return Some(format!("必要なキー `{}` がありません", quoted(message)?));
    }
    if message.starts_with("this block has no `type`") {
        return Some(
            "このブロックに `type` がありません。ブロックの種類を書いてください".to_owned(),
        );
    }
    if message.starts_with('`') && message.ends_with("` is not one of the allowed values") {
        return Some(format!("`{}` は使える値ではありません", quoted(message)?));
    }
    if message == "expected a text or a list of texts" {
        return Some("文字列か、文字列の配列を書いてください".to_owned());
    }
    if let Some(rest) = message.strip_prefix("the file is not valid TOML: ") {
        return Some(format!("TOML として読めません: {rest}"));
    }
    if let Some(rest) = message.strip_prefix("expected ")
        && let Some((expected, found)) = rest.split_once(", found ")
    {
        return Some(format!(
            "{}が必要ですが、{}が書かれています",
            words_ja(expected),
            words_ja(found)
        ));
    }
    None
}

/// The Japanese of one of kohyo's fix hints for a TOML value of the wrong shape.
pub fn japanese_help(help: &str) -> Option<String> {
    if let Some(rest) = help.strip_prefix("the fields allowed here are ") {
        let list = rest.strip_suffix("; check the spelling")?;
        return Some(format!(
            "ここで使えるキーは {list} です。綴りを確かめてください"
        ));
    }
    if let Some(rest) = help.strip_prefix("did you mean `")
        && let Some((meant, list)) = rest.split_once("`? the fields allowed here are ")
    {
        return Some(format!(
            "`{meant}` の書き誤りではありませんか。ここで使えるキーは {list} です"
        ));
    }
    if help == "remove this field" {
        return Some("このキーを削除してください".to_owned());
    }
    if let Some(rest) = help.strip_prefix("add `")
        && let Some(key) = rest.strip_suffix(" = …` here")
    {
        return Some(format!("ここに `{key} = …` を書き足してください"));
    }
    if let Some(list) = help.strip_prefix("use one of ") {
        return Some(format!("次のいずれかを使ってください: {list}"));
    }
    None
}

/// Kinds of TOML values in kohyo's English words, in Japanese.
fn words_ja(s: &str) -> String {
    let known = [
        (
            "a text, a list of texts or a cell written { text = \"…\", colspan = 2 }",
            "文字列、文字列の配列、または { text = \"…\", colspan = 2 } と書いたセル",
        ),
        ("a text in quotes", "引用符で囲んだ文字列"),
        ("a list [ … ]", "配列 [ … ]"),
        ("a list", "配列"),
        ("true or false", "true か false"),
        ("true/false", "true/false"),
        ("a table", "表"),
        ("a number", "数値"),
        ("a text", "文字列"),
        ("nothing", "空"),
    ];
    for (en, ja) in known {
        if let Some(after) = s.strip_prefix(en) {
            return format!("{ja}{after}");
        }
    }
    s.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_are_translated_with_their_names() {
        assert_eq!(
            japanese_message("unknown field `phon`").unwrap(),
            "`phon` というキーはここでは使えません"
        );
        assert_eq!(
            japanese_help("the fields allowed here are `name`, `phone`; check the spelling")
                .unwrap(),
            "ここで使えるキーは `name`, `phone` です。綴りを確かめてください"
        );
        assert_eq!(
            japanese_message("required field `title` is missing").unwrap(),
            "必要なキー `title` がありません"
        );
        assert_eq!(
            japanese_message("expected a text in quotes, found a number 5").unwrap(),
            "引用符で囲んだ文字列が必要ですが、数値 5が書かれています"
        );
        assert!(japanese_message("something else").is_none());
    }

    #[test]
    fn both_catalogs_have_the_same_keys_and_every_key_is_used() {
        let (en, ja) = (parse(EN), parse(JA));
        let mut en_keys: Vec<&String> = en.keys().collect();
        let mut ja_keys: Vec<&String> = ja.keys().collect();
        en_keys.sort();
        ja_keys.sort();
        assert_eq!(
            en_keys, ja_keys,
            "messages/en.toml and messages/ja.toml differ"
        );
        let sources = sources();
        for key in en_keys {
            assert!(
                sources.contains(&format!("\"{key}\"")),
                "the message `{key}` is not used"
            );
        }
    }

    /// The Rust source of the library, without this file.
    fn sources() -> String {
        let mut sources = String::new();
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "rs")
                && !entry.path().ends_with("i18n.rs")
            {
                sources.push_str(&std::fs::read_to_string(entry.path()).unwrap());
            }
        }
        sources
    }

    #[test]
    fn every_english_message_with_a_japanese_text_is_still_written_in_the_source() {
        // The English text as a Rust string literal writes it: quotes and backslashes escaped.
        let in_source = |s: &str| {
            s.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
        };
        let sources = sources();
        for t in templates() {
            let pieces: Vec<String> = t
                .pieces
                .iter()
                .map(|p| in_source(p))
                .filter(|p| !p.is_empty())
                .collect();
            assert!(!pieces.is_empty(), "{:?} has no fixed text", t.names);
            let found = sources.match_indices(pieces[0].as_str()).any(|(at, _)| {
                let mut end = sources.len().min(at + 600);
                while !sources.is_char_boundary(end) {
                    end -= 1;
                }
                let mut rest = &sources[at..end];
                pieces.iter().all(|p| match rest.find(p.as_str()) {
                    Some(i) => {
                        rest = &rest[i + p.len()..];
                        true
                    }
                    None => false,
                })
            });
            assert!(
                found,
                "messages/ja-by-english.toml: `{}` is no longer a message in src/",
                t.pieces.join("{…}")
            );
        }
    }

    #[test]
    fn english_messages_are_translated_with_what_varies() {
        assert_eq!(
            japanese_of_english("`ftp://x` is not a web address").unwrap(),
            "`ftp://x` はウェブアドレスではありません"
        );
        assert_eq!(
            japanese_of_english("this row has 2 cells but the table has 3 columns").unwrap(),
            "この行のセルは 2 個ですが、表の列は 3 列です"
        );
        // The most specific text wins.
        assert_eq!(
            japanese_of_english("2025-04-01 is already published").unwrap(),
            "2025-04-01 は公開済みです"
        );
        assert!(japanese_of_english("something else entirely").is_none());
        // A message inside a message is translated too.
        assert_eq!(
            japanese_of_english(
                "refusing to write the site to `/x`: it is a symbolic link; give the real directory"
            )
            .unwrap(),
            "サイトを `/x` に書き込みません: シンボリックリンクです。実際のフォルダーを指定してください"
        );
        assert_eq!(
            japanese_of_english("cannot move aside `public`: Permission denied").unwrap(),
            "`public` を退避できません: Permission denied"
        );
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            tr_in(Lang::Ja, "problems-found", &[("n", &3), ("what", &"x")]),
            "問題が3件あります。x"
        );
    }
}
