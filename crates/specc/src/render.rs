//! Human output: rustc-style reports with source snippets, drawn by miette.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use specc_diagnostics::{Diagnostic, Severity};
use specc_syntax::SourceDb;

use crate::driver::display_path;

/// Source text with its display name, borrowed (no copy of large files per report).
struct Src<'a> {
    name: String,
    text: &'a str,
    /// The document's line index (valid for `text`, which keeps every offset of the document).
    index: &'a specc_syntax::LineIndex,
}

impl SourceCode for Src<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette finds context lines by scanning from the start of the text; on a large file with many
        // findings that is quadratic. Hand it a window of whole lines around the span instead, and move
        // the result back to file coordinates.
        let first_line = self.index.line_of(span.offset() as u32).saturating_sub(before + 1);
        let last_line = self.index.line_of((span.offset() + span.len()) as u32) + after + 2;
        let base = self.index.line_start(first_line).map_or(0, |o| o as usize);
        let end = self.index.line_start(last_line + 1).map_or(self.text.len(), |o| o as usize).max(base);
        let window = self.text.get(base..end).unwrap_or(self.text);
        let base = if window.len() == self.text.len() { 0 } else { base };
        let first_line = if base == 0 { 0 } else { first_line };
        let local = SourceSpan::new((span.offset() - base).into(), span.len());
        let c = window.read_span(&local, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            SourceSpan::new((c.span().offset() + base).into(), c.span().len()),
            c.line() + first_line,
            c.column(),
            c.line_count(),
        )))
    }
}

struct Report<'a> {
    d: &'a Diagnostic,
    src: Option<Src<'a>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    url: Option<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.d.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.url.as_ref().map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.src.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// Splits `text` into lines of at most `width` characters at spaces (words longer than that stay whole).
