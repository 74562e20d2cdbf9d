//! `kohyo serve`: build, serve the site on 127.0.0.1, rebuild when the sources change, and
//! reload the open page. A failed rebuild is shown in the terminal and in the page, and the last
//! good build keeps being served.
//!
//! The server only ever serves files under the output directory: paths are percent-decoded,
//! `..` is refused, and the resolved file (after symbolic links) must lie inside the output.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Response, Server};

use crate::cli::{BuildArgs, ServeArgs};
use crate::exit;

use super::build::{BuildCache, BuildError, Prepared, prepare, write_all};
use crate::render::SiteRenderer;
use crate::site::{WriteError, minify};

/// What the page's reload script polls.
#[derive(Default, serde::Serialize)]
struct Status {
    /// Increases with every successful build.
    generation: u64,
    /// The last build's problems, if it failed.
    error: Option<String>,
}

const RELOAD_SCRIPT: &str = r#"<script>
(function () {
  var seen = null, box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff;color:#000;border-top:4px solid #c4002b;padding:1rem;z-index:1000;font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "kohyo: the last change could not be built; this page shows the last good build.\n\n" + text;
  }
  function poll() {
    fetch("/__kohyo/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen === null) seen = s.generation;
        if (s.error) { show(s.error); }
        else if (box) { box.remove(); box = null; }
        if (s.generation !== seen) location.reload();
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 300); });
  }
  poll();
})();
</script>"#;

/// Runs `kohyo serve`.
pub fn execute(args: &ServeArgs, out: &super::Printer) -> u8 {
    let (server, port) = match bind(args.port) {
        Ok(s) => s,
        Err(e) => {
            out.error(&format!("cannot listen on 127.0.0.1: {e}"));
            return exit::OUTPUT;
        }
    };
    let work = std::env::temp_dir().join(format!("kohyo-serve-{}", std::process::id()));
    remove_stale_work_dirs();
    let site_dir = work.join("site");
    let build_args = BuildArgs {
        root: args.root.clone(),
        out: Some(site_dir.clone()),
        base_url: Some(format!("http://127.0.0.1:{port}/")),
        as_of: args.as_of,
        drafts: args.drafts,
    };
    let status = Arc::new(Mutex::new(Status::default()));
    let mut state = Rebuilder {
        cache: BuildCache::for_rebuilds(),
        signature: None,
        site_dir: site_dir.clone(),
        last_warnings: String::new(),
    };
    state.rebuild(&build_args, &status, out);
    out.status(&format!(
        "serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        args.root.display()
    ));

    // Watch the sources; rebuild once per burst of changes. Reads (our own builds open every
    // file) are not changes.
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && !matches!(event.kind, EventKind::Access(_))
        {
            let _ = tx.send(());
        }
    });
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            out.error(&format!("cannot watch for changes: {e}"));
            return exit::OUTPUT;
        }
    };
    for watched in ["content", "themes", "site.toml", "kohyo.lock"] {
        let p = args.root.join(watched);
        if p.exists() {
            let mode = if p.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            if let Err(e) = watcher.watch(&p, mode) {
                out.error(&format!("cannot watch {}: {e}", p.display()));
            }
        }
    }
    let watch_status = Arc::clone(&status);
    let printer = *out;
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Let an editor finish writing (several events for one save) before building.
            while rx.recv_timeout(Duration::from_millis(15)).is_ok() {}
            state.rebuild(&build_args, &watch_status, &printer);
        }
    });

    for request in server.incoming_requests() {
        let url = request.url().to_owned();
        let response = if url.starts_with("/__kohyo/status") {
            let body = {
                let s = status.lock().unwrap_or_else(|e| e.into_inner());
                serde_json::to_string(&*s).unwrap_or_default()
            };
            Response::from_data(body.into_bytes())
                .with_header(header("Content-Type", "application/json"))
                .with_header(header("Cache-Control", "no-store"))
        } else if let Some(page) = not_built_yet(&status) {
            page
        } else {
            match resolve(&site_dir, &url) {
                Some(file) => file_response(&file),
                None => Response::from_data(b"404 not found".to_vec())
                    .with_status_code(404)
                    .with_header(header("Content-Type", "text/plain; charset=utf-8")),
            }
        };
        let _ = request.respond(response);
    }
    exit::OK
}

/// Before the first successful build, every page is the build error (and reloads when fixed).
fn not_built_yet(status: &Mutex<Status>) -> Option<Response<std::io::Cursor<Vec<u8>>>> {
    let s = status.lock().unwrap_or_else(|e| e.into_inner());
    if s.generation > 0 {
        return None;
    }
    let error = tera::escape_html(s.error.as_deref().unwrap_or("building…"));
    let html = format!(
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>kohyo serve</title></head><body><main><h1>サイトを生成できません</h1><pre>{error}</pre></main>{RELOAD_SCRIPT}</body></html>"
    );
    Some(
        Response::from_data(html.into_bytes())
            .with_status_code(503)
            .with_header(header("Content-Type", "text/html; charset=utf-8"))
            .with_header(header("Cache-Control", "no-store")),
    )
}

fn bind(port: Option<u16>) -> Result<(Server, u16), String> {
    let try_port = |p: u16| Server::http(("127.0.0.1", p)).map_err(|e| e.to_string());
    let server = match port {
        Some(p) => try_port(p)?,
        // 1111 as Zola does; any free port if it is taken.
        None => try_port(1111).or_else(|_| try_port(0))?,
    };
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or("not an IP address")?;
    Ok((server, port))
}

