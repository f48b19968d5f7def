//! `membrane/client-auth-location-unset`

use specc_syntax::edit::{insert_member, Place};

use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// The `getOAuthConfig` mapping has no `clientAuthLocation` (and none of the deprecated
    /// `skipClientAuthIn…` switches, which `membrane/deprecated-skip-client-auth` reports).
    ///
    /// The sources disagree about the absent case. The platform documentation's "Config
    /// Parameters" table says the client credentials go to "headers, body, or both if not
    /// specified" (Membrane's OAuth2 connector documentation, <https://docs.integration.app>), while
    /// the SDK's `OAUTH_CONFIG_SCHEMA` is an enum of `headers | body` with default `headers`. specc
    /// lowers an absent value as `headers`, the SDK default that actually runs, and says so here, so
    /// that the choice is visible rather than guessed silently. A value outside the enum is
    /// `membrane/client-auth-location-invalid`, an error.
    ///
    /// ## Why it matters
    /// A provider that only accepts credentials in the body (or only HTTP Basic) fails the token
    /// exchange depending on which reading the platform version follows; writing the value down
    /// removes the doubt. The connector works with the SDK default, so this is advice.
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
    /// @ scopes:
    /// @   - read
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
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ scopes:
    /// @   - read
    /// authorizeUri: https://auth.example.com/oauth2/authorize
    /// tokenUri: https://auth.example.com/oauth2/token
    /// clientAuthLocation: headers
    /// ```
    ///
    /// ## Fix safety
    /// Adding `clientAuthLocation: headers` is unsafe: it is what the SDK does, but under the
    /// documentation's "both" reading it drops the body credentials.
    pub struct ClientAuthLocationUnset {
        code: "membrane/client-auth-location-unset",
        summary: "`clientAuthLocation` is not set, so the SDK default `headers` applies",
        severity: Info,
        fix: Unsafe,
        since: "0.2.0",
        reads: [Membrane],
    }
}

impl Rule for ClientAuthLocationUnset {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(view) = super::oauth_config(cx) else { return };
        if view.client_auth_location.is_some() {
            return;
        }
        // The deprecated switches decide instead; `membrane/deprecated-skip-client-auth` reports them.
        if view.skip_client_auth_in_body.is_some() || view.skip_client_auth_in_header.is_some() {
            return;
        }
        let message = "`clientAuthLocation` is not set; specc assumes `headers`, the SDK default";
        let inline = super::model(cx).is_some_and(|m| m.spec == view.file);
        let mut d = if inline {
            let span = view.fields.first().map_or(view.span, |f| f.key_span);
            Self::diagnostic(message, span).with_label("in this mapping")
        } else {
            Self::file_diagnostic(message, view.file)
        }
        .with_note(
            "the docs say credentials go in headers and body when the key is absent, the SDK defaults to \
             `headers` only; specc follows the SDK",
        )
        .with_help("write `clientAuthLocation: headers` or `clientAuthLocation: body` explicitly");
        let doc = cx.doc(view.file);
        if let Some(edit) = doc.and_then(|d| insert_member(d, view.span, Place::Last, "clientAuthLocation", "headers")) {
            d = d.with_fix(Fix::unsafe_("write `clientAuthLocation: headers`", vec![edit]));
        }
        out.push(d);
    }
}
