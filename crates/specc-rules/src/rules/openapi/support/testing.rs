//! Test support: the whole pipeline (parse, detect, lower, rules) over in-memory files or a directory,
//! the way `specc check` runs it, plus span helpers for assertions.

use std::path::Path;

use specc_diagnostics::{Diagnostic, Span};
use specc_syntax::{SourceDb, TextRange};

use crate::Context;

/// Runs one file through the pipeline. Returns the database (for slicing spans) and every finding.
pub fn check_text(name: &str, text: &str) -> (SourceDb, Vec<Diagnostic>) {
    check_bytes(name, text.as_bytes())
}

/// Same as [`check_text`] for raw bytes.
pub fn check_bytes(name: &str, bytes: &[u8]) -> (SourceDb, Vec<Diagnostic>) {
    let mut db = SourceDb::new();
    let id = db.add_bytes(name, bytes);
    let diags = run(&mut db, id);
    (db, diags)
}

/// Runs a file on disk through the pipeline (files it references, such as an Itential model, are
/// loaded into the same database).
pub fn check_path(path: &Path) -> (SourceDb, Vec<Diagnostic>) {
    let mut db = SourceDb::new();
    let id = db.load(path);
    let diags = run(&mut db, id);
    (db, diags)
}

fn run(db: &mut SourceDb, id: specc_syntax::FileId) -> Vec<Diagnostic> {
    let Some(doc) = db.get(id) else { return Vec::new() };
    let mut out = doc.diagnostics.clone();
    if doc.fatal {
        return out;
    }
    let Some(detection) = specc_dialects::detect(&doc.path.clone(), doc) else { return out };
    let lowered = specc_dialects::lower(db, id, detection.dialect);
    out.extend(crate::run_rules(&Context::new(db, &lowered)));
    out.extend(lowered.diagnostics.iter().cloned());
    // Syntax findings of documents loaded while lowering (an Itential model).
    for d in db.iter().filter(|d| d.file != id) {
        out.extend(d.diagnostics.iter().cloned());
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| seen.insert((d.code, d.span, d.message.clone())));
    specc_diagnostics::sort_diagnostics(&mut out);
    out
}

/// Writes files into a fresh temporary directory and returns its path.
pub fn temp_dir(tag: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("specc-rules-{tag}-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

/// Checks an Itential instance written next to its model in a temporary directory.
pub fn check_itential(instance: &str, model: &str) -> (SourceDb, Vec<Diagnostic>) {
    let dir = temp_dir("itential", &[("instance.yaml", instance), ("model.json", model)]);
    let out = check_path(&dir.join("instance.yaml"));
    std::fs::remove_dir_all(&dir).ok();
    out
}

/// The source text under a span.
pub fn slice(db: &SourceDb, span: Span) -> String {
    db.get(span.file).map(|d| d.slice(TextRange { start: span.start, end: span.end }).to_string()).unwrap_or_default()
}

/// The findings with one code.
pub fn with_code<'a>(diags: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    diags.iter().filter(|d| d.code == code).collect()
}

/// Applies a diagnostic's fix to its file's text (single-file fixes only).
pub fn apply_fix(db: &SourceDb, d: &Diagnostic) -> String {
    let fix = d.fix.as_ref().expect("a fix");
    let file = fix.edits[0].span.file;
    assert!(fix.edits.iter().all(|e| e.span.file == file), "a single-file fix");
    specc_syntax::edit::apply(&db.get(file).unwrap().text, &fix.edits)
}

/// An OpenAPI model with one oauth2 scheme `o` offering the authorization code flow, for instance tests.
pub const AUTH_CODE_MODEL: &str = r#"{"openapi": "3.0.0", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a.example.com/auth", "tokenUrl": "https://a.example.com/token", "scopes": {}}}}}}}"#;

/// Checks an Itential instance against [`AUTH_CODE_MODEL`] whose only varying field is `redirect_uri`.
pub fn check_instance_redirect(redirect: &str) -> (SourceDb, Vec<Diagnostic>) {
    check_itential(
        &format!("model: model.json\nclient_id: abc\nclient_secret: \"{{{{S}}}}\"\nredirect_uri: {redirect}\n"),
        AUTH_CODE_MODEL,
    )
}

/// The findings besides the advice most small test documents draw: an empty `scopes` map
/// (`openapi/oauth2-empty-scopes`) and a relative URL resolved against the server
/// (`openapi/oauth2-relative-url`).
pub fn ignoring_advice(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter().filter(|d| !matches!(d.code, "openapi/oauth2-empty-scopes" | "openapi/oauth2-relative-url")).collect()
}
