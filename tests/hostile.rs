//! Hostile and broken input, and faults: script injection on every page kind, dangerous output
//! directories, symbolic links, deep nesting, killed and concurrent builds, a full disk, and
//! path traversal against `kohyo serve`.

mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Fixture, notice, tree};

/// Builds a site whose every plain-text field carries markup, and whose second version changes
/// them, so the current, version, history and diff pages and the feed all show them.
#[test]
fn markup_in_content_is_inert_on_every_page_kind() {
    let evil = |n: &str| -> String {
        notice("2024-04-01", &format!("<script>alert({n})</script>"))
            .replace("資格に関する情報", &format!("<img src=x onerror=alert({n})>"))
            .replace("加入者の管理", &format!("\\\"><script>alert({n})</script>"))
            .replace("苦情の申出先", &format!("<svg onload=alert({n})>"))
            .replace(
                "[[sections]]\nnumber = \"2.\"",
                "[[sections.blocks]]\ntype = \"text\"\ntext = \"&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62; [x](https://e.jp/\\\"onmouseover=alert(1))\"\n\n[[sections]]\nnumber = \"2.\"",
            )
    };
    let site = Fixture::with_versions(&[]);
    site.write("content/versions/2024-04-01/notice.toml", &evil("1"));
    site.write(
        "content/versions/2025-04-01/notice.toml",
        &evil("2").replace("effective = 2024-04-01", "effective = 2025-04-01"),
    );
    site.build("2025-05-01").success();
    let pages = tree(&site.path().join("public"));
    let kinds = [
        "index.html",
        "versions/index.html",
        "versions/2024-04-01/index.html",
        "versions/2025-04-01/diff/index.html",
        "feed.xml",
    ];
    for kind in kinds {
        assert!(pages.iter().any(|(p, _)| p == kind), "{kind} was not built");
    }
    for (path, bytes) in &pages {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            for (tag, attrs) in common::start_tags(&text) {
                assert!(
                    !["script", "img", "svg", "iframe", "object"].contains(&tag.as_str()),
                    "{path} has a <{tag}> tag"
                );
                for attr in attrs {
                    assert!(
                        !attr.starts_with("on"),
                        "{path}: <{tag}> has an event handler {attr}"
                    );
                }
            }
            assert!(
                !text.contains("href=javascript") && !text.contains("href=\"javascript"),
                "{path}"
            );
        }
        if path.ends_with(".xml") {
            assert!(
                !text.contains("<script") && !text.contains("<img"),
                "{path}"
            );
        }
    }
    let diff = String::from_utf8_lossy(
        &pages
            .iter()
            .find(|(p, _)| p == "versions/2025-04-01/diff/index.html")
            .unwrap()
            .1,
    )
    .into_owned();
    assert!(
        diff.contains("alert(1)") && diff.contains("alert(2)"),
        "the diff shows both as text"
    );
}

#[test]
fn javascript_and_data_urls_are_refused_in_every_markdown_field() {
    for (field_from, field_to) in [
        (
            "name = \"テスト健康保険組合\"\npostal",
            "name = \"テスト健康保険組合\"\nnote = \"[x](javascript:alert(1))\"\npostal",
        ),
        (
            "purposes = [\"加入者の管理\", \"保険料の徴収\"]",
            "purposes = [\"加入者の管理\", \"保険料の徴収\"]\n\n[[sections.blocks]]\ntype = \"list\"\nitems = [\"[x](data:text/html,<script>alert(1)</script>)\"]",
        ),
        (
            "purposes = [\"加入者の管理\", \"保険料の徴収\"]",
            "purposes = [\"加入者の管理\", \"保険料の徴収\"]\n\n[[sections.blocks]]\ntype = \"table\"\ncolumns = [\"a\"]\nrows = [[[\"[x]( JAVASCRIPT:alert(1))\"]]]",
        ),
    ] {
        let site = Fixture::with_versions(&[]);
        let text = notice("2024-04-01", "s").replace(field_from, field_to);
        site.write("content/versions/2024-04-01/notice.toml", &text);
        let run = site.build("2025-01-01");
        assert_eq!(run.code, 1, "{field_to}: {}", run.stderr);
        assert!(run.stderr.contains("are not allowed"), "{}", run.stderr);
    }
}

