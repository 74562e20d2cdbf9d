//! The promises to auditors and CI (issue #25): nothing unpublished goes live, the history
//! cannot be backdated or rewritten unseen, every page is proven from the site alone, CI
//! never sticks on what it cannot change, and a published version comes back exactly.

use std::fs;

use crate::common::{Fixture, kohyo_as_is, notice};

/// Break 1: A site whose template was never filled and never published does not go live.
#[test]
fn an_unpublished_template_is_never_built_as_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    kohyo_as_is(dir.path(), &["init", "site"]).success();
    let site = dir.path().join("site");
    let run = kohyo_as_is(&site, &["build"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("no version is published yet"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("kohyo publish"), "{}", run.stderr);
    assert!(run.stderr.contains("--drafts"), "{}", run.stderr);
    assert!(!site.join("public").exists());
    // A preview shows the draft, marked 草案 on every page.
    kohyo_as_is(&site, &["build", "--drafts"]).success();
    for page in ["public/index.html", "public/versions/index.html"] {
        let html = fs::read_to_string(site.join(page)).unwrap();
        assert!(html.contains("草案"), "{page}");
    }
    // And it cannot be published with its placeholders.
    let id = fs::read_dir(site.join("content/versions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name();
    let run = kohyo_as_is(&site, &["publish", id.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/placeholder"), "{}", run.stderr);
}

/// A site of one published version, built into `public/`.
fn built_site() -> Fixture {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"])
        .success();
    site.build("2025-01-01").success();
    site
}

/// Rewrites the hash of `path` in the built site's manifest to agree with its bytes.
fn forge_manifest(site: &Fixture, path: &str) {
    let manifest_path = "public/manifest.json";
    let mut manifest: serde_json::Value = serde_json::from_str(&site.read(manifest_path)).unwrap();
    let bytes = fs::read(site.path().join("public").join(path)).unwrap();
    manifest["files"][path] = kohyo::hash::sha256(&bytes).into();
    site.write(
        manifest_path,
        &format!("{}\n", serde_json::to_string_pretty(&manifest).unwrap()),
    );
}

/// Break 2: A page changed on the host is found from the site alone, with or without a manifest
/// forged to agree, by an auditor who has only the site and a recorded head.
#[test]
fn a_forged_page_is_found_from_the_site_alone() {
    let site = built_site();
    let head: serde_json::Value = serde_json::from_str(&site.read("public/manifest.json")).unwrap();
    let head = head["chain_head"].as_str().unwrap().to_owned();
    let auditor = tempfile::tempdir().unwrap();
    let verify = |site: &Fixture| {
        let public = site.path().join("public");
        kohyo_as_is(
            auditor.path(),
            &[
                "verify",
                "--site",
                public.to_str().unwrap(),
                "--expect-head",
                &head,
            ],
        )
    };
    let run = verify(&site);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("identical to a rebuild from its published versions"),
        "{}",
        run.stdout
    );
    site.edit("public/index.html", "03-1234-5678", "03-9999-0000");
    // The real manifest: the hash differs.
    let run = verify(&site);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("FAIL index.html has been changed"),
        "{}",
        run.stdout
    );
    // A manifest forged to agree: the page is not what its published content renders to.
    forge_manifest(&site, "index.html");
    let run = verify(&site);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("FAIL index.html is not what its published versions"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("FAIL index.html has been changed"),
        "{}",
        run.stdout
    );
    // A page rendered by another kohyo cannot be proven by this one: said, exit 2.
    let site = built_site();
    site.edit(
        "public/manifest.json",
        "\"generator\": \"kohyo ",
        "\"generator\": \"kohyo 0.0.0-other ",
    );
    let run = verify(&site);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("UNPROVEN the pages were rendered by kohyo 0.0.0-other"),
        "{}",
        run.stdout
    );
}

/// Break 2: A site of several documents with a theme of its own is rendered again from what it
/// carries, byte for byte.
#[test]
fn a_site_with_its_own_theme_and_documents_is_proven_from_the_site_alone() {
    let site = Fixture::empty();
    crate::common::copy_dir(
        &crate::common::repo_root().join("tests/fixtures/kitchen-sink"),
        site.path(),
    );
    site.write(
        "themes/default/templates/partials/blocks/note.html",
        "<aside class=\"note own-theme\">{{ block.html | safe }}</aside>\n",
    );
    site.write(
        "themes/default/static/extra.css",
        ".own-theme { color: #333; }\n",
    );
    let run = site.kohyo(&["build", "--as-of", "2026-01-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let source = site.read("public/kohyo-source.json");
    assert!(source.contains("own-theme"), "{source}");
    let elsewhere = tempfile::tempdir().unwrap();
    let public = site.path().join("public");
    let run = kohyo_as_is(
        elsewhere.path(),
        &["verify", "--site", public.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

/// Break 3: History is not backdated by accident; a retroactive publication says why and when.
#[test]
fn a_version_is_not_published_after_it_took_effect_without_a_reason() {
    let site = Fixture::with_versions(&[("2026-11-01", "改定")]);
    let run = site.kohyo(&["publish", "2026-11-01", "--as-of", "2026-12-04"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("before today (2026-12-04)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("kohyo new 2026-12-04"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("kohyo.lock").exists());
    let run = site.kohyo(&[
        "publish",
        "2026-11-01",
        "--as-of",
        "2026-12-04",
        "--retroactive",
        "従来のホームページで公表済み",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lock = site.read("kohyo.lock");
    assert!(lock.contains("従来のホームページで公表済み"), "{lock}");
    assert!(lock.contains("2026-12-04"), "{lock}");
    site.build("2026-12-04").success();
    for page in [
        "public/versions/2026-11-01/index.html",
        "public/versions/index.html",
    ] {
        let html = site.read(page);
        assert!(html.contains("従来のホームページで公表済み"), "{page}");
    }
}

/// Break 4: The head recorded at the last audit is an ancestor when versions were only added; a
/// head of another history fails.
#[test]
fn an_older_recorded_head_is_an_ancestor_not_a_rewrite() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版"), ("2025-04-01", "改定")]);
    site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"])
        .success();
    site.build("2024-06-01").success();
    let m: serde_json::Value = serde_json::from_str(&site.read("public/manifest.json")).unwrap();
    let old_head = m["chain_head"].as_str().unwrap().to_owned();
    site.kohyo(&["publish", "2025-04-01", "--as-of", "2025-04-01"])
        .success();
    site.build("2025-06-01").success();
    let run = site.kohyo(&["verify", "--site", "public", "--expect-head", &old_head]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("1 version(s) were published since: 2025-04-01"),
        "{}",
        run.stdout
    );
    let other = format!("sha256:{}", "0".repeat(64));
    let run = site.kohyo(&["verify", "--site", "public", "--expect-head", &other]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("is not the head of any version of this history"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2025-04-01 sha256:"), "{}", run.stdout);
}

/// Break 5: A warning published knowingly never fails CI later; a draft with a syntax error never
/// stops the published site from building (check still reports it).
#[test]
fn ci_never_sticks_on_what_it_cannot_change() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let settings = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("{settings}\n[appi]\ncorporation = false\naccredited = false\nfees = false\nforeign = false\n"),
    );
    site.edit(
        "content/versions/2024-04-01/notice.toml",
        "03-1234-5678",
        "0312345678",
    );
    let run = site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("--accept-warnings"), "{}", run.stderr);
    site.kohyo(&[
        "publish",
        "2024-04-01",
        "--as-of",
        "2024-04-01",
        "--accept-warnings",
    ])
    .success();
    assert!(site.read("kohyo.lock").contains("accepted_warnings"));
    let run = site.kohyo(&["check", "--deny-warnings", "--as-of", "2025-01-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("accepted when it was published"),
        "{}",
        run.stderr
    );
    // A broken draft: the published site still builds, with a warning; check fails on it.
    site.write(
        "content/versions/2025-04-01/notice.toml",
        "effective = 2025-04-01\ntitle = \"",
    );
    let run = site.build("2025-06-01");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("left out of the published site"),
        "{}",
        run.stderr
    );
    assert!(site.read("public/index.html").contains("0312345678"));
    let run = site.kohyo(&["check", "--as-of", "2025-06-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // What a deployment checks: the published versions only.
    let run = site.kohyo(&[
        "check",
        "--published",
        "--deny-warnings",
        "--as-of",
        "2025-06-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Where the draft is reviewed: compared with the version in force before it.
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &notice("2025-04-01", "改定"),
    );
    let run = site.kohyo(&["diff", "before", "2025-04-01", "--format", "markdown"]);
    assert!(run.code <= 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("2024-04-01 → 2025-04-01"),
        "{}",
        run.stdout
    );
    site.write(
        "content/versions/2025-04-01/notice.toml",
        "effective = 2025-04-01\ntitle = \"",
    );
    // A published version that does not load still stops the build.
    site.edit(
        "content/versions/2024-04-01/notice.toml",
        "title = ",
        "title = \n",
    );
    let run = site.build("2025-06-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
}

/// Exit codes: trouble is 2, as README says.
#[test]
fn not_a_site_missing_folders_and_malformed_ids_are_trouble() {
    let empty = tempfile::tempdir().unwrap();
    for args in [
        vec!["build"],
        vec!["check"],
        vec!["log"],
        vec!["new", "2025-01-01"],
        vec!["publish", "2025-01-01"],
        vec!["restore", "2025-01-01"],
        vec!["verify"],
    ] {
        let run = kohyo_as_is(empty.path(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("not a kohyo site"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = kohyo_as_is(
        empty.path(),
        &["new", "2025-01-01", "--root", "/nonexistent/kohyo"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("there is no folder /nonexistent/kohyo"),
        "{}",
        run.stderr
    );
    let run = kohyo_as_is(empty.path(), &["verify", "--site", "no-such-folder"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("there is no folder no-such-folder"),
        "{}",
        run.stderr
    );
    let site = built_site();
    for args in [["publish", "2024-13-01"], ["restore", "abc"]] {
        let run = site.kohyo(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
}

/// A server that does not speak TLS where https:// was asked: the failure says TLS.
#[test]
fn a_tls_failure_says_so() {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        }
    });
    if !crate::common::command("curl", "curl") {
        return;
    }
    let empty = tempfile::tempdir().unwrap();
    let url = format!("https://127.0.0.1:{port}/");
    let run = kohyo_as_is(empty.path(), &["verify", "--site", &url]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("TLS"), "{}", run.stderr);
}
