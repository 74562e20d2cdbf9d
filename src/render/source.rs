//! `kohyo-source.json` of a built site (see [`crate::model::SiteSource`]): the settings, the
//! documents and the site's own templates its pages were rendered with.

use crate::model::{DocumentConfig, SOURCE_FORMAT, SiteSource, SourceDocument};

use super::SiteRenderer;

impl SiteRenderer<'_> {
    /// What the pages are made from besides the published versions and the static files: a
    /// site rebuilt from it and from them gives the same bytes.
    pub(super) fn source(&self) -> Vec<u8> {
        let documents = self
            .documents
            .iter()
            .enumerate()
            .filter_map(|(order, d)| {
                let name = d.site.document_name()?.to_owned();
                let own = &d.site.config;
                Some(SourceDocument {
                    name,
                    config: DocumentConfig {
                        title: own.title.clone(),
                        kind: own.kind,
                        order: i64::try_from(order).unwrap_or(i64::MAX),
                        description: (own.description != self.config.description)
                            .then(|| own.description.clone())
                            .flatten(),
                    },
                })
            })
            .collect();
        SiteSource {
            format: SOURCE_FORMAT.to_owned(),
            base_url: self.opts.base_url.clone(),
            site: self.config.clone(),
            documents,
            templates: self.theme.own_templates.clone(),
            static_files: self
                .theme
                .static_files
                .iter()
                .map(|(path, _)| path.clone())
                .collect(),
        }
        .to_bytes()
    }
}
