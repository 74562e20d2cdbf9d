//! A site of several documents (`content/documents/<doc>/`), each revised on its own: their
//! pages, the home page, one feed, sitemap, lock and manifest, and `--doc`.

use crate::common::{Fixture, SITE_TOML, assert_links_resolve, notice};

const POLICY: &str = r#"effective = {date}
summary = "{summary}"
title = "個人情報保護方針"

[[sections]]
heading = "基本方針"

[[sections.blocks]]
type = "text"
text = "当組合は、個人情報を適正に取り扱います。"
"#;

fn policy(date: &str, summary: &str) -> String {
    POLICY.replace("{date}", date).replace("{summary}", summary)
}

/// A site with the notice (two versions) and the policy (one), not yet published.
pub fn two_documents(site_extra: &str) -> Fixture {
    let f = Fixture::empty();
    f.write("site.toml", &format!("{site_extra}{SITE_TOML}"));
    f.write(
        "content/documents/notice/document.toml",
        "title = \"個人情報保護法に基づく公表事項\"\nkind = \"notice\"\norder = 1\n",
    );
    f.write(
        "content/documents/policy/document.toml",
        "title = \"個人情報保護方針\"\nkind = \"policy\"\norder = 2\n",
    );
    for (date, summary) in [("2024-04-01", "初版"), ("2025-04-01", "連絡先の変更")] {
        f.write(
            &format!("content/documents/notice/versions/{date}/notice.toml"),
            &notice(date, summary).replace("03-1234-5678", &format!("03-1234-{}", &date[..4])),
        );
    }
    f.write(
        "content/documents/policy/versions/2024-04-01/notice.toml",
        &policy("2024-04-01", "制定"),
    );
    f
}

#[test]
fn each_document_has_its_own_pages_history_and_diffs_and_the_home_page_lists_them() {
    let site = two_documents("");
    site.build("2025-06-01").success();
    let public = site.path().join("public");
    for page in [
        "index.html",
        "notice/index.html",
        "notice/versions/index.html",
        "notice/versions/2024-04-01/index.html",
        "notice/versions/2024-04-01/notice.json",
        "notice/versions/2024-04-01/since/index.html",
        "notice/versions/2025-04-01/diff/index.html",
        "policy/index.html",
        "policy/versions/index.html",
        "policy/versions/2024-04-01/index.html",
        "feed.xml",
        "sitemap.xml",
        "manifest.json",
        "style.css",
    ] {
        assert!(public.join(page).is_file(), "{page} is missing");
    }
    assert!(!public.join("versions").exists());
    let home = site.read("public/index.html");
    assert!(home.contains("<a href=\"notice/index.html\">個人情報保護法に基づく公表事項</a>"));
    assert!(home.contains("<a href=\"policy/index.html\">個人情報保護方針</a>"));
    assert!(home.contains("<a href=\"policy/versions/index.html\">"));
    // A document's page reaches the site's stylesheet and the other documents.
    let notice_page = site.read("public/notice/versions/2024-04-01/index.html");
    assert!(notice_page.contains("href=\"../../../style.css\""));
    assert!(notice_page.contains("href=\"../../../policy/index.html\""));
    assert!(notice_page.contains("03-1234-2024"));
    let diff = site.read("public/notice/versions/2025-04-01/diff/index.html");
    assert!(diff.contains("2025"), "{diff}");
    // One feed for the site, entries of both documents, linking their own addresses.
    let feed = site.read("public/feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(feed.contains("https://example.or.jp/kojin-joho/policy/versions/2024-04-01/"));
    assert!(feed.contains("<title>個人情報保護方針：2024年4月1日施行：制定</title>"));
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.or.jp/kojin-joho/notice/versions/2025-04-01/diff/</loc>"
        )
    );
    assert!(sitemap.contains("<loc>https://example.or.jp/kojin-joho/</loc>"));
    assert_links_resolve(&public);
    // `check` renders every document and follows the links too.
    let check = site.kohyo(&["check", "--as-of", "2025-06-01"]);
    assert!(!check.stderr.contains("links/"), "{}", check.stderr);
}

