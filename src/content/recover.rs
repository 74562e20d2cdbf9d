//! Every problem of shape in a file in one run. serde stops at the first wrong field; after
//! each one, the parsed TOML tree is mended just past the mistake (the wrong key removed, a
//! broken block replaced by a harmless one, a missing value filled in) and deserialised again,
//! so that staff see all their mistakes at once instead of one per run.
//!
//! Mending never shifts an array index, so every later error's field path still names the
//! place in the file as written.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::values::FieldPath;
use crate::values::path::Segment;

/// At most this many problems of shape are reported for one file.
const MAX_PROBLEMS: usize = 40;

/// One error of shape, as serde reports it, with the exact field path.
pub(super) struct ShapeError {
    pub path: FieldPath,
    pub raw: String,
    pub span: Option<Range<usize>>,
}

/// The value of a tree mended past its errors, and the blocks that were replaced in it.
pub type Mended<T> = (T, Vec<FieldPath>);

/// Deserialises `root` (parsed from `text`) into `T`; on failure, returns every error of shape
/// found by mending the tree past each one (never empty), with the value of the mended tree
/// when mending reached one (to name the places of the errors as staff see them). A file
/// without mistakes is read once, its tree not copied; only a file with one is parsed again
/// to be mended.
pub(super) fn deserialize_all<T: DeserializeOwned>(
    text: &str,
    root: Spanned<DeTable<'_>>,
) -> Result<T, (Option<Mended<T>>, Vec<ShapeError>)> {
    let first = serde_path_to_error::deserialize::<_, T>(toml::de::Deserializer::from(root));
    let mut first_error = match first {
        Ok(value) => return Ok(value),
        Err(err) => Some(err),
    };
    let (mut tree, _) = DeTable::parse_recoverable(text);
    let mut mender = Mender::default();
    let mut found: Vec<ShapeError> = Vec::new();
    let mut mended = None;
    for _ in 0..MAX_PROBLEMS {
        let attempt = match first_error.take() {
            Some(err) => Err(err),
            None => {
                serde_path_to_error::deserialize::<_, T>(toml::de::Deserializer::from(tree.clone()))
            }
        };
        let err = match attempt {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(value) => {
                mended = Some((value, mender.replaced_blocks()));
                break;
            }
            Err(err) => err,
        };
        if !mender.step(&mut tree, err, &mut found) {
            break;
        }
    }
    Err((mended, found))
}

/// What has been changed in the tree so far.
#[derive(Default)]
struct Mender {
    /// Keys taken out: (table, key). A later "missing field" there is their consequence.
    removed: Vec<(FieldPath, String)>,
    /// Values and blocks put in: an error inside them is a consequence.
    inserted: Vec<FieldPath>,
}

impl Mender {
    fn caused(&self, e: &ShapeError) -> bool {
        if let Some(field) = missing_field(&e.raw)
            && self
                .removed
                .iter()
                .any(|(table, key)| *table == e.path && key == field)
        {
            return true;
        }
        self.inserted.iter().any(|p| e.path.0.starts_with(&p.0))
    }

    /// The blocks replaced by a harmless one to read past their mistakes.
    fn replaced_blocks(&self) -> Vec<FieldPath> {
        self.inserted
            .iter()
            .filter(|p| block_prefix(p).as_ref() == Some(*p))
            .cloned()
            .collect()
    }

    /// Records the error `err` of the last reading (unless an earlier mend caused it) in
    /// `found`, and mends the tree past it; false when reading cannot go on.
    fn step(
        &mut self,
        tree: &mut Spanned<DeTable<'_>>,
        err: serde_path_to_error::Error<toml::de::Error>,
        found: &mut Vec<ShapeError>,
    ) -> bool {
        let mut error = ShapeError {
            path: FieldPath::from_serde(err.path()),
            raw: err.inner().message().to_owned(),
            span: err.inner().span(),
        };
        if let Some(refined) = refine_in_block(tree.get_ref(), &error.path) {
            error = refined;
        }
        if self.caused(&error) {
            // A consequence of an earlier mend, not a mistake of its own: inside a block, the
            // block gives way; elsewhere nothing more can be learnt.
            return match block_prefix(&error.path) {
                Some(block) => self.replace_block(tree.get_mut(), &block),
                None => false,
            };
        }
        let same = found
            .iter()
            .any(|f| f.path == error.path && f.raw == error.raw);
        let went_on = !same && self.mend(tree.get_mut(), &error);
        if !same {
            found.push(error);
        }
        went_on
    }

