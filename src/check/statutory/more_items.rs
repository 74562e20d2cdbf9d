//! The items of the documents beside the notice: joint use (法第27条第5項第3号), anonymized
//! information (法第43条), pseudonymized information (法第41条) and the opt-out provision to
//! third parties (法第27条第2項, 規則第11条).

use super::Ctx;
use super::items::is_organisation;
use super::items::{ItemDoc, ItemRule, OnRequest, Shape, msg, said};
use super::items::{labelled, listed_shape, method_shape};
use super::statements::{Statement, StatementKind};
use super::words::{has_address, has_any, names_only_an_officer, names_representative, normalise};
use crate::blocks::Block;
use crate::model::DocumentKind;

fn always(_: &Ctx<'_>) -> bool {
    true
}

fn covers(s: &Statement<'_>, item: &str) -> bool {
    s.covers.contains(&item)
}

// --- joint use: 法第27条第5項第3号 ---------------------------------------------------------

fn fact_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "joint-use-fact")
        || (!matches!(s.kind, StatementKind::Block(_))
            && has_any(
                &normalise(&s.label),
                &["共同利用", "共同して利用", "共同で利用"],
            ))
}

fn fact_shape(_: &Statement<'_>, _: &Ctx<'_>) -> Shape {
    Ok(())
}

fn items_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "joint-use-items")
        || labelled(
            s,
            &["項目", "個人データ", "共同利用する情報", "利用する情報"],
            &["目的", "範囲", "責任", "管理", "について", "利用者"],
        )
}

fn scope_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "joint-use-scope")
        || labelled(
            s,
            &[
                "範囲",
                "共同利用者",
                "共同して利用する者",
                "共同利用する者",
                "利用する者",
                "共同利用先",
            ],
            &["目的", "項目", "責任", "管理"],
        )
}

fn purposes_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "joint-use-purposes")
        || labelled(s, &["利用目的", "目的"], &["項目"])
        || matches!(s.kind, StatementKind::Block(Block::Purposes(_)))
}

fn manager_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "joint-use-manager")
        || labelled(
            s,
            &["責任を有する者", "管理責任者", "責任者", "管理について"],
            &[],
        )
}

/// Whether `text` refers to the publisher itself (当組合, or its name).
fn is_publisher(text: &str, ctx: &Ctx<'_>) -> bool {
    let t = normalise(text);
    let org = normalise(ctx.org_name);
    (!org.is_empty() && t.contains(&org))
        || has_any(
            &t,
            &[
                "当組合",
                "当社",
                "当会",
                "当法人",
                "当機構",
                "当院",
                "当協会",
            ],
        )
}

/// The manager of joint use is a joint user — an organisation or a person, not an officer
/// inside one — stated with its own name, address and, for a 法人 or a 団体 with a
/// representative, its representative; wherever those are written (the statement itself,
/// the fields of its record, an organization block of that name).
fn manager_shape(s: &Statement<'_>, ctx: &Ctx<'_>) -> Shape {
    said(s, ctx)?;
    if names_only_an_officer(&s.text) {
        return Err(msg(
            "it names an officer inside an organisation (事務長, 取扱責任者), but the manager is one of the joint users: name the organisation",
            "組織内の役職者（事務長・取扱責任者など）が書かれていますが、管理について責任を有する者は共同利用者である事業者です。事業者の名称を書いてください",
        ));
    }
    let publisher = is_publisher(&s.text, ctx);
    let around = ctx.around(s, publisher);
    if !(has_address(&s.text) || around.iter().any(|t| has_address(t))) {
        return Err(msg(
            "the manager's address is not stated (in the statement, its record, or an organization block of that name)",
            "管理について責任を有する者の住所が書かれていません（この記載、同じ記録、又は同じ名称の organization ブロックに書いてください）",
        ));
    }
    let body = is_organisation(&s.text) || (publisher && ctx.facts.corporation != Some(false));
    let represented =
        names_representative(&s.text) || around.iter().any(|t| names_representative(t));
    if body && !represented {
        return Err(msg(
            "the manager is a 法人 or a 団体, but its representative's name is not stated",
            "管理について責任を有する者が法人（又は代表者の定めのある団体）ですが、その代表者の氏名が書かれていません",
        ));
    }
    Ok(())
}

