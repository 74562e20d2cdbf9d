//! The statutory check judged by statements (tests/statutory/<case>/): for every kind of
//! document, lawful ones worded differently from the docs' examples pass, and a document
//! missing one item (or stating it in the wrong shape) fails with that item's rule — one test
//! per case (`cargo test --test testsuite statutory::notice_missing_fee`). See
//! tests/statutory/README.md.

use std::fs;

/// Checks the case `name` and compares the rules reported (errors and warnings: notes never
/// fail) with its `expected` file (or writes that file, with `KOHYO_BLESS=1`).
fn check_case(name: &str) {
    let case = crate::common::repo_root()
        .join("tests/statutory")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&case, dir.path());
    let run = crate::common::kohyo_in(
        dir.path(),
        &["check", "--format", "json", "--as-of", "2025-06-01"],
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{name}: {e}: {}{}", run.stdout, run.stderr));
    let mut found: Vec<String> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] != "note")
        .map(|p| {
            format!(
                "{} {}\n",
                p["rule"].as_str().unwrap_or("(build)"),
                p["severity"].as_str().unwrap_or("")
            )
        })
        .collect();
    found.sort();
    let actual: String = found.concat();
    let expected_path = case.join("expected");
    if std::env::var_os("KOHYO_BLESS").is_some() {
        fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(actual, expected, "{name}: the rules `kohyo check` reports");
    let errors = expected.lines().any(|l| l.ends_with(" error"));
    assert_eq!(run.code == 1, errors, "{name}: exit {}", run.code);
}

macro_rules! cases {
    ($($case:ident,)*) => {
        $(
            #[test]
            fn $case() {
                check_case(&stringify!($case).replace('_', "-"));
            }
        )*

        /// Every case with a test of its own.
        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

cases! {
    anonymized_items_restated,
    anonymized_lawful,
    anonymized_method_must_be_published,
    anonymized_method_referral,
    anonymized_missing_items,
    anonymized_missing_measures,
    anonymized_missing_method,
    joint_use_b_manager_without_representative,
    joint_use_b_scope_only_in_running_text,
    joint_use_lawful_records,
    joint_use_lawful_worded_differently,
    joint_use_manager_is_an_officer,
    joint_use_manager_without_address,
    joint_use_manager_without_representative,
    joint_use_missing_fact,
    joint_use_missing_items,
    joint_use_missing_manager,
    joint_use_missing_purposes,
    joint_use_missing_scope,
    joint_use_on_request_is_not_enough,
    notice_b_elsewhere,
    notice_b_missing_accredited,
    notice_b_missing_business_address,
    notice_b_missing_business_name,
    notice_b_missing_complaints,
    notice_b_missing_external_environment,
    notice_b_missing_fee,
    notice_b_missing_representative,
    notice_b_missing_request_kinds,
    notice_b_missing_request_procedure,
    notice_b_purposes_only_in_running_text,
    notice_before_the_2020_amendment,
    notice_definition_is_not_a_procedure,
    notice_external_environment_without_country,
    notice_fee_without_amount,
    notice_lawful_blocks,
    notice_lawful_worded_differently,
    notice_measures_on_request,
    notice_missing_accredited,
    notice_missing_business_address,
    notice_missing_complaints,
    notice_missing_fee,
    notice_missing_measures,
    notice_missing_purposes,
    notice_missing_representative,
    notice_missing_request_kinds,
    notice_placeholder_in_text,
    notice_placeholder_name,
    notice_procedure_without_desk,
    notice_purposes_referral,
    notice_representative_title_only,
    opt_out_acquisition_missing,
    opt_out_items_missing,
    opt_out_lawful,
    opt_out_method_missing,
    opt_out_missing_provider,
    opt_out_of_sensitive_data,
    opt_out_purpose_missing,
    opt_out_request_method_missing,
    opt_out_start_date_missing,
    opt_out_stop_missing,
    opt_out_update_method_missing,
    pseudonymized_joint_use_lawful,
    pseudonymized_joint_use_on_request,
    pseudonymized_lawful,
    pseudonymized_missing_purposes,
}

#[test]
fn every_case_folder_has_its_test() {
    let root = crate::common::repo_root().join("tests/statutory");
    let mut folders: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("site.toml").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().replace('-', "_"))
        .collect();
    folders.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    listed.sort();
    assert_eq!(
        folders, listed,
        "add the case's name to `cases!` in statutory.rs"
    );
}

#[test]
fn every_kind_has_a_lawful_case_and_every_item_a_failing_one() {
    let root = crate::common::repo_root().join("tests/statutory");
    let expected: Vec<(String, String)> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected").is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(p.join("expected")).unwrap(),
            )
        })
        .collect();
    for kind in [
        "notice",
        "joint-use",
        "anonymized",
        "pseudonymized",
        "opt-out",
    ] {
        assert!(
            expected
                .iter()
                .any(|(n, e)| n.starts_with(kind) && n.contains("lawful") && e.is_empty()),
            "no lawful case of {kind}"
        );
    }
    for item in kohyo::check::statutory::all_items() {
        assert!(
            expected
                .iter()
                .any(|(_, e)| e.lines().any(|l| l.starts_with(&format!("{} ", item.rule)))),
            "no case fails with {}",
            item.rule
        );
    }
}
