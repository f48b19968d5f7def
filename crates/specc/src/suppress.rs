//! Inline suppressions in YAML (`# specc: ignore[code] reason`), applied together with the config's
//! severity overrides, per-path ignores and JSON Pointer suppressions.
//!
//! A suppression comment at the end of a line applies to findings that start on that line; a comment on
//! a line of its own applies to the next line that is not blank or a comment. Several codes are
//! separated by commas; namespaces (`openapi`) are allowed. A suppression that suppresses nothing is
//! reported as `specc/unused-suppression`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use specc_diagnostics::{Diagnostic, FileId, Span};
use specc_syntax::{Document, Format, SourceDb, TextRange};

use crate::config::Config;
use crate::driver::UnitReport;
use crate::select::{Pattern, Selection};

pub use specc_rules::rules::specc::UNUSED_SUPPRESSION;

/// One `# specc: ignore[...]` comment.
#[derive(Debug, Clone)]
pub struct InlineSuppression {
    /// 0-based line the suppression applies to.
    pub target_line: usize,
    pub codes: Vec<(Pattern, String)>,
    /// The comment's span.
    pub span: Span,
    pub used: bool,
}

/// Finds the suppression comments of a YAML document.
pub fn inline_suppressions(doc: &Document) -> Vec<InlineSuppression> {
    if doc.format != Format::Yaml {
        return Vec::new();
    }
    let mut out = Vec::new();
    let lines = doc.line_index.line_count();
    let mut pending: Vec<InlineSuppression> = Vec::new();
    for line in 0..lines {
        let Some((start, end)) = doc.line_index.line_range(line, &doc.text) else { continue };
        let text = &doc.text[start..end];
        let trimmed = text.trim_start();
        let comment_only = trimmed.starts_with('#');
        // Lines with content take the suppressions waiting from the comment lines above.
        if !trimmed.is_empty() && !comment_only {
            for mut p in pending.drain(..) {
                p.target_line = line;
                out.push(p);
            }
        }
        let Some(pos) = find_marker(text) else { continue };
        let comment = &text[pos..];
        let Some(parsed) = parse_comment(comment) else { continue };
        let span = Span::new(doc.file, start + pos, end);
        let s = InlineSuppression { target_line: line, codes: parsed, span, used: false };
        if comment_only {
            pending.push(s);
        } else {
            out.push(s);
        }
    }
    // Comments at the end of the file suppress nothing: keep them so they are reported unused.
    out.extend(pending);
    out
}

fn find_marker(line: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = line[from..].find('#') {
        let at = from + p;
        let starts_comment = at == 0 || line[..at].ends_with([' ', '\t']);
        if starts_comment && line[at + 1..].trim_start().starts_with("specc:") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `# specc: ignore[a, b] reason` → the codes.
fn parse_comment(comment: &str) -> Option<Vec<(Pattern, String)>> {
    let rest = comment.trim_start_matches('#').trim_start().strip_prefix("specc:")?.trim_start();
    let rest = rest.strip_prefix("ignore[")?;
    let close = rest.find(']')?;
    let codes: Vec<(Pattern, String)> = rest[..close]
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| (Pattern::new(c), c.to_string()))
        .collect();
    if codes.is_empty() {
        None
    } else {
        Some(codes)
    }
}

/// Applies configuration and suppressions report by report, remembering which config suppressions
/// were used so that the unused ones can be reported at the end. Reports may be handled on several
/// threads at once.
pub struct Suppressor<'a> {
    config: &'a Config,
    selection: &'a Selection,
    used: Vec<AtomicBool>,
}

impl<'a> Suppressor<'a> {
    pub fn new(config: &'a Config, selection: &'a Selection) -> Self {
        Suppressor { config, selection, used: config.suppressions.iter().map(|_| AtomicBool::new(false)).collect() }
    }

