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

/// The project's corpus of real manifests, `<sub>` of the directory `shared/corpus` beside the
/// repository. A test that reads it must not pass silently without it: when it is absent this fails
/// the test, unless `SPECC_SKIP_CORPUS=1` asks to skip it (as `.ci/run` does on a machine without
/// it), and then the skip is printed past the test harness's capture.
fn shared_corpus(sub: &str) -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    let test = std::thread::current().name().unwrap_or("<test>").to_string();
    assert!(
        std::env::var_os("SPECC_SKIP_CORPUS").is_some_and(|v| v == "1"),
        "{test} needs {} (absent); set SPECC_SKIP_CORPUS=1 to skip it",
        dir.display()
    );
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {} is absent (SPECC_SKIP_CORPUS=1)", dir.display());
    None
}

#[test]
fn an_absent_corpus_is_a_failure_or_a_printed_skip() {
    let skip = std::env::var_os("SPECC_SKIP_CORPUS").is_some_and(|v| v == "1");
    match std::panic::catch_unwind(|| shared_corpus("no-such-platform")) {
        Ok(found) => assert!(skip && found.is_none(), "an absent corpus passed without SPECC_SKIP_CORPUS=1"),
        Err(e) => {
            let text = e.downcast_ref::<String>().map_or("", String::as_str);
            assert!(!skip && text.contains("set SPECC_SKIP_CORPUS=1 to skip"), "{text}");
        }
    }
}
