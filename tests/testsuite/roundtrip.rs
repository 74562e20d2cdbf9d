//! Any notice that loads survives serialise → load unchanged (property test), and the example
//! content does too.

use kohyo::blocks::{
    Block, Contact, ContactRole, Field, FieldValue, FullCell, ListBlock, MeasureRow, MeasuresBlock,
    NoteBlock, OrganizationBlock, Pair, Person, PurposeLayout, PurposeRow, PurposesBlock, Record,
    RecordsBlock, TableBlock, TableCell, TextBlock,
};
use kohyo::content::parse_notice;
use kohyo::model::{Notice, Section};
use kohyo::values::{Cell, Item, ItemTable, Marker, VersionId};
use proptest::prelude::*;

/// A record field's value: a cell, or labelled parts.
fn field_value() -> impl Strategy<Value = FieldValue> {
    prop_oneof![
        cell().prop_map(FieldValue::Cell),
        prop::collection::vec((text(), text()), 1..3).prop_map(|pairs| FieldValue::Pairs(
            pairs
                .into_iter()
                .map(|(label, value)| Pair { label, value })
                .collect()
        )),
    ]
}
use proptest::prop_assert_eq;

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9あ-ん一-龠ア-ン、。・（）()#*_\\[\\]\"'\\\\ -]{1,24}"
}

fn marker() -> impl Strategy<Value = Marker> {
    prop_oneof![
        Just(Marker::Bullet),
        Just(Marker::Nakaguro),
        Just(Marker::Kome),
        Just(Marker::Decimal),
        Just(Marker::Paren),
        Just(Marker::FullwidthParen),
        Just(Marker::Circled),
        Just(Marker::Katakana),
        Just(Marker::Iroha),
        Just(Marker::Kanji),
        Just(Marker::AlphaParen),
        Just(Marker::None),
        Just(Marker::Format("第{n}条".into())),
        Just(Marker::Symbol("◆".into())),
    ]
}

/// A list item: a line, or a table with a body and a sub-list (two levels deep).
fn item() -> impl Strategy<Value = Item> {
    let leaf = text().prop_map(Item::Text);
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            text().prop_map(Item::Text),
            (
                text(),
                proptest::option::of(text()),
                proptest::option::of(marker()),
                prop::collection::vec(inner, 1..3)
            )
                .prop_map(|(text, body, marker, items)| {
                    Item::Full(ItemTable {
                        text,
                        body,
                        start: None,
                        marker,
                        id: None,
                        items,
                        covers: Vec::new(),
                    })
                })
        ]
    })
}

/// A table's cell: plain, or written as a table with its spans.
fn table_cell() -> impl Strategy<Value = TableCell> {
    prop_oneof![
        cell().prop_map(TableCell::Plain),
        (text(), 1usize..3, 1usize..3).prop_map(|(text, colspan, rowspan)| {
            TableCell::Full(FullCell {
                text: Some(text),
                points: None,
                blocks: Vec::new(),
                colspan,
                rowspan,
            })
        }),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        text().prop_map(Cell::Text),
        prop::collection::vec(text(), 1..3).prop_map(Cell::Points)
    ]
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        text().prop_map(|t| Block::Text(TextBlock {
            text: t,
            file: None
        })),
        (text(), marker(), prop::collection::vec(item(), 0..3)).prop_map(|(t, m, items)| {
            Block::Note(NoteBlock {
                mark: "※".into(),
                text: t,
                marker: m,
                start: None,
                items,
                covers: Vec::new(),
            })
        }),
        (marker(), prop::collection::vec(item(), 1..4)).prop_map(|(m, items)| {
            let start = m.is_ordered().then_some(3);
            Block::List(ListBlock {
                marker: m,
                start,
                items,
                covers: Vec::new(),
            })
        }),
        (
            prop::collection::vec((text(), prop::collection::vec(text(), 1..4)), 1..4),
            any::<bool>()
        )
            .prop_map(|(rows, list)| Block::Purposes(PurposesBlock {
                category_label: "個人情報の類型".into(),
                purposes_label: "利用目的".into(),
                layout: if list {
                    PurposeLayout::List
                } else {
                    PurposeLayout::Inline
                },
                separator: "、".into(),
                marker: list.then_some(Marker::Nakaguro),
                rows: rows
                    .into_iter()
                    .map(|(category, purposes)| PurposeRow { category, purposes })
                    .collect(),
                items: Vec::new(),
                covers: Vec::new(),
            })),
        (marker(), prop::collection::vec(item(), 1..4)).prop_map(|(m, items)| {
            Block::Purposes(PurposesBlock {
                category_label: String::new(),
                purposes_label: "利用目的".into(),
                layout: PurposeLayout::Inline,
                separator: "、".into(),
                marker: Some(m),
                rows: Vec::new(),
                items,
                covers: vec!["purposes".into()],
            })
        }),
        prop::collection::vec((text(), text()), 1..4).prop_map(|rows| Block::Measures(
            MeasuresBlock {
                category_label: None,
                text_label: None,
                rows: rows
                    .into_iter()
                    .map(|(category, text)| MeasureRow { category, text })
                    .collect(),
            }
        )),
        (
            text(),
            proptest::option::of(text()),
            proptest::option::of("[0-9]{3}-[0-9]{4}"),
            proptest::option::of("0[0-9]{1,3}-[0-9]{3,4}-[0-9]{4}")
        )
            .prop_map(|(name, address, postal_code, phone)| {
                let phone = if address.is_none() && phone.is_none() {
                    Some("03-0000-0000".into())
                } else {
                    phone
                };
                Block::Contact(Contact {
                    role: ContactRole::Complaints,
                    name,
                    department: None,
                    postal_code,
                    address,
                    phone,
                    fax: None,
                    email: None,
                    hours: None,
                    url: None,
                    note: None,
                })
            }),
        (text(), text(), text()).prop_map(|(name, title, person)| Block::Organization(
            OrganizationBlock {
                name,
                postal_code: None,
                address: Some("東京都".into()),
                phone: Some("022-235-5896".into()),
                fax: None,
                email: None,
                url: None,
                hours: None,
                representative: Some(Person {
                    title,
                    name: person
                }),
                officers: vec![],
                layout: Default::default(),
                captions: [("phone".to_owned(), "お問合わせ".to_owned())].into(),
                covers: Vec::new(),
                order: vec!["representative".into(), "name".into()],
            }
        )),
        prop::collection::vec(
            (
                proptest::option::of(text()),
                prop::collection::vec((text(), field_value()), 1..3)
            ),
            1..3
        )
        .prop_map(|records| Block::Records(RecordsBlock {
            records: records
                .into_iter()
                .map(|(title, fields)| Record {
                    number: None,
                    title,
                    fields: fields
                        .into_iter()
                        .map(|(label, value)| Field {
                            label,
                            value,
                            covers: Vec::new(),
                        })
                        .collect(),
                })
                .collect(),
            marker: None,
            covers: Vec::new(),
        })),
        (1usize..4, any::<bool>()).prop_flat_map(|(cols, headers)| {
            (
                prop::collection::vec(text().prop_map(|t| TableCell::Plain(Cell::Text(t))), cols),
                prop::collection::vec(prop::collection::vec(table_cell(), cols), 1..3),
                proptest::option::of(text()),
            )
                .prop_map(move |(columns, rows, caption)| {
                    Block::Table(TableBlock {
                        caption,
                        columns,
                        header_rows: 0,
                        row_headers: headers,
                        rows,
                        marker: headers.then_some(Marker::Nakaguro),
                        covers: Vec::new(),
                    })
                })
        }),
    ]
}

