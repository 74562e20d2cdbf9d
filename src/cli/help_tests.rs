//! Every `--help` text has its Japanese, and the catalogue has nothing left over.

use super::*;

/// Every about and help text of the command line, in English.
fn texts(cmd: &clap::Command, out: &mut Vec<String>) {
    if let Some(about) = cmd.get_about() {
        out.push(about.to_string());
    }
    for a in cmd.get_arguments() {
        if let Some(help) = a.get_help() {
            out.push(help.to_string());
        }
    }
    for s in cmd.get_subcommands() {
        texts(s, out);
    }
}

#[test]
fn every_help_text_is_in_japanese_and_none_is_left_over() {
    use clap::CommandFactory;
    let mut all = Vec::new();
    texts(&Cli::command(), &mut all);
    all.sort();
    all.dedup();
    let missing: Vec<&String> = all.iter().filter(|t| !help_ja().contains_key(*t)).collect();
    assert!(
        missing.is_empty(),
        "add these to messages/help-ja.toml: {}",
        missing
            .iter()
            .map(|m| format!("{m:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let unused: Vec<&String> = help_ja().keys().filter(|k| !all.contains(k)).collect();
    assert!(
        unused.is_empty(),
        "remove from messages/help-ja.toml: {unused:#?}"
    );
}

#[test]
fn the_language_can_be_asked_for_before_the_command() {
    let args = |s: &str| -> Vec<std::ffi::OsString> { s.split(' ').map(Into::into).collect() };
    assert_eq!(
        lang_in_args(&args("kohyo --lang ja build")),
        Some(crate::i18n::Lang::Ja)
    );
    assert_eq!(
        lang_in_args(&args("kohyo build --lang=en")),
        Some(crate::i18n::Lang::En)
    );
    assert_eq!(lang_in_args(&args("kohyo build")), None);
    assert_eq!(
        help_subcommand_as_flag(args("kohyo --lang ja help build")),
        args("kohyo --lang ja build --help")
    );
    assert_eq!(
        help_subcommand_as_flag(args("kohyo help")),
        args("kohyo --help")
    );
    assert_eq!(
        help_subcommand_as_flag(args("kohyo diff help x")),
        args("kohyo diff help x")
    );
    command_in(crate::i18n::Lang::Ja).debug_assert();
}
