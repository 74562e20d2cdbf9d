//! The `kohyo` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

// A build allocates many short-lived strings on several threads; mimalloc handles that far
// better than the system allocator (measured in bench/results.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = kohyo::cli::parse();
    kohyo::run(cli)
}
