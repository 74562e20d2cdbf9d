//! Building a site: open the project, plan, load the theme, render every page and write them
//! through the one writer ([`crate::site`]). Used by `kohyo build` and by `kohyo serve`, which
//! keeps a [`BuildCache`] between rebuilds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::cache::Fingerprint;
use crate::content::{ChangedVersion, LoadCache, MAX_FILE_BYTES};
use crate::error::{Diagnostic, Diagnostics};
use crate::project::{Project, Selection};
use crate::render::{OutputFile, Page, SitePlan, SiteRenderer};
use crate::site::{
    Files, WriteError, WriteFailure, WriteReport, check_output_dir, output_from_config, write_site,
};
use crate::theme::{self, Theme};
use crate::values::{Date, VersionId};

/// What to build, and where.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// Where to write; `output_dir` of site.toml when none.
    pub out: Option<PathBuf>,
    /// What the site shows.
    pub selection: Selection,
    /// Read every version and make every page anew, taking nothing from the previous build
    /// into the same output.
    pub fresh: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    /// The output directory.
    pub out: PathBuf,
    /// Files and bytes written, and their hashes.
    pub report: WriteReport,
    /// The date the site was built for.
    pub as_of: Date,
    /// The version shown as current, of each document (named on a site of several).
    pub current: Vec<(Option<String>, VersionId)>,
    /// Number of versions built.
    pub versions: usize,
    /// How many of them are drafts (only with `--drafts`).
    pub drafts: usize,
    /// How many versions were read from their files (the others were kept from the previous
    /// build into the same output).
    pub read_anew: usize,
    /// The drafts left out of a build without `--drafts` (with their document on a site of
    /// several).
    pub drafts_left_out: Vec<ChangedVersion>,
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

/// What `kohyo serve` keeps between rebuilds: loaded versions by folder, and the compiled theme
/// while its files do not change.
#[derive(Default)]
pub struct BuildCache {
    /// Versions by folder.
    pub load: LoadCache,
    theme: Option<(String, Fingerprint, Arc<Theme>)>,
}

impl BuildCache {
    /// A cache that keeps versions and the theme between builds (for `serve`).
    pub fn for_rebuilds() -> Self {
        BuildCache {
            load: LoadCache::for_rebuilds(),
            theme: None,
        }
    }

    /// The theme of the site at `root` (with its logo), compiled anew only if its files or
    /// the settings that choose them changed.
    fn theme(
        &mut self,
        root: &Path,
        config: &crate::model::SiteConfig,
    ) -> Result<Arc<Theme>, Diagnostics> {
        let name = &config.theme;
        let logo = config.appearance.as_ref().and_then(|a| a.logo.clone());
        let mut fingerprint = Fingerprint::of_tree(&root.join("themes").join(name));
        if let Some(logo) = &logo {
            fingerprint = fingerprint.with_file(&root.join(logo));
        }
        let key = format!("{name}\n{}", logo.unwrap_or_default());
        if let Some((n, f, theme)) = &self.theme
            && *n == key
            && *f == fingerprint
        {
            return Ok(Arc::clone(theme));
        }
        let theme = Arc::new(theme::load_for(root, config)?);
        self.theme = Some((key, fingerprint, Arc::clone(&theme)));
        Ok(theme)
    }
}

/// Everything a build needs before it renders.
pub struct Prepared {
    /// What is shown.
    pub plan: SitePlan,
    /// The theme.
    pub theme: Arc<Theme>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The versions that were read anew (all of them without a warm cache).
    pub changed: Vec<ChangedVersion>,
    /// Drafts not shown (a build without `--drafts`).
    pub drafts_left_out: Vec<ChangedVersion>,
    /// Time taken so far.
    pub timings: Timings,
}

/// Builds the site as `options` say.
pub fn build(options: &BuildOptions, cache: &mut BuildCache) -> Result<BuildSummary, BuildError> {
    let prepared = prepare(options, cache)?;
    let summary = write(options, prepared)?;
    cache.load.save_kept();
    Ok(summary)
}

/// Where the versions read by builds into the output of `options` are kept (beside it).
fn kept_file(options: &BuildOptions) -> Option<PathBuf> {
    let out = match &options.out {
        Some(out) => out.clone(),
        None => {
            let site = Path::new("site.toml");
            let bytes = crate::files::read_within(&options.root, site, MAX_FILE_BYTES).ok()?;
            let table: toml::Table = toml::from_str(std::str::from_utf8(&bytes).ok()?).ok()?;
            let dir = table.get("output_dir").and_then(|v| v.as_str());
            output_from_config(&options.root, dir.unwrap_or("public")).ok()?
        }
    };
    crate::content::kept_path(&out)
}

