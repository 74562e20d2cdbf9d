//! `kohyo check`: each rule with a failing and a passing fixture, the example content, the JSON
//! form, and the JSON Schemas.

use std::collections::BTreeSet;

use crate::common::Fixture;

const SITE: &str = r#"title = "個人情報保護法に基づく公表事項"
base_url = "https://example.or.jp/kojin-joho/"

[appi]
corporation = true
accredited = true
fees = true
foreign = true

[organization]
name = "例示健康保険組合"
"#;

/// A notice that meets every rule when every [appi] item is declared true.
const COMPLETE: &str = r#"effective = 2024-04-01
summary = "初版"
title = "個人情報保護法に基づく公表事項"

[[sections]]
id = "business"
heading = "事業者"

[[sections.blocks]]
type = "organization"
name = "例示健康保険組合"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
representative = { title = "理事長", name = "山田 太郎" }

[[sections]]
id = "purposes"
number = "1."
heading = "個人情報の利用目的"

[[sections.blocks]]
type = "purposes"

[[sections.blocks.rows]]
category = "資格に関する情報"
purposes = ["加入者の管理", "保険料の徴収"]

[[sections]]
id = "requests"
number = "2."
heading = "開示等の請求に応じる手続"

[[sections.blocks]]
type = "text"
text = "利用目的の通知、開示、訂正・追加・削除、利用停止・消去、第三者提供の停止及び第三者提供記録の開示の請求に応じます。申出先は総務課（電話 03-1234-5678）です。手数料は1件につき1,000円です。詳しくは[別表](#purposes)をご覧ください。"

[[sections]]
id = "measures"
number = "3."
heading = "安全管理措置"

[[sections.blocks]]
type = "measures"

[[sections.blocks.rows]]
category = "組織的安全管理措置"
text = "責任者を置いています。"

[[sections.blocks.rows]]
category = "人的安全管理措置"
text = "研修をしています。"

[[sections.blocks.rows]]
category = "物理的安全管理措置"
text = "入退室を管理しています。"

[[sections.blocks.rows]]
category = "技術的安全管理措置"
text = "アクセスを制御しています。"

[[sections.blocks.rows]]
category = "外的環境の把握"
text = "米国のクラウドサービスで保管しており、同国の制度を把握しています。"

[[sections]]
id = "complaints"
number = "4."
heading = "苦情の申出先"

[[sections.blocks]]
type = "contact"
role = "complaints"
name = "例示健康保険組合"
phone = "03-1234-5678"

[[sections.blocks]]
type = "contact"
role = "accredited"
name = "一般財団法人 例示協会"
phone = "03-0000-0000"

[[sections.blocks]]
type = "table"
columns = ["項目", "内容"]
rows = [["受付", "平日"]]
"#;

fn site_with(site_toml: &str, notice: &str) -> Fixture {
    let f = Fixture::empty();
    f.write("site.toml", site_toml);
    f.write("content/versions/2024-04-01/notice.toml", notice);
    f
}

/// The rule ids `kohyo check` reports, and its exit code.
fn rules(site: &Fixture) -> (BTreeSet<String>, i32) {
    let run = site.kohyo(&[
        "check",
        "--format",
        "json",
        "--deny-warnings",
        "--as-of",
        "2025-01-01",
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr));
    assert_eq!(json["format"], "kohyo-check/1");
    let ids = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["rule"].as_str().unwrap_or("(build)").to_owned())
        .collect();
    (ids, run.code)
}

#[test]
fn the_complete_fixture_passes_every_rule() {
    let (ids, code) = rules(&site_with(SITE, COMPLETE));
    assert!(ids.is_empty(), "{ids:?}");
    assert_eq!(code, 0);
}

