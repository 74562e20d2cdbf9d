//! The bad-input corpus (tests/corpus/<case>/): each broken site with the exact problems and
//! exit code `kohyo build` must give, one test per case — `cargo test --test testsuite
//! corpus::bad_base_url` runs one. See tests/corpus/README.md.

use std::fs;
use std::path::Path;

/// Builds the case `name` and compares what it reports with its `expected` file (or writes
/// that file, with `KOHYO_BLESS=1`).
fn check_case(name: &str) {
    let case = crate::common::repo_root().join("tests/corpus").join(name);
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&case.join("site"), dir.path());
    let run = crate::common::kohyo_in(
        dir.path(),
        &[
            "build",
            "--as-of",
            "2025-01-01",
            "--message-format",
            "short",
        ],
    );
    let problems: String = run
        .stderr
        .lines()
        .filter(|l| {
            !(l.starts_with("built ")
                || l.starts_with("manifest.json sha256:")
                || l.contains("warning: there is no kohyo.lock")
                || (l.starts_with("error: ") && l.contains(" found; nothing was written")))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let actual = format!("exit {}\n{problems}", run.code);
    let expected_path = case.join("expected");
    if std::env::var_os("KOHYO_BLESS").is_some() {
        fs::write(&expected_path, &actual).unwrap();
        fs::write(case.join("expected.ja"), in_japanese(dir.path())).unwrap();
        return;
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(actual, expected, "{name}: what `kohyo build` reports");
    // The same problems as staff on a Japanese system see them (tests/testsuite/mistakes.rs
    // checks that they are in Japanese only).
    let japanese = in_japanese(dir.path());
    let japanese_path = case.join("expected.ja");
    let expected = fs::read_to_string(&japanese_path).unwrap_or_default();
    assert_eq!(
        japanese, expected,
        "{name}: what `kohyo build` says in Japanese"
    );
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    if run.code == 0 {
        assert!(dir.path().join("public/index.html").is_file(), "{name}");
    } else {
        assert!(
            !dir.path().join("public").exists(),
            "{name}: a failed build wrote output"
        );
    }
}

/// What `kohyo build` says in Japanese (human format, the fix included) in `dir`, with its exit
/// code; the lines of a successful build's summary are left out.
fn in_japanese(dir: &Path) -> String {
    let _ = fs::remove_dir_all(dir.join("public"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kohyo"))
        .args(["build", "--as-of", "2025-01-01"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("KOHYO_LANG", "ja")
        .output()
        .expect("run kohyo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kept: String = stderr
        .lines()
        .filter(|l| !(l.starts_with("manifest.json sha256:") || l.contains("版を作成しました")))
        .map(|l| format!("{l}\n"))
        .collect();
    format!("exit {}\n{kept}", out.status.code().unwrap_or(-1))
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
    bad_base_url,
    bad_language,
    bidi_override_in_markdown,
    bom_and_crlf_are_fine,
    contact_unreachable,
    control_character_escape,
    data_url_link,
    datetime_not_date,
    duplicate_category,
    duplicate_section_id,
    effective_date_mismatch,
    empty_heading,
    empty_purpose_list,
    image_in_markdown,
    invalid_utf8_markdown,
    invalid_utf8_notice,
    javascript_link,
    markdown_file_escapes,
    markdown_file_missing,
    missing_block_type,
    missing_contact_name,
    missing_heading,
    missing_summary,
    missing_theme,
    no_site_toml,
    no_versions,
    noncharacter_in_summary,
    raw_html,
    several_problems_at_once,
    snapshot_without_lock_entry,
    table_row_length,
    template_syntax_error,
    template_unknown_parent,
    toml_bare_value,
    toml_duplicate_key,
    toml_unclosed_string,
    toml_unclosed_table_header,
    unknown_block_type,
    unknown_key_notice,
    unknown_key_site,
    version_id_bad_sequence,
    version_id_impossible_date,
    version_id_not_a_date,
    version_is_a_file,
    wrong_type_effective,
    wrong_type_purpose_item,
    wrong_type_purposes,
    wrong_type_title,
}

#[test]
fn every_case_folder_has_its_test() {
    let corpus = crate::common::repo_root().join("tests/corpus");
    let mut folders: Vec<String> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("site").is_dir())
        .map(|p| name_of(&p).replace('-', "_"))
        .collect();
    folders.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    listed.sort();
    assert_eq!(
        folders, listed,
        "add the case's name to `cases!` in corpus.rs"
    );
}

fn name_of(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}
