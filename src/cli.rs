//! The command line: clap definitions turned into validated options. Reads no content.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::values::Date;

/// `kohyo --version`: the version, the commit it was built from and that commit's date.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("KOHYO_COMMIT"),
    " ",
    env!("KOHYO_COMMIT_DATE"),
    ")"
);

/// kohyo (公表): publish the notice required by Japan's Act on the Protection of Personal
/// Information as a static, versioned website.
#[derive(Debug, Parser)]
#[command(name = "kohyo", version = VERSION, about, long_about = None)]
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
    /// How problems are shown: `human` (with the source line), `short` (one line each:
    /// file:line:column: field: message) or `github` (GitHub Actions annotations).
    #[arg(long, value_enum, global = true, default_value = "human")]
    pub message_format: MessageFormat,
    /// The language of messages: `ja` or `en` [default: KOHYO_LANG, else the system's].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<crate::i18n::Lang>,
    /// Colours in messages and diffs: `auto` (on a terminal, unless NO_COLOR is set), `always`
    /// or `never`.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    pub color: ColorChoice,
}

/// When to colour what is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How problems are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc-like, quoting the source line.
    Human,
    /// One line per problem.
    Short,
    /// GitHub Actions annotations (`::error file=…,line=…::…`): a workflow shows each problem on
    /// its file and line.
    Github,
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
    /// Print the JSON Schema of an input file (site.toml, notice.toml, document.toml) or of a JSON output.
    Schema {
        /// Which file.
        #[arg(value_enum, default_value = "version")]
        which: SchemaKind,
    },
    /// Create a new site: site.toml and a first draft of the notice to fill in.
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
    /// Bring in the notice a society has today (text, a saved web page or a Word file) as a
    /// draft: a new site in DIR, or a new version of the site given with --into.
    Import(ImportArgs),
    /// Print the tab completion script of a shell (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
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
    /// The output kohyo-source.json (what the pages are made from besides the versions).
    Source,
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
    /// Check only what is published (the versions in force and scheduled), as a deployment
    /// should: a draft, even one that does not load, is checked where it is reviewed.
    #[arg(long)]
    pub published: bool,
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
    /// Open the site in the browser once it is served.
    #[arg(long)]
    pub open: bool,
}

/// Options of `kohyo import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The notice as it is today: a .txt (copied from a browser or Word; UTF-8 or Shift_JIS),
    /// a web page saved as .html, or a Word file (.docx).
    pub source: PathBuf,
    /// The folder of the new site (as `kohyo init DIR` makes it).
    #[arg(required_unless_present = "into", conflicts_with = "into")]
    pub dir: Option<PathBuf>,
    /// Add the notice as a new draft version of this existing site instead.
    #[arg(long, value_name = "SITE")]
    pub into: Option<PathBuf>,
    /// The draft's effective date [default: today in Japan].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<Date>,
    /// What the draft changes, in one line [default: 既存の公表事項を取り込み].
    #[arg(long)]
    pub summary: Option<String>,
    /// In a web page, the element that holds the notice: `#id` or a tag such as `main`.
    #[arg(long, value_name = "PART")]
    pub part: Option<String>,
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
    #[arg(value_parser = parse_id)]
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
    /// Sign the new chain head with this SSH key (a private key, or the public key of one in
    /// ssh-agent), with ssh-keygen; checked by `kohyo verify --trusted-key`
    #[arg(long, value_name = "KEY")]
    pub sign: Option<PathBuf>,
    /// Publish although `kohyo check` warns about the version; the warnings are recorded in
    /// kohyo.lock as accepted
    #[arg(long)]
    pub accept_warnings: bool,
    /// Publish a version whose effective date has passed, saying why (e.g. "従来のホームページで公表済み"):
    /// the reason and the day of publication are recorded and shown on its page
    #[arg(long, value_name = "REASON")]
    pub retroactive: Option<String>,
}

/// Options of `kohyo restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The id of the published version to put back.
    #[arg(value_parser = parse_id)]
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
    /// A built site to check — its folder, or the address it is published at (https://…,
    /// fetched with curl): its manifest.json, every notice.json and every file (against the
    /// lock too when run in the site's repository).
    #[arg(long, value_name = "DIR|URL")]
    pub site: Option<PathBuf>,
    /// The chain head recorded elsewhere (board minutes, an audit report) that the site's
    /// published history must end in.
    #[arg(long, value_name = "sha256:…")]
    pub expect_head: Option<String>,
    /// With --site, in the site's repository: rebuild the site from the content as of the date
    /// its manifest records and compare every file, proving that every page says what the
    /// hashed content says
    #[arg(long, requires = "site")]
    pub rebuild: bool,
    /// The public keys (`ssh-ed25519 AAAA…` lines, as in a .pub file) whose signature the
    /// latest published version must carry (`kohyo publish --sign`); every signature is checked
    #[arg(long, value_name = "FILE")]
    pub trusted_key: Option<PathBuf>,
    /// The address the site was built for, if it was not site.toml's base_url (with --rebuild)
    #[arg(long, value_name = "URL", requires = "rebuild", value_parser = parse_base_url)]
    pub base_url: Option<String>,
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
    /// The old version: an id (2024-04-01), `current`, `previous`, `before` (the published
    /// version in force before NEW takes effect: what a reviewer compares a new version with),
    /// or a version folder.
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
    /// Read every version and make every page anew, taking nothing from the previous build into the same output (which is otherwise reused where nothing changed)
    #[arg(long)]
    pub fresh: bool,
}

