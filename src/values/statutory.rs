//! The statutory items a document can declare it states (`covers = [...]`), make known on
//! request (`on_request = [...]`) or publish on another page (`[appi] elsewhere`): their ids,
//! which every layer that reads a notice shares, and their names as a page shows them.

/// Every statutory item: its id (the rule id of `kohyo check` without `appi/` and
/// `-missing`, see docs/check.md) and its name in Japanese.
pub const ITEMS: &[(&str, &str)] = &[
    ("business-name", "事業者の氏名又は名称"),
    ("business-address", "事業者の住所"),
    ("representative", "代表者の氏名"),
    ("purposes", "保有個人データの利用目的"),
    ("request-procedure", "開示等の請求等に応じる手続"),
    ("request-kinds", "開示等の請求等の種類"),
    ("fee", "手数料の額"),
    ("measures", "安全管理のために講じた措置"),
    ("external-environment", "外的環境の把握"),
    ("complaints", "苦情の申出先"),
    (
        "accredited",
        "認定個人情報保護団体の名称及び苦情の解決の申出先",
    ),
    ("joint-use-fact", "共同利用をする旨"),
    ("joint-use-items", "共同して利用される個人データの項目"),
    ("joint-use-scope", "共同して利用する者の範囲"),
    ("joint-use-purposes", "利用する者の利用目的"),
    ("joint-use-manager", "管理について責任を有する者"),
    (
        "anonymized-items",
        "匿名加工情報に含まれる個人に関する情報の項目",
    ),
    ("anonymized-method", "匿名加工情報の提供の方法"),
    ("anonymized-measures", "匿名加工情報の安全管理措置等"),
    ("pseudonymized-purposes", "仮名加工情報の利用目的"),
    (
        "opt-out-provider",
        "第三者に提供する事業者の氏名又は名称・住所・代表者の氏名",
    ),
    ("opt-out-purpose", "第三者への提供を利用目的とすること"),
    ("opt-out-items", "第三者に提供される個人データの項目"),
    (
        "opt-out-acquisition",
        "第三者に提供される個人データの取得の方法",
    ),
    ("opt-out-method", "第三者への提供の方法"),
    ("opt-out-stop", "本人の求めに応じて提供を停止すること"),
    ("opt-out-request-method", "本人の求めを受け付ける方法"),
    (
        "opt-out-update-method",
        "第三者に提供される個人データの更新の方法",
    ),
    ("opt-out-start-date", "第三者への提供を開始する予定日"),
];

/// The ids `covers` and `on_request` accept.
pub fn is_item(id: &str) -> bool {
    ITEMS.iter().any(|(i, _)| *i == id)
}

/// The ids, joined for a message.
pub fn item_ids() -> String {
    ITEMS.iter().map(|(i, _)| *i).collect::<Vec<_>>().join(", ")
}

/// The Japanese name of an item, as a page shows it (the id itself for one kohyo does not
/// know).
pub fn name_of(id: &str) -> &str {
    ITEMS
        .iter()
        .find(|(i, _)| *i == id)
        .map_or(id, |(_, name)| name)
}
