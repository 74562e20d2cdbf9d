//! One version's folder: `notice.toml` parsed and validated, the Markdown files of its text
//! blocks, its attachments (documents and images published with it, hashed), and the files it
//! does not use.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::load::{NOTICE_FILE, megabytes, read_problem, read_source};
use super::parse::{Origin, Parsed, parse_toml_mended};
use super::validate;
use crate::blocks::{Block, TextBlock};
use crate::error::{Diagnostic, Severity, SourceFile};
use crate::files;
use crate::model::{Notice, Version};
use crate::values::{FieldPath, VersionId};

/// A version with its warnings, or every problem found.
pub(crate) type VersionResult = Result<(Arc<Version>, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Loads `base/rel_dir/notice.toml` and the Markdown files it names (shown under
/// `display_dir`); nothing on the way from `base` may be a symbolic link. Returns the warnings
/// with the version, or every problem found if any is an error.
pub(crate) fn load_version(
    base: &Path,
    rel_dir: &Path,
    display_dir: &Path,
    id: VersionId,
) -> VersionResult {
    let display = display_dir.join(NOTICE_FILE);
    let source = read_source(base, &rel_dir.join(NOTICE_FILE), &display).map_err(|d| vec![d])?;
    let (mut parsed, md_sources, mut used, mut diags) =
        parse_version(&source, base, rel_dir, display_dir, id)?;
    used.insert(NOTICE_FILE.to_owned());
    if !parsed.value.attachments.is_empty() {
        diags.push(
            parsed
                .error_at(&FieldPath::root().key("attachments"), "`attachments` is not written in notice.toml")
                .help("put the file (e.g. a request form PDF) in the version's folder and link to it from the text, e.g. [開示請求書](kaiji-seikyusho.pdf): kohyo lists it with its hash"),
        );
    }
    let attached = read_attachments(base, rel_dir, display_dir, &used, &mut diags);
    let texts: Vec<&str> = std::iter::once(source.text.as_str())
        .chain(md_sources.values().map(|s| s.text.as_str()))
        .collect();
    warn_unlinked(&attached, &texts, display_dir, &mut diags);
    parsed.value.attachments = attached
        .iter()
        .map(|(name, bytes)| crate::model::Attachment {
            name: name.clone(),
            sha256: crate::hash::sha256(bytes),
            size: bytes.len() as u64,
        })
        .collect();
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(diags);
    }
    Ok((
        Arc::new(Version {
            id,
            notice: parsed.value,
            origin: Some(parsed.origin),
            files: attached.into_iter().map(|(_, b)| b).collect(),
        }),
        diags,
    ))
}

/// What reading a version's `notice.toml` gives: the parsed notice, the Markdown files of its
/// text blocks by the block's path, the names of the files used, and the problems so far.
type ParsedVersion = (
    Parsed<Notice>,
    HashMap<FieldPath, Arc<SourceFile>>,
    BTreeSet<String>,
    Vec<Diagnostic>,
);

/// Parses and validates the notice of `source` with the Markdown files it names; every
/// problem is placed as staff see it (「2025-04-01版 › 4. 苦情の申出先 › 電話番号」).
fn parse_version(
    source: &Arc<SourceFile>,
    base: &Path,
    rel_dir: &Path,
    display_dir: &Path,
    id: VersionId,
) -> Result<ParsedVersion, Vec<Diagnostic>> {
    let display = display_dir.join(NOTICE_FILE);
    // An organisation block's fields are shown in the order written, read from positions.
    let keep_positions = source.text.contains("\"organization\"");
    let mut parsed: Parsed<Notice> = match parse_toml_mended(source, keep_positions) {
        Ok(parsed) => parsed,
        Err((mended, mut diags)) => {
            if let Some((notice, replaced)) = mended {
                place_in_replaced_blocks(&mut diags, &notice, &replaced, &id.to_string());
                crate::model::place::label_places(&mut diags, &notice, &id.to_string(), &display);
            }
            return Err(diags);
        }
    };
    let origin = Arc::clone(&parsed.origin);
    let (md_sources, used, mut diags) =
        read_markdown_files(&mut parsed.value, &origin, base, rel_dir, display_dir);
    remember_written_order(&mut parsed.value, &origin);
    let mut markdown: Vec<(FieldPath, Arc<SourceFile>)> = md_sources
        .iter()
        .map(|(path, source)| (path.clone(), Arc::clone(source)))
        .collect();
    markdown.sort_by_key(|(path, _)| path.to_string());
    origin.set_markdown(markdown);
    let mut found = validate::notice(&parsed, id, &md_sources);
    crate::model::place::label_places(&mut found, &parsed.value, &id.to_string(), &display);
    diags.extend(found);
    Ok((parsed, md_sources, used, diags))
}

/// The files of the version's folder that are not `used`: each attachment read (a document or
/// image), every other file a warning.
fn read_attachments(
    base: &Path,
    rel_dir: &Path,
    display_dir: &Path,
    used: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Arc<[u8]>)> {
    let mut attached = Vec::new();
    let Ok(entries) = files::list_within(base, rel_dir) else {
        return attached;
    };
    for entry in entries.iter().filter(|e| !used.contains(&e.name)) {
        let name = &entry.name;
        if let Some(problem) = unpublishable(entry) {
            diags.push(problem(&display_dir.join(name)));
            continue;
        }
        if entry.file_type.is_file() && is_attachment_name(name) {
            match read_attachment(base, &rel_dir.join(name), &display_dir.join(name)) {
                Ok(bytes) => attached.push((name.clone(), bytes)),
                Err(d) => diags.push(d),
            }
            continue;
        }
        diags.push(
            Diagnostic::in_file(
                &display_dir.join(name),
                "this file is not used by notice.toml",
            )
            .warning()
            .help("name it in a text block (`file = \"…\"`), make it an attachment (a PDF, Word, Excel, text, CSV or image file linked from the text), or remove it"),
        );
    }
    attached
}

/// A warning for each attachment that no text of the version (`texts`) links to.
fn warn_unlinked(
    attached: &[(String, Arc<[u8]>)],
    texts: &[&str],
    display_dir: &Path,
    diags: &mut Vec<Diagnostic>,
) {
    for (name, _) in attached {
        let forms = [name.clone()];
        let linked = texts
            .iter()
            .any(|t| !crate::markdown::written_links(t, &forms).is_empty());
        if !linked {
            diags.push(
                Diagnostic::in_file(
                    &display_dir.join(name),
                    format!("the attachment `{name}` is not linked from the notice"),
                )
                .warning()
                .help(format!(
                    "link to it from the text, e.g. [申請書]({name}), or remove the file"
                )),
            );
        }
    }
}

/// The place of a problem inside a block that had to be replaced to read the rest of the file
/// (its kind is not known): the section, or the part of the page, that holds it.
fn place_in_replaced_blocks(
    diags: &mut [Diagnostic],
    notice: &Notice,
    replaced: &[FieldPath],
    version: &str,
) {
    for d in diags.iter_mut() {
        let Some(field) = d.field.as_deref().map(FieldPath::parse) else {
            continue;
        };
        let Some(block) = replaced.iter().find(|b| field.starts_with(b)) else {
            continue;
        };
        let container = block.parent().and_then(|list| {
            let name = list.last_key()?;
            Some((list.parent()?, name.to_owned()))
        });
        let Some((section, list)) = container else {
            continue;
        };
        let mut place = format!("{version}版");
        let described = crate::model::place::describe(notice, &section);
        if !described.is_empty() {
            place.push_str(&format!(" › {described}"));
        }
        match list.as_str() {
            "front" => place.push_str(" › 表題の上"),
            "preamble" => place.push_str(" › 前文"),
            _ => {}
        }
        d.place = Some(place);
    }
}

/// Records the order the fields of each organisation block are written in (shown in that
/// order). Only files with such a block pay for the positions.
fn remember_written_order(notice: &mut Notice, origin: &Origin) {
    for (path, block) in notice.blocks_mut() {
        if let Block::Organization(org) = block {
            let spans = origin.spans();
            org.remember_written_order(|key| spans.key_span(&path, key).map(|s| s.start));
        }
    }
}

/// The Markdown files of a version's text blocks (`file = "…"`), read into the blocks: each
/// file's source by the block's path (for positions), the names used, and the problems.
fn read_markdown_files(
    notice: &mut Notice,
    origin: &Origin,
    base: &Path,
    rel_dir: &Path,
    display_dir: &Path,
) -> (
    HashMap<FieldPath, Arc<SourceFile>>,
    BTreeSet<String>,
    Vec<Diagnostic>,
) {
    let (mut md_sources, mut used, mut diags) = (HashMap::new(), BTreeSet::new(), Vec::new());
    for (path, block) in notice.blocks_mut() {
        let Block::Text(TextBlock {
            text,
            file: Some(file),
        }) = block
        else {
            continue;
        };
        if !text.is_empty() {
            diags.push(
                origin
                    .error_at(&path, "a text block has both `text` and `file`")
                    .help("keep one: the text inline, or the name of a Markdown file"),
            );
            continue;
        }
        let fpath = path.key("file");
        if !is_plain_md_name(file) {
            diags.push(
                origin
                    .error_at(&fpath, format!("`{file}` is not a Markdown file name in this version's folder"))
                    .help("give the name of a .md file next to notice.toml, without folders, e.g. \"policy.md\""),
            );
            continue;
        }
        used.insert(file.to_string());
        match read_source(base, &rel_dir.join(&*file), &display_dir.join(&*file)) {
            Ok(md) => {
                diags.extend(super::parse::forbidden_characters(&md));
                text.clone_from(&md.text);
                md_sources.insert(path, md);
            }
            Err(d) if d.line == 0 => {
                let mut e = origin.error_at(&fpath, format!("`{file}`: {}", d.message));
                e.help = d.help;
                diags.push(e);
            }
            Err(d) => diags.push(d),
        }
    }
    (md_sources, used, diags)
}

/// The largest attachment read (a scanned request form).
pub const MAX_ATTACHMENT_BYTES: u64 = 20 * 1024 * 1024;

/// Whether the file `name` of a version's folder is published with it: a document or image of
/// the kinds [`ATTACHMENT_KINDS`](crate::model::ATTACHMENT_KINDS) lists.
pub fn is_attachment_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && crate::text::find_forbidden(name).next().is_none()
        && lower.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && crate::model::ATTACHMENT_KINDS.contains(&ext)
        })
}