fn textwrap_lines(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Lines longer than this (in bytes) are not shown as snippets.
const MAX_SNIPPET_LINE: usize = 2000;

/// Renders diagnostics for people.
pub struct HumanRenderer {
    handler: GraphicalReportHandler,
    show_fixes: bool,
    /// The last masked text, with what it was made from: a unit's findings share it instead of masking
    /// the whole file once per finding.
    masked: std::cell::RefCell<Option<(MaskKey, std::rc::Rc<String>)>>,
}

/// What a masked text depends on: the file (path and length) and the secrets masked in it.
type MaskKey = (std::path::PathBuf, usize, Vec<(specc_diagnostics::Span, String)>);

impl HumanRenderer {
    pub fn new(color: bool, width: usize) -> Self {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(width).with_links(false).with_urls(false);
        HumanRenderer { handler, show_fixes: true, masked: std::cell::RefCell::new(None) }
    }

    /// One report, ending with a newline.
    /// One report; secrets are found lexically in the report's file (see [`crate::redact::scan`]).
    pub fn render(&self, db: &SourceDb, d: &Diagnostic) -> String {
        let secrets = db.get(d.span.file).map(crate::redact::document_secrets).unwrap_or_default();
        self.render_masked(db, d, &secrets)
    }

    /// One report, with every secret value in the source snippet replaced by `*` (same byte length, so
    /// every offset and column stays right).
    pub fn render_masked(
        &self,
        db: &SourceDb,
        d: &Diagnostic,
        secrets: &[(specc_diagnostics::Span, String)],
    ) -> String {
        let doc = db.get(d.span.file);
        let masked: Option<std::rc::Rc<String>> = doc.and_then(|doc| {
            let mine = || secrets.iter().filter(|(s, _)| s.file == doc.file);
            mine().next()?;
            let mut cache = self.masked.borrow_mut();
            // Compared in place: a unit's findings all share one key, and cloning the secrets for
            // each would cost as much as masking.
            if let Some(((path, len, masked_secrets), text)) = cache.as_ref() {
                if *path == doc.path && *len == doc.text.len() && masked_secrets.iter().eq(mine()) {
                    return Some(text.clone());
                }
            }
            let key: MaskKey = (doc.path.clone(), doc.text.len(), mine().cloned().collect());
            let text = std::rc::Rc::new(crate::redact::mask_document(doc, &key.2)?);
            *cache = Some((key, text.clone()));
            Some(text)
        });
        let mut labels = Vec::new();
        let mut other_files = Vec::new();
        if let Some(doc) = doc {
            if !d.file_level {
                let len = d.span.len();
                labels.push(LabeledSpan::new_primary_with_span(d.label.clone(), (d.span.start as usize, len)));
            }
            // The primary location comes first: a label in the same file far enough above it to get a
            // snippet of its own (which would be drawn first) is listed after the report instead, so
            // the first snippet is always where the finding (and a `# specc: ignore` comment) goes.
            let primary_line = doc.line_col(d.span.start).line;
            for l in &d.secondary {
                let far_above = l.span.file == d.span.file && doc.line_col(l.span.start).line + 3 < primary_line;
                if l.span.file == d.span.file && far_above && !d.file_level {
                    let lc = doc.line_col(l.span.start);
                    other_files.push(format!("{}:{}:{}: {}", display_path(&doc.path), lc.line, lc.column, l.message));
                } else if l.span.file == d.span.file {
                    labels.push(LabeledSpan::new_with_span(
                        Some(l.message.clone()),
                        (l.span.start as usize, l.span.len()),
                    ));
                } else if let Some(other) = db.get(l.span.file) {
                    let lc = other.line_col(l.span.start);
                    other_files.push(format!("{}:{}:{}: {}", display_path(&other.path), lc.line, lc.column, l.message));
                }
            }
            let _ = doc;
        }
        let help = d.help.clone();
        // Notes, other-file labels and fixes follow the report, rustc-style (`= note: …`).
        let mut extra = Vec::new();
        if let Some(note) = &d.note {
            extra.push(format!("note: {note}"));
        }
        extra.extend(other_files.into_iter().map(|s| format!("see also: {s}")));
        if self.show_fixes {
            if let Some(fix) = &d.fix {
                let how = match fix.applicability {
                    specc_diagnostics::Applicability::Safe => "fix (safe)",
                    specc_diagnostics::Applicability::Unsafe => "fix (unsafe)",
                };
                extra.push(format!("{how}: {}", fix.title));
            }
        }
        // Snippets of very long lines (minified JSON) are useless and beyond what the drawing code can
        // lay out: name the location in the header and leave the snippet out.
        let too_wide = doc.is_some_and(|doc| {
            let spans = std::iter::once(d.span).chain(d.secondary.iter().map(|l| l.span));
            spans.filter(|s| s.file == doc.file).any(|s| {
                let line = doc.line_index.line_of(s.start);
                doc.line_index.line_range(line, &doc.text).is_some_and(|(a, b)| b - a > MAX_SNIPPET_LINE)
            })
        });
        let mut header_location = None;
        if too_wide {
            labels.clear();
            if let Some(doc) = doc {
                let lc = doc.line_col(d.span.start);
                header_location = Some(format!("{}:{}:{}", display_path(&doc.path), lc.line, lc.column));
            }
        }
        let report = Report {
            d,
            src: if too_wide {
                None
            } else {
                doc.map(|doc| Src {
                    name: display_path(&doc.path),
                    text: masked.as_deref().map_or(doc.text.as_str(), String::as_str),
                    index: &doc.line_index,
                })
            },
            labels,
            help,
            url: None,
        };
        let mut out = String::new();
        if self.handler.render_report(&mut out, &report).is_err() {
            out = format!("{}: {}\n", d.code, d.message);
        }
        if let Some(loc) = header_location {
            out = format!("{loc}: {}", out.trim_start());
        }
        // File-level findings have no snippet: say which file.
        if d.file_level {
            if let Some(doc) = doc {
                out = format!("{}: {}", display_path(&doc.path), out.trim_start());
            }
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
        for line in &extra {
            let mut first = true;
            for part in textwrap_lines(line, 96) {
                out.push_str(if first { "  = " } else { "    " });
                out.push_str(&part);
                out.push('\n');
                first = false;
            }
        }
        out
    }
}
