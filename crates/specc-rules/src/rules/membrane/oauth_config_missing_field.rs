//! `membrane/oauth-config-missing-field`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The `getOAuthConfig` mapping (`auth/get-oauth-config.map.yml`, `auth/oauth-config.yml`, or an
    /// inline `mapping:`) lacks `clientId`, `clientSecret`, `authorizeUri` or `tokenUri`.
    ///
    /// ## Why it matters
    /// These four are what the platform needs to send the user to the provider and to exchange the
    /// code for a token; the platform documentation's "Config Parameters" table and the Membrane OAuth2 docs list them
    /// as required (Membrane's OAuth2 connector documentation (<https://docs.integration.app>)). A config written in
    /// JavaScript is not checked.
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
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// clientId:
    ///   $var: connectorParameters.clientId
    /// authorizeUri: https://auth.example.com/oauth2/authorize
    /// tokenUri: https://auth.example.com/oauth2/token
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
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// clientId:
    ///   $var: connectorParameters.clientId
    /// clientSecret:
    ///   $var: connectorParameters.clientSecret
    /// authorizeUri: https://auth.example.com/oauth2/authorize
    /// tokenUri: https://auth.example.com/oauth2/token
    /// ```
    pub struct OAuthConfigMissingField {
        code: "membrane/oauth-config-missing-field",
        summary: "The `getOAuthConfig` mapping lacks a required field",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}

const REQUIRED: [(&str, &str); 4] = [
    ("clientId", "the OAuth client id"),
    ("clientSecret", "the OAuth client secret"),
    ("authorizeUri", "the provider's authorization endpoint"),
    ("tokenUri", "the provider's token endpoint"),
];

impl Rule for OAuthConfigMissingField {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(model), Some(view)) = (super::model(cx), super::oauth_config(cx)) else { return };
        let missing: Vec<(&str, &str)> = REQUIRED.into_iter().filter(|(k, _)| view.field(k).is_none()).collect();
        if missing.is_empty() {
            return;
        }
        let names = missing.iter().map(|(k, _)| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let what = missing.iter().map(|(k, w)| format!("`{k}` is {w}")).collect::<Vec<_>>().join("; ");
        let message = format!("the OAuth config has no {names}");
        let d = if view.file == model.spec {
            // Inline mapping: point at its first key.
            let span = view.fields.first().map_or(view.span, |f| f.key_span);
            Diagnostic::error(OAuthConfigMissingField::META.code, message, span).with_label("in this mapping")
        } else {
            Diagnostic::file(OAuthConfigMissingField::META.code, crate::Severity::Error, message, view.file)
        };
        out.push(d.with_note(what).with_help("add the missing fields to the `getOAuthConfig` mapping"));
    }
}
