//! `membrane/client-auth-location-invalid`

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `clientAuthLocation` in the `getOAuthConfig` mapping is not `headers` or `body` (for example
    /// `header` or `both`). An explicit `both` is an error too: the SDK's `OAUTH_CONFIG_SCHEMA` is an
    /// enum of `headers | body`, although the platform documentation describes "both" as what
    /// happens when the key is absent. An absent key is `membrane/client-auth-location-unset`.
    ///
    /// ## Why it matters
    /// A value outside the enum makes the SDK reject the config, so no connection can be made.
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
    /// clientAuthLocation: header
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
    /// clientAuthLocation: headers
    /// ```
    ///
    /// ## Fix safety
    /// `header` → `headers` is safe: it is the only value the typo can mean.
    pub struct ClientAuthLocationInvalid {
        code: "membrane/client-auth-location-invalid",
        summary: "`clientAuthLocation` is not `headers` or `body`",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for ClientAuthLocationInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(view) = super::oauth_config(cx) else { return };
        let code = ClientAuthLocationInvalid::META.code;
        match &view.client_auth_location {
            Some(loc) if loc.value == "headers" || loc.value == "body" => {}
            Some(loc) => {
                let mut d = Diagnostic::error(
                    code,
                    format!("`clientAuthLocation: {}` is not `headers` or `body`", loc.value),
                    loc.span,
                )
                .with_label("not a value the SDK accepts");
                d = match loc.value.as_str() {
                    "header" | "Headers" | "HEADERS" => d.with_help("write `headers`").with_fix(Fix::safe(
                        "write `headers`",
                        vec![Edit { span: loc.span, replacement: "headers".into() }],
                    )),
                    "Body" | "BODY" => d
                        .with_help("write `body`")
                        .with_fix(Fix::safe("write `body`", vec![Edit { span: loc.span, replacement: "body".into() }])),
                    "both" => d
                        .with_note(
                            "the docs describe \"both\" as the behaviour when the key is absent, but the SDK schema \
                             accepts only `headers` or `body`",
                        )
                        .with_help("pick `headers` (HTTP Basic) or `body`, whichever the provider accepts"),
                    _ => d.with_help("use `headers` (HTTP Basic, RFC 6749 §2.3.1) or `body`"),
                };
                out.push(d);
            }
            // `membrane/client-auth-location-unset`.
            None => {}
        }
    }
}
