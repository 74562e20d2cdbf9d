//! Fitting the society's homepage: `[appearance]` (logo, accent colour, header links, footer,
//! fonts), fragments for a CMS, and themes copied from an earlier kohyo (the template
//! interface, docs/themes.md).

use std::fs;

use crate::common::{Fixture, copy_dir, repo_root};

/// A PNG image of `w` × `h` pixels, one colour.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = crc32(&out[start..]);
        out.extend(crc.to_be_bytes());
    }
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let row: Vec<u8> = std::iter::once(0u8)
        .chain((0..w).flat_map(|_| [0x8a, 0x15, 0x38]))
        .collect();
    let raw: Vec<u8> = (0..h).flat_map(|_| row.iter().copied()).collect();
    // A stored (uncompressed) zlib stream: blocks of at most 65535 bytes.
    let mut z = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, c) in chunks.iter().enumerate() {
        z.push(u8::from(i + 1 == chunks.len()));
        z.extend((c.len() as u16).to_le_bytes());
        z.extend((!(c.len() as u16)).to_le_bytes());
        z.extend(*c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for x in &raw {
        a = (a + u32::from(*x)) % 65521;
        b = (b + a) % 65521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The settings of the example configured to look like its society's homepage.
pub const APPEARANCE: &str = r##"
[appearance]
logo = "assets/logo.png"
accent = "#8a1538"
fonts = '"BIZ UDPGothic", "Noto Sans JP", sans-serif'
footer = ["© 仙台卸商健康保険組合", "〒980-0000 仙台市青葉区（見本）"]
links = [
  { label = "組合のトップページ", url = "https://os-kenpo-sendai.jp/" },
  { label = "お問い合わせ", url = "https://os-kenpo-sendai.jp/contact/" },
]
fragments = true
"##;

/// The example, with [`APPEARANCE`] and its logo.
pub fn configured_example() -> Fixture {
    let site = Fixture::example();
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("{toml}{APPEARANCE}"));
    site.write_bytes("assets/logo.png", &png(48, 48));
    site
}

#[test]
fn the_appearance_settings_show_on_every_page_and_the_site_stays_provable() {
    let site = configured_example();
    site.build("2025-01-01").success();
    let public = site.path().join("public");
    for page in [
        "index.html",
        "versions/index.html",
        "versions/2024-04-01/diff/index.html",
    ] {
        let html = fs::read_to_string(public.join(page)).unwrap();
        assert!(
            html.contains("<style>:root{--accent:#8a1538;--link:#8a1538;--font:\"BIZ UDPGothic\", \"Noto Sans JP\", sans-serif;}</style>"),
            "{page}"
        );
        assert!(html.contains("class=\"site-logo\""), "{page}");
        assert!(html.contains(">お問い合わせ</a>"), "{page}");
        assert!(
            html.contains("<p>〒980-0000 仙台市青葉区（見本）</p>"),
            "{page}"
        );
    }
    let version = fs::read_to_string(public.join("versions/2024-04-01/index.html")).unwrap();
    assert!(
        version.contains("src=\"../../assets/logo.png\""),
        "the logo from a version page"
    );
    assert_eq!(
        fs::read(public.join("assets/logo.png")).unwrap(),
        png(48, 48)
    );
    // An auditor proves the pages from the site alone: the logo is part of it.
    let run = site.kohyo(&["verify", "--site", "public"]);
    assert_eq!(run.code, 0, "{}", run.output());
    assert!(
        run.stdout.contains("identical to a rebuild"),
        "{}",
        run.stdout
    );
}

#[test]
fn settings_that_would_hurt_are_refused_with_their_fix() {
    let site = Fixture::example();
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        &format!(
            "{toml}\n[appearance]\nlogo = \"../logo.svg\"\naccent = \"#ffcc00\"\nfonts = 'x;}}body{{display:none'\nlinks = [{{ label = \"\", url = \"javascript:alert(1)\" }}]\n"
        ),
    );
    let run = site.kohyo(&["check"]);
    assert_eq!(run.code, 1, "{}", run.output());
    for expected in [
        "appearance.accent: `#ffcc00` is too light for text on white: a contrast of 1.5:1",
        "accent = \"#866a00\"",
        "appearance.fonts: the fonts are a list of font names",
        "appearance.links[0].url: `javascript:alert(1)` is not a web address",
        "appearance.links[0].label",
        "appearance.logo: `../logo.svg` is not a PNG, JPEG, GIF or WebP image",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected}:\n{}",
            run.stderr
        );
    }
    let ja = site.kohyo(&["--lang", "ja", "check"]);
    assert!(
        ja.stderr.contains("白地の文字には薄すぎます"),
        "{}",
        ja.stderr
    );
    assert!(!ja.stderr.contains("too light"), "{}", ja.stderr);
}

#[test]
fn a_missing_logo_is_an_error_naming_the_setting() {
    let site = Fixture::example();
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[appearance]\nlogo = \"assets/logo.png\"\n"),
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stderr
            .contains("the logo `assets/logo.png` cannot be read"),
        "{}",
        run.stderr
    );
}