/// Each rule, with the edit of the complete fixture that breaks it.
#[test]
fn each_statutory_rule_fails_on_its_fixture() {
    let cases: &[(&str, &str, &str, &str)] = &[
        // (rule, in site.toml or notice, replace, with)
        (
            "appi/business-name-missing",
            "notice",
            "name = \"例示健康保険組合\"",
            "name = \"別の法人\"",
        ),
        (
            "appi/representative-missing",
            "notice",
            "representative = { title = \"理事長\", name = \"山田 太郎\" }\n",
            "",
        ),
        (
            "appi/purposes-missing",
            "notice",
            "type = \"purposes\"\n\n[[sections.blocks.rows]]\ncategory = \"資格に関する情報\"\npurposes = [\"加入者の管理\", \"保険料の徴収\"]",
            "type = \"text\"\ntext = \"利用目的は別に定めます。\"",
        ),
        (
            "appi/request-kinds-missing",
            "notice",
            "及び第三者提供記録の開示",
            "",
        ),
        (
            "appi/fee-missing",
            "notice",
            "手数料は1件につき1,000円です。",
            "",
        ),
        (
            "appi/external-environment-missing",
            "notice",
            "category = \"外的環境の把握\"\ntext = \"米国のクラウドサービスで保管しており、同国の制度を把握しています。\"",
            "category = \"その他\"\ntext = \"なし\"",
        ),
        (
            "appi/accredited-missing",
            "notice",
            "role = \"accredited\"",
            "role = \"other\"",
        ),
        (
            "appi/declaration-missing",
            "site",
            "[appi]\ncorporation = true\naccredited = true\nfees = true\nforeign = true\n",
            "",
        ),
    ];
    for (rule, file, from, to) in cases {
        let (site_toml, notice) = match *file {
            "site" => (SITE.replace(from, to), COMPLETE.to_owned()),
            _ => (SITE.to_owned(), COMPLETE.replace(from, to)),
        };
        assert!(
            site_toml != SITE || notice != COMPLETE,
            "{rule}: the edit did not apply"
        );
        let (ids, code) = rules(&site_with(&site_toml, &notice));
        assert!(ids.contains(*rule), "{rule} not reported: {ids:?}");
        assert_eq!(code, 1, "{rule}");
    }
}

#[test]
fn rules_that_need_several_edits_fail_on_their_fixture() {
    // No address anywhere.
    let n = COMPLETE.replace("address = \"東京都千代田区千代田1-1\"\n", "");
    assert!(
        rules(&site_with(SITE, &n))
            .0
            .contains("appi/business-address-missing")
    );
    // No procedure at all.
    let n = COMPLETE.replace(
        "text = \"利用目的の通知、開示、訂正・追加・削除、利用停止・消去、第三者提供の停止及び第三者提供記録の開示の請求に応じます。申出先は総務課（電話 03-1234-5678）です。手数料は1件につき1,000円です。詳しくは[別表](#purposes)をご覧ください。\"",
        "text = \"お問い合わせください。\"",
    );
    assert_ne!(n, COMPLETE);
    assert!(
        rules(&site_with(SITE, &n))
            .0
            .contains("appi/request-procedure-missing")
    );
    // No measures block.
    let start = COMPLETE
        .find("[[sections.blocks]]\ntype = \"measures\"")
        .unwrap();
    let end = COMPLETE.find("[[sections]]\nid = \"complaints\"").unwrap();
    let n = format!(
        "{}[[sections.blocks]]\ntype = \"text\"\ntext = \"措置を講じています。\"\n\n{}",
        &COMPLETE[..start],
        &COMPLETE[end..]
    );
    assert!(
        rules(&site_with(SITE, &n))
            .0
            .contains("appi/measures-missing")
    );
    // A complaints contact without address or phone.
    // A place to complain may be an e-mail address or a web form (令第10条第2号).
    let n = COMPLETE.replacen(
        "role = \"complaints\"\nname = \"例示健康保険組合\"\nphone = \"03-1234-5678\"",
        "role = \"complaints\"\nname = \"例示健康保険組合\"\nemail = \"soudan@example.jp\"",
        1,
    );
    assert_ne!(n, COMPLETE);
    assert!(
        !rules(&site_with(SITE, &n))
            .0
            .contains("appi/complaints-missing")
    );
    // A section about complaints that gives no way to reach anyone (the accredited
    // organisation's contact beside it does not count).
    let n = COMPLETE.replace(
        "type = \"contact\"\nrole = \"complaints\"\nname = \"例示健康保険組合\"\nphone = \"03-1234-5678\"",
        "type = \"text\"\ntext = \"苦情は総務課で受け付けます。\"",
    );
    assert_ne!(n, COMPLETE);
    let site = site_with(SITE, &n);
    assert!(rules(&site).0.contains("appi/complaints-missing"));
    // A missing item is shown at the statement about it, not at the top of the file.
    let run = site.kohyo(&[
        "check",
        "--message-format",
        "short",
        "--as-of",
        "2025-01-01",
    ]);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("appi/complaints-missing"))
        .unwrap();
    assert!(!line.contains("notice.toml:1:1:"), "{line}");
    assert!(line.contains(": sections[4]: "), "{line}");
    // No section about complaints: words in running text do not state the item; the error
    // points at the paragraph that seems to, with the line to add if it does.
    let n = n.replace("heading = \"苦情の申出先\"", "heading = \"連絡先\"");
    let p = problems(&site_with(SITE, &n));
    let e = find(&p, "appi/complaints-missing").expect("reported");
    assert_eq!(e["field"], "sections[4].blocks[0]", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("covers = [\"complaints\"]"),
        "{e}"
    );
    // Nothing about complaints anywhere: at the title.
    let n = n.replace("苦情は総務課で受け付けます。", "総務課で受け付けます。");
    let p = problems(&site_with(SITE, &n));
    let e = find(&p, "appi/complaints-missing").expect("reported");
    assert_eq!(e["field"], "title", "{e}");
}

