//! Benchmark (not a test): how long diffing two full notices takes, and how it grows with the
//! size of the text. Run with `cargo run --release --example diff_bench`.
//!
//! The seed notice (content/versions/2024-04-01) is scaled to 1×, 10× and 100× its text by
//! repeating its sections with numbered headings and categories. The "edited" copy changes about
//! 1 % of the purposes and measure texts; the "unrelated" copy replaces every text, the worst
//! case for the character diff.

use std::time::{Duration, Instant};

use kohyo::blocks::Block;
use kohyo::diff::diff;
use kohyo::model::Notice;

fn seed() -> Notice {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/versions/2024-04-01/notice.toml"
    );
    toml::from_str(&std::fs::read_to_string(path).expect("seed notice")).expect("seed parses")
}

fn scaled(base: &Notice, times: usize) -> Notice {
    let mut n = base.clone();
    n.sections.clear();
    for k in 0..times {
        for s in &base.sections {
            let mut s = s.clone();
            s.id = s.id.map(|id| format!("{id}-{k}"));
            s.heading = format!("{}（{k}）", s.heading);
            for b in &mut s.blocks {
                if let Block::Purposes(p) = b {
                    for r in &mut p.rows {
                        r.category = format!("{}{k}", r.category);
                    }
                }
            }
            n.sections.push(s);
        }
    }
    n
}

/// Changes every `every`-th purpose and measure text a little.
fn edited(n: &Notice, every: usize) -> Notice {
    let mut n = n.clone();
    let mut i = every - 1; // the first text is always edited, so even 1× has a change
    for s in &mut n.sections {
        for b in &mut s.blocks {
            match b {
                Block::Purposes(p) => {
                    for r in &mut p.rows {
                        for purpose in &mut r.purposes {
                            i += 1;
                            if i.is_multiple_of(every) {
                                purpose.push_str("及び通知");
                            }
                        }
                    }
                }
                Block::Measures(m) => {
                    for r in &mut m.rows {
                        i += 1;
                        if i.is_multiple_of(every) {
                            r.text = r.text.replacen("実施", "確実に実施", 1);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    n
}

/// Every text replaced by a different one of the same length.
fn unrelated(n: &Notice) -> Notice {
    let swap = |t: &str| {
        t.chars()
            .map(|c| if c == 'あ' { 'い' } else { 'あ' })
            .collect::<String>()
    };
    let mut n = n.clone();
    for s in &mut n.sections {
        for b in &mut s.blocks {
            match b {
                Block::Purposes(p) => p
                    .rows
                    .iter_mut()
                    .for_each(|r| r.purposes.iter_mut().for_each(|x| *x = swap(x))),
                Block::Measures(m) => m.rows.iter_mut().for_each(|r| r.text = swap(&r.text)),
                Block::Text(t) => t.text = swap(&t.text),
                _ => {}
            }
        }
    }
    n
}

fn median(mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut changes = 0;
    let runs = 9;
    for _ in 0..runs {
        let t = Instant::now();
        changes = f();
        times.push(t.elapsed());
    }
    times.sort();
    (times[runs / 2], changes)
}

fn main() {
    let base = seed();
    println!("| size | characters | case | changes | median time (9 runs) |");
    println!("| --- | --- | --- | --- | --- |");
    for times in [1, 10, 100] {
        let a = scaled(&base, times);
        let chars = serde_json::to_string(&a)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        let cases = [
            ("1 % edited", edited(&a, 100)),
            ("every text different", unrelated(&a)),
        ];
        for (name, b) in cases {
            let (t, n) = median(|| diff(&a, &b).changes.len());
            println!(
                "| {times}× | {chars} | {name} | {n} | {:.2} ms |",
                t.as_secs_f64() * 1000.0
            );
        }
    }
}
