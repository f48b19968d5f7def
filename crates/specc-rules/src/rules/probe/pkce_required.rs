//! `probe/pkce-required` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The server refused the authorization request because it carried no PKCE code challenge
    /// (`invalid_request`, RFC 7636 §4.4.1), and the configuration disables PKCE or cannot send it.
    ///
    /// ## Why it matters
    /// No user can connect: the server stops at the first step.
    ///
    /// ## Example
    /// ```yaml
    /// skipPkce: true
    /// ```
    /// Remove `skipPkce`, so the platform sends an `S256` challenge.
    pub struct PkceRequired {
        code: super::PKCE_REQUIRED,
        summary: "The server requires PKCE and the configuration does not send it",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
