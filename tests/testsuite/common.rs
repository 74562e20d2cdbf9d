//! Helpers shared by the integration tests: build sites into temporary directories.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The repository root, which is also the example site.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file beside `kohyo.lock` saying the fixture wrote it (not the test, through `kohyo
/// publish`).
const PUBLISHED_BY_THE_FIXTURE: &str = ".published-by-the-fixture";

/// A minimal valid `site.toml`.
pub const SITE_TOML: &str = r#"title = "個人情報保護法に基づく公表事項"
base_url = "https://example.or.jp/kojin-joho/"

[organization]
name = "例示健康保険組合"
"#;

/// A minimal valid notice for `date` that passes the statutory check: a purpose table, a
/// complaints contact, the procedure for requests and the safety-management measures.
pub fn notice(date: &str, summary: &str) -> String {
    format!(
        r#"effective = {date}
summary = "{summary}"
title = "個人情報保護法に基づく公表事項"

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
number = "2."
heading = "苦情の申出先"

[[sections.blocks]]
type = "contact"
name = "例示健康保険組合"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
phone = "03-1234-5678"

[[sections]]
number = "3."
heading = "開示等の請求"

[[sections.blocks]]
type = "text"
text = "利用目的の通知、開示、訂正等、利用停止等、第三者提供の停止及び第三者提供記録の開示の請求に応じます。申出先は総務課（電話 03-1234-5678）です。"

[[sections]]
number = "4."
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
"#
    )
}

/// A site in a temporary directory, written file by file.
pub struct Fixture {
    pub dir: TempDir,
}

impl Fixture {
    /// Takes back the publication the fixture made for a command (kohyo.lock, the snapshots),
    /// so that the test publishes itself.
    pub fn unpublish(&self) {
        let _ = fs::remove_file(self.path().join("kohyo.lock"));
        let _ = fs::remove_file(self.path().join(PUBLISHED_BY_THE_FIXTURE));
        let _ = fs::remove_dir_all(self.path().join("content/published"));
    }

    /// An empty directory.
    pub fn empty() -> Self {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A valid site with the given versions (date, summary), none published yet: a command
    /// that shows the published site (`build` without `--drafts`, `serve`, `diff`, `verify`)
    /// records them all as published first (see [`Fixture::kohyo`]), unless the test publishes
    /// them itself.
    pub fn with_versions(versions: &[(&str, &str)]) -> Self {
        let f = Fixture::empty();
        f.write("site.toml", SITE_TOML);
        for (date, summary) in versions {
            f.write(
                &format!("content/versions/{date}/notice.toml"),
                &notice(date, summary),
            );
        }
        f
    }
}

/// Records every version of every document of the site in `dir` as published, as `kohyo
/// publish` does (in the order of their ids, without the checks): kohyo.lock and the
/// snapshots, written anew.
pub fn publish_all(dir: &Path) {
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    {
        let _ = fs::remove_file(dir.join("kohyo.lock"));
        let loaded = kohyo::content::load_site(dir)
            .unwrap_or_else(|d| panic!("the fixture does not load: {:?}", d.0));
        let mut lock = kohyo::lock::Lock {
            format: kohyo::lock::LOCK_FORMAT,
            published: Vec::new(),
        };
        for document in &loaded.documents {
            let name = document.document_name();
            let snapshots = match name {
                Some(doc) => format!("content/documents/{doc}/published"),
                None => "content/published".to_owned(),
            };
            let _ = fs::remove_dir_all(dir.join(&snapshots));
            for v in &document.versions {
                lock.publish(name, v).unwrap();
                let mut canonical = kohyo::lock::canonical_json(&v.notice);
                canonical.push('\n');
                write(&format!("{snapshots}/{}.json", v.id), &canonical);
            }
        }
        write("kohyo.lock", &lock.to_toml());
    }
}

/// Before a command that shows the published site (`build` without `--drafts`, `serve`,
/// `diff`, `verify`), records every version of the site in `dir` as published — the fixture's
/// own publication, renewed after each edit — unless the test published versions itself, or
/// the content does not load (a broken site is left for the command to report). Most tests
/// are about what is built, not about publishing it.
pub fn publish_for_the_test(dir: &Path, args: &[&str]) {
    let shows_published = matches!(args.first(), Some(&("build" | "serve" | "diff" | "verify")))
        && !args.contains(&"--drafts");
    let marker = dir.join(PUBLISHED_BY_THE_FIXTURE);
    let set_up_by_the_test = !marker.exists()
        && (dir.join("kohyo.lock").exists() || dir.join("content/published").exists());
    if !shows_published || !dir.join("site.toml").exists() || set_up_by_the_test {
        return;
    }
    if kohyo::content::load_site(dir).is_err() {
        return;
    }
    publish_all(dir);
    fs::write(marker, "").unwrap();
}

impl Fixture {
    /// A copy of the example site (site.toml and content/).
    pub fn example() -> Self {
        let f = Fixture::empty();
        copy_dir(&repo_root().join("content"), &f.path().join("content"));
        fs::copy(repo_root().join("site.toml"), f.path().join("site.toml")).unwrap();
        fs::copy(repo_root().join("kohyo.lock"), f.path().join("kohyo.lock")).unwrap();
        f
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file, creating folders.
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }

