//! The items of the notice: APPI Article 32(1) and Cabinet Order Article 10 — the business's
//! name, address and representative, the purposes, the procedure for requests (where to send
//! them, every kind, the fee), the safety-management measures (and where data is handled
//! abroad), where to complain, the accredited organisation.

use super::Ctx;
use super::items::{
    ItemDoc, ItemRule, OnRequest, Shape, always, block_of, label, msg, names_the_business, said,
};
use super::requests::{fee_shape, fee_states, request_kinds_shape, request_shape, request_states};
use super::statements::{Statement, StatementKind};
use super::words::{
    has_address, has_any, has_reach, is_person_name, names_country, names_representative, normalise,
};
use crate::blocks::{Block, ContactRole};
use crate::i18n::Msg;
use crate::model::DocumentKind;

fn business_name_states(s: &Statement<'_>, ctx: &Ctx<'_>) -> bool {
    match (s.kind, block_of(s)) {
        (_, Some(Block::Organization(_))) => true,
        (_, Some(Block::Contact(c))) => {
            c.role != ContactRole::Accredited && names_the_business(&c.name, ctx)
        }
        (StatementKind::Title, _) => names_the_business(&s.text, ctx),
        (StatementKind::Labelled, _) => has_any(
            &label(s),
            &["名称", "事業者名", "法人名", "組合名", "会社名", "団体名"],
        ),
        _ => s.covers.contains(&"business-name"),
    }
}

fn business_name_shape(s: &Statement<'_>, ctx: &Ctx<'_>) -> Shape {
    let name = match block_of(s) {
        Some(Block::Organization(o)) => o.name.clone(),
        Some(Block::Contact(c)) => c.name.clone(),
        _ => s.text.clone(),
    };
    if names_the_business(&name, ctx) {
        return Ok(());
    }
    Err(Msg {
        en: format!(
            "it names `{}`, but the business is `{}` (site.toml's [organization] name)",
            name.trim(),
            ctx.org_name
        ),
        ja: Some(format!(
            "`{}` と書かれていますが、事業者は `{}` です（site.toml の [organization] name）",
            name.trim(),
            ctx.org_name
        )),
    })
}

fn business_address_states(s: &Statement<'_>, ctx: &Ctx<'_>) -> bool {
    match block_of(s) {
        Some(Block::Organization(o)) => o.address.is_some() && names_the_business(&o.name, ctx),
        Some(Block::Contact(c)) => {
            c.address.is_some()
                && c.role != ContactRole::Accredited
                && names_the_business(&c.name, ctx)
        }
        _ => {
            s.covers.contains(&"business-address")
                || (matches!(s.kind, StatementKind::Labelled)
                    && has_any(&label(s), &["住所", "所在地"]))
        }
    }
}

fn business_address_shape(s: &Statement<'_>, _: &Ctx<'_>) -> Shape {
    let address = match block_of(s) {
        Some(Block::Organization(o)) => {
            format!(
                "{} {}",
                o.postal_code.as_deref().unwrap_or(""),
                o.address.as_deref().unwrap_or("")
            )
        }
        Some(Block::Contact(c)) => {
            format!(
                "{} {}",
                c.postal_code.as_deref().unwrap_or(""),
                c.address.as_deref().unwrap_or("")
            )
        }
        _ => s.text.clone(),
    };
    if has_address(&address) {
        Ok(())
    } else {
        Err(Msg {
            en: format!(
                "`{}` is not an address (a prefecture, a city with its numbers, or 〒)",
                address.trim()
            ),
            ja: Some(format!(
                "`{}` は住所の形になっていません（都道府県、市区町村と番地、又は〒）",
                address.trim()
            )),
        })
    }
}

fn representative_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    match block_of(s) {
        Some(Block::Organization(o)) => o.representative.is_some(),
        _ => {
            s.covers.contains(&"representative")
                || (matches!(s.kind, StatementKind::Labelled)
                    && has_any(&label(s), super::words::REPRESENTATIVE_TITLES)
                    && !has_any(&label(s), &["電話", "FAX", "メール"]))
        }
    }
}

