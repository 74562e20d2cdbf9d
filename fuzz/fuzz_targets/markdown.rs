//! Markdown: whatever the text, rendering never panics and never emits a script, an event
//! handler or a javascript: link, even for text the checker would refuse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = kohyo::markdown::check(text);
    if text.len() > 20_000 {
        return;
    }
    let links = kohyo::markdown::Links {
        root: "../",
        anchor_prefix: "",
        files: "versions/2024-04-01/",
        attachments: &[],
    };
    for inline in [false, true] {
        // Text never holds a raw `<` (it is escaped), so each `<` here starts a real tag.
        let html = kohyo::markdown::to_html(text, &links, inline).to_ascii_lowercase();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<a href=\"javascript:"), "{html}");
        assert!(!html.contains("<a href=\"data:"), "{html}");
        assert!(!html.contains("<a href=\"vbscript:"), "{html}");
    }
});
