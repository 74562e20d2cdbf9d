//! `kohyo verify --site https://…`: the site as readers get it. Its `manifest.json` is fetched
//! first, then every file the manifest lists, into a private folder that is then verified like
//! any built site (and removed).
//!
//! The fetching is done by `curl`, the HTTP client every system staff and auditors use already
//! has (Windows 10 and later, macOS, Linux): it uses the system's certificates and proxy
//! settings (which an office's network often requires), and kohyo needs no TLS library of its
//! own. The manifest comes from the site and is not trusted: a path it lists is fetched only
//! if it is a plain relative path, into a numbered file (never a name it chose), and only
//! `https://` (or `http://` when the address given is one) is spoken, redirects included.
//! Over HTTP, files the manifest does not list cannot be found; the report says so.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::Report;
use crate::lock::{MANIFEST_FILE, Manifest};

/// The most files fetched (a site of 10,000 versions has about 40,000).
const MAX_FILES: usize = 200_000;

/// The largest file fetched, in bytes, as curl's `--max-filesize` (attachments are at most
/// 20 MB; a manifest of 100,000 files about 12 MB).
const MAX_FILE: &str = "64M";

/// [`MAX_FILE`] in bytes: also enforced while a file arrives, for a host that sends no length.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A deployed site fetched into a private folder.
pub struct Fetched {
    /// The private folder (removed when this is dropped): the site in `site/`, curl's files
    /// beside it, so that no path the manifest lists can meet them.
    dir: tempfile::TempDir,
    /// What fetching found: files that could not be fetched, plain HTTP, what cannot be checked.
    pub report: Report,
}

impl Fetched {
    /// The folder holding the fetched site.
    pub fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }
}

