//! `membrane/skip-pkce`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The `getOAuthConfig` mapping sets `skipPkce: true`.
    ///
    /// ## Why it matters
    /// PKCE binds the authorization code to the client that asked for it. RFC 9700 §2.1.1 makes it a
    /// MUST for public clients and RECOMMENDED for confidential ones; the platform documentation documents `skipPkce` as
    /// "Set to true if the API doesn't support PKCE" (Membrane's OAuth2 connector documentation (<https://docs.integration.app>)), so it
    /// should only be there for providers that really reject the `code_challenge` parameter.
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
    /// skipPkce: true
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
    /// skipPkce: false
    /// ```
    pub struct SkipPkce {
        code: "membrane/skip-pkce",
        summary: "PKCE is switched off with `skipPkce: true`",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for SkipPkce {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(view) = super::oauth_config(cx) else { return };
        let Some(skip) = view.skip_pkce.as_ref().filter(|s| s.value) else { return };
        out.push(
            Diagnostic::warning(SkipPkce::META.code, "PKCE is switched off", skip.span)
                .with_label("`skipPkce: true`")
                .with_note(
                    "without PKCE an intercepted authorization code can be redeemed by someone else (RFC 9700 §2.1.1)",
                )
                .with_help("remove `skipPkce` unless the provider rejects `code_challenge`; then say so in a comment"),
        );
    }
}
