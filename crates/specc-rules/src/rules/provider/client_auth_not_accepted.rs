//! `provider/client-auth-not-accepted`

use specc_ir::{ClientAuthLocation, Dialect};

use super::{platform, provider_of, source_note};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The client authenticates at the token endpoint in a way the provider's token endpoint does
    /// not accept, per the provider catalog: HTTP Basic (`client_secret_basic`) to a provider that
    /// takes the secret only in the request body, or `client_id`/`client_secret` form parameters
    /// (`client_secret_post`) to one that takes only HTTP Basic (Notion, Zoom, Reddit, and X for
    /// confidential clients).
    ///
    /// The location comes from the platform: elastic.io sends the body unless `client_auth: basic`;
    /// Membrane uses `clientAuthLocation` (headers by default).
    ///
    /// ## Why it matters
    /// The token endpoint answers `invalid_client` (or 401) and no token is ever issued: the
    /// connection cannot be made. RFC 6749 §2.3.1 lets an authorization server support only one of
    /// the two methods.
    ///
    /// Sources: the provider's page, linked in each finding; for example Notion's
    /// <https://developers.notion.com/reference/create-a-token>, whose official SDK sends the client
    /// credentials as HTTP Basic.
    ///
    /// ## Example
    /// A Membrane connector for Notion, whose token endpoint takes the client credentials only in the `Authorization` header:
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
    /// @ scopes:
    /// @   - read
    /// authorizeUri: https://api.notion.com/v1/oauth/authorize
    /// tokenUri: https://api.notion.com/v1/oauth/token
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
    /// Use instead:
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ scopes:
    /// @   - read
    /// authorizeUri: https://api.notion.com/v1/oauth/authorize
    /// tokenUri: https://api.notion.com/v1/oauth/token
    /// clientAuthLocation: headers
    /// ```
    pub struct ClientAuthNotAccepted {
        code: "provider/client-auth-not-accepted",
        summary: "The client authenticates at the token endpoint in a way the provider does not accept",
        severity: Error,
        fix: None,
        since: "0.2.0",
    }
}

impl Rule for ClientAuthNotAccepted {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            let Some(loc) = &config.client_auth else { continue };
            // No secret, no client authentication to judge (a public client).
            if config.client_secret.is_none() {
                continue;
            }
            let Some((p, _)) = provider_of(cx, config) else { continue };
            let Some(fact) = &p.client_auth else { continue };
            let (method, words) = match loc.value {
                ClientAuthLocation::Header => ("client_secret_basic", "with HTTP Basic in the `Authorization` header"),
                ClientAuthLocation::Body => {
                    ("client_secret_post", "as `client_id`/`client_secret` in the request body")
                }
                ClientAuthLocation::Both => continue,
            };
            if fact.accepts(method) {
                continue;
            }
            let accepted: Vec<&str> = fact.methods.iter().map(String::as_str).filter(|m| *m != "none").collect();
            let help = match (
                config.dialect,
                accepted.contains(&"client_secret_basic"),
                accepted.contains(&"client_secret_post"),
            ) {
                (Dialect::ElasticIo, true, _) => "add `\"client_auth\": \"basic\"` to `credentials.oauth2`".to_string(),
                (Dialect::Membrane, true, _) => "set `clientAuthLocation: headers`".to_string(),
                (Dialect::Membrane, false, true) => "set `clientAuthLocation: body`".to_string(),
                (Dialect::ElasticIo, false, true) => "remove `client_auth`: elastic.io then sends the body".to_string(),
                _ => format!("authenticate with {}", accepted.join(" or ")),
            };
            out.push(
                Diagnostic::error(
                    Self::META.code,
                    format!(
                        "{} authenticates the client {words}, and {}'s token endpoint accepts only {}",
                        platform(config.dialect),
                        p.name,
                        accepted.join(", ")
                    ),
                    loc.span,
                )
                .with_label(format!("`{method}`"))
                .with_note(source_note(p, &fact.source))
                .with_help(help),
            );
        }
    }
}