#[test]
fn publishing_names_the_document_in_the_lock_and_the_built_site_verifies() {
    let site = two_documents("");
    // The same id exists in both documents: kohyo asks which.
    let run = site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("say which with --doc"),
        "{}",
        run.stderr
    );
    for (doc, id) in [
        ("notice", "2024-04-01"),
        ("policy", "2024-04-01"),
        ("notice", "2025-04-01"),
    ] {
        site.kohyo(&["publish", id, "--doc", doc, "--as-of", "2024-01-01"])
            .success();
    }
    assert!(
        site.path()
            .join("content/documents/policy/published/2024-04-01.json")
            .is_file()
    );
    let lock = site.read("kohyo.lock");
    assert_eq!(lock.matches("document = \"notice\"").count(), 2, "{lock}");
    assert_eq!(lock.matches("document = \"policy\"").count(), 1, "{lock}");
    site.kohyo(&["verify"]).success();
    site.build("2025-06-01").success();
    let verify = site.kohyo(&["verify", "--site", "public"]);
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
    // `log --doc` shows one document.
    let log = site.kohyo(&["log", "--doc", "policy", "--as-of", "2025-06-01"]);
    assert!(log.stdout.contains("published, current"), "{}", log.stdout);
    assert!(!log.stdout.contains("2025-04-01"), "{}", log.stdout);
    // Editing a published version of one document is caught and named.
    let file = "content/documents/policy/versions/2024-04-01/notice.toml";
    site.write(file, &site.read(file).replace("適正に", "適切に"));
    let run = site.build("2025-06-01");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/documents/policy/versions/2024-04-01"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_new_and_log_take_the_document_from_doc_or_from_an_unambiguous_id() {
    let site = two_documents("");
    let run = site.kohyo(&["diff", "2024-04-01", "2025-04-01", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("03-1234-2025"));
    let run = site.kohyo(&["diff", "previous", "current", "--as-of", "2025-06-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--doc"), "{}", run.stderr);
    let run = site.kohyo(&[
        "new",
        "2026-04-01",
        "--doc",
        "policy",
        "--as-of",
        "2025-06-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.path()
            .join("content/documents/policy/versions/2026-04-01/notice.toml")
            .is_file()
    );
    let run = site.kohyo(&["new", "2026-04-01", "--doc", "nothing"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("notice, policy"), "{}", run.stderr);
    let log = site.kohyo(&["log", "--as-of", "2025-06-01"]);
    assert!(log.stdout.contains("== notice:"), "{}", log.stdout);
    assert!(
        log.stdout.contains("== policy: 個人情報保護方針 =="),
        "{}",
        log.stdout
    );
}

#[test]
fn home_can_show_one_document_or_several_on_one_page() {
    let site = two_documents("home = \"notice\"\n");
    site.build("2025-06-01").success();
    let home = site.read("public/index.html");
    assert!(home.contains("03-1234-2025"));
    assert!(
        home.contains("href=\"notice/versions/index.html\""),
        "{home}"
    );
    assert!(home.contains("href=\"style.css\""));
    assert_links_resolve(&site.path().join("public"));

    let site = two_documents("home = [\"notice\", \"policy\"]\n");
    site.build("2025-06-01").success();
    let home = site.read("public/index.html");
    let (notice_at, policy_at) = (
        home.find("03-1234-2025").unwrap(),
        home.find("当組合は、個人情報を適正に取り扱います。")
            .unwrap(),
    );
    assert!(notice_at < policy_at);
    // Two notices on one page: every id stays unique.
    let mut ids: Vec<&str> = home
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids on the home page");
    assert!(home.contains("id=\"policy-section-1\""), "{home}");
    assert_links_resolve(&site.path().join("public"));
}

#[test]
fn a_notice_split_over_two_documents_is_checked_as_one() {
    let site = two_documents("");
    // The complaint contact moves to a document of its own.
    let contact = "[[sections]]\nnumber = \"2.\"\nheading = \"苦情の申出先\"\n\n[[sections.blocks]]\ntype = \"contact\"\nname = \"例示健康保険組合\"\npostal_code = \"100-0001\"\naddress = \"東京都千代田区千代田1-1\"\nphone = \"03-1234-2025\"\n";
    let file = "content/documents/notice/versions/2025-04-01/notice.toml";
    let text = site.read(file);
    let without = text.replace(contact, "");
    assert_ne!(without, text, "the fixture's contact section moved");
    site.write(file, &without);
    let run = site.kohyo(&["check", "--as-of", "2025-06-01"]);
    assert!(
        run.stderr.contains("appi/complaints-missing"),
        "{}",
        run.stderr
    );
    site.write(
        "content/documents/contact/document.toml",
        "title = \"お問合せ窓口\"\nkind = \"notice\"\n",
    );
    site.write(
        "content/documents/contact/versions/2024-04-01/notice.toml",
        &format!(
            "effective = 2024-04-01\nsummary = \"制定\"\ntitle = \"お問合せ窓口\"\n\n{contact}"
        ),
    );
    let run = site.kohyo(&["check", "--as-of", "2025-06-01"]);
    assert!(
        !run.stderr.contains("appi/complaints-missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn layout_mistakes_are_named_with_the_fix() {
    let site = two_documents("");
    site.write(
        "content/documents/Policy 2/document.toml",
        "title = \"x\"\n",
    );
    site.write(
        "content/documents/extra/versions/2024-04-01/notice.toml",
        &policy("2024-04-01", "x"),
    );
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &notice("2024-04-01", "x"),
    );
    let run = site.build("2025-06-01");
    assert_eq!(run.code, 1);
    for expected in [
        "`Policy 2` cannot name a document",
        "content/documents/extra/document.toml",
        "every document folder needs a document.toml",
        "both content/versions/",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    let site = two_documents("home = \"privacy\"\n");
    let run = site.build("2025-06-01");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`home` names the document `privacy`, which does not exist"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("notice, policy"), "{}", run.stderr);
    let single = Fixture::with_versions(&[("2024-04-01", "初版")]);
    single.write("site.toml", &format!("home = \"notice\"\n{SITE_TOML}"));
    let run = single.build("2025-06-01");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("this site has one document"),
        "{}",
        run.stderr
    );
}

/// The kitchen-sink site: three documents (notice, policy, joint use) on one site, every kind
/// of block, every marker, four levels of sections, front, preamble, dates in 和暦, two notices
/// on the home page.
pub fn kitchen_sink() -> Fixture {
    let f = Fixture::empty();
    crate::common::copy_dir(
        &crate::common::repo_root().join("tests/fixtures/kitchen-sink"),
        f.path(),
    );
    f
}

#[test]
fn the_kitchen_sink_builds_passes_check_and_keeps_every_marker_and_level() {
    let site = kitchen_sink();
    let check = site.kohyo(&["check", "--deny-warnings", "--as-of", "2025-06-01"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    site.build("2025-06-01").success();
    let page = site.read("public/notice/index.html");
    for marker in [
        "•",
        "・",
        "■",
        "●",
        "○",
        "*",
        "※",
        "1.",
        "(1)",
        "（１）",
        "[1]",
        "①",
        "ア",
        "(ア)",
        "イ",
        "一、",
        "a.",
        "(a)",
        "第3条",
        "◆",
    ] {
        assert!(
            page.contains(&format!("class=\"marker\">{marker}<")),
            "marker {marker} is missing"
        );
    }
    for level in ["<h2", "<h3", "<h4", "<h5"] {
        assert!(page.contains(level), "{level} is missing");
    }
    assert!(page.contains("令和7年4月1日"), "wareki dates");
    assert!(page.contains("【別紙2】"));
    let home = site.read("public/index.html");
    assert!(
        home.contains("href=\"#notice-beppyo\""),
        "an anchor link follows its prefixed id"
    );
    assert!(home.contains("id=\"notice-beppyo\""));
    assert!(
        site.read("public/joint-use/index.html")
            .contains("健診データの共同利用")
    );
    assert_links_resolve(&site.path().join("public"));
}

#[test]
fn a_record_field_of_labelled_parts_or_a_list_diffs_line_by_line() {
    let site = Fixture::with_versions(&[]);
    let records = |partner: &str| {
        format!(
            "\n[[sections.blocks]]\ntype = \"records\"\n\n[[sections.blocks.records]]\ntitle = \"共同事業\"\nfields = [\n  {{ label = \"内容\", value = [{{ label = \"相手\", value = \"{partner}\" }}, {{ label = \"名称\", value = \"健康づくり\" }}] }},\n  {{ label = \"項目\", value = {{ marker = \"nakaguro\", items = [\"氏名\", \"性別\"] }} }},\n]\n"
        )
    };
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &format!("{}{}", notice("2024-04-01", "初版"), records("甲組合")),
    );
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &format!(
            "{}{}",
            notice("2025-04-01", "相手の変更"),
            records("乙組合")
        ),
    );
    let run = site.kohyo(&["diff", "2024-04-01", "2025-04-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("内容"), "{}", run.stdout);
    assert!(
        run.stdout.contains("{-甲-}{+乙+}") || run.stdout.contains("[-甲-]{+乙+}"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("項目"),
        "the unchanged list field is not reported: {}",
        run.stdout
    );
    site.build("2025-06-01").success();
    let page = site.read("public/index.html");
    assert!(page.contains("class=\"marker\">・<"), "{page}");
    // A part without a label is an error that names the field.
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &format!(
            "{}{}",
            notice("2025-04-01", "相手の変更"),
            records("乙組合").replace("label = \"相手\", ", "label = \"\", ")
        ),
    );
    let run = site.build("2025-06-01");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("fields[0].value[0].label"),
        "{}",
        run.stderr
    );
}
