//! `probe/scope-not-granted` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The token response's `scope` (RFC 6749 §5.1) lacks scopes the configuration requested.
    ///
    /// ## Why it matters
    /// The token works, but calls that need the missing scopes fail with `insufficient_scope`
    /// (RFC 6750 §3.1) long after the connection was made. The usual causes are a wrong delimiter, a
    /// scope the client is not registered for, or a scope the server does not know.
    ///
    /// ## Example
    /// Requested `openid api.read api.write`, granted `openid api.read`.
    pub struct ScopeNotGranted {
        code: super::SCOPE_NOT_GRANTED,
        summary: "The server granted fewer scopes than the configuration requests",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