#[test]
fn declared_facts_decide_which_items_are_required() {
    // The same notice without representative, fee, external environment and accredited
    // organisation passes when site.toml says none of them applies.
    let site = SITE
        .replace("corporation = true", "corporation = false")
        .replace("accredited = true", "accredited = false")
        .replace("fees = true", "fees = false")
        .replace("foreign = true", "foreign = false");
    let notice = COMPLETE
        .replace(
            "representative = { title = \"理事長\", name = \"山田 太郎\" }\n",
            "",
        )
        .replace("手数料は1件につき1,000円です。", "")
        .replace("category = \"外的環境の把握\"", "category = \"その他\"")
        .replace("role = \"accredited\"", "role = \"other\"");
    let (ids, code) = rules(&site_with(&site, &notice));
    assert!(ids.is_empty(), "{ids:?}");
    assert_eq!(code, 0);
}

#[test]
fn each_lint_rule_fails_on_its_fixture() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "content/empty-cell",
            "rows = [[\"受付\", \"平日\"]]",
            "rows = [[\"受付\", \"\"]]",
        ),
        (
            "content/untrimmed",
            "category = \"資格に関する情報\"",
            "category = \"資格に関する情報 \"",
        ),
        (
            "content/phone-hyphens",
            "phone = \"03-1234-5678\"",
            "phone = \"0312345678\"",
        ),
        (
            "content/postal-code",
            "postal_code = \"100-0001\"",
            "postal_code = \"1000001\"",
        ),
        (
            "content/phone",
            "phone = \"03-1234-5678\"",
            "phone = \"03-1234-567\"",
        ),
        ("links/broken", "[別表](#purposes)", "[別表](#beppyo)"),
    ];
    for (rule, from, to) in cases {
        let notice = COMPLETE.replacen(from, to, 1);
        assert_ne!(notice, COMPLETE, "{rule}: the edit did not apply");
        let (ids, code) = rules(&site_with(SITE, &notice));
        assert!(ids.contains(*rule), "{rule} not reported: {ids:?}");
        assert_eq!(code, 1, "{rule}");
    }
}

#[test]
fn a_draft_dated_before_the_last_published_version_is_reported() {
    let site = site_with(SITE, COMPLETE);
    site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"])
        .success();
    let (ids, _) = rules(&site);
    assert!(ids.is_empty(), "{ids:?}");
    site.write(
        "content/versions/2023-01-01/notice.toml",
        &COMPLETE.replace("effective = 2024-04-01", "effective = 2023-01-01"),
    );
    let (ids, code) = rules(&site);
    assert!(ids.contains("content/date-backwards"), "{ids:?}");
    assert_eq!(code, 1);
}

#[test]
fn build_errors_are_reported_too_with_their_position() {
    let site = site_with(
        SITE,
        &COMPLETE.replace("title = \"個人情報保護法に基づく公表事項\"", "title = 3"),
    );
    let run = site.kohyo(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/versions/2024-04-01/notice.toml:3:9: title")
            || run
                .stderr
                .contains("--> content/versions/2024-04-01/notice.toml:3:9"),
        "{}",
        run.stderr
    );
}

