//! `--format json`: one JSON document (the schema is `schemas/check-output.schema.json`; the types are
//! in [`crate::wire`]). The document is written while the check runs: its head (`version`, `tool`)
//! and tail (`summary`) are serialised by serde around the `diagnostics` array, whose elements are
//! rendered on the worker threads, indented for their place in the document. The bytes are those of
//! `serde_json::to_string_pretty` of the whole [`crate::wire::Output`].

use std::io::{self, Write};

use serde::Serialize;
use specc_diagnostics::Diagnostic;
use specc_syntax::SourceDb;

use crate::driver::UnitReport;
use crate::redact::KnownSecrets;
use crate::wire::{self, Summary, Tool};

/// Indentation of an element of the `diagnostics` array.
const ELEMENT_INDENT: &str = "    ";

/// Pretty JSON with a final newline.
pub fn pretty(v: &impl Serialize) -> io::Result<String> {
    serde_json::to_string_pretty(v).map(|s| s + "\n").map_err(io::Error::other)
}

/// One diagnostic as an element of the `diagnostics` array (without the separator before it).
fn element(db: &SourceDb, d: &Diagnostic, secrets: &KnownSecrets) -> String {
    let w = wire::to_wire_known(db, d, secrets);
    // Serialising plain data into a String cannot fail.
    let text = serde_json::to_string_pretty(&w).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + text.len() / 8 + ELEMENT_INDENT.len());
    out.push_str(ELEMENT_INDENT);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(ELEMENT_INDENT);
        }
        out.push_str(line);
    }
    out
}

/// Hands the element of each of one unit's findings to `each`.
pub fn render_each<E>(report: &UnitReport, mut each: impl FnMut(String) -> Result<(), E>) -> Result<(), E> {
    let secrets = KnownSecrets::new(&report.secrets);
    report.diagnostics.iter().try_for_each(|d| each(element(&report.db, d, &secrets)))
}

/// The elements of one unit's findings, one entry per finding.
pub fn render_unit(report: &UnitReport) -> Vec<String> {
    let secrets = KnownSecrets::new(&report.secrets);
    report.diagnostics.iter().map(|d| element(&report.db, d, &secrets)).collect()
}

/// The whole document for a run, at once.
pub fn render(reports: &[UnitReport]) -> io::Result<String> {
    pretty(&wire::output(reports, |_| true))
}

/// Writes the document element by element as the check hands them over.
pub struct Stream {
    elements: usize,
}

impl Stream {
    /// Writes the document's head, up to the opening of the `diagnostics` array.
    pub fn begin(out: &mut impl Write) -> io::Result<Stream> {
        #[derive(Serialize)]
        struct Head {
            version: u32,
            tool: Tool,
        }
        let head = Head {
            version: wire::FORMAT_VERSION,
            tool: Tool { name: "specc".into(), version: env!("CARGO_PKG_VERSION").into() },
        };
        let text = serde_json::to_string_pretty(&head).map_err(io::Error::other)?;
        let open = text.strip_suffix("\n}").unwrap_or(&text);
        write!(out, "{open},\n  \"diagnostics\": [")?;
        Ok(Stream { elements: 0 })
    }

    /// Writes one rendered element.
    pub fn element(&mut self, out: &mut impl Write, element: &str) -> io::Result<()> {
        out.write_all(if self.elements == 0 { b"\n" } else { b",\n" })?;
        self.elements += 1;
        out.write_all(element.as_bytes())
    }

    /// Writes findings that were not rendered on a worker (a configuration's own errors).
    pub fn diagnostics(&mut self, out: &mut impl Write, db: &SourceDb, diagnostics: &[Diagnostic]) -> io::Result<()> {
        let none = KnownSecrets::new(&[]);
        for d in diagnostics {
            self.element(out, &element(db, d, &none))?;
        }
        Ok(())
    }

    /// Closes the array and writes the summary and the end of the document.
    pub fn finish(self, out: &mut impl Write, summary: &Summary) -> io::Result<()> {
        #[derive(Serialize)]
        struct Tail<'a> {
            summary: &'a Summary,
        }
        let text = serde_json::to_string_pretty(&Tail { summary }).map_err(io::Error::other)?;
        let body = text.strip_prefix("{\n").unwrap_or(&text);
        let close = if self.elements == 0 { "]" } else { "\n  ]" };
        write!(out, "{close},\n{body}\n")
    }
}
