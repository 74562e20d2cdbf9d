//! The theme's stylesheet scoped to a fragment (`kohyo-fragment.css`): every rule applies only
//! inside `<div class="kohyo-fragment">`, so nothing leaks out into the host page, and a reset
//! before them keeps the host page's rules out (those with two IDs or `!important` aside).
//!
//! The scope is `:is(.kohyo-fragment,#kohyo-fragment-scope)` twice: it matches the class, with
//! the specificity of two IDs, above any rule of a host page made of classes and one ID. The
//! fragment's element starts from the browser's initial values (the user's font size), and
//! holds `<div class="kohyo-page">`, which takes the rules of `:root`, `html` and `body`.
//! Lengths in `rem` (the host page's root font size, often changed to 62.5%) become
//! `--kohyo-rem`, the fragment's own.

/// The selector every rule is scoped to.
pub const SCOPE: &str =
    ":is(.kohyo-fragment,#kohyo-fragment-scope):is(.kohyo-fragment,#kohyo-fragment-scope)";

/// The element inside the fragment's that stands for the page's `<body>`.
pub const PAGE_CLASS: &str = "kohyo-page";

/// `css` (the theme's `style.css`) scoped to the fragment: `:root`, `html` and `body` become the
/// fragment's element, every other selector is put inside it; `@media`, `@supports`, `@layer`
/// and `@container` blocks are scoped within; `@font-face`, `@keyframes` and the like are kept;
/// `@page`, `@import`, `@charset` and `@namespace` are left out (they belong to the host page).
pub fn scoped(css: &str) -> String {
    let mut out = format!(
        "/* kohyo: the theme's style.css scoped to .kohyo-fragment (made by kohyo; do not edit) */\n\
         @property --kohyo-rem {{ syntax: \"<length>\"; inherits: true; initial-value: 16px; }}\n\
         {SCOPE} {{ all: initial; display: block; --kohyo-rem: 1em; }}\n\
         {SCOPE} *, {SCOPE} *::before, {SCOPE} *::after {{ all: revert; }}\n"
    );
    scope_rules(css, &mut out);
    out
}