fn representative_shape(s: &Statement<'_>, _: &Ctx<'_>) -> Shape {
    let named = match block_of(s) {
        Some(Block::Organization(o)) => o
            .representative
            .as_ref()
            .is_some_and(|p| is_person_name(&p.name)),
        _ => is_person_name(&s.text) || names_representative(&s.text),
    };
    if named {
        Ok(())
    } else {
        Err(msg(
            "it gives a title but no name",
            "役職は書かれていますが、氏名がありません",
        ))
    }
}

/// Whether a label names the purposes of use (「利用目的」「利用する目的」「使用目的」), not a
/// request about them (「利用目的の通知」) or another kind's purposes.
pub(super) fn names_purposes(l: &str) -> bool {
    l.contains("目的")
        && has_any(l, &["利用", "使用", "取扱", "取り扱"])
        && !has_any(l, &["通知", "請求", "求め", "共同", "第三者", "提供"])
}

fn purposes_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    match block_of(s) {
        Some(Block::Purposes(_)) => true,
        _ => {
            s.covers.contains(&"purposes")
                || (!matches!(s.kind, StatementKind::Title) && names_purposes(&label(s)))
        }
    }
}

fn purposes_shape(s: &Statement<'_>, ctx: &Ctx<'_>) -> Shape {
    if let Some(Block::Purposes(p)) = block_of(s) {
        return if p.rows.is_empty() && p.items.is_empty() {
            Err(msg(
                "the table has no purposes",
                "利用目的の表に利用目的がありません",
            ))
        } else {
            Ok(())
        };
    }
    said(s, ctx)
}

fn measures_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    match block_of(s) {
        Some(Block::Measures(_)) => true,
        _ => {
            s.covers.contains(&"measures")
                || (matches!(s.kind, StatementKind::Section(_) | StatementKind::Labelled)
                    && has_any(
                        &label(s),
                        &["安全管理措置", "安全管理のために講じた措置", "安全管理"],
                    ))
        }
    }
}

/// The measures themselves: a `measures` block, or more than a sentence saying that measures
/// are taken (「措置を講じています」 states nothing).
fn measures_shape(s: &Statement<'_>, ctx: &Ctx<'_>) -> Shape {
    if let Some(Block::Measures(m)) = block_of(s) {
        return if m.rows.is_empty() {
            Err(msg(
                "the table has no measures",
                "安全管理措置の表に措置がありません",
            ))
        } else {
            Ok(())
        };
    }
    said(s, ctx)?;
    if normalise(&s.text).chars().count() < 20 {
        return Err(msg(
            "it says that measures are taken, not which",
            "措置を講じている旨だけで、どのような措置かが書かれていません",
        ));
    }
    Ok(())
}

fn external_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    s.covers.contains(&"external-environment")
        || (!matches!(s.kind, StatementKind::Title | StatementKind::Block(_))
            && has_any(&label(s), &["外的環境", "外国"]))
}

fn external_shape(s: &Statement<'_>, _: &Ctx<'_>) -> Shape {
    if names_country(&format!("{}{}", s.label, s.text)) {
        Ok(())
    } else {
        Err(msg(
            "it does not name the country where the data is handled (the contractor's, the server's or the cloud provider's)",
            "個人データを取り扱う国（委託先・サーバ・クラウド事業者の所在国）が書かれていません",
        ))
    }
}

fn complaints_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    match block_of(s) {
        Some(Block::Contact(c)) => c.role == ContactRole::Complaints,
        _ => {
            let l = label(s);
            s.covers.contains(&"complaints")
                || (matches!(s.kind, StatementKind::Section(_) | StatementKind::Labelled)
                    && (l.contains("苦情")
                        || (has_any(&l, &["問い合わせ", "問合せ", "お問合わせ", "相談"])
                            && has_any(&l, &["窓口", "先"]))))
        }
    }
}

