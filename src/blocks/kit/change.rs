//! The change toolkit: what a change is (its path, target, kind and character spans), and the
//! [`Differ`] that collects changes, with the comparisons every kind of block uses — texts
//! character by character (`dissimilar`, Google's diff-match-patch with semantic clean-up:
//! Japanese has no spaces to split words at), lists item by item, labelled fields, rows
//! matched by key — and the alignment of sequences (Myers in linear space, `imara-diff`).
//! Pure: values in, values out.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

use crate::values::{Cell, Item, Marker};

/// What kind of change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "Kind")]
pub enum ChangeKind {
    /// Present only in the new version.
    Added,
    /// Present only in the old version.
    Removed,
    /// Present in both, with different text.
    Modified,
    /// A row or section under a new name, its content (mostly) the same.
    Renamed,
    /// The same item at another place in its list.
    Moved,
}

impl ChangeKind {
    /// The Japanese label.
    pub fn japanese(self) -> &'static str {
        match self {
            ChangeKind::Added => "追加",
            ChangeKind::Removed => "削除",
            ChangeKind::Modified => "変更",
            ChangeKind::Renamed => "名称変更",
            ChangeKind::Moved => "移動",
        }
    }
}

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The notice's title.
    Title,
    /// The effective date.
    Effective,
    /// A whole section.
    Section,
    /// A section's heading or number.
    Heading,
    /// A whole block.
    Block,
    /// A row of the purpose table (a category).
    PurposeRow,
    /// One purpose of use.
    Purpose,
    /// A row of the measures table.
    Measure,
    /// A labelled field (contact, organisation, record, labels of a table).
    Field,
    /// An item of a list.
    Item,
    /// A record of a records block.
    Record,
    /// A row of a table.
    TableRow,
    /// A cell of a table.
    Cell,
    /// Prose.
    Text,
    /// A file published with the version (a request form).
    Attachment,
}

impl Target {
    /// The Japanese label.
    pub fn japanese(self) -> &'static str {
        match self {
            Target::Title => "表題",
            Target::Effective => "施行日",
            Target::Section => "項目",
            Target::Heading => "見出し",
            Target::Block => "要素",
            Target::PurposeRow => "個人情報の類型",
            Target::Purpose => "利用目的",
            Target::Measure => "安全管理措置",
            Target::Field => "欄",
            Target::Item => "箇条",
            Target::Record => "記録",
            Target::TableRow => "表の行",
            Target::Cell => "表のセル",
            Target::Text => "本文",
            Target::Attachment => "添付ファイル",
        }
    }
}

/// A run of text: unchanged, deleted or inserted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum Span {
    /// In both.
    Equal(String),
    /// Only in the old text.
    Delete(String),
    /// Only in the new text.
    Insert(String),
}

/// The old and the new text that a list of spans describes: `Equal` + `Delete` runs, and
/// `Equal` + `Insert` runs.
pub fn rebuild(spans: &[Span]) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    for s in spans {
        match s {
            Span::Equal(t) => {
                old.push_str(t);
                new.push_str(t);
            }
            Span::Delete(t) => old.push_str(t),
            Span::Insert(t) => new.push_str(t),
        }
    }
    (old, new)
}

/// One change, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// Where: section, then block, row, item (human-readable labels).
    pub path: Vec<String>,
    /// What changed.
    pub target: Target,
    /// How.
    pub kind: ChangeKind,
    /// The old text (absent when added).
    pub old: Option<String>,
    /// The new text (absent when removed).
    pub new: Option<String>,
    /// The text differences: `old` = Equal + Delete runs, `new` = Equal + Insert runs.
    pub spans: Vec<Span>,
}

/// Character-level differences between two texts, semantically cleaned up.
pub fn text_spans(old: &str, new: &str) -> Vec<Span> {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![Span::Equal(old.to_owned())]
        };
    }
    dissimilar::diff(old, new)
        .into_iter()
        .map(|chunk| match chunk {
            dissimilar::Chunk::Equal(s) => Span::Equal(s.to_owned()),
            dissimilar::Chunk::Delete(s) => Span::Delete(s.to_owned()),
            dissimilar::Chunk::Insert(s) => Span::Insert(s.to_owned()),
        })
        .collect()
}

