//! Fixture tests: every `fixtures/<namespace>/<case>/valid*` entry must check clean, every `invalid*`
//! entry must produce findings (of the rule `<namespace>/<case>` when that is a rule code), and the
//! human and JSON output of every invalid entry is snapshotted. Also the registry contract: every rule
//! is documented, has a unique code and at least one fixture that triggers it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic with a message

use std::path::{Path, PathBuf};

use specc::driver::UnitReport;
use specc::render::HumanRenderer;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// Codes that cannot be produced by a file in the fixture tree; they are covered by CLI tests.
const NO_FIXTURE: &[&str] = &[
    "syntax/file-too-large",
    "syntax/unreadable-file",
    "specc/unsupported-file",
    // Needs a symbolic link or a path out of the tree: covered by tests/it/security.rs.
    "specc/path-outside-root",
    "specc/unmatched-baseline-entry",
    // Made by `specc build`, never by `specc check`: covered by tests/it/build.rs.
    "build/field-not-expressible",
    "build/missing-input",
    "build/incompatible-target",
];

struct Entry {
    namespace: String,
    case: String,
    name: String,
    path: PathBuf,
    valid: bool,
}

fn entries(root: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    let fixtures = root.join("fixtures");
    let Ok(namespaces) = std::fs::read_dir(&fixtures) else { return out };
    for ns in namespaces.flatten() {
        if !ns.path().is_dir() {
            continue;
        }
        let Ok(cases) = std::fs::read_dir(ns.path()) else { continue };
        for case in cases.flatten() {
            if !case.path().is_dir() {
                continue;
            }
            let Ok(items) = std::fs::read_dir(case.path()) else { continue };
            for item in items.flatten() {
                let name = item.file_name().to_string_lossy().to_string();
                let valid = name.starts_with("valid");
                if !valid && !name.starts_with("invalid") {
                    continue;
                }
                out.push(Entry {
                    namespace: ns.file_name().to_string_lossy().to_string(),
                    case: case.file_name().to_string_lossy().to_string(),
                    name,
                    path: item.path().strip_prefix(root).expect("under root").to_path_buf(),
                    valid,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn human(reports: &[UnitReport]) -> String {
    let r = HumanRenderer::new(false, 100);
    let mut s = String::new();
    for rep in reports {
        for d in &rep.diagnostics {
            s.push_str(&r.render_masked(&rep.db, d, &rep.secrets));
            s.push('\n');
        }
    }
    s
}

#[test]
fn fixtures() {
    let root = workspace_root();
    std::env::set_current_dir(&root).expect("chdir");
    let entries = entries(&root);
    assert!(!entries.is_empty(), "no fixtures found");
    let codes: Vec<&str> = specc_rules::all_rules().iter().map(|r| r.meta().code).collect();
    let mut failures = Vec::new();
    for e in &entries {
        // As the CLI runs it: a `specc.toml` inside the entry (or above it) applies.
        let options = specc::RunOptions { paths: vec![e.path.clone()], ..specc::RunOptions::default() };
        let reports = match specc::run(&options) {
            Ok(run) => run.reports,
            Err(err) => vec![UnitReport::bare(e.path.clone(), err.db, err.diagnostics)],
        };
        let diags: Vec<_> = reports.iter().flat_map(|r| r.diagnostics.iter()).collect();
        let shown = || diags.iter().map(|d| format!("  {} {}", d.code, d.message)).collect::<Vec<_>>().join("\n");
        for d in &diags {
            if !specc_rules::severity_allowed(d.code, d.severity) {
                failures.push(format!(
                    "{}: `{}` reported as {}, not its default severity (see SEVERITY_EXCEPTIONS): {}",
                    e.path.display(),
                    d.code,
                    d.severity.as_str(),
                    d.message
                ));
            }
        }
        if e.valid {
            if !diags.is_empty() {
                failures.push(format!("{}: expected no findings, got:\n{}", e.path.display(), shown()));
            }
            continue;
        }
        let code = format!("{}/{}", e.namespace, e.case);
        if diags.is_empty() {
            // No snapshot of an empty report: the failure below says what is wrong.
            failures.push(format!("{}: expected findings, got none", e.path.display()));
            continue;
        } else if codes.contains(&code.as_str()) && !diags.iter().any(|d| d.code == code) {
            failures.push(format!("{}: expected a `{code}` finding, got:\n{}", e.path.display(), shown()));
        }
        // Snapshots of both formats.
        let snap_name = format!("{}__{}__{}", e.namespace, e.case, e.name.replace('.', "_"));
        let json = specc::wire::output(&reports, |_| true);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(root.join("tests/snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(&e.path);
        settings.bind(|| {
            insta::assert_snapshot!(format!("{snap_name}__human"), human(&reports));
            insta::assert_json_snapshot!(format!("{snap_name}__json"), json);
        });
    }
    assert!(failures.is_empty(), "{} fixture failures:\n{}", failures.len(), failures.join("\n"));
}

/// Every finding on the real files of the ecosystem check has its code's default severity, or one its
/// page documents (`specc_rules::SEVERITY_EXCEPTIONS`).
#[test]
fn ecosystem_findings_have_their_codes_default_severity() {
    let path = workspace_root().join("tests/ecosystem/SNAPSHOT.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/ecosystem/SNAPSHOT.tsv is committed");
    let mut rows = 0;
    let mut wrong = Vec::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(code), Some(sev)) = (cols.get(3), cols.get(4)) else { continue };
        let Some(severity) = specc_rules::Severity::parse(sev) else {
            wrong.push(format!("unknown severity: {line}"));
            continue;
        };
        rows += 1;
        if !specc_rules::severity_allowed(code, severity) {
            wrong.push(line.to_string());
        }
    }
    assert!(rows > 100, "the snapshot has findings: {rows}");
    assert!(wrong.is_empty(), "findings off their code's default severity:\n{}", wrong.join("\n"));
}

#[test]
fn every_rule_is_documented_unique_and_has_a_fixture() {
    let root = workspace_root();
    let entries = entries(&root);
    let rules = specc_rules::all_rules();
    let mut seen = std::collections::HashSet::new();
    let mut problems = Vec::new();
    for r in &rules {
        let m = r.meta();
        if !seen.insert(m.code) {
            problems.push(format!("{}: duplicate code", m.code));
        }
        let ok_code = m.code.split_once('/').is_some_and(|(ns, name)| {
            !ns.is_empty()
                && !name.is_empty()
                && m.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/')
        });
        if !ok_code {
            problems.push(format!("{}: code must be namespace/kebab-case", m.code));
        }
        let doc = m.doc();
        for section in ["## What it checks", "## Why it matters", "## Example"] {
            if !doc.contains(section) {
                problems.push(format!("{}: documentation lacks `{section}`", m.code));
            }
        }
        if m.fix != specc_rules::FixKind::None && !m.builtin && !doc.contains("## Fix safety") {
            problems.push(format!("{}: a fixable rule must document `## Fix safety`", m.code));
        }
        if m.summary.is_empty() || m.summary.ends_with('.') {
            problems.push(format!("{}: summary must be one line without a trailing period", m.code));
        }
        // `probe/` codes come from a live server, never from a file: covered by tests/it/probe.rs.
        if NO_FIXTURE.contains(&m.code) || m.code.starts_with("probe/") {
            continue;
        }
        let (ns, name) = m.code.split_once('/').unwrap_or(("", m.code));
        if !entries.iter().any(|e| e.namespace == ns && e.case == name && !e.valid) {
            problems.push(format!("{}: no `fixtures/{ns}/{name}/invalid*` fixture", m.code));
        }
        if !entries.iter().any(|e| e.namespace == ns && e.case == name && e.valid) {
            problems.push(format!("{}: no `fixtures/{ns}/{name}/valid*` fixture", m.code));
        }
    }
    assert!(problems.is_empty(), "{} registry problems:\n{}", problems.len(), problems.join("\n"));
}

/// Which schema describes a fixture file, by dialect folder and file name.
fn schema_for(path: &Path) -> Option<&'static str> {
    let s = path.to_string_lossy();
    let name = path.file_name()?.to_str()?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !matches!(ext, "json" | "yaml" | "yml") {
        return None;
    }
    if s.starts_with("fixtures/openapi/") {
        Some("openapi-security")
    } else if s.starts_with("fixtures/itential/") {
        if name.starts_with("instance") {
            Some("itential-instance")
        } else {
            Some("openapi-security")
        }
    } else if s.starts_with("fixtures/membrane/") {
        match name {
            "spec.yml" | "spec.yaml" => Some("membrane-spec"),
            "get-oauth-config.map.yml" | "oauth-config.yml" => Some("membrane-oauth-config"),
            _ => None,
        }
    } else if s.starts_with("fixtures/keboola/") {
        let text = std::fs::read_to_string(path).ok()?;
        Some(if text.contains("\"component_id\"") { "keboola-manage" } else { "keboola-config" })
    } else if s.starts_with("fixtures/elasticio/") {
        let text = std::fs::read_to_string(path).ok()?;
        if text.contains("\"oauth-client\"") {
            Some("elasticio-tenant-client")
        } else if text.contains("\"credentials\"") {
            Some("elasticio-component")
        } else {
            None
        }
    } else {
        None
    }
}

#[test]
fn valid_fixtures_match_the_shipped_json_schemas() {
    let root = workspace_root();
    std::env::set_current_dir(&root).expect("chdir");
    let mut checked = 0;
    let mut problems = Vec::new();
    for e in entries(&root).iter().filter(|e| e.valid) {
        let files: Vec<PathBuf> = if e.path.is_dir() {
            let mut v = Vec::new();
            let mut stack = vec![e.path.clone()];
            while let Some(d) = stack.pop() {
                for f in std::fs::read_dir(&d).expect("dir").flatten() {
                    if f.path().is_dir() {
                        stack.push(f.path());
                    } else {
                        v.push(f.path());
                    }
                }
            }
            v
        } else {
            vec![e.path.clone()]
        };
        for f in files {
            let Some(name) = schema_for(&f) else { continue };
            let schema_text = std::fs::read_to_string(root.join("schemas").join(format!("{name}.schema.json")))
                .expect("generated schema");
            let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema json");
            let validator = jsonschema::validator_for(&schema).expect("schema compiles");
            let bytes = std::fs::read(&f).expect("read");
            let doc = specc_syntax::Document::parse(specc_syntax::FileId(0), &f, &bytes);
            let Some(tree) = doc.root.as_ref() else { continue };
            let value = specc::migrate::to_value(tree);
            for err in validator.iter_errors(&value) {
                problems.push(format!("{} against {name}: {err} at {}", f.display(), err.instance_path()));
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} fixture files matched a schema");
    assert!(problems.is_empty(), "{} schema problems:\n{}", problems.len(), problems.join("\n"));
}
