//! `oauth/client-secret-in-body`

use specc_ir::ClientAuthLocation;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The client authenticates at the token endpoint by sending `client_id` and `client_secret`
    /// as form parameters in the request body (Keboola's token exchange, Membrane's
    /// `clientAuthLocation: body`), instead of HTTP Basic authentication. Not reported for elastic.io
    /// components: there the platform decides how credentials are sent and the author cannot change it.
    ///
    /// ## Why it matters
    /// RFC 6749 §2.3.1 (<https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1>) says including the
    /// credentials in the body is NOT RECOMMENDED and servers MUST support HTTP Basic; body
    /// parameters end up in more logs. On the other hand the OAuth 2.1 draft (§10) requires servers
    /// to accept body credentials, and some providers accept nothing else, so this is `info`:
    /// switch to the header when the provider supports it.
    ///
    /// ## Example
    /// A Membrane connector whose `get-oauth-config` mapping sends the client credentials in the body:
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
    /// clientAuthLocation: body
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
    /// Use instead, if the provider accepts it:
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// clientAuthLocation: headers
    /// ```
    pub struct ClientSecretInBody {
        code: "oauth/client-secret-in-body",
        summary: "The client secret is sent in the token request body",
        severity: Info,
        fix: None,
        since: "0.1.0",
    }
}

impl Rule for ClientSecretInBody {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // elastic.io's platform, not the component's author, decides how the client authenticates at
        // the token endpoint: nothing in component.json to change, so nothing to report.
        if cx.dialect() == specc_ir::Dialect::ElasticIo {
            return;
        }
        for config in &cx.ir().configs {
            let Some(loc) = &config.client_auth else { continue };
            let both = match loc.value {
                ClientAuthLocation::Body => false,
                ClientAuthLocation::Both => true,
                ClientAuthLocation::Header => continue,
            };
            out.push(
                Diagnostic::info(
                    Self::META.code,
                    if both {
                        format!("`{}` sends the client secret in the token request body as well as the header", config.name)
                    } else {
                        format!("`{}` sends the client secret in the token request body", config.name)
                    },
                    loc.span,
                )
                .with_label("client credentials in the body")
                .with_note("RFC 6749 §2.3.1 prefers HTTP Basic authentication; body credentials are NOT RECOMMENDED but widely accepted")
                .with_help("send the credentials in the `Authorization` header if the provider supports it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn body_auth_is_info() {
        let (db, d) = run_ir("clientAuthLocation: body\n", |c, f| {
            c.client_auth = Some(specc_ir::Spanned::new(ClientAuthLocation::Body, specc_ir::Span::new(f, 20, 24)));
        });
        let d = with_code(&d, ClientSecretInBody::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, specc_diagnostics::Severity::Info);
        assert_eq!(d[0].message, "`test` sends the client secret in the token request body");
        assert_eq!(slice(&db, d[0].span), "body");
    }
}
