#!/usr/bin/env python3
"""Writes tests/mistakes/<case>/site/ (site.toml + content/versions/2024-04-01/notice.toml)
for each staff typing mistake, from one base notice. Each case changes the base by one edit
(or several for the combined case)."""
import os, shutil
ROOT=os.path.dirname(os.path.abspath(__file__))
BASE=open(os.path.join(ROOT,'base.toml'),encoding='utf-8').read()
SITE='''title = "個人情報保護法に基づく公表事項"
base_url = "https://example.or.jp/kojin-joho/"

[appi]
corporation = false
accredited = false
fees = false
foreign = false

[organization]
name = "例示健康保険組合"
'''
def rep(a,b,n=1):
    def f(t):
        assert a in t, a
        return t.replace(a,b,n)
    return f
def seq(*fs):
    def f(t):
        for g in fs: t=g(t)
        return t
    return f
PHONE='phone = "03-1234-5678"'
CASES = {
 # §2: the commonest mistakes
 'unquoted-text': rep('summary = "初版"','summary = 初版'),
 'unquoted-heading': rep('heading = "苦情の申出先"','heading = 苦情の申出先'),
 'enter-inside-quotes': rep('の請求に応じます。申出先は','の請求に応じます。\n申出先は'),
 'full-width-space-after-value': rep(PHONE, PHONE+'\u3000'),
 'full-width-space-before-comment': rep(PHONE, PHONE+'\u3000# 代表'),
 'full-width-hash-comment': rep(PHONE, PHONE+' ＃ 代表'),
 'full-width-table-brackets': rep('[[sections]]\nnumber = "2."','［［sections］］\nnumber = "2."'),
 'full-width-braces': rep('[[sections.blocks.rows]]\ncategory = "資格に関する情報"\npurposes = ["加入者の管理", "保険料の徴収"]','rows = [｛ category = "資格に関する情報", purposes = ["加入者の管理", "保険料の徴収"] ｝]'),
 'kagikakko-instead-of-quotes': rep('heading = "苦情の申出先"','heading = 「苦情の申出先」'),
 'full-width-colon-and-quotes': rep(PHONE,'phone："03-1234-5678"'),
 'colon-instead-of-equals': rep(PHONE,'phone: "03-1234-5678"'),
 'full-width-equals': rep(PHONE,'phone ＝ "03-1234-5678"'),
 'full-width-double-quotes': rep(PHONE,'phone = ”03-1234-5678”'),
 'japanese-key': rep(PHONE,'電話 = "03-1234-5678"'),
 'japanese-key-address': rep('address = "東京都千代田区千代田1-1"','住所 = "東京都千代田区千代田1-1"'),
 'touten-between-list-items': rep('purposes = ["加入者の管理", "保険料の徴収"]','purposes = ["加入者の管理"、"保険料の徴収"]'),
 'duplicate-key': rep(PHONE, PHONE+'\nphone = "03-1234-0000"'),
 'empty-list-then-tables': rep('type = "purposes"\n','type = "purposes"\nrows = []\n'),
 'date-one-digit-day': rep('effective = 2024-04-01','effective = 2024-04-1'),
 'date-slashes': rep('effective = 2024-04-01','effective = 2024/04/01'),
 'date-impossible-day': rep('effective = 2024-04-01','effective = 2024-02-30'),
 'date-full-width-digits': rep('effective = 2024-04-01','effective = ２０２４－０４－０１'),
 'date-reiwa': rep('effective = 2024-04-01','effective = 令和6年4月1日'),
 'date-with-time': rep('effective = 2024-04-01','effective = 2024-04-01 09:00'),
 'block-type-typo': rep('type = "measures"','type = "measure"'),
 'section-singular': rep('[[sections]]\nnumber = "3."','[[section]]\nnumber = "3."'),
 'key-under-the-wrong-block': rep('category = "資格に関する情報"\n','category = "資格に関する情報"\nphone = "03-1234-5678"\n'),
 'string-where-a-list-is-expected': rep('purposes = ["加入者の管理", "保険料の徴収"]','purposes = "加入者の管理"'),
 'misspelt-key': rep('summary = "初版"','sumary = "初版"'),
 'placeholder-left': rep('address = "東京都千代田区千代田1-1"','address = "（記入してください）"'),
 'several-mistakes-at-once': seq(rep('heading = "苦情の申出先"','heading = 苦情の申出先'), rep('summary = "初版"','sumary = "初版"'), rep('address = "東京都千代田区千代田1-1"','address = "（記入してください）"')),
 'two-syntax-errors': seq(rep('heading = "苦情の申出先"','heading = 苦情の申出先'), rep('heading = "安全管理措置"','heading = 安全管理措置')),
 # §3: what paste from Word and habit bring
 'no-break-space': rep('heading = "苦情の申出先"','heading = "苦情の\u00a0申出先"'),
 'zero-width-space': rep('"加入者の管理"','"加入者の\u200b管理"'),
 'soft-hyphen': rep('text = "責任者を置いています。"','text = "責任者を\u00ad置いています。"'),
 'byte-order-mark-inside': rep('heading = "安全管理措置"','heading = "安全\ufeff管理措置"'),
 'ideographic-space-at-the-ends': rep('heading = "苦情の申出先"','heading = "\u3000苦情の申出先\u3000"'),
 'phone-full-width': rep(PHONE,'phone = "０３－１２３４－５６７８"'),
 'phone-with-a-label': rep(PHONE,'phone = "03-1234-5678（代表）"'),
 'phone-with-an-extension': rep(PHONE,'phone = "03-1234-5678 内線 123"'),
 'phone-two-numbers': rep(PHONE,'phone = "03-1234-5678、03-1234-5679"'),
 'phone-without-hyphens': rep(PHONE,'phone = "0312345678"'),
}
if __name__=='__main__':
    for name,f in CASES.items():
        d=os.path.join(ROOT,name)
        if os.path.exists(os.path.join(d,'site')): shutil.rmtree(os.path.join(d,'site'))
        os.makedirs(os.path.join(d,'site','content','versions','2024-04-01'),exist_ok=True)
        open(os.path.join(d,'site','site.toml'),'w').write(SITE)
        open(os.path.join(d,'site','content','versions','2024-04-01','notice.toml'),'w',encoding='utf-8').write(f(BASE))
    print(len(CASES))
