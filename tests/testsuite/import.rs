//! `kohyo import`: the seed text, pages kohyo built, a vendor's web page, a Word file with its
//! own list numbering, Shift_JIS text, and `--into` an existing site.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use crate::common::{Fixture, kohyo_as_is, repo_root};

/// The seed notice, imported as pasted, is the example's version 2024-04-01 exactly (the
/// example was structured by hand from the same text).
#[test]
fn the_seed_text_imports_to_the_example_version_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo_root().join("tests/fixtures/seed-notice.txt");
    let run = kohyo_as_is(
        dir.path(),
        &[
            "import",
            seed.to_str().unwrap(),
            "site",
            "--date",
            "2024-04-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let imported = dir.path().join("site/content/versions/2024-04-01");
    let example = repo_root().join("content/versions/2024-04-01");
    let run = kohyo_as_is(
        dir.path(),
        &[
            "diff",
            imported.to_str().unwrap(),
            example.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "the imported version differs:\n{}", run.stdout);
    // The site is made as `kohyo init` makes it, with the business read from the notice.
    let site_toml = fs::read_to_string(dir.path().join("site/site.toml")).unwrap();
    assert!(
        site_toml.contains("name = \"仙台卸商健康保険組合\""),
        "{site_toml}"
    );
    assert!(
        !dir.path().join("site/kohyo.lock").exists(),
        "nothing is published"
    );
}

/// What a page shows of the notice, as structure and text: the article below its header,
/// tags without their attributes (a `<time>` as its date), links as their text.
fn shown(html: &str) -> String {
    let article = html.find("<article").unwrap_or(0);
    let start = html[article..]
        .find("</header>")
        .map_or(article, |i| article + i + "</header>".len());
    let end = html[start..]
        .find("</article>")
        .map_or(html.len(), |i| start + i);
    let body = &html[start..end];
    let mut out = String::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let tag = &rest[open + 1..close - 1];
        let name: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
        if name == "time" {
            let date = tag
                .split("datetime=\"")
                .nth(1)
                .and_then(|d| d.split('"').next());
            out.push_str(&format!("<time {}>", date.unwrap_or("")));
            let end = rest[close..]
                .find("</time>")
                .map_or(rest.len(), |i| close + i);
            rest = &rest[end..];
            continue;
        }
        if !matches!(name.as_str(), "a" | "/a") {
            out.push_str(&format!("<{name}>"));
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds `site` and imports each version page back; each imported version, built, shows the
/// same pieces: text, markers, nesting, table cells.
fn round_trip(site: &Path, as_of: &str) {
    let built = tempfile::tempdir().unwrap();
    let out = built.path().join("public");
    let run = kohyo_as_is(
        site,
        &["build", "--as-of", as_of, "--out", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        let rel = path
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let parts: Vec<&str> = rel.split('/').collect();
        if let [.., "versions", id, "index.html"] = parts[..] {
            pages.push((path.clone(), id.to_owned()));
        }
    }
    assert!(!pages.is_empty());
    for (page, id) in pages {
        let work = tempfile::tempdir().unwrap();
        let run = kohyo_as_is(
            work.path(),
            &["import", page.to_str().unwrap(), "site", "--date", &id],
        );
        assert_eq!(run.code, 0, "{}: {}", page.display(), run.stderr);
        let again = work.path().join("site");
        let run = kohyo_as_is(&again, &["build", "--drafts", "--as-of", &id]);
        assert_eq!(run.code, 0, "{}: {}", page.display(), run.stderr);
        let before = fs::read_to_string(&page).unwrap();
        let after =
            fs::read_to_string(again.join(format!("public/versions/{id}/index.html"))).unwrap();
        assert_eq!(shown(&after), shown(&before), "{}", page.display());
    }
}

#[test]
fn every_version_page_of_the_example_imports_back_to_the_same_pieces() {
    round_trip(&repo_root(), "2026-12-05");
}

#[test]
fn every_version_page_of_the_kitchen_sink_imports_back_to_the_same_pieces() {
    let site = Fixture::empty();
    crate::common::copy_dir(
        &repo_root().join("tests/fixtures/kitchen-sink"),
        site.path(),
    );
    crate::common::publish_all(site.path());
    round_trip(site.path(), "2026-01-01");
}

/// A vendor's page: the site's header, menu and footer around the notice, numbering typed in
/// the headings, a list, a table with merged cells, a contact as a definition list.
#[test]
fn a_vendors_web_page_is_read_without_its_header_menu_and_footer() {
    let page = r#"<!DOCTYPE html><html lang="ja"><head><title>個人情報保護 | 例示健保</title>
<style>body{}</style></head><body>
<header class="site-header"><a href="/">例示健康保険組合</a><nav><ul><li>ホーム</li><li>お知らせ</li></ul></nav></header>
<div id="contents"><h1>個人情報保護法に基づく公表事項</h1>
<h2>1. 個人情報の利用目的</h2>
<p>当組合は、次の目的で個人情報を
取り扱います。</p>
<table><tr><th>個人情報の類型</th><th>利用目的</th></tr>
<tr><td rowspan="2">資格に関する情報</td><td>加入者の管理</td></tr>
<tr><td>保険料の徴収</td></tr></table>
<h2>2. 苦情の申出先</h2>
<dl><dt>名称</dt><dd>例示健康保険組合</dd><dt>電話</dt><dd>03-1234-5678</dd></dl>
<h2>3. 開示等の請求</h2>
<ol><li>開示の請求</li><li>訂正の請求</li></ol>
<table><tr><th>請求</th><th colspan="2">手数料</th></tr>
<tr><td rowspan="2">開示</td><td>窓口</td><td>300円</td></tr>
<tr><td>郵送</td><td>500円</td></tr></table>
<table><thead><tr><th rowspan="2">区分</th><th colspan="2">送付の方法</th></tr>
<tr><th>窓口</th><th>郵送</th></tr></thead>
<tbody><tr><td>訂正</td><td>無料</td><td>送料のみ</td></tr></tbody></table>
</div>
<footer><p>Copyright 例示健康保険組合</p></footer>
<script>track()</script></body></html>"#;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("page.html"), page).unwrap();
    let run = kohyo_as_is(
        dir.path(),
        &["import", "page.html", "site", "--date", "2024-04-01"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let toml = fs::read_to_string(
        dir.path()
            .join("site/content/versions/2024-04-01/notice.toml"),
    )
    .unwrap();
    for expected in [
        "title = \"個人情報保護法に基づく公表事項\"",
        "number = \"1.\"",
        "heading = \"個人情報の利用目的\"",
        "text = \"当組合は、次の目的で個人情報を取り扱います。\"",
        "type = \"purposes\"",
        "purposes = [\"加入者の管理\", \"保険料の徴収\"]",
        "type = \"contact\"",
        "phone = \"03-1234-5678\"",
        "marker = \"decimal\"",
        // Merged cells stay merged: a header over two columns, a label over two rows.
        "columns = [\"請求\", { text = \"手数料\", colspan = 2 }]",
        "[{ text = \"開示\", rowspan = 2 }, \"窓口\", \"300円\"]",
        "[\"郵送\", \"500円\"]",
        // Two header rows: the second is the first of `rows`, under `header_rows = 1`.
        "columns = [{ text = \"区分\", rowspan = 2 }, { text = \"送付の方法\", colspan = 2 }]\nheader_rows = 1\nrows = [[\"窓口\", \"郵送\"], [\"訂正\", \"無料\", \"送料のみ\"]]",
    ] {
        assert!(toml.contains(expected), "{expected}:\n{toml}");
    }
    let check = kohyo_as_is(&dir.path().join("site"), &["check"]);
    assert!(!check.output().contains("rows["), "{}", check.output());
    for chrome in ["ホーム", "お知らせ", "Copyright", "track()"] {
        assert!(!toml.contains(chrome), "{chrome}:\n{toml}");
    }
}

/// A Word file: headings with Word's own numbering, a numbered list, line breaks, and a table
/// with merged cells.
#[test]
fn a_word_file_is_read_with_its_own_numbering_and_tables() {
    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let p = |style: &str, num: Option<(u32, u32)>, text: &str| {
        let style = if style.is_empty() {
            String::new()
        } else {
            format!("<w:pStyle w:val=\"{style}\"/>")
        };
        let num = num.map_or(String::new(), |(id, lvl)| {
            format!("<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>")
        });
        format!("<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    };
    let cell = |text: &str, extra: &str| {
        format!("<w:tc><w:tcPr>{extra}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let body = [
        p("Title", None, "個人情報の取扱いについて"),
        p("Heading1", Some((1, 0)), "個人情報の利用目的"),
        p("", None, "次の目的で利用します。"),
        p("", Some((2, 0)), "加入者の管理"),
        p("", Some((2, 0)), "保険料の徴収"),
        p("Heading1", Some((1, 0)), "安全管理措置"),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("区分", ""),
            cell("内容", ""),
            cell("組織的", "<w:vMerge w:val=\"restart\"/>"),
            cell("責任者を置く", ""),
            cell("", "<w:vMerge/>"),
            cell("規程を定める", ""),
        ),
    ]
    .concat();
    let document =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let numbering = format!(
        "<?xml version=\"1.0\"?><w:numbering {W}>\
         <w:abstractNum w:abstractNumId=\"10\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"20\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"(%1)\"/></w:lvl></w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num></w:numbering>"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = fs::File::create(dir.path().join("notice.docx")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.start_file("word/numbering.xml", options).unwrap();
    zip.write_all(numbering.as_bytes()).unwrap();
    zip.finish().unwrap();
    let run = kohyo_as_is(
        dir.path(),
        &["import", "notice.docx", "site", "--date", "2024-04-01"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let toml = fs::read_to_string(
        dir.path()
            .join("site/content/versions/2024-04-01/notice.toml"),
    )
    .unwrap();
    for expected in [
        "title = \"個人情報の取扱いについて\"",
        "number = \"1.\"\nheading = \"個人情報の利用目的\"",
        "number = \"2.\"\nheading = \"安全管理措置\"",
        "marker = \"paren\"",
        "items = [\"加入者の管理\", \"保険料の徴収\"]",
        "columns = [\"区分\", \"内容\"]",
        // Word's vertical merge is a cell that spans two rows.
        "[{ text = \"組織的\", rowspan = 2 }, \"責任者を置く\"]",
        "[\"規程を定める\"]",
    ] {
        assert!(toml.contains(expected), "{expected}:\n{toml}");
    }
}

/// Text saved as Shift_JIS (Windows' 「テキスト」) reads as the same notice, and `--into` adds
/// it as a draft of an existing site, compared with the version in force.
#[test]
fn shift_jis_text_is_added_into_an_existing_site() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    crate::common::publish_all(site.path());
    let text =
        "個人情報保護法に基づく公表事項\n\n1. 個人情報の利用目的\n\n利用目的は次のとおりです。\n";
    let (bytes, ..) = encoding_rs::SHIFT_JIS.encode(text);
    site.write_bytes("notice.txt", &bytes);
    let run = site.kohyo(&[
        "import",
        "notice.txt",
        "--into",
        ".",
        "--date",
        "2026-01-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = site.read("content/versions/2026-01-01/notice.toml");
    assert!(draft.contains("利用目的は次のとおりです。"), "{draft}");
    let run = site.kohyo(&["diff", "current", "2026-01-01", "--as-of", "2025-01-01"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    // A version folder that exists is never overwritten.
    let run = site.kohyo(&[
        "import",
        "notice.txt",
        "--into",
        ".",
        "--date",
        "2026-01-01",
    ]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
}

/// A vendor's table whose header row is shorter than its rows, with a merged cell: no cell
/// is dropped (the draft then says the rows do not fit the columns).
#[test]
fn a_ragged_table_with_merged_cells_keeps_every_cell() {
    let page = r#"<html><body><main><h1>公表事項</h1><h2>1. 手数料</h2>
<table><tr><th>請求</th></tr>
<tr><td rowspan="2">開示</td><td>窓口で300円</td></tr>
<tr><td>郵送で500円</td></tr></table></main></body></html>"#;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("page.html"), page).unwrap();
    let run = kohyo_as_is(
        dir.path(),
        &["import", "page.html", "site", "--date", "2024-04-01"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let toml = fs::read_to_string(
        dir.path()
            .join("site/content/versions/2024-04-01/notice.toml"),
    )
    .unwrap();
    for text in ["開示", "窓口で300円", "郵送で500円"] {
        assert!(toml.contains(text), "{text}:\n{toml}");
    }
}
