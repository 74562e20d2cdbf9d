//! What a label names and what a statement's text holds, read as Japanese notices write them:
//! compared without spaces and 「の」, digits made half-width. Labels decide which item a
//! statement is about; the shapes (an address, an amount, a country, a way to reach someone,
//! a method rather than a referral) decide whether it states it.

use crate::values::number::ascii_digits;

/// Text compared without spaces and 「の」, with half-width digits.
pub fn normalise(s: &str) -> String {
    ascii_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != 'の' && *c != '\u{3000}')
        .collect()
}

/// Whether the normalised `text` holds any of `words` (normalised too).
pub fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(&normalise(w)))
}

/// The 47 prefectures, as addresses begin.
const PREFECTURES: &[&str] = &[
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// Whether `text` holds an address: a postal mark, a prefecture, or a city, ward, town or
/// village with a number (丁目, 番地, 1-2-3).
pub fn has_address(text: &str) -> bool {
    let t = normalise(text);
    t.contains('〒')
        || PREFECTURES.iter().any(|p| t.contains(p))
        || t.contains("丁目")
        || t.contains("番地")
        || (has_any(&t, &["市", "区", "町", "村", "郡"]) && t.chars().any(|c| c.is_ascii_digit()))
}

/// Whether `text` states an amount of money or that nothing is charged.
pub fn has_amount(text: &str) -> bool {
    let t = normalise(text).replace([',', '，'], "");
    let chars: Vec<char> = t.chars().collect();
    let priced = chars
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1] == '円')
        || has_any(&t, &["円（税込）", "円(税込)"]);
    priced
        || has_any(
            &t,
            &[
                "無料",
                "無償",
                "徴収しません",
                "徴収いたしません",
                "徴収しない",
                "いただきません",
                "頂きません",
                "かかりません",
                "不要です",
            ],
        )
}

/// Countries and regions whose personal-information regime a business may have to know.
const COUNTRIES: &[&str] = &[
    "米国",
    "アメリカ",
    "合衆国",
    "中国",
    "中華人民共和国",
    "韓国",
    "大韓民国",
    "台湾",
    "香港",
    "シンガポール",
    "インド",
    "ベトナム",
    "タイ",
    "フィリピン",
    "インドネシア",
    "マレーシア",
    "オーストラリア",
    "ニュージーランド",
    "カナダ",
    "メキシコ",
    "ブラジル",
    "英国",
    "イギリス",
    "アイルランド",
    "ドイツ",
    "フランス",
    "オランダ",
    "ベルギー",
    "スイス",
    "スウェーデン",
    "フィンランド",
    "デンマーク",
    "ノルウェー",
    "スペイン",
    "イタリア",
    "ポーランド",
    "ルーマニア",
    "ブルガリア",
    "チェコ",
    "エストニア",
    "イスラエル",
    "アラブ首長国連邦",
    "UAE",
    "ロシア",
    "ウクライナ",
    "南アフリカ",
    "EU",
    "欧州連合",
    "欧州経済領域",
    "EEA",
    "ミャンマー",
    "カンボジア",
    "バングラデシュ",
    "スリランカ",
    "ネパール",
    "パキスタン",
    "モンゴル",
    "ラオス",
    "チリ",
    "アルゼンチン",
    "ペルー",
    "コロンビア",
    "ケニア",
    "ナイジェリア",
    "エジプト",
    "トルコ",
    "サウジアラビア",
];

/// Whether `text` names a foreign country or region.
pub fn names_country(text: &str) -> bool {
    has_any(&normalise(text), COUNTRIES)
}

/// Whether `text` holds a way to reach someone: a phone number, an e-mail address, a web
/// address, a postal address or a form.
pub fn has_reach(text: &str) -> bool {
    let t = normalise(text);
    has_phone(&t)
        || t.contains('@')
        || t.contains('＠')
        || t.contains("http")
        || has_address(&t)
        || has_any(&t, &["フォーム", "電子メール", "メールアドレス"])
}

/// Whether normalised text holds a Japanese phone number (0 and 9 or 10 more digits, with
/// hyphens, parentheses or none).
fn has_phone(t: &str) -> bool {
    let mut digits = String::new();
    for c in t.chars().chain(std::iter::once(' ')) {
        match c {
            '0'..='9' => digits.push(c),
            '-' | '－' | '‐' | '(' | ')' | '（' | '）' | 'ー' if !digits.is_empty() => {}
            _ => {
                if digits.starts_with('0') && (10..=11).contains(&digits.len()) {
                    return true;
                }
                digits.clear();
            }
        }
    }
    false
}

/// Words that make a statement a referral or a restatement of the law, not the thing itself
/// (「お問い合わせください」「法第43条に基づき公表します」).
const REFERRALS: &[&str] = &[
    "問い合わせ",
    "問合せ",
    "問合わせ",
    "ご照会",
    "公表します",
    "公表いたします",
    "公表する",
    "公表しなければ",
    "しなければならない",
    "定めるところにより",
    "定めるところによる",
    "法第",
    "規則第",
    "ホームページをご覧",
    "ご確認ください",
    "別に定め",
    "別途",
];

/// Whether `text` only refers elsewhere or restates the law: short, and made of referral
/// words with nothing concrete beyond `concrete`.
pub fn is_referral(text: &str, concrete: &[&str]) -> bool {
    let t = normalise(text);
    t.is_empty() || (has_any(&t, REFERRALS) && !has_any(&t, concrete))
}

