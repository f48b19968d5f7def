//! `probe/invalid-client` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The token endpoint answered `invalid_client` (RFC 6749 §5.2): the client id is unknown, the
    /// secret is wrong, or the client authenticated in a way the server does not accept for it
    /// (Basic header against form parameters).
    ///
    /// ## Why it matters
    /// No token is ever issued. The finding points at the client authentication setting and the
    /// credentials it used.
    ///
    /// ## Example
    /// `clientAuthLocation: body` for a client registered with `client_secret_basic`, or a secret
    /// that was rotated at the provider.
    pub struct InvalidClient {
        code: super::INVALID_CLIENT,
        summary: "The token endpoint rejected the client's authentication",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
