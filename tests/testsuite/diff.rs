//! Diffs between versions: the exact list of changes for each kind of edit, in JSON, in the
//! terminal, and on the site; and the properties every diff keeps.

use crate::common::Fixture;
use kohyo::diff::{diff, rebuild};
use kohyo::model::Notice;
use proptest::prelude::*;

const BASE: &str = r#"effective = 2024-04-01
summary = "初版"
title = "個人情報保護法に基づく公表事項"

[[sections]]
id = "purposes"
number = "1."
heading = "個人情報の利用目的"

[[sections.blocks]]
type = "purposes"

[[sections.blocks.rows]]
category = "資格に関する情報"
purposes = ["加入者の管理", "保険料の徴収", "各種証の発行管理"]

[[sections.blocks.rows]]
category = "健康診査に関する情報"
purposes = ["未受診者への受診勧奨", "保健指導対象者の特定"]

[[sections]]
id = "measures"
number = "2."
heading = "安全管理措置の内容"

[[sections.blocks]]
type = "measures"

[[sections.blocks.rows]]
category = "組織的安全管理措置"
text = "個人情報取扱責任者を設置しています。"

[[sections.blocks.rows]]
category = "人的安全管理措置"
text = "職員に定期的な研修を実施しています。"

[[sections]]
id = "complaints"
number = "3."
heading = "苦情の申出先"

[[sections.blocks]]
type = "contact"
name = "例示健康保険組合"
address = "東京都千代田区千代田1-1"
phone = "03-1234-5678"
"#;

/// (location, target, kind, old, new) of every change except the effective date.
fn changes_json(old: &str, new: &str) -> Vec<(String, String, String, String, String)> {
    let site = Fixture::with_versions(&[]);
    site.write("content/versions/2024-04-01/notice.toml", old);
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &new.replace("effective = 2024-04-01", "effective = 2025-04-01"),
    );
    let run = site.kohyo(&["diff", "2024-04-01", "2025-04-01", "--format", "json"]);
    assert_eq!(run.code, 1, "differences exit 1: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["format"], "kohyo-diff/1");
    assert_eq!(json["from"], "2024-04-01");
    assert_eq!(json["to"], "2025-04-01");
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_owned();
    json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["target"] != "effective")
        .map(|c| {
            let path: Vec<String> = c["path"].as_array().unwrap().iter().map(s).collect();
            (
                path.join(" › "),
                s(&c["target"]),
                s(&c["kind"]),
                s(&c["old"]),
                s(&c["new"]),
            )
        })
        .collect()
}

/// The site's diff page for the second version.
fn diff_page(old: &str, new: &str) -> String {
    let site = Fixture::with_versions(&[]);
    site.write("content/versions/2024-04-01/notice.toml", old);
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &new.replace("effective = 2024-04-01", "effective = 2025-04-01"),
    );
    site.build("2025-05-01").success();
    site.read("public/versions/2025-04-01/diff/index.html")
}

fn c(
    loc: &str,
    target: &str,
    kind: &str,
    old: &str,
    new: &str,
) -> (String, String, String, String, String) {
    (
        loc.into(),
        target.into(),
        kind.into(),
        old.into(),
        new.into(),
    )
}

const ROW: &str = "1. 個人情報の利用目的 › 利用目的の表 › 資格に関する情報";

#[test]
fn a_purpose_added_to_a_row() {
    let new = BASE.replace(
        "\"保険料の徴収\", ",
        "\"保険料の徴収\", \"オンライン資格確認システムへの連携\", ",
    );
    assert_eq!(
        changes_json(BASE, &new),
        [c(
            &format!("{ROW} › 3番目"),
            "purpose",
            "added",
            "",
            "オンライン資格確認システムへの連携"
        )]
    );
    let html = diff_page(BASE, &new);
    assert!(
        html.contains(
            "<ins><span class=\"visually-hidden\">［追加：</span>オンライン資格確認システムへの連携"
        ),
        "{html}"
    );
}

#[test]
fn a_purpose_removed_from_a_row() {
    let new = BASE.replace("\"保険料の徴収\", ", "");
    assert_eq!(
        changes_json(BASE, &new),
        [c(
            &format!("{ROW} › 2番目"),
            "purpose",
            "removed",
            "保険料の徴収",
            ""
        )]
    );
    assert!(diff_page(BASE, &new).contains("［削除：</span>保険料の徴収"));
}

#[test]
fn a_purpose_reworded_by_a_few_characters() {
    let new = BASE.replace("各種証の発行管理", "各種証の発行及び管理");
    assert_eq!(
        changes_json(BASE, &new),
        [c(
            &format!("{ROW} › 3番目"),
            "purpose",
            "modified",
            "各種証の発行管理",
            "各種証の発行及び管理"
        )]
    );
    let html = diff_page(BASE, &new);
    assert!(html.contains("各種証の発行<ins><span class=\"visually-hidden\">［追加：</span>及び<span class=\"visually-hidden\">］</span></ins>管理"), "{html}");
}

