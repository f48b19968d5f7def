//! `probe/grant-unsupported` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The grant type of the configured flow (`authorization_code`, `client_credentials`...), or
    /// `refresh_token` for a platform that refreshes, is not in the server's
    /// `grant_types_supported` (RFC 8414 §2; omitted means `authorization_code` and `implicit`), or
    /// the token endpoint answered `unsupported_grant_type` (RFC 6749 §5.2).
    ///
    /// ## Why it matters
    /// The token request fails for every user; without `refresh_token`, connections expire with the
    /// first access token.
    ///
    /// ## Example
    /// A client-credentials flow against a server that publishes only `authorization_code`.
    pub struct GrantUnsupported {
        code: super::GRANT_UNSUPPORTED,
        summary: "The server does not support the grant type the configuration uses",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
