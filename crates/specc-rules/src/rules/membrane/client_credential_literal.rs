//! `membrane/client-credential-literal`

use specc_dialects::membrane::MappingValue;

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `clientSecret` in the `getOAuthConfig` mapping is a literal string instead of a reference such
    /// as `$var: connectorParameters.clientSecret`. Obvious placeholders (`xxx`, `<client secret>`,
    /// `dummy`, empty) are not reported. A literal `clientId` is `membrane/client-id-literal`.
    ///
    /// ## Why it matters
    /// The platform documentation's mapping example reads both from connector parameters
    /// (Membrane's OAuth2 connector documentation (<https://docs.integration.app>), "OAuth2 Config"): workspaces set their own OAuth
    /// app there, and the secret stays out of the connector's source. A literal secret is published
    /// with every copy of the connector. specc never prints the value.
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
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// clientSecret: 8f1c0d2e9a7b
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
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// clientSecret:
    ///   $var: connectorParameters.clientSecret
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the value moves out of the file, so the workspace must set the connector parameter
    /// `clientSecret` before connections work again.
    pub struct ClientCredentialLiteral {
        code: "membrane/client-credential-literal",
        summary: "The OAuth client secret is written into the connector instead of a parameter",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for ClientCredentialLiteral {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report(cx, out, "clientSecret");
    }
}

/// Reports a literal `clientSecret` (this rule) or `clientId` (`membrane/client-id-literal`).
pub(super) fn report(cx: &Context<'_>, out: &mut Vec<Diagnostic>, only: &str) {
    let Some(view) = super::oauth_config(cx) else { return };
    for (key, field) in [("clientId", &view.client_id), ("clientSecret", &view.client_secret)] {
        if key != only {
            continue;
        }
        let Some((MappingValue::Literal(value), span)) = field else { continue };
        if specc_dialects::placeholders::is_placeholder_value(value.expose()) {
            continue;
        }
        let secret = key == "clientSecret";
        let message = if secret {
            format!("the client secret is written into the connector ({})", value.redacted())
        } else {
            "the client id is a literal, not a connector parameter".to_string()
        };
        let mut d = if secret {
            ClientCredentialLiteral::diagnostic(message, *span)
                .with_label("secret in clear")
                .with_note("anyone with the connector's source has the OAuth app's secret")
        } else {
            super::client_id_literal::ClientIdLiteral::diagnostic(message, *span)
                .with_label("literal client id")
                .with_note("workspaces cannot bring their own OAuth app")
        };
        d = d.with_help(format!("read it from `connectorParameters.{key}` and set the value in the workspace"));
        d = d.with_fix(Fix::unsafe_(
            format!("use `$var: connectorParameters.{key}`"),
            vec![Edit { span: *span, replacement: format!("{{ $var: connectorParameters.{key} }}") }],
        ));
        out.push(d);
    }
}