#[test]
fn a_row_added() {
    let new = BASE.replace(
        "[[sections]]\nid = \"measures\"",
        "[[sections.blocks.rows]]\ncategory = \"保健指導に関する情報\"\npurposes = [\"保健指導の利用勧奨\", \"実績報告\"]\n\n[[sections]]\nid = \"measures\"",
    );
    assert_eq!(
        changes_json(BASE, &new),
        [c(
            "1. 個人情報の利用目的 › 利用目的の表 › 保健指導に関する情報",
            "purpose_row",
            "added",
            "",
            "保健指導の利用勧奨、実績報告"
        )]
    );
}

#[test]
fn a_row_renamed_is_a_rename_not_a_removal_and_an_addition() {
    let new = BASE.replace("健康診査に関する情報", "健康診査及び特定健診に関する情報");
    assert_eq!(
        changes_json(BASE, &new),
        [c(
            "1. 個人情報の利用目的 › 利用目的の表 › 健康診査及び特定健診に関する情報",
            "purpose_row",
            "renamed",
            "健康診査に関する情報",
            "健康診査及び特定健診に関する情報"
        )]
    );
}

#[test]
fn a_row_moved() {
    let a = "[[sections.blocks.rows]]\ncategory = \"資格に関する情報\"\npurposes = [\"加入者の管理\", \"保険料の徴収\", \"各種証の発行管理\"]\n\n";
    let b = "[[sections.blocks.rows]]\ncategory = \"健康診査に関する情報\"\npurposes = [\"未受診者への受診勧奨\", \"保健指導対象者の特定\"]\n\n";
    let new = BASE.replace(&format!("{a}{b}"), &format!("{b}{a}"));
    assert_ne!(new, BASE);
    let got = changes_json(BASE, &new);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, "moved");
}

#[test]
fn a_safety_measure_reworded() {
    let new = BASE.replace(
        "職員に定期的な研修を実施しています。",
        "職員に定期的な研修を実施し、その効果を検証しています。",
    );
    assert_eq!(
        changes_json(BASE, &new),
        [c(
            "2. 安全管理措置の内容 › 安全管理措置の表 › 人的安全管理措置",
            "text",
            "modified",
            "職員に定期的な研修を実施しています。",
            "職員に定期的な研修を実施し、その効果を検証しています。"
        )]
    );
    let html = diff_page(BASE, &new);
    assert!(html.contains("実施し<ins><span class=\"visually-hidden\">［追加：</span>、その効果を検証し<span class=\"visually-hidden\">］</span></ins>ています。"), "{html}");
}

#[test]
fn a_phone_number_changed() {
    let new = BASE.replace("03-1234-5678", "03-1234-9999");
    assert_eq!(
        changes_json(BASE, &new),
        [c(
            "3. 苦情の申出先 › 苦情の申出先 › 電話",
            "field",
            "modified",
            "03-1234-5678",
            "03-1234-9999"
        )]
    );
    // A phone number reads best replaced whole, not one digit struck out.
    let page = diff_page(BASE, &new);
    assert!(!page.contains("03-1234-<del>"), "{page}");
    assert!(page.contains("［削除：</span>03-1234-5678<"), "{page}");
    assert!(page.contains("［追加：</span>03-1234-9999<"), "{page}");
}

#[test]
fn a_new_free_section() {
    let new = format!(
        "{BASE}\n[[sections]]\nnumber = \"4.\"\nheading = \"共同利用\"\n\n[[sections.blocks]]\ntype = \"text\"\ntext = \"健診結果を共同利用します。\"\n"
    );
    assert_eq!(
        changes_json(BASE, &new),
        [c(
            "4. 共同利用",
            "section",
            "added",
            "",
            "4. 共同利用\n健診結果を共同利用します。"
        )]
    );
}

