//! `kohyo verify [--site DIR]`: checks the lock's hash chain, the published content against it,
//! and optionally a built site's `manifest.json` and every `notice.json`.
//!
//! Exit 0: everything matches; 1: a mismatch; 2: verification could not run.

use std::fs;
use std::path::Path;

use crate::cli::VerifyArgs;
use crate::content;
use crate::history;
use crate::lock::{Lock, Manifest, content_hash};
use crate::model::Notice;

/// Exit code: everything matches.
pub const OK: u8 = 0;
/// Exit code: a mismatch.
pub const MISMATCH: u8 = 1;
/// Exit code: could not run.
pub const TROUBLE: u8 = 2;

/// The findings of a verification.
#[derive(Debug, Default)]
pub struct Report {
    /// What checked out.
    pub ok: Vec<String>,
    /// What did not.
    pub failed: Vec<String>,
}

/// Checks a built site against the lock.
pub fn verify_site(lock: &Lock, site: &Path) -> Report {
    let mut r = Report::default();
    let expected = Manifest::of(lock);
    match fs::read_to_string(site.join("manifest.json"))
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str::<Manifest>(&t).map_err(|e| e.to_string()))
    {
        Err(e) => r.failed.push(format!("manifest.json cannot be read: {e}")),
        Ok(m) if m == expected => r.ok.push(format!(
            "manifest.json matches the lock ({} versions, chain head {})",
            m.versions.len(),
            m.chain_head
        )),
        Ok(m) => {
            if m.chain_head != expected.chain_head {
                r.failed.push(format!(
                    "manifest.json has chain head {}, the lock has {}",
                    m.chain_head, expected.chain_head
                ));
            }
            for e in &expected.versions {
                match m.versions.iter().find(|x| x.id == e.id) {
                    None => r.failed.push(format!("manifest.json does not list {}", e.id)),
                    Some(x) if x != e => r.failed.push(format!(
                        "manifest.json entry {} differs from the lock (content {} vs {}, chain {} vs {})",
                        e.id, x.content_hash, e.content_hash, x.chain_hash, e.chain_hash
                    )),
                    Some(_) => {}
                }
            }
            for x in &m.versions {
                if !expected.versions.iter().any(|e| e.id == x.id) {
                    r.failed.push(format!(
                        "manifest.json lists {}, which is not in the lock",
                        x.id
                    ));
                }
            }
            if r.failed.is_empty() {
                r.failed
                    .push("manifest.json differs from the lock".to_owned());
            }
        }
    }
    for e in &lock.published {
        let rel = format!("versions/{}/notice.json", e.id);
        match read_notice_json(&site.join(&rel), &e.id) {
            Err(why) => r.failed.push(format!("{rel}: {why}")),
            Ok(n) => {
                let h = content_hash(&n);
                if h == e.content_hash {
                    r.ok.push(format!("{rel} matches {}", e.content_hash));
                } else {
                    r.failed.push(format!(
                        "{rel} has content hash {h}, the lock records {}",
                        e.content_hash
                    ));
                }
            }
        }
    }
    // Anything published on the site that the lock does not know (a draft built by mistake).
    if let Ok(entries) = fs::read_dir(site.join("versions")) {
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().join("notice.json").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            if !lock.published.iter().any(|e| e.id == name) {
                r.failed.push(format!(
                    "versions/{name}/ is on the site but not published in the lock (a draft?)"
                ));
            }
        }
    }
    r
}

fn read_notice_json(path: &Path, id: &str) -> Result<Notice, String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut value: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let obj = value.as_object_mut().ok_or("not a JSON object")?;
    if obj
        .remove("id")
        .and_then(|v| v.as_str().map(str::to_owned))
        .as_deref()
        != Some(id)
    {
        return Err(format!("its id is not {id}"));
    }
    obj.remove("format");
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// Runs `kohyo verify`.
pub fn execute(args: &VerifyArgs, out: &super::Printer) -> u8 {
    let lock = match history::load_lock(&args.root) {
        Ok(Some(lock)) => lock,
        Ok(None) => {
            out.error("there is no kohyo.lock: nothing is published to verify");
            return TROUBLE;
        }
        Err(d) => {
            // A broken chain is a verification failure, not trouble.
            out.diagnostics(&d.0);
            println!("FAIL kohyo.lock: the hash chain is broken");
            return MISMATCH;
        }
    };
    let mut report = Report::default();
    report.ok.push(format!(
        "kohyo.lock: hash chain of {} entries is intact, head {}",
        lock.published.len(),
        lock.head()
    ));
    match content::load_site(&args.root) {
        Err(d) => {
            out.diagnostics(&d.0);
            out.error("the content has errors; it cannot be verified");
            return TROUBLE;
        }
        Ok(loaded) => match history::check(&args.root, &loaded.site) {
            Ok(_) => report.ok.push(format!(
                "content/versions: all {} published versions match their hashes",
                lock.published.len()
            )),
            Err(d) => {
                out.diagnostics(&d.0);
                report.failed.extend(d.0.iter().map(|d| d.message.clone()));
            }
        },
    }
    for e in &lock.published {
        match history::load_snapshot(&args.root, &e.id, &e.content_hash) {
            Ok(_) => {}
            Err(why) => report.failed.push(format!("snapshot of {}: {why}", e.id)),
        }
    }
    if let Some(site) = &args.site {
        let r = verify_site(&lock, site);
        report.ok.extend(r.ok);
        report.failed.extend(r.failed);
    }
    for line in &report.ok {
        println!("ok   {line}");
    }
    for line in &report.failed {
        println!("FAIL {line}");
    }
    if report.failed.is_empty() {
        println!("verified: everything matches kohyo.lock");
        OK
    } else {
        println!("{} mismatch(es)", report.failed.len());
        MISMATCH
    }
}
