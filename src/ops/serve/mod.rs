//! `kohyo serve`: build into a private temporary folder, serve it on 127.0.0.1, rebuild when
//! the sources change, and reload the open page. A failed rebuild is shown in the terminal and
//! in the page, and the last good build keeps being served.
//!
//! The work folder is made fresh by `tempfile` (mode 0700, an unpredictable name) and removed
//! on exit and on Ctrl-C. The server ([`http`]) only ever serves files under the output:
//! paths are percent-decoded, `..` is refused, and the resolved file (after symbolic links)
//! must lie inside the output.

pub mod http;

use crate::i18n::tr;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::console::Console;
use crate::ops::build::{BuildCache, BuildError, BuildOptions, Prepared, prepare, write};
use crate::project::{Selection, today_in_japan};
use crate::render::SiteRenderer;
use crate::site::update_site;
use http::{Request, Response, Server};

/// What the page's reload script polls.
#[derive(Default, serde::Serialize)]
struct Status {
    /// Increases with every successful build.
    generation: u64,
    /// The last build's problems, if it failed.
    error: Option<String>,
    /// What the page says over them, in the language of the run.
    banner: String,
}

const RELOAD_SCRIPT: &str = r#"<script>
(function () {
  var seen = null, box = null;
  function show(banner, text) {
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff;color:#000;border-top:4px solid #c4002b;padding:1rem;z-index:1000;font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = banner + "\n\n" + text;
  }
  function poll() {
    fetch("/__kohyo/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen === null) seen = s.generation;
        if (s.error) { show(s.banner, s.error); }
        else if (box) { box.remove(); box = null; }
        if (s.generation !== seen) location.reload();
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 300); });
  }
  poll();
})();
</script>"#;

/// Opens `url` in the system's browser (`start` on Windows, `open` on macOS, `xdg-open`
/// elsewhere); when that fails, says to open it by hand.
fn open_in_browser(url: &str, out: &Console) {
    let mut opener = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = opener
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok();
    if !opened {
        out.status(&tr("open-by-hand", &[("url", &url)]));
    }
}

/// Why `kohyo serve` could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The port could not be listened on.
    Listen(std::io::Error),
    /// The port asked for is used by another program.
    PortInUse(u16),
    /// The work folder could not be made.
    WorkDir(std::io::Error),
    /// The sources cannot be watched.
    Watch(notify::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Listen(e) => write!(
                f,
                "cannot listen on 127.0.0.1: {}",
                crate::files::os_error(e)
            ),
            ServeError::PortInUse(port) => f.write_str(&tr("port-in-use", &[("port", port)])),
            ServeError::WorkDir(e) => write!(f, "cannot make a temporary folder: {e}"),
            ServeError::Watch(e) => write!(f, "cannot watch for changes: {e}"),
        }
    }
}

/// What `kohyo serve` shows, and where.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// The port; any free port when absent or taken.
    pub port: Option<u16>,
    /// Include drafts, marked 草案.
    pub drafts: bool,
    /// The date the site is shown as of (today in Japan when absent).
    pub as_of: Option<crate::values::Date>,
    /// Open the site in the browser once it is served.
    pub open: bool,
}

/// Runs `kohyo serve` until it is stopped.
pub fn serve(args: &ServeOptions, out: &Console) -> Result<(), ServeError> {
    let server = bind(args.port)?;
    let port = server.port();
    let work = work_folder()?;
    let site_dir = work
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .map(|w| w.path().join("site"))
        .ok_or_else(|| ServeError::WorkDir(std::io::ErrorKind::NotFound.into()))?;
    out.verbose(&format!("building into {}", site_dir.display()));
    let build_args = BuildOptions {
        root: args.root.clone(),
        out: Some(site_dir.clone()),
        selection: Selection {
            drafts: args.drafts,
            as_of: args.as_of.unwrap_or_else(today_in_japan),
            base_url: Some(format!("http://127.0.0.1:{port}/")),
        },
        fresh: false,
    };
    let status = Arc::new(Mutex::new(Status {
        banner: tr("serve-banner", &[]),
        ..Status::default()
    }));
    let mut state = Rebuilder {
        cache: BuildCache::for_rebuilds(),
        signature: None,
        site_dir: site_dir.clone(),
        last_warnings: String::new(),
        hashes: Default::default(),
    };
    state.rebuild(&build_args, &status, out);
    announce(args, port, out);

    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let _watcher = watch(&args.root, tx).map_err(ServeError::Watch)?;
    let watch_status = Arc::clone(&status);
    let printer = *out;
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Let an editor finish writing (several events for one save) before building.
            while rx.recv_timeout(Duration::from_millis(15)).is_ok() {}
            state.rebuild(&build_args, &watch_status, &printer);
        }
    });

    server.run(move |request| respond(request, &status, &site_dir));
    drop(work.lock().unwrap_or_else(|e| e.into_inner()).take());
    Ok(())
}

