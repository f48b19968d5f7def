//! The list of every rule, lookup by code, and the engine that runs them over a unit.

use crate::rules;
use crate::{Context, Diagnostic, Rule, Severity, ViewKind};

/// A renamed code: users who still write the old one get the new one.
#[derive(Debug, Clone, Copy)]
pub struct RuleRedirect {
    pub from: &'static str,
    pub to: &'static str,
}

/// Renames so far. A code is never reused; a rename adds a line here.
pub const REDIRECTS: &[RuleRedirect] =
    &[RuleRedirect { from: "elasticio/refresh-token-not-requested", to: "provider/refresh-token-not-requested" }];

/// A code that, in the cases its page documents under `## Severity`, reports with another severity
/// than its default. Every other finding has its code's default severity (`RuleMeta::severity`);
/// `tests/it/fixtures.rs` checks that over every fixture and the ecosystem snapshot. A rule that needs a
/// second severity is normally two codes; a code belongs here only where splitting it would be
/// artificial (the same defect, judged by who controls the value or by the document's version).
#[derive(Debug, Clone, Copy)]
pub struct SeverityException {
    pub code: &'static str,
    /// The severities the code may also report with.
    pub also: &'static [Severity],
}

/// The only codes whose findings may differ from their default severity.
pub const SEVERITY_EXCEPTIONS: &[SeverityException] = &[
    // A marker in an OpenAPI description documents the provider; readers fill it in: warning.
    SeverityException { code: "provider/tenant-placeholder-unfilled", also: &[Severity::Warning] },
    // Swagger 2.0's JSON Schema does not require `scopes`, its text does: warning there.
    SeverityException { code: "openapi/oauth2-missing-scopes", also: &[Severity::Warning] },
    // A host picked from a fixed list or set by the component's owner is advice only: info.
    SeverityException { code: "elasticio/placeholder-in-uri-host", also: &[Severity::Info] },
    // `appKey` written as a number: the vendor's own docs show it, so a warning.
    SeverityException { code: "keboola/invalid-field-type", also: &[Severity::Warning] },
];

/// Whether a finding of `code` may have `severity`: its default, or a documented exception.
pub fn severity_allowed(code: &str, severity: Severity) -> bool {
    let default = find_rule(code).map(|r| r.meta().severity);
    default == Some(severity) || SEVERITY_EXCEPTIONS.iter().any(|e| e.code == code && e.also.contains(&severity))
}

/// Every rule, built-ins included, sorted by code.
pub fn all_rules() -> Vec<&'static dyn Rule> {
    let mut v: Vec<&'static dyn Rule> = rules::all().collect();
    v.sort_by_key(|r| r.meta().code);
    v
}

/// The rule for a code (following redirects).
pub fn find_rule(code: &str) -> Option<&'static dyn Rule> {
    let code = REDIRECTS.iter().find(|r| r.from == code).map_or(code, |r| r.to);
    rules::all().find(|r| r.meta().code == code)
}

/// Runs every non-built-in rule over one lowered unit.
///
/// In debug builds (every test), a rule that reads a dialect view its metadata does not declare
/// (`reads:` in `declare_rule!`) stops the run, so that its page cannot understate what it reads.
pub fn run_rules(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules::all() {
        if !rule.meta().builtin {
            cx.take_reads();
            rule.check(cx, &mut out);
            if cfg!(debug_assertions) {
                let undeclared: Vec<ViewKind> =
                    cx.take_reads().into_iter().filter(|v| !rule.meta().reads.contains(v)).collect();
                assert!(
                    undeclared.is_empty(),
                    "`{}` reads {undeclared:?} without declaring it in `reads:`",
                    rule.meta().code
                );
            }
        }
    }
    out
}

