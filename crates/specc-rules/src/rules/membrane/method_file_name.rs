//! `membrane/method-file-name`

use specc_dialects::membrane::{file_keys, suffixes};

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A method's `filePath` does not follow the SDK's naming: `auth/<key><suffix>`, where `<key>` is
    /// the method's file key (`get-oauth-config` or `oauth-config` for `getOAuthConfig`,
    /// `make-api-client`, `test`, `get-token-data`, `refresh-credentials`...) and `<suffix>` matches
    /// the implementation type (`.map.yml`/`.yml` for `mapping`, `.js`/`.ts` for `javascript`,
    /// `.rest.yml`/`.api.yml` for `rest-api-mapping`, `.op.yml` for `operation-mapping`).
    ///
    /// ## Why it matters
    /// Tools that build or export connectors find method files by these names (MEM-SDK `fileKeys`,
    /// `CONNECTOR_METHOD_IMPLEMENTATION_SUFFIXES`); the platform documentation uses
    /// `auth/get-oauth-config.map.yml` and `auth/get-token-data.js`
    /// (Membrane's OAuth2 connector documentation (<https://docs.integration.app>)). A `.js` file behind a `mapping` method is not read
    /// as a mapping.
    ///
    /// ## Example
    /// ```yaml title="spec.yml"
    /// @ name: Example
    /// @ key: example
    /// auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    ///   test:
    ///     implementationType: javascript
    ///     filePath: auth/check-connection.js
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
    /// ```js title="auth/check-connection.js"
    /// @ exports.test = async function ({ apiClient }) {
    /// @   await apiClient.get('/me')
    /// @ }
    /// ```
    /// Use instead:
    /// ```yaml title="spec.yml"
    /// @ name: Example
    /// @ key: example
    /// auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    ///   test:
    ///     implementationType: javascript
    ///     filePath: auth/test.js
    /// ```
    /// ```js title="auth/test.js"
    /// @ exports.test = async function ({ apiClient }) {
    /// @   await apiClient.get('/me')
    /// @ }
    /// ```
    pub struct MethodFileName {
        code: "membrane/method-file-name",
        summary: "A method's file name does not match its method and implementation type",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for MethodFileName {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(auth) = super::auth(cx) else { return };
        for m in &auth.methods {
            let (Some(fp), Some(imp)) = (&m.file_path, &m.implementation) else { continue };
            let keys = file_keys(&m.name);
            let sfx = suffixes(&imp.value);
            if keys.is_empty() || sfx.is_empty() {
                continue;
            }
            let path = fp.value.trim_start_matches("./");
            let ok = keys.iter().any(|k| sfx.iter().any(|s| path == format!("auth/{k}{s}")));
            if ok {
                continue;
            }
            let expected =
                format!("auth/{}{}", keys.first().copied().unwrap_or(""), sfx.first().copied().unwrap_or(""));
            out.push(
                Diagnostic::warning(
                    MethodFileName::META.code,
                    format!("`{}` ({}) is in `{path}`, not `{expected}`", m.name, imp.value),
                    fp.span,
                )
                .with_label("unexpected file name")
                .with_help(format!("rename the file to `{expected}` and update `filePath`")),
            );
        }
    }
}
