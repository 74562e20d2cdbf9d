//! kohyo's integration tests, in one binary (as mdBook does): each module is a feature, and
//! `common` holds the fixtures and helpers they share.

mod browser;
mod build;
mod check;
mod common;
mod corpus;
mod diff;
mod documents;
mod history;
mod homepage;
mod hostile;
mod import;
mod invalid;
mod layers;
mod mistakes;
mod outputs;
mod reuse;
mod roundtrip;
mod serve;
mod shapes;
mod statutory;
mod trust;
