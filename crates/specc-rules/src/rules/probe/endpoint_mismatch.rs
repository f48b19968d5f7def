//! `probe/endpoint-mismatch` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The authorization or token URL of the configuration is not the `authorization_endpoint` or
    /// `token_endpoint` that the server publishes in its metadata (RFC 8414
    /// `/.well-known/oauth-authorization-server`, or OpenID Connect Discovery
    /// `/.well-known/openid-configuration`). Query strings are ignored; scheme, host, port and path
    /// are compared.
    ///
    /// ## Why it matters
    /// An endpoint that is not the published one is often a copy of an old or regional URL, a
    /// version path (`/v1/` against `/v2/`) or another tenant's. It may still work today, but it is
    /// not the endpoint the provider maintains.
    ///
    /// ## Example
    /// Configured `https://login.example.com/oauth/token`, published
    /// `https://login.example.com/oauth2/v2.0/token`. Use the published URL.
    pub struct EndpointMismatch {
        code: super::ENDPOINT_MISMATCH,
        summary: "A configured endpoint is not the one the server's metadata publishes",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
