//! The list of every rule, lookup by code, and the engine that runs them over a unit.

use crate::rules;
use crate::{Context, Diagnostic, Rule};

/// A renamed code: users who still write the old one get the new one.
#[derive(Debug, Clone, Copy)]
pub struct RuleRedirect {
    pub from: &'static str,
    pub to: &'static str,
}

/// Renames so far. A code is never reused; a rename adds a line here.
pub const REDIRECTS: &[RuleRedirect] =
    &[RuleRedirect { from: "elasticio/refresh-token-not-requested", to: "provider/refresh-token-not-requested" }];

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
pub fn run_rules(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules::all() {
        if !rule.meta().builtin {
            rule.check(cx, &mut out);
        }
    }
    out
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
}
