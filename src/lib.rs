//! kohyo (公表) renders the notice required by Japan's Act on the Protection of Personal
//! Information (個人情報保護法に基づく公表事項) as a static, versioned website.
//!
//! The pipeline flows one way; no stage calls back into an earlier one:
//!
//! 1. [`content`]: read `site.toml` and `content/versions/<id>/`, parse, validate → [`model`]
//!    (every problem is a [`error::Diagnostic`] with file, line, column and field);
//! 2. [`theme`]: the default theme compiled in, overridden file by file by `themes/<name>/`;
//! 3. [`render`]: views and Tera templates → output files in memory;
//! 4. [`site`]: write into a temporary directory, then swap it in (the only writer).
//!
//! [`cmd`] holds one module per subcommand; only it prints. See ARCHITECTURE.md.

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
pub fn run(cli: cli::Cli) -> ExitCode {
    i18n::set(i18n::Lang::detect(cli.lang));
    let out = console::Console::new(cli.quiet, cli.message_format == cli::MessageFormat::Short)
        .with_verbose(cli.verbose)
        .with_github(cli.message_format == cli::MessageFormat::Github);
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
    }
}