#[test]
fn text_output_is_rustc_like_with_rule_ids() {
    let site = site_with(
        SITE,
        &COMPLETE.replace("phone = \"03-1234-5678\"", "phone = \"03-1234-567\""),
    );
    let run = site.kohyo(&["check", "--as-of", "2025-01-01"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[content/phone]: sections[4].blocks[0].phone: this is not a Japanese phone number: `03-1234-567`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("phone = \"03-1234-567\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 error, 0 warnings"), "{}", run.stderr);
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let site = site_with(
        SITE,
        &COMPLETE.replace(
            "category = \"資格に関する情報\"",
            "category = \" 資格に関する情報\"",
        ),
    );
    assert_eq!(site.kohyo(&["check", "--as-of", "2025-01-01"]).code, 0);
    assert_eq!(
        site.kohyo(&["check", "--as-of", "2025-01-01", "--deny-warnings"])
            .code,
        1
    );
}

#[test]
fn external_links_are_listed_not_fetched() {
    let site = site_with(
        SITE,
        &COMPLETE.replace(
            "をご覧ください。",
            "をご覧ください。[厚生労働省](https://www.mhlw.go.jp/)",
        ),
    );
    let run = site.kohyo(&["check", "--list-external", "--as-of", "2025-01-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("https://www.mhlw.go.jp/  (index.html"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_example_content_passes_cleanly() {
    let site = Fixture::example();
    let run = site.kohyo(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_missing_site_folder_cannot_be_checked() {
    let run = crate::common::kohyo_in(
        &crate::common::repo_root(),
        &["check", "--root", "does/not/exist"],
    );
    assert_eq!(run.code, 2);
}

/// TOML → JSON, with dates as strings (as editors' schema validation treats them).
fn toml_to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => a.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
    }
}

#[test]
fn the_shipped_schemas_are_generated_from_the_types() {
    for which in [
        "site",
        "version",
        "document",
        "notice-json",
        "manifest",
        "source",
        "diff",
        "check",
    ] {
        let run = crate::common::kohyo_in(&crate::common::repo_root(), &["schema", which]);
        let shipped = std::fs::read_to_string(
            crate::common::repo_root().join(format!("schemas/{which}.schema.json")),
        )
        .unwrap();
        assert!(
            run.stdout == shipped,
            "schemas/{which}.schema.json is stale: run `kohyo schema {which} > schemas/{which}.schema.json`"
        );
    }
}

#[test]
fn the_outputs_validate_against_their_schemas() {
    let root = crate::common::repo_root();
    let schema = |which: &str| {
        let text = std::fs::read_to_string(root.join(format!("schemas/{which}.schema.json")));
        jsonschema::validator_for(&serde_json::from_str(&text.unwrap()).unwrap()).unwrap()
    };
    let valid = |which: &str, json: &str| {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let errors: Vec<String> = schema(which)
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{which}: {errors:#?}");
    };
    let site = crate::common::Fixture::example();
    site.build("2026-06-01").success();
    valid("manifest", &site.read("public/manifest.json"));
    valid("source", &site.read("public/kohyo-source.json"));
    let mut notices = 0;
    for entry in std::fs::read_dir(site.path().join("public/versions")).unwrap() {
        let json = entry.unwrap().path().join("notice.json");
        if json.exists() {
            valid("notice-json", &std::fs::read_to_string(json).unwrap());
            notices += 1;
        }
    }
    assert!(notices >= 3);
    let diff = site.kohyo(&["diff", "2022-04-01", "2026-04-01", "--format", "json"]);
    valid("diff", &diff.stdout);
    let check = site.kohyo(&["check", "--format", "json"]);
    valid("check", &check.stdout);
}

#[test]
fn the_example_content_validates_against_the_schemas_and_names_them() {
    let root = crate::common::repo_root();
    let load = |p: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(p)).unwrap()).unwrap()
    };
    let site_schema = jsonschema::validator_for(&load("schemas/site.schema.json")).unwrap();
    let version_schema = jsonschema::validator_for(&load("schemas/version.schema.json")).unwrap();
    let site_text = std::fs::read_to_string(root.join("site.toml")).unwrap();
    assert!(site_text.starts_with("#:schema ./schemas/site.schema.json\n"));
    let site: toml::Value = toml::from_str(&site_text).unwrap();
    let errors: Vec<String> = site_schema
        .iter_errors(&toml_to_json(site))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut checked = 0;
    for entry in std::fs::read_dir(root.join("content/versions")).unwrap() {
        let path = entry.unwrap().path().join("notice.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("#:schema ../../../schemas/version.schema.json\n"),
            "{}",
            path.display()
        );
        let value: toml::Value = toml::from_str(&text).unwrap();
        let errors: Vec<String> = version_schema
            .iter_errors(&toml_to_json(value))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        checked += 1;
    }
    assert!(checked >= 3);
    // And the schema does reject a typo.
    let bad =
        serde_json::json!({"effective": "2024-04-01", "summary": "s", "title": "t", "sectons": []});
    assert!(!version_schema.is_valid(&bad));
}

#[test]
fn docs_check_md_lists_every_rule_as_the_rule_table_says() {
    // The tables between the markers are generated from kohyo::check::RULES and the table of
    // statutory items; KOHYO_BLESS=1 writes them.
    let path = crate::common::repo_root().join("docs/check.md");
    for (name, table) in [
        ("rules", kohyo::check::rules_markdown()),
        ("items", kohyo::check::items_markdown()),
    ] {
        let doc = std::fs::read_to_string(&path).unwrap();
        let (begin, end) = (
            format!("<!-- {name}:begin -->\n"),
            format!("<!-- {name}:end -->"),
        );
        let start = doc.find(&begin).expect("the begin marker") + begin.len();
        let stop = doc.find(&end).expect("the end marker");
        if std::env::var_os("KOHYO_BLESS").is_some() {
            std::fs::write(&path, format!("{}{table}{}", &doc[..start], &doc[stop..])).unwrap();
            continue;
        }
        assert_eq!(
            &doc[start..stop],
            table,
            "run KOHYO_BLESS=1 cargo test docs_check_md"
        );
    }
}

// ---- Issue 17: the statutory rules, accurate to the letter of the law ----

/// The problems (rule id, severity, help) of a site, as JSON values.
fn problems(site: &Fixture) -> Vec<serde_json::Value> {
    let run = site.kohyo(&["check", "--format", "json", "--as-of", "2025-01-01"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["problems"].as_array().unwrap().clone()
}

fn find<'a>(problems: &'a [serde_json::Value], id: &str) -> Option<&'a serde_json::Value> {
    problems.iter().find(|p| p["rule"] == id)
}

#[test]
fn measure_categories_are_a_guideline_warning_and_may_be_withheld() {
    let n = COMPLETE.replace(
        "category = \"技術的安全管理措置\"",
        "category = \"基本方針の策定\"",
    );
    let p = problems(&site_with(SITE, &n));
    let w = find(&p, "appi/measures-category-missing").expect("reported");
    // Not every example of the guidelines must be taken (通則編 3-8-1 ※7): a note, which
    // --deny-warnings does not turn into a failure.
    assert_eq!(w["severity"], "note");
    assert_eq!(rules(&site_with(SITE, &n)).1, 0);
    assert!(
        w["help"]
            .as_str()
            .unwrap()
            .contains("ガイドライン（通則編）"),
        "{w}"
    );
    let site = SITE.replace("foreign = true", "foreign = true\nmeasures_withheld = \"技術的措置の詳細は公表により安全管理に支障が生じるおそれがあるため\"");
    assert!(
        find(
            &problems(&site_with(&site, &n)),
            "appi/measures-category-missing"
        )
        .is_none()
    );
}

#[test]
fn measures_answered_on_request_satisfy_the_rule() {
    let start = COMPLETE
        .find("[[sections.blocks]]\ntype = \"measures\"")
        .unwrap();
    let end = COMPLETE.find("[[sections]]\nid = \"complaints\"").unwrap();
    let without = format!("{}{}", &COMPLETE[..start], &COMPLETE[end..]);
    assert!(
        rules(&site_with(SITE, &without))
            .0
            .contains("appi/measures-missing")
    );
    let on_request = without.replace(
        "heading = \"安全管理措置\"\n",
        "heading = \"安全管理措置\"\non_request = [\"measures\", \"external-environment\"]\n\n[[sections.blocks]]\ntype = \"text\"\ntext = \"安全管理のために講じた措置は、本人の求めに応じて遅滞なく回答します。\"\n",
    );
    let ids = rules(&site_with(SITE, &on_request)).0;
    assert!(!ids.contains("appi/measures-missing"), "{ids:?}");
    assert!(
        !ids.contains("appi/external-environment-missing"),
        "{ids:?}"
    );
}

#[test]
fn complaints_by_web_form_count() {
    let n = COMPLETE.replacen(
        "role = \"complaints\"\nname = \"例示健康保険組合\"\nphone = \"03-1234-5678\"",
        "role = \"complaints\"\nname = \"例示健康保険組合\"\nurl = \"https://example.or.jp/form/\"",
        1,
    );
    assert!(
        !rules(&site_with(SITE, &n))
            .0
            .contains("appi/complaints-missing")
    );
}

#[test]
fn request_kinds_are_matched_by_meaning_or_declared() {
    for phrasing in ["第三者提供の記録の開示", "第三者への提供に係る記録の開示"]
    {
        let n = COMPLETE.replace("第三者提供記録の開示", phrasing);
        let ids = rules(&site_with(SITE, &n)).0;
        assert!(
            !ids.contains("appi/request-kinds-missing"),
            "{phrasing}: {ids:?}"
        );
    }
    let n = COMPLETE.replace("及び第三者提供記録の開示", "");
    let p = problems(&site_with(SITE, &n));
    let e = find(&p, "appi/request-kinds-missing").expect("reported");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("第三者提供記録の開示"),
        "{e}"
    );
    let help = kohyo::check::rule("appi/request-kinds-missing").hint_ja;
    for kind in [
        "利用目的の通知の求め",
        "開示",
        "訂正・追加・削除",
        "利用停止・消去",
        "第三者提供の停止",
        "第三者提供記録の開示",
    ] {
        assert!(help.contains(kind), "the hint names {kind}: {help}");
    }
    // The statutory umbrella term names every kind (法第37条第1項).
    let umbrella = COMPLETE.replace(
        "利用目的の通知、開示、訂正・追加・削除、利用停止・消去、第三者提供の停止及び第三者提供記録の開示の請求",
        "利用目的の通知の求め又は開示等の請求",
    );
    assert_ne!(umbrella, COMPLETE);
    assert!(
        !rules(&site_with(SITE, &umbrella))
            .0
            .contains("appi/request-kinds-missing")
    );
    // A declaration says where the kinds are stated, and what is there must name them: on a
    // list of the kinds in another section it counts, on the procedure without them it does not.
    let declared = n.replace(
        "heading = \"開示等の請求に応じる手続\"\n",
        "heading = \"開示等の請求に応じる手続\"\ncovers = [\"request-kinds\"]\n",
    );
    assert!(
        rules(&site_with(SITE, &declared))
            .0
            .contains("appi/request-kinds-missing")
    );
    let elsewhere = n.replace(
        "[[sections]]\nid = \"measures\"",
        "[[sections.blocks]]\ntype = \"list\"\ncovers = [\"request-kinds\"]\nitems = [\"利用目的の通知\", \"開示\", \"訂正・追加・削除\", \"利用停止・消去\", \"第三者提供の停止\", \"第三者提供記録の開示\"]\n\n[[sections]]\nid = \"measures\"",
    );
    assert_ne!(elsewhere, n);
    assert!(
        !rules(&site_with(SITE, &elsewhere))
            .0
            .contains("appi/request-kinds-missing")
    );
}

