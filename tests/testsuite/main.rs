//! The integration suite: one binary, a module per feature (see tests/README.md).

mod architecture;
mod build;
mod cli;
mod corpus;
mod errors;
mod i18n;
mod incremental;
mod offline;
mod output;
mod properties;
mod reader;
mod serve;
mod support;
