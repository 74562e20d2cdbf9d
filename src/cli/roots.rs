//! Which site folder each command works in.

use std::path::PathBuf;

use super::Command;

impl Command {
    /// The `--root` of a command that works in a site (see [`Command::site_root`]).
    pub fn site_root_mut(&mut self) -> Option<&mut PathBuf> {
        match self {
            Command::Build(a) => Some(&mut a.root),
            Command::Diff(a) if a.compares_files() => None,
            Command::Diff(a) => Some(&mut a.root),
            Command::Check(a) => Some(&mut a.root),
            Command::Restore(a) => Some(&mut a.root),
            Command::Serve(a) => Some(&mut a.root),
            Command::New(a) => Some(&mut a.root),
            Command::Publish(a) => Some(&mut a.root),
            Command::Log(a) => Some(&mut a.root),
            Command::Verify(a) if a.site.is_none() => Some(&mut a.root),
            Command::Verify(_)
            | Command::Schema { .. }
            | Command::Init { .. }
            | Command::Import(_)
            | Command::Completions { .. } => None,
        }
    }

    /// The site's folder a command works in, when it needs one: every command but `init` and
    /// `schema`, and `verify` unless it checks a built site only.
    pub fn site_root(&self) -> Option<&std::path::Path> {
        match self {
            Command::Build(a) => Some(&a.root),
            Command::Diff(a) if a.compares_files() => None,
            Command::Diff(a) => Some(&a.root),
            Command::Check(a) => Some(&a.root),
            Command::Restore(a) => Some(&a.root),
            Command::Serve(a) => Some(&a.root),
            Command::New(a) => Some(&a.root),
            Command::Publish(a) => Some(&a.root),
            Command::Log(a) => Some(&a.root),
            Command::Verify(a) if a.site.is_none() => Some(&a.root),
            Command::Verify(_)
            | Command::Schema { .. }
            | Command::Init { .. }
            | Command::Import(_)
            | Command::Completions { .. } => None,
        }
    }
}

impl super::DiffArgs {
    /// Whether both versions compared are files or folders given by path (two `notice.json`,
    /// two version folders): no site is needed then.
    pub fn compares_files(&self) -> bool {
        [&self.old, &self.new].iter().all(|a| {
            let p = std::path::Path::new(a.as_str());
            p.extension().is_some_and(|e| e == "json") || p.join("notice.toml").is_file()
        })
    }
}
