//! The `kohyo` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

// A build allocates many short-lived strings on several threads; mimalloc handles that far
// better than the system allocator (measured in bench/results.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_on_a_closed_pipe();
    let cli = kohyo::cli::parse();
    kohyo::run(cli)
}

/// `kohyo log | head` closes the pipe before kohyo has printed everything: that ends kohyo
/// quietly (what was asked is done or cannot be shown), instead of a panic and exit 101.
fn quiet_on_a_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        let closed = message.starts_with("failed printing to std")
            && (message.contains("Broken pipe") || message.contains("os error 232"));
        if closed {
            std::process::exit(0);
        }
        default(info);
    }));
}