    /// Applies severity overrides, selection, per-path ignores and suppressions to one report.
    pub fn apply(&self, report: &mut UnitReport) {
        let config = self.config;
        let selection = self.selection;
        let mut inline: HashMap<FileId, Vec<InlineSuppression>> = HashMap::new();
        for doc in report.db.iter() {
            let s = inline_suppressions(doc);
            if !s.is_empty() {
                inline.insert(doc.file, s);
            }
        }
        let db = &report.db;
        let mut kept = Vec::with_capacity(report.diagnostics.len());
        for mut d in std::mem::take(&mut report.diagnostics) {
            d.severity = config.severity_for(d.code, d.severity);
            if !selection.keeps(&d) {
                continue;
            }
            let Some(doc) = db.get(d.span.file) else {
                kept.push(d);
                continue;
            };
            if config.path_ignores(&doc.path, d.code) {
                continue;
            }
            // Inline comment on the finding's line.
            let line = doc.line_index.line_of(d.span.start);
            let mut suppressed = false;
            if let Some(list) = inline.get_mut(&d.span.file) {
                for s in list.iter_mut().filter(|s| s.target_line == line && !d.file_level) {
                    if s.codes.iter().any(|(p, _)| p.matches(d.code)) {
                        s.used = true;
                        suppressed = true;
                    }
                }
            }
            // JSON Pointer suppressions from the config.
            if !suppressed && !config.suppressions.is_empty() {
                let rel = config.relative(&doc.path);
                let pointer = doc.pointer_of_range(TextRange { start: d.span.start, end: d.span.end });
                for (i, s) in config.suppressions.iter().enumerate() {
                    let under = pointer == s.pointer
                        || (pointer.starts_with(&s.pointer) && pointer[s.pointer.len()..].starts_with('/'))
                        || s.pointer.is_empty();
                    if under && s.file.is_match(&*rel) && s.codes.iter().any(|p| p.matches(d.code)) {
                        self.used[i].store(true, Ordering::Relaxed);
                        suppressed = true;
                    }
                }
            }
            if !suppressed {
                kept.push(d);
            }
        }
        // Unused inline suppressions (only when their code is selected).
        for list in inline.values() {
            for s in list.iter().filter(|s| !s.used) {
                let names: Vec<&str> = s.codes.iter().map(|(_, n)| n.as_str()).collect();
                let probe = Diagnostic::warning(UNUSED_SUPPRESSION, "", s.span);
                if !selection.keeps(&probe) {
                    continue;
                }
                kept.push(
                    Diagnostic::warning(
                        UNUSED_SUPPRESSION,
                        format!("suppression of `{}` matches no finding", names.join("`, `")),
                        s.span,
                    )
                    .with_help("remove the comment, or move it to the line of the finding"),
                );
            }
        }
        specc_diagnostics::sort_diagnostics(&mut kept);
        report.diagnostics = kept;
        // Rendered forms (made before this filter, if at all) no longer match.
        report.rendered.clear();
    }

    /// The report about unused `[[suppress]]` entries of the config, if any.
    pub fn finish(self) -> Option<UnitReport> {
        let config = self.config;
        let doc = config.document.as_ref()?;
        let unused: Vec<Diagnostic> = config
            .suppressions
            .iter()
            .zip(&self.used)
            .filter(|(_, used)| !used.load(Ordering::Relaxed))
            .map(|(s, _)| {
                Diagnostic::warning(
                    UNUSED_SUPPRESSION,
                    format!("suppression of `{}` matches no finding", s.pointer),
                    Span { file: FileId(0), ..s.span },
                )
                .with_help("remove the `[[suppress]]` entry, or correct its file glob, pointer or codes")
            })
            .filter(|d| self.selection.keeps(d))
            .collect();
        if unused.is_empty() {
            return None;
        }
        let mut db = SourceDb::new();
        db.add_document(doc.clone());
        Some(UnitReport::bare(doc.path.clone(), db, unused))
    }
}

/// Applies configuration and suppressions to every report, in place. Returns the report about unused
/// config suppressions, if any.
pub fn apply(reports: &mut [UnitReport], config: &Config, selection: &Selection) -> Option<UnitReport> {
    let s = Suppressor::new(config, selection);
    for r in reports.iter_mut() {
        s.apply(r);
    }
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_on_and_above_a_line() {
        let text = "a: 1 # specc: ignore[openapi/x] known\n# specc: ignore[oauth, syntax/duplicate-key]\n\n# other\nb: 2\n# specc: ignore[openapi]\n";
        let doc = Document::parse(FileId(0), "x.yaml", text.as_bytes());
        let s = inline_suppressions(&doc);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].target_line, 0);
        assert_eq!(s[0].codes[0].1, "openapi/x");
        assert_eq!(s[1].target_line, 4, "applies to the next content line");
        assert_eq!(s[1].codes.len(), 2);
        assert_eq!(s[2].target_line, 5, "a trailing comment at the end suppresses nothing");
        assert!(find_marker("url: \"http://x#specc: ignore[a]\"").is_none());
    }
}