const fn joint(
    item: &'static str,
    rule: &'static str,
    states: fn(&Statement<'_>, &Ctx<'_>) -> bool,
    shape: fn(&Statement<'_>, &Ctx<'_>) -> Shape,
    hint: &'static [&'static str],
    doc: ItemDoc,
) -> ItemRule {
    ItemRule {
        kind: DocumentKind::JointUse,
        item,
        rule,
        article: "法第27条第5項第3号",
        since: None,
        required: always,
        states,
        shape,
        on_request: OnRequest::Never,
        hint,
        doc,
    }
}

/// The items of joint use.
pub const JOINT_USE: &[ItemRule] = &[
    joint(
        "joint-use-fact",
        "appi/joint-use-fact-missing",
        fact_states,
        fact_shape,
        &["共同利用", "共同して利用"],
        ItemDoc {
            place: "the title, a heading or a label 共同利用",
            shape: "that the data is used jointly",
            passes: "the title 「個人データの共同利用について」",
            fails: "a document that never says it is joint use",
        },
    ),
    joint(
        "joint-use-items",
        "appi/joint-use-items-missing",
        items_states,
        said,
        &["項目"],
        ItemDoc {
            place: "a label or heading 項目 (共同して利用される個人データの項目)",
            shape: "the items, not a referral",
            passes: "`共同利用する個人データ：氏名、生年月日、健診結果`",
            fails: "`項目：お問い合わせください`",
        },
    ),
    joint(
        "joint-use-scope",
        "appi/joint-use-scope-missing",
        scope_states,
        said,
        &["範囲", "共同利用者"],
        ItemDoc {
            place: "a label 共同して利用する者の範囲, 共同利用者 (a list of names is a scope: 範囲 is not needed)",
            shape: "who the joint users are",
            passes: "`共同利用者：例示健康保険組合、株式会社例示健診`",
            fails: "the joint users named only in running text",
        },
    ),
    joint(
        "joint-use-purposes",
        "appi/joint-use-purposes-missing",
        purposes_states,
        said,
        &["目的"],
        ItemDoc {
            place: "a label 利用目的, 利用する者の利用目的",
            shape: "the purposes, not a referral",
            passes: "`利用目的：特定健康診査の実施`",
            fails: "`利用目的：法令に定めるとおり`",
        },
    ),
    joint(
        "joint-use-manager",
        "appi/joint-use-manager-missing",
        manager_states,
        manager_shape,
        &["責任を有する者", "管理責任者"],
        ItemDoc {
            place: "a label 管理について責任を有する者, 管理責任者 (its address and representative may stand in its record or an organization block of that name)",
            shape: "a joint user (not an officer such as 事務長) with its name, address and, for a 法人 or 団体, its representative",
            passes: "`管理責任者：例示健康保険組合（東京都千代田区千代田1-1、理事長 山田 太郎）`",
            fails: "`管理責任者：事務長`",
        },
    ),
];

// --- anonymized information: 法第43条第3項・第4項・第6項 ----------------------------------

fn anonymized_items_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "anonymized-items") || labelled(s, &["項目"], &[])
}

fn anonymized_method_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "anonymized-method") || labelled(s, &["方法"], &["取得", "加工"])
}

fn anonymized_measures_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "anonymized-measures") || labelled(s, &["安全管理", "措置", "苦情"], &[])
}

/// The items of anonymized information.
pub const ANONYMIZED: &[ItemRule] = &[
    ItemRule {
        kind: DocumentKind::Anonymized,
        item: "anonymized-items",
        rule: "appi/anonymized-items-missing",
        article: "法第43条第3項、規則第36条",
        since: None,
        required: always,
        states: anonymized_items_states,
        shape: listed_shape,
        on_request: OnRequest::Never,
        hint: &["項目"],
        doc: ItemDoc {
            place: "a label or heading 項目",
            shape: "the items actually listed, not a restatement of the law",
            passes: "`含まれる情報の項目：性別、生年（5歳刻み）、受診月`",
            fails: "`項目：個人に関する情報の項目を公表します`",
        },
    },
    ItemRule {
        kind: DocumentKind::Anonymized,
        item: "anonymized-method",
        rule: "appi/anonymized-method-missing",
        article: "法第43条第4項、規則第37条",
        since: None,
        required: |ctx| ctx.facts.provision == Some(true),
        states: anonymized_method_states,
        shape: method_shape,
        on_request: OnRequest::Never,
        hint: &["提供の方法", "提供方法"],
        doc: ItemDoc {
            place: "a label or heading 提供の方法",
            shape: "how it is provided (a medium, a transfer), not 「お問い合わせください」 or a restatement of the law",
            passes: "`提供の方法：暗号化した電子媒体を書留郵便で送付`",
            fails: "`提供の方法：法第43条第4項に基づき公表します`",
        },
    },
    ItemRule {
        kind: DocumentKind::Anonymized,
        item: "anonymized-measures",
        rule: "appi/anonymized-measures-missing",
        article: "法第43条第6項（努力義務）",
        since: None,
        required: always,
        states: anonymized_measures_states,
        shape: said,
        on_request: OnRequest::Never,
        hint: &["安全管理", "措置"],
        doc: ItemDoc {
            place: "a label or heading 安全管理措置, 苦情の処理",
            shape: "the measures taken (a best-effort duty: a warning)",
            passes: "`安全管理措置：加工方法等情報を分離して保管…`",
            fails: "no such statement",
        },
    },
];

