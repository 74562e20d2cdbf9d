//! Bad input: every problem is reported with file, line, column and field, all in one run.

use crate::common::{Fixture, notice};

/// The one-line form of every problem found when loading the site.
fn problems(site: &Fixture) -> Vec<String> {
    match kohyo::content::load_site(site.path()) {
        Ok(_) => panic!("the site loaded without errors"),
        Err(d) => d.0.iter().map(|d| d.headline()).collect(),
    }
}

fn with_notice(text: &str) -> Fixture {
    let site = Fixture::with_versions(&[]);
    site.write("content/versions/2024-04-01/notice.toml", text);
    site
}

const V: &str = "content/versions/2024-04-01/notice.toml";

#[test]
fn malformed_toml_is_located() {
    let site = with_notice("effective = 2024-04-01\nsummary = \"閉じていない\ntitle = \"t\"\n");
    assert_eq!(
        problems(&site),
        [format!(
            "{V}:2:18: the file is not valid TOML: the quotes of a text are not closed on this line (invalid basic string, expected `\"`)"
        )]
    );
}

#[test]
fn a_wrong_type_names_the_field_and_what_was_expected() {
    let site = with_notice(&notice("2024-04-01", "s").replace(
        "purposes = [\"加入者の管理\", \"保険料の徴収\"]",
        "purposes = \"加入者の管理、保険料の徴収\"",
    ));
    assert_eq!(
        problems(&site),
        [format!(
            "{V}:15:12: sections[0].blocks[0].rows[0].purposes: expected a list [ … ], found a text \"加入者の管理、保険料の徴収\""
        )]
    );
}

#[test]
fn a_missing_required_field_is_named() {
    let site = with_notice(&notice("2024-04-01", "s").replace("summary = \"s\"\n", ""));
    assert_eq!(
        problems(&site),
        [format!("{V}:1:1: required field `summary` is missing")]
    );
}

#[test]
fn an_unknown_field_is_a_typo_pointed_at() {
    let site = with_notice(&notice("2024-04-01", "s").replace("postal_code =", "postcode ="));
    let p = problems(&site);
    assert_eq!(
        p,
        [format!(
            "{V}:24:1: sections[1].blocks[0].postcode: unknown field `postcode`"
        )]
    );
}

#[test]
fn unknown_keys_in_site_toml_are_errors() {
    let site = Fixture::with_versions(&[("2024-04-01", "s")]);
    site.write(
        "site.toml",
        &crate::common::SITE_TOML.replace("base_url", "baseurl"),
    );
    assert_eq!(
        problems(&site),
        ["site.toml:2:1: baseurl: unknown field `baseurl`"]
    );
}

#[test]
fn bad_version_ids_are_refused() {
    let site = Fixture::with_versions(&[("2024-04-01", "s")]);
    for bad in ["2024-4-1", "latest", "2024-02-30", "2024-04-01.1"] {
        site.write(
            &format!("content/versions/{bad}/notice.toml"),
            &notice("2024-04-01", "s"),
        );
    }
    let p = problems(&site);
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(
        p[0].starts_with("content/versions/2024-02-30: `2024-02-30` is not a real calendar date"),
        "{p:#?}"
    );
    assert!(
        p[1].starts_with("content/versions/2024-04-01.1: `2024-04-01.1` is not a valid version id"),
        "{p:#?}"
    );
    assert!(
        p[2].starts_with(
            "content/versions/2024-4-1: `2024-4-1` is not a date of the form YYYY-MM-DD"
        ),
        "{p:#?}"
    );
    assert!(
        p[3].starts_with("content/versions/latest: `latest` is not a date"),
        "{p:#?}"
    );
}

#[test]
fn the_effective_date_must_match_the_folder() {
    let site = with_notice(&notice("2024-05-01", "s"));
    assert_eq!(
        problems(&site),
        [format!(
            "{V}:1:13: effective: the effective date 2024-05-01 does not match the folder name 2024-04-01"
        )]
    );
}

