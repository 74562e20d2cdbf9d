//! What every kind of block needs from each stage, as plain tools that take only values: the
//! problem sink of validation ([`problems`]), the lint findings ([`lint`]), the view toolkit
//! ([`view`]) and the change toolkit ([`change`]). With them a kind keeps its one home in
//! `blocks/<kind>.rs` without importing a stage: the stages call the kinds, never the reverse.

pub mod align;
pub mod change;
pub mod compare;
pub mod lint;
pub mod problems;
pub mod view;
