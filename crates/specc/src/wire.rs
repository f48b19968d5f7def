//! The JSON output format (`--format json`), version 1.
//!
//! One JSON document:
//!
//! ```json
//! {
//!   "version": 1,
//!   "tool": { "name": "specc", "version": "0.1.0" },
//!   "diagnostics": [ { "code": "openapi/oauth2-missing-token-url", "severity": "error", ... } ],
//!   "summary": { "units": 1, "files": 1, "errors": 1, "warnings": 0, "infos": 0, "fixable": 0 }
//! }
//! ```
//!
//! Each diagnostic has `code`, `name` (the part after the namespace), `severity` (`error`, `warning`,
//! `info`), `message`, `label`, `help`, `note` (each may be `null`), `file` (path as given or relative
//! to the working directory, with `/`), `range` (`start`/`end` UTF-8 byte offsets, end exclusive),
//! `start` and `end` (`line` and `column`, both 1-based, column counted in UTF-8 bytes), `lsp_range`
//! (0-based `line`, `character` in UTF-16 code units, as the Language Server Protocol counts),
//! `pointer` (RFC 6901 JSON Pointer of the innermost node at the start of the range, `""` for the
//! root or a file-level finding), `file_level`, `url` (the rule's documentation), `secondary` labels
//! with their own locations, and `fix` (`null`, or `title`, `applicability` `safe`/`unsafe`, and
//! `edits` with `file`, `range` and `replacement`). The schema is `schemas/check-output.schema.json`.
//!
//! These types are the only serialised form of a diagnostic; the IR and `Diagnostic` are not
//! `Serialize`.

use serde::{Deserialize, Serialize};
use specc_diagnostics::{Diagnostic, Severity, Span};
use specc_syntax::{SourceDb, TextRange};

use crate::driver::{display_path, UnitReport};

pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Output {
    pub version: u32,
    pub tool: Tool,
    pub diagnostics: Vec<WireDiagnostic>,
    pub summary: Summary,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone, Copy)]
pub struct ByteRange {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone, Copy)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone, Copy)]
pub struct LspPosition {
    pub line: u32,
    pub character: u32,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone, Copy)]
pub struct LspRange {
    pub start: LspPosition,
    pub end: LspPosition,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone)]
pub struct Location {
    pub file: String,
    pub range: ByteRange,
    pub start: Position,
    pub end: Position,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone)]
pub struct WireLabel {
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone)]
pub struct WireEdit {
    pub file: String,
    pub range: ByteRange,
    pub replacement: String,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone)]
pub struct WireFix {
    pub title: String,
    pub applicability: String,
    pub edits: Vec<WireEdit>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone)]
pub struct WireDiagnostic {
    pub code: String,
    pub name: String,
    pub severity: String,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
    pub note: Option<String>,
    pub file: String,
    pub range: ByteRange,
    pub start: Position,
    pub end: Position,
    pub lsp_range: LspRange,
    pub pointer: String,
    pub file_level: bool,
    pub url: String,
    pub secondary: Vec<WireLabel>,
    pub fix: Option<WireFix>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Default, Clone)]
pub struct Summary {
    pub units: usize,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixable: usize,
}

impl Summary {
    pub fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// File path of a span, for output.
pub fn file_of(db: &SourceDb, span: Span) -> String {
    db.get(span.file).map(|d| display_path(&d.path)).unwrap_or_default()
}

pub fn location(db: &SourceDb, span: Span) -> Location {
    let (start, end) = match db.get(span.file) {
        Some(doc) => {
            let s = doc.line_col(span.start);
            let e = doc.line_col(span.end);
            (Position { line: s.line, column: s.column }, Position { line: e.line, column: e.column })
        }
        None => (Position { line: 1, column: 1 }, Position { line: 1, column: 1 }),
    };
    Location { file: file_of(db, span), range: ByteRange { start: span.start, end: span.end }, start, end }
}

/// The wire form of one diagnostic.
pub fn to_wire(db: &SourceDb, d: &Diagnostic) -> WireDiagnostic {
    to_wire_redacted(db, d, &[])
}

/// The wire form of one diagnostic, with secret values kept out of fix replacements.
pub fn to_wire_redacted(db: &SourceDb, d: &Diagnostic, secrets: &[(Span, String)]) -> WireDiagnostic {
    to_wire_known(db, d, &crate::redact::KnownSecrets::unindexed(secrets))
}

/// [`to_wire_redacted`] with the unit's secrets prepared once for all its diagnostics.
pub fn to_wire_known(db: &SourceDb, d: &Diagnostic, secrets: &crate::redact::KnownSecrets) -> WireDiagnostic {
    let loc = location(db, d.span);
    let (lsp_range, pointer) = match db.get(d.span.file) {
        Some(doc) => {
            let s = doc.line_index.lsp_position(&doc.text, d.span.start);
            let e = doc.line_index.lsp_position(&doc.text, d.span.end);
            let pointer = if d.file_level {
                String::new()
            } else {
                doc.pointer_of_range(TextRange { start: d.span.start, end: d.span.end })
            };
            (
                LspRange {
                    start: LspPosition { line: s.line, character: s.character },
                    end: LspPosition { line: e.line, character: e.character },
                },
                pointer,
            )
        }
        None => (
            LspRange { start: LspPosition { line: 0, character: 0 }, end: LspPosition { line: 0, character: 0 } },
            String::new(),
        ),
    };
    let meta = specc_rules::find_rule(d.code).map(|r| r.meta());
    WireDiagnostic {
        code: d.code.to_string(),
        name: d.code.split_once('/').map_or(d.code, |(_, n)| n).to_string(),
        severity: d.severity.as_str().to_string(),
        message: d.message.clone(),
        label: d.label.clone(),
        help: d.help.clone(),
        note: d.note.clone(),
        file: loc.file,
        range: loc.range,
        start: loc.start,
        end: loc.end,
        lsp_range,
        pointer,
        file_level: d.file_level,
        url: meta.map(|m| m.url()).unwrap_or_default(),
        secondary: d
            .secondary
            .iter()
            .map(|l| WireLabel { location: location(db, l.span), message: l.message.clone() })
            .collect(),
        fix: d.fix.as_ref().map(|f| WireFix {
            title: f.title.clone(),
            applicability: f.applicability.as_str().to_string(),
            edits: f
                .edits
                .iter()
                .map(|e| WireEdit {
                    file: file_of(db, e.span),
                    range: ByteRange { start: e.span.start, end: e.span.end },
                    replacement: secrets.redact(&e.replacement),
                })
                .collect(),
        }),
    }
}

/// The whole JSON output for a run.
pub fn output(reports: &[UnitReport], keep: impl Fn(&Diagnostic) -> bool) -> Output {
    let mut diagnostics = Vec::new();
    let mut summary = Summary { units: reports.len(), ..Summary::default() };
    for r in reports {
        summary.files += r.db.len();
        let secrets = crate::redact::KnownSecrets::new(&r.secrets);
        for d in r.diagnostics.iter().filter(|d| keep(d)) {
            summary.count(d.severity);
            if d.fix.is_some() {
                summary.fixable += 1;
            }
            diagnostics.push(to_wire_known(&r.db, d, &secrets));
        }
    }
    Output {
        version: FORMAT_VERSION,
        tool: Tool { name: "specc".into(), version: env!("CARGO_PKG_VERSION").into() },
        diagnostics,
        summary,
    }
}
