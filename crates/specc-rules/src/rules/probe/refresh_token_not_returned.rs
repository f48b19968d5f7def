//! `probe/refresh-token-not-returned` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The token response has no `refresh_token` although the configuration says one will come
    /// (Membrane's `noRefreshToken: false`), on a platform that can work without one. When the platform needs a refresh token (elastic.io
    /// refreshes every OAuth 2.0 key), the finding is `probe/no-refresh-token`, an error.
    ///
    /// ## Why it matters
    /// The configuration promises something the provider does not do: connections work until the
    /// first access token expires, and then need the user to sign in again. Many providers issue a
    /// refresh token only on request: the `offline_access` scope with `prompt=consent` (OpenID
    /// Connect Core §11, <https://openid.net/specs/openid-connect-core-1_0.html#OfflineAccess>), or
    /// `access_type=offline` (Google).
    ///
    /// ## Example
    /// A Membrane OAuth config with `noRefreshToken: false` and `scopes: [openid, read]` against an
    /// OpenID provider. Use instead `scopes: [openid, read, offline_access]` with `prompt=consent` in
    /// `extra`, or `noRefreshToken: true` if the provider never issues one.
    pub struct RefreshTokenNotReturned {
        code: super::REFRESH_TOKEN_NOT_RETURNED,
        summary: "No refresh token came back though the configuration says one will",
        severity: Warning,
        fix: None,
        since: "0.2.0",
        builtin: true,
    }
}