/// Listens on `port` (or 1111, or any free port).
fn bind(port: Option<u16>) -> Result<Server, ServeError> {
    Server::bind(port).map_err(|e| match (e.kind(), port) {
        (std::io::ErrorKind::AddrInUse, Some(port)) => ServeError::PortInUse(port),
        _ => ServeError::Listen(e),
    })
}

/// Says where the site is served (and opens it with `--open`).
fn announce(args: &ServeOptions, port: u16, out: &Console) {
    out.status(&tr(
        "serving",
        &[("root", &args.root.display()), ("port", &port)],
    ));
    if !args.drafts {
        out.status(&tr("drafts-hidden", &[]));
    }
    if args.open {
        open_in_browser(&format!("http://127.0.0.1:{port}/"), out);
    }
}

/// The private work folder the preview is built into (mode 0700, an unpredictable name),
/// removed when the process is interrupted (a normal return drops it).
fn work_folder() -> Result<Arc<Mutex<Option<tempfile::TempDir>>>, ServeError> {
    let mut work = tempfile::Builder::new();
    work.prefix("kohyo-serve-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        work.permissions(fs::Permissions::from_mode(0o700));
    }
    let work = Arc::new(Mutex::new(Some(
        work.tempdir().map_err(ServeError::WorkDir)?,
    )));
    let on_interrupt = Arc::clone(&work);
    let _ = ctrlc::set_handler(move || {
        drop(
            on_interrupt
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take(),
        );
        std::process::exit(130);
    });
    Ok(work)
}

/// Watches the site's sources and sends one message per change. The site's folder itself is
/// watched (not `site.toml` and `kohyo.lock` as files), so that an editor that saves by
/// writing a new file and renaming it over the old one is followed every time.
fn watch(root: &Path, tx: std::sync::mpsc::Sender<()>) -> notify::Result<impl Watcher> {
    let watched_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let relevant = {
        let root = watched_root.clone();
        move |path: &Path| {
            let rel = path.strip_prefix(&root).unwrap_or(path);
            let mut parts = rel.components();
            let first = parts
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            matches!(
                first.as_deref(),
                Some("site.toml" | "kohyo.lock" | "content" | "themes")
            )
        }
    };
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && !matches!(event.kind, EventKind::Access(_))
            && event.paths.iter().any(|p| relevant(p))
        {
            let _ = tx.send(());
        }
    })?;
    watcher.watch(&watched_root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "themes"] {
        let p = watched_root.join(dir);
        if fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir()) {
            watcher.watch(&p, RecursiveMode::Recursive)?;
        }
    }
    Ok(watcher)
}

/// Answers one request: the reload status, the build error page, or a file of the site.
fn respond(request: &Request, status: &Mutex<Status>, site_dir: &Path) -> Response {
    let target = request.target.as_str();
    if target.starts_with("/__kohyo/status") {
        let body = {
            let s = status.lock().unwrap_or_else(|e| e.into_inner());
            serde_json::to_string(&*s).unwrap_or_default()
        };
        return Response::new(200, "application/json", body.into_bytes());
    }
    if let Some(page) = not_built_yet(status) {
        return page;
    }
    match resolve(site_dir, target) {
        Resolved::File(file) => file_response(&file),
        Resolved::Folder => {
            let (path, query) = target.split_at(target.find('?').unwrap_or(target.len()));
            Response::redirect(&format!("{path}/{query}"))
        }
        Resolved::Nothing => Response::text(404, &tr("serve-not-found", &[])),
    }
}

/// Before the first successful build, every page is the build error (and reloads when fixed).
fn not_built_yet(status: &Mutex<Status>) -> Option<Response> {
    let s = status.lock().unwrap_or_else(|e| e.into_inner());
    if s.generation > 0 {
        return None;
    }
    let error = crate::theme::escape_html(s.error.as_deref().unwrap_or("building…"));
    let heading = crate::theme::escape_html(&tr("serve-cannot-build", &[]));
    let lang = if crate::i18n::is_japanese() {
        "ja"
    } else {
        "en"
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>kohyo serve</title></head><body><main><h1>{heading}</h1><pre>{error}</pre></main>{RELOAD_SCRIPT}</body></html>"
    );
    Some(Response::new(
        503,
        "text/html; charset=utf-8",
        html.into_bytes(),
    ))
}

/// Rebuilds the served site, as little of it as the change allows.
struct Rebuilder {
    /// Versions loaded before, and the theme.
    cache: BuildCache,
    /// What the last full build was made of: settings, ids, theme, lock. While it stays the
    /// same, only the pages touching the changed versions are rendered again.
    signature: Option<Signature>,
    /// The served directory.
    site_dir: PathBuf,
    /// The warnings printed last, so that a rebuild repeats them only when they change.
    last_warnings: String,
    /// The hash of every file served, for the manifest of an incremental rebuild.
    hashes: std::collections::BTreeMap<String, String>,
}

