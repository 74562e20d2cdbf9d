//! Real browser tests in headless Chromium (Debian's `chromium`, driven by `playwright-core`):
//! console errors, axe-core, screenshots at 360 and 1280 px, and live reload of `kohyo serve`.
//!
//! They need `/usr/bin/chromium` and `tests/browser/node_modules` (`.ci/run` installs both).
//! Without them the tests are skipped with a message, except in CI (`CI=true`), where a missing
//! browser is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Fixture;

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
    let msg = format!("browser tests need {}", missing.join(", "));
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{msg}: in CI a missing browser is a failure");
    }
    eprintln!("SKIPPED: {msg}");
    false
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
    let file = site.path().join("content/versions/2024-04-01/notice.toml");
    // The edit changes a published version: this site is not locked (no lock, no snapshots),
    // so it builds.
    std::fs::remove_file(site.path().join("kohyo.lock")).unwrap();
    std::fs::remove_dir_all(site.path().join("content/published")).unwrap();
    let (ok, text) = node(&[
        "live_reload.mjs",
        env!("CARGO_BIN_EXE_kohyo"),
        site.path().to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    println!("{text}");
    assert!(ok, "{text}");
}
