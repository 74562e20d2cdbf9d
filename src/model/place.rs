//! Where a field is, as staff see it: the headings of the sections around it and the name of
//! the field in Japanese (「4. 苦情の申出先 › 苦情の申出先 › 電話番号」), next to the programmer's path
//! (`sections[3].blocks[0].phone`) that JSON output keeps.

use super::{Notice, Section};
use crate::blocks::Block;
use crate::values::path::Segment;
use crate::values::{FieldPath, Item};

/// The Japanese name of a field of the content files.
pub fn field_name(key: &str) -> &str {
    match key {
        "effective" => "施行日",
        "summary" => "改定の概要",
        "title" => "表題",
        "heading" => "見出し",
        "number" => "番号",
        "id" => "ID",
        "covers" => "対応する法定事項",
        "on_request" => "求めに応じて回答する事項",
        "text" => "本文",
        "file" => "ファイル名",
        "mark" => "記号",
        "marker" => "番号の形式",
        "start" => "開始番号",
        "items" => "項目",
        "body" => "説明",
        "rows" => "行",
        "category" => "類型",
        "purposes" => "利用目的",
        "category_label" => "類型の見出し",
        "purposes_label" => "利用目的の見出し",
        "text_label" => "内容の見出し",
        "separator" => "区切り",
        "layout" => "配置",
        "name" => "名称",
        "department" => "部署",
        "postal_code" => "郵便番号",
        "address" => "住所",
        "phone" => "電話番号",
        "fax" => "FAX番号",
        "email" => "メールアドレス",
        "hours" => "受付時間",
        "url" => "URL",
        "note" => "備考",
        "role" => "種類",
        "representative" => "代表者",
        "officers" => "役職者",
        "records" => "記録",
        "fields" => "欄",
        "label" => "項目名",
        "value" => "内容",
        "columns" => "列見出し",
        "caption" => "表題",
        "entries" => "日付",
        "date" => "日付",
        "format" => "書式",
        "captions" => "見出し名",
        "appi" => "法定事項の前提",
        "page_title" => "ページの題名",
        "header_rows" => "見出しの行数",
        "colspan" => "結合する列の数",
        "rowspan" => "結合する行の数",
        "points" => "箇条",
        "blocks" => "ブロック",
        "date_style" => "日付の書き方",
        other => other,
    }
}

fn section_name(s: &Section) -> String {
    match &s.number {
        Some(n) => format!("{n} {}", s.heading),
        None => s.heading.clone(),
    }
}

/// `path` in `notice`, as staff see it: headings, the block, the row or item, the field.
pub fn describe(notice: &Notice, path: &FieldPath) -> String {
    let mut parts: Vec<String> = Vec::new();
    let segs = &path.0;
    let mut i = 0;
    let mut sections: &[Section] = &notice.sections;
    let mut blocks: Option<&[Block]> = None;
    while i < segs.len() {
        match (&segs[i], segs.get(i + 1)) {
            (Segment::Key(k), Some(Segment::Index(n))) if k == "sections" => {
                let Some(s) = sections.get(*n) else { break };
                parts.push(section_name(s));
                blocks = None;
                sections = &s.sections;
                // The blocks, sub-sections or closing blocks of this section come next.
                if let Some(Segment::Key(next)) = segs.get(i + 2) {
                    blocks = match next.as_str() {
                        "blocks" => Some(&s.blocks),
                        "closing" => Some(&s.closing),
                        _ => None,
                    };
                }
                i += 2;
            }
            (Segment::Key(k), Some(Segment::Index(n)))
                if matches!(k.as_str(), "blocks" | "closing" | "front" | "preamble") =>
            {
                let list = match k.as_str() {
                    "front" => Some(notice.front.as_slice()),
                    "preamble" => Some(notice.preamble.as_slice()),
                    _ => blocks,
                };
                if k == "front" {
                    parts.push("表題の上".to_owned());
                } else if k == "preamble" {
                    parts.push("前文".to_owned());
                }
                let Some(block) = list.and_then(|b| b.get(*n)) else {
                    break;
                };
                parts.push(block.label().to_owned());
                return finish(parts, block, &segs[i + 2..]);
            }
            (Segment::Key(k), _) => {
                parts.push(field_name(k).to_owned());
                i += 1;
            }
            (Segment::Index(n), _) => {
                parts.push(format!("{}番目", n + 1));
                i += 1;
            }
        }
    }
    parts.join(" › ")
}

