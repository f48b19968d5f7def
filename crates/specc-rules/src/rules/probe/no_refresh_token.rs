//! `probe/no-refresh-token` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The token response has no `refresh_token`, and the platform needs one (elastic.io refreshes
    /// every OAuth 2.0 key). When only the configuration says one will come, the finding is
    /// `probe/refresh-token-not-returned`, a warning.
    ///
    /// ## Why it matters
    /// The connection stops working when the first access token expires. Many providers issue a
    /// refresh token only on request: the `offline_access` scope with `prompt=consent` (OpenID
    /// Connect Core §11), or `access_type=offline` (Google).
    ///
    /// ## Example
    /// `"scopes": ["openid", "api.read"]` against an OpenID provider. Use instead
    /// `"scopes": ["openid", "api.read", "offline_access"]` and `"prompt": "consent"`.
    pub struct NoRefreshToken {
        code: super::NO_REFRESH_TOKEN,
        summary: "No refresh token came back though the platform needs one",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
