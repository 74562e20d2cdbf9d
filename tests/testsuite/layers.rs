//! The house imports only downward: every `crate::…` (and `super::…`) path in `src/` may name
//! a module of its own layer or of a layer below, never one above, and no two modules of a
//! layer name each other in a circle. ARCHITECTURE.md's table of layers is this list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, from the ground up. A module not listed is an error: a new module takes its
/// place here (and in ARCHITECTURE.md) when it is made.
pub const LAYERS: &[(&str, &[&str])] = &[
    ("foundation", &["text", "i18n", "hash", "cache", "error"]),
    ("values", &["values", "markdown", "source"]),
    ("block kit", &["blocks::kit"]),
    ("blocks", &["blocks"]),
    ("model", &["model", "address"]),
    ("history of content", &["lock", "diff"]),
    ("reading", &["files", "content"]),
    ("publication and theme", &["publication", "theme"]),
    ("rendering", &["render"]),
    ("project and check", &["project", "check"]),
    ("writing", &["site"]),
    ("console", &["console"]),
    ("use cases", &["ops"]),
    ("command line", &["cli"]),
    ("commands", &["cmd"]),
    ("entry", &["lib", "main"]),
];

/// The module path of a source file: `src/blocks/kit/view.rs` → `blocks::kit::view`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The unit (a listed module) a module path belongs to: the longest listed prefix.
fn unit_of(path: &[String]) -> Option<&'static str> {
    LAYERS
        .iter()
        .flat_map(|(_, units)| units.iter().copied())
        .filter(|u| {
            let parts: Vec<&str> = u.split("::").collect();
            parts.len() <= path.len() && parts.iter().zip(path).all(|(a, b)| a == b)
        })
        .max_by_key(|u| u.len())
}

fn layer_of(unit: &str) -> usize {
    LAYERS
        .iter()
        .position(|(_, units)| units.contains(&unit))
        .expect("a listed unit")
}

/// The code of a file without its comments (doc links name modules they do not import).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l.split(" // ").next().unwrap_or(l),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths that `code` names, resolved from `module`: `crate::a::b` and
/// `super::…::a` (`$crate::…` is a macro's own path, resolved where it is used).
fn named_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && (bytes[at - 1] == b'$' || bytes[at - 1].is_ascii_alphanumeric()) {
            continue;
        }
        out.push(idents(&code[at + "crate::".len()..]));
    }
    for (at, _) in code.match_indices("super::") {
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b':') {
            continue;
        }
        let mut base = module.to_vec();
        let mut rest = &code[at..];
        while let Some(r) = rest.strip_prefix("super::") {
            base.pop();
            rest = r;
        }
        base.extend(idents(rest));
        out.push(base);
    }
    out
}

/// The leading `a::b::c` of `s`, lower-case segments only (modules, not types).
fn idents(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for seg in s.split("::") {
        let name: String = seg
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
            break;
        }
        let whole = name.len() == seg.len();
        out.push(name);
        if !whole {
            break;
        }
    }
    out
}

/// Every import between units: (from unit, to unit, file, path named).
fn imports(src: &Path) -> Vec<(&'static str, &'static str, String, String)> {
    let mut out = Vec::new();
    for entry in walkdir(src) {
        let rel = entry.strip_prefix(src).unwrap();
        let module = module_of(rel);
        let from = unit_of(&module)
            .unwrap_or_else(|| panic!("{} belongs to no layer of LAYERS", rel.display()));
        let code = code_of(&std::fs::read_to_string(&entry).unwrap());
        for path in named_paths(&code, &module) {
            let Some(to) = unit_of(&path) else { continue };
            if to != from {
                out.push((from, to, rel.display().to_string(), path.join("::")));
            }
        }
    }
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The imports that run up, and the circles among units of one layer.
fn violations(src: &Path) -> Vec<String> {
    let imports = imports(src);
    let mut problems: Vec<String> = imports
        .iter()
        .filter(|(from, to, ..)| layer_of(to) > layer_of(from))
        .map(|(from, to, file, path)| {
            format!(
                "{file}: `{from}` (layer {}) imports `crate::{path}` of `{to}` (layer {}, above it)",
                LAYERS[layer_of(from)].0,
                LAYERS[layer_of(to)].0
            )
        })
        .collect();
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (from, to, ..) in &imports {
        edges.entry(from).or_default().insert(to);
    }
    for (from, tos) in &edges {
        for to in tos {
            if reaches(&edges, to, from) {
                problems.push(format!("`{from}` and `{to}` import each other (a circle)"));
            }
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

/// Whether `target` can be reached from `from` along the imports.
fn reaches(edges: &BTreeMap<&str, BTreeSet<&str>>, from: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == target {
            return true;
        }
        if seen.insert(n) {
            stack.extend(edges.get(n).into_iter().flatten().copied());
        }
    }
    false
}

#[test]
fn every_module_imports_only_its_own_layer_or_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = violations(&src);
    assert!(
        problems.is_empty(),
        "imports against the layers (tests/testsuite/layers.rs, ARCHITECTURE.md):\n{}",
        problems.join("\n")
    );
}

#[test]
fn an_import_that_runs_up_or_round_is_found() {
    // A copy of src/ where the bottom layer reaches up, and two units of one layer import
    // each other: the test above must fail on it.
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    copy(&src, dir.path());
    let text = dir.path().join("text.rs");
    let mut t = std::fs::read_to_string(&text).unwrap();
    t.push_str("\nfn up() { let _ = crate::render::OutputFile::default; }\n");
    std::fs::write(&text, t).unwrap();
    let lock = dir.path().join("lock.rs");
    let mut l = std::fs::read_to_string(&lock).unwrap();
    l.push_str("\nuse crate::diff::Diff as _;\n");
    std::fs::write(&lock, l).unwrap();
    let diff = dir.path().join("diff/mod.rs");
    let mut d = std::fs::read_to_string(&diff).unwrap();
    d.push_str("\nuse crate::lock::Lock as _;\n");
    std::fs::write(&diff, d).unwrap();
    let problems = violations(dir.path());
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("text.rs: `text`") && p.contains("crate::render")),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("a circle")),
        "{problems:#?}"
    );
}