/// How alike two texts are: the share of characters they have in common, 0.0 to 1.0.
pub fn similarity(old: &str, new: &str) -> f64 {
    let total = old.chars().count() + new.chars().count();
    if total == 0 {
        return 1.0;
    }
    let common: usize = text_spans(old, new)
        .iter()
        .map(|s| match s {
            Span::Equal(t) => t.chars().count(),
            _ => 0,
        })
        .sum();
    2.0 * common as f64 / total as f64
}

/// Texts at least this alike are reported as reworded rather than removed and added.
pub(crate) const REWORD_THRESHOLD: f64 = 0.5;

/// Collects the changes of a diff; the block kinds call its methods.
#[derive(Default)]
pub(crate) struct Differ {
    changes: Vec<Change>,
}

/// How two sequences line up.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Aligns two sequences by equal keys, leaving the rest as removed and added, in order. The
/// alignment is Myers' algorithm in linear space with git's heuristics (`imara-diff`), so
/// memory stays linear and time near-linear however different two long lists are; for the
/// small edits of a notice it is the longest common subsequence. Within a run of changes the
/// additions come before the removals.
fn align<K: Hash + Eq>(a: &[K], b: &[K]) -> Vec<Step> {
    let mut tokens: HashMap<&K, u32> = HashMap::with_capacity(a.len() + b.len());
    let mut intern = |k| {
        let next = tokens.len() as u32;
        imara_diff::Token(*tokens.entry(k).or_insert(next))
    };
    let before: Vec<imara_diff::Token> = a.iter().map(&mut intern).collect();
    let after: Vec<imara_diff::Token> = b.iter().map(&mut intern).collect();
    let mut diff = imara_diff::Diff::default();
    diff.compute_with(
        imara_diff::Algorithm::Myers,
        &before,
        &after,
        tokens.len() as u32,
    );
    let mut steps = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let removed = i < a.len() && diff.is_removed(i as u32);
        let added = j < b.len() && diff.is_added(j as u32);
        if added {
            steps.push(Step::Added(j));
            j += 1;
        } else if removed {
            steps.push(Step::Removed(i));
            i += 1;
        } else {
            steps.push(Step::Same(i, j));
            i += 1;
            j += 1;
        }
    }
    steps
}

/// How many later additions a removed element is compared with when looking for its reworded
/// counterpart: enough for any real revision, and it keeps a hostile diff of thousands of
/// changed items linear.
const PAIRING_WINDOW: usize = 64;

/// How many comparisons one run of changes may spend looking for reworded pairs; beyond it
/// the rest of the run is reported as removed and added. A revision that rewords a few
/// hundred items of one list pairs them all; a hostile list of 100,000 does not cost minutes.
const PAIRING_BUDGET: usize = 20_000;

/// Like [`align`], but a removed and an added element between the same anchors that `pair`
/// accepts become one `Paired` step (a modification).
pub(crate) enum Paired {
    Same(usize, usize),
    Changed(usize, usize),
    Removed(usize),
    Added(usize),
}

