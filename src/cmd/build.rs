//! `kohyo build`: load, render, write.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::content::LoadCache;
use crate::error::{Diagnostic, Diagnostics};
use crate::history::{self, Publication};
use crate::lock::LOCK_FILE;
use crate::model::{Date, Site, VersionId};
use crate::render::{RenderOptions, SiteRenderer};
use crate::site::{
    WriteError, WriteFailure, WriteReport, check_output_dir, output_from_config, write_site,
};
use crate::{content, exit, theme};

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    /// The output directory.
    pub out: PathBuf,
    /// Files and bytes written.
    pub report: WriteReport,
    /// The date the site was built for.
    pub as_of: Date,
    /// The version shown as current.
    pub current: VersionId,
    /// Number of versions built.
    pub versions: usize,
    /// How many of them are drafts (only with `--drafts`).
    pub drafts: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Time taken by each stage.
    pub timings: Timings,
}

/// Why a build failed. In every case the previous output is untouched.
#[derive(Debug)]
pub enum BuildError {
    /// The content, theme or templates have errors.
    Content(Diagnostics),
    /// The output could not be written.
    Output(WriteError),
}

/// Builds the site described by `args`.
pub fn build(args: &BuildArgs) -> Result<BuildSummary, BuildError> {
    let prepared = prepare(args, &mut BuildCache::default())?;
    write_all(args, prepared)
}

/// What `kohyo serve` keeps between rebuilds: loaded versions by folder, and the compiled theme
/// while its files do not change.
#[derive(Default)]
pub struct BuildCache {
    /// Versions by folder.
    pub load: LoadCache,
    theme: Option<(String, Arc<theme::Theme>)>,
}

impl BuildCache {
    /// A cache that keeps versions and the theme between builds (for `serve`).
    pub fn for_rebuilds() -> Self {
        BuildCache {
            load: LoadCache::for_rebuilds(),
            theme: None,
        }
    }
}

/// Names, sizes and modification times of a theme's files.
fn theme_key(root: &Path, name: &str) -> String {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            match e.metadata() {
                Ok(m) if m.is_dir() => walk(&path, out),
                Ok(m) => out.push(format!(
                    "{}:{}:{:?}",
                    path.display(),
                    m.len(),
                    m.modified().ok()
                )),
                Err(_) => {}
            }
        }
    }
    let mut files = vec![name.to_owned()];
    walk(&root.join("themes").join(name), &mut files);
    files.sort();
    files.join("\n")
}

/// Everything a build needs before it renders: the site to build, its theme and options.
pub struct Prepared {
    /// The versions to build (published ones, and drafts with `--drafts`).
    pub site: Site,
    /// The theme.
    pub theme: Arc<theme::Theme>,
    /// The rendering options.
    pub options: RenderOptions,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The versions that were read anew (all of them without a warm cache).
    pub changed: Vec<VersionId>,
    /// How many of the versions are drafts.
    pub drafts: usize,
    /// Time taken so far.
    pub timings: Timings,
}

/// Loads, checks and selects what to build, reusing `cache` for unchanged version folders.
pub fn prepare(args: &BuildArgs, cache: &mut BuildCache) -> Result<Prepared, BuildError> {
    let mut timings = Timings::default();
    let (loaded, changed) = content::load_site_cached(&args.root, &mut cache.load);
    let loaded = loaded.map_err(BuildError::Content)?;
    timings.mark("load and validate content");
    let mut warnings = loaded.warnings;
    let history = history::check(&args.root, &loaded.site).map_err(BuildError::Content)?;
    timings.mark("check the published history");
    warnings.extend(history.warnings);
    if history.lock.is_none() {
        warnings.push(
            Diagnostic::in_file(
                Path::new(LOCK_FILE),
                "there is no kohyo.lock: every version is built as published, without hashes",
            )
            .warning()
            .help("lock published versions with `kohyo publish ID`; see README, \"Publishing\""),
        );
    }
    // Only published versions, unless this is a preview with drafts.
    let (versions, publication): (Vec<_>, Vec<_>) = loaded
        .site
        .versions
        .into_iter()
        .zip(history.states)
        .filter(|(_, p)| args.drafts || *p != Publication::Draft)
        .unzip();
    let drafts = publication
        .iter()
        .filter(|p| **p == Publication::Draft)
        .count();
    let site = Site {
        config: loaded.site.config,
        versions,
    };
    if site.versions.is_empty() {
        return Err(BuildError::Content(Diagnostics(vec![
            Diagnostic::in_file(Path::new(LOCK_FILE), "no version is published yet")
                .help("publish one with `kohyo publish ID`, or preview drafts with `kohyo build --drafts`"),
        ])));
    }
    let key = theme_key(&args.root, &site.config.theme);
    let theme = match &cache.theme {
        Some((k, theme)) if *k == key => Arc::clone(theme),
        _ => {
            let theme =
                Arc::new(theme::load(&args.root, &site.config.theme).map_err(BuildError::Content)?);
            cache.theme = Some((key, Arc::clone(&theme)));
            theme
        }
    };
    timings.mark("load the theme");
    warnings.extend(theme.warnings.iter().cloned());
    let as_of = args.as_of.unwrap_or_else(super::today_in_japan);
    let mut base_url = args
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.clone());
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let options = RenderOptions {
        as_of,
        base_url,
        preview: args.drafts,
        lock: history.lock,
        publication,
    };
    Ok(Prepared {
        site,
        theme,
        options,
        warnings,
        changed,
        drafts,
        timings,
    })
}