#[test]
fn a_placeholder_is_not_a_name() {
    for placeholder in ["（氏名）", "○○ ○○", "未定", "（記入してください）"]
    {
        let n = COMPLETE.replace("name = \"山田 太郎\"", &format!("name = \"{placeholder}\""));
        let p = problems(&site_with(SITE, &n));
        let e = find(&p, "appi/placeholder").unwrap_or_else(|| panic!("{placeholder}: {p:?}"));
        assert_eq!(e["severity"], "error");
        assert_eq!(e["field"], "sections[0].blocks[0].representative.name");
    }
}

#[test]
fn the_fee_rule_cites_article_38_paragraph_2() {
    let n = COMPLETE.replace("手数料は1件につき1,000円です。", "");
    let p = problems(&site_with(SITE, &n));
    let e = find(&p, "appi/fee-missing").unwrap();
    assert!(e["help"].as_str().unwrap().contains("法第38条第2項"), "{e}");
}

#[test]
fn a_third_partys_address_is_not_the_business_address() {
    let n = COMPLETE
        .replace("address = \"東京都千代田区千代田1-1\"\n", "")
        .replace(
            "name = \"一般財団法人 例示協会\"\nphone = \"03-0000-0000\"",
            "name = \"一般財団法人 例示協会\"\naddress = \"東京都港区1-1\"\nphone = \"03-0000-0000\"",
        );
    assert!(
        rules(&site_with(SITE, &n))
            .0
            .contains("appi/business-address-missing")
    );
}

