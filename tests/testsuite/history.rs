//! Published history: new, publish, the hash chain, drafts, verify, log.

use crate::common::{Fixture, notice};

fn published_site() -> Fixture {
    let site = Fixture::with_versions(&[("2023-04-01", "初版"), ("2024-04-01", "目的を追加")]);
    site.kohyo(&["publish", "2023-04-01", "--as-of", "2023-04-01"])
        .success();
    site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"])
        .success();
    site
}

fn content_hash(site: &Fixture, id: &str) -> String {
    let lock = site.read("kohyo.lock");
    let at = lock.find(&format!("id = \"{id}\"")).expect("entry");
    let rest = &lock[at..];
    let h = rest.find("content_hash = \"").unwrap() + 16;
    rest[h..h + 71].to_owned()
}

#[test]
fn publishing_writes_a_chained_lock_and_a_snapshot() {
    let site = published_site();
    let lock = site.read("kohyo.lock");
    assert!(lock.starts_with("# kohyo.lock"));
    assert_eq!(lock.matches("[[published]]").count(), 2);
    assert!(lock.contains("previous = \"\""));
    assert!(
        site.path()
            .join("content/published/2024-04-01.json")
            .is_file()
    );
    let run = site.kohyo(&["verify"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn editing_a_published_version_fails_the_build_with_both_hashes_and_the_diff() {
    let site = published_site();
    site.build("2025-01-01").success();
    let before = crate::common::tree(&site.path().join("public"));
    let recorded = content_hash(&site, "2024-04-01");
    let path = "content/versions/2024-04-01/notice.toml";
    site.edit(path, "保険料の徴収", "保険料の徴収及び還付");
    let run = site.build("2025-01-02");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("published version 2024-04-01 has changed since it was published"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("kohyo.lock records {recorded}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("its content hash is now sha256:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("保険料の徴収{+及び還付+}"),
        "the diff is shown: {}",
        run.stderr
    );
    assert_eq!(
        crate::common::tree(&site.path().join("public")),
        before,
        "the old output stays"
    );
    let verify = site.kohyo(&["verify"]);
    assert_eq!(verify.code, 1, "{}", verify.stdout);
}

#[test]
fn the_hash_ignores_crlf_bom_key_order_and_whitespace_but_not_a_changed_character() {
    let site = published_site();
    let path = "content/versions/2024-04-01/notice.toml";
    let original = site.read(path);

    let crlf_bom = format!("\u{feff}{}", original.replace('\n', "\r\n"));
    site.write(path, &crlf_bom);
    site.build("2025-01-01").success();

    // Keys of the top table in another order, extra blank lines and spaces around `=`.
    let reordered = original.replacen(
        "effective = 2024-04-01\nsummary = \"目的を追加\"\ntitle = \"個人情報保護法に基づく公表事項\"\n",
        "title   =   \"個人情報保護法に基づく公表事項\"\n\n\nsummary=\"目的を追加\"\neffective = 2024-04-01\n",
        1,
    );
    assert_ne!(reordered, original);
    site.write(path, &reordered);
    site.build("2025-01-01").success();

    site.write(path, &original.replace("加入者の管理", "加入者の管埋"));
    let run = site.build("2025-01-01");
    assert_eq!(
        run.code, 1,
        "a changed character changes the hash: {}",
        run.stderr
    );
}

#[test]
fn a_tampered_manifest_or_notice_json_fails_verify() {
    let site = published_site();
    site.build("2025-01-01").success();
    let ok = site.kohyo(&["verify", "--site", "public"]);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);

    let nj = "public/versions/2023-04-01/notice.json";
    let original = site.read(nj);
    site.write(nj, &original.replace("保険料の徴収", "保険料の徴収等"));
    let run = site.kohyo(&["verify", "--site", "public"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("FAIL versions/2023-04-01/notice.json has content hash"),
        "{}",
        run.stdout
    );
    site.write(nj, &original);

    let mj = "public/manifest.json";
    let manifest = site.read(mj);
    let h = content_hash(&site, "2024-04-01");
    site.write(mj, &manifest.replace(&h, &h.replace('a', "b")));
    let run = site.kohyo(&["verify", "--site", "public"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("FAIL manifest.json entry 2024-04-01 differs from the lock"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_edited_lock_entry_breaks_the_chain() {
    let site = published_site();
    let lock = site.read("kohyo.lock");
    let h = content_hash(&site, "2023-04-01");
    site.write("kohyo.lock", &lock.replacen(&h, &h.replace('1', "2"), 1));
    let run = site.kohyo(&["verify"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("entry 2023-04-01 has chain hash"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("kohyo.lock:"), "{}", run.stderr);
    assert_eq!(site.build("2025-01-01").code, 1);
}

#[test]
fn drafts_are_left_out_unless_previewed_and_then_marked_on_every_page() {
    let site = published_site();
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &notice("2025-04-01", "草案の改定"),
    );
    site.build("2025-06-01").success();
    assert!(!site.path().join("public/versions/2025-04-01").exists());
    assert!(
        site.read("public/index.html")
            .contains("<time datetime=\"2024-04-01\">")
    );

    let run = site.kohyo(&[
        "build",
        "--as-of",
        "2025-06-01",
        "--drafts",
        "--out",
        "preview",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("PREVIEW, do not deploy"));
    for (path, bytes) in crate::common::tree(&site.path().join("preview")) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(html.contains("草案を含むプレビュー"), "{path}");
            assert!(html.contains("noindex"), "{path}");
        }
    }
    assert!(
        site.read("preview/versions/2025-04-01/index.html")
            .contains("【草案】")
    );
    let verify = site.kohyo(&["verify", "--site", "preview"]);
    assert_eq!(verify.code, 1);
    assert!(
        verify
            .stdout
            .contains("versions/2025-04-01/ is on the site but is not a published version"),
        "{}",
        verify.stdout
    );
}

#[test]
fn each_version_page_shows_its_fingerprint() {
    let site = published_site();
    site.build("2025-01-01").success();
    let h = content_hash(&site, "2024-04-01");
    let page = site.read("public/versions/2024-04-01/index.html");
    assert!(page.contains("版の指紋"));
    assert!(page.contains(&h), "{page}");
}

#[test]
fn a_scheduled_published_version_is_announced_and_becomes_current_on_its_date() {
    let site = published_site();
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &notice("2025-04-01", "来年度の改定"),
    );
    site.kohyo(&["publish", "2025-04-01", "--as-of", "2025-04-01"])
        .success();
    site.build("2025-03-31").success();
    let index = site.read("public/index.html");
    assert!(index.contains("<time datetime=\"2024-04-01\">"));
    assert!(index.contains("2025年4月1日から、改定後の公表事項が適用されます"));
    assert!(index.contains("href=\"versions/2025-04-01/index.html\""));
    site.build("2025-04-01").success();
    assert!(
        site.read("public/index.html")
            .contains("<time datetime=\"2025-04-01\">")
    );
}

#[test]
fn new_starts_a_draft_from_the_latest_version() {
    let site = published_site();
    let run = site.kohyo(&["new", "2025-10-01", "--summary", "苦情窓口の電話番号を変更"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.read("content/versions/2025-10-01/notice.toml");
    assert!(
        text.starts_with("effective = 2025-10-01\nsummary = \"苦情窓口の電話番号を変更\"\n"),
        "{text}"
    );
    assert!(text.contains("資格に関する情報"));
    let log = site.kohyo(&["log", "--as-of", "2025-11-01"]);
    assert!(
        log.stdout.contains("2025-10-01     draft"),
        "{}",
        log.stdout
    );
    assert!(
        log.stdout.contains("2024-04-01     published, current"),
        "{}",
        log.stdout
    );
    // A second version on the same date gets `.2`; without a summary it cannot be published.
    site.kohyo(&["new", "2025-10-01"]).success();
    assert!(
        site.path()
            .join("content/versions/2025-10-01.2/notice.toml")
            .is_file()
    );
    let run = site.kohyo(&["publish", "2025-10-01.2", "--as-of", "2025-10-01"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("placeholder summary"), "{}", run.stderr);
}

#[test]
fn a_version_is_published_once_and_after_the_current_one() {
    let site = published_site();
    let again = site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already published"));
    site.write(
        "content/versions/2023-10-01/notice.toml",
        &notice("2023-10-01", "遅れた版"),
    );
    let late = site.kohyo(&["publish", "2023-10-01", "--as-of", "2025-01-01"]);
    assert_eq!(late.code, 1);
    assert!(
        late.stderr.contains(
            "2023-10-01 is not after the current version 2024-04-01 (in force on 2025-01-01)"
        ),
        "{}",
        late.stderr
    );
}

#[test]
fn an_urgent_correction_can_come_before_a_scheduled_version() {
    // 2027-04-01 is published and scheduled; a phone fix effective 2026-12-01 is needed now.
    let site = Fixture::with_versions(&[("2024-04-01", "初版"), ("2027-04-01", "目的を追加")]);
    site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"])
        .success();
    site.kohyo(&["publish", "2027-04-01", "--as-of", "2026-11-01"])
        .success();
    let new = site.kohyo(&[
        "new",
        "2026-12-01",
        "--summary",
        "電話番号の訂正",
        "--as-of",
        "2026-11-01",
    ]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    assert!(
        new.stderr.contains("from 2024-04-01"),
        "copied from the version in force: {}",
        new.stderr
    );
    let path = "content/versions/2026-12-01/notice.toml";
    site.edit(path, "03-1234-5678", "03-1234-9999");
    site.kohyo(&["publish", "2026-12-01", "--as-of", "2026-11-01"])
        .success();
    // The chain is in publication order; the history in effective order.
    let lock = site.read("kohyo.lock");
    let order: Vec<usize> = ["2024-04-01", "2027-04-01", "2026-12-01"]
        .iter()
        .map(|id| lock.find(&format!("id = \"{id}\"")).unwrap())
        .collect();
    assert!(order[0] < order[1] && order[1] < order[2], "{lock}");
    site.kohyo(&["verify"]).success();
    site.build("2026-12-15").success();
    assert!(site.read("public/index.html").contains("03-1234-9999"));
    let history = site.read("public/versions/index.html");
    let (a, b, c) = (
        history.find("2027-04-01").unwrap(),
        history.find("2026-12-01").unwrap(),
        history.find("2024-04-01").unwrap(),
    );
    assert!(a < b && b < c, "newest first by effective date");
}

#[test]
fn a_published_version_cannot_disappear() {
    let site = published_site();
    std::fs::remove_dir_all(site.path().join("content/versions/2023-04-01")).unwrap();
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("published version 2023-04-01 is missing from content/versions/"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_example_site_is_published_and_verifies() {
    let site = Fixture::example();
    site.build("2025-01-01").success();
    let run = site.kohyo(&["verify", "--site", "public"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_version_that_fails_the_statutory_check_cannot_be_published() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let path = "content/versions/2024-04-01/notice.toml";
    // Without the complaint contact (苦情の申出先).
    site.write(
        path,
        &site
            .read(path)
            .replace("type = \"contact\"", "type = \"organization\"")
            .replace("heading = \"苦情の申出先\"", "heading = \"事業者\"")
            .replace("phone = \"03-1234-5678\"\n", ""),
    );
    let run = site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("appi/complaints-missing"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("cannot be published"), "{}", run.stderr);
    assert!(!site.path().join("kohyo.lock").exists());
    assert!(!site.path().join("content/published").exists());
}

#[test]
fn restore_puts_a_published_version_back_exactly() {
    let site = Fixture::example();
    let path = "content/versions/2024-04-01/notice.toml";
    let original = site.read(path);
    site.write(
        path,
        &original.replace("保険料の徴収", "保険料の徴収（誤って編集）"),
    );
    assert_eq!(
        site.build("2026-01-01").code,
        1,
        "an edited published version fails"
    );
    let run = site.kohyo(&["restore", "2024-04-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.kohyo(&["verify"]).success();
    site.build("2026-01-01").success();
    // A deleted version folder comes back too.
    std::fs::remove_dir_all(site.path().join("content/versions/2022-04-01")).unwrap();
    site.kohyo(&["restore", "2022-04-01"]).success();
    site.kohyo(&["verify"]).success();
    // A draft has no snapshot.
    let run = site.kohyo(&["restore", "2030-01-01"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is not published"), "{}", run.stderr);
}

/// Every published version comes back from its snapshot and builds, attachments included: the
/// attachment stays a file beside notice.toml, never `[[attachments]]` in it; a missing one is
/// named with the address it is published at.
#[test]
fn restore_round_trips_every_version_with_its_attachments() {
    let site = Fixture::with_versions(&[]);
    for (date, form) in [("2024-04-01", "様式1.pdf"), ("2025-04-01", "様式2.pdf")] {
        let text = crate::common::notice(date, "版").replace(
            "第三者提供記録の開示の請求に応じます。",
            &format!("第三者提供記録の開示の請求に応じます。[請求書]({form})をお使いください。"),
        );
        site.write(&format!("content/versions/{date}/notice.toml"), &text);
        site.write_bytes(&format!("content/versions/{date}/{form}"), form.as_bytes());
        site.kohyo(&["publish", date, "--as-of", date]).success();
    }
    site.build("2025-06-01").success();
    let before = site.read("public/manifest.json");
    for (date, form) in [("2024-04-01", "様式1.pdf"), ("2025-04-01", "様式2.pdf")] {
        let path = format!("content/versions/{date}/notice.toml");
        site.write(&path, "broken = ");
        let run = site.kohyo(&["restore", date]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let restored = site.read(&path);
        assert!(!restored.contains("attachments"), "{restored}");
        // Deleted, the attachment is named with where to find it; nothing is half-written.
        std::fs::remove_file(site.path().join(format!("content/versions/{date}/{form}"))).unwrap();
        let run = site.kohyo(&["restore", date]);
        assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(form), "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("versions/{date}/")),
            "{}",
            run.stderr
        );
        site.write_bytes(&format!("content/versions/{date}/{form}"), form.as_bytes());
    }
    site.kohyo(&["verify"]).success();
    site.build("2025-06-01").success();
    assert_eq!(site.read("public/manifest.json"), before);
}

#[test]
fn a_merge_conflict_in_the_lock_is_explained() {
    let site = published_site();
    let lock = site.read("kohyo.lock");
    site.write(
        "kohyo.lock",
        &format!("{lock}<<<<<<< HEAD\n[[published]]\n=======\n[[published]]\n>>>>>>> other\n"),
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("kohyo.lock has a merge conflict"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("kohyo publish ID"), "{}", run.stderr);
}

#[test]
fn a_forged_page_with_a_forged_manifest_is_caught_by_a_rebuild_from_the_content() {
    let site = Fixture::example();
    site.build("2026-06-01").success();
    let run = site.kohyo(&["verify", "--site", "public", "--rebuild"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("identical to a rebuild from the content as of 2026-06-01")
    );
    // Someone with write access to the hosting changes the phone number on the home page and
    // writes a manifest that agrees: neither the site alone (its pages rendered again from
    // what it carries) nor the rebuild verifies.
    let page = site
        .read("public/index.html")
        .replace("022-235-5896", "022-999-9999");
    site.write("public/index.html", &page);
    let manifest = site.read("public/manifest.json");
    let mut json: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    json["files"]["index.html"] = serde_json::Value::String(kohyo::hash::hash_hex(
        &<sha2::Sha256 as sha2::Digest>::digest(page.as_bytes()),
    ));
    site.write(
        "public/manifest.json",
        &(serde_json::to_string_pretty(&json).unwrap() + "\n"),
    );
    assert_eq!(site.kohyo(&["verify", "--site", "public"]).code, 1);
    let run = site.kohyo(&["verify", "--site", "public", "--rebuild"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("FAIL index.html is not what the content as of 2026-06-01 gives"),
        "{}",
        run.stdout
    );
    // An auditor with the site alone cannot rebuild: the command says what it needs.
    let elsewhere = tempfile::tempdir().unwrap();
    let public = site.path().join("public");
    let run = crate::common::kohyo_in(
        elsewhere.path(),
        &["verify", "--site", public.to_str().unwrap(), "--rebuild"],
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("--rebuild needs the site's repository"),
        "{}",
        run.stderr
    );
}

/// `kohyo verify --site http://…`: the deployed site as readers get it, fetched (with curl) by
/// an auditor who has nothing else; a page changed on the host and a file gone are caught.
#[test]
fn a_deployed_site_is_fetched_and_verified_from_its_address() {
    if !crate::common::command("curl", "curl") {
        return;
    }
    let site = Fixture::example();
    site.build("2025-01-01").success();
    let host = site.path().join("public");
    let url = format!("http://127.0.0.1:{}/", crate::common::serve_static(&host));
    let auditor = Fixture::empty();
    let run = auditor.kohyo(&["verify", "--site", &url]);
    let out = run.output();
    // Everything matches; plain HTTP is itself a failure (anyone on the way could change it).
    assert_eq!(run.code, 1, "{out}");
    assert!(out.contains("fetched over plain HTTP"), "{out}");
    assert!(out.contains("ok   fetched"), "{out}");
    assert!(out.contains("ok   all 22 files match the hashes"), "{out}");
    assert_eq!(out.matches("FAIL").count(), 1, "{out}");

    // A phone number changed on the host, and a page removed.
    let page = host.join("versions/2024-04-01/index.html");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replacen("</main>", "<p>0120-000-000</p></main>", 1),
    )
    .unwrap();
    std::fs::remove_file(host.join("versions/2022-04-01/notice.json")).unwrap();
    let run = auditor.kohyo(&["verify", "--site", &url]);
    let out = run.output();
    assert_eq!(run.code, 1, "{out}");
    assert!(out.contains("FAIL versions/2024-04-01/index.html"), "{out}");
    assert!(
        out.contains(
            "versions/2022-04-01/notice.json could not be fetched: not found on the site (HTTP 404)"
        ),
        "{out}"
    );

    // A hostile host's manifest naming paths outside the site: refused, never fetched.
    let manifest = std::fs::read_to_string(host.join("manifest.json")).unwrap();
    let hostile = manifest.replacen(
        "\"files\": {",
        "\"files\": {\n    \"../outside.txt\": \"sha256:00\",\n    \"con.html\": \"sha256:00\",",
        1,
    );
    assert_ne!(hostile, manifest);
    std::fs::write(host.join("manifest.json"), hostile).unwrap();
    let run = auditor.kohyo(&["verify", "--site", &url]);
    let out = run.output();
    assert_eq!(run.code, 1, "{out}");
    for path in ["../outside.txt", "con.html"] {
        assert!(
            out.contains(&format!(
                "lists `{path}`, which is not a plain path inside the site"
            )),
            "{out}"
        );
    }

    // Nothing answers: trouble (exit 2), said plainly.
    let run = auditor.kohyo(&["verify", "--site", "http://127.0.0.1:9/"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cannot fetch http://127.0.0.1:9/manifest.json"),
        "{}",
        run.stderr
    );
}

/// A new SSH key without passphrase at `path` (and `path.pub`).
fn ssh_key(site: &Fixture, name: &str) {
    let status = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", name])
        .current_dir(site.path())
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_signed_chain_head_verifies_with_the_trusted_key_only() {
    if !crate::common::command("ssh-keygen", "openssh-client") {
        return;
    }
    let site = Fixture::with_versions(&[("2023-04-01", "初版"), ("2024-04-01", "目的を追加")]);
    ssh_key(&site, "publisher");
    ssh_key(&site, "stranger");
    site.kohyo(&["publish", "2023-04-01", "--as-of", "2023-04-01"])
        .success();
    let run = site.kohyo(&[
        "publish",
        "2024-04-01",
        "--sign",
        "publisher",
        "--as-of",
        "2024-04-01",
    ]);
    run.success();
    assert!(
        run.stderr.contains("signed with publisher"),
        "{}",
        run.stderr
    );
    assert!(site.read("kohyo.lock").contains("BEGIN SSH SIGNATURE"));
    site.build("2025-01-01").success();
    assert!(
        site.read("public/manifest.json")
            .contains("BEGIN SSH SIGNATURE")
    );

    // The repository and the site, with the publisher's key: the head is signed.
    for args in [
        vec!["verify", "--trusted-key", "publisher.pub"],
        vec![
            "verify",
            "--site",
            "public",
            "--trusted-key",
            "publisher.pub",
        ],
    ] {
        let run = site.kohyo(&args);
        assert_eq!(run.code, 0, "{args:?}\n{}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("2024-04-01 is signed by a trusted key"),
            "{}",
            run.stdout
        );
    }
    let log = site.kohyo(&["log", "--as-of", "2025-01-01"]);
    assert!(
        log.stdout.contains("published, signed, current"),
        "{}",
        log.stdout
    );
    assert!(
        log.stdout.contains("published, superseded"),
        "{}",
        log.stdout
    );
    // Another key: the signature does not verify.
    let run = site.kohyo(&[
        "verify",
        "--site",
        "public",
        "--trusted-key",
        "stranger.pub",
    ]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("FAIL manifest.json: the signature of 2024-04-01 does not verify"),
        "{}",
        run.stdout
    );

    // A later version published without signing leaves the head unsigned.
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &notice("2025-04-01", "改定"),
    );
    site.kohyo(&["publish", "2025-04-01", "--as-of", "2025-01-01"])
        .success();
    let run = site.kohyo(&["verify", "--trusted-key", "publisher.pub"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("the latest published version, 2025-04-01, is not signed"),
        "{}",
        run.stdout
    );

    // A key that is not a key: refused before anything is written.
    site.write(
        "content/versions/2026-04-01/notice.toml",
        &notice("2026-04-01", "改定"),
    );
    let before = site.read("kohyo.lock");
    let run = site.kohyo(&[
        "publish",
        "2026-04-01",
        "--as-of",
        "2025-01-01",
        "--sign",
        "publisher.pub.missing",
    ]);
    assert_ne!(run.code, 0);
    assert_eq!(site.read("kohyo.lock"), before);
}
