//! `kohyo build`: the example site, output layout, determinism, safety of the output directory.

use std::fs;

use crate::common::{Fixture, squeeze, tree, visible_text};

#[test]
fn example_site_shows_every_sentence_cell_and_item_of_the_seed_in_order() {
    let site = Fixture::example();
    site.build("2025-01-01").success();
    let page = squeeze(&visible_text(&site.read("public/index.html")));
    let seed =
        fs::read_to_string(crate::common::repo_root().join("tests/fixtures/seed-notice.txt"))
            .unwrap();
    let mut pos = 0;
    let mut checked = 0;
    for line in seed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.strip_prefix("- ").unwrap_or(line);
        for piece in line.split('\t') {
            // `<https://…>` is a Markdown autolink: the reader sees the address.
            let piece = squeeze(&piece.replace(['<', '>'], ""));
            match page[pos..].find(&piece) {
                Some(i) => pos += i + piece.len(),
                None => panic!(
                    "not found in order on the current page: {piece}\nafter: {}",
                    &page[pos..pos + 200.min(page.len() - pos)]
                ),
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} pieces checked");
}

#[test]
fn example_site_layout_and_permanent_addresses() {
    let site = Fixture::example();
    site.build("2025-01-01").success();
    for path in [
        "public/index.html",
        "public/style.css",
        "public/.kohyo-output",
        "public/versions/index.html",
        "public/versions/2022-04-01/index.html",
        "public/versions/2022-04-01/notice.json",
        "public/versions/2024-04-01/index.html",
        "public/versions/2024-04-01/notice.json",
    ] {
        assert!(site.path().join(path).is_file(), "{path} missing");
    }
    let index = site.read("public/index.html");
    assert!(
        index.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{}",
        &index[..80]
    );
    assert!(index.contains("<th scope=\"col\">個人情報の類型</th>"));
    assert!(index.contains("<th scope=\"row\">資格に関する情報</th>"));
    assert!(index.contains("href=\"versions/index.html\""));
    assert!(index.contains("2024年4月1日"));
}

#[test]
fn every_link_is_relative_so_the_site_works_under_a_sub_path_and_from_files() {
    let site = Fixture::example();
    site.build("2025-01-01").success();
    crate::common::assert_links_resolve(&site.path().join("public"));
}

#[test]
fn building_twice_gives_identical_bytes() {
    let site = Fixture::example();
    site.kohyo(&["build", "--as-of", "2025-01-01", "--out", "a"])
        .success();
    site.kohyo(&["build", "--as-of", "2025-01-01", "--out", "b"])
        .success();
    let a = tree(&site.path().join("a"));
    let b = tree(&site.path().join("b"));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.0, y.0);
        assert!(x.1 == y.1, "{} differs between two builds", x.0);
    }
}

#[test]
fn history_lists_versions_newest_first_with_periods_in_force() {
    let site = Fixture::with_versions(&[
        ("2020-04-01", "初版"),
        ("2022-04-01", "改正法対応"),
        ("2024-10-01", "目的を追加"),
    ]);
    site.build("2025-01-01").success();
    let text = visible_text(&site.read("public/versions/index.html"));
    let text = squeeze(&text);
    let a = text.find("2024年10月1日〜現在").expect("current period");
    let b = text
        .find("2022年4月1日〜2024年9月30日")
        .expect("second period");
    let c = text
        .find("2020年4月1日〜2022年3月31日")
        .expect("first period");
    assert!(a < b && b < c, "not newest first: {text}");
    assert!(text.contains("目的を追加"));
}

#[test]
fn a_superseded_version_says_so_and_links_the_current_one() {
    let site = Fixture::with_versions(&[("2020-04-01", "初版"), ("2024-10-01", "改定")]);
    site.build("2025-01-01").success();
    let old = site.read("public/versions/2020-04-01/index.html");
    assert!(old.contains("この版は改定されています"), "{old}");
    assert!(old.contains("2024年9月30日まで"));
    assert!(old.contains("href=\"../../index.html\""));
    let cur = site.read("public/versions/2024-10-01/index.html");
    assert!(!cur.contains("この版は改定されています"));
}