#[test]
fn a_markdown_file_that_is_not_utf8_is_located() {
    let site = with_notice(&notice("2024-04-01", "s").replace(
        "[[sections]]\nnumber = \"2.\"",
        "[[sections.blocks]]\ntype = \"text\"\nfile = \"policy.md\"\n\n[[sections]]\nnumber = \"2.\"",
    ));
    // "方針" in Shift_JIS on the second line.
    site.write_bytes(
        "content/versions/2024-04-01/policy.md",
        b"# ok\n\x95\xfb\x90\x6a\n",
    );
    assert_eq!(
        problems(&site),
        [
            "content/versions/2024-04-01/policy.md:2:1: the file is not UTF-8 text (it may have been saved as Shift_JIS)"
        ]
    );
}

#[test]
fn a_missing_markdown_file_points_at_its_name() {
    let site = with_notice(&notice("2024-04-01", "s").replace(
        "[[sections]]\nnumber = \"2.\"",
        "[[sections.blocks]]\ntype = \"text\"\nfile = \"policy.md\"\n\n[[sections]]\nnumber = \"2.\"",
    ));
    assert_eq!(
        problems(&site),
        [format!(
            "{V}:19:8: sections[0].blocks[1].file: `policy.md`: file not found"
        )]
    );
}

#[test]
fn a_markdown_file_name_cannot_leave_the_version_folder() {
    let site = with_notice(&notice("2024-04-01", "s").replace(
        "[[sections]]\nnumber = \"2.\"",
        "[[sections.blocks]]\ntype = \"text\"\nfile = \"../../../site.toml\"\n\n[[sections]]\nnumber = \"2.\"",
    ));
    let p = problems(&site);
    assert!(p[0].contains("sections[0].blocks[1].file: `../../../site.toml` is not a Markdown file name in this version's folder"), "{p:#?}");
}

#[test]
fn duplicate_categories_and_empty_purpose_lists_are_errors() {
    let site = with_notice(&notice("2024-04-01", "s").replace(
        "purposes = [\"加入者の管理\", \"保険料の徴収\"]",
        "purposes = [\"加入者の管理\", \"保険料の徴収\"]\n\n[[sections.blocks.rows]]\ncategory = \"資格に関する情報\"\npurposes = []",
    ));
    assert_eq!(
        problems(&site),
        [
            format!(
                "{V}:18:12: sections[0].blocks[0].rows[1].category: category `資格に関する情報` appears twice in this table (also rows[0])"
            ),
            format!(
                "{V}:19:12: sections[0].blocks[0].rows[1].purposes: this category has no purposes"
            ),
        ]
    );
}

#[test]
fn unsafe_links_and_raw_html_are_refused_with_their_position() {
    let site = with_notice(&notice("2024-04-01", "s").replace(
        "[[sections]]\nnumber = \"2.\"",
        "[[sections.blocks]]\ntype = \"text\"\ntext = \"詳しくは[こちら](javascript:alert(1))と<b>太字</b>\"\n\n[[sections]]\nnumber = \"2.\"",
    ));
    assert_eq!(
        problems(&site),
        [
            format!(
                "{V}:19:13: sections[0].blocks[1].text: links with `javascript:` are not allowed; use http(s), mailto or tel"
            ),
            format!("{V}:19:40: sections[0].blocks[1].text: raw HTML is not allowed: `<b>`"),
            format!("{V}:19:45: sections[0].blocks[1].text: raw HTML is not allowed: `</b>`"),
        ]
    );
}

#[test]
fn all_problems_of_all_files_are_reported_in_one_run() {
    let site = Fixture::with_versions(&[]);
    site.write(
        "content/versions/2023-04-01/notice.toml",
        &notice("2023-04-01", "").replace("title = ", "titel = "),
    );
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &notice("2024-04-02", ""),
    );
    site.write("content/versions/2025-04-01/notice.toml", "effective = ");
    let p = problems(&site);
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(p[0].starts_with("content/versions/2023-04-01/notice.toml:3:1: titel: unknown field"));
    assert!(p[1].contains("2024-04-01/notice.toml:1:13: effective: the effective date 2024-04-02"));
    assert!(p[2].contains("2024-04-01/notice.toml:2:11: summary: this field is empty"));
    assert!(p[3].starts_with("content/versions/2025-04-01/notice.toml:1:"));
}