/// The rest of a path inside a block: rows by category, items by their line, fields by name.
fn finish(mut parts: Vec<String>, block: &Block, rest: &[Segment]) -> String {
    let mut items: Option<&[Item]> = match block {
        Block::List(l) => Some(&l.items),
        Block::Note(n) => Some(&n.items),
        Block::Purposes(p) => Some(&p.items),
        _ => None,
    };
    let mut k = 0;
    while k < rest.len() {
        match (&rest[k], rest.get(k + 1)) {
            (Segment::Key(key), Some(Segment::Index(n))) if key == "rows" => {
                let row = match block {
                    Block::Purposes(p) => p.rows.get(*n).map(|r| r.category.clone()),
                    Block::Measures(m) => m.rows.get(*n).map(|r| r.category.clone()),
                    _ => None,
                };
                parts.push(row.unwrap_or_else(|| format!("{}行目", n + 1)));
                k += 2;
                if let (Block::Table(t), Some(Segment::Index(c))) = (block, rest.get(k)) {
                    parts.push(format!("{}番目のセル", c + 1));
                    k += 1;
                    let inner = t.rows.get(*n).and_then(|r| r.get(*c));
                    if let (Some(cell), Some(Segment::Key(b)), Some(Segment::Index(j))) =
                        (inner, rest.get(k), rest.get(k + 1))
                        && b == "blocks"
                        && let Some(inner) = cell.blocks().get(*j)
                    {
                        parts.push(inner.label().to_owned());
                        return finish(parts, inner, &rest[k + 2..]);
                    }
                }
            }
            (Segment::Key(key), Some(Segment::Index(n))) if key == "items" => {
                let item = items.and_then(|it| it.get(*n));
                parts.push(item.map_or_else(|| format!("{}番目", n + 1), |it| short(it.text())));
                items = item.map(Item::items);
                k += 2;
            }
            (Segment::Key(key), _) => {
                parts.push(field_name(key).to_owned());
                k += 1;
            }
            (Segment::Index(n), _) => {
                parts.push(format!("{}番目", n + 1));
                k += 1;
            }
        }
    }
    parts.join(" › ")
}

fn short(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 16 {
        format!("「{text}」")
    } else {
        format!("「{}…」", chars[..15].iter().collect::<String>())
    }
}

/// Gives every diagnostic about `notice` (those with a field in `file`) its place as staff see
/// it, under the version's label (`2025-04-01版`).
pub fn label_places(
    diags: &mut [crate::error::Diagnostic],
    notice: &Notice,
    version: &str,
    file: &std::path::Path,
) {
    for d in diags.iter_mut() {
        if d.place.is_some() || d.file.as_deref() != Some(file) {
            continue;
        }
        if let Some(field) = &d.field {
            let described = describe(notice, &FieldPath::parse(field));
            d.place = Some(format!("{version}版 › {described}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_reads_as_the_headings_and_the_field() {
        let n: Notice = toml::from_str(
            r#"effective = 2025-04-01
summary = "s"
title = "t"
[[sections]]
number = "4."
heading = "苦情の申出先"
[[sections.blocks]]
type = "contact"
name = "組合"
phone = "022"
[[sections.sections]]
number = "(1)"
heading = "加入者"
[[sections.sections.blocks]]
type = "purposes"
[[sections.sections.blocks.rows]]
category = "資格に関する情報"
purposes = ["管理"]
"#,
        )
        .unwrap();
        let p = FieldPath::parse("sections[0].blocks[0].phone");
        assert_eq!(
            describe(&n, &p),
            "4. 苦情の申出先 › 苦情の申出先 › 電話番号"
        );
        let p = FieldPath::parse("sections[0].sections[0].blocks[0].rows[0].purposes[0]");
        assert_eq!(
            describe(&n, &p),
            "4. 苦情の申出先 › (1) 加入者 › 利用目的の表 › 資格に関する情報 › 利用目的 › 1番目"
        );
        assert_eq!(describe(&n, &FieldPath::parse("effective")), "施行日");
    }
}