/// A version id (`YYYY-MM-DD` or `YYYY-MM-DD.N`), checked when the command line is read: a
/// malformed one is a usage error (exit 2), like a malformed date.
fn parse_id(s: &str) -> Result<String, String> {
    s.parse::<crate::values::VersionId>()
        .map(|id| id.to_string())
}

/// A date on the command line: `2027-04-01`, or as staff write it (`2027/04/01`,
/// `2027年4月1日`, `令和9年4月1日`, full-width digits).
fn parse_date(s: &str) -> Result<Date, String> {
    s.parse().or_else(|e| Date::from_japanese(s).ok_or(e))
}

fn parse_base_url(s: &str) -> Result<String, String> {
    if crate::values::web::is_web_address(s) {
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

/// Japanese of the command line's help, keyed by the English of the doc comments above.
const HELP_JA: &str = include_str!("../messages/help-ja.toml");

fn help_ja() -> &'static std::collections::HashMap<String, String> {
    static JA: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    JA.get_or_init(|| crate::i18n::parse(HELP_JA))
}

/// The language asked for on the command line (`--lang ja`, `--lang=en`), before clap reads
/// it: the help must be written in it.
fn lang_in_args(args: &[std::ffi::OsString]) -> Option<crate::i18n::Lang> {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let value = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .or_else(|| (*a == "--lang").then(|| args.get(i + 1).copied()).flatten())
    })?;
    match value {
        "ja" => Some(crate::i18n::Lang::Ja),
        "en" => Some(crate::i18n::Lang::En),
        _ => None,
    }
}

/// The clap command with its help in `lang`.
pub fn command_in(lang: crate::i18n::Lang) -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command();
    if lang == crate::i18n::Lang::En {
        return cmd;
    }
    in_japanese(cmd)
}

fn japanese(text: &clap::builder::StyledStr) -> Option<String> {
    help_ja().get(&text.to_string()).cloned()
}

/// A command, its arguments and its subcommands, with their help in Japanese (clap's own
/// words too: the headings, the default values, the values allowed).
fn in_japanese(cmd: clap::Command) -> clap::Command {
    let root = cmd.get_version().is_some();
    let mut cmd = cmd
        .help_template("{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("コマンド")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .long("help")
                .short('h')
                .action(clap::ArgAction::Help)
                .help("ヘルプを表示します"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .long("version")
                .short('V')
                .action(clap::ArgAction::Version)
                .help("バージョンを表示します"),
        );
    }
    let mut order = 0;
    cmd = cmd.mut_args(|a| {
        order += 1;
        arg_in_japanese(a, order)
    });
    if let Some(ja) = cmd.get_about().and_then(japanese) {
        cmd = cmd.about(ja);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, in_japanese);
    }
    cmd
}

/// An argument with its help in Japanese, under a Japanese heading, the values it allows and
/// its default said in Japanese; `order` is its place among its command's arguments.
fn arg_in_japanese(a: clap::Arg, order: usize) -> clap::Arg {
    let heading = if a.is_positional() {
        "引数"
    } else {
        "オプション"
    };
    let mut help = a
        .get_help()
        .map(|h| japanese(h).unwrap_or_else(|| h.to_string()))
        .unwrap_or_default();
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if !values.is_empty() && a.get_action().takes_values() {
        help.push_str(&format!(" [値: {}]", values.join(", ")));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        help.push_str(&format!(" [既定: {}]", defaults.join(", ")));
    }
    let takes_values = a.get_action().takes_values();
    let shown_at = if a.is_global_set() {
        100 + order
    } else {
        order
    };
    a.help_heading(heading)
        .display_order(shown_at)
        .help(help)
        .hide_possible_values(takes_values)
        .hide_default_value(takes_values)
}

/// `kohyo help build` as `kohyo build --help`: the Japanese help replaces clap's `help`
/// subcommand (whose texts cannot be translated), and staff still type it.
fn help_subcommand_as_flag(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut i = 1;
    while i < args.len() {
        match args[i].to_str() {
            Some("--lang") | Some("--message-format") => i += 2,
            Some(a) if a.starts_with('-') => i += 1,
            Some("help") => {
                args.remove(i);
                args.push("--help".into());
                break;
            }
            _ => break,
        }
    }
    args
}

/// Reads the command line, with `--help` in the language of this run.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = crate::i18n::Lang::detect(lang_in_args(&args));
    let args = if lang == crate::i18n::Lang::Ja {
        help_subcommand_as_flag(args)
    } else {
        args
    };
    let matches = match command_in(lang).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) if lang == crate::i18n::Lang::Ja => japanese_usage_error(&e),
        Err(e) => e.exit(),
    };
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[cfg(test)]
mod help_tests;
mod roots;
mod usage_ja;
use usage_ja::japanese_usage_error;
