//! specc's integration tests, linked into one binary (as rust-analyzer and cargo do): one link of the
//! workspace instead of one per file, and one process whose test threads share the machine's cores.
//!
//! Each module is one area; a new area is a new module here, not a new file in `tests/`.
//! Snapshots named by `insta` after the module path live in `tests/it/snapshots/`; the fixture and
//! build goldens, named explicitly, stay in `tests/snapshots/`.

mod adversarial;
mod build;
mod cli;
mod examples;
mod fixes;
mod fixtures;
mod lsp;
mod migrate;
mod npm;
mod probe;
mod secrets;
mod security;
mod workflow;
