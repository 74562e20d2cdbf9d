//! The last shapes of real notices: tables with merged cells, blocks inside a cell, dates in
//! two-digit 和暦, a letterhead that keeps the representative's title, addresses on several
//! lines, a page title above the document's own — each rendered and diffed.

use std::fs;

use crate::common::{Fixture, notice};

/// A site whose two versions differ by `old` and `new`, appended to a valid notice.
fn two_versions(old: &str, new: &str) -> Fixture {
    let site = Fixture::with_versions(&[]);
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &format!("{}\n{old}", notice("2024-04-01", "初版")),
    );
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &format!("{}\n{new}", notice("2025-04-01", "改定")),
    );
    site
}

/// A site with one version: a valid notice with `extra` appended.
fn one_version(extra: &str) -> Fixture {
    let site = Fixture::with_versions(&[]);
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &format!("{}{extra}", notice("2024-04-01", "初版")),
    );
    site
}

/// The notice.toml that `kohyo import` writes for the page at `page` of a built site.
fn imported_from(page: &std::path::Path) -> String {
    let imported = Fixture::empty();
    let run = crate::common::kohyo_in(imported.path(), &["import", page.to_str().unwrap(), "site"]);
    assert_eq!(run.code, 0, "{}", run.output());
    let dir = fs::read_dir(imported.path().join("site/content/versions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    fs::read_to_string(dir.join("notice.toml")).unwrap()
}

fn page(site: &Fixture, rel: &str) -> String {
    fs::read_to_string(site.path().join("public").join(rel)).unwrap()
}

/// A fee table of a 共済組合: 「手数料」 over two columns, 「開示」 over two rows.
fn fee_table(fee: &str, merged: &str) -> String {
    format!(
        r#"
[[sections]]
number = "5."
heading = "手数料"

[[sections.blocks]]
type = "table"
header_rows = 1
columns = [{{ text = "請求の種類", rowspan = 2 }}, "方法", {{ text = "手数料", colspan = 2 }}]
rows = [
  ["", "窓口", "郵送"],
  [{{ text = "開示", rowspan = 2 }}, "書面", "{fee}", "{fee}（送料別）"],
  ["電磁的記録", "無料", "無料"],
  [{merged}, "無料"],
]
"#
    )
}

#[test]
fn a_table_with_merged_cells_is_rendered_with_its_spans_and_its_changes_are_named() {
    let site = two_versions(
        &fee_table("1枚につき10円", r#"{ text = "利用停止等", colspan = 3 }"#),
        &fee_table(
            "1枚につき20円",
            r#"{ text = "利用停止等", colspan = 2 }, "－""#,
        ),
    );
    site.build("2025-06-01").success();
    let html = page(&site, "versions/2024-04-01/index.html");
    assert!(
        html.contains(r#"<thead><tr><th scope="col" rowspan="2">請求の種類</th><th scope="col">方法</th><th scope="col" colspan="2">手数料</th></tr><tr><td></td><th scope="col">窓口</th><th scope="col">郵送</th></tr></thead>"#),
        "{html}"
    );
    assert!(html.contains(
        r#"<tr><th scope="row" rowspan="2">開示</th><td>書面</td><td>1枚につき10円</td>"#
    ));
    // The row under 「開示」 starts in the second column: it has no header of its own.
    assert!(html.contains("<tr><td>電磁的記録</td><td>無料</td><td>無料</td></tr>"));
    assert!(html.contains(r#"<tr><th scope="row" colspan="3">利用停止等</th><td>無料</td></tr>"#));

    let diff = site.kohyo(&["diff", "2024-04-01", "2025-04-01"]);
    assert_eq!(diff.code, 1, "{}", diff.output());
    // The fee changed in the merged 「開示」 rows, under the header that spans its column.
    assert!(diff.stdout.contains("開示 › 手数料"), "{}", diff.stdout);
    assert!(
        diff.stdout.contains("1枚につき[-1-]{+2+}0円"),
        "{}",
        diff.stdout
    );
    // The merging of the last row changed: said as such.
    assert!(diff.stdout.contains("セルの結合"), "{}", diff.stdout);
    assert!(
        diff.stdout.contains("1番目のセル: 3列×1行"),
        "{}",
        diff.stdout
    );
    let diff_page = page(&site, "versions/2025-04-01/diff/index.html");
    assert!(diff_page.contains("セルの結合"));
}

#[test]
fn cells_that_do_not_fit_the_table_are_errors_at_their_place_in_both_languages() {
    let site = one_version(
        r#"
[[sections]]
heading = "手数料"

[[sections.blocks]]
type = "table"
columns = ["請求", { text = "手数料", colspan = 2 }]
rows = [
  [{ text = "開示", rowspan = 4 }, "窓口", "300円"],
  ["郵送", "500円", "送料別"],
  [{ text = "訂正", colspan = 0 }],
]
"#,
    );
    let run = site.kohyo(&["check"]);
    assert_ne!(run.code, 0);
    let out = run.output();
    assert!(
        out.contains("this cell goes past the table's last column (the table has 3 columns)"),
        "{out}"
    );
    assert!(
        out.contains("this cell spans 4 rows, past the table's last row"),
        "{out}"
    );
    assert!(
        out.contains("colspan is 0; a cell spans from 1 to 100 places"),
        "{out}"
    );
    assert!(out.contains("notice.toml:"), "{out}");
    let ja = site.kohyo(&["--lang", "ja", "check"]);
    let out = ja.output();
    assert!(
        out.contains("このセルは表の最後の列を越えています（表は 3 列です）"),
        "{out}"
    );
    assert!(out.contains("このセルは 4 行にまたがり"), "{out}");
    assert!(!out.contains("past the table"), "{out}");
}

/// A table whose second cell holds a sub-heading and a bulleted list.
fn blocks_in_a_cell(item: &str) -> String {
    format!(
        r#"
[[sections]]
number = "5."
heading = "開示等の請求の方法"

[[sections.blocks]]
type = "table"
columns = ["請求", "方法"]
rows = [
  ["開示", {{ blocks = [
    {{ type = "text", text = "**窓口での請求**" }},
    {{ type = "list", marker = "nakaguro", items = ["本人確認書類", "{item}"] }},
  ] }}],
]
"#
    )
}

#[test]
fn a_cell_holds_blocks_and_a_change_inside_it_is_a_change_of_that_cell() {
    let site = two_versions(&blocks_in_a_cell("請求書"), &blocks_in_a_cell("開示請求書"));
    site.build("2025-06-01").success();
    let html = page(&site, "versions/2024-04-01/index.html");
    let cell = html
        .find("<div class=\"cell-blocks\">")
        .expect("the cell's blocks");
    let cell = &html[cell..];
    assert!(cell.contains("<strong>窓口での請求</strong>"), "{cell}");
    assert!(cell.find("本人確認書類").unwrap() < cell.find("請求書").unwrap());
    assert!(cell.find("</td>").unwrap() > cell.find("請求書").unwrap());

    let diff = site.kohyo(&["diff", "2024-04-01", "2025-04-01"]);
    assert_eq!(diff.code, 1, "{}", diff.output());
    assert!(diff.stdout.contains("開示 › 方法"), "{}", diff.stdout);
    assert!(diff.stdout.contains("・{+開示+}請求書"), "{}", diff.stdout);
}

#[test]
fn a_table_cannot_hold_a_table_in_a_cell() {
    let site = one_version(
        r#"
[[sections]]
heading = "表"

[[sections.blocks]]
type = "table"
columns = ["a", "b"]
rows = [["x", { blocks = [{ type = "table", columns = ["c"], rows = [["d"]] }] }]]
"#,
    );
    let run = site.kohyo(&["check"]);
    assert_ne!(run.code, 0);
    assert!(
        run.output()
            .contains("a table cannot be put inside a table's cell"),
        "{}",
        run.output()
    );
}

#[test]
fn dates_are_written_in_two_digit_wareki_when_the_block_or_the_site_asks() {
    let dates = |style: &str| {
        format!(
            "[[preamble]]\ntype = \"dates\"\n{style}entries = [{{ label = \"制定\", date = 2021-10-07 }}, {{ label = \"改定\", date = 2019-05-01 }}]\n"
        )
    };
    let site = Fixture::with_versions(&[]);
    let with_preamble = |date: &str, summary: &str, style: &str| {
        let n = notice(date, summary);
        let (head, rest) = n.split_at(n.find("[[sections]]").unwrap());
        format!("{head}{}\n{rest}", dates(style))
    };
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &with_preamble("2024-04-01", "初版", ""),
    );
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &with_preamble("2025-04-01", "改定", "date_style = \"wareki-padded\"\n"),
    );
    site.build("2025-06-01").success();
    let current = page(&site, "index.html");
    assert!(current.contains("令和03年10月07日"), "{current}");
    assert!(current.contains("令和01年05月01日"), "{current}");
    // The rest of the page keeps the site's style.
    assert!(current.contains("2025年4月1日"));
    let old = page(&site, "versions/2024-04-01/index.html");
    assert!(old.contains("2021年10月7日"));
    let diff = site.kohyo(&["diff", "2024-04-01", "2025-04-01"]);
    assert!(diff.stdout.contains("日付の書き方"), "{}", diff.stdout);
    assert!(diff.stdout.contains("和暦（2桁）"), "{}", diff.stdout);

    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("date_style = \"seireki-padded\"\n{toml}"),
    );
    site.build("2025-06-01").success();
    let old = page(&site, "versions/2024-04-01/index.html");
    assert!(old.contains("2021年10月07日"), "{old}");
    assert!(old.contains("2024年04月01日"), "{old}");
}

/// A letterhead of a company: its representative with his title, a renamed caption, an
/// address of two lines; and the organization as a table with a caption left out.
const LETTERHEAD: &str = r#"
[[front]]
type = "organization"
layout = "letterhead"
name = "例示商事株式会社"
address = "東京都千代田区千代田1-1\n千代田ビル3階"
phone = "03-1234-5678"
captions = { phone = "TEL" }
representative = { title = "代表取締役社長", name = "山田 太郎" }
officers = [{ title = "個人情報保護管理者", name = "鈴木 花子" }]
"#;

#[test]
fn a_letterhead_keeps_the_representative_s_title_and_an_address_keeps_its_lines() {
    let site = Fixture::with_versions(&[]);
    let n = notice("2024-04-01", "初版");
    let (head, rest) = n.split_at(n.find("[[sections]]").unwrap());
    let table = r#"
[[sections]]
heading = "所在地"

[[sections.blocks]]
type = "organization"
name = "例示商事株式会社"
address = "東京都千代田区千代田1-1\n千代田ビル3階"
captions = { address = "" }
"#;
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &format!("{head}{LETTERHEAD}\n{rest}{table}"),
    );
    site.build("2025-06-01").success();
    let html = page(&site, "index.html");
    let letterhead = &html[html.find("organization letterhead").unwrap()..];
    let letterhead = &letterhead[..letterhead.find("</div>").unwrap()];
    assert!(
        letterhead.contains("<p>例示商事株式会社</p>"),
        "{letterhead}"
    );
    assert!(letterhead.contains("<p>東京都千代田区千代田1-1<br>千代田ビル3階</p>"));
    assert!(letterhead.contains(
        r#"<p><span class="caption">TEL</span> <a href="tel:0312345678">03-1234-5678</a></p>"#
    ));
    assert!(letterhead.contains(
        r#"<p class="person"><span class="caption">代表取締役社長</span> 山田 太郎</p>"#
    ));
    assert!(letterhead.contains(
        r#"<p class="person"><span class="caption">個人情報保護管理者</span> 鈴木 花子</p>"#
    ));
    // A caption renamed to "" shows nothing, and leaves no empty element.
    assert!(html.contains(r#"<dt class="visually-hidden">住所</dt><dd>東京都千代田区千代田1-1<br>千代田ビル3階</dd>"#), "{html}");
    assert!(!html.contains("<dt></dt>"));
    // The contact block keeps the lines of its address too.
    let contact = site
        .read("content/versions/2024-04-01/notice.toml")
        .replace(
            r#"address = "東京都千代田区千代田1-1"
phone"#,
            "address = \"東京都千代田区千代田1-1\\n別館2階\"\nphone",
        );
    site.write("content/versions/2024-04-01/notice.toml", &contact);
    site.build("2025-06-01").success();
    assert!(page(&site, "index.html").contains("東京都千代田区千代田1-1<br>別館2階"));

    // kohyo import reads its own page back: the title, captions and people.
    let toml = imported_from(&site.path().join("public/index.html"));
    assert!(toml.contains("captions = { phone = \"TEL\" }"), "{toml}");
    assert!(toml.contains("title = \"代表取締役社長\""), "{toml}");
    assert!(toml.contains("title = \"個人情報保護管理者\""), "{toml}");
}

#[test]
fn a_page_title_stands_above_the_front_and_the_document_s_own_title() {
    let front = |page_title: &str| {
        format!(
            "page_title = \"{page_title}\"\n\n[[front]]\ntype = \"text\"\ntext = \"【別紙2】\"\n\n[[front]]\ntype = \"text\"\ntext = \"加入者各位\"\n"
        )
    };
    let site = Fixture::with_versions(&[]);
    for (date, summary, title) in [
        ("2024-04-01", "初版", "個人情報の取扱いについて"),
        ("2025-04-01", "改定", "個人情報の取扱い"),
    ] {
        let n = notice(date, summary);
        let (head, rest) = n.split_at(n.find("[[sections]]").unwrap());
        let (top, title_line) = head.split_at(head.find("title = ").unwrap());
        site.write(
            &format!("content/versions/{date}/notice.toml"),
            &format!("{top}{title_line}{}\n{rest}", front(title)),
        );
    }
    site.build("2025-06-01").success();
    let html = page(&site, "versions/2024-04-01/index.html");
    let h1 = html
        .find(r#"<h1 class="page-title">個人情報の取扱いについて</h1>"#)
        .expect("the page title");
    let label = html.find("【別紙2】").unwrap();
    let addressee = html.find("加入者各位").unwrap();
    let title = html
        .find(r#"<p class="document-title" id="notice-title">個人情報保護法に基づく公表事項</p>"#)
        .expect("the document's title");
    assert!(h1 < label && label < addressee && addressee < title);
    assert_eq!(html.matches("<h1").count(), 1, "one h1 on the page");

    let diff = site.kohyo(&["diff", "2024-04-01", "2025-04-01"]);
    assert!(diff.stdout.contains("ページの題名"), "{}", diff.stdout);
    assert!(
        diff.stdout.contains("個人情報の取扱い[-について-]"),
        "{}",
        diff.stdout
    );

    let toml = imported_from(&site.path().join("public/versions/2024-04-01/index.html"));
    assert!(
        toml.contains(
            "title = \"個人情報保護法に基づく公表事項\"\npage_title = \"個人情報の取扱いについて\""
        ),
        "{toml}"
    );
    assert!(
        toml.find("【別紙2】").unwrap() < toml.find("[[sections]]").unwrap(),
        "{toml}"
    );
}

#[test]
fn a_theme_s_table_template_of_the_previous_interface_is_told_what_replaced_its_variables() {
    let site = two_versions(
        &fee_table("1枚につき10円", r#"{ text = "利用停止等", colspan = 3 }"#),
        &fee_table("1枚につき20円", r#"{ text = "利用停止等", colspan = 3 }"#),
    );
    let old = fs::read_to_string(
        crate::common::repo_root()
            .join("tests/fixtures/themes/interface-2/templates/partials/blocks/table.html"),
    )
    .unwrap();
    // Edited by the society: not a copy any more.
    site.write(
        "themes/default/templates/partials/blocks/table.html",
        &old.replace(
            "<div class=\"table-wrap\">",
            "<div class=\"table-wrap ours\">",
        ),
    );
    let run = site.build("2025-06-01");
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stderr.contains("partials/blocks/table.html:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`block.columns`"), "{}", run.stderr);
    assert!(run.stderr.contains("`block.head`"), "{}", run.stderr);
    assert!(!run.stderr.contains("Failed to render"), "{}", run.stderr);
}

#[test]
fn a_mistake_in_a_block_inside_a_cell_is_placed_at_its_field_as_staff_see_it() {
    let site = one_version(
        r#"
[[sections]]
heading = "請求の方法"

[[sections.blocks]]
type = "table"
columns = ["請求", "方法"]
rows = [["開示", { blocks = [
  { type = "text", text = "**窓口**" },
  { type = "list", marker = "◇", items = ["本人確認書類"] },
] }]]
"#,
    );
    let run = site.kohyo(&["--lang", "ja", "check"]);
    assert_eq!(run.code, 1, "{}", run.output());
    let out = run.output();
    assert!(
        out.contains("sections[4].blocks[0].rows[0][1].blocks[1].marker"),
        "{out}"
    );
    assert!(
        out.contains(
            "場所: 2024-04-01版 › 請求の方法 › 表 › 1行目 › 2番目のセル › 箇条書き › 番号の形式"
        ),
        "{out}"
    );
    assert!(out.contains("`nakaguro`"), "{out}");
    // The marker as printed is the named one.
    let toml = site.read("content/versions/2024-04-01/notice.toml");
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &toml.replace("marker = \"◇\"", "marker = \"・\""),
    );
    let run = site.kohyo(&["check"]);
    assert_eq!(run.code, 0, "{}", run.output());
}

#[test]
fn a_text_block_inside_a_cell_may_be_a_markdown_file() {
    let site = one_version(
        r#"
[[sections]]
heading = "請求の方法"

[[sections.blocks]]
type = "table"
columns = ["請求", "方法"]
rows = [["開示", { blocks = [{ type = "text", file = "window.md" }] }]]
"#,
    );
    site.write(
        "content/versions/2024-04-01/window.md",
        "**窓口での請求**\n\n本人確認書類をお持ちください。\n",
    );
    let check = site.kohyo(&["check"]);
    assert!(!check.output().contains("not used"), "{}", check.output());
    site.build("2025-06-01").success();
    let html = page(&site, "index.html");
    let cell = &html[html
        .find("<div class=\"cell-blocks\">")
        .expect("the cell's blocks")..];
    assert!(cell.contains("<strong>窓口での請求</strong>"), "{cell}");
    assert!(cell.find("本人確認書類").unwrap() < cell.find("</td>").unwrap());
}

#[test]
fn a_table_of_hostile_size_is_refused_not_drawn() {
    let columns = vec![r#"{ text = "x", colspan = 100 }"#; 5000].join(", ");
    let rows = vec![r#"[{ text = "y", colspan = 100 }]"#; 20].join(", ");
    let site = one_version(&format!(
        "\n[[sections]]\nheading = \"表\"\n\n[[sections.blocks]]\ntype = \"table\"\ncolumns = [{columns}]\nrows = [{rows}]\n"
    ));
    let run = site.kohyo(&["check"]);
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.output().contains("the table has 500000 columns and 21 rows: more places than kohyo draws in one table (4000000)"),
        "{}",
        run.output()
    );
}

#[test]
fn a_contact_block_inside_a_table_cell_states_the_complaint_contact() {
    let site = Fixture::with_versions(&[]);
    let n = notice("2024-04-01", "初版").replace(
        r#"[[sections.blocks]]
type = "contact"
name = "例示健康保険組合"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
phone = "03-1234-5678"
"#,
        r#"[[sections.blocks]]
type = "table"
columns = ["窓口", "連絡先"]
rows = [["苦情", { blocks = [{ type = "contact", name = "例示健康保険組合", postal_code = "100-0001", address = "東京都千代田区千代田1-1", phone = "03-1234-5678" }] }]]
"#,
    );
    assert!(n.contains("type = \"table\""), "the fixture changed");
    site.write("content/versions/2024-04-01/notice.toml", &n);
    let run = site.kohyo(&["check"]);
    assert_eq!(run.code, 0, "{}", run.output());
    site.build("2025-06-01").success();
    assert!(page(&site, "index.html").contains("<address class=\"contact contact-complaints\">"));
}
