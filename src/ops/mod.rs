//! The use cases under the commands: build a site, publish a version, verify a site, serve a
//! preview, sign a chain head. Each takes plain options (no command line) and returns what it
//! did; progress goes through [`crate::console`], never straight to the terminal.

pub mod build;
pub mod import;
pub mod publish;
pub mod serve;
pub mod signing;
pub mod verify;