/// A section with blocks, sub-sections (two levels) and closing blocks.
fn section() -> impl Strategy<Value = Section> {
    let leaf = (
        proptest::option::of(text()),
        text(),
        prop::collection::vec(block(), 0..3),
    )
        .prop_map(|(number, heading, blocks)| Section {
            id: None,
            number,
            heading,
            covers: Vec::new(),
            on_request: Vec::new(),
            blocks,
            sections: Vec::new(),
            closing: Vec::new(),
        });
    leaf.prop_recursive(2, 8, 3, |inner| {
        (
            proptest::option::of("[a-z][a-z0-9-]{0,8}"),
            proptest::option::of(text()),
            text(),
            prop::collection::vec(block(), 0..3),
            prop::collection::vec(inner, 0..3),
            prop::collection::vec(block(), 0..2),
        )
            .prop_map(|(id, number, heading, blocks, sections, closing)| Section {
                id,
                number,
                heading,
                covers: Vec::new(),
                on_request: Vec::new(),
                blocks,
                sections,
                closing,
            })
    })
}

fn notice() -> impl Strategy<Value = Notice> {
    (
        text(),
        text(),
        proptest::option::of(text()),
        prop::collection::vec(block(), 0..2),
        prop::collection::vec(block(), 0..2),
        prop::collection::vec(section(), 1..4),
    )
        .prop_map(
            |(summary, title, page_title, front, preamble, sections)| Notice {
                effective: "2024-04-01".parse().unwrap(),
                summary,
                title,
                page_title,
                front,
                preamble,
                sections,
                appi: None,
                attachments: Vec::new(),
            },
        )
}

#[test]
fn a_loaded_notice_survives_serialise_and_load() {
    use proptest::test_runner::{Config, TestRunner};
    let id: VersionId = "2024-04-01".parse().unwrap();
    let loaded_count = std::cell::Cell::new(0usize);
    let mut runner = TestRunner::new(Config::with_cases(300));
    runner
        .run(&notice(), |n| {
            let text = toml::to_string(&n).unwrap();
            // Only notices that load are of interest (a generated one may repeat a category).
            if let Ok(loaded) = parse_notice(&text, id) {
                loaded_count.set(loaded_count.get() + 1);
                let again = toml::to_string(&loaded).unwrap();
                let reloaded = parse_notice(&again, id).expect("a serialised loaded notice loads");
                prop_assert_eq!(&reloaded, &loaded);
                prop_assert_eq!(&loaded, &n);
            }
            Ok(())
        })
        .unwrap();
    // The property must not hold vacuously.
    assert!(
        loaded_count.get() > 100,
        "only {} of 300 generated notices loaded",
        loaded_count.get()
    );
}

#[test]
fn the_example_versions_survive_serialise_and_load() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = kohyo::content::load_site(root).unwrap().documents.remove(0);
    for v in &site.versions {
        let text = toml::to_string(&v.notice).unwrap();
        let back = parse_notice(&text, v.id).unwrap_or_else(|e| panic!("{}: {:?}", v.id, e));
        assert_eq!(back, v.notice, "{}", v.id);
    }
}
