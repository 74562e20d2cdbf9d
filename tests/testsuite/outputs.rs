//! `kohyo init`, and the conventions readers expect: feed, sitemap, robots.txt, canonical links.

use crate::common::Fixture;

#[test]
fn init_makes_a_draft_that_check_walks_through_and_keeps_the_built_in_theme() {
    let dir = Fixture::empty();
    let run = crate::common::kohyo_in(dir.path(), &["init", "new-site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = dir.path().join("new-site");
    for f in ["site.toml", ".gitignore", "schemas/version.schema.json"] {
        assert!(site.join(f).is_file(), "{f}");
    }
    // The built-in theme is not copied (a copy would override later fixes of it).
    assert!(!site.join("themes").exists());
    // The first version is a draft whose blanks `check` reports until they are filled.
    let check = crate::common::kohyo_in(&site, &["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains("appi/placeholder"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("（記入してください）"),
        "{}",
        check.stderr
    );
    // It previews as a draft.
    let run = crate::common::kohyo_in(&site, &["build", "--drafts", "--out", "preview"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.join("preview/index.html").is_file());
    // --theme copies the theme for customising.
    let run = crate::common::kohyo_in(dir.path(), &["init", "themed", "--theme"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        dir.path()
            .join("themed/themes/default/templates/base.html")
            .is_file()
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_never_overwrites_a_file() {
    let dir = Fixture::empty();
    dir.write("notes.txt", "mine\n");
    let run = dir.kohyo(&["init"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert!(!dir.path().join("site.toml").exists());
    dir.write("site.toml", "# mine\n");
    let run = dir.kohyo(&["init", "--force"]);
    assert_eq!(
        run.code, 3,
        "refusing to overwrite is refusing to write the output"
    );
    assert!(
        run.stderr.contains("already has site.toml"),
        "{}",
        run.stderr
    );
    assert_eq!(dir.read("site.toml"), "# mine\n");
    assert!(
        !dir.path().join("content").exists(),
        "nothing is written when anything exists"
    );
}

#[test]
fn the_feed_has_one_entry_per_version_linking_it_and_its_diff() {
    let site = Fixture::example();
    site.build("2025-01-01").success();
    let feed = site.read("public/feed.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert_eq!(
        feed.matches("<entry>").count(),
        5,
        "one per version, the scheduled ones included"
    );
    assert!(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://os-kenpo-sendai.jp/kojin-joho/versions/2024-04-01/\"/>"));
    assert!(
        feed.contains("href=\"https://os-kenpo-sendai.jp/kojin-joho/versions/2024-04-01/diff/\"")
    );
    assert!(feed.contains("<updated>2024-04-01T00:00:00+09:00</updated>"));
    let index = site.read("public/index.html");
    assert!(
        index.contains("type=\"application/atom+xml\""),
        "the feed is announced"
    );
}

#[test]
fn content_in_the_feed_is_escaped() {
    let site = Fixture::with_versions(&[]);
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &crate::common::notice("2024-04-01", "<script>&</script>"),
    );
    site.build("2025-01-01").success();
    let feed = site.read("public/feed.xml");
    assert!(
        feed.contains("&lt;script&gt;&amp;&lt;/script&gt;"),
        "{feed}"
    );
    assert!(!feed.contains("<script"));
}

#[test]
fn sitemap_robots_canonical_and_meta_are_written() {
    let site = Fixture::example();
    site.kohyo(&[
        "build",
        "--as-of",
        "2025-01-01",
        "--base-url",
        "https://example.or.jp/notice",
    ])
    .success();
    let sitemap = site.read("public/sitemap.xml");
    for loc in [
        "https://example.or.jp/notice/",
        "https://example.or.jp/notice/versions/",
        "https://example.or.jp/notice/versions/2022-04-01/",
        "https://example.or.jp/notice/versions/2024-04-01/diff/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{loc}");
    }
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.or.jp/notice/sitemap.xml\n"
    );
    let page = site.read("public/versions/2022-04-01/index.html");
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://example.or.jp/notice/versions/2022-04-01/\">"
        ),
        "{page}"
    );
    assert!(page.contains("property=\"og:title\""));
    assert!(page.contains("name=\"description\""));
}

#[test]
fn a_preview_asks_robots_to_stay_away() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.kohyo(&["build", "--as-of", "2025-01-01", "--drafts"])
        .success();
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
}

#[test]
fn the_print_stylesheet_prints_the_address_of_the_page() {
    let site = Fixture::example();
    site.build("2025-01-01").success();
    let page = site.read("public/versions/2024-04-01/index.html");
    assert!(
        page.contains("この文書の所在"),
        "the address is on the page for print"
    );
    let css = site.read("public/style.css");
    assert!(css.contains("@media print"));
    assert!(css.contains(".print-address { display: block; }"));
}

#[test]
fn verbose_prints_the_time_of_each_stage_and_quiet_prints_nothing() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let run = site.kohyo(&["build", "--as-of", "2025-01-01", "--verbose"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains(" ms  load and validate content"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(" ms  render, minify and write the pages"),
        "{}",
        run.stderr
    );
    let run = site.kohyo(&["build", "--as-of", "2025-01-01", "--quiet"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}
