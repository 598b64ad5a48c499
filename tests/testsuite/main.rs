//! The integration suite: one binary, a module per feature (see tests/README.md).

mod architecture;
mod build;
mod cli;
mod corpus;
mod errors;
mod i18n;
#[cfg(feature = "serve")]
mod incremental;
#[cfg(feature = "lsp")]
mod lsp;
mod offline;
mod output;
mod properties;
mod reader;
#[cfg(feature = "serve")]
mod serve;
mod support;
