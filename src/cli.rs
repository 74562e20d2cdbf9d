//! The command line: clap definitions turned into validated options. Reads no content.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::model::Date;

/// kohyo (公表): publish the notice required by Japan's Act on the Protection of Personal
/// Information as a static, versioned website.
#[derive(Debug, Parser)]
#[command(name = "kohyo", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print details, such as the time each stage of a build takes.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// How problems are shown: `human` (with the source line) or `short` (one line each:
    /// file:line:column: field: message).
    #[arg(long, value_enum, global = true, default_value = "human")]
    pub message_format: MessageFormat,
    /// The language of messages: `ja` or `en` [default: KOHYO_LANG, else the system's].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<crate::i18n::Lang>,
}

/// How problems are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc-like, quoting the source line.
    Human,
    /// One line per problem.
    Short,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site: the current notice, every version, the history.
    Build(BuildArgs),
    /// Show what changed between two versions. Exit 0: no differences, 1: differences,
    /// 2: trouble.
    Diff(DiffArgs),
    /// Check the notice: everything build checks, the statutory items, lint, links.
    Check(CheckArgs),
    /// Print the JSON Schema of site.toml or of a version's notice.toml.
    Schema {
        /// Which file.
        #[arg(value_enum, default_value = "version")]
        which: SchemaKind,
    },
    /// Create a new site: site.toml, an example version, the default theme.
    Init {
        /// Where to create it.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also copy the default theme into themes/default/ to customise it (a copy overrides
        /// the built-in theme, so later fixes of kohyo's theme no longer arrive).
        #[arg(long)]
        theme: bool,
        /// Create the site in a folder that is not empty (no file is ever overwritten).
        #[arg(long)]
        force: bool,
    },
    /// Put a published version back exactly as it was published, from its snapshot, after an
    /// accidental edit.
    Restore(RestoreArgs),
    /// Build, serve on 127.0.0.1, rebuild on change and reload the browser page.
    Serve(ServeArgs),
    /// Start a new version (a draft) from the latest one.
    New(NewArgs),
    /// Publish a version: record its content hash in kohyo.lock's hash chain.
    Publish(PublishArgs),
    /// List every version with its status (published / draft / scheduled) and hash.
    Log(LogArgs),
    /// Check kohyo.lock's hash chain against the content, and a built site against the lock.
    Verify(VerifyArgs),
}

/// Output forms of `kohyo check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// rustc-like reports on stderr.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// Which schema `kohyo schema` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// site.toml.
    Site,
    /// content/versions/<id>/notice.toml.
    Version,
    /// content/documents/<doc>/document.toml (a site of several documents).
    Document,
    /// The output versions/<id>/notice.json.
    NoticeJson,
    /// The output manifest.json.
    Manifest,
    /// The output of `kohyo diff --format json`.
    Diff,
    /// The output of `kohyo check --format json`.
    Check,
}

/// Options of `kohyo check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Output form.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too, as CI should.
    #[arg(long)]
    pub deny_warnings: bool,
    /// List the external links of the site (they are never fetched).
    #[arg(long)]
    pub list_external: bool,
    /// The date that decides which version is current [default: today in Japan].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

/// Options of `kohyo serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The port [default: 1111, or any free port if it is taken].
    #[arg(long)]
    pub port: Option<u16>,
    /// Include draft versions, marked 草案.
    #[arg(long)]
    pub drafts: bool,
    /// Show the site as it stands on this date [default: today in Japan].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

/// Options of `kohyo new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new version's effective date (YYYY-MM-DD).
    #[arg(value_parser = parse_date)]
    pub date: Date,
    /// One line saying what changes in this version.
    #[arg(long)]
    pub summary: Option<String>,
    /// The site's folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// On a site of several documents: which one (its folder name under content/documents/).
    #[arg(long, value_name = "DOC")]
    pub doc: Option<String>,
    /// The date that decides which version is current: the new one takes effect after it
    /// [default: today in Japan].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

/// Options of `kohyo publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The id of the version to publish (its folder name under content/versions/).
    pub id: String,
    /// The site's folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// On a site of several documents: which one (its folder name under content/documents/).
    #[arg(long, value_name = "DOC")]
    pub doc: Option<String>,
    /// The date that decides which version is current: the published one takes effect after
    /// it [default: today in Japan].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

/// Options of `kohyo restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The id of the published version to put back.
    pub id: String,
    /// The site's folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// On a site of several documents: which one (its folder name under content/documents/).
    #[arg(long, value_name = "DOC")]
    pub doc: Option<String>,
}

/// Options of `kohyo log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The site's folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// On a site of several documents: which one (its folder name under content/documents/).
    #[arg(long, value_name = "DOC")]
    pub doc: Option<String>,
    /// The date that decides which version is current [default: today in Japan].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

/// Options of `kohyo verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The site's folder (holding site.toml and kohyo.lock).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// A built site to check: its manifest.json, every notice.json and every file (against the
    /// lock too when run in the site's repository).
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
    /// The chain head recorded elsewhere (board minutes, an audit report) that the site's
    /// published history must end in.
    #[arg(long, value_name = "sha256:…")]
    pub expect_head: Option<String>,
}

/// Output forms of `kohyo diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// For the terminal (coloured when it is one, unless NO_COLOR is set).
    Text,
    /// For scripts: a list of changes with path, kind, old and new.
    Json,
    /// For a pull request or a memo.
    Markdown,
    /// A standalone web page.
    Html,
}

/// Options of `kohyo diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version: an id (2024-04-01), `current`, `previous`, or a version folder.
    pub old: String,
    /// The new version: an id, `current`, `previous`, or a version folder (e.g. a draft).
    pub new: String,
    /// Output form.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// The site's folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// On a site of several documents: which one (its folder name under content/documents/).
    #[arg(long, value_name = "DOC")]
    pub doc: Option<String>,
    /// The date that decides which version is `current` [default: today in Japan].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

/// Options of `kohyo build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: output_dir of site.toml, i.e. public/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The address the site is published at, overriding base_url of site.toml.
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Build the site as it stands on this date (YYYY-MM-DD) [default: today in Japan].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Include draft (unpublished) versions, marked 草案, for a preview. Never deploy this.
    #[arg(long)]
    pub drafts: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

fn parse_base_url(s: &str) -> Result<String, String> {
    if crate::markdown::is_web_address(s) {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "`{}` is not a web address: give the full address the site is published at, starting with https:// (no spaces or control characters)",
            crate::text::for_terminal(s)
        ))
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
