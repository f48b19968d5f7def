//! `probe/unauthorized-client` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The server answered `unauthorized_client` (RFC 6749 §4.1.2.1, §5.2): the client is not
    /// allowed to use the configured flow.
    ///
    /// ## Why it matters
    /// The flow cannot work for this client until its registration at the provider allows the grant
    /// (a "web application" registered without client credentials, say), or the configuration uses
    /// the flow the client is registered for.
    ///
    /// ## Example
    /// A client-credentials configuration for a client registered only for the authorization code flow.
    pub struct UnauthorizedClient {
        code: super::UNAUTHORIZED_CLIENT,
        summary: "The client is not allowed to use the configured flow",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
