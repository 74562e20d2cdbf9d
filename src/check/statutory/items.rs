//! Every statutory item of every kind of document, as data: where it can be stated (which
//! labels and blocks), the shape its statement must have, whether answering on request counts,
//! since when it is required, and an example that passes and one that fails (docs/check.md's
//! table of items is generated from this table).

use super::Ctx;
use super::statements::{Statement, StatementKind};
use super::words::{METHODS, has_any, is_referral, lists_things, names_organisation, normalise};
use crate::blocks::Block;
use crate::i18n::Msg;
use crate::model::DocumentKind;

/// Whether answering on request (本人の求めに応じて遅滞なく回答) makes the item known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnRequest {
    /// It does (法第32条第1項の括弧書き).
    Counts,
    /// It does for Article 32, but Article 21(1) wants the purposes published: a warning.
    CountsWithWarning,
    /// It never does: the law wants 公表 or 容易に知り得る状態.
    Never,
}

/// What the documentation says of an item.
#[derive(Clone, Copy, Debug)]
pub struct ItemDoc {
    /// Where it can be stated.
    pub place: &'static str,
    /// The shape its statement must have.
    pub shape: &'static str,
    /// A statement that passes.
    pub passes: &'static str,
    /// One that fails.
    pub fails: &'static str,
}

/// Why a statement does not have the item's shape.
pub type Shape = Result<(), Msg>;

/// One statutory item of a kind of document.
pub struct ItemRule {
    /// The kind of document that must state it.
    pub kind: DocumentKind,
    /// Its id, as `covers` names it.
    pub item: &'static str,
    /// The rule reported when it is missing or has the wrong shape.
    pub rule: &'static str,
    /// The provision.
    pub article: &'static str,
    /// The first effective date the item is required of (an amendment's day in force).
    pub since: Option<&'static str>,
    /// Whether the facts of the business require it.
    pub required: fn(&Ctx<'_>) -> bool,
    /// Whether a statement is a place where the item is stated (by its label or type).
    pub states: fn(&Statement<'_>, &Ctx<'_>) -> bool,
    /// Whether the statement's content has the item's shape.
    pub shape: fn(&Statement<'_>, &Ctx<'_>) -> Shape,
    /// Whether answering on request counts.
    pub on_request: OnRequest,
    /// Words that make a paragraph seem to be about the item (a hint, never a verdict).
    pub hint: &'static [&'static str],
    /// What the documentation says.
    pub doc: ItemDoc,
}

pub(super) fn always(_: &Ctx<'_>) -> bool {
    true
}

pub(super) fn label(s: &Statement<'_>) -> String {
    normalise(&s.label)
}

/// A statement whose text is not empty and is not only a referral elsewhere.
pub(super) fn said(s: &Statement<'_>, _: &Ctx<'_>) -> Shape {
    if s.text.trim().is_empty() {
        return Err(msg("the place says nothing", "記載が空です"));
    }
    let one_short_line =
        s.text.trim().lines().count() <= 1 && normalise(&s.text).chars().count() < 60;
    if is_referral(&s.text, &[]) && one_short_line {
        return Err(msg(
            "it only refers elsewhere or restates the law",
            "他の場所を案内するか法令の文言を繰り返すだけで、内容が書かれていません",
        ));
    }
    Ok(())
}

pub(super) fn msg(en: &str, ja: &str) -> Msg {
    Msg {
        en: en.to_owned(),
        ja: Some(ja.to_owned()),
    }
}

pub(super) fn block_of<'a>(s: &Statement<'a>) -> Option<&'a Block> {
    match s.kind {
        StatementKind::Block(b) => Some(b),
        _ => None,
    }
}

/// Whether a statement names the business itself (its name holds the site's organisation).
pub(super) fn names_the_business(text: &str, ctx: &Ctx<'_>) -> bool {
    let (t, org) = (normalise(text), normalise(ctx.org_name));
    !org.is_empty() && (t.contains(&org) || (!t.is_empty() && org.contains(&t)))
}

/// Whether a method of provision is stated rather than referred to.
pub(super) fn method_shape(s: &Statement<'_>, _: &Ctx<'_>) -> Shape {
    if is_referral(&s.text, METHODS) || !has_any(&normalise(&s.text), METHODS) {
        return Err(msg(
            "it does not state how the data is provided (e.g. 暗号化した電子媒体を郵送)",
            "提供の方法（例: 暗号化した電子媒体を郵送）が具体的に書かれていません",
        ));
    }
    Ok(())
}

/// Whether items are listed rather than referred to.
pub(super) fn listed_shape(s: &Statement<'_>, ctx: &Ctx<'_>) -> Shape {
    said(s, ctx)?;
    let t = normalise(&s.text);
    if t.contains("個人に関する情報の項目") && !lists_things(&s.text) {
        return Err(msg(
            "it restates the law instead of listing the items",
            "項目を挙げず、法令の文言を繰り返しています",
        ));
    }
    Ok(())
}

/// Whether a label (normalised) names something, for the other kinds.
pub(super) fn labelled(s: &Statement<'_>, words: &[&str], not: &[&str]) -> bool {
    let l = label(s);
    !matches!(s.kind, StatementKind::Block(_) | StatementKind::Title)
        && has_any(&l, words)
        && !has_any(&l, not)
}

/// Whether a name is an organisation (for the representative a manager needs).
pub(super) fn is_organisation(text: &str) -> bool {
    names_organisation(text)
}