fn copy(from: &Path, to: &Path) {
    for file in walkdir(from) {
        let rel = file.strip_prefix(from).unwrap();
        std::fs::create_dir_all(to.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(&file, to.join(rel)).unwrap();
    }
}

/// The longest a source file and a function may be: a file a reader can hold in mind, a
/// function that fits on a screen.
const MAX_FILE_LINES: usize = 600;
const MAX_FN_LINES: usize = 60;

/// The functions of `text` longer than `max` lines, from the line of `fn` to the line of the
/// closing brace at its indentation, as (first line, name, lines).
fn long_functions(text: &str, max: usize) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let indent = line.len() - code.len();
        let after_modifiers = [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "const ",
            "async ",
            "unsafe ",
        ]
        .iter()
        .fold(code, |c, m| c.strip_prefix(m).unwrap_or(c));
        let Some(name) = after_modifiers.strip_prefix("fn ") else {
            continue;
        };
        let name: String = name
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(open) = (i..lines.len()).find(|&j| {
            let t = lines[j].trim_end();
            t.ends_with('{') || t.ends_with(';') || t.ends_with("{}")
        }) else {
            continue;
        };
        if !lines[open].trim_end().ends_with('{') {
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        let end = (open + 1..lines.len())
            .find(|&k| lines[k].trim_end() == close)
            .unwrap_or(lines.len() - 1);
        if end - i + 1 > max {
            out.push((i + 1, name, end - i + 1));
        }
    }
    out
}

#[test]
fn every_source_file_and_function_is_short_enough_to_read() {
    let src = crate::common::repo_root().join("src");
    let mut long = Vec::new();
    for file in walkdir(&src) {
        let text = std::fs::read_to_string(&file).unwrap();
        let rel = file.strip_prefix(&src).unwrap().display().to_string();
        let n = text.lines().count();
        if n > MAX_FILE_LINES {
            long.push(format!("src/{rel}: {n} lines (at most {MAX_FILE_LINES})"));
        }
        for (line, name, n) in long_functions(&text, MAX_FN_LINES) {
            long.push(format!(
                "src/{rel}:{line}: fn {name} is {n} lines (at most {MAX_FN_LINES})"
            ));
        }
    }
    assert!(long.is_empty(), "split these:\n{}", long.join("\n"));
}

#[test]
fn a_long_function_is_found() {
    let body = "    let x = 1;\n".repeat(MAX_FN_LINES);
    let text =
        format!("impl A {{\n    pub fn long(&self) {{\n{body}    }}\n\n    fn short() {{}}\n}}\n");
    let found = long_functions(&text, MAX_FN_LINES);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1.as_str()), (2, "long"));
    assert!(long_functions(&text, MAX_FN_LINES + 2).is_empty());
}

#[test]
fn architecture_md_lists_the_layers_as_the_test_does() {
    let doc = std::fs::read_to_string(crate::common::repo_root().join("ARCHITECTURE.md")).unwrap();
    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with("| ")).collect();
    for (layer, modules) in LAYERS {
        let row = rows
            .iter()
            .find(|r| r.starts_with(&format!("| {layer} | ")))
            .unwrap_or_else(|| panic!("ARCHITECTURE.md has no row for the layer `{layer}`"));
        let cell = row.split(" | ").nth(1).unwrap_or_default();
        let listed: Vec<&str> = cell.split(", ").map(|m| m.trim_matches('`')).collect();
        assert_eq!(listed, *modules, "ARCHITECTURE.md's row for `{layer}`");
    }
}