#[test]
fn deeply_nested_markdown_neither_crashes_nor_hangs() {
    let nested_quotes = format!("{}深い", "> ".repeat(20_000));
    let nested_lists: String = (0..500)
        .map(|i| format!("{}- 項目\n", "  ".repeat(i)))
        .collect();
    let brackets = format!("{}x{}", "[".repeat(20_000), "]".repeat(20_000));
    let emphasis = "*_".repeat(20_000);
    for (name, md) in [
        ("quotes", nested_quotes),
        ("lists", nested_lists),
        ("brackets", brackets),
        ("emphasis", emphasis),
    ] {
        let site = Fixture::with_versions(&[]);
        let text = notice("2024-04-01", "s").replace(
            "[[sections]]\nnumber = \"2.\"",
            "[[sections.blocks]]\ntype = \"text\"\nfile = \"deep.md\"\n\n[[sections]]\nnumber = \"2.\"",
        );
        site.write("content/versions/2024-04-01/notice.toml", &text);
        site.write("content/versions/2024-04-01/deep.md", &md);
        let run = site.build("2025-01-01");
        assert!(
            run.code == 0 || run.code == 1,
            "{name}: exit {} {}",
            run.code,
            run.stderr
        );
        if name == "quotes" || name == "lists" {
            assert!(
                run.stderr.contains("nested more than 32 levels"),
                "{name}: {}",
                run.stderr
            );
        }
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("overflow"),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn symbolic_link_loops_in_content_are_errors_not_hangs() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let versions = site.path().join("content/versions");
    std::os::unix::fs::symlink(&versions, versions.join("2025-01-01")).unwrap();
    std::os::unix::fs::symlink(versions.join("2026-01-01"), versions.join("2026-01-01")).unwrap();
    let v = versions.join("2024-04-01");
    std::os::unix::fs::symlink(v.join("loop.md"), v.join("loop.md")).unwrap();
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &notice("2024-04-01", "s").replace("[[sections]]\nnumber = \"2.\"", "[[sections.blocks]]\ntype = \"text\"\nfile = \"loop.md\"\n\n[[sections]]\nnumber = \"2.\""),
    );
    let run = site.kohyo(&[
        "build",
        "--as-of",
        "2025-01-01",
        "--message-format",
        "short",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/versions/2024-04-01/notice.toml:19:8: error: sections[0].blocks[1].file: `loop.md`: cannot read"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/versions/2025-01-01/notice.toml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/versions/2026-01-01"),
        "{}",
        run.stderr
    );
}

#[test]
fn cleaning_the_output_never_follows_a_symbolic_link_out_of_it() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.build("2025-01-01").success();
    let outside = Fixture::empty();
    outside.write("keep/precious.txt", "keep me");
    std::os::unix::fs::symlink(outside.path().join("keep"), site.path().join("public/link"))
        .unwrap();
    site.build("2025-01-02").success();
    assert_eq!(outside.read("keep/precious.txt"), "keep me");
    assert!(
        !site.path().join("public/link").exists(),
        "the link was removed with the old output"
    );
}

#[test]
fn the_output_may_not_be_a_symbolic_link_or_the_home_directory() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let elsewhere = Fixture::empty();
    std::os::unix::fs::symlink(elsewhere.path(), site.path().join("public")).unwrap();
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 3);
    assert!(run.stderr.contains("is a symbolic link"), "{}", run.stderr);

    let home = Fixture::empty();
    home.write(".kohyo-output", "");
    let out = Command::new(env!("CARGO_BIN_EXE_kohyo"))
        .args(["build", "--as-of", "2025-01-01", "--out"])
        .arg(home.path())
        .current_dir(site.path())
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("it is your home directory"));
}

