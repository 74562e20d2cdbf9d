//! Builds that take unchanged pages from the previous output: always the same bytes as a build
//! from nothing.

use crate::common::{Fixture, notice, tree};

/// How many files a `--verbose` build says it took from the previous output.
fn reused(run: &crate::common::Run) -> usize {
    let all = run.output();
    let line = all
        .lines()
        .find(|l| l.contains("taken unchanged from the previous output"))
        .unwrap_or_else(|| panic!("no count of reused files in:\n{all}"));
    line.split(' ').next().unwrap().parse().unwrap()
}

/// The warnings and errors a build printed.
fn problems(run: &crate::common::Run) -> Vec<String> {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("warning:") || l.starts_with("error:"))
        .map(str::to_owned)
        .collect()
}

/// Makes every file of the site's content look last modified an hour ago, as content written
/// long before a build is: a build may then keep its versions for the next (files changed
/// within two seconds of a build are always read again).
fn age(site: &Fixture) {
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(site.path().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(an_hour_ago).unwrap();
        }
    }
}

/// Builds into `public/` (taking what it can from the previous build) and into a new folder
/// with `--fresh`, and asserts that both are the same, file by file, and print the same
/// warnings. Returns how many files the first took from before.
fn warm_equals_cold(site: &Fixture, step: &str, args: &[&str]) -> usize {
    let mut warm = vec!["build", "--verbose"];
    warm.extend(args);
    let run = site.kohyo(&warm);
    run.success();
    let cold_out = format!("cold-{step}");
    let mut cold = vec!["build", "--fresh", "--out", &cold_out];
    cold.extend(args);
    let cold_run = site.kohyo(&cold);
    cold_run.success();
    assert_eq!(
        problems(&run),
        problems(&cold_run),
        "{step}: not the same warnings"
    );
    let (w, c) = (
        tree(&site.path().join("public")),
        tree(&site.path().join(&cold_out)),
    );
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&w), names(&c), "{step}: not the same files");
    for (a, b) in w.iter().zip(&c) {
        assert!(
            a.1 == b.1,
            "{step}: {} differs from a build from nothing",
            a.0
        );
    }
    reused(&run)
}

#[test]
fn a_build_that_reuses_pages_is_the_same_as_one_from_nothing_after_every_kind_of_change() {
    let site = Fixture::with_versions(&[
        ("2022-04-01", "初版"),
        ("2023-04-01", "目的を追加"),
        ("2024-04-01", "窓口を変更"),
    ]);
    let as_of = ["--as-of", "2025-01-01"];
    age(&site);
    assert_eq!(warm_equals_cold(&site, "first", &as_of), 0);
    let all = warm_equals_cold(&site, "unchanged", &as_of);
    assert!(all >= 10, "an unchanged site reuses its pages ({all})");

    // A superseded version corrected: its pages and its neighbours' change, not the others.
    let old = "content/versions/2022-04-01/notice.toml";
    site.edit(old, "保険料の徴収", "保険料の徴収及び還付");
    let n = warm_equals_cold(&site, "old-edited", &as_of);
    assert!(n > 0 && n < all, "{n} of {all}");
    // A file that is not used (a warning) is said again by every build, and a version edited
    // long before the build is kept like the others.
    site.write("content/versions/2023-04-01/memo.txt", "下書き");
    site.edit(old, "及び還付", "並びに還付");
    age(&site);
    warm_equals_cold(&site, "aged", &as_of);
    let run = site.kohyo(&["build", "--as-of", "2025-01-01", "--verbose"]);
    assert!(run.stderr.contains("memo.txt"), "{}", run.stderr);
    // Only the version with a warning is read again; the others were kept.
    assert!(
        run.stderr.contains("1 of 3 versions read from their files"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(site.path().join("content/versions/2023-04-01/memo.txt")).unwrap();
    // Kept versions give the same site as versions read from their files.
    warm_equals_cold(&site, "kept", &as_of);

    // A revision announced before it takes effect, then in force.
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &notice("2025-04-01", "予定の改定").replace("加入者の管理", "加入者の資格管理"),
    );
    let n = warm_equals_cold(&site, "scheduled", &as_of);
    assert!(n > 0, "adding a scheduled version keeps the old pages");
    warm_equals_cold(&site, "in-force", &["--as-of", "2025-06-01"]);

    // Settings, address and theme.
    site.edit("site.toml", "例示健康保険組合", "テスト健保");
    // Every page shows the organisation: only the four notice.json files stay.
    assert_eq!(warm_equals_cold(&site, "site-toml", &as_of), 4);
    warm_equals_cold(
        &site,
        "base-url",
        &[
            "--as-of",
            "2025-01-01",
            "--base-url",
            "https://other.example.jp/",
        ],
    );
    site.write(
        "themes/default/templates/partials/notice.html",
        &format!(
            "<p>テーマの変更</p>\n{}",
            kohyo_default_template("partials/notice.html")
        ),
    );
    // The theme is part of every key.
    assert_eq!(warm_equals_cold(&site, "theme", &as_of), 0);

    // A page of the previous output edited by hand is not taken: it is made again.
    let page = site.path().join("public/versions/2023-04-01/index.html");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("目的を追加", "目的を改竄")).unwrap();
    warm_equals_cold(&site, "tampered", &as_of);
    assert!(
        !site
            .read("public/versions/2023-04-01/index.html")
            .contains("改竄")
    );
}

