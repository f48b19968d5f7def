//! Test support: the shared corpus of real manifests.

use std::path::{Path, PathBuf};

/// `shared/corpus/<sub>` beside the repository (`../shared/corpus` from the workspace root).
///
/// A test that needs it must not pass silently without it: when it is absent the test fails, unless
/// `SPECC_SKIP_CORPUS=1` is set, in which case a SKIPPED line is printed and `None` returned.
pub(crate) fn shared_corpus(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    let test = std::thread::current().name().unwrap_or("<test>").to_string();
    if std::env::var_os("SPECC_SKIP_CORPUS").is_some_and(|v| v == "1") {
        // Straight to the process's stderr, past the test harness's capture, so the skip is seen.
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {} is absent (SPECC_SKIP_CORPUS=1)", dir.display());
        return None;
    }
    panic!(
        "{test} needs ../shared/corpus beside the repository ({} is absent); set SPECC_SKIP_CORPUS=1 to skip",
        dir.display()
    );
}

#[test]
fn an_absent_corpus_fails_unless_skipping_is_asked_for() {
    let got = std::panic::catch_unwind(|| shared_corpus("no-such-platform"));
    if std::env::var_os("SPECC_SKIP_CORPUS").is_some_and(|v| v == "1") {
        assert!(matches!(got, Ok(None)));
    } else {
        let message = got.expect_err("an absent corpus must fail the test");
        let text = message.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(text.contains("set SPECC_SKIP_CORPUS=1 to skip"), "{text}");
    }
}