    /// Replaces `from` with `to` in the file `rel`, which must contain it.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain `{from}`");
        self.write(rel, &text.replace(from, to));
    }

    pub fn read(&self, rel: &str) -> String {
        let p = self.path().join(rel);
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }

    /// Runs the kohyo binary in the site's folder. A command that shows the published site
    /// first records every version as published (the fixture's own publication, renewed after
    /// each edit), unless the test published versions itself: most tests are about what is
    /// built, not about publishing it.
    pub fn kohyo(&self, args: &[&str]) -> Run {
        kohyo_in(self.path(), args)
    }

    /// `kohyo build --as-of DATE` into `public/`.
    pub fn build(&self, as_of: &str) -> Run {
        self.kohyo(&["build", "--as-of", as_of])
    }
}

/// The outcome of running the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Everything the run printed: standard output, then standard error.
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    pub fn success(&self) -> &Self {
        assert_eq!(self.code, 0, "kohyo failed:\n{}", self.stderr);
        self
    }
}

pub fn kohyo_in(dir: &Path, args: &[&str]) -> Run {
    publish_for_the_test(dir, args);
    kohyo_as_is(dir, args)
}

/// Runs the kohyo binary in `dir` exactly as a user would: nothing is published for the test.
pub fn kohyo_as_is(dir: &Path, args: &[&str]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_kohyo"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("KOHYO_LANG", "en")
        .output()
        .expect("run kohyo");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` (relative path → bytes), sorted.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let p = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
                out.push((rel, fs::read(&p).unwrap()));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The text a reader sees in an HTML page's body: tags removed, entities decoded.
pub fn visible_text(html: &str) -> String {
    let body = html.find("<body").map_or(html, |i| &html[i..]);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
}

pub fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let decoded = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") => u32::from_str_radix(&ent[2..], 16)
                .ok()
                .and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Removes all whitespace (for comparing text across markup boundaries).
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The HTML with the contents of quoted attribute values removed, so that what is left is
/// markup and text only.
pub fn without_attribute_values(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    for c in html.chars() {
        match (in_tag, quote, c) {
            (true, Some(q), _) if c == q => {
                quote = None;
                out.push(c);
            }
            (true, Some(_), _) => {}
            (true, None, '"' | '\'') => {
                quote = Some(c);
                out.push(c);
            }
            (true, None, '>') => {
                in_tag = false;
                out.push(c);
            }
            (false, _, '<') => {
                in_tag = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every start tag of an HTML page: its name and the names of its attributes (lower-case).
/// Text never holds a raw `<` followed by a letter (it is escaped), so each one starts a tag.
pub fn start_tags(html: &str) -> Vec<(String, Vec<String>)> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'<' || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        i += 1;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            attrs.push(html[a..i].to_ascii_lowercase());
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    i += 1;
                } else {
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
        tags.push((name, attrs));
    }
    tags
}

/// Stops a child process however the test ends.
pub struct KillOnDrop(pub std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `kohyo serve`, with its own temporary folder (`TMPDIR`) so that a test can find
/// the served folder.
pub struct Serve {
    #[cfg_attr(not(unix), allow(dead_code))]
    pub child: KillOnDrop,
    pub port: u16,
    pub tmp: TempDir,
}

impl Serve {
    /// The folder serve builds into.
    pub fn served_dir(&self) -> PathBuf {
        let work: Vec<PathBuf> = fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("kohyo-serve-")
            })
            .collect();
        assert_eq!(work.len(), 1, "one work folder: {work:?}");
        work[0].join("site")
    }

    /// Sends a raw request and returns the whole response.
    pub fn raw(&self, request: &str) -> String {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }

    /// `GET path` with a proper Host header.
    pub fn get(&self, path: &str) -> String {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        ))
    }
}

/// Starts `kohyo serve --port 0` with `args` in `dir`.
pub fn spawn_serve(dir: &Path, args: &[&str]) -> Serve {
    spawn_serve_with(dir, args, |_| {})
}

/// Like [`spawn_serve`], with a chance to change the command (environment, …).
pub fn spawn_serve_with(dir: &Path, args: &[&str], adjust: impl FnOnce(&mut Command)) -> Serve {
    use std::io::Read;
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut all = vec!["serve"];
    all.extend_from_slice(args);
    publish_for_the_test(dir, &all);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kohyo"));
    cmd.args(["serve", "--port", "0"])
        .args(args)
        .current_dir(dir)
        .env("TMPDIR", tmp.path())
        .env("KOHYO_LANG", "en")
        .stderr(std::process::Stdio::piped());
    adjust(&mut cmd);
    let mut child = KillOnDrop(cmd.spawn().expect("start kohyo serve"));
    let mut stderr = child.0.stderr.take().expect("piped stderr");
    let mut log = String::new();
    let port = loop {
        let mut buf = [0u8; 256];
        let n = stderr.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "serve exited: {log}");
        log.push_str(&String::from_utf8_lossy(&buf[..n]));
        if let Some(i) = log.find("http://127.0.0.1:")
            && let Some(end) = log[i + 17..].find('/')
        {
            break log[i + 17..i + 17 + end].parse::<u16>().expect("a port");
        }
    };
    // Keep reading stderr so that serve never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = stderr.read_to_end(&mut sink);
    });
    Serve { child, port, tmp }
}

/// Every link of every page of the built site `dir` is relative and, when it points inside the
/// site, names a file that exists.
pub fn assert_links_resolve(dir: &Path) {
    for (path, bytes) in tree(dir) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for part in html.split("href=").skip(1) {
            let href = part.trim_start_matches(['"', '\'']);
            assert!(
                !href.starts_with('/'),
                "{path}: root-absolute link {}",
                &href[..40.min(href.len())]
            );
            let internal = !href.starts_with("http")
                && !href.starts_with("mailto:")
                && !href.starts_with("tel:")
                && !href.starts_with('#');
            if internal {
                let end = href.find(['"', '\'', ' ', '>']).unwrap_or(href.len());
                let target = href[..end].split('#').next().unwrap();
                let resolved = dir.join(&path).parent().unwrap().join(target);
                assert!(
                    resolved.is_file(),
                    "{path}: link {target} does not resolve to a file"
                );
            }
        }
    }
}

/// Serves the files of `dir` over HTTP on 127.0.0.1, as a static host does (GET, one request
/// per connection, `…/` is `…/index.html`), for as long as the test runs. Returns the port.
pub fn serve_static(dir: &Path) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let target = request.split(' ').nth(1).unwrap_or("/");
                let mut path = percent_encoding::percent_decode_str(target)
                    .decode_utf8_lossy()
                    .trim_start_matches('/')
                    .to_owned();
                if path.is_empty() || path.ends_with('/') {
                    path.push_str("index.html");
                }
                let file = dir.join(&path);
                let (status, body) = match (path.contains(".."), fs::read(&file)) {
                    (false, Ok(body)) => ("200 OK", body),
                    _ => ("404 Not Found", b"not found".to_vec()),
                };
                let mut stream = &stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            });
        }
    });
    port
}

/// Says that a test cannot run for want of `msg`'s tools, and that it is skipped — except in
/// CI (`CI=true`), where a missing tool is a failure. Always false.
pub fn skipped(msg: &str) -> bool {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{msg}: in CI a missing tool is a failure");
    }
    eprintln!("SKIPPED: {msg}");
    false
}

/// Whether the command `name` (from Debian's `package`) runs (else [`skipped`]).
pub fn command(name: &str, package: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
        || skipped(&format!(
            "this test needs `{name}` (apt-get install {package})"
        ))
}
