//! The examples of every rule page are checked, as biome does with its rule docs: the files of the
//! `## Example` section (see `specc_rules::examples` for how a block names its file and hides lines)
//! are written to a temporary directory and checked as the CLI checks them (one file by its path, a
//! unit of several files as a directory). The example must
//! raise the rule; the `Use instead` side must be read as a configuration (not skipped as an unknown
//! file) and raise neither the rule nor any error or warning.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic with a message

use std::path::{Path, PathBuf};

use specc::driver::UnitReport;
use specc_diagnostics::Severity;

/// Codes whose page cannot show a checkable pair of examples, with the reason. Keep this short: a
/// rule listed here whose examples do check is reported, so the list cannot go stale.
const NOT_CHECKED: &[(&str, &str)] = &[
    // Raised from a live authorization server's answers, never from files (tests/it/probe.rs).
    ("probe/", "needs a server"),
    // Raised by `specc build`, not `specc check` (tests/it/build.rs).
    ("build/", "made by `specc build`"),
    // The defect is in bytes or sizes a page cannot carry (tests/it/adversarial.rs and cli.rs).
    ("syntax/byte-order-mark", "an invisible byte"),
    ("syntax/invalid-utf8", "bytes that are not text"),
    ("syntax/file-too-large", "a file over the size limit"),
    ("syntax/nesting-too-deep", "more than 256 levels"),
    ("syntax/unreadable-file", "file permissions"),
    // Needs a symbolic link, or a file outside the directory checked (tests/it/security.rs).
    ("specc/path-outside-root", "a file outside the example's directory"),
];

fn not_checked(code: &str) -> bool {
    NOT_CHECKED.iter().any(|(c, _)| if c.ends_with('/') { code.starts_with(c) } else { code == *c })
}

/// A fresh directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("specc-examples-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Writes `files` under `dir` and checks them as the CLI does: one file as `specc check FILE`, several
/// (a connector directory, an instance and its model, a file and its `specc.toml`) as `specc check DIR`.
fn check(dir: &Path, files: &[specc_rules::examples::ExampleFile]) -> Result<Vec<UnitReport>, String> {
    for f in files {
        let rel = Path::new(&f.path);
        if rel.is_absolute() || rel.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
            return Err(format!("`{}` is not a plain relative path", f.path));
        }
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dir");
        std::fs::write(&path, &f.text).expect("write example");
    }
    let target = match files {
        [one] => dir.join(&one.path),
        _ => dir.to_path_buf(),
    };
    let options = specc::RunOptions { paths: vec![target.clone()], ..specc::RunOptions::default() };
    Ok(match specc::run(&options) {
        Ok(run) => run.reports,
        Err(err) => vec![UnitReport::bare(target, err.db, err.diagnostics)],
    })
}

fn shown(reports: &[UnitReport]) -> String {
    let lines: Vec<String> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter())
        .map(|d| format!("    {} {} {}", d.severity.as_str(), d.code, d.message))
        .collect();
    if lines.is_empty() {
        "    (no findings)".to_string()
    } else {
        lines.join("\n")
    }
}

/// The problems of one rule's examples, checked under `dir`.
fn problems_of(meta: &specc_rules::RuleMeta, dir: &Path) -> Vec<String> {
    let code = meta.code;
    let ex = meta.examples();
    let mut problems = Vec::new();
    if ex.untitled > 0 {
        problems
            .push(format!("{code}: {} example block(s) name no file (```yaml title=\"openapi.yaml\"```)", ex.untitled));
    }
    if ex.bad.is_empty() {
        problems.push(format!("{code}: `## Example` has no block naming a file"));
    }
    if ex.good.is_empty() {
        problems.push(format!("{code}: `## Example` has no `Use instead:` side"));
    }
    if !problems.is_empty() {
        return problems;
    }
    if ex.good == ex.bad {
        problems.push(format!("{code}: the `Use instead:` side changes no file of the example"));
    }
    for (side, files) in [("example", &ex.bad), ("`Use instead` side", &ex.good)] {
        if files.iter().all(|f| f.hidden) {
            problems.push(format!("{code}: the {side} shows no line on the page"));
        }
    }
    let bad = check(&dir.join("bad"), &ex.bad);
    let good = check(&dir.join("good"), &ex.good);
    let (bad, good) = match (bad, good) {
        (Ok(b), Ok(g)) => (b, g),
        (Err(e), _) | (_, Err(e)) => {
            problems.push(format!("{code}: {e}"));
            return problems;
        }
    };
    if !bad.iter().flat_map(|r| r.diagnostics.iter()).any(|d| d.code == code) {
        problems.push(format!("{code}: the example does not raise it; it gives\n{}", shown(&bad)));
    }
    let good_raises = good
        .iter()
        .flat_map(|r| r.diagnostics.iter())
        .any(|d| d.code == code || matches!(d.severity, Severity::Error | Severity::Warning));
    if good_raises {
        problems.push(format!("{code}: the `Use instead` side is not clean; it gives\n{}", shown(&good)));
    }
    if !good.iter().any(|r| r.lowered) {
        problems.push(format!("{code}: the `Use instead` side is not read as any dialect; it gives\n{}", shown(&good)));
    }
    problems
}

#[test]
fn every_rule_page_example_raises_its_rule_and_the_fix_does_not() {
    let root = scratch("all");
    let mut problems = Vec::new();
    let mut checked = 0;
    for rule in specc_rules::all_rules() {
        let meta = rule.meta();
        let dir = root.join(meta.code.replace('/', "__"));
        let found = problems_of(meta, &dir);
        if not_checked(meta.code) {
            if found.is_empty() {
                problems.push(format!("{}: its examples check, so take it off NOT_CHECKED", meta.code));
            }
            continue;
        }
        checked += 1;
        problems.extend(found);
    }
    let _ = std::fs::remove_dir_all(&root);
    assert!(problems.is_empty(), "{} problems with rule page examples:\n{}", problems.len(), problems.join("\n"));
    assert!(checked >= 100, "only {checked} rules had their examples checked");
}

#[test]
fn the_exceptions_name_real_codes() {
    let codes: Vec<&str> = specc_rules::all_rules().iter().map(|r| r.meta().code).collect();
    for (code, why) in NOT_CHECKED {
        assert!(!why.is_empty());
        assert!(codes.iter().any(|c| if code.ends_with('/') { c.starts_with(code) } else { c == code }), "{code}");
    }
}

/// A broken example fails: the check is not vacuous.
#[test]
fn a_broken_example_is_reported() {
    let rule = specc_rules::find_rule("oauth/insecure-http-url").expect("rule");
    let meta = *rule.meta();
    let dir = scratch("broken");
    assert!(problems_of(&meta, &dir).is_empty(), "the real page checks");
    for (what, doc) in [
        ("fixed on both sides", meta.raw_doc.replace("http://", "https://")),
        ("broken on both sides", meta.raw_doc.replace("https://", "http://")),
        ("without its examples", meta.raw_doc.replace("## Example", "## Examples removed\n\n## Other")),
        ("untitled", meta.raw_doc.replace(" title=\"", " name=\"")),
    ] {
        let leaked: &'static str = Box::leak(doc.into_boxed_str());
        let broken = specc_rules::RuleMeta { raw_doc: leaked, ..meta };
        assert!(!problems_of(&broken, &dir).is_empty(), "an example {what} must be reported");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
