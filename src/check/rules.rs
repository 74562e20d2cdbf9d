//! Every rule of `kohyo check`, as data: id, severity, the provision it comes from and on what
//! basis (the Act, the Cabinet Order, the PPC's guidelines and Q&A, or kohyo's own lint), and
//! what is wrong and how to fix it in English and Japanese. docs/check.md's table of rules is
//! generated from this table (a test keeps them equal).

use std::ops::Range;
use std::sync::Arc;

use crate::error::{Diagnostic, Severity, SourceFile};

/// What a rule rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The Act on the Protection of Personal Information (個人情報保護法).
    Statute,
    /// The Cabinet Order to enforce it (施行令).
    CabinetOrder,
    /// The Personal Information Protection Commission's guidelines or Q&A: a warning.
    Guideline,
    /// What the business declares in site.toml.
    Declaration,
    /// kohyo's content lint.
    Lint,
    /// The links of the built site.
    Links,
}

impl Basis {
    fn name(self) -> &'static str {
        match self {
            Basis::Statute => "statute",
            Basis::CabinetOrder => "Cabinet Order",
            Basis::Guideline => "guideline",
            Basis::Declaration => "declaration",
            Basis::Lint => "lint",
            Basis::Links => "links",
        }
    }
}

/// One rule of `kohyo check`.
#[derive(Debug)]
pub struct Rule {
    /// The id, e.g. `appi/representative-missing`.
    pub id: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The provision, as cited in Japan: `法第32条第1項第1号`.
    pub article: &'static str,
    /// What the rule rests on.
    pub basis: Basis,
    /// What is wrong.
    pub message: &'static str,
    /// What is wrong, in Japanese.
    pub message_ja: &'static str,
    /// How to fix it.
    pub hint: &'static str,
    /// How to fix it, in Japanese.
    pub hint_ja: &'static str,
}

use Basis::{CabinetOrder, Declaration, Guideline, Links, Lint, Statute};
use Severity::{Error, Warning};

macro_rules! rules {
    ($( $id:literal, $sev:ident, $basis:ident, $article:literal,
        $msg:literal, $msg_ja:literal, $hint:literal, $hint_ja:literal; )*) => {
        /// Every rule of `kohyo check`.
        pub const RULES: &[Rule] = &[$(Rule {
            id: $id,
            severity: $sev,
            basis: $basis,
            article: $article,
            message: $msg,
            message_ja: $msg_ja,
            hint: $hint,
            hint_ja: $hint_ja,
        }),*];
    };
}

