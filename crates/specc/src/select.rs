//! Which findings are shown: `--select`, `--ignore` and the failure level.

use specc_diagnostics::{Diagnostic, Severity};

/// A code pattern: a full code (`openapi/oauth2-missing-token-url`), a namespace (`openapi` or
/// `openapi/*`), or `ALL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(String);

impl Pattern {
    /// A code or namespace; a renamed code (`specc_rules::REDIRECTS`) stands for its new name.
    pub fn new(s: &str) -> Self {
        let s = s.trim().trim_end_matches("/*");
        let s = specc_rules::REDIRECTS.iter().find(|r| r.from == s).map_or(s, |r| r.to);
        Pattern(s.to_string())
    }

    pub fn matches(&self, code: &str) -> bool {
        self.0 == "ALL" || self.0 == code || code.split_once('/').is_some_and(|(ns, _)| ns == self.0)
    }

    /// More specific patterns win over less specific ones.
    pub fn specificity(&self) -> u8 {
        if self.0 == "ALL" {
            0
        } else if self.0.contains('/') {
            2
        } else {
            1
        }
    }
}

/// The selection in force for a run.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<Pattern>,
    pub ignore: Vec<Pattern>,
}

impl Selection {
    /// Whether a finding is kept. Syntax and I/O findings cannot be turned off by `select`, only by
    /// an explicit `ignore` of their code or namespace.
    pub fn keeps(&self, d: &Diagnostic) -> bool {
        let best = |ps: &[Pattern]| ps.iter().filter(|p| p.matches(d.code)).map(Pattern::specificity).max();
        let sel = if self.select.is_empty() { Some(0) } else { best(&self.select) };
        let ign = best(&self.ignore);
        let always = d.code.starts_with("syntax/") || d.code.starts_with("specc/");
        match (sel, ign) {
            (_, Some(i)) if sel.is_none_or(|s| i >= s) => false,
            (None, _) => always,
            _ => true,
        }
    }
}

/// Parses `--fail-on`.
pub fn parse_fail_on(s: &str) -> Option<Option<Severity>> {
    match s {
        "never" | "none" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use specc_diagnostics::Span;

    fn d(code: &'static str) -> Diagnostic {
        Diagnostic::error(code, "m", Span::default())
    }

    #[test]
    fn select_and_ignore_by_code_and_namespace() {
        let s =
            Selection { select: vec![Pattern::new("openapi/*")], ignore: vec![Pattern::new("openapi/unused-scope")] };
        assert!(s.keeps(&d("openapi/oauth2-missing-token-url")));
        assert!(!s.keeps(&d("openapi/unused-scope")));
        assert!(!s.keeps(&d("oauth/insecure-http-url")));
        assert!(s.keeps(&d("syntax/invalid-json")));
        let s = Selection { select: vec![Pattern::new("openapi/unused-scope")], ignore: vec![Pattern::new("openapi")] };
        assert!(s.keeps(&d("openapi/unused-scope")), "a specific select beats a namespace ignore");
    }
}