pub(crate) fn align_pairing<K: Hash + Eq>(
    a: &[K],
    b: &[K],
    mut pair: impl FnMut(usize, usize) -> bool,
) -> Vec<Paired> {
    let steps = align(a, b);
    let mut out = Vec::with_capacity(steps.len());
    let mut k = 0;
    while k < steps.len() {
        if let Step::Same(i, j) = steps[k] {
            out.push(Paired::Same(i, j));
            k += 1;
            continue;
        }
        // A run of removals and additions between two anchors.
        let start = k;
        while k < steps.len() && !matches!(steps[k], Step::Same(..)) {
            k += 1;
        }
        let removed: Vec<usize> = steps[start..k]
            .iter()
            .filter_map(|s| match s {
                Step::Removed(i) => Some(*i),
                _ => None,
            })
            .collect();
        let added: Vec<usize> = steps[start..k]
            .iter()
            .filter_map(|s| match s {
                Step::Added(j) => Some(*j),
                _ => None,
            })
            .collect();
        let mut used = vec![false; added.len()];
        let mut paired_with: Vec<Option<usize>> = vec![None; removed.len()];
        let mut next = 0;
        let mut budget = PAIRING_BUDGET;
        for (ri, &i) in removed.iter().enumerate() {
            // Pairs keep their order: look only after the last pairing.
            let window = next..added.len().min(next + PAIRING_WINDOW);
            let found = window.into_iter().find(|&x| {
                budget = budget.saturating_sub(1);
                budget > 0 && !used[x] && pair(i, added[x])
            });
            if let Some(off) = found {
                used[off] = true;
                paired_with[ri] = Some(added[off]);
                next = off + 1;
            }
            if budget == 0 {
                break;
            }
        }
        // Emit in order of the new sequence, removals before the place they were.
        let mut ai = 0;
        for (ri, &i) in removed.iter().enumerate() {
            match paired_with[ri] {
                Some(j) => {
                    while ai < added.len() && added[ai] < j {
                        if !used[ai] {
                            out.push(Paired::Added(added[ai]));
                        }
                        ai += 1;
                    }
                    out.push(Paired::Changed(i, j));
                    ai += 1;
                }
                None => out.push(Paired::Removed(i)),
            }
        }
        for (x, &j) in added.iter().enumerate().skip(ai) {
            if !used[x] {
                out.push(Paired::Added(j));
            }
        }
    }
    out
}

pub(crate) fn with(path: &[String], label: impl Into<String>) -> Vec<String> {
    let mut p = path.to_vec();
    p.push(label.into());
    p
}

/// A cell's text: its points on separate lines (「・」 would clash with 「通知・徴収」).
pub(crate) fn cell_text(c: &Cell) -> String {
    c.texts().join("\n")
}

impl Differ {
    /// The changes collected, in the order they were found.
    pub(crate) fn into_changes(self) -> Vec<Change> {
        self.changes
    }

    pub(crate) fn push(
        &mut self,
        path: Vec<String>,
        target: Target,
        kind: ChangeKind,
        old: Option<&str>,
        new: Option<&str>,
    ) {
        let spans = match (old, new) {
            (Some(o), Some(n)) => text_spans(o, n),
            (Some(o), None) => vec![Span::Delete(o.to_owned())],
            (None, Some(n)) => vec![Span::Insert(n.to_owned())],
            (None, None) => Vec::new(),
        };
        self.changes.push(Change {
            path,
            target,
            kind,
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
            spans,
        });
    }

    pub(crate) fn added(&mut self, path: &[String], target: Target, new: &str) {
        self.push(path.to_vec(), target, ChangeKind::Added, None, Some(new));
    }

    pub(crate) fn removed(&mut self, path: &[String], target: Target, old: &str) {
        self.push(path.to_vec(), target, ChangeKind::Removed, Some(old), None);
    }

    /// A value that reads best replaced whole (a date, a phone number, a postal code, an
    /// address on the web), not character by character.
    pub(crate) fn whole(&mut self, path: &[String], target: Target, old: &str, new: &str) {
        self.changes.push(Change {
            path: path.to_vec(),
            target,
            kind: ChangeKind::Modified,
            old: Some(old.to_owned()),
            new: Some(new.to_owned()),
            spans: vec![Span::Delete(old.to_owned()), Span::Insert(new.to_owned())],
        });
    }

    pub(crate) fn modified(&mut self, path: &[String], target: Target, old: &str, new: &str) {
        self.push(
            path.to_vec(),
            target,
            ChangeKind::Modified,
            Some(old),
            Some(new),
        );
    }

    /// A list of texts compared item by item: unchanged, reworded, removed, added.
    pub(crate) fn texts(
        &mut self,
        path: &[String],
        target: Target,
        old: &[String],
        new: &[String],
        label: impl Fn(usize) -> String,
    ) {
        let steps = align_pairing(old, new, |i, j| {
            similarity(&old[i], &new[j]) >= REWORD_THRESHOLD
        });
        for step in steps {
            match step {
                Paired::Same(..) => {}
                Paired::Changed(i, j) => {
                    self.modified(&with(path, label(j)), target, &old[i], &new[j])
                }
                Paired::Removed(i) => self.removed(&with(path, label(i)), target, &old[i]),
                Paired::Added(j) => self.added(&with(path, label(j)), target, &new[j]),
            }
        }
    }

