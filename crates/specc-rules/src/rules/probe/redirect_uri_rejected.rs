//! `probe/redirect-uri-rejected` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The authorization server refused the redirect URI the platform sends (`invalid_redirect_uri`,
    /// `redirect_uri_mismatch`, or an `invalid_request` about `redirect_uri`), or the token endpoint
    /// refused the code because the redirect URI differs from the authorization request's.
    ///
    /// ## Why it matters
    /// Servers compare redirect URIs as exact strings (RFC 9700 §4.1.3, OpenID Connect Core
    /// §3.1.2.1): a trailing slash, `http` for `https`, another port or path makes every
    /// authorization fail. Register the URI byte for byte as the platform sends it.
    ///
    /// ## Example
    /// Registered `https://app.example.com/callback`, sent `https://app.example.com/callback/`.
    pub struct RedirectUriRejected {
        code: super::REDIRECT_URI_REJECTED,
        summary: "The server rejected the redirect URI the platform sends",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
