//! `probe/pkce-unsupported` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The configuration sends a PKCE code challenge with a method (`S256`, or `plain`) that is not
    /// in the server's `code_challenge_methods_supported` (RFC 8414 §2, RFC 7636 §4.3).
    ///
    /// ## Why it matters
    /// The server rejects the authorization request (`invalid_request`) or, worse, ignores the
    /// challenge and then the verifier. `S256` is the method every server that supports PKCE must
    /// support (RFC 7636 §4.2); `plain` is for clients that cannot hash.
    ///
    /// ## Example
    /// The server publishes `["S256"]`; the configuration uses `plain`. Use `S256`.
    pub struct PkceUnsupported {
        code: super::PKCE_UNSUPPORTED,
        summary: "The configured PKCE method is not one the server supports",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