/// Opens the project, plans the build and loads the theme, reusing `cache`.
pub fn prepare(options: &BuildOptions, cache: &mut BuildCache) -> Result<Prepared, BuildError> {
    let mut timings = Timings::default();
    // A one-off build takes the versions that the last build into the same output kept (see
    // `content/kept.rs`), and keeps them for the next.
    if !cache.load.keeps()
        && !options.fresh
        && let Some(file) = kept_file(options)
    {
        cache.load = LoadCache::kept_in(&options.root, file);
    }
    let (project, changed) =
        Project::open_cached(&options.root, &mut cache.load, !options.selection.drafts);
    let project = project.map_err(BuildError::Content)?;
    timings.mark("load and validate content, check the published history");
    let plan = project
        .plan(&options.selection)
        .map_err(BuildError::Content)?;
    let theme = cache
        .theme(&options.root, &project.config)
        .map_err(BuildError::Content)?;
    timings.mark("load the theme");
    let mut warnings = project.warnings.clone();
    warnings.extend(plan.warnings.iter().cloned());
    warnings.extend(theme.warnings.iter().cloned());
    warnings.extend(statutory_summary(&project, options.selection.as_of));
    let drafts_left_out = if options.selection.drafts {
        Vec::new()
    } else {
        project
            .documents
            .iter()
            .flat_map(|doc| {
                (0..doc.site.versions.len())
                    .filter(|&i| !doc.is_published(i))
                    .map(|i| (doc.name().map(str::to_owned), doc.site.versions[i].id))
            })
            .collect()
    };
    Ok(Prepared {
        plan,
        theme,
        warnings,
        changed,
        drafts_left_out,
        timings,
    })
}

/// One line when the version in force fails the statutory check: the build goes on (it was
/// published before the rules changed, or the site has no lock), but nobody should miss it.
fn statutory_summary(project: &Project, as_of: Date) -> Vec<Diagnostic> {
    project
        .documents
        .iter()
        .filter_map(|doc| {
            let v = &doc.site.versions[doc.current(as_of)?];
            let errors = crate::check::check_version(project, doc, v)
                .iter()
                .filter(|d| d.severity == crate::error::Severity::Error)
                .count();
            (errors > 0).then(|| in_force_fails(doc.name(), v.id, errors))
        })
        .collect()
}

/// The warning of [`statutory_summary`] for one document.
fn in_force_fails(document: Option<&str>, id: VersionId, errors: usize) -> Diagnostic {
    let which = match document {
        Some(doc) => format!("{doc}/{id}"),
        None => id.to_string(),
    };
    Diagnostic::error(format!(
        "the version in force ({which}) has {errors} problem{} with the statutory items or the content",
        if errors == 1 { "" } else { "s" }
    ))
    .warning()
    .help("run `kohyo check` to see them; a new version must pass it to be published")
}

/// Where a build writes: `--out`, or `output_dir` of site.toml; checked either way.
fn output_dir(options: &BuildOptions, output_dir: &str) -> Result<PathBuf, WriteError> {
    let out = match &options.out {
        Some(out) => out.clone(),
        None => output_from_config(&options.root, output_dir)?,
    };
    check_output_dir(&out, &options.root)
}

/// Renders every page of a prepared site and swaps the new output in.
pub fn write(options: &BuildOptions, prepared: Prepared) -> Result<BuildSummary, BuildError> {
    let Prepared {
        plan,
        theme,
        warnings,
        changed,
        drafts_left_out,
        mut timings,
    } = prepared;
    let renderer = SiteRenderer::keyed(&plan, &theme).map_err(BuildError::Content)?;
    let pages = SitePages {
        pages: renderer.pages(),
        renderer,
    };
    timings.mark("diff every version against the one before");
    let out = output_dir(options, &plan.config.output_dir).map_err(BuildError::Output)?;
    let report = write_site(&out, &pages, options.fresh).map_err(|e| match e {
        WriteFailure::Produce(d) => BuildError::Content(d),
        WriteFailure::Write(e) => BuildError::Output(e),
    })?;
    timings.mark("render, minify and write the pages");
    Ok(BuildSummary {
        out,
        report,
        as_of: plan.options().as_of,
        current: pages
            .renderer
            .current_versions()
            .into_iter()
            .map(|(doc, id)| (doc.map(str::to_owned), id))
            .collect(),
        versions: plan.documents.iter().map(|p| p.site.versions.len()).sum(),
        drafts: plan.documents.iter().map(|p| p.drafts).sum(),
        read_anew: changed.len(),
        drafts_left_out,
        warnings,
        timings,
    })
}

/// Every file of a site, for the writer.
struct SitePages<'a> {
    renderer: SiteRenderer<'a>,
    pages: Vec<Page>,
}

impl Files for SitePages<'_> {
    type Error = Diagnostics;
    fn count(&self) -> usize {
        self.pages.len()
    }
    fn key(&self, k: usize) -> Result<Option<(String, String)>, Diagnostics> {
        self.renderer.key(self.pages[k])
    }
    fn make(&self, k: usize) -> Result<OutputFile, Diagnostics> {
        self.renderer.render(self.pages[k])
    }
    fn manifest(&self, hashes: BTreeMap<String, String>) -> OutputFile {
        self.renderer.manifest(hashes)
    }
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
