//! Hostile and broken input, and faults: script injection on every page kind, dangerous output
//! directories, symbolic links, deep nesting, killed and concurrent builds, a full disk, and
//! path traversal against `kohyo serve`.

#[cfg(unix)]
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{Fixture, notice, tree};

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
            for (tag, attrs) in crate::common::start_tags(&text) {
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
            "name = \"例示健康保険組合\"\npostal",
            "name = \"例示健康保険組合\"\nnote = \"[x](javascript:alert(1))\"\npostal",
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

#[cfg(unix)]
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
    assert!(run.stderr.contains("content/versions/2024-04-01/notice.toml:19:8: error: sections[0].blocks[1].file: `loop.md`: `content/versions/2024-04-01/loop.md` is a symbolic link"), "{}", run.stderr);
    for link in ["2025-01-01", "2026-01-01"] {
        assert!(
            run.stderr.contains(&format!(
                "content/versions/{link}: error: this version folder is a symbolic link"
            )),
            "{}",
            run.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn cleaning_the_output_never_follows_a_symbolic_link_out_of_it() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.build("2025-01-01").success();
    let outside = Fixture::empty();
    outside.write("keep/precious.txt", "keep me");
    std::os::unix::fs::symlink(outside.path().join("keep"), site.path().join("public/link"))
        .unwrap();
    // And one level down, where folders are removed in parallel.
    std::os::unix::fs::symlink(
        outside.path().join("keep"),
        site.path().join("public/versions/link"),
    )
    .unwrap();
    site.build("2025-01-02").success();
    assert_eq!(outside.read("keep/precious.txt"), "keep me");
    assert!(
        !site.path().join("public/link").exists()
            && !site.path().join("public/versions/link").exists(),
        "the links were removed with the old output"
    );
}

#[cfg(unix)]
#[test]
fn the_output_may_not_be_a_symbolic_link_or_the_home_directory() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let elsewhere = Fixture::empty();
    std::os::unix::fs::symlink(elsewhere.path(), site.path().join("public")).unwrap();
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 3);
    assert!(
        run.stderr
            .contains("passes through the symbolic link `public`"),
        "{}",
        run.stderr
    );
    let run = site.kohyo(&["build", "--as-of", "2025-01-01", "--out", "public"]);
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
        crate::common::publish_for_the_test(site.path(), &["build"]);
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
    crate::common::publish_for_the_test(site.path(), &["build"]);
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

#[cfg(unix)]
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
    let serve = crate::common::spawn_serve(site.path(), &["--as-of", "2025-01-01"]);
    let home = serve.get("/");
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
        let response = serve.get(bad);
        assert!(
            response.starts_with("HTTP/1.1 404"),
            "{bad}: {}",
            &response[..response.len().min(80)]
        );
        assert!(!response.contains("do not serve"), "{bad}");
    }
}

// ---- Issue 11: nothing lost, nothing leaked ----

/// A folder outside the site with something precious in it.
fn victim() -> Fixture {
    let v = Fixture::empty();
    v.write("precious/data.txt", "keep");
    v
}

#[test]
fn an_output_path_too_long_to_examine_is_refused_not_deleted() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let v = victim();
    // Longer than PATH_MAX: the path cannot be examined, but would resolve to the victim.
    let out = format!("{}{}precious", v.path().display(), "/".repeat(5000));
    let run = site.kohyo(&["build", "--as-of", "2025-01-01", "--out", &out]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    assert_eq!(v.read("precious/data.txt"), "keep");
}

#[cfg(unix)]
#[test]
fn output_dir_in_site_toml_may_not_pass_through_a_symbolic_link() {
    let v = victim();
    for (link_to, output_dir) in [
        (
            v.path().to_path_buf(),
            format!("{}h/precious", "./".repeat(2100)),
        ),
        (v.path().to_path_buf(), "h/precious".to_owned()),
        (
            std::path::PathBuf::from("content"),
            "h/published".to_owned(),
        ),
    ] {
        let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
        let link_to = if link_to.is_relative() {
            site.path().join(link_to)
        } else {
            link_to
        };
        std::os::unix::fs::symlink(&link_to, site.path().join("h")).unwrap();
        site.write(
            "site.toml",
            &crate::common::SITE_TOML.replacen(
                "[organization]",
                &format!("output_dir = \"{output_dir}\"\n\n[organization]"),
                1,
            ),
        );
        site.write("content/notes.txt", "keep");
        let run = site.build("2025-01-01");
        assert_eq!(run.code, 3, "{output_dir}: {}", run.stderr);
        assert!(run.stderr.contains("symbolic link `h`"), "{}", run.stderr);
        assert_eq!(v.read("precious/data.txt"), "keep");
        assert_eq!(site.read("content/notes.txt"), "keep");
    }
}

