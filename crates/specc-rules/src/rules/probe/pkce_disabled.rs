//! `probe/pkce-disabled` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The server publishes `code_challenge_methods_supported` (it supports PKCE), and the
    /// configuration turns PKCE off (Membrane `skipPkce: true`, for instance).
    ///
    /// ## Why it matters
    /// PKCE protects the authorization code against interception and injection; OAuth 2.0 Security
    /// Best Current Practice (RFC 9700 §2.1.1) says clients should use it, and servers may start
    /// requiring it for a client at any time.
    ///
    /// ## Example
    /// ```yaml
    /// skipPkce: true
    /// ```
    /// Remove the switch, so the platform sends an `S256` challenge.
    pub struct PkceDisabled {
        code: super::PKCE_DISABLED,
        summary: "The server supports PKCE but the configuration switches it off",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
