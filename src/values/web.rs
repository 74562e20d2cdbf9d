//! Addresses on the web: the one test of what kohyo treats as a web address.

/// Whether `s` starts with `http://` or `https://` (in any case): an address on the web rather
/// than a path, a folder or another scheme.
pub fn has_web_scheme(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Whether `s` is a complete web address kohyo writes into pages, feeds and robots.txt as it
/// is (`base_url`, a homepage, a contact's page): `http://` or `https://` with a host, and no
/// whitespace, control character or character that would need quoting in HTML or XML.
pub fn is_web_address(s: &str) -> bool {
    let clean = !s.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || crate::text::forbidden(c).is_some()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '`' | '\\' | '{' | '}' | '|' | '^'
            )
    });
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let host = rest.and_then(|r| r.split(['/', '?', '#']).next());
    clean && host.is_some_and(|h| !h.is_empty() && !h.starts_with(['.', ':', '@']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        assert!(is_web_address("https://example.or.jp/kojin-joho/"));
        assert!(is_web_address("http://127.0.0.1:8080/"));
        for bad in [
            "ftp://x",
            "https://",
            "https://.x",
            "example.or.jp",
            "https://a b",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
        assert!(has_web_scheme("HTTPS://x") && has_web_scheme("http://"));
        assert!(!has_web_scheme("versions/index.html") && !has_web_scheme("htt"));
    }
}
