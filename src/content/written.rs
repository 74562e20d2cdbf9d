//! A version as files again: the notice.toml and the Markdown files that load as a published
//! notice (its attachments are files of their own, kept beside them). `kohyo restore` writes
//! them from a snapshot; `kohyo verify --site` from a site's `notice.json`.

use crate::blocks::{Block, TextBlock};
use crate::model::Notice;

/// The text files of a version's folder.
#[derive(Debug)]
pub struct VersionFiles {
    /// The body of notice.toml.
    pub notice_toml: String,
    /// The Markdown files its text blocks name, with their text.
    pub markdown: Vec<(String, String)>,
}

impl VersionFiles {
    /// The files that load as `notice`: a text block read from a Markdown file names the file
    /// again, its text written in it; the attachments are left out (they are not written in
    /// notice.toml).
    pub fn of(notice: &Notice) -> Result<VersionFiles, String> {
        let mut bare = Notice {
            attachments: Vec::new(),
            ..notice.clone()
        };
        let mut markdown = Vec::new();
        for (_, block) in bare.blocks_mut() {
            if let Block::Text(TextBlock {
                text,
                file: Some(file),
            }) = block
            {
                markdown.push((file.clone(), std::mem::take(text)));
            }
        }
        let notice_toml =
            toml::to_string(&bare).map_err(|e| format!("cannot write the version as TOML: {e}"))?;
        Ok(VersionFiles {
            notice_toml,
            markdown,
        })
    }

    /// The notice these files load as, given the text of notice.toml as written (with its
    /// comments) and the attachments found beside it: what must hash as published.
    pub fn read_back(
        &self,
        notice_toml: &str,
        attachments: &[crate::model::Attachment],
    ) -> Result<Notice, String> {
        let mut notice: Notice = toml::from_str(notice_toml)
            .map_err(|e| format!("the version does not read back: {e}"))?;
        for (_, block) in notice.blocks_mut() {
            if let Block::Text(TextBlock {
                text,
                file: Some(file),
            }) = block
                && let Some((_, md)) = self.markdown.iter().find(|(name, _)| name == file)
            {
                text.clone_from(md);
            }
        }
        notice.attachments = attachments.to_vec();
        Ok(notice)
    }
}