#[test]
fn identical_versions_exit_0_and_say_so() {
    let site = Fixture::with_versions(&[]);
    site.write("content/versions/2024-04-01/notice.toml", BASE);
    let run = site.kohyo(&["diff", "2024-04-01", "content/versions/2024-04-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("変更はありません"), "{}", run.stdout);
}

#[test]
fn the_text_form_marks_changes_without_colour_when_not_a_terminal() {
    let site = Fixture::with_versions(&[]);
    site.write("content/versions/2024-04-01/notice.toml", BASE);
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &BASE
            .replace("effective = 2024-04-01", "effective = 2025-04-01")
            .replace("各種証の発行管理", "各種証の発行及び管理"),
    );
    let run = site.kohyo(&["diff", "previous", "current", "--as-of", "2025-04-01"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("変更 1. 個人情報の利用目的 › 利用目的の表 › 資格に関する情報 › 3番目（利用目的）\n    各種証の発行{+及び+}管理"), "{}", run.stdout);
    assert!(!run.stdout.contains('\x1b'));
    let md = site.kohyo(&["diff", "2024-04-01", "2025-04-01", "--format", "markdown"]);
    assert!(
        md.stdout.contains("各種証の発行〔追加：及び〕管理"),
        "{}",
        md.stdout
    );
    // Memo-ready: no HTML tag survives into Word or an e-mail.
    assert!(!md.stdout.contains('<'), "{}", md.stdout);
    let html = site.kohyo(&["diff", "2024-04-01", "2025-04-01", "--format", "html"]);
    assert!(html.stdout.starts_with("<!DOCTYPE html>"));
    assert!(html.stdout.contains("<style>"));
}

#[test]
fn unknown_ids_and_bad_content_exit_2() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let run = site.kohyo(&["diff", "2024-04-01", "2030-01-01"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("there is no version `2030-01-01`; the versions are: 2024-04-01"),
        "{}",
        run.stderr
    );
    let run = site.kohyo(&["diff", "2024-04-01", "../../etc"]);
    assert_eq!(run.code, 2);
}

#[test]
fn a_draft_folder_can_be_compared_with_the_published_version() {
    let site = Fixture::with_versions(&[]);
    site.write("content/versions/2024-04-01/notice.toml", BASE);
    site.write(
        "drafts/2025-04-01/notice.toml",
        &BASE
            .replace("effective = 2024-04-01", "effective = 2025-04-01")
            .replace("03-1234-5678", "03-0000-0000"),
    );
    let run = site.kohyo(&[
        "diff",
        "2024-04-01",
        "drafts/2025-04-01",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("03-0000-0000"));
}

#[test]
fn the_example_history_links_correct_diffs() {
    let site = Fixture::example();
    site.build("2025-01-01").success();
    let history = site.read("public/versions/index.html");
    assert!(
        history.contains("<a href=\"2024-04-01/diff/index.html\">7件</a>"),
        "{history}"
    );
    assert!(history.contains("初版"));
    let version = site.read("public/versions/2024-04-01/index.html");
    assert!(
        version
            .contains("href=\"../../versions/2024-04-01/diff/index.html\">この版での変更点（7件）"),
        "{version}"
    );
    let page = site.read("public/versions/2024-04-01/diff/index.html");
    assert!(page.contains("保健事業(インセンティブ付与)に関する情報"));
    assert!(page.contains("href=\"../../../versions/2022-04-01/index.html\""));
    assert!(!site.path().join("public/versions/2022-04-01/diff").exists());
}

fn parse(text: &str) -> Notice {
    toml::from_str(text).unwrap()
}

/// A notice with one row of purposes and one measure, from generated texts.
fn generated(purposes: &[String], measure: &str) -> Notice {
    let mut n = parse(BASE);
    if let kohyo::blocks::Block::Purposes(p) = &mut n.sections[0].blocks[0] {
        p.rows[0].purposes = purposes.to_vec();
    }
    if let kohyo::blocks::Block::Measures(m) = &mut n.sections[1].blocks[0] {
        m.rows[1].text = measure.to_owned();
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_version_compared_with_itself_has_no_changes(purposes in prop::collection::vec("[あ-ん一-龠]{1,12}", 1..6), m in "[あ-ん、。]{0,40}") {
        let n = generated(&purposes, &m);
        prop_assert!(diff(&n, &n).is_empty());
    }

    #[test]
    fn spans_rebuild_both_texts_and_every_change_has_a_path(
        a in prop::collection::vec("[あ-お研修実施]{1,8}", 1..6),
        b in prop::collection::vec("[あ-お研修実施]{1,8}", 1..6),
        ma in "[あ-おかきく、。]{0,60}",
        mb in "[あ-おかきく、。]{0,60}",
    ) {
        let (x, y) = (generated(&a, &ma), generated(&b, &mb));
        for change in diff(&x, &y).changes {
            prop_assert!(!change.path.is_empty(), "{change:?}");
            let (old, new) = rebuild(&change.spans);
            prop_assert_eq!(old, change.old.clone().unwrap_or_default());
            prop_assert_eq!(new, change.new.clone().unwrap_or_default());
        }
    }
}

#[test]
fn an_auditor_can_compare_the_versions_of_a_deployed_site() {
    let site = Fixture::example();
    site.build("2025-04-01").success();
    let by_id = site.kohyo(&["diff", "2024-04-01", "2025-04-01", "--format", "json"]);
    assert_eq!(by_id.code, 1, "{}", by_id.stderr);
    // A folder of the built site, and a notice.json downloaded from it, give the same answer
    // as the content they were built from.
    let deployed = site.kohyo(&[
        "diff",
        "public/versions/2024-04-01",
        "public/versions/2025-04-01/notice.json",
        "--format",
        "json",
    ]);
    assert_eq!(deployed.code, 1, "{}", deployed.stderr);
    assert_eq!(deployed.stdout, by_id.stdout);
    // Any other JSON is refused, not misread.
    site.write(
        "other.json",
        "{\"format\": \"something-else\", \"id\": \"2024-04-01\"}",
    );
    let run = site.kohyo(&["diff", "2024-04-01", "other.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a kohyo notice.json"),
        "{}",
        run.stderr
    );
}