/// Rebuilds the served site, as little of it as the change allows.
struct Rebuilder {
    /// Versions loaded before, and the theme.
    cache: BuildCache,
    /// What the last full build was made of: settings, ids, theme, lock. While it stays the
    /// same, only the pages touching the changed versions are rendered again.
    signature: Option<String>,
    /// The served directory.
    site_dir: PathBuf,
    /// The warnings printed last, so that a rebuild repeats them only when they change.
    last_warnings: String,
}

impl Rebuilder {
    fn rebuild(&mut self, args: &BuildArgs, status: &Mutex<Status>, out: &super::Printer) {
        let start = Instant::now();
        let result = prepare(args, &mut self.cache).and_then(|prepared| {
            let signature = signature(&prepared);
            if self.signature.as_ref() == Some(&signature) && self.site_dir.is_dir() {
                let files = self.write_touched(&prepared)?;
                for (stage, ms) in &prepared.timings.stages {
                    out.verbose(&format!("{ms:>8.1} ms  {stage}"));
                }
                Ok((files, prepared.warnings))
            } else {
                let summary = write_all(args, prepared)?;
                self.signature = Some(signature);
                Ok((summary.report.files, summary.warnings))
            }
        });
        let mut s = status.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok((files, warnings)) => {
                s.generation += 1;
                s.error = None;
                let shown: String = warnings.iter().map(|w| w.headline() + "\n").collect();
                if shown != self.last_warnings {
                    out.diagnostics(&warnings);
                    self.last_warnings = shown;
                }
                out.status(&format!(
                    "built {files} files in {} ms",
                    start.elapsed().as_millis()
                ));
            }
            Err(BuildError::Content(d)) => {
                out.diagnostics(&d.0);
                out.error(if s.generation == 0 {
                    "the site could not be built; fix the problem and save: the page follows"
                } else {
                    "the change could not be built; still serving the last good build"
                });
                s.error = Some(
                    d.0.iter()
                        .map(|d| d.render(false))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            Err(BuildError::Output(e)) => {
                out.error(&e.to_string());
                s.error = Some(e.to_string());
            }
        }
    }

    /// Renders again only the pages that the changed versions touch, writing each in place.
    fn write_touched(&self, prepared: &Prepared) -> Result<usize, BuildError> {
        use rayon::prelude::*;
        let renderer = SiteRenderer::new(&prepared.site, &prepared.theme, &prepared.options)
            .map_err(BuildError::Content)?;
        let pages = renderer.pages_touching(&prepared.changed);
        pages.par_iter().try_for_each(|page| {
            let file = renderer.render(*page).map_err(BuildError::Content)?;
            let bytes = if file.path.ends_with(".html") {
                minify(&file.bytes)
            } else {
                file.bytes
            };
            let path = self.site_dir.join(&file.path);
            super::write_file_atomic(&path, &bytes).map_err(|source| {
                BuildError::Output(WriteError::Io {
                    action: "write",
                    path,
                    source,
                })
            })
        })?;
        Ok(pages.len())
    }
}

/// Everything but the content of versions that decides the pages: settings, options, the ids
/// and publication of versions, the theme, the lock.
fn signature(p: &Prepared) -> String {
    let ids: Vec<String> = p.site.versions.iter().map(|v| v.id.to_string()).collect();
    format!(
        "{:?}|{}|{}|{}|{:?}|{:?}|{}",
        serde_json::to_string(&p.site.config).unwrap_or_default(),
        p.options.as_of,
        p.options.base_url,
        p.options.preview,
        p.options.publication,
        p.options.manifest,
        ids.join(",") + &format!("|{}", p.theme.fingerprint)
    )
}

/// Removes work directories of `kohyo serve` processes that no longer run.
fn remove_stale_work_dirs() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("kohyo-serve-") else {
            continue;
        };
        let alive = Path::new("/proc").join(pid).exists();
        let ours = entry
            .path()
            .join("site")
            .join(crate::site::MARKER)
            .is_file();
        if !alive && ours {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The file a URL path names inside `root`, or `None` if it is outside, missing or unsafe.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut p = root.to_path_buf();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0']) => return None,
            s => p.push(s),
        }
    }
    if p.is_dir() {
        p.push("index.html");
    }
    let file = p.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    (file.starts_with(&root) && file.is_file()).then_some(file)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header is valid")
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn file_response(file: &Path) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut bytes = fs::read(file).unwrap_or_default();
    if file.extension().is_some_and(|e| e == "html") {
        let html = String::from_utf8_lossy(&bytes);
        let injected = match html.rfind("</body>") {
            Some(i) => format!("{}{RELOAD_SCRIPT}{}", &html[..i], &html[i..]),
            None => format!("{html}{RELOAD_SCRIPT}"),
        };
        bytes = injected.into_bytes();
    }
    Response::from_data(bytes)
        .with_header(header("Content-Type", content_type(file)))
        .with_header(header("Cache-Control", "no-store"))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn only_files_inside_the_output_are_served() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("versions")).unwrap();
        std::fs::write(root.join("index.html"), "x").unwrap();
        std::fs::write(root.join("versions/index.html"), "y").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert!(resolve(&root, "/").is_some());
        assert!(resolve(&root, "/versions/").is_some());
        assert!(resolve(&root, "/versions/index.html?x=1").is_some());
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/versions/../../secret.txt",
            "/link.txt",
            "/..%5csecret.txt",
            "/missing.html",
            "/%00",
        ] {
            assert!(resolve(&root, bad).is_none(), "{bad} must not be served");
        }
    }
}
