//! `probe/response-type-unsupported` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The server's `response_types_supported` (RFC 8414 §2) lacks `code`, the response type of
    /// the authorization code flow every platform runs, or the server answered
    /// `unsupported_response_type`.
    ///
    /// ## Why it matters
    /// The authorization request fails before the user signs in.
    ///
    /// ## Example
    /// A server that publishes only `["token"]` (implicit flow).
    pub struct ResponseTypeUnsupported {
        code: super::RESPONSE_TYPE_UNSUPPORTED,
        summary: "The server does not support the response type the flow needs",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
