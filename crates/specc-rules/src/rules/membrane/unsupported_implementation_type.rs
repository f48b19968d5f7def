//! `membrane/unsupported-implementation-type`

use specc_dialects::membrane::{method_spec, MethodFile, MethodSyntax};

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A method of `auth:` uses an implementation type it does not support, or says nothing about how
    /// it is implemented:
    ///
    /// | method | supported types |
    /// | --- | --- |
    /// | `getOAuthConfig`, `makeApiClient`, `getTokenData`, `getCredentialsFromAccessTokenResponse`, `getCredentialsFromRefreshTokenResponse` | `mapping`, `javascript` |
    /// | `refreshCredentials`, `disconnect` | `javascript` |
    /// | `test` | `operation-mapping`, `rest-api-mapping`, `javascript` (not `mapping`) |
    ///
    /// It also reports the OAuth 2.0 methods (`getOAuthConfig`, `getTokenData`,
    /// `getCredentialsFrom…TokenResponse`) under an `auth.type` other than `oauth2`.
    ///
    /// Both spellings are accepted: `implementationType: mapping` (SDK and docs.integration.app) and
    /// `type: mapping` with an inline `mapping:` (docs.getmembrane.com).
    ///
    /// ## Why it matters
    /// The SDK's `ConnectorAuthMethodTypes.supportedImplementationTypes` rejects other types, so the
    /// connector does not load shows the
    /// `implementationType` per method).
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
    ///   refreshCredentials:
    ///     implementationType: mapping
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
    /// ```yaml title="auth/refresh-credentials.map.yml"
    /// @ access_token:
    /// @   $var: credentials.access_token
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
    ///   refreshCredentials:
    ///     implementationType: javascript
    /// ```
    /// ```js title="auth/refresh-credentials.js"
    /// @ exports.refreshCredentials = async function ({ credentials }) {
    /// @   return credentials
    /// @ }
    /// ```
    pub struct UnsupportedImplementationType {
        code: "membrane/unsupported-implementation-type",
        summary: "A connector auth method uses an implementation type it does not support",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for UnsupportedImplementationType {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(auth) = super::auth(cx) else { return };
        for m in &auth.methods {
            // The platform documentation's `getCredentialsFromTokenResponse` is `membrane/legacy-token-response-method`.
            let Some(spec) = method_spec(&m.name) else { continue };
            let allowed = spec.types.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ");
            match &m.implementation {
                Some(imp) if !spec.types.contains(&imp.value.as_str()) => out.push(
                    Diagnostic::error(
                        UnsupportedImplementationType::META.code,
                        format!("`{}` cannot be implemented as `{}`", m.name, imp.value),
                        imp.span,
                    )
                    .with_label("unsupported implementation type")
                    .with_help(format!("use one of {allowed}")),
                ),
                None if m.syntax == MethodSyntax::Bare && m.file != MethodFile::Inline => out.push(
                    Diagnostic::error(
                        UnsupportedImplementationType::META.code,
                        format!("`{}` does not say how it is implemented", m.name),
                        m.key_span,
                    )
                    .with_label("no `implementationType`")
                    .with_help(format!("add `implementationType:` with one of {allowed}")),
                ),
                _ => {}
            }
            if spec.oauth2_only && auth.auth_type.is_some() && !auth.is_oauth2() {
                let t = auth.auth_type.as_ref().map_or("", |t| t.value.as_str());
                let mut d = Diagnostic::error(
                    UnsupportedImplementationType::META.code,
                    format!("`{}` is only used by `type: oauth2` connectors, not `{t}`", m.name),
                    m.key_span,
                )
                .with_label("never called for this auth type")
                .with_help("remove the method, or set `auth.type: oauth2`");
                if let Some(at) = &auth.auth_type {
                    d = d.with_secondary(at.span, "auth type declared here");
                }
                out.push(d);
            }
        }
    }
}
