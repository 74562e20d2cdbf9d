//! Signatures over the chain head: `kohyo publish --sign KEY` signs the new head with an SSH
//! key, and `kohyo verify --trusted-key FILE` checks them. A signature proves that whoever
//! holds the key published the history up to that entry (the chain hash commits to every entry
//! before it), which the chain alone cannot prove against someone who can rewrite all of it.
//!
//! Signing and checking are done by `ssh-keygen -Y sign` / `-Y verify` (OpenSSH 8.1 and later:
//! Windows 10 and later, macOS, Linux), in the `sshsig` format, so that any SSH key works as
//! staff already keep it: a passphrase asked for on the terminal, ssh-agent, a hardware key.
//! The signed text is `kohyo-chain-head/1\n<chain hash>\n`, in the namespace `kohyo`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::lock::Entry;

/// The `sshsig` namespace of kohyo's signatures (a signature made for anything else never
/// verifies as one of them).
const NAMESPACE: &str = "kohyo";

/// What the principal of a trusted key is called in the list given to ssh-keygen.
const PRINCIPAL: &str = "kohyo-publisher";

/// The text signed for an entry whose chain hash is `chain_hash`.
fn signed_text(chain_hash: &str) -> String {
    format!("kohyo-chain-head/1\n{chain_hash}\n")
}

fn ssh_keygen() -> Command {
    Command::new(if cfg!(windows) {
        "ssh-keygen.exe"
    } else {
        "ssh-keygen"
    })
}

const NO_SSH_KEYGEN: &str = "signatures are made and checked with ssh-keygen (OpenSSH 8.1 or later), which was not found: install OpenSSH (Windows 10 and later, macOS and Linux have it)";

/// Runs ssh-keygen with `args`, `input` on its standard input; its standard output, or why it
/// failed.
fn run(args: &[&std::ffi::OsStr], input: &str) -> Result<Vec<u8>, String> {
    let mut child = ssh_keygen()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| NO_SSH_KEYGEN.to_owned())?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| format!("cannot run ssh-keygen: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("cannot run ssh-keygen: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

/// Signs the chain hash `chain_hash` with the SSH key `key` (a private key file, or a public
/// one whose private key is in ssh-agent): the armored `sshsig` signature.
pub fn sign(key: &Path, chain_hash: &str) -> Result<String, String> {
    if !key.is_file() {
        return Err(format!(
            "the key `{}` is not a file: give the SSH key to sign with, e.g. ~/.ssh/id_ed25519",
            key.display()
        ));
    }
    let out = run(
        &[
            "-Y".as_ref(),
            "sign".as_ref(),
            "-n".as_ref(),
            NAMESPACE.as_ref(),
            "-f".as_ref(),
            key.as_os_str(),
        ],
        &signed_text(chain_hash),
    )
    .map_err(|why| format!("ssh-keygen could not sign with `{}`: {why}", key.display()))?;
    let signature = String::from_utf8_lossy(&out).trim().to_owned();
    if !signature.starts_with("-----BEGIN SSH SIGNATURE-----") {
        return Err("ssh-keygen gave no signature".to_owned());
    }
    Ok(signature)
}

/// The public keys of `trusted` (a file of `ssh-… AAAA…` lines, as `.pub` files and
/// `authorized_keys` hold them) as ssh-keygen's list of allowed signers.
fn allowed_signers(trusted: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(trusted)
        .map_err(|e| format!("cannot read the trusted keys `{}`: {e}", trusted.display()))?;
    let mut list = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key_type = line.split_whitespace().next().unwrap_or("");
        let plain = key_type
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '@' | '.'))
            && ["ssh-", "ecdsa-", "sk-"]
                .iter()
                .any(|p| key_type.starts_with(p));
        if !plain {
            return Err(format!(
                "`{}` holds a line that is not an SSH public key (`ssh-ed25519 AAAA…`)",
                trusted.display()
            ));
        }
        list.push_str(&format!("{PRINCIPAL} {line}\n"));
    }
    if list.is_empty() {
        return Err(format!("`{}` holds no public key", trusted.display()));
    }
    Ok(list)
}

/// Whether `signature` is a signature of the chain hash `chain_hash` by one of the keys in
/// `allowed` (a list of allowed signers written in `dir`).
fn verifies(dir: &Path, allowed: &Path, chain_hash: &str, signature: &str) -> Result<(), String> {
    let sig = dir.join("signature");
    std::fs::write(&sig, signature).map_err(|e| format!("cannot write a signature: {e}"))?;
    run(
        &[
            "-Y".as_ref(),
            "verify".as_ref(),
            "-f".as_ref(),
            allowed.as_os_str(),
            "-I".as_ref(),
            PRINCIPAL.as_ref(),
            "-n".as_ref(),
            NAMESPACE.as_ref(),
            "-s".as_ref(),
            sig.as_os_str(),
        ],
        &signed_text(chain_hash),
    )
    .map(|_| ())
}

/// Checks the signatures of `entries` (of kohyo.lock or a site's manifest, named `source`)
/// against the keys in `trusted`: every signature must verify, and the last entry (the head,
/// which commits to all before it) must be signed.
pub fn check(
    entries: &[Entry],
    trusted: &Path,
    source: &str,
) -> crate::ops::verify::report::Report {
    let mut r = crate::ops::verify::report::Report::default();
    let allowed = match allowed_signers(trusted) {
        Ok(a) => a,
        Err(e) => {
            r.failed.push(e);
            return r;
        }
    };
    let Ok(dir) = tempfile::tempdir() else {
        r.failed
            .push("cannot create a private folder to check signatures in".to_owned());
        return r;
    };
    let list = dir.path().join("allowed_signers");
    if let Err(e) = std::fs::write(&list, allowed) {
        r.failed.push(format!("cannot write the trusted keys: {e}"));
        return r;
    }
    for e in entries {
        let name = crate::lock::Lock::name_of(e);
        let Some(signature) = &e.signature else {
            continue;
        };
        match verifies(dir.path(), &list, &e.chain_hash, signature) {
            Ok(()) => r.ok.push(format!(
                "{source}: {name} is signed by a trusted key (chain hash {})",
                e.chain_hash
            )),
            Err(why) => r.failed.push(format!(
                "{source}: the signature of {name} does not verify with the trusted keys: {why}"
            )),
        }
    }
    match entries.last() {
        None => r.failed.push(format!(
            "{source}: nothing is published, so nothing is signed"
        )),
        Some(head) if head.signature.is_none() => r.failed.push(format!(
            "{source}: the latest published version, {}, is not signed: publish with --sign",
            crate::lock::Lock::name_of(head)
        )),
        Some(_) => {}
    }
    r
}
