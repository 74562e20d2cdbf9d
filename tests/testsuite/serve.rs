//! `kohyo serve` rebuilds only what a change touches; the result must equal a full build.

use std::io::Write;
use std::time::{Duration, Instant};

use crate::common::{Fixture, Serve, notice, tree};

fn wait_for_generation(serve: &Serve, generation: u64) {
    let needle = format!("\"generation\":{generation}");
    let start = Instant::now();
    while !serve.get("/__kohyo/status").contains(&needle) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no rebuild: {}",
            serve.get("/__kohyo/status")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_incremental_rebuild_gives_the_same_site_as_a_full_build() {
    let site = Fixture::with_versions(&[]);
    for (i, date) in [
        "2021-04-01",
        "2022-04-01",
        "2023-04-01",
        "2024-04-01",
        "2025-04-01",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/versions/{date}/notice.toml"),
            &notice(date, &format!("第{i}版")).replace("保険料の徴収", &format!("保険料の徴収{i}")),
        );
    }
    // A preview of drafts: what staff see while they edit (a published version never changes).
    let serve = crate::common::spawn_serve(site.path(), &["--as-of", "2024-06-01", "--drafts"]);
    let port = serve.port;
    wait_for_generation(&serve, 1);
    // Edit the current version (2024-04-01): its pages, the diff pages on both sides, the
    // next version's change count, the history and the feed all change.
    let path = "content/versions/2024-04-01/notice.toml";
    site.write(
        path,
        &site
            .read(path)
            .replace("保険料の徴収3", "保険料の徴収及び還付")
            .replace("第3版", "第3版（訂正）"),
    );
    wait_for_generation(&serve, 2);
    let served = serve.served_dir();
    site.kohyo(&[
        "build",
        "--as-of",
        "2024-06-01",
        "--out",
        "fresh",
        "--base-url",
        &format!("http://127.0.0.1:{port}/"),
        "--drafts",
    ])
    .success();
    let (a, b) = (tree(&served), tree(&site.path().join("fresh")));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.0, y.0);
        assert!(
            x.1 == y.1,
            "{} differs from a full build after an incremental rebuild",
            x.0
        );
    }
    assert!(
        String::from_utf8_lossy(
            &std::fs::read(served.join("versions/2025-04-01/diff/index.html")).unwrap()
        )
        .contains("及び還付")
    );
}

#[test]
fn before_the_first_good_build_every_page_shows_the_error() {
    let site = Fixture::with_versions(&[]);
    site.write(
        "content/versions/2024-04-01/notice.toml",
        "effective = 2024-04-01\nsummary = \n",
    );
    let serve = crate::common::spawn_serve(site.path(), &["--as-of", "2025-01-01"]);
    let page = serve.get("/versions/");
    assert!(page.starts_with("HTTP/1.1 503"), "{page}");
    assert!(page.contains("The site cannot be built"), "{page}");
    assert!(
        page.contains("notice.toml:2:"),
        "the error names the file and line: {page}"
    );
    assert!(
        page.contains("/__kohyo/status"),
        "the page reloads once fixed"
    );
}

#[test]
fn site_toml_saved_by_rename_is_followed_every_time() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let serve = crate::common::spawn_serve(site.path(), &["--as-of", "2025-01-01"]);
    wait_for_generation(&serve, 1);
    for (generation, title) in [(2, "一度目"), (3, "二度目")] {
        // As many editors save: write a new file, rename it over the old one.
        let text =
            crate::common::SITE_TOML.replace("例示健康保険組合", &format!("{title}健康保険組合"));
        site.write("site.toml.new", &text);
        std::fs::rename(
            site.path().join("site.toml.new"),
            site.path().join("site.toml"),
        )
        .unwrap();
        wait_for_generation(&serve, generation);
        assert!(serve.get("/").contains(title), "{title}");
    }
}

#[cfg(unix)]
#[test]
fn serve_works_in_a_private_folder_removed_on_ctrl_c_sigterm_and_sighup() {
    use std::os::unix::fs::PermissionsExt;
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
        let serve = crate::common::spawn_serve(site.path(), &["--as-of", "2025-01-01"]);
        wait_for_generation(&serve, 1);
        let work = serve.served_dir().parent().unwrap().to_path_buf();
        let name = work.file_name().unwrap().to_string_lossy().into_owned();
        assert_ne!(
            name,
            format!("kohyo-serve-{}", serve.child.0.id()),
            "the name is not predictable"
        );
        let mode = std::fs::metadata(&work).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "only the user may enter: {mode:o}");
        // SAFETY: signalling our own child process.
        assert_eq!(unsafe { libc::kill(serve.child.0.id() as i32, signal) }, 0);
        let start = Instant::now();
        while work.exists() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the work folder stays after signal {signal}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn only_get_and_head_for_this_server_are_answered() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    let serve = crate::common::spawn_serve(site.path(), &["--as-of", "2025-01-01"]);
    wait_for_generation(&serve, 1);
    let port = serve.port;
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let r = serve.raw(&format!(
            "{method} / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n"
        ));
        assert!(r.starts_with("HTTP/1.1 405"), "{method}: {r}");
        assert!(r.contains("Allow: GET, HEAD"), "{r}");
    }
    let head = serve.raw(&format!(
        "HEAD / HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
    ));
    assert!(
        head.starts_with("HTTP/1.1 200") && !head.contains("<html"),
        "{head}"
    );
    // A page of another site resolved to 127.0.0.1 (DNS rebinding) cannot read the preview.
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "localhost",
        "",
    ] {
        let r = serve.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert!(r.starts_with("HTTP/1.1 421"), "{host}: {r}");
        assert!(!r.contains("初版"), "{host}");
    }
    let r = serve.get("/versions");
    assert!(r.starts_with("HTTP/1.1 301"), "{r}");
    assert!(r.contains("Location: /versions/\r\n"), "{r}");
}

#[test]
fn one_slow_client_does_not_freeze_the_others() {
    let site = Fixture::with_versions(&[("2024-04-01", "初版")]);
    // A large page: a slow reader fills the socket buffers and blocks its writer.
    let big: String = (0..3000)
        .map(|i| format!("\"目的{i}の長い説明文をここに書きます\", "))
        .collect();
    let text = notice("2024-04-01", "初版").replace(
        "purposes = [\"加入者の管理\", \"保険料の徴収\"]",
        &format!("purposes = [{big}\"保険料の徴収\"]"),
    );
    site.write("content/versions/2024-04-01/notice.toml", &text);
    let serve = crate::common::spawn_serve(site.path(), &["--as-of", "2025-01-01"]);
    wait_for_generation(&serve, 1);
    let mut stuck = Vec::new();
    for _ in 0..4 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
        write!(
            s,
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            serve.port
        )
        .unwrap();
        stuck.push(s); // never read
    }
    // A client that sends nothing at all.
    stuck.push(std::net::TcpStream::connect(("127.0.0.1", serve.port)).unwrap());
    let start = Instant::now();
    let page = serve.get("/versions/");
    assert!(
        page.starts_with("HTTP/1.1 200"),
        "{}",
        &page[..page.len().min(200)]
    );
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    drop(stuck);
}
