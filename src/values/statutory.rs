//! The statutory items a notice can declare it states (`covers = [...]`) or makes known on
//! request (`on_request = [...]`): their ids, which every layer that reads a notice shares.

/// The ids `covers` and `on_request` accept: the statutory items, by the rule id of
/// `kohyo check` without `appi/` and `-missing` (see docs/check.md).
pub const ITEM_IDS: &[&str] = &[
    "business-name",
    "business-address",
    "representative",
    "purposes",
    "request-procedure",
    "request-kinds",
    "fee",
    "measures",
    "external-environment",
    "complaints",
    "accredited",
    "joint-use-fact",
    "joint-use-items",
    "joint-use-scope",
    "joint-use-purposes",
    "joint-use-manager",
    "anonymized-items",
    "anonymized-method",
    "anonymized-measures",
    "pseudonymized-purposes",
];
