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
    let mut v = rules::all();
    v.sort_by_key(|r| r.meta().code);
    v
}

/// The rule for a code (following redirects).
pub fn find_rule(code: &str) -> Option<&'static dyn Rule> {
    let code = REDIRECTS.iter().find(|r| r.from == code).map_or(code, |r| r.to);
    rules::all().into_iter().find(|r| r.meta().code == code)
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