#[test]
fn a_scheduled_version_is_announced_not_current_until_its_date() {
    let site = Fixture::with_versions(&[("2024-04-01", "現行"), ("2025-04-01", "来年度の改定")]);
    site.build("2025-01-01").success();
    let index = site.read("public/index.html");
    assert!(
        index.contains("<time datetime=\"2024-04-01\">"),
        "current should be 2024-04-01"
    );
    assert!(
        index.contains("2025年4月1日から、改定後の公表事項が適用されます"),
        "{index}"
    );
    assert!(index.contains("href=\"versions/2025-04-01/index.html\""));
    let sched = site.read("public/versions/2025-04-01/index.html");
    assert!(sched.contains("施行予定の版です"));

    site.build("2025-04-01").success();
    let index = site.read("public/index.html");
    assert!(index.contains("<time datetime=\"2025-04-01\">"));
    assert!(!index.contains("改定後の公表事項が適用されます"));
}

#[test]
fn a_second_version_on_the_same_date_has_its_own_address() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write(
        "content/versions/2024-04-01.2/notice.toml",
        &crate::common::notice("2024-04-01", "同日訂正"),
    );
    site.build("2025-01-01").success();
    let index = site.read("public/index.html");
    assert!(index.contains("同日訂正"));
    assert!(
        site.path()
            .join("public/versions/2024-04-01.2/index.html")
            .is_file()
    );
}

#[test]
fn notice_json_holds_the_content_in_the_documented_shape() {
    let site = Fixture::example();
    site.build("2025-01-01").success();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/versions/2024-04-01/notice.json")).unwrap();
    assert_eq!(json["format"], "kohyo-notice/1");
    assert_eq!(json["id"], "2024-04-01");
    assert_eq!(json["effective"], "2024-04-01");
    let rows = &json["sections"][0]["blocks"][1]["rows"];
    assert_eq!(json["sections"][0]["blocks"][1]["type"], "purposes");
    assert_eq!(rows[0]["category"], "資格に関する情報");
    assert_eq!(rows[0]["purposes"][0], "加入者の管理");
}

#[test]
fn content_is_escaped_and_script_never_reaches_a_page() {
    let site = Fixture::with_versions(&[]);
    let evil = crate::common::notice("2024-04-01", "<script>alert(1)</script>")
        .replace("資格に関する情報", "<script>alert(2)</script>")
        .replace("加入者の管理", "<img src=x onerror=alert(3)>");
    site.write("content/versions/2024-04-01/notice.toml", &evil);
    site.build("2025-01-01").success();
    for (path, bytes) in tree(&site.path().join("public")) {
        if !path.ends_with(".html") {
            continue; // notice.json carries the content as data, as it was written
        }
        // Inside a quoted attribute value `<` is inert text; elsewhere it would be markup.
        let markup = crate::common::without_attribute_values(&String::from_utf8_lossy(&bytes));
        assert!(!markup.contains("<script"), "{path} contains a script tag");
        assert!(!markup.contains("<img"), "{path} contains an img tag");
    }
    assert!(
        site.read("public/index.html")
            .contains("&lt;script&gt;alert(2)&lt;/script&gt;")
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.build("2025-01-01").success();
    let before = tree(&site.path().join("public"));
    // The published version broken (a draft that does not load is only left out).
    site.write(
        "content/versions/2024-04-01/notice.toml",
        "effective = 2024-04-01\nsummary = [broken\n",
    );
    let run = site.build("2025-01-02");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"));
    assert_eq!(tree(&site.path().join("public")), before);
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("kohyo-tmp") || n.contains("kohyo-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn refuses_to_replace_a_directory_kohyo_did_not_create() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write("public/precious.txt", "keep me");
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("was not made by kohyo"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/precious.txt"), "keep me");
}

#[test]
fn refuses_dangerous_output_directories() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    for (out, why) in [
        (".", "contains the site itself"),
        ("/", "root of the filesystem"),
        ("content", "inside the site's `content`"),
        ("content/versions/x", "inside the site's `content`"),
        ("..", "contains the site itself"),
    ] {
        let run = site.kohyo(&["build", "--as-of", "2025-01-01", "--out", out]);
        assert_eq!(run.code, 3, "{out}: {}", run.stderr);
        assert!(run.stderr.contains(why), "{out}: {}", run.stderr);
    }
    assert!(
        site.path()
            .join("content/versions/2024-04-01/notice.toml")
            .is_file()
    );
}

#[test]
fn stale_temporary_directories_from_a_killed_build_are_cleared() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write(".public.kohyo-tmp-99999/.kohyo-output", "x");
    site.write(".public.kohyo-tmp-99999/index.html", "half");
    site.write(".public.kohyo-tmp-1/other.txt", "not ours: no marker");
    site.build("2025-01-01").success();
    assert!(!site.path().join(".public.kohyo-tmp-99999").exists());
    assert!(site.path().join(".public.kohyo-tmp-1/other.txt").exists());
}

#[test]
fn a_site_without_themes_folder_uses_the_built_in_theme_and_a_theme_overrides_one_template() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.build("2025-01-01").success();
    assert!(
        site.read("public/index.html")
            .contains("class=\"site-header\"")
    );

    site.write(
        "site.toml",
        &crate::common::SITE_TOML.replace("[organization]", "theme = \"union\"\n\n[organization]"),
    );
    site.write(
        "themes/union/templates/base.html",
        "<!DOCTYPE html><html lang=\"ja\"><head><title>{{ page.title }}</title><link rel=\"stylesheet\" href=\"{{ page.root }}style.css\"></head><body><header>組合ホームページ共通ヘッダー</header><main>{% block content %}{% endblock content %}</main><footer>共通フッター</footer></body></html>",
    );
    site.build("2025-01-01").success();
    let index = site.read("public/index.html");
    assert!(index.contains("組合ホームページ共通ヘッダー"), "{index}");
    assert!(
        index.contains("資格に関する情報"),
        "the notice itself is still rendered"
    );
}