    /// Two lists compared item by item: items are matched by their line, a reworded item is
    /// one change, an item that moved is reported once as a move from its old to its new
    /// position, and renumbering caused by an insertion is not a change. Bodies and sub-lists
    /// are compared within their item; a new marker or start is one change.
    pub(crate) fn items(&mut self, path: &[String], old: ListParts<'_>, new: ListParts<'_>) {
        let ((om, os, oi), (nm, ns, ni)) = (old, new);
        if om != nm {
            self.modified(
                &with(path, "番号の形式"),
                Target::Field,
                &om.to_string(),
                &nm.to_string(),
            );
        }
        if os != ns {
            let show = |s: Option<u32>| s.unwrap_or(1).to_string();
            self.modified(&with(path, "開始番号"), Target::Field, &show(os), &show(ns));
        }
        let (ostart, nstart) = (os.unwrap_or(1) as usize, ns.unwrap_or(1) as usize);
        let ka: Vec<&str> = oi.iter().map(Item::text).collect();
        let kb: Vec<&str> = ni.iter().map(Item::text).collect();
        let steps = align_pairing(&ka, &kb, |i, j| {
            similarity(ka[i], kb[j]) >= REWORD_THRESHOLD
        });
        let moves = moved_items(&steps, oi, ni);
        for step in steps {
            match step {
                Paired::Same(i, j) | Paired::Changed(i, j) => {
                    let ip = with(path, item_label(nm, nstart + j));
                    if ka[i] != kb[j] {
                        self.modified(&ip, Target::Item, ka[i], kb[j]);
                    }
                    self.item_inside(&ip, &oi[i], &ni[j]);
                }
                Paired::Removed(i) if moves.contains_key(&i) => {}
                Paired::Removed(i) => self.removed(
                    &with(path, item_label(om, ostart + i)),
                    Target::Item,
                    &oi[i].full_text(None),
                ),
                Paired::Added(j) => match moves.iter().find(|(_, to)| **to == j) {
                    Some((&i, _)) => self.push(
                        with(path, short(kb[j])),
                        Target::Item,
                        ChangeKind::Moved,
                        Some(&item_label(om, ostart + i)),
                        Some(&item_label(nm, nstart + j)),
                    ),
                    None => self.added(
                        &with(path, item_label(nm, nstart + j)),
                        Target::Item,
                        &ni[j].full_text(None),
                    ),
                },
            }
        }
    }

    /// The body and the sub-list of an item present in both versions.
    fn item_inside(&mut self, path: &[String], old: &Item, new: &Item) {
        let body = |i: &Item| i.table().and_then(|t| t.body.clone()).unwrap_or_default();
        let (ob, nb) = (body(old), body(new));
        if ob != nb {
            self.push(
                path.to_vec(),
                Target::Text,
                kind_of(&ob, &nb),
                Some(ob.trim_end()).filter(|s| !s.is_empty()),
                Some(nb.trim_end()).filter(|s| !s.is_empty()),
            );
        }
        let parts = |i: &Item| -> (Marker, Option<u32>) {
            i.table()
                .map(|t| (t.marker.clone().unwrap_or_default(), t.start))
                .unwrap_or_default()
        };
        let ((om, os), (nm, ns)) = (parts(old), parts(new));
        if !old.items().is_empty() || !new.items().is_empty() {
            self.items(path, (&om, os, old.items()), (&nm, ns, new.items()));
        }
    }