#[test]
fn the_cli_shows_the_source_line_and_exits_1() {
    let site = with_notice(&notice("2024-04-01", "s").replace("postal_code =", "postcode ="));
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: sections[1].blocks[0].postcode: unknown field `postcode`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("--> {V}:24:1")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("postcode = \"100-0001\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: the fields allowed here are"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_directory_without_site_toml_is_explained() {
    let site = Fixture::empty();
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("this folder is not a kohyo site: it has no site.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_larger_than_the_limit_is_refused_without_reading_it() {
    let site = Fixture::with_versions(&[]);
    let big = format!(
        "{}\n# {}\n",
        notice("2024-04-01", "s"),
        "あ".repeat(7_000_000)
    );
    site.write("content/versions/2024-04-01/notice.toml", &big);
    let p = problems(&site);
    assert_eq!(p.len(), 1);
    assert!(p[0].contains("content files may be at most 4 MB"), "{p:?}");
}

#[test]
fn usage_errors_exit_2() {
    let site = Fixture::with_versions(&[("2024-04-01", "s")]);
    let run = site.kohyo(&["build", "--as-of", "2024-13-01"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("not a date") || run.stderr.contains("not a real calendar date"),
        "{}",
        run.stderr
    );
}

/// The mistakes a Japanese keyboard makes, each with its own message and the exact fix.
#[test]
fn japanese_input_mistakes_are_explained_with_the_exact_fix() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let path = "content/versions/2024-04-01/notice.toml";
    let good = site.read(path);
    // Four mistakes in one file, all reported in one run.
    let bad = good
        .replace("summary = \"初版\"", "summary　text = \"初版\"")
        .replace(
            "title = \"個人情報保護法に基づく公表事項\"",
            "title ＝ \"個人情報保護法に基づく公表事項\"",
        )
        .replace("heading = \"苦情の申出先\"", "heading = ”苦情の申出先”")
        .replace("phone = \"03-1234-5678\"", "phone = 0312345678");
    site.write(path, &bad);
    let run = kohyo_lang(&site, "ja", &["build", "--as-of", "2025-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "キーの中に全角スペースがあります",
        "全角の「＝」が使われています",
        "`title = \"個人情報保護法に基づく公表事項\"`",
        "全角の引用符（”）が使われています",
        "`heading = \"苦情の申出先\"`",
        "`phone = \"03-1234-5678\"`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("問題が4件あります"), "{}", run.stderr);
    // Dates written the Japanese way, converted.
    for (written, iso) in [
        ("2024/04/01", "2024-04-01"),
        ("\"令和6年4月1日\"", "2024-04-01"),
    ] {
        site.write(
            path,
            &good.replace("effective = 2024-04-01", &format!("effective = {written}")),
        );
        let run = kohyo_lang(&site, "ja", &["build", "--as-of", "2025-01-01"]);
        assert!(
            run.stderr.contains(&format!("`effective = {iso}`")),
            "{written}:\n{}",
            run.stderr
        );
    }
    // A postal code without quotes or hyphen: the same number, with its hyphen.
    site.write(
        path,
        &good.replace("postal_code = \"100-0001\"", "postal_code = 1000001"),
    );
    let run = kohyo_lang(&site, "ja", &["build", "--as-of", "2025-01-01"]);
    assert!(
        run.stderr.contains("`postal_code = \"100-0001\"`"),
        "{}",
        run.stderr
    );
    // A full-width ＠ in an e-mail address.
    site.write(
        path,
        &good.replace("phone = \"03-1234-5678\"", "email = \"soudan＠example.jp\""),
    );
    let run = kohyo_lang(&site, "ja", &["build", "--as-of", "2025-01-01"]);
    assert!(run.stderr.contains("全角の「＠」"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`email = \"soudan@example.jp\"`"),
        "{}",
        run.stderr
    );
    // <br>: how to break a line.
    site.write(path, &good.replace("保険料の徴収", "保険料の<br>徴収"));
    let run = kohyo_lang(&site, "ja", &["build", "--as-of", "2025-01-01"]);
    assert!(
        run.stderr.contains("改行に <br> は使えません"),
        "{}",
        run.stderr
    );
    // Full-width digits and a postal code without its hyphen, offered half-width.
    site.write(
        path,
        &good
            .replace("postal_code = \"100-0001\"", "postal_code = \"1000001\"")
            .replace(
                "phone = \"03-1234-5678\"",
                "phone = \"０３－１２３４－５６７８\"",
            ),
    );
    let run = kohyo_lang(&site, "ja", &["check", "--as-of", "2025-01-01"]);
    assert!(
        run.stderr
            .contains("`1000001` → `100-0001` と書いてください"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`03-1234-5678` と表示します"),
        "{}",
        run.stderr
    );
}

/// Runs kohyo in `site` with the language environment `lang` (as on a Japanese PC).
fn kohyo_lang(site: &Fixture, lang: &str, args: &[&str]) -> crate::common::Run {
    crate::common::publish_for_the_test(site.path(), args);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kohyo"))
        .args(args)
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .env("KOHYO_LANG", lang)
        .output()
        .unwrap();
    crate::common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn messages_are_japanese_on_a_japanese_system_and_english_on_request() {
    let site = with_notice(&notice("2024-04-01", "初版").replace(
        "heading = \"苦情の申出先\"",
        "heading = \"苦情の申出先\"\nheadng = \"x\"",
    ));
    let run = kohyo_lang(&site, "ja_JP.UTF-8", &["build", "--as-of", "2025-01-01"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("エラー: sections[1].headng: `headng` というキーはここでは使えません"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("直し方: ここで使えるキーは `id`, `number`, `heading`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("エラー: 問題が1件あります。何も書き込んでいません"),
        "{}",
        run.stderr
    );
    // --lang wins over the environment.
    let run = kohyo_lang(
        &site,
        "ja",
        &["--lang", "en", "build", "--as-of", "2025-01-01"],
    );
    assert!(
        run.stderr.contains("unknown field `headng`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: 1 problem found; nothing was written"),
        "{}",
        run.stderr
    );
    // The rules of `check` speak Japanese too, with the article.
    let site = with_notice(
        &notice("2024-04-01", "初版")
            .replace("type = \"contact\"", "type = \"contact\"\nrole = \"other\"")
            .replace("heading = \"苦情の申出先\"", "heading = \"連絡先\""),
    );
    let run = kohyo_lang(&site, "ja", &["check", "--as-of", "2025-01-01"]);
    assert!(
        run.stderr.contains("appi/complaints-missing"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("苦情"), "{}", run.stderr);
    assert!(run.stderr.contains("エラー 1件"), "{}", run.stderr);
}

#[test]
fn every_mistake_of_shape_in_a_file_is_reported_in_one_run() {
    // Six mistakes that serde alone would report one per run: a misspelt key, a wrong type in
    // a table row, an unknown key in a block, an unknown block type, a block without `type`,
    // a missing key of a nested section's block, and a wrong type in the preamble.
    let text = notice("2024-04-01", "s")
        .replace("title = ", "titel = ")
        .replace(
            "purposes = [\"加入者の管理\", \"保険料の徴収\"]",
            "purposes = \"加入者の管理\"",
        )
        .replace("postal_code =", "postcode =")
        .replace("type = \"text\"", "type = \"txt\"")
        + r#"
[[preamble]]
type = "dates"
entries = "制定 2013-04-01"

[[sections]]
number = "4."
heading = "その他"

[[sections.blocks]]
text = "型がありません"

[[sections.sections]]
number = "(1)"
heading = "小見出し"

[[sections.sections.blocks]]
type = "contact"
phone = "03-0000-0000"
"#;
    let site = with_notice(&text);
    let p = problems(&site);
    let expect = [
        "sections[0].blocks[0].rows[0].purposes: expected a list",
        "sections[1].blocks[0].postcode: unknown field `postcode`",
        "sections[2].blocks[0].type: `txt` is not one of the allowed values",
        "preamble[0].entries: expected a list",
        "sections[4].blocks[0]: this block has no `type`",
        "sections[4].sections[0].blocks[0]: required field `name` is missing",
        "titel: unknown field `titel`",
    ];
    for e in expect {
        assert!(p.iter().any(|l| l.contains(e)), "{e} not in {p:#?}");
    }
    assert_eq!(p.len(), expect.len(), "{p:#?}");
    // The misspelt key is read as the key meant: not also reported missing.
    assert!(
        !p.iter().any(|l| l.contains("`title` is missing")),
        "{p:#?}"
    );
    // The same in the CLI, with the suggestion.
    let run = site.kohyo(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("did you mean `title`?"),
        "{}",
        run.stderr
    );
}

/// Whether a line of output is Japanese (has kana): names, paths and TOML written as it is
/// may stay as they are, but no sentence is left in English.
fn is_japanese(line: &str) -> bool {
    line.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}'))
}

#[test]
fn on_a_japanese_system_every_message_and_fix_of_many_mistakes_is_japanese() {
    let broken = notice("2024-04-01", "一行目\\n二行目")
        .replace("id = \"purposes\"", "id = \"Purposes 1\"")
        .replace("category = \"資格に関する情報\"\npurposes = [\"加入者の管理\", \"保険料の徴収\"]",
            "category = \"資格に関する情報\"\npurposes = [\"加入者の管理\", \"加入者の管理\"]\n\n[[sections.blocks.rows]]\ncategory = \"資格に関する情報\"\npurposes = []")
        .replace("postal_code = \"100-0001\"\naddress = \"東京都千代田区千代田1-1\"\nphone = \"03-1234-5678\"", "")
        + r#"
[[preamble]]
type = "dates"
entries = []
format = "{label}"

[[sections]]
number = "9."
heading = "その他"

[[sections.blocks]]
type = "text"
text = "<b>太字</b> [リンク](javascript:alert(1)) ![画像](https://example.jp/a.png)"

[[sections.blocks]]
type = "list"
marker = "bullet"
start = 0
items = []

[[sections.blocks]]
type = "table"
columns = ["", ""]
rows = [["a"]]

[[sections.blocks]]
type = "contact"
name = "窓口"
email = "soudan.example.jp"
url = "ftp://example.jp"

[[sections.blocks]]
type = "organization"
name = "組合"
order = ["phone", "phone", "shimei"]
captions = { bogus = "x" }
"#;
    let site = with_notice(&broken);
    site.write("content/versions/2024-04-01/unused.md", "使っていない");
    site.write(
        "site.toml",
        &crate::common::SITE_TOML
            .replace("base_url = \"", "base_url = \"ftp:")
            .replace("[organization]", "theme = \"bad theme\"\n\n[organization]"),
    );
    let run = kohyo_lang(&site, "ja_JP.UTF-8", &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("エラー") || l.starts_with("警告") || l.contains("= 直し方"))
        .collect();
    assert!(lines.len() >= 20, "{}", run.stderr);
    let english: Vec<&&str> = lines.iter().filter(|l| !is_japanese(l)).collect();
    assert!(
        english.is_empty(),
        "not in Japanese: {english:#?}\n{}",
        run.stderr
    );
}

#[test]
fn help_is_japanese_on_a_japanese_system() {
    let site = Fixture::with_versions(&[]);
    for args in [&["--help"][..], &["build", "--help"], &["publish", "-h"]] {
        let run = kohyo_lang(&site, "ja_JP.UTF-8", args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("使い方: kohyo"), "{}", run.stdout);
        assert!(run.stdout.contains("オプション:"), "{}", run.stdout);
        for english in [
            "Usage:",
            "Options:",
            "Print help",
            "[default:",
            "Possible values",
        ] {
            assert!(!run.stdout.contains(english), "{english}: {}", run.stdout);
        }
    }
    // `kohyo help build`, as staff type it, gives the same Japanese help.
    let run = kohyo_lang(&site, "ja_JP.UTF-8", &["help", "build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("使い方: kohyo build"), "{}", run.stdout);
    let run = kohyo_lang(&site, "ja_JP.UTF-8", &["--lang", "en", "--help"]);
    assert!(run.stdout.contains("Usage: kohyo"), "{}", run.stdout);
}

#[test]
fn a_refused_output_folder_is_explained_in_japanese() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write("public/keep.txt", "大事なファイル");
    let run = kohyo_lang(&site, "ja_JP.UTF-8", &["build", "--as-of", "2025-01-01"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("kohyo が作ったものではありません"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(site.read("public/keep.txt"), "大事なファイル");
}
