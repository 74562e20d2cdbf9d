//! Numbers as staff type them: full-width digits and hyphens made half-width (the one place
//! that converts them), postal codes, Japanese phone numbers, and where hyphens go.

/// The ASCII digit of a full-width one (`７` → `7`); any other character as it is.
pub fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    }
}

/// `s` with full-width digits made ASCII.
pub fn ascii_digits(s: &str) -> String {
    s.chars().map(ascii_digit).collect()
}

/// Full-width digits and hyphen-like characters that belong in half-width in numbers.
pub fn is_full_width_number_char(c: char) -> bool {
    matches!(
        c,
        '０'..='９' | '－' | 'ー' | '‐' | '−' | '―' | '（' | '）' | '＋'
    )
}

/// The number with full-width characters made half-width.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '－' | 'ー' | '‐' | '−' | '―' => '-',
            '（' => '(',
            '）' => ')',
            '＋' => '+',
            c => ascii_digit(c),
        })
        .collect()
}

/// Whether `s` is a postal code `NNN-NNNN` (after making it half-width).
pub fn is_postal_code(s: &str) -> bool {
    let s = half_width(s.trim());
    let b = s.as_bytes();
    b.len() == 8
        && b[3] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 3 || c.is_ascii_digit())
}

/// Whether `s` is a Japanese phone number: 10 digits starting with 0, or 11 for mobile, IP
/// phone and 0800 numbers (or +81 and the number without its 0), written with digits,
/// hyphens, spaces or parentheses.
pub fn is_japanese_phone(s: &str) -> bool {
    let s = half_width(s.trim());
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '+'))
    {
        return false;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let national = if s.starts_with('+') {
        match digits.strip_prefix("81") {
            Some(rest) if !rest.starts_with('0') => format!("0{rest}"),
            _ => return false,
        }
    } else {
        digits
    };
    // Fixed lines and 0120/0570 numbers have 10 digits; mobile, IP phone and 0800 numbers 11.
    const ELEVEN: &[&str] = &["020", "050", "060", "070", "080", "090", "0800"];
    match national.len() {
        10 => national.starts_with('0') && !national.starts_with("0800"),
        11 => ELEVEN.iter().any(|p| national.starts_with(p)),
        _ => false,
    }
}

/// A Japanese phone number with hyphens where they usually go: mobile and IP phones 3-4-4,
/// toll-free 4-3-3, Tokyo and Osaka 2-4-4, other fixed lines 3-3-4 (the area code decides;
/// staff check it).
pub fn phone_with_hyphens(digits: &str) -> String {
    let d = digits;
    let split = |a: usize, b: usize| format!("{}-{}-{}", &d[..a], &d[a..a + b], &d[a + b..]);
    match d.len() {
        11 if d.starts_with("0800") => split(4, 3),
        11 => split(3, 4),
        10 if d.starts_with("0120") || d.starts_with("0570") => split(4, 3),
        10 if d.starts_with("03") || d.starts_with("06") => split(2, 4),
        10 => split(3, 3),
        _ => d.to_owned(),
    }
}

/// One number of a phone or fax field as written, and what is written after it: a label
/// (「（代表）」) or an extension (「内線 123」).
#[derive(Debug, PartialEq, Eq)]
pub struct PhoneNumber<'a> {
    /// The number, as written (digits, hyphens, parentheses, perhaps full-width).
    pub number: &'a str,
    /// What follows it, as written (empty when nothing does).
    pub label: &'a str,
}

/// What separates two numbers written in one field.
const PHONE_SEPARATORS: &[&str] = &["、", "，", ",", "／", " / ", "/"];

/// The numbers of a phone or fax field: `03-1234-5678（代表）`, `03-1234-5678 内線 123`,
/// `03-1234-5678、03-1234-5679`.
pub fn phone_numbers(field: &str) -> Vec<PhoneNumber<'_>> {
    let mut parts = vec![field];
    for sep in PHONE_SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            let in_number = |c: char| {
                c.is_ascii_digit()
                    || is_full_width_number_char(c)
                    || matches!(c, '-' | '+' | '(' | ')' | ' ' | '\u{3000}')
            };
            let end = part.find(|c: char| !in_number(c)).unwrap_or(part.len());
            // An opening parenthesis or a space before the label belongs to the label.
            let number = part[..end].trim_end_matches(['(', '（', ' ', '\u{3000}']);
            PhoneNumber {
                number,
                label: part[number.len()..].trim(),
            }
        })
        .collect()
}

/// A phone or fax field as shown: each number half-width, its label and the separators as
/// written.
pub fn phone_shown(field: &str) -> String {
    let mut shown = field.to_owned();
    for n in phone_numbers(field) {
        let half = half_width(n.number);
        if half != n.number {
            shown = shown.replacen(n.number, &half, 1);
        }
    }
    shown
}

/// `tel:` address of the (first) number of a phone field as written (`022-235-5896` →
/// `tel:0222355896`; a label or an extension after it is not dialled).
pub fn phone_href(phone: &str) -> Option<String> {
    let first = phone_numbers(phone).into_iter().next()?;
    let digits: String = first
        .number
        .chars()
        .map(ascii_digit)
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    (digits.len() >= 3).then(|| format!("tel:{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes() {
        assert!(is_postal_code("984-0015"));
        assert!(is_postal_code("９８４－００１５"));
        for bad in ["9840015", "984-015", "984-00155", "〒984-0015", "abc-defg"] {
            assert!(!is_postal_code(bad), "{bad}");
        }
    }

    #[test]
    fn phone_numbers_are_checked_and_linked() {
        for ok in [
            "022-235-5896",
            "03-1234-5678",
            "0120-000-000",
            "090-1234-5678",
            "(022)235-5896",
            "+81-22-235-5896",
            "０２２－２３５－５８９６",
        ] {
            assert!(is_japanese_phone(ok), "{ok}");
        }
        for bad in [
            "022-235-589",
            "22-235-5896",
            "022-235-58966",
            "電話022",
            "+1-555-123-4567",
            "110",
        ] {
            assert!(!is_japanese_phone(bad), "{bad}");
        }
        assert_eq!(phone_href("０２２-235-5896").unwrap(), "tel:0222355896");
        assert_eq!(
            phone_href("03-1234-5678 内線 123").unwrap(),
            "tel:0312345678"
        );
        assert_eq!(
            phone_href("03-1234-5678（代表）").unwrap(),
            "tel:0312345678"
        );
        let two = phone_numbers("03-1234-5678（代表）、03-1234-5679 内線 12");
        assert_eq!(
            two,
            vec![
                PhoneNumber {
                    number: "03-1234-5678",
                    label: "（代表）"
                },
                PhoneNumber {
                    number: "03-1234-5679",
                    label: "内線 12"
                },
            ]
        );
        assert_eq!(
            phone_shown("０３－１２３４－５６７８（代表）"),
            "03-1234-5678（代表）"
        );
        assert_eq!(phone_numbers("03(1234)5678")[0].number, "03(1234)5678");
        assert_eq!(phone_with_hyphens("0354001235"), "03-5400-1235");
    }
}
