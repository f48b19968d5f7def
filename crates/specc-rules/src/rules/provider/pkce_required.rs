//! `provider/pkce-required`

use specc_ir::{Dialect, Pkce};
use specc_providers::PkceSupport;

use super::{has_authorization_code, provider_of, source_note};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// PKCE is off for a provider that requires it on every authorization code request, per the
    /// provider catalog (X OAuth 2.0, Airtable, Canva, Etsy). PKCE is off when:
    /// * Membrane: `skipPkce: true`;
    /// * Keboola: an OAuth Manager registration whose `auth_url` template carries no
    ///   `code_challenge`. The OAuth Manager fills only its `%%...%%` placeholders and redeems the
    ///   code with client id, secret, redirect URI and code, never a `code_verifier`
    ///   (<https://github.com/keboola/oauth-v2-bundle/blob/master/apiary.apib> lists no PKCE), so
    ///   such a provider cannot be authorized through it; the credentials can be put into the
    ///   configuration directly instead (<https://developers.keboola.com/extend/common-interface/oauth/>).
    ///
    /// elastic.io and OpenAPI/Itential configurations have no PKCE setting, so specc cannot tell
    /// whether PKCE is sent and this rule stays silent for them.
    ///
    /// ## Why it matters
    /// The provider rejects an authorization request without `code_challenge`, so no user can
    /// connect. PKCE (RFC 7636) is also what RFC 9700 recommends for every client.
    ///
    /// Sources: the provider's page, linked in each finding; for example Airtable,
    /// <https://airtable.com/developers/web/api/oauth-reference>.
    ///
    /// ## Example
    /// A Membrane connector for Airtable, which requires PKCE:
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
    /// @ clientAuthLocation: headers
    /// authorizeUri: https://airtable.com/oauth2/v1/authorize
    /// tokenUri: https://airtable.com/oauth2/v1/token
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
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// authorizeUri: https://airtable.com/oauth2/v1/authorize
    /// tokenUri: https://airtable.com/oauth2/v1/token
    /// ```
    pub struct PkceRequired {
        code: "provider/pkce-required",
        summary: "PKCE is turned off for a provider that requires it",
        severity: Error,
        fix: None,
        since: "0.2.0",
    }
}

impl Rule for PkceRequired {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            let Some(pkce) = &config.pkce else { continue };
            if pkce.value != Pkce::Disabled || !has_authorization_code(config) {
                continue;
            }
            let Some((p, _)) = provider_of(cx, config) else { continue };
            let Some(fact) = &p.pkce else { continue };
            if fact.support != PkceSupport::Required {
                continue;
            }
            out.push(
                Diagnostic::error(
                    Self::META.code,
                    format!("{} requires PKCE on authorization code requests, and it is turned off", p.name),
                    pkce.span,
                )
                .with_label("PKCE off")
                .with_note(source_note(p, &fact.source))
                .with_help(if config.dialect == Dialect::Keboola {
                    "Keboola's OAuth Manager sends no `code_challenge` and redeems the code without a `code_verifier`: \
                     authorize outside it and put the credentials into the configuration directly \
                     (https://developers.keboola.com/extend/common-interface/oauth/)"
                } else {
                    "turn PKCE on (S256)"
                }),
            );
        }
    }
}
