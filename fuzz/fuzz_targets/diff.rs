//! The diff engine: for any two texts, the spans rebuild both; for any two loadable notices,
//! every change has a path and its spans rebuild its old and new text.
#![no_main]

use kohyo::content::parse_notice;
use kohyo::diff::{diff, rebuild, text_spans};
use kohyo::values::VersionId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Two inputs separated by the first NUL (or the two halves of the text).
    let (a, b) = match text.split_once('\0') {
        Some(pair) => pair,
        None => {
            let mut mid = text.len() / 2;
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            text.split_at(mid)
        }
    };
    let (old, new) = rebuild(&text_spans(a, b));
    assert_eq!((old.as_str(), new.as_str()), (a, b));

    let id: VersionId = "2024-04-01".parse().unwrap();
    if let (Ok(x), Ok(y)) = (parse_notice(a, id), parse_notice(b, id)) {
        for change in diff(&x, &y).changes {
            assert!(!change.path.is_empty());
            let (old, new) = rebuild(&change.spans);
            assert_eq!(old, change.old.clone().unwrap_or_default());
            assert_eq!(new, change.new.clone().unwrap_or_default());
        }
        assert!(diff(&x, &x).is_empty());
    }
});
