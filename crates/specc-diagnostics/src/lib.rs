//! The vocabulary every specc stage speaks: where something is ([`Span`]) and what is wrong with it
//! ([`Diagnostic`], with optional [`Fix`]).
//!
//! This crate owns plain data only. It never renders, prints, or computes line numbers: turning a byte
//! range into a line and column needs the source text, which lives in `specc-syntax`.

use std::fmt;

/// Identifies one loaded file inside a [`SourceDb`](../specc_syntax/struct.SourceDb.html).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range inside one file. `start <= end`; both are UTF-8 byte offsets into the original bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { file, start, end }
    }

    /// An empty span at the start of the file, used for findings about the file as a whole.
    pub fn file_start(file: FileId) -> Self {
        Span { file, start: 0, end: 0 }
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both (same file assumed; `self`'s file wins).
    pub fn cover(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" | "hint" | "information" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location with its own short message ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// Whether applying a fix can change what the configuration means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Keeps the meaning; `specc migrate` applies it by default.
    Safe,
    /// May change behaviour (an `http` URL becomes `https`); applied only on request.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes of `span` with `replacement`. An empty span inserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A machine-applicable change. Edits are sorted by position and never overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|e| (e.span.file, e.span.start, e.span.end));
        Fix { title: title.into(), applicability, edits }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::new(title, Applicability::Safe, edits)
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::new(title, Applicability::Unsafe, edits)
    }

    /// True when no two edits of the same file overlap (touching is allowed).
    pub fn is_well_formed(&self) -> bool {
        self.edits.windows(2).all(|w| w[0].span.file != w[1].span.file || w[0].span.end <= w[1].span.start)
    }
}

/// One finding: a stable code, where, what, why and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Namespaced kebab-case code such as `openapi/oauth2-missing-token-url`. Never reused.
    pub code: &'static str,
    pub severity: Severity,
    /// What is wrong, one sentence, no trailing period.
    pub message: String,
    /// The narrowest span that shows the problem.
    pub span: Span,
    /// True when the finding concerns the file as a whole and `span` is only its start.
    pub file_level: bool,
    /// Optional short text shown under the primary caret.
    pub label: Option<String>,
    pub secondary: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
    /// Why it matters, or which reading of an ambiguous document was taken.
    pub note: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            span,
            file_level: false,
            label: None,
            secondary: Vec::new(),
            help: None,
            note: None,
            fix: None,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic::new(code, Severity::Error, message, span)
    }

    pub fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic::new(code, Severity::Warning, message, span)
    }

    pub fn info(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic::new(code, Severity::Info, message, span)
    }

    /// A finding about a whole file (an empty file, a file too large to read).
    pub fn file(code: &'static str, severity: Severity, message: impl Into<String>, file: FileId) -> Self {
        let mut d = Diagnostic::new(code, severity, message, Span::file_start(file));
        d.file_level = true;
        d
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label { span, message: message.into() });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The namespace part of the code (`openapi` in `openapi/oauth2-missing-token-url`).
    pub fn namespace(&self) -> &'static str {
        self.code.split_once('/').map_or(self.code, |(ns, _)| ns)
    }
}

/// Sort key that makes output deterministic: file, position, then code.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.file, a.span.start, a.span.end, a.code, &a.message).cmp(&(
            b.span.file,
            b.span.start,
            b.span.end,
            b.code,
            &b.message,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_orders_by_badness() {
        assert!(Severity::Error > Severity::Warning);
        assert!(Severity::Warning > Severity::Info);
        assert_eq!(Severity::parse("warn"), Some(Severity::Warning));
        assert_eq!(Severity::parse("fatal"), None);
    }

    #[test]
    fn fix_sorts_edits_and_detects_overlap() {
        let f = FileId(0);
        let fix = Fix::safe(
            "t",
            vec![
                Edit { span: Span::new(f, 10, 12), replacement: "b".into() },
                Edit { span: Span::new(f, 0, 2), replacement: "a".into() },
            ],
        );
        assert_eq!(fix.edits[0].span.start, 0);
        assert!(fix.is_well_formed());
        let bad = Fix::safe(
            "t",
            vec![
                Edit { span: Span::new(f, 0, 5), replacement: String::new() },
                Edit { span: Span::new(f, 3, 7), replacement: String::new() },
            ],
        );
        assert!(!bad.is_well_formed());
    }

    #[test]
    fn namespace_is_prefix_of_code() {
        let d = Diagnostic::error("openapi/oauth2-missing-token-url", "m", Span::default());
        assert_eq!(d.namespace(), "openapi");
    }
}