// --- pseudonymized information: 法第41条第4項・第6項, 第42条第2項 --------------------------

fn pseudonymized_purposes_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "pseudonymized-purposes")
        || (!matches!(s.kind, StatementKind::Title | StatementKind::Block(_))
            && super::notice_items::names_purposes(&normalise(&s.label)))
        || matches!(s.kind, StatementKind::Block(Block::Purposes(_)))
}

/// The items of pseudonymized information (with `joint_use`, joint use's too, to be 公表).
pub const PSEUDONYMIZED: &[ItemRule] = &[ItemRule {
    kind: DocumentKind::Pseudonymized,
    item: "pseudonymized-purposes",
    rule: "appi/pseudonymized-purposes-missing",
    article: "法第41条第4項（第21条第1項の読替え）",
    since: Some("2022-04-01"),
    required: always,
    states: pseudonymized_purposes_states,
    shape: said,
    on_request: OnRequest::Never,
    hint: &["利用目的"],
    doc: ItemDoc {
        place: "a `purposes` block; a label or heading 利用目的",
        shape: "the purposes, not a referral",
        passes: "`仮名加工情報の利用目的：医療費の傾向の分析`",
        fails: "`利用目的：法令の範囲内で利用します`",
    },
}];

// --- opt-out provision to third parties: 法第27条第2項, 規則第11条 -------------------------

const fn opt(
    item: &'static str,
    rule: &'static str,
    article: &'static str,
    states: fn(&Statement<'_>, &Ctx<'_>) -> bool,
    doc: ItemDoc,
) -> ItemRule {
    ItemRule {
        kind: DocumentKind::OptOut,
        item,
        rule,
        article,
        since: None,
        required: always,
        states,
        shape: said,
        on_request: OnRequest::Never,
        hint: &[],
        doc,
    }
}

fn provider_states(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
    covers(s, "opt-out-provider")
        || matches!(s.kind, StatementKind::Block(Block::Organization(o)) if o.address.is_some())
}

fn provider_shape(s: &Statement<'_>, ctx: &Ctx<'_>) -> Shape {
    let StatementKind::Block(Block::Organization(o)) = s.kind else {
        return said(s, ctx);
    };
    if !o.address.as_deref().is_some_and(has_address) {
        return Err(msg(
            "the provider's address is not stated",
            "提供者の住所が書かれていません",
        ));
    }
    let named = o
        .representative
        .as_ref()
        .is_some_and(|p| super::words::is_person_name(&p.name));
    if ctx.facts.corporation == Some(true) && !named {
        return Err(msg(
            "the provider is a 法人 (or a 団体 with a representative), but its representative's name is not stated",
            "提供者が法人（又は代表者の定めのある団体）ですが、代表者の氏名が書かれていません",
        ));
    }
    Ok(())
}

macro_rules! opt_states {
    ($name:ident, $item:literal, [$($w:literal),*], [$($n:literal),*]) => {
        fn $name(s: &Statement<'_>, _: &Ctx<'_>) -> bool {
            covers(s, $item) || labelled(s, &[$($w),*], &[$($n),*])
        }
    };
}

opt_states!(
    opt_purpose,
    "opt-out-purpose",
    ["利用目的", "目的"],
    ["項目"]
);
opt_states!(opt_items, "opt-out-items", ["項目"], []);
opt_states!(opt_acquisition, "opt-out-acquisition", ["取得"], []);
opt_states!(
    opt_method,
    "opt-out-method",
    ["提供の方法", "提供方法"],
    ["取得", "受け付", "受付", "更新"]
);
opt_states!(opt_stop, "opt-out-stop", ["停止"], []);
opt_states!(
    opt_request,
    "opt-out-request-method",
    [
        "受け付ける方法",
        "受付方法",
        "受付の方法",
        "求めの方法",
        "申出の方法",
        "申出方法"
    ],
    []
);
opt_states!(opt_update, "opt-out-update-method", ["更新"], []);
opt_states!(opt_start, "opt-out-start-date", ["開始", "予定日"], []);

