//! The key meant by a key written in Japanese, and the plural names of tables.

/// Japanese names staff give to the keys of a notice, and the key each means.
const JAPANESE_KEYS: &[(&[&str], &str)] = &[
    (&["電話", "電話番号", "ＴＥＬ", "TEL", "Tel"], "phone"),
    (&["ファクス", "ファックス", "FAX", "ＦＡＸ", "Fax"], "fax"),
    (
        &["メール", "メールアドレス", "Eメール", "電子メール"],
        "email",
    ),
    (&["住所", "所在地"], "address"),
    (&["郵便番号", "〒"], "postal_code"),
    (&["名称", "名前", "氏名", "事業者名"], "name"),
    (&["部署", "担当", "担当部署", "窓口"], "department"),
    (&["受付時間", "受付", "時間"], "hours"),
    (&["ホームページ", "URL", "ＵＲＬ"], "url"),
    (&["見出し", "表題"], "heading"),
    (&["番号"], "number"),
    (&["本文", "文章", "内容"], "text"),
    (&["概要", "要約", "改定内容", "改定の概要"], "summary"),
    (&["施行日", "日付", "改定日"], "effective"),
    (&["題名", "タイトル"], "title"),
    (&["区分", "類型", "分類"], "category"),
    (&["利用目的", "目的"], "purposes"),
    (&["種類", "種別", "型"], "type"),
    (&["代表者"], "representative"),
    (&["備考", "注記"], "note"),
];

/// The key meant by `name` written in Japanese (`電話` → `phone`), if it is a known name.
pub fn meant(name: &str) -> Option<&'static str> {
    let name = name.trim();
    JAPANESE_KEYS
        .iter()
        .find(|(names, _)| names.contains(&name))
        .map(|(_, key)| *key)
}

/// The tables of a notice that are written in the plural, by their singular.
const PLURALS: &[(&str, &str)] = &[
    ("section", "sections"),
    ("block", "blocks"),
    ("row", "rows"),
    ("record", "records"),
    ("item", "items"),
    ("field", "fields"),
    ("officer", "officers"),
    ("attachment", "attachments"),
];

/// A table header with a singular name made plural (`[[section]]` → `[[sections]]`), if it has
/// one.
pub fn plural_header(header: &str) -> Option<String> {
    let inner = header.trim().trim_start_matches('[').trim_end_matches(']');
    let mut changed = false;
    let parts: Vec<String> = inner
        .split('.')
        .map(|part| {
            let p = part.trim();
            match PLURALS.iter().find(|(one, _)| *one == p) {
                Some((_, many)) => {
                    changed = true;
                    (*many).to_owned()
                }
                None => p.to_owned(),
            }
        })
        .collect();
    let brackets = if header.trim_start().starts_with("[[") {
        2
    } else {
        1
    };
    changed.then(|| {
        format!(
            "{}{}{}",
            "[".repeat(brackets),
            parts.join("."),
            "]".repeat(brackets)
        )
    })
}
