//! The HTML the site writes, tightened without changing how it renders.

/// Tightens HTML without changing how it renders: every run of whitespace that holds a line
/// break (the indentation and blank lines of templates) becomes one line break, outside
/// `<pre>`, `<textarea>`, `<script>` and `<style>`. HTML collapses such runs anyway, so the page
/// reads, prints and is read aloud exactly as before; tags, attributes and entities are left as
/// written (a general minifier would save another few per cent, but its CSS and JavaScript
/// minifiers cost 150 crates to build).
pub fn minify(html: &[u8]) -> Vec<u8> {
    const VERBATIM: [&[u8]; 4] = [b"pre", b"textarea", b"script", b"style"];
    let mut out = Vec::with_capacity(html.len());
    let mut i = 0;
    while i < html.len() {
        let b = html[i];
        if b == b'<'
            && let Some(tag) = VERBATIM.iter().find(|t| starts_tag(&html[i + 1..], t))
        {
            // Copy up to the closing tag unchanged.
            let close = [b"</".as_slice(), tag].concat();
            let end = find_ci(&html[i..], &close).map_or(html.len(), |e| i + e);
            out.extend_from_slice(&html[i..end]);
            i = end;
            if i < html.len() {
                out.push(html[i]);
                i += 1;
            }
            continue;
        }
        if b.is_ascii_whitespace() {
            let start = i;
            while i < html.len() && html[i].is_ascii_whitespace() {
                i += 1;
            }
            let run = &html[start..i];
            if run.contains(&b'\n') {
                out.push(b'\n');
            } else {
                out.extend_from_slice(run);
            }
            continue;
        }
        out.push(b);
        i += 1;
    }
    out
}

/// Whether `rest` (just after `<`) opens the element `tag`.
fn starts_tag(rest: &[u8], tag: &[u8]) -> bool {
    rest.len() > tag.len()
        && rest[..tag.len()].eq_ignore_ascii_case(tag)
        && matches!(rest[tag.len()], b'>' | b' ' | b'\t' | b'\n' | b'/')
}

/// The offset of `needle` in `hay`, ignoring ASCII case.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn minifying_joins_template_whitespace_and_keeps_pre_and_spaces() {
        let html = b"<ul>\n  <li>a</li>\n\n  <li>b <b>c</b></li>\n</ul>\n<pre>  x\n\n  y</pre> <p>d  e</p>";
        assert_eq!(
            String::from_utf8(minify(html)).unwrap(),
            "<ul>\n<li>a</li>\n<li>b <b>c</b></li>\n</ul>\n<pre>  x\n\n  y</pre> <p>d  e</p>"
        );
    }
}