#[test]
fn the_home_folder_and_its_parents_are_refused_even_with_a_marker() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let outer = Fixture::empty();
    outer.write(".kohyo-output", "");
    outer.write("home/.kohyo-output", "");
    crate::common::publish_for_the_test(site.path(), &["build"]);
    let out = Command::new(env!("CARGO_BIN_EXE_kohyo"))
        .args(["build", "--as-of", "2025-01-01", "--out"])
        .arg(outer.path())
        .current_dir(site.path())
        .env("HOME", outer.path().join("home"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds your home directory"));
}

#[cfg(unix)]
#[test]
fn content_files_that_are_symbolic_links_are_refused_and_never_published() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let outside = Fixture::empty();
    outside.write("secret.md", "SECRET-TOKEN-x9");
    let v = site.path().join("content/versions/2024-04-01");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), v.join("policy.md")).unwrap();
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &notice("2024-04-01", "初版").replace(
            "[[sections]]\nnumber = \"2.\"",
            "[[sections.blocks]]\ntype = \"text\"\nfile = \"policy.md\"\n\n[[sections]]\nnumber = \"2.\"",
        ),
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("policy.md` is a symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists());

    // /proc/self/environ, the classic: never read.
    std::fs::remove_file(v.join("policy.md")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", v.join("policy.md")).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_kohyo"))
        .args(["build", "--as-of", "2025-01-01", "--drafts"])
        .current_dir(site.path())
        .env("CI_TOKEN", "SECRET-TOKEN-x9")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&run.stderr).contains("SECRET-TOKEN"));
}

