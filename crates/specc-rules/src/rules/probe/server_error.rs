//! `probe/server-error` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The server answered an OAuth request with an error that none of the other `probe/` codes
    /// explains (`invalid_request`, `access_denied`, `server_error`, an HTTP error page), or with a
    /// response that is not what RFC 6749 §5.1 describes (no `access_token`, not JSON).
    ///
    /// ## Why it matters
    /// The flow fails at this step. The server's `error` and `error_description` are in the message.
    ///
    /// ## Example
    /// A token endpoint that answers `500 Internal Server Error` to the code exchange.
    pub struct ServerError {
        code: super::SERVER_ERROR,
        summary: "The server answered an OAuth request with an error",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