    /// Labelled fields matched by label.
    pub(crate) fn fields(
        &mut self,
        path: &[String],
        old: &[(String, String)],
        new: &[(String, String)],
    ) {
        let find = |fs: &[(String, String)], l: &str| {
            fs.iter().find(|(k, _)| k == l).map(|(_, v)| v.clone())
        };
        // The same fields in another order is a change of what the page shows.
        let order = |fs: &[(String, String)], other: &[(String, String)]| -> Vec<String> {
            fs.iter()
                .filter(|(l, _)| find(other, l).is_some())
                .map(|(l, _)| l.clone())
                .collect()
        };
        let (oo, no) = (order(old, new), order(new, old));
        if oo != no {
            self.push(
                with(path, "欄の順序"),
                Target::Field,
                ChangeKind::Moved,
                Some(&oo.join("・")),
                Some(&no.join("・")),
            );
        }
        for (label, ov) in old {
            match find(new, label) {
                Some(nv) if nv != *ov && is_whole_value(label) => {
                    self.whole(&with(path, label.clone()), Target::Field, ov, &nv)
                }
                Some(nv) if nv != *ov => {
                    self.modified(&with(path, label.clone()), Target::Field, ov, &nv)
                }
                Some(_) => {}
                None => self.removed(&with(path, label.clone()), Target::Field, ov),
            }
        }
        for (label, nv) in new {
            if find(old, label).is_none() {
                self.added(&with(path, label.clone()), Target::Field, nv);
            }
        }
    }

    /// Rows matched by their key (category): added, removed, renamed, moved, and for rows in
    /// both, `inner` compares their content.
    pub(crate) fn keyed_rows(
        &mut self,
        path: &[String],
        target: Target,
        old: &[(&str, &[String])],
        new: &[(&str, &[String])],
        inner: impl Fn(&mut Differ, &[String], &[String], &[String]),
    ) {
        let old_at: HashMap<&str, usize> = old.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
        let new_at: HashMap<&str, usize> = new.iter().enumerate().map(|(j, r)| (r.0, j)).collect();
        let (renamed_to, renamed_from) = renames(old, new, &old_at, &new_at);
        // Order of the rows present in both (or renamed), to find moves.
        let pairs: Vec<(usize, usize)> = old
            .iter()
            .enumerate()
            .filter_map(|(i, (k, _))| {
                new_at
                    .get(k)
                    .copied()
                    .or_else(|| renamed_to.get(&i).copied())
                    .map(|j| (i, j))
            })
            .collect();
        let old_order: Vec<usize> = pairs.iter().map(|p| p.1).collect();
        let mut new_order = old_order.clone();
        new_order.sort_unstable();
        let stay: std::collections::HashSet<usize> = align(&old_order, &new_order)
            .into_iter()
            .filter_map(|s| match s {
                Step::Same(_, j) => Some(new_order[j]),
                _ => None,
            })
            .collect();

        for (i, (key, content)) in old.iter().enumerate() {
            if !new_at.contains_key(key) && !renamed_to.contains_key(&i) {
                self.removed(&with(path, *key), target, &content.join("、"));
            }
        }
        for (j, (key, content)) in new.iter().enumerate() {
            let rp = with(path, *key);
            let from = old_at
                .get(key)
                .copied()
                .or_else(|| renamed_from.get(&j).copied());
            let Some(i) = from else {
                self.added(&rp, target, &content.join("、"));
                continue;
            };
            if old[i].0 != *key {
                self.push(
                    rp.clone(),
                    target,
                    ChangeKind::Renamed,
                    Some(old[i].0),
                    Some(key),
                );
            }
            if !stay.contains(&j) {
                self.push(
                    rp.clone(),
                    target,
                    ChangeKind::Moved,
                    Some(&format!("{}番目", i + 1)),
                    Some(&format!("{}番目", j + 1)),
                );
            }
            inner(self, &rp, old[i].1, content);
        }
    }
}

pub(crate) fn kind_of(old: &str, new: &str) -> ChangeKind {
    match (old.is_empty(), new.is_empty()) {
        (true, _) => ChangeKind::Added,
        (_, true) => ChangeKind::Removed,
        _ => ChangeKind::Modified,
    }
}

