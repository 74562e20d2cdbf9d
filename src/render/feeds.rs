//! `feed.xml` (Atom), `sitemap.xml` and `robots.txt`. Dates come from the versions, never the
//! clock, so the files are the same in every build of the same content.

use crate::address::{self, DocAddress};
use crate::model::{Document, SiteConfig, Status};
use crate::values::Date;

/// Escapes text for XML: as for HTML, and without the characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    crate::theme::escape_html(&crate::text::xml_chars(s))
}

/// Midnight of a date in Japan, as an Atom timestamp.
fn atom_time(d: Date) -> String {
    format!("{d}T00:00:00+09:00")
}

/// One document as the feed and the sitemap see it: its versions, their statuses on the
/// as-of date, and the index of the current one.
pub type DocumentState<'a> = (&'a Document, &'a [Status], usize);

/// The Atom feed of the site: one entry per version of every document, newest first, each
/// linking the version and its diff. Scheduled versions are included (the notice announces
/// them in advance).
pub fn atom(config: &SiteConfig, documents: &[DocumentState<'_>], base_url: &str) -> String {
    let sample = if config.sample { "【見本】" } else { "" };
    let title = format!("{sample}{}：{}", config.organization.name, config.title);
    let several = documents.iter().any(|(s, ..)| s.meta.is_some());
    let mut entries: Vec<(&Document, usize, Status)> = documents
        .iter()
        .flat_map(|(site, statuses, _)| {
            (0..site.versions.len()).map(move |i| (*site, i, statuses[i]))
        })
        .collect();
    // Newest first; on the same date, in the order of the documents (stable sort).
    entries.sort_by(|(a, i, _), (b, j, _)| b.versions[*j].id.cmp(&a.versions[*i].id));
    let updated = entries
        .first()
        .map(|(s, i, _)| atom_time(s.versions[*i].id.date))
        .unwrap_or_default();
    let history = if several {
        String::new()
    } else {
        DocAddress::History.folder()
    };
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ja\">\n");
    out.push_str(&format!("  <title>{}（改定履歴）</title>\n", xml(&title)));
    out.push_str(&format!("  <id>{}</id>\n", xml(base_url)));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}{history}\"/>\n",
        xml(base_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}{}\"/>\n",
        xml(base_url),
        address::FEED
    ));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml(&config.organization.name)
    ));
    for (site, i, status) in entries {
        out.push_str(&feed_entry(site, i, status, base_url, several));
    }
    out.push_str("</feed>\n");
    out
}

/// One `<entry>` of the feed: version `i` of `site`.
fn feed_entry(site: &Document, i: usize, status: Status, base_url: &str, several: bool) -> String {
    let v = &site.versions[i];
    let at = |page: DocAddress| format!("{base_url}{}{}", site.prefix(), page.folder());
    let url = at(DocAddress::version(v.id));
    let when = match status {
        Status::Scheduled => "施行予定",
        _ => "施行",
    };
    let document = if several {
        format!("{}：", site.config.title)
    } else {
        String::new()
    };
    let mut out = String::from("  <entry>\n");
    out.push_str(&format!(
        "    <title>{}{}{when}：{}</title>\n",
        xml(&document),
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
            "    <link rel=\"related\" type=\"text/html\" title=\"この版での変更点\" href=\"{}\"/>\n",
            xml(&at(DocAddress::diff(v.id)))
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
    out
}

/// The sitemap: every page of every document, with the effective date of what it shows as
/// `lastmod` — never a date after the current version's (a scheduled version's page exists
/// today, and a sitemap with a future `lastmod` is wrong).
pub fn sitemap(documents: &[DocumentState<'_>], base_url: &str, several: bool) -> String {
    let mut urls: Vec<(String, Date)> = Vec::new();
    if several {
        let newest = documents
            .iter()
            .filter_map(|(s, _, c)| s.versions.get(*c).map(|v| v.id.date))
            .max();
        if let Some(newest) = newest {
            urls.push((base_url.to_owned(), newest));
        }
    }
    for (site, _, current) in documents {
        urls.extend(document_urls(
            site,
            *current,
            &format!("{base_url}{}", site.prefix()),
        ));
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

/// The pages of one document whose pages start at `base`.
fn document_urls(site: &Document, current: usize, base: &str) -> Vec<(String, Date)> {
    let mut urls = Vec::new();
    let Some(cur) = site.versions.get(current).map(|v| v.id.date) else {
        return urls;
    };
    let at_most_now = |d: Date| d.min(cur);
    let at = |page: DocAddress| format!("{base}{}", page.folder());
    urls.push((at(DocAddress::Current), cur));
    urls.push((at(DocAddress::History), cur));
    for (i, v) in site.versions.iter().enumerate() {
        if i > 0 {
            urls.push((at(DocAddress::diff(v.id)), at_most_now(v.id.date)));
        }
        if i < current {
            urls.push((at(DocAddress::since(v.id)), cur));
        }
        urls.push((at(DocAddress::version(v.id)), at_most_now(v.id.date)));
    }
    urls
}

/// `robots.txt`: everything may be indexed, except in a preview with drafts.
pub fn robots(base_url: &str, preview: bool) -> String {
    if preview {
        "User-agent: *\nDisallow: /\n".to_owned()
    } else {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {base_url}{}\n",
            address::SITEMAP
        )
    }
}