/// How data can be provided: what a stated method of provision holds.
pub const METHODS: &[&str] = &[
    "郵送",
    "送付",
    "媒体",
    "電子",
    "オンライン",
    "メール",
    "アップロード",
    "ダウンロード",
    "手渡",
    "交付",
    "ファイル",
    "システム",
    "CD",
    "DVD",
    "USB",
    "クラウド",
    "API",
    "閲覧",
    "回線",
    "ネットワーク",
    "暗号",
    "書面",
    "紙",
    "持参",
    "ウェブ",
    "Web",
    "サーバ",
    "SFTP",
];

/// Words that name an organisation: a manager of joint use is one, not an officer of it.
const ORGANISATIONS: &[&str] = &[
    "組合",
    "会社",
    "法人",
    "協会",
    "機構",
    "病院",
    "センター",
    "団体",
    "連合会",
    "学校",
    "大学",
    "市",
    "町",
    "村",
    "県",
    "府",
    "都",
    "庁",
    "省",
    "財団",
    "社団",
    "クリニック",
    "医院",
    "事務所",
    "研究所",
    "当社",
    "当会",
    "当組合",
    "当法人",
    "当機構",
    "当院",
    "協議会",
    "共済",
    "基金",
    "株式",
    "合同",
    "有限",
    "組織",
    "企業",
];

/// Titles of people inside an organisation.
const OFFICERS: &[&str] = &[
    "事務長",
    "事務局長",
    "取扱責任者",
    "保護管理者",
    "管理者",
    "部長",
    "課長",
    "室長",
    "係長",
    "担当者",
    "責任者",
    "センター長",
    "所長",
];

/// Whether `text` names an organisation.
pub fn names_organisation(text: &str) -> bool {
    has_any(&normalise(text), ORGANISATIONS)
}

/// Whether `text` names only an officer of an organisation (事務長, 取扱責任者), not an
/// organisation or a person of its own.
pub fn names_only_an_officer(text: &str) -> bool {
    let t = normalise(text);
    has_any(&t, OFFICERS) && !names_organisation(&t)
}

/// Titles of a representative, as written before a name.
pub const REPRESENTATIVE_TITLES: &[&str] = &[
    "代表者",
    "代表理事",
    "代表取締役",
    "理事長",
    "会長",
    "社長",
    "管理人",
    "代表",
    "組合長",
    "学長",
    "院長",
    "市長",
    "町長",
    "村長",
    "知事",
];

/// Whether `text` names a representative: a title followed by a name.
pub fn names_representative(text: &str) -> bool {
    let t = normalise(text);
    REPRESENTATIVE_TITLES.iter().any(|title| {
        t.split(title).skip(1).any(|after| {
            let after = after.trim_start_matches(['：', ':', '　', ' ', '（', '(']);
            let name: String = after
                .chars()
                .take_while(|c| !"、。,（()）\n".contains(*c))
                .collect();
            is_person_name(&name)
        })
    })
}

/// Whether `name` is a person's name rather than a title or nothing: two characters or more
/// that are not all of a title.
pub fn is_person_name(name: &str) -> bool {
    let n = normalise(name);
    let without_titles = REPRESENTATIVE_TITLES
        .iter()
        .fold(n.clone(), |s, t| s.replace(t, ""));
    without_titles.chars().count() >= 2 && !names_organisation(&without_titles)
}

/// Whether `text` lists things: several lines, or entries separated by 、・,.
pub fn lists_things(text: &str) -> bool {
    let t = text.trim();
    t.lines().filter(|l| !l.trim().is_empty()).count() > 1
        || t.contains(['、', '・', ',', '，', '／', '/'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_addresses_countries_and_reach() {
        for amount in [
            "1件につき300円",
            "１枚につき１０円",
            "3,000円（税込）",
            "手数料は無料です",
            "手数料は徴収しません",
        ] {
            assert!(has_amount(amount), "{amount}");
        }
        for no in ["手数料を定めます", "実費"] {
            assert!(!has_amount(no), "{no}");
        }
        for address in [
            "〒984-0015 宮城県仙台市若林区卸町2-9-5",
            "東京都千代田区千代田1-1",
            "仙台市青葉区一番町1丁目",
        ] {
            assert!(has_address(address), "{address}");
        }
        assert!(!has_address("当組合の事務所"));
        assert!(names_country(
            "米国の事業者が提供するクラウドサービス（サーバは日本国内）"
        ));
        assert!(!names_country("国内のサーバで保管しています"));
        assert!(has_reach("電話 022-235-5896"));
        assert!(has_reach("kojin@example.or.jp"));
        assert!(!has_reach("総務課"));
    }

    #[test]
    fn managers_officers_and_representatives() {
        assert!(names_only_an_officer("事務長"));
        assert!(names_only_an_officer("個人情報取扱責任者"));
        assert!(!names_only_an_officer(
            "例示健康保険組合 個人情報保護管理者"
        ));
        assert!(names_representative("理事長 山田 太郎"));
        assert!(names_representative("代表者：山田太郎"));
        assert!(!names_representative("理事長"));
        assert!(is_person_name("山田 太郎"));
        assert!(!is_person_name("理事長"));
    }

    #[test]
    fn referrals_are_not_statements() {
        assert!(is_referral("お問い合わせください。", METHODS));
        assert!(is_referral(
            "法第43条第4項に基づき、提供の方法を公表します。",
            METHODS
        ));
        assert!(!is_referral("暗号化した電子媒体を郵送します。", METHODS));
    }
}
