//! Mistakes on the command line, said in Japanese (clap says them in English only).

/// A mistake on the command line, said in Japanese (clap says it in English), then exit 2;
/// `--help` and `--version` are printed as clap prints them.
pub(super) fn japanese_usage_error(e: &clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    crate::i18n::set(crate::i18n::Lang::Ja);
    let arg = match context(ContextKind::InvalidArg).as_str() {
        "<DATE>" => "日付（YYYY-MM-DD）".to_owned(),
        "<ID>" => "版の ID（YYYY-MM-DD）".to_owned(),
        "<OLD>" | "<NEW>" => "比べる版".to_owned(),
        other => other.to_owned(),
    };
    let value = context(ContextKind::InvalidValue);
    let suggested = match (
        context(ContextKind::SuggestedSubcommand),
        context(ContextKind::SuggestedArg),
    ) {
        (s, _) if !s.is_empty() => format!("（`{s}` のことではありませんか）"),
        (_, a) if !a.is_empty() => format!("（`{a}` のことではありませんか）"),
        _ => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!("。{}", crate::i18n::shown(&s.to_string())))
                .unwrap_or_default();
            format!("`{value}` は {arg} に指定できません{why}")
        }
        ErrorKind::UnknownArgument => {
            format!(
                "`{arg}` というオプションはありません{suggested}。使えるオプションは `kohyo コマンド --help` で表示されます"
            )
        }
        ErrorKind::InvalidSubcommand => {
            let command = context(ContextKind::InvalidSubcommand);
            format!(
                "`{command}` というコマンドはありません{suggested}。コマンドの一覧は `kohyo --help` で表示されます"
            )
        }
        ErrorKind::MissingRequiredArgument => format!("{arg} を指定してください"),
        ErrorKind::MissingSubcommand => {
            "コマンドを指定してください（一覧は `kohyo --help`）".to_owned()
        }
        ErrorKind::ArgumentConflict => format!("{arg} はほかのオプションと同時には使えません"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("`{value}` は余分です。`kohyo コマンド --help` で書き方を確かめてください")
        }
        _ => {
            "コマンドの書き方に誤りがあります。`kohyo --help` で書き方を確かめてください".to_owned()
        }
    };
    eprintln!("エラー: {message}");
    std::process::exit(2)
}
