//! `kohyo serve` rebuilds only what a change touches; the result must equal a full build.

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::{Fixture, notice, tree};

fn status(port: u16) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__kohyo/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = String::new();
    let _ = s.read_to_string(&mut buf);
    buf
}

fn wait_for_generation(port: u16, generation: u64) {
    let needle = format!("\"generation\":{generation}");
    let start = Instant::now();
    while !status(port).contains(&needle) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no rebuild: {}",
            status(port)
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
    let (child, port) = common::spawn_serve(site.path(), &["--as-of", "2024-06-01"]);
    let pid = child.0.id();
    wait_for_generation(port, 1);
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
    wait_for_generation(port, 2);
    let served = std::env::temp_dir().join(format!("kohyo-serve-{pid}/site"));
    site.kohyo(&[
        "build",
        "--as-of",
        "2024-06-01",
        "--out",
        "fresh",
        "--base-url",
        &format!("http://127.0.0.1:{port}/"),
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
    let (_serve, port) = common::spawn_serve(site.path(), &["--as-of", "2025-01-01"]);
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /versions/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut page = String::new();
    let _ = s.read_to_string(&mut page);
    assert!(page.starts_with("HTTP/1.1 503"), "{page}");
    assert!(page.contains("サイトを生成できません"), "{page}");
    assert!(
        page.contains("notice.toml:2:"),
        "the error names the file and line: {page}"
    );
    assert!(
        page.contains("/__kohyo/status"),
        "the page reloads once fixed"
    );
}
