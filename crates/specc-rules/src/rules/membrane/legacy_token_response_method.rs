//! `membrane/legacy-token-response-method`

use specc_dialects::membrane::LEGACY_TOKEN_RESPONSE_METHOD;

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// A key `getCredentialsFromTokenResponse` under `auth:`. The method names contradict each other
    /// across sources: the platform documentation page (Membrane's OAuth2 connector documentation,
    /// <https://docs.integration.app>, "Custom Credentials Extraction"), the console docs and one
    /// version of docs.integration.app call the hook `getCredentialsFromTokenResponse`; the SDK
    /// (`@integration-app/sdk` 1.14.1) and exported connectors use
    /// `getCredentialsFromAccessTokenResponse` and `getCredentialsFromRefreshTokenResponse`. specc
    /// follows the SDK, because it is the code that parses the spec, and says which reading it took.
    /// Any other unknown key is `membrane/unknown-auth-method`, an error.
    ///
    /// ## Why it matters
    /// The SDK's schema strips unknown keys silently: a credentials hook written under the
    /// documented name never runs, and the connection keeps only the default credentials. Because
    /// the platform's own documentation uses the name, this is a warning rather than an error.
    ///
    /// ## Example
    /// ```yaml title="spec.yml"
    /// auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    /// @   test:
    /// @     implementationType: javascript
    ///   getCredentialsFromTokenResponse:
    ///     implementationType: javascript
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
    /// ```js title="auth/get-credentials-from-token-response.js"
    /// @ exports.getCredentialsFromTokenResponse = async function ({ tokenResponse }) {
    /// @   return tokenResponse
    /// @ }
    /// ```
    /// Use instead:
    /// ```yaml title="spec.yml"
    /// auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    /// @   test:
    /// @     implementationType: javascript
    ///   getCredentialsFromAccessTokenResponse:
    ///     implementationType: javascript
    /// ```
    /// ```js title="auth/get-credentials-from-access-token-response.js"
    /// @ exports.getCredentialsFromAccessTokenResponse = async function ({ tokenResponse }) {
    /// @   return tokenResponse
    /// @ }
    /// ```
    ///
    /// ## Fix safety
    /// Renaming `getCredentialsFromTokenResponse` to `getCredentialsFromAccessTokenResponse` is
    /// unsafe: it makes a hook run that did not run before (and its file is then looked for as
    /// `auth/get-credentials-from-access-token-response.js` unless `filePath` names it).
    pub struct LegacyTokenResponseMethod {
        code: "membrane/legacy-token-response-method",
        summary: "The auth hook uses the documentation's name `getCredentialsFromTokenResponse`, which the SDK drops",
        severity: Warning,
        fix: Unsafe,
        since: "0.2.0",
        reads: [Membrane],
    }
}

const NEW_NAME: &str = "getCredentialsFromAccessTokenResponse";

impl Rule for LegacyTokenResponseMethod {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(auth) = super::auth(cx) else { return };
        for k in &auth.keys {
            if k.key == LEGACY_TOKEN_RESPONSE_METHOD {
                out.push(legacy(k.key_span, auth.method(NEW_NAME).is_some()));
            }
        }
    }
}

fn legacy(key_span: specc_ir::Span, new_present: bool) -> Diagnostic {
    let mut d = LegacyTokenResponseMethod::diagnostic(
        format!("`{LEGACY_TOKEN_RESPONSE_METHOD}` is not a method of the current SDK; the hook never runs"),
        key_span,
    )
    .with_label("dropped by the SDK schema")
    .with_note(
        "the Integration.app documentation names this hook `getCredentialsFromTokenResponse`, \
         but the SDK only knows `getCredentialsFromAccessTokenResponse` and `getCredentialsFromRefreshTokenResponse`; \
         specc follows the SDK",
    );
    if new_present {
        d = d.with_help(format!("`{NEW_NAME}` is already defined: remove this key"));
    } else {
        d = d.with_help(format!("rename it to `{NEW_NAME}`")).with_fix(Fix::unsafe_(
            format!("rename to `{NEW_NAME}`"),
            vec![Edit { span: key_span, replacement: NEW_NAME.to_string() }],
        ));
    }
    d
}
