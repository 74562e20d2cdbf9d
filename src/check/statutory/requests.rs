//! The requests of the notice (法第32条第1項第3号, 令第12条): where to send them, the kinds of
//! request the procedure covers (法第32条第2項, 第33条〜第35条), and the fee (法第38条第2項).

use super::Ctx;
use super::items::{Shape, label, msg};
use super::statements::{Statement, StatementKind};
use super::words::{has_amount, has_any, has_reach, normalise};
use crate::blocks::Block;
use crate::i18n::Msg;

/// Whether a statement's label is about the requests of Articles 32(2), 33–35.
fn names_requests(l: &str) -> bool {
    (l.contains("開示") && has_any(l, &["請求", "求め", "手続", "申出", "申し出"]))
        || l.contains("開示等")
        || (l.contains("請求") && l.contains("手続"))
        || (l.contains("求め") && has_any(l, &["応じる", "対応", "手続"]))
}

pub(super) fn request_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    s.covers.contains(&"request-procedure")
        || (matches!(s.kind, StatementKind::Section(_) | StatementKind::Labelled)
            && names_requests(&label(s)))
}

/// Where a request goes (令第12条第1号): a contact inside the procedure, a labelled place
/// (申出先, 窓口) with a way to reach it, or the procedure naming a desk while the notice gives
/// a contact.
pub(super) fn request_shape(s: &Statement<'_>, ctx: &Ctx<'_>) -> Shape {
    let contact_inside = s
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Contact(c) if c.reach().any()));
    let t = normalise(&s.text);
    let desk = has_any(
        &t,
        &[
            "申出先",
            "申し出先",
            "請求先",
            "提出先",
            "送付先",
            "宛先",
            "窓口",
            "受付先",
            "郵送先",
            "お申出先",
        ],
    );
    let named_desk = desk && (has_reach(&t) || ctx.has_reachable_contact);
    if contact_inside || named_desk {
        return Ok(());
    }
    Err(msg(
        "it does not say where to send a request (申出先): a desk with its address, phone or e-mail, or a contact block",
        "請求等の申出先（窓口と、その住所・電話・メールなど、又は contact ブロック）が書かれていません",
    ))
}

/// The kinds of request the procedure must cover, each with the phrasings that name it
/// (compared without spaces and 「の」). A kind is covered when any of its alternatives is, and
/// an alternative when all of its words are there.
pub const REQUEST_KINDS: &[(&str, &[&[&str]])] = &[
    (
        "利用目的の通知",
        &[
            &["利用目的通知"],
            &["利用目的を通知"],
            &["利用目的について通知"],
        ],
    ),
    ("開示", &[&["開示"]]),
    (
        "訂正・追加・削除",
        &[&["訂正等"], &["訂正", "追加", "削除"]],
    ),
    ("利用停止・消去", &[&["利用停止等"], &["利用停止", "消去"]]),
    (
        "第三者提供の停止",
        &[
            &["第三者提供停止"],
            &["第三者へ提供停止"],
            &["第三者提供を停止"],
            &["第三者へ提供を停止"],
        ],
    ),
    (
        "第三者提供記録の開示",
        &[&["第三者提供記録"], &["提供に係る記録"], &["提供係る記録"]],
    ),
];

/// The statutory umbrella terms that name every kind (法第37条第1項の「開示等の請求等」).
const EVERY_KIND: &[&str] = &["開示等の請求等", "利用目的の通知の求め又は開示等の請求"];

/// The kinds of request `text` does not name; since `second_amendment`, the disclosure of
/// records of third-party provision is one of them.
pub fn missing_request_kinds(text: &str, second_amendment: bool) -> Vec<&'static str> {
    let t = normalise(text);
    if has_any(&t, EVERY_KIND) {
        return Vec::new();
    }
    REQUEST_KINDS
        .iter()
        .filter(|(kind, _)| second_amendment || *kind != "第三者提供記録の開示")
        .filter(|(_, alternatives)| {
            !alternatives
                .iter()
                .any(|words| words.iter().all(|w| t.contains(&normalise(w))))
        })
        .map(|(kind, _)| *kind)
        .collect()
}

pub(super) fn request_kinds_shape(s: &Statement<'_>, ctx: &Ctx<'_>) -> Shape {
    let missing =
        missing_request_kinds(&format!("{}\n{}", s.label, s.text), ctx.since("2022-04-01"));
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join("、");
    Err(Msg {
        en: format!("{list} not named"),
        ja: Some(format!("{list}が書かれていません")),
    })
}

pub(super) fn fee_states(s: &Statement<'_>, ctx: &Ctx<'_>) -> bool {
    s.covers.contains(&"fee")
        || (!matches!(s.kind, StatementKind::Title) && label(s).contains("手数料"))
        || (request_states(s, ctx) && s.text.contains("手数料"))
}

pub(super) fn fee_shape(s: &Statement<'_>, _: &Ctx<'_>) -> Shape {
    if has_amount(&s.text) {
        Ok(())
    } else {
        Err(msg(
            "it names a fee but not its amount (e.g. 1件につき300円, or 無料)",
            "手数料の額（例: 1件につき300円、又は無料）が書かれていません",
        ))
    }
}