#[test]
fn the_foreign_declaration_explains_contractors_and_cloud_servers() {
    let rule = kohyo::check::rule("appi/external-environment-missing");
    assert!(rule.message.contains("cloud server abroad"));
    assert!(rule.message_ja.contains("クラウドサーバ"));
    assert!(rule.hint.contains("Q&A 10-24"));
}

#[test]
fn a_version_may_set_the_facts_that_hold_for_it() {
    // The fee is introduced in 2025: site.toml says fees = true, but the 2024 version,
    // which states none, says so for itself.
    let n = COMPLETE
        .replace("手数料は1件につき1,000円です。", "")
        .replace(
            "title = \"個人情報保護法に基づく公表事項\"\n",
            "title = \"個人情報保護法に基づく公表事項\"\n\n[appi]\nfees = false\n",
        );
    assert!(!rules(&site_with(SITE, &n)).0.contains("appi/fee-missing"));
}

/// A site of one document of `kind`.
fn document(kind: &str, appi: &str, notice: &str) -> Fixture {
    let site = format!(
        "title = \"t\"\nbase_url = \"https://example.or.jp/\"\nkind = \"{kind}\"\n\n[appi]\n{appi}\n\n[organization]\nname = \"例示健康保険組合\"\n"
    );
    site_with(&site, notice)
}