#[cfg(unix)]
#[test]
fn a_version_folder_linking_outside_the_site_is_refused() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let outside = Fixture::with_versions(&[("2025-04-01", "外部")]);
    std::os::unix::fs::symlink(
        outside.path().join("content/versions/2025-04-01"),
        site.path().join("content/versions/2025-04-01"),
    )
    .unwrap();
    let run = site.build("2025-05-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("this version folder is a symbolic link"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(site.path().join("content/versions/2025-04-01")).unwrap();
    // The versions folder itself, and content/.
    std::fs::rename(site.path().join("content"), site.path().join("real")).unwrap();
    std::os::unix::fs::symlink(site.path().join("real"), site.path().join("content")).unwrap();
    let run = site.build("2025-05-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("`content` is a symbolic link"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_device_as_a_content_file_is_an_error_not_a_hang() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let notice_path = site.path().join("content/versions/2024-04-01/notice.toml");
    std::fs::remove_file(&notice_path).unwrap();
    let c = std::ffi::CString::new(notice_path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let mut child = Command::new(env!("CARGO_BIN_EXE_kohyo"))
        .args(["build", "--as-of", "2025-01-01"])
        .current_dir(site.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("kohyo hung on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("named pipe"), "{stderr}");
    // A device.
    std::fs::remove_file(&notice_path).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &notice_path).unwrap();
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn the_diff_of_100000_changed_items_stays_in_linear_memory() {
    let site = Fixture::with_versions(&[]);
    let list = |prefix: &str| -> String {
        let items: Vec<String> = (0..100_000).map(|i| format!("\"{prefix}{i}\"")).collect();
        items.join(",")
    };
    for (date, prefix) in [("2024-04-01", "旧項目"), ("2025-04-01", "新しい別の文")] {
        site.write(
            &format!("content/versions/{date}/notice.toml"),
            &notice(date, "s").replace(
                "[[sections]]\nnumber = \"2.\"",
                &format!("[[sections.blocks]]\ntype = \"list\"\nitems = [{}]\n\n[[sections]]\nnumber = \"2.\"", list(prefix)),
            ),
        );
    }
    let start = std::time::Instant::now();
    crate::common::publish_for_the_test(site.path(), &["diff"]);
    let out = Command::new(env!("CARGO_BIN_EXE_kohyo"))
        .args(["diff", "2024-04-01", "2025-04-01", "--format", "json"])
        .current_dir(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Peak memory of the largest child so far: the old table needed 40 GB here.
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    let peak_mb = usage.ru_maxrss / 1024;
    assert!(peak_mb < 1024, "peak {peak_mb} MB");
    eprintln!(
        "100,000 changed items: {peak_mb} MB peak, {:?}",
        start.elapsed()
    );
}

#[test]
fn the_published_history_cannot_shrink_silently() {
    // The last lock entry deleted: the chain is still valid, but the snapshot stays.
    let site = Fixture::example();
    let lock = site.read("kohyo.lock");
    let last = lock.rfind("[[published]]").unwrap();
    site.write("kohyo.lock", &lock[..last]);
    let run = site.build("2026-01-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("has a snapshot of a published version but no entry in kohyo.lock"),
        "{}",
        run.stderr
    );
    let run = site.kohyo(&["verify"]);
    assert_ne!(run.code, 0, "{}", run.stdout);

    // kohyo.lock deleted while snapshots remain.
    let site = Fixture::example();
    std::fs::remove_file(site.path().join("kohyo.lock")).unwrap();
    let run = site.build("2026-01-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("kohyo.lock is missing"),
        "{}",
        run.stderr
    );
    let run = site.kohyo(&["-q", "build", "--as-of", "2026-01-01"]);
    assert_eq!(run.code, 1, "-q does not hide it: {}", run.stderr);

    // A snapshot deleted.
    let site = Fixture::example();
    std::fs::remove_file(site.path().join("content/published/2024-04-01.json")).unwrap();
    let run = site.build("2026-01-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the snapshot of published version 2024-04-01 is missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn publish_never_overwrites_an_existing_snapshot() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write("content/published/2024-04-01.json", "{\"forged\": true}\n");
    let run = site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        site.read("content/published/2024-04-01.json"),
        "{\"forged\": true}\n"
    );
    assert!(!site.path().join("kohyo.lock").exists());
}

#[test]
fn two_publications_at_once_are_both_recorded() {
    for round in 0..6 {
        let site = Fixture::with_versions(&[
            ("2024-04-01", "初版"),
            ("2025-04-01", "改定"),
            ("2026-04-01", "再改定"),
        ]);
        site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"])
            .success();
        let spawn = |id: &str| {
            Command::new(env!("CARGO_BIN_EXE_kohyo"))
                .args(["publish", id, "--as-of", id])
                .current_dir(site.path())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("2025-04-01"), spawn("2026-04-01"));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let lock = site.read("kohyo.lock");
        let entries = lock.matches("[[published]]").count();
        let successes = [a.status.success(), b.status.success()]
            .iter()
            .filter(|s| **s)
            .count();
        assert_eq!(
            entries,
            1 + successes,
            "round {round}: a publication was lost:\n{lock}"
        );
        // The later id must be published second, so one of the two orders may refuse; what
        // succeeded is recorded.
        assert!(successes >= 1, "round {round}");
        site.kohyo(&["verify"]).success();
    }
}

#[test]
fn terminal_control_characters_in_content_are_refused_and_shown_escaped() {
    for (what, text) in [
        ("escape", "\\u001b[2K\\u001b[1A消える目的"),
        ("C1", "\\u009b2K目的"),
        ("bidi", "目的\\u202e逆順"),
        ("noncharacter", "目的\\uFFFE"),
    ] {
        let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
        site.write(
            "content/versions/2024-04-01/notice.toml",
            &notice("2024-04-01", "初版").replace("保険料の徴収", text),
        );
        let run = site.build("2025-01-01");
        assert_eq!(run.code, 1, "{what}: {}", run.stderr);
        assert!(
            run.stderr.contains("this text contains"),
            "{what}: {}",
            run.stderr
        );
        assert!(
            !run.stderr
                .contains(['\u{1b}', '\u{9b}', '\u{202e}', '\u{fffe}']),
            "{what}: printed raw: {:?}",
            run.stderr
        );
    }
    // Written raw into the file, and in a Markdown file.
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.write(
        "content/versions/2024-04-01/notice.toml",
        &notice("2024-04-01", "初版").replace("保険料の徴収", "保険料\u{202e}の徴収"),
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("\\u{202e}"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{202e}'), "{:?}", run.stderr);
}

#[test]
fn base_url_must_be_a_plain_web_address() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    for bad in [
        "javascript:alert(1)//",
        "https://example.jp/\nDisallow: /",
        "https:// x",
        "//x.jp/",
    ] {
        let run = site.kohyo(&["build", "--as-of", "2025-01-01", "--base-url", bad]);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
    }
    site.write(
        "site.toml",
        &crate::common::SITE_TOML.replace(
            "base_url = \"https://example.or.jp/kojin-joho/\"",
            "base_url = \"https://example.or.jp/\\nDisallow: /\"",
        ),
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.path().join("public").exists());
}

#[test]
fn leftovers_of_a_killed_build_are_cleared_and_nothing_else() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    // Killed while the old output was being removed (marker still there), and killed right
    // after making its folder (empty, no marker yet).
    site.write(".public.kohyo-tmp-11111/.kohyo-output", "x");
    site.write(".public.kohyo-tmp-11111/versions/x.html", "half-removed");
    std::fs::create_dir(site.path().join(".public.kohyo-tmp-22222")).unwrap();
    site.write(
        ".public.kohyo-tmp-33333/mine.txt",
        "someone else's, no marker",
    );
    site.build("2025-01-01").success();
    assert!(!site.path().join(".public.kohyo-tmp-11111").exists());
    assert!(!site.path().join(".public.kohyo-tmp-22222").exists());
    assert_eq!(
        site.read(".public.kohyo-tmp-33333/mine.txt"),
        "someone else's, no marker"
    );
}

#[cfg(unix)]
#[test]
fn verify_reads_no_fifo_and_checks_every_file_of_the_site() {
    let site = Fixture::example();
    site.build("2026-01-01").success();
    site.kohyo(&["verify", "--site", "public"]).success();
    // With only the site, as an auditor who downloaded it.
    let auditor = Fixture::empty();
    crate::common::copy_dir(&site.path().join("public"), &auditor.path().join("site"));
    auditor.kohyo(&["verify", "--site", "site"]).success();

    // A rewritten phone number on the home page.
    let index = auditor.read("site/index.html");
    auditor.write(
        "site/index.html",
        &index.replace("022-235-5896", "03-0000-0000"),
    );
    let run = auditor.kohyo(&["verify", "--site", "site"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("index.html has been changed"),
        "{}",
        run.stdout
    );
    auditor.write("site/index.html", &index);
    // An extra page.
    auditor.write("site/versions/phish.html", "<p>x</p>");
    let run = auditor.kohyo(&["verify", "--site", "site"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("versions/phish.html is on the site but not in manifest.json"),
        "{}",
        run.stdout
    );
    std::fs::remove_file(auditor.path().join("site/versions/phish.html")).unwrap();
    // A FIFO in place of a page: an error, not a hang.
    let page = auditor.path().join("site/versions/index.html");
    std::fs::remove_file(&page).unwrap();
    let c = std::ffi::CString::new(page.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let run = auditor.kohyo(&["verify", "--site", "site"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("versions/index.html is a named pipe"),
        "{}",
        run.stdout
    );

    // A preview with drafts.
    site.kohyo(&[
        "build",
        "--as-of",
        "2026-01-01",
        "--drafts",
        "--out",
        "preview",
    ])
    .success();
    let run = site.kohyo(&["verify", "--site", "preview"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("preview built with --drafts"),
        "{}",
        run.stdout
    );
    // Quiet on success.
    let run = site.kohyo(&["-q", "verify", "--site", "public"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.is_empty() && run.stderr.is_empty(),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

/// An attachment's name must mean the same on every system and in a web address: a name that
/// `verify --site https://…` could never fetch, or that Windows cannot hold, is refused where
/// it is, before it can be published.
#[test]
fn attachment_names_that_cannot_be_published_are_refused() {
    for name in [
        "q?x=1.pdf",
        "a\"b.pdf",
        "con.pdf",
        "nul.txt",
        "a:b.pdf",
        "com1.docx",
    ] {
        let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
        site.write_bytes(
            &format!("content/versions/2024-04-01/{name}"),
            b"%PDF-1.4\n",
        );
        let run = site.kohyo(&["build", "--drafts", "--as-of", "2025-01-01"]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains("cannot be published"),
            "{name}: {}",
            run.stderr
        );
        let run = site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(!site.path().join("kohyo.lock").exists(), "{name}");
    }
}

/// A linked attachment that is a symbolic link is an error, not a page linking to nothing.
#[cfg(unix)]
#[test]
fn an_attachment_that_is_a_link_is_an_error() {
    let site = Fixture::with_versions(&[]);
    let text = notice("2024-04-01", "初版").replace(
        "第三者提供記録の開示の請求に応じます。",
        "第三者提供記録の開示の請求に応じます。[様式](form.pdf)",
    );
    site.write("content/versions/2024-04-01/notice.toml", &text);
    site.write_bytes("outside.pdf", b"%PDF-1.4\n");
    std::os::unix::fs::symlink(
        site.path().join("outside.pdf"),
        site.path().join("content/versions/2024-04-01/form.pdf"),
    )
    .unwrap();
    let run = site.kohyo(&["build", "--drafts", "--as-of", "2025-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("must be a real file"), "{}", run.stderr);
}

/// A client that sends its request a byte at a time is cut off within seconds: 64 of them
/// cannot hold the preview.
#[test]
fn serve_cuts_off_a_request_that_drips() {
    use std::io::{Read as _, Write as _};
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let serve = crate::common::spawn_serve(site.path(), &["--as-of", "2025-01-01"]);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(8)))
        .unwrap();
    let start = std::time::Instant::now();
    stream.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    // One byte every half second, never ending the head.
    for _ in 0..10 {
        std::thread::sleep(Duration::from_millis(500));
        if stream.write_all(b"X").is_err() {
            break;
        }
    }
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    assert!(
        start.elapsed() < Duration::from_secs(7),
        "the dripping client held the connection for {:?}",
        start.elapsed()
    );
}

/// The standalone diff page shows a control or direction character from a notice.json as an
/// escape, as the text and Markdown forms do, never raw.
#[test]
fn the_html_diff_shows_control_characters_escaped() {
    let site = Fixture::example();
    site.build("2026-06-01").success();
    let old = site.read("public/versions/2024-04-01/notice.json");
    let new = site
        .read("public/versions/2025-04-01/notice.json")
        .replacen("保険料の徴収", "保険料\\u001b[2J\\u202eの徴収", 1);
    site.write("old.json", &old);
    site.write("new.json", &new);
    let run = site.kohyo(&["diff", "old.json", "new.json", "--format", "html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{202e}'));
    assert!(run.stdout.contains("\\u{1b}"), "the escape is shown");
}

/// A reader that closes the pipe early (`kohyo log | head -1`) ends kohyo quietly.
#[test]
fn a_closed_pipe_ends_quietly() {
    let site = Fixture::example();
    for args in [&["log"][..], &["schema", "version"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kohyo"))
            .args(args)
            .current_dir(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

/// A host that streams a file without end (and without a length) cannot fill the auditor's
/// disk: the file is cut off at the size limit, named, and the verification ends.
#[test]
fn verify_site_stops_a_file_that_never_ends() {
    use std::io::{BufRead as _, BufReader, Write as _};
    if !crate::common::command("curl", "curl") {
        return;
    }
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    site.build("2025-01-01").success();
    let manifest = site.read("public/manifest.json");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let manifest = manifest.clone();
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(&stream);
                let _ = reader.read_line(&mut line);
                let mut stream = &stream;
                if line.contains("manifest.json") {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{manifest}",
                        manifest.len()
                    );
                } else {
                    // No length, and no end.
                    let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
                    let chunk = vec![b'x'; 1 << 20];
                    while stream.write_all(&chunk).is_ok() {}
                }
            });
        }
    });
    let auditor = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{port}/");
    let start = std::time::Instant::now();
    let run = crate::common::kohyo_as_is(auditor.path(), &["verify", "--site", &url]);
    assert!(start.elapsed() < Duration::from_secs(120));
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("is larger than 64MB"), "{}", run.stdout);
}

/// A version whose links are broken is not published.
#[test]
fn a_version_with_a_broken_link_is_not_published() {
    let site = Fixture::with_versions(&[]);
    let text = notice("2024-04-01", "初版").replace(
        "第三者提供記録の開示の請求に応じます。",
        "第三者提供記録の開示の請求に応じます。[様式](form.pdf)",
    );
    site.write("content/versions/2024-04-01/notice.toml", &text);
    let run = site.kohyo(&["publish", "2024-04-01", "--as-of", "2024-04-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("links/broken"), "{}", run.stderr);
    assert!(!site.path().join("kohyo.lock").exists());
}