/// A way to reach the place: a contact of its own (an accredited organisation's counts only
/// for itself), or an address, phone number, e-mail address or form in its text.
fn reachable(s: &Statement<'_>, _: &Ctx<'_>) -> Shape {
    let by_block = s.blocks.iter().any(
        |b| matches!(b, Block::Contact(c) if c.reach().any() && c.role != ContactRole::Accredited),
    );
    let own_text = if s.blocks.is_empty() {
        s.text.clone()
    } else {
        s.blocks
            .iter()
            .filter(|b| !matches!(b, Block::Contact(_)))
            .map(|b| b.text())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let own_contact = matches!(block_of(s), Some(Block::Contact(c)) if c.reach().any());
    if by_block || own_contact || has_reach(&own_text) {
        Ok(())
    } else {
        Err(msg(
            "it gives no way to reach it: an address, a phone number, an e-mail address or a web form",
            "連絡の方法（住所・電話・メール・受付フォームのいずれか）が書かれていません",
        ))
    }
}

fn accredited_required(ctx: &Ctx<'_>) -> bool {
    ctx.facts.accredited == Some(true)
}

fn accredited_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    match block_of(s) {
        Some(Block::Contact(c)) => c.role == ContactRole::Accredited,
        _ => {
            s.covers.contains(&"accredited")
                || (!matches!(s.kind, StatementKind::Title)
                    && has_any(&label(s), &["認定個人情報保護団体", "認定団体"]))
        }
    }
}

fn accredited_shape(s: &Statement<'_>, ctx: &Ctx<'_>) -> Shape {
    if let Some(Block::Contact(c)) = block_of(s)
        && (c.name.trim().is_empty() || !c.reach().any())
    {
        return Err(msg(
            "the organisation's name and a way to reach it are both needed",
            "団体の名称と連絡先の両方が必要です",
        ));
    }
    reachable(s, ctx)
}