impl Rebuilder {
    fn rebuild(&mut self, args: &BuildOptions, status: &Mutex<Status>, out: &Console) {
        let start = Instant::now();
        let result = prepare(args, &mut self.cache).and_then(|prepared| {
            let signature = signature(&prepared);
            if self.signature.as_ref() == Some(&signature) && self.site_dir.is_dir() {
                let files = self.write_touched(&prepared)?;
                for (stage, ms) in &prepared.timings.stages {
                    out.verbose(&format!("{ms:>8.1} ms  {}", crate::i18n::shown(stage)));
                }
                Ok((files, prepared.warnings))
            } else {
                let summary = write(args, prepared)?;
                self.signature = Some(signature);
                self.hashes = summary.report.hashes;
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
                out.status(&tr(
                    "rebuilt",
                    &[("files", &files), ("ms", &start.elapsed().as_millis())],
                ));
            }
            Err(BuildError::Content(d)) => {
                out.diagnostics(&d.0);
                out.error(&tr(
                    if s.generation == 0 {
                        "serve-first-failed"
                    } else {
                        "serve-change-failed"
                    },
                    &[],
                ));
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

    /// Renders again only the pages that the changed versions touch, and rewrites them and the
    /// manifest in place through the one writer.
    fn write_touched(&mut self, prepared: &Prepared) -> Result<usize, BuildError> {
        use rayon::prelude::*;
        let renderer =
            SiteRenderer::new(&prepared.plan, &prepared.theme).map_err(BuildError::Content)?;
        let pages = renderer.pages_touching(&prepared.changed);
        let files = pages
            .par_iter()
            .map(|page| renderer.render(*page))
            .collect::<Result<Vec<_>, _>>()
            .map_err(BuildError::Content)?;
        let count = files.len() + 1;
        update_site(&self.site_dir, files, &mut self.hashes, |h| {
            renderer.manifest(h)
        })
        .map_err(BuildError::Output)?;
        Ok(count)
    }
}

/// Everything but the content of versions that decides the pages: settings, options, the ids
/// and publication of versions, the theme, the lock. While it stays the same, a rebuild
/// renders only the pages that the changed versions touch.
#[derive(PartialEq)]
struct Signature {
    config: crate::model::SiteConfig,
    documents: Vec<DocumentSignature>,
    theme: [u8; 32],
}

/// What decides the pages of one document besides the content of its versions.
#[derive(PartialEq)]
struct DocumentSignature {
    config: crate::model::SiteConfig,
    document: Option<crate::model::DocumentMeta>,
    options: crate::render::RenderOptions,
    ids: Vec<crate::values::VersionId>,
}

fn signature(p: &Prepared) -> Signature {
    Signature {
        config: p.plan.config.clone(),
        documents: p
            .plan
            .documents
            .iter()
            .map(|d| DocumentSignature {
                config: d.site.config.clone(),
                document: d.site.meta.clone(),
                options: d.options.clone(),
                ids: d.site.versions.iter().map(|v| v.id).collect(),
            })
            .collect(),
        theme: p.theme.fingerprint,
    }
}

/// What a request path names in the served folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the folder.
    File(PathBuf),
    /// A folder named without its trailing slash (`/versions`): redirect to `/versions/`, so
    /// that its relative links work.
    Folder,
    /// Nothing that may be served.
    Nothing,
}

/// The file a URL path names inside `root`, if it is inside, present and safe.
pub fn resolve(root: &Path, url: &str) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Resolved::Nothing;
    };
    let mut p = root.to_path_buf();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Resolved::Nothing,
            s if s.contains(['\\', '\0']) => return Resolved::Nothing,
            s => p.push(s),
        }
    }
    if p.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Folder;
        }
        p.push("index.html");
    }
    let (Ok(file), Ok(root)) = (p.canonicalize(), root.canonicalize()) else {
        return Resolved::Nothing;
    };
    if file.starts_with(&root) && file.is_file() {
        Resolved::File(file)
    } else {
        Resolved::Nothing
    }
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

fn file_response(file: &Path) -> Response {
    let Ok(mut bytes) = crate::files::read_regular(file, 1 << 30) else {
        return Response::text(404, &tr("serve-not-found", &[]));
    };
    if file.extension().is_some_and(|e| e == "html") {
        let html = String::from_utf8_lossy(&bytes);
        let injected = match html.rfind("</body>") {
            Some(i) => format!("{}{RELOAD_SCRIPT}{}", &html[..i], &html[i..]),
            None => format!("{html}{RELOAD_SCRIPT}"),
        };
        bytes = injected.into_bytes();
    }
    Response::new(200, content_type(file), bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::{Resolved, resolve};

    #[test]
    fn only_files_inside_the_output_are_served() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("versions")).unwrap();
        std::fs::write(root.join("index.html"), "x").unwrap();
        std::fs::write(root.join("versions/index.html"), "y").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert!(matches!(resolve(&root, "/"), Resolved::File(_)));
        assert!(matches!(resolve(&root, "/versions/"), Resolved::File(_)));
        assert_eq!(resolve(&root, "/versions"), Resolved::Folder);
        assert!(matches!(
            resolve(&root, "/versions/index.html?x=1"),
            Resolved::File(_)
        ));
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
            assert_eq!(
                resolve(&root, bad),
                Resolved::Nothing,
                "{bad} must not be served"
            );
        }
    }
}
