//! `probe/scope-delimiter` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The scope parameter the platform will send joins scopes with commas or semicolons, and the
    /// parts are scopes the server publishes: the server reads the joined string as one unknown scope.
    ///
    /// ## Why it matters
    /// The `scope` parameter is "a list of space-delimited, case-sensitive strings" (RFC 6749 §3.3);
    /// a comma is a legal character inside a scope name. `read,write` asks for one scope named
    /// `read,write`, which the server rejects (`invalid_scope`) or drops.
    ///
    /// ## Example
    /// ```yaml
    /// scope: openid,profile
    /// ```
    /// Use instead `scope: openid profile`.
    pub struct ScopeDelimiter {
        code: super::SCOPE_DELIMITER,
        summary: "The scopes are joined with a delimiter the server does not split on",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