/// Renders every page of a prepared site and swaps the new output in.
pub fn write_all(args: &BuildArgs, prepared: Prepared) -> Result<BuildSummary, BuildError> {
    let Prepared {
        site,
        theme,
        options,
        warnings,
        drafts,
        mut timings,
        ..
    } = prepared;
    let renderer = SiteRenderer::new(&site, &theme, &options).map_err(BuildError::Content)?;
    let pages = renderer.pages();
    timings.mark("diff every version against the one before");
    let out = match &args.out {
        Some(out) => out.clone(),
        None => {
            output_from_config(&args.root, &site.config.output_dir).map_err(BuildError::Output)?
        }
    };
    let out = check_output_dir(&out, &args.root).map_err(BuildError::Output)?;
    let report = write_site(
        &out,
        pages.len(),
        |k| renderer.render(pages[k]),
        |hashes| renderer.manifest(hashes),
    )
    .map_err(|e| match e {
        WriteFailure::Produce(d) => BuildError::Content(d),
        WriteFailure::Write(e) => BuildError::Output(e),
    })?;
    timings.mark("render, minify and write the pages");
    let current = site.versions[renderer.current_index()].id;
    Ok(BuildSummary {
        out,
        report,
        as_of: options.as_of,
        current,
        versions: site.versions.len(),
        drafts,
        warnings,
        timings,
    })
}

/// How long each stage of a build took (printed with `--verbose`).
#[derive(Debug)]
pub struct Timings {
    last: Instant,
    /// (stage, milliseconds).
    pub stages: Vec<(&'static str, f64)>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }
}

impl Timings {
    /// Ends a stage.
    pub fn mark(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages
            .push((stage, (now - self.last).as_secs_f64() * 1000.0));
        self.last = now;
    }
}

/// Runs `kohyo build` and prints the outcome.
pub fn execute(args: &BuildArgs, out: &super::Printer) -> u8 {
    let start = Instant::now();
    match build(args) {
        Ok(s) => {
            out.diagnostics(&s.warnings);
            for (stage, ms) in &s.timings.stages {
                out.verbose(&format!("{ms:>8.1} ms  {stage}"));
            }
            let drafts = if s.drafts > 0 {
                format!(", {} drafts: PREVIEW, do not deploy", s.drafts)
            } else {
                String::new()
            };
            out.status(&format!(
                "built {} version{}{drafts} (current: {}, as of {}): {} files, {} KB in {} in {} ms",
                s.versions,
                if s.versions == 1 { "" } else { "s" },
                s.current,
                s.as_of,
                s.report.files,
                s.report.bytes.div_ceil(1024),
                s.out.display(),
                start.elapsed().as_millis()
            ));
            out.status(&format!("manifest.json {}", s.report.manifest_hash));
            exit::OK
        }
        Err(BuildError::Content(diags)) => {
            out.diagnostics(&diags.0);
            out.error(&format!(
                "{} problem{} found; nothing was written",
                diags.error_count(),
                if diags.error_count() == 1 { "" } else { "s" }
            ));
            exit::CONTENT
        }
        Err(BuildError::Output(e)) => {
            out.error(&format!("{e}; the previous output, if any, is unchanged"));
            exit::OUTPUT
        }
    }
}