/// The default theme's template `name`, as `kohyo init --theme` copies it.
fn kohyo_default_template(name: &str) -> String {
    std::fs::read_to_string(
        crate::common::repo_root()
            .join("themes/default/templates")
            .join(name),
    )
    .unwrap()
}

/// A folder of the previous output replaced by a symbolic link to files elsewhere: nothing is
/// taken through the link (a build never brings files from outside its output into the site).
#[cfg(unix)]
#[test]
fn nothing_is_taken_from_the_previous_output_through_a_symbolic_link() {
    use std::os::unix::fs::MetadataExt;
    let site = Fixture::with_versions(&[("2022-04-01", "初版"), ("2023-04-01", "改定")]);
    site.build("2025-01-01").success();
    let (folder, elsewhere) = (
        site.path().join("public/versions/2022-04-01"),
        site.path().join("elsewhere"),
    );
    std::fs::rename(&folder, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &folder).unwrap();
    let n = reused(
        site.kohyo(&["build", "--as-of", "2025-01-01", "--verbose"])
            .success(),
    );
    assert!(n > 0, "the other pages are still taken");
    let built = folder.join("index.html");
    assert!(std::fs::symlink_metadata(&folder).unwrap().is_dir());
    assert_ne!(
        std::fs::metadata(&built).unwrap().ino(),
        std::fs::metadata(elsewhere.join("index.html"))
            .unwrap()
            .ino(),
        "the page was taken through the link"
    );
}

#[test]
fn a_site_of_several_documents_reuses_pages_and_stays_the_same_as_one_from_nothing() {
    let site = crate::documents::two_documents("home = [\"notice\", \"policy\"]\n");
    let as_of = ["--as-of", "2025-06-01"];
    age(&site);
    warm_equals_cold(&site, "first", &as_of);
    assert!(warm_equals_cold(&site, "unchanged", &as_of) > 0);
    // The policy revised (announced ahead): the navigation of every page names each document's
    // next version, and the home page shows both documents.
    site.write(
        "content/documents/policy/versions/2025-10-01/notice.toml",
        &site
            .read("content/documents/policy/versions/2024-04-01/notice.toml")
            .replace("2024-04-01", "2025-10-01")
            .replace("制定", "改定"),
    );
    warm_equals_cold(&site, "policy-scheduled", &as_of);
    // The notice's older version corrected.
    let old = "content/documents/notice/versions/2024-04-01/notice.toml";
    site.edit(old, "保険料の徴収", "保険料の徴収及び還付");
    assert!(warm_equals_cold(&site, "notice-old-edited", &as_of) > 0);
    warm_equals_cold(&site, "policy-in-force", &["--as-of", "2025-10-01"]);
}