/// What is wrong with a file of a version's folder that would be published as an attachment
/// (its kind says it would) but cannot be: a name that is not the same on every system and in
/// a web address (`?`, `"`, `con.pdf`…), or a symbolic link or a device instead of a file.
fn unpublishable(entry: &files::Entry) -> Option<impl FnOnce(&Path) -> Diagnostic> {
    let name = entry.name.clone();
    let kind_of_attachment = name
        .to_lowercase()
        .rsplit_once('.')
        .is_some_and(|(_, ext)| crate::model::ATTACHMENT_KINDS.contains(&ext));
    if !kind_of_attachment {
        return None;
    }
    let portable = crate::values::path::is_portable_name(&name);
    let real = entry.file_type.is_file();
    if portable && real {
        return None;
    }
    let what = files::kind_of(&entry.file_type);
    Some(move |shown: &Path| {
        if portable {
            Diagnostic::in_file(
                shown,
                format!(
                    "an attachment must be a real file in the version's folder; `{name}` is {what}"
                ),
            )
            .help("copy the file itself into the version's folder")
        } else {
            Diagnostic::in_file(
                shown,
                format!("`{name}` cannot be published: the name has a character or a form that a web address or Windows does not allow"),
            )
            .help("rename the file with letters, digits, - and _ (e.g. kaiji-seikyusho.pdf), and link to the new name")
        }
    })
}

/// Reads an attachment (a regular file inside the site, at most [`MAX_ATTACHMENT_BYTES`]).
pub(super) fn read_attachment(
    base: &Path,
    rel: &Path,
    display: &Path,
) -> Result<Arc<[u8]>, Diagnostic> {
    files::read_within(base, rel, MAX_ATTACHMENT_BYTES)
        .map(Arc::from)
        .map_err(|e| {
            read_problem(e, display, |size| {
                format!(
                    "the attachment is {:.1} MB; attachments may be at most {} MB",
                    megabytes(size),
                    MAX_ATTACHMENT_BYTES / 1_048_576
                )
            })
        })
}

/// Whether `name` is a Markdown file name in a version's folder (no folders, no hidden file).
pub fn is_plain_md_name(name: &str) -> bool {
    let p = PathBuf::from(name);
    name.ends_with(".md")
        && !name.starts_with('.')
        && p.components().count() == 1
        && !name.contains(['/', '\\', ':'])
}
