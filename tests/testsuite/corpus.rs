//! The bad-input corpus (tests/corpus/*/): each broken site with the exact problems and exit
//! code `kohyo build` must give. See tests/corpus/README.md.

use std::fs;

#[test]
fn every_corpus_case_gives_exactly_its_expected_problems() {
    let corpus = crate::common::repo_root().join("tests/corpus");
    let bless = std::env::var_os("KOHYO_BLESS").is_some();
    let mut cases: Vec<_> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("site").is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
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
        let problems: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| {
                !(l.starts_with("built ")
                    || l.starts_with("manifest.json sha256:")
                    || l.contains("warning: there is no kohyo.lock")
                    || (l.starts_with("error: ") && l.contains(" found; nothing was written")))
            })
            .collect();
        let actual = format!(
            "exit {}\n{}",
            run.code,
            problems
                .iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>()
        );
        let expected_path = case.join("expected");
        if bless {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!("--- {name}: expected\n{expected}--- got\n{actual}"));
        }
        if run.code == 0 {
            assert!(dir.path().join("public/index.html").is_file(), "{name}");
        } else {
            assert!(
                !dir.path().join("public").exists(),
                "{name}: a failed build wrote output"
            );
        }
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