/// The items of the opt-out provision (法第27条第2項第1号〜第8号, 規則第11条第4項).
pub static OPT_OUT: &[ItemRule] = &[
    ItemRule {
        kind: DocumentKind::OptOut,
        item: "opt-out-provider",
        rule: "appi/opt-out-provider-missing",
        article: "法第27条第2項第1号",
        since: Some("2022-04-01"),
        required: always,
        states: provider_states,
        shape: provider_shape,
        on_request: OnRequest::Never,
        hint: &[],
        doc: ItemDoc {
            place: "an `organization` block with the address",
            shape: "name, address and, for a 法人 or a 団体 with a representative, the representative",
            passes: "an organization block with address and representative",
            fails: "the name alone",
        },
    },
    ItemRule {
        kind: DocumentKind::OptOut,
        item: "opt-out-purpose",
        rule: "appi/opt-out-purpose-missing",
        article: "法第27条第2項第2号",
        since: None,
        required: always,
        states: opt_purpose,
        shape: |s, ctx| {
            said(s, ctx)?;
            if has_any(&normalise(&s.text), &["第三者", "提供"]) {
                Ok(())
            } else {
                Err(msg(
                    "it does not say that provision to third parties is a purpose",
                    "第三者への提供を利用目的とすることが書かれていません",
                ))
            }
        },
        on_request: OnRequest::Never,
        hint: &[],
        doc: ItemDoc {
            place: "a label 利用目的",
            shape: "that provision to third parties is a purpose",
            passes: "`利用目的：名簿を第三者に提供すること`",
            fails: "`利用目的：会員の管理`",
        },
    },
    opt(
        "opt-out-items",
        "appi/opt-out-items-missing",
        "法第27条第2項第3号",
        opt_items,
        ItemDoc {
            place: "a label 項目",
            shape: "the items of the data provided",
            passes: "`提供する個人データの項目：氏名、住所`",
            fails: "none",
        },
    ),
    opt(
        "opt-out-acquisition",
        "appi/opt-out-acquisition-missing",
        "法第27条第2項第4号",
        opt_acquisition,
        ItemDoc {
            place: "a label 取得の方法",
            shape: "how the data was obtained",
            passes: "`取得の方法：公刊物からの収集`",
            fails: "none",
        },
    ),
    opt(
        "opt-out-method",
        "appi/opt-out-method-missing",
        "法第27条第2項第5号",
        opt_method,
        ItemDoc {
            place: "a label 提供の方法",
            shape: "how the data is provided",
            passes: "`提供の方法：書面の送付`",
            fails: "none",
        },
    ),
    opt(
        "opt-out-stop",
        "appi/opt-out-stop-missing",
        "法第27条第2項第6号",
        opt_stop,
        ItemDoc {
            place: "a label 停止",
            shape: "that provision stops at the person's request",
            passes: "`提供の停止：本人の求めに応じて提供を停止します`",
            fails: "none",
        },
    ),
    opt(
        "opt-out-request-method",
        "appi/opt-out-request-method-missing",
        "法第27条第2項第7号",
        opt_request,
        ItemDoc {
            place: "a label 求めを受け付ける方法",
            shape: "how the request is received",
            passes: "`求めを受け付ける方法：電話又は郵送`",
            fails: "none",
        },
    ),
    opt(
        "opt-out-update-method",
        "appi/opt-out-update-method-missing",
        "法第27条第2項第8号、規則第11条第4項第1号",
        opt_update,
        ItemDoc {
            place: "a label 更新の方法",
            shape: "how the data is updated",
            passes: "`更新の方法：毎年4月に名簿を更新`",
            fails: "none",
        },
    ),
    opt(
        "opt-out-start-date",
        "appi/opt-out-start-date-missing",
        "法第27条第2項第8号、規則第11条第4項第2号",
        opt_start,
        ItemDoc {
            place: "a label 提供を開始する予定日",
            shape: "the planned start of provision",
            passes: "`提供開始予定日：2027年4月1日`",
            fails: "none",
        },
    ),
];