#[test]
fn fragments_hold_the_body_with_absolute_addresses_and_a_scoped_stylesheet() {
    let site = configured_example();
    site.build("2025-01-01").success();
    let public = site.path().join("public");
    let fragment = fs::read_to_string(public.join("fragment.html")).unwrap();
    assert!(fragment.starts_with(
        "<link rel=\"stylesheet\" href=\"https://os-kenpo-sendai.jp/kojin-joho/kohyo-fragment.css\">\n<div class=\"kohyo-fragment\" lang=\"ja\"><div class=\"kohyo-page page-current\" style=\"--accent:#8a1538;"
    ));
    assert!(
        fragment.contains("見本"),
        "a sample says so in its fragment too"
    );
    assert!(!fragment.contains("<header class=\"site-header\""));
    assert!(!fragment.contains("<html") && !fragment.contains("<main"));
    for href in fragment.split(" href=\"").skip(1) {
        let href = &href[..href.find('"').unwrap()];
        assert!(
            href.starts_with("https://")
                || href.starts_with('#')
                || href.starts_with("mailto:")
                || href.starts_with("tel:"),
            "a relative address in the fragment: {href}"
        );
    }
    for page in [
        "versions/index.html",
        "versions/2024-04-01/index.html",
        "versions/2024-04-01/diff/index.html",
    ] {
        let path = page.replace("index.html", "fragment.html");
        assert!(public.join(&path).is_file(), "{path}");
    }
    let css = fs::read_to_string(public.join("kohyo-fragment.css")).unwrap();
    for rule in css
        .lines()
        .filter(|l| l.ends_with('{') && !l.starts_with('@'))
    {
        assert!(
            rule.starts_with(":is(.kohyo-fragment"),
            "a rule outside the fragment: {rule}"
        );
    }
    // The fragments are files of the site like the others: in the manifest, provable.
    let manifest = fs::read_to_string(public.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"versions/2024-04-01/fragment.html\""));
    let run = site.kohyo(&["verify", "--site", "public"]);
    assert_eq!(run.code, 0, "{}", run.output());
}

/// A copy of a theme of the fixtures as the site's theme `name`.
fn with_theme(site: &Fixture, fixture: &str, name: &str) {
    copy_dir(
        &repo_root().join("tests/fixtures/themes").join(fixture),
        &site.path().join("themes").join(name),
    );
    if name != "default" {
        site.edit(
            "site.toml",
            "theme = \"default\"",
            &format!("theme = \"{name}\""),
        );
    }
}

#[test]
fn a_theme_copied_from_the_previous_release_builds_and_is_told_it_can_go() {
    let site = Fixture::example();
    with_theme(&site, "interface-2", "default");
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 0, "{}", run.output());
    assert!(
        run.stderr.contains("this theme is an unmodified copy of kohyo's built-in theme of an earlier release (template interface 2; this kohyo's is 3)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("delete the folder themes/default/"),
        "{}",
        run.stderr
    );
    let ja = site.kohyo(&["--lang", "ja", "build", "--as-of", "2025-01-01"]);
    assert!(
        ja.stderr
            .contains("フォルダー themes/default/ を削除してください"),
        "{}",
        ja.stderr
    );
    // Deleting it is the fix: no warning, and the current theme.
    fs::remove_dir_all(site.path().join("themes")).unwrap();
    let run = site.build("2025-01-01");
    assert!(!run.stderr.contains("theme"), "{}", run.stderr);
}

#[test]
fn a_theme_of_an_older_interface_names_the_template_the_variable_and_what_replaced_it() {
    let site = Fixture::example();
    with_theme(&site, "interface-1", "society");
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.output());
    let err = &run.stderr;
    assert!(
        err.contains("themes/society/templates/notice.html:37:17"),
        "{err}"
    );
    assert!(err.contains("the template uses `section.blocks`, which kohyo no longer gives to templates: since template interface 2 it is `version.parts`"), "{err}");
    assert!(
        err.contains(
            "delete the folder themes/society/ (and write theme = \"default\" in site.toml)"
        ),
        "{err}"
    );
    assert!(
        !err.contains("Failed to render") && !err.contains("not found in context"),
        "a raw Tera error: {err}"
    );
    let ja = site.kohyo(&["--lang", "ja", "build", "--as-of", "2025-01-01"]);
    assert!(
        ja.stderr.contains("`section.blocks` を使っていますが"),
        "{}",
        ja.stderr
    );

    // The same theme, changed by the society: the fix is to follow the interface.
    site.edit(
        "themes/society/templates/notice.html",
        "<h1",
        "<h1 data-society=\"1\"",
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(run.stderr.contains("`section.blocks`"), "{}", run.stderr);
    assert!(run.stderr.contains("docs/themes.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("delete the folder"), "{}", run.stderr);
}

#[test]
fn a_variable_no_interface_ever_had_is_named_too() {
    let site = Fixture::example();
    site.write(
        "themes/default/templates/history.html",
        "{% extends \"base.html\" %}{% block content %}<p>{{ page.updated_on }}</p>{% endblock content %}",
    );
    let run = site.build("2025-01-01");
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stderr.contains("the template uses `page.updated_on`, which kohyo does not give to templates (template interface 3)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("themes/default/templates/history.html:1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_theme_that_does_not_show_the_appearance_says_so() {
    let site = configured_example();
    with_theme(&site, "interface-2", "default");
    let run = site.build("2025-01-01");
    assert!(
        run.stderr
            .contains("site.toml sets [appearance], but the theme's base.html does not show it"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_single_document_of_another_kind_is_called_by_its_own_name_in_the_navigation() {
    let site = Fixture::example();
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("kind = \"joint-use\"\n{toml}"));
    site.build("2025-01-01").success();
    let html = fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(html.contains(">現行の共同利用の公表事項</a>"), "{html}");
    assert!(html.contains("改定後の共同利用の公表事項を見る"));
    assert!(!html.contains("現行の公表事項"));
    let old =
        fs::read_to_string(site.path().join("public/versions/2022-04-01/index.html")).unwrap();
    assert!(old.contains(">現行の共同利用の公表事項（"));
}
