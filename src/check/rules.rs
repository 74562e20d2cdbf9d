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
use Severity::{Error, Note, Warning};

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
    // The notice (kind = "notice"): APPI Article 32(1), Cabinet Order Article 10. Each item is
    // looked for where a notice states things (headings, labels, fields, blocks, covers), and
    // its statement must have the item's shape (src/check/statutory/items.rs).
    "appi/business-name-missing", Error, Statute, "法第32条第1項第1号",
        "the notice does not state the business's name",
        "個人情報取扱事業者の氏名又は名称が記載されていません",
        "add an `organization` block with the business's name (as in site.toml's [organization])",
        "事業者の名称（site.toml の [organization] と同じもの）を書いた `organization` ブロックを追加してください";
    "appi/business-address-missing", Error, Statute, "法第32条第1項第1号",
        "the notice does not state the business's own address",
        "個人情報取扱事業者の住所が記載されていません",
        "give `address` in the `organization` block or in a `contact` block of the business itself (a third party's address does not count)",
        "`organization` ブロック、又は事業者自身の `contact` ブロックに `address` を書いてください（第三者の住所は該当しません）";
    "appi/representative-missing", Error, Statute, "法第32条第1項第1号（令和2年改正法、2022年4月1日施行）",
        "the notice does not name the representative of the corporation or body (代表者又は管理人の氏名)",
        "法人（又は代表者・管理人の定めのある団体）の代表者の氏名が記載されていません",
        "add `representative = { title = \"理事長\", name = \"…\" }` to the `organization` block (required of versions in force from 2022-04-01, by the 2020 amendment, 令和2年法律第44号)",
        "`organization` ブロックに `representative = { title = \"理事長\", name = \"…\" }` を追加してください（令和2年改正法（令和2年法律第44号）により、2022年4月1日以降に施行する版に必要です）";
    "appi/placeholder", Error, Statute, "法第32条第1項第1号、法第27条第5項第3号ほか（文書の種類による）",
        "a placeholder stands where the law requires a real name or address",
        "法律上記載が必要な氏名・名称・住所の箇所が仮の文字のままです",
        "write the real value; a placeholder such as 「（氏名）」, 「○○」, 「未定」 or a name marked 「見本」 or 「架空」 does not make the item known",
        "実際の値を書いてください。（氏名）・○○・未定や、見本・架空と記した氏名では公表したことになりません";
    "appi/sample-name", Warning, Declaration, "site.toml sample = true",
        "a placeholder or a name marked as fictitious stands in a site declared a sample",
        "見本として宣言されたサイトに、仮の文字又は架空と記した氏名があります",
        "a sample may show it (every page says 見本); a real notice names the real person: remove `sample = true` and write the name",
        "見本のサイトでは表示できます（すべてのページに「見本」と表示されます）。実際の公表事項では実名を書き、`sample = true` を外してください";
    "appi/purposes-missing", Error, Statute, "法第32条第1項第2号",
        "the notice does not state the purposes of use (利用目的)",
        "すべての保有個人データの利用目的が記載されていません",
        "add a block with `type = \"purposes\"` (rows by category, or items), or a section headed 利用目的",
        "`type = \"purposes\"` のブロック、又は「利用目的」の見出しの節を追加してください";
    "appi/purposes-on-request", Warning, Statute, "法第21条第1項、法第32条第1項第2号",
        "the purposes are answered on request: that makes them known for Article 32, but Article 21(1) wants them published (or notified) when the data is obtained",
        "利用目的を求めに応じて回答するとしています。法第32条の公表にはなりますが、法第21条第1項は取得の際の公表（又は通知）を求めています",
        "publish the purposes (a `purposes` block), or make sure each person is notified of them when the data is obtained",
        "利用目的を公表する（`purposes` ブロック）か、取得の際に本人へ通知していることを確認してください";
    "appi/request-procedure-missing", Error, Statute, "法第32条第1項第3号、法第37条、令第12条",
        "the notice does not state the procedure for requests (開示等の請求等に応じる手続) with where to send them (申出先)",
        "開示等の請求等に応じる手続（申出先を含む）が記載されていません",
        "in a section headed 開示等の請求, say where a request goes: a `contact` block, or 申出先：窓口 with its address, phone or e-mail",
        "「開示等の請求」の見出しの節に申出先を記載してください（`contact` ブロック、又は「申出先：窓口名」とその住所・電話・メール）";
    "appi/request-kinds-missing", Error, Statute, "法第32条第1項第3号（法第32条第2項、第33条第1項・第5項、第34条第1項、第35条第1項・第3項・第5項、第37条第1項）",
        "the procedure does not cover every kind of request",
        "開示等の請求等の種類が一部記載されていません",
        "name each: the request (求め) for notification of the purpose of use; requests (請求) for disclosure, correction/addition/deletion, suspension of use/erasure, suspension of third-party provision, disclosure of records of third-party provision — or the statutory 「利用目的の通知の求め又は開示等の請求」",
        "利用目的の通知の求め、開示・訂正等（訂正・追加・削除）・利用停止等（利用停止・消去）・第三者提供の停止・第三者提供記録の開示の請求をそれぞれ記載するか、「利用目的の通知の求め又は開示等の請求」と記載してください";
    "appi/fee-missing", Error, Statute, "法第32条第1項第3号、法第38条第2項",
        "site.toml declares that a fee is charged, but the notice does not state its amount (手数料の額)",
        "手数料を徴収すると宣言されていますが、手数料の額が記載されていません",
        "state the fee, e.g. 「手数料：1件につき1,000円」 (under a heading or label 手数料, or in the procedure)",
        "手数料の額を記載してください（例：「手数料：1件につき1,000円」。見出し・項目名「手数料」の下、又は手続の中に）";
    "appi/measures-missing", Error, CabinetOrder, "法第32条第1項第4号、令第10条第1号",
        "the notice does not state the safety-management measures (安全管理措置)",
        "安全管理のために講じた措置が記載されていません",
        "add a block with `type = \"measures\"`, or say in a section with on_request = [\"measures\"] that they are answered without delay on request",
        "`type = \"measures\"` のブロックを追加するか、本人の求めに応じ遅滞なく回答する旨を on_request = [\"measures\"] の節に記載してください";
    "appi/measures-category-missing", Note, Guideline, "ガイドライン（通則編）3-8-1 ※7、10（別添）",
        "the safety-management measures do not show all of the guidelines' example categories",
        "安全管理措置にガイドラインの例示する区分の一部が見当たりません",
        "not every example of the guidelines must be taken (通則編 3-8-1 ※7): the categories are 組織的, 人的, 物理的, 技術的 (and 外的環境の把握); measures whose disclosure would impede safety may be withheld ([appi] measures_withheld = \"理由\")",
        "ガイドラインの例示をすべて講じる必要はありません（通則編 3-8-1 ※7）。区分は組織的・人的・物理的・技術的（と外的環境の把握）です。公表により支障が生じるおそれのある措置は記載を要しません（[appi] measures_withheld = \"理由\"）";
    "appi/external-environment-missing", Error, CabinetOrder, "令第10条第1号、ガイドライン（通則編）3-8-1 ※8、10-7、Q&A 10-24・12-3",
        "personal data is handled in a foreign country (by the business, a contractor, a sub-contractor or a cloud server abroad), but the measures do not name the country and what is done (外的環境の把握)",
        "外国で個人データを取り扱う（委託先・再委託先・外国のクラウドサーバを含む）のに、外的環境の把握（国名と講じた措置）が記載されていません",
        "add a measures row 外的環境の把握 naming the country of each contractor, server or cloud provider (a foreign provider with servers in Japan counts) and the measures taken (PPC Q&A 10-24)",
        "外的環境の把握の行を追加し、委託先・サーバ・クラウド事業者の所在国（国内にサーバがある外国事業者を含む）と、講じた措置を記載してください（Q&A 10-24）";
    "appi/complaints-missing", Error, CabinetOrder, "法第32条第1項第4号、令第10条第2号",
        "the notice does not say where to make complaints (苦情の申出先) and how to reach it",
        "苦情の申出先と、その連絡方法が記載されていません",
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
        "say it in the title or a heading (「個人データの共同利用について」), before the joint use starts (あらかじめ)",
        "共同利用をする旨を、表題又は見出しで（「個人データの共同利用について」など）、共同利用を始める前に記載してください";
    "appi/joint-use-items-missing", Error, Statute, "法第27条第5項第3号",
        "the items of personal data used jointly are not stated",
        "共同して利用される個人データの項目が記載されていません",
        "list them under a label or heading 項目 (氏名、住所、…)",
        "項目名・見出し「共同して利用される個人データの項目」の下に、項目（氏名、住所、…）を記載してください";
    "appi/joint-use-scope-missing", Error, Statute, "法第27条第5項第3号",
        "the scope of the joint users is not stated",
        "共同して利用する者の範囲が記載されていません",
        "name the joint users under a label 共同して利用する者の範囲 or 共同利用者 (a list of names is a scope)",
        "項目名「共同して利用する者の範囲」又は「共同利用者」の下に、共同利用者を記載してください（名称の列挙で足ります）";
    "appi/joint-use-purposes-missing", Error, Statute, "法第27条第5項第3号",
        "the purposes of the joint users are not stated",
        "利用する者の利用目的が記載されていません",
        "state them under a label 利用目的",
        "項目名「利用目的」の下に、共同して利用する者の利用目的を記載してください";
    "appi/joint-use-manager-missing", Error, Statute, "法第27条第5項第3号、通則編 3-6-3",
        "the party responsible for managing the data is not stated as a joint user with its name, address and, for a 法人 or a 団体 with a representative, its representative",
        "管理について責任を有する者（共同利用者である事業者）の氏名又は名称・住所（法人等は代表者の氏名）が記載されていません",
        "under a label 管理について責任を有する者, name the joint user (not an officer such as 事務長) with its address and representative — in the text, its record, or an `organization` block of that name",
        "項目名「管理について責任を有する者」の下に、共同利用者である事業者（事務長などの役職者ではなく）の名称・住所・代表者の氏名を記載してください（同じ記録や同名の `organization` ブロックでも構いません）";
    "appi/joint-use-change", Warning, Guideline, "法第27条第6項、通則編 3-6-3",
        "the items of personal data or the joint users changed from the previous version: in principle this is not allowed without the person's consent",
        "共同して利用される個人データの項目又は共同利用者が前の版から変わっています。原則として本人の同意なく変更できません",
        "make sure the change is within what the person could expect (通則編 3-6-3), or obtain consent; changes of the purposes or the manager must be published before they take effect",
        "変更が本人の想定の範囲内か確認するか、同意を得てください（通則編 3-6-3）。利用目的・管理責任者の変更は、変更前に公表してください";
    // Anonymized information (kind = "anonymized"): Article 43(3), (4), (6).
    "appi/anonymized-items-missing", Error, Statute, "法第43条第3項、規則第36条",
        "the items of information in the anonymized data are not made public",
        "匿名加工情報に含まれる個人に関する情報の項目が公表されていません",
        "list the items (性別、年齢、…) under a label or heading 項目, without delay after creating the data",
        "匿名加工情報を作成した後遅滞なく、項目名・見出し「項目」の下に、項目（性別、年齢、…）を公表してください";
    "appi/anonymized-method-missing", Error, Statute, "法第43条第4項、規則第37条",
        "anonymized data is provided to third parties ([appi] provision = true), but the method of provision is not made public",
        "匿名加工情報を第三者に提供するのに、提供の方法が公表されていません",
        "before each provision, state under a label 提供の方法 how it is provided (e.g. 暗号化した電子媒体を郵送)",
        "第三者提供の前に、項目名「提供の方法」の下に、提供の方法（例：暗号化した電子媒体を郵送）を公表してください";
    "appi/anonymized-measures-missing", Warning, Statute, "法第43条第6項（努力義務）",
        "the safety measures for the anonymized data are not made public",
        "匿名加工情報の安全管理措置等の内容が公表されていません",
        "publish the measures taken under a label 安全管理措置 (a best-effort duty)",
        "講じた措置の内容を、項目名「安全管理措置」の下に公表するよう努めてください（努力義務）";
    // Pseudonymized information (kind = "pseudonymized"): Article 41(4), (6), 42(2).
    "appi/pseudonymized-purposes-missing", Error, Statute, "法第41条第4項（第21条第1項の読替え）",
        "the purposes of use of the pseudonymized data are not made public",
        "仮名加工情報の利用目的が公表されていません",
        "state them under a label or heading 利用目的",
        "項目名・見出し「利用目的」の下に、仮名加工情報の利用目的を公表してください";
    "appi/on-request-not-public", Error, Statute, "法第27条第5項第3号、法第41条第4項・第6項、法第43条",
        "answering on request does not make this item known: the law wants it published (公表) or easy to know (容易に知り得る状態)",
        "求めに応じた回答では、この事項を公表したことになりません（公表又は本人が容易に知り得る状態が必要です）",
        "state the item on the page, and remove it from on_request",
        "この事項をページに記載し、on_request から外してください";
    // Opt-out provision to third parties (kind = "opt-out"): Article 27(2), Rules Article 11.
    "appi/opt-out-provider-missing", Error, Statute, "法第27条第2項第1号（令和2年改正法）",
        "the provider's name, address and representative are not stated",
        "第三者に提供する事業者の名称・住所・代表者の氏名が記載されていません",
        "add an `organization` block with name, address and representative",
        "名称・住所・代表者の氏名を記載した `organization` ブロックを追加してください";
    "appi/opt-out-purpose-missing", Error, Statute, "法第27条第2項第2号",
        "it is not stated that provision to third parties is a purpose of use",
        "第三者への提供を利用目的とすることが記載されていません",
        "state it under a label 利用目的",
        "項目名「利用目的」の下に記載してください";
    "appi/opt-out-items-missing", Error, Statute, "法第27条第2項第3号",
        "the items of the personal data provided are not stated",
        "第三者に提供される個人データの項目が記載されていません",
        "list them under a label 項目",
        "項目名「項目」の下に記載してください";
    "appi/opt-out-acquisition-missing", Error, Statute, "法第27条第2項第4号",
        "how the personal data was obtained is not stated",
        "第三者に提供される個人データの取得の方法が記載されていません",
        "state it under a label 取得の方法",
        "項目名「取得の方法」の下に記載してください";
    "appi/opt-out-method-missing", Error, Statute, "法第27条第2項第5号",
        "the method of provision is not stated",
        "第三者への提供の方法が記載されていません",
        "state it under a label 提供の方法",
        "項目名「提供の方法」の下に記載してください";
    "appi/opt-out-stop-missing", Error, Statute, "法第27条第2項第6号",
        "it is not stated that provision stops at the person's request",
        "本人の求めに応じて第三者への提供を停止することが記載されていません",
        "state it under a label 提供の停止",
        "項目名「提供の停止」の下に記載してください";
    "appi/opt-out-request-method-missing", Error, Statute, "法第27条第2項第7号",
        "how the person's request is received is not stated",
        "本人の求めを受け付ける方法が記載されていません",
        "state it under a label 求めを受け付ける方法",
        "項目名「求めを受け付ける方法」の下に記載してください";
    "appi/opt-out-update-method-missing", Error, Statute, "法第27条第2項第8号、規則第11条第4項第1号",
        "how the personal data provided is updated is not stated",
        "第三者に提供される個人データの更新の方法が記載されていません",
        "state it under a label 更新の方法",
        "項目名「更新の方法」の下に記載してください";
    "appi/opt-out-start-date-missing", Error, Statute, "法第27条第2項第8号、規則第11条第4項第2号",
        "the planned start of provision is not stated",
        "第三者への提供を開始する予定日が記載されていません",
        "state it under a label 提供を開始する予定日",
        "項目名「提供を開始する予定日」の下に記載してください";
    "appi/opt-out-sensitive", Error, Statute, "法第27条第2項ただし書",
        "opt-out provision is barred for special care-required personal information (要配慮個人情報), which this business holds ([appi] sensitive = true)",
        "要配慮個人情報はオプトアウトにより第三者に提供できません（[appi] sensitive = true）",
        "provide only data that holds no 要配慮個人情報 by opt-out, or obtain consent; a health insurance society's medical data may never be provided this way",
        "要配慮個人情報を含まない個人データに限るか、本人の同意を得てください。健康保険組合の医療情報はこの方法で提供できません";
    "appi/opt-out-sensitive-undeclared", Warning, Declaration, "法第27条第2項ただし書",
        "site.toml does not say whether the business holds special care-required personal information (要配慮個人情報), which opt-out may never provide",
        "要配慮個人情報を取り扱うか（オプトアウトでは提供できません）が site.toml に宣言されていません",
        "declare [appi] sensitive = true or false",
        "[appi] sensitive = true 又は false を記載してください";
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
    "content/mixed-width-digits", Note, Lint, "lint",
        "this number is written with full-width digits or hyphens: it is shown and dialled half-width",
        "この番号は全角の数字やハイフンで書かれています。ページでは半角で表示します",
        "nothing to do; to show it as written in the file, write it half-width, e.g. 022-235-5896",
        "直す必要はありません。ファイルの書き方をページと同じにするなら半角で書いてください（例：022-235-5896）";
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
    "content/invisible-character", Error, Lint, "lint",
        "an invisible character, pasted from Word or a web page, is in this text",
        "この文字列に、Word やウェブページから貼り付けた見えない文字があります",
        "delete it (a no-break space: replace it with a normal space); it would make the text differ from what it shows, and versions differ where nothing changed",
        "削除してください（改行しないスペースは普通のスペースに置き換えます）。見た目が同じでも文字が異なり、版の比較で変更のない所が変更として表示されます";
    "content/phone-hyphens", Warning, Lint, "lint",
        "a phone number is written with hyphens",
        "電話番号はハイフンを入れて書きます",
        "write it with hyphens where the area code ends, e.g. 022-235-5896",
        "市外局番の区切りにハイフンを入れて書いてください（例：022-235-5896）";
    "content/duplicate-marker", Warning, Lint, "lint",
        "this item starts with the marker the list already prints",
        "この項目の先頭に、箇条書きが付ける番号・記号と同じものが書かれています",
        "remove the marker from the text: the list numbers its items itself (change `marker` or `start` to number differently)",
        "本文から番号・記号を削除してください（番号の形式は `marker`・`start` で変えられます）";
    "content/placeholder", Error, Lint, "lint",
        "a placeholder is still in a text shown on the page",
        "ページに表示される文字に、仮の文字が残っています",
        "write the real text (a placeholder such as 「（記入してください）」, 「○○」 or 「未定」 must not be published)",
        "実際の内容を書いてください（（記入してください）・○○・未定などの仮の文字は公開できません）";
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
        // kohyo's own lint cites no provision.
        let (help, help_ja) = if self.article == "lint" {
            (self.hint.to_owned(), self.hint_ja.to_owned())
        } else {
            (
                format!("{} ({})", self.hint, self.article),
                format!("{}（{}）", self.hint_ja, self.article),
            )
        };
        d.rule(self.id).help(help).ja(message_ja, Some(help_ja))
    }

    /// A diagnostic of this rule at a span of a file, with `detail` after the rule's message.
    pub fn at(&self, source: &Arc<SourceFile>, span: Range<usize>, detail: &str) -> Diagnostic {
        self.tagged(
            Diagnostic::at(source, span, self.message_with(detail)),
            detail,
        )
    }

    /// A diagnostic of this rule at a span of a file, with a detail in both languages after the
    /// rule's message.
    pub fn at_detail(
        &self,
        source: &Arc<SourceFile>,
        span: Range<usize>,
        detail: &crate::i18n::Msg,
    ) -> Diagnostic {
        let ja = detail.ja.clone().unwrap_or_else(|| detail.en.clone());
        let mut d = self.at(source, span, &detail.en);
        if !ja.is_empty() {
            d.message_ja = Some(format!("{}: {ja}", self.message_ja));
        }
        d
    }

    /// A diagnostic of this rule about a whole file, with a detail in both languages.
    pub fn in_file_detail(&self, path: &std::path::Path, detail: &crate::i18n::Msg) -> Diagnostic {
        let ja = detail.ja.clone().unwrap_or_else(|| detail.en.clone());
        let mut d = self.in_file(path, &detail.en);
        d.message_ja = Some(format!("{}: {ja}", self.message_ja));
        d
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
            Note => "note",
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