rules! {
    // The notice (kind = "notice"): APPI Article 32(1), Cabinet Order Article 10.
    "appi/business-name-missing", Error, Statute, "法第32条第1項第1号",
        "the notice does not state the business's name",
        "個人情報取扱事業者の氏名又は名称が記載されていません",
        "add an `organization` block, or a `contact` block with the business's own name",
        "`organization` ブロック、又は事業者自身の名称を書いた `contact` ブロックを追加してください";
    "appi/business-address-missing", Error, Statute, "法第32条第1項第1号",
        "the notice does not state the business's own address",
        "個人情報取扱事業者の住所が記載されていません",
        "give `address` in the `organization` block or in a `contact` block of the business itself (a third party's address does not count)",
        "`organization` ブロック、又は事業者自身の `contact` ブロックに `address` を書いてください（第三者の住所は該当しません）";
    "appi/representative-missing", Error, Statute, "法第32条第1項第1号",
        "the notice does not name the representative of the corporation (代表者の氏名)",
        "法人の代表者の氏名が記載されていません",
        "add `representative = { title = \"理事長\", name = \"…\" }` to the `organization` block (required since the 2022 amendment)",
        "`organization` ブロックに `representative = { title = \"理事長\", name = \"…\" }` を追加してください（令和4年改正以降必要です）";
    "appi/placeholder", Error, Statute, "法第32条第1項",
        "a placeholder stands where the law requires a real name, address or phone number",
        "法律上記載が必要な氏名・住所・電話番号の箇所が仮の文字のままです",
        "write the real value; a placeholder such as （氏名）, ○○ or 未定 does not make the item known",
        "実際の値を書いてください。（氏名）・○○・未定などの仮の文字では公表したことになりません";
    "appi/purposes-missing", Error, Statute, "法第32条第1項第2号",
        "the notice does not state the purposes of use (利用目的)",
        "すべての保有個人データの利用目的が記載されていません",
        "add a block with `type = \"purposes\"` (rows by category, or items), or declare covers = [\"purposes\"] where they are",
        "`type = \"purposes\"` のブロックを追加するか、記載箇所に covers = [\"purposes\"] を付けてください";
    "appi/request-procedure-missing", Error, Statute, "法第32条第1項第3号",
        "the notice does not describe the procedure for requests (開示等の請求等に応じる手続)",
        "開示等の請求等に応じる手続が記載されていません",
        "describe how to request: notification of the purpose of use, disclosure, correction/addition/deletion, suspension of use/erasure, suspension of third-party provision, and disclosure of records of third-party provision",
        "利用目的の通知、開示、訂正・追加・削除、利用停止・消去、第三者提供の停止、第三者提供記録の開示の請求の手続を記載してください";
    "appi/request-kinds-missing", Error, Statute, "法第32条第1項第3号（法第32条第2項、第33条第1項・第5項、第34条第1項、第35条第1項・第3項・第5項）",
        "the procedure does not cover every kind of request",
        "開示等の請求等の種類が一部記載されていません",
        "name each kind: 利用目的の通知, 開示, 訂正・追加・削除, 利用停止・消去, 第三者提供の停止, 第三者提供記録の開示 (or declare covers = [\"request-kinds\"])",
        "利用目的の通知、開示、訂正・追加・削除、利用停止・消去、第三者提供の停止、第三者提供記録の開示をそれぞれ記載してください（又は covers = [\"request-kinds\"]）";
    "appi/fee-missing", Error, Statute, "法第32条第1項第3号、法第38条第2項",
        "site.toml declares that a fee is charged, but the notice does not state its amount (手数料の額)",
        "手数料を徴収すると宣言されていますが、手数料の額が記載されていません",
        "state the fee for notification of purpose and disclosure, e.g. 「1件につき1,000円」",
        "利用目的の通知・開示の手数料の額を記載してください（例：「1件につき1,000円」）";
    "appi/measures-missing", Error, CabinetOrder, "法第32条第1項第4号、令第10条第1号",
        "the notice does not state the safety-management measures (安全管理措置)",
        "安全管理のために講じた措置が記載されていません",
        "add a block with `type = \"measures\"`, or say in a section with on_request = [\"measures\"] that they are answered without delay on request",
        "`type = \"measures\"` のブロックを追加するか、本人の求めに応じ遅滞なく回答する旨を on_request = [\"measures\"] の節に記載してください";
    "appi/measures-category-missing", Warning, Guideline, "ガイドライン（通則編）10（別添）",
        "the safety-management measures do not show the guidelines' categories",
        "安全管理措置にガイドラインの区分が見当たりません",
        "the guidelines list 組織的, 人的, 物理的 and 技術的 measures (and e.g. 基本方針の策定, 個人データの取扱いに係る規律の整備); measures whose disclosure would impede safety may be withheld: declare [appi] measures_withheld = \"理由\"",
        "ガイドラインは組織的・人的・物理的・技術的安全管理措置（基本方針の策定、規律の整備等）を例示しています。公表により支障が生じるおそれのある措置は記載を要しません（[appi] measures_withheld = \"理由\"）";
    "appi/external-environment-missing", Error, CabinetOrder, "令第10条第1号、ガイドライン（通則編）10-7",
        "personal data is handled in a foreign country (by the business, a contractor, a sub-contractor or a cloud server abroad), but the measures do not state the understanding of the external environment (外的環境の把握)",
        "外国で個人データを取り扱う（委託先・再委託先・外国のクラウドサーバを含む）のに、外的環境の把握が記載されていません",
        "add a measures row 外的環境の把握 naming the country and its personal-information regime (PPC Q&A 10-24)",
        "外的環境の把握の行を追加し、国名と当該国の個人情報保護制度を把握した上で講じた措置を記載してください（Q&A 10-24）";
    "appi/complaints-missing", Error, CabinetOrder, "法第32条第1項第4号、令第10条第2号",
        "the notice does not say where to make complaints (苦情の申出先)",
        "苦情の申出先が記載されていません",
        "add a `contact` block with `role = \"complaints\"` and an address, phone, e-mail address or web form (url)",
        "`role = \"complaints\"` の `contact` ブロックに住所・電話・メール・受付フォーム（url）のいずれかを記載してください";
    "appi/accredited-missing", Error, CabinetOrder, "法第32条第1項第4号、令第10条第3号",
        "site.toml declares that the business is covered by an accredited organisation, but the notice does not name it and its complaint contact",
        "認定個人情報保護団体の対象事業者と宣言されていますが、その名称と苦情の申出先が記載されていません",
        "add a `contact` block with `role = \"accredited\"`, its name and how to reach it",
        "`role = \"accredited\"` の `contact` ブロックに団体の名称と連絡先を記載してください";
    "appi/declaration-missing", Warning, Declaration, "site.toml [appi]",
        "site.toml does not declare the facts the statutory checks depend on",
        "site.toml に法定記載事項の確認に必要な事実（[appi]）が宣言されていません",
        "add [appi] with corporation, accredited, fees and foreign set to true or false",
        "[appi] に corporation・accredited・fees・foreign を true か false で記載してください";
    // Joint use (kind = "joint-use"): Article 27(5)(iii), before joint use starts.
    "appi/joint-use-fact-missing", Error, Statute, "法第27条第5項第3号",
        "the document does not say that personal data is used jointly (共同利用をする旨)",
        "共同利用をする旨が記載されていません",
        "say that the data is used jointly, before the joint use starts (容易に知り得る状態; changes per Article 27(6))",
        "共同利用をする旨を、共同利用を始める前に本人が容易に知り得る状態に置いてください（変更は法第27条第6項）";
    "appi/joint-use-items-missing", Error, Statute, "法第27条第5項第3号",
        "the items of personal data used jointly are not stated",
        "共同して利用される個人データの項目が記載されていません",
        "list the items (氏名、住所、…), or declare covers = [\"joint-use-items\"] where they are",
        "個人データの項目を記載してください（又は covers = [\"joint-use-items\"]）";
    "appi/joint-use-scope-missing", Error, Statute, "法第27条第5項第3号",
        "the scope of the joint users is not stated",
        "共同して利用する者の範囲が記載されていません",
        "state who uses the data jointly (the scope of the joint users)",
        "共同して利用する者の範囲を記載してください";
    "appi/joint-use-purposes-missing", Error, Statute, "法第27条第5項第3号",
        "the purposes of the joint users are not stated",
        "利用する者の利用目的が記載されていません",
        "state the purposes for which the joint users use the data",
        "共同して利用する者の利用目的を記載してください";
    "appi/joint-use-manager-missing", Error, Statute, "法第27条第5項第3号",
        "the party responsible for managing the data is not named with its address (and, for a corporation, its representative)",
        "管理について責任を有する者の氏名又は名称・住所（法人は代表者の氏名）が記載されていません",
        "add an `organization` block (or covers = [\"joint-use-manager\"]) with the responsible party's name, address and representative",
        "管理責任者の名称・住所・代表者の氏名を `organization` ブロック等で記載してください（又は covers = [\"joint-use-manager\"]）";
    // Anonymized information (kind = "anonymized"): Article 43(3), (4), (6).
    "appi/anonymized-items-missing", Error, Statute, "法第43条第3項",
        "the items of information in the anonymized data are not made public",
        "匿名加工情報に含まれる個人に関する情報の項目が公表されていません",
        "list the items, without delay after creating the anonymized data",
        "匿名加工情報を作成した後遅滞なく、含まれる情報の項目を公表してください";
    "appi/anonymized-method-missing", Error, Statute, "法第43条第4項",
        "anonymized data is provided to third parties ([appi] provision = true), but the items and the method of provision are not made public",
        "匿名加工情報を第三者に提供するのに、提供する情報の項目と提供の方法が公表されていません",
        "before each provision, state the items provided and the method of provision",
        "第三者提供の前に、提供する情報の項目と提供の方法を公表してください";
    "appi/anonymized-measures-missing", Warning, Statute, "法第43条第6項（努力義務）",
        "the safety measures for the anonymized data are not made public",
        "匿名加工情報の安全管理措置等の内容が公表されていません",
        "publish the measures taken (a best-effort duty)",
        "講じた措置の内容を公表するよう努めてください（努力義務）";
    // Pseudonymized information (kind = "pseudonymized"): Article 41(4), (6).
    "appi/pseudonymized-purposes-missing", Error, Statute, "法第41条第4項（第21条第1項の読替え）",
        "the purposes of use of the pseudonymized data are not made public",
        "仮名加工情報の利用目的が公表されていません",
        "state the purposes of use of the pseudonymized information",
        "仮名加工情報の利用目的を公表してください";
    // Lint.
    "content/empty-cell", Warning, Lint, "lint",
        "this cell is empty",
        "このセルは空です",
        "write the text, or \"－\" if there is nothing to say",
        "内容を書くか、該当がなければ「－」と書いてください";
    "content/untrimmed", Warning, Lint, "lint",
        "this text starts or ends with spaces",
        "この文字列の前後に空白があります",
        "remove the spaces at the start and end",
        "前後の空白を削除してください";
    "content/mixed-width-digits", Warning, Lint, "lint",
        "this number mixes full-width and half-width characters",
        "この番号に全角と半角の文字が混在しています",
        "write digits and hyphens half-width, e.g. 022-235-5896",
        "数字とハイフンは半角で書いてください（例：022-235-5896）";
    "content/postal-code", Error, Lint, "lint",
        "this is not a postal code of the form NNN-NNNN",
        "郵便番号の形式（NNN-NNNN）ではありません",
        "write it as 984-0015",
        "984-0015 のように書いてください";
    "content/phone", Error, Lint, "lint",
        "this is not a Japanese phone number",
        "日本の電話番号ではありません",
        "write 10 digits starting with 0 (11 for mobile and 0800 numbers), with hyphens, e.g. 022-235-5896",
        "0から始まる10桁（携帯電話・0800は11桁）をハイフン付きで書いてください（例：022-235-5896）";
    "content/duplicate-marker", Warning, Lint, "lint",
        "this item starts with the marker the list already prints",
        "この項目の先頭に、箇条書きが付ける番号・記号と同じものが書かれています",
        "remove the marker from the text: the list numbers its items itself (change `marker` or `start` to number differently)",
        "本文から番号・記号を削除してください（番号の形式は `marker`・`start` で変えられます）";
    "content/empty-cover", Warning, Lint, "lint",
        "this element declares a statutory item (covers) but has no text",
        "法定記載事項を満たすと宣言された（covers）要素に内容がありません",
        "write the item's text, or remove the declaration",
        "内容を書くか、covers の宣言を削除してください";
    "content/date-backwards", Warning, Lint, "lint",
        "this draft takes effect on or before the current version, so it can never be published",
        "この草案の施行日が現行版以前のため、公開できません",
        "a new version takes effect after the current one: change its date (an urgent correction may come before a version scheduled for later)",
        "新しい版は現行版より後に施行されます。施行日を変更してください（施行予定の版より前の緊急の訂正は可能です）";
    "links/broken", Error, Links, "links",
        "this link goes nowhere",
        "このリンク先が存在しません",
        "fix the address or the anchor (#id) it points to",
        "リンク先のアドレス又はアンカー（#id）を修正してください";
}

