//! The `kohyo` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kohyo::cli::Cli::parse();
    kohyo::run(cli)
}
