//! `probe/invalid-grant` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The token endpoint answered `invalid_grant` (RFC 6749 §5.2) to the code exchange or the
    /// refresh: the code was issued to another redirect URI, the PKCE verifier does not match the
    /// challenge (RFC 7636 §4.6), or the refresh token is not accepted.
    ///
    /// ## Why it matters
    /// Users sign in and then get no connection, or the connection breaks at the first refresh.
    ///
    /// ## Example
    /// A token request whose `redirect_uri` differs from the authorization request's.
    pub struct InvalidGrant {
        code: super::INVALID_GRANT,
        summary: "The token endpoint rejected the code or refresh token",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
