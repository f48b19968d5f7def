//! `membrane/no-refresh-inconsistent`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The `getOAuthConfig` mapping says `noRefreshToken: true`, yet the connector implements
    /// `refreshCredentials` or asks for offline access with `extra.access_type: offline`.
    ///
    /// ## Why it matters
    /// `noRefreshToken` tells the platform that the API issues no refresh token
    /// (Membrane's OAuth2 connector documentation (<https://docs.integration.app>), "Config Parameters"): it then never refreshes, and a
    /// `refreshCredentials` hook is dead code. Asking Google-style providers for `access_type:
    /// offline` only makes sense if the refresh token is used. One of the two is wrong.
    ///
    /// ## Example
    /// ```yaml title="spec.yml"
    /// @ auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    /// @   test:
    /// @     implementationType: javascript
    /// ```
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// noRefreshToken: true
    /// extra:
    ///   access_type: offline
    /// ```
    /// ```yaml title="auth/make-api-client.map.yml"
    /// @ baseUri: https://api.example.com
    /// @ headers:
    /// @   Authorization:
    /// @     $concat:
    /// @       values:
    /// @         - 'Bearer '
    /// @         - $var: credentials.access_token
    /// ```
    /// ```js title="auth/test.js"
    /// @ exports.test = async function ({ apiClient }) {
    /// @   await apiClient.get('/me')
    /// @ }
    /// ```
    /// Use instead:
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// noRefreshToken: false
    /// extra:
    ///   access_type: offline
    /// ```
    pub struct NoRefreshInconsistent {
        code: "membrane/no-refresh-inconsistent",
        summary: "`noRefreshToken: true` contradicts a refresh hook or offline access",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for NoRefreshInconsistent {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(auth), Some(view)) = (super::auth(cx), super::oauth_config(cx)) else { return };
        let Some(no_refresh) = view.no_refresh_token.as_ref().filter(|n| n.value) else { return };
        if let Some(m) = auth.method("refreshCredentials") {
            out.push(
                Diagnostic::warning(
                    NoRefreshInconsistent::META.code,
                    "`noRefreshToken: true`, but the connector implements `refreshCredentials`",
                    no_refresh.span,
                )
                .with_secondary(m.key_span, "refresh hook defined here")
                .with_help(
                    "remove `noRefreshToken` if the API issues refresh tokens, otherwise remove `refreshCredentials`",
                ),
            );
        }
        if let Some((k, _)) =
            view.extra_params.iter().find(|(k, v)| k.key == "access_type" && v.as_deref() == Some("offline"))
        {
            out.push(
                Diagnostic::warning(
                    NoRefreshInconsistent::META.code,
                    "`noRefreshToken: true`, but `extra.access_type: offline` asks for a refresh token",
                    no_refresh.span,
                )
                .with_secondary(k.member_span, "offline access requested here")
                .with_help("drop `noRefreshToken` to use the refresh token, or drop `access_type: offline`"),
            );
        }
    }
}