/// The rule with `id`.
pub fn rule(id: &str) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.id == id)
        .expect("every rule id used in the code is in RULES")
}

impl Rule {
    fn message_with(&self, detail: &str) -> String {
        if detail.is_empty() {
            self.message.to_owned()
        } else {
            format!("{}: {detail}", self.message)
        }
    }

    fn tagged(&self, mut d: Diagnostic, detail: &str) -> Diagnostic {
        d.severity = self.severity;
        let message_ja = if detail.is_empty() {
            self.message_ja.to_owned()
        } else {
            format!("{}: {detail}", self.message_ja)
        };
        d.rule(self.id)
            .help(format!("{} ({})", self.hint, self.article))
            .ja(
                message_ja,
                Some(format!("{}（{}）", self.hint_ja, self.article)),
            )
    }

    /// A diagnostic of this rule at a span of a file, with `detail` after the rule's message.
    pub fn at(&self, source: &Arc<SourceFile>, span: Range<usize>, detail: &str) -> Diagnostic {
        self.tagged(
            Diagnostic::at(source, span, self.message_with(detail)),
            detail,
        )
    }

    /// A diagnostic of this rule about a whole file.
    pub fn in_file(&self, path: &std::path::Path, detail: &str) -> Diagnostic {
        self.tagged(Diagnostic::in_file(path, self.message_with(detail)), detail)
    }
}

/// The table of rules as docs/check.md shows it.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "| rule | severity | basis | provision | problem | fix | 問題 | 直し方 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for r in RULES {
        let severity = match r.severity {
            Error => "error",
            Warning => "warning",
        };
        out.push_str(&format!(
            "| `{}` | {severity} | {} | {} | {} | {} | {} | {} |\n",
            r.id,
            r.basis.name(),
            r.article,
            r.message,
            r.hint,
            r.message_ja,
            r.hint_ja
        ));
    }
    out
}
