//! `probe/response-mismatch` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The authorization response came back with a `state` other than the one sent (RFC 6749
    /// §10.12), or with an `iss` other than the server's issuer, or without `iss` from a server that
    /// publishes `authorization_response_iss_parameter_supported` (RFC 9207 §2.4); or the metadata's
    /// `issuer` is not the issuer it was fetched for (RFC 8414 §3.3).
    ///
    /// ## Why it matters
    /// A client must reject such a response: it may come from another server (mix-up attack) or
    /// another session.
    ///
    /// ## Example
    /// Metadata fetched from `https://login.example.com/` says `"issuer": "https://sts.example.com/"`.
    pub struct ResponseMismatch {
        code: super::RESPONSE_MISMATCH,
        summary: "The server's answer names another state or issuer than expected",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