    /// Whether the block at `block` was already replaced.
    fn replaced(&self, block: &FieldPath) -> bool {
        self.inserted.contains(block)
    }

    /// Changes the tree so that `e` does not happen again; false if it cannot.
    fn mend(&mut self, root: &mut DeTable<'_>, e: &ShapeError) -> bool {
        if let Some(field) = unknown_field(&e.raw) {
            return self.mend_unknown(root, e, field);
        }
        if let Some(field) = missing_field(&e.raw) {
            return self.mend_missing(root, e, field);
        }
        self.mend_value(root, e)
    }

    /// An unknown key is taken out; a misspelt key (`titel`) is read under the name meant, so
    /// that its value is checked too and the key is not reported missing as well.
    fn mend_unknown(&mut self, root: &mut DeTable<'_>, e: &ShapeError, field: &str) -> bool {
        let mut table = e.path.clone();
        if table.0.last() == Some(&Segment::Key(field.to_owned())) {
            table.0.pop();
        }
        let Some(t) = table_at_mut(root, &table.0) else {
            return false;
        };
        let Some((key, value)) = t.remove_entry(field) else {
            return false;
        };
        let expected = e.raw.split_once(", expected ").map_or("", |(_, x)| x);
        if let Some(meant) = did_you_mean(field, expected, |name| t.contains_key(name)) {
            t.insert(
                Spanned::new(key.span(), Cow::Owned(meant.to_owned())),
                value,
            );
        } else {
            self.removed.push((table, field.to_owned()));
        }
        true
    }

    /// A missing key: inside a block, the block gives way; elsewhere a harmless value is put
    /// in its place.
    fn mend_missing(&mut self, root: &mut DeTable<'_>, e: &ShapeError, field: &str) -> bool {
        if let Some(block) = block_prefix(&e.path) {
            return self.replace_block(root, &block);
        }
        let Some(t) = table_at_mut(root, &e.path.0) else {
            return false;
        };
        let span = 0..0;
        let value = if field == "effective" || field == "date" {
            match "2000-01-01".parse() {
                Ok(date) => DeValue::Datetime(date),
                Err(_) => return false,
            }
        } else {
            DeValue::String(Cow::Borrowed("…"))
        };
        t.insert(
            Spanned::new(span.clone(), Cow::Owned(field.to_owned())),
            Spanned::new(span, value),
        );
        self.inserted.push(e.path.key(field));
        true
    }

    /// A wrong value: the block's own `type`, or the block as a whole, replaces the block;
    /// anything else takes out the nearest key holding it.
    fn mend_value(&mut self, root: &mut DeTable<'_>, e: &ShapeError) -> bool {
        if let Some(block) = block_prefix(&e.path)
            && (e.path.0.len() <= block.0.len() + 1)
            && (e.path.0.len() == block.0.len()
                || e.path.0.last() == Some(&Segment::Key("type".into())))
        {
            return self.replace_block(root, &block);
        }
        let Some(at) = e.path.0.iter().rposition(|s| matches!(s, Segment::Key(_))) else {
            return false;
        };
        let Segment::Key(key) = &e.path.0[at] else {
            return false;
        };
        let table = FieldPath(e.path.0[..at].to_vec());
        if let Some(t) = table_at_mut(root, &table.0)
            && t.remove(key.as_str()).is_some()
        {
            self.removed.push((table, key.clone()));
            return true;
        }
        false
    }

