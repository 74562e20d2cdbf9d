//! `feed.xml` (Atom), `sitemap.xml` and `robots.txt`. Dates come from the versions, never the
//! clock, so the files are the same in every build of the same content.

use crate::model::{Date, Site, Status};

/// Escapes text for XML: as for HTML, and without the characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    crate::theme::escape_html(&crate::text::xml_chars(s))
}

/// Midnight of a date in Japan, as an Atom timestamp.
fn atom_time(d: Date) -> String {
    format!("{d}T00:00:00+09:00")
}

/// The Atom feed: one entry per version, newest first, each linking the version and its diff.
/// Scheduled versions are included (the notice announces them in advance).
pub fn atom(site: &Site, statuses: &[Status], base_url: &str) -> String {
    let title = format!("{}：{}", site.config.organization.name, site.config.title);
    let updated = site
        .versions
        .last()
        .map(|v| atom_time(v.id.date))
        .unwrap_or_default();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ja\">\n");
    out.push_str(&format!("  <title>{}（改定履歴）</title>\n", xml(&title)));
    out.push_str(&format!("  <id>{}</id>\n", xml(base_url)));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}versions/\"/>\n",
        xml(base_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n",
        xml(base_url)
    ));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml(&site.config.organization.name)
    ));
    for (i, (v, status)) in site.versions.iter().zip(statuses).enumerate().rev() {
        let id = v.id.to_string();
        let url = format!("{base_url}versions/{id}/");
        let when = match status {
            Status::Scheduled => "施行予定",
            _ => "施行",
        };
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <title>{}{when}：{}</title>\n",
            xml(&v.id.date.japanese_in(site.config.date_style)),
            xml(&v.notice.summary)
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml(&url)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&url)
        ));
        if i > 0 {
            out.push_str(&format!(
                "    <link rel=\"related\" type=\"text/html\" title=\"この版での変更点\" href=\"{}diff/\"/>\n",
                xml(&url)
            ));
        }
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            atom_time(v.id.date)
        ));
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml(&v.notice.summary)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The sitemap: every page, with the effective date of what it shows as `lastmod` — never a
/// date after the current version's (a scheduled version's page exists today, and a sitemap
/// with a future `lastmod` is wrong).
pub fn sitemap(site: &Site, current: usize, base_url: &str) -> String {
    let mut urls: Vec<(String, Date)> = Vec::new();
    let Some(cur) = site.versions.get(current).map(|v| v.id.date) else {
        return String::new();
    };
    let at_most_now = |d: Date| d.min(cur);
    urls.push((base_url.to_owned(), cur));
    urls.push((format!("{base_url}versions/"), cur));
    for (i, v) in site.versions.iter().enumerate() {
        let url = format!("{base_url}versions/{}/", v.id);
        if i > 0 {
            urls.push((format!("{url}diff/"), at_most_now(v.id.date)));
        }
        if i < current {
            urls.push((format!("{url}since/"), cur));
        }
        urls.push((url, at_most_now(v.id.date)));
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, date) in urls {
        out.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{date}</lastmod></url>\n",
            xml(&loc)
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be indexed, except in a preview with drafts.
pub fn robots(base_url: &str, preview: bool) -> String {
    if preview {
        "User-agent: *\nDisallow: /\n".to_owned()
    } else {
        format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
    }
}