/// Scopes the rules of `css` into `out`.
fn scope_rules(css: &str, out: &mut String) {
    let mut rest = css;
    loop {
        rest = skip_space_and_comments(rest);
        if rest.is_empty() {
            return;
        }
        let Some(open) = find_outside_strings(rest, &['{', ';']) else {
            return;
        };
        let prelude = rest[..open].trim();
        if rest.as_bytes()[open] == b';' {
            // A statement at-rule (@import, @charset, @namespace): the host page's business.
            rest = &rest[open + 1..];
            continue;
        }
        let close = matching_brace(rest, open).unwrap_or(rest.len());
        let body = &rest[open + 1..close.min(rest.len())];
        rest = rest.get(close + 1..).unwrap_or("");
        let at = prelude.strip_prefix('@').map(|p| {
            p.split(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("")
        });
        match at {
            Some("media" | "supports" | "layer" | "container") => {
                out.push_str(prelude);
                out.push_str(" {\n");
                scope_rules(body, out);
                out.push_str("}\n");
            }
            Some("page") => {}
            Some(_) => {
                out.push_str(prelude);
                out.push_str(" {");
                out.push_str(body);
                out.push_str("}\n");
            }
            None => {
                out.push_str(&scope_selectors(prelude));
                out.push_str(" {");
                out.push_str(&own_rem(body));
                out.push_str("}\n");
            }
        }
    }
}

/// A selector list, each selector scoped.
fn scope_selectors(list: &str) -> String {
    split_top_level(list)
        .iter()
        .map(|s| scope_selector(s.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One selector, scoped: a leading `:root`, `html` or `body` (with what qualifies it) is the
/// fragment's element; anything else is inside it.
fn scope_selector(selector: &str) -> String {
    let mut s = selector;
    let mut rooted = false;
    loop {
        let next = [":root", "html", "body"].iter().find_map(|root| {
            let rest = s.strip_prefix(root)?;
            let boundary = rest
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'));
            boundary.then_some(rest)
        });
        match next {
            Some(rest) => {
                rooted = true;
                // `html body`, `html > body`: both are the fragment's element.
                s = rest.trim_start().trim_start_matches('>').trim_start();
                if !s.starts_with("body") {
                    break;
                }
            }
            None => break,
        }
    }
    if !rooted {
        return format!("{SCOPE} {selector}");
    }
    let page = format!("{SCOPE} > .{PAGE_CLASS}");
    if s.is_empty() {
        return page;
    }
    // What qualified the root (`.page-current`, `[lang]`) stays on it; a combinator starts
    // what is inside.
    let qualifies = s.starts_with(['.', '[', ':', '#']) && !s.starts_with("::");
    if qualifies {
        format!("{page}{s}")
    } else {
        format!("{page} {s}")
    }
}

/// Declarations with every length in `rem` in the fragment's own: `1.25rem` →
/// `calc(1.25 * var(--kohyo-rem))` (strings are kept as they are).
fn own_rem(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut quote = None;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, c) if c.is_ascii_digit() || c == '.' => {
                let boundary = at == 0
                    || !body[..at].ends_with(|p: char| {
                        p.is_alphanumeric() || p == '-' || p == '_' || p == '.'
                    });
                let end = body[at..]
                    .find(|d: char| !(d.is_ascii_digit() || d == '.'))
                    .map_or(body.len(), |n| at + n);
                let unit_end = end + 3;
                let is_rem = body[end..].starts_with("rem")
                    && !body[unit_end..]
                        .starts_with(|d: char| d.is_alphanumeric() || d == '-' || d == '_');
                if boundary && is_rem {
                    out.push_str(&format!("calc({} * var(--kohyo-rem))", &body[at..end]));
                    while i < chars.len() && chars[i].0 < unit_end {
                        i += 1;
                    }
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The selectors of a list, split at commas outside brackets, parentheses and strings.
fn split_top_level(list: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    for (i, c) in list.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&list[start..]);
    parts
}

fn skip_space_and_comments(mut s: &str) -> &str {
    loop {
        s = s.trim_start();
        match s.strip_prefix("/*") {
            Some(rest) => s = rest.find("*/").map_or("", |i| &rest[i + 2..]),
            None => return s,
        }
    }
}

/// The first of `chars` outside strings and comments.
fn find_outside_strings(s: &str, chars: &[char]) -> Option<usize> {
    let mut quote = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\\') => {
                iter.next();
            }
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '/') if s[i..].starts_with("/*") => {
                let end = s[i + 2..].find("*/").map_or(s.len(), |n| i + 2 + n + 2);
                while iter.peek().is_some_and(|(j, _)| *j < end) {
                    iter.next();
                }
            }
            (None, c) if chars.contains(&c) => return Some(i),
            _ => {}
        }
    }
    None
}

/// The index of the `}` that closes the `{` at `open`.
fn matching_brace(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut at = open;
    loop {
        let i = at + find_outside_strings(&s[at..], &['{', '}'])?;
        if s.as_bytes()[i] == b'{' {
            depth += 1;
        } else {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
        at = i + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_inside_the_fragment() {
        let css = "@charset \"utf-8\";\n/* c { } */\n:root { --a: \"{\"; }\nbody { margin: 0; }\nbody.page-current h1, a:hover { color: red; }\nhtml body > main { x: y; }\n@media print { @page { size: A4; } h2 { color: #000; } }\n@font-face { font-family: X; src: url(\"a}.woff\"); }\n.x::before { content: \"}\"; }";
        let s = scoped(css);
        let rules: Vec<&str> = s.lines().skip(4).collect();
        let page = format!("{SCOPE} > .kohyo-page");
        assert_eq!(
            rules,
            [
                format!("{page} {{ --a: \"{{\"; }}"),
                format!("{page} {{ margin: 0; }}"),
                format!("{page}.page-current h1, {SCOPE} a:hover {{ color: red; }}"),
                format!("{page} main {{ x: y; }}"),
                "@media print {".to_owned(),
                format!("{SCOPE} h2 {{ color: #000; }}"),
                "}".to_owned(),
                "@font-face { font-family: X; src: url(\"a}.woff\"); }".to_owned(),
                format!("{SCOPE} .x::before {{ content: \"}}\"; }}"),
            ]
        );
        assert_eq!(scope_selector("> main"), format!("{SCOPE} > main"));
        assert_eq!(
            own_rem(" margin: 0.5rem 1rem; width: 12rem; x: 2remx; content: \"3rem\"; y: a1rem"),
            " margin: calc(0.5 * var(--kohyo-rem)) calc(1 * var(--kohyo-rem)); width: calc(12 * var(--kohyo-rem)); x: 2remx; content: \"3rem\"; y: a1rem"
        );
        assert_eq!(scope_selector("bodyish"), format!("{SCOPE} bodyish"));
    }
}