/// A site big enough that a build takes a while.
fn big_site(n: usize) -> Fixture {
    let site = Fixture::with_versions(&[]);
    let mut date = jiff::civil::date(1990, 1, 1);
    for i in 0..n {
        let d = date.to_string();
        let text =
            notice(&d, &format!("改定{i}")).replace("保険料の徴収", &format!("保険料の徴収{i}"));
        site.write(&format!("content/versions/{d}/notice.toml"), &text);
        date = date.checked_add(jiff::Span::new().days(7)).unwrap();
    }
    site
}

#[test]
fn a_killed_build_leaves_a_complete_site_and_no_debris() {
    let site = big_site(600);
    site.build("2030-01-01").success();
    let old = tree(&site.path().join("public"));
    let mut last_new = None;
    for delay_ms in [5, 30, 80, 150, 300] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kohyo"))
            .args(["build", "--as-of", "2031-01-01", "-q"])
            .current_dir(site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&site.path().join("public"));
        let is_old = now == old;
        if !is_old {
            // Killed after the swap: the new site must be complete.
            site.kohyo(&["build", "--as-of", "2031-01-01", "--out", "fresh"])
                .success();
            let fresh = last_new.get_or_insert_with(|| tree(&site.path().join("fresh")));
            assert!(
                now == *fresh,
                "killed after {delay_ms} ms: the output is neither the old nor the new site"
            );
        }
    }
    // The next build succeeds and leaves nothing behind.
    site.build("2030-01-01").success();
    assert_eq!(tree(&site.path().join("public")), old);
    let debris: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".kohyo-tmp-") || n.contains(".kohyo-old-"))
        .collect();
    assert!(debris.is_empty(), "{debris:?}");
}

#[test]
fn two_builds_at_once_take_turns_and_leave_a_complete_site() {
    let site = big_site(200);
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_kohyo"))
            .args(["build", "--as-of", "2030-01-01", "-q"])
            .current_dir(site.path())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    site.kohyo(&["build", "--as-of", "2030-01-01", "--out", "single"])
        .success();
    assert!(tree(&site.path().join("public")) == tree(&site.path().join("single")));
}

#[test]
fn a_full_disk_is_reported_with_the_path_and_the_old_output_stays() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.build("2025-01-01").success();
    let old = tree(&site.path().join("public"));
    // Files may grow to 4 KB only: writing the first page fails as on a full disk.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 8; exec '{}' build --as-of 2025-01-02",
            env!("CARGO_BIN_EXE_kohyo")
        ))
        .current_dir(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("cannot write")
            && stderr.contains(".kohyo-tmp-")
            && stderr.contains("File too large"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the previous output, if any, is unchanged"),
        "{stderr}"
    );
    assert_eq!(tree(&site.path().join("public")), old);
}

fn http_get(port: u16, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

#[test]
fn serve_binds_loopback_and_serves_only_the_built_site() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write("secret.txt", "do not serve");
    std::fs::create_dir_all(site.path().join("themes/default/static")).unwrap();
    std::os::unix::fs::symlink(
        site.path().join("secret.txt"),
        site.path().join("themes/default/static/link.txt"),
    )
    .unwrap();
    let (_serve, port) = common::spawn_serve(site.path(), &["--as-of", "2025-01-01"]);
    let home = http_get(port, "/");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    for bad in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/versions/../../secret.txt",
        "/link.txt",
        "/%00",
    ] {
        let response = http_get(port, bad);
        assert!(
            response.starts_with("HTTP/1.1 404"),
            "{bad}: {}",
            &response[..response.len().min(80)]
        );
        assert!(!response.contains("do not serve"), "{bad}");
    }
}
