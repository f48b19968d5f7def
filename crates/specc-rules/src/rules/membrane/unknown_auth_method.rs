//! `membrane/unknown-auth-method`

use specc_dialects::membrane::{method_spec, AUTH_KEYS, LEGACY_TOKEN_RESPONSE_METHOD};

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A key under `auth:` that is neither a method the SDK knows nor one of `type`, `title`,
    /// `description`, `ui`, `credentialsSchema`, `options`. The documentation's older hook name
    /// `getCredentialsFromTokenResponse` is `membrane/legacy-token-response-method`.
    ///
    /// ## Why it matters
    /// The SDK's schema strips unknown keys silently: the method is never called, and nothing tells
    /// the author. A misspelt method simply does not run.
    ///
    /// ## Example
    /// ```yaml title="spec.yml"
    /// auth:
    /// @   type: oauth2
    ///   getOAuthConfg:
    ///     implementationType: mapping
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
    /// ```yaml title="spec.yml"
    /// auth:
    /// @   type: oauth2
    ///   getOAuthConfig:
    ///     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    /// @   test:
    /// @     implementationType: javascript
    /// ```
    pub struct UnknownAuthMethod {
        code: "membrane/unknown-auth-method",
        summary: "A key under `auth` that the SDK does not know and silently drops",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}


impl Rule for UnknownAuthMethod {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(auth) = super::auth(cx) else { return };
        for k in &auth.keys {
            if AUTH_KEYS.contains(&k.key.as_str()) || method_spec(&k.key).is_some() {
                continue;
            }
            // `membrane/legacy-token-response-method`.
            if k.key == LEGACY_TOKEN_RESPONSE_METHOD {
                continue;
            }
            let known: Vec<&str> = specc_dialects::membrane::METHODS.iter().map(|m| m.name).collect();
            let mut d = Diagnostic::error(
                UnknownAuthMethod::META.code,
                format!("`{}` is not a connector auth method; the SDK drops it", k.key),
                k.key_span,
            )
            .with_label("unknown key");
            d = match specc_dialects::suggest::did_you_mean(&k.key, &known) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("known methods: {}", known.join(", "))),
            };
            out.push(d);
        }
    }
}