#[test]
fn a_missing_theme_is_an_error_naming_it() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write(
        "site.toml",
        &crate::common::SITE_TOML
            .replace("[organization]", "theme = \"nothere\"\n\n[organization]"),
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("themes/nothere: theme: theme `nothere` not found")
            || run.stderr.contains("theme `nothere` not found"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_syntax_error_names_the_template_and_line() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write(
        "themes/default/templates/history.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ oops \n{% endblock content %}\n",
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("themes/default/templates/history.html"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("themes/default/templates/history.html:4:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("template syntax error: 「expected"),
        "{}",
        run.stderr
    );
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_accepted() {
    let site = Fixture::with_versions(&[]);
    let text = format!(
        "\u{feff}{}",
        crate::common::notice("2024-04-01", "初版").replace('\n', "\r\n")
    );
    site.write("content/versions/2024-04-01/notice.toml", &text);
    site.write(
        "site.toml",
        &format!("\u{feff}{}", crate::common::SITE_TOML.replace('\n', "\r\n")),
    );
    site.build("2025-01-01").success();
    assert!(site.read("public/index.html").contains("資格に関する情報"));
}

#[test]
fn markdown_files_and_extra_shapes_render_in_order() {
    let site = Fixture::with_versions(&[]);
    let extra = r##"effective = 2024-04-01
summary = "形の例"
title = "個人情報保護法に基づく公表事項"

[[sections]]
id = "policy"
heading = "個人情報保護基本方針"

[[sections.blocks]]
type = "text"
file = "policy.md"

[[sections]]
number = "1."
heading = "事業者"

[[sections.blocks]]
type = "organization"
name = "テスト株式会社"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
representative = { title = "代表取締役", name = "山田 太郎" }
officers = [{ title = "個人情報保護管理者", name = "鈴木 花子" }]

[[sections]]
number = "2."
heading = "第三者提供"

[[sections.blocks]]
type = "list"
marker = "circled"
items = ["第三者に提供すること", "提供する項目", "提供の手段", "求めにより停止すること", "求めを受け付ける方法"]

[[sections.blocks]]
type = "table"
caption = "提供先一覧"
columns = ["提供先", "提供する情報", "目的"]
rows = [
  ["保険者", ["氏名", "生年月日"], ["資格確認", "給付"]],
]

[[sections]]
number = "3."
heading = "共同利用"

[[sections.blocks]]
type = "records"

[[sections.blocks.records]]
title = "健診データの共同利用"
fields = [
  { label = "相手先", value = "健康保険組合連合会" },
  { label = "項目", value = ["氏名", "健診結果"] },
  { label = "管理責任者", value = "テスト株式会社" },
]

[[sections]]
number = "別表"
id = "beppyo"
heading = "利用目的"

[[sections.blocks]]
type = "purposes"
layout = "list"

[[sections.blocks.rows]]
category = "顧客情報"
purposes = ["契約の履行", "お知らせの送付"]

[[sections.blocks]]
type = "contact"
role = "accredited"
name = "一般財団法人 テスト協会"
phone = "03-0000-0000"
email = "soudan@example.jp"
hours = "平日 9:00〜17:00"
"##;
    site.write("content/versions/2024-04-01/notice.toml", extra);
    site.write(
        "content/versions/2024-04-01/policy.md",
        "当社は次の方針で個人情報を取り扱います。\n\n1. 法令を守ります。\n   - 教育を行います。\n\n| 項目 | 内容 |\n|---|---|\n| 窓口 | 総務部 |\n\n利用目的は[別表](#beppyo)のとおりです。\n",
    );
    site.build("2025-01-01").success();
    let html = site.read("public/index.html");
    let text = squeeze(&visible_text(&html));
    let expected = [
        "個人情報保護基本方針",
        "法令を守ります",
        "教育を行います",
        "窓口総務部",
        "代表取締役山田太郎",
        "個人情報保護管理者鈴木花子",
        "①第三者に提供すること",
        "⑤求めを受け付ける方法",
        "提供先一覧",
        "保険者氏名生年月日資格確認給付",
        "健診データの共同利用",
        "相手先健康保険組合連合会",
        "項目氏名健診結果",
        "別表利用目的",
        "顧客情報契約の履行お知らせの送付",
        "平日9:00〜17:00",
    ];
    let mut pos = 0;
    for e in expected {
        let i = text[pos..]
            .find(e)
            .unwrap_or_else(|| panic!("{e} not found in order"));
        pos += i + e.len();
    }
    assert!(
        html.contains("<a href=\"#beppyo\">別表</a>"),
        "anchor link kept"
    );
    assert!(
        html.contains("<table>") || html.contains("<table"),
        "GFM table"
    );
    assert!(html.contains("href=\"tel:0300000000\""));
    assert!(html.contains("href=\"mailto:soudan@example.jp\""));
}

#[test]
fn output_is_identical_with_one_thread_or_many() {
    let site = Fixture::example();
    for (threads, out) in [("1", "one"), ("4", "four")] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_kohyo"))
            .args(["build", "--as-of", "2025-01-01", "-q", "--out", out])
            .current_dir(site.path())
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .unwrap();
        assert!(status.success());
    }
    let (one, four) = (
        tree(&site.path().join("one")),
        tree(&site.path().join("four")),
    );
    assert!(!one.is_empty());
    assert!(
        one == four,
        "a build with 4 threads differs from one with 1"
    );
}

#[test]
fn a_template_error_while_rendering_names_the_sites_own_template() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write(
        "themes/default/templates/partials/block.html",
        "{% if block.type == \"purposes\" %}{{ block.no_such_field.deeper }}{% endif %}",
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("themes/default/templates/partials/block.html"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("built-in"), "{}", run.stderr);
    assert!(!site.path().join("public").exists());
}

#[test]
fn organization_fields_are_shown_in_the_order_written_and_a_new_order_is_a_change() {
    let site = Fixture::with_versions(&[]);
    let org = |fields: &str| {
        crate::common::notice("2024-04-01", "順序").replace(
            "[[sections]]\nnumber = \"2.\"",
            &format!("[[sections]]\nnumber = \"0.\"\nheading = \"事業者\"\n\n[[sections.blocks]]\ntype = \"organization\"\n{fields}\n[[sections]]\nnumber = \"2.\""),
        )
    };
    let usual = "name = \"テスト株式会社\"\naddress = \"東京都千代田区千代田1-1\"\nphone = \"03-0000-1111\"\nrepresentative = { title = \"代表取締役\", name = \"山田 太郎\" }\n";
    let written = "representative = { title = \"代表取締役\", name = \"山田 太郎\" }\nphone = \"03-0000-1111\"\nname = \"テスト株式会社\"\naddress = \"東京都千代田区千代田1-1\"\n";
    site.write("content/versions/2024-04-01/notice.toml", &org(usual));
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &org(written).replace("effective = 2024-04-01", "effective = 2025-04-01"),
    );
    site.build("2025-06-01").success();
    let text = squeeze(&visible_text(&site.read("public/index.html")));
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} not in {text}"));
    assert!(at("代表取締役山田太郎") < at("電話03-0000-1111"));
    assert!(at("電話03-0000-1111") < at("名称テスト株式会社"));
    assert!(at("名称テスト株式会社") < at("住所東京都千代田区千代田1-1"));
    // The usual order leaves no trace in notice.json (content hashes of existing versions
    // stay as they were); another order is recorded and is a change of the page.
    let old = site.read("public/versions/2024-04-01/notice.json");
    let new = site.read("public/versions/2025-04-01/notice.json");
    assert!(!old.contains("\"order\""), "{old}");
    assert!(
        squeeze(&new).contains(r#""order":["representative","phone","name","address"]"#),
        "{new}"
    );
    let run = site.kohyo(&["diff", "2024-04-01", "2025-04-01"]);
    assert!(run.stdout.contains("欄の順序"), "{}", run.stdout);
    // `order` written by hand wins, and a wrong key is named.
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &org(&format!("{usual}order = [\"phone\", \"nmae\"]\n"))
            .replace("effective = 2024-04-01", "effective = 2025-04-01"),
    );
    let run = site.kohyo(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("`nmae` is not a field"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_in_a_folder_with_spaces_and_a_japanese_name_builds_and_checks() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("健保 公表サイト (2026)");
    let example = Fixture::example();
    crate::common::copy_dir(example.path(), &root);
    let run = crate::common::kohyo_in(
        outer.path(),
        &[
            "build",
            "--root",
            "健保 公表サイト (2026)",
            "--as-of",
            "2026-06-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join("public/index.html").exists());
    let run = crate::common::kohyo_in(&root, &["verify", "--site", "public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_attachment_is_published_with_its_version_hashed_and_linked() {
    let site = Fixture::with_versions(&[]);
    let text = crate::common::notice("2024-04-01", "初版").replace(
        "第三者提供記録の開示の請求に応じます。",
        "第三者提供記録の開示の請求に応じます。請求には[開示請求書](開示請求書.pdf)をお使いください。",
    );
    site.write("content/versions/2024-04-01/notice.toml", &text);
    let pdf = b"%PDF-1.4\n% a request form\n".to_vec();
    site.write_bytes("content/versions/2024-04-01/開示請求書.pdf", &pdf);
    let run = site.kohyo(&["check", "--as-of", "2024-06-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("開示請求書"), "{}", run.stderr);
    site.build("2024-06-01").success();
    // The file, at the version's permanent address, byte for byte.
    let out = site
        .path()
        .join("public/versions/2024-04-01/開示請求書.pdf");
    assert_eq!(fs::read(&out).unwrap(), pdf);
    // Linked from the current page and from the version's page.
    let home = site.read("public/index.html");
    assert!(
        home.contains(
            "href=\"versions/2024-04-01/%E9%96%8B%E7%A4%BA%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf\""
        ),
        "{home}"
    );
    // Listed with its hash in notice.json, so the content hash covers it.
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/versions/2024-04-01/notice.json")).unwrap();
    assert_eq!(json["attachments"][0]["name"], "開示請求書.pdf");
    assert_eq!(json["attachments"][0]["size"], pdf.len());
    assert!(
        json["attachments"][0]["sha256"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    // Published, the file cannot change silently; the change is named by the diff.
    site.unpublish();
    site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"])
        .success();
    site.write_bytes(
        "content/versions/2024-04-01/開示請求書.pdf",
        b"%PDF-1.4 other",
    );
    let run = site.build("2024-06-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("has changed since it was published"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("添付ファイル › 開示請求書.pdf"),
        "{}",
        run.stderr
    );
    // A tampered copy on the site is caught by verify from the site alone.
    site.write_bytes("content/versions/2024-04-01/開示請求書.pdf", &pdf);
    site.build("2024-06-01").success();
    fs::write(&out, b"%PDF-1.4 forged").unwrap();
    let run = site.kohyo(&["verify", "--site", "public"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("but notice.json lists"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_attachment_not_linked_and_attachments_written_by_hand_are_reported() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write_bytes("content/versions/2024-04-01/form.pdf", b"%PDF-1.4");
    let run = site.kohyo(&["check", "--as-of", "2024-06-01"]);
    assert!(
        run.stderr
            .contains("the attachment `form.pdf` is not linked from the notice"),
        "{}",
        run.stderr
    );
    let text = crate::common::notice("2024-04-01", "初版")
        .replace("title = ", "attachments = []\ntitle = ");
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &text.replace(
            "attachments = []",
            "attachments = [{ name = \"x.pdf\", sha256 = \"sha256:00\", size = 1 }]",
        ),
    );
    let run = site.kohyo(&["check", "--as-of", "2024-06-01"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`attachments` is not written in notice.toml"),
        "{}",
        run.stderr
    );
}

/// A theme checked out by Git for Windows (CRLF line endings, a byte-order mark) gives the
/// same site, byte for byte, as the same theme with LF endings.
#[test]
fn a_theme_checked_out_with_crlf_gives_the_same_site() {
    let root = crate::common::repo_root();
    let css = fs::read_to_string(root.join("themes/default/static/style.css")).unwrap();
    let base = fs::read_to_string(root.join("themes/default/templates/base.html")).unwrap();
    let manifest = |crlf: bool| {
        let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
        let windows = |text: &str| format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let (css, base) = if crlf {
            (windows(&css), windows(&base))
        } else {
            (css.clone(), base.clone())
        };
        site.write("themes/default/static/style.css", &css);
        site.write("themes/default/templates/base.html", &base);
        site.build("2025-01-01").success();
        site.read("public/manifest.json")
    };
    assert_eq!(manifest(true), manifest(false));
}
