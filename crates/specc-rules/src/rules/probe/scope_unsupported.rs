//! `probe/scope-unsupported` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A scope the configuration requests is not in the server's `scopes_supported` (RFC 8414 §2).
    ///
    /// ## Why it matters
    /// Servers answer an unknown scope with `invalid_scope`, or silently leave it out of the grant
    /// (then the API calls that need it fail later). A server may choose not to publish every scope,
    /// so this is a warning; `probe/invalid-scope` and `probe/scope-not-granted` report what the
    /// server really did.
    ///
    /// ## Example
    /// The server publishes `openid profile api.read`; the configuration asks for `api.admin`.
    pub struct ScopeUnsupported {
        code: super::SCOPE_UNSUPPORTED,
        summary: "A requested scope is not one the server publishes",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
