//! The staff-mistake corpus (tests/mistakes/<case>/): the typing mistakes office staff make
//! (IME spaces, full-width punctuation, unquoted text, dates in every form, misspelt keys,
//! pasted Word text), each with what `kohyo check` says in Japanese (`expected.ja`) and in
//! English (`expected.en`), the fix included — and the rule of one language per run: no
//! English word in a Japanese run, no Japanese in an English one (outside code, file names,
//! addresses and the user's own text). Cases are written by a script from one base notice; see
//! tests/mistakes/README.md.

use std::fs;
use std::path::Path;

/// Runs `kohyo check` on the case `name` in `lang` and returns what it prints.
fn run_case(dir: &Path, lang: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kohyo"))
        .args(["check", "--as-of", "2025-01-01"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("KOHYO_LANG", lang)
        .output()
        .expect("run kohyo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    format!("exit {}\n{stderr}", out.status.code().unwrap_or(-1))
}

/// Checks the case `name` in both languages against its expected files (written with
/// `KOHYO_BLESS=1`).
fn check_case(name: &str) {
    let case = crate::common::repo_root().join("tests/mistakes").join(name);
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&case.join("site"), dir.path());
    for lang in ["ja", "en"] {
        let actual = run_case(dir.path(), lang);
        let expected_path = case.join(format!("expected.{lang}"));
        if std::env::var_os("KOHYO_BLESS").is_some() {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(actual, expected, "{name} ({lang}): what `kohyo check` says");
    }
}

macro_rules! cases {
    ($($case:ident,)*) => {
        $(
            #[test]
            fn $case() {
                check_case(&stringify!($case).replace('_', "-"));
            }
        )*

        /// Every case with a test of its own.
        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

cases! {
    block_type_typo,
    byte_order_mark_inside,
    colon_instead_of_equals,
    date_full_width_digits,
    date_impossible_day,
    date_one_digit_day,
    date_reiwa,
    date_slashes,
    date_with_time,
    duplicate_key,
    empty_list_then_tables,
    enter_inside_quotes,
    full_width_braces,
    full_width_colon_and_quotes,
    full_width_double_quotes,
    full_width_equals,
    full_width_hash_comment,
    full_width_space_after_value,
    full_width_space_before_comment,
    full_width_table_brackets,
    ideographic_space_at_the_ends,
    japanese_key,
    japanese_key_address,
    kagikakko_instead_of_quotes,
    key_under_the_wrong_block,
    misspelt_key,
    no_break_space,
    phone_full_width,
    phone_two_numbers,
    phone_with_a_label,
    phone_with_an_extension,
    phone_without_hyphens,
    placeholder_left,
    section_singular,
    several_mistakes_at_once,
    soft_hyphen,
    string_where_a_list_is_expected,
    touten_between_list_items,
    two_syntax_errors,
    unquoted_heading,
    unquoted_text,
    zero_width_space,
}

#[test]
fn every_case_folder_has_its_test() {
    let root = crate::common::repo_root().join("tests/mistakes");
    for entry in fs::read_dir(root).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            let name = entry.file_name().to_string_lossy().replace('-', "_");
            assert!(
                CASES.contains(&name.as_str()),
                "tests/mistakes/{name} has no test in cases!"
            );
        }
    }
}

/// Words that are the same in both languages: names of formats and of kohyo itself.
const BOTH_LANGUAGES: &[&str] = &[
    "kohyo",
    "TOML",
    "Markdown",
    "YYYY",
    "MM",
    "DD",
    "URL",
    "HTML",
    "JSON",
    "PDF",
    "UTF",
    "BOM",
    "ID",
    "VS",
    "Code",
    "Windows",
    "Word",
    "Excel",
    "N",
    "Q&A",
    "http",
    "https",
    "mailto",
    "tel",
    "Tera",
    "Unicode",
    "Git",
    "git",
    "PowerShell",
    "SSH",
    "OpenSSH",
    "curl",
];

/// What a line says in words of kohyo's: without the quoted source (`12 | …`), the file line
/// (`--> …`), code spans, addresses, file names, field paths and rule ids.
fn kohyos_words(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    let quoted = trimmed
        .split_once('|')
        .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
    let place = ["= 補足: 場所:", "= note: place:"]
        .iter()
        .any(|p| trimmed.starts_with(p));
    if quoted || place || trimmed.starts_with("-->") || trimmed.starts_with("exit ") {
        return None;
    }
    // The field a problem is about (`エラー: sections[0].heading: …`) is named as written.
    let line = match line.split_once(": ") {
        Some((kind, rest)) if !kind.starts_with(' ') => match rest.split_once(": ") {
            Some((field, rest))
                if !field.is_empty()
                    && field
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c)) =>
            {
                format!("{kind}: {rest}")
            }
            _ => line.to_owned(),
        },
        _ => line.to_owned(),
    };
    let line = line.as_str();
    let mut out = String::new();
    let mut in_code = false;
    for part in line.split('`') {
        if !in_code {
            out.push_str(part);
            out.push(' ');
        }
        in_code = !in_code;
    }
    let words: Vec<&str> = out
        .split(|c: char| c.is_whitespace() || "（）()、。;,".contains(c))
        .filter(|w| {
            !(w.contains('/')
                || w.contains('\\')
                || w.contains('[')
                || w.contains('.') && w.chars().any(|c| c.is_ascii_alphabetic())
                || w.contains('@')
                || w.contains('_'))
        })
        .collect();
    Some(words.join(" "))
}

/// The English words of a Japanese run's output.
fn english_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let Some(words) = kohyos_words(line) else {
            continue;
        };
        // What is quoted (「…」: the user's text, or a message of another program) stays as it
        // was written.
        let mut unquoted = String::new();
        let mut depth = 0;
        for c in words.chars() {
            match c {
                '「' => depth += 1,
                '」' => depth -= 1,
                c if depth == 0 => unquoted.push(c),
                _ => {}
            }
        }
        // Options (`--root`) are written as they are typed.
        let words: String = unquoted
            .split(' ')
            .filter(|w| !w.starts_with('-'))
            .collect::<Vec<_>>()
            .join(" ");
        for word in words.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() >= 2 && !BOTH_LANGUAGES.contains(&word) {
                found.push(format!("`{word}` in: {line}"));
                break;
            }
        }
    }
    found
}