pub(crate) fn join_fields(f: &[(String, String)]) -> String {
    f.iter()
        .map(|(l, v)| format!("{l}：{v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a change names the `n`-th item (1-based) of a list: its number as printed (「②」,
/// 「(3)」), or 「3番目」 for a list without numbers.
pub(crate) fn item_label(marker: &Marker, n: usize) -> String {
    match marker.label(n) {
        Some(label) if marker.is_ordered() => label,
        _ => format!("{n}番目"),
    }
}

/// Fields whose values read best replaced whole: a phone number, a postal code, an address
/// on the web, a date (「022-235-5896 → 022-235-5897」, not one digit struck out).
fn is_whole_value(label: &str) -> bool {
    matches!(
        label,
        "電話" | "FAX" | "郵便番号" | "URL" | "メール" | "ホームページ"
    )
}

/// A text shortened to name a moved thing in a path.
fn short(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 24 {
        text.to_owned()
    } else {
        chars[..23].iter().collect::<String>() + "…"
    }
}

/// A list as the diff sees it: its marker, its start and its items.
pub(crate) type ListParts<'a> = (&'a Marker, Option<u32>, &'a [Item]);

/// Items removed in one place and added, the same, in another: old index → new index.
fn moved_items(steps: &[Paired], old: &[Item], new: &[Item]) -> HashMap<usize, usize> {
    let added: Vec<usize> = steps
        .iter()
        .filter_map(|s| match s {
            Paired::Added(j) => Some(*j),
            _ => None,
        })
        .collect();
    let mut taken = std::collections::HashSet::new();
    let mut moves = HashMap::new();
    for step in steps {
        if let Paired::Removed(i) = step
            && let Some(&j) = added
                .iter()
                .take(PAIRING_WINDOW * 4)
                .find(|&&j| !taken.contains(&j) && new[j] == old[*i])
        {
            taken.insert(j);
            moves.insert(*i, j);
        }
    }
    moves
}

/// Rows under a new key: an old row whose key is gone and a new row whose key is new, with
/// the same content (or, for rows of several entries, mostly the same). Each vanished row is
/// compared with a bounded number of the new rows not yet taken, so that a hostile table of
/// thousands of renamed rows stays linear. Returns old → new and new → old.
type Renames = (HashMap<usize, usize>, HashMap<usize, usize>);

fn renames(
    old: &[(&str, &[String])],
    new: &[(&str, &[String])],
    old_at: &HashMap<&str, usize>,
    new_at: &HashMap<&str, usize>,
) -> Renames {
    let mut renamed_to: HashMap<usize, usize> = HashMap::new();
    let mut renamed_from: HashMap<usize, usize> = HashMap::new();
    let unmatched_new: Vec<usize> = (0..new.len())
        .filter(|&j| !old_at.contains_key(new[j].0))
        .collect();
    for (i, (key, content)) in old.iter().enumerate() {
        if new_at.contains_key(key) {
            continue;
        }
        let candidate = unmatched_new
            .iter()
            .copied()
            .filter(|j| !renamed_from.contains_key(j))
            .take(PAIRING_WINDOW)
            .find(|&j| {
                let nc = new[j].1;
                nc == *content || overlap(content, nc) >= 0.6
            });
        if let Some(j) = candidate {
            renamed_to.insert(i, j);
            renamed_from.insert(j, i);
        }
    }
    (renamed_to, renamed_from)
}

/// Share of entries two lists have in common (Jaccard), 0.0 to 1.0.
fn overlap(a: &[String], b: &[String]) -> f64 {
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let in_b: std::collections::HashSet<&String> = b.iter().collect();
    let common = a.iter().filter(|x| in_b.contains(x)).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align_finds_the_longest_common_subsequence() {
        let a = ["a", "b", "c", "d"];
        let b = ["a", "x", "c", "d", "e"];
        let steps = align(&a, &b);
        assert_eq!(
            steps,
            vec![
                Step::Same(0, 0),
                Step::Added(1),
                Step::Removed(1),
                Step::Same(2, 2),
                Step::Same(3, 3),
                Step::Added(4)
            ]
        );
    }

    #[test]
    fn a_reworded_japanese_sentence_reads_as_a_few_clear_changes() {
        let spans = text_spans(
            "職員に定期的な研修を実施しています。",
            "職員に定期的な研修を実施し、その効果を検証し、個人情報保護の施策に生かしています。",
        );
        let changed = spans
            .iter()
            .filter(|s| !matches!(s, Span::Equal(_)))
            .count();
        assert!(changed <= 2, "{spans:?}");
    }
}