    /// Puts a harmless text block where the block at `block` was.
    fn replace_block(&mut self, root: &mut DeTable<'_>, block: &FieldPath) -> bool {
        if self.replaced(block) {
            return false;
        }
        let Some(value) = value_at_mut(root, &block.0) else {
            return false;
        };
        let span = value.span();
        let mut table = DeTable::new();
        for (k, v) in [("type", "text"), ("text", "…")] {
            table.insert(
                Spanned::new(span.clone(), Cow::Borrowed(k)),
                Spanned::new(span.clone(), DeValue::String(Cow::Borrowed(v))),
            );
        }
        *value = Spanned::new(span, DeValue::Table(table));
        self.inserted.push(block.clone());
        true
    }
}

/// The field of `expected` (serde's list: `` `effective`, `title`, … ``) that `field` is most
/// probably a misspelling of, leaving out those `present` already.
pub(super) fn did_you_mean<'e>(
    field: &str,
    expected: &'e str,
    present: impl Fn(&str) -> bool,
) -> Option<&'e str> {
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|name| !present(name))
        .map(|name| (strsim::damerau_levenshtein(field, name), name))
        .filter(|(d, name)| *d <= 2 && *d < name.chars().count().max(2) / 2 + 1)
        .min_by(|(d1, n1), (d2, n2)| {
            // Equally far: the one that looks more alike (`fone` is `phone`, not `role`).
            d1.cmp(d2)
                .then(strsim::jaro_winkler(field, n2).total_cmp(&strsim::jaro_winkler(field, n1)))
        })
        .map(|(_, name)| name)
}

fn unknown_field(raw: &str) -> Option<&str> {
    raw.strip_prefix("unknown field `")?.split('`').next()
}

fn missing_field(raw: &str) -> Option<&str> {
    raw.strip_prefix("missing field `")?.split('`').next()
}

/// The path of the block that `path` is in (`front[i]`, `preamble[i]`, or `blocks[i]` /
/// `closing[i]` of a section at any depth), if it is in one.
pub(super) fn block_prefix(path: &FieldPath) -> Option<FieldPath> {
    let s = &path.0;
    let mut in_sections = true;
    let mut i = 0;
    while i + 1 < s.len() {
        match (&s[i], &s[i + 1]) {
            (Segment::Key(k), Segment::Index(_))
                if (i == 0 && (k == "front" || k == "preamble"))
                    || (i > 0 && in_sections && (k == "blocks" || k == "closing")) =>
            {
                return Some(FieldPath(s[..i + 2].to_vec()));
            }
            (Segment::Key(k), Segment::Index(_)) if k == "sections" && in_sections => i += 2,
            _ => {
                in_sections = false;
                i += 1;
            }
        }
    }
    None
}

