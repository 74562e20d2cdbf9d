//! Colours and fonts as site.toml writes them (`#0b4f9c`, `"Noto Sans JP", sans-serif`), and
//! whether text in a colour stays readable on white (WCAG 2 contrast ratio).

/// The red, green and blue of `#RRGGBB` (or `#RGB`).
pub fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#').filter(|h| h.is_ascii())?;
    let digits: Vec<u8> = match hex.len() {
        6 => (0..3)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect::<Option<_>>()?,
        3 => hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| (d * 17) as u8))
            .collect::<Option<_>>()?,
        _ => return None,
    };
    Some([digits[0], digits[1], digits[2]])
}

/// Whether `text` is only a CSS list of font names (letters, digits, spaces, commas, hyphens,
/// underscores and quotes), so that it can be written into a style sheet as it is.
pub fn is_font_list(text: &str) -> bool {
    let even = |q: char| text.chars().filter(|c| *c == q).count() % 2 == 0;
    !text.trim().is_empty()
        && text.chars().all(|c| {
            c.is_alphanumeric() || " ,-_\"'".contains(c) || !c.is_ascii() && !c.is_control()
        })
        && even('"')
        && even('\'')
}

/// The contrast ratio of the colour against white, 1 to 21 (AA for text: 4.5).
pub fn contrast_on_white(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    1.05 / (l + 0.05)
}

/// `rgb` darkened until it reaches a contrast of 4.5:1 on white: a colour to offer instead.
pub fn darkened_for_text(rgb: [u8; 3]) -> [u8; 3] {
    let mut c = rgb;
    while contrast_on_white(c) < 4.5 && c != [0, 0, 0] {
        c = c.map(|x| (f64::from(x) * 0.9) as u8);
    }
    c
}

/// `#rrggbb` of `rgb`.
pub fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_measured_as_wcag_does() {
        assert_eq!(parse_hex("#0b4f9c"), Some([0x0b, 0x4f, 0x9c]));
        assert_eq!(parse_hex("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_hex("blue"), None);
        assert_eq!(parse_hex("#ああ"), None);
        assert!(is_font_list("\"Noto Sans JP\", 游ゴシック, sans-serif"));
        assert!(!is_font_list("x;} body{display:none"));
        assert!(!is_font_list("a</style>"));
        // A quote left open would swallow the rest of the style rule.
        assert!(!is_font_list("\"Noto Sans JP, sans-serif"));
        assert!((contrast_on_white([0, 0, 0]) - 21.0).abs() < 0.01);
        assert!(contrast_on_white([0x0b, 0x4f, 0x9c]) > 4.5);
        assert!(contrast_on_white([0xff, 0xcc, 0x00]) < 4.5);
        assert!(contrast_on_white(darkened_for_text([0xff, 0xcc, 0x00])) >= 4.5);
    }
}
