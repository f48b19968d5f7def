//! The specc front end as a library: the check driver, configuration and suppressions, output formats
//! and command implementations. `main.rs` parses arguments and calls into this crate; the fixture tests
//! and the language server reuse it.
//!
//! This is the only crate that prints. It owns file walking, reading, rendering and exit codes; it
//! never decides what is wrong with a configuration (that is `specc-rules`).

pub mod baseline;
pub mod build;
pub mod config;
pub mod driver;
pub mod extend;
pub mod lsp;
pub mod migrate;
pub mod probe;
pub mod provider_build;
pub mod providers_cmd;
pub mod redact;
pub mod render;
pub mod report;
pub mod run;
pub mod schemas;
pub mod select;
pub mod suppress;
pub mod wire;

pub use driver::{check, check_paths, discover, CheckOptions, Input, UnitReport};
pub use run::{run, Run, RunOptions};