/// The items of the notice (法第32条第1項, 令第10条).
pub(super) const NOTICE: &[ItemRule] = &[
    ItemRule {
        kind: DocumentKind::Notice,
        item: "business-name",
        rule: "appi/business-name-missing",
        article: "法第32条第1項第1号",
        since: None,
        required: always,
        states: business_name_states,
        shape: business_name_shape,
        on_request: OnRequest::Counts,
        hint: &[],
        doc: ItemDoc {
            place: "an `organization` block, a `contact` of the business, a label 名称, the title",
            shape: "the name of site.toml's `[organization]`",
            passes: "`type = \"organization\"`, `name = \"例示健康保険組合\"`",
            fails: "an organization block naming another body",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "business-address",
        rule: "appi/business-address-missing",
        article: "法第32条第1項第1号",
        since: None,
        required: always,
        states: business_address_states,
        shape: business_address_shape,
        on_request: OnRequest::Counts,
        hint: &["住所", "所在地"],
        doc: ItemDoc {
            place: "`address` of the `organization` block or of the business's own `contact`; a label 住所, 所在地",
            shape: "an address: a prefecture, a city with its numbers, or 〒",
            passes: "`住所：東京都千代田区千代田1-1`",
            fails: "an accredited organisation's address only; `住所：本部`",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "representative",
        rule: "appi/representative-missing",
        article: "法第32条第1項第1号",
        since: Some("2022-04-01"),
        required: |ctx| ctx.facts.corporation == Some(true),
        states: representative_states,
        shape: representative_shape,
        on_request: OnRequest::Counts,
        hint: &["代表者", "理事長", "代表取締役"],
        doc: ItemDoc {
            place: "`representative` of the `organization` block; a label 代表者, 理事長, 代表取締役, 管理人",
            shape: "a person's name, not a title alone",
            passes: "`代表者：理事長 山田 太郎`",
            fails: "`代表者：理事長`",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "purposes",
        rule: "appi/purposes-missing",
        article: "法第32条第1項第2号",
        since: None,
        required: always,
        states: purposes_states,
        shape: purposes_shape,
        on_request: OnRequest::CountsWithWarning,
        hint: &["利用目的"],
        doc: ItemDoc {
            place: "a `purposes` block; a heading or label 利用目的",
            shape: "the purposes themselves, not a referral",
            passes: "a section 「利用目的」 listing 保険給付の審査・支払 …",
            fails: "`利用目的：お問い合わせください`",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "request-procedure",
        rule: "appi/request-procedure-missing",
        article: "法第32条第1項第3号、令第12条",
        since: None,
        required: always,
        states: request_states,
        shape: request_shape,
        on_request: OnRequest::Counts,
        hint: &["開示", "請求", "求め"],
        doc: ItemDoc {
            place: "a heading or label about 開示等の請求 (手続, 求め)",
            shape: "where to send a request (申出先): a contact inside it, or a desk with its address, phone or e-mail",
            passes: "「開示等の請求の手続」 with `申出先：総務課（電話 03-1234-5678）`",
            fails: "「当組合の要領に基づき対応します。詳しくはホームページをご覧ください。」",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "request-kinds",
        rule: "appi/request-kinds-missing",
        article: "法第32条第1項第3号（法第32条第2項、第33条第1項・第5項、第34条第1項、第35条第1項・第3項・第5項）",
        since: None,
        required: always,
        states: request_states,
        shape: request_kinds_shape,
        on_request: OnRequest::Counts,
        hint: &[],
        doc: ItemDoc {
            place: "the statement of the procedure",
            shape: "every kind named: 利用目的の通知の求め, 開示, 訂正等, 利用停止等, 第三者提供の停止, 第三者提供記録の開示 (since 2022-04-01) — or the statutory 「開示等の請求等」",
            passes: "「利用目的の通知の求め又は開示等の請求に応じます」",
            fails: "「開示及び訂正の請求に応じます」",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "fee",
        rule: "appi/fee-missing",
        article: "法第32条第1項第3号、法第38条第2項",
        since: None,
        required: |ctx| ctx.facts.fees == Some(true),
        states: fee_states,
        shape: fee_shape,
        on_request: OnRequest::Counts,
        hint: &["手数料"],
        doc: ItemDoc {
            place: "a heading or label 手数料; the procedure's text",
            shape: "an amount (…円) or that none is charged",
            passes: "`手数料：1枚につき10円`",
            fails: "`手数料：実費をいただきます`",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "measures",
        rule: "appi/measures-missing",
        article: "法第32条第1項第4号、令第10条第1号",
        since: Some("2022-04-01"),
        required: always,
        states: measures_states,
        shape: measures_shape,
        on_request: OnRequest::Counts,
        hint: &["安全管理", "措置"],
        doc: ItemDoc {
            place: "a `measures` block; a heading or label 安全管理措置",
            shape: "the measures, not a referral",
            passes: "a `measures` block",
            fails: "「安全管理措置についてはお問い合わせください」 without on_request",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "external-environment",
        rule: "appi/external-environment-missing",
        article: "令第10条第1号、ガイドライン（通則編）10-7",
        since: Some("2022-04-01"),
        required: |ctx| ctx.facts.foreign == Some(true),
        states: external_states,
        shape: external_shape,
        on_request: OnRequest::Counts,
        hint: &["外国", "外的環境"],
        doc: ItemDoc {
            place: "a measures row or a label 外的環境の把握, 外国",
            shape: "the country of each contractor, server or cloud provider (a foreign provider with servers in Japan counts)",
            passes: "`外的環境の把握：米国の事業者のクラウドサービス（サーバは日本国内）…`",
            fails: "`外的環境の把握：外国の制度を把握しています`",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "complaints",
        rule: "appi/complaints-missing",
        article: "法第32条第1項第4号、令第10条第2号",
        since: None,
        required: always,
        states: complaints_states,
        shape: reachable,
        on_request: OnRequest::Counts,
        hint: &["苦情"],
        doc: ItemDoc {
            place: "a `contact` with `role = \"complaints\"`; a heading or label 苦情, 相談窓口, お問い合わせ先",
            shape: "a way to reach it: an address, a phone number, an e-mail address or a web form",
            passes: "「苦情の申出先」 with `メール：soudan@example.jp`",
            fails: "「苦情は総務課で受け付けます」",
        },
    },
    ItemRule {
        kind: DocumentKind::Notice,
        item: "accredited",
        rule: "appi/accredited-missing",
        article: "法第32条第1項第4号、令第10条第3号",
        since: None,
        required: accredited_required,
        states: accredited_states,
        shape: accredited_shape,
        on_request: OnRequest::Counts,
        hint: &["認定個人情報保護団体"],
        doc: ItemDoc {
            place: "a `contact` with `role = \"accredited\"`; a label 認定個人情報保護団体",
            shape: "its name and where to complain to it",
            passes: "`type = \"contact\"`, `role = \"accredited\"`, name and phone",
            fails: "the organisation's name without a way to reach it",
        },
    },
];
