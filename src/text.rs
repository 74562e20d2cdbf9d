//! Characters that have no place in a notice, in one list: refused in content (the content
//! stage reports each with its position), shown escaped (`\u{1b}`) wherever kohyo prints text
//! that came from content or from file names, and never written into XML.
//!
//! They are the control characters (C0 but tab and line feed, DEL, C1), which can rewrite a
//! reviewer's terminal; the invisible bidirectional controls, which can make text read in a
//! different order than it is stored (the "Trojan Source" attack); and the Unicode
//! noncharacters, which XML 1.0 does not allow and a feed reader refuses.

use std::borrow::Cow;

/// What kind of forbidden character `c` is, or `None` when it is allowed.
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some("a control character"),
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some("an invisible text-direction control")
        }
        '\u{fdd0}'..='\u{fdef}' => Some("a Unicode noncharacter"),
        c if (c as u32) & 0xfffe == 0xfffe => Some("a Unicode noncharacter"),
        _ => None,
    }
}

/// Every forbidden character of `s`: its byte offset, the character and what kind it is.
pub fn find_forbidden(s: &str) -> impl Iterator<Item = (usize, char, &'static str)> + '_ {
    s.char_indices()
        .filter_map(|(i, c)| forbidden(c).map(|why| (i, c, why)))
}

/// How a forbidden character is shown: `\u{1b}`.
pub fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// `s` with every forbidden character (and carriage return) shown escaped, safe to print to a
/// terminal.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| forbidden(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match forbidden(c) {
            Some(_) => out.push_str(&escaped(c)),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` without the characters XML 1.0 does not allow (controls but tab, line feed and carriage
/// return; U+FFFE and U+FFFF).
pub fn xml_chars(s: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= '\u{20}' && !matches!(c, '\u{fffe}' | '\u{ffff}'))
    };
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|c| allowed(*c)).collect())
    }
}

/// A text file's text as kohyo reads it: without a UTF-8 byte-order mark, with Windows line
/// ends (CRLF, as Notepad and Git for Windows write them) made `\n`, so that the same file
/// gives the same output on every system.
pub fn normalized(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains("\r\n") {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_and_bidi_overrides_are_escaped() {
        assert_eq!(for_terminal("a\u{1b}[2Kb"), "a\\u{1b}[2Kb");
        assert_eq!(for_terminal("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(for_terminal("\u{9b}"), "\\u{9b}");
        assert_eq!(for_terminal("普通の文\tと改行\n"), "普通の文\tと改行\n");
    }

    #[test]
    fn noncharacters_are_forbidden_and_left_out_of_xml() {
        assert!(forbidden('\u{fffe}').is_some());
        assert!(forbidden('\u{1ffff}').is_some());
        assert!(forbidden('\u{fdd0}').is_some());
        assert!(forbidden('個').is_none());
        assert_eq!(xml_chars("a\u{ffff}b\u{1}c"), "abc");
    }
}
