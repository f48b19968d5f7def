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
fn an_absent_corpus_fails_the_test_unless_skipping_is_asked_for() {
    let got = std::panic::catch_unwind(|| shared_corpus("no-such-platform"));
    if std::env::var_os("SPECC_SKIP_CORPUS").is_some_and(|v| v == "1") {
        assert!(matches!(got, Ok(None)));
    } else {
        let message = got.expect_err("an absent corpus must fail the test");
        let text = message.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(text.contains("set SPECC_SKIP_CORPUS=1 to skip"), "{text}");
    }
}