const JOINT_USE: &str = r#"effective = 2024-04-01
summary = "初版"
title = "個人データの共同利用について"

[[sections]]
heading = "共同利用"

[[sections.blocks]]
type = "text"
text = "当組合は、次のとおり個人データを共同利用します。"

[[sections.blocks]]
type = "records"

[[sections.blocks.records]]
title = "健診結果の共同利用"
fields = [
  { label = "共同して利用される個人データの項目", value = ["氏名", "健診結果"] },
  { label = "共同して利用する者の範囲", value = "例示健康保険組合及び健診機関" },
  { label = "利用する者の利用目的", value = "保健事業の実施" },
  { label = "管理について責任を有する者", value = "例示健康保険組合" },
]

[[sections.blocks]]
type = "organization"
name = "例示健康保険組合"
address = "東京都千代田区千代田1-1"
representative = { title = "理事長", name = "山田 太郎" }
"#;

#[test]
fn joint_use_documents_are_checked_against_article_27_5_3() {
    let ok = rules(&document("joint-use", "corporation = true", JOINT_USE));
    assert!(ok.0.is_empty(), "{:?}", ok.0);
    for (label, rule) in [
        (
            "共同して利用される個人データの項目",
            "appi/joint-use-items-missing",
        ),
        ("共同して利用する者の範囲", "appi/joint-use-scope-missing"),
    ] {
        let n = JOINT_USE.replace(label, "その他");
        let p = problems(&document("joint-use", "corporation = true", &n));
        let e = find(&p, rule).unwrap_or_else(|| panic!("{rule}: {p:?}"));
        assert!(
            e["help"].as_str().unwrap().contains("法第27条第5項第3号"),
            "{e}"
        );
    }
    let n = JOINT_USE.replace(
        "representative = { title = \"理事長\", name = \"山田 太郎\" }\n",
        "",
    );
    assert!(
        rules(&document("joint-use", "corporation = true", &n))
            .0
            .contains("appi/joint-use-manager-missing")
    );
    // A covers declaration counts wherever the item stands.
    let n = JOINT_USE
        .replace("共同して利用する者の範囲", "共同利用者")
        .replace(
            "{ label = \"共同利用者\"",
            "{ covers = [\"joint-use-scope\"], label = \"共同利用者\"",
        );
    assert!(
        !rules(&document("joint-use", "corporation = true", &n))
            .0
            .contains("appi/joint-use-scope-missing")
    );
}

/// A change of the items or of the joint users between two joint-use versions is flagged on
/// the later one (通則編 3-6-3); rewording the purposes, or spacing, is not.
#[test]
fn a_change_of_the_joint_users_or_items_is_flagged() {
    let later = |from: &str, to: &str| {
        let f = document("joint-use", "corporation = true", JOINT_USE);
        f.write(
            "content/versions/2024-10-01/notice.toml",
            &JOINT_USE
                .replace("2024-04-01", "2024-10-01")
                .replace("初版", "改定")
                .replace(from, to),
        );
        problems(&f)
    };
    let p = later(
        "例示健康保険組合及び健診機関",
        "例示健康保険組合、健診機関及び薬局",
    );
    let e = find(&p, "appi/joint-use-change").unwrap_or_else(|| panic!("{p:?}"));
    assert_eq!(e["severity"], "warning", "{e}");
    assert!(e["file"].as_str().unwrap().contains("2024-10-01"), "{e}");
    assert!(e["line"].as_u64().is_some(), "{e}");
    let p = later(
        "\"氏名\", \"健診結果\"",
        "\"氏名\", \"健診結果\", \"服薬情報\"",
    );
    assert!(find(&p, "appi/joint-use-change").is_some(), "{p:?}");
    for (from, to) in [
        ("保健事業の実施", "保健事業を実施するため"),
        (
            "例示健康保険組合及び健診機関",
            "例示健康保険組合 及び 健診機関。",
        ),
    ] {
        let p = later(from, to);
        assert!(find(&p, "appi/joint-use-change").is_none(), "{to}: {p:?}");
    }
}

