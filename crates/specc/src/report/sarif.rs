//! SARIF 2.1.0 output (`--format sarif`), for GitHub code scanning and other SARIF viewers.
//!
//! One run with the full rule table (`tool.driver.rules`, with help URIs and default levels), one result
//! per finding with its physical location (1-based lines, columns in UTF-16 code units as SARIF's default
//! `columnKind` says, plus byte offsets), related locations for secondary labels, and fixes as SARIF
//! `fixes` with byte-offset replacements. The test suite validates the output against the OASIS schema.

use serde_json::{json, Value};
use specc_diagnostics::{Diagnostic, Severity};
use specc_syntax::SourceDb;

use crate::driver::UnitReport;
use crate::wire::file_of;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(db: &SourceDb, span: specc_diagnostics::Span) -> Value {
    let Some(doc) = db.get(span.file) else {
        return json!({ "startLine": 1 });
    };
    let s = doc.line_index.lsp_position(&doc.text, span.start);
    let e = doc.line_index.lsp_position(&doc.text, span.end);
    json!({
        "startLine": s.line + 1,
        "startColumn": s.character + 1,
        "endLine": e.line + 1,
        "endColumn": e.character + 1,
        "byteOffset": span.start,
        "byteLength": span.end - span.start,
    })
}

/// A relative URI reference for a path (RFC 3986 §2): every byte outside the unreserved set and `/` is
/// percent-encoded, so no space, `?`, `#`, `%`, control character or newline appears raw.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn result(
    db: &SourceDb,
    d: &Diagnostic,
    rule_index: Option<usize>,
    secrets: &[(specc_diagnostics::Span, String)],
) -> Value {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str(&format!("\nhelp: {h}"));
    }
    let mut r = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&file_of(db, d.span)) },
                "region": region(db, d.span),
            }
        }],
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if !d.secondary.is_empty() {
        r["relatedLocations"] = Value::Array(
            d.secondary
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    json!({
                        "id": i,
                        "message": { "text": l.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&file_of(db, l.span)) },
                            "region": region(db, l.span),
                        }
                    })
                })
                .collect(),
        );
    }
    if let Some(fix) = &d.fix {
        let mut by_file: std::collections::BTreeMap<String, Vec<Value>> = std::collections::BTreeMap::new();
        for e in &fix.edits {
            by_file.entry(file_of(db, e.span)).or_default().push(json!({
                "deletedRegion": { "byteOffset": e.span.start, "byteLength": e.span.end - e.span.start },
                "insertedContent": { "text": crate::redact::redact_text(&e.replacement, secrets) },
            }));
        }
        r["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": by_file.into_iter().map(|(f, reps)| json!({
                "artifactLocation": { "uri": uri(&f) },
                "replacements": reps,
            })).collect::<Vec<_>>(),
        }]);
    }
    r
}

/// The SARIF log for a run.
pub fn render(reports: &[UnitReport]) -> Value {
    let rules = specc_rules::all_rules();
    let rule_table: Vec<Value> = rules
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name(),
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.doc(), "markdown": m.doc() },
                "helpUri": m.url(),
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": { "fixable": m.fix.as_str(), "namespace": m.namespace() },
            })
        })
        .collect();
    let mut results = Vec::new();
    for rep in reports {
        for d in &rep.diagnostics {
            let idx = rules.iter().position(|r| r.meta().code == d.code);
            results.push(result(&rep.db, d, idx, &rep.secrets));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "specc",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rule_table,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("a b/c#d?e%f\ng.json"), "a%20b/c%23d%3Fe%25f%0Ag.json");
        assert_eq!(uri("dir/é.yaml"), "dir/%C3%A9.yaml");
        assert_eq!(uri("plain/path-1_2.~x"), "plain/path-1_2.~x");
    }
}
