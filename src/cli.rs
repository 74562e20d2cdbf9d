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
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site: the current notice, every version, the history.
    Build(BuildArgs),
    /// Show what changed between two versions. Exit 0: no differences, 1: differences,
    /// 2: trouble.
    Diff(DiffArgs),
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
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Build the site as it stands on this date (YYYY-MM-DD) [default: today in Japan].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
