//! `probe/client-auth-unsupported` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The way the configuration authenticates the client at the token endpoint (HTTP Basic,
    /// `client_secret_basic`; form parameters, `client_secret_post`; no secret, `none`) is not in the
    /// server's `token_endpoint_auth_methods_supported` (RFC 8414 §2).
    ///
    /// ## Why it matters
    /// A server that does not accept the method answers every token request with `invalid_client`
    /// (RFC 6749 §5.2). Some servers accept both secret methods whatever they advertise, so the
    /// exchange may pass against one deployment and fail against another.
    ///
    /// ## Example
    /// The server publishes `["client_secret_basic"]`; a Membrane connector has
    /// `clientAuthLocation: body`. Use `clientAuthLocation: headers`.
    pub struct ClientAuthUnsupported {
        code: super::CLIENT_AUTH_UNSUPPORTED,
        summary: "The configured client authentication is not one the server supports",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