/// The dialect views one rule reads over a unit.
pub fn rule_reads(rule: &dyn Rule, cx: &Context<'_>) -> Vec<ViewKind> {
    cx.take_reads();
    rule.check(cx, &mut Vec::new());
    cx.take_reads()
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// Every rule is declared in `rules/<namespace>/<name>.rs` for the code `<namespace>/<name>`.
    #[test]
    fn each_rule_file_is_named_after_its_code() {
        let rules = all_rules();
        assert!(rules.len() > 100, "the registry lists every rule: {}", rules.len());
        for rule in &rules {
            let m = rule.meta();
            let want = PathBuf::from("rules").join(m.namespace()).join(format!("{}.rs", m.name().replace('-', "_")));
            let source = Path::new(m.source);
            assert!(
                source.ends_with(&want),
                "{} is declared in {}, expected a file ending in {}",
                m.code,
                m.source,
                want.display()
            );
        }
    }

    /// An exception names a real code, a severity other than its default, and its page says when.
    #[test]
    fn severity_exceptions_are_documented() {
        for e in SEVERITY_EXCEPTIONS {
            let rule = find_rule(e.code).unwrap_or_else(|| panic!("{}: no such code", e.code));
            let m = rule.meta();
            assert_eq!(find_rule(e.code).map(|r| r.meta().code), Some(e.code), "{}: not a redirect", e.code);
            let doc = m.doc();
            let section =
                doc.split("## Severity").nth(1).unwrap_or_else(|| panic!("{}: page lacks `## Severity`", e.code));
            let section = section.split("\n## ").next().unwrap_or_default();
            for sev in e.also {
                assert_ne!(*sev, m.severity, "{}: the default is not an exception", e.code);
                assert!(
                    section.contains(sev.as_str()),
                    "{}: `## Severity` does not say when it is {}",
                    e.code,
                    sev.as_str()
                );
            }
        }
        assert!(severity_allowed("oauth/pkce-weak", find_rule("oauth/pkce-weak").unwrap().meta().severity));
        assert!(!severity_allowed("oauth/pkce-weak", Severity::Info));
        assert!(!severity_allowed("no/such-code", Severity::Error));
    }

    /// No rule file picks a severity other than its code's default at a call site (outside its
    /// tests), unless the code is a documented exception: `Self::diagnostic` takes the default.
    #[test]
    fn rule_files_use_their_default_severity() {
        let mut wrong = Vec::new();
        for rule in all_rules() {
            let m = rule.meta();
            let text = std::fs::read_to_string(m.source).unwrap_or_else(|e| panic!("{}: {e}", m.source));
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let excepted = SEVERITY_EXCEPTIONS.iter().any(|e| e.code == m.code);
            // The two ways to pass any severity at all, with a variable: only for documented exceptions.
            for free in ["Diagnostic::new(", ".with_severity("] {
                if !excepted && code.contains(free) {
                    wrong.push(format!("{}: `{free}` picks a severity; use `Self::diagnostic`", m.source));
                }
            }
            for sev in [Severity::Error, Severity::Warning, Severity::Info] {
                if sev == m.severity || SEVERITY_EXCEPTIONS.iter().any(|e| e.code == m.code && e.also.contains(&sev)) {
                    continue;
                }
                let name = sev.as_str();
                let variant = format!("Severity::{}{}", name[..1].to_uppercase(), &name[1..]);
                if code.contains(&format!("Diagnostic::{name}(")) || code.contains(&variant) {
                    wrong.push(format!("{}: {} at a call site, default {}", m.source, name, m.severity.as_str()));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Every file in a namespace directory declares a rule (non-rule files live in `support/`), and the
    /// registry holds them all once.
    #[test]
    fn every_rule_file_is_registered_once() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut files = Vec::new();
        for ns in std::fs::read_dir(&root).unwrap() {
            let ns = ns.unwrap().path();
            if !ns.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(&ns).unwrap() {
                let f = f.unwrap().path();
                if f.is_file() && f.file_name().is_some_and(|n| n != "mod.rs") {
                    files.push(f);
                }
            }
        }
        files.sort();
        let mut registered: Vec<PathBuf> = all_rules().iter().map(|r| PathBuf::from(r.meta().source)).collect();
        registered.sort();
        assert_eq!(files.len(), registered.len(), "one rule per file");
        for (f, r) in files.iter().zip(&registered) {
            assert!(
                f.ends_with(r) || r.ends_with(f.strip_prefix(&root).unwrap()),
                "{} vs {}",
                f.display(),
                r.display()
            );
        }
        let mut codes: Vec<&str> = all_rules().iter().map(|r| r.meta().code).collect();
        codes.dedup();
        assert_eq!(codes.len(), registered.len(), "codes are unique");
    }

    /// Every fixture file (each file of a fixture directory too), for running rules over.
    fn fixture_files() -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                if p.is_dir() {
                    walk(&p, out);
                } else {
                    out.push(p);
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut out = Vec::new();
        walk(&root, &mut out);
        assert!(out.len() > 300, "the fixtures are at {}: {} files", root.display(), out.len());
        out
    }

    /// What each rule reads, as its metadata declares it (and its page says), is what it reads
    /// over the fixtures: no more (`run_rules` refuses that in debug builds) and no less.
    #[test]
    fn declared_reads_are_what_rules_read() {
        use std::collections::{BTreeMap, BTreeSet};
        let mut seen: BTreeMap<&str, BTreeSet<ViewKind>> = BTreeMap::new();
        for path in fixture_files() {
            let mut db = specc_syntax::SourceDb::new();
            let id = db.load(&path);
            let Some(doc) = db.get(id) else { continue };
            let Some(detection) = specc_dialects::detect(&path, doc) else { continue };
            let primary = match &detection.unit_primary {
                Some(p) => db.find_path(p).unwrap_or_else(|| db.load(p)),
                None => id,
            };
            let lowered = specc_dialects::lower(&mut db, primary, detection.dialect);
            let cx = Context::new(&db, &lowered);
            for rule in all_rules().into_iter().filter(|r| !r.meta().builtin) {
                seen.entry(rule.meta().code).or_default().extend(rule_reads(rule, &cx));
            }
        }
        let mut wrong = Vec::new();
        for rule in all_rules().into_iter().filter(|r| !r.meta().builtin) {
            let m = rule.meta();
            let declared: BTreeSet<ViewKind> = m.reads.iter().copied().collect();
            let read = seen.get(m.code).cloned().unwrap_or_default();
            if declared != read {
                wrong.push(format!("{}: declares reads: {declared:?}, reads {read:?} over the fixtures", m.code));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Rules read a dialect's view through its typed accessor on `Context`, never the syntax tree.
    #[test]
    fn rules_do_not_walk_the_syntax_tree() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut wrong = Vec::new();
        for ns in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            for file in std::fs::read_dir(ns.path()).into_iter().flatten().flatten() {
                let path = file.path();
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                for raw in ["dialects::View", "cx.view()", ".root.as_ref()", "Node", ".lookup("] {
                    if code.contains(raw) {
                        wrong.push(format!("{}: `{raw}`", path.display()));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
