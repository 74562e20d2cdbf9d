//! kohyo (公表) renders the notice required by Japan's Act on the Protection of Personal
//! Information (個人情報保護法に基づく公表事項) as a static, versioned website.
//!
//! The modules are layers, and a module imports only from its own layer or below (enforced by
//! `tests/testsuite/layers.rs`; the table is in ARCHITECTURE.md): the foundation (`text`,
//! [`i18n`], [`hash`], [`error`]); the values content is made of ([`values`], [`markdown`],
//! [`source`]); the kinds of block ([`blocks`], over `blocks::kit`); the validated data
//! ([`model`], [`address`]); hashes and diffs ([`lock`], [`diff`]); reading a site
//! ([`content`]); its publication state and theme ([`publication`], `theme`); rendering
//! ([`render`]); the project and the checks ([`check`]); the one writer (`site`); then the
//! console, the use cases (`ops`: build, publish, verify, serve), the command line ([`cli`]) and
//! one thin adapter per command (`cmd`). Every problem is an [`error::Diagnostic`] with file,
//! line, column and field.

pub mod address;
pub mod blocks;
pub(crate) mod cache;
pub mod check;
pub mod cli;
pub(crate) mod cmd;
pub(crate) mod console;
pub mod content;
pub mod diff;
pub mod error;
pub(crate) mod files;
pub mod hash;
pub mod i18n;
pub mod lock;
pub mod markdown;
pub mod model;
pub(crate) mod ops;
pub(crate) mod project;
pub mod publication;
pub mod render;
pub(crate) mod site;
pub mod source;
pub(crate) mod text;
pub(crate) mod theme;
pub mod values;

use std::process::ExitCode;

/// Runs a parsed command line and returns the process's exit code (see
/// [`cmd::exit_code`]); a command's failure is printed here, once.
pub fn run(mut cli: cli::Cli) -> ExitCode {
    // Run in a subfolder of a site (content/versions/…), kohyo finds the site above, as git
    // and cargo do.
    if let Some(root) = cli.command.site_root_mut()
        && root.as_os_str() == "."
        && let Some(found) = cmd::site_above(root)
    {
        *root = found;
    }
    i18n::set(i18n::Lang::detect(cli.lang));
    let out = console::Console::new(cli.quiet, cli.message_format == cli::MessageFormat::Short)
        .with_verbose(cli.verbose)
        .with_github(cli.message_format == cli::MessageFormat::Github)
        .with_colours(match cli.color {
            cli::ColorChoice::Auto => None,
            cli::ColorChoice::Always => Some(true),
            cli::ColorChoice::Never => Some(false),
        });
    let result = match cli.command.site_root().map(cmd::require_site) {
        Some(Err(e)) => Err(e),
        _ => dispatch(&cli, &out),
    };
    if let Err(e) = &result {
        cmd::report(&out, e);
    }
    ExitCode::from(cmd::exit_code(&cli.command, &result))
}

/// Runs the command.
fn dispatch(cli: &cli::Cli, out: &console::Console) -> cmd::CommandResult {
    match &cli.command {
        cli::Command::Build(args) => cmd::build::execute(args, out),
        cli::Command::Diff(args) => cmd::diff::execute(args, out),
        cli::Command::Check(args) => cmd::check::execute(args, out),
        cli::Command::Schema { which } => cmd::schema::execute(*which),
        cli::Command::Init { dir, theme, force } => cmd::init::execute(dir, *theme, *force, out),
        cli::Command::Restore(args) => cmd::restore::execute(args, out),
        cli::Command::Serve(args) => cmd::serve::execute(args, out),
        cli::Command::New(args) => cmd::new::execute(args, out),
        cli::Command::Publish(args) => cmd::publish::execute(args, out),
        cli::Command::Log(args) => cmd::log::execute(args, out),
        cli::Command::Verify(args) => cmd::verify::execute(args, out),
        cli::Command::Import(args) => cmd::import::execute(args, out),
        cli::Command::Completions { shell } => {
            let mut command = cli::command_in(i18n::lang());
            clap_complete::generate(*shell, &mut command, "kohyo", &mut std::io::stdout());
            Ok(cmd::Outcome::Success)
        }
    }
}
