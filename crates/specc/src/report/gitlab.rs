//! `--format gitlab`: GitLab Code Quality report (`artifacts:reports:codequality`), a JSON array of
//! issues with a description, check name, fingerprint, severity and location. The fingerprint is
//! stable across runs and line moves (code, file, JSON Pointer, message, and the issue's rank among
//! identical ones), so GitLab can tell new issues from fixed ones in merge requests.

use std::collections::HashMap;

use serde_json::{json, Value};
use specc_diagnostics::Severity;
use specc_syntax::TextRange;

use crate::baseline::fnv;
use crate::driver::UnitReport;

/// The whole report.
pub fn render(reports: &[UnitReport]) -> Value {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<Value> = super::findings(reports)
        .map(|(db, d, report)| {
            let loc = crate::wire::location(db, d.span);
            let pointer = match db.get(d.span.file) {
                Some(doc) if !d.file_level => doc.pointer_of_range(TextRange { start: d.span.start, end: d.span.end }),
                _ => String::new(),
            };
            let base = fnv(&[d.code, &loc.file, &pointer, &super::shown(&d.message, report)]);
            let rank = seen.entry(base.clone()).or_default();
            *rank += 1;
            let fingerprint = if *rank == 1 { base } else { fnv(&[&base, &rank.to_string()]) };
            let severity = match d.severity {
                Severity::Error => "critical",
                Severity::Warning => "major",
                Severity::Info => "info",
            };
            let mut description = d.message.clone();
            if let Some(h) = &d.help {
                description.push_str(&format!(" (help: {h})"));
            }
            let description = super::shown(&description, report);
            json!({
                "type": "issue",
                "description": description,
                "check_name": d.code,
                "categories": ["Security"],
                "fingerprint": fingerprint,
                "severity": severity,
                "location": {
                    "path": loc.file,
                    "lines": { "begin": loc.start.line, "end": loc.end.line }
                }
            })
        })
        .collect();
    Value::Array(issues)
}
