//! `membrane/missing-required-method`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A connector's `auth:` section lacks a method without which the flow cannot run:
    /// `getOAuthConfig` (for `type: oauth2`) and `makeApiClient`. A missing `test` method is not
    /// reported: connector versions exported from live Membrane workspaces (Google Drive 2.1.x) have
    /// none, and connections still work; only their check is skipped.
    ///
    /// ## Why it matters
    /// Without `getOAuthConfig` the platform has no authorize or token endpoint to run the OAuth flow
    /// with; without `makeApiClient` no API call can be authenticated. The connector documentation
    /// lists both under "Method implementations"
    /// (<https://docs.integration.app/docs/connector-auth>).
    ///
    /// ## Example
    /// ```yaml title="spec.yml"
    /// auth:
    ///   type: oauth2
    ///   getOAuthConfig:
    ///     implementationType: mapping
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
    ///   type: oauth2
    ///   getOAuthConfig:
    ///     implementationType: mapping
    ///   makeApiClient:
    ///     implementationType: mapping
    /// @   test:
    /// @     implementationType: javascript
    /// ```
    pub struct MissingRequiredMethod {
        code: "membrane/missing-required-method",
        summary: "A connector's `auth` section lacks a method the SDK requires",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for MissingRequiredMethod {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(auth) = super::auth(cx) else { return };
        if auth.auth_type.is_none() {
            return;
        }
        let mut required = vec!["makeApiClient"];
        if auth.is_oauth2() {
            required.insert(0, "getOAuthConfig");
        }
        for name in required {
            if auth.method(name).is_none() {
                out.push(diagnostic(name, auth.key_span));
            }
        }
    }
}

fn diagnostic(method: &str, span: specc_ir::Span) -> Diagnostic {
    let what = match method {
        "getOAuthConfig" => "the authorize and token endpoints and the client credentials",
        _ => "how API requests are authenticated",
    };
    Diagnostic::error(MissingRequiredMethod::META.code, format!("`auth` has no `{method}` method"), span)
        .with_label(format!("`{method}` is required here"))
        .with_note(format!("`{method}` defines {what}; the SDK refuses a spec without it"))
        .with_help(format!("add `{method}:` with an `implementationType` and its file under `auth/`"))
}
