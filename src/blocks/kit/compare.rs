//! The comparisons every kind of block uses: lists of texts, lists of items (matched by line,
//! reworded, moved), labelled fields, rows matched by their key (renamed, moved).

use std::collections::HashMap;

use super::align::{PAIRING_WINDOW, Paired, Step, align, align_pairing};
use super::change::{ChangeKind, Differ, REWORD_THRESHOLD, Target, kind_of, similarity, with};
use crate::values::{Item, Marker};

impl Differ {
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
        let stay = staying_rows(old, &new_at, &renamed_to);
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

/// The new positions of the rows that stay in their order (present in both, or renamed): the
/// others moved.
fn staying_rows(
    old: &[(&str, &[String])],
    new_at: &HashMap<&str, usize>,
    renamed_to: &HashMap<usize, usize>,
) -> std::collections::HashSet<usize> {
    let old_order: Vec<usize> = old
        .iter()
        .enumerate()
        .filter_map(|(i, (k, _))| {
            new_at
                .get(k)
                .copied()
                .or_else(|| renamed_to.get(&i).copied())
        })
        .collect();
    let mut new_order = old_order.clone();
    new_order.sort_unstable();
    align(&old_order, &new_order)
        .into_iter()
        .filter_map(|s| match s {
            Step::Same(_, j) => Some(new_order[j]),
            _ => None,
        })
        .collect()
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
