//! `probe/invalid-scope` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The server answered `invalid_scope` (RFC 6749 §4.1.2.1, §5.2) to the scopes the platform
    /// sends.
    ///
    /// ## Why it matters
    /// The request fails. The scope is unknown, not allowed for this client, or joined with the
    /// wrong delimiter (`read,write` is one scope named `read,write`, RFC 6749 §3.3).
    ///
    /// ## Example
    /// `scopes: "read,write"` against a server that knows `read` and `write`.
    pub struct InvalidScope {
        code: super::INVALID_SCOPE,
        summary: "The server rejected the requested scopes",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
