//! How two sequences line up: Myers' algorithm in linear space with git's heuristics
//! (`imara-diff`), and the pairing of a removed and an added element into one modification
//! within a bounded window, so that a hostile diff of thousands of items stays linear.

use std::collections::HashMap;
use std::hash::Hash;

/// How two sequences line up.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Aligns two sequences by equal keys, leaving the rest as removed and added, in order. The
/// alignment is Myers' algorithm in linear space with git's heuristics (`imara-diff`), so
/// memory stays linear and time near-linear however different two long lists are; for the
/// small edits of a notice it is the longest common subsequence. Within a run of changes the
/// additions come before the removals.
pub(crate) fn align<K: Hash + Eq>(a: &[K], b: &[K]) -> Vec<Step> {
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
pub(crate) const PAIRING_WINDOW: usize = 64;

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
        let start = k;
        while k < steps.len() && !matches!(steps[k], Step::Same(..)) {
            k += 1;
        }
        pair_run(&steps[start..k], &mut pair, &mut out);
    }
    out
}

/// A run of removals and additions between two anchors: each removed element paired with the
/// first later addition `pair` accepts (in order, within the window and the budget), then
/// emitted in the order of the new sequence, removals before the place they were.
fn pair_run(run: &[Step], pair: &mut impl FnMut(usize, usize) -> bool, out: &mut Vec<Paired>) {
    let removed: Vec<usize> = run
        .iter()
        .filter_map(|s| match s {
            Step::Removed(i) => Some(*i),
            _ => None,
        })
        .collect();
    let added: Vec<usize> = run
        .iter()
        .filter_map(|s| match s {
            Step::Added(j) => Some(*j),
            _ => None,
        })
        .collect();
    let (used, paired_with) = find_pairs(&removed, &added, pair);
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

/// Which additions are taken, and the addition each removal is paired with. Pairs keep their
/// order: each removal looks only after the last pairing.
fn find_pairs(
    removed: &[usize],
    added: &[usize],
    pair: &mut impl FnMut(usize, usize) -> bool,
) -> (Vec<bool>, Vec<Option<usize>>) {
    let mut used = vec![false; added.len()];
    let mut paired_with: Vec<Option<usize>> = vec![None; removed.len()];
    let mut next = 0;
    let mut budget = PAIRING_BUDGET;
    for (ri, &i) in removed.iter().enumerate() {
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
    (used, paired_with)
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
}