/// The value at `path` in `table`.
fn value_at<'a, 'i>(table: &'a DeTable<'i>, path: &[Segment]) -> Option<&'a Spanned<DeValue<'i>>> {
    let (Segment::Key(first), rest) = path.split_first()? else {
        return None;
    };
    let mut node = table.get(first.as_str())?;
    for seg in rest {
        node = match (seg, node.get_ref()) {
            (Segment::Key(k), DeValue::Table(t)) => t.get(k.as_str())?,
            (Segment::Index(i), DeValue::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// The table at `path` in `root` (`root` itself for the empty path), to change it.
fn table_at_mut<'a, 'i>(
    root: &'a mut DeTable<'i>,
    path: &[Segment],
) -> Option<&'a mut DeTable<'i>> {
    if path.is_empty() {
        return Some(root);
    }
    match value_at_mut(root, path)?.get_mut() {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

/// The value at `path` in `table`, to change it; `path` empty is not a value.
fn value_at_mut<'a, 'i>(
    table: &'a mut DeTable<'i>,
    path: &[Segment],
) -> Option<&'a mut Spanned<DeValue<'i>>> {
    let (Segment::Key(first), rest) = path.split_first()? else {
        return None;
    };
    let mut node = table.get_mut(first.as_str())?;
    for seg in rest {
        node = match (seg, node.get_mut()) {
            (Segment::Key(k), DeValue::Table(t)) => t.get_mut(k.as_str())?,
            (Segment::Index(i), DeValue::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Serde buffers a block's table to read its `type` first, and loses the field path inside it.
/// When an error lands on a block, deserialise that block again as its own kind to find the
/// exact field — and again for a block inside a table's cell, down to the innermost.
fn refine_in_block(root: &DeTable<'_>, path: &FieldPath) -> Option<ShapeError> {
    let mut prefix = block_prefix(path)?;
    let mut refined = None;
    while let Some(error) = refine_at(root, prefix.clone()) {
        let inner = cell_block_prefix(&error.path, prefix.0.len());
        refined = Some(error);
        match inner {
            Some(inner) => prefix = inner,
            None => break,
        }
    }
    refined
}

/// The error of the block at `prefix`, read again as its own kind.
fn refine_at(root: &DeTable<'_>, prefix: FieldPath) -> Option<ShapeError> {
    let block = value_at(root, &prefix.0)?;
    let DeValue::Table(table) = block.get_ref() else {
        return None;
    };
    let kind = table.iter().find_map(|(k, v)| match v.get_ref() {
        DeValue::String(s) if k.get_ref() == "type" => Some(s.to_string()),
        _ => None,
    })?;
    let rest: DeTable<'_> = table
        .iter()
        .filter(|(k, _)| k.get_ref() != "type")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let value = Spanned::new(block.span(), DeValue::Table(rest));
    let err = crate::blocks::refine_as(&kind, value)?;
    let mut full = prefix;
    full.0.extend(FieldPath::from_serde(err.path()).0);
    Some(ShapeError {
        path: full,
        raw: err.inner().message().to_owned(),
        span: err.inner().span(),
    })
}

/// The block inside a table's cell (`…rows[0][1].blocks[0]`) that `path` lies in, below the
/// first `from` segments (the outer block).
fn cell_block_prefix(path: &FieldPath, from: usize) -> Option<FieldPath> {
    let s = &path.0;
    (from.max(1)..s.len().saturating_sub(1))
        .find(|&j| {
            matches!(&s[j], Segment::Key(k) if k == "blocks")
                && matches!(s[j - 1], Segment::Index(_))
                && matches!(s[j + 1], Segment::Index(_))
        })
        .map(|j| FieldPath(s[..j + 2].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_key_is_matched_to_the_key_meant() {
        let top = "one of `effective`, `summary`, `title`, `sections`";
        let none = |_: &str| false;
        assert_eq!(did_you_mean("titel", top, none), Some("title"));
        assert_eq!(did_you_mean("sumary", top, none), Some("summary"));
        assert_eq!(did_you_mean("section", top, none), Some("sections"));
        assert_eq!(did_you_mean("phone", top, none), None);
        assert_eq!(did_you_mean("ti", top, none), None);
        assert_eq!(did_you_mean("titel", top, |n| n == "title"), None);
        let contact = "one of `role`, `name`, `phone`";
        assert_eq!(did_you_mean("fone", contact, none), Some("phone"));
        assert_eq!(
            did_you_mean("fone", contact, |n| n == "role"),
            Some("phone")
        );
    }

    #[test]
    fn block_prefixes_at_every_depth() {
        let p = |s: &str| block_prefix(&FieldPath::parse(s)).map(|p| p.to_string());
        assert_eq!(p("front[2].text").as_deref(), Some("front[2]"));
        assert_eq!(p("preamble[0]").as_deref(), Some("preamble[0]"));
        assert_eq!(
            p("sections[1].sections[0].blocks[3].rows[2].category").as_deref(),
            Some("sections[1].sections[0].blocks[3]")
        );
        assert_eq!(
            p("sections[1].closing[0].items").as_deref(),
            Some("sections[1].closing[0]")
        );
        assert_eq!(p("sections[1].heading"), None);
        assert_eq!(p("organization.blocks[0]"), None);
    }
}
