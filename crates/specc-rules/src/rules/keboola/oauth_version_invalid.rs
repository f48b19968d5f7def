//! `keboola/oauth-version-invalid`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// `oauth_version` of a manage body is not `1.0`, `2.0` or `facebook`. `quickbooks`, which
    /// Keboola's own tests use but no document lists, is `keboola/oauth-version-undocumented`.
    ///
    /// ## Why it matters
    /// The platform documentation defines the enum `1.0 | 2.0 | facebook` (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>),
    /// `oauth_version` Members). Older OAuth Manager deployments accept only `1.0`/`2.0`, and the v3
    /// broker has no enum at all; any other value picks no OAuth
    /// implementation.
    ///
    /// ## Example
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    ///   "oauth_version": "2"
    /// }
    /// ```
    /// Use instead:
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    ///   "oauth_version": "2.0"
    /// }
    /// ```
    pub struct OAuthVersionInvalid {
        code: "keboola/oauth-version-invalid",
        summary: "`oauth_version` is not `1.0`, `2.0` or `facebook`",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for OAuthVersionInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(v) = super::manage(cx).and_then(|m| m.oauth_version.as_ref()) else { return };
        let d = match v.value.as_str() {
            "1.0" | "2.0" | "facebook" | "" => return,
            // `keboola/oauth-version-undocumented`.
            super::oauth_version_undocumented::UNDOCUMENTED => return,
            "2" | "2.0.0" | "oauth2" | "OAuth2" => Diagnostic::error(
                OAuthVersionInvalid::META.code,
                format!("`oauth_version: {}` is not a known version", v.value),
                v.span,
            )
            .with_help("write `2.0`"),
            "1" | "1.0a" | "oauth1" => Diagnostic::error(
                OAuthVersionInvalid::META.code,
                format!("`oauth_version: {}` is not a known version", v.value),
                v.span,
            )
            .with_help("write `1.0`"),
            other => Diagnostic::error(
                OAuthVersionInvalid::META.code,
                format!("`oauth_version: {other}` is not a known version"),
                v.span,
            )
            .with_help("use `1.0`, `2.0` or `facebook`"),
        };
        out.push(d.with_label("unknown OAuth version"));
    }
}
