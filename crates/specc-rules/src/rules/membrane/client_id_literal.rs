//! `membrane/client-id-literal`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// `clientId` in the `getOAuthConfig` mapping is a literal string instead of a reference such as
    /// `$var: connectorParameters.clientId`. Obvious placeholders (`xxx`, `<client id>`, `dummy`,
    /// empty) are not reported. A literal `clientSecret` is `membrane/client-credential-literal`, an
    /// error.
    ///
    /// ## Why it matters
    /// The connector works, but only with the one OAuth app whose id is written into it: workspaces
    /// cannot bring their own app, which is what the platform's mapping example expects
    /// (Membrane's OAuth2 connector documentation, <https://docs.integration.app>, "OAuth2 Config",
    /// reads both the client id and the secret from connector parameters). A client id is not a
    /// secret, so this is a warning.
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
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// clientId: 3MVG9A2kN3Bn17hs
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
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// clientId:
    ///   $var: connectorParameters.clientId
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the value moves out of the file, so the workspace must set the connector parameter
    /// `clientId` before connections work again.
    pub struct ClientIdLiteral {
        code: "membrane/client-id-literal",
        summary: "The OAuth client id is written into the connector instead of a parameter",
        severity: Warning,
        fix: Unsafe,
        since: "0.2.0",
        reads: [Membrane],
    }
}

impl Rule for ClientIdLiteral {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        super::client_credential_literal::report(cx, out, "clientId");
    }
}