/// The address of the site's root: `url` with a final `/` (a given `manifest.json` or
/// `index.html` at its end is taken off).
fn site_root(url: &str) -> String {
    let url = url
        .strip_suffix(MANIFEST_FILE)
        .or_else(|| url.strip_suffix("index.html"))
        .unwrap_or(url);
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

/// Whether `arg` of `--site` is a web address rather than a folder.
pub fn is_address(arg: &str) -> bool {
    crate::values::web::has_web_scheme(arg)
}

/// Fetches the site at `url`: its manifest, then every file it lists. `Err` when it could not
/// be fetched at all (no curl, no manifest).
pub fn fetch(url: &str) -> Result<Fetched, String> {
    let root = site_root(url);
    let plain_http = root.to_ascii_lowercase().starts_with("http://");
    let curl = Curl::find(plain_http)?;
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a private folder: {e}"))?;
    std::fs::create_dir(dir.path().join("site"))
        .map_err(|e| format!("cannot create a private folder: {e}"))?;
    let mut report = Report::default();
    if plain_http {
        report.fail(format!(
            "{root} was fetched over plain HTTP, which anyone on the way can change: verify the https:// address"
        ));
    }
    fetch_manifest(&curl, dir.path(), &root)?;
    let bytes = std::fs::read(dir.path().join("site").join(MANIFEST_FILE))
        .map_err(|e| format!("cannot read the fetched {MANIFEST_FILE}: {e}"))?;
    let Ok(manifest) = serde_json::from_slice::<Manifest>(&bytes) else {
        // Verifying the folder will say what is wrong with it.
        return Ok(Fetched { dir, report });
    };
    fetch_listed(&curl, dir.path(), &root, &manifest, &mut report)?;
    Ok(Fetched { dir, report })
}

/// Fetches the site's manifest into `dir/site/`; `Err` when it cannot be had.
fn fetch_manifest(curl: &Curl, dir: &Path, root: &str) -> Result<(), String> {
    let manifest_url = format!("{root}{MANIFEST_FILE}");
    let got = curl.get(dir, &[(manifest_url.clone(), MANIFEST_FILE.to_owned())])?;
    match got.into_iter().next().map(|g| g.0) {
        Some(Outcome::Fetched) => Ok(()),
        Some(Outcome::NotSaved(why)) => Err(format!("cannot save {manifest_url}: {why}")),
        Some(Outcome::TooLarge) => Err(format!(
            "{manifest_url} is larger than {MAX_FILE}B: it is not a manifest of kohyo"
        )),
        Some(Outcome::Http(code)) => Err(format!(
            "cannot fetch {manifest_url}: {}",
            http_problem(code)
        )),
        Some(Outcome::NoAnswer(exit)) => {
            Err(format!("cannot fetch {manifest_url}: {}", no_answer(exit)))
        }
        None => Err(format!("cannot fetch {manifest_url}: {}", no_answer(None))),
    }
}

/// Fetches every plain path the manifest lists into `dir/site/`, each file's failure in
/// `report`.
fn fetch_listed(
    curl: &Curl,
    dir: &Path,
    root: &str,
    manifest: &Manifest,
    report: &mut Report,
) -> Result<(), String> {
    let files = wanted(&manifest.files, report);
    let requests: Vec<(String, String)> = files
        .iter()
        .map(|path| (format!("{root}{}", encoded(path)), path.clone()))
        .collect();
    let codes = curl.get(dir, &requests)?;
    let mut fetched = 0;
    for (outcome, path) in codes {
        match outcome {
            Outcome::Fetched => fetched += 1,
            Outcome::Http(code) => {
                report.fail(format!(
                    "{path} could not be fetched: {}",
                    http_problem(code)
                ));
            }
            Outcome::NoAnswer(exit) => {
                report.fail(format!("{path} could not be fetched: {}", no_answer(exit)));
            }
            Outcome::NotSaved(why) => {
                report.fail(format!("{path} was fetched but cannot be saved: {why}"));
            }
            Outcome::TooLarge => {
                report.fail(format!(
                    "{path} is larger than {MAX_FILE}B, more than any file of a site built by kohyo: it was not fetched"
                ));
            }
        }
    }
    report.ok.push(format!(
        "fetched {fetched} files listed in {MANIFEST_FILE} from {root} (files it does not list cannot be found over HTTP)"
    ));
    Ok(())
}

/// What became of one file.
enum Outcome {
    /// Fetched and saved.
    Fetched,
    /// The HTTP status of a failed request.
    Http(u16),
    /// No HTTP answer: curl's exit code, when it gave one (a certificate that cannot be
    /// verified, a name that does not resolve, a timeout).
    NoAnswer(Option<i32>),
    /// Fetched, but it could not be saved at its path (the manifest lists a file inside
    /// another file, say).
    NotSaved(String),
    /// Larger than kohyo fetches: the host sent more than any file of a site holds.
    TooLarge,
}

/// Why there was no HTTP answer, from curl's exit code (see curl(1), "EXIT CODES").
fn no_answer(exit: Option<i32>) -> String {
    match exit {
        Some(6) => "the server's name cannot be found (DNS): check the address".to_owned(),
        Some(7) => "cannot connect to the server".to_owned(),
        Some(28) => "the server did not answer in time".to_owned(),
        Some(code @ (35 | 51 | 53 | 54 | 58 | 59 | 60 | 64 | 66 | 77 | 80 | 82 | 83 | 90 | 91)) => {
            format!(
                "the secure connection (TLS) failed: the server's certificate cannot be verified, or TLS cannot be agreed (curl error {code}). An expired, self-signed or wrong-name certificate is not accepted: check the address, or ask the host to fix the certificate"
            )
        }
        Some(code) if code != 0 => format!("no answer from the server (curl error {code})"),
        _ => "no answer from the server".to_owned(),
    }
}

/// What an HTTP status means for a file.
fn http_problem(code: u16) -> String {
    match code {
        404 => "not found on the site (HTTP 404)".to_owned(),
        code => format!("the server answered HTTP {code}"),
    }
}

/// The paths of `files` that may be fetched: plain relative paths. The others are reported.
fn wanted(files: &BTreeMap<String, String>, report: &mut Report) -> Vec<String> {
    let mut wanted = Vec::new();
    for path in files.keys() {
        if wanted.len() == MAX_FILES {
            report.fail(format!(
                "{MANIFEST_FILE} lists more than {MAX_FILES} files; the rest were not fetched"
            ));
            break;
        }
        if crate::values::path::is_plain_site_path(path) {
            wanted.push(path.clone());
        } else {
            report.fail(format!(
                "{MANIFEST_FILE} lists `{}`, which is not a plain path inside the site; it was not fetched",
                crate::text::for_terminal(path)
            ));
        }
    }
    wanted
}

/// `path` as part of an address: every byte but letters, digits and `-._~/` percent-encoded.
fn encoded(path: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(path, SET).to_string()
}

/// The curl program, and how it may be asked.
struct Curl {
    program: PathBuf,
    /// `--parallel` (curl 7.66 and later).
    parallel: bool,
    /// `https` or `http,https`.
    protocols: &'static str,
}

impl Curl {
    fn find(plain_http: bool) -> Result<Curl, String> {
        let program = PathBuf::from(if cfg!(windows) { "curl.exe" } else { "curl" });
        let out = Command::new(&program).arg("--version").output().map_err(|_| {
            "kohyo verify --site https://… fetches the site with curl, which was not found: install curl (Windows 10 and later, macOS and most Linux systems have it), or download the site (for example `wget -m`) and verify the folder".to_owned()
        })?;
        let version = String::from_utf8_lossy(&out.stdout);
        let numbers: Vec<u32> = version
            .split_whitespace()
            .nth(1)
            .unwrap_or("")
            .split('.')
            .map_while(|n| n.parse().ok())
            .collect();
        Ok(Curl {
            program,
            parallel: numbers.as_slice() >= [7, 66].as_slice(),
            protocols: if plain_http { "=http,https" } else { "=https" },
        })
    }

    /// Fetches each `(url, path)` into `dir/site/path` and returns what became of each path,
    /// in no particular order. curl writes numbered files in `dir/fetching/`, moved to their
    /// paths here.
    fn get(
        &self,
        dir: &Path,
        requests: &[(String, String)],
    ) -> Result<Vec<(Outcome, String)>, String> {
        let work = dir.join("fetching");
        std::fs::create_dir_all(&work).map_err(|e| format!("cannot create a folder: {e}"))?;
        let mut config = String::new();
        for (k, (url, _)) in requests.iter().enumerate() {
            // Addresses are percent-encoded ASCII and outputs numbers: nothing to quote.
            let _ = writeln!(config, "url = \"{url}\"\noutput = \"fetching/{k}\"");
        }
        std::fs::write(dir.join("curl-config"), config)
            .map_err(|e| format!("cannot write curl's list of files: {e}"))?;
        let mut cmd = Command::new(&self.program);
        cmd.current_dir(dir)
            .args(["--silent", "--fail", "--location", "--max-redirs", "5"])
            .args(["--proto", self.protocols, "--proto-redir", self.protocols])
            .args(["--connect-timeout", "30", "--max-time", "600"])
            // A host dripping a file (under 1 KB/s for 30 s) is given up on.
            .args(["--speed-limit", "1024", "--speed-time", "30"])
            .args(["--max-filesize", MAX_FILE])
            .args([
                "--user-agent",
                concat!("kohyo-verify/", env!("CARGO_PKG_VERSION")),
            ])
            .args(["--write-out", "%{http_code} %{filename_effective}\\n"])
            .args(["--config", "curl-config"]);
        if self.parallel {
            cmd.args(["--parallel", "--parallel-max", "8"]);
        }
        let (written, code, too_large) = run_watched(cmd, &work)?;
        let _ = std::fs::remove_file(dir.join("curl-config"));
        let mut results = outcomes(&written, dir, requests, code);
        for (outcome, path) in &mut results {
            if let Some(k) = requests.iter().position(|(_, p)| p == path)
                && too_large.contains(&k)
            {
                *outcome = Outcome::TooLarge;
            }
        }
        let _ = std::fs::remove_dir_all(&work);
        Ok(results)
    }
}

/// Runs curl, watching the files it writes in `work` (`fetching/K`): one that grows past
/// [`MAX_FILE_BYTES`] (a host that sends no length, which `--max-filesize` cannot stop) ends
/// the run. Returns curl's `--write-out` lines, its exit code and the requests cut short.
fn run_watched(mut cmd: Command, work: &Path) -> Result<(String, Option<i32>, Vec<usize>), String> {
    use std::io::Read;
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run curl: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("cannot read curl's output")?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let mut too_large = Vec::new();
    let code = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status.code();
        }
        too_large = oversized(work);
        if !too_large.is_empty() {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let written = reader.join().unwrap_or_default();
    Ok((written, code, too_large))
}

/// The requests whose file in `work` has grown past [`MAX_FILE_BYTES`].
fn oversized(work: &Path) -> Vec<usize> {
    std::fs::read_dir(work)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.metadata().is_ok_and(|m| m.len() > MAX_FILE_BYTES))
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

/// What became of each request, from curl's `--write-out` lines (`CODE fetching/K`): each file
/// fetched is moved to its path; a request curl says nothing of, or gives no HTTP status, had
/// no answer, for the reason of curl's `exit` code.
fn outcomes(
    written: &str,
    dir: &Path,
    requests: &[(String, String)],
    exit: Option<i32>,
) -> Vec<(Outcome, String)> {
    let work = dir.join("fetching");
    let mut seen = vec![false; requests.len()];
    let mut results = Vec::with_capacity(requests.len());
    for line in written.lines() {
        let Some((code, file)) = line.split_once(' ') else {
            continue;
        };
        let Some(k) = file
            .strip_prefix("fetching/")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|&k| k < requests.len() && !seen[k])
        else {
            continue;
        };
        seen[k] = true;
        let path = &requests[k].1;
        let outcome = match code.parse().unwrap_or(0) {
            200 => match place(dir, &work.join(k.to_string()), path) {
                Ok(()) => Outcome::Fetched,
                Err(e) => Outcome::NotSaved(e.to_string()),
            },
            0 => Outcome::NoAnswer(exit),
            code => Outcome::Http(code),
        };
        results.push((outcome, path.clone()));
    }
    for (k, done) in seen.iter().enumerate() {
        if !done {
            results.push((Outcome::NoAnswer(exit), requests[k].1.clone()));
        }
    }
    results
}

/// Moves the fetched file `from` to `dir/site/path` (a plain path), creating folders.
fn place(dir: &Path, from: &Path, path: &str) -> std::io::Result<()> {
    let to = dir.join("site").join(path);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::rename(from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_the_site_are_fetched() {
        for ok in ["index.html", "versions/2024-04-01/開示請求書.pdf", "a b/c"] {
            assert!(crate::values::path::is_plain_site_path(ok), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "C:/x",
            "a\\..\\b",
            "a\u{0}b",
            "versions/con",
            "NUL.txt",
            "com1.html",
            "a./b",
            "a /b",
            "a?b",
        ] {
            assert!(!crate::values::path::is_plain_site_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn addresses_are_percent_encoded_and_the_root_ends_in_a_slash() {
        assert_eq!(
            encoded("versions/2024-04-01/開示 請求書.pdf"),
            "versions/2024-04-01/%E9%96%8B%E7%A4%BA%20%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf"
        );
        assert_eq!(site_root("https://x.jp/kojin"), "https://x.jp/kojin/");
        assert_eq!(
            site_root("https://x.jp/kojin/manifest.json"),
            "https://x.jp/kojin/"
        );
        assert!(is_address("HTTPS://x.jp/") && !is_address("public"));
    }
}