/// Joint use is made known beforehand: a version is not published after its effective date
/// without a reason, and the refusal cites the article.
#[test]
fn a_joint_use_version_is_not_published_after_it_took_effect() {
    let f = document("joint-use", "corporation = true", JOINT_USE);
    let run = f.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-02"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("法第27条第5項第3号"), "{}", run.stderr);
    let run = f.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn anonymized_and_pseudonymized_documents_have_their_own_rules() {
    let anonymized = "effective = 2024-04-01\nsummary = \"初版\"\ntitle = \"匿名加工情報の公表\"\n\n[[preamble]]\ntype = \"text\"\ntext = \"匿名加工情報に含まれる個人に関する情報の項目：性別、年齢\\n\\n安全管理措置：加工方法等情報を分離して保管しています。\"\n";
    assert!(rules(&document("anonymized", "", anonymized)).0.is_empty());
    let ids = rules(&document("anonymized", "provision = true", anonymized)).0;
    assert!(ids.contains("appi/anonymized-method-missing"), "{ids:?}");
    let ids = rules(&document(
        "anonymized",
        "",
        &anonymized.replace("項目", "内容"),
    ))
    .0;
    assert!(ids.contains("appi/anonymized-items-missing"), "{ids:?}");
    let pseudo = "effective = 2024-04-01\nsummary = \"初版\"\ntitle = \"仮名加工情報の利用目的\"\n\n[[preamble]]\ntype = \"text\"\ntext = \"仮名加工情報の利用目的：統計の作成\"\n";
    assert!(rules(&document("pseudonymized", "", pseudo)).0.is_empty());
    let ids = rules(&document(
        "pseudonymized",
        "",
        &pseudo.replace("利用目的", "使い道"),
    ))
    .0;
    assert!(
        ids.contains("appi/pseudonymized-purposes-missing"),
        "{ids:?}"
    );
    // A policy has no statutory list.
    assert!(
        rules(&document(
            "policy",
            "",
            &pseudo.replace("利用目的", "使い道")
        ))
        .0
        .is_empty()
    );
}

#[test]
fn a_cover_on_an_empty_element_is_trusted_with_a_warning() {
    let n = COMPLETE.replace(
        "heading = \"事業者\"\n",
        "heading = \"事業者\"\n\n[[sections.sections]]\nheading = \"別表\"\ncovers = [\"purposes\"]\n",
    );
    let p = problems(&site_with(SITE, &n));
    assert!(find(&p, "content/empty-cover").is_some(), "{p:?}");
    let bad = COMPLETE.replace(
        "heading = \"事業者\"\n",
        "heading = \"事業者\"\ncovers = [\"purpose\"]\n",
    );
    let run = site_with(SITE, &bad).kohyo(&["build", "--as-of", "2025-01-01"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`purpose` is not a statutory item kohyo knows"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_link_is_reported_once_where_it_is_written_with_its_place() {
    let notice = COMPLETE.replacen(
        "[別表](#purposes)",
        "[別表](#beppyo)と[履歴](versions/nothere/)",
        1,
    );
    assert_ne!(notice, COMPLETE);
    let site = site_with(SITE, &notice);
    let run = site.kohyo(&["check", "--message-format", "short"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let broken: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("links/broken"))
        .collect();
    // Two links, each once (not once per page that shows the version), at the notice.toml
    // line, as written — not as rewritten for a page in a sub-folder (`../../versions/…`).
    assert_eq!(broken.len(), 2, "{}", run.stderr);
    assert!(
        broken
            .iter()
            .all(|l| l.starts_with("content/versions/2024-04-01/notice.toml:")),
        "{broken:#?}"
    );
    assert!(
        broken.iter().any(|l| l.contains("`#beppyo`")),
        "{broken:#?}"
    );
    assert!(
        broken.iter().any(|l| l.contains("`versions/nothere/`")),
        "{broken:#?}"
    );
    assert!(
        !run.stderr.contains("../../versions/nothere/"),
        "{}",
        run.stderr
    );
    let full = site.kohyo(&["check"]);
    assert!(
        full.stderr.contains("place: 2024-04-01版 › "),
        "{}",
        full.stderr
    );
}