/// The Japanese of an English run's output, outside the user's own text (quoted in 「」 or in
/// code spans) and the place as the page shows it.
fn japanese_in(text: &str) -> Vec<String> {
    let japanese = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff5e}');
    let mut found = Vec::new();
    for line in text.lines() {
        // The provisions cited are Japanese by nature: (法第32条第1項第1号).
        let mut cited = line.to_owned();
        for opening in ["(法第", "(令第", "(規則第", "(通則編", "(仮名・匿名編"] {
            while let Some(at) = cited.find(opening) {
                let end = cited[at..].rfind(')').map_or(cited.len(), |e| at + e + 1);
                cited.replace_range(at..end, "");
            }
        }
        let Some(words) = kohyos_words(&cited) else {
            continue;
        };
        // The user's text, quoted, and the provisions cited, are Japanese by nature.
        let mut outside = String::new();
        let (mut depth, mut quoted) = (0, false);
        for c in words.chars() {
            match c {
                '「' => depth += 1,
                '」' => depth -= 1,
                '"' => quoted = !quoted,
                c if depth == 0 && !quoted => outside.push(c),
                _ => {}
            }
        }
        if outside.chars().any(japanese) {
            found.push(line.to_owned());
        }
    }
    found
}

/// One language per run: every Japanese expected output of the mistakes and the bad-input
/// corpus has no English word of kohyo's, and every English one no Japanese.
#[test]
fn every_message_is_in_the_language_of_the_run_only() {
    let root = crate::common::repo_root();
    let mut problems = Vec::new();
    for corpus in ["tests/mistakes", "tests/corpus"] {
        for entry in fs::read_dir(root.join(corpus)).unwrap() {
            let dir = entry.unwrap().path();
            for (file, scan) in [
                ("expected.ja", english_in as fn(&str) -> Vec<String>),
                ("expected.en", japanese_in as fn(&str) -> Vec<String>),
            ] {
                let Ok(text) = fs::read_to_string(dir.join(file)) else {
                    continue;
                };
                for p in scan(&text) {
                    problems.push(format!("{}/{file}: {p}", dir.display()));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} lines in the wrong language:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_language_scanners_find_what_they_look_for() {
    assert_eq!(
        english_in("エラー: TOML として読めません: expected `\"`\n").len(),
        1
    );
    assert!(english_in("エラー: `summary` は \"初版\" のように書きます\n  --> content/versions/2024-04-01/notice.toml:2:11\n2 | summary = 初版\n").is_empty());
    assert_eq!(japanese_in("error: the date 令和6年 is wrong\n").len(), 1);
    assert!(japanese_in("error: write `heading = \"苦情\"` for 「苦情」\n").is_empty());
}

/// README's staff section shows three of these messages as kohyo prints them.
#[test]
fn readme_shows_real_messages() {
    let root = crate::common::repo_root();
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    for case in ["unquoted-heading", "japanese-key", "no-break-space"] {
        let expected =
            fs::read_to_string(root.join("tests/mistakes").join(case).join("expected.ja")).unwrap();
        for line in expected.lines().filter(|l| {
            l.starts_with("エラー:") || l.starts_with("エラー[") || l.contains("直し方")
        }) {
            assert!(
                readme.contains(line.trim()),
                "README does not show {case}'s `{line}`"
            );
        }
    }
}
